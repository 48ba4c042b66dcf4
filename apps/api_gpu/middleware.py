"""Request ids, one structured log line per request, and request metrics."""

from __future__ import annotations

import re
import time
import uuid

from fastapi import FastAPI, Request, Response
from loguru import logger

from apps.api_gpu.state import AppState

__all__ = ["install_request_middleware"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def install_request_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def _request_context(request: Request, call_next) -> Response:  # type: ignore[no-untyped-def]
        incoming = request.headers.get("x-request-id", "")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.state.request_id = rid
        request.state.log = {}
        start = time.perf_counter()
        response = await call_next(request)
        latency_ms = round((time.perf_counter() - start) * 1000, 1)
        response.headers["X-Request-ID"] = rid
        state: AppState = request.app.state.ocrlty
        route = request.scope.get("route")
        route_path = getattr(route, "path", "unmatched")
        state.metrics.requests.labels(route_path, str(response.status_code)).inc()
        if state.ocr is not None:
            state.metrics.ocr_queue_depth.set(state.ocr.waiting)
            state.metrics.ocr_in_flight.set(state.ocr.in_flight)
        if route_path not in ("/metrics", "/v1/health", "/v1/ready"):
            logger.bind(request_id=rid, status=response.status_code, latency_ms=latency_ms,
                        **request.state.log).info(
                "{} {} {} {} ms {}", request.method, route_path, response.status_code, latency_ms,
                " ".join(f"{k}={v}" for k, v in request.state.log.items()),
            )
        return response
