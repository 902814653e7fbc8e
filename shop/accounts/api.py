"""Account endpoints: register, login, logout and the profile (whose writable fields grow with the
privacy-rights issue)."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from policies.api import AcknowledgementInputSerializer
from shop.privacy.ip import minimised_client_ip

from .api_profile import ProfileInputSerializer
from .authentication import enforce_csrf_for_browsers
from .models import AuthToken
from .selectors import user_get_profile
from .services import Acknowledgement, user_login, user_logout, user_register, user_start_session
from .services_profile import profile_update
from .throttles import AUTH_THROTTLES


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    locale = serializers.CharField()
    email_verified = serializers.BooleanField()
    pending_email = serializers.EmailField(allow_blank=True, help_text="New address awaiting verification.")
    refund_iban = serializers.CharField(
        source="refund_iban_masked", allow_blank=True, help_text="Masked; the full IBAN is never returned."
    )


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ProfileInputSerializer,
        responses=ProfileOutputSerializer,
        summary="Change the profile; a new email becomes the login once verified",
    )
    def patch(self, request: Request) -> Response:
        serializer = ProfileInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = profile_update(user=request.user, data=serializer.validated_data)
        return Response(ProfileOutputSerializer(user).data)

    @extend_schema(responses=ProfileOutputSerializer, summary="The signed-in user's profile")
    def get(self, request: Request) -> Response:
        user = user_get_profile(user=request.user)
        return Response(ProfileOutputSerializer(user).data)


class MarketingChoicesSerializer(serializers.Serializer):
    email = serializers.BooleanField(default=False)
    sms = serializers.BooleanField(default=False)


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    phone = PhoneNumberField(required=False, allow_blank=True, default="")
    locale = serializers.ChoiceField(choices=settings.LANGUAGES)
    acknowledgements = AcknowledgementInputSerializer(many=True, default=list)
    marketing = MarketingChoicesSerializer(default=dict)


class SessionOutputSerializer(serializers.Serializer):
    user = ProfileOutputSerializer()
    token = serializers.CharField(help_text="Bearer token; a browser may use the session cookie instead.")


def _client(request: Request) -> dict[str, str | None]:
    return {"ip": minimised_client_ip(request), "user_agent": request.headers.get("User-Agent", "")}


class RegisterView(APIView):
    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "register"

    @extend_schema(
        request=RegisterInputSerializer,
        responses={201: SessionOutputSerializer},
        summary="Create an account; needs the current privacy policy's acknowledgement",
    )
    def post(self, request: Request) -> Response:
        enforce_csrf_for_browsers(request)
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        acknowledgements = [Acknowledgement(**ack) for ack in values.pop("acknowledgements")]
        marketing = values.pop("marketing") or {}
        phone = str(values.pop("phone") or "")
        user = user_register(
            **values,
            phone=phone,
            acknowledgements=acknowledgements,
            marketing={"email": marketing.get("email", False), "sms": marketing.get("sms", False)},
            **_client(request),
        )
        token = user_start_session(request=request, user=user)
        return Response(SessionOutputSerializer({"user": user, "token": token}).data, status=status.HTTP_201_CREATED)


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)
    cart_token = serializers.CharField(required=False, allow_blank=True, help_text="Accepted; carts merge later.")


class LoginView(APIView):
    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "login"

    @extend_schema(
        request=LoginInputSerializer,
        responses={200: SessionOutputSerializer},
        summary="Sign in: a session cookie for browsers and a bearer token for other clients",
    )
    def post(self, request: Request) -> Response:
        enforce_csrf_for_browsers(request)
        data = LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, token = user_login(
            request=request, email=data.validated_data["email"], password=data.validated_data["password"]
        )
        return Response(SessionOutputSerializer({"user": user, "token": token}).data)


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
        user_logout(request=request, token=request.auth if isinstance(request.auth, AuthToken) else None)
        return Response(status=status.HTTP_204_NO_CONTENT)
