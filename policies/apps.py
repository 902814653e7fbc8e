from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    """Versioned multilingual policies (privacy, terms, cookies) and acknowledgement receipts."""

    name = "policies"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from . import (
            guards,
            privacy,  # noqa: F401  (registers the receipts with the privacy export/erasure)
        )
        from .models import PolicyPage
        from .signals import freeze_on_publish, freeze_on_unpublish

        # page_published is the one signal every publish path sends (admin, scheduled, code,
        # workflow, translation copies); page_unpublished every unpublish and expiry. The guards
        # make both actions atomic for policy pages and refuse copy, alias and move.
        page_published.connect(freeze_on_publish, sender=PolicyPage, dispatch_uid="policies_freeze_on_publish")
        page_unpublished.connect(freeze_on_unpublish, sender=PolicyPage, dispatch_uid="policies_freeze_on_unpublish")
        guards.install()
