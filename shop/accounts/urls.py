from django.urls import path

from . import api

urlpatterns = [
    path("auth/register/", api.RegisterView.as_view(), name="auth-register"),
    path("auth/login/", api.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", api.LogoutView.as_view(), name="auth-logout"),
    path("auth/session/", api.SessionStateView.as_view(), name="auth-session"),
    path("me/", api.MeView.as_view(), name="me"),
]
