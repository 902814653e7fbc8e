"""Email address verification: follow the emailed key, or ask for it again."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.throttles import AUTH_THROTTLES

from ..services.emails import email_verification_send, email_verify


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
