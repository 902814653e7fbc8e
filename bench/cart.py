"""The cart and checkout rows of ``make bench`` (``bench/run.py``), measured against the server
that serves the bare control view in the same run: cart read (``GET`` a cart of 3 lines), cart
add-line (``POST``), both as ratios to the control (target 0.3), and checkout in orders per
second (target 100 without errors; PostgreSQL: on SQLite every write waits for the one writer).

Cart read and add-line are driven by wrk (``CART_LUA``), like the control, over ``CLIENTS``
signed-in shoppers' carts (without wrk: the Python client below). Checkout is
``bench/checkout.py``'s load: ``CLIENTS`` threads, each with its own keep-alive connection,
signed-in shopper and cart; a checkout is an add-line then ``POST /api/v1/checkout/``
with a fresh ``Idempotency-Key``, so the orders/s row is whole purchases and its latencies are
those of the checkout request. The data (10 ``BENCH-n`` products with ample stock, shipping
methods, shoppers) is created in the dataset's database through ``manage.py shell``, as
``bench/run.py`` does everything there.
"""

import json
import os
import shutil
import tempfile
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


# wrk drives cart read and add-line, as it drives the control: a Python client on the same two
# cores took CPU from the server and understated both rows. Each request is one of the shoppers'
# own carts, round robin; an add-line adds one unit of one of the products, round robin. wrk's two
# threads (-t2, bench/run.py) take alternate shoppers: with one shared order both threads sent
# the same cart at the same moment, and every other add-line waited for the other's row lock,
# which no shopper's own browsing does.
CART_LUA = """
local shoppers = %(shoppers)s
local products = %(products)s
local n = 0
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
request = function()
  n = n + 1
  local shopper = shoppers[((n * 2 + tid) %% #shoppers) + 1]
  local headers = {["Authorization"] = "Bearer " .. shopper[1], ["Content-Type"] = "application/json"}
  local path = "/api/v1/carts/" .. shopper[2] .. "/%(tail)s?country=EE&shipping_method=omniva-ee"
  if "%(method)s" == "GET" then
    return wrk.format("GET", path, headers)
  end
  local body = '{"product_id": ' .. products[(n %% #products) + 1] .. ', "quantity": 1}'
  return wrk.format("POST", path, headers, body)
end
"""


def _wrk(port: int, shop: dict, method: str, duration: float) -> dict:
    from bench.run import run_wrk

    lua = CART_LUA % {
        "shoppers": "{" + ", ".join(f'{{"{b}", "{c}"}}' for b, c in shop["shoppers"]) + "}",
        "products": "{" + ", ".join(str(p) for p in shop["products"]) + "}",
        "tail": "lines/" if method == "POST" else "",
        "method": method,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        return run_wrk(f"http://127.0.0.1:{port}/", max(int(duration), 1), script.name)
    finally:
        os.unlink(script.name)


def measure(django: Callable[[str], str], port: int, duration: float) -> dict[str, tuple[dict, float | None]]:
    """``{label: (result, ratio target or None)}``; ``django(code)`` runs code in the dataset's
    Django and returns its last line of output. Checkout's target is absolute (``ORDERS_TARGET``)."""
    shop = json.loads(django(PREPARE.format(clients=CLIENTS)))
    products = shop["products"]
    clients = [Client(port, bearer, cart) for bearer, cart in shop["shoppers"]]
    run_phase("warm-up", clients, products, 2)
    django(EMPTY)
    fill(clients, products, 3)
    if shutil.which("wrk"):
        read = _wrk(port, shop, "GET", duration)
        django(EMPTY)
        add = _wrk(port, shop, "POST", duration)
    else:
        read = _result(run_phase("read", clients, products, duration), "requests")
        django(EMPTY)
        add = _result(run_phase("add-line", clients, products, duration), "requests")
    django(EMPTY)
    buy = run_phase("checkout", clients, products, duration)
    django(EMPTY)
    return {
        CART_READ: (read, CART_TARGET),
        ADD_LINE: (add, CART_TARGET),
        CHECKOUT: (_result(buy, "orders"), None),
    }
