"""Reads of policies and receipts, scoped and prefetched for the endpoints that use them."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from shop.core.locale import default_locale
from shop.core.prepared import Param, PreparedValues
from shop.core.pseudonyms import subject_ref

from .chain import canonical_fields, chain_hash
from .errors import PolicyNotFound, ReceiptNotFound
from .models import (
    ChangeType,
    PolicyKind,
    PolicyReceipt,
    PolicyVersion,
    PolicyVersionText,
    TranslationReview,
)
from .signing import verify

if TYPE_CHECKING:
    from shop.accounts.models import User

#: Kinds a signed-in shopper must have acknowledged (terms are acknowledged at checkout, cookies
#: through the cookie banner).
REQUIRED_KINDS = (PolicyKind.PRIVACY,)


def policy_kind_check(kind: str) -> str:
    """``kind`` when it names a policy kind; else the API's 404 ``policy_not_found``."""
    if kind not in PolicyKind.values:
        raise PolicyNotFound()
    return kind


def policy_current_numbers() -> dict[str, int]:
    """The current version number per kind that has one (one small query, never cached: it is
    what makes every cached payload correct right after a publish, whichever process serves).

    The newest frozen version, read from the append-only versions table (an index scan), not the
    numbering counter: setting the counter back cannot make the API serve an old version."""
    return {row["kind"]: row["newest"] for row in _newest_versions()}


# Every checkout and signup reads the numbers in force: compiled once (shop.core.prepared).
_newest_versions = PreparedValues(
    lambda: PolicyVersion.objects.values("kind").annotate(newest=Max("version")).order_by().values("kind", "newest")
)


_newest_version = PreparedValues(
    lambda: PolicyVersion.objects.filter(kind=Param("kind")).order_by("-version").values("version")[:1]
)


def policy_current_number(*, kind: str) -> int:
    """The newest frozen version of ``kind``: one indexed lookup on the append-only versions table,
    on every call (never cached, so every process serves a publish at once). Read from the
    versions themselves, not the numbering counter: setting the counter back cannot make the API
    serve an old version. Compiled once (``shop.core.prepared``): every signup and policy link
    reads it."""
    rows = _newest_version(kind=kind)
    if not rows:
        raise PolicyNotFound()
    return rows[0]["version"]


def policy_number_cache_key(kind: str) -> str:
    return f"policies:current-number:{kind}"


def policy_current_number_served(*, kind: str) -> int:
    """The version number ``GET /policies/{kind}/`` serves: ``policy_current_number``, kept in the
    cache for ``POLICY_CURRENT_CACHE_SECONDS`` (one second by default).

    Every signup and policy link reads the current policy, and on PostgreSQL that one indexed
    lookup's round trip was two thirds of a cached answer. A publish writes the new number into
    the cache when it commits (``policy_number_published``): with the shared cache of production
    (Redis) every process serves the new version at once; with the in-process cache, other
    processes follow within the window. A reader that looked the number up just before the publish
    only ``add``s it, so it never overwrites the newer one. Nothing that records evidence reads
    this: an acknowledgement and a checkout check the database itself."""
    key = policy_number_cache_key(kind)
    number = cache.get(key)
    if number is None:
        number = policy_current_number(kind=kind)
        if settings.POLICY_CURRENT_CACHE_SECONDS > 0:
            cache.add(key, number, settings.POLICY_CURRENT_CACHE_SECONDS)
    return number


def policy_number_published(*, kind: str, number: int) -> None:
    """After a publish commits: the number every process serves from now on."""
    if settings.POLICY_CURRENT_CACHE_SECONDS > 0:
        cache.set(policy_number_cache_key(kind), number, settings.POLICY_CURRENT_CACHE_SECONDS)


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


def policy_current_text(*, kind: str, locale: str) -> tuple[PolicyVersionText, bool]:
    """The current frozen text of ``kind`` served for ``locale`` (and whether it falls back)."""
    return policy_text_get(kind=kind, version=policy_current_number(kind=kind), locale=locale)


def policy_text_as_dict(text: PolicyVersionText, *, fallback: bool) -> dict[str, Any]:
    """``change_type`` and ``change_summary`` are this locale's: a version that changed only
    another locale's text is an editorial non-change here (``action_required`` follows suit)."""
    version = text.version
    changed_here = text.text_version == version.version
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
        "change_type": (text.change_type or version.change_type) if changed_here else ChangeType.EDITORIAL,
        "change_summary": (text.change_summary if text.change_type else version.change_summary) if changed_here else "",
        "translation_outdated": text.translation_outdated,
    }


def policy_current_cache_key(*, kind: str, version: int, locale: str) -> str:
    """Where a rendered current policy is kept: under its frozen version number, so a publish makes
    a new key and an old entry is never read again (nothing needs purging)."""
    return f"policies:current:{kind}:v{version}:{locale}"


def policy_current_payload(*, kind: str, locale: str, version: int | None = None) -> dict[str, Any]:
    """The current version of ``kind`` (or the given current ``version``) for ``locale`` as the API
    serves it."""
    number = version or policy_current_number(kind=policy_kind_check(kind))
    text, fallback = policy_text_get(kind=kind, version=number, locale=locale)
    return policy_text_as_dict(text, fallback=fallback)


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
    """Whether the current frozen text of ``kind`` in ``locale`` needs an editor's review."""
    return locale in policy_needs_review(kind=kind)


