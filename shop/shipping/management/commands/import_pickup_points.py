"""``python manage.py import_pickup_points --carrier omniva|dpd FILE``: load a carrier's public
location file (Omniva ``locations.json``, DPD ``PickupParcelShopData.json``). Idempotent; points
missing from the file are deactivated. Run it daily after downloading the carrier's file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.shipping.importers import READERS, UnreadableFile
from shop.shipping.services import pickup_points_import


class Command(BaseCommand):
    help = "Import a carrier's pickup points and parcel lockers from its public location file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--carrier", required=True, choices=sorted(READERS))
        parser.add_argument("file", type=Path)

    def handle(self, *args, carrier: str, file: Path, **options) -> None:
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
            points = READERS[carrier](data)
        except (OSError, ValueError, UnreadableFile) as err:
            raise CommandError(f"{file}: {err}") from err
        counts = pickup_points_import(carrier=carrier, points=points)
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
