from django.urls import path

from . import api

urlpatterns = [
    path("wishlist/", api.WishlistView.as_view(), name="wishlist"),
    path("wishlist/<id:product_id>/", api.WishlistItemView.as_view(), name="wishlist-item"),
    path("recently-viewed/", api.RecentlyViewedView.as_view(), name="recently-viewed"),
]
