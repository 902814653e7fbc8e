"""Policy endpoints (public) and acknowledgements (signed in); see API.md."""

from typing import Any, ClassVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.core.errors import InvalidInput
from shop.core.http import INT_MAX, JsonReadView, render_json, rendered_json_response
from shop.core.ip import minimised_client_ip
from shop.core.pagination import PaginatedAPIView

from .diff import diff_blocks, diff_html, diff_summary
from .errors import DiffLocaleUnavailable, PolicyNotFound
from .models import PolicyKind, ReceiptContext
from .selectors import (
    me_policy_status,
    policy_current_cache_key,
    policy_current_list,
    policy_current_number_served,
    policy_current_payload,
    policy_kind_check,
    policy_text_as_dict,
    policy_text_get,
    policy_version_served_text,
    policy_versions,
    receipt_as_dict,
    receipt_for_user,
    receipts_for_user,
)
from .services import policy_acknowledge
from .signing import NotAJws, verify

#: A frozen version never changes: its rendered response may stay in the cache for a day.
CURRENT_CACHE_TIMEOUT = 24 * 60 * 60

LOCALE_PARAM = OpenApiParameter("locale", str, enum=["fi", "et", "en"], description="else Accept-Language, else fi")


class PolicyTextOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PolicyKind.choices)
    version = serializers.IntegerField()
    locale = serializers.CharField(help_text="The locale of the text served (the default locale on fallback).")
    fallback = serializers.BooleanField(help_text="True when the requested locale has no text of this version.")
    title = serializers.CharField()
    body_html = serializers.CharField()
    sha256 = serializers.CharField(help_text="SHA-256 of exactly body_html (UTF-8).")
    published_at = serializers.DateTimeField()
    effective_from = serializers.DateField()
    change_type = serializers.ChoiceField(choices=["material", "editorial"])
    change_summary = serializers.CharField(allow_blank=True)
    translation_outdated = serializers.BooleanField(
        help_text="The default locale changed materially after this translation was last published."
    )


def _served(response: Response, payload: dict[str, Any]) -> Response:
    response["Content-Language"] = payload["locale"]
    return response


class PolicyListView(PaginatedAPIView):
    @extend_schema(
        parameters=[LOCALE_PARAM],
        responses=PolicyTextOutputSerializer(many=True),
        summary="The current version of every policy kind",
    )
    def get(self, request: Request) -> Response:
        items = policy_current_list(locale=request.LANGUAGE_CODE)
        return self.paginated_response(items, lambda page: PolicyTextOutputSerializer(page, many=True).data)


class PolicyCurrentView(JsonReadView):
    """The version in force, frozen: its ``sha256`` is what an acknowledgement must quote. The
    ``ETag`` changes with each publish, so ``If-None-Match`` answers 304 until then."""

    # Public and the same for everyone: no authentication to run (a token sent along is ignored).
    authentication_classes: ClassVar[list] = []
    conditional_get = True  # ETag and If-None-Match (shop.core.schema documents the 304)

    current_number: int | None = None  # read once per request: ``get`` uses it on a cache miss

    def cached_answer(self, request: Any, kind: str = "", **kwargs: Any) -> HttpResponse | None:
        # The frozen answer of the version in force, when the cache has it: the same bytes and
        # headers ``get`` sends (tested).
        if kind not in PolicyKind.values:
            return None
        try:
            self.current_number = policy_current_number_served(kind=kind)
        except PolicyNotFound:
            return None
        rendered = cache.get(
            policy_current_cache_key(kind=kind, version=self.current_number, locale=request.LANGUAGE_CODE)
        )
        return rendered_json_response(request, rendered, cache_control="no-cache") if rendered else None

    @extend_schema(
        parameters=[LOCALE_PARAM], responses=PolicyTextOutputSerializer, summary="The current version of one policy"
    )
    def get(self, request: Request, kind: str) -> HttpResponse:
        # Every signup and every policy link reads this: the current number (memoised for a second
        # per process), then that frozen version's response, rendered once per locale and cached.
        locale = request.LANGUAGE_CODE
        number = self.current_number or policy_current_number_served(kind=policy_kind_check(kind))
        key = policy_current_cache_key(kind=kind, version=number, locale=locale)
        rendered = cache.get(key)
        if rendered is None:
            payload = policy_current_payload(kind=kind, locale=locale, version=number)
            etag = f'"{kind}-v{number}-{locale}-{payload["sha256"][:24]}"'
            data = PolicyTextOutputSerializer(payload).data
            rendered = render_json(data, content_language=payload["locale"], etag=etag)
            cache.set(key, rendered, CURRENT_CACHE_TIMEOUT)
        return rendered_json_response(request, rendered, cache_control="no-cache")


