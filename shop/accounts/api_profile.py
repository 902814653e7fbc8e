"""Profile-side account endpoints: address book, email verification, password reset and
"log out everywhere". (Register, login and logout live in ``api.py``.)"""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Address, Country
from .selectors import addresses_for_user
from .services_profile import (
    address_create,
    address_delete,
    address_update,
    email_verification_send,
    email_verify,
    password_reset_confirm,
    password_reset_request,
    sign_out_everywhere,
)
from .throttles import AUTH_THROTTLES


class ProfileInputSerializer(serializers.Serializer):
    """PATCH /me/: every field optional; phone, IBAN and email are checked by the service."""

    first_name = serializers.CharField(max_length=150, allow_blank=True)
    last_name = serializers.CharField(max_length=150, allow_blank=True)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(
        max_length=32, allow_blank=True, help_text="International format, e.g. +372 5123 4567"
    )
    locale = serializers.ChoiceField(choices=settings.LANGUAGES)
    refund_iban = serializers.CharField(max_length=64, allow_blank=True, allow_null=True, help_text="Empty clears it")


# --- Addresses ----------------------------------------------------------------------------------


class AddressSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10)
    city = serializers.CharField(max_length=100)
    country = serializers.ChoiceField(choices=Country.choices)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    created_at = serializers.DateTimeField(read_only=True)


class AddressViewSet(viewsets.GenericViewSet):
    """The signed-in user's address book. Other people's addresses do not exist here (404)."""

    permission_classes = [IsAuthenticated]
    serializer_class = AddressSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Address.objects.none()
        return addresses_for_user(user=self.request.user)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AddressSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(AddressSerializer(self.get_object()).data)

    def create(self, request: Request) -> Response:
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = address_create(user=request.user, data=serializer.validated_data)
        return Response(AddressSerializer(address).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        address: Address = self.get_object()
        serializer = AddressSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        address = address_update(address=address, data=serializer.validated_data)
        return Response(AddressSerializer(address).data)

    def destroy(self, request: Request, pk: str) -> Response:
        address_delete(address=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Email verification -------------------------------------------------------------------------


class VerifyEmailInputSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=200)


class VerifyEmailView(APIView):
    authentication_classes: list = []  # the key is the credential; works from any device
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "verify"

    @extend_schema(
        request=VerifyEmailInputSerializer,
        responses={200: inline_serializer("EmailVerified", {"email_verified": serializers.BooleanField()})},
        summary="Verify an email address with the key from the email",
    )
    def post(self, request: Request) -> Response:
        serializer = VerifyEmailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email_verify(key=serializer.validated_data["key"])
        return Response({"email_verified": True})


class VerifyEmailResendView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "verify"

    @extend_schema(request=None, responses={202: None}, summary="Send the verification email again")
    def post(self, request: Request) -> Response:
        email_verification_send(user=request.user)
        return Response(status=status.HTTP_202_ACCEPTED)


# --- Password reset -----------------------------------------------------------------------------


class PasswordResetInputSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetView(APIView):
    """202 whatever the address: the answer never tells whether it has an account."""

    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "password_reset"

    @extend_schema(request=PasswordResetInputSerializer, responses={202: None}, summary="Email a password reset link")
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_request(email=serializer.validated_data["email"])
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmInputSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


class PasswordResetConfirmView(APIView):
    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "password_reset"

    @extend_schema(
        request=PasswordResetConfirmInputSerializer,
        responses={204: None},
        summary="Set a new password with the link's uid and token; signs out everywhere",
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_confirm(**serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Log out everywhere -------------------------------------------------------------------------


class LogoutAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="Revoke every token and end every session")
    def post(self, request: Request) -> Response:
        sign_out_everywhere(user=request.user)
        if hasattr(request, "session"):
            request.session.flush()
        return Response(status=status.HTTP_204_NO_CONTENT)
