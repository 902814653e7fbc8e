import pytest
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.throttles import AUTH_THROTTLES


class LoginLikeView(APIView):
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "login"

    def post(self, request):
        return Response({"ok": True})


urlpatterns = [path("api/v1/login-like/", LoginLikeView.as_view())]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def rates(monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"login": "3/min", "login_account": "2/min"})


def test_per_account_limit_applies_across_ips(api_client):
    for ip in ["192.0.2.1", "192.0.2.2"]:
        r = api_client.post("/api/v1/login-like/", {"email": "A@x.ee"}, format="json", REMOTE_ADDR=ip)
        assert r.status_code == 200
    r = api_client.post("/api/v1/login-like/", {"email": "a@X.ee"}, format="json", REMOTE_ADDR="192.0.2.3")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "throttled"
    assert int(r["Retry-After"]) > 0


def test_per_ip_limit_applies_across_accounts(api_client):
    for n in range(3):
        r = api_client.post("/api/v1/login-like/", {"email": f"u{n}@x.ee"}, format="json", REMOTE_ADDR="192.0.2.9")
        assert r.status_code == 200
    r = api_client.post("/api/v1/login-like/", {"email": "u9@x.ee"}, format="json", REMOTE_ADDR="192.0.2.9")
    assert r.status_code == 429