class PolicyVersionListView(PaginatedAPIView):
    @extend_schema(
        parameters=[LOCALE_PARAM],
        responses=PolicyTextOutputSerializer(many=True),
        summary="The archive of published versions, newest first",
    )
    def get(self, request: Request, kind: str) -> Response:
        locale = request.LANGUAGE_CODE

        def serialize(versions: list) -> Any:
            items = [policy_version_served_text(version, locale=locale) for version in versions]
            return PolicyTextOutputSerializer([item for item in items if item], many=True).data

        return self.paginated_response(policy_versions(kind=policy_kind_check(kind), locale=locale), serialize)


class PolicyVersionDetailView(APIView):
    @extend_schema(parameters=[LOCALE_PARAM], responses=PolicyTextOutputSerializer, summary="One frozen version")
    def get(self, request: Request, kind: str, version: int) -> Response:
        text, fallback = policy_text_get(kind=policy_kind_check(kind), version=version, locale=request.LANGUAGE_CODE)
        data = PolicyTextOutputSerializer(policy_text_as_dict(text, fallback=fallback)).data
        # A frozen version never changes (the locale is part of the URL or of Vary).
        headers = {"Cache-Control": "public, max-age=31536000, immutable"}
        return _served(Response(data, headers=headers), data)


class _FromFieldMixin:
    """``from`` is a Python keyword: declare ``from_`` and expose it as ``from``."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class DiffQuerySerializer(_FromFieldMixin, serializers.Serializer):
    from_ = serializers.IntegerField(min_value=1, max_value=INT_MAX)
    to = serializers.IntegerField(min_value=1, max_value=INT_MAX)


class DiffSideSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    locale = serializers.CharField()
    fallback = serializers.BooleanField()
    sha256 = serializers.CharField()
    title = serializers.CharField()


class DiffChangeSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class DiffBlockSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["unchanged", "added", "removed", "changed"])
    type = serializers.CharField()
    text = serializers.CharField(help_text="The block's text in the newer version (older, when removed).")
    old_type = serializers.CharField(required=False)
    old_text = serializers.CharField(required=False)
    changes = DiffChangeSerializer(many=True, required=False)


class DiffOutputSerializer(_FromFieldMixin, serializers.Serializer):
    kind = serializers.CharField()
    locale = serializers.CharField()
    from_ = DiffSideSerializer()
    to = DiffSideSerializer()
    summary = inline_serializer(
        "PolicyDiffSummary",
        {
            "added": serializers.IntegerField(),
            "removed": serializers.IntegerField(),
            "changed": serializers.IntegerField(),
        },
    )
    blocks = DiffBlockSerializer(many=True)
    html = serializers.CharField(help_text="The newer text with <ins>/<del> marking what changed.")


class PolicyDiffView(APIView):
    @extend_schema(
        parameters=[
            LOCALE_PARAM,
            DiffQuerySerializer,
        ],
        responses=DiffOutputSerializer,
        summary="What changed between two versions, block by block and word by word",
    )
    def get(self, request: Request, kind: str) -> Response:
        query = DiffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        locale = request.LANGUAGE_CODE
        kind = policy_kind_check(kind)
        old, old_fallback = policy_text_get(kind=kind, version=query.validated_data["from"], locale=locale)
        new, new_fallback = policy_text_get(kind=kind, version=query.validated_data["to"], locale=locale)
        if old.locale != new.locale:
            # One side is this language, the other a fallback to the default: never compare two languages.
            raise DiffLocaleUnavailable()
        blocks = diff_blocks(old.blocks, new.blocks)

        def side(text: Any, fallback: bool) -> dict[str, Any]:
            return {
                "version": text.version.version,
                "locale": text.locale,
                "fallback": fallback,
                "sha256": text.sha256,
                "title": text.title,
            }

        data = {
            "kind": kind,
            "locale": new.locale,
            "from": side(old, old_fallback),
            "to": side(new, new_fallback),
            "summary": diff_summary(blocks),
            "blocks": blocks,
            "html": diff_html(blocks),
        }
        headers = {"Cache-Control": "public, max-age=31536000, immutable"}
        response = Response(DiffOutputSerializer(data).data, headers=headers)
        response["Content-Language"] = new.locale
        return response


class MePolicyStatusSerializer(serializers.Serializer):
    kind = serializers.CharField()
    current_version = serializers.IntegerField()
    acknowledged_version = serializers.IntegerField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    action_required = serializers.BooleanField()
    diff_url = serializers.CharField(allow_null=True, help_text="From the acknowledged to the current version.")


class MePoliciesView(PaginatedAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[LOCALE_PARAM],
        responses=MePolicyStatusSerializer(many=True),
        summary="Per policy kind: what I acknowledged and whether I must acknowledge again",
    )
    def get(self, request: Request) -> Response:
        items = me_policy_status(user=request.user, locale=request.LANGUAGE_CODE)
        return self.paginated_response(items, lambda page: MePolicyStatusSerializer(page, many=True).data)


class AcknowledgementInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PolicyKind.choices)
    version = serializers.IntegerField(min_value=1, max_value=INT_MAX)
    locale = serializers.ChoiceField(choices=settings.LANGUAGES)
    sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$")


class ReceiptOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    version = serializers.IntegerField()
    locale = serializers.CharField()
    sha256 = serializers.CharField()
    context = serializers.ChoiceField(choices=ReceiptContext.choices)
    created_at = serializers.DateTimeField()
    jws = serializers.CharField(
        help_text="The signed receipt (compact JWS, EdDSA): keep it; anyone can verify it with the published keys."
    )


class AcknowledgementsView(PaginatedAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ReceiptOutputSerializer(many=True), summary="My policy receipts, newest first")
    def get(self, request: Request) -> Response:
        return self.paginated_response(
            receipts_for_user(user=request.user),
            lambda page: ReceiptOutputSerializer([receipt_as_dict(receipt) for receipt in page], many=True).data,
        )

    @extend_schema(
        request=AcknowledgementInputSerializer,
        responses={201: ReceiptOutputSerializer},
        summary="Acknowledge the current version of a policy (409 policy_version_not_current if stale)",
    )
    def post(self, request: Request) -> Response:
        data = AcknowledgementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = policy_acknowledge(
            user=request.user,
            **data.validated_data,
            context=ReceiptContext.REPROMPT,
            ip=minimised_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        return Response(ReceiptOutputSerializer(receipt_as_dict(receipt)).data, status=status.HTTP_201_CREATED)


class AcknowledgementDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ReceiptOutputSerializer, summary="One of my receipts, with its signed JWS")
    def get(self, request: Request, receipt_id: int) -> Response:
        receipt = receipt_for_user(user=request.user, receipt_id=receipt_id)
        return Response(ReceiptOutputSerializer(receipt_as_dict(receipt)).data)


class VerifyInputSerializer(serializers.Serializer):
    jws = serializers.CharField(max_length=20_000, trim_whitespace=True)


class VerifyOutputSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    kid = serializers.CharField(allow_null=True)
    reason = serializers.CharField(
        allow_blank=True, help_text="Why it is not valid: unknown_key, bad_signature, unsupported_algorithm."
    )
    receipt = serializers.DictField(allow_null=True, help_text="The signed payload (Kantara Consent Receipt 1.1).")
    version_url = serializers.CharField(allow_null=True, help_text="The frozen policy text the receipt refers to.")


class ReceiptVerifyView(APIView):
    """Anyone may check a receipt (no login): the shopper, a regulator, a court."""

    authentication_classes: ClassVar[list] = []
    permission_classes: ClassVar[list] = []

    @extend_schema(
        request=VerifyInputSerializer,
        responses=VerifyOutputSerializer,
        summary="Verify a signed receipt against the published keys",
    )
    def post(self, request: Request) -> Response:
        data = VerifyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = verify(data.validated_data["jws"])
        except NotAJws as err:
            raise InvalidInput.on_field("jws") from err
        payload = result.payload or {}
        url = payload.get("policyUrl") if result.valid and isinstance(payload.get("policyUrl"), str) else None
        body = {
            "valid": result.valid,
            "kid": result.kid,
            "reason": result.reason,
            "receipt": payload if result.valid else None,
            "version_url": url,
        }
        return Response(VerifyOutputSerializer(body).data)
