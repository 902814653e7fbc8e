"""Every path to live policy text freezes a version or is refused, and a publish and its freeze
are one transaction (issue: "Every path to live text is frozen or refused"; "Unpublish and expiry
are versions too")."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.revert_to_page_revision import RevertToPageRevisionAction
from wagtail.models import Site

from policies.errors import PolicyChangeRefused
from policies.models import PolicyKindCounter, PolicyPage, PolicyVersion, PolicyVersionText
from policies.services import freezing_paused
from tests.conftest import prefer_english_admin
from tests.policies.fixtures import body, republish
from tests.policies.test_admin import form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Refusal messages follow the active language; another test's request may have left one set.
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(django_user_model):
    client = Client()
    admin = prefer_english_admin(django_user_model.objects.create_superuser(email="admin@example.com", password="x"))
    client.force_login(admin)
    return client


def versions(kind: str = "privacy") -> list[int]:
    return list(PolicyVersion.objects.filter(kind=kind).order_by("version").values_list("version", flat=True))


def current_text(locale: str, kind: str = "privacy") -> PolicyVersionText:
    number = PolicyKindCounter.objects.get(kind=kind).last_version
    return PolicyVersionText.objects.get(version__kind=kind, version__version=number, locale=locale)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Publishing ---------------------------------------------------------------------------------


def test_a_failing_freeze_in_the_admin_publishes_nothing_and_tells_the_editor(admin_client, make_policy, monkeypatch):
    page = make_policy("privacy", "fi", body("Old text."))
    live_revision = page.live_revision_id

    def broken(**kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("policies.services.policy_render", broken)
    r = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form(text="New text.", **{"action-publish": "action-publish"}),
    )
    assert r.status_code == 302 and r["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert messages_of(r) == [
        "The policy text could not be frozen, so nothing was published. Please try again or ask a developer."
    ]
    page.refresh_from_db()
    assert page.live_revision_id == live_revision  # the publish rolled back with the freeze
    assert page.has_unpublished_changes is True  # the editor's work is kept as a draft
    assert page.get_latest_revision().content["title"] == "Tietosuoja"
    assert versions() == [1]


def test_a_refused_freeze_from_code_leaves_the_old_text_live(make_policy):
    page = make_policy("privacy", "fi", body("Old text."))
    live_revision = page.live_revision_id
    page.body = body("New text.")
    page.change_type = ""  # the editor did not say what kind of change this is
    revision = page.save_revision()
    with pytest.raises(PolicyChangeRefused, match="material or editorial"):
        revision.publish()
    page = PolicyPage.objects.get(pk=page.pk)
    assert page.live_revision_id == live_revision
    assert "Old text." in page.body.render_as_block()
    assert versions() == [1]


def test_publishing_an_older_revision_freezes_its_text_again(make_policy):
    page = make_policy("privacy", "fi", body("First."))
    first = page.live_revision
    republish(page, body=body("Second."), change_type="editorial")
    first.publish()
    assert versions() == [1, 2, 3]
    assert current_text("fi").body_html == PolicyVersionText.objects.get(version__version=1).body_html
    assert current_text("fi").text_version == 3 and current_text("fi").revision_id == first.pk


def test_scheduled_publishing_freezes_when_it_goes_live(make_policy):
    page = make_policy("privacy", "fi", body("Now."))
    page.body = body("Later.")
    page.change_type, page.change_summary = "material", "Later."
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    assert versions() == [1]  # scheduled, not live yet
    # The hour passes.
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    content = {**revision.content, "go_live_at": past.isoformat()}
    type(revision).objects.filter(pk=revision.pk).update(content=content, approved_go_live_at=past)
    PolicyPage.objects.filter(pk=page.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    assert versions() == [1, 2]
    assert "Later." in current_text("fi").body_html


def test_revert_makes_a_draft_and_publishing_it_freezes(make_policy):
    page = make_policy("privacy", "fi", body("First."))
    first = page.live_revision
    page = republish(page, body=body("Second."))
    revision = RevertToPageRevisionAction(page, first).execute()
    assert versions() == [1, 2]  # a reverted draft is not live
    revision.publish()
    assert versions() == [1, 2, 3] and "First." in current_text("fi").body_html


def test_aliases_copies_and_moves_of_policy_pages_are_refused(make_policy, homes):
    page = make_policy("privacy", "fi")
    with pytest.raises(PolicyChangeRefused):
        page.create_alias(parent=homes["fi"], update_slug="privacy-alias")
    with pytest.raises(PolicyChangeRefused):
        ConvertAliasPageAction(page).execute()
    with pytest.raises(PolicyChangeRefused):
        page.copy(to=homes["en"], update_attrs={"locale": homes["en"].locale, "slug": "privacy-copy"})
    with pytest.raises(PolicyChangeRefused):
        homes["fi"].copy(recursive=True, update_attrs={"slug": "home-copy"})
    with pytest.raises(PolicyChangeRefused):
        page.move(homes["et"], pos="last-child")
    assert PolicyPage.objects.count() == 1 and versions() == [1]


def test_a_new_policy_page_is_never_born_live(homes):
    page = PolicyPage(title="T", slug="t", kind="terms", body=body("x"), locale=homes["fi"].locale)
    homes["fi"].add_child(instance=page)
    assert PolicyPage.objects.get(pk=page.pk).live is False
    assert not PolicyVersion.objects.exists()


def test_admin_alias_and_move_are_refused_with_a_message(admin_client, make_policy, homes):
    page = make_policy("privacy", "fi")
    r = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, homes["et"].pk]),
    )
    assert r.status_code == 302
    assert PolicyPage.objects.get(pk=page.pk).get_parent().pk == homes["fi"].pk


def test_wagtails_html_route_serves_the_frozen_text(client, make_policy, homes):
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": homes["fi"], "hostname": "localhost"})
    page = make_policy("privacy", "fi", body("Frozen words."))
    with freezing_paused():  # live page fields now differ from any frozen text
        republish(page, body=body("Unfrozen words."))
    r = client.get(page.get_url())
    assert r.status_code == 200
    content = r.content.decode()
    assert "Frozen words." in content and "Unfrozen words." not in content
    assert f'data-sha256="{current_text("fi").sha256}"' in content


# --- Unpublish and expiry -----------------------------------------------------------------------


def test_unpublishing_a_translation_freezes_a_fallback_version(api_client, make_policy):
    make_policy("privacy", "fi")
    et = make_policy("privacy", "et")
    assert versions() == [1, 2]
    et.unpublish()
    assert versions() == [1, 2, 3]
    v3 = PolicyVersion.objects.get(kind="privacy", version=3)
    assert (v3.change_type, v3.source_locale) == ("editorial", "et")
    assert set(v3.texts.values_list("locale", flat=True)) == {"fi"}
    r = api_client.get("/api/v1/policies/privacy/", {"locale": "et"})
    assert r.status_code == 200
    assert (r.json()["version"], r.json()["locale"], r.json()["fallback"]) == (3, "fi", True)


def test_expiry_of_a_translation_freezes_a_fallback_version(make_policy):
    make_policy("privacy", "fi")
    et = make_policy("privacy", "et")
    PolicyPage.objects.filter(pk=et.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    assert PolicyPage.objects.get(pk=et.pk).expired is True
    assert versions() == [1, 2, 3]
    assert set(PolicyVersion.objects.get(version=3).texts.values_list("locale", flat=True)) == {"fi"}


def test_unpublishing_the_default_language_is_refused(admin_client, make_policy, api_client):
    fi = make_policy("privacy", "fi")
    make_policy("privacy", "et")
    with pytest.raises(PolicyChangeRefused, match="cannot be unpublished"):
        fi.unpublish()
    r = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[fi.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("wagtailadmin_pages:edit", args=[fi.pk])
    assert messages_of(r) == [
        "The default language's policy cannot be unpublished: every other language falls back to it."
    ]
    assert PolicyPage.objects.filter(live=True).count() == 2 and versions() == [1, 2]
    for locale in ("fi", "et", "en"):
        assert api_client.get("/api/v1/policies/privacy/", {"locale": locale}).status_code == 200


def test_the_default_language_page_cannot_be_set_to_expire(make_policy):
    fi = make_policy("privacy", "fi")
    fi.expire_at = timezone.now() + timedelta(days=1)
    with pytest.raises(Exception, match="cannot expire"):
        fi.full_clean()
