"""The links the server puts in emails (all built from SITE_URL) open storefront pages that work:
verify email, reset the password, unsubscribe. Newsletter confirmation is in test_privacy_centre."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

from shop.accounts.models import User
from shop.privacy.models import MarketingConsent
from shop.privacy.services import marketing_consent_record, unsubscribe_token_make

from .conftest import choose_cookies, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def _link(pattern: str) -> str:
    """The newest email link matching ``pattern``, checked to start with SITE_URL; returns its path."""
    for message in reversed(mail.outbox):
        found = re.search(rf"({re.escape(settings.SITE_URL)}{pattern}\S*)", message.body)
        if found:
            url = urlsplit(found.group(1))
            return f"{url.path}?{url.query}" if url.query else url.path
    raise AssertionError(f"no link like {pattern} in {len(mail.outbox)} emails")


def test_verify_email_link_from_the_signup_email(page, shop):
    page.goto("/")
    choose_cookies(page)
    sign_up(page, email="maija@example.fi")
    assert User.objects.get(email="maija@example.fi").email_verified is False
    page.goto(_link("/account/verify-email"))
    page.get_by_text("Kiitos! Sähköpostiosoitteesi on vahvistettu.").wait_for()
    assert User.objects.get(email="maija@example.fi").email_verified is True


def test_password_reset_from_request_to_new_password(page, shop, django_user_model):
    django_user_model.objects.create_user(email="maija@example.fi", password="the old passphrase", first_name="Maija")
    page.goto("/login")
    choose_cookies(page)
    page.get_by_role("link", name="Unohditko salasanasi?").click()
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_role("button", name="Lähetä linkki").click()
    page.get_by_text("Jos osoitteella on tili").wait_for()

    page.goto(_link("/account/password-reset"))
    page.get_by_label("Uusi salasana").fill("a brand new passphrase")
    page.get_by_role("button", name="Vaihda salasana").click()
    page.get_by_text("Salasana on vaihdettu.").wait_for()
    assert User.objects.get(email="maija@example.fi").check_password("a brand new passphrase")

    page.get_by_role("main").get_by_role("link", name="Kirjaudu sisään").click()
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_label("Salasana").fill("a brand new passphrase")
    page.get_by_role("main").get_by_role("button", name="Kirjaudu sisään").click()
    page.get_by_text("Tervetuloa takaisin, Maija!").wait_for()


def test_unsubscribe_page_shows_the_state_and_posts_only_on_the_button(page, shop, django_user_model):
    user = django_user_model.objects.create_user(email="maija@example.fi", password="a long passphrase")
    marketing_consent_record(user=user, channel="email", action="granted", source="signup", locale="fi")
    marketing_consent_record(user=user, channel="email", action="confirmed", source="confirmation_link", locale="fi")
    token = unsubscribe_token_make(user=user)
    page.goto(f"/unsubscribe/{token}")
    choose_cookies(page)
    page.get_by_role("button", name="Peru tilaus").wait_for()
    assert MarketingConsent.objects.filter(user=user).latest("pk").action == "confirmed"  # GET changed nothing
    page.get_by_role("button", name="Peru tilaus").click()
    page.get_by_text("Et saa enää markkinointiviestejä tähän osoitteeseen.").wait_for()
    assert MarketingConsent.objects.filter(user=user).latest("pk").action == "withdrawn"
