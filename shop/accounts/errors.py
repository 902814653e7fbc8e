"""Account errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import DomainError


class InvalidCredentials(DomainError):
    """Wrong email and wrong password look the same, so the API does not reveal who has an account."""

    code = "invalid_credentials"
    status = 400
    default_message = _("The email address or password is incorrect.")
