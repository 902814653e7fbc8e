"""The catalogue API: shapes, localisation and fallback, filters, ordering, search, visibility,
constant query counts, ETags and cache invalidation."""

from decimal import Decimal

import pytest

from shop.accounts.models import AuthToken
from shop.catalog.api import ProductCardSerializer, ProductDetailSerializer
from shop.catalog.models import Product
from shop.catalog.pages import ProductPage
from shop.catalog.services import product_update, stock_adjust, stock_set

from .factories import make_category, make_image, make_product, publish, translate

pytestmark = pytest.mark.django_db

LIST = "/api/v1/products/"


def detail_url(slug: str) -> str:
    return f"/api/v1/products/{slug}/"


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def socks(clothes):
    """A Finnish product with et and en translations, 20.08 net, two images."""
    page = make_product(
        clothes,
        title="Villasukat",
        slug="villasukat",
        sku="SOCK-1",
        net_price="20.08",
        stock=3,
        summary="Lämpimät villasukat pakkasille.",
        images=2,
    )
    translate(page, "et", title="Villased sokid", slug="villased-sokid", summary="Soojad sokid.")
    translate(page, "en", title="Wool socks", slug="wool-socks", summary="Warm socks.")
    return page


def test_product_list_shape_in_finnish(api_client, socks):
    response = api_client.get(LIST, {"locale": "fi"})
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    body = response.json()
    assert list(body) == ["count", "next", "previous", "results", "locale", "country"]
    assert body["count"] == 1 and body["locale"] == "fi" and body["country"] == "FI"
    (item,) = body["results"]
    assert set(item) == set(ProductCardSerializer().fields)
    assert item["id"] == socks.product_id
    assert item["sku"] == "SOCK-1"
    assert item["slug"] == "villasukat"
    assert item["locale"] == "fi" and item["fallback"] is False
    assert item["title"] == "Villasukat"
    assert item["in_stock"] is True
    # FI 25.5 %: 20.08 * 1.255 = 25.2004 -> 25.20
    assert item["price"] == {"gross": "25.20", "net": "20.08", "vat_rate": "25.50", "currency": "EUR"}
    assert item["category"]["slug"] == "vaatteet"
    assert item["image"]["alt"] == "Villasukat 0"
    assert item["image"]["width"] == 480 and item["image"]["height"] == 480
    assert item["image"]["url"].endswith(".webp")


def test_estonian_list_uses_the_translation_and_estonian_vat(api_client, socks):
    response = api_client.get(LIST, {"locale": "et"})
    (item,) = response.json()["results"]
    assert item["title"] == "Villased sokid" and item["locale"] == "et" and item["fallback"] is False
    assert item["category"]["slug"] == "riided"
    # EE 24 %: 20.08 * 1.24 = 24.8992 -> 24.90 (API.md's example)
    assert item["price"] == {"gross": "24.90", "net": "20.08", "vat_rate": "24.00", "currency": "EUR"}
    assert response.json()["country"] == "EE"


