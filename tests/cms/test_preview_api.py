"""``GET /api/v1/previews/<token>/``: only the editor who opened the preview reads it."""

import pytest
from django.test import RequestFactory

from cms.preview import preview_get, preview_store
from policies.models import PolicyVersionText

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "page_type": "policy",
    "locale": "fi",
    "title": "Tietosuojakäytäntö",
    "summary": "",
    "body_html": "<p>Luonnos.</p>",
    "policy_kind": "privacy",
    "images": [],
    "price": None,
    "in_stock": None,
}


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(email="editor@xmi.ee", password="an editor passphrase")


def test_the_editor_reads_their_preview(client, editor):
    token = preview_store(payload=PAYLOAD, user_id=editor.pk)
    client.force_login(editor)
    response = client.get(f"/api/v1/previews/{token}/")
    assert response.status_code == 200
    assert response.json() == PAYLOAD


def test_someone_else_gets_404_and_anonymous_401(client, editor, django_user_model):
    token = preview_store(payload=PAYLOAD, user_id=editor.pk)
    other = django_user_model.objects.create_user(email="maija@example.fi", password="a long passphrase")
    assert client.get(f"/api/v1/previews/{token}/").status_code == 401
    client.force_login(other)
    response = client.get(f"/api/v1/previews/{token}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    client.force_login(editor)
    assert client.get("/api/v1/previews/unknown-token/").status_code == 404


def test_serve_preview_redirects_the_frame_to_the_storefront_route(editor, homes, make_policy):
    page = make_policy("privacy", "fi", title="Tietosuojakäytäntö")
    request = RequestFactory().get("/admin/")
    request.user = editor
    response = page.serve_preview(request, "")
    assert response.status_code == 302
    token = response["Location"].removeprefix("/preview/")
    stored = preview_get(token=token, user_id=editor.pk)
    assert (stored["page_type"], stored["policy_kind"], stored["title"]) == ("policy", "privacy", "Tietosuojakäytäntö")
    # Rendered exactly as the publish froze it.
    assert stored["body_html"] == PolicyVersionText.objects.get(version__kind="privacy", locale="fi").body_html


def test_the_preview_route_may_be_framed_by_the_admin(client):
    response = client.get("/preview/abc")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/account")["X-Frame-Options"] == "DENY"
