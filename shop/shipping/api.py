"""Shipping endpoints: the methods for a country, and pickup-point search."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.catalog.api import MoneySerializer
from shop.catalog.vat import COUNTRIES, country_for
from shop.core.http import query_params

from .models import Carrier, MethodKind, PickupPoint
from .pricing import shipping_methods_priced
from .selectors import pickup_points_search


class ShippingMethodSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    carrier = serializers.ChoiceField(choices=Carrier.choices)
    kind = serializers.ChoiceField(choices=MethodKind.choices)
    country = serializers.CharField()
    price = MoneySerializer()


class ShippingMethodListSerializer(serializers.Serializer):
    country = serializers.CharField()
    results = ShippingMethodSerializer(many=True)


class CountryQuerySerializer(serializers.Serializer):
    country = serializers.ChoiceField(choices=COUNTRIES, required=False, help_text="Default from the locale.")
    locale = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class ShippingMethodListView(APIView):
    @extend_schema(
        parameters=[CountryQuerySerializer],
        responses=ShippingMethodListSerializer,
        summary="Shipping methods to a country with their prices",
    )
    def get(self, request: Request) -> Response:
        country = country_for(
            locale=request.LANGUAGE_CODE, country=query_params(CountryQuerySerializer, request).get("country")
        )
        return Response({"country": country, "results": shipping_methods_priced(country=country)})


class PickupPointQuerySerializer(serializers.Serializer):
    carrier = serializers.ChoiceField(choices=Carrier.choices, required=False)
    country = serializers.ChoiceField(choices=COUNTRIES, required=False)
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Name, city, postcode, address"
    )


class PickupPointSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id", help_text="`<carrier>:<carrier's id>`; give it at checkout.")
    carrier = serializers.CharField()
    country = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    lat = serializers.FloatField(allow_null=True)
    lng = serializers.FloatField(allow_null=True)
    opening_hours = serializers.CharField()


class PickupPointListView(ListAPIView):
    serializer_class = PickupPointSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PickupPoint.objects.none()
        return pickup_points_search(**query_params(PickupPointQuerySerializer, self.request))

    @extend_schema(parameters=[PickupPointQuerySerializer], summary="Parcel lockers and pickup points")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
