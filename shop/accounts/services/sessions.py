"""Signing in and out: checking credentials, bearer tokens, the session links that let "log out
everywhere" find every session, and ending them all.

The Django session itself (``login()``/``logout()`` on the request) is the view's business; these
services take and return plain values."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django.utils.module_loading import import_string

from shop.core.mail import normalize_email

from ..errors import InvalidCredentials
from ..models import AuthToken, User, UserSession


def user_authenticate(*, email: str, password: str) -> User:
    """The active user with these credentials; one error for a wrong email or a wrong password."""
    user = authenticate(None, username=normalize_email(email), password=password)
    if user is None:
        raise InvalidCredentials()
    return user


def token_issue(*, user: User) -> str:
    """A new bearer token for ``user``; the raw value is returned once and only its hash is stored."""
    _token, raw = AuthToken.issue(user)
    return raw


def token_revoke(*, token: AuthToken) -> None:
    """Revoke the bearer token in use (signing out one client); a revoked token stays revoked."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.full_clean()
        token.save(update_fields=["revoked_at"])


def _session_store(session_key: str) -> SessionBase:
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return engine(session_key=session_key)


def session_link(*, user: User, session_key: str | None) -> None:
    """Remember that ``session_key`` belongs to ``user`` (called when a user signs in)."""
    if not session_key:
        return
    link = UserSession.objects.filter(session_key=session_key).first() or UserSession(session_key=session_key)
    link.user = user
    link.full_clean()
    link.save()


def sign_out_everywhere(*, user: User) -> dict[str, int]:
    """Revoke every bearer token and end every session of ``user``; returns how many of each."""
    revoked = AuthToken.objects.active().filter(user=user).update(revoked_at=timezone.now())
    links = list(UserSession.objects.filter(user=user))
    for link in links:
        _session_store(link.session_key).delete()
    UserSession.objects.filter(pk__in=[link.pk for link in links]).delete()
    return {"tokens": revoked, "sessions": len(links)}
