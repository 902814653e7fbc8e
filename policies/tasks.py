"""Background work: telling shoppers about a material change (django-tasks; enqueued after the
freezing transaction commits, see ``policies.services.policy_freeze``)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from shop.core.mail import build_email

from .models import ChangeType, PolicyChangeNotice, PolicyKind, PolicyReceipt, PolicyVersion


def storefront_diff_url(*, kind: str, from_version: int, to_version: int) -> str:
    """The storefront's page showing what changed (built on ``GET /api/v1/policies/{kind}/diff/``)."""
    return f"{settings.SITE_URL}/policies/{kind}/diff?from={from_version}&to={to_version}"


@task(backend="background")  # the database queue in production (see TASKS), immediate in tests
def send_material_change_notices(version_id: int) -> int:
    """Email every shopper whose acknowledged text (in the locale they acknowledged) changed
    materially in this version: once per shopper and version (``PolicyChangeNotice`` is unique,
    and a row already sent is skipped), so a retried task never mails twice. Returns how many
    emails were sent."""
    version = PolicyVersion.objects.get(pk=version_id)
    texts = {text.locale: text for text in version.texts.filter(change_type=ChangeType.MATERIAL)}
    if not texts:
        return 0
    latest: dict[int, PolicyReceipt] = {}
    receipts = (
        PolicyReceipt.objects.filter(user__isnull=False, version__kind=version.kind)
        .select_related("version", "user")
        .order_by("user_id", "-version__version", "-created_at", "-pk")
    )
    for receipt in receipts:
        latest.setdefault(receipt.user_id, receipt)
    sent = 0
    for receipt in latest.values():
        text = texts.get(receipt.locale)
        if text is None or receipt.version.version >= version.version or not receipt.user.is_active:
            continue
        sent += _send_notice(receipt=receipt, version=version, summary=text.change_summary)
    return sent


def _send_notice(*, receipt: PolicyReceipt, version: PolicyVersion, summary: str) -> int:
    user = receipt.user
    with transaction.atomic():
        notice, _created = PolicyChangeNotice.objects.get_or_create(
            user=user, version=version, defaults={"locale": receipt.locale}
        )
        notice = PolicyChangeNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.sent_at is not None:
            return 0
        language = getattr(user, "locale", "") or receipt.locale
        with translation.override(language):
            kind_label = str(PolicyKind(version.kind).label)
        message = build_email(
            "policies/email/material_change",
            to=user.email,
            locale=language,
            context={
                "kind_label": kind_label,
                "from_version": receipt.version.version,
                "to_version": version.version,
                "summary": summary,
                "diff_url": storefront_diff_url(
                    kind=version.kind, from_version=receipt.version.version, to_version=version.version
                ),
            },
        )
        message.send(fail_silently=False)
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return 1
