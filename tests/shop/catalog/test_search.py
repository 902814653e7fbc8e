"""Product search (``?q=``) in Finnish and Estonian: every word matches as a substring (compound
words), case and accents ignored; any text is a search, never an error. The same tests run on
SQLite and on PostgreSQL (``make test-postgres``), where a pg_trgm index serves the search."""

import pytest
from django.db import connection

from .factories import make_product, publish, translate

pytestmark = pytest.mark.django_db
LIST = "/api/v1/products/"


@pytest.fixture
def shop(clothes):
    products = [
        ("Villasukat", "villasukat", "Lämpimät sukat.", "Villased sokid", "villased-sokid"),
        ("Villahuopa", "villahuopa", "Paksu huopa sohvalle.", "Villatekk", "villatekk"),
        ("Kynttilä", "kynttila", "Mehiläisvahaa.", "Küünal", "kuunal"),
        ("Pipo", "pipo", "Pehmeä merinopipo.", "Müts", "muts"),
    ]
    for title, slug, summary, et_title, et_slug in products:
        page = make_product(clothes, title=title, slug=slug, summary=summary)
        translate(page, "et", title=et_title, slug=et_slug, summary=f"{et_title}.")


def titles(api_client, q: str, locale: str = "fi") -> list[str]:
    response = api_client.get(LIST, {"q": q, "locale": locale, "ordering": "title"})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize("q", ["villa", "VILLA", "Villa", " villa "])
def test_a_word_finds_the_compound_words_that_contain_it(api_client, shop, q):
    assert titles(api_client, q) == ["Villahuopa", "Villasukat"]


def test_inside_a_word_too(api_client, shop):
    assert titles(api_client, "sukat") == ["Villasukat"]
    assert titles(api_client, "huopa") == ["Villahuopa"]


@pytest.mark.parametrize("q", ["kynttila", "KYNTTILÄ", "kynttilä"])
def test_accents_and_case_are_ignored(api_client, shop, q):
    assert titles(api_client, q) == ["Kynttilä"]


def test_every_word_must_match(api_client, shop):
    assert titles(api_client, "villa sukat") == ["Villasukat"]
    assert titles(api_client, "villa pipo") == []


def test_summary_and_body_are_searched(api_client, shop, clothes):
    assert titles(api_client, "sohvalle") == ["Villahuopa"]
    assert titles(api_client, "merino") == ["Pipo"]
    page = make_product(clothes, title="Lapaset", slug="lapaset")
    page.body = [("specifications", [{"label": "Materiaali", "value": "Lampaanvilla"}])]
    publish(page)
    assert titles(api_client, "lampaan") == ["Lapaset"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("villa", ["Villased sokid", "Villatekk"]),
        ("VILLATEKK", ["Villatekk"]),
        ("kuunal", ["Küünal"]),
        ("KÜÜNAL", ["Küünal"]),
        ("muts", ["Müts"]),
        ("sokid", ["Villased sokid"]),
    ],
)
def test_estonian(api_client, shop, q, expected):
    assert titles(api_client, q, "et") == expected


def test_english_falls_back_to_the_finnish_text(api_client, shop):
    assert titles(api_client, "villa", "en") == ["Villahuopa", "Villasukat"]


@pytest.mark.parametrize(
    "q", ['"', '" OR 1=1 --', "'", "%", "_", "\\", "*", "villa*", "(", 'NEAR("a" "b")', "a:b", "--"]
)
def test_any_text_is_a_search_never_an_error(api_client, shop, q):
    response = api_client.get(LIST, {"q": q})
    assert response.status_code == 200
    body = response.json()
    expected = 2 if q == "villa*" else 0  # punctuation is not part of a word
    assert body["count"] == expected


def test_the_injection_attempt_of_the_issue(api_client, shop):
    response = api_client.get(f"{LIST}?q=%22%20OR%201%3D1%20--")
    assert (response.status_code, response.json()["count"]) == (200, 0)
    response = api_client.get(f"{LIST}?q=%22")
    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_a_nul_character_is_a_validation_error(api_client, shop):
    response = api_client.get(LIST, {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.postgres
def test_postgres_has_the_trigram_index(api_client, shop):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_listing_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition
    assert titles(api_client, "VILLA") == ["Villahuopa", "Villasukat"]
