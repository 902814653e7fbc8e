from django.urls import path

from . import api

urlpatterns = [
    path("shipping-methods/", api.ShippingMethodListView.as_view(), name="shipping-methods"),
    path("pickup-points/", api.PickupPointListView.as_view(), name="pickup-points"),
]
