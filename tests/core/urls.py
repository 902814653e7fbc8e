"""Test-only views that raise each kind of error, mounted beside the real URLs."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import include, path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from config.urls import urlpatterns as real_urlpatterns
from shop.core.errors import Conflict


class EchoSerializer(serializers.Serializer):
    email = serializers.EmailField()
    quantity = serializers.IntegerField(min_value=1)


class ValidateView(APIView):
    def post(self, request):
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class DjangoValidationView(APIView):
    def get(self, request):
        raise DjangoValidationError({"postcode": ["Enter a valid postcode."]})


class ForbiddenView(APIView):
    def get(self, request):
        raise DjangoPermissionDenied


class DomainErrorView(APIView):
    def get(self, request):
        raise Conflict("Only 2 left in stock.", details={"available": 2})


class OneRequestPerDayThrottle(AnonRateThrottle):
    rate = "1/day"
    scope = "test"


class ThrottledView(APIView):
    throttle_classes = [OneRequestPerDayThrottle]

    def get(self, request):
        return Response({"ok": True})


class CrashView(APIView):
    def get(self, request):
        raise RuntimeError("a real bug")


test_patterns = [
    path("validate/", ValidateView.as_view()),
    path("django-validation/", DjangoValidationView.as_view()),
    path("forbidden/", ForbiddenView.as_view()),
    path("domain-error/", DomainErrorView.as_view()),
    path("throttled/", ThrottledView.as_view()),
    path("crash/", CrashView.as_view()),
]

urlpatterns = [path("api/v1/test/", include(test_patterns)), *real_urlpatterns]

handler400 = "shop.core.views.bad_request"
handler403 = "shop.core.views.permission_denied"
handler404 = "shop.core.views.page_not_found"
handler500 = "shop.core.views.server_error"
