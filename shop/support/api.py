"""``POST /api/v1/support-requests/``: write to customer service, with or without an account."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.throttles import AUTH_THROTTLES

from .models import Topic
from .services import support_request_create


class SupportRequestInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    topic = serializers.ChoiceField(choices=Topic.choices)
    message = serializers.CharField(max_length=5000)
    order_number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class SupportRequestOutputSerializer(serializers.Serializer):
    reference = serializers.CharField()
    topic = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()


class SupportRequestCreateView(APIView):
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "support"

    @extend_schema(
        request=SupportRequestInputSerializer,
        responses={201: SupportRequestOutputSerializer},
        summary="Write to customer service; answered within one month",
    )
    def post(self, request: Request) -> Response:
        serializer = SupportRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        support_request = support_request_create(
            **serializer.validated_data, locale=request.LANGUAGE_CODE, user=request.user
        )
        return Response(SupportRequestOutputSerializer(support_request).data, status=status.HTTP_201_CREATED)
