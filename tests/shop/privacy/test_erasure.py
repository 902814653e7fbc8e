"""Erasure: profile data goes, orders stay scrubbed for the retention period, evidence detaches,
the address stays unsubscribed, and the email can register again."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from policies.models import PolicyReceipt, PolicyVersionText
from policies.services import policy_acknowledge
from shop.accounts import crypto
from shop.accounts.models import Address, AuthToken, UserSession
from shop.accounts.services.profile import profile_update
from shop.core.pseudonyms import email_hash, subject_ref
from shop.orders.models import Order
from shop.privacy.erasure import account_erase
from shop.privacy.models import CookieConsent, Disclosure, ErasureRecord, MarketingConsent, SuppressionEntry
from shop.privacy.services import disclosure_record, marketing_consent_record
from shop.support.models import SupportRequest
from shop.support.services import support_request_create
from shop.wishlist.models import RecentlyViewed, WishlistItem
from shop.wishlist.services import recently_viewed_add, wishlist_add
from tests.factories import UserFactory, bearer_client, make_cookie_consent, make_order
from tests.shop.catalog import factories

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def full_user(user, make_policy, clothes):
    product = factories.make_product(clothes, title="Villasukat", sku="SOCKS-1")
    wishlist_add(user=user, product_id=product.product_id)
    recently_viewed_add(user=user, product_id=product.product_id)
    make_policy("privacy", "fi")
    privacy = PolicyVersionText.objects.get(version__kind="privacy", version__version=1, locale="fi")
    policy_acknowledge(user=user, kind="privacy", version=1, locale="fi", sha256=privacy.sha256, context="signup")
    profile_update(
        user=user, data={"first_name": "Mari", "phone": "+37251234567", "refund_iban": "EE382200221020145685"}
    )
    Address.objects.create(
        user=user, first_name="Mari", last_name="M", line1="Pikk 1", postcode="10123", city="Tallinn", country="EE"
    )
    order = make_order(user)
    marketing_consent_record(user=user, channel="email", action="granted", source="signup", locale="fi")
    marketing_consent_record(user=user, channel="email", action="confirmed", source="confirmation_link", locale="fi")
    make_cookie_consent(user, statistics=True)
    disclosure_record(order=order, recipient="Omniva", recipient_kind="carrier", fields=["name", "phone"])
    support_request_create(email=user.email, topic="data_erasure", message="Please erase me", locale="fi", user=user)
    return user


def test_self_service_erasure(full_user, api_client):
    client = bearer_client(full_user)
    ref, email, pk = subject_ref(full_user.pk), full_user.email, full_user.pk

    wrong = client.post("/api/v1/me/erasure/", {"password": "wrong"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "invalid_password"
    assert User.objects.filter(pk=pk).exists()

    response = client.post("/api/v1/me/erasure/", {"password": "correct horse battery"}, format="json")
    assert response.status_code == 202
    assert response.json() == {"status": "erased"}

    assert not User.objects.filter(pk=pk).exists()
    assert not Address.objects.exists() and not AuthToken.objects.exists() and not UserSession.objects.exists()
    assert not WishlistItem.objects.exists() and not RecentlyViewed.objects.exists()
    assert client.get("/api/v1/me/").status_code == 401

    order = Order.objects.get()  # kept for the accounting retention period ...
    assert order.user_id is None and order.subject_ref == ref
    assert order.total_gross and order.lines.count() == 1 and order.address_country == "EE"
    for field in Order.CONTACT_FIELDS:  # ... without contact or address data
        assert str(getattr(order, field) or "") == "", field
    assert order.contact_scrubbed_at is not None and order.refund_iban_encrypted == ""

    consents = list(MarketingConsent.objects.values_list("user_id", "subject_ref", "action", "source"))
    assert consents[0] == (None, ref, "withdrawn", "erasure")
    assert {c[0] for c in consents} == {None} and {c[1] for c in consents} == {ref}
    assert Disclosure.objects.get().user_id is None and Disclosure.objects.get().subject_ref == ref
    assert CookieConsent.objects.get().user_id is None
    support = SupportRequest.objects.get()
    assert support.user_id is None and support.email == email  # still open: staff must answer it
    assert SuppressionEntry.objects.filter(email_hash=email_hash(email), reason="erasure").exists()
    receipt = PolicyReceipt.objects.get()  # evidence stays, detached, still chained
    assert (receipt.user_id, receipt.subject_ref, receipt.context) == (None, ref, "signup")
    call_command("verify_receipts", stdout=StringIO())  # raises CommandError if the chain broke
    record = ErasureRecord.objects.get()
    assert (record.subject_ref, record.source) == (ref, "self_service")
    # Reported by the domains through the core registry: orders' erase and accounts' sign-out step.
    assert record.summary == {"orders_retained": 1, "tokens": 1, "sessions": 0}


def test_the_email_can_register_again_and_stays_suppressed(full_user, api_client):
    email = full_user.email
    account_erase(user=full_user, source="staff")
    privacy = PolicyVersionText.objects.get(version__kind="privacy", version__version=1, locale="fi")
    response = api_client.post(
        "/api/v1/auth/register/",
        {
            "email": email.upper(),
            "password": "a brand new passphrase",
            "first_name": "Mari",
            "last_name": "M",
            "locale": "fi",
            "acknowledgements": [{"kind": "privacy", "version": 1, "locale": "fi", "sha256": privacy.sha256}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    again = User.objects.get(email=email)
    assert again.pk != full_user.pk
    assert not MarketingConsent.objects.filter(user=again).exists()
    # An old confirmation cannot be revived by the new account; only a new double opt-in would.
    from shop.privacy.selectors import marketing_email_allowed

    assert marketing_email_allowed(user=again) is False


def test_a_pending_refund_keeps_the_iban_on_the_order_until_paid(full_user):
    from django.core.management import call_command

    make_order(full_user, refund_pending=True)
    account_erase(user=full_user, source="self_service")
    pending = Order.objects.get(refund_pending=True)
    assert crypto.decrypt(pending.refund_iban_encrypted) == "EE382200221020145685"
    assert Order.objects.get(refund_pending=False).refund_iban_encrypted == ""

    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Order.objects.get(refund_pending=True).refund_iban_encrypted != ""
    Order.objects.filter(refund_pending=True).update(refund_pending=False)  # the refund was paid
    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Order.objects.exclude(refund_iban_encrypted="").exists()


def test_staff_erasure_records_who_did_it(full_user, django_user_model):
    staff = UserFactory(email="staff@xmi.ee", password="x" * 12, is_staff=True)
    record = account_erase(user=full_user, source="staff", performed_by=staff)
    assert (record.source, record.performed_by) == ("staff", staff)
