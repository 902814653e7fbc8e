"""The storefront in a real browser: browsing with filters, the cookie choice and its reopening,
the heart, recently viewed (local only with preference consent, merged at signup), signup with a
policy receipt, the language switch, and the routes emails link to."""

import re

import pytest

from shop.catalog.pages import ProductPage
from policies.models import PolicyReceipt, PolicyVersionText
from shop.accounts.models import User
from shop.privacy.models import CookieConsent
from shop.wishlist.models import RecentlyViewed, WishlistItem

from .conftest import choose_cookies, sign_up

# Live-server tests commit for real (conftest restores the migrations' data before each test).
pytestmark = pytest.mark.django_db(transaction=True)


def test_catalogue_filters_searches_and_sorts_by_real_paths(page, shop, console_errors):
    page.goto("/")
    page.get_by_role("link", name="Villasukat").wait_for()
    assert page.locator(".card").count() == 3
    assert "Loppu varastosta" in page.locator(".card", has_text="Pipo").inner_text()
    assert "12,55" in page.locator(".card", has_text="Villasukat").inner_text()  # 10.00 + 25.5 % VAT (FI)

    page.get_by_label("Järjestys").select_option("price")
    page.wait_for_url(re.compile(r"ordering=price"))
    page.locator(".card").first.filter(has_text="Pipo").wait_for()
    assert [t.strip() for t in page.locator(".card-title").all_inner_texts()] == ["Pipo", "Villasukat", "Lapaset"]

    page.get_by_label("Hae tuotteita").fill("lapaset")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.wait_for_url(re.compile(r"q=lapaset"))
    page.get_by_text("1 tuotetta").wait_for()
    assert page.locator(".card-title").all_inner_texts() == ["Lapaset"]

    # A reload of a client-side route lands in the app, not on a 404.
    page.goto("/products/villasukat")
    page.get_by_role("heading", name="Villasukat", level=1).wait_for()
    assert page.get_by_text("Hinta sisältää ALV:n 25,5 %").is_visible()
    page.get_by_label("Toimitusmaa").select_option("EE")
    page.get_by_text("Hinta sisältää ALV:n 24 %").wait_for()
    assert "12,40" in page.locator(".big-price").inner_text()  # 10.00 + 24 % VAT (EE)
    assert console_errors == []


def test_anonymous_heart_invites_and_nothing_is_remembered_without_consent(page, shop, console_errors):
    page.goto("/")
    choose_cookies(page, "Vain välttämättömät")
    consent = CookieConsent.objects.get()
    assert (consent.preferences, consent.statistics, consent.marketing) == (False, False, False)

    page.get_by_role("link", name="Villasukat").click()
    page.get_by_role("heading", name="Villasukat", level=1).wait_for()
    page.get_by_role("button", name="Tallenna", exact=False).click()
    invite = page.locator(".heart .notice")
    invite.wait_for()
    assert "Luo ilmainen tili tallentaaksesi rakastettuja esineitä." in invite.inner_text()
    assert invite.get_by_role("link", name="Luo ilmainen tili").get_attribute("href") == "/register"
    recent = page.locator("#recently-viewed")
    assert recent.get_by_role("heading").inner_text() == "Äskettäin katsottu"
    assert "Ei tuotteita." in recent.inner_text()
    assert page.evaluate("localStorage.getItem('xmi.recent')") is None
    # An anonymous visit never asked for anything that answers 401.
    assert console_errors == []


def test_cookie_settings_reopen_from_the_footer_in_the_current_language(page, shop):
    page.goto("/")
    choose_cookies(page, "Vain välttämättömät")
    page.get_by_label("Kieli").select_option("et")
    page.get_by_role("contentinfo").get_by_role("button", name="Küpsiste seaded").click()
    banner = page.locator("#cookie-banner")
    banner.get_by_role("heading", name="Küpsised").wait_for()
    banner.get_by_label(re.compile("Eelistused")).check()
    banner.get_by_role("button", name="Salvesta valikud").click()
    banner.wait_for(state="detached")
    consents = list(CookieConsent.objects.order_by("created_at", "pk").values_list("preferences", flat=True))
    assert consents == [False, True]
    assert len({c.consent_id for c in CookieConsent.objects.all()}) == 1  # the same visitor's choice, updated


def test_recently_viewed_is_local_with_consent_and_merged_into_the_account_at_signup(page, shop):
    page.goto("/")
    # On a first visit the categories are folded away behind "Valitse itse".
    assert not page.get_by_label(re.compile("Asetukset")).is_visible()
    page.locator("#cookie-banner").get_by_text("Valitse itse").click()
    page.get_by_label(re.compile("Asetukset")).check()
    page.get_by_role("button", name="Tallenna valinnat").click()
    page.locator("#cookie-banner").wait_for(state="detached")
    assert CookieConsent.objects.get().preferences is True

    page.goto("/products/pipo")
    page.get_by_role("heading", name="Pipo", level=1).wait_for()
    page.goto("/products/villasukat")
    page.locator("#recently-viewed li", has_text="Pipo").wait_for()
    assert "Villasukat" in page.evaluate("localStorage.getItem('xmi.recent')")

    sign_up(page, email="maija@example.fi")
    user = User.objects.get(email="maija@example.fi")
    pipo = ProductPage.objects.get(slug="pipo").product_id
    viewed = list(
        RecentlyViewed.objects.filter(user=user).order_by("-viewed_at", "-pk").values_list("product_id", flat=True)
    )
    assert viewed == [shop.product_id, pipo]  # newest first, as on the device
    assert page.evaluate("localStorage.getItem('xmi.recent')") is None


