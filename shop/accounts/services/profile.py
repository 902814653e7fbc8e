"""The profile: names, phone, language, a new email address (pending until verified) and the
refund IBAN (validated, encrypted, shown only masked)."""

from typing import Any

from django.db import transaction

from shop.orders.selectors import order_refund_pending

from .. import crypto
from ..errors import RefundIbanLocked
from ..models import User
from ..validation import iban_mask, iban_parse, phone_normalise
from .emails import email_change_request

PROFILE_FIELDS = ("first_name", "last_name", "phone", "locale")


@transaction.atomic
def profile_update(*, user: User, data: dict[str, Any]) -> User:
    """Apply the fields present in ``data``. A new email address is only stored as pending and
    becomes the login once verified; a ``refund_iban`` is validated, encrypted and masked."""
    user = User.objects.select_for_update().get(pk=user.pk)
    for name in PROFILE_FIELDS:
        if name in data:
            value = phone_normalise(data[name]) if name == "phone" else data[name]
            setattr(user, name, value)
    if "refund_iban" in data:
        _refund_iban_set(user=user, value=data["refund_iban"])
    if "email" in data:
        email_change_request(user=user, new_email=data["email"])
    user.full_clean(exclude=["password"])
    user.save()
    return user


def _refund_iban_set(*, user: User, value: str | None) -> None:
    if not value:
        if user.refund_iban_encrypted and order_refund_pending(user=user):
            raise RefundIbanLocked()
        user.refund_iban_encrypted = ""
        user.refund_iban_masked = ""
        return
    iban = iban_parse(value)
    user.refund_iban_encrypted = crypto.encrypt(iban.compact)
    user.refund_iban_masked = iban_mask(iban)


def refund_iban_reveal(*, user: User) -> str:
    """The full IBAN, for paying a refund. Nothing in the API or the admin calls this."""
    return crypto.decrypt(user.refund_iban_encrypted) if user.refund_iban_encrypted else ""
