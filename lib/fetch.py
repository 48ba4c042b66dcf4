"""Download a document from a caller's URL without becoming a proxy into the private network.

* ``http``/``https`` only, and every address of the host checked by ``lib.net_guard`` before connecting;
* the connection itself goes through ``net_guard.guarded_transport``: the host is resolved again, every address
  checked, and the socket opened to a checked address (a DNS answer that changed in between is refused);
* redirects are followed by hand (at most ``max_redirects``), each target checked the same way;
* the body is streamed and the download stops as soon as it passes ``max_bytes``, or when the whole download
  takes longer than ``timeout_s``.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin, urlsplit

import httpx

from lib.errors import PayloadTooLarge, UrlFetchFailed
from lib.net_guard import AddressCheck, IpAddress, check_url, guarded_transport, public_only

__all__ = ["fetch_url", "public_only", "IpAddress"]


async def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout_s: float,
    max_redirects: int = 5,
    allowed: AddressCheck = public_only,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[bytes, str]:
    """The body of ``url`` and the last URL's file name.

    Args:
        max_bytes: refuse bodies larger than this (checked on Content-Length and while streaming).
        timeout_s: the whole download (every redirect, connect and read) must end within this; a server that
            drips bytes slowly cannot hold the worker longer.
        allowed: which resolved addresses may be contacted (tests allow loopback; production never does).
        transport: replaces the guarded transport (tests only: it bypasses the connect-time check).

    Raises:
        UrlRefused: not http(s), or an address ``allowed`` refuses (also after a redirect).
        UrlFetchFailed: DNS, connection, HTTP error status, too many redirects, longer than ``timeout_s``.
        PayloadTooLarge: more than ``max_bytes``.
    """
    try:
        async with asyncio.timeout(timeout_s):
            return await _download(url, max_bytes=max_bytes, timeout_s=timeout_s, max_redirects=max_redirects,
                                   allowed=allowed, transport=transport)
    except TimeoutError as exc:
        raise UrlFetchFailed(f"downloading '{url}' took longer than {timeout_s:g} s (FETCH_TIMEOUT_S)") from exc


async def _download(url: str, *, max_bytes: int, timeout_s: float, max_redirects: int, allowed: AddressCheck,
                    transport: httpx.AsyncBaseTransport | None) -> tuple[bytes, str]:
    timeout = httpx.Timeout(timeout_s)
    transport = transport or guarded_transport(allowed)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport,
                                 trust_env=False) as client:
        for _ in range(max_redirects + 1):
            await check_url(url, allowed)
            try:
                async with client.stream("GET", url) as response:
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
