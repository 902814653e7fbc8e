"""``POST /auth/register/``: create an account and sign it in."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from policies.api import AcknowledgementInputSerializer
from shop.core.ip import minimised_client_ip
from shop.core.throttles import AUTH_THROTTLES

from ..authentication import enforce_csrf_for_browsers
from ..services.registration import Acknowledgement, user_register
from .sessions import SessionOutputSerializer, sign_in


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
    acknowledgements = AcknowledgementInputSerializer(many=True, help_text="At least the current privacy policy.")
    marketing = MarketingChoicesSerializer(default=dict)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        # Required in the schema, yet a missing list is answered like an empty one: 400
        # policy_acknowledgement_required listing the current versions, as API.md says.
        if isinstance(data, Mapping) and "acknowledgements" not in data:
            data = {**data, "acknowledgements": []}
        return super().to_internal_value(data)


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
        marketing = values.pop("marketing") or {}
        phone = str(values.pop("phone") or "")
        acknowledgements = [Acknowledgement(**ack) for ack in values.pop("acknowledgements")]
        user = user_register(
            **values,
            phone=phone,
            acknowledgements=acknowledgements,
            marketing={"email": marketing.get("email", False), "sms": marketing.get("sms", False)},
            ip=minimised_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        response = sign_in(request, user)
        response.status_code = status.HTTP_201_CREATED
        return response
