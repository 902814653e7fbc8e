"""Account endpoints. The profile grows its writable fields with the privacy-rights issue."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import user_get_profile


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    phone = serializers.CharField(allow_blank=True)
    locale = serializers.CharField()


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ProfileOutputSerializer, summary="The signed-in user's profile")
    def get(self, request: Request) -> Response:
        user = user_get_profile(user=request.user)
        return Response(ProfileOutputSerializer(user).data)
