"""The bulk catalogue generator makes pages the API treats like edited ones, in a sound tree."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from shop.catalog.pages import ProductPage

pytestmark = pytest.mark.django_db


def test_generated_products_are_listed_searchable_and_the_tree_is_sound(api_client, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("generate_catalog", total=10, stdout=None)
    call_command("generate_catalog", total=14, stdout=None)
    call_command("generate_catalog", total=14, stdout=None)  # nothing missing: no change
    assert all(not problems for problems in Page.find_problems())
    assert ProductPage.objects.filter(locale__language_code="fi").count() == 14

    body = api_client.get("/api/v1/products/", {"locale": "en", "page_size": 100}).json()
    assert body["count"] == 14  # every second product in English, the others as fallback
    assert sum(item["fallback"] for item in body["results"]) == 7
    assert all(item["image"] for item in body["results"])
    fi = api_client.get("/api/v1/products/", {"q": "GEN", "page_size": 100}).json()
    assert fi["count"] == 0  # SKUs are not searchable text; titles are:
    word = ProductPage.objects.filter(locale__language_code="fi").first().title.split()[0]
    assert api_client.get("/api/v1/products/", {"q": word}).json()["count"] >= 1
    detail = api_client.get("/api/v1/products/gen-0-fi/", {"locale": "et"}).json()
    assert detail["translations"] == {"en": "gen-0-en", "et": "gen-0-et", "fi": "gen-0-fi"}
