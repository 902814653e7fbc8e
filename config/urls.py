"""Top-level URLs: the shop API (v1), Wagtail's pages API (v2, only if WAGTAIL_API_V2_ENABLED),
the Wagtail admin, health."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from policies import views as policy_views
from shop.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/jwks.json", policy_views.jwks_json, name="jwks"),
    path("api/v1/", include(("config.api", "api-v1"), namespace="api-v1")),
    *([path("api/v2/", api_router.urls)] if settings.WAGTAIL_API_V2_ENABLED else []),
    path("payments/test-bank/", include("shop.payments.urls")),
    # Last of the API: any other /api/ path is a JSON 404, whatever DEBUG and APPEND_SLASH say.
    re_path(r"^api/(?P<path>.*)$", core_views.api_not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Wagtail's own page rendering, for previews and as a plain fallback; the storefront (frontend/)
    # is served at the root by WhiteNoise, its client-side routes by the catch-all below.
    path("pages/", include(wagtail_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Last: every other GET is a storefront route, answered with the app's index.html.
urlpatterns += [
    re_path(
        r"^(?!api/|admin/|documents/|pages/|media/|static/)(?P<path>.*)$", core_views.storefront, name="storefront"
    ),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
