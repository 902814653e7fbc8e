"""DRF authentication: bearer tokens for API clients, session + CSRF for browsers on our site."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import AuthToken, User


class CsrfFailed(exceptions.PermissionDenied):
    default_code = "csrf_failed"
    default_detail = _("CSRF check failed; reload the page and try again.")


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication with a distinct error code when the CSRF check fails."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise CsrfFailed() from exc


def enforce_csrf_for_browsers(request: Request) -> None:
    """Login and signup run before there is a session to protect, so DRF skips CSRF there. A
    browser, though, can be made to sign in to an attacker's account (login CSRF). Browsers mark
    their requests with ``Origin`` or ``Sec-Fetch-Site``; those must pass Django's CSRF check
    (our frontend gets the token from ``GET /api/v1/csrf/``). Native clients send neither."""
    if "HTTP_ORIGIN" in request.META or "HTTP_SEC_FETCH_SITE" in request.META:
        SessionAuthentication().enforce_csrf(request)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; expired or revoked tokens are refused with 401."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, AuthToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        try:
            raw = header[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header.")) from exc
        token = AuthToken.find_active(raw)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is invalid, expired or revoked."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
