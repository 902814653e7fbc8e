"""Checkout errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, DomainError, InvalidInput


class IdempotencyKeyRequired(InvalidInput):
    code = "idempotency_key_required"
    default_message = _("Send an Idempotency-Key header with every checkout.")


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    default_message = _("This Idempotency-Key was already used for a different checkout.")


class TotalChanged(Conflict):
    code = "total_changed"
    default_message = _("The total has changed; check the new total and confirm again.")


class ProductUnavailable(Conflict):
    code = "product_unavailable"
    default_message = _("A product in the cart is not sold to the destination country.")


class TermsAcknowledgementRequired(DomainError):
    code = "policy_acknowledgement_required"
    status = 400
    default_message = _("Acknowledge the current terms of sale to order without an account.")
