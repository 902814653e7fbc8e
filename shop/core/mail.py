"""Plain-text emails rendered from per-locale templates, sent after the transaction commits.

A template ``<name>.<locale>.txt`` holds the subject on its first line, then a blank line, then
the body. Locales without a template fall back to the default language.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def normalize_email(email: str) -> str:
    """Emails are compared without regard to case; we store them lower-cased and trimmed."""
    return (email or "").strip().lower()


def render_email(template: str, *, locale: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """``(subject, body)`` of ``template`` in ``locale``."""
    with translation.override(locale):
        try:
            text = render_to_string(f"{template}.{locale}.txt", dict(context))
        except TemplateDoesNotExist:
            text = render_to_string(f"{template}.{settings.LANGUAGE_CODE}.txt", dict(context))
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def build_email(
    template: str,
    *,
    to: str,
    locale: str,
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    subject, body = render_email(template, locale=locale, context=context)
    return EmailMessage(subject=subject, body=body, to=[to], headers=dict(headers or {}))


def send_after_commit(message: EmailMessage) -> None:
    """Queue ``message`` for when the current transaction commits (immediately outside one)."""
    transaction.on_commit(lambda: message.send(fail_silently=False))
