"""``POST /api/v1/checkout/`` and the payment providers' webhook."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from policies.api import AcknowledgementInputSerializer
from shop.core.ip import minimised_client_ip
from shop.orders.api import TotalsSerializer
from shop.orders.selectors import order_totals
from shop.orders.services import order_lookup_url
from shop.payments.providers import SIGNATURE_HEADER

from .errors import IdempotencyKeyRequired
from .services import (
    Acknowledgement,
    Address,
    CheckoutInput,
    Contact,
    checkout_place,
    payment_webhook_handle,
    request_fingerprint,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"


class ContactSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    phone = PhoneNumberField(help_text="E.164, e.g. +37251234567; the carrier texts it.")


class DeliveryAddressSerializer(serializers.Serializer):
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    postcode = serializers.RegexField(r"^[0-9]{5}$", help_text="EE and FI postcodes have five digits.")
    city = serializers.CharField(max_length=100)
    country = serializers.ChoiceField(choices=["EE", "FI"])


class ShippingInputSerializer(serializers.Serializer):
    method = serializers.CharField(max_length=64)
    pickup_point_id = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    address = DeliveryAddressSerializer(required=False, allow_null=True, default=None)


class CheckoutInputSerializer(serializers.Serializer):
    cart_token = serializers.CharField(max_length=64)
    contact = ContactSerializer()
    shipping = ShippingInputSerializer()
    payment_method = serializers.CharField(max_length=32, help_text="A payment provider, e.g. `test-bank`.")
    expected_total = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    acknowledgements = AcknowledgementInputSerializer(many=True, required=False, default=list)


class PaymentOutputSerializer(serializers.Serializer):
    provider = serializers.CharField()
    payment_id = serializers.CharField()
    redirect_url = serializers.CharField()


class CheckoutOutputSerializer(serializers.Serializer):
    order_number = serializers.CharField()
    status = serializers.CharField()
    payment = PaymentOutputSerializer()
    totals = TotalsSerializer()
    order_url = serializers.CharField(help_text="The storefront's page of the order (a signed link for guests).")


def _input(data: dict) -> CheckoutInput:
    shipping = data["shipping"]
    address = shipping.get("address")
    return CheckoutInput(
        cart_token=data["cart_token"],
        contact=Contact(**{**data["contact"], "phone": str(data["contact"]["phone"])}),
        shipping_method=shipping["method"],
        pickup_point_id=shipping.get("pickup_point_id", ""),
        address=Address(**address) if address else None,
        payment_method=data["payment_method"],
        expected_total=data["expected_total"],
        acknowledgements=[Acknowledgement(**ack) for ack in data.get("acknowledgements", [])],
    )


class CheckoutView(APIView):
    @extend_schema(
        request=CheckoutInputSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                {"type": "string", "maxLength": 255, "pattern": r"\S"},
                OpenApiParameter.HEADER,
                required=True,
                description="Any unique string (up to 255 characters, not blank), e.g. a UUID made per order attempt.",
            )
        ],
        responses={201: CheckoutOutputSerializer},
        summary="Place the order for a cart and start its payment; the same Idempotency-Key gives the same order",
    )
    def post(self, request: Request) -> Response:
        key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
        if not key or len(key) > 255:
            raise IdempotencyKeyRequired()
        data = CheckoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = checkout_place(
            key=key,
            request_hash=request_fingerprint(request.data),
            data=_input(data.validated_data),
            user=request.user if request.user.is_authenticated else None,
            locale=request.LANGUAGE_CODE,
            ip=minimised_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        order = result.order
        body = {
            "order_number": order.number,
            "status": order.status,
            "payment": {
                "provider": result.payment.provider,
                "payment_id": result.payment.payment_id,
                "redirect_url": result.start.redirect_url,
            },
            "totals": order_totals(order, lines=result.lines),
            "order_url": order_lookup_url(order=order),
        }
        return Response(body, status=status.HTTP_201_CREATED)


class WebhookOutputSerializer(serializers.Serializer):
    received = serializers.BooleanField()
    duplicate = serializers.BooleanField(help_text="A replayed event: nothing changed.")
    order_status = serializers.CharField()


class PaymentWebhookView(APIView):
    """Signed by the provider (``X-Xmi-Signature``), so no session, token or CSRF applies."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        request={"application/json": {"type": "object"}},
        parameters=[OpenApiParameter(SIGNATURE_HEADER, str, OpenApiParameter.HEADER, required=True)],
        responses=WebhookOutputSerializer,
        summary="Payment provider callback (HMAC-SHA256 signed); replays change nothing",
    )
    def post(self, request: Request, provider: str) -> Response:
        outcome = payment_webhook_handle(
            provider=provider, body=request.body, signature=request.headers.get(SIGNATURE_HEADER, "")
        )
        return Response(outcome)
