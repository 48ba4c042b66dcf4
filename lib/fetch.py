"""Download a document from a caller's URL without becoming a proxy into the private network.

* ``http``/``https`` only;
* the host name is resolved first and refused when any of its addresses is private, loopback, link-local,
  multicast, reserved or unspecified (``ipaddress``'s ``is_global``); the address the connection really reached
  is checked again before the body is read (a DNS answer that changed in between is caught);
* redirects are followed by hand (at most ``max_redirects``), each target checked the same way;
* the body is streamed and the download stops as soon as it passes ``max_bytes``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from lib.errors import PayloadTooLarge, UrlFetchFailed, UrlRefused

__all__ = ["fetch_url", "public_only", "IpAddress"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def public_only(ip: IpAddress) -> bool:
    """Only addresses on the public internet (no private, loopback, link-local, CGNAT, reserved, multicast)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def _resolve(host: str, port: int) -> list[IpAddress]:
    try:
        infos = await asyncio.to_thread(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlFetchFailed(f"cannot resolve '{host}': {exc}") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


async def _check(url: str, allowed: Callable[[IpAddress], bool]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UrlRefused(f"only http(s) URLs are fetched, not '{parts.scheme or url}'")
    if not parts.hostname:
        raise UrlRefused(f"no host in the URL '{url}'")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlRefused(f"bad port in the URL '{url}'") from exc
    refused = [str(ip) for ip in await _resolve(parts.hostname, port) if not allowed(ip)]
    if refused:
        raise UrlRefused(f"'{parts.hostname}' resolves to a private or local address ({', '.join(refused)})")


def _peer_ip(response: httpx.Response) -> IpAddress | None:
    stream = response.extensions.get("network_stream")
    address = stream.get_extra_info("server_addr") if stream is not None else None
    if not address:
        return None
    return ipaddress.ip_address(str(address[0]).split("%")[0])


async def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout_s: float,
    max_redirects: int = 5,
    allowed: Callable[[IpAddress], bool] = public_only,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[bytes, str]:
    """The body of ``url`` and the last URL's file name.

    Args:
        max_bytes: refuse bodies larger than this (checked on Content-Length and while streaming).
        timeout_s: connect and read timeout, each.
        allowed: which resolved addresses may be contacted (tests allow loopback; production never does).

    Raises:
        UrlRefused: not http(s), or an address ``allowed`` refuses (also after a redirect).
        UrlFetchFailed: DNS, connection, HTTP error status, too many redirects.
        PayloadTooLarge: more than ``max_bytes``.
    """
    timeout = httpx.Timeout(timeout_s)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport,
                                 trust_env=False) as client:
        for _ in range(max_redirects + 1):
            await _check(url, allowed)
            try:
                async with client.stream("GET", url) as response:
                    peer = _peer_ip(response)
                    if peer is not None and not allowed(peer):
                        raise UrlRefused(f"the connection for '{url}' reached a private or local address ({peer})")
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise UrlFetchFailed(f"'{url}' redirects without a Location")
                        url = urljoin(url, location)
                        continue
                    if response.status_code != 200:
                        raise UrlFetchFailed(f"'{url}' answered HTTP {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                        raise PayloadTooLarge(f"'{url}' is {int(declared) / 1048576:.1f} MB; the limit is "
                                              f"{max_bytes / 1048576:.1f} MB (MAX_UPLOAD_MB)")
                    chunks: list[bytes] = []
                    size = 0
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise PayloadTooLarge(f"'{url}' is larger than {max_bytes / 1048576:.1f} MB "
                                                  "(MAX_UPLOAD_MB)")
                        chunks.append(chunk)
                    name = urlsplit(url).path.rsplit("/", 1)[-1] or "download"
                    return b"".join(chunks), name
            except httpx.HTTPError as exc:
                raise UrlFetchFailed(f"could not download '{url}': {type(exc).__name__}: {exc}") from exc
        raise UrlFetchFailed(f"more than {max_redirects} redirects from the URL")
