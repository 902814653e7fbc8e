"""Seed VAT classes and rates. Staff maintain them in the admin afterwards.

Standard rates: Estonia 22 % from 2024-01-01 and 24 % from 2025-07-01; Finland 24 % from
2013-01-01 and 25.5 % from 2024-09-01. Reduced rates are starting values for the shop's
accountant to confirm (Estonia 9 %; Finland 14 %, lowered to 13.5 % from 2026-01-01).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CLASSES = [("standard", "Standard rate"), ("reduced", "Reduced rate"), ("zero", "Zero rate")]
RATES = [
    ("EE", "standard", "22.00", date(2024, 1, 1)),
    ("EE", "standard", "24.00", date(2025, 7, 1)),
    ("FI", "standard", "24.00", date(2013, 1, 1)),
    ("FI", "standard", "25.50", date(2024, 9, 1)),
    ("EE", "reduced", "9.00", date(2009, 7, 1)),
    ("FI", "reduced", "14.00", date(2013, 1, 1)),
    ("FI", "reduced", "13.50", date(2026, 1, 1)),
    ("EE", "zero", "0.00", date(2000, 1, 1)),
    ("FI", "zero", "0.00", date(2000, 1, 1)),
]


def seed(apps, schema_editor):
    VatClass = apps.get_model("catalog", "VatClass")
    VatRate = apps.get_model("catalog", "VatRate")
    for code, name in CLASSES:
        VatClass.objects.get_or_create(code=code, defaults={"name": name})
    for country, vat_class, rate, valid_from in RATES:
        VatRate.objects.get_or_create(
            country=country, vat_class_id=vat_class, valid_from=valid_from, defaults={"rate": Decimal(rate)}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
