from django.urls import path

from . import api

urlpatterns = [
    path("orders/", api.OrderListView.as_view(), name="order-list"),
    path("orders/lookup/", api.OrderLookupView.as_view(), name="order-lookup"),
    path("orders/<str:number>/", api.OrderDetailView.as_view(), name="order-detail"),
]
