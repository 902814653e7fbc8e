"""Demo catalogue: three categories and twelve products in Finnish, Estonian and English, with
prices, stock (two products sold out) and images drawn with Pillow in memory (nothing is
downloaded). Called by ``load_demo`` after the home pages. The images carry no text: one
picture serves every language, and the alt texts (per translation) say what it shows.

Idempotent: categories are found by their Finnish slug, products by SKU, translations by
translation key and locale; anything already there is left alone.
"""

from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.models import HomePage
from shop.catalog.pages import ProductCategoryPage, ProductPage, ProductPageGalleryImage
from shop.catalog.services import product_create

LANGS = ("fi", "et", "en")

# key: {locale: (title, slug, intro)}
CATEGORIES = {
    "clothes": {
        "fi": ("Vaatteet", "vaatteet", "Lämpimiä vaatteita pohjoisen talveen."),
        "et": ("Riided", "riided", "Soojad riided põhjamaa talveks."),
        "en": ("Clothes", "clothes", "Warm clothes for a northern winter."),
    },
    "home": {
        "fi": ("Koti", "koti", "Pieniä asioita kotiin."),
        "et": ("Kodu", "kodu", "Väikesed asjad koju."),
        "en": ("Home", "home-goods", "Small things for the home."),
    },
    "outdoor": {
        "fi": ("Ulkoilu", "ulkoilu", "Retkelle ja metsään."),
        "et": ("Matkamine", "matkamine", "Matkale ja metsa."),
        "en": ("Outdoor", "outdoor", "For hikes and the forest."),
    },
}

