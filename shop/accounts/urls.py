"""Account URLs, grouped by the job of the view module that serves them."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import addresses, emails, passwords, profile, registration, sessions

router = SimpleRouter()
router.register("me/addresses", addresses.AddressViewSet, basename="me-address")

urlpatterns = [
    path("auth/register/", registration.RegisterView.as_view(), name="auth-register"),
    path("auth/login/", sessions.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", sessions.LogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all/", sessions.LogoutAllView.as_view(), name="auth-logout-all"),
    path("auth/session/", sessions.SessionStateView.as_view(), name="auth-session"),
    path("auth/password-reset/", passwords.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        passwords.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/verify-email/", emails.VerifyEmailView.as_view(), name="auth-verify-email"),
    path("auth/verify-email/resend/", emails.VerifyEmailResendView.as_view(), name="auth-verify-email-resend"),
    path("me/", profile.MeView.as_view(), name="me"),
    *router.urls,
]
