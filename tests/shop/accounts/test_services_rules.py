"""The rules every account and privacy service keeps: plain values in (never a request), one
transaction per change, ``full_clean()`` before each save, email only after commit."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django.core import mail
from django.db.models import Model

import shop.accounts.services
from shop.privacy.models import MarketingConsent
from tests.shop.accounts.test_auth_api import PASSWORD, REGISTER, ack, signup
from tests.shop.catalog import factories

pytestmark = pytest.mark.django_db

SERVICE_MODULES = [
    *(f"shop.accounts.services.{m.name}" for m in pkgutil.iter_modules(shop.accounts.services.__path__)),
    "shop.privacy.services",
    "shop.privacy.erasure",
    "shop.orders.services",
    "shop.support.services",
    "shop.wishlist.services",
]


@pytest.fixture
def policies(make_policy):
    privacy = make_policy("privacy", "fi")
    make_policy("terms", "fi")
    return privacy


def test_services_take_plain_values_never_a_request():
    offenders = []
    for name in SERVICE_MODULES:
        module = importlib.import_module(name)
        for fname, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != name:
                continue
            for param in inspect.signature(func).parameters.values():
                if re.search(r"(?<![A-Za-z])(Http)?Request\b", str(param.annotation)):
                    offenders.append(f"{name}.{fname}({param.name})")
    assert offenders == []


@pytest.fixture
def unclean_saves(monkeypatch):
    """Every save of an accounts, privacy or wishlist model that no ``full_clean()`` preceded."""
    unclean: list[str] = []
    full_clean, save = Model.full_clean, Model.save

    def checked_full_clean(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        self._cleaned_for_save = True

    def checked_save(self, *args, **kwargs):
        # Django's own update_last_login (a user_logged_in receiver) is not one of our services.
        djangos_own = kwargs.get("update_fields") == ["last_login"]
        ours = self._meta.app_label in {"accounts", "privacy", "wishlist"} and not djangos_own
        if ours and not getattr(self, "_cleaned_for_save", False):
            unclean.append(f"{type(self).__name__} {kwargs.get('update_fields')}")
        self._cleaned_for_save = False
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Model, "full_clean", checked_full_clean)
    monkeypatch.setattr(Model, "save", checked_save)
    return unclean


def test_every_save_the_account_and_privacy_flows_make_is_full_cleaned(
    api_client, policies, unclean_saves, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = api_client.post(REGISTER, signup(acknowledgements=[ack()], marketing={"email": True}), format="json")
    assert r.status_code == 201, r.json()
    confirm_token = next(m for m in mail.outbox if "token=" in m.body).body.split("token=")[1].split()[0]
    assert api_client.post("/api/v1/consents/confirm/", {"token": confirm_token}, format="json").status_code == 200
    login = api_client.post("/api/v1/auth/login/", {"email": "maija@example.com", "password": PASSWORD}, format="json")
    assert login.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['token']}")
    changes = {"first_name": "Maiju", "email": "uusi@example.com", "refund_iban": "EE382200221020145685"}
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client.patch("/api/v1/me/", changes, format="json").status_code == 200
    key = mail.outbox[-1].body.split("key=")[1].split()[0]
    assert api_client.post("/api/v1/auth/verify-email/", {"key": key}, format="json").status_code == 200
    address = {"first_name": "M", "last_name": "M", "line1": "Pikk 1", "postcode": "10123", "city": "Tallinn"}
    created = api_client.post("/api/v1/me/addresses/", {**address, "country": "EE"}, format="json")
    assert created.status_code == 201
    updated = api_client.patch(f"/api/v1/me/addresses/{created.json()['id']}/", {"city": "Tartu"}, format="json")
    assert updated.status_code == 200
    assert api_client.put("/api/v1/me/consents/", {"email": False, "sms": True}, format="json").status_code == 200
    cookie = {"categories": {"preferences": True, "statistics": False, "marketing": False}, "policy_version": 1}
    assert api_client.post("/api/v1/cookie-consents/", cookie, format="json").status_code == 201
    assert api_client.post("/api/v1/auth/logout/").status_code == 204
    login = api_client.post("/api/v1/auth/login/", {"email": "uusi@example.com", "password": PASSWORD}, format="json")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['token']}")
    assert api_client.post("/api/v1/me/erasure/", {"password": PASSWORD}, format="json").status_code == 202
    assert unclean_saves == []


def test_every_save_the_wishlist_makes_is_full_cleaned(auth_client, clothes, unclean_saves):
    socks = factories.make_product(clothes, title="Villasukat", sku="SOCKS-1").product_id
    hat = factories.make_product(clothes, title="Pipo", sku="HAT-1").product_id
    assert auth_client.put(f"/api/v1/wishlist/{socks}/").status_code == 201
    assert auth_client.post("/api/v1/recently-viewed/", {"product_id": socks}, format="json").status_code == 200
    merged = auth_client.post("/api/v1/recently-viewed/", {"product_ids": [hat, socks]}, format="json")
    assert [item["product_id"] for item in merged.json()["results"]] == [hat, socks]
    assert unclean_saves == []


def test_consents_for_several_channels_change_together_or_not_at_all(
    auth_client, user, monkeypatch, django_capture_on_commit_callbacks
):
    """Email used to commit before SMS was tried: a failing SMS left email granted (and its
    confirmation email sent). Now the whole change rolls back and nothing is emailed."""
    from shop.privacy import services

    record = services.marketing_consent_record

    def failing_for_sms(**kwargs):
        if kwargs["channel"] == "sms":
            raise RuntimeError("the SMS consent could not be stored")
        return record(**kwargs)

    monkeypatch.setattr(services, "marketing_consent_record", failing_for_sms)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        services.marketing_consents_update(
            user=user, choices={"email": True, "sms": True}, source="profile", locale="fi"
        )
    assert not MarketingConsent.objects.exists()
    assert callbacks == [] and mail.outbox == []


@pytest.mark.parametrize("flow", ["signup", "email_change", "password_reset", "consent", "verify_resend"])
def test_email_is_sent_after_commit_never_inside_the_transaction(
    flow, api_client, auth_client, user, policies, django_capture_on_commit_callbacks
):
    requests = {
        "signup": lambda: api_client.post(
            REGISTER, signup(acknowledgements=[ack()], marketing={"email": True}), format="json"
        ),
        "email_change": lambda: auth_client.patch("/api/v1/me/", {"email": "new@example.com"}, format="json"),
        "password_reset": lambda: api_client.post("/api/v1/auth/password-reset/", {"email": user.email}, format="json"),
        "consent": lambda: auth_client.put("/api/v1/me/consents/", {"email": True}, format="json"),
        "verify_resend": lambda: auth_client.post("/api/v1/auth/verify-email/resend/"),
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = requests[flow]()
    assert response.status_code in {"signup": {201}, "email_change": {200}, "consent": {200}}.get(flow, {202})
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert mail.outbox
