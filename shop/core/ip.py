"""IP addresses are personal data: we store them only truncated.

``IP_V4_PREFIX`` (default 24) and ``IP_V6_PREFIX`` (default 48) say how many leading bits are
kept; the rest are zeroed, so ``192.0.2.77`` is stored as ``192.0.2.0``.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def minimise_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return None
    prefix = settings.IP_V4_PREFIX if address.version == 4 else settings.IP_V6_PREFIX
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return str(network.network_address)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` proxies, taken from X-Forwarded-For."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def minimised_client_ip(request: HttpRequest) -> str | None:
    return minimise_ip(client_ip(request))
