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
import json
import time
from dataclasses import dataclass
from typing import Any

import httpx
from loguru import logger

from lib.errors import InvalidCallbackUrl, UrlFetchFailed, UrlRefused
from lib.net_guard import any_address, check_url, guarded_transport, public_only

__all__ = ["sign", "verify", "check_callback_url", "webhook_client", "WebhookSender", "SIGNATURE_HEADER",
           "TIMESTAMP_HEADER"]

SIGNATURE_HEADER = "X-OCRlty-Signature"
TIMESTAMP_HEADER = "X-OCRlty-Timestamp"


def sign(body: bytes, secret: str, timestamp: int) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``b"<timestamp>." + body``."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(body: bytes, secret: str, timestamp: str, signature: str, *, max_age_s: float = 300,
           now: float | None = None) -> bool:
    """What a receiver does (the README shows the same in a few lines)."""
    if not (timestamp.isascii() and timestamp.isdigit()):  # "²".isdigit() is True and int("²") raises
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > max_age_s:
        return False
    return hmac.compare_digest(sign(body, secret, int(timestamp)), signature)


async def check_callback_url(url: str, *, allow_private: bool) -> str:
    """The URL if webhooks may go there (the address test is ``lib.net_guard``'s, shared with URL downloads).

    Raises:
        InvalidCallbackUrl: not http(s), no host or a bad port, a host that does not resolve, or (unless
            ``allow_private``) one that resolves to a loopback, private, link-local, CGNAT, multicast or reserved
            address.
    """
    url = url.strip()
    try:
        await check_url(url, any_address if allow_private else public_only)
    except UrlRefused as exc:
        hint = "" if allow_private else " (WEBHOOK_ALLOW_PRIVATE=true allows private addresses)"
        raise InvalidCallbackUrl(f"callback_url refused: {exc.message}{hint}") from exc
    except UrlFetchFailed as exc:  # e.g. the name does not resolve: the private-address hint would mislead
        raise InvalidCallbackUrl(f"callback_url refused: {exc.message}") from exc
    return url


def webhook_client(*, timeout_s: float, allow_private: bool) -> httpx.AsyncClient:
    """The client webhooks go out on: no redirects, no proxies from the environment, and (unless
    ``allow_private``) connections only to public addresses, checked when connecting (DNS rebinding)."""
    return httpx.AsyncClient(timeout=timeout_s, follow_redirects=False, trust_env=False,
                             transport=guarded_transport(any_address if allow_private else public_only))


@dataclass
class WebhookSender:
    """Sends the job document; one attempt in ``send``, retried with doubling waits in ``deliver_with_retries``."""

    client: httpx.AsyncClient
    secret: str
    allow_private: bool
    max_attempts: int
    backoff_s: float
    attempt_timeout_s: float = 60.0  # one whole attempt (a receiver that drips its answer cannot hold us longer)

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
            async with asyncio.timeout(self.attempt_timeout_s):
                # the status is all we need: the receiver's body is never read (it could be endless)
                async with self.client.stream("POST", url, content=body, headers=headers) as response:
                    status = response.status_code
        except TimeoutError:
            logger.warning("webhook for {} to {}: no answer within {:g} s", document.get("job_id"), url,
                           self.attempt_timeout_s)
            return False
        except UrlRefused as exc:  # the name now resolves to a refused address: nothing to retry
            logger.warning("webhook for {} not sent: {}", document.get("job_id"), exc.message)
            return True
        except (httpx.HTTPError, UrlFetchFailed) as exc:
            logger.warning("webhook for {} to {} failed: {}", document.get("job_id"), url, exc)
            return False
        if 200 <= status < 300:
            logger.info("webhook for {} delivered to {}", document.get("job_id"), url)
            return True
        logger.warning("webhook for {} to {} answered {}", document.get("job_id"), url, status)
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
