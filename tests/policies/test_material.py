"""Material is a property of a text change, decided per locale (issue: "Material is a property of
a text change"): no text change freezes nothing, the change type never sticks, re-acceptance and
review flags follow the locale whose text changed."""

import pytest
from django.test import Client
from django.urls import reverse

from policies.models import PolicyVersion, PolicyVersionText, TranslationReview
from policies.selectors import me_policy_status, policy_needs_review
from policies.services import policy_acknowledge
from tests.conftest import prefer_english_admin
from tests.policies.fixtures import body, republish
from tests.policies.test_admin import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    client = Client()
    admin = prefer_english_admin(django_user_model.objects.create_superuser(email="admin@example.com", password="x"))
    client.force_login(admin)
    return client


def ack(user, version: int, locale: str) -> None:
    text = PolicyVersionText.objects.get(version__kind="privacy", version__version=version, locale=locale)
    policy_acknowledge(user=user, kind="privacy", version=version, locale=locale, sha256=text.sha256)


def status(user) -> dict:
    return next(item for item in me_policy_status(user=user, locale="fi") if item["kind"] == "privacy")


def test_republishing_identical_text_freezes_nothing_even_marked_material(make_policy):
    page = make_policy("privacy", "fi", body("Same."))
    republish(page, body=body("Same."), change_type="material", summary="Nothing really.")
    republish(page, change_type="")  # no text change needs no change type either
    assert PolicyVersion.objects.filter(kind="privacy").count() == 1


def test_a_title_change_alone_is_a_text_change(make_policy):
    page = make_policy("privacy", "fi")
    republish(page, title="Tietosuojaseloste", change_type="editorial")
    assert PolicyVersion.objects.filter(kind="privacy").count() == 2


def test_an_estonian_material_change_asks_only_estonian_readers_again(make_policy, django_user_model, api_client):
    make_policy("privacy", "fi")
    et = make_policy("privacy", "et")  # v2
    finn = django_user_model.objects.create_user(email="fi@example.com", password="x")
    eesti = django_user_model.objects.create_user(email="et@example.com", password="x")
    ack(finn, 2, "fi")
    ack(eesti, 2, "et")
    republish(et, body=body("Uus eesmärk."), change_type="material", summary="Uus eesmärk.")  # v3
    assert (status(finn)["current_version"], status(finn)["action_required"]) == (3, False)
    assert (status(eesti)["current_version"], status(eesti)["action_required"]) == (3, True)
    fi_now = api_client.get("/api/v1/policies/privacy/", {"locale": "fi"}).json()
    et_now = api_client.get("/api/v1/policies/privacy/", {"locale": "et"}).json()
    assert (fi_now["version"], fi_now["change_type"], fi_now["change_summary"]) == (3, "editorial", "")
    assert (et_now["version"], et_now["change_type"], et_now["change_summary"]) == (3, "material", "Uus eesmärk.")


def test_each_locale_keeps_its_own_change_summary(make_policy):
    make_policy("privacy", "fi", summary="Ensimmäinen versio.")
    make_policy("privacy", "en", summary="First version.")
    texts = {t.locale: t for t in PolicyVersionText.objects.filter(version__version=2)}
    assert texts["en"].change_summary == "First version."
    assert texts["fi"].change_summary == ""  # carried over unchanged in v2
    assert PolicyVersionText.objects.get(version__version=1, locale="fi").change_summary == "Ensimmäinen versio."


def test_the_editor_form_starts_blank_and_requires_a_choice(admin_client, make_policy):
    page = make_policy("privacy", "fi", change_type="material", summary="Sticky?")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    r = admin_client.get(url)
    form_obj = r.context["form"]
    assert form_obj["change_type"].value() == "" and form_obj["change_summary"].value() == ""
    r = admin_client.post(url, form(text="Edited.", change_type="", summary="", **{"action-publish": "action-publish"}))
    assert r.status_code == 200
    assert "change_type" in r.context["form"].errors
    assert PolicyVersion.objects.count() == 1
    r = admin_client.post(url, form(text="Edited.", change_type="editorial", summary="", **{"action-publish": "a"}))
    assert r.status_code == 302
    assert PolicyVersion.objects.get(version=2).change_type == "editorial"


def test_a_material_change_flags_other_locales_until_republished_or_confirmed(admin_client, make_policy):
    fi = make_policy("privacy", "fi")
    make_policy("privacy", "et")
    en = make_policy("privacy", "en")  # v3
    assert policy_needs_review(kind="privacy") == {}
    republish(fi, body=body("Uusi."), change_type="material", summary="Uusi.")  # v4
    assert policy_needs_review(kind="privacy") == {"et": 4, "en": 4}
    r = admin_client.get(reverse("policies_versions", args=["privacy"]))
    assert 'data-needs-review="et"' in r.content.decode() and 'data-needs-review="en"' in r.content.decode()
    republish(en, body=body("New."), change_type="editorial")  # v5: en republished
    assert policy_needs_review(kind="privacy") == {"et": 4}
    r = admin_client.post(reverse("policies_confirm_review", args=["privacy", "et"]))
    assert r.status_code == 302
    assert TranslationReview.objects.get().version == 5
    assert policy_needs_review(kind="privacy") == {}
    # The editor panel follows the same rule.
    r = admin_client.get(reverse("wagtailadmin_pages:edit", args=[en.pk]))
    assert "This translation is outdated" not in r.content.decode()


def test_confirming_a_review_needs_publish_permission(client, django_user_model, make_policy):
    make_policy("privacy", "fi")
    staff = django_user_model.objects.create_user(email="s@example.com", password="x", is_staff=True)
    client.force_login(staff)
    r = client.post(reverse("policies_confirm_review", args=["privacy", "et"]))
    assert r.status_code in (302, 403)
    assert not TranslationReview.objects.exists()
