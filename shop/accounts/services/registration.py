"""Signup: the account, its policy receipts and its marketing choices in one transaction.

Accounts sit above policies and privacy: registering calls their services (acknowledge a policy,
record consent) downwards, so neither of them needs to know about accounts."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from policies.errors import PolicyAcknowledgementRequired, PolicyHashMismatch, PolicyNotFound, PolicyVersionNotCurrent
from policies.models import PolicyKind, ReceiptContext
from policies.selectors import policy_current_list
from policies.services import policy_acknowledge, policy_check_acknowledgement
from shop.core.errors import InvalidInput
from shop.core.mail import normalize_email
from shop.privacy.models import ConsentSource
from shop.privacy.services import marketing_consents_update

from ..models import User
from .emails import email_in_use_notify, email_verification_send

#: Policies a shopper must acknowledge to register (terms may be acknowledged too, or at checkout).
SIGNUP_REQUIRED_KINDS = (PolicyKind.PRIVACY,)


@dataclass(frozen=True)
class Acknowledgement:
    kind: str
    version: int
    locale: str
    sha256: str


def _current_policies(locale: str) -> list[dict[str, Any]]:
    return [
        {key: item[key] for key in ("kind", "version", "locale", "fallback", "sha256")}
        for item in policy_current_list(locale=locale)
    ]


def _check_signup_acknowledgements(acknowledgements: list[Acknowledgement], *, locale: str) -> None:
    """Each acknowledgement must name the current version of its kind and the hash of the text
    served in the shopper's ``locale``; the privacy policy's is required."""
    by_kind: dict[str, Acknowledgement] = {}
    for ack in acknowledgements:
        if ack.kind in by_kind:
            raise InvalidInput(fields={"acknowledgements": [_("One acknowledgement per policy kind.")]})
        by_kind[ack.kind] = ack
    problems: dict[str, list[str]] = {}
    for kind in {*SIGNUP_REQUIRED_KINDS, *by_kind}:
        ack = by_kind.get(kind)
        if ack is None:
            problems[kind] = [_("Missing.")]
            continue
        try:
            # The text served in the shopper's language (or its fallback) is the one to acknowledge.
            served = policy_check_acknowledgement(kind=kind, version=ack.version, locale=locale, sha256=ack.sha256)
            if ack.locale not in {locale, served.locale}:
                raise PolicyHashMismatch()
        except PolicyNotFound:
            problems[kind] = [_("No published version.")]
        except PolicyVersionNotCurrent:
            problems[kind] = [_("Not the current version.")]
        except PolicyHashMismatch:
            problems[kind] = [_("Not the text served in this language.")]
    if problems:
        raise PolicyAcknowledgementRequired(
            fields={f"acknowledgements.{kind}": messages for kind, messages in sorted(problems.items())},
            details={"current": _current_policies(locale)},
        )


def _email_taken() -> InvalidInput:
    return InvalidInput(fields={"email": [_("An account with this email address already exists.")]})


def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    locale: str,
    acknowledgements: list[Acknowledgement],
    marketing: Mapping[str, bool],
    phone: str = "",
    ip: str | None = None,
    user_agent: str = "",
) -> User:
    """Create a shopper with their policy receipts and marketing choices, all or nothing.

    Raises ``PolicyAcknowledgementRequired`` (nothing created) unless the current privacy policy
    is acknowledged in ``locale``; ``InvalidInput`` for a taken email or a weak password.
    ``ip`` must already be minimised. Marketing channels default to off and only the channels
    opted into are recorded (as pending consent: email still needs its double opt-in).

    The checks run before the transaction opens, so the notice to a taken address's owner is not
    rolled back with the refused signup: it is queued with ``on_commit`` outside any transaction.
    """
    email = normalize_email(email)
    _check_signup_acknowledgements(acknowledgements, locale=locale)
    existing = User.objects.filter(email__iexact=email).only("email", "locale").first()
    if existing is not None:
        # API.md's register answers 201 with a token, so a taken address cannot look like a
        # success; its owner is told instead (throttled per address, see "register_account").
        email_in_use_notify(email=existing.email, locale=existing.locale)
        raise _email_taken()
    user = User(email=email, first_name=first_name, last_name=last_name, phone=phone, locale=locale)
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise InvalidInput(fields={"password": list(exc.messages)}) from exc
    user.set_password(password)
    # Uniqueness is left to the database constraint, which also catches a concurrent signup.
    user.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:  # a concurrent signup with the same address won the race
            raise _email_taken() from exc
        for ack in acknowledgements:
            policy_acknowledge(
                user=user,
                kind=ack.kind,
                version=ack.version,
                locale=ack.locale,
                sha256=ack.sha256,
                context=ReceiptContext.SIGNUP,
                ip=ip,
                user_agent=user_agent,
            )
        # Email consent starts the double opt-in (a confirmation link, sent after commit).
        marketing_consents_update(user=user, choices=marketing, source=ConsentSource.SIGNUP, locale=locale, ip=ip)
        email_verification_send(user=user)
    return user
