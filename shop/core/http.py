"""HTTP details shared by every app: conditional GETs and bounded ids in URLs."""

from django.utils.cache import parse_etags

# The largest id a URL or a request body may name: SQLite and PostgreSQL ``bigint`` stop at
# 2**63 - 1, and a bigger number must be a clean 4xx, never an overflow in the database driver.
ID_MAX = 2**63 - 1
# Plain ``integer`` columns (version numbers and counters) stop at 2**31 - 1 on PostgreSQL.
INT_MAX = 2**31 - 1


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header matches ``etag``, by the weak comparison RFC 9110
    prescribes for it (``W/"x"`` matches ``"x"``); ``*`` matches any current representation."""
    candidates = parse_etags(if_none_match or "")
    return "*" in candidates or any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in candidates)


class IdConverter:
    """``<id:name>`` in URL patterns: a positive integer of at most 18 digits, so that every value
    fits a 64-bit column; a longer number is a 404 from the resolver, not a driver overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
