"""Writes for support requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from shop.core.mail import normalize_email
from shop.core.pseudonyms import subject_ref

from .models import SupportRequest, SupportStatus

if TYPE_CHECKING:
    from shop.accounts.models import User


@transaction.atomic
def support_request_create(
    *,
    email: str,
    topic: str,
    message: str,
    locale: str,
    name: str = "",
    order_number: str = "",
    user: User | None = None,
) -> SupportRequest:
    """Open a request; it is due one month from now (GDPR Art. 12(3)). A signed-in sender's
    request is linked to the account, so it shows in their export."""
    signed_in = user is not None and user.is_authenticated
    request = SupportRequest(
        email=normalize_email(email),
        name=name,
        topic=topic,
        message=message,
        order_number=order_number,
        locale=locale,
        user=user if signed_in else None,
        subject_ref=subject_ref(user.pk) if signed_in else "",
        created_at=timezone.now(),
    )
    request.full_clean(exclude=["due_at"])
    request.save()
    return request


@transaction.atomic
def support_request_close(*, request: SupportRequest, staff: User, resolution: str = "") -> SupportRequest:
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == SupportStatus.CLOSED:
        return request
    request.status = SupportStatus.CLOSED
    request.closed_at = timezone.now()
    request.closed_by = staff
    if resolution:
        request.resolution = resolution
    request.full_clean()
    request.save(update_fields=["status", "closed_at", "closed_by", "resolution"])
    return request
