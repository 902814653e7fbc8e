"""The ownership matrix, generated from the URL conf: two shoppers with one of everything, and
every ``/api/v1/`` route is checked. A route that names another shopper's object answers 404 to
the other shopper and 401 to an anonymous client; a route about "me" answers 401 to an anonymous
client and never shows one shopper's data to the other. A new route that is in neither table
fails ``test_every_api_route_has_an_ownership_check``: say what it exposes before it ships.

Carts are the third kind (``TOKEN_OWNED``): the token in the path is the key. A signed-in
shopper's cart answers only to that shopper (anybody else, token or not, gets 404); an anonymous
cart's token is a bearer capability, like the signed link of a guest's order: whoever holds it
may use it, which is why it is long and random and never appears anywhere but in its owner's
answers."""

import json
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from cms.preview import preview_store
from policies.models import PolicyVersionText
from policies.services import policy_acknowledge
from shop.accounts.models import Address, AuthToken
from shop.carts.models import Cart, CartLine
from shop.orders.models import Order
from shop.orders.services import order_lookup_token
from shop.privacy.models import ConsentSource
from shop.privacy.services import disclosure_record, marketing_consent_set
from shop.support.models import SupportRequest
from shop.wishlist.models import RecentlyViewed, WishlistItem
from tests.factories import make_cookie_consent, make_order
from tests.shop.catalog import factories
from tests.shop.checkout.conftest import cart_with, checkout, checkout_body
from tests.shop.conftest import import_samples, make_methods

pytestmark = pytest.mark.django_db

# Routes anyone may call: public content, sign-in flows, and writes that belong to nobody yet or
# are authorised by a signed token in the URL or body rather than by an account.
PUBLIC = {
    "schema",
    "docs",
    "csrf",
    "policy-list",
    "policy-current",
    "policy-versions",
    "policy-version",
    "policy-diff",
    "auth-register",
    "auth-login",
    "auth-password-reset",
    "auth-password-reset-confirm",
    "auth-verify-email",
    "consent-confirm",
    "unsubscribe",
    "cookie-consent-create",
    "support-request-create",
    "category-list",
    "product-list",
    "product-detail",
    "shipping-methods",
    "pickup-points",
    # Anyone may start a cart; a signed-in shopper gets their own one back (never another's).
    "cart-create",
    # Authorised by the cart token in the body (checked like the cart routes below) and an
    # Idempotency-Key; a signed-in shopper's order is theirs, a guest's is reached by its signed link.
    "checkout",
    # Signed by the payment provider (HMAC in X-Xmi-Signature), not by an account.
    "payment-webhook",
    # A guest's order through the signed token of its email link: 400 without, 404 if forged.
    "order-lookup",
    # Anyone may check a signed consent receipt against the published keys (no account involved).
    "policy-receipt-verify",
    # 200 for everyone: who the caller's own session belongs to (nobody else's).
    "auth-session",
}


@dataclass
class Owned:
    """A route about the signed-in shopper. ``object_path`` builds the URL of shopper A's own
    object (routes with an id); without it the route is about "me" and shows only the caller's
    data. ``methods``: every method to try; ``reads``: those that must show B only B's data."""

    methods: tuple[str, ...]
    object_path: str | None = None
    reads: tuple[str, ...] = field(default=("GET",))
    not_found: str = "not_found"  # the error code of another shopper's object


OWNED = {
    "me": Owned(("GET", "PATCH")),
    "me-policies": Owned(("GET",)),
    "me-policy-acknowledgements": Owned(("GET", "POST")),
    "me-policy-acknowledgement": Owned(
        ("GET",), object_path="/api/v1/me/policies/acknowledgements/{receipt}/", not_found="receipt_not_found"
    ),
    "auth-logout": Owned(("POST",), reads=()),
    "auth-logout-all": Owned(("POST",), reads=()),
    "auth-verify-email-resend": Owned(("POST",), reads=()),
    "me-address-list": Owned(("GET", "POST")),
    "me-address-detail": Owned(("GET", "PATCH", "DELETE"), object_path="/api/v1/me/addresses/{address}/"),
    "me-consents": Owned(("GET", "PUT")),
    "me-export": Owned(("GET",)),
    "me-erasure": Owned(("POST",), reads=()),
    "me-disclosures": Owned(("GET",)),
    "order-list": Owned(("GET",)),
    "order-detail": Owned(("GET",), object_path="/api/v1/orders/{order}/"),
    "wishlist": Owned(("GET",)),
    # Keyed by a public product id: B's PUT/DELETE act on B's own list (checked below).
    "wishlist-item": Owned(("PUT", "DELETE"), reads=()),
    "recently-viewed": Owned(("GET", "POST")),
    # An editor's storefront preview of a draft: only the editor who opened it.
    "preview": Owned(("GET",), object_path="/api/v1/previews/{preview}/"),
}


