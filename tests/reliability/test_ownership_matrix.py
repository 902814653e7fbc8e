"""The ownership matrix, generated from the URL conf: two shoppers with one of everything, and
every ``/api/v1/`` route is checked. A route that names another shopper's object answers 404 to
the other shopper and 401 to an anonymous client; a route about "me" answers 401 to an anonymous
client and never shows one shopper's data to the other. A new route that is in neither table
fails ``test_every_api_route_has_an_ownership_check``: say what it exposes before it ships."""

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
from shop.orders.models import Order
from shop.privacy.models import ConsentSource
from shop.privacy.services import disclosure_record, marketing_consent_set
from shop.support.models import SupportRequest
from shop.wishlist.models import RecentlyViewed, WishlistItem
from tests.factories import make_cookie_consent, make_order
from tests.shop.catalog import factories

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


OWNED = {
    "me": Owned(("GET", "PATCH")),
    "me-policies": Owned(("GET",)),
    "me-policy-acknowledgements": Owned(("GET", "POST")),
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
    unchecked = sorted(set(routes) - PUBLIC - set(OWNED))
    assert unchecked == [], f"routes without an ownership check (add them to PUBLIC or OWNED): {unchecked}"
    assert sorted((PUBLIC | set(OWNED)) - set(routes)) == []  # no stale entries
    # Every method an owned view answers is in the matrix, so a new method is checked too.
    assert {name: set(owned.methods) for name, owned in OWNED.items()} == {name: routes[name] for name in OWNED}


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
    policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256)
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
    return Shopper(
        client=client,
        markers=[
            user.email,
            f"Street of {name} 1",
            order.number,
            f"Carrier for {name}",
            f"First{name}",
            f"Draft of {name}",
        ],
        ids={"address": str(address.pk), "order": order.number, "preview": preview},
    )


@pytest.fixture
def shoppers(django_user_model, homes, make_policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_policy("privacy", "fi")
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    product = factories.make_product(category, title="Villasukat", slug="villasukat").product
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
            assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found"), (method, path)
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
            }, (name, "the read shows its owner nothing to compare with")


def test_wishlist_writes_act_on_the_callers_own_list(shoppers):
    _alice, bob = shoppers
    product_id = WishlistItem.objects.filter(user__email="alice@example.com").get().product_id
    assert bob.client.delete(f"/api/v1/wishlist/{product_id}/").status_code == 204
    assert WishlistItem.objects.filter(user__email="alice@example.com").count() == 1
    assert WishlistItem.objects.filter(user__email="bob@example.com").count() == 0
