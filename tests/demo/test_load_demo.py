"""``load_demo`` builds the demo shop and a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from cms.models import HomePage
from demo.catalog import demo_image
from policies.models import PolicyVersion, PolicyVersionText
from shop.catalog.models import Product
from shop.catalog.pages import ProductCategoryPage, ProductPage

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "pages": sorted(Page.objects.values_list("pk", "title", "locale__language_code", "live", "url_path")),
        "revisions": Revision.objects.count(),
        "users": sorted(get_user_model().objects.values_list("pk", "email", "password")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id", "is_default_site")),
        "policy_versions": sorted(PolicyVersion.objects.values_list("kind", "version")),
        "policy_texts": sorted(PolicyVersionText.objects.values_list("version__kind", "locale", "sha256")),
        "products": sorted(Product.objects.values_list("pk", "sku", "net_price", "stock_quantity", "active")),
        "images": sorted(get_image_model().objects.values_list("pk", "file")),
    }


def run() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice(tmp_path, settings, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("DEMO_EDITOR_PASSWORD", raising=False)

    first = run()
    state = snapshot()
    assert state["locales"] == ["en", "et", "fi"]
    homes = HomePage.objects.live()
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "et", "fi"]
    assert len(set(homes.values_list("translation_key", flat=True))) == 1
    assert Site.objects.get(is_default_site=True).root_page.specific.locale.language_code == "fi"
    assert "Editor login: editor@xmi.ee / " in first
    # One version per kind, v1, frozen in all three languages.
    assert state["policy_versions"] == [("cookies", 1), ("privacy", 1), ("terms", 1)]
    assert sorted((k, loc) for k, loc, _sha in state["policy_texts"]) == [
        (kind, code) for kind in ("cookies", "privacy", "terms") for code in ("en", "et", "fi")
    ]
    privacy_fi = PolicyVersionText.objects.get(version__kind="privacy", locale="fi")
    assert privacy_fi.title == "Tietosuojakäytäntö"
    assert privacy_fi.body_html.startswith("<p>Xmi OÜ (rekisterinumero: 16192154)")
    assert (
        "<h2>Mitä tietoja käsitellään</h2>\n<ul><li>nimi, puhelinnumero ja sähköpostiosoite;</li>"
        in privacy_fi.body_html
    )
    assert "<h2>Suoramarkkinointi</h2>" in privacy_fi.body_html
    assert "Valikko" not in privacy_fi.body_html and "Kirjaudu" not in privacy_fi.body_html
    # The catalogue: 3 categories and 12 products, each live in fi, et and en, some sold out.
    for code in ("fi", "et", "en"):
        assert ProductCategoryPage.objects.live().filter(locale__language_code=code).count() >= 3
        assert ProductPage.objects.live().filter(locale__language_code=code).count() >= 12
    assert Product.objects.count() >= 12
    assert Product.objects.filter(stock_quantity=0).exists()
    assert len(state["images"]) >= 12
    # One picture per product serves every language, so the alt text says in each what it shows.
    candle = ProductPage.objects.filter(product__sku="XMI-101").select_related("locale")
    alts = {page.locale.language_code: page.gallery_images.get() for page in candle}
    assert {code: item.alt_text for code, item in alts.items()} == {
        "fi": "Keltainen kynttilä",
        "et": "Kollane küünal",
        "en": "Yellow candle",
    }
    assert len({item.image_id for item in alts.values()}) == 1

    second = run()
    assert snapshot() == state
    assert "nothing changed" in second
    # The same printed login both times, and it works.
    password = first.rsplit("editor@xmi.ee / ", 1)[1].split()[0]
    assert f"editor@xmi.ee / {password}" in second
    editor = get_user_model().objects.get(email="editor@xmi.ee")
    assert editor.check_password(password)
    assert editor.groups.filter(name="Editors").exists()
    assert not editor.is_superuser


def test_editor_password_from_the_environment(tmp_path, settings, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "a long demo password")
    assert "editor@xmi.ee / a long demo password" in run()
    assert get_user_model().objects.get(email="editor@xmi.ee").check_password("a long demo password")
    assert not (tmp_path / "demo-editor-password").exists()


def test_content_locales_exist_after_migrate_alone():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "et", "fi"]
    assert Locale.get_default().language_code == "fi"


@pytest.mark.parametrize("shape", ["circle", "rect", "triangle"])
def test_demo_pictures_carry_no_caption(settings, tmp_path, shape):
    """A caption would be Finnish on the Estonian and English pages too (and "Kynttilä" lost its
    "ä" to the default font): the pictures hold only the background and the product's shape."""
    settings.MEDIA_ROOT = tmp_path / "media"
    image = demo_image("XMI-101", "Kynttilä", (200, 160, 40), shape)
    with image.file.open() as file, PILImage.open(file) as picture:
        colours = {colour for _count, colour in picture.convert("RGB").getcolors(maxcolors=1 << 16)}
    assert colours == {(245, 242, 235), (200, 160, 40)}
