from django.urls import path

from . import api

urlpatterns = [
    path("me/consents/", api.ConsentsView.as_view(), name="me-consents"),
    path("me/export/", api.ExportView.as_view(), name="me-export"),
    path("me/erasure/", api.ErasureView.as_view(), name="me-erasure"),
    path("me/disclosures/", api.DisclosureListView.as_view(), name="me-disclosures"),
    path("consents/confirm/", api.ConsentConfirmView.as_view(), name="consent-confirm"),
    path("unsubscribe/<str:token>/", api.UnsubscribeView.as_view(), name="unsubscribe"),
    path("cookie-consents/", api.CookieConsentCreateView.as_view(), name="cookie-consent-create"),
]
