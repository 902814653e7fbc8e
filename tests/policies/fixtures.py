"""Builders for policy tests: locales, a home page per locale, policy pages and publishing."""

import pytest
from wagtail.models import Locale, Page

from cms.models import HomePage
from policies.models import PolicyPage


def body(*paragraphs: str, heading: str = "Heading") -> list[tuple[str, object]]:
    return [("heading", heading), *[("paragraph", f"<p>{text}</p>") for text in paragraphs]]


@pytest.fixture
def homes(db) -> dict[str, HomePage]:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "et", "en")}
    root = Page.get_first_root_node()
    fi = HomePage(title="Xmi", slug="home-fi", locale=locales["fi"])
    root.add_child(instance=fi)
    fi.save_revision().publish()
    homes = {"fi": fi}
    for code in ("et", "en"):
        home = fi.copy_for_translation(locales[code])
        home.slug = f"home-{code}"
        home.save_revision().publish()
        homes[code] = home
    return homes


@pytest.fixture
def make_policy(homes):
    """``make_policy("privacy", "fi", body(...))`` creates and publishes; for another locale it
    translates the default locale's page of that kind (``copy_for_translation``) first."""

    def make(kind: str, locale: str = "fi", content=None, *, title=None, change_type="material", summary="New."):
        source = PolicyPage.objects.filter(kind=kind, locale__language_code="fi").first()
        if locale == "fi" or source is None:
            page = PolicyPage(
                title=title or f"{kind} {locale}",
                slug=f"{kind}-{locale}",
                kind=kind,
                body=content or body(f"{kind} text in {locale}."),
                change_type=change_type,
                change_summary=summary,
                locale=homes[locale].locale,
            )
            homes[locale].add_child(instance=page)
        else:
            page = source.copy_for_translation(homes[locale].locale)
            page.title = title or f"{kind} {locale}"
            page.body = content or body(f"{kind} text in {locale}.")
            page.change_type = change_type
            page.change_summary = summary
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def republish(page: PolicyPage, *, change_type: str = "editorial", summary: str = "", **changes) -> PolicyPage:
    page = PolicyPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_type = change_type
    page.change_summary = summary
    page.save_revision().publish()
    page.refresh_from_db()
    return page
