"""Country-aware validation of contact data: phone numbers, IBANs and postcodes.

Services call these and raise the domain errors of ``errors.py``; the checkout reuses them.
"""

import re

import phonenumbers
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from .errors import InvalidIban, InvalidPhone, InvalidPostcode

# Estonian postcodes are five digits starting 1-9; Finnish ones are five digits (00100 Helsinki).
POSTCODE_PATTERNS = {"EE": re.compile(r"[1-9]\d{4}"), "FI": re.compile(r"\d{5}")}


def phone_normalise(value: str, *, field: str = "phone") -> str:
    """``value`` as E.164 (``+37251234567``); empty stays empty. International format required:
    a shop selling to two countries cannot guess the region of a local number."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(fields={field: [str(InvalidPhone.default_message)]}) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(fields={field: [str(InvalidPhone.default_message)]})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def iban_parse(value: str, *, field: str = "refund_iban") -> IBAN:
    try:
        return IBAN(value or "")
    except SchwiftyException as exc:
        raise InvalidIban(fields={field: [str(InvalidIban.default_message)]}) from exc


def iban_mask(iban: IBAN) -> str:
    """Country code and the last four characters: enough for the shopper to recognise the
    account, useless to anyone else (``EE**************5685``)."""
    compact = iban.compact
    return compact[:2] + "*" * (len(compact) - 6) + compact[-4:]


def postcode_normalise(value: str, *, country: str, field: str = "postcode") -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    compact = compact.removeprefix(f"{country}-")  # "FI-00100" is a common way to write it
    pattern = POSTCODE_PATTERNS.get(country)
    if pattern is None or not pattern.fullmatch(compact):
        message = _("Enter a valid postcode for %(country)s.") % {"country": country}
        raise InvalidPostcode(message, fields={field: [message]})
    return compact
