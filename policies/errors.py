"""Policy errors, each with a stable ``code`` (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, DomainError, NotFound


class PolicyNotFound(NotFound):
    code = "policy_not_found"
    default_message = _("No published policy of this kind or version.")


class PolicyVersionNotCurrent(Conflict):
    code = "policy_version_not_current"
    default_message = _("This policy version is no longer current; fetch the current version and acknowledge it.")


class PolicyHashMismatch(DomainError):
    code = "policy_hash_mismatch"
    status = 400
    default_message = _("The text hash does not match the text we served for this version and locale.")


class PolicyAcknowledgementRequired(DomainError):
    code = "policy_acknowledgement_required"
    status = 400
    default_message = _("Acknowledge the current privacy policy to create an account.")


class PolicyChangeRefused(DomainError):
    """A change that would put unfrozen text live or leave a language without a policy: refused
    as a whole (the publish rolls back) and shown to the editor as a message."""

    code = "policy_change_refused"
    status = 409
    default_message = _("This change to a policy page is not allowed.")


class DiffLocaleUnavailable(DomainError):
    code = "diff_locale_unavailable"
    status = 400
    default_message = _(
        "One of these versions has no text in this language (it falls back to another language); "
        "a diff would compare two languages."
    )


class ReceiptNotFound(NotFound):
    code = "receipt_not_found"
    default_message = _("No such receipt.")
