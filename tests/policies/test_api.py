"""Policy endpoints: shapes, locale fallback, ETag/304, caching across publishes, archive, diff."""

import pytest
from django.core.cache import cache

from policies.models import PolicyVersionText
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db

CURRENT = "/api/v1/policies/privacy/"


def test_current_version_shape_and_headers(api_client, make_policy, django_assert_max_num_queries):
    make_policy("privacy", "fi", body("Hei."), title="Tietosuojakäytäntö")
    text = PolicyVersionText.objects.get(locale="fi")
    with django_assert_max_num_queries(2):
        r = api_client.get(CURRENT, {"locale": "fi"})
    assert r.status_code == 200
    data = r.json()
    assert data == {
        "kind": "privacy",
        "version": 1,
        "locale": "fi",
        "fallback": False,
        "title": "Tietosuojakäytäntö",
        "body_html": "<h2>Heading</h2>\n<p>Hei.</p>",
        "sha256": text.sha256,
        "published_at": data["published_at"],
        "effective_from": text.version.effective_from.isoformat(),
        "change_type": "material",
        "change_summary": "New.",
        "translation_outdated": False,
    }
    assert r["Content-Language"] == "fi"
    assert r["ETag"].startswith('"privacy-v1-fi-')
    # Cached: one query (the current version number) on the next request.
    with django_assert_max_num_queries(1):
        assert api_client.get(CURRENT, {"locale": "fi"}).json() == data