# (sku, category, net price, stock, VAT class, colour, shape, {locale: (title, slug, summary, alt)})
PRODUCTS = [
    (
        "XMI-001",
        "clothes",
        "20.08",
        12,
        "standard",
        (178, 34, 52),
        "circle",
        {
            "fi": ("Villasukat", "villasukat", "Lämpimät villasukat pakkasille.", "Punaiset villasukat"),
            "et": ("Villased sokid", "villased-sokid", "Soojad villased sokid pakasega.", "Punased villased sokid"),
            "en": ("Wool socks", "wool-socks", "Warm wool socks for frosty days.", "Red wool socks"),
        },
    ),
    (
        "XMI-002",
        "clothes",
        "31.60",
        5,
        "standard",
        (30, 80, 160),
        "rect",
        {
            "fi": ("Pipo", "pipo", "Pehmeä merinovillainen pipo.", "Sininen pipo"),
            "et": ("Müts", "muts", "Pehme meriinovillast müts.", "Sinine müts"),
            "en": ("Beanie", "beanie", "A soft merino wool beanie.", "Blue beanie"),
        },
    ),
    (
        "XMI-003",
        "clothes",
        "47.50",
        0,
        "standard",
        (60, 120, 60),
        "triangle",
        {
            "fi": ("Lapaset", "lapaset", "Käsinneulotut lapaset perinteisellä kuviolla.", "Vihreät lapaset"),
            "et": ("Labakindad", "labakindad", "Käsitsi kootud mustriga labakindad.", "Rohelised labakindad"),
            "en": ("Mittens", "mittens", "Hand-knitted mittens with a traditional pattern.", "Green mittens"),
        },
    ),
    (
        "XMI-004",
        "clothes",
        "63.00",
        3,
        "standard",
        (90, 90, 90),
        "rect",
        {
            "fi": ("Kaulahuivi", "kaulahuivi", "Pitkä ja lämmin kaulahuivi.", "Harmaa kaulahuivi"),
            "et": ("Sall", "sall", "Pikk ja soe sall.", "Hall sall"),
            "en": ("Scarf", "scarf", "A long, warm scarf.", "Grey scarf"),
        },
    ),
    (
        "XMI-101",
        "home",
        "15.90",
        20,
        "standard",
        (200, 160, 40),
        "circle",
        {
            "fi": ("Kynttilä", "kynttila", "Mehiläisvahakynttilä pimeisiin iltoihin.", "Keltainen kynttilä"),
            "et": ("Küünal", "kuunal", "Mesilasvahast küünal pimedateks õhtuteks.", "Kollane küünal"),
            "en": ("Candle", "candle", "A beeswax candle for dark evenings.", "Yellow candle"),
        },
    ),
    (
        "XMI-102",
        "home",
        "24.00",
        8,
        "standard",
        (140, 70, 30),
        "rect",
        {
            "fi": ("Leikkuulauta", "leikkuulauta", "Koivuinen leikkuulauta.", "Koivuinen leikkuulauta"),
            "et": ("Lõikelaud", "loikelaud", "Kasepuust lõikelaud.", "Kasepuust lõikelaud"),
            "en": ("Chopping board", "chopping-board", "A birch chopping board.", "Birch chopping board"),
        },
    ),
    (
        "XMI-103",
        "home",
        "12.40",
        0,
        "reduced",
        (120, 40, 120),
        "triangle",
        {
            "fi": ("Keittokirja", "keittokirja", "Pohjoisen keittiön reseptejä.", "Violetti keittokirja"),
            "et": ("Kokaraamat", "kokaraamat", "Põhjamaise köögi retseptid.", "Lilla kokaraamat"),
            "en": ("Cookbook", "cookbook", "Recipes from the northern kitchen.", "Purple cookbook"),
        },
    ),
    (
        "XMI-104",
        "home",
        "38.00",
        4,
        "standard",
        (20, 140, 140),
        "circle",
        {
            "fi": ("Villahuopa", "villahuopa", "Paksu villahuopa sohvalle.", "Turkoosi villahuopa"),
            "et": ("Villatekk", "villatekk", "Paks villatekk diivanile.", "Türkiissinine villatekk"),
            "en": ("Wool blanket", "wool-blanket", "A thick wool blanket for the sofa.", "Turquoise wool blanket"),
        },
    ),
    (
        "XMI-201",
        "outdoor",
        "29.90",
        10,
        "standard",
        (200, 90, 20),
        "rect",
        {
            "fi": ("Termospullo", "termospullo", "Pitää juoman kuumana koko retken.", "Oranssi termospullo"),
            "et": ("Termos", "termos", "Hoiab joogi kuumana kogu matka.", "Oranž termos"),
            "en": ("Vacuum flask", "vacuum-flask", "Keeps a drink hot all through the hike.", "Orange vacuum flask"),
        },
    ),
    (
        "XMI-202",
        "outdoor",
        "54.00",
        2,
        "standard",
        (40, 60, 40),
        "triangle",
        {
            "fi": ("Retkireppu", "retkireppu", "Kevyt reppu päiväretkille.", "Tummanvihreä reppu"),
            "et": ("Matkaseljakott", "matkaseljakott", "Kerge seljakott päevamatkadeks.", "Tumeroheline seljakott"),
            "en": ("Daypack", "daypack", "A light backpack for day hikes.", "Dark green daypack"),
        },
    ),
    (
        "XMI-203",
        "outdoor",
        "9.50",
        30,
        "standard",
        (220, 220, 60),
        "circle",
        {
            "fi": (
                "Istuinalusta",
                "istuinalusta",
                "Lämmin istuinalusta kivelle tai kannolle.",
                "Keltainen istuinalusta",
            ),
            "et": ("Istumisalus", "istumisalus", "Soe istumisalus kivile või kännule.", "Kollane istumisalus"),
            "en": ("Sit pad", "sit-pad", "A warm sit pad for a rock or a stump.", "Yellow sit pad"),
        },
    ),
    (
        "XMI-204",
        "outdoor",
        "72.00",
        6,
        "standard",
        (70, 70, 160),
        "rect",
        {
            "fi": ("Otsalamppu", "otsalamppu", "Kirkas otsalamppu syksyn pimeään.", "Sininen otsalamppu"),
            "et": ("Pealamp", "pealamp", "Ere pealamp sügispimedusse.", "Sinine pealamp"),
            "en": ("Head torch", "head-torch", "A bright head torch for autumn darkness.", "Blue head torch"),
        },
    ),
]

