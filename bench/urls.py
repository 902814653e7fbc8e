"""The shop's URLs plus the bare Django view every benchmark figure is a ratio to."""

from django.http import JsonResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as shop_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bare(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("bench/bare/", bare), *shop_urlpatterns]
