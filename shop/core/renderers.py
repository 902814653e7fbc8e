"""The API's JSON renderer: DRF's bytes, written by orjson.

Every API response is rendered here; DRF's renderer (``json.dumps`` with its encoder class) cost a
tenth of an uncached product-list request, orjson a sixteenth of that (bench/inprocess.py). The
output is byte for byte what ``rest_framework.renderers.JSONRenderer`` writes with the API's
settings (compact, UTF-8, U+2028/U+2029 escaped), which ``tests/core/test_renderers.py`` checks
on mixed data: what orjson writes differently (dates and times, decimals, lazy translations, any
other Python type) is handed to DRF's own encoder, and an ``indent`` a client asks for, an integer
beyond 64 bits or other settings fall back to DRF's renderer. One difference is left: a float NaN
or infinity, which DRF refuses with an error, is ``null`` here (the API has no floats: money and
rates are decimal strings)."""

from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# Separators within JavaScript strings unless escaped (DRF escapes them; orjson writes them raw).
_LINE_SEPARATORS = ("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029")


class OrjsonRenderer(JSONRenderer):
    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        drf_settings = self.compact and self.strict and not self.ensure_ascii
        if not drf_settings or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=self.encoder_class().default, option=_OPTIONS)
        except orjson.JSONEncodeError:  # an integer beyond 64 bits, or a type neither encoder knows
            return super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            if raw in body:
                body = body.replace(raw, escaped)
        return body
