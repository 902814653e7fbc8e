"""Writes on shipping data: importing a carrier's pickup points."""

import unicodedata
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .importers import PickupPointData
from .models import PickupPoint

FIELDS = ("country", "kind", "name", "address", "postcode", "city", "lat", "lng", "opening_hours")


def search_text(*parts: str) -> str:
    """Lower-case, accent-free words with a leading space, so `` word`` finds a word prefix
    (``" tall"`` matches Tallinn, ``" paa"`` matches Pääsküla) with a plain ``LIKE``."""
    text = unicodedata.normalize("NFKD", " ".join(parts))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return " " + " ".join(words)


@transaction.atomic
def pickup_points_import(*, carrier: str, points: Iterable[PickupPointData]) -> dict[str, int]:
    """Create or update ``carrier``'s points from its file and deactivate the ones the file no
    longer lists. Idempotent: importing the same file again changes nothing."""
    now = timezone.now()
    existing = {point.external_id: point for point in PickupPoint.objects.select_for_update().filter(carrier=carrier)}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
    seen = set()
    for data in points:
        if not data.external_id or data.external_id in seen:
            continue
        seen.add(data.external_id)
        values = {name: getattr(data, name) for name in FIELDS}
        values["search_text"] = search_text(data.name, data.city, data.postcode, data.address)
        point = existing.get(data.external_id)
        if point is None:
            PickupPoint.objects.create(carrier=carrier, external_id=data.external_id, updated_at=now, **values)
            counts["created"] += 1
            continue
        changed = {name: value for name, value in values.items() if getattr(point, name) != value}
        if not point.active:
            changed["active"] = True
        if changed:
            PickupPoint.objects.filter(pk=point.pk).update(updated_at=now, **changed)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    gone = [point.pk for external_id, point in existing.items() if external_id not in seen and point.active]
    counts["deactivated"] = PickupPoint.objects.filter(pk__in=gone).update(active=False, updated_at=now)
    return counts
