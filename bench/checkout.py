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
import contextlib
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


def prepare(clients: int, migrate: bool = True) -> tuple[list[int], list[tuple[str, str]]]:
    """Migrate and create the benchmark data; returns product ids and (bearer token, cart token)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from demo.shipping import ensure_shipping
    from shop.accounts.models import AuthToken
    from shop.carts.models import CartLine
    from shop.carts.services import cart_for_user
    from shop.catalog.models import Product
    from shop.catalog.services import product_create, stock_set

    if migrate:
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
        [GUNICORN, "-c", "python:config.gunicorn", "config.wsgi:application",
         "--workers", str(workers), "--worker-class", "sync", "--bind", f"{HOST}:{port}",
         "--no-control-socket", "--log-level", "warning"],
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

    def request(self, method: str, path: str, body: dict | None = None, **headers: str) -> tuple[int, bytes]:
        payload = json.dumps(body) if body is not None else None
        self.connection.request(method, path, payload, {**self.headers, **headers})
        response = self.connection.getresponse()
        return response.status, response.read()

    def post(self, path: str, body: dict, **headers: str) -> tuple[int, bytes]:
        return self.request("POST", path, body, **headers)


def carts_empty() -> None:
    from shop.carts.models import CartLine

    CartLine.objects.all().delete()


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def run_phase(name: str, clients: list[Client], products: list[int], duration: float) -> dict:
    """One phase: ``read`` (GET the cart), ``add-line``, ``checkout`` (add-line + checkout per
    order) or ``warm-up`` (add-line). Latencies (ms) are of the phase's own request: the cart
    read, the add-line, or the checkout POST."""
    counts = {"requests": 0, "orders": 0, "errors": 0}
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def work(index: int, client: Client) -> None:
        done = {"requests": 0, "orders": 0, "errors": 0}
        mine: list[float] = []
        n = index
        while time.monotonic() < deadline:
            if name == "read":
                started = time.monotonic()
                status, body = client.request("GET", LINES.format(cart=client.cart).replace("lines/", ""))
                mine.append((time.monotonic() - started) * 1000)
                done["requests"] += 1
                if status != 200:
                    done["errors"] += 1
                    errors.append(f"read {status} {body[:200]!r}")
                continue
            product = products[n % len(products)]
            n += 1
            started = time.monotonic()
            status, body = client.post(LINES.format(cart=client.cart), {"product_id": product, "quantity": 1})
            if name != "checkout":
                mine.append((time.monotonic() - started) * 1000)
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
            started = time.monotonic()
            status, body = client.post("/api/v1/checkout/", order, **{"Idempotency-Key": str(uuid.uuid4())})
            mine.append((time.monotonic() - started) * 1000)
            done["requests"] += 1
            if status == 201:
                done["orders"] += 1
            else:
                done["errors"] += 1
                errors.append(f"checkout {status} {body[:200]!r}")
        with lock:
            for key, value in done.items():
                counts[key] += value
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    for line in errors[:5]:
        print("  error:", line)
    return {
        **counts,
        "seconds": elapsed,
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
    }


def fill(clients: list[Client], products: list[int], lines: int) -> None:
    """Give every client's cart ``lines`` lines (the cart a read phase shows)."""
    for client in clients:
        for product in products[:lines]:
            status, body = client.post(LINES.format(cart=client.cart), {"product_id": product, "quantity": 1})
            assert status == 201, body


def measure(port: int, products: list[int], shoppers: list[tuple[str, str]], duration: float) -> dict[str, dict]:
    """The three phases against a running server: cart read (3 lines), add-line, checkout."""
    import django.db

    clients = [Client(port, bearer, cart) for bearer, cart in shoppers]
    try:
        run_phase("warm-up", clients, products, 2)
        carts_empty()
        fill(clients, products, 3)
        read = run_phase("read", clients, products, duration)
        carts_empty()
        add = run_phase("add-line", clients, products, duration)
        carts_empty()
        buy = run_phase("checkout", clients, products, duration)
        carts_empty()
    finally:
        django.db.connections.close_all()
    return {"read": read, "add-line": add, "checkout": buy}


