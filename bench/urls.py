"""The shop's URLs plus the bare Django view every benchmark figure is a ratio to, and a view
that only hashes a password (the floor under registration)."""

from django.contrib.auth.hashers import make_password
from django.http import JsonResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as shop_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bare(request):
    return JsonResponse({"status": "ok"})


def hasher(request):
    """One password hash with the configured hasher: what registration cannot go below."""
    return JsonResponse({"hash": make_password("bench-password")[:16]})


urlpatterns = [path("bench/bare/", bare), path("bench/hasher/", hasher), *shop_urlpatterns]
