"""Signed receipts the shopper keeps (API.md "Signed receipts"): Ed25519 compact JWS with a Kantara
Consent Receipt 1.1 style payload, public keys at /.well-known/jwks.json, a public verify endpoint,
the receipts list, detail and export; valid after erasure and after a key rotation."""

import base64
import json

import pytest
from joserfc import jws as jose_jws
from joserfc.jwk import KeySet

from policies.models import PolicyReceipt, PolicyVersionText
from policies.selectors import receipts_export
from policies.services import policy_acknowledge, receipts_detach
from policies.signing import generate_key_entry, signing_keys
from shop.core.pseudonyms import subject_ref

pytestmark = pytest.mark.django_db

VERIFY = "/api/v1/policies/receipts/verify/"
ACKS = "/api/v1/me/policies/acknowledgements/"


def part(token: str, index: int) -> dict:
    segment = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


@pytest.fixture
def receipt(make_policy, user):
    make_policy("privacy", "fi")
    text = PolicyVersionText.objects.get()
    return policy_acknowledge(
        user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256, context="signup", ip="192.0.2.0"
    )


def test_the_receipt_is_an_eddsa_jws_with_a_kantara_payload(receipt, user, settings):
    header, payload = part(receipt.jws, 0), part(receipt.jws, 1)
    assert header == {"alg": "EdDSA", "kid": signing_keys()[0].kid}
    assert payload == {
        "version": "KI-CR-v1.1.0",
        "jurisdiction": "EE",
        "consentTimestamp": int(receipt.created_at.timestamp()),
        "collectionMethod": "signup",
        "consentReceiptID": str(receipt.receipt_id),
        "language": "fi",
        "piiPrincipalId": subject_ref(user.pk),
        "piiControllers": [settings.RECEIPT_CONTROLLER],
        "policyUrl": f"{settings.SITE_URL}/api/v1/policies/privacy/versions/1/?locale=fi",
        "policy": {"kind": "privacy", "version": 1, "locale": "fi", "sha256": receipt.sha256},
        "chain": {"seq": 1, "prev_hash": "0" * 64, "hash": receipt.chain_hash},
    }
    assert user.email not in receipt.jws and user.email not in json.dumps(payload)


@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
def test_jwks_publishes_the_public_keys_and_a_jose_library_verifies_with_them(client, receipt):
    r = client.get("/.well-known/jwks.json")
    assert r.status_code == 200
    keys = r.json()["keys"]
    assert [(k["kty"], k["crv"], k["kid"]) for k in keys] == [("OKP", "Ed25519", signing_keys()[0].kid)]
    assert all("d" not in k for k in keys)  # public halves only
    verified = jose_jws.deserialize_compact(receipt.jws, KeySet.import_key_set({"keys": keys}), algorithms=["EdDSA"])
    assert json.loads(verified.payload)["consentReceiptID"] == str(receipt.receipt_id)


def test_verify_endpoint_for_anyone(api_client, receipt):
    r = api_client.post(VERIFY, {"jws": receipt.jws}, format="json")
    assert r.status_code == 200
    data = r.json()
    assert (data["valid"], data["kid"], data["reason"]) == (True, signing_keys()[0].kid, "")
    assert data["receipt"]["policy"] == {"kind": "privacy", "version": 1, "locale": "fi", "sha256": receipt.sha256}
    assert data["version_url"].endswith("/api/v1/policies/privacy/versions/1/?locale=fi")


def test_a_forged_or_altered_receipt_is_invalid_not_an_error(api_client, receipt):
    header, payload, signature = receipt.jws.split(".")
    claims = part(receipt.jws, 1)
    claims["policy"]["version"] = 2
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    r = api_client.post(VERIFY, {"jws": f"{header}.{forged_payload}.{signature}"}, format="json")
    assert r.status_code == 200
    assert (r.json()["valid"], r.json()["reason"], r.json()["receipt"]) == (False, "bad_signature", None)
    unknown = base64.urlsafe_b64encode(b'{"alg":"EdDSA","kid":"nobody"}').rstrip(b"=").decode()
    r = api_client.post(VERIFY, {"jws": f"{unknown}.{payload}.{signature}"}, format="json")
    assert (r.json()["valid"], r.json()["reason"]) == (False, "unknown_key")


@pytest.mark.parametrize("value", ["", "not a jws", "a.b", "!!.??.x"])
def test_input_that_is_not_a_jws_is_400(api_client, value):
    r = api_client.post(VERIFY, {"jws": value}, format="json")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "validation_error" and "jws" in r.json()["error"]["fields"]


def test_receipts_list_detail_and_export_carry_the_jws(
    api_client, receipt, user, django_user_model, django_assert_max_num_queries
):
    api_client.force_authenticate(user)
    with django_assert_max_num_queries(3):
        listed = api_client.get(ACKS).json()["results"]
    assert [(item["id"], item["jws"]) for item in listed] == [(receipt.pk, receipt.jws)]
    r = api_client.get(f"{ACKS}{receipt.pk}/")
    assert r.status_code == 200 and r.json()["jws"] == receipt.jws and r.json()["id"] == receipt.pk
    assert receipts_export(user=user)[0]["jws"] == receipt.jws
    other = django_user_model.objects.create_user(email="other@example.com", password="x")
    api_client.force_authenticate(other)
    r = api_client.get(f"{ACKS}{receipt.pk}/")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "receipt_not_found")


def test_a_receipt_verifies_after_erasure_and_after_a_key_rotation(api_client, receipt, user, settings):
    receipts_detach(user=user)
    user.delete()
    old_key = settings.RECEIPT_SIGNING_KEYS
    first = generate_key_entry("2026-01")
    settings.RECEIPT_SIGNING_KEYS = first
    signed_before = receipt.jws
    # A receipt signed with the first configured key...
    stored = PolicyReceipt.objects.get()
    assert stored.user_id is None and stored.jws == signed_before
    # ...then rotate: the new key signs, the old one stays listed.
    settings.RECEIPT_SIGNING_KEYS = f"{generate_key_entry('2027-01')},{first}"
    from policies.signing import sign, verify

    token = sign({"x": 1})
    settings.RECEIPT_SIGNING_KEYS = f"{generate_key_entry('2028-01')},{settings.RECEIPT_SIGNING_KEYS}"
    assert verify(token).valid and verify(token).kid == "2027-01"
    settings.RECEIPT_SIGNING_KEYS = old_key
    r = api_client.post(VERIFY, {"jws": signed_before}, format="json")
    assert r.json()["valid"] is True  # the locally derived key that signed it is still configured


def test_signing_keys_come_from_the_environment_format(settings):
    entry = generate_key_entry("k1")
    settings.RECEIPT_SIGNING_KEYS = f"{entry}, {generate_key_entry('k0')}"
    assert [key.kid for key in signing_keys()] == ["k1", "k0"]
    settings.RECEIPT_SIGNING_KEYS = "k1:short"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        signing_keys()
