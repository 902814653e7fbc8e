"""POST /api/v1/support-requests/: no account needed, a reference and a due date a month ahead."""

from datetime import datetime

import pytest
from django.utils import timezone

from shop.support.models import SupportRequest, one_month_after

pytestmark = pytest.mark.django_db

REQUEST = {"email": "Kati@Example.ee", "topic": "data_erasure", "message": "Please erase my data."}


def test_anonymous_request_gets_a_reference_and_a_due_date(api_client):
    response = api_client.post("/api/v1/support-requests/?locale=et", REQUEST, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "topic", "status", "created_at", "due_at"}
    assert body["reference"].startswith("SR-") and len(body["reference"]) == 11
    assert (body["topic"], body["status"]) == ("data_erasure", "open")
    saved = SupportRequest.objects.get()
    assert (saved.email, saved.locale, saved.user_id, saved.subject_ref) == ("kati@example.ee", "et", None, "")
    assert saved.due_at == one_month_after(saved.created_at)


def test_signed_in_request_is_linked(auth_client, user):
    assert (
        auth_client.post("/api/v1/support-requests/", {**REQUEST, "topic": "order"}, format="json").status_code == 201
    )
    assert SupportRequest.objects.get().user == user


@pytest.mark.parametrize(
    ("start", "due"), [((2026, 1, 31), (2026, 2, 28)), ((2026, 12, 15), (2027, 1, 15)), ((2028, 1, 30), (2028, 2, 29))]
)
def test_one_month_after(start, due):
    tz = timezone.get_current_timezone()
    assert one_month_after(datetime(*start, 10, tzinfo=tz)) == datetime(*due, 10, tzinfo=tz)


def test_invalid_topic_and_missing_fields(api_client):
    response = api_client.post("/api/v1/support-requests/", {"topic": "refund"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert set(response.json()["error"]["fields"]) == {"email", "topic", "message"}


def test_support_requests_are_throttled(api_client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "support": "100/hour", "support_account": "2/hour"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    for _ in range(2):
        assert api_client.post("/api/v1/support-requests/", REQUEST, format="json").status_code == 201
    response = api_client.post("/api/v1/support-requests/", REQUEST, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled" and "Retry-After" in response
