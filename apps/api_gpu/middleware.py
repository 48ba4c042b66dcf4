"""Request ids, one structured log line per request, and request metrics.

A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware wraps the
receive channel, which hides client disconnects from the route (and we stop work nobody waits for).
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from loguru import logger
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContextMiddleware"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_QUIET_ROUTES = frozenset({"/metrics", "/v1/health", "/v1/ready"})


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
        app_state = scope["app"].state.ocrlty
        route_path = getattr(scope.get("route"), "path", "unmatched")
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
