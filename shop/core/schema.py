"""drf-spectacular customisation: the schema documents our ``/api/v1/`` API only (Wagtail's v2 API
and the admin are out of its scope and make spectacular log errors when walked), and every
operation lists the error responses it can give, each with the one error envelope, so that a
generated client gets typed errors."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions, serializers


def only_api_v1(endpoints: list[tuple[str, str, str, Any]], **kwargs: Any) -> list[tuple[str, str, str, Any]]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable, snake_case: what a client branches on.")
    message = serializers.CharField(help_text="Human text in the request's locale.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation errors only: messages per request field (nested fields as dotted names).",
    )
    details = serializers.DictField(
        required=False,
        help_text=(
            "Data a client acts on, for a few domain errors: `current` (the policy versions to acknowledge) "
            "for policy_acknowledgement_required; `kind` and `current_version` for policy_version_not_current; "
            "`kind`, `version` and `locale` for policy_hash_mismatch; `available` for insufficient_stock."
        ),
    )


class ErrorEnvelopeSerializer(serializers.Serializer):
    """The one error envelope: ``{"error": {"code", "message", "fields"?, "details"?}}``."""

    error = ErrorSerializer()


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input (`validation_error` with `fields`, `malformed_request`, `unsupported_locale`, ...)",
    "401": "Not signed in (`authentication_required`) or a bad token (`authentication_failed`)",
    "403": "Not allowed (`permission_denied`, `csrf_failed`)",
    "404": "No such resource, or not yours (`not_found` and domain-specific codes)",
    "409": "Conflicts with the current state (domain-specific codes)",
    "413": "Request body too large (`request_too_large`)",
    "415": "Not JSON (`unsupported_media_type`)",
    "429": "Too many requests (`throttled`); see the Retry-After header",
}


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of an answer you hold: 304 without a body while it is still current.",
)


class AutoSchema(SpectacularAutoSchema):
    """Adds the 4xx responses an operation can give, all with the ``ErrorEnvelope`` component, and
    for a GET whose view sets ``conditional_get = True`` (ETag and If-None-Match) the
    ``If-None-Match`` header and the 304."""

    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        if self.method == "GET" and getattr(self.view, "conditional_get", False):
            parameters = [*parameters, IF_NONE_MATCH]
        return parameters

    def _error_statuses(self) -> list[str]:
        statuses = ["400"]  # every operation reads ?locale=
        if self.view.get_authenticators():
            statuses.append("401")  # any request may carry a bad or expired token
        is_public = all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())
        if not is_public or self.method in UNSAFE_METHODS:
            statuses.append("403")
        statuses.append("404")  # a page past the last, an unknown or someone else's object
        if self.method in UNSAFE_METHODS:
            statuses.append("409")
        if self.method in {"POST", "PUT", "PATCH"}:
            statuses += ["413", "415"]
        if self.view.get_throttles():
            statuses.append("429")
        return statuses

    def _map_serializer(self, serializer: Any, direction: str, bypass_extensions: bool = False) -> dict[str, Any]:
        """A serializer's ``openapi_schema_extra`` (keywords a ``validate()`` enforces that fields
        cannot express, e.g. "one of these two") joins its request schema."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        extra = getattr(serializer, "openapi_schema_extra", None)
        if extra and direction == "request":
            schema = {**schema, **extra}
        return schema

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        """A body whose serializer demands one field or another (``openapi_schema_extra``) is required."""
        body = super()._get_request_body(direction)
        if body and getattr(self.get_request_serializer(), "openapi_schema_extra", None):
            body["required"] = True
        return body

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> dict[str, Any]:
        """A decimal given as a JSON or query number has at most ``decimal_places`` decimals; DRF's
        text fields refuse the NUL character (ProhibitNullCharactersValidator), so their input
        schema says so."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and schema.get("type") == "string"
            and not {"pattern", "format", "enum"} & set(schema)
        ):
            schema["pattern"] = "^[^\\x00]*$"
        if (
            isinstance(field, serializers.DecimalField)
            and field.decimal_places is not None
            and schema.get("type") == "number"
        ):
            schema["multipleOf"] = float(Decimal(1).scaleb(-field.decimal_places))
        return schema

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        if self.method == "GET" and getattr(self.view, "conditional_get", False):
            responses.setdefault("304", {"description": "Not modified: the If-None-Match ETag is still current."})
        envelope = self.resolve_serializer(ErrorEnvelopeSerializer, "response").ref
        for status in self._error_statuses():
            responses.setdefault(
                status,
                {"description": ERROR_DESCRIPTIONS[status], "content": {"application/json": {"schema": envelope}}},
            )
        return responses


def shared_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the error responses AutoSchema added are the same everywhere, so they
    become ``components/responses/Error<status>`` and each operation refers to them."""
    envelope = {"$ref": "#/components/schemas/ErrorEnvelope"}
    shared = result["components"].setdefault("responses", {})
    for path_item in result["paths"].values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                if (
                    response.get("description") == ERROR_DESCRIPTIONS.get(status)
                    and response.get("content", {}).get("application/json", {}).get("schema") == envelope
                ):
                    shared[f"Error{status}"] = response
                    operation["responses"][status] = {"$ref": f"#/components/responses/Error{status}"}
    result["components"]["responses"] = dict(sorted(shared.items()))
    return result


def blank_query_means_absent(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: DRF reads an empty optional query parameter (``?country=``) as one not
    given, so the schema allows it: no ``minLength``, and ``""`` among the choices. (Not
    ``?locale=``: the locale middleware reads it before DRF, and a blank one is a 400.)"""
    for path_item in result["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if (
                    parameter.get("in") != "query"
                    or parameter.get("required")
                    or parameter["name"] == "locale"
                    or schema.get("minLength") != 1  # only serializer fields, which DRF reads
                ):
                    continue
                del schema["minLength"]
                if "enum" in schema and "" not in schema["enum"]:
                    schema["enum"] = [*schema["enum"], ""]
    return result


def request_strings_within_limits(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the JSON parser refuses any string longer than API_MAX_STRING_LENGTH
    (shop/core/api.py), so no request string may be documented as longer."""
    limit = settings.API_MAX_STRING_LENGTH

    def cap(schema: Any) -> None:
        if isinstance(schema, dict):
            if schema.get("type") == "string" and schema.get("maxLength", limit + 1) > limit:
                schema["maxLength"] = limit
            for value in schema.values():
                cap(value)
        elif isinstance(schema, list):
            for value in schema:
                cap(value)

    for name, schema in result["components"]["schemas"].items():
        if name.endswith("Request"):
            cap(schema)
    return result
