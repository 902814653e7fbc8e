"""The receipt hash chain: each receipt's ``chain_hash`` is SHA-256 over the previous receipt's
hash and the canonical JSON of its own fields (all but the ``user`` link, which erasure may clear).

Altering any hashed field of a receipt, or removing one, breaks the chain from that row on;
``verify_chain`` names the first row where it breaks.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

GENESIS = "0" * 64


def canonical_fields(receipt: Any) -> dict[str, Any]:
    """The hashed fields of a receipt (a ``PolicyReceipt`` with its ``version`` loaded)."""
    return {
        "seq": receipt.seq,
        "subject_ref": receipt.subject_ref,
        "kind": receipt.version.kind,
        "version": receipt.version.version,
        "version_id": receipt.version_id,
        "locale": receipt.locale,
        "sha256": receipt.sha256,
        "context": receipt.context,
        "created_at": receipt.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "ip": receipt.ip or None,
        "user_agent": receipt.user_agent,
    }


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    receipt_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"receipt #{self.seq} (id {self.receipt_id})" if self.seq is not None else "end of chain"
        return f"{where}: {self.reason}"


def verify_chain(receipts: Any, head: Any | None) -> tuple[int, ChainProblem | None]:
    """Walk ``receipts`` (in ``seq`` order, versions loaded) and the head row; return how many rows
    were checked and the first problem, or ``None`` when the whole chain holds."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    for receipt in receipts:
        checked += 1
        if receipt.seq != expected_seq:
            return checked, ChainProblem(
                receipt.seq, receipt.pk, f"expected #{expected_seq} here: a receipt before it was removed"
            )
        if receipt.prev_hash != expected_prev:
            return checked, ChainProblem(
                receipt.seq, receipt.pk, "does not link to the receipt before it (that one was altered or removed)"
            )
        if chain_hash(receipt.prev_hash, canonical_fields(receipt)) != receipt.chain_hash:
            return checked, ChainProblem(receipt.seq, receipt.pk, "its fields were altered after it was written")
        expected_prev = receipt.chain_hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != expected_prev):
        return checked, ChainProblem(None, None, f"the chain head expects #{head.last_seq}: the newest were removed")
    return checked, None
