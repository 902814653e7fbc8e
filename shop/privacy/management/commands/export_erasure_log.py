"""``python manage.py export_erasure_log``: write every erasure the database knows to the erasure
log outside it (``make backup`` runs this first). Safe to run again: known entries are skipped."""

from django.core.management.base import BaseCommand

from shop.privacy.erasure_log import erasure_log_entries, erasure_log_export


class Command(BaseCommand):
    help = "Copy every ErasureRecord's subject reference to the erasure log outside the database."

    def handle(self, *args: object, **options: object) -> None:
        new = erasure_log_export()
        self.stdout.write(f"Erasure log: {new} new, {len(erasure_log_entries())} in all.")
