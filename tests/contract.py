"""Every API response a test receives is checked against the OpenAPI schema the project serves.

The schema is the contract generated clients are built from, so a response that does not match it
is a bug even when the test's own asserts pass: an undocumented status, a missing or extra field, a
``null`` where the schema promises a value, a timestamp without its timezone. ``ContractClient`` is
the test client that checks; the ``api_client`` fixture and ``bearer_client`` use it.

The check is stricter than OpenAPI itself on purpose: objects may not carry keys the schema does not
list (``additionalProperties`` defaults to false), and ``date-time`` values must be ISO 8601 with the
shop's UTC offset, the one datetime format of the API.
"""

import functools
import json
import re
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.test import APIClient

BASE = "urn:xmi-openapi"
CHECKED_PREFIX = "/api/v1/"
UNCHECKED = ("/api/v1/schema/", "/api/v1/docs/")


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects as JSON Schema 2020-12, with strict objects."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _to_json_schema(value) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node["$ref"] = BASE + ref
    for bound, exclusive in (("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")):
        if node.get(exclusive) is True:
            node[exclusive] = node.pop(bound)
        elif node.get(exclusive) is False:
            del node[exclusive]
    if "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    return node


def _is_api_datetime(value: object) -> bool:
    """ISO 8601 with the offset of the shop's time zone, as DRF's DateTimeField writes it (and
    ``shop.core.formats.iso_datetime`` for dicts): one format, not UTC here and local there."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None and parsed.utcoffset() == timezone.localtime(parsed).utcoffset()


def _is_date(value: object) -> bool:
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value)) and len(value) == 10
    except ValueError:
        return False


FORMATS = FormatChecker()
FORMATS.checks("date-time")(_is_api_datetime)
FORMATS.checks("date")(_is_date)


@functools.cache
def served_schema() -> dict[str, Any]:
    """The schema ``/api/v1/schema/`` serves (from the real URLconf, whatever a test mounted)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = SchemaGenerator(urlconf="config.urls").get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


@functools.cache
def _registry() -> Registry:
    document = _to_json_schema(served_schema())
    return Registry().with_resource(BASE, Resource.from_contents(document, default_specification=DRAFT202012))


@functools.cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    routes = []
    for template in served_schema()["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        routes.append((re.compile(f"^{pattern}$"), template))
    return sorted(routes, key=lambda route: route[1].count("{"))  # literal segments win


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _validate(body: Any, pointer: str, where: str) -> None:
    validator = Draft202012Validator({"$ref": f"{BASE}#/{pointer}"}, registry=_registry(), format_checker=FORMATS)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        details = "\n".join(f"  at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:5])
        raise AssertionError(f"{where}: the response does not match the schema\n{details}")


def check_response(method: str, path: str, response: Any) -> None:
    """Raises AssertionError when ``response`` breaks the served schema for ``method path``."""
    if not path.startswith(CHECKED_PREFIX) or path.startswith(UNCHECKED) or getattr(response, "streaming", False):
        return
    status = str(response.status_code)
    where = f"{method} {path} -> {status}"
    body = response.content
    is_json = response.get("Content-Type", "").startswith("application/json")
    template = next((template for pattern, template in _routes() if pattern.match(path)), None)
    operation = served_schema()["paths"].get(template, {}).get(method.lower()) if template else None
    if operation is None:
        # Not an operation of the schema (an unknown path, a wrong method, a test-only view):
        # whatever it is, an error must still be the envelope.
        if response.status_code >= 400:
            assert is_json, f"{where}: an error that is not JSON"
            _validate(json.loads(body), "components/schemas/ErrorEnvelope", where)
        return
    declared = operation["responses"].get(status) or operation["responses"].get("default")
    assert declared is not None, f"{where}: status not in the schema (documented: {sorted(operation['responses'])})"
    if "$ref" in declared:  # a shared response, components/responses/<name>
        name = declared["$ref"].rsplit("/", 1)[-1]
        declared = served_schema()["components"]["responses"][name]
        pointer = _pointer("components", "responses", name, "content", "application/json", "schema")
    else:
        pointer = _pointer(
            "paths", template, method.lower(), "responses", status, "content", "application/json", "schema"
        )
    content = declared.get("content", {}).get("application/json")
    if content is None:
        assert not body, f"{where}: a body the schema does not declare"
        return
    assert is_json, f"{where}: not JSON"
    _validate(json.loads(body), pointer, where)


class ContractClient(APIClient):
    """DRF's test client, checking every ``/api/v1/`` response against the served schema."""

    def request(self, **kwargs: Any) -> Any:
        response = super().request(**kwargs)
        check_response(kwargs["REQUEST_METHOD"], kwargs["PATH_INFO"], response)
        return response
