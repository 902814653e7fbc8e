"""config/gunicorn.py: a worker that has loaded the app freezes it out of the collector's reach."""

import gc

from config.gunicorn import post_worker_init


def test_a_worker_freezes_what_it_has_loaded():
    gc.unfreeze()
    try:
        post_worker_init(worker=None)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the app, its views and everything imported so far
        assert len(gc.get_objects(generation=2)) < frozen  # full collections no longer walk them
    finally:
        gc.unfreeze()
