"""Cart and checkout throughput on PostgreSQL under gunicorn (production-like settings).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xmi_bench make bench-checkout
    .venv/bin/python bench/checkout.py --clients 8 --workers 4 --duration 10

The script prepares the database named by ``DATABASE_URL`` (it must be PostgreSQL and is used
for this benchmark only: migrate, then products with plenty of stock, the shipping methods and
sample pickup points, and one signed-in shopper with a bearer token per client), starts gunicorn
(``config.settings.bench``: no debug, persistent connections) on 127.0.0.1 and drives it with
``--clients`` threads, each with its own keep-alive connection and its own shopper:

1. cart add-line: ``POST /api/v1/carts/{token}/lines/`` as fast as possible (the line grows);
2. checkout: per order ``POST .../lines/`` (1 unit) then ``POST /api/v1/checkout/`` with a fresh
   ``Idempotency-Key``; an order counts when the checkout answers 201.

Ten products are bought round robin, so orders contend for the same product rows (row locks) the
way a sale does. Every phase is bounded by ``--duration`` seconds; any non-2xx answer is counted
as an error and printed. Figures are printed, never asserted.
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
PRODUCTS = 10
LINES = "/api/v1/carts/{cart}/lines/?country=EE&shipping_method=omniva-ee"


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()


def prepare(clients: int) -> tuple[list[int], list[tuple[str, str]]]:
    """Migrate and create the benchmark data; returns product ids and (bearer token, cart token)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from demo.shipping import ensure_shipping
    from shop.accounts.models import AuthToken
    from shop.carts.models import CartLine
    from shop.carts.services import cart_for_user
    from shop.catalog.models import Product
    from shop.catalog.services import product_create, stock_set

    call_command("migrate", "--noinput", verbosity=0)
    ensure_shipping([])
    products = []
    for n in range(PRODUCTS):
        product = Product.objects.filter(sku=f"BENCH-{n}").first() or product_create(
            sku=f"BENCH-{n}", net_price="20.08", stock_quantity=0
        )
        stock_set(product=product, quantity=1_000_000)
        products.append(product.pk)
    shoppers = []
    User = get_user_model()
    for n in range(clients):
        email = f"bench{n}@example.ee"
        user = User.objects.filter(email=email).first() or User.objects.create_user(email=email, password=None)
        _token, raw = AuthToken.issue(user)
        cart = cart_for_user(user=user)
        CartLine.objects.filter(cart=cart).delete()
        shoppers.append((raw, cart.token))
    return products, shoppers


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench", "TASKS_BACKEND": "database"}
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "--workers", str(workers), "--worker-class", "sync",
         "--bind", f"{HOST}:{port}", "--no-control-socket", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not come up")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Client:
    def __init__(self, port: int, bearer: str, cart: str) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
        self.cart = cart

    def post(self, path: str, body: dict, **headers: str) -> tuple[int, bytes]:
        self.connection.request("POST", path, json.dumps(body), {**self.headers, **headers})
        response = self.connection.getresponse()
        return response.status, response.read()


def carts_empty() -> None:
    from shop.carts.models import CartLine

    CartLine.objects.all().delete()


def run_phase(name: str, clients: list[Client], products: list[int], duration: float) -> dict:
    counts = {"requests": 0, "orders": 0, "errors": 0}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def work(index: int, client: Client) -> None:
        done = {"requests": 0, "orders": 0, "errors": 0}
        n = index
        while time.monotonic() < deadline:
            product = products[n % len(products)]
            n += 1
            status, body = client.post(LINES.format(cart=client.cart), {"product_id": product, "quantity": 1})
            done["requests"] += 1
            if status != 201:
                done["errors"] += 1
                errors.append(f"add-line {status} {body[:200]!r}")
                continue
            if name != "checkout":
                continue
            order = {
                "cart_token": client.cart,
                "contact": {
                    "first_name": "Bench",
                    "last_name": "Mark",
                    "email": "b@example.ee",
                    "phone": "+37251234567",
                },
                "shipping": {"method": "omniva-ee", "pickup_point_id": "omniva:96331"},
                "payment_method": "test-bank",
                # The cart's total with this shipping method, as a storefront shows it before "Buy".
                "expected_total": json.loads(body)["totals"]["grand_total"],
            }
            status, body = client.post("/api/v1/checkout/", order, **{"Idempotency-Key": str(uuid.uuid4())})
            done["requests"] += 1
            if status == 201:
                done["orders"] += 1
            else:
                done["errors"] += 1
                errors.append(f"checkout {status} {body[:200]!r}")
        with lock:
            for key, value in done.items():
                counts[key] += value

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    for line in errors[:5]:
        print("  error:", line)
    return {**counts, "seconds": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--duration", type=float, default=10, help="seconds per phase (bounded)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8131)))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database used only for this benchmark")

    setup_django()
    products, shoppers = prepare(args.clients)
    server = start_server(args.port, args.workers)
    try:
        clients = [Client(args.port, bearer, cart) for bearer, cart in shoppers]
        run_phase("warm-up", clients, products, 2)
        carts_empty()
        add = run_phase("add-line", clients, products, args.duration)
        carts_empty()
        buy = run_phase("checkout", clients, products, args.duration)
    finally:
        stop_server(server)

    print(f"\ngunicorn {args.workers} sync workers, {args.clients} clients, {args.duration:.0f} s per phase")
    print(f"{'phase':10} {'requests/s':>11} {'orders/s':>9} {'errors':>7}")
    print(f"{'add-line':10} {add['requests'] / add['seconds']:11.0f} {'':>9} {add['errors']:7d}")
    print(
        f"{'checkout':10} {buy['requests'] / buy['seconds']:11.0f} {buy['orders'] / buy['seconds']:9.1f}"
        f" {buy['errors']:7d}"
    )
    print("(checkout requests are add-line + checkout per order; target: 100 orders/s or more, no errors)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
