"""``python manage.py expire_orders``: unpaid orders past their payment time give their stock
back (``ORDER_PAYMENT_TIMEOUT_MINUTES``). Run it every minute or few from cron."""

from django.core.management.base import BaseCommand

from shop.orders.services import orders_expire_unpaid


class Command(BaseCommand):
    help = "Expire unpaid orders whose payment time is over and release their stock."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"expired: {orders_expire_unpaid()}")
