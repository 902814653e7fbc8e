"""The shopper's own orders (``GET /api/v1/orders/``, ``/orders/{number}/``) and a guest's order
through the signed link of the confirmation email (``GET /api/v1/orders/lookup/?token=``)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.errors import NotFound

from .errors import OrderLookupInvalid
from .models import Order, OrderStatus
from .selectors import order_get_by_lookup_token, order_get_for_user, order_totals, orders_for_user


class OrderLineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_net = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit_price_gross = serializers.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    total_gross = serializers.DecimalField(max_digits=12, decimal_places=2)


class VatRowSerializer(serializers.Serializer):
    rate = serializers.CharField()
    net = serializers.CharField()
    vat = serializers.CharField()
    gross = serializers.CharField()


class TotalsSerializer(serializers.Serializer):
    """Totals of a cart, a checkout or an order: decimal strings, VAT included, one row per VAT
    rate in ``vat_breakdown`` (shipping at the standard rate)."""

    currency = serializers.CharField()
    items = serializers.CharField()
    shipping = serializers.CharField(allow_null=True)
    net = serializers.CharField()
    vat = serializers.CharField()
    grand_total = serializers.CharField()
    vat_breakdown = VatRowSerializer(many=True)


class OrderAddressSerializer(serializers.Serializer):
    line1 = serializers.CharField(source="address_line1")
    line2 = serializers.CharField(source="address_line2")
    postcode = serializers.CharField(source="address_postcode")
    city = serializers.CharField(source="address_city")
    country = serializers.CharField(source="address_country")


class OrderShippingSerializer(serializers.Serializer):
    method = serializers.CharField(source="shipping_method_code")
    carrier = serializers.CharField(source="shipping_carrier")
    kind = serializers.CharField(source="shipping_kind")
    pickup_point_id = serializers.CharField()
    pickup_point = serializers.CharField(source="pickup_point_label")
    address = serializers.SerializerMethodField()

    def get_address(self, order: Order) -> dict | None:
        return OrderAddressSerializer(order).data if order.address_line1 else None


class OrderContactSerializer(serializers.Serializer):
    first_name = serializers.CharField(source="contact_first_name")
    last_name = serializers.CharField(source="contact_last_name")
    email = serializers.CharField()
    phone = serializers.CharField()


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True, help_text="An unpaid order expires then.")
    paid_at = serializers.DateTimeField(allow_null=True)
    locale = serializers.CharField()
    contact = OrderContactSerializer(source="*")
    shipping = OrderShippingSerializer(source="*")
    totals = serializers.SerializerMethodField()
    refund_pending = serializers.BooleanField()
    lines = OrderLineSerializer(many=True)

    @extend_schema_field(TotalsSerializer)
    def get_totals(self, order: Order) -> dict:
        return order_totals(order)


class OrderListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        return orders_for_user(user=self.request.user)

    @extend_schema(summary="The signed-in shopper's orders, newest first")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class OrderDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OrderSerializer, summary="One of the signed-in shopper's orders")
    def get(self, request: Request, number: str) -> Response:
        order = order_get_for_user(user=request.user, number=number)
        if order is None:
            raise NotFound()
        return Response(OrderSerializer(order).data)


class OrderLookupView(APIView):
    """No sign-in: the signed token from the confirmation email is the key to one order."""

    authentication_classes: list = []

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True, description="From the order email's link.")],
        responses=OrderSerializer,
        summary="A guest's order through the signed link of its confirmation email",
    )
    def get(self, request: Request) -> Response:
        token = request.query_params.get("token", "")
        if not token:
            raise OrderLookupInvalid.on_field("token")
        order = order_get_by_lookup_token(token=token)
        if order is None:  # forged, mangled or unknown: as good as someone else's order
            raise NotFound()
        return Response(OrderSerializer(order).data)
