"""The shopper's own orders: ``GET /api/v1/orders/`` and ``GET /api/v1/orders/{number}/``."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.errors import NotFound

from .models import Order
from .selectors import order_get_for_user, orders_for_user


class OrderLineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price_gross = serializers.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    total_gross = serializers.DecimalField(max_digits=12, decimal_places=2)


class OrderTotalsSerializer(serializers.Serializer):
    net = serializers.DecimalField(max_digits=12, decimal_places=2, source="total_net")
    vat = serializers.DecimalField(max_digits=12, decimal_places=2, source="total_vat")
    gross = serializers.DecimalField(max_digits=12, decimal_places=2, source="total_gross")
    currency = serializers.CharField()


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    shipping_method = serializers.CharField(source="shipping_method_code")
    pickup_point_id = serializers.CharField()
    totals = OrderTotalsSerializer(source="*")
    refund_pending = serializers.BooleanField()
    lines = OrderLineSerializer(many=True)


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
