"""The test bank's page (outside ``/api/``: it is the "bank", not the shop's API)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:payment_id>/", views.test_bank, name="test-bank"),
]
