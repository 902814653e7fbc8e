"""Consent evidence is append-only: the ORM refuses changes everywhere, PostgreSQL refuses them too."""

import pytest
from django.db import IntegrityError, connection, transaction

from shop.core.ip import minimise_ip
from shop.core.models import AppendOnlyError
from shop.core.pseudonyms import subject_ref
from shop.privacy.models import MarketingConsent
from shop.privacy.selectors import marketing_consent_active, marketing_consent_state
from shop.privacy.services import marketing_consent_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(user):
    return marketing_consent_record(user=user, channel="sms", action="granted", source="signup", locale="et")


def test_record_keeps_wording_locale_and_pseudonym(user, consent):
    assert consent.subject_ref == subject_ref(user.pk) != str(user.pk)
    assert consent.wording.startswith("Soovin saada Xmi OÜ pakkumisi SMS-iga")
    assert marketing_consent_active(user=user, channel="sms") is True


def test_email_consent_is_pending_until_confirmed(user):
    marketing_consent_record(user=user, channel="email", action="granted", source="signup", locale="fi")
    assert marketing_consent_active(user=user, channel="email") is False
    marketing_consent_record(user=user, channel="email", action="confirmed", source="confirmation_link", locale="fi")
    assert marketing_consent_active(user=user, channel="email") is True
    marketing_consent_record(user=user, channel="email", action="withdrawn", source="unsubscribe_link", locale="fi")
    assert marketing_consent_active(user=user, channel="email") is False
    assert marketing_consent_state(user=user)["email"].action == "withdrawn"
    assert MarketingConsent.objects.filter(user=user).count() == 3


def test_orm_refuses_changes_and_deletes(consent):
    consent.source = "profile"
    with pytest.raises(AppendOnlyError):
        consent.save()
    with pytest.raises(AppendOnlyError):
        consent.delete()
    with pytest.raises(AppendOnlyError):
        MarketingConsent.objects.filter(pk=consent.pk).update(source="profile")
    with pytest.raises(AppendOnlyError):
        MarketingConsent.objects.filter(pk=consent.pk).delete()
    assert MarketingConsent.objects.get(pk=consent.pk).source == "signup"


def test_detaching_the_user_is_the_one_allowed_change(user, consent):
    assert MarketingConsent.objects.filter(pk=consent.pk).update(user=None) == 1
    consent = MarketingConsent.objects.get(pk=consent.pk)
    assert consent.user_id is None and consent.subject_ref == subject_ref(user.pk)


@pytest.mark.parametrize(
    ("ip", "expected"),
    [
        ("192.0.2.77", "192.0.2.0"),
        ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::"),
        ("not an ip", None),
        ("", None),
    ],
)
def test_ip_is_truncated(ip, expected):
    assert minimise_ip(ip) == expected


@pytest.mark.postgres
def test_postgres_trigger_refuses_raw_sql_changes(consent):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_marketingconsent SET source = 'profile' WHERE id = %s", [consent.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_marketingconsent WHERE id = %s", [consent.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        # Detaching while also changing another column is refused as a whole.
        cursor.execute("UPDATE privacy_marketingconsent SET user_id = NULL, locale = 'fi' WHERE id = %s", [consent.pk])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_marketingconsent SET user_id = NULL WHERE id = %s", [consent.pk])
    consent = MarketingConsent.objects.get(pk=consent.pk)
    assert (consent.user_id, consent.source, consent.locale) == (None, "signup", "et")


@pytest.mark.postgres
def test_postgres_trigger_guards_disclosures_and_suppression_list(user):
    from shop.privacy.models import Disclosure, SuppressionEntry
    from shop.privacy.services import disclosure_record, suppression_add
    from tests.factories import make_order

    disclosure = disclosure_record(
        order=make_order(user), recipient="Omniva", recipient_kind="carrier", fields=["name"]
    )
    entry = suppression_add(email=user.email, reason="unsubscribe_link")
    for sql, pk in [
        ("UPDATE privacy_disclosure SET recipient = 'x' WHERE id = %s", disclosure.pk),
        ("DELETE FROM privacy_disclosure WHERE id = %s", disclosure.pk),
        ("DELETE FROM privacy_suppressionentry WHERE id = %s", entry.pk),
        ("UPDATE privacy_suppressionentry SET reason = 'profile' WHERE id = %s", entry.pk),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    assert Disclosure.objects.filter(pk=disclosure.pk).update(user=None) == 1
    assert SuppressionEntry.objects.get(pk=entry.pk).reason == "unsubscribe_link"


@pytest.mark.postgres
def test_erasure_on_postgres_detaches_evidence_through_the_trigger(user):
    from shop.privacy.erasure import account_erase
    from shop.privacy.models import Disclosure
    from shop.privacy.services import disclosure_record, marketing_consent_record
    from tests.factories import make_order

    marketing_consent_record(user=user, channel="email", action="granted", source="signup", locale="fi")
    disclosure_record(order=make_order(user), recipient="Omniva", recipient_kind="carrier", fields=["name"])
    account_erase(user=user, source="self_service")
    assert MarketingConsent.objects.filter(user__isnull=False).count() == 0
    assert Disclosure.objects.get().user_id is None
