"""``python manage.py reapply_erasures``: after restoring a backup, erase again every account that
was erased after the backup was taken (``make restore`` runs this last).

The erasure log (outside the database) names each erased subject by ``subject_ref``, a keyed
hash of the user id; the restored accounts are hashed the same way to find them. An entry whose
erasure the restored database already records, or whose account it never had, needs nothing.
Safe to run again: a second run finds nothing to do.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from shop.core.pseudonyms import subject_ref
from shop.privacy.erasure import account_erase
from shop.privacy.erasure_log import erasure_log_entries
from shop.privacy.models import ErasureRecord


class Command(BaseCommand):
    help = "Erase again the accounts erased after the restored backup was taken (from the erasure log)."

    def handle(self, *args: object, **options: object) -> None:
        User = get_user_model()
        entries = erasure_log_entries()
        recorded = set(ErasureRecord.objects.values_list("subject_ref", flat=True))
        pending = {entry.subject_ref: entry for entry in entries if entry.subject_ref not in recorded}
        users = {}
        if pending:
            for pk in User.objects.values_list("pk", flat=True).iterator(chunk_size=5000):
                ref = subject_ref(pk)
                if ref in pending:
                    users[ref] = pk
        for ref, pk in users.items():
            entry = pending[ref]
            account_erase(user=User.objects.get(pk=pk), source=entry.source, reapplied_from=entry.erased_at)
        self.stdout.write(
            f"Erasure log: {len(entries)} entries, {len(entries) - len(pending)} already in the database, "
            f"{len(users)} erased again, {len(pending) - len(users)} without an account here."
        )
