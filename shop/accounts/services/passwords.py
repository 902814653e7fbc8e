"""Password reset by email link. Whoever knew the old password is signed out everywhere."""

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from shop.core.errors import InvalidInput
from shop.core.mail import build_email, normalize_email, send_after_commit

from ..errors import InvalidToken
from ..models import User
from ..tokens import uid_decode, uid_encode
from .emails import site_link
from .sessions import sign_out_everywhere


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
        context={"link": site_link("/account/password-reset", uid=uid, token=token), "uid": uid, "token": token},
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
    user.full_clean()
    user.save(update_fields=["password"])
    sign_out_everywhere(user=user)
    return user
