"""Payment providers. A provider starts a payment (where to send the shopper) and verifies its
webhooks; everything else (what a paid or cancelled payment does to the order) is the same for
every provider and lives in the checkout.

The built-in ``test-bank`` behaves like an Estonian bank link: the shopper is sent to a page of
the shop (``shop.payments.views``) where they approve or cancel, and the "bank" then calls the
webhook, signed like a real provider would:

``X-Xmi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>``

with the secret ``PAYMENT_WEBHOOK_SECRET``. Signatures older (or newer) than
``PAYMENT_WEBHOOK_TOLERANCE_SECONDS`` are refused, so a captured request cannot be replayed later.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .errors import InvalidSignature, UnknownProvider

SIGNATURE_HEADER = "X-Xmi-Signature"


@dataclass(frozen=True)
class PaymentStart:
    redirect_url: str


def sign(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The ``X-Xmi-Signature`` header value for ``body``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(*, secret: str, body: bytes, header: str, tolerance: int, now: float | None = None) -> None:
    """Raise ``InvalidSignature`` unless ``header`` signs ``body`` with ``secret`` recently."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError) as err:
        raise InvalidSignature() from err
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise InvalidSignature()
    expected = sign(secret=secret, body=body, timestamp=timestamp).partition(",v1=")[2]
    if not hmac.compare_digest(expected, parts.get("v1", "")):
        raise InvalidSignature()


class Provider:
    code: str

    def start(self, *, payment_id: str) -> PaymentStart:
        raise NotImplementedError

    def secret(self) -> str:
        raise NotImplementedError

    def verify_webhook(self, *, body: bytes, header: str) -> None:
        verify(secret=self.secret(), body=body, header=header, tolerance=settings.PAYMENT_WEBHOOK_TOLERANCE_SECONDS)


class TestBank(Provider):
    code = "test-bank"

    def start(self, *, payment_id: str) -> PaymentStart:
        path = reverse("test-bank", kwargs={"payment_id": payment_id})
        return PaymentStart(redirect_url=f"{settings.SITE_URL}{path}")

    def secret(self) -> str:
        # Locally derived from SECRET_KEY when unset; production requires it when enabled.
        return settings.PAYMENT_WEBHOOK_SECRET or "derived:test-bank:" + settings.SECRET_KEY


def providers() -> dict[str, Provider]:
    enabled: dict[str, Provider] = {}
    if settings.PAYMENT_TEST_BANK_ENABLED:
        enabled[TestBank.code] = TestBank()
    return enabled


def provider_get(code: str) -> Provider:
    provider = providers().get(code)
    if provider is None:
        raise UnknownProvider()
    return provider
