"""Checking the policy evidence, and anchoring it outside the database.

``verify_evidence`` walks both chains (``policies.chain``) and names every problem it finds by a
stable check name:

* ``version_chain``: a frozen version or one of its texts was altered, inserted or removed (the
  keyed link does not match, a sequence number is missing, or the chain head disagrees);
* ``text_hash``: a frozen text's ``sha256`` is not the SHA-256 of its stored ``body_html``;
* ``version_numbers``: a kind's version numbers are not 1..N without gaps;
* ``counter``: a kind's counter (what the API serves as current) is not its newest version;
* ``receipt_chain``: a receipt was altered, inserted or removed;
* ``receipt_signature``: a receipt's JWS does not verify, or says something other than the row;
* ``receipt_subject``: a receipt was re-linked to another account than the one it was signed for
  (the ``user`` link is outside the chain because erasure clears it);
* ``receipt_text``: a receipt's hash is not the hash of the frozen text it points at;
* ``anchor``: the database holds less than (or something else than) the newest anchor written
  by ``anchor_evidence``: rows removed from the tail, a table truncated, a chain rewritten or a
  counter set back.

An anchor is the signed heads of both chains and every counter, appended as one line of JSON to
``EVIDENCE_ANCHOR_PATH`` (a file outside the database; ship it to write-once storage).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from shop.core.pseudonyms import subject_ref

from .chain import GENESIS, canonical_fields, chain_hash, version_fields
from .models import PolicyKindCounter, PolicyReceipt, PolicyVersion, PolicyVersionText, ReceiptChainHead
from .receipts import receipt_payload
from .signing import sign, verify


@dataclass(frozen=True)
class Problem:
    check: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.detail}"


@dataclass
class Report:
    versions: int = 0
    receipts: int = 0
    anchor: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, detail: str) -> None:
        self.problems.append(Problem(check, detail))

    def checks(self) -> set[str]:
        return {problem.check for problem in self.problems}


def _walk(
    rows: Iterable[Any], *, seq_of: Any, fields_of: Any, check: str, label: str, head: Any, report: Report
) -> tuple[int, str]:
    """Walk one chain in sequence order; report the first break; return (last seq, last hash)."""
    expected_prev, expected_seq = GENESIS, 1
    for row in rows:
        seq = seq_of(row)
        if seq is None:
            report.add(check, f"{label} id {row.pk} is not in the chain")
            continue
        if seq != expected_seq:
            report.add(check, f"{label} #{expected_seq} is missing: removed (next present is #{seq})")
            return seq, row.chain_hash
        if row.prev_hash != expected_prev:
            report.add(check, f"{label} #{seq} (id {row.pk}) does not link to the one before it")
            return seq, row.chain_hash
        if chain_hash(row.prev_hash, fields_of(row)) != row.chain_hash:
            report.add(check, f"{label} #{seq} (id {row.pk}) was altered after it was written")
            return seq, row.chain_hash
        expected_prev = row.chain_hash
        expected_seq += 1
    last = expected_seq - 1
    if head is not None and (head.last_seq != last or head.last_hash != expected_prev):
        report.add(check, f"the {label} chain head expects #{head.last_seq}, the table ends at #{last}: rows removed")
    return last, expected_prev


def _verify_versions(report: Report) -> dict[tuple[str, int], dict[str, str]]:
    """Returns {(kind, version): {locale: sha256}} for checking receipts against texts."""
    versions = list(
        PolicyVersion.objects.order_by("chain_seq", "pk").prefetch_related(
            Prefetch("texts", queryset=PolicyVersionText.objects.order_by("locale"))
        )
    )
    report.versions = len(versions)
    _walk(
        versions,
        seq_of=lambda v: v.chain_seq,
        fields_of=lambda v: version_fields(v, list(v.texts.all())),
        check="version_chain",
        label="version",
        head=ReceiptChainHead.objects.filter(pk=ReceiptChainHead.VERSIONS).first(),
        report=report,
    )
    hashes: dict[tuple[str, int], dict[str, str]] = {}
    numbers: dict[str, list[int]] = {}
    for version in versions:
        numbers.setdefault(version.kind, []).append(version.version)
        for text in version.texts.all():
            if hashlib.sha256(text.body_html.encode()).hexdigest() != text.sha256:
                report.add("text_hash", f"{version} ({text.locale}): stored text does not match its sha256")
            hashes.setdefault((version.kind, version.version), {})[text.locale] = text.sha256
    for kind, found in numbers.items():
        if sorted(found) != list(range(1, len(found) + 1)):
            report.add("version_numbers", f"{kind}: versions {sorted(found)} are not 1..{len(found)}")
    counters = dict(PolicyKindCounter.objects.values_list("kind", "last_version"))
    for kind in set(counters) | set(numbers):
        newest = max(numbers.get(kind, [0]))
        if counters.get(kind, 0) != newest:
            report.add("counter", f"{kind}: the counter says v{counters.get(kind, 0)}, the newest version is v{newest}")
    return hashes


def _verify_receipts(report: Report, hashes: dict[tuple[str, int], dict[str, str]]) -> None:
    receipts = PolicyReceipt.objects.select_related("version").order_by("seq").iterator(chunk_size=2000)

    def checked(receipts: Iterable[PolicyReceipt]) -> Iterable[PolicyReceipt]:
        for receipt in receipts:
            report.receipts += 1
            where = f"receipt #{receipt.seq} (id {receipt.pk})"
            result = verify(receipt.jws) if receipt.jws else None
            if result is None or not result.valid:
                report.add("receipt_signature", f"{where}: signature {result.reason if result else 'missing'}")
            elif _row_claims(result.payload) != _row_claims(_comparable(receipt_payload(receipt))):
                report.add("receipt_signature", f"{where}: the signed receipt differs from the stored row")
            if receipt.user_id is not None and subject_ref(receipt.user_id) != receipt.subject_ref:
                report.add("receipt_subject", f"{where}: linked to an account that is not its signed subject")
            text_hash = hashes.get((receipt.version.kind, receipt.version.version), {}).get(receipt.locale)
            if text_hash != receipt.sha256:
                report.add("receipt_text", f"{where}: its hash is not the hash of {receipt.version} ({receipt.locale})")
            yield receipt

    _walk(
        checked(receipts),
        seq_of=lambda r: r.seq,
        fields_of=canonical_fields,
        check="receipt_chain",
        label="receipt",
        head=ReceiptChainHead.objects.filter(pk=ReceiptChainHead.RECEIPTS).first(),
        report=report,
    )


def _comparable(payload: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(payload))


#: The claims that come from the receipt row itself (the controller's address or the site's URL
#: may change over the years without making old receipts wrong).
ROW_CLAIMS = (
    "consentReceiptID",
    "consentTimestamp",
    "collectionMethod",
    "language",
    "piiPrincipalId",
    "policy",
    "chain",
)


def _row_claims(payload: dict[str, Any]) -> dict[str, Any]:
    return {name: payload.get(name) for name in ROW_CLAIMS}


def _chain_row(model: type, seq_field: str, seq: int) -> Any:
    return model.objects.filter(**{seq_field: seq}).values_list("chain_hash", flat=True).first()


def current_heads() -> dict[str, Any]:
    heads = {head.pk: head for head in ReceiptChainHead.objects.all()}
    result: dict[str, Any] = {}
    for name, pk in (("versions", ReceiptChainHead.VERSIONS), ("receipts", ReceiptChainHead.RECEIPTS)):
        head = heads.get(pk)
        result[name] = {"seq": head.last_seq if head else 0, "hash": head.last_hash if head else GENESIS}
    result["counters"] = dict(PolicyKindCounter.objects.order_by("kind").values_list("kind", "last_version"))
    return result


def anchor_path() -> Path:
    return Path(settings.EVIDENCE_ANCHOR_PATH)


def anchor_write() -> dict[str, Any]:
    """Append the signed current heads to the anchor file; return the anchor."""
    heads = current_heads()
    anchor = {"anchored_at": timezone.now().isoformat(), **heads}
    line = {"anchor": anchor, "jws": sign({"evidence_anchor": anchor})}
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
    return anchor


def newest_anchor(report: Report) -> dict[str, Any] | None:
    path = anchor_path()
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return None
    try:
        entry = json.loads(lines[-1])
        result = verify(entry["jws"])
    except (ValueError, KeyError, TypeError):
        report.add("anchor", f"the newest anchor in {path} is unreadable")
        return None
    if not result.valid or result.payload != {"evidence_anchor": entry.get("anchor")}:
        report.add("anchor", f"the newest anchor in {path} is not validly signed")
        return None
    return entry["anchor"]


def _verify_anchor(report: Report) -> None:
    anchor = newest_anchor(report)
    report.anchor = anchor
    if anchor is None:
        return
    for name, model, seq_field in (
        ("versions", PolicyVersion, "chain_seq"),
        ("receipts", PolicyReceipt, "seq"),
    ):
        anchored = anchor[name]
        if not anchored["seq"]:
            continue
        stored = _chain_row(model, seq_field, anchored["seq"])
        if stored is None:
            report.add("anchor", f"{name} #{anchored['seq']}, anchored at {anchor['anchored_at']}, is gone")
        elif stored != anchored["hash"]:
            report.add("anchor", f"{name} #{anchored['seq']} differs from the anchor of {anchor['anchored_at']}")
    counters = dict(PolicyKindCounter.objects.values_list("kind", "last_version"))
    for kind, number in anchor["counters"].items():
        if counters.get(kind, 0) < number:
            report.add(
                "anchor", f"{kind}: the counter is v{counters.get(kind, 0)}, anchored at v{number}: it was set back"
            )


def verify_evidence() -> Report:
    report = Report()
    hashes = _verify_versions(report)
    _verify_receipts(report, hashes)
    _verify_anchor(report)
    return report
