"""Reads of policies and receipts, scoped and prefetched for the endpoints that use them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from shop.core.locale import default_locale

from .errors import PolicyNotFound
from .models import ChangeType, PolicyKind, PolicyKindCounter, PolicyReceipt, PolicyVersion, PolicyVersionText

if TYPE_CHECKING:
    from shop.accounts.models import User

#: Kinds a signed-in shopper must have acknowledged (terms are acknowledged at checkout, cookies
#: through the cookie banner).
REQUIRED_KINDS = (PolicyKind.PRIVACY,)

CURRENT_CACHE_TIMEOUT = 24 * 60 * 60


def policy_kind_check(kind: str) -> str:
    """``kind`` when it names a policy kind; else the API's 404 ``policy_not_found``."""
    if kind not in PolicyKind.values:
        raise PolicyNotFound()
    return kind


def policy_current_numbers() -> dict[str, int]:
    """The current version number per kind that has one (one small query, never cached: it is
    what makes every cached payload correct right after a publish, whichever process serves)."""
    return {kind: n for kind, n in PolicyKindCounter.objects.values_list("kind", "last_version") if n}


def policy_current_number(*, kind: str) -> int:
    number = PolicyKindCounter.objects.filter(kind=kind).values_list("last_version", flat=True).first()
    if not number:
        raise PolicyNotFound()
    return number


def _pick(texts: list[PolicyVersionText], locale: str) -> tuple[PolicyVersionText | None, bool]:
    by_locale = {text.locale: text for text in texts}
    if locale in by_locale:
        return by_locale[locale], False
    return by_locale.get(default_locale()), True


def policy_text_get(*, kind: str, version: int, locale: str) -> tuple[PolicyVersionText, bool]:
    """The frozen text of ``kind`` v``version`` served for ``locale`` and whether it is the
    default locale's text standing in (fallback). One query."""
    texts = list(
        PolicyVersionText.objects.select_related("version").filter(
            version__kind=kind, version__version=version, locale__in={locale, default_locale()}
        )
    )
    text, fallback = _pick(texts, locale)
    if text is None:
        raise PolicyNotFound()
    return text, fallback


def policy_text_as_dict(text: PolicyVersionText, *, fallback: bool) -> dict[str, Any]:
    version = text.version
    return {
        "kind": version.kind,
        "version": version.version,
        "locale": text.locale,
        "fallback": fallback,
        "title": text.title,
        "body_html": text.body_html,
        "sha256": text.sha256,
        "published_at": version.published_at,
        "effective_from": version.effective_from,
        "change_type": version.change_type,
        "change_summary": version.change_summary,
        "translation_outdated": text.translation_outdated,
    }


def _current_cache_key(kind: str, version: int, locale: str) -> str:
    return f"policies:current:{kind}:v{version}:{locale}"


def policy_current_payload(*, kind: str, locale: str) -> dict[str, Any]:
    """The current version of ``kind`` for ``locale`` as the API serves it.

    The cache key holds the current version number, read fresh on every call: a publish makes a
    new number, so every process sharing the cache (or not) serves the new version at once, and a
    frozen version's payload never needs purging.
    """
    number = policy_current_number(kind=policy_kind_check(kind))
    key = _current_cache_key(kind, number, locale)
    payload = cache.get(key)
    if payload is None:
        text, fallback = policy_text_get(kind=kind, version=number, locale=locale)
        payload = policy_text_as_dict(text, fallback=fallback)
        cache.set(key, payload, CURRENT_CACHE_TIMEOUT)
    return payload


def _texts_prefetch(locale: str) -> Prefetch:
    return Prefetch(
        "texts",
        queryset=PolicyVersionText.objects.filter(locale__in={locale, default_locale()}),
        to_attr="served_texts",
    )


def policy_current_list(*, locale: str) -> list[dict[str, Any]]:
    """The current version of every kind that has one, in ``locale`` (two queries)."""
    numbers = policy_current_numbers()
    if not numbers:
        return []
    condition = Q()
    for kind, number in numbers.items():
        condition |= Q(kind=kind, version=number)
    versions = PolicyVersion.objects.filter(condition).prefetch_related(_texts_prefetch(locale))
    by_kind = {version.kind: version for version in versions}
    result = []
    for kind in PolicyKind.values:
        version = by_kind.get(kind)
        if version is None:
            continue
        text, fallback = _pick(version.served_texts, locale)
        if text is not None:
            text.version = version
            result.append(policy_text_as_dict(text, fallback=fallback))
    return result


