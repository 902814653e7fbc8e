"""``/me/addresses/``: the signed-in user's address book."""

from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Address, Country
from ..selectors import addresses_for_user
from ..services.addresses import address_create, address_delete, address_update


class AddressSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    line1 = serializers.CharField(max_length=200)
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10)
    city = serializers.CharField(max_length=100)
    country = serializers.ChoiceField(choices=Country.choices)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    created_at = serializers.DateTimeField(read_only=True)


class AddressViewSet(viewsets.GenericViewSet):
    """The signed-in user's address book. Other people's addresses do not exist here (404)."""

    permission_classes = [IsAuthenticated]
    serializer_class = AddressSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Address.objects.none()
        return addresses_for_user(user=self.request.user)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AddressSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(AddressSerializer(self.get_object()).data)

    def create(self, request: Request) -> Response:
        serializer = AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = address_create(user=request.user, data=serializer.validated_data)
        return Response(AddressSerializer(address).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        address: Address = self.get_object()
        serializer = AddressSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        address = address_update(address=address, data=serializer.validated_data)
        return Response(AddressSerializer(address).data)

    def destroy(self, request: Request, pk: str) -> Response:
        address_delete(address=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
