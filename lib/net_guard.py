"""Outbound requests to addresses a caller chose (``url`` downloads, webhook callbacks) without becoming a proxy
into the private network.

* ``public_only``: the address test. IPv6 forms that carry an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``,
  IPv4-compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``, Teredo) are judged by that IPv4
  address; private, loopback, link-local, CGNAT, reserved, unspecified (``0.0.0.0``) and multicast are refused.
  Decimal/octal/short IPv4 spellings (``2130706433``, ``0177.1``) are resolved by the system first, then judged.
* ``check_url``: scheme http(s), a host, a valid port, and every address the host resolves to allowed.
* ``guarded_transport``: an ``httpx`` transport whose connections resolve the host, check every address and
  connect to a checked address, so a DNS answer that changes between ``check_url`` and the connection (DNS
  rebinding) cannot reach a refused address. TLS still verifies the certificate against the URL's host name.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from lib.errors import UrlFetchFailed, UrlRefused

__all__ = ["IpAddress", "AddressCheck", "public_only", "any_address", "check_url", "guarded_transport"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IpAddress], bool]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def public_only(ip: IpAddress) -> bool:
    """Only addresses on the public internet (no private, loopback, link-local, CGNAT, reserved, multicast)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def any_address(ip: IpAddress) -> bool:
    """Every address (``WEBHOOK_ALLOW_PRIVATE=true``, tests)."""
    return True


def _parse(address: str) -> IpAddress:
    return ipaddress.ip_address(address.split("%", 1)[0])


async def _resolve(host: str, port: int) -> list[IpAddress]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise UrlFetchFailed(f"cannot resolve '{host}': {exc}") from exc
    addresses = list(dict.fromkeys(_parse(info[4][0]) for info in infos))
    if not addresses:
        raise UrlFetchFailed(f"'{host}' resolves to no address")
    return addresses


def _refuse(host: str, addresses: Iterable[IpAddress], allowed: AddressCheck) -> None:
    refused = [str(ip) for ip in addresses if not allowed(ip)]
    if refused:
        raise UrlRefused(f"'{host}' resolves to a private or local address ({', '.join(refused)})")


async def check_url(url: str, allowed: AddressCheck = public_only) -> None:
    """Refuse ``url`` unless it is http(s) with a host and a valid port whose addresses are all ``allowed``.

    Raises:
        UrlRefused: not http(s), no host, a bad port, or a refused address.
        UrlFetchFailed: the host does not resolve.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UrlRefused(f"only http(s) URLs are allowed, not '{parts.scheme or url[:200]}'")
    try:
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlRefused(f"bad port in the URL '{url[:200]}'") from exc
    if not host:
        raise UrlRefused(f"no host in the URL '{url[:200]}'")
    if allowed is any_address:
        return
    _refuse(host, await _resolve(host, port), allowed)


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects to a checked one (by address, not by name)."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, allowed: AddressCheck) -> None:
        self._inner = inner
        self._allowed = allowed

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: Any = None
                          ) -> httpcore.AsyncNetworkStream:
        addresses = await _resolve(host, port)
        _refuse(host, addresses, self._allowed)
        error: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(str(ip), port, timeout=timeout, local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None
                                  ) -> httpcore.AsyncNetworkStream:
        raise UrlRefused("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(allowed: AddressCheck = public_only) -> httpx.AsyncHTTPTransport:
    """An ``httpx`` transport (verify on, no proxies) that only connects to ``allowed`` addresses.

    A refused address raises ``UrlRefused`` from the request; unresolvable hosts ``UrlFetchFailed``.
    """
    transport = httpx.AsyncHTTPTransport()
    pool = transport._pool  # httpx builds the httpcore pool; its network backend is the one seam for this
    if not isinstance(pool, httpcore.AsyncConnectionPool):  # pragma: no cover (an httpx upgrade changed it)
        raise RuntimeError("httpx.AsyncHTTPTransport no longer wraps an httpcore.AsyncConnectionPool")
    pool._network_backend = _GuardedBackend(pool._network_backend, allowed)
    return transport
