"""The served OpenAPI schema is the detailed contract; its snapshot in the repo makes every change
show up in a diff. Refresh it with ``make schema`` when a change is intended."""

from pathlib import Path

import pytest
import yaml

SNAPSHOT = Path(__file__).resolve().parent.parent / "openapi-schema.yaml"

pytestmark = pytest.mark.django_db


def test_served_schema_matches_the_snapshot(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    served = yaml.safe_load(response.content)
    assert SNAPSHOT.exists(), "no schema snapshot: run `make schema`"
    assert served == yaml.safe_load(SNAPSHOT.read_text()), "the API changed: review it, then run `make schema`"


def test_schema_documents_only_api_v1(client):
    paths = yaml.safe_load(client.get("/api/v1/schema/").content)["paths"]
    assert paths
    assert all(path.startswith("/api/v1/") for path in paths)


def test_docs_page_uses_no_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
