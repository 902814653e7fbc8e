"""The browser tests' live server answers requests that arrive at once (the storefront fires
several on every page load), also on in-memory SQLite, where its application runs one request at
a time (``OneRequestAtATimeServer``): that lock must not hold a keep-alive connection's idle wait,
or the browser's other connections would hang behind it."""

import pytest

from shop.carts.models import Cart

pytestmark = pytest.mark.django_db(transaction=True)

BURST = """async (count) => {
  const token = document.cookie.split("; ").find((c) => c.startsWith("csrftoken=")).split("=")[1];
  const create = () => fetch("/api/v1/carts/", { method: "POST", headers: { "X-CSRFToken": token } });
  const read = () => fetch("/api/v1/products/?page_size=20");
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => (i % 2 ? read() : create())));
  return answers.map((answer) => answer.status);
}"""


def test_requests_at_once_all_get_their_answer(page, shop):
    page.goto("/")
    page.wait_for_function("() => document.cookie.includes('csrftoken=')")
    statuses = page.evaluate(BURST, 24) + page.evaluate(BURST, 24)
    assert sorted(statuses) == [200] * 24 + [201] * 24
    assert Cart.objects.count() == 24
