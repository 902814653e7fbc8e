"""An auditor's view in the Wagtail admin (issue: "An auditor's view"): look a person up by email
or, after erasure, by subject reference; see and download every receipt with its exact frozen
text, signature and chain status; only with the dedicated permission."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from policies.models import PolicyVersionText
from policies.services import policy_acknowledge, receipts_detach
from shop.core.pseudonyms import subject_ref
from tests.conftest import prefer_english_admin
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db


def staff_client(django_user_model, email: str, *codenames: str) -> Client:
    user = prefer_english_admin(django_user_model.objects.create_user(email=email, password="x", is_staff=True))
    group, _created = Group.objects.get_or_create(name=email)
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def auditor(django_user_model):
    return staff_client(django_user_model, "auditor@example.com", "export_receipts")


@pytest.fixture
def acknowledged(make_policy, user):
    page = make_policy("privacy", "fi", body("Ensimmäinen teksti."))
    text = PolicyVersionText.objects.get()
    policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=text.sha256, context="signup")
    republish(page, body=body("Toinen teksti."), change_type="material", summary="Muutos.")
    text = PolicyVersionText.objects.get(version__version=2)
    policy_acknowledge(user=user, kind="privacy", version=2, locale="fi", sha256=text.sha256)
    return user


def test_lookup_by_email_shows_each_receipt_with_its_frozen_text_and_status(auditor, acknowledged):
    r = auditor.get(reverse("policies_audit"), {"q": "Shopper@Example.com"})
    assert r.status_code == 200
    html = r.content.decode()
    assert f"<code data-subject>{subject_ref(acknowledged.pk)}</code>" in html
    assert 'data-receipt="1"' in html and 'data-receipt="2"' in html
    assert html.count('data-signature="valid"') == 2 and html.count('data-chain="valid"') == 2
    assert html.count('data-text="valid"') == 2
    assert "Ensimmäinen teksti." in html and "Toinen teksti." in html
    assert 'data-evidence-status="intact"' in html


def test_lookup_by_subject_reference_after_erasure_and_download(auditor, acknowledged):
    ref = subject_ref(acknowledged.pk)
    receipts_detach(user=acknowledged)
    acknowledged.delete()
    r = auditor.get(reverse("policies_audit"), {"q": "shopper@example.com"})
    assert "No account with this email address" in r.content.decode()
    r = auditor.get(reverse("policies_audit"), {"q": ref})
    assert r.content.decode().count('data-signature="valid"') == 2
    r = auditor.get(reverse("policies_audit_download", args=[ref]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    document = json.loads(r.content)
    assert document["subject_ref"] == ref
    assert [(item["version"], item["signature_valid"], item["chain_link_valid"]) for item in document["receipts"]] == [
        (1, True, True),
        (2, True, True),
    ]
    assert "Ensimmäinen teksti." in document["receipts"][0]["text"]["body_html"]
    assert document["jwks"]["keys"][0]["kty"] == "OKP"


def test_the_view_download_and_csv_need_the_permission(django_user_model, acknowledged):
    editor = staff_client(django_user_model, "editor@example.com")
    ref = subject_ref(acknowledged.pk)
    for url in (
        reverse("policies_audit") + "?q=shopper@example.com",
        reverse("policies_audit_download", args=[ref]),
        reverse("policies_receipts_csv"),
    ):
        r = editor.get(url)
        assert r.status_code in (302, 403), url
        assert ref not in r.content.decode()


def test_the_audit_query_count_does_not_grow_with_receipts(auditor, acknowledged, django_assert_max_num_queries):
    from policies.selectors import audit_receipts

    with django_assert_max_num_queries(4):
        rows = audit_receipts(subject=subject_ref(acknowledged.pk))
    assert len(rows) == 2
