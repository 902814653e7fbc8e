"""drf-spectacular hooks: the schema documents our ``/api/v1/`` API only (Wagtail's v2 API and the
admin are out of its scope and make spectacular log errors when walked)."""

from typing import Any


def only_api_v1(endpoints: list[tuple[str, str, str, Any]], **kwargs: Any) -> list[tuple[str, str, str, Any]]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
