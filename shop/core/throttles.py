"""Throttles for the endpoints an attacker would hammer (login, register, password reset, verify,
support requests). Counters live in the default cache: Redis in production, so every app server
shares them.

A view sets ``throttle_scope`` and ``throttle_classes = AUTH_THROTTLES``; rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``THROTTLE_*`` environment variables) as ``<scope>`` (per client IP) and
``<scope>_account`` (per email address named in the request body, so one account cannot be
brute-forced from many addresses). Exceeding either answers 429 with Retry-After.
"""

import hashlib

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from .ip import client_ip
from .mail import normalize_email


class ScopedIPThrottle(SimpleRateThrottle):
    """Per client IP within the view's ``throttle_scope``."""

    suffix = ""

    def allow_request(self, request: Request, view: APIView) -> bool:
        self.scope = getattr(view, "throttle_scope", None)
        if not self.scope:
            return True
        self.scope = f"{self.scope}{self.suffix}"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self) -> str | None:
        return self.THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class ScopedAccountThrottle(ScopedIPThrottle):
    """Per target account: the email address in the request body, hashed for the cache key."""

    suffix = "_account"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        email = normalize_email(str(data.get("email") or ""))
        if not email:
            return None
        ident = hashlib.sha256(email.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


AUTH_THROTTLES = [ScopedIPThrottle, ScopedAccountThrottle]
