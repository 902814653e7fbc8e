"""Erasure of an account (GDPR Art. 17), self-service or by staff on a request by email or phone.

What the law lets us keep stays, without contact data: orders for the accounting retention period
(scrubbed, linked only by ``subject_ref``), consent and policy evidence detached from the account.
Everything else goes: profile, addresses, refund IBAN (copied onto an order only while a refund
to it is pending), wishlist, recently viewed, tokens and sessions. The account row itself is
deleted, so the address can register again.
"""

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from shop.core.formats import iso_datetime
from shop.core.privacy_registry import EXPORT_SECTIONS, erase_sections, export_sections
from shop.core.privacy_registry import SCHEMA_VERSION as EXPORT_SCHEMA_VERSION
from shop.core.pseudonyms import subject_ref

from .erasure_log import erasure_log_write
from .errors import InvalidPassword
from .models import ErasureRecord, ErasureSource

if TYPE_CHECKING:
    from shop.accounts.models import User


def user_export(*, user: "User") -> dict[str, Any]:
    """Everything held about ``user`` as one JSON document (GDPR Art. 15 and 20)."""
    return {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generated_at": iso_datetime(timezone.now()),
        "sections": list(EXPORT_SECTIONS),
        **export_sections(user=user),
    }


@transaction.atomic
def account_erase(
    *, user: "User", source: str, performed_by: "User | None" = None, reapplied_from: str | None = None
) -> ErasureRecord:
    """Every domain's registered ``erase`` (orders scrubbed, consents detached, sessions ended...),
    then the account row itself; the record keeps what the domains reported, under a pseudonym.
    ``reapplied_from`` (the original erasure time) marks an erasure done again after a database
    restore (``manage.py reapply_erasures``)."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user_pk, ref = user.pk, subject_ref(user.pk)
    summary = erase_sections(user=user)
    if reapplied_from:
        summary["reapplied_from"] = reapplied_from
    user.delete()
    record = ErasureRecord(
        subject_ref=ref,
        source=ErasureSource(source),
        performed_by=performed_by if performed_by is not None and performed_by.pk != user_pk else None,
        summary=summary,
    )
    record.full_clean()
    record.save()
    if not reapplied_from:  # a re-applied erasure is in the log already
        # Outside the database, so that restoring an older backup cannot undo this (erasure_log.py).
        transaction.on_commit(lambda: erasure_log_write(record=record))
    return record


def account_erase_self(*, user: "User", password: str) -> ErasureRecord:
    """Self-service erasure: the password is asked again, so a stolen session cannot do it."""
    if not user.check_password(password or ""):
        raise InvalidPassword.on_field("password")
    return account_erase(user=user, source=ErasureSource.SELF_SERVICE)
