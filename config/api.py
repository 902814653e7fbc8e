"""The one ``/api/v1/`` URL tree: each domain contributes its ``urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.previews import PreviewView
from shop.core import views as core_views

# Django tries patterns in order: the public reads every page view makes come first.
urlpatterns = [
    path("", include("shop.catalog.urls")),
    path("", include("policies.urls")),
    path("", include("shop.carts.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-v1:schema"), name="docs"),
    path("csrf/", core_views.CsrfView.as_view(), name="csrf"),
    path("previews/<str:token>/", PreviewView.as_view(), name="preview"),
    path("", include("shop.accounts.urls")),
    path("", include("shop.privacy.urls")),
    path("", include("shop.orders.urls")),
    path("", include("shop.support.urls")),
    path("", include("shop.wishlist.urls")),
    path("", include("shop.shipping.urls")),
    path("", include("shop.checkout.urls")),
]
