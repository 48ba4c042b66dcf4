"""Start-up and shut-down: build the OCR engines (warmed up), the KIE router and the HTTP client; close them.

The HTTP port opens at once: the lifespan starts ``build_state`` in a background task and yields, so probes get an
answer while the engines load (``/ping`` 204, ``/v1/extract*`` 503 ``starting``). ``build_state`` and
``close_state`` are also what the RunPod queue worker and the CLI call: one place knows how the pipeline is put
together.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from fastapi import FastAPI
from loguru import logger

from apps.api_gpu.cache_backend import build_cache
from apps.api_gpu.health_port import serve_ping
from apps.api_gpu.jobs_service import build_job_backend
from apps.api_gpu.logging_setup import configure_logging, route_library_loggers
from apps.api_gpu.state import AppState
from lib.heap import HeapTrimPolicy, tune_malloc
from lib.kie.local import LocalKie
from lib.kie.router import KieRouter
from lib.ocr_engine import build_engine_pool
from lib.pipelines.extract import Extractor
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.result_cache import RedisResultCache

if TYPE_CHECKING:
    import httpx

    from lib.pipelines.tilt_client import TiltBackend

__all__ = ["lifespan", "build_state", "close_state", "in_daemon_thread"]

P = ParamSpec("P")
T = TypeVar("T")


def _cached_size(entry: object) -> int:
    document = getattr(entry, "document", None)
    spans = sum(len(p.spans) for p in document.pages) if document is not None else 0
    return 4096 + 200 * spans


async def in_daemon_thread(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run blocking start-up work in a daemon thread and await it.

    Unlike ``asyncio.to_thread`` (the loop's executor, joined at exit), a shut-down during start-up does not wait
    for the engines to finish loading: the await is cancelled at once, the thread ends on its own when its step is
    done, and the process can exit meanwhile.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: object, error: BaseException | None) -> None:
        if future.done():  # cancelled: nobody waits for the result any more
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        result: object = None
        error: BaseException | None = None
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the awaiting task
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the process is shutting down
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name=f"ocrlty-startup-{getattr(fn, '__name__', 'step')}", daemon=True).start()
    return await future


async def _build_tilt(state: AppState) -> tuple[TiltBackend | None, httpx.AsyncClient | None]:
    """The GPU backend and its one shared HTTP client, unless the service runs the local KIE only."""
    if state.settings.kie_backend == "local":
        return None, None
    from lib.pipelines.tilt_client import TiltBackend, make_tilt_http_client  # noqa: F811 (runtime import)

    client = make_tilt_http_client(state.settings)
    return TiltBackend.from_settings(state.settings, client), client


async def build_state(state: AppState) -> None:
    """Build what requests need onto ``state``: OCR engines (warmed up), scheduler, KIE router, extractor, cache.

    Raises whatever a step raises; ``close_state`` releases what was built so far (also after a cancellation).
    """
    settings = state.settings
    start = time.perf_counter()
    tune_malloc(int(settings.malloc_mmap_threshold_mb * 1024 * 1024))  # OCR's large buffers go back on free
    # PaddleX brings its own log handler when imported: route it into ours before it logs anything
    pool = await in_daemon_thread(build_engine_pool, settings, after_import=route_library_loggers)
    if settings.ocr_warmup:
        state.ocr_warmup_s = await in_daemon_thread(pool.warm_up)
    else:
        pool.warmed_up = True
    state.ocr_warnings = pool.warnings
    state.ocr = OcrScheduler(pool=pool, concurrency=pool.size, queue_max=settings.ocr_queue_max,
                             # the rest of REQUEST_TIMEOUT_S is for render and KIE
                             max_wait_s=min(settings.ocr_queue_max_wait_s, settings.request_timeout_s * 0.75),
                             max_queue_bytes=int(settings.ocr_queue_max_mb * 1024 * 1024),
                             trim=HeapTrimPolicy(every_pages=settings.ocr_trim_every_pages,
                                                 idle_s=settings.ocr_trim_idle_s))
    tilt, state.tilt_http = await _build_tilt(state)
    state.kie = KieRouter(mode=settings.kie_backend, local=LocalKie(), tilt=tilt)
    state.extractor = Extractor(settings=settings, ocr=state.ocr, kie=state.kie, ocr_model_version=pool.model_version)
    state.cache = build_cache(settings, size_of=_cached_size)  # CACHE_BACKEND: memory, or Redis (shared)
    state.tilt_watcher = asyncio.create_task(state.kie.watch_tilt_health(settings.tilt_health_interval_s))
    state.startup_s = time.perf_counter() - start
    state.built = True
    logger.info("OCRlty ready in {:.1f} s (KIE_BACKEND={}, OCR {}x {})", state.startup_s, settings.kie_backend,
                pool.size, pool.model_version)


async def close_state(state: AppState) -> None:
    """Stop the GPU health watcher, let running OCR finish, close the HTTP client. Safe on a half-built state."""
    if state.tilt_watcher is not None:
        state.tilt_watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await state.tilt_watcher
    if state.ocr is not None:
        await state.ocr.aclose()
    if state.tilt_http is not None:
        await state.tilt_http.aclose()
    if isinstance(state.cache, RedisResultCache):
        await state.cache.aclose()


async def _start(state: AppState) -> None:
    """``build_state`` in the background: a failure is kept on the state (probes report it), not raised."""
    try:
        await build_state(state)
    except asyncio.CancelledError:
        logger.info("start-up cancelled (shut-down while the engines were loading)")
        raise
    except Exception as exc:
        state.startup_error = f"{type(exc).__name__}: {exc}"
        logger.opt(exception=exc).error("start-up failed: {}", state.startup_error)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: AppState = app.state.ocrlty
    settings = state.settings
    configure_logging(settings)  # here, not at import: importing the app must not reconfigure a process's logs
    state.jobs = await build_job_backend(state)  # no I/O: Redis is reached on first use
    startup = asyncio.create_task(_start(state), name="ocrlty-startup")
    health_port = None
    if settings.port_health is not None and settings.port_health != settings.api_port:
        health_port = await serve_ping(state, settings.api_host, settings.port_health)
    logger.info("OCRlty accepting connections; loading the OCR engines in the background")
    try:
        yield
    finally:
        startup.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await startup
        if health_port is not None:
            health_port.close()
            await health_port.wait_closed()
        await state.jobs.aclose()
        await close_state(state)
