"""Demo home pages: locales, one home page per locale and the site that serves them.

Every function here is idempotent: it looks for what it would create and leaves it alone.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

HOME_INTROS = {
    "fi": ("Xmi", "<p>Tervetuloa Xmi-verkkokauppaan.</p>"),
    "et": ("Xmi", "<p>Tere tulemast Xmi e-poodi.</p>"),
    "en": ("Xmi", "<p>Welcome to the Xmi web shop.</p>"),
}


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}


@transaction.atomic
def ensure_home_pages(log: list[str]) -> dict[str, HomePage]:
    """A live HomePage per locale (translations of one another) and the default Site on the
    default locale's home; Wagtail's placeholder "Welcome" page is removed."""
    locales = ensure_locales()
    default = settings.LANGUAGE_CODE
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=locales[default]).first()
    if home is None:
        title, intro = HOME_INTROS[default]
        home = HomePage(title=title, slug=f"home-{default}", intro=intro, locale=locales[default])
        root.add_child(instance=home)
        home.save_revision().publish()
        log.append(f"created home page ({default})")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Xmi")
        log.append("created default site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Xmi"
        site.save()
        log.append("pointed the default site at the home page")

    # The page Wagtail's initial migration creates: a plain Page, not ours.
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
        log.append("removed Wagtail's welcome page")

    homes = {default: home}
    for code, locale in locales.items():
        if code == default:
            continue
        translation = HomePage.objects.filter(translation_key=home.translation_key, locale=locale).first()
        if translation is None:
            title, intro = HOME_INTROS[code]
            translation = home.copy_for_translation(locale)
            translation.title = title
            translation.slug = f"home-{code}"
            translation.intro = intro
            translation.save_revision().publish()
            log.append(f"created home page ({code})")
        homes[code] = translation
    return homes
