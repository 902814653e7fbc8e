"""Two app server processes (gunicorn, production settings) share PostgreSQL and Redis: a policy
published through one is served by the other at once; a session started on one works, and ends,
on the other; a cart (anonymous, or a signed-in shopper's) made on one is read and changed on the
other."""

import os

import pytest
from django.db import connection

from policies.models import PolicyPage, PolicyVersion
from shop.carts.models import CartLine
from tests.policies.fixtures import body
from tests.shop.conftest import make_product

from .servers import AppServer, Client, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def _servers(django_db_setup):
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url.startswith("redis://"):
        pytest.fail("the multi-process test needs REDIS_URL (a cache shared by the processes, as in production)")
    env = server_env(database_url(), REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"mp-{os.getpid()}")
    servers = []
    try:
        servers.append(AppServer.start(env))
        servers.append(AppServer.start(env))
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def two_servers(_servers, restore_migrated_data):
    return _servers


def test_a_policy_published_through_one_process_is_served_by_the_other_at_once(
    two_servers, make_policy, django_user_model
):
    a, b = two_servers
    page = make_policy("privacy", "fi", body("Version one."))
    django_user_model.objects.create_superuser(email="editor@example.com", password="correct horse battery")

    reader = Client(b)
    first = reader.get("/api/v1/policies/privacy/?locale=fi")
    assert first.status == 200
    assert first.json()["version"] == 1  # now cached by process B (and in Redis)
    etag = first.headers["ETag"]

    # An editor saves a draft, then publishes it through process A's admin (bulk publish).
    draft = PolicyPage.objects.get(pk=page.pk)
    draft.body = body("Version two.")
    draft.change_type = "material"
    draft.change_summary = "Second version."
    draft.save_revision()
    editor = Client(a)
    editor.admin_login("editor@example.com", "correct horse battery")
    published = editor.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/",
        form={"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
    )
    assert published.status == 302, published.body[:300]
    assert list(PolicyVersion.objects.filter(kind="privacy").values_list("version", flat=True).order_by("version")) == [
        1,
        2,
    ]

    # At once, through the other process: the new version, and the old ETag no longer matches.
    current = reader.get("/api/v1/policies/privacy/?locale=fi")
    assert current.status == 200
    assert current.json()["version"] == 2
    assert "Version two." in current.json()["body_html"]
    assert reader.get("/api/v1/policies/privacy/?locale=fi", headers={"If-None-Match": etag}).status == 200


def test_a_session_works_and_ends_across_processes(two_servers, user):
    a, b = two_servers
    shopper = Client(a)
    login = shopper.post("/api/v1/auth/login/", json_body={"email": user.email, "password": "correct horse battery"})
    assert login.status == 200
    token = login.json()["token"]
    assert "sessionid" in shopper.cookies

    shopper.server = b
    me = shopper.get("/api/v1/me/")
    assert (me.status, me.json()["email"]) == (200, user.email)

    shopper.server = a
    assert shopper.get("/api/v1/csrf/").status == 204
    shopper.server = b
    assert shopper.post("/api/v1/auth/logout/").status == 204

    shopper.server = a
    assert shopper.get("/api/v1/me/").status == 401
    # The bearer token of that login ended with the session, on every process.
    native = Client(a, bearer=token)
    assert native.get("/api/v1/me/").status == 401


def _lines(answer) -> list[tuple[int, int]]:
    return [(line["product_id"], line["quantity"]) for line in answer.json()["lines"]]


def test_an_anonymous_cart_is_the_same_cart_on_both_processes(two_servers):
    a, b = two_servers
    tea, coffee = make_product("TEA-1", stock=5), make_product("COFFEE-1", stock=5)
    shopper = Client(a)
    created = shopper.post("/api/v1/carts/")
    assert created.status == 201
    token = created.json()["token"]
    added = shopper.post(f"/api/v1/carts/{token}/lines/", json_body={"product_id": tea.pk, "quantity": 1})
    assert (added.status, _lines(added)) == (201, [(tea.pk, 1)])

    shopper.server = b
    read = shopper.get(f"/api/v1/carts/{token}/")
    assert (read.status, _lines(read)) == (200, [(tea.pk, 1)])
    line_id = read.json()["lines"][0]["id"]
    changed = shopper.request("PATCH", f"/api/v1/carts/{token}/lines/{line_id}/", json_body={"quantity": 3})
    assert (changed.status, _lines(changed)) == (200, [(tea.pk, 3)])
    more = shopper.post(f"/api/v1/carts/{token}/lines/", json_body={"product_id": coffee.pk, "quantity": 2})
    assert more.status == 201

    shopper.server = a  # process A sees B's changes at once (no stale cached cart)
    again = shopper.get(f"/api/v1/carts/{token}/")
    assert sorted(_lines(again)) == sorted([(tea.pk, 3), (coffee.pk, 2)])
    assert sorted(CartLine.objects.filter(cart__token=token).values_list("product_id", "quantity")) == sorted(
        [(tea.pk, 3), (coffee.pk, 2)]
    )


def test_a_signed_in_shoppers_cart_follows_them_across_processes(two_servers, user):
    a, b = two_servers
    tea = make_product("TEA-1", stock=5)
    shopper = Client(a)
    login = shopper.post("/api/v1/auth/login/", json_body={"email": user.email, "password": "correct horse battery"})
    assert login.status == 200
    assert shopper.get("/api/v1/csrf/").status == 204
    token = shopper.post("/api/v1/carts/").json()["token"]
    added = shopper.post(f"/api/v1/carts/{token}/lines/", json_body={"product_id": tea.pk, "quantity": 2})
    assert added.status == 201, added.body

    shopper.server = b
    # The one persistent cart of the shopper, found again through the other process.
    assert shopper.post("/api/v1/carts/").json()["token"] == token
    read = shopper.get(f"/api/v1/carts/{token}/")
    assert (read.status, _lines(read)) == (200, [(tea.pk, 2)])
    line_id = read.json()["lines"][0]["id"]
    removed = shopper.request("DELETE", f"/api/v1/carts/{token}/lines/{line_id}/")
    assert (removed.status, _lines(removed)) == (200, [])

    shopper.server = a
    assert _lines(shopper.get(f"/api/v1/carts/{token}/")) == []
    assert Client(b).get(f"/api/v1/carts/{token}/").status == 404  # not anyone else's, anywhere
