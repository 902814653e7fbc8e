from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    """Versioned multilingual policies (privacy, terms, cookies) and acknowledgement receipts."""

    name = "policies"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import privacy  # noqa: F401  (registers the receipts with the privacy export/erasure)
        from .models import PolicyPage
        from .signals import freeze_on_publish

        # page_published is the one signal every publish path sends (admin, scheduled, code,
        # workflow, translation copies); see ../shared/STACK.md.
        page_published.connect(freeze_on_publish, sender=PolicyPage, dispatch_uid="policies_freeze_on_publish")
