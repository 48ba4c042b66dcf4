"""``GET /ping`` on a second port (RunPod's ``PORT_HEALTH`` when it differs from the API port).

A minimal HTTP/1.1 responder on the API's event loop: it reads one request head, answers with the same status and
body as the API's ``/ping`` and closes the connection. Probes need nothing more, and it needs no second server
framework in the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from http import HTTPStatus

from loguru import logger

from apps.api_gpu.routes.health import ping_answer
from apps.api_gpu.state import AppState

__all__ = ["serve_ping"]

_HEAD_TIMEOUT_S = 5.0
_HEAD_MAX_BYTES = 16 * 1024


def _response(status: int, body: dict[str, object] | None, *, head_only: bool = False) -> bytes:
    payload = json.dumps(body).encode() if body is not None else b""
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", "Connection: close"]
    if status != 204:
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head if head_only or status == 204 else head + payload


async def _handle(state: AppState, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=_HEAD_TIMEOUT_S)
        method, _, rest = head[:_HEAD_MAX_BYTES].decode("latin-1").partition(" ")
        path = rest.partition(" ")[0].partition("?")[0]
        if method not in ("GET", "HEAD"):
            writer.write(_response(405, {"error": {"code": "method_not_allowed", "message": "GET /ping only"}}))
        elif path != "/ping":
            writer.write(_response(404, {"error": {"code": "not_found", "message": "this port serves GET /ping"}},
                                   head_only=method == "HEAD"))
        else:
            status, body = ping_answer(state)
            writer.write(_response(status, body, head_only=method == "HEAD"))
        await writer.drain()
    except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass  # a client that sends no complete request head gets no answer
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def serve_ping(state: AppState, host: str, port: int) -> asyncio.Server:
    """Start answering ``GET /ping`` on ``host:port``; the caller closes the returned server.

    Raises:
        OSError: the port cannot be bound (in use, no permission).
    """
    server = await asyncio.start_server(lambda r, w: _handle(state, r, w), host=host, port=port,
                                        limit=_HEAD_MAX_BYTES)
    logger.info("GET /ping also served on {}:{} (PORT_HEALTH)", host, port)
    return server
