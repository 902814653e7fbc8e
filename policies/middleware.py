"""Shows an admin user why a policy change was refused instead of a 500.

``PolicyChangeRefused`` is raised inside Wagtail's publish/unpublish/copy/move actions (see
``policies.guards``), after the transaction around the change rolled back: nothing went live. The
editor's draft revision, saved before the publish, is kept; they land back on the page editor.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .errors import PolicyChangeRefused


class PolicyChangeRefusedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PolicyChangeRefused) or not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        messages.error(request, str(exception.message))
        page_id = (request.resolver_match.kwargs.get("page_id") if request.resolver_match else None) or None
        if page_id:
            return redirect("wagtailadmin_pages:edit", page_id)
        return redirect("wagtailadmin_explore_root")
