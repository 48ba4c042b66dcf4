"""Webhooks: refuse callback URLs that are not http(s) or point inside the network; sign and send the job.

Signature (documented in the README with a verification snippet)::

    X-OCRlty-Timestamp: <unix seconds>
    X-OCRlty-Signature: sha256=<hex HMAC-SHA256(WEBHOOK_SECRET, "<timestamp>." + raw body)>

The timestamp is inside the signed bytes, so a receiver that also refuses old timestamps (say, > 5 minutes)
cannot be fed a replayed delivery.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from loguru import logger

from lib.errors import InvalidCallbackUrl

__all__ = ["sign", "verify", "check_callback_url", "WebhookSender", "SIGNATURE_HEADER", "TIMESTAMP_HEADER"]

SIGNATURE_HEADER = "X-OCRlty-Signature"
TIMESTAMP_HEADER = "X-OCRlty-Timestamp"


def sign(body: bytes, secret: str, timestamp: int) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``b"<timestamp>." + body``."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(body: bytes, secret: str, timestamp: str, signature: str, *, max_age_s: float = 300,
           now: float | None = None) -> bool:
    """What a receiver does (the README shows the same in a few lines)."""
    if not timestamp.isdigit() or abs((now or time.time()) - int(timestamp)) > max_age_s:
        return False
    return hmac.compare_digest(sign(body, secret, int(timestamp)), signature)


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified)


async def check_callback_url(url: str, *, allow_private: bool) -> str:
    """The URL if webhooks may go there.

    Raises:
        InvalidCallbackUrl: not http(s), no host, a host that does not resolve, or (unless ``allow_private``)
            one that resolves to a loopback, private, link-local, multicast or reserved address.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidCallbackUrl(f"callback_url must be an http(s) URL with a host, got {url[:200]!r}")
    if allow_private:
        return url.strip()
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, parts.port or 443,
                                                              type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InvalidCallbackUrl(f"callback_url host {parts.hostname!r} does not resolve: {exc}") from exc
    addresses = {info[4][0] for info in infos}
    if not addresses or any(_refused(a) for a in addresses):
        raise InvalidCallbackUrl(f"callback_url host {parts.hostname!r} resolves to a loopback, private or "
                                 "link-local address; refused (WEBHOOK_ALLOW_PRIVATE=true allows it)")
    return url.strip()


@dataclass
class WebhookSender:
    """Sends the job document; one attempt in ``send``, retried with doubling waits in ``deliver_with_retries``."""

    client: httpx.AsyncClient
    secret: str
    allow_private: bool
    max_attempts: int
    backoff_s: float

    async def send(self, url: str, document: dict[str, Any]) -> bool:
        """One delivery attempt; True on a 2xx answer. Re-checks the address (DNS may have changed since)."""
        try:
            await check_callback_url(url, allow_private=self.allow_private)
        except InvalidCallbackUrl as exc:
            logger.warning("webhook for {} not sent: {}", document.get("job_id"), exc.message)
            return True  # nothing to retry
        body = json.dumps(document, separators=(",", ":")).encode()
        timestamp = int(time.time())
        headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: str(timestamp),
                   "X-OCRlty-Job-Id": str(document.get("job_id")), "User-Agent": "OCRlty-webhook"}
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret, timestamp)
        try:
            response = await self.client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            logger.warning("webhook for {} to {} failed: {}", document.get("job_id"), url, exc)
            return False
        if 200 <= response.status_code < 300:
            logger.info("webhook for {} delivered to {}", document.get("job_id"), url)
            return True
        logger.warning("webhook for {} to {} answered {}", document.get("job_id"), url, response.status_code)
        return False

    def delay_s(self, attempt: int) -> float:
        """Wait after failed attempt number ``attempt`` (1-based)."""
        return min(self.backoff_s * 2 ** (attempt - 1), 300.0)

    async def deliver_with_retries(self, url: str, document: dict[str, Any]) -> bool:
        for attempt in range(1, self.max_attempts + 1):
            if await self.send(url, document):
                return True
            if attempt < self.max_attempts:
                await asyncio.sleep(self.delay_s(attempt))
        logger.error("webhook for {} to {} given up after {} attempts", document.get("job_id"), url,
                     self.max_attempts)
        return False
