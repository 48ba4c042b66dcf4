"""Request ids, one structured log line per request, and request metrics.

A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware wraps the
receive channel, which hides client disconnects from the route (and we stop work nobody waits for).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import re
import time
import uuid
from typing import Any

from fastapi import HTTPException
from loguru import logger
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContextMiddleware", "UploadGuardMiddleware"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_QUIET_ROUTES = frozenset({"/metrics", "/v1/health", "/v1/ready", "/ping"})


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        state["log"] = {}
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._record(scope, rid, status, (time.perf_counter() - start) * 1000, state["log"])

    @staticmethod
    def _record(scope: Scope, rid: str, status: int, latency_ms: float, fields: dict[str, Any]) -> None:
        app = scope["app"]
        app_state = app.state.ocrlty
        # Requests refused before routing (upload guard) still belong to their route, if it is one of ours.
        route_path = getattr(scope.get("route"), "path", None) or (
            scope["path"] if scope["path"] in _route_paths(app) else "unmatched")
        app_state.metrics.requests.labels(route_path, str(status)).inc()
        if app_state.ocr is not None:
            app_state.metrics.ocr_queue_depth.set(app_state.ocr.waiting)
            app_state.metrics.ocr_in_flight.set(app_state.ocr.in_flight)
        if route_path in _QUIET_ROUTES:
            return
        logger.bind(request_id=rid, status=status, latency_ms=round(latency_ms, 1), **fields).info(
            "{} {} {} {:.1f} ms {}", scope["method"], route_path, status, latency_ms,
            " ".join(f"{k}={v}" for k, v in fields.items()),
        )


_UPLOAD_SLACK_BYTES = 256 * 1024  # multipart boundaries and headers around the files


def _route_paths(app: Any) -> frozenset[str]:
    """The API's documented paths (included routers are not flat in ``app.routes`` in recent FastAPI)."""
    paths = getattr(app.state, "route_paths", None)
    if paths is None:
        paths = app.state.route_paths = frozenset(app.openapi().get("paths", {}))
    return paths


class UploadGuardMiddleware:
    """Refuse an upload before its body is read: 401 without a valid API key, 413 when it is too large, 408 when
    it does not arrive in time.

    FastAPI parses the whole multipart body (spilling files to disk) before dependencies run, so checks in the
    route come after an unauthenticated or oversized client has already sent everything. This checks the headers
    first (Content-Length), and counts the bytes of bodies sent without one. The whole body must arrive within
    UPLOAD_TIMEOUT_S: a client trickling bytes (or whose Content-Length promises more than it sends) would
    otherwise hold its connection for ever. No OCR slot or thread is taken before the body is complete.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        jobs = path.rstrip("/") == "/v1/jobs"
        if scope["type"] != "http" or scope.get("method") != "POST" or not (path.startswith("/v1/extract") or jobs):
            await self.app(scope, receive, send)
            return
        settings = scope["app"].state.ocrlty.settings
        headers = {k.lower(): v for k, v in (scope.get("headers") or [])}
        keys = settings.api_key_set
        if keys:
            auth = headers.get(b"authorization", b"").decode("latin-1")
            given = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
            if not any(hmac.compare_digest(given.encode(), key.encode()) for key in keys):
                await _reply(scope, send, 401, "unauthorized",
                             "missing or invalid API key (Authorization: Bearer <key>)", {"WWW-Authenticate": "Bearer"})
                return
        batch = path.startswith("/v1/extract-batch")
        limit = (int(settings.batch_max_mb * 1048576) if batch else settings.max_upload_bytes) + _UPLOAD_SLACK_BYTES
        what = "BATCH_MAX_MB" if batch else "MAX_UPLOAD_MB"
        if jobs:
            limit, what = int(settings.job_max_mb * 1048576) + _UPLOAD_SLACK_BYTES, "JOB_MAX_MB"
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _reply(scope, send, 413, "upload_too_large",
                         f"the request body is {int(length) / 1048576:.1f} MB; the limit is "
                         f"{(limit - _UPLOAD_SLACK_BYTES) / 1048576:.1f} MB ({what})")
            return
        received = 0
        body_done = False
        deadline = asyncio.get_running_loop().time() + settings.upload_timeout_s

        async def counting_receive() -> Message:
            nonlocal received, body_done
            if body_done:  # later calls only wait for a disconnect: no deadline on those
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise HTTPException(408, f"the request body did not arrive within {settings.upload_timeout_s:g} s "
                                         f"(UPLOAD_TIMEOUT_S; {received} bytes came)",
                                    headers={"Connection": "close"}) from None
            if message["type"] == "http.request":
                body_done = not message.get("more_body", False)
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, f"the request body is larger than "
                                             f"{(limit - _UPLOAD_SLACK_BYTES) / 1048576:.1f} MB ({what})")
            return message

        await self.app(scope, counting_receive, send)


async def _reply(scope: Scope, send: Send, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
    rid = scope.get("state", {}).get("request_id")
    body = json.dumps({"error": {"code": code, "message": message, "request_id": rid}}).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})
