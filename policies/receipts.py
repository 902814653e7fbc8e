"""The signed form of a receipt: a Kantara Consent Receipt 1.1 style payload (field names where
they fit) plus the policy it refers to and its place in the evidence chain. See API.md, "Signed
receipts"; ``policies.signing`` signs and verifies it."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

KANTARA_VERSION = "KI-CR-v1.1.0"


def version_url(*, kind: str, version: int, locale: str) -> str:
    """The public, immutable URL of one frozen version in one locale."""
    path = reverse("api-v1:policy-version", kwargs={"kind": kind, "version": version})
    return f"{settings.SITE_URL}{path}?{urlencode({'locale': locale})}"


def receipt_payload(receipt: Any) -> dict[str, Any]:
    """What the JWS of ``receipt`` (a ``PolicyReceipt`` with its version loaded) says. Names no
    person: ``piiPrincipalId`` is the pseudonymous subject reference, which survives erasure."""
    kind, number = receipt.version.kind, receipt.version.version
    return {
        "version": KANTARA_VERSION,
        "jurisdiction": settings.RECEIPT_JURISDICTION,
        "consentTimestamp": int(receipt.created_at.timestamp()),
        "collectionMethod": receipt.context,
        "consentReceiptID": str(receipt.receipt_id),
        "language": receipt.locale,
        "piiPrincipalId": receipt.subject_ref,
        "piiControllers": [dict(settings.RECEIPT_CONTROLLER)],
        "policyUrl": version_url(kind=kind, version=number, locale=receipt.locale),
        "policy": {"kind": kind, "version": number, "locale": receipt.locale, "sha256": receipt.sha256},
        "chain": {"seq": receipt.seq, "prev_hash": receipt.prev_hash, "hash": receipt.chain_hash},
    }
