from django.urls import path

from . import api

urlpatterns = [
    path("support-requests/", api.SupportRequestCreateView.as_view(), name="support-request-create"),
]
