"""The storefront in a real browser: browsing, the cookie choice, the "loved items" invitation,
recently viewed kept only with preference consent, and signup with a policy receipt."""

import re

import pytest

from policies.models import PolicyReceipt, PolicyVersionText
from shop.accounts.models import User
from shop.privacy.models import CookieConsent
from shop.wishlist.models import WishlistItem
from tests.shop.catalog import factories

# Live-server tests commit for real (conftest restores the migrations' data before each test).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(homes, make_policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_policy("privacy", "fi", title="Tietosuojakäytäntö")
    make_policy("cookies", "fi", title="Evästekäytäntö")
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    socks = factories.make_product(category, title="Villasukat", slug="villasukat", net_price="10.00")
    factories.make_product(category, title="Pipo", slug="pipo", net_price="8.00", stock=0)
    return socks


def test_anonymous_shopper_browses_and_is_invited_to_create_an_account(page, live_server, shop):
    page.goto("/")
    page.get_by_role("link", name="Villasukat").wait_for()
    assert page.locator(".card").count() == 2
    assert "Loppu varastosta" in page.locator(".card", has_text="Pipo").inner_text()
    assert "12,55" in page.locator(".card", has_text="Villasukat").inner_text()  # 10.00 + 25.5 % VAT (FI)

    page.get_by_role("button", name="Vain välttämättömät").click()
    page.locator("#cookie-banner").wait_for(state="hidden")
    consent = CookieConsent.objects.get()
    assert (consent.preferences, consent.statistics, consent.marketing) == (False, False, False)

    page.get_by_role("link", name="Villasukat").click()
    page.get_by_role("heading", name="Villasukat").wait_for()
    page.get_by_role("button", name="Tallenna", exact=True).click()
    notice = page.locator("main .notice")
    notice.wait_for()
    assert "Luo ilmainen tili tallentaaksesi rakastettuja esineitä." in notice.inner_text()
    # Without preference cookies nothing is remembered on the device.
    assert [line for line in page.locator("#recently-viewed").inner_text().splitlines() if line] == [
        "Äskettäin katsottu",
        "Ei tuotteita",
    ]
    assert page.evaluate("localStorage.getItem('xmi.recent')") is None


def test_recently_viewed_is_kept_locally_with_preference_consent(page, live_server, shop):
    page.goto("/")
    page.get_by_role("checkbox", name=re.compile("Asetukset")).check()
    page.get_by_role("button", name="Tallenna valinnat").click()
    page.locator("#cookie-banner").wait_for(state="hidden")
    assert CookieConsent.objects.get().preferences is True

    page.goto("/#/products/villasukat")
    page.locator("#recently-viewed li", has_text="Villasukat").wait_for()
    assert "Villasukat" in page.evaluate("localStorage.getItem('xmi.recent')")


def test_signup_records_the_exact_policy_text_and_unlocks_the_wishlist(page, live_server, shop):
    page.goto("/#/register")
    page.get_by_label("Etunimi").fill("Maija")
    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_label("Salasana").fill("a long enough passphrase")
    page.get_by_role("checkbox", name=re.compile("Olen lukenut")).check()
    page.get_by_role("button", name="Luo tili").click()
    page.get_by_role("link", name="Kirjaudu ulos").wait_for()

    user = User.objects.get(email="maija@example.fi")
    receipt = PolicyReceipt.objects.get(user=user)
    text = PolicyVersionText.objects.get(version__kind="privacy", locale="fi")
    assert (receipt.version.version, receipt.locale, receipt.sha256, receipt.context) == (
        1,
        "fi",
        text.sha256,
        "signup",
    )

    page.goto("/#/products/villasukat")
    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.get_by_role("button", name="Tallennettu").wait_for()
    assert list(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True)) == [shop.product_id]
