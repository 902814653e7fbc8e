"""Demo shipping for ``load_demo``: methods for EE and FI and the pickup points of the sample
files (in the carriers' own formats), so a newcomer can check out end to end with the test bank.
Idempotent: a second run changes nothing."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from shop.shipping.importers import READERS
from shop.shipping.models import ShippingMethod
from shop.shipping.services import pickup_points_import

SAMPLES = Path(__file__).resolve().parent / "data" / "pickup-points"
SAMPLE_FILES = {"omniva": "omniva-locations.json", "dpd": "dpd-pickup-points.json"}

METHODS = [
    # code, name, carrier, kind, country, net price (EUR), sort order
    ("omniva-ee", "Omniva pakiautomaat", "omniva", "pickup_point", "EE", "3.22", 10),
    ("dpd-pickup-ee", "DPD Pickup pakiautomaat", "dpd", "pickup_point", "EE", "2.82", 20),
    ("dpd-courier-ee", "DPD kuller", "dpd", "courier", "EE", "5.64", 30),
    ("omniva-fi", "Omniva pakettiautomaatti", "omniva", "pickup_point", "FI", "3.98", 10),
    ("dpd-courier-fi", "DPD kuriiri", "dpd", "courier", "FI", "7.96", 30),
]


@transaction.atomic
def ensure_shipping(log: list[str]) -> None:
    for code, name, carrier, kind, country, net, order in METHODS:
        _method, created = ShippingMethod.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "carrier": carrier,
                "kind": kind,
                "country": country,
                "net_price": Decimal(net),
                "sort_order": order,
            },
        )
        if created:
            log.append(f"created shipping method {code}")
    for carrier, filename in SAMPLE_FILES.items():
        points = READERS[carrier](json.loads((SAMPLES / filename).read_text(encoding="utf-8")))
        counts = pickup_points_import(carrier=carrier, points=points)
        if counts["created"] or counts["updated"] or counts["deactivated"]:
            log.append(f"imported {carrier} pickup points: {counts}")
