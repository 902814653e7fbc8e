"""Writes: freezing a version on every publish, recording receipts, detaching them on erasure.

The numbering, snapshot and outdated-translation rules are in ``policies.models``' docstring.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Revision

from shop.core.pseudonyms import subject_ref

from .chain import GENESIS, canonical_fields, chain_hash, version_fields
from .errors import PolicyChangeRefused, PolicyHashMismatch, PolicyVersionNotCurrent
from .models import (
    ChangeType,
    PolicyKindCounter,
    PolicyPage,
    PolicyReceipt,
    PolicyVersion,
    PolicyVersionText,
    ReceiptChainHead,
    ReceiptContext,
    TranslationReview,
)
from .receipts import receipt_payload
from .selectors import policy_current_number, policy_number_published, policy_text_get
from .signing import sign

if TYPE_CHECKING:
    from shop.accounts.models import User

logger = logging.getLogger(__name__)

USER_AGENT_MAX = 200
_SPACES = re.compile(r"\s+")
# Draftail marks each paragraph with a random key: editor plumbing, not content.
_BLOCK_KEYS = re.compile(r'\sdata-block-key="[^"]*"')


def _plain(html_fragment: str) -> str:
    return _SPACES.sub(" ", html.unescape(strip_tags(html_fragment))).strip()


def policy_render(*, page: PolicyPage) -> dict[str, Any]:
    """Title, blocks, ``body_html``, plain text and hash of ``page``'s current content.

    Rendered in the page's own language: internal links resolve to the translation in the active
    language, so an editor's admin language must not leak into the frozen bytes.
    """
    with translation.override(page.locale.language_code):
        blocks = []
        for child in page.body:
            block_html = _BLOCK_KEYS.sub("", str(child.render()))
            if child.block_type in ("bullets", "numbered"):
                items = [str(item) for item in child.value]
                blocks.append({"type": child.block_type, "text": "\n".join(items), "items": items, "html": block_html})
            else:
                blocks.append({"type": child.block_type, "text": _plain(block_html), "html": block_html})
    body_html = "\n".join(block["html"] for block in blocks)
    text_parts = []
    for block in blocks:
        if block["type"] == "bullets":
            text_parts.append("\n".join(f"• {item}" for item in block["items"]))
        elif block["type"] == "numbered":
            text_parts.append("\n".join(f"{n}. {item}" for n, item in enumerate(block["items"], start=1)))
        else:
            text_parts.append(block["text"])
    return {
        "title": page.title,
        "blocks": blocks,
        "body_html": body_html,
        "body_text": "\n\n".join(text_parts),
        "sha256": hashlib.sha256(body_html.encode("utf-8")).hexdigest(),
    }


_freezing_paused: ContextVar[bool] = ContextVar("policies_freezing_paused", default=False)


@contextmanager
def freezing_paused() -> Iterator[None]:
    """Publish several locales' pages without a version each; the caller then calls
    ``policy_freeze`` once to freeze them together (the demo loader's v1 in fi/et/en)."""
    token = _freezing_paused.set(True)
    try:
        yield
    finally:
        _freezing_paused.reset(token)


def freezing_is_paused() -> bool:
    return _freezing_paused.get()


def _should_freeze(page: PolicyPage, revision: Revision | None, alias: bool) -> bool:
    if alias or page.alias_of_id is not None or revision is None:
        return False
    # Scheduling a never-published page fires with live=False; an older revision firing late must
    # not overwrite a newer live one.
    return bool(page.live and page.live_revision_id == revision.pk)


def _carry(old: PolicyVersionText, version: PolicyVersion, *, revision_id: int, outdated: bool) -> PolicyVersionText:
    """``old`` in ``version``, byte for byte (never re-rendered: see the module docstring of models)."""
    return PolicyVersionText(
        version=version,
        locale=old.locale,
        title=old.title,
        body_html=old.body_html,
        body_text=old.body_text,
        blocks=old.blocks,
        sha256=old.sha256,
        revision_id=revision_id,
        text_version=old.text_version,
        text_published_at=old.text_published_at,
        change_type="",
        change_summary="",
        translation_outdated=outdated,
    )


def _refuse(message: str) -> None:
    raise PolicyChangeRefused(message)


def _reviewed_versions(kind: str) -> dict[str, int]:
    """Per locale, the newest version an editor confirmed that locale's text at."""
    reviewed: dict[str, int] = {}
    for locale, number in TranslationReview.objects.filter(kind=kind).values_list("locale", "version"):
        reviewed[locale] = max(number, reviewed.get(locale, 0))
    return reviewed


@transaction.atomic
def policy_freeze(
    *, page: PolicyPage | None, revision: Revision | None, alias: bool = False, withdrawn: PolicyPage | None = None
) -> PolicyVersion | None:
    """Freeze version N+1 of a kind after ``page`` was published with ``revision`` (or after
    ``withdrawn``, a translation, was unpublished or expired).

    Every locale with a live page gets a text; a locale whose text did not change (same live
    revision, or the same title and bytes rendered again) keeps the previous bytes. Returns
    ``None`` when nothing changed: an alias, a page that is not live, a stale revision, or a
    publish that changed no locale's title or body. Raises ``PolicyChangeRefused`` (and, inside
    the publish transaction, nothing goes live) when a changed text has no change type.
    """
    if withdrawn is None:
        assert page is not None
        if not _should_freeze(page, revision, alias):
            return None
        kind = page.kind
    else:
        kind = withdrawn.kind
    counter = PolicyKindCounter.objects.select_for_update().get_or_create(kind=kind)[0]
    previous = (
        PolicyVersion.objects.filter(kind=kind, version=counter.last_version).prefetch_related("texts").first()
        if counter.last_version
        else None
    )
    previous_texts = {text.locale: text for text in previous.texts.all()} if previous else {}

    live_pages = list(
        PolicyPage.objects.live()
        .filter(kind=kind, alias_of__isnull=True)
        .select_related("locale")
        .order_by("locale__language_code", "pk")
    )
    pages_by_locale: dict[str, PolicyPage] = {}
    for live_page in live_pages:
        code = live_page.locale.language_code
        if code in pages_by_locale:
            _refuse(_("Two live pages of this policy in one language: unpublish one of them first."))
        pages_by_locale[code] = live_page
    if page is not None and withdrawn is None:
        # The page that was just published, as the signal gave it (its live revision is ``revision``).
        pages_by_locale[page.locale.language_code] = page
    if withdrawn is not None:
        pages_by_locale.pop(withdrawn.locale.language_code, None)

    number = counter.last_version + 1
    now = timezone.now()
    default = settings.LANGUAGE_CODE
    changed: dict[str, dict[str, Any]] = {}
    unchanged: dict[str, tuple[PolicyVersionText, int]] = {}
    for code, live_page in sorted(pages_by_locale.items()):
        old = previous_texts.get(code)
        if old is not None and old.revision_id == live_page.live_revision_id:
            unchanged[code] = (old, old.revision_id)
            continue
        rendered = policy_render(page=live_page)
        if old is not None and rendered["sha256"] == old.sha256 and rendered["title"] == old.title:
            unchanged[code] = (old, live_page.live_revision_id)
            continue
        change_type = live_page.change_type
        if change_type not in ChangeType.values:
            _refuse(
                _("Choose whether this change to the %(language)s text is material or editorial.") % {"language": code}
            )
        summary = (live_page.change_summary or "").strip()
        if change_type == ChangeType.MATERIAL and not summary:
            _refuse(_("Summarise a material change for the shoppers who are asked again."))
        changed[code] = {"page": live_page, "rendered": rendered, "change_type": change_type, "summary": summary}
    withdrawn_locales = sorted(set(previous_texts) - set(pages_by_locale))
    if not changed and not withdrawn_locales:
        return None
    if default in withdrawn_locales:
        _refuse(_("The default language's policy cannot be unpublished: every other language falls back to it."))

    material = {code for code, change in changed.items() if change["change_type"] == ChangeType.MATERIAL}
    # Texts that other locales should be reviewed against: a locale's first text (a new
    # translation) changes nothing the others say.
    flagging = {code for code in material if code in previous_texts}
    source = page if withdrawn is None else withdrawn
    source_code = source.locale.language_code
    if source_code in changed:
        summary = changed[source_code]["summary"]
    elif withdrawn is not None:
        summary = str(_("The %(language)s translation was withdrawn; the default language applies.")) % {
            "language": source_code
        }
    else:
        summary = next(iter(changed.values()))["summary"]
    version = PolicyVersion(
        kind=kind,
        version=number,
        published_at=now,
        effective_from=(changed.get(source_code) or {"page": source})["page"].effective_from,
        change_type=ChangeType.MATERIAL if material else ChangeType.EDITORIAL,
        change_summary=summary,
        source_locale=source_code,
        source_revision=revision if withdrawn is None else None,
    )
    texts = []
    for code, (old, revision_id) in unchanged.items():
        outdated = old.translation_outdated or bool(flagging - {code})
        texts.append(_carry(old, version, revision_id=revision_id, outdated=outdated))
    for code, change in changed.items():
        texts.append(
            PolicyVersionText(
                version=version,
                locale=code,
                revision_id=change["page"].live_revision_id,
                text_version=number,
                text_published_at=now,
                change_type=change["change_type"],
                change_summary=change["summary"],
                translation_outdated=bool(flagging - {code}),
                **change["rendered"],
            )
        )
    _version_chain_append(version, texts)
    for text in sorted(texts, key=lambda t: t.locale):
        text.version = version
        text.full_clean()
        text.save()
    counter.last_version = number
    counter.save(update_fields=["last_version"])
    transaction.on_commit(lambda: policy_number_published(kind=kind, number=number))  # served at once
    logger.info("Froze %s v%s (from %s; changed: %s)", kind, number, source_code, ", ".join(sorted(changed)) or "-")
    if material:
        version_id = version.pk
        transaction.on_commit(lambda: notify_material_change(version_id=version_id))
    return version


def notify_material_change(*, version_id: int) -> None:
    """Enqueue the shopper emails for a material version (after commit; see ``policies.tasks``)."""
    from .tasks import send_material_change_notices

    send_material_change_notices.enqueue(version_id=version_id)


def policy_withdraw(*, page: PolicyPage) -> PolicyVersion | None:
    """``page`` (a translation) was unpublished or expired: freeze a version in which its locale
    falls back to the default language. The default language's page cannot be withdrawn while
    the kind has versions."""
    if page.alias_of_id is not None:
        return None
    if page.locale.language_code == settings.LANGUAGE_CODE:
        if PolicyVersion.objects.filter(kind=page.kind).exists():
            _refuse(_("The default language's policy cannot be unpublished: every other language falls back to it."))
        return None
    return policy_freeze(page=None, revision=None, withdrawn=page)


def _head(pk: int) -> ReceiptChainHead:
    head = ReceiptChainHead.objects.select_for_update().filter(pk=pk).first()
    if head is None:
        ReceiptChainHead.objects.create(pk=pk, last_seq=0, last_hash=GENESIS)
        head = ReceiptChainHead.objects.select_for_update().get(pk=pk)
    return head


def _version_chain_append(version: PolicyVersion, texts: list[PolicyVersionText]) -> None:
    """Link ``version`` (with ``texts``) to the versions chain and save it, holding the head lock."""
    head = _head(ReceiptChainHead.VERSIONS)
    version.chain_seq = head.last_seq + 1
    version.prev_hash = head.last_hash
    version.full_clean(exclude=["chain_hash"])
    version.chain_hash = chain_hash(head.last_hash, version_fields(version, texts))
    version.save()
    head.last_seq = version.chain_seq
    head.last_hash = version.chain_hash
    head.save(update_fields=["last_seq", "last_hash"])


def _chain_append(receipt: PolicyReceipt) -> PolicyReceipt:
    """Insert ``receipt`` at the end of the chain, signed, holding the head row's lock."""
    head = _head(ReceiptChainHead.RECEIPTS)
    receipt.seq = head.last_seq + 1
    receipt.prev_hash = head.last_hash
    receipt.receipt_id = receipt.receipt_id or uuid.uuid4()
    receipt.full_clean(exclude=["chain_hash", "jws"])  # first, so the hash covers the cleaned values
    receipt.chain_hash = chain_hash(head.last_hash, canonical_fields(receipt))
    receipt.jws = sign(receipt_payload(receipt))
    receipt.save()
    head.last_seq = receipt.seq
    head.last_hash = receipt.chain_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return receipt


def policy_check_acknowledgement(*, kind: str, version: int, locale: str, sha256: str) -> PolicyVersionText:
    """The current frozen text an acknowledgement refers to, or the reason it cannot be accepted.

    ``locale`` may be the locale asked for or the one served (they differ on fallback).
    """
    current = policy_current_number(kind=kind)
    if version != current:
        raise PolicyVersionNotCurrent(details={"kind": kind, "current_version": current})
    text, _fallback = policy_text_get(kind=kind, version=version, locale=locale)
    if (sha256 or "").lower() != text.sha256:
        raise PolicyHashMismatch(details={"kind": kind, "version": version, "locale": text.locale})
    return text


@transaction.atomic
def policy_acknowledge(
    *,
    user: User | None,
    kind: str,
    version: int,
    locale: str,
    sha256: str,
    context: str = ReceiptContext.REPROMPT,
    ip: str | None = None,
    user_agent: str = "",
    guest_ref: str = "",
) -> PolicyReceipt:
    """Record that ``user`` acknowledged the current ``kind`` text they were served. A guest at
    checkout has no account: ``user`` is ``None`` and ``guest_ref`` is their pseudonymous reference.

    Raises ``PolicyVersionNotCurrent`` (409) for a stale version and ``PolicyHashMismatch`` (400)
    when ``sha256`` is not the hash of the text served for ``locale``. ``ip`` must be minimised.
    """
    if user is None and not guest_ref:
        raise ValueError("a receipt needs a user or a guest reference")
    text = policy_check_acknowledgement(kind=kind, version=version, locale=locale, sha256=sha256)
    receipt = PolicyReceipt(
        user=user,
        subject_ref=subject_ref(user.pk) if user is not None else guest_ref,
        version=text.version,
        locale=text.locale,
        sha256=text.sha256,
        context=ReceiptContext(context),
        created_at=timezone.now(),
        ip=ip,
        user_agent=(user_agent or "")[:USER_AGENT_MAX],
    )
    return _chain_append(receipt)


@transaction.atomic
def translation_review_confirm(*, kind: str, locale: str, user: User | None) -> TranslationReview:
    """An editor confirms that ``locale``'s current text still fits after a material change in
    another locale: the admin stops flagging it until the next material change elsewhere."""
    number = policy_current_number(kind=kind)
    review = TranslationReview(kind=kind, locale=locale, version=number, user=user)
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def receipts_detach(*, user: User) -> int:
    """Erasure: unlink ``user`` from their receipts (the one change the append-only guard allows).
    The receipts, their ``subject_ref`` and the chain stay intact. Returns how many were detached."""
    return PolicyReceipt.objects.filter(user=user).update(user=None)
