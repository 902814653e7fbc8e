"""Local development: debug on, a throwaway secret, localhost only."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-0f9a2c1e"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
INTERNAL_IPS = ["127.0.0.1"]

# Serve static files straight from the apps (no collectstatic needed locally).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
