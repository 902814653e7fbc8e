"""Support requests in the data export and on erasure (see shop.core.privacy_registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shop.core.formats import iso_datetime
from shop.core.privacy_registry import register_section

from .models import SupportRequest, SupportStatus

if TYPE_CHECKING:
    from shop.accounts.models import User


def support_request_as_dict(r: SupportRequest) -> dict:
    return {
        "reference": r.reference,
        "topic": r.topic,
        "status": r.status,
        "email": r.email,
        "name": r.name,
        "message": r.message,
        "order_number": r.order_number,
        "created_at": iso_datetime(r.created_at),
        "due_at": iso_datetime(r.due_at),
        "closed_at": iso_datetime(r.closed_at),
    }


def support_requests_export(*, user: User) -> list[dict]:
    return [support_request_as_dict(r) for r in SupportRequest.objects.filter(user=user).order_by("-created_at", "-pk")]


def support_requests_erase(*, user: User) -> int:
    """Closed requests lose their contents; open ones keep the address staff must answer (an
    erasure request itself is often one of them) but are cut from the account."""
    requests = SupportRequest.objects.filter(user=user)
    requests.filter(status=SupportStatus.CLOSED).update(email="", name="", message="", resolution="")
    return requests.update(user=None)


register_section("support_requests", export=support_requests_export, erase=support_requests_erase)
