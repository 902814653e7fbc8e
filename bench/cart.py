"""The cart and checkout rows of ``make bench`` (``bench/run.py``), measured against the server
that serves the bare control view in the same run: cart read (``GET`` a cart of 3 lines), cart
add-line (``POST``), both as ratios to the control (target 0.3), and checkout in orders per
second (target 100 without errors; PostgreSQL: on SQLite every write waits for the one writer).

The load is ``bench/checkout.py``'s: ``CLIENTS`` threads, each with its own keep-alive
connection, signed-in shopper and cart; a checkout is an add-line then ``POST /api/v1/checkout/``
with a fresh ``Idempotency-Key``, so the orders/s row is whole purchases and its latencies are
those of the checkout request. The data (10 ``BENCH-n`` products with ample stock, shipping
methods, shoppers) is created in the dataset's database through ``manage.py shell``, as
``bench/run.py`` does everything there.
"""

import json
from collections.abc import Callable

from bench.checkout import Client, fill, run_phase

CLIENTS = 8
CART_READ = "cart read (GET, 3 lines)"
ADD_LINE = "cart add-line (POST)"
CHECKOUT = "checkout (orders/s)"
CART_TARGET = 0.3
ORDERS_TARGET = 100

PREPARE = "import json; from bench.cart import prepare_json; print(prepare_json({clients}))"
EMPTY = "from shop.carts.models import CartLine; print(CartLine.objects.all().delete()[0])"


def prepare_json(clients: int) -> str:
    """Inside Django: the benchmark products and shoppers as JSON (see ``checkout.prepare``)."""
    from bench.checkout import prepare

    products, shoppers = prepare(clients, migrate=False)
    return json.dumps({"products": products, "shoppers": shoppers})


def _result(phase: dict, count: str) -> dict:
    return {
        "rps": phase[count] / phase["seconds"],
        "p50_ms": phase["p50_ms"],
        "p99_ms": phase["p99_ms"],
        "errors": phase["errors"],
    }


def measure(django: Callable[[str], str], port: int, duration: float) -> dict[str, tuple[dict, float | None]]:
    """``{label: (result, ratio target or None)}``; ``django(code)`` runs code in the dataset's
    Django and returns its last line of output. Checkout's target is absolute (``ORDERS_TARGET``)."""
    shop = json.loads(django(PREPARE.format(clients=CLIENTS)))
    products = shop["products"]
    clients = [Client(port, bearer, cart) for bearer, cart in shop["shoppers"]]
    run_phase("warm-up", clients, products, 2)
    django(EMPTY)
    fill(clients, products, 3)
    read = run_phase("read", clients, products, duration)
    django(EMPTY)
    add = run_phase("add-line", clients, products, duration)
    django(EMPTY)
    buy = run_phase("checkout", clients, products, duration)
    django(EMPTY)
    return {
        CART_READ: (_result(read, "requests"), CART_TARGET),
        ADD_LINE: (_result(add, "requests"), CART_TARGET),
        CHECKOUT: (_result(buy, "orders"), None),
    }
