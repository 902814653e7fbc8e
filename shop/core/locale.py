"""Locale negotiation for the API: ``?locale=``, else ``Accept-Language``, else the default.

Kept apart from Django's LocaleMiddleware on purpose: the API has no cookie or session language,
and an unsupported ``?locale=`` is a client error rather than something to guess around.
"""

from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header


def supported_locales() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_locale() -> str:
    return settings.LANGUAGE_CODE


def locale_from_accept_language(header: str) -> str | None:
    """The first supported language in an Accept-Language header, by quality; region tags match
    their language (``et-EE`` is ``et``)."""
    supported = supported_locales()
    for tag, _quality in parse_accept_lang_header(header or ""):
        if tag == "*":
            continue
        base = tag.lower().split("-")[0]
        if base in supported:
            return base
    return None


class UnsupportedLocale(ValueError):
    def __init__(self, requested: str) -> None:
        self.requested = requested
        super().__init__(requested)


def negotiate(query_locale: str | None, accept_language: str) -> str:
    """The locale to serve. Raises ``UnsupportedLocale`` for an explicit unknown ``?locale=``."""
    if query_locale is not None:
        code = query_locale.strip().lower()
        if code not in supported_locales():
            raise UnsupportedLocale(query_locale)
        return code
    return locale_from_accept_language(accept_language) or default_locale()
