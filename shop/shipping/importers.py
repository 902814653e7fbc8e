"""Readers for the carriers' public pickup-point files, each turning one carrier's own field names
into ``PickupPointData``. ``pickup_points_import`` (services) writes them.

Omniva ``locations.json`` (https://www.omniva.ee/locations.json): a list of objects with ``ZIP``
(the locker's id, also its postal code), ``NAME``, ``TYPE`` ("0" parcel machine, "1" post office),
``A0_NAME`` (country code) and ``A1_NAME``..``A8_NAME`` (county, municipality, settlement, village,
street, ..., house number, ...), ``X_COORDINATE`` (longitude) / ``Y_COORDINATE`` (latitude) and
``SERVICE_HOURS`` (opening hours as text).

DPD Baltics ``PickupParcelShopData.json``: a list of objects with ``parcelShopId``,
``parcelShopType``, ``companyName``, ``street``, ``houseNo``, ``addressLine2``, ``city``,
``zipCode``, ``countryCode``, ``latitude``, ``longitude`` and ``openingHours`` (a list of
``{weekday, openMorning, closeMorning, openAfternoon, closeAfternoon}`` with times as ``HHMM``).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

OMNIVA_TYPES = {"0": "parcel_machine", "1": "post_office"}


@dataclass(frozen=True)
class PickupPointData:
    external_id: str
    country: str
    kind: str
    name: str
    address: str
    postcode: str
    city: str
    lat: Decimal | None
    lng: Decimal | None
    opening_hours: str


class UnreadableFile(ValueError):
    """The file is not in the carrier's format (the message says where)."""


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _coordinate(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).strip()).quantize(Decimal("0.000001")) if str(value or "").strip() else None
    except InvalidOperation:
        return None


def _rows(data: Any, required: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise UnreadableFile("expected a JSON list of locations")
    for index, row in enumerate(data):
        if not isinstance(row, dict) or any(key not in row for key in required):
            raise UnreadableFile(f"location {index} lacks one of {', '.join(required)}")
    return data


def read_omniva(data: Any) -> list[PickupPointData]:
    points = []
    for row in _rows(data, ("ZIP", "NAME", "A0_NAME")):
        street = " ".join(part for part in (_text(row, "A5_NAME"), _text(row, "A7_NAME")) if part)
        address = ", ".join(
            part for part in (street, _text(row, "A6_NAME"), _text(row, "A8_NAME"), _text(row, "A4_NAME")) if part
        )
        points.append(
            PickupPointData(
                external_id=_text(row, "ZIP"),
                country=_text(row, "A0_NAME").upper(),
                kind=OMNIVA_TYPES.get(_text(row, "TYPE"), "other"),
                name=_text(row, "NAME"),
                address=address,
                postcode=_text(row, "ZIP"),
                city=_text(row, "A3_NAME") or _text(row, "A2_NAME") or _text(row, "A1_NAME"),
                lat=_coordinate(row.get("Y_COORDINATE")),
                lng=_coordinate(row.get("X_COORDINATE")),
                opening_hours=_text(row, "SERVICE_HOURS"),
            )
        )
    return points


def _hhmm(value: Any) -> str:
    digits = str(value or "").strip().replace(":", "")
    return f"{digits[:2]}:{digits[2:4]}" if len(digits) == 4 and digits.isdigit() else ""


def _dpd_hours(hours: Any) -> str:
    if not isinstance(hours, list):
        return ""
    days = []
    for day in hours:
        if not isinstance(day, dict):
            continue
        spans = []
        for start, end in (("openMorning", "closeMorning"), ("openAfternoon", "closeAfternoon")):
            opened, closed = _hhmm(day.get(start)), _hhmm(day.get(end))
            if opened and closed and opened != closed:
                spans.append(f"{opened}-{closed}")
        if spans:
            days.append(f"{str(day.get('weekday', ''))[:3]} {', '.join(spans)}")
    return "; ".join(days)


def read_dpd(data: Any) -> list[PickupPointData]:
    points = []
    for row in _rows(data, ("parcelShopId", "companyName", "countryCode")):
        street = " ".join(part for part in (_text(row, "street"), _text(row, "houseNo")) if part)
        line2 = _text(row, "addressLine2")
        city = _text(row, "city")
        points.append(
            PickupPointData(
                external_id=_text(row, "parcelShopId"),
                country=_text(row, "countryCode").upper(),
                kind="parcel_machine" if _text(row, "parcelShopType") == "PickupStation" else "parcel_shop",
                name=_text(row, "companyName"),
                address=", ".join(part for part in (street, line2 if line2 != city else "") if part),
                postcode=_text(row, "zipCode"),
                city=city.title() if city.isupper() else city,
                lat=_coordinate(row.get("latitude")),
                lng=_coordinate(row.get("longitude")),
                opening_hours=_dpd_hours(row.get("openingHours")),
            )
        )
    return points


READERS = {"omniva": read_omniva, "dpd": read_dpd}
