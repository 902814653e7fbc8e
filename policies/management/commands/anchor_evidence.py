"""``python manage.py anchor_evidence``: append the signed heads of the evidence chains and the
version counters to ``EVIDENCE_ANCHOR_PATH`` (outside the database). Run it after publishes and
regularly (cron); ``verify_evidence`` then reports any row removed or rewritten before it."""

from django.core.management.base import BaseCommand

from policies.evidence import anchor_path, anchor_write


class Command(BaseCommand):
    help = "Write the signed evidence chain heads to the anchor file."

    def handle(self, *args: object, **options: object) -> None:
        anchor = anchor_write()
        self.stdout.write(
            self.style.SUCCESS(
                f"Anchored versions #{anchor['versions']['seq']} and receipts #{anchor['receipts']['seq']} "
                f"in {anchor_path()}."
            )
        )
