"""A large generated catalogue for benchmarks (``make catalog-10k``): N products in ten categories,
every product live in Finnish and every second one also in Estonian and English (the rest exercise
the fallback), sharing a pool of 20 Pillow-drawn images.

Why not the page API: ``add_child`` + ``save_revision().publish()`` costs tens of milliseconds and
a dozen queries per page, minutes for 20,000 pages. Here the rows the catalogue API reads are
written in bulk instead:

* ``Product`` rows with ``bulk_create``;
* ``wagtailcore_page`` rows with ``bulk_create`` and tree paths computed the way treebeard's
  materialised path does (``MP_Node._get_path``), then the parents' ``numchild`` fixed;
* the ``catalog_productpage`` child rows with the model's own insert (Django refuses ``bulk_create``
  for multi-table inheritance, but the parent rows already exist);
* gallery rows with ``bulk_create``, the search index with the backend's ``add_bulk``, and the
  product list's read model (``ProductListing``) with ``listing_rebuild``.

The result is live pages with the same columns a published page has (``live``, ``first_published_at``,
``url_path``, locale, translation key), so the list and detail API behave exactly as for edited
pages. They have no revisions; an editor opening one in the admin edits the page as stored, and
the first save creates the first revision. Categories are made the normal way (only ten).
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms.images import ensure_renditions
from shop.catalog.cache import catalogue_bump
from shop.catalog.listing import listing_rebuild
from shop.catalog.models import Product
from shop.catalog.pages import ProductCategoryPage, ProductPage, ProductPageGalleryImage

from .catalog import demo_image
from .home import ensure_home_pages

BATCH = 500
WORDS = {
    "fi": ["lämmin", "villainen", "kevyt", "kestävä", "pehmeä", "sininen", "punainen", "vihreä", "retki", "koti"],
    "et": ["soe", "villane", "kerge", "vastupidav", "pehme", "sinine", "punane", "roheline", "matk", "kodu"],
    "en": ["warm", "woollen", "light", "durable", "soft", "blue", "red", "green", "hike", "home"],
}
CATEGORY_NAMES = {"fi": "Generoitu", "et": "Genereeritud", "en": "Generated"}


def _categories(homes: dict, count: int) -> list[dict[str, ProductCategoryPage]]:
    groups = []
    for index in range(count):
        slug = f"gen-{index:02d}"
        fi = ProductCategoryPage.objects.child_of(homes["fi"]).filter(slug=slug).first()
        if fi is None:
            fi = homes["fi"].add_child(instance=ProductCategoryPage(title=f"{CATEGORY_NAMES['fi']} {index}", slug=slug))
            fi.save_revision().publish()
        group = {"fi": fi}
        for code in ("et", "en"):
            page = ProductCategoryPage.objects.filter(translation_key=fi.translation_key, locale__language_code=code)
            translation = page.first()
            if translation is None:
                translation = fi.copy_for_translation(Locale.objects.get(language_code=code))
                translation.title = f"{CATEGORY_NAMES[code]} {index}"
                translation.slug = f"{slug}-{code}"
                translation.save()
                translation.save_revision().publish()
            group[code] = translation
        groups.append(group)
    return groups


def _image_pool() -> list:
    """20 shared images: product images do not matter to the benchmark, their renditions do."""
    existing = list(get_image_model().objects.filter(title__startswith="GEN-IMG-").order_by("pk"))
    if existing:
        return existing
    colours = [((i * 53) % 255, (i * 97) % 255, (i * 31) % 255) for i in range(20)]
    return [demo_image(f"GEN-IMG-{i}", f"#{i}", colour, "circle") for i, colour in enumerate(colours)]


def _next_step(parent: Page) -> int:
    last = parent.get_last_child()
    return int(last.path[-Page.steplen :], 36) + 1 if last else 1


def _text(code: str, number: int, offset: int) -> str:
    words = WORDS[code]
    return " ".join(words[(number * 7 + offset + i) % len(words)] for i in range(3))


def generate_catalogue(*, total: int, log: list[str]) -> int:
    """Make the generated products (SKUs ``GEN-000000``...) number ``total``: only the missing
    ones are added, so running it again changes nothing. Returns the number of pages added.

    Categories are committed first: renaming a translation's slug queues Wagtail's redirect
    creation for the page's descendants at commit, which must not see 10,000 of them."""
    with transaction.atomic():
        groups = _categories(ensure_home_pages(log), 10)
    return _generate_products(groups, total=total, log=log)


@transaction.atomic
def _generate_products(groups: list[dict[str, ProductCategoryPage]], *, total: int, log: list[str]) -> int:
    start = Product.objects.filter(sku__startswith="GEN-").count()
    count = max(total - start, 0)
    if not count:
        return 0
    images = _image_pool()
    ensure_renditions(images)

    products = Product.objects.bulk_create(
        [
            Product(
                sku=f"GEN-{start + n:06d}",
                net_price=Decimal(100 + (start + n) * 37 % 9900) / 100,
                vat_class_id="reduced" if (start + n) % 10 == 0 else "standard",
                stock_quantity=(start + n) % 7,
                active=(start + n) % 50 != 49,  # 2 % inactive
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    content_type = ContentType.objects.get_for_model(ProductPage)
    now = timezone.now()
    next_step = {(g, code): _next_step(groups[g][code]) for g in range(len(groups)) for code in groups[g]}
    first_step = dict(next_step)
    pages: list[tuple[Page, dict]] = []
    for n, product in enumerate(products):
        number = start + n
        g = number % len(groups)
        key = uuid.uuid4()
        codes = ("fi", "et", "en") if number % 2 == 0 else ("fi",)
        for code in codes:
            parent = groups[g][code]
            step = next_step[(g, code)]
            next_step[(g, code)] += 1
            title = f"{_text(code, number, 0).capitalize()} {number}"
            slug = f"gen-{number}-{code}"
            published = now - timedelta(minutes=number)
            page = Page(
                content_type=content_type,
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                locale=locales[code],
                translation_key=key,
            )
            extra = {
                "summary": f"{_text(code, number, 3).capitalize()}.",
                "body": [{"type": "paragraph", "value": f"<p>{_text(code, number, 5)}</p>", "id": str(uuid.uuid4())}],
                "product_id": product.pk,
                "image": images[number % len(images)],
                "alt": title,
            }
            pages.append((page, extra))

    for offset in range(0, len(pages), BATCH):
        chunk = pages[offset : offset + BATCH]
        Page.objects.bulk_create([page for page, _extra in chunk])
        children = []
        for page, extra in chunk:
            child = ProductPage(page_ptr_id=page.pk, summary=extra["summary"], body=extra["body"])
            child.product_id = extra["product_id"]
            children.append(child)
        fields = [field for field in ProductPage._meta.local_concrete_fields]
        ProductPage._base_manager._insert(children, fields=fields, using="default")
        ProductPageGalleryImage.objects.bulk_create(
            ProductPageGalleryImage(page_id=page.pk, image=extra["image"], alt_text=extra["alt"], sort_order=0)
            for page, extra in chunk
        )
        backend = get_search_backend()
        backend.add_bulk(ProductPage, list(ProductPage.objects.filter(pk__in=[page.pk for page, _e in chunk])))

    listing_rebuild()
    for (g, code), step in next_step.items():
        parent = groups[g][code]
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + (step - first_step[(g, code)]))
    catalogue_bump()
    log.append(f"generated {count} products ({len(pages)} pages)")
    return len(pages)
