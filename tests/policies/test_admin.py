"""Editors in the Wagtail admin: publishing through the admin views freezes versions, the versions
page shows hashes, outdated translations and receipt counts, receipts export is staff-only, preview
works, deletion and copying of policy pages are refused."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from policies.models import PolicyPage, PolicyVersion, PolicyVersionText
from policies.services import policy_acknowledge
from tests.conftest import prefer_english_admin
from tests.factories import UserFactory
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    client = Client()
    admin = prefer_english_admin(django_user_model.objects.create_superuser(email="admin@example.com", password="x"))
    client.force_login(admin)
    return client


@pytest.fixture
def editor_client(django_user_model, homes):
    client = Client()
    editor = UserFactory(email="ed@example.com", password="x", is_staff=True)
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    return client


def form(title="Tietosuoja", text="Admin text.", change_type="material", summary="Changed.", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "privacy",
            "kind": "privacy",
            "body": streamfield([("heading", "Otsikko"), ("paragraph", rich_text(f"<p>{text}</p>"))]),
            "effective_from": "2026-01-01",
            "change_type": change_type,
            "change_summary": summary,
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_create_and_publish_in_the_admin_freezes_versions(admin_client, homes):
    url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", homes["fi"].pk])
    r = admin_client.post(url, form(**{"action-publish": "action-publish"}))
    assert r.status_code == 302, r.content.decode()[:2000]
    page = PolicyPage.objects.get()
    text = PolicyVersionText.objects.get()
    assert (text.version.version, text.locale) == (1, "fi")
    assert text.body_html == "<h2>Otsikko</h2>\n<p>Admin text.</p>"

    r = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        form(text="Admin text, fixed.", change_type="editorial", summary="", **{"action-publish": "action-publish"}),
    )
    assert r.status_code == 302
    assert PolicyVersion.objects.get(version=2).change_type == "editorial"
    # Saving a draft freezes nothing.
    admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form(text="Draft only."))
    assert PolicyVersion.objects.count() == 2


def test_material_change_needs_a_summary(admin_client, homes):
    url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", homes["fi"].pk])
    r = admin_client.post(url, form(summary="", **{"action-publish": "action-publish"}))
    assert r.status_code == 200
    assert not PolicyPage.objects.exists() and not PolicyVersion.objects.exists()


def test_second_page_of_a_kind_in_a_locale_is_refused(admin_client, make_policy, homes):
    make_policy("privacy", "fi")
    url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", homes["fi"].pk])
    r = admin_client.post(url, form(**{"slug": "privacy-2", "action-publish": "action-publish"}))
    assert r.status_code == 200
    assert PolicyPage.objects.count() == 1 and PolicyVersion.objects.count() == 1


def test_versions_page_shows_hashes_outdated_translations_and_receipts(admin_client, make_policy, user):
    fi = make_policy("privacy", "fi")
    et = make_policy("privacy", "et")
    republish(fi, body=body("New."), change_type="material", summary="New.")
    text = PolicyVersionText.objects.get(version__version=3, locale="fi")
    policy_acknowledge(user=user, kind="privacy", version=3, locale="fi", sha256=text.sha256)
    r = admin_client.get(reverse("policies_versions", args=["privacy"]))
    assert r.status_code == 200
    html = r.content.decode()
    assert text.sha256[:12] in html
    assert "translation outdated" in html
    assert "1 receipt" in html
    # The editor of the Estonian page sees the warning too.
    r = admin_client.get(reverse("wagtailadmin_pages:edit", args=[et.pk]))
    assert "This translation is outdated" in r.content.decode()
    r = admin_client.get(reverse("wagtailadmin_pages:edit", args=[fi.pk]))
    assert "This translation is outdated" not in r.content.decode()


def test_receipts_csv_is_for_staff_with_the_permission(admin_client, editor_client, make_policy, user):
    make_policy("privacy", "fi")
    text = PolicyVersionText.objects.get()
    policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256, user_agent="=cmd()")
    url = reverse("policies_receipts_csv")
    # Wagtail answers an admin PermissionDenied with a redirect to the dashboard and a message.
    refused = editor_client.get(url)
    assert refused.status_code == 302 and "text/csv" not in refused.get("Content-Type", "")
    r = admin_client.get(url, {"kind": "privacy", "version": 1, "from": "2000-01-01"})
    assert r.status_code == 200
    lines = r.content.decode().splitlines()
    assert lines[0].startswith("seq,created_at,kind,version,locale,sha256,context,subject_ref")
    assert len(lines) == 2 and ",privacy,1,fi," in lines[1] and "'=cmd()" in lines[1]
    assert user.email not in r.content.decode()
    r = admin_client.get(url, {"kind": "terms"})
    assert len(r.content.decode().splitlines()) == 1


def test_deleting_or_copying_a_policy_page_is_refused(admin_client, make_policy):
    page = make_policy("privacy", "fi")
    for name in ("wagtailadmin_pages:delete", "wagtailadmin_pages:copy"):
        r = admin_client.post(reverse(name, args=[page.pk]))
        assert r.status_code == 302 and r["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert PolicyPage.objects.count() == 1


def test_preview_of_a_draft(admin_client, make_policy, homes):
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": homes["fi"], "hostname": "localhost"})
    page = make_policy("privacy", "fi")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    r = admin_client.post(url, form(text="Unpublished draft text."))
    assert r.status_code == 200 and r.json()["is_valid"] is True
    # The preview panel's frame goes to the storefront, which reads the draft through the API.
    r = admin_client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/preview/")
    token = r["Location"].removeprefix("/preview/")
    draft = admin_client.get(f"/api/v1/previews/{token}/").json()
    assert (draft["page_type"], draft["policy_kind"]) == ("policy", "privacy")
    assert "Unpublished draft text." in draft["body_html"]
    assert PolicyVersion.objects.count() == 1


def test_bulk_deleting_a_policy_page_or_its_parent_is_refused(admin_client, make_policy, homes):
    page = make_policy("privacy", "fi")
    for target in (page, homes["fi"]):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={target.pk}"
        r = admin_client.post(url)
        assert r.status_code == 302, r.content[:200]
    r = admin_client.post(reverse("wagtailadmin_pages:delete", args=[homes["fi"].pk]))
    assert r.status_code == 302 and r["Location"] == reverse("wagtailadmin_pages:edit", args=[homes["fi"].pk])
    assert PolicyPage.objects.filter(pk=page.pk).exists()
    assert Page.objects.filter(pk=homes["fi"].pk).exists()