def inprocess(orders: int, products: list[int], shopper: tuple[str, str]) -> None:
    """CPU per request of this process (the app) and of its PostgreSQL backend, and queries per
    request, calling Django's WSGI handler directly: no server, no network, no load generator,
    so the figures hold on a busy machine (CPU time, not wall time)."""
    import io
    import statistics

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    handler = WSGIHandler()
    bearer, cart = shopper

    def call(method: str, path: str, body: dict | None = None, **headers: str) -> tuple[int, bytes]:
        route, _, query = path.partition("?")
        raw = json.dumps(body).encode() if body is not None else b""
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": HOST,
            "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": HOST, "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(raw), "CONTENT_LENGTH": str(len(raw)), "CONTENT_TYPE": "application/json",
            "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
            "wsgi.run_once": False, "wsgi.version": (1, 0), "HTTP_AUTHORIZATION": f"Bearer {bearer}",
            **{"HTTP_" + key.upper().replace("-", "_"): value for key, value in headers.items()},
        }  # fmt: skip
        status = []
        response = handler(environ, lambda s, h, e=None: status.append(s))
        out = b"".join(response)
        response.close()
        return int(status[0][:3]), out

    def backend_cpu() -> float:
        stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")

    def one_order(n: int, count: bool = False) -> dict[str, tuple[float, float, int]]:
        costs, added = {}, b""
        line = {"product_id": products[n % len(products)], "quantity": 1}
        for label, method, path in (
            ("bare view (control)", "GET", "/bench/bare/"),
            ("cart add-line", "POST", LINES.format(cart=cart)),
            ("cart read", "GET", LINES.format(cart=cart).replace("lines/", "")),
            ("checkout", "POST", "/api/v1/checkout/"),
        ):
            body, headers = None, {}
            if label == "cart add-line":
                body = line
            elif label == "checkout":
                headers = {"Idempotency-Key": str(uuid.uuid4())}
                body = {
                    "cart_token": cart,
                    "contact": {"first_name": "B", "last_name": "M", "email": "b@example.ee", "phone": "+37251234567"},
                    "shipping": {"method": "omniva-ee", "pickup_point_id": "omniva:96331"},
                    "payment_method": "test-bank",
                    "expected_total": json.loads(added)["totals"]["grand_total"],
                }
            queries = CaptureQueriesContext(connection) if count else contextlib.nullcontext([])
            backend, cpu = backend_cpu(), time.process_time()
            with queries:
                status, out = call(method, path, body, **headers)
            costs[label] = (time.process_time() - cpu, backend_cpu() - backend, len(queries) if count else 0)
            assert status in (200, 201), (label, status, out[:300])
            if label == "cart add-line":
                added = out
        return costs

    for n in range(20):
        one_order(n)
    counted = one_order(0, count=True)
    samples = [one_order(n) for n in range(orders)]
    print(f"in process, {orders} orders, PostgreSQL; CPU ms per request (median); the cart holds 1 line when read")
    print(f"{'request':22} {'app CPU':>8} {'PG CPU':>7} {'queries':>8}")
    for label in samples[0]:
        app = statistics.median(s[label][0] for s in samples) * 1000
        pg = statistics.mean(s[label][1] for s in samples) * 1000  # clock ticks: a mean, not a median
        print(f"{label:22} {app:8.2f} {pg:7.2f} {counted[label][2]:8d}")
    order = [sum(s[label][i] for label in ("cart add-line", "checkout")) for s in samples for i in (0, 1)]
    app, pg = statistics.median(order[0::2]) * 1000, statistics.mean(order[1::2]) * 1000
    print(f"{'one order (add+buy)':22} {app:8.2f} {pg:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--duration", type=float, default=10, help="seconds per phase (bounded)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8131)))
    parser.add_argument("--inprocess", type=int, metavar="ORDERS", help="CPU per request in process, no server")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database used only for this benchmark")

    setup_django()
    products, shoppers = prepare(args.clients)
    if args.inprocess:
        inprocess(args.inprocess, products, shoppers[0])
        return
    server = start_server(args.port, args.workers)
    try:
        results = measure(args.port, products, shoppers, args.duration)
    finally:
        stop_server(server)

    print(f"\ngunicorn {args.workers} sync workers, {args.clients} clients, {args.duration:.0f} s per phase")
    print(f"{'phase':10} {'requests/s':>11} {'orders/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for name, result in results.items():
        orders = f"{result['orders'] / result['seconds']:9.1f}" if name == "checkout" else f"{'':>9}"
        print(
            f"{name:10} {result['requests'] / result['seconds']:11.0f} {orders} {result['p50_ms']:7.1f}"
            f" {result['p99_ms']:7.1f} {result['errors']:7d}"
        )
    print("(checkout: add-line + checkout per order, latency of the checkout POST; target 100 orders/s, no errors)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
