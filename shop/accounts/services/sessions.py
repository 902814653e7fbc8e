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


#: Session key holding the id of the bearer token issued by the login that started the session.
SESSION_TOKEN_KEY = "shop.accounts.token_id"  # noqa: S105 - a session dict key, not a secret


def token_issue(*, user: User, session: SessionBase | None = None) -> str:
    """A new bearer token for ``user``; the raw value is returned once and only its hash is stored.
    With the ``session`` the same login started, the two share one lifetime: logging the session
    out revokes the token too (``session_token_revoke``)."""
    token, raw = AuthToken.issue(user)
    if session is not None:
        session[SESSION_TOKEN_KEY] = token.pk
    return raw


def session_token_revoke(*, user: User, session: SessionBase) -> int:
    """Revoke the bearer token issued by the login that started ``session`` (called on logout).

    A bearer logout cannot do the reverse: the session store cannot be searched by token, so a
    browser session of that login ends with its own logout or with "log out everywhere"."""
    token_id = session.get(SESSION_TOKEN_KEY)
    if token_id is None:
        return 0
    return AuthToken.objects.active().filter(pk=token_id, user=user).update(revoked_at=timezone.now())


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
    links = list(UserSession.objects.filter(user=user).values_list("pk", "session_key"))
    _sessions_end([key for _pk, key in links])
    UserSession.objects.filter(pk__in=[pk for pk, _key in links]).delete()
    return {"tokens": revoked, "sessions": len(links)}


DB_SESSIONS = "django.contrib.sessions.backends.db"


def _sessions_end(keys: list[str]) -> None:
    """End these sessions. With database sessions (the default) one ``DELETE`` per 500: one by one,
    a few thousand sessions took 16 s. Other engines end each session through its store."""
    if settings.SESSION_ENGINE == DB_SESSIONS:
        model = import_string(f"{DB_SESSIONS}.SessionStore").get_model_class()
        for start in range(0, len(keys), 500):
            model.objects.filter(session_key__in=keys[start : start + 500]).delete()
        return
    for key in keys:
        _session_store(key).delete()
