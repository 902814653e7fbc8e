"""SQL query budgets of every API endpoint, so an N+1 regression fails CI.

Each list is read at page size 1 and 100 over several rows: the two counts must be equal (the
cost does not grow with the page) and within the budget. Budgets are for a warm process (the
memoised VAT rates and category index loaded by a first request) with the catalogue response
cache off, i.e. the work a real request does. A new route must be added to ``BUDGETS`` or, with
a reason, to ``NOT_BUDGETED``: ``test_every_route_is_listed`` fails otherwise.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from policies.models import PolicyReceipt
from shop.carts.models import CartLine
from tests.factories import bearer_client, make_order
from tests.policies.fixtures import body, republish
from tests.shop.catalog.factories import make_category, make_product, translate
from tests.shop.conftest import import_samples, make_methods
from tests.shop.conftest import make_product as make_stocked_product

pytestmark = pytest.mark.django_db

API = "/api/v1/"
PASSWORD = "a fresh horse battery"
ROWS = 3  # more than one row per list, so a per-row query shows as a difference between page sizes

# (method, route name): maximum SQL queries for one request.
BUDGETS = {
    ("get", "schema"): 1,
    ("get", "docs"): 0,
    ("get", "csrf"): 0,
    ("get", "policy-list"): 4,
    ("get", "policy-current"): 1,
    ("get", "policy-versions"): 4,
    ("get", "policy-version"): 3,
    ("get", "policy-diff"): 4,
    ("get", "me-policies"): 4,
    ("get", "me-policy-acknowledgements"): 4,
    ("get", "me-policy-acknowledgement"): 2,
    ("post", "policy-receipt-verify"): 0,
    ("post", "me-policy-acknowledgements"): 12,
    ("post", "auth-register"): 44,
    ("post", "auth-login"): 13,
    ("post", "auth-logout"): 6,
    ("get", "auth-session"): 2,
    ("get", "me"): 2,
    ("patch", "me"): 7,
    ("get", "category-list"): 1,
    ("get", "product-list"): 2,
    ("get", "product-detail"): 2,
    ("get", "me-address-list"): 3,
    ("post", "me-address-list"): 8,
    ("get", "me-consents"): 3,
    ("get", "me-disclosures"): 3,
    ("post", "cookie-consent-create"): 6,
    ("get", "order-list"): 4,
    ("get", "order-detail"): 3,
    ("post", "support-request-create"): 6,
    ("get", "wishlist"): 4,
    ("put", "wishlist-item"): 6,
    ("get", "recently-viewed"): 4,
    ("post", "recently-viewed"): 13,
    ("get", "shipping-methods"): 2,
    ("get", "pickup-points"): 3,
    ("post", "cart-create"): 7,
    ("get", "cart-detail"): 4,
    ("post", "cart-lines"): 7,
    ("patch", "cart-line"): 9,
    ("delete", "cart-line"): 8,
}
# Routes without a budget here, and why (each is covered by its own domain's tests).
NOT_BUDGETED = {
    "auth-logout-all": "revokes every token of the user: one bulk update, no list",
    "auth-password-reset": "mails a token; constant work, rate-limited",
    "auth-password-reset-confirm": "needs a mailed token",
    "auth-verify-email": "needs a mailed token",
    "auth-verify-email-resend": "mails a token; constant work, rate-limited",
    "me-address-detail": "one address by id",
    "me-export": "a whole account's data; pinned in tests/shop/privacy/test_export.py",
    "me-erasure": "a one-off erasure transaction",
    "consent-confirm": "needs a mailed token",
    "preview": "needs an editor's preview token (tests/cms/test_preview_api.py)",
    "unsubscribe": "needs a mailed token",
    "checkout": "locks stock rows and starts a payment; its queries are a transaction, pinned by tests/shop/checkout",
    "payment-webhook": "called by the payment provider with a signed body, not by a shopper (tests/shop/payments)",
    "order-lookup": "needs a guest's signed order link (tests/shop/orders/test_api.py pins it)",
}


def api_routes() -> set[str]:
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif pattern.name:
                names.add(pattern.name)

    walk(get_resolver("config.api").url_patterns)
    return names


def test_every_route_is_listed():
    budgeted = {name for _method, name in BUDGETS}
    assert api_routes() - budgeted - set(NOT_BUDGETED) == set()
    assert (budgeted | set(NOT_BUDGETED)) - api_routes() == set()


def count(client, method: str, url: str, data=None, **extra) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data, format="json" if method != "get" else None, **extra)
    return len(queries), response


@pytest.fixture
def world(homes, make_policy, user, settings, tmp_path):
    """Several rows behind every list: products, policy versions, receipts, orders, addresses,
    wishlist and recently viewed items of ``user``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CATALOG_CACHE_TIMEOUT = 0
    clothes = make_category(homes["fi"], title="Vaatteet", slug="vaatteet")
    translate(clothes, "et", title="Riided", slug="riided")
    pages = [make_product(clothes, title=f"Tuote {n}", slug=f"tuote-{n}", images=1) for n in range(ROWS)]
    page = make_policy("privacy")
    for n in range(ROWS - 1):
        # New text each time: republishing identical text freezes no new version.
        page = republish(page, change_type="material", summary="Muutos.", body=body(f"Versio {n + 2}."))
    client = bearer_client(user)
    current = client.get(f"{API}policies/privacy/", {"locale": "fi"}).json()
    ack = {key: current[key] for key in ("kind", "version", "locale", "sha256")}
    for _ in range(ROWS):
        assert client.post(f"{API}me/policies/acknowledgements/", ack, format="json").status_code == 201
    for _ in range(ROWS):
        make_order(user, lines=ROWS)
    for page_ in pages:
        assert client.put(f"{API}wishlist/{page_.product_id}/").status_code == 201
        assert client.post(f"{API}recently-viewed/", {"product_id": page_.product_id}, format="json").status_code == 200
    address = {
        "first_name": "Mari",
        "last_name": "Maasikas",
        "line1": "Pikk 1",
        "postcode": "10123",
        "city": "Tallinn",
        "country": "EE",
    }
    for _ in range(ROWS):
        response = client.post(f"{API}me/addresses/", address, format="json")
        assert response.status_code == 201, response.content
    make_methods()
    import_samples()
    stocked = make_stocked_product()
    cart = client.post(f"{API}carts/?country=EE").json()["token"]
    response = client.post(f"{API}carts/{cart}/lines/", {"product_id": stocked.pk, "quantity": 1}, format="json")
    assert response.status_code == 201, response.content
    return {
        "client": client,
        "ack": ack,
        "address": address,
        "products": pages,
        "user": user,
        "cart": cart,
        "stocked": stocked,
    }


