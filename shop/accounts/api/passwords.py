"""Password reset: ask for a link (202 whatever the address), then set a new password with it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.throttles import AUTH_THROTTLES

from ..services.passwords import password_reset_confirm, password_reset_request


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
