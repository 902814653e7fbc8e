"""Wishlist ("loved items") and recently viewed, for signed-in shoppers only. Anonymous clients
get 401 ``authentication_required``, which a frontend turns into "create a free account to save
loved items". Product data comes from the catalogue selectors, localised like the product list."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.catalog.api import CountryQuerySerializer, ProductCardSerializer
from shop.catalog.selectors import product_cards_by_id
from shop.catalog.vat import country_for, today
from shop.core.http import ID_MAX
from shop.core.pagination import PaginatedAPIView

from . import selectors, services


class SavedItemSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    added_at = serializers.DateTimeField()


class WishlistItemSerializer(SavedItemSerializer):
    product = ProductCardSerializer(allow_null=True, help_text="null when the product has no live page")


class RecentlyViewedItemSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    viewed_at = serializers.DateTimeField()
    product = ProductCardSerializer(allow_null=True)


class RecentlyViewedInputSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, help_text="One product just viewed."
    )
    product_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        required=False,
        max_length=100,
        help_text="The list an anonymous browser kept, newest first, merged once after sign-in.",
    )

    openapi_schema_extra = {"oneOf": [{"required": ["product_id"]}, {"required": ["product_ids"]}]}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("product_id" in attrs) == ("product_ids" in attrs):
            raise serializers.ValidationError(_("Send either product_id or product_ids."))
        return attrs


class _SavedProductsView(PaginatedAPIView):
    """A page of the user's rows (product id and a timestamp) with localised product cards."""

    permission_classes = [IsAuthenticated]
    item_serializer: type[serializers.Serializer]
    timestamp: str  # the model field
    key: str  # its name in the response

    def page_response(self, request: Request, queryset: Any) -> Response:
        params = CountryQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        locale = request.LANGUAGE_CODE
        country = country_for(locale=locale, country=params.validated_data.get("country"))

        def serialize(rows: list[dict[str, Any]]) -> Any:
            ids = [row["product_id"] for row in rows]
            cards = product_cards_by_id(product_ids=ids, locale=locale, country=country, on=today())
            items = [
                {
                    "product_id": row["product_id"],
                    self.key: row[self.timestamp],
                    "product": cards.get(row["product_id"]),
                }
                for row in rows
            ]
            return self.item_serializer(items, many=True).data

        return self.paginated_response(queryset.values("product_id", self.timestamp), serialize)


class WishlistView(_SavedProductsView):
    item_serializer = WishlistItemSerializer
    timestamp = "created_at"
    key = "added_at"

    @extend_schema(
        parameters=[CountryQuerySerializer],
        responses=WishlistItemSerializer(many=True),
        summary="The signed-in shopper's saved products, newest first",
    )
    def get(self, request: Request) -> Response:
        return self.page_response(request, selectors.wishlist_items(user=request.user))


class WishlistItemView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: SavedItemSerializer, 201: SavedItemSerializer},
        summary="Save a product (idempotent: 201 the first time, 200 after)",
    )
    def put(self, request: Request, product_id: int) -> Response:
        item, created = services.wishlist_add(user=request.user, product_id=product_id)
        data = {"product_id": item.product_id, "added_at": item.created_at}
        return Response(
            SavedItemSerializer(data).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=None, responses={204: None}, summary="Forget a saved product (idempotent)")
    def delete(self, request: Request, product_id: int) -> Response:
        services.wishlist_remove(user=request.user, product_id=product_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecentlyViewedView(_SavedProductsView):
    item_serializer = RecentlyViewedItemSerializer
    timestamp = key = "viewed_at"

    @extend_schema(
        parameters=[CountryQuerySerializer],
        responses=RecentlyViewedItemSerializer(many=True),
        summary="The signed-in shopper's recently viewed products (newest first, at most 20)",
    )
    def get(self, request: Request) -> Response:
        return self.page_response(request, selectors.recently_viewed_items(user=request.user))

    @extend_schema(
        request=RecentlyViewedInputSerializer,
        parameters=[CountryQuerySerializer],
        responses=RecentlyViewedItemSerializer(many=True),
        summary="Record a view, or merge an anonymous list once after sign-in; returns the list",
    )
    def post(self, request: Request) -> Response:
        serializer = RecentlyViewedInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "product_id" in data:
            services.recently_viewed_add(user=request.user, product_id=data["product_id"])
        else:
            services.recently_viewed_merge(user=request.user, product_ids=data["product_ids"])
        return self.page_response(request, selectors.recently_viewed_items(user=request.user))
