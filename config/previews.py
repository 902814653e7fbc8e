"""``GET /api/v1/previews/<token>/``: the draft an editor is previewing, for the storefront's
``/preview/<token>`` route. Only the editor who opened the preview can read it; anyone else, and an
expired token, get 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.preview import preview_get
from shop.catalog.api import ImageSerializer, MoneySerializer


class PreviewSerializer(serializers.Serializer):
    page_type = serializers.ChoiceField(choices=[("policy", "policy"), ("product", "product")])
    locale = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    body_html = serializers.CharField(allow_blank=True)
    policy_kind = serializers.CharField(allow_null=True, help_text="privacy, terms or cookies for a policy")
    images = ImageSerializer(many=True)
    price = MoneySerializer(allow_null=True, help_text="Finnish VAT today, for a product")
    in_stock = serializers.BooleanField(allow_null=True)


class PreviewView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PreviewSerializer, summary="A draft page an editor is previewing in the storefront")
    def get(self, request: Request, token: str) -> Response:
        payload = preview_get(token=token, user_id=request.user.pk)
        if payload is None:
            raise NotFound()
        return Response(PreviewSerializer(payload).data)
