"""Every publish freezes version N+1 of the kind: numbering across locales, carry-over, fallback,
outdated translations and immutability of frozen texts."""

import hashlib

import pytest
from django.db import IntegrityError, connection, transaction

from policies.models import PolicyKindCounter, PolicyVersion, PolicyVersionText
from policies.selectors import policy_text_get
from policies.services import policy_freeze
from shop.core.models import AppendOnlyError
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db


def texts(version: int, kind: str = "privacy") -> dict[str, PolicyVersionText]:
    return {t.locale: t for t in PolicyVersionText.objects.filter(version__kind=kind, version__version=version)}


def test_first_publish_freezes_v1_with_hash_of_served_html(make_policy):
    page = make_policy("privacy", "fi", body("Hello &amp; welcome.", heading="Who we are"))
    version = PolicyVersion.objects.get(kind="privacy")
    assert version.version == 1
    assert version.source_locale == "fi"
    assert version.source_revision_id == page.live_revision_id
    text = texts(1)["fi"]
    assert text.body_html == "<h2>Who we are</h2>\n<p>Hello &amp; welcome.</p>"
    assert text.sha256 == hashlib.sha256(text.body_html.encode()).hexdigest()
    assert text.body_text == "Who we are\n\nHello & welcome."
    assert text.revision_id == page.live_revision_id
    assert [b["type"] for b in text.blocks] == ["heading", "paragraph"]
    assert PolicyKindCounter.objects.get(kind="privacy").last_version == 1


def test_numbering_is_shared_by_locales_and_unchanged_texts_keep_their_hash(make_policy):
    fi = make_policy("privacy", "fi")  # v1: fi
    make_policy("privacy", "et")  # v2: fi (carried) + et
    v1, v2 = texts(1), texts(2)
    assert set(v1) == {"fi"} and set(v2) == {"fi", "et"}
    assert v2["fi"].sha256 == v1["fi"].sha256 and v2["fi"].text_version == 1
    assert v2["et"].text_version == 2

    republish(fi, body=body("privacy text in fi, typo fixed."))  # v3: editorial fi fix
    v3 = texts(3)
    assert PolicyVersion.objects.get(kind="privacy", version=3).change_type == "editorial"
    assert v3["fi"].sha256 != v2["fi"].sha256 and v3["fi"].text_version == 3
    assert v3["et"].sha256 == v2["et"].sha256 and v3["et"].body_html == v2["et"].body_html
    assert v3["et"].translation_outdated is False  # an editorial change never outdates translations
    assert list(PolicyVersion.objects.filter(kind="privacy").values_list("version", flat=True)) == [3, 2, 1]
    # Other kinds count on their own.
    make_policy("terms", "fi")
    assert PolicyVersion.objects.get(kind="terms").version == 1


def test_locale_without_text_falls_back_to_default(make_policy):
    make_policy("privacy", "fi")
    text, fallback = policy_text_get(kind="privacy", version=1, locale="en")
    assert (text.locale, fallback) == ("fi", True)
    text, fallback = policy_text_get(kind="privacy", version=1, locale="fi")
    assert (text.locale, fallback) == ("fi", False)


def test_material_default_change_outdates_translations_until_they_are_published(make_policy):
    fi = make_policy("privacy", "fi")
    et = make_policy("privacy", "et")
    republish(fi, body=body("New rules."), change_type="material", summary="New rules.")  # v3
    assert texts(3)["et"].translation_outdated is True
    assert texts(3)["fi"].translation_outdated is False
    republish(fi, body=body("New rules, typo fixed."))  # v4 editorial: still outdated (carried)
    assert texts(4)["et"].translation_outdated is True
    republish(et, body=body("Uued reeglid."), change_type="material", summary="Uued reeglid.")  # v5
    assert texts(5)["et"].translation_outdated is False


def test_republishing_the_same_revision_freezes_nothing(make_policy):
    page = make_policy("privacy", "fi")
    assert policy_freeze(page=page, revision=page.live_revision) is None
    assert PolicyVersion.objects.filter(kind="privacy").count() == 1


def test_unpublished_schedule_and_aliases_are_skipped(make_policy):
    page = make_policy("privacy", "fi")
    assert policy_freeze(page=page, revision=page.live_revision, alias=True) is None
    page.live = False
    assert policy_freeze(page=page, revision=page.live_revision) is None


def test_frozen_texts_and_versions_refuse_changes(make_policy):
    make_policy("privacy", "fi")
    text = texts(1)["fi"]
    text.body_html = "<p>rewritten</p>"
    with pytest.raises(AppendOnlyError):
        text.save()
    with pytest.raises(AppendOnlyError):
        PolicyVersionText.objects.filter(pk=text.pk).update(body_html="x")
    with pytest.raises(AppendOnlyError):
        text.delete()
    with pytest.raises(AppendOnlyError):
        PolicyVersion.objects.filter(kind="privacy").delete()


@pytest.mark.postgres
def test_postgres_refuses_raw_sql_edits_of_frozen_texts(make_policy):
    make_policy("privacy", "fi")
    text = texts(1)["fi"]
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE policies_policyversiontext SET body_html = 'x' WHERE id = %s", [text.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM policies_policyversion WHERE id = %s", [text.version_id])


def test_scheduled_publishing_freezes_when_it_goes_live(make_policy):
    import time
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    page = make_policy("privacy", "fi")
    page = type(page).objects.get(pk=page.pk)
    page.body = body("Scheduled text.")
    page.change_type, page.change_summary = "editorial", ""
    page.go_live_at = timezone.now() + timedelta(seconds=1)
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future this schedules it
    assert PolicyVersion.objects.filter(kind="privacy").count() == 1
    time.sleep(1.2)  # publish_scheduled re-checks go_live_at in the revision's content
    call_command("publish_scheduled")
    assert PolicyVersion.objects.filter(kind="privacy").count() == 2
    assert texts(2)["fi"].body_html.endswith("<p>Scheduled text.</p>")
