"""Pickup points from the carriers' own file formats: idempotent, vanished points deactivated."""

import json

import pytest
from django.core.management import CommandError, call_command

from shop.shipping.importers import read_omniva
from shop.shipping.models import PickupPoint
from shop.shipping.services import pickup_points_import
from tests.shop.conftest import SAMPLES, import_samples

pytestmark = pytest.mark.django_db


def test_omniva_file_in_its_published_format_is_read_field_by_field():
    import_samples()
    point = PickupPoint.objects.get(carrier="omniva", external_id="96331")
    assert point.public_id == "omniva:96331"
    assert (point.country, point.kind, point.name) == (
        "EE",
        "parcel_machine",
        "Tallinna Kristiine keskuse pakiautomaat",
    )
    assert (point.address, point.postcode, point.city) == ("Endla tn 45", "96331", "Kristiine linnaosa")
    assert (str(point.lat), str(point.lng)) == ("59.427140", "24.703600")
    assert point.opening_hours == "E-P 07:00-22:00"
    assert PickupPoint.objects.get(carrier="omniva", external_id="10001").kind == "post_office"
    assert PickupPoint.objects.get(carrier="omniva", external_id="99801").country == "FI"


def test_dpd_file_is_read_with_opening_hours():
    import_samples()
    point = PickupPoint.objects.get(carrier="dpd", external_id="EE90213")
    assert (point.name, point.address, point.postcode, point.city) == (
        "DPD Pakiautomaat Tallinna Mustamäe keskus",
        "A. H. Tammsaare tee 104a",
        "12918",
        "Tallinn",
    )
    assert point.opening_hours == "Mon 00:01-12:00, 12:00-23:59; Sat 00:01-12:00, 12:00-23:59"
    assert PickupPoint.objects.get(carrier="dpd", external_id="EE10511").kind == "parcel_shop"


def test_import_is_idempotent_and_deactivates_vanished_points(tmp_path):
    assert import_samples() == (
        {"created": 5, "updated": 0, "unchanged": 0, "deactivated": 0},
        {"created": 3, "updated": 0, "unchanged": 0, "deactivated": 0},
    )
    assert import_samples()[0] == {"created": 0, "updated": 0, "unchanged": 5, "deactivated": 0}
    rows = json.loads((SAMPLES / "omniva-locations.json").read_text())
    rows[0]["NAME"] = "Renamed locker"
    smaller = tmp_path / "locations.json"
    smaller.write_text(json.dumps(rows[:2]))
    call_command("import_pickup_points", "--carrier", "omniva", str(smaller))
    assert PickupPoint.objects.get(external_id="96331").name == "Renamed locker"
    assert set(PickupPoint.objects.filter(carrier="omniva", active=False).values_list("external_id", flat=True)) == {
        "96280",
        "10001",
        "99801",
    }
    assert PickupPoint.objects.filter(carrier="dpd", active=True).count() == 3  # other carriers untouched
    # A point that comes back is active again.
    assert pickup_points_import(carrier="omniva", points=read_omniva(rows))["updated"] == 3


def test_unreadable_file_is_a_clear_command_error(tmp_path):
    bad = tmp_path / "dpd.json"
    bad.write_text(json.dumps([{"NAME": "an Omniva row in a DPD import"}]))
    with pytest.raises(CommandError, match="lacks one of parcelShopId"):
        call_command("import_pickup_points", "--carrier", "dpd", str(bad))
    assert not PickupPoint.objects.exists()
