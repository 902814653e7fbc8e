"""The API's one datetime format, for JSON built without a DRF serializer (the catalogue's dicts,
the privacy export): exactly what DRF's ``DateTimeField`` writes, ISO 8601 in the shop's time zone
with its UTC offset (``2026-12-01T02:00:00.123456+02:00``)."""

from datetime import datetime

from rest_framework import serializers

_DATETIME = serializers.DateTimeField()


def iso_datetime(value: datetime | None) -> str | None:
    return _DATETIME.to_representation(value) if value is not None else None
