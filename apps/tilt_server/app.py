"""``create_app(engine)``: the OpenAI-compatible HTTP surface of the TILT server (``docs/tilt-contract.md``).

The factory owns all state (engine, admission semaphore, start task); nothing lives at module level, so tests
build as many apps as they like. The engine starts in the background during lifespan so ``/health`` can answer
503 while the model loads (minutes on a GPU) instead of refusing connections.

Per request: auth → readiness → body size → schema → model id → image decode (thread) → admission (bounded
wait, else 503 overloaded) → engine, raced against client disconnect and the request timeout (cancelling the
engine call aborts every per-question generation).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from apps.tilt_server.engine import Answer, Engine, EngineError, FieldQuestion
from apps.tilt_server.errors import ApiError, error_body, error_response
from apps.tilt_server.schemas import decode_document, parse_chat_request

__all__ = ["ServerConfig", "create_app"]

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Server knobs (units in names).

    Args:
        api_key: when non-empty, ``/v1/*`` requires ``Authorization: Bearer <api_key>``; ``/health`` never does.
        max_pages: more pages are refused (413), not truncated. Capped at start-up at the engine's ``max_pages``
            (the model config's ``image_limit``, 250: TILT attaches images to no more pages).
        max_body_bytes: request body cap (413 above it).
        max_image_pixels: per-page image cap, checked before decoding (decompression-bomb guard).
        max_concurrent_requests: requests in the engine at once; each holds one sequence per field.
        queue_timeout_s: how long a request may wait for admission before 503 ``overloaded``.
        request_timeout_s: engine budget per request (504 above it); keep below the client's read timeout.
        disconnect_poll_s: how often to check whether the client has gone away.
    """

    api_key: str = ""
    max_pages: int = 250
    max_body_bytes: int = 64 * 1024 * 1024
    max_image_pixels: int = 16_000_000
    max_concurrent_requests: int = 8
    queue_timeout_s: float = 10.0
    request_timeout_s: float = 25.0
    disconnect_poll_s: float = 0.25


@dataclass(slots=True)
class _State:
    engine: Engine
    config: ServerConfig
    admission: asyncio.Semaphore
    created_s: int = field(default_factory=lambda: int(time.time()))
    start_task: asyncio.Task[None] | None = None
    start_error: BaseException | None = None
    max_pages: int = 0  # the config's, capped at the engine's once it started


def create_app(engine: Engine, config: ServerConfig | None = None) -> FastAPI:
    """Build the TILT server app around ``engine`` (started in lifespan, shut down after)."""
    cfg = config or ServerConfig()
    state = _State(
        engine=engine, config=cfg, admission=asyncio.Semaphore(cfg.max_concurrent_requests), max_pages=cfg.max_pages
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.start_task = asyncio.create_task(_start_engine(state), name="tilt-engine-start")
        try:
            yield
        finally:
            if not state.start_task.done():
                state.start_task.cancel()
            await asyncio.gather(state.start_task, return_exceptions=True)
            try:
                async with asyncio.timeout(30):
                    await engine.shutdown()
            except Exception:
                log.exception("engine shutdown failed")

    app = FastAPI(title="OCRlty TILT server", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.tilt = state
    _install_error_handlers(app)

    async def require_key(request: Request) -> None:
        if not cfg.api_key:
            return
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), cfg.api_key.encode()):
            raise ApiError(401, "invalid_api_key", "missing or invalid API key", headers={"WWW-Authenticate": "Bearer"})

    @app.get("/health")
    async def health() -> JSONResponse:
        status = await _readiness(state)
        if status == "ready":
            return JSONResponse({"status": "ready", "model": engine.model_id})
        body = error_body(f"engine is {status}", "service_unavailable", "not_ready") | {"status": status}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})

    @app.get("/v1/models", dependencies=[Depends(require_key)])
    async def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": engine.model_id, "object": "model", "created": state.created_s, "owned_by": "ocrlty"}],
        }

    @app.post("/v1/chat/completions", dependencies=[Depends(require_key)])
    async def chat_completions(request: Request) -> JSONResponse:
        status = await _readiness(state)
        if status != "ready":
            raise ApiError(503, "not_ready", f"engine is {status}", headers={"Retry-After": "5"})
        payload = await _read_json(request, cfg.max_body_bytes)
        parsed = parse_chat_request(payload, max_pages=state.max_pages)
        if parsed.model and parsed.model != engine.model_id:
            raise ApiError(404, "model_not_found", f"model {parsed.model!r} is not served here ({engine.model_id!r})")
        document = await asyncio.to_thread(decode_document, parsed.document, max_image_pixels=cfg.max_image_pixels)
        request_id = f"chatcmpl-{uuid.uuid4().hex}"
        started = time.perf_counter()
        answers = await _admitted(
            state, request, lambda: engine.answer(document, parsed.questions, request_id=request_id)
        )
        if len(answers) != len(parsed.questions):
            raise ApiError(500, "engine_error", f"engine gave {len(answers)} answers for {len(parsed.questions)}")
        log.info(
            "%s pages=%d words=%d fields=%d ms=%.0f",
            request_id,
            len(document.pages),
            document.word_count,
            len(parsed.questions),
            (time.perf_counter() - started) * 1000,
        )
        return JSONResponse(_completion(request_id, engine.model_id, parsed.questions, answers))

    return app


