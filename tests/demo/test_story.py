"""The demo story works with the printed logins (issue: "The demo story works with the printed
login"): the editor ``load_demo`` prints edits and publishes the Estonian privacy policy through
the Wagtail admin, and the printed auditor sees the receipts view."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from policies.models import PolicyPage, PolicyVersion, PolicyVersionText
from tests.policies.test_admin import form

pytestmark = pytest.mark.django_db


def logins(output: str) -> dict[str, tuple[str, str]]:
    return {role: (email, password) for role, email, password in re.findall(r"(\w+) login: (\S+) / (\S+)", output)}


def admin_login(email: str, password: str) -> Client:
    client = Client()
    r = client.post(reverse("wagtailadmin_login"), {"username": email, "password": password})
    assert r.status_code == 302, r.content.decode()[:500]
    return client


def test_the_printed_editor_publishes_the_estonian_privacy_policy(tmp_path, settings, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("DEMO_EDITOR_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = logins(out.getvalue())
    assert set(printed) == {"Editor", "Auditor"}

    editor = admin_login(*printed["Editor"])
    et = PolicyPage.objects.get(kind="privacy", locale__language_code="et")
    url = reverse("wagtailadmin_pages:edit", args=[et.pk])
    r = editor.get(url)
    assert r.status_code == 200
    assert r.context["form"]["change_type"].value() == ""  # starts blank
    r = editor.post(
        url,
        form(
            title="Privaatsuspoliitika",
            text="Lisasime uue töötlemise eesmärgi.",
            change_type="material",
            summary="Uus eesmärk.",
            **{"action-publish": "action-publish"},
        ),
    )
    assert r.status_code == 302, r.content.decode()[:1000]
    v2 = PolicyVersion.objects.get(kind="privacy", version=2)
    texts = {text.locale: text for text in PolicyVersionText.objects.filter(version=v2)}
    assert (texts["et"].change_type, texts["et"].change_summary) == ("material", "Uus eesmärk.")
    assert "Lisasime uue töötlemise eesmärgi." in texts["et"].body_html
    assert texts["fi"].change_type == "" and texts["fi"].text_version == 1  # Finnish untouched

    auditor = admin_login(*printed["Auditor"])
    r = auditor.get(reverse("policies_audit"), {"q": printed["Editor"][0]})
    assert r.status_code == 200 and 'data-evidence-status="intact"' in r.content.decode()
    # The editor is no auditor.
    assert editor.get(reverse("policies_receipts_csv")).status_code in (302, 403)
