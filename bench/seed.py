"""Bench-only data the demo has none of: many acknowledgement receipts, and a policy publish.

Run inside Django (``manage.py shell -c``) by ``bench/run.py``; never used by the shop.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from policies.chain import canonical_fields, chain_hash
from policies.models import PolicyReceipt, PolicyVersion, ReceiptChainHead, ReceiptContext
from policies.selectors import policy_current_number

GENESIS = "0" * 64
BATCH = 2000


@transaction.atomic
def add_receipts(total: int) -> int:
    """Append receipts (detached from any user, as after an erasure) until the chain holds
    ``total``; returns how many were added. The chain stays valid: each row is hashed the way
    ``policies.services`` hashes one, only in bulk."""
    head = ReceiptChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = ReceiptChainHead.objects.create(pk=1, last_seq=0, last_hash=GENESIS)
    missing = total - PolicyReceipt.objects.count()
    if missing <= 0:
        return 0
    version = PolicyVersion.objects.get(kind="privacy", version=policy_current_number(kind="privacy"))
    text = version.texts.get(locale="fi")
    seq, prev = head.last_seq, head.last_hash
    start = timezone.now() - timedelta(days=365)
    batch = []
    for index in range(missing):
        seq += 1
        receipt = PolicyReceipt(
            subject_ref=f"bench-{seq}",
            version=version,
            locale=text.locale,
            sha256=text.sha256,
            context=ReceiptContext.SIGNUP,
            created_at=start + timedelta(seconds=index),
            seq=seq,
            prev_hash=prev,
        )
        receipt.chain_hash = prev = chain_hash(prev, canonical_fields(receipt))
        batch.append(receipt)
        if len(batch) == BATCH:
            PolicyReceipt.objects.bulk_create(batch)
            batch = []
    PolicyReceipt.objects.bulk_create(batch)
    head.last_seq, head.last_hash = seq, prev
    head.save(update_fields=["last_seq", "last_hash"])
    return missing


def publish_privacy() -> int:
    """Publish the Finnish privacy policy again as an editorial change: a new frozen version. The
    text must change (publishing the same text freezes nothing), so a dated paragraph is added
    (the bench database's policy only)."""
    from policies.models import ChangeType, PolicyPage

    page = PolicyPage.objects.get(kind="privacy", locale__language_code="fi", alias_of__isnull=True)
    before = policy_current_number(kind="privacy")
    page.body.append(("paragraph", f"<p>Benchmark republish {timezone.now().isoformat()}.</p>"))
    page.change_type = ChangeType.EDITORIAL
    page.change_summary = "Benchmark republish."
    page.save_revision().publish()
    after = policy_current_number(kind="privacy")
    if after == before:
        raise RuntimeError(f"publishing froze no new version (still v{before})")
    return after
