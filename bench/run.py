"""Catalogue API throughput, as ratios to a bare Django JsonResponse view measured in the same run.

    make bench                    # demo catalogue and 10,000 generated products, SQLite
    .venv/bin/python bench/run.py --datasets demo --duration 5

For each dataset the script prepares a database once (``var/bench-demo``: migrate + load_demo;
``var/bench-10k``: the same + ``generate_catalog --total 10000``, i.e. ``make catalog-10k``), then
starts gunicorn (2 sync workers, ``--no-control-socket``) on 127.0.0.1:8120-8129 twice: once with
the catalogue cache off (``CATALOG_CACHE_TIMEOUT=0``, every request builds the response) and once
with it on (anonymous requests served from the cache after the first). Each server is driven with
``wrk -t2 -c8`` for ``--duration`` seconds per URL, or, without wrk, a bounded Python client.
Timings are printed, never asserted: they depend on the machine.

Set ``BENCH_REDIS_URL=redis://127.0.0.1:6379/2`` to use Redis as the cache (shared by the
workers, as in production) instead of the per-process memory cache.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
PORTS = range(8120, 8130)

DATASETS = {
    "demo": ("var/bench-demo", None),
    "10k": ("var/bench-10k", 10000),
}
URLS = {
    "bare Django JsonResponse": "/bench/bare/",
    "product list, 20 items": "/api/v1/products/?page_size=20&locale=fi",
    "product list, 20 items, et + filters": "/api/v1/products/?page_size=20&locale=et&in_stock=true&ordering=price",
    "product detail": "/api/v1/products/villasukat/?locale=fi",
    "category tree": "/api/v1/categories/?locale=fi",
}


def manage(var_dir: str, *args: str) -> None:
    env = {**os.environ, "VAR_DIR": str(ROOT / var_dir), "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(name: str) -> str:
    var_dir, total = DATASETS[name]
    marker = ROOT / var_dir / f".bench-ready-{total or 0}"
    if not marker.exists():
        print(f"preparing {name} database in {var_dir} (once) ...", flush=True)
        manage(var_dir, "migrate", "--noinput", "-v0")
        manage(var_dir, "load_demo")
        if total:
            manage(var_dir, "generate_catalog", "--total", str(total))
        marker.touch()
    return var_dir


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not come up")


def start_server(var_dir: str, port: int, cache_timeout: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "VAR_DIR": str(ROOT / var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "CATALOG_CACHE_TIMEOUT": str(cache_timeout),
    }
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"bench{port}"
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"{HOST}:{port}", "--no-control-socket", "--log-level", "warning"],
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


def run_wrk(url: str, duration: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{duration}s", url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"non-2xx responses from {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def run_python(url: str, duration: int) -> float:
    """Fallback without wrk: 8 threads, keep going until ``duration`` seconds (bounded)."""
    done = [0] * 8
    deadline = time.monotonic() + duration

    def worker(index: int) -> None:
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
            done[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def measure(port: int, duration: int) -> dict[str, float]:
    load = run_wrk if shutil.which("wrk") else run_python
    results = {}
    for label, path in URLS.items():
        url = f"http://{HOST}:{port}{path}"
        for _ in range(20):  # warm up both workers (and the cache, when on)
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200, url
        results[label] = load(url, duration)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", choices=list(DATASETS), default=list(DATASETS))
    parser.add_argument("--duration", type=int, default=8, help="seconds per URL")
    args = parser.parse_args()

    ports = iter(PORTS)
    rows = []
    for name in args.datasets:
        var_dir = prepare(name)
        for mode, timeout in (("uncached", 0), ("cached", 300)):
            port = next(ports)
            server = start_server(var_dir, port, timeout)
            try:
                results = measure(port, args.duration)
            finally:
                stop_server(server)
            bare = results["bare Django JsonResponse"]
            for label, rate in results.items():
                rows.append((name, mode, label, rate, bare / rate))

    print()
    print(f"{'dataset':8} {'cache':9} {'endpoint':40} {'req/s':>9} {'ratio to bare':>14}")
    for name, mode, label, rate, ratio in rows:
        print(f"{name:8} {mode:9} {label:40} {rate:9.0f} {'1/' + format(ratio, '.2f'):>14}")
    print("\ntarget: uncached 20-item list 1/5 or better, cached 1/1.5 or better")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