def test_fallback_to_default_locale(api_client, make_policy):
    make_policy("privacy", "fi")
    r = api_client.get(CURRENT, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    assert (r.json()["locale"], r.json()["fallback"]) == ("fi", True)
    assert r["Content-Language"] == "fi"


def test_if_none_match_gives_304(api_client, make_policy, django_assert_max_num_queries):
    make_policy("privacy", "fi")
    etag = api_client.get(CURRENT)["ETag"]
    with django_assert_max_num_queries(1):
        r = api_client.get(CURRENT, HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 304
    assert r.content == b""
    assert r["ETag"] == etag
    # Another locale is another representation.
    assert api_client.get(CURRENT, {"locale": "et"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_cache_is_correct_at_once_after_a_publish(api_client, make_policy):
    page = make_policy("privacy", "fi")
    first = api_client.get(CURRENT)
    assert first.json()["version"] == 1
    # Another app process sharing the cache has cached v1 as well; nothing purges it.
    republish(page, body=body("Changed."))
    second = api_client.get(CURRENT, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["version"] == 2
    assert second.json()["body_html"].endswith("<p>Changed.</p>")
    assert cache.get("policies:current:privacy:v1:fi") is not None  # stale key unused, not wrong


def test_a_cached_answer_is_exactly_what_the_view_answered(api_client, make_policy, django_assert_num_queries):
    """The second request is served from the cache before DRF's dispatch: same bytes and headers,
    and only the current version's number is read."""
    make_policy("privacy", "fi")
    first = api_client.get(CURRENT, {"locale": "fi"})
    with django_assert_num_queries(1):
        second = api_client.get(CURRENT, {"locale": "fi"})
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content
    assert dict(second.headers) == dict(first.headers)


def test_unknown_kind_or_unpublished(api_client, homes):
    r = api_client.get("/api/v1/policies/shipping/")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "policy_not_found")
    r = api_client.get(CURRENT)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "policy_not_found")


def test_list_of_current_versions(api_client, make_policy, django_assert_max_num_queries):
    make_policy("privacy", "fi")
    make_policy("terms", "fi")
    make_policy("terms", "et")
    with django_assert_max_num_queries(3):
        r = api_client.get("/api/v1/policies/", {"locale": "et"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert r.json()["count"] == 2
    assert [(p["kind"], p["version"], p["locale"], p["fallback"]) for p in results] == [
        ("privacy", 1, "fi", True),
        ("terms", 2, "et", False),
    ]


def test_archive_and_frozen_version(api_client, make_policy, django_assert_max_num_queries):
    page = make_policy("privacy", "fi")
    republish(page, body=body("v2"))
    with django_assert_max_num_queries(3):
        r = api_client.get("/api/v1/policies/privacy/versions/")
    assert r.status_code == 200
    assert [v["version"] for v in r.json()["results"]] == [2, 1]
    with django_assert_max_num_queries(1):
        r = api_client.get("/api/v1/policies/privacy/versions/1/")
    assert r.status_code == 200
    assert r.json()["version"] == 1
    assert "immutable" in r["Cache-Control"]
    assert api_client.get("/api/v1/policies/privacy/versions/9/").status_code == 404


def test_diff_on_a_known_pair(api_client, make_policy):
    page = make_policy(
        "privacy",
        "fi",
        [
            ("heading", "Data"),
            ("paragraph", "<p>We keep your name and email.</p>"),
            ("bullets", ["name", "email"]),
            ("paragraph", "<p>Old paragraph.</p>"),
        ],
    )
    republish(
        page,
        body=[
            ("heading", "Data"),
            ("paragraph", "<p>We keep your name and phone.</p>"),
            ("bullets", ["name", "email", "address"]),
            ("paragraph", "<p>Brand new paragraph.</p>"),
            ("paragraph", "<p>Another new one.</p>"),
        ],
        change_type="material",
        summary="Phone and address.",
    )
    r = api_client.get("/api/v1/policies/privacy/diff/", {"from": 1, "to": 2})
    assert r.status_code == 200
    data = r.json()
    assert data["from"]["version"] == 1 and data["to"]["version"] == 2
    assert data["summary"] == {"added": 1, "removed": 0, "changed": 3}
    statuses = [(b["status"], b["type"]) for b in data["blocks"]]
    assert statuses == [
        ("unchanged", "heading"),
        ("changed", "paragraph"),
        ("changed", "bullets"),
        ("changed", "paragraph"),
        ("added", "paragraph"),
    ]
    assert data["blocks"][1]["changes"] == [
        {"op": "equal", "text": "We keep your name and "},
        {"op": "delete", "text": "email."},
        {"op": "insert", "text": "phone."},
    ]
    html = data["html"]
    assert "<p>We keep your name and <del>email.</del><ins>phone.</ins></p>" in html
    assert "<ul><li>name</li><li>email</li><li><ins>address</ins></li></ul>" in html
    assert "<ins><p>Another new one.</p></ins>" in html


def test_diff_needs_both_versions(api_client, make_policy):
    make_policy("privacy", "fi")
    r = api_client.get("/api/v1/policies/privacy/diff/", {"from": "x"})
    assert r.status_code == 400
    assert set(r.json()["error"]["fields"]) == {"from", "to"}
    r = api_client.get("/api/v1/policies/privacy/diff/", {"from": 1, "to": 5})
    assert r.status_code == 404


@pytest.fixture
def number_cached(settings):
    """The production caching of the number served (tests run with it off)."""
    settings.POLICY_CURRENT_CACHE_SECONDS = 60


def test_with_the_number_cached_a_cached_answer_reads_no_table(
    api_client, make_policy, number_cached, django_assert_num_queries
):
    make_policy("privacy", "fi")
    first = api_client.get(CURRENT, {"locale": "fi"})
    with django_assert_num_queries(0):
        second = api_client.get(CURRENT, {"locale": "fi"})
        third = api_client.get(CURRENT, {"locale": "fi"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.content == first.content
    assert dict(second.headers) == dict(first.headers)
    assert third.status_code == 304


def test_a_publish_is_served_at_once(api_client, make_policy, number_cached, django_capture_on_commit_callbacks):
    """The publish writes the new number into the cache that every process reads (Redis in
    production; tests/reliability/test_multiprocess.py checks two real processes)."""
    page = make_policy("privacy", "fi")
    assert api_client.get(CURRENT).json()["version"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        republish(page, body=body("Changed."))
    assert cache.get("policies:current-number:privacy") == 2
    assert api_client.get(CURRENT).json()["version"] == 2


def test_a_number_missed_by_the_cache_is_served_within_the_window_and_never_acknowledged(
    api_client, user, make_policy, settings
):
    """Without the publish's write reaching this cache (another process's in-process cache), the
    number read a moment earlier is served until it expires; acknowledging it is a 409, because
    acknowledgements check the database."""
    import time

    settings.POLICY_CURRENT_CACHE_SECONDS = 1
    page = make_policy("privacy", "fi")
    assert api_client.get(CURRENT).json()["version"] == 1
    republish(page, body=body("Changed."))  # on_commit never runs inside the test's transaction
    served = api_client.get(CURRENT).json()
    assert served["version"] == 1

    api_client.force_authenticate(user)
    quoted = {key: served[key] for key in ("kind", "version", "locale", "sha256")}
    r = api_client.post("/api/v1/me/policies/acknowledgements/", quoted, format="json")
    assert (r.status_code, r.json()["error"]["code"]) == (409, "policy_version_not_current")
    api_client.force_authenticate(None)

    time.sleep(1.2)
    assert api_client.get(CURRENT).json()["version"] == 2