def policy_versions(*, kind: str, locale: str) -> QuerySet[PolicyVersion]:
    """The archive of ``kind``, newest first, each with its text for ``locale`` (and the default
    locale's, for fallback) prefetched as ``served_texts``."""
    versions = PolicyVersion.objects.filter(kind=policy_kind_check(kind)).order_by("-version")
    return versions.prefetch_related(_texts_prefetch(locale))


def policy_version_served_text(version: PolicyVersion, *, locale: str) -> dict[str, Any] | None:
    text, fallback = _pick(version.served_texts, locale)
    if text is None:
        return None
    text.version = version
    return policy_text_as_dict(text, fallback=fallback)


def policy_text_outdated(*, kind: str, locale: str) -> bool:
    """Whether the current frozen text of ``kind`` in ``locale`` is flagged outdated."""
    return PolicyVersionText.objects.filter(
        version__kind=kind,
        version__version__in=PolicyKindCounter.objects.filter(kind=kind).values("last_version"),
        locale=locale,
        translation_outdated=True,
    ).exists()


def policy_diff_url(*, kind: str, from_version: int, to_version: int, locale: str) -> str:
    path = reverse("api-v1:policy-diff", kwargs={"kind": kind})
    return f"{path}?{urlencode({'from': from_version, 'to': to_version, 'locale': locale})}"


def me_policy_status(*, user: User, locale: str) -> list[dict[str, Any]]:
    """Per kind with a published version: what ``user`` last acknowledged, the current version and
    whether they must acknowledge again (a material version newer than theirs). Three queries."""
    numbers = policy_current_numbers()
    acknowledged: dict[str, PolicyReceipt] = {}
    receipts = (
        PolicyReceipt.objects.filter(user=user)
        .select_related("version")
        .order_by("-version__version", "-created_at", "-pk")
    )
    for receipt in receipts:
        acknowledged.setdefault(receipt.version.kind, receipt)
    material = {}
    for kind, number in PolicyVersion.objects.filter(change_type=ChangeType.MATERIAL).values_list("kind", "version"):
        material.setdefault(kind, []).append(number)

    result = []
    for kind in PolicyKind.values:
        current = numbers.get(kind)
        if current is None:
            continue
        receipt = acknowledged.get(kind)
        mine = receipt.version.version if receipt else None
        if mine is None:
            action_required = kind in REQUIRED_KINDS
        else:
            action_required = any(mine < number <= current for number in material.get(kind, []))
        result.append(
            {
                "kind": kind,
                "current_version": current,
                "acknowledged_version": mine,
                "acknowledged_at": receipt.created_at if receipt else None,
                "action_required": action_required,
                "diff_url": (
                    policy_diff_url(kind=kind, from_version=mine, to_version=current, locale=locale)
                    if mine is not None and mine != current
                    else None
                ),
            }
        )
    return result


def receipts_for_user(*, user: User) -> QuerySet[PolicyReceipt]:
    return PolicyReceipt.objects.filter(user=user).select_related("version").order_by("-created_at", "-pk")


def receipt_as_dict(receipt: PolicyReceipt) -> dict[str, Any]:
    return {
        "kind": receipt.version.kind,
        "version": receipt.version.version,
        "locale": receipt.locale,
        "sha256": receipt.sha256,
        "context": receipt.context,
        "created_at": receipt.created_at,
    }


def receipts_export(*, user: User) -> list[dict[str, Any]]:
    """Everything the receipts say about ``user``, for the privacy export (JSON-ready apart from
    datetimes, which DRF or DjangoJSONEncoder render)."""
    return [
        {**receipt_as_dict(receipt), "ip": receipt.ip, "user_agent": receipt.user_agent}
        for receipt in receipts_for_user(user=user)
    ]


def receipts_for_audit(
    *, kind: str | None = None, version: int | None = None, date_from: date | None = None, date_to: date | None = None
) -> QuerySet[PolicyReceipt]:
    receipts = PolicyReceipt.objects.select_related("version").order_by("seq")
    if kind:
        receipts = receipts.filter(version__kind=kind)
    if version:
        receipts = receipts.filter(version__version=version)
    if date_from:
        receipts = receipts.filter(created_at__date__gte=date_from)
    if date_to:
        receipts = receipts.filter(created_at__date__lte=date_to)
    return receipts


def receipt_counts(*, kind: str) -> dict[tuple[int, str], int]:
    """How many receipts point at each (version id, locale) of ``kind``: one query."""
    rows = (
        PolicyReceipt.objects.filter(version__kind=kind)
        .values("version_id", "locale")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["version_id"], row["locale"]): row["n"] for row in rows}
