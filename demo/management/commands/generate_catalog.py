"""``python manage.py generate_catalog --total 10000``: a large catalogue for benchmarks."""

import time

from django.core.management.base import BaseCommand

from demo.generate import generate_catalogue


class Command(BaseCommand):
    help = "Generate products up to --total (fi; every second also et/en) with bulk inserts. See demo/generate.py."

    def add_arguments(self, parser):
        parser.add_argument("--total", type=int, default=10000, help="generated products wanted in all")

    def handle(self, *args, total: int, **options) -> None:
        started = time.monotonic()
        log: list[str] = []
        pages = generate_catalogue(total=total, log=log)
        self.stdout.write(f"{pages} product pages in {time.monotonic() - started:.1f} s")