def test_country_parameter_overrides_the_locale(api_client, socks):
    item = api_client.get(LIST, {"locale": "en", "country": "FI"}).json()["results"][0]
    assert item["title"] == "Wool socks"
    assert item["price"]["gross"] == "25.20"
    response = api_client.get(LIST, {"country": "SE"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "country" in response.json()["error"]["fields"]


def test_untranslated_product_falls_back_to_finnish_in_lists(api_client, clothes):
    make_product(clothes, title="Pipo", slug="pipo")
    (item,) = api_client.get(LIST, {"locale": "en"}).json()["results"]
    assert item["title"] == "Pipo" and item["locale"] == "fi" and item["fallback"] is True
    assert item["category"]["slug"] == "clothes"  # the category itself is translated


def test_detail_shape_and_translations(api_client, socks):
    response = api_client.get(detail_url("villasukat"), {"locale": "fi"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(ProductDetailSerializer().fields)
    assert body["translations"] == {"en": "wool-socks", "et": "villased-sokid", "fi": "villasukat"}
    assert body["body_html"] == '<div class="w-block-paragraph block-paragraph"><p>Villasukat</p></div>'
    assert [image["alt"] for image in body["images"]] == ["Villasukat 0", "Villasukat 1"]
    image = body["images"][0]
    assert set(image["renditions"]) == {"thumbnail", "card", "full"}
    assert (image["renditions"]["thumbnail"]["width"], image["renditions"]["thumbnail"]["height"]) == (160, 160)
    assert (image["width"], image["height"]) == (640, 480)  # "full" never upscales
    assert body["seo"] == {"title": "Villasukat", "description": ""}
    assert response["ETag"].startswith('"')


def test_detail_and_list_follow_an_image_replaced_in_the_library(api_client, socks, django_capture_on_commit_callbacks):
    """The read model holds rendition URLs: a new file (new renditions) must reach both at once."""
    before = api_client.get(detail_url("villasukat"), {"locale": "fi"}).json()["images"][0]
    image = socks.gallery_images.order_by("sort_order").first().image
    replacement = make_image("replacement", color=(10, 200, 10))
    image.file = replacement.file
    image.width, image.height = replacement.width, replacement.height
    image.renditions.all().delete()  # what the admin's edit view does with a new file
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    after = api_client.get(detail_url("villasukat"), {"locale": "fi"}).json()["images"][0]
    assert after["renditions"]["card"]["url"] != before["renditions"]["card"]["url"]
    assert after["renditions"]["card"]["url"] in {r.url for r in image.renditions.all()}
    card = next(
        item for item in api_client.get(LIST, {"locale": "fi"}).json()["results"] if item["slug"] == "villasukat"
    )
    assert card["image"]["url"] == after["renditions"]["card"]["url"]


def test_detail_by_another_locales_slug_serves_the_requested_locale(api_client, socks):
    body = api_client.get(detail_url("villasukat"), {"locale": "et"}).json()
    assert body["title"] == "Villased sokid" and body["slug"] == "villased-sokid" and body["fallback"] is False


def test_detail_falls_back_to_the_default_locale(api_client, clothes):
    make_product(clothes, title="Pipo", slug="pipo")
    response = api_client.get(detail_url("pipo"), HTTP_ACCEPT_LANGUAGE="et")
    assert response.status_code == 200
    assert response["Content-Language"] == "fi"
    body = response.json()
    assert body["locale"] == "fi" and body["fallback"] is True and body["translations"] == {"fi": "pipo"}


def test_unknown_product_is_404_in_the_envelope(api_client, homes):
    response = api_client.get(detail_url("nope"))
    assert response.status_code == 404
    assert list(response.json()) == ["error"]
    assert response.json()["error"]["code"] == "product_not_found"


def test_drafts_inactive_and_unpublished_products_are_hidden(api_client, clothes):
    make_product(clothes, title="Näkyvä", slug="nakyva")
    make_product(clothes, title="Luonnos", slug="luonnos", live=False)
    make_product(clothes, title="Poistettu", slug="poistettu", active=False)
    unpublished = make_product(clothes, title="Vedetty", slug="vedetty")
    unpublished.unpublish()
    # A draft edit of a live page is not served either.
    visible = ProductPage.objects.get(slug="nakyva")
    visible.title = "Luonnosotsikko"
    visible.save_revision()

    assert titles(api_client.get(LIST)) == ["Näkyvä"]
    for slug in ("luonnos", "poistettu", "vedetty"):
        assert api_client.get(detail_url(slug)).status_code == 404
    assert api_client.get(detail_url("nakyva")).json()["title"] == "Näkyvä"


def test_deleting_a_translation_falls_back_in_the_list(api_client, socks, django_capture_on_commit_callbacks):
    assert api_client.get(LIST, {"locale": "en"}).json()["results"][0]["title"] == "Wool socks"
    with django_capture_on_commit_callbacks(execute=True):
        ProductPage.objects.get(slug="wool-socks").delete()
    (item,) = api_client.get(LIST, {"locale": "en"}).json()["results"]
    assert (item["title"], item["fallback"]) == ("Villasukat", True)
    with django_capture_on_commit_callbacks(execute=True):
        ProductPage.objects.get(slug="villasukat").delete()
    # Fallback is to the default language only; the Estonian page still lists in Estonian.
    assert api_client.get(LIST, {"locale": "en"}).json()["count"] == 0
    assert api_client.get(LIST, {"locale": "et"}).json()["results"][0]["title"] == "Villased sokid"


def test_moving_a_product_moves_it_between_categories(api_client, socks, homes):
    other = make_category(homes["fi"], title="Muut", slug="muut")
    ProductPage.objects.get(pk=socks.pk).move(other, pos="last-child")
    (item,) = api_client.get(LIST, {"category": "muut"}).json()["results"]
    assert item["category"]["slug"] == "muut"


def test_draft_translation_is_not_served(api_client, clothes):
    page = make_product(clothes, title="Pipo", slug="pipo")
    translate(page, "en", live=False, title="Beanie", slug="beanie")
    body = api_client.get(detail_url("pipo"), {"locale": "en"}).json()
    assert body["title"] == "Pipo" and body["fallback"] is True
    assert body["translations"] == {"fi": "pipo"}
    assert api_client.get(detail_url("beanie")).status_code == 404


@pytest.fixture
def assortment(clothes, homes):
    shoes = make_category(homes["fi"], title="Kengät", slug="kengat")
    boots = make_category(shoes, title="Saappaat", slug="saappaat")
    make_product(clothes, title="Bravo", slug="bravo", net_price="10.00", stock=0)
    make_product(clothes, title="Alfa", slug="alfa", net_price="30.00", stock=2)
    make_product(shoes, title="Charlie", slug="charlie", net_price="20.00", stock=1, summary="Kumisaappaat sateeseen.")
    make_product(boots, title="Delta", slug="delta", net_price="40.00", stock=4, vat_class="reduced")
    return {"clothes": clothes, "shoes": shoes, "boots": boots}


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("newest", ["Delta", "Charlie", "Alfa", "Bravo"]),
        ("title", ["Alfa", "Bravo", "Charlie", "Delta"]),
        # FI gross: Bravo 12.55, Charlie 25.10, Alfa 37.65, Delta 40 * 1.135 = 45.40
        ("price", ["Bravo", "Charlie", "Alfa", "Delta"]),
        ("-price", ["Delta", "Alfa", "Charlie", "Bravo"]),
    ],
)
def test_ordering(api_client, assortment, ordering, expected):
    assert titles(api_client.get(LIST, {"ordering": ordering})) == expected


def test_default_ordering_is_newest_and_bad_ordering_is_400(api_client, assortment):
    assert titles(api_client.get(LIST)) == ["Delta", "Charlie", "Alfa", "Bravo"]
    response = api_client.get(LIST, {"ordering": "random"})
    assert response.status_code == 400 and "ordering" in response.json()["error"]["fields"]


def test_category_filter_includes_subcategories_and_accepts_id_or_any_locales_slug(api_client, assortment):
    assert titles(api_client.get(LIST, {"category": "kengat", "ordering": "title"})) == ["Charlie", "Delta"]
    assert titles(api_client.get(LIST, {"category": str(assortment["boots"].pk)})) == ["Delta"]
    assert titles(api_client.get(LIST, {"category": "clothes", "ordering": "title", "locale": "en"})) == [
        "Alfa",
        "Bravo",
    ]
    assert titles(api_client.get(LIST, {"category": "no-such-category"})) == []


def test_price_filters_use_the_gross_price_of_the_country(api_client, assortment):
    # FI gross: Bravo 12.55, Charlie 25.10, Alfa 37.65, Delta 45.40; boundaries are inclusive.
    assert titles(api_client.get(LIST, {"min_price": "25.10", "max_price": "37.65", "ordering": "price"})) == [
        "Charlie",
        "Alfa",
    ]
    assert titles(api_client.get(LIST, {"min_price": "25.11", "max_price": "37.64"})) == []
    # EE gross: Bravo 12.40, Charlie 24.80, Alfa 37.20, Delta 40 * 1.09 = 43.60
    assert titles(api_client.get(LIST, {"country": "EE", "max_price": "24.80", "ordering": "price"})) == [
        "Bravo",
        "Charlie",
    ]
    response = api_client.get(LIST, {"min_price": "-1"})
    assert response.status_code == 400 and "min_price" in response.json()["error"]["fields"]


def test_price_filter_boundary_is_the_rounded_gross(api_client, clothes):
    # 20.08 at 24 % is 24.8992 -> 24.90: the shopper sees 24.90, so max_price=24.90 includes it
    # and min_price=24.90 includes it too, while 24.89 excludes it.
    make_product(clothes, title="Raja", net_price="20.08")
    query = {"country": "EE"}
    assert titles(api_client.get(LIST, {**query, "max_price": "24.90"})) == ["Raja"]
    assert titles(api_client.get(LIST, {**query, "min_price": "24.90"})) == ["Raja"]
    assert titles(api_client.get(LIST, {**query, "max_price": "24.89"})) == []
    assert titles(api_client.get(LIST, {**query, "min_price": "24.91"})) == []


def test_in_stock_filter(api_client, assortment):
    assert titles(api_client.get(LIST, {"in_stock": "true", "ordering": "title"})) == ["Alfa", "Charlie", "Delta"]
    assert titles(api_client.get(LIST, {"in_stock": "false"})) == ["Bravo"]
    assert [item["in_stock"] for item in api_client.get(LIST, {"ordering": "title"}).json()["results"]] == [
        True,
        False,
        True,
        True,
    ]


def test_search_finds_a_finnish_product_by_a_word_from_its_summary(api_client, assortment):
    assert titles(api_client.get(LIST, {"q": "sateeseen"})) == ["Charlie"]
    assert titles(api_client.get(LIST, {"q": "sateeseen", "category": "vaatteet"})) == []
    assert titles(api_client.get(LIST, {"q": "olematonsana"})) == []


def test_search_never_finds_drafts(api_client, clothes):
    make_product(clothes, title="Luonnos", summary="Salainen villapaita.", live=False)
    assert titles(api_client.get(LIST, {"q": "villapaita"})) == []


def test_pagination(api_client, clothes):
    for index in range(5):
        make_product(clothes, title=f"Tuote {index}")
    body = api_client.get(LIST, {"page_size": 2, "page": 2, "ordering": "title"}).json()
    assert body["count"] == 5
    assert [item["title"] for item in body["results"]] == ["Tuote 2", "Tuote 3"]
    assert body["next"] == "http://testserver/api/v1/products/?ordering=title&page=3&page_size=2"
    assert body["previous"] == "http://testserver/api/v1/products/?ordering=title&page_size=2"
    assert api_client.get(LIST, {"page": 9}).status_code == 404


def test_categories_tree_localised_with_fallback(api_client, assortment):
    body = api_client.get("/api/v1/categories/", {"locale": "et"}).json()
    assert body["locale"] == "et"
    roots = body["results"]
    assert [(node["title"], node["fallback"]) for node in roots] == [("Riided", False), ("Kengät", True)]
    assert [child["title"] for child in roots[1]["children"]] == ["Saappaat"]
    assert roots[0]["children"] == []
    # A category's key is the same in every language: a storefront follows the shopper's
    # selection with it when they switch language (the slugs differ).
    fi_roots = api_client.get("/api/v1/categories/", {"locale": "fi"}).json()["results"]
    assert [node["title"] for node in fi_roots] == ["Vaatteet", "Kengät"]
    assert [node["key"] for node in fi_roots] == [node["key"] for node in roots]
    assert fi_roots[0]["slug"] != roots[0]["slug"] and fi_roots[0]["id"] != roots[0]["id"]
    assert len(set(node["key"] for node in roots)) == 2


# --- query counts --------------------------------------------------------------------------


@pytest.fixture
def many(clothes):
    for index in range(100):
        make_product(clothes, title=f"Tuote {index:03d}", images=1 if index % 2 else 0)


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_list_runs_a_constant_number_of_queries(api_client, many, settings, page_size, django_assert_max_num_queries):
    settings.CATALOG_CACHE_TIMEOUT = 0
    # count, rows + (cold process) the memoised VAT rates and category index
    with django_assert_max_num_queries(4):
        response = api_client.get(LIST, {"page_size": page_size, "locale": "et"})
    assert len(response.json()["results"]) == page_size
    with django_assert_max_num_queries(4):  # category, search and price order add none
        query = {"page_size": page_size, "category": "vaatteet", "q": "tuote", "ordering": "price"}
        response = api_client.get(LIST, query)
    assert len(response.json()["results"]) == page_size


def test_detail_runs_a_constant_number_of_queries(api_client, socks, settings, django_assert_max_num_queries):
    settings.CATALOG_CACHE_TIMEOUT = 0
    # translations, images + (cold process) the memoised VAT rates and category index
    with django_assert_max_num_queries(4):
        response = api_client.get(detail_url("villased-sokid"), {"locale": "en"})
    assert response.status_code == 200 and len(response.json()["images"]) == 2
    with django_assert_max_num_queries(2):
        assert api_client.get(detail_url("villasukat"), {"locale": "et"}).status_code == 200


def test_warm_uncached_list_runs_two_queries(api_client, many, settings, django_assert_num_queries):
    settings.CATALOG_CACHE_TIMEOUT = 0
    api_client.get(LIST)
    with django_assert_num_queries(2):  # count, rows
        api_client.get(LIST, {"page_size": 100, "category": "vaatteet"})


def test_cached_list_runs_no_query(api_client, many, django_assert_num_queries):
    api_client.get(LIST)
    with django_assert_num_queries(0):
        assert api_client.get(LIST).status_code == 200


@pytest.mark.parametrize("path", [LIST + "?ordering=price&page_size=2", "/api/v1/categories/", LIST + "villasukat/"])
def test_a_cache_hit_answers_exactly_what_the_view_answered(api_client, socks, path):
    """Hits are served before DRF's dispatch (CachedCatalogueView.dispatch): same bytes, same headers."""
    first = api_client.get(path, HTTP_ACCEPT_LANGUAGE="et")
    second = api_client.get(path, HTTP_ACCEPT_LANGUAGE="et")
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content
    assert dict(second.headers) == dict(first.headers)
    assert first["Content-Language"] == "et" and "Accept-Language" in first["Vary"]


# --- ETags and invalidation ------------------------------------------------------------------


def test_etag_gives_304(api_client, socks):
    first = api_client.get(LIST)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, no-cache"
    second = api_client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304 and second["ETag"] == etag and second.content == b""
    assert api_client.get(LIST, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_signed_in_clients_get_etags_but_not_the_shared_cache(api_client, socks, user):
    _token, raw = AuthToken.issue(user)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = api_client.get(LIST, **bearer)
    assert response["Cache-Control"] == "private, no-cache"
    assert api_client.get(LIST, HTTP_IF_NONE_MATCH=response["ETag"], **bearer).status_code == 304
    api_client.force_login(user)  # a session cookie
    assert api_client.get(LIST)["Cache-Control"] == "private, no-cache"
    api_client.logout()
    assert api_client.get(LIST)["Cache-Control"] == "public, no-cache"


def test_a_bad_token_on_a_catalogue_read_is_a_401_not_an_anonymous_answer(api_client, socks):
    response = api_client.get(LIST, HTTP_AUTHORIZATION="Bearer not-a-token")
    assert (response.status_code, response.json()["error"]["code"]) == (401, "authentication_failed")


def test_cache_is_invalidated_on_publish(api_client, django_capture_on_commit_callbacks, socks):
    assert titles(api_client.get(LIST)) == ["Villasukat"]
    page = ProductPage.objects.get(pk=socks.pk)
    page.title = "Villasukat, uusi malli"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert titles(api_client.get(LIST)) == ["Villasukat, uusi malli"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(api_client.get(LIST)) == []


def test_cache_is_invalidated_on_stock_and_price_change(api_client, django_capture_on_commit_callbacks, socks):
    product = Product.objects.get(pk=socks.product_id)
    etag = api_client.get(detail_url("villasukat"))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        stock_set(product=product, quantity=0)
    response = api_client.get(detail_url("villasukat"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json()["in_stock"] is False
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=4)
    assert api_client.get(LIST, {"in_stock": "true"}).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, net_price=Decimal("30.00"))
    assert api_client.get(LIST).json()["results"][0]["price"]["net"] == "30.00"
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, active=False)
    assert api_client.get(LIST).json()["count"] == 0


def test_list_total_follows_stock_changes_without_the_response_cache(
    api_client, settings, django_capture_on_commit_callbacks, socks
):
    """The list's total is memoised per catalogue version; a stock change moves the version."""
    settings.CATALOG_CACHE_TIMEOUT = 0
    product = Product.objects.get(pk=socks.product_id)
    assert api_client.get(LIST, {"in_stock": "true"}).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        stock_set(product=product, quantity=0)
    body = api_client.get(LIST, {"in_stock": "true"}).json()
    assert (body["count"], body["results"]) == (0, [])
    assert api_client.get(LIST, {"in_stock": "false"}).json()["count"] == 1
