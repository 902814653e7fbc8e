"""Login, logout and "log out everywhere", for browsers (session cookie) and other clients
(bearer token) alike."""

from django.contrib.auth import login, logout
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.hooks import run_login_hooks
from shop.core.throttles import AUTH_THROTTLES

from ..authentication import enforce_csrf_for_browsers
from ..models import AuthToken, User
from ..selectors import user_get_profile
from ..services.sessions import (
    session_token_revoke,
    sign_out_everywhere,
    token_issue,
    token_revoke,
    user_authenticate,
)
from .profile import ProfileOutputSerializer


class SessionOutputSerializer(serializers.Serializer):
    user = ProfileOutputSerializer()
    token = serializers.CharField(help_text="Bearer token; a browser may use the session cookie instead.")


def sign_in(request: Request, user: User) -> Response:
    """Sign ``user`` in for both kinds of client: a Django session (cookie) for browsers and a new
    bearer token, returned raw once, for everything else. The session is the request's business,
    so it is started here; the token comes from the service."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    token = token_issue(user=user, session=request.session)
    return Response(SessionOutputSerializer({"user": user, "token": token}).data)


class SessionStateSerializer(serializers.Serializer):
    authenticated = serializers.BooleanField()
    user = ProfileOutputSerializer(allow_null=True)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class SessionStateView(APIView):
    """Who the browser session belongs to, answered with 200 for everyone: a storefront asks this on
    every page load, and ``GET /me/`` would answer an anonymous visitor 401 (a console error in every
    browser). Also sets the ``csrftoken`` cookie the session client needs for writes."""

    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(responses=SessionStateSerializer, summary="The current session: signed in or not (never 401)")
    def get(self, request: Request) -> Response:
        user = user_get_profile(user=request.user) if request.user.is_authenticated else None
        return Response(
            {"authenticated": user is not None, "user": ProfileOutputSerializer(user).data if user else None}
        )


class MergedLineSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    quantity = serializers.IntegerField(help_text="How many were added to the shopper's cart.")


class CappedLineSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    requested = serializers.IntegerField()
    quantity = serializers.IntegerField(help_text="What the cart holds now: the stock available.")


class CartMergeSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The shopper's own cart.")
    merged = MergedLineSerializer(many=True)
    capped = CappedLineSerializer(many=True)


class LoginOutputSerializer(SessionOutputSerializer):
    cart = CartMergeSerializer(required=False, help_text="Only when `cart_token` was sent: what the merge did.")


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)
    cart_token = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="An anonymous cart to merge into the shopper's own; the answer's `cart` says what was merged.",
    )


class LoginView(APIView):
    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "login"

    @extend_schema(
        request=LoginInputSerializer,
        responses={200: LoginOutputSerializer},
        summary="Sign in: a session cookie for browsers and a bearer token for other clients",
    )
    def post(self, request: Request) -> Response:
        enforce_csrf_for_browsers(request)
        data = LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_authenticate(email=data.validated_data["email"], password=data.validated_data["password"])
        response = sign_in(request, user)
        # Higher layers (the cart merge) answer through registered hooks: see shop.core.hooks.
        response.data.update(run_login_hooks(user=user, data=data.validated_data))
        return response


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={204: None},
        summary="Revoke the token in use and end the session",
        description=(
            "With a session cookie: ends the session and revokes the bearer token issued by the same "
            "login. With a bearer token: revokes that token only (a browser session of the same login "
            "stays until its own logout; `POST /auth/logout-all/` ends every session and token)."
        ),
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, AuthToken):
            token_revoke(token=request.auth)
        if hasattr(request, "session"):
            session_token_revoke(user=request.user, session=request.session)
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="Revoke every token and end every session")
    def post(self, request: Request) -> Response:
        sign_out_everywhere(user=request.user)
        if hasattr(request, "session"):
            request.session.flush()
        return Response(status=status.HTTP_204_NO_CONTENT)
