"""Account endpoints. The profile grows its writable fields with the privacy-rights issue."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_profile import ProfileInputSerializer
from .selectors import user_get_profile
from .services_profile import profile_update


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
