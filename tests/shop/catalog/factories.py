"""Builders for catalogue test data: locales, a home page per locale, categories, product pages
with shop data, translations and Pillow-made images. Built per test; never the demo data."""

from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from cms.models import HomePage
from shop.catalog.pages import ProductCategoryPage, ProductPage, ProductPageGalleryImage
from shop.catalog.services import product_create


def locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "et", "en")}


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_home() -> dict[str, HomePage]:
    locs = locales()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Xmi", slug="home-fi", locale=locs["fi"]))
    homes = {"fi": publish(home)}
    for code in ("et", "en"):
        translation = home.copy_for_translation(locs[code])
        translation.slug = f"home-{code}"
        translation.save()
        homes[code] = publish(translation)
    return homes


def make_category(parent: Page, *, title: str, slug: str, intro: str = "") -> ProductCategoryPage:
    page = parent.add_child(instance=ProductCategoryPage(title=title, slug=slug, intro=intro, locale=parent.locale))
    return publish(page)


def translate(page: Page, code: str, *, live: bool = True, **fields) -> Page:
    translation = page.copy_for_translation(locales()[code])
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation) if live else translation


_counter = {"n": 0}


def make_image(title: str = "image", color: tuple[int, int, int] = (200, 60, 60)):
    buffer = BytesIO()
    PILImage.new("RGB", (640, 480), color).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


def make_product(
    category: ProductCategoryPage,
    *,
    title: str,
    slug: str | None = None,
    sku: str | None = None,
    net_price: str | Decimal = "10.00",
    stock: int = 5,
    vat_class: str = "standard",
    summary: str = "",
    active: bool = True,
    live: bool = True,
    images: int = 0,
) -> ProductPage:
    _counter["n"] += 1
    product = product_create(
        sku=sku or f"SKU-{_counter['n']:05d}",
        net_price=Decimal(net_price),
        vat_class=vat_class,
        stock_quantity=stock,
        active=active,
    )
    page = ProductPage(
        title=title,
        slug=slug or f"product-{_counter['n']}",
        summary=summary or f"{title}.",
        body=[("paragraph", RichText(f"<p>{title}</p>"))],
        product=product,
        locale=category.locale,
        live=False,
    )
    category.add_child(instance=page)
    for index in range(images):
        ProductPageGalleryImage.objects.create(
            page=page, image=make_image(f"{page.slug}-{index}"), alt_text=f"{title} {index}", sort_order=index
        )
    if live:
        return publish(page)
    page.save_revision()
    return page
