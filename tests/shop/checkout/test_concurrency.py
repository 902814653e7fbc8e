"""No overselling and no double orders under real concurrency, on PostgreSQL: every thread has its
own database connection and goes through the whole API (or the merge service) at once."""

import threading

import pytest
from django.db import connection

from shop.carts.models import Cart, CartLine
from shop.carts.services import cart_add_line, cart_create, cart_merge
from shop.catalog.models import Product, ProductListing
from shop.checkout.models import CheckoutRequest
from shop.orders.models import Order, OrderLine
from tests.shop.checkout.conftest import cart_with, checkout, checkout_body
from tests.shop.conftest import bearer_client, import_samples, make_methods, make_product

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def run_in_threads(jobs) -> list:
    results: list = [None] * len(jobs)
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def worker(index, job):
        try:
            barrier.wait(timeout=20)
            results[index] = job()
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.fixture
def shop(django_user_model):
    make_methods()
    import_samples()
    return make_product(stock=5)


def test_twenty_checkouts_for_five_in_stock_give_five_orders_and_fifteen_clean_409s(shop, django_user_model):
    clients = []
    for n in range(20):
        user = django_user_model.objects.create_user(email=f"buyer{n}@example.ee", password="x" * 12)
        client = bearer_client(user)
        clients.append((client, cart_with(client, shop, 1)))

    responses = run_in_threads(
        [
            (lambda client=client, token=token, n=n: checkout(client, checkout_body(token), key=f"race-{n}"))
            for n, (client, token) in enumerate(clients)
        ]
    )

    codes = sorted(response.status_code for response in responses)
    assert codes == [201] * 5 + [409] * 15
    refused = [response.json()["error"] for response in responses if response.status_code == 409]
    assert {error["code"] for error in refused} == {"insufficient_stock"}
    assert all(error["details"]["products"][0]["available"] == 0 for error in refused)
    assert Order.objects.count() == 5 and OrderLine.objects.filter(product_id=shop.pk).count() == 5
    assert Product.objects.get(pk=shop.pk).stock_quantity == 0
    assert set(ProductListing.objects.filter(product=shop).values_list("stock_quantity", flat=True)) <= {0}
    assert CheckoutRequest.objects.count() == 5  # refused checkouts leave no idempotency row
    assert CartLine.objects.count() == 15  # the refused shoppers keep their carts


def test_two_concurrent_submissions_with_one_key_make_one_order(shop, django_user_model):
    user = django_user_model.objects.create_user(email="twice@example.ee", password="x" * 12)
    client = bearer_client(user)
    body = checkout_body(cart_with(client, shop, 1))

    responses = run_in_threads([lambda: checkout(client, body, key="same-key") for _ in range(2)])

    assert [response.status_code for response in responses] == [201, 201]
    assert responses[0].json()["order_number"] == responses[1].json()["order_number"]
    assert Order.objects.count() == 1 and Product.objects.get(pk=shop.pk).stock_quantity == 4


def test_concurrent_cart_merges_lose_no_lines(django_user_model):
    user = django_user_model.objects.create_user(email="merger@example.ee", password="x" * 12)
    products = [make_product(f"SKU-{n}", stock=10) for n in range(6)]
    tokens = []
    for product in products:
        anonymous = cart_create()
        cart_add_line(cart=anonymous, product_id=product.pk, quantity=2)
        cart_add_line(cart=anonymous, product_id=products[0].pk, quantity=1)
        tokens.append(anonymous.token)

    reports = run_in_threads([(lambda token=token: cart_merge(user=user, token=token)) for token in tokens])

    cart = Cart.objects.get(user=user)  # one cart, although every merge raced to create it
    lines = dict(CartLine.objects.filter(cart=cart).values_list("product_id", "quantity"))
    assert lines == {products[0].pk: 2 + 6, **{product.pk: 2 for product in products[1:]}}
    assert {report["token"] for report in reports} == {cart.token}
    assert Cart.objects.count() == 1  # every anonymous cart was merged and removed


def test_concurrent_add_lines_to_one_cart_stop_exactly_at_the_stock():
    """Twelve adds of one unit at once, eight in stock: eight land, four are 409, the line holds
    eight (no add lost, none beyond the stock) and the cart was marked used."""
    from shop.catalog.errors import InsufficientStock

    product = make_product(stock=8)
    cart = cart_create()
    before = Cart.objects.get(pk=cart.pk).updated_at

    def add():
        try:
            cart_add_line(cart=Cart.objects.get(pk=cart.pk), product_id=product.pk, quantity=1)
        except InsufficientStock:
            return "409"
        return "added"

    outcomes = run_in_threads([add] * 12)
    assert sorted(outcomes) == ["409"] * 4 + ["added"] * 8
    assert list(CartLine.objects.filter(cart=cart).values_list("quantity", flat=True)) == [8]
    assert Cart.objects.get(pk=cart.pk).updated_at > before


def test_an_add_racing_the_merge_of_its_cart_lands_in_the_account_or_is_404(django_user_model):
    """Adds to an anonymous cart while that cart is merged into an account: every add that
    succeeded is in the account's cart afterwards (none went to lines the merge deleted), and every
    other one was told the cart is gone."""
    from shop.carts.errors import CartNotFound

    user = django_user_model.objects.create_user(email="racer@example.ee", password="x" * 12)
    product = make_product(stock=1000)
    anonymous = cart_create()
    cart_add_line(cart=anonymous, product_id=product.pk, quantity=5)

    def add():
        try:
            cart_add_line(cart=anonymous, product_id=product.pk, quantity=1)
        except CartNotFound:
            return "gone"
        return "added"

    outcomes = run_in_threads([add] * 8 + [lambda: cart_merge(user=user, token=anonymous.token)])
    added = outcomes[:8].count("added")
    assert outcomes[:8].count("gone") == 8 - added
    assert not Cart.objects.filter(pk=anonymous.pk).exists()
    assert list(CartLine.objects.filter(cart__user=user).values_list("quantity", flat=True)) == [5 + added]
