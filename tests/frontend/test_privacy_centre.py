"""The privacy centre in a real browser: profile and refund IBAN, addresses, marketing consents,
receipts, download my data, erase my account; and the re-acceptance prompt after a material
policy change, with the diff from the version the shopper accepted."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail

from policies.models import PolicyPage, PolicyReceipt
from policies.signing import verify
from shop.accounts.models import Address, User
from shop.privacy.models import MarketingConsent
from tests.policies.fixtures import body, republish

from .conftest import choose_cookies, sign_up

pytestmark = pytest.mark.django_db(transaction=True)
IBAN = "FI21 1234 5600 0007 85"


@pytest.fixture
def shopper(page, shop):
    page.goto("/")
    choose_cookies(page)
    sign_up(page, email="maija@example.fi")
    return User.objects.get(email="maija@example.fi")


def test_profile_iban_and_addresses_are_edited_with_errors_from_the_envelope(page, shopper, console_errors):
    profile = page.locator("#profile")
    profile.get_by_label("Sukunimi").fill("Virtanen")
    profile.get_by_label("Palautusten tilinumero (IBAN)").fill("FI00 1234")
    profile.get_by_role("button", name="Tallenna tiedot").click()
    profile.locator("#field-refund_iban-error").wait_for()
    shopper.refresh_from_db()
    assert (shopper.last_name, shopper.refund_iban_masked) == ("Meikäläinen", "")  # nothing changed

    profile.get_by_label("Palautusten tilinumero (IBAN)").fill(IBAN)
    profile.get_by_role("button", name="Tallenna tiedot").click()
    profile.get_by_text("Tallennettu.", exact=True).wait_for()
    shopper.refresh_from_db()
    assert shopper.last_name == "Virtanen"
    assert shopper.refund_iban_masked and shopper.refund_iban_masked in profile.inner_text()

    addresses = page.locator("#addresses")
    addresses.get_by_role("button", name="Lisää osoite").click()
    addresses.get_by_label("Etunimi").fill("Maija")
    addresses.get_by_label("Sukunimi").fill("Virtanen")
    addresses.get_by_label("Katuosoite").fill("Mannerheimintie 1")
    addresses.get_by_label("Postinumero").fill("1001")
    addresses.get_by_label("Kaupunki").fill("Helsinki")
    addresses.get_by_role("button", name="Tallenna osoite").click()
    addresses.locator("#field-postcode-error").wait_for()  # a Finnish postcode has five digits
    assert not Address.objects.exists()
    addresses.get_by_label("Postinumero").fill("00100")
    addresses.get_by_role("button", name="Tallenna osoite").click()
    addresses.locator("address", has_text="Mannerheimintie 1").wait_for()
    assert list(Address.objects.values_list("user_id", "postcode")) == [(shopper.pk, "00100")]
    addresses.get_by_role("button", name="Poista osoite").click()
    addresses.get_by_text("Ei tallennettuja osoitteita.").wait_for()
    assert not Address.objects.exists()
    assert console_errors == [] or all("status of 400" in e for e in console_errors)


def test_marketing_consent_needs_the_emailed_confirmation(page, shopper, django_capture_on_commit_callbacks):
    consents = page.locator("#consents")
    mail.outbox.clear()
    with page.expect_response(lambda r: r.url.endswith("/api/v1/me/consents/") and r.request.method == "PUT"):
        consents.get_by_label("Haluan tarjouksia sähköpostiin").check()
    consents.get_by_text("Odottaa vahvistusta sähköpostista").wait_for()
    link = re.search(r"(http://\S+/consents/confirm\?token=\S+)", mail.outbox[-1].body).group(1)
    page.goto(link.replace(link.split("/consents/")[0], ""))
    page.get_by_text("Kiitos! Tilauksesi on vahvistettu.").wait_for()
    latest = MarketingConsent.objects.filter(user=shopper, channel="email").order_by("-pk").first()
    assert latest.action == "confirmed"


def test_a_consent_box_keeps_the_choice_while_saving_and_reverts_when_the_save_fails(page, shopper):
    box = page.locator("#consents").get_by_label("Haluan tarjouksia sähköpostiin")
    held = []
    page.route("**/api/v1/me/consents/", lambda route: held.append(route) if route.request.method == "PUT" else route.continue_())
    box.check()  # Playwright checks the box is still ticked after the click
    page.wait_for_function("() => document.getElementById('consent-email').disabled")
    assert held and box.is_checked()  # the PUT is in flight: the choice shows, a second click waits
    held.pop().fulfill(
        status=503,
        content_type="application/json",
        body=json.dumps({"error": {"code": "service_unavailable", "message": "Palvelu ei ole käytettävissä."}}),
    )
    page.locator("#consents").get_by_role("alert").wait_for()
    page.wait_for_function("() => !document.getElementById('consent-email').disabled")
    assert not box.is_checked()  # back to what the server holds
    assert page.locator("#consents").get_by_text("Ei lupaa").count() == 2
    assert not MarketingConsent.objects.filter(user=shopper).exists()


def test_receipts_are_listed_and_downloadable(page, shopper):
    receipts = page.locator("#receipts")
    receipts.get_by_text("rekisteröityminen").wait_for()
    with page.expect_download() as download:
        receipts.get_by_role("button", name="Lataa kuitti").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    receipt = PolicyReceipt.objects.get(user=shopper)
    # The download is the receipt's compact JWS, byte for byte, and it verifies against our keys.
    assert receipt.jws and saved == receipt.jws
    assert download.value.suggested_filename == f"xmi-receipt-privacy-v1-{receipt.pk}.jws"
    verified = verify(saved)
    assert verified.valid
    assert verified.payload["policy"] == {"kind": "privacy", "version": 1, "locale": "fi", "sha256": receipt.sha256}

    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/policies/receipts/verify/") and r.request.method == "POST"
    ) as checked:
        receipts.get_by_role("button", name="Tarkista allekirjoitus").click()
    assert checked.value.status == 200
    notice = receipts.get_by_role("status")
    notice.wait_for()
    assert notice.inner_text().startswith("Kuitti on aito: allekirjoitus täsmää julkaistuun avaimeen ")
    assert receipts.get_by_role("alert").count() == 0


def test_download_my_data_then_erase_the_account(page, shopper):
    data = page.locator("#data")
    with page.expect_download() as download:
        data.get_by_role("button", name="Lataa tietoni").click()
    export = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert export["profile"]["email"] == "maija@example.fi"
    assert {"profile", "addresses", "orders", "policy_receipts", "consents"} <= set(export["sections"])
    assert download.value.suggested_filename.startswith("xmi-my-data-")

    data.get_by_label("Vahvista salasanallasi").fill("not my password")
    data.get_by_label("Ymmärrän, että poistoa ei voi perua").check()
    data.get_by_role("button", name="Poista tili pysyvästi").click()
    data.get_by_role("alert").wait_for()
    assert User.objects.filter(pk=shopper.pk).exists()

    data.get_by_label("Vahvista salasanallasi").fill("a long enough passphrase")
    data.get_by_role("button", name="Poista tili pysyvästi").click()
    page.get_by_text("Tilisi on poistettu.").wait_for()
    assert page.url.endswith("/")
    assert not User.objects.filter(pk=shopper.pk).exists()
    assert page.get_by_role("link", name="Kirjaudu sisään").is_visible()
    # The receipt outlives the account, detached from it.
    assert PolicyReceipt.objects.filter(user__isnull=True).count() == 1


def test_material_policy_change_prompts_with_the_diff_and_records_a_reprompt_receipt(page, shopper):
    privacy = PolicyPage.objects.get(kind="privacy", locale__language_code="fi")
    republish(
        privacy,
        change_type="material",
        summary="Uusi kuljetusyhtiö.",
        body=body("privacy text in fi.", "Luovutamme osoitteesi myös Matkahuollolle."),
    )
    page.reload()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name=re.compile("Päivitetty")).wait_for()
    assert "Hyväksyit version 1. Voimassa on nyt versio 2." in dialog.inner_text()
    assert "Uusi kuljetusyhtiö." in dialog.inner_text()
    assert dialog.locator("ins", has_text="Matkahuollolle").count() >= 1

    dialog.get_by_role("button", name="Olen lukenut muutokset").click()
    dialog.wait_for(state="detached")
    latest = PolicyReceipt.objects.filter(user=shopper).order_by("-pk").first()
    assert (latest.version.version, latest.context, latest.locale) == (2, "reprompt", "fi")
    page.reload()
    page.get_by_role("heading", name="Tietosuojakeskus").wait_for()
    assert page.get_by_role("dialog").count() == 0


def test_policy_page_has_the_archive_and_what_changed(page, shop):
    privacy = PolicyPage.objects.get(kind="privacy", locale__language_code="fi")
    republish(
        privacy, change_type="material", summary="Lisätty kohta.", body=body("privacy text in fi.", "Uusi kohta.")
    )
    page.goto("/")
    choose_cookies(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Tietosuojakäytäntö").click()
    page.get_by_text("versio 2 ·").wait_for()
    archive = page.locator(".archive")
    archive.get_by_role("link", name="versio 1").wait_for()
    archive.get_by_role("link", name="Mitä muuttui").click()
    page.wait_for_url(re.compile(r"/policies/privacy/diff\?from=1&to=2$"))
    page.locator(".diff ins", has_text="Uusi kohta.").wait_for()
    page.get_by_role("link", name="versio 1").click()
    page.wait_for_url(re.compile(r"/policies/privacy/versions/1$"))
    page.get_by_text("privacy text in fi.").wait_for()
    assert page.get_by_text("Uusi kohta.").count() == 0
    # The address without versions (as typed or shared) shows what the latest publish changed.
    page.goto("/policies/privacy/diff")
    page.locator(".diff ins", has_text="Uusi kohta.").wait_for()
    assert page.locator(".meta").inner_text() == "Muutokset versiosta 1 versioon 2"


def test_an_account_that_never_acknowledged_is_asked_to_read_the_policy_without_a_diff(page, shop):
    # Staff accounts (the demo's editor) and accounts made before receipts existed have no receipt.
    user = User.objects.create_user(email="toimittaja@example.fi", password="a long enough passphrase")
    page.goto("/")
    choose_cookies(page)
    page.goto("/login")
    page.get_by_label("Sähköposti").fill(user.email)
    page.get_by_label("Salasana").fill("a long enough passphrase")
    page.get_by_role("main").get_by_role("button", name="Kirjaudu sisään").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Tietosuojakäytäntö").wait_for()
    assert "Lue ja hyväksy voimassa oleva versio 1." in dialog.inner_text()
    assert dialog.locator("ins, del").count() == 0  # the whole text, not a diff
    dialog.get_by_role("button", name="Olen lukenut sen").click()
    dialog.wait_for(state="detached")
    assert list(PolicyReceipt.objects.filter(user=user).values_list("version__version", "locale")) == [(1, "fi")]
