"""Email addresses: verifying a new or changed address, and telling an address's owner when
someone else tries to use it. Every email goes out after the transaction commits."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shop.core.mail import build_email, normalize_email, send_after_commit

from ..errors import InvalidKey
from ..models import User
from ..tokens import verification_key_make, verification_key_user


def site_link(path: str, **params: str) -> str:
    """A link to the storefront page ``path`` with query ``params`` (for links in emails)."""
    return f"{settings.SITE_URL}{path}?{urlencode(params)}"


def email_in_use_notify(*, email: str, locale: str) -> None:
    """Tell the owner of ``email`` that someone tried to sign up or switch to it. The API answers
    the same either way (except at signup, see ``user_register``), so this is how they find out."""
    message = build_email(
        "accounts/email/email_in_use", to=email, locale=locale, context={"site_url": settings.SITE_URL}
    )
    send_after_commit(message)


def email_verification_send(*, user: User) -> None:
    """Email a verification link to the pending address, else to the current one."""
    to = user.pending_email or user.email
    key = verification_key_make(user)
    message = build_email(
        "accounts/email/verify_email",
        to=to,
        locale=user.locale,
        context={"link": site_link("/account/verify-email", key=key), "key": key, "email": to},
    )
    send_after_commit(message)


def email_change_request(*, user: User, new_email: str) -> None:
    """Store ``new_email`` as pending on ``user`` (the caller saves) and send its verification
    link; a taken address gets a notice to its owner instead, and the answer looks the same."""
    new_email = normalize_email(new_email)
    if new_email == user.email:
        user.pending_email = ""
        return
    user.pending_email = new_email
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists()
    if taken:
        email_in_use_notify(email=new_email, locale=user.locale)
        return
    user.full_clean(exclude=["password"])
    user.save(update_fields=["pending_email"])  # the key hashes pending_email: store it first
    email_verification_send(user=user)


@transaction.atomic
def email_verify(*, key: str) -> User:
    """Follow a verification link: the pending address (if any) becomes the login."""
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
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email", "pending_email", "email_verified_at"])
    return user
