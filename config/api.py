"""The one ``/api/v1/`` URL tree: each domain contributes its ``urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    path("", include("policies.urls")),
    path("", include("shop.accounts.urls")),
    path("", include("shop.catalog.urls")),
    path("", include("shop.wishlist.urls")),
]