LISTS = [
    ("policy-list", "policies/"),
    ("policy-versions", "policies/privacy/versions/"),
    ("me-policy-acknowledgements", "me/policies/acknowledgements/"),
    ("product-list", "products/"),
    ("me-address-list", "me/addresses/"),
    ("me-disclosures", "me/disclosures/"),
    ("order-list", "orders/"),
    ("wishlist", "wishlist/"),
    ("recently-viewed", "recently-viewed/"),
]


MIN_ROWS = {"policy-list": 1, "me-disclosures": 0}  # one policy kind; nobody has disclosed data


def test_list_queries_do_not_grow_with_the_page(world):
    """One world for all lists (building it is the slow part)."""
    client = world["client"]
    problems = {}
    for name, path in LISTS:
        client.get(f"{API}{path}", {"page_size": 1})  # warm the process-wide memos
        small, response = count(client, "get", f"{API}{path}", {"page_size": 1})
        assert response.status_code == 200, (name, response.content[:300])
        large, response = count(client, "get", f"{API}{path}", {"page_size": 100})
        assert response.status_code == 200
        assert len(response.json()["results"]) >= MIN_ROWS.get(name, ROWS), name
        if small != large or large > BUDGETS[("get", name)]:
            problems[name] = (small, large)
    assert problems == {}, "queries at page size 1 and 100, over budget or growing with the page"


