"""URLs of the profile side of accounts (api_profile.py), beside urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api_profile

router = SimpleRouter()
router.register("me/addresses", api_profile.AddressViewSet, basename="me-address")

urlpatterns = [
    path("auth/logout-all/", api_profile.LogoutAllView.as_view(), name="auth-logout-all"),
    path("auth/password-reset/", api_profile.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        api_profile.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/verify-email/", api_profile.VerifyEmailView.as_view(), name="auth-verify-email"),
    path("auth/verify-email/resend/", api_profile.VerifyEmailResendView.as_view(), name="auth-verify-email-resend"),
    *router.urls,
]
