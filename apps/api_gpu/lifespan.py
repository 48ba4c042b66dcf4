"""Start-up and shut-down: build the OCR engines (warmed up), the KIE router and the HTTP client; close them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from loguru import logger

from apps.api_gpu.logging_setup import configure_logging, route_library_loggers
from apps.api_gpu.state import AppState
from lib.ocr_engine import build_engine_pool
from lib.pipelines.extract import Extractor
from lib.pipelines.kie_local import LocalKie
from lib.pipelines.kie_router import KieRouter
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.result_cache import ResultCache

if TYPE_CHECKING:
    import httpx

    from lib.pipelines.tilt_client import TiltBackend

__all__ = ["lifespan"]


def _cached_size(entry: object) -> int:
    document = getattr(entry, "document", None)
    spans = sum(len(p.spans) for p in document.pages) if document is not None else 0
    return 4096 + 200 * spans


async def _build_tilt(state: AppState) -> tuple[TiltBackend | None, httpx.AsyncClient | None]:
    """The GPU backend and its one shared HTTP client, unless the service runs the local KIE only."""
    if state.settings.kie_backend == "local":
        return None, None
    from lib.pipelines.tilt_client import TiltBackend, make_tilt_http_client  # noqa: F811 (runtime import)

    client = make_tilt_http_client(state.settings)
    return TiltBackend.from_settings(state.settings, client), client


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: AppState = app.state.ocrlty
    settings = state.settings
    configure_logging(settings)  # here, not at import: importing the app must not reconfigure a process's logs
    start = time.perf_counter()
    # PaddleX brings its own log handler when imported: route it into ours before it logs anything
    pool = await asyncio.to_thread(build_engine_pool, settings, after_import=route_library_loggers)
    if settings.ocr_warmup:
        state.ocr_warmup_s = await asyncio.to_thread(pool.warm_up)
    else:
        pool.warmed_up = True
    state.ocr_warnings = pool.warnings
    state.ocr = OcrScheduler(pool=pool, concurrency=settings.ocr_concurrency, queue_max=settings.ocr_queue_max,
                             max_wait_s=settings.request_timeout_s / 2)  # the rest for render, OCR, KIE
    tilt, client = await _build_tilt(state)
    state.kie = KieRouter(mode=settings.kie_backend, local=LocalKie(), tilt=tilt)
    state.extractor = Extractor(settings=settings, ocr=state.ocr, kie=state.kie, ocr_model_version=pool.model_version)
    state.cache = ResultCache(max_entries=settings.cache_max_entries,
                              max_bytes=int(settings.cache_max_mb * 1024 * 1024), size_of=_cached_size)
    watcher = asyncio.create_task(state.kie.watch_tilt_health(settings.tilt_health_interval_s))
    state.startup_s = time.perf_counter() - start
    logger.info("OCRlty ready in {:.1f} s (KIE_BACKEND={}, OCR {}x {})", state.startup_s, settings.kie_backend,
                settings.ocr_concurrency, pool.model_version)
    try:
        yield
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await state.ocr.aclose()
        if client is not None:
            await client.aclose()