def policy_needs_review(*, kind: str) -> dict[str, int]:
    """Locales whose current text of ``kind`` an editor should review: another locale changed
    materially after this one's text was published, and nobody confirmed it since. Maps each such
    locale to the version of that material change. Four small queries."""
    number = PolicyVersion.objects.filter(kind=kind).aggregate(newest=Max("version"))["newest"]
    if not number:
        return {}
    current = list(
        PolicyVersionText.objects.filter(version__kind=kind, version__version=number).values_list(
            "locale", "text_version"
        )
    )
    # A locale's first text (a new translation) changes nothing another locale says.
    first = dict(
        PolicyVersionText.objects.filter(version__kind=kind)
        .values("locale")
        .annotate(first=Min("version__version"))
        .values_list("locale", "first")
    )
    material = [
        (locale, version)
        for locale, version in PolicyVersionText.objects.filter(
            version__kind=kind, change_type=ChangeType.MATERIAL
        ).values_list("locale", "version__version")
        if version != first.get(locale)
    ]
    reviewed: dict[str, int] = {}
    for locale, version in TranslationReview.objects.filter(kind=kind).values_list("locale", "version"):
        reviewed[locale] = max(version, reviewed.get(locale, 0))
    result = {}
    for locale, text_version in current:
        newer = [v for other, v in material if other != locale and v > max(text_version, reviewed.get(locale, 0))]
        if newer:
            result[locale] = max(newer)
    return result


def policy_diff_url(*, kind: str, from_version: int, to_version: int, locale: str) -> str:
    path = reverse("api-v1:policy-diff", kwargs={"kind": kind})
    return f"{path}?{urlencode({'from': from_version, 'to': to_version, 'locale': locale})}"


def material_text_versions() -> dict[tuple[str, str], list[int]]:
    """Per (kind, locale): the versions in which that locale's text changed materially (one query)."""
    material: dict[tuple[str, str], list[int]] = {}
    rows = PolicyVersionText.objects.filter(change_type=ChangeType.MATERIAL).values_list(
        "version__kind", "locale", "version__version"
    )
    for kind, locale, number in rows:
        material.setdefault((kind, locale), []).append(number)
    return material


def me_policy_status(*, user: User, locale: str) -> list[dict[str, Any]]:
    """Per kind with a published version: what ``user`` last acknowledged, the current version and
    whether they must acknowledge again: only when the text in the locale they acknowledged (the
    locale of the text served to them) changed materially after their receipt. Three queries."""
    numbers = policy_current_numbers()
    acknowledged: dict[str, PolicyReceipt] = {}
    receipts = (
        PolicyReceipt.objects.filter(user=user)
        .select_related("version")
        .order_by("-version__version", "-created_at", "-pk")
    )
    for receipt in receipts:
        acknowledged.setdefault(receipt.version.kind, receipt)
    material = material_text_versions()

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
            changes = material.get((kind, receipt.locale), [])
            action_required = any(mine < number <= current for number in changes)
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


def receipt_for_user(*, user: User, receipt_id: int) -> PolicyReceipt:
    receipt = receipts_for_user(user=user).filter(pk=receipt_id).first()
    if receipt is None:
        raise ReceiptNotFound()
    return receipt


def receipt_as_dict(receipt: PolicyReceipt) -> dict[str, Any]:
    return {
        "id": receipt.pk,
        "kind": receipt.version.kind,
        "version": receipt.version.version,
        "locale": receipt.locale,
        "sha256": receipt.sha256,
        "context": receipt.context,
        "created_at": receipt.created_at,
        "jws": receipt.jws,
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


def audit_subject(*, query: str) -> tuple[str | None, Any]:
    """The subject reference an auditor's ``query`` means: an email address of an existing account
    (its reference), or a subject reference itself (what stays after erasure). Returns
    ``(subject_ref, user_or_None)``; ``(None, None)`` when nothing matches."""
    query = (query or "").strip()
    if "@" in query:
        user = get_user_model().objects.filter(email__iexact=query).first()
        return (subject_ref(user.pk), user) if user else (None, None)
    if len(query) == 64 and all(c in "0123456789abcdef" for c in query.lower()):
        return query.lower(), None
    return None, None


def audit_receipts(*, subject: str) -> list[dict[str, Any]]:
    """Every receipt of ``subject`` with the exact frozen text it points to and, per receipt, the
    signature, chain-link and text-hash status. Four queries whatever the number of receipts."""
    receipts = list(PolicyReceipt.objects.filter(subject_ref=subject).select_related("version").order_by("seq"))
    previous = dict(
        PolicyReceipt.objects.filter(seq__in=[r.seq - 1 for r in receipts]).values_list("seq", "chain_hash")
    )
    wanted = Q(pk__in=[])
    for receipt in receipts:
        wanted |= Q(version_id=receipt.version_id, locale=receipt.locale)
    texts = {(t.version_id, t.locale): t for t in PolicyVersionText.objects.filter(wanted)} if receipts else {}
    rows = []
    for receipt in receipts:
        text = texts.get((receipt.version_id, receipt.locale))
        result = verify(receipt.jws) if receipt.jws else None
        prev_ok = receipt.prev_hash == previous.get(receipt.seq - 1, "0" * 64 if receipt.seq == 1 else None)
        rows.append(
            {
                "receipt": receipt,
                "text": text,
                "signature_ok": bool(result and result.valid),
                "signature_reason": (result.reason if result else "missing"),
                "chain_ok": prev_ok and chain_hash(receipt.prev_hash, canonical_fields(receipt)) == receipt.chain_hash,
                "text_ok": text is not None
                and text.sha256 == receipt.sha256
                and hashlib.sha256(text.body_html.encode()).hexdigest() == text.sha256,
            }
        )
    return rows