BODY = {
    "fi": ("Tuotetiedot", "Tuotenumero", "Valmistettu Virossa"),
    "et": ("Tooteinfo", "Tootekood", "Valmistatud Eestis"),
    "en": ("Details", "Product code", "Made in Estonia"),
}


def demo_image(sku: str, title: str, colour: tuple[int, int, int], shape: str):
    """A 1200x900 PNG with a coloured shape, as a Wagtail image titled ``title`` (for editors).
    No caption is drawn: it would be in one language on every translation's page."""
    image = PILImage.new("RGB", (1200, 900), (245, 242, 235))
    draw = ImageDraw.Draw(image)
    box = (350, 150, 850, 650)
    if shape == "circle":
        draw.ellipse(box, fill=colour)
    elif shape == "triangle":
        draw.polygon([(600, 150), (850, 650), (350, 650)], fill=colour)
    else:
        draw.rounded_rectangle(box, radius=40, fill=colour)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return get_image_model().objects.create(title=f"{sku} {title}", file=ImageFile(buffer, name=f"{sku.lower()}.png"))


def _body(code: str, sku: str) -> list:
    heading, label, made = BODY[code]
    return [
        ("paragraph", RichText(f"<p>{made}.</p>")),
        ("heading", heading),
        ("specifications", [{"label": label, "value": sku}]),
    ]


def _translation(page, code: str):
    return type(page).objects.filter(translation_key=page.translation_key, locale__language_code=code).first()


def _ensure_categories(homes: dict[str, HomePage], log: list[str]) -> dict[str, ProductCategoryPage]:
    categories = {}
    for key, texts in CATEGORIES.items():
        title, slug, intro = texts["fi"]
        page = ProductCategoryPage.objects.child_of(homes["fi"]).filter(slug=slug).first()
        if page is None:
            page = homes["fi"].add_child(instance=ProductCategoryPage(title=title, slug=slug, intro=intro))
            page.save_revision().publish()
            log.append(f"created category {slug} (fi)")
        for code in LANGS[1:]:
            if _translation(page, code) is None:
                title, slug, intro = texts[code]
                translation = page.copy_for_translation(Locale.objects.get(language_code=code))
                translation.title, translation.slug, translation.intro = title, slug, intro
                translation.save()
                translation.save_revision().publish()
                log.append(f"created category {slug} ({code})")
        categories[key] = page
    return categories


@transaction.atomic
def ensure_catalogue(homes: dict[str, HomePage], log: list[str]) -> None:
    categories = _ensure_categories(homes, log)
    for sku, category, net, stock, vat_class, colour, shape, texts in PRODUCTS:
        page = ProductPage.objects.filter(product__sku=sku, locale__language_code="fi").first()
        if page is None:
            title, slug, summary, alt = texts["fi"]
            product = product_create(
                sku=sku, net_price=Decimal(net), vat_class=vat_class, stock_quantity=stock, active=True
            )
            page = ProductPage(title=title, slug=slug, summary=summary, body=_body("fi", sku), product=product)
            categories[category].add_child(instance=page)
            ProductPageGalleryImage.objects.create(page=page, image=demo_image(sku, title, colour, shape), alt_text=alt)
            page.save_revision().publish()
            log.append(f"created product {sku} (fi)")
        for code in LANGS[1:]:
            if _translation(page, code) is None:
                title, slug, summary, alt = texts[code]
                translation = page.copy_for_translation(Locale.objects.get(language_code=code))
                translation.title, translation.slug, translation.summary = title, slug, summary
                translation.body = _body(code, sku)
                gallery = list(translation.gallery_images.all())
                for item in gallery:
                    item.alt_text = alt
                translation.gallery_images = gallery  # in memory, so the revision carries it
                translation.save()
                translation.save_revision().publish()
                log.append(f"created product {sku} ({code})")
