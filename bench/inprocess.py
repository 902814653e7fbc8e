"""Per-request cost of each benchmarked URL inside one process, as a ratio to the bare view.

The quick loop for profiling (no server, no load generator, no network): the WSGI handler is
called directly, so the figures are the application's own CPU per request. ``make bench`` is the
real measurement; this one finds where the time goes.

    .venv/bin/python bench/inprocess.py                      # dataset 100, uncached
    .venv/bin/python bench/inprocess.py --dataset 10000 --cached
    .venv/bin/python bench/inprocess.py --profile "product detail"   # pyinstrument, one URL

Needs a dataset prepared by ``bench/run.py`` (``var/bench-<n>/`` or ``DATABASE_URL``'s
``_bench_<n>`` database).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="100")
    parser.add_argument("--n", type=int, default=400, help="requests per URL")
    parser.add_argument("--cached", action="store_true", help="catalogue response cache on")
    parser.add_argument("--profile", help="profile this URL label with pyinstrument")
    args = parser.parse_args()

    from bench.run import GET_URLS, env_for

    os.environ.update(env_for(args.dataset, CATALOG_CACHE_TIMEOUT="300" if args.cached else "0"))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()

    def call(path: str) -> int:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status = []
        response = handler(environ, lambda s, h, e=None: status.append(s))
        b"".join(response)
        response.close()
        return int(status[0][:3])

    from shop.catalog.pages import ProductCategoryPage as CategoryPage

    category = CategoryPage.objects.live().filter(locale__language_code="fi").first().slug
    urls = {label: path.format(category=category) for label, (path, _target) in GET_URLS.items()}
    if args.profile:
        from pyinstrument import Profiler

        path = urls[args.profile]
        for _ in range(20):
            call(path)
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(args.n):
            call(path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("SHOW_ALL"))))
        return
    results = {}
    for label, path in urls.items():
        for _ in range(20):
            assert call(path) == 200, (label, path)
        # CPU time of this process, best of three rounds: what the request costs, whatever else
        # the machine is doing (database work in another process is not counted: SQLite runs here).
        rounds = []
        for _ in range(3):
            started = time.process_time()
            for _ in range(args.n // 3):
                call(path)
            rounds.append((time.process_time() - started) / (args.n // 3) * 1e6)
        results[label] = min(rounds)
    bare = results[next(iter(results))]
    for label, micros in results.items():
        print(f"{label:42} {micros:9.0f} us CPU  ratio {bare / micros:5.2f}")


if __name__ == "__main__":
    main()
