"""The app server settings of the worker-kill tests (tests/reliability/test_worker_kill.py): the
production settings of settings_multiprocess plus the test-only fault-injection middleware
(tests/reliability/faults.py), which production never loads."""

from tests.reliability.settings_multiprocess import *  # noqa: F403
from tests.reliability.settings_multiprocess import MIDDLEWARE

MIDDLEWARE = [*MIDDLEWARE, "tests.reliability.faults.HangAfterMiddleware"]
