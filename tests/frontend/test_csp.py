"""The Content-Security-Policy does not break the storefront or the Wagtail admin: real Chromium
loads the pages, works them, and reports no policy violation."""

import pytest

from tests.conftest import prefer_english_admin
from tests.shop.catalog import factories

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console CSP error collected in ``page.violations``."""
    page.violations = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.violations.append(message.text),
    )
    page.on("pageerror", lambda error: page.violations.append(f"page error: {error}"))
    return page


def violations(page) -> list[str]:
    return page.violations + page.evaluate("window.__cspViolations || []")


@pytest.fixture
def catalogue(homes, make_policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_policy("privacy", "fi", title="Tietosuojakäytäntö")
    make_policy("cookies", "fi", title="Evästekäytäntö")
    category = factories.make_category(homes["fi"], title="Retkeily", slug="retkeily")
    return factories.make_product(category, title="Villasukat", slug="villasukat", images=1)


def test_the_storefront_runs_under_its_policy(watched, live_server, catalogue):
    watched.goto("/")
    watched.get_by_role("link", name="Villasukat").click()
    watched.get_by_role("heading", name="Villasukat").wait_for()
    watched.wait_for_load_state("networkidle")
    assert violations(watched) == []


def test_the_admin_works_under_its_policy(watched, live_server, catalogue, django_user_model):
    admin = prefer_english_admin(
        django_user_model.objects.create_superuser(email="editor@example.com", password="correct horse battery")
    )
    watched.goto("/admin/login/")
    watched.fill("input[name=username]", admin.email)
    watched.fill("input[name=password]", "correct horse battery")
    watched.click("form button[type=submit]")
    watched.wait_for_url("**/admin/")

    for path in ["/admin/", "/admin/pages/", "/admin/images/", "/admin/images/multiple/add/", "/admin/users/"]:
        watched.goto(path)
        watched.wait_for_load_state("networkidle")

    # The page editor: its inline scripts (date pickers, inline panels) must run.
    watched.goto(f"/admin/pages/{catalogue.pk}/edit/")
    watched.wait_for_load_state("networkidle")
    title = watched.locator("#id_title")
    title.fill("Villasukat, uudet")
    watched.get_by_role("button", name="Save draft").click()
    watched.locator(".messages").get_by_text("has been updated").wait_for()
    catalogue.refresh_from_db()
    assert catalogue.get_latest_revision().content["title"] == "Villasukat, uudet"
    assert violations(watched) == []
