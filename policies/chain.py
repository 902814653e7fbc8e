"""The evidence chains: frozen versions (with their texts) and receipts, each a list of rows in
which every row's ``chain_hash`` is an HMAC (key ``EVIDENCE_CHAIN_KEY``, outside the database)
over the previous row's hash and the canonical JSON of its own fields.

Without the key, a row cannot be altered, inserted or removed in the middle without breaking the
chain from there on; the chain heads (and the anchors ``manage.py anchor_evidence`` writes outside
the database) expose removed tail rows. ``policies.evidence`` walks both chains.
"""

from datetime import UTC
from typing import Any

from .signing import chain_mac

GENESIS = "0" * 64


def _ts(value: Any) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_fields(receipt: Any) -> dict[str, Any]:
    """The chained fields of a receipt (a ``PolicyReceipt`` with its ``version`` loaded): all but
    the ``user`` link, which erasure clears, and the JWS, which carries the chain link itself."""
    return {
        "seq": receipt.seq,
        "subject_ref": receipt.subject_ref,
        "kind": receipt.version.kind,
        "version": receipt.version.version,
        "version_id": receipt.version_id,
        "locale": receipt.locale,
        "sha256": receipt.sha256,
        "context": receipt.context,
        "created_at": _ts(receipt.created_at),
        "ip": receipt.ip or None,
        "user_agent": receipt.user_agent,
        "receipt_id": str(receipt.receipt_id) if receipt.receipt_id else None,
    }


def version_fields(version: Any, texts: list[Any]) -> dict[str, Any]:
    """The chained fields of a frozen version and every text of it (sorted by locale)."""
    return {
        "seq": version.chain_seq,
        "kind": version.kind,
        "version": version.version,
        "published_at": _ts(version.published_at),
        "effective_from": version.effective_from.isoformat(),
        "change_type": version.change_type,
        "change_summary": version.change_summary,
        "source_locale": version.source_locale,
        "source_revision_id": version.source_revision_id,
        "texts": [
            {
                "locale": text.locale,
                "title": text.title,
                "sha256": text.sha256,
                "revision_id": text.revision_id,
                "text_version": text.text_version,
                "text_published_at": _ts(text.text_published_at),
                "change_type": text.change_type,
                "change_summary": text.change_summary,
                "translation_outdated": text.translation_outdated,
            }
            for text in sorted(texts, key=lambda t: t.locale)
        ],
    }


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return chain_mac(prev_hash, fields)
