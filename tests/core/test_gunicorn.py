"""config/gunicorn.py: a worker that has loaded the app freezes it out of the collector's reach.

The hook runs in a process of its own, as in a worker: a forced full collection inside the test
process would finalise other tests' abandoned objects at an arbitrary moment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import gc, django
django.setup()
from config.gunicorn import post_worker_init
post_worker_init(worker=None)
print(gc.get_freeze_count(), len(gc.get_objects(generation=2)))
"""


def test_a_worker_freezes_what_it_has_loaded():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    frozen, collected = (int(value) for value in done.stdout.split())
    assert frozen > 10_000  # the app, its views and everything imported so far
    assert collected < frozen  # full collections no longer walk them
