"""Signed receipts: compact JWS (``alg: EdDSA``, Ed25519, ``kid`` in the header) made and checked
with joserfc, and the keys that sign them.

Keys come from ``RECEIPT_SIGNING_KEYS`` (``kid:base64url-seed,kid:seed,...``): the first signs,
all of them verify and are published at ``/.well-known/jwks.json``, so a receipt signed before a
key rotation keeps verifying as long as its key stays listed. The private keys live in the
environment only, never in the database: someone who can write the database cannot forge a
receipt. Locally (no variable set) one key is derived from ``SECRET_KEY``.

The evidence chain's HMAC key (``EVIDENCE_CHAIN_KEY``) is read here too, for the same reason.
"""

import base64
import hashlib
import hmac
import json
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

ALGORITHM = "EdDSA"


def _b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def b64url(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).rstrip(b"=").decode()


def _okp_key(kid: str, seed: bytes) -> OKPKey:
    private = Ed25519PrivateKey.from_private_bytes(seed)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return OKPKey.import_key(pem, {"kid": kid, "use": "sig", "alg": ALGORITHM})


@cache
def _keys(spec: str, secret_key: str) -> tuple[OKPKey, ...]:
    if not spec.strip():
        seed = hmac.new(("derived:" + secret_key).encode(), b"receipt-signing-key", hashlib.sha256).digest()
        return (_okp_key("local-1", seed),)
    keys = []
    for entry in spec.split(","):
        kid, sep, seed = entry.strip().partition(":")
        try:
            raw = _b64url_decode(seed.strip()) if sep else b""
        except ValueError:
            raw = b""
        if not kid or len(raw) != 32:
            raise ImproperlyConfigured("RECEIPT_SIGNING_KEYS entries must be kid:<base64url 32-byte Ed25519 seed>.")
        keys.append(_okp_key(kid, raw))
    return tuple(keys)


def signing_keys() -> tuple[OKPKey, ...]:
    return _keys(settings.RECEIPT_SIGNING_KEYS, settings.SECRET_KEY)


def generate_key_entry(kid: str) -> str:
    """A new ``kid:seed`` entry for ``RECEIPT_SIGNING_KEYS`` (put it first to rotate)."""
    return f"{kid}:{b64url(Ed25519PrivateKey.generate().private_bytes_raw())}"


def jwks() -> dict[str, Any]:
    """The public half of every configured key (current and retired)."""
    return {"keys": [key.as_dict(private=False) for key in signing_keys()]}


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(payload: dict[str, Any]) -> str:
    key = signing_keys()[0]
    with warnings.catch_warnings():
        # joserfc flags "EdDSA" as superseded by RFC 9864's "Ed25519"; the contract names EdDSA.
        warnings.simplefilter("ignore")
        return jws.serialize_compact({"alg": ALGORITHM, "kid": key.kid}, canonical_json(payload), key, [ALGORITHM])


class NotAJws(ValueError):
    """Input that is not a compact JWS at all (three base64url parts with a JSON header)."""


@dataclass(frozen=True)
class Verified:
    valid: bool
    kid: str | None
    payload: dict[str, Any] | None
    reason: str = ""


def verify(token: str) -> Verified:
    """Check ``token``'s signature against the published keys. Raises ``NotAJws`` only when the
    input is not shaped like a compact JWS; every other failure is ``valid=False`` with a reason."""
    parts = (token or "").strip().split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise NotAJws("not a compact JWS")
    try:
        header = json.loads(_b64url_decode(parts[0]))
        payload = json.loads(_b64url_decode(parts[1]))
    except (ValueError, UnicodeDecodeError) as err:
        raise NotAJws("not a compact JWS") from err
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise NotAJws("not a compact JWS")
    kid = header.get("kid") if isinstance(header.get("kid"), str) else None
    if header.get("alg") != ALGORITHM:
        return Verified(False, kid, payload, "unsupported_algorithm")
    if kid is None or kid not in {key.kid for key in signing_keys()}:
        return Verified(False, kid, payload, "unknown_key")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            jws.deserialize_compact(token.strip(), KeySet(list(signing_keys())), [ALGORITHM])
    except (JoseError, ValueError):
        return Verified(False, kid, payload, "bad_signature")
    return Verified(True, kid, payload)


def chain_key() -> bytes:
    return (settings.EVIDENCE_CHAIN_KEY or "derived:" + settings.SECRET_KEY).encode()


def chain_mac(prev_hash: str, fields: dict[str, Any]) -> str:
    """HMAC-SHA256 link of the evidence chain: over the previous link and the canonical JSON of
    the row. Without ``EVIDENCE_CHAIN_KEY`` nobody can recompute it after changing a row."""
    return hmac.new(chain_key(), prev_hash.encode() + canonical_json(fields), hashlib.sha256).hexdigest()
