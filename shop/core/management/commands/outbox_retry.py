"""``python manage.py outbox_retry``: enqueue the outbox messages (carrier hand-offs, emails) whose
retry is due. Run it every few minutes from cron next to ``db_worker``."""

from django.core.management.base import BaseCommand

from shop.core.outbox import outbox_retry_due


class Command(BaseCommand):
    help = "Enqueue outbox messages whose next delivery attempt is due."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"enqueued: {outbox_retry_due()}")
