"""Shoppers hear about material changes: one email per superseded shopper and version, in their
language, with the summary and a link to the storefront's diff page, sent after commit."""

import pytest
from django.core import mail

from policies.models import PolicyChangeNotice, PolicyVersion, PolicyVersionText
from policies.services import policy_acknowledge
from policies.tasks import send_material_change_notices
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db


def ack(user, version: int, locale: str) -> None:
    text = PolicyVersionText.objects.get(version__kind="privacy", version__version=version, locale=locale)
    policy_acknowledge(user=user, kind="privacy", version=version, locale=locale, sha256=text.sha256)


@pytest.fixture
def shoppers(make_policy, django_user_model):
    fi = make_policy("privacy", "fi")
    et = make_policy("privacy", "et")  # v2
    finn = django_user_model.objects.create_user(email="fi@example.com", password="x", locale="fi")
    eesti = django_user_model.objects.create_user(email="et@example.com", password="x", locale="et")
    ack(finn, 2, "fi")
    ack(eesti, 2, "et")
    mail.outbox.clear()
    return {"fi": fi, "et": et, "finn": finn, "eesti": eesti}


def test_a_material_change_mails_the_readers_of_that_locale_once_after_commit(
    shoppers, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        republish(shoppers["et"], body=body("Uus eesmärk."), change_type="material", summary="Lisasime eesmärgi.")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["et@example.com"]]
    message = mail.outbox[0]
    assert "Lisasime eesmärgi." in message.body
    assert f"{settings.SITE_URL}/policies/privacy/diff?from=2&to=3" in message.body
    assert "on muutunud" in message.subject  # Estonian
    notice = PolicyChangeNotice.objects.get()
    assert (notice.user, notice.version.version, notice.locale) == (shoppers["eesti"], 3, "et")
    assert notice.sent_at is not None
    # A retried task never mails twice.
    assert send_material_change_notices.call(version_id=PolicyVersion.objects.get(version=3).pk) == 0
    assert len(mail.outbox) == 1


def test_editorial_changes_mail_nobody(shoppers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        republish(shoppers["fi"], body=body("Typo fixed."), change_type="editorial")
    assert mail.outbox == [] and not PolicyChangeNotice.objects.exists()


def test_finnish_material_change_mails_the_finnish_reader_in_finnish(shoppers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        republish(shoppers["fi"], body=body("Uusi."), change_type="material", summary="Uusi käyttötarkoitus.")
    assert [m.to for m in mail.outbox] == [["fi@example.com"]]
    assert "Uusi käyttötarkoitus." in mail.outbox[0].body and "on muuttunut" in mail.outbox[0].subject


def test_notices_go_through_the_background_queue():
    """In production the "background" backend is the database queue worked off by db_worker;
    the web request that publishes must not send the emails itself."""
    from django.conf import settings

    from policies.tasks import send_material_change_notices

    assert send_material_change_notices.backend == "background"
    assert "background" in settings.TASKS
