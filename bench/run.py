"""API throughput and latency as ratios to a bare Django JsonResponse view measured in the same run.

    make bench                                      # 100 and 10,000 products, SQLite
    DATABASE_URL=postgres://.../xmi make bench      # the same on PostgreSQL
    .venv/bin/python bench/run.py --datasets 100 --duration 2

Per dataset the script prepares a database once (SQLite: ``var/bench-<n>/``; PostgreSQL: a database
named after ``DATABASE_URL``'s plus ``_bench_<n>``): migrate, ``load_demo``, ``generate_catalog
--total n``. It then starts gunicorn (production-like ``config.settings.bench``, 2 sync workers,
``--no-control-socket``) on loopback twice: with the catalogue response cache off
(``CATALOG_CACHE_TIMEOUT=0``: every request builds its response, "uncached") and on ("cached").
Each URL is driven with ``wrk -t2 -c8 --latency`` for ``--duration`` seconds (without wrk, a
bounded Python client), and every row is a ratio to the bare view of the same server.

Also measured: Wagtail's pages API listing 20 of the same product pages, the privacy policy
after a publish, registration (``POST``, unique e-mails from a wrk Lua script) with the password
hasher's own cost per call, signup again once the receipt chain holds ``--receipts`` receipts,
the peak RSS of the workers after the list, and the query plan of every list variant and the
detail (``bench/explain.py``: each should name an index). Results go to ``bench/results/<time>.json``.
Timings are printed, never asserted: they depend on the machine.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cart  # noqa: E402  (after the path: run as a script)

PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
PORTS = iter(range(int(os.environ.get("BENCH_PORT", 8171)), int(os.environ.get("BENCH_PORT", 8171)) + 19))
WORKERS = 2
BARE = "bare Django JsonResponse (control)"
LIST = "product list 20"
REGISTER = "register (POST)"
HASHER = "password hasher alone (make_password)"
PASSWORD = "bench-Correct-Horse-9"  # noqa: S105

# label: (path, minimum ratio to the control, or None for information only)
GET_URLS = {
    BARE: ("/bench/bare/", None),
    "policy current (privacy)": ("/api/v1/policies/privacy/?locale=fi", 0.7),
    LIST: ("/api/v1/products/?page_size=20&locale=fi", 0.33),
    "Wagtail /api/v2/pages/ 20 products": ("/api/v2/pages/?type=catalog.ProductPage&locale=fi&limit=20", None),
    "list et + in_stock + price": ("/api/v1/products/?page_size=20&locale=et&in_stock=true&ordering=price", None),
    "list -price": ("/api/v1/products/?page_size=20&locale=fi&ordering=-price", None),
    "list title": ("/api/v1/products/?page_size=20&locale=fi&ordering=title", None),
    "list min/max price": ("/api/v1/products/?page_size=20&locale=fi&min_price=10&max_price=60", None),
    "list category": ("/api/v1/products/?page_size=20&locale=fi&category={category}", None),
    "list q=villa": ("/api/v1/products/?page_size=20&locale=fi&q=villa", None),
    "product detail": ("/api/v1/products/villasukat/?locale=fi", 0.3),
    "category list": ("/api/v1/categories/?locale=fi", None),
}
FILTER_ROWS = [label for label in GET_URLS if label.startswith("list ")]


def database_url(name: str) -> str | None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path}_bench_{name}"))


def env_for(name: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "VAR_DIR": str(ROOT / "var" / f"bench-{name}"),
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "THROTTLE_REGISTER": "1000000/hour",
        **extra,
    }
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    if database_url(name):
        env["DATABASE_URL"] = database_url(name)
    return env


def django(name: str, code: str) -> str:
    """Run ``code`` in Django against dataset ``name``'s database; its stdout."""
    return (
        subprocess.run(
            [PY, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env_for(name),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def manage(name: str, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env_for(name), check=True, stdout=subprocess.DEVNULL)


def create_pg_database(name: str) -> None:
    url = database_url(name)
    if not url:
        return
    import psycopg

    dbname = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
            connection.execute(f'CREATE DATABASE "{dbname}"')


def prepare(name: str, total: int) -> None:
    create_pg_database(name)
    manage(name, "migrate", "--noinput", "-v0")
    count = int(django(name, "from shop.catalog.models import Product; print(Product.objects.count())"))
    if count < total:
        print(f"preparing {name}: load_demo + generate_catalog --total {total} (once) ...", flush=True)
        manage(name, "load_demo")
        manage(name, "generate_catalog", "--total", str(total))


def hasher_ms(name: str) -> float:
    """Median milliseconds of one ``make_password`` with the configured hasher."""
    code = (
        "import time, statistics; from django.contrib.auth.hashers import make_password\n"
        "times = []\n"
        "for _ in range(5):\n"
        "    t = time.perf_counter(); make_password('x-bench-password-1'); times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times) * 1000)"
    )
    return float(django(name, code))


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not come up")


def start_server(name: str, port: int, cache_timeout: int) -> subprocess.Popen:
    env = env_for(name, CATALOG_CACHE_TIMEOUT=str(cache_timeout), CACHE_KEY_PREFIX=f"bench{port}")
    process = subprocess.Popen(
        [GUNICORN, "-c", "python:config.gunicorn", "config.wsgi:application",
         "--workers", str(WORKERS), "--worker-class", "sync", "--bind", f"{HOST}:{port}",
         "--no-control-socket", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    wait_ready(port)
    return process


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def workers_peak_rss_mb(process: subprocess.Popen) -> float:
    """Peak resident set (VmHWM) of the largest worker of this gunicorn master, in MB."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    peak = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak / 1024


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS[unit]


def run_wrk(url: str, duration: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99_ms": _ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def run_python(url: str, duration: int, script: str | None = None) -> dict:
    """Fallback without wrk (GET only): 8 threads until ``duration`` seconds have passed."""
    latencies: list[float] = []
    deadline = time.monotonic() + duration

    def worker() -> None:
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
            latencies.append((time.monotonic() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / (time.monotonic() - started),
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[int(len(latencies) * 0.99)],
        "errors": 0,
    }


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return json.loads(response.read())


def measure_get(port: int, path: str, duration: int, warm: int = 20) -> dict:
    url = f"http://{HOST}:{port}{path}"
    for _ in range(warm):  # warm up both workers (and the caches, when on)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200, url
    load = run_wrk if shutil.which("wrk") else run_python
    return load(url, duration)


REGISTER_LUA = """
local counter = 0
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
request = function()
  counter = counter + 1
  local email = "%(run)s-" .. tid .. "-" .. counter .. "@bench.example"
  local body = string.gsub([[%(body)s]], "EMAIL", email)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
"""


def measure_register(port: int, duration: int) -> dict | None:
    if not shutil.which("wrk"):
        return None
    policy = get_json(f"http://{HOST}:{port}/api/v1/policies/privacy/?locale=fi")
    body = {
        "email": "EMAIL",
        "password": PASSWORD,
        "first_name": "Bench",
        "last_name": "Mark",
        "locale": "fi",
        "acknowledgements": [
            {"kind": "privacy", "version": policy["version"], "locale": policy["locale"], "sha256": policy["sha256"]}
        ],
    }
    run = f"b{int(time.time() * 1000)}p{port}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REGISTER_LUA % {"run": run, "body": json.dumps(body)})
    try:
        # The password hasher dominates (hundreds of ms a call): a longer run to get enough samples.
        return run_wrk(f"http://{HOST}:{port}/api/v1/auth/register/", max(duration * 3, 10), script.name)
    finally:
        os.unlink(script.name)


def first_category(port: int) -> str:
    tree = get_json(f"http://{HOST}:{port}/api/v1/categories/?locale=fi")
    items = tree["results"] if isinstance(tree, dict) else tree
    return items[0]["slug"]


def row(dataset: str, cache: str, label: str, result: dict | None, bare: float, target: float | None) -> dict:
    if result is None:
        return {"dataset": dataset, "cache": cache, "endpoint": label, "pending": True}
    return {
        "dataset": dataset,
        "cache": cache,
        "endpoint": label,
        **result,
        "ratio": result["rps"] / bare,
        "target": target,
    }


def bench_server(name: str, cache: str, timeout: int, args: argparse.Namespace, rows: list, extra: dict) -> None:
    port = next(PORTS)
    server = start_server(name, port, timeout)
    try:
        category = first_category(port)
        results = {}
        for label, (path, _target) in GET_URLS.items():
            results[label] = measure_get(port, path.format(category=category), args.duration)
            if label == LIST and cache == "uncached":
                extra[f"{name} worker peak RSS MB (after list)"] = round(workers_peak_rss_mb(server), 1)
        # The machine's speed drifts during a run: the control is measured first and again after
        # the other URLs, and every ratio is to the mean of the two (the spread is reported).
        again = measure_get(port, GET_URLS[BARE][0], args.duration)
        first = results[BARE]["rps"]
        results[BARE] = {**results[BARE], "rps": (first + again["rps"]) / 2}
        extra[f"{name} {cache} control drift"] = f"{first:.0f} then {again['rps']:.0f} req/s"
        bare = results[BARE]["rps"]
        for label, (_path, target) in GET_URLS.items():
            if cache == "cached" and label != BARE and not label.startswith("Wagtail"):
                target = 0.8  # every cached anonymous response
            rows.append(row(name, cache, label, results[label], bare, target))
        if cache == "uncached":
            # Policy after a publish: a new version, served by processes that never saw it.
            version = django(name, "from bench.seed import publish_privacy; print(publish_privacy())")
            result = measure_get(port, GET_URLS["policy current (privacy)"][0], args.duration)
            rows.append(row(name, cache, "policy current after a publish", result, bare, 0.7))
            extra[f"{name} policy version published for that row"] = f"v{version}"
            hasher = measure_get(port, "/bench/hasher/", max(args.duration * 3, 10), warm=2)
            rows.append(row(name, cache, HASHER, hasher, bare, None))
            register = measure_register(port, args.duration)
            rows.append(row(name, cache, REGISTER, register, bare, None))
            # Cart read and add-line (ratios) and checkout (orders/s): bench/cart.py.
            for label, (result, target) in cart.measure(lambda code: django(name, code), port, args.duration).items():
                rows.append(row(name, cache, label, result, bare, target))
            if args.receipts and name == args.datasets[-1]:
                added = django(name, f"from bench.seed import add_receipts; print(add_receipts({args.receipts}))")
                print(f"{name}: receipt chain now {args.receipts} receipts (added {added})", flush=True)
                result = measure_get(port, GET_URLS[BARE][0], args.duration)
                bare2 = result["rps"]
                rows.append(row(name, f"+{args.receipts} receipts", BARE, result, bare2, None))
                register = measure_register(port, args.duration)
                rows.append(row(name, f"+{args.receipts} receipts", REGISTER, register, bare2, None))
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", type=int, default=[100, 10000], help="catalogue sizes")
    parser.add_argument("--duration", type=int, default=3, help="seconds per URL")
    parser.add_argument("--receipts", type=int, default=100000, help="receipt chain length for the last signup row")
    args = parser.parse_args()
    args.datasets = [str(n) for n in args.datasets]

    rows: list[dict] = []
    extra: dict = {}
    for name in args.datasets:
        prepare(name, int(name))
        extra[f"{name} password hasher ms"] = round(hasher_ms(name), 1)
        explained = json.loads(django(name, "from bench.explain import main; main()"))
        extra[f"{name} query plans (EXPLAIN)"] = {label: "; ".join(scans) for label, scans in explained.items()}
        for cache, timeout in (("uncached", 0), ("cached", 300)):
            bench_server(name, cache, timeout, args, rows, extra)

    report(rows, extra, args)


def report(rows: list[dict], extra: dict, args: argparse.Namespace) -> None:
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    when = datetime.now(UTC)
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, {database}"
    print(f"\n{when:%Y-%m-%d %H:%M} UTC, {machine}, gunicorn {WORKERS} sync workers, wrk -t2 -c8, {args.duration}s/URL")
    header = ("products", "cache", "endpoint", "req/s", "p50 ms", "p99 ms", "ratio", "target")
    print("{:>8} {:16} {:42} {:>8} {:>7} {:>7} {:>6} {:>7}".format(*header))
    plain = {(r["dataset"], r["cache"]): r["rps"] for r in rows if r["endpoint"] == LIST}
    wagtail = {(r["dataset"], r["cache"]): r["rps"] for r in rows if r["endpoint"].startswith("Wagtail")}
    for r in rows:
        if r.get("pending"):
            print(f"{r['dataset']:>8} {r['cache']:16} {r['endpoint']:42} {'pending (not on main yet)':>39}")
            continue
        target = r.get("target")
        key = (r["dataset"], r["cache"])
        if r["endpoint"] in FILTER_ROWS and r["cache"] == "uncached" and key in plain:
            mark = f"{'ok' if r['rps'] * 2 >= plain[key] else 'MISS'} 2x"
        elif r["endpoint"] == cart.CHECKOUT:
            mark = f"{'ok' if r['rps'] >= cart.ORDERS_TARGET and not r['errors'] else 'MISS'} {cart.ORDERS_TARGET}/s"
        elif target is not None:
            mark = f"{'ok' if r['ratio'] >= target else 'MISS'} {target}"
        else:
            mark = ""
        errors = f"  {r['errors']} errors" if r.get("errors") else ""
        print(
            f"{r['dataset']:>8} {r['cache']:16} {r['endpoint']:42} {r['rps']:8.1f} {r['p50_ms']:7.1f} "
            f"{r['p99_ms']:7.1f} {r['ratio']:6.2f} {mark:>7}{errors}"
        )
    print()
    for key, rate in plain.items():
        if key in wagtail:
            print(f"product list 20 vs Wagtail pages API ({key[0]} products, {key[1]}): {rate / wagtail[key]:.1f}x")
    hashers = {r["dataset"]: r["rps"] for r in rows if r["endpoint"] == HASHER}
    for r in rows:
        if r["endpoint"] == REGISTER and r["dataset"] in hashers and r["rps"]:
            share = r["rps"] / hashers[r["dataset"]]
            print(f"register ({r['dataset']} products, {r['cache']}): the hasher alone is {share:.0%} of its cost")
    for key, value in extra.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for label, plan in value.items():
                print(f"  {label:28} {plan}")
        else:
            print(f"{key}: {value}")
    out = ROOT / "bench" / "results" / f"{when:%Y%m%dT%H%M%S}-{database.lower()}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"when": when.isoformat(), "machine": machine, "rows": rows, "extra": extra}, indent=1))
    print(f"\nresults: {out.relative_to(ROOT)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
