"""Django messages that reach API clients but that Django's own Finnish catalogue lacks.

Listing them here puts them into ``locale/*/django.po`` (``make messages``), where they are
translated; our catalogue takes precedence over Django's, so the message the password validator
raises at run time is found in the request's language. Nothing imports this module.
"""

from django.utils.translation import ngettext_lazy

MISSING_IN_DJANGO_FI = [
    # django.contrib.auth.password_validation.MinimumLengthValidator
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    ),
]
