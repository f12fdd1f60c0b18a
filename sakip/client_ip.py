"""The client's address, also behind reverse proxies (nginx, a load balancer).

REMOTE_ADDR is the peer of this process: behind nginx always nginx itself, so every visitor would share one login
lockout and one upload allowance. Each proxy appends the address it received the request from to X-Forwarded-For,
so behind TRUSTED_PROXY_COUNT proxies the entry that many places from the right is what the outermost of them saw:
the client. Entries further left are whatever the client chose to send, and are never read.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost one appended to
    X-Forwarded-For; a header that is missing, too short or not an address falls back to REMOTE_ADDR (the proxy:
    shared by everyone, but never a value the client picked)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(hops) < count:
        return remote
    return _address(hops[-count]) or remote
