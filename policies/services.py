"""Writes: freezing a version on every publish, recording receipts, detaching them on erasure.

The numbering, snapshot and outdated-translation rules are in ``policies.models``' docstring.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.models import Revision

from shop.core.pseudonyms import subject_ref

from .chain import GENESIS, canonical_fields, chain_hash
from .errors import PolicyHashMismatch, PolicyVersionNotCurrent
from .models import (
    ChangeType,
    PolicyKindCounter,
    PolicyPage,
    PolicyReceipt,
    PolicyVersion,
    PolicyVersionText,
    ReceiptChainHead,
    ReceiptContext,
)
from .selectors import policy_current_number, policy_text_get

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


@transaction.atomic
def policy_freeze(*, page: PolicyPage, revision: Revision | None, alias: bool = False) -> PolicyVersion | None:
    """Freeze version N+1 of ``page.kind`` after ``page`` was published with ``revision``.

    Returns ``None`` when there is nothing to freeze (alias, not live, stale revision, or this
    revision is already frozen, e.g. the signal was sent twice).
    """
    if not _should_freeze(page, revision, alias):
        return None
    kind = page.kind
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
            logger.error("Two live %s policy pages in locale %s; freezing page %s", kind, code, pages_by_locale[code])
            continue
        pages_by_locale[code] = live_page
    # The page that was just published, as the signal gave it (its live revision is ``revision``).
    pages_by_locale[page.locale.language_code] = page

    # One version per publish: a signal sent twice for the same revision freezes nothing new. A
    # concurrent publish whose text an earlier freeze already picked up still gets its own
    # version (its texts carried over byte for byte), so every publish is on record.
    if PolicyVersion.objects.filter(kind=kind, source_revision=revision).exists():
        return None

    number = counter.last_version + 1
    now = timezone.now()
    version = PolicyVersion(
        kind=kind,
        version=number,
        published_at=now,
        effective_from=page.effective_from,
        change_type=page.change_type,
        change_summary=page.change_summary,
        source_locale=page.locale.language_code,
        source_revision=revision,
    )
    version.full_clean()
    version.save()

    default = settings.LANGUAGE_CODE
    default_page = pages_by_locale.get(default)
    default_changed = default_page is not None and (
        default not in previous_texts or previous_texts[default].revision_id != default_page.live_revision_id
    )
    material_default_change = default_changed and version.change_type == ChangeType.MATERIAL

    for code, live_page in sorted(pages_by_locale.items()):
        old = previous_texts.get(code)
        if old is not None and old.revision_id == live_page.live_revision_id:
            # Carried over byte for byte: never re-rendered (see the module docstring of models).
            outdated = code != default and (old.translation_outdated or material_default_change)
            text = PolicyVersionText(
                version=version,
                locale=code,
                title=old.title,
                body_html=old.body_html,
                body_text=old.body_text,
                blocks=old.blocks,
                sha256=old.sha256,
                revision_id=old.revision_id,
                text_version=old.text_version,
                text_published_at=old.text_published_at,
                translation_outdated=outdated,
            )
        else:
            rendered = policy_render(page=live_page)
            text = PolicyVersionText(
                version=version,
                locale=code,
                revision_id=live_page.live_revision_id,
                text_version=number,
                text_published_at=now,
                translation_outdated=False,
                **rendered,
            )
        text.full_clean()
        text.save()
    counter.last_version = number
    counter.save(update_fields=["last_version"])
    logger.info("Froze %s v%s (published in %s)", kind, number, version.source_locale)
    return version


def _chain_append(receipt: PolicyReceipt) -> PolicyReceipt:
    """Insert ``receipt`` at the end of the chain, holding the head row's lock."""
    head = ReceiptChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = ReceiptChainHead.objects.create(pk=1, last_seq=0, last_hash=GENESIS)
        head = ReceiptChainHead.objects.select_for_update().get(pk=1)
    receipt.seq = head.last_seq + 1
    receipt.prev_hash = head.last_hash
    receipt.full_clean(exclude=["chain_hash"])  # first, so the hash covers the cleaned values
    receipt.chain_hash = chain_hash(head.last_hash, canonical_fields(receipt))
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
    user: User,
    kind: str,
    version: int,
    locale: str,
    sha256: str,
    context: str = ReceiptContext.REPROMPT,
    ip: str | None = None,
    user_agent: str = "",
) -> PolicyReceipt:
    """Record that ``user`` acknowledged the current ``kind`` text they were served.

    Raises ``PolicyVersionNotCurrent`` (409) for a stale version and ``PolicyHashMismatch`` (400)
    when ``sha256`` is not the hash of the text served for ``locale``. ``ip`` must be minimised.
    """
    text = policy_check_acknowledgement(kind=kind, version=version, locale=locale, sha256=sha256)
    receipt = PolicyReceipt(
        user=user,
        subject_ref=subject_ref(user.pk),
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
def receipts_detach(*, user: User) -> int:
    """Erasure: unlink ``user`` from their receipts (the one change the append-only guard allows).
    The receipts, their ``subject_ref`` and the chain stay intact. Returns how many were detached."""
    return PolicyReceipt.objects.filter(user=user).update(user=None)
