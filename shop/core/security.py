"""Security headers for every response, including the storefront that WhiteNoise serves at ``/``.

Django's ``XFrameOptionsMiddleware`` sits after WhiteNoise, so files WhiteNoise answers (the
storefront) never reached it, and Django 5.2 has no Content-Security-Policy support. This
middleware sits right after ``SecurityMiddleware`` and before WhiteNoise, so it sees every
response: it adds ``X-Frame-Options``, a ``Content-Security-Policy`` chosen by path
(``CONTENT_SECURITY_POLICIES``, longest prefix wins) and ``Permissions-Policy``. A header a view
set itself (Wagtail's preview allowing SAMEORIGIN framing, Wagtail's own CSP on served documents)
is kept.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def csp_header(directives: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], ...}`` as a header value, in the order given."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def policy_for_path(path: str) -> str:
    policies: dict[str, dict[str, list[str]]] = settings.CONTENT_SECURITY_POLICIES
    prefix = max((p for p in policies if p != "default" and path.startswith(p)), key=len, default="default")
    return csp_header(policies[prefix])


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("Content-Security-Policy", policy_for_path(request.path))
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