# Routes keyed by a cart token (see the module docstring): ``{url name: (methods, path)}``.
TOKEN_OWNED = {
    "cart-detail": (("GET",), "/api/v1/carts/{cart}/"),
    "cart-lines": (("POST",), "/api/v1/carts/{cart}/lines/"),
    "cart-line": (("PATCH", "DELETE"), "/api/v1/carts/{cart}/lines/{line}/"),
}


def api_v1_routes() -> dict[str, set[str]]:
    """``{url name: HTTP methods its view answers}`` for every view under /api/v1/, walked from
    the root URL conf."""

    def methods(callback) -> set[str]:
        if getattr(callback, "actions", None):  # a ViewSet route (DRF adds "head" once it has served a GET)
            return {method.upper() for method in callback.actions} - {"HEAD", "OPTIONS"}
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None:
            return {"GET"}
        return {m.upper() for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.name, methods(pattern.callback)

    return {
        name: found
        for route, name, found in walk(get_resolver().url_patterns)
        if route.lstrip("^").startswith("api/v1/")
    }


def test_every_api_route_has_an_ownership_check():
    routes = api_v1_routes()
    unchecked = sorted(set(routes) - PUBLIC - set(OWNED) - set(TOKEN_OWNED))
    assert unchecked == [], f"routes without an ownership check (add them to PUBLIC, OWNED or TOKEN_OWNED): {unchecked}"
    assert sorted((PUBLIC | set(OWNED) | set(TOKEN_OWNED)) - set(routes)) == []  # no stale entries
    assert not (PUBLIC & set(OWNED)) and not (PUBLIC & set(TOKEN_OWNED)) and not (set(OWNED) & set(TOKEN_OWNED))
    # Every method an owned view answers is in the matrix, so a new method is checked too.
    assert {name: set(owned.methods) for name, owned in OWNED.items()} == {name: routes[name] for name in OWNED}
    assert {name: set(methods) for name, (methods, _path) in TOKEN_OWNED.items()} == {
        name: routes[name] for name in TOKEN_OWNED
    }
    assert len(routes) == len(PUBLIC) + len(OWNED) + len(TOKEN_OWNED)


@dataclass
class Shopper:
    client: APIClient
    markers: list[str]
    ids: dict[str, str]


def make_shopper(django_user_model, product, name: str) -> Shopper:
    user = django_user_model.objects.create_user(
        email=f"{name}@example.com", password="correct horse battery", first_name=f"First{name}"
    )
    address = Address.objects.create(
        user=user,
        first_name=f"First{name}",
        last_name="Maasikas",
        line1=f"Street of {name} 1",
        postcode="10123",
        city="Tallinn",
        country="EE",
    )
    order = make_order(user, address_line1=f"Street of {name} 1", total_gross=Decimal("24.90"))
    WishlistItem.objects.create(user=user, product=product)
    RecentlyViewed.objects.create(user=user, product=product)
    text = PolicyVersionText.objects.get(version__kind="privacy", version__version=1, locale="fi")
    receipt = policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256)
    marketing_consent_set(user=user, channel="sms", granted=True, source=ConsentSource.PROFILE, locale="fi")
    make_cookie_consent(user)
    disclosure_record(order=order, recipient=f"Carrier for {name}", recipient_kind="carrier", fields=["address"])
    SupportRequest.objects.create(user=user, email=user.email, topic="data_erasure", message=f"Erase {name}")
    preview = preview_store(
        payload={
            "page_type": "product",
            "locale": "fi",
            "title": f"Draft of {name}",
            "summary": "",
            "body_html": "",
            "policy_kind": None,
            "images": [],
            "price": None,
            "in_stock": None,
        },
        user_id=user.pk,
    )
    _token, raw = AuthToken.issue(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    placed = place_order(client, product, name=name, email=user.email)
    cart = cart_with(client, product, 1)  # the shopper's cart again, with a line left in it
    line = CartLine.objects.get(cart__token=cart)
    return Shopper(
        client=client,
        markers=[
            user.email,
            f"Street of {name} 1",
            order.number,
            f"Carrier for {name}",
            f"First{name}",
            f"Draft of {name}",
            placed,
            cart,
        ],
        # The order of the matrix is the one placed through the real checkout.
        ids={
            "address": str(address.pk),
            "order": placed,
            "preview": preview,
            "receipt": str(receipt.pk),
            "cart": cart,
            "line": str(line.pk),
        },
    )


def place_order(client: APIClient, product, *, name: str, email: str) -> str:
    """An order through the real cart and checkout (test bank, Omniva locker in EE): its number."""
    token = cart_with(client, product, 1)
    total = client.get(f"/api/v1/carts/{token}/?country=EE&shipping_method=omniva-ee").json()["totals"]["grand_total"]
    body = checkout_body(token, total=total)
    body["contact"] = {**body["contact"], "first_name": f"First{name}", "email": email}
    response = checkout(client, body, key=f"matrix-{name}")
    assert response.status_code == 201, response.json()
    return response.json()["order_number"]


@pytest.fixture
def shoppers(django_user_model, homes, make_policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_policy("privacy", "fi")
    make_methods()
    import_samples()
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    product = factories.make_product(category, title="Villasukat", slug="villasukat", stock=50).product
    return make_shopper(django_user_model, product, "alice"), make_shopper(django_user_model, product, "bob")


def call(client: APIClient, method: str, path: str):
    return getattr(client, method.lower())(path, {}, format="json") if method != "GET" else client.get(path)


def fixed_path(name: str) -> str:
    """The URL of a route without an object of its own (the wishlist item: any product)."""
    return reverse(f"api-v1:{name}", kwargs={"product_id": 1} if name == "wishlist-item" else None)


def test_anonymous_clients_get_401_from_every_owned_route(shoppers):
    anonymous = APIClient()
    checked = 0
    for name, owned in OWNED.items():
        path = owned.object_path.format(**shoppers[0].ids) if owned.object_path else fixed_path(name)
        for method in owned.methods:
            response = call(anonymous, method, path)
            assert (response.status_code, response.json()["error"]["code"]) == (401, "authentication_required"), (
                method,
                path,
            )
            checked += 1
    assert checked == sum(len(owned.methods) for owned in OWNED.values())


def test_another_shoppers_objects_are_404_and_change_nothing(shoppers):
    alice, bob = shoppers
    before = (Address.objects.count(), Order.objects.count(), list(Address.objects.values_list("line1", flat=True)))
    for owned in OWNED.values():
        if not owned.object_path:
            continue
        path = owned.object_path.format(**alice.ids)
        for method in owned.methods:
            response = call(bob.client, method, path)
            assert (response.status_code, response.json()["error"]["code"]) == (404, owned.not_found), (method, path)
        assert call(alice.client, "GET", path).status_code == 200  # it exists, for its owner
    assert (Address.objects.count(), Order.objects.count(), list(Address.objects.values_list("line1", flat=True))) == (
        before
    )


def test_no_read_shows_one_shopper_anything_of_the_other(shoppers):
    alice, bob = shoppers
    for name, owned in OWNED.items():
        for method in owned.reads:
            path = fixed_path(name) if not owned.object_path else owned.object_path.format(**bob.ids)
            response = call(bob.client, method, path)
            assert response.status_code == 200, (method, path, response.content[:300])
            text = json.dumps(response.json(), ensure_ascii=False)
            assert not [m for m in alice.markers if m in text], (method, path)
            own = call(alice.client, method, owned.object_path.format(**alice.ids) if owned.object_path else path)
            assert any(m in json.dumps(own.json(), ensure_ascii=False) for m in alice.markers) or name in {
                "me-policies",
                "me-policy-acknowledgements",
                "wishlist",
                "recently-viewed",
                "me-consents",
                "me-policy-acknowledgement",
            }, (name, "the read shows its owner nothing to compare with")


def test_wishlist_writes_act_on_the_callers_own_list(shoppers):
    _alice, bob = shoppers
    product_id = WishlistItem.objects.filter(user__email="alice@example.com").get().product_id
    assert bob.client.delete(f"/api/v1/wishlist/{product_id}/").status_code == 204
    assert WishlistItem.objects.filter(user__email="alice@example.com").count() == 1
    assert WishlistItem.objects.filter(user__email="bob@example.com").count() == 0


def cart_state() -> list[tuple]:
    return sorted(CartLine.objects.values_list("cart__token", "product_id", "quantity"))


def test_another_shoppers_cart_is_404_by_token_or_not_and_changes_nothing(shoppers):
    alice, bob = shoppers
    anonymous = APIClient()
    before = (cart_state(), Cart.objects.count())
    checked = 0
    for methods, template in TOKEN_OWNED.values():
        theirs = template.format(**alice.ids)
        made_up = template.format(cart="c" * 43, line=alice.ids["line"])
        for method in methods:
            for client, path in ((bob.client, theirs), (anonymous, theirs), (bob.client, made_up)):
                body = {"product_id": 1, "quantity": 1} if method in {"POST", "PATCH"} else {}
                response = getattr(client, method.lower())(path, body, format="json")
                assert (response.status_code, response.json()["error"]["code"]) == (404, "cart_not_found"), (
                    method,
                    path,
                )
                checked += 1
        assert alice.client.get(template.format(**alice.ids)).status_code in {200, 405}  # theirs, for its owner
    assert (cart_state(), Cart.objects.count()) == before
    assert checked == 3 * sum(len(methods) for methods, _path in TOKEN_OWNED.values())
    # Bob's own line id under Alice's token, and Alice's line under Bob's token: still 404.
    assert bob.client.delete(f"/api/v1/carts/{bob.ids['cart']}/lines/{alice.ids['line']}/").status_code == 404
    assert cart_state() == before[0]


def test_an_anonymous_carts_token_is_a_bearer_capability(shoppers):
    """Whoever holds a guest cart's token may use it (signed in or not); nobody can list tokens,
    and the token shows up only in the answers to its holder."""
    _alice, bob = shoppers
    guest = APIClient()
    token = guest.post("/api/v1/carts/").json()["token"]
    assert len(token) >= 32
    assert bob.client.get(f"/api/v1/carts/{token}/").status_code == 200
    assert APIClient().get(f"/api/v1/carts/{token}/").status_code == 200
    assert token not in json.dumps(bob.client.get("/api/v1/me/export/").json())


def test_carts_and_orders_show_each_shopper_only_their_own(shoppers):
    alice, bob = shoppers
    own = bob.client.get(f"/api/v1/carts/{bob.ids['cart']}/").json()
    assert own["token"] == bob.ids["cart"] and len(own["lines"]) == 1
    assert not [m for m in alice.markers if m in json.dumps(own, ensure_ascii=False)]
    # A signed-in shopper's "new cart" is their own one, never another's.
    assert bob.client.post("/api/v1/carts/").json()["token"] == bob.ids["cart"]
    numbers = [order["number"] for order in bob.client.get("/api/v1/orders/").json()["results"]]
    assert bob.ids["order"] in numbers and alice.ids["order"] not in numbers
    assert Order.objects.get(number=alice.ids["order"]).user.email == "alice@example.com"


def test_guest_order_lookup_needs_the_signed_token_of_that_order(shoppers):
    alice, bob = shoppers
    order = Order.objects.get(number=alice.ids["order"])
    anonymous = APIClient()
    missing = anonymous.get("/api/v1/orders/lookup/")
    assert (missing.status_code, missing.json()["error"]["code"]) == (400, "token_required")
    token = order_lookup_token(order=order)
    for forged in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "not-a-token", alice.ids["order"]):
        response = bob.client.get("/api/v1/orders/lookup/", {"token": forged})
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found"), forged
    found = anonymous.get("/api/v1/orders/lookup/", {"token": token})
    assert found.status_code == 200 and found.json()["number"] == order.number


def test_public_checkout_routes_answer_without_an_account(shoppers):
    anonymous = APIClient()
    assert anonymous.get("/api/v1/shipping-methods/?country=EE").status_code == 200
    assert anonymous.get("/api/v1/pickup-points/?country=EE").status_code == 200
    unsigned = anonymous.post("/api/v1/payments/test-bank/webhook/", {}, format="json")
    assert (unsigned.status_code, unsigned.json()["error"]["code"]) == (400, "invalid_signature")
    keyless = anonymous.post("/api/v1/checkout/", {}, format="json")
    assert (keyless.status_code, keyless.json()["error"]["code"]) == (400, "idempotency_key_required")
