"""Writes for the profile, address book, email verification, password reset and sign-out.

Kept apart from ``services.py`` (register, login, logout) so the two can grow independently.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from shop.core.errors import InvalidInput
from shop.core.mail import build_email, send_after_commit

from . import crypto
from .errors import InvalidKey, InvalidToken, RefundIbanLocked
from .models import Address, AuthToken, User, UserSession, normalize_email
from .tokens import uid_decode, uid_encode, verification_key_make, verification_key_user
from .validation import iban_mask, iban_parse, phone_normalise, postcode_normalise

PROFILE_FIELDS = ("first_name", "last_name", "phone", "locale")


def _link(path: str, **params: str) -> str:
    from urllib.parse import urlencode

    return f"{settings.SITE_URL}{path}?{urlencode(params)}"


# --- Profile ------------------------------------------------------------------------------------


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
        _email_change_request(user=user, new_email=data["email"])
    user.full_clean(exclude=["password"])
    user.save()
    return user


def refund_pending(*, user: User) -> bool:
    from shop.orders.models import Order

    return Order.objects.filter(user=user, refund_pending=True).exists()


def _refund_iban_set(*, user: User, value: str | None) -> None:
    if not value:
        if user.refund_iban_encrypted and refund_pending(user=user):
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


def _email_change_request(*, user: User, new_email: str) -> None:
    new_email = normalize_email(new_email)
    if new_email == user.email:
        user.pending_email = ""
        return
    user.pending_email = new_email
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists()
    if taken:
        # The answer to the client is the same either way: no endpoint tells whether an address
        # has an account. The owner of that address hears about it instead.
        message = build_email(
            "accounts/email/email_in_use", to=new_email, locale=user.locale, context={"site_url": settings.SITE_URL}
        )
        send_after_commit(message)
        return
    user.save(update_fields=["pending_email"])  # the key hashes pending_email: store it first
    email_verification_send(user=user)


# --- Email verification -------------------------------------------------------------------------


def email_verification_send(*, user: User) -> None:
    """Email a verification link to the pending address, else to the current one."""
    to = user.pending_email or user.email
    key = verification_key_make(user)
    message = build_email(
        "accounts/email/verify_email",
        to=to,
        locale=user.locale,
        context={"link": _link("/account/verify-email", key=key), "key": key, "email": to},
    )
    send_after_commit(message)


@transaction.atomic
def email_verify(*, key: str) -> User:
    user = verification_key_user(key)
    if user is None:
        raise InvalidKey.on_field("key")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pending_email:
        if User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
            raise InvalidKey.on_field("key")
        user.email = user.pending_email
        user.pending_email = ""
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email", "pending_email", "email_verified_at"])
    return user


# --- Password reset -----------------------------------------------------------------------------


def password_reset_request(*, email: str) -> None:
    """Email a reset link if an active account has ``email``; silently nothing otherwise."""
    user = User.objects.filter(email__iexact=normalize_email(email), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    uid, token = uid_encode(user), default_token_generator.make_token(user)
    message = build_email(
        "accounts/email/password_reset",
        to=user.email,
        locale=user.locale,
        context={"link": _link("/account/password-reset", uid=uid, token=token), "uid": uid, "token": token},
    )
    send_after_commit(message)


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    pk = uid_decode(uid)
    user = User.objects.select_for_update().filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not default_token_generator.check_token(user, token):
        raise InvalidToken.on_field("token")
    try:
        validate_password(new_password, user)
    except DjangoValidationError as exc:
        raise InvalidInput(fields={"new_password": list(exc.messages)}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Whoever knew the old password is signed out everywhere.
    sign_out_everywhere(user=user)
    return user


# --- Sessions and tokens ------------------------------------------------------------------------


def _session_store(session_key: str) -> SessionBase:
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return engine(session_key=session_key)


def session_link(*, user: User, session_key: str | None) -> None:
    """Remember that ``session_key`` belongs to ``user`` (called when a user signs in)."""
    if session_key:
        UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def sign_out_everywhere(*, user: User) -> dict[str, int]:
    """Revoke every bearer token and end every session of ``user``."""
    revoked = AuthToken.objects.active().filter(user=user).update(revoked_at=timezone.now())
    links = list(UserSession.objects.filter(user=user))
    for link in links:
        _session_store(link.session_key).delete()
    UserSession.objects.filter(pk__in=[link.pk for link in links]).delete()
    return {"tokens": revoked, "sessions": len(links)}


# --- Addresses ----------------------------------------------------------------------------------

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
