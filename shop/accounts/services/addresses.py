"""The address book: a shopper's delivery addresses, validated and normalised per country."""

from typing import Any

from django.db import transaction

from ..models import Address, User
from ..validation import phone_normalise, postcode_normalise

ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line2", "postcode", "city", "country", "phone")


def _address_apply(address: Address, data: dict[str, Any]) -> Address:
    for name in ADDRESS_FIELDS:
        if name in data:
            setattr(address, name, data[name])
    address.phone = phone_normalise(str(address.phone or ""))
    address.postcode = postcode_normalise(address.postcode, country=address.country)
    address.full_clean(exclude=["user"])
    address.save()
    return address


@transaction.atomic
def address_create(*, user: User, data: dict[str, Any]) -> Address:
    return _address_apply(Address(user=user), data)


@transaction.atomic
def address_update(*, address: Address, data: dict[str, Any]) -> Address:
    return _address_apply(address, data)


@transaction.atomic
def address_delete(*, address: Address) -> None:
    address.delete()
