"""Diffs show what changed: link targets, emphasis, lists and headings; never two languages."""

import pytest

from policies.models import PolicyVersionText
from tests.policies.fixtures import republish

pytestmark = pytest.mark.django_db

DIFF = "/api/v1/policies/privacy/diff/"


def paragraph(html: str) -> list:
    return [("heading", "Otsikko"), ("paragraph", f"<p>{html}</p>")]


def diff(client, **params) -> dict:
    r = client.get(DIFF, {"from": 1, "to": 2, **params})
    assert r.status_code == 200, r.content
    return r.json()


def test_a_changed_link_target_is_a_visible_change(api_client, make_policy):
    page = make_policy("privacy", "fi", paragraph('Katso <a href="https://a.example/old">ohje</a>.'))
    republish(page, body=paragraph('Katso <a href="https://a.example/new">ohje</a>.'))
    data = diff(api_client)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1}
    changed = next(block for block in data["blocks"] if block["status"] == "changed")
    assert changed["old_text"] == "Katso [ohje](https://a.example/old)."
    assert changed["text"] == "Katso [ohje](https://a.example/new)."
    assert {"op": "delete", "text": "[ohje](https://a.example/old)."} in changed["changes"]
    assert "<ins>[ohje](https://a.example/new).</ins>" in data["html"]


def test_emphasis_alone_is_a_change(api_client, make_policy):
    page = make_policy("privacy", "fi", paragraph("Tämä on tärkeää."))
    republish(page, body=paragraph("Tämä on <b>tärkeää</b>."))
    data = diff(api_client)
    assert data["summary"]["changed"] == 1
    assert "<ins>**tärkeää**.</ins>" in data["html"]


def test_lists_and_a_paragraph_turned_heading(api_client, make_policy):
    page = make_policy("privacy", "fi", [("paragraph", "<p>Oikeutesi</p>"), ("bullets", ["pääsy", "oikaisu"])])
    republish(page, body=[("heading", "Oikeutesi"), ("bullets", ["pääsy", "oikaisu", "poisto"])])
    data = diff(api_client)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 2}
    heading = data["blocks"][0]
    assert (heading["old_type"], heading["type"], heading["text"]) == ("paragraph", "heading", "Oikeutesi")
    assert "<del><p>Oikeutesi</p></del><ins><h2>Oikeutesi</h2></ins>" in data["html"]
    assert "<li><ins>poisto</ins></li>" in data["html"]


def test_a_diff_against_a_fallback_side_is_refused(api_client, make_policy):
    make_policy("privacy", "fi")  # v1: fi only (et falls back)
    make_policy("privacy", "et")  # v2: et translated
    r = api_client.get(DIFF, {"from": 1, "to": 2, "locale": "et"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "diff_locale_unavailable")
    # Both sides in the requested language, or both on the same fallback, compare one language.
    assert api_client.get(DIFF, {"from": 1, "to": 2, "locale": "fi"}).status_code == 200
    r = api_client.get(DIFF, {"from": 1, "to": 2, "locale": "en"})
    assert r.status_code == 200 and (r.json()["from"]["locale"], r.json()["to"]["locale"]) == ("fi", "fi")
    assert PolicyVersionText.objects.count() == 3
