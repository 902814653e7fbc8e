"""gunicorn settings of every app server we start (deploy/, the benchmarks): ``gunicorn -c
python:config.gunicorn config.wsgi``; command-line flags add to them.

Each worker, once it has loaded the app, imports every URL pattern's view and then moves
everything allocated so far out of the garbage collector's reach (``gc.freeze()``): those objects
live as long as the worker, yet every full collection walked all ~200,000 of them, a pause of
about 190 ms that landed on whichever request was running (measured in process on the 10,000-
product catalogue; under wrk it showed as p99 latencies of 30-75 ms on the first URLs a new worker
served). With ``--max-requests`` every recycled worker pays that start again, so this is where
it belongs. Only objects made later are collected, as usual."""

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every app's views now, not on a first request)
    gc.collect()
    gc.freeze()
