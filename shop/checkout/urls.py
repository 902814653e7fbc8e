from django.urls import path

from . import api

urlpatterns = [
    path("checkout/", api.CheckoutView.as_view(), name="checkout"),
    path("payments/<str:provider>/webhook/", api.PaymentWebhookView.as_view(), name="payment-webhook"),
]
