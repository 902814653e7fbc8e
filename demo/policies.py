"""Demo policies: privacy (the Xmi OÜ policy), terms of sale and cookie policy, each as v1 in
Finnish, Estonian and English. Idempotent: a kind whose pages exist is left alone."""

from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from cms.models import HomePage
from policies.models import ChangeType, PolicyKind, PolicyPage
from policies.services import freezing_paused, policy_freeze

from .seed import cookies, privacy, terms

SEEDS = {PolicyKind.PRIVACY: privacy.TEXTS, PolicyKind.TERMS: terms.TEXTS, PolicyKind.COOKIES: cookies.TEXTS}
FIRST_SUMMARY = {"fi": "Ensimmäinen versio.", "et": "Esimene versioon.", "en": "First version."}


def seed_body(blocks: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Seed blocks (plain text) as StreamField data (paragraphs become rich text)."""
    return [(kind, f"<p>{escape(value)}</p>" if kind == "paragraph" else value) for kind, value in blocks]


@transaction.atomic
def ensure_policies(homes: dict[str, HomePage], log: list[str]) -> None:
    default = settings.LANGUAGE_CODE
    for kind, texts in SEEDS.items():
        if PolicyPage.objects.filter(kind=kind).exists():
            continue
        pages: dict[str, PolicyPage] = {}
        # All three locales go live first and are frozen together as v1 (publishing them one by
        # one would make v1, v2 and v3).
        with freezing_paused():
            for code in [default, *(c for c, _name in settings.LANGUAGES if c != default)]:
                title, blocks = texts[code]
                fields = {
                    "title": title,
                    "slug": kind,
                    "body": seed_body(blocks),
                    "change_type": ChangeType.MATERIAL,
                    "change_summary": FIRST_SUMMARY[code],
                }
                if code == default:
                    page = PolicyPage(kind=kind, locale=homes[code].locale, **fields)
                    homes[code].add_child(instance=page)
                else:
                    page = pages[default].copy_for_translation(homes[code].locale)
                    for name, value in fields.items():
                        setattr(page, name, value)
                page.save_revision().publish()
                pages[code] = page
        source = PolicyPage.objects.get(pk=pages[default].pk)
        version = policy_freeze(page=source, revision=source.live_revision)
        log.append(f"created {kind} policy v{version.version} ({', '.join(sorted(pages))})")