async def _start_engine(state: _State) -> None:
    try:
        await state.engine.start()
    except asyncio.CancelledError:
        raise
    except BaseException as exc:  # keep serving 503 "errored" instead of dying silently in a task
        state.start_error = exc
        log.exception("engine failed to start")
        return
    engine_pages = getattr(state.engine, "max_pages", None)
    if engine_pages is not None and engine_pages < state.max_pages:
        log.info("page limit %d capped at the model's %d", state.max_pages, engine_pages)
        state.max_pages = int(engine_pages)


async def _readiness(state: _State) -> str:
    """``ready`` | ``loading`` | ``errored``."""
    task = state.start_task
    if state.start_error is not None:
        return "errored"
    if task is None or not task.done():
        return "loading"
    try:
        return "ready" if await state.engine.ready() else "errored"
    except Exception:
        log.exception("engine.ready() failed")
        return "errored"


async def _read_json(request: Request, max_body_bytes: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body_bytes:
        raise ApiError(413, "request_too_large", f"body is {declared} bytes; max {max_body_bytes}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body_bytes:
            raise ApiError(413, "request_too_large", f"body exceeds {max_body_bytes} bytes")
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks))
    except ValueError:
        raise ApiError(400, "bad_json", "request body is not valid JSON") from None


async def _admitted(state: _State, request: Request, call: Callable[[], Awaitable[list[Answer]]]) -> list[Answer]:
    """Wait (bounded) for an engine slot, then run ``call()`` raced against disconnect and the request timeout."""
    cfg = state.config
    try:
        async with asyncio.timeout(cfg.queue_timeout_s):
            await state.admission.acquire()
    except TimeoutError:
        raise ApiError(503, "overloaded", "server is busy; retry later", headers={"Retry-After": "1"}) from None
    try:
        return await _run_watched(request, call(), cfg.request_timeout_s, cfg.disconnect_poll_s)
    finally:
        state.admission.release()


async def _run_watched(request: Request, work: Awaitable[T], timeout_s: float, poll_s: float) -> T:
    """Await ``work`` as a task; cancel it (→ engine aborts) when the client disconnects or time runs out."""
    task: asyncio.Task[T] = asyncio.ensure_future(work)
    try:
        try:
            async with asyncio.timeout(timeout_s):
                while True:
                    done, _ = await asyncio.wait({task}, timeout=poll_s)
                    if done:
                        break
                    if await request.is_disconnected():
                        log.info("client disconnected; aborting engine work")
                        raise ApiError(400, "client_disconnected", "client went away")
        except TimeoutError:
            raise ApiError(504, "engine_timeout", f"engine did not answer within {timeout_s:.0f} s") from None
        try:
            return task.result()
        except EngineError as exc:
            headers = {"Retry-After": "5"} if exc.status == 503 else None
            raise ApiError(exc.status, exc.code, str(exc) or exc.code, type=exc.type, headers=headers) from None
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


def _completion(request_id: str, model: str, questions: list[FieldQuestion], answers: list[Answer]) -> dict[str, Any]:
    content = {
        "answers": {q.name: (a.text.strip() or None) for q, a in zip(questions, answers, strict=True)},
        "confidence": {
            q.name: round(min(1.0, max(0.0, a.confidence)), 6) for q, a in zip(questions, answers, strict=True)
        },
    }
    prompt_tokens = sum(a.prompt_tokens for a in answers)
    completion_tokens = sum(a.completion_tokens for a in answers)
    return {
        "id": request_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": json.dumps(content, ensure_ascii=False)},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc)

    async def on_http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(ApiError(exc.status_code, code, str(exc.detail)))

    async def on_validation_error(_: Request, exc: Exception) -> JSONResponse:
        return error_response(ApiError(400, "bad_request", str(exc)))

    async def on_unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return error_response(ApiError(500, "engine_error", f"internal error: {type(exc).__name__}"))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
