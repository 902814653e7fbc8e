"""``python manage.py rebuild_product_listing``: recompute the product list's read model from the
live pages (after a restore, a bulk import, or a change made around Wagtail's signals)."""

from django.core.management.base import BaseCommand

from shop.catalog.cache import catalogue_bump
from shop.catalog.listing import listing_rebuild


class Command(BaseCommand):
    help = "Recompute ProductListing from the live product pages."

    def handle(self, *args: object, **options: object) -> None:
        rows = listing_rebuild()
        catalogue_bump()
        self.stdout.write(f"{rows} listing rows")
