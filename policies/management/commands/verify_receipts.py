"""``python manage.py verify_receipts``: recompute the receipt hash chain and report the first
receipt that was altered or removed. Exits 1 when the chain is broken, so a cron job can alert."""

from django.core.management.base import BaseCommand, CommandError

from policies.chain import verify_chain
from policies.models import PolicyReceipt, ReceiptChainHead


class Command(BaseCommand):
    help = "Verify the policy receipt hash chain; name the first altered or removed receipt."

    def handle(self, *args: object, **options: object) -> None:
        receipts = PolicyReceipt.objects.select_related("version").order_by("seq").iterator(chunk_size=2000)
        head = ReceiptChainHead.objects.filter(pk=1).first()
        checked, problem = verify_chain(receipts, head)
        if problem is not None:
            raise CommandError(f"Receipt chain broken after checking {checked} receipt(s): {problem}")
        self.stdout.write(self.style.SUCCESS(f"Receipt chain intact: {checked} receipt(s)."))