def test_signup_records_the_exact_policy_text_and_unlocks_the_heart(page, shop, console_errors):
    page.goto("/")
    choose_cookies(page)
    page.goto("/register")
    assert page.get_by_role("checkbox", name=re.compile("Olen lukenut")).is_checked() is False
    assert page.get_by_role("checkbox", name="Haluan tarjouksia sähköpostiin").is_checked() is False
    assert page.get_by_role("checkbox", name="Haluan tarjouksia tekstiviestinä").is_checked() is False
    assert "versio 1" in page.locator("#signup-policy").inner_text()
    page.get_by_text("Lue tietosuojakäytäntö tässä").click()
    assert page.locator(".policy-box .policy-body").is_visible()

    sign_up(page, email="maija@example.fi")
    user = User.objects.get(email="maija@example.fi")
    receipt = PolicyReceipt.objects.get(user=user)
    text = PolicyVersionText.objects.get(version__kind="privacy", locale="fi")
    assert (receipt.version.version, receipt.locale, receipt.sha256, receipt.context) == (
        1,
        "fi",
        text.sha256,
        "signup",
    )

    page.goto("/products/villasukat")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("button", name="Tallennettu").wait_for()
    assert list(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True)) == [shop.product_id]
    # A loved item can be removed again, on the product page and from the list.
    page.get_by_role("button", name="Tallennettu").click()
    page.get_by_role("button", name="Tallenna").wait_for()
    assert not WishlistItem.objects.filter(user=user).exists()
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("button", name="Tallennettu").wait_for()
    page.get_by_role("link", name="Rakastetut").click()
    page.get_by_role("button", name="Poista Villasukat rakastetuista").click()
    page.get_by_text("Et ole vielä tallentanut tuotteita.").wait_for()
    assert not WishlistItem.objects.filter(user=user).exists()
    assert console_errors == []


def test_signup_keeps_typed_values_after_reading_the_policy_and_explains_a_weak_password(page, shop):
    page.goto("/")
    choose_cookies(page)
    page.goto("/register")
    page.get_by_label("Etunimi").fill("Maija")
    page.get_by_label("Sähköposti", exact=True).fill("maija@example.fi")
    page.get_by_role("link", name=re.compile("Avaa tietosuojakäytäntö")).click()
    page.get_by_role("heading", name="Tietosuojakäytäntö", level=1).wait_for()
    page.go_back()
    assert page.get_by_label("Etunimi").input_value() == "Maija"
    assert page.get_by_label("Sähköposti", exact=True).input_value() == "maija@example.fi"

    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Salasana", exact=True).fill("123")
    page.get_by_role("checkbox", name=re.compile("Olen lukenut")).check()
    page.get_by_role("button", name="Luo tili").click()
    error = page.locator("#field-password-error")
    error.wait_for()
    assert error.inner_text().strip() != ""
    assert page.get_by_label("Salasana", exact=True).get_attribute("aria-invalid") == "true"
    assert not User.objects.filter(email="maija@example.fi").exists()


def test_language_switch_keeps_the_route_the_session_and_follows_the_product_slug(page, shop):
    page.goto("/")
    choose_cookies(page)
    sign_up(page, email="maija@example.fi")
    page.goto("/products/villasukat")
    page.get_by_role("heading", name="Villasukat", level=1).wait_for()

    page.get_by_label("Kieli").select_option("et")
    page.get_by_role("heading", name="Villased sokid", level=1).wait_for()
    assert page.url.endswith("/products/villased-sokid")
    assert page.evaluate("document.documentElement.lang") == "et"
    assert page.get_by_role("link", name="Minu konto").is_visible()  # still signed in
    assert page.locator("#recently-viewed h2").inner_text() == "Viimati vaadatud"

    page.get_by_role("link", name="Minu konto").click()
    page.get_by_role("heading", name="Privaatsuskeskus").wait_for()
    with page.expect_response(lambda r: r.url.endswith("/api/v1/me/") and r.request.method == "PATCH"):
        page.get_by_label("Keel").select_option("en")
    page.get_by_role("heading", name="Privacy centre").wait_for()
    assert page.url.endswith("/account")
    assert User.objects.get(email="maija@example.fi").locale == "en"  # emails follow the choice


def test_language_switch_keeps_the_chosen_category_in_the_new_languages_words(page, shop):
    page.goto("/")
    choose_cookies(page)
    page.get_by_label("Kategoria").select_option(label="Retkeily")
    page.wait_for_url(re.compile(r"category=retkeily"))

    page.get_by_label("Kieli").select_option("et")
    page.wait_for_url(re.compile(r"category=matkamine"))
    category = page.get_by_label("Kategooria")
    assert category.evaluate("select => select.selectedOptions[0].textContent") == "Matkamine"
    assert page.locator(".card").count() == 3


def test_delivery_country_follows_the_language_until_chosen_and_survives_a_reload(page, shop):
    page.goto("/")
    choose_cookies(page)
    country = page.locator(".switches select").nth(1)
    assert country.input_value() == "FI"
    page.get_by_label("Kieli").select_option("et")
    page.wait_for_function("document.documentElement.lang === 'et'")
    assert country.input_value() == "EE"  # Estonian suggests Estonia...
    page.reload()
    page.locator(".card").first.wait_for()
    assert country.input_value() == "EE"  # ...and a reload does not re-price the page.

    page.get_by_label("Tarneriik").select_option("FI")  # the shopper's own choice stays
    page.get_by_label("Keel").select_option("en")
    page.get_by_label("Language").select_option("et")
    page.reload()
    page.locator(".card").first.wait_for()
    assert country.input_value() == "FI"
