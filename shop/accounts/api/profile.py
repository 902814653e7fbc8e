"""``/me/``: the signed-in user's profile."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..selectors import user_get_profile
from ..services.profile import profile_update


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
