"""Privacy-rights endpoints: consents, double opt-in, one-click unsubscribe, export, erasure,
disclosures and cookie consents."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.ip import minimised_client_ip
from shop.core.throttles import AUTH_THROTTLES, ScopedIPThrottle

from .erasure import account_erase_self, user_export
from .models import ConsentSource, ConsentStatus, Disclosure
from .selectors import disclosures_for_user, marketing_consents_overview
from .services import (
    cookie_consent_record,
    marketing_consent_confirm,
    marketing_consents_update,
    unsubscribe,
    unsubscribe_state,
)

# --- Marketing consents -------------------------------------------------------------------------


class ChannelConsentSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[choice.value for choice in ConsentStatus])
    source = serializers.CharField(allow_null=True)
    changed_at = serializers.DateTimeField(allow_null=True)
    wording = serializers.CharField(help_text="The wording the current consent was given against.")
    current_wording = serializers.CharField(help_text="The wording to show when asking now.")


class ConsentsOutputSerializer(serializers.Serializer):
    email = ChannelConsentSerializer()
    sms = ChannelConsentSerializer()


class ConsentsInputSerializer(serializers.Serializer):
    email = serializers.BooleanField(required=False)
    sms = serializers.BooleanField(required=False)

    openapi_schema_extra = {"anyOf": [{"required": ["email"]}, {"required": ["sms"]}]}

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError(_("Give at least one channel: email, sms."))
        return attrs


class ConsentsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ConsentsOutputSerializer, summary="Marketing consent per channel")
    def get(self, request: Request) -> Response:
        payload = marketing_consents_overview(user=request.user, locale=request.LANGUAGE_CODE)
        return Response(ConsentsOutputSerializer(payload).data)

    @extend_schema(
        request=ConsentsInputSerializer,
        responses=ConsentsOutputSerializer,
        summary="Grant or withdraw marketing consent; email stays pending until its link is followed",
    )
    def put(self, request: Request) -> Response:
        serializer = ConsentsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marketing_consents_update(
            user=request.user,
            choices=serializer.validated_data,
            source=ConsentSource.PROFILE,
            locale=request.LANGUAGE_CODE,
            ip=minimised_client_ip(request),
        )
        payload = marketing_consents_overview(user=request.user, locale=request.LANGUAGE_CODE)
        return Response(ConsentsOutputSerializer(payload).data)


class ConsentConfirmInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class ConsentConfirmView(APIView):
    """The double opt-in link leads to a storefront page that POSTs its token here (a GET could
    be fired by a mail scanner, so it never confirms)."""

    authentication_classes: list = []
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "verify"

    @extend_schema(
        request=ConsentConfirmInputSerializer,
        responses={
            200: inline_serializer(
                "ConsentConfirmed", {"channel": serializers.CharField(), "status": serializers.CharField()}
            )
        },
        summary="Confirm email marketing consent (double opt-in)",
    )
    def post(self, request: Request) -> Response:
        serializer = ConsentConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marketing_consent_confirm(token=serializer.validated_data["token"], ip=minimised_client_ip(request))
        return Response({"channel": "email", "status": "granted"})


# --- One-click unsubscribe (RFC 8058) -------------------------------------------------------------


class UnsubscribeStateSerializer(serializers.Serializer):
    channel = serializers.CharField()
    subscribed = serializers.BooleanField()


class UnsubscribeView(APIView):
    """No login, no cookies, no CSRF: mail providers POST ``List-Unsubscribe=One-Click`` here.
    The body is never read (it may be form-encoded); the signed token is the authority."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(responses=UnsubscribeStateSerializer, summary="Show the subscription state (changes nothing)")
    def get(self, request: Request, token: str) -> Response:
        return Response(UnsubscribeStateSerializer(unsubscribe_state(token=token)).data)

    @extend_schema(request=None, responses=UnsubscribeStateSerializer, summary="Unsubscribe with one click")
    def post(self, request: Request, token: str) -> Response:
        return Response(UnsubscribeStateSerializer(unsubscribe(token=token)).data)


# --- Export, erasure, disclosures -------------------------------------------------------------------


class ExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="One JSON document with `schema_version` and every section."
            )
        },
        summary="Everything held about the signed-in user",
    )
    def get(self, request: Request) -> Response:
        response = Response(user_export(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="xmi-data-export.json"'
        response["Cache-Control"] = "no-store"
        return response


class ErasureInputSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class ErasureView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ErasureInputSerializer,
        responses={202: inline_serializer("ErasureDone", {"status": serializers.CharField()})},
        summary="Erase the account; orders are kept as the law requires, without contact data",
    )
    def post(self, request: Request) -> Response:
        serializer = ErasureInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account_erase_self(user=request.user, password=serializer.validated_data["password"])
        if hasattr(request, "session"):
            request.session.flush()
        return Response({"status": "erased"}, status=status.HTTP_202_ACCEPTED)


class DisclosureSerializer(serializers.Serializer):
    recipient = serializers.CharField()
    recipient_kind = serializers.CharField()
    purpose = serializers.CharField()
    fields = serializers.ListField(child=serializers.CharField())
    order_number = serializers.CharField(source="order.number", allow_null=True, default=None)
    created_at = serializers.DateTimeField()


class DisclosureListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DisclosureSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disclosure.objects.none()
        return disclosures_for_user(user=self.request.user)

    @extend_schema(summary="Every transfer of the user's data to a carrier or processor")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


# --- Cookie consents ---------------------------------------------------------------------------------


class CookieCategoriesSerializer(serializers.Serializer):
    necessary = serializers.BooleanField(read_only=True, default=True)
    preferences = serializers.BooleanField()
    statistics = serializers.BooleanField()
    marketing = serializers.BooleanField()


class CookieConsentInputSerializer(serializers.Serializer):
    consent_id = serializers.UUIDField(required=False, allow_null=True)
    categories = CookieCategoriesSerializer()
    policy_version = serializers.IntegerField(min_value=1)


class CookieConsentOutputSerializer(serializers.Serializer):
    consent_id = serializers.UUIDField()
    categories = CookieCategoriesSerializer(source="*")
    policy_version = serializers.IntegerField()
    locale = serializers.CharField()
    created_at = serializers.DateTimeField()


class CookieConsentCreateView(APIView):
    # Anyone may record a choice, so per IP: each one is an evidence row kept for two years.
    throttle_classes = [ScopedIPThrottle]
    throttle_scope = "cookie_consent"

    @extend_schema(
        request=CookieConsentInputSerializer,
        responses={201: CookieConsentOutputSerializer},
        summary="Record a cookie choice (no account needed); keep the returned consent_id",
    )
    def post(self, request: Request) -> Response:
        serializer = CookieConsentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consent = cookie_consent_record(
            consent_id=data.get("consent_id"),
            **data["categories"],
            policy_version=data["policy_version"],
            locale=request.LANGUAGE_CODE,
            ip=minimised_client_ip(request),
            user=request.user,
        )
        return Response(CookieConsentOutputSerializer(consent).data, status=status.HTTP_201_CREATED)
