from django.urls import path

from . import api

urlpatterns = [
    path("policies/", api.PolicyListView.as_view(), name="policy-list"),
    path("policies/<str:kind>/", api.PolicyCurrentView.as_view(), name="policy-current"),
    path("policies/<str:kind>/versions/", api.PolicyVersionListView.as_view(), name="policy-versions"),
    path("policies/<str:kind>/versions/<id:version>/", api.PolicyVersionDetailView.as_view(), name="policy-version"),
    path("policies/<str:kind>/diff/", api.PolicyDiffView.as_view(), name="policy-diff"),
    path("me/policies/", api.MePoliciesView.as_view(), name="me-policies"),
    path("me/policies/acknowledgements/", api.AcknowledgementsView.as_view(), name="me-policy-acknowledgements"),
]
