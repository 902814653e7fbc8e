"""Writes about accounts: register (user + policy receipts + consents in one transaction), login
and logout for session and bearer-token clients."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from policies.errors import PolicyAcknowledgementRequired, PolicyHashMismatch, PolicyNotFound, PolicyVersionNotCurrent
from policies.models import PolicyKind, ReceiptContext
from policies.selectors import policy_current_list
from policies.services import policy_acknowledge, policy_check_acknowledgement
from shop.core.errors import InvalidInput
from shop.core.mail import build_email
from shop.privacy.models import Channel, ConsentSource
from shop.privacy.services import marketing_consent_set

from .errors import InvalidCredentials
from .models import AuthToken, User, normalize_email
from .services_profile import email_verification_send

#: Policies a shopper must acknowledge to register (terms may be acknowledged too, or at checkout).
SIGNUP_REQUIRED_KINDS = (PolicyKind.PRIVACY,)
#: Session key holding the id of the bearer token issued by the login that started the session.
SESSION_TOKEN_KEY = "shop.accounts.token_id"  # noqa: S105 - a session dict key, not a secret


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


def _signup_attempt_notify(user: User) -> None:
    """Tell the owner of an address that someone tried to sign up with it. Sent at once: the
    signup's transaction rolls back, which would drop an on-commit email."""
    message = build_email(
        "accounts/email/email_in_use", to=user.email, locale=user.locale, context={"site_url": settings.SITE_URL}
    )
    message.send(fail_silently=True)


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    locale: str,
    acknowledgements: list[Acknowledgement],
    marketing: dict[str, bool],
    phone: str = "",
    ip: str | None = None,
    user_agent: str = "",
) -> User:
    """Create a shopper with their policy receipts and marketing choices, all or nothing.

    Raises ``PolicyAcknowledgementRequired`` (nothing created) unless the current privacy policy
    is acknowledged in ``locale``; ``InvalidInput`` for a taken email or a weak password.
    ``ip`` must already be minimised. Marketing channels default to off and only the channels
    opted into are recorded (as pending consent: email still needs its double opt-in).
    """
    email = normalize_email(email)
    _check_signup_acknowledgements(acknowledgements, locale=locale)
    existing = User.objects.filter(email__iexact=email).only("email", "locale").first()
    if existing is not None:
        # API.md's register answers 201 with a token, so a taken address cannot look like a
        # success; its owner is told instead (throttled per address, see "register_account").
        _signup_attempt_notify(existing)
        raise InvalidInput(fields={"email": [_("An account with this email address already exists.")]})
    candidate = User(email=email, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as exc:
        raise InvalidInput(fields={"password": list(exc.messages)}) from exc

    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, first_name=first_name, last_name=last_name, phone=phone, locale=locale
            )
    except IntegrityError as exc:  # a concurrent signup with the same address won the race
        raise InvalidInput(fields={"email": [_("An account with this email address already exists.")]}) from exc

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
    for channel in Channel.values:
        if marketing.get(channel):
            # Email consent starts the double opt-in (a confirmation link, sent after commit).
            marketing_consent_set(
                user=user, channel=channel, granted=True, source=ConsentSource.SIGNUP, locale=locale, ip=ip
            )
    email_verification_send(user=user)
    return user


def user_start_session(*, request: HttpRequest, user: User) -> str:
    """Sign ``user`` in for both kinds of client: a Django session (cookie) for browsers and a new
    bearer token, returned raw once, for everything else."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    token, raw = AuthToken.issue(user)
    # One login, one lifetime: logging the session out revokes this token too (see user_logout).
    request.session[SESSION_TOKEN_KEY] = token.pk
    return raw


def user_login(*, request: HttpRequest, email: str, password: str) -> tuple[User, str]:
    """Check the credentials (one error for a wrong email or password) and start a session."""
    user = authenticate(request, username=normalize_email(email), password=password)
    if user is None:
        raise InvalidCredentials()
    return user, user_start_session(request=request, user=user)


def user_logout(*, request: HttpRequest, token: AuthToken | None) -> None:
    """Revoke the bearer token in use, if any, and end the session, if any.

    A session logout also revokes the bearer token that the same login issued: a shopper who
    logs out in the browser does not leave a working token of that login behind. A bearer
    logout revokes that token only; the session store cannot be searched by token, so a browser
    session of the same login ends with its own logout or with "log out everywhere"."""
    session = getattr(request, "session", None)
    session_token_id = session.get(SESSION_TOKEN_KEY) if session is not None else None
    if session_token_id is not None:
        AuthToken.objects.active().filter(pk=session_token_id, user_id=request.user.pk).update(
            revoked_at=timezone.now()
        )
    if token is not None and token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    logout(request)
