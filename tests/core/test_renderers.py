"""The API's orjson renderer writes DRF's bytes (shop/core/renderers.py)."""

import datetime
import decimal
import uuid
from collections import OrderedDict

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict

from shop.core.renderers import OrjsonRenderer

MIXED = [
    None,
    {},
    [],
    "plain",
    {"title": "Villasukat – äöå ÄÖÅ šž €", "emoji": "🧦", "quote": '"\\/\n\t\x00\x1f'},
    {"separators": "a\u2028b\u2029c", "nested": [{"x": "\u2028"}]},
    {"int": 1, "neg": -7, "big": 2**63 - 1, "bool": True, "none": None, "float": 0.1, "exp": 12.5},
    {1: "int key", "2": "str key"},
    (1, 2, 3),
    ReturnDict({"a": 1}, serializer=None),
    OrderedDict([("z", 1), ("a", 2)]),
    {"decimal": decimal.Decimal("12.30"), "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678")},
    {
        "aware": datetime.datetime(2026, 12, 7, 18, 30, 5, 123456, tzinfo=datetime.UTC),
        "helsinki": timezone.localtime(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)),
        "naive": datetime.datetime(2026, 1, 2, 3, 4, 5),
        "date": datetime.date(2026, 12, 7),
        "time": datetime.time(9, 30, 15, 250000),
        "delta": datetime.timedelta(hours=2),
    },
    {"lazy": gettext_lazy("Privacy policy"), "bytes": b"raw", "set_like": frozenset()},
    {"beyond 64 bits": 2**70},
]


@pytest.mark.parametrize("data", MIXED, ids=range(len(MIXED)))
def test_the_same_bytes_as_drf(data):
    assert OrjsonRenderer().render(data) == JSONRenderer().render(data)


def test_an_indent_a_client_asks_for_is_honoured():
    data = {"a": [1, 2]}
    indented = OrjsonRenderer().render(data, "application/json; indent=2")
    assert indented == JSONRenderer().render(data, "application/json; indent=2")
    assert indented == b'{\n  "a": [\n    1,\n    2\n  ]\n}'


@pytest.mark.django_db
def test_the_api_answers_with_it(api_client, settings):
    assert settings.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] == ["shop.core.renderers.OrjsonRenderer"]
    r = api_client.get("/api/v1/policies/shipping/", {"locale": "fi"})  # a DRF view's error envelope
    assert (r.status_code, r.json()["error"]["code"]) == (404, "policy_not_found")
    assert r.accepted_renderer.__class__ is OrjsonRenderer
    assert r.content == JSONRenderer().render(r.json())
