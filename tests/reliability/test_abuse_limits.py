"""Abuse limits: body size, JSON depth and string length, image uploads, throttles, page sizes.
Each refusal is a 4xx in the error envelope and changes nothing."""

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from wagtail.images import get_image_model

from shop.accounts.models import Address, AuthToken, User
from shop.privacy.models import CookieConsent
from shop.support.models import SupportRequest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REGISTER = "/api/v1/auth/register/"
SUPPORT = "/api/v1/support-requests/"
COOKIE_CHOICE = {"categories": {"preferences": True, "statistics": False, "marketing": False}, "policy_version": 1}


def error(response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


@pytest.fixture
def bearer(user) -> APIClient:
    _token, raw = AuthToken.issue(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


# --- Request bodies ---------------------------------------------------------------------------


def test_a_body_over_the_cap_is_413_before_anything_reads_it(api_client, settings):
    settings.API_MAX_BODY_BYTES = 1024
    body = json.dumps({"email": "a@example.com", "password": "x" * 2000})
    response = api_client.post(REGISTER, body, content_type="application/json")
    assert error(response) == (413, "request_too_large")
    assert User.objects.count() == 0


def test_deep_nesting_is_400_request_too_complex(api_client):
    deep: object = "x"
    for _ in range(9):  # the default limit is 8 levels
        deep = {"a": deep}
    response = api_client.post(
        SUPPORT, {"email": "a@example.com", "topic": "data_erasure", "message": deep}, format="json"
    )
    assert error(response) == (400, "request_too_complex")
    assert SupportRequest.objects.count() == 0


def test_thousands_of_brackets_are_400_not_a_crash(api_client):
    response = api_client.post(SUPPORT, "[" * 50_000 + "]" * 50_000, content_type="application/json")
    assert error(response) == (400, "request_too_complex")


def test_nesting_within_the_limit_passes_the_parser(api_client):
    response = api_client.post("/api/v1/cookie-consents/", {**COOKIE_CHOICE, "extra": [[[{"a": [1]}]]]}, format="json")
    assert response.status_code == 201


def test_an_overlong_string_anywhere_is_400_naming_it(api_client, settings):
    settings.API_MAX_STRING_LENGTH = 100
    body = {**COOKIE_CHOICE, "ignored": {"notes": ["ok", "y" * 101]}}
    response = api_client.post("/api/v1/cookie-consents/?locale=en", body, format="json")
    assert error(response) == (400, "validation_error")
    assert response.json()["error"]["fields"] == {
        "ignored.notes.1": ["Ensure this field has no more than 100 characters."]
    }
    assert CookieConsent.objects.count() == 0


def test_a_field_over_its_own_limit_is_400(api_client):
    response = api_client.post(
        SUPPORT, {"email": "a@example.com", "topic": "data_erasure", "message": "m" * 5001}, format="json"
    )
    assert error(response) == (400, "validation_error")
    assert list(response.json()["error"]["fields"]) == ["message"]
    assert SupportRequest.objects.count() == 0


# --- Throttles --------------------------------------------------------------------------------


@pytest.fixture
def low_rates(monkeypatch):
    rates = {
        **SimpleRateThrottle.THROTTLE_RATES,
        "login": "2/min",
        "login_account": "100/min",
        "support": "2/hour",
        "support_account": "100/hour",
        "cookie_consent": "2/hour",
    }
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/auth/login/", {"email": "nobody@example.com", "password": "wrong"}),
        (SUPPORT, {"email": "a@example.com", "topic": "data_erasure", "message": "Hello"}),
        ("/api/v1/cookie-consents/", COOKIE_CHOICE),
    ],
)
def test_auth_support_and_cookie_consent_are_throttled_per_ip(api_client, low_rates, path, body):
    for _ in range(2):
        assert api_client.post(path, body, format="json", REMOTE_ADDR="198.51.100.7").status_code in {201, 400}
    before = (SupportRequest.objects.count(), CookieConsent.objects.count())
    response = api_client.post(path, body, format="json", REMOTE_ADDR="198.51.100.7")
    assert error(response) == (429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert (SupportRequest.objects.count(), CookieConsent.objects.count()) == before
    # Another address is not affected.
    assert api_client.post(path, body, format="json", REMOTE_ADDR="203.0.113.9").status_code in {201, 400}


def test_every_throttle_rate_comes_from_the_environment():
    """THROTTLE_<SCOPE> sets one rate and THROTTLE_ALL every rate (the fuzzer raises them all)."""
    code = "from config.settings import base; import json; print(json.dumps(base.THROTTLE_RATES))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("THROTTLE_")}

    def rates(**extra: str) -> dict[str, str]:
        result = subprocess.run(  # noqa: S603 - our own settings module
            [sys.executable, "-c", code], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, check=True
        )
        return json.loads(result.stdout)

    defaults = rates()
    assert {"login", "register", "password_reset", "verify", "support", "cookie_consent"} <= set(defaults)
    assert rates(THROTTLE_SUPPORT="7/min")["support"] == "7/min"
    assert set(rates(THROTTLE_ALL="100000/min").values()) == {"100000/min"}


# --- Pagination -------------------------------------------------------------------------------


def test_a_list_never_returns_more_than_100_rows(bearer, user, django_assert_max_num_queries):
    Address.objects.bulk_create(
        Address(
            user=user, first_name="A", last_name="B", line1=f"Pikk {n}", postcode="10123", city="Tallinn", country="EE"
        )
        for n in range(105)
    )
    with django_assert_max_num_queries(3):
        response = bearer.get("/api/v1/me/addresses/?page_size=100")
    assert response.status_code == 200
    assert (response.json()["count"], len(response.json()["results"])) == (105, 100)
    too_many = bearer.get("/api/v1/me/addresses/?page_size=1000")
    assert error(too_many) == (400, "validation_error")


def test_the_catalogue_refuses_a_page_size_over_100(api_client):
    response = api_client.get("/api/v1/products/?page_size=101")
    assert error(response) == (400, "validation_error")
    assert list(response.json()["error"]["fields"]) == ["page_size"]


# --- Image uploads (Wagtail admin) ------------------------------------------------------------


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(admin_user)
    return client


def upload(client, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(
        "/admin/images/add/", {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)}
    )


def test_an_image_within_the_limits_is_accepted(editor_client):
    response = upload(editor_client, "ok.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    response = upload(editor_client, "big.png", png_bytes() + b"\0" * 2048)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("fake.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ],
)
def test_other_file_types_are_refused(editor_client, name, content, content_type):
    response = upload(editor_client, name, content, content_type)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


def test_a_decompression_bomb_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = upload(editor_client, "wide.png", png_bytes((100, 100)))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0