def single_reads(world) -> list[tuple[str, str]]:
    order = world["user"].orders.order_by("pk").first()
    receipt = PolicyReceipt.objects.filter(user=world["user"]).order_by("pk").first()
    return [
        ("policy-current", "policies/privacy/"),
        ("policy-version", "policies/privacy/versions/1/"),
        ("policy-diff", "policies/privacy/diff/?from=1&to=2"),
        ("me-policies", "me/policies/"),
        ("me", "me/"),
        ("auth-session", "auth/session/"),
        ("category-list", "categories/"),
        ("product-detail", "products/tuote-1/"),
        ("me-consents", "me/consents/"),
        ("order-detail", f"orders/{order.number}/"),
        ("schema", "schema/"),
        ("csrf", "csrf/"),  # 204: it only sets the cookie
        ("me-policy-acknowledgement", f"me/policies/acknowledgements/{receipt.pk}/"),
        ("shipping-methods", "shipping-methods/?country=EE"),
        ("pickup-points", "pickup-points/?carrier=dpd&q=paasku"),
        ("cart-detail", f"carts/{world['cart']}/"),
    ]


def test_single_reads_within_budget(world):
    client = world["client"]
    over = {}
    for name, path in single_reads(world):
        client.get(f"{API}{path}")  # warm
        queries, response = count(client, "get", f"{API}{path}")
        assert response.status_code == (204 if name == "csrf" else 200), (
            name,
            response.status_code,
            response.content[:300],
        )
        if queries > BUDGETS[("get", name)]:
            over[name] = queries
    assert over == {}


def test_writes_within_budget(world, api_client):
    client = world["client"]
    ack = world["ack"]
    product = world["products"][0].product_id
    receipt = PolicyReceipt.objects.filter(user=world["user"]).order_by("pk").first()
    cart = world["cart"]
    line = CartLine.objects.get(cart__token=cart)
    other = make_stocked_product("MUG-1")
    writes = [
        ("post", "me-policy-acknowledgements", client, "me/policies/acknowledgements/", ack, 201),
        ("patch", "me", client, "me/", {"first_name": "Maria"}, 200),
        ("post", "me-address-list", client, "me/addresses/", world["address"], 201),
        ("put", "wishlist-item", client, f"wishlist/{product}/", None, 200),
        ("post", "recently-viewed", client, "recently-viewed/", {"product_id": product}, 200),
        (
            "post",
            "cookie-consent-create",
            api_client,
            "cookie-consents/",
            {"categories": {"preferences": True, "statistics": False, "marketing": False}, "policy_version": 1},
            201,
        ),
        (
            "post",
            "auth-register",
            api_client,
            "auth/register/",
            {
                "email": "new@example.com",
                "password": PASSWORD,
                "first_name": "Uus",
                "last_name": "Klient",
                "locale": "fi",
                "acknowledgements": [ack],
            },
            201,
        ),
        ("post", "auth-login", api_client, "auth/login/", {"email": "new@example.com", "password": PASSWORD}, 200),
        ("post", "policy-receipt-verify", api_client, "policies/receipts/verify/", {"jws": receipt.jws}, 200),
        ("post", "cart-create", api_client, "carts/?country=EE", None, 201),
        ("post", "cart-lines", client, f"carts/{cart}/lines/", {"product_id": other.pk, "quantity": 1}, 201),
        ("patch", "cart-line", client, f"carts/{cart}/lines/{line.pk}/", {"quantity": 2}, 200),
        ("delete", "cart-line", client, f"carts/{cart}/lines/{line.pk}/", None, 200),
        ("post", "auth-logout", client, "auth/logout/", None, 204),
    ]
    over = {}
    for method, name, who, path, data, expected in writes:
        queries, response = count(who, method, f"{API}{path}", data)
        if expected is not None:
            assert response.status_code == expected, (name, response.status_code, response.content[:300])
        if queries > BUDGETS[(method, name)]:
            over[name] = queries
    assert over == {}
