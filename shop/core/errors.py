"""Domain errors: the exceptions services raise, each with a stable machine-readable ``code``.

The API's exception handler turns them into the error envelope of API.md with ``status``. Domain
code raises these and never builds HTTP responses itself.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base class: subclasses set ``code``, ``status`` and a translatable ``default_message``."""

    code = "domain_error"
    status = 400
    default_message = _("The request could not be completed.")

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, list[str]] | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.fields = fields
        self.details = details
        super().__init__(str(self.message))

    @classmethod
    def on_field(cls, name: str) -> "DomainError":
        """The error with its default message also listed under the request field ``name``."""
        return cls(fields={name: [str(cls.default_message)]})


class InvalidInput(DomainError):
    code = "validation_error"
    status = 400
    default_message = _("The request contains invalid data.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("The request conflicts with the current state.")


class InvalidToken(InvalidInput):
    """A signed link or token (password reset, consent confirmation, unsubscribe) that does not check out."""

    code = "invalid_token"
    default_message = _("The link is invalid or has expired.")


class InvalidPassword(InvalidInput):
    """The current password, asked again before something irreversible (erasure)."""

    code = "invalid_password"
    default_message = _("The password is not correct.")
