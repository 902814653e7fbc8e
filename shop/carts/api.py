"""Cart endpoints. The token in the path is the key to an anonymous cart; a signed-in shopper's
own cart answers only to them (anybody else gets 404)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.catalog.vat import COUNTRIES, country_for
from shop.core.http import query_params, render_json, rendered_json_response
from shop.orders.api import TotalsSerializer
from shop.shipping.errors import ShippingMethodInvalid
from shop.shipping.pricing import shipping_price
from shop.shipping.selectors import shipping_method_get

from .errors import CartNotFound
from .models import Cart
from .selectors import cart_get, cart_view, cart_view_cache_key
from .services import cart_add_line, cart_create, cart_delete_line, cart_update_line

MAX_QUANTITY = 999
# Seconds a rendered cart answer stays in the cache (its key changes with everything in it).
CART_CACHE_TIMEOUT = 600


class CartQuerySerializer(serializers.Serializer):
    country = serializers.ChoiceField(choices=COUNTRIES, required=False, help_text="Destination; default from locale.")
    shipping_method = serializers.CharField(required=False, max_length=64, help_text="Add this method's price.")
    locale = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class LineInputSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)


class QuantityInputSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY)

    # PATCH validates the whole body (not partial): the schema must say quantity is required.
    openapi_schema_extra = {"required": ["quantity"]}


class UnitPriceSerializer(serializers.Serializer):
    gross = serializers.CharField()
    net = serializers.CharField()
    vat_rate = serializers.CharField(allow_null=True)
    currency = serializers.CharField()


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    sku = serializers.CharField()
    title = serializers.CharField()
    slug = serializers.CharField()
    image_url = serializers.CharField()
    quantity = serializers.IntegerField()
    available = serializers.IntegerField(help_text="How many can be bought now (0: not sold to this country).")
    unit_price = UnitPriceSerializer()
    total_gross = serializers.CharField()


class CartSerializer(serializers.Serializer):
    token = serializers.CharField()
    country = serializers.CharField()
    lines = CartLineSerializer(many=True)
    totals = TotalsSerializer()


def _view(request: Request, cart: Cart) -> dict:
    query = query_params(CartQuerySerializer, request)
    country = country_for(locale=request.LANGUAGE_CODE, country=query.get("country"))
    shipping = None
    method_code = query.get("shipping_method")
    if method_code:
        method = shipping_method_get(code=method_code, country=country)
        if method is None:
            raise ShippingMethodInvalid.on_field("shipping_method")
        shipping = shipping_price(net=method.net_price, country=country)
    return cart_view(cart=cart, country=country, locale=request.LANGUAGE_CODE, shipping=shipping)


def _render(request: Request, cart: Cart, *, code: int = status.HTTP_200_OK) -> Response:
    return Response(_view(request, cart), status=code)


def _render_cached(request: Request, cart: Cart) -> HttpResponse:
    """A cart read: the answer rendered once per state of everything it is made of (see
    ``cart_view_cache_key``) and kept in the cache, with an ETag for conditional GETs. Storefronts
    read the cart on every page (its count is in the header); it changes far less often."""
    query = query_params(CartQuerySerializer, request)
    key = cart_view_cache_key(
        cart=cart,
        country=country_for(locale=request.LANGUAGE_CODE, country=query.get("country")),
        locale=request.LANGUAGE_CODE,
        shipping_method=query.get("shipping_method") or "",
    )
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_json(_view(request, cart), content_language=request.LANGUAGE_CODE)
        cache.set(key, rendered, CART_CACHE_TIMEOUT)
    return rendered_json_response(request, rendered, cache_control="private, no-cache")


def _cart(request: Request, token: str) -> Cart:
    cart = cart_get(token=token, user=request.user)
    if cart is None:
        raise CartNotFound()
    return cart


class CartCreateView(APIView):
    @extend_schema(
        request=None,
        parameters=[CartQuerySerializer],
        responses={201: CartSerializer},
        summary="A new cart (a signed-in shopper gets their one persistent cart)",
    )
    def post(self, request: Request) -> Response:
        return _render(request, cart_create(user=request.user), code=status.HTTP_201_CREATED)


class CartDetailView(APIView):
    conditional_get = True  # ETag and If-None-Match (shop.core.schema documents the 304)

    @extend_schema(parameters=[CartQuerySerializer], responses=CartSerializer, summary="A cart with prices and totals")
    def get(self, request: Request, token: str) -> HttpResponse:
        return _render_cached(request, _cart(request, token))


class CartLinesView(APIView):
    @extend_schema(
        request=LineInputSerializer,
        parameters=[CartQuerySerializer],
        responses={201: CartSerializer},
        summary="Add a product (to its line, if the cart has one); 409 insufficient_stock",
    )
    def post(self, request: Request, token: str) -> Response:
        cart = _cart(request, token)
        data = LineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cart_add_line(cart=cart, **data.validated_data)
        return _render(request, cart, code=status.HTTP_201_CREATED)


class CartLineView(APIView):
    @extend_schema(
        request=QuantityInputSerializer,
        parameters=[CartQuerySerializer],
        responses=CartSerializer,
        summary="Change a line's quantity; 409 insufficient_stock",
    )
    def patch(self, request: Request, token: str, line_id: int) -> Response:
        cart = _cart(request, token)
        data = QuantityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cart_update_line(cart=cart, line_id=line_id, quantity=data.validated_data["quantity"])
        return _render(request, cart)

    @extend_schema(parameters=[CartQuerySerializer], responses={200: CartSerializer}, summary="Remove a line")
    def delete(self, request: Request, token: str, line_id: int) -> Response:
        cart = _cart(request, token)
        cart_delete_line(cart=cart, line_id=line_id)
        return _render(request, cart)
