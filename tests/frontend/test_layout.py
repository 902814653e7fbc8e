"""Every main page at desktop (1280 px) and phone (390 px) width: a screenshot for a person to look
at (var/screenshots/), no page wider than the viewport, no serious accessibility violations found
by axe-core, and no console errors."""

import pytest

from policies.models import PolicyPage
from tests.policies.fixtures import body, republish

from .conftest import axe_violations, choose_cookies, screenshot, sign_up

pytestmark = pytest.mark.django_db(transaction=True)

ANONYMOUS = {
    "catalogue": ("/", "Tuotteet"),
    "product": ("/products/villasukat", "Villasukat"),
    "register": ("/register", "Luo tili"),
    "login": ("/login", "Kirjaudu sisään"),
    "policy": ("/policies/privacy", "Tietosuojakäytäntö"),
    "policy-diff": ("/policies/privacy/diff?from=1&to=2", "Mitä muuttui: Tietosuojakäytäntö"),
    "password-reset": ("/account/password-reset", "Salasanan vaihto"),
    "not-found": ("/no/such/page", "Sivua ei löytynyt"),
}
SIGNED_IN = {
    "privacy-centre": ("/account", "Tietosuojakeskus"),
    "wishlist": ("/wishlist", "Rakastetut"),
    "orders": ("/account/orders", "Tilaukset"),
    "product-signed-in": ("/products/villasukat", "Villasukat"),
}


def _check(page, name: str, path: str, heading: str, width: int) -> list[str]:
    page.goto(path)
    page.get_by_role("heading", name=heading, level=1).wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{name}-{width}")
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{path} at {width}px is {scroll_width}px wide")
    problems += [f"{path} at {width}px: {v}" for v in axe_violations(page)]
    return problems


@pytest.mark.parametrize("width", [1280, 390])
def test_main_pages_fit_the_screen_pass_axe_and_log_no_errors(page, shop, console_errors, width):
    privacy = PolicyPage.objects.get(kind="privacy", locale__language_code="fi")
    republish(
        privacy, change_type="material", summary="Lisätty kohta.", body=body("privacy text in fi.", "Uusi kohta.")
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    page.locator("#cookie-banner").wait_for()
    screenshot(page, f"cookie-banner-{width}")
    problems = [f"cookie banner: {v}" for v in axe_violations(page)]
    choose_cookies(page, "Hyväksy kaikki")

    for name, (path, heading) in ANONYMOUS.items():
        problems += _check(page, name, path, heading, width)
    sign_up(page, email=f"maija{width}@example.fi")
    for name, (path, heading) in SIGNED_IN.items():
        problems += _check(page, name, path, heading, width)

    assert problems == []
    assert console_errors == []


def test_keyboard_reaches_the_skip_link_and_the_cookie_banner(page, shop):
    page.goto("/")
    page.locator("#cookie-banner").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Siirry sisältöön"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # The banner's buttons work from the keyboard.
    page.locator("#cookie-banner").get_by_role("button", name="Vain välttämättömät").focus()
    page.keyboard.press("Enter")
    page.locator("#cookie-banner").wait_for(state="detached")
    page.get_by_role("button", name="Evästeasetukset").focus()
    page.keyboard.press("Enter")
    page.locator("#cookie-banner").wait_for()
