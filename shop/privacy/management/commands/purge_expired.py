"""``python manage.py purge_expired``: apply every retention period, safe to run again and again.

Each domain registers its steps (``shop.core.privacy_registry.register_purge_step``): orders past the
accounting retention are anonymised, refund IBANs kept for a paid refund are wiped, expired and
revoked tokens and stale sessions are removed, cookie consents older than 24 months are deleted.
Carts add their step when they exist. Run it daily (cron, a scheduled task).
"""

from django.core.management.base import BaseCommand

from shop.core.privacy_registry import purge_steps


class Command(BaseCommand):
    help = "Anonymise or delete personal data whose retention period has ended."

    def handle(self, *args, **options) -> None:
        for name, step in purge_steps().items():
            changed = step()
            self.stdout.write(f"{name}: {changed}")
