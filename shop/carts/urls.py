from django.urls import path

from . import api

urlpatterns = [
    path("carts/", api.CartCreateView.as_view(), name="cart-create"),
    path("carts/<str:token>/", api.CartDetailView.as_view(), name="cart-detail"),
    path("carts/<str:token>/lines/", api.CartLinesView.as_view(), name="cart-lines"),
    path("carts/<str:token>/lines/<int:line_id>/", api.CartLineView.as_view(), name="cart-line"),
]
