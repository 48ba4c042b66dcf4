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

from apps.api_gpu.cache_backend import build_cache
from apps.api_gpu.jobs_service import build_job_backend
from apps.api_gpu.logging_setup import configure_logging, route_library_loggers
from apps.api_gpu.state import AppState
from lib.ocr_engine import build_engine_pool
from lib.pipelines.extract import Extractor
from lib.pipelines.kie_local import LocalKie
from lib.pipelines.kie_router import KieRouter
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.result_cache import RedisResultCache

if TYPE_CHECKING:
    import httpx

    from lib.pipelines.tilt_client import TiltBackend

__all__ = ["lifespan", "build_pipeline"]


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


async def build_pipeline(state: AppState) -> httpx.AsyncClient | None:
    """settings -> OCR pool -> scheduler -> KIE -> extractor (+ answer cache) on ``state``; the one place that
    assembles the pipeline, for the API's lifespan and for workers (``python -m apps.worker``).

    Returns the GPU side's HTTP client (None with the local KIE), for the caller to close.
    """
    settings = state.settings
    # PaddleX brings its own log handler when imported: route it into ours before it logs anything
    pool = await asyncio.to_thread(build_engine_pool, settings, after_import=route_library_loggers)
    if settings.ocr_warmup:
        state.ocr_warmup_s = await asyncio.to_thread(pool.warm_up)
    else:
        pool.warmed_up = True
    state.ocr_warnings = pool.warnings
    state.ocr = OcrScheduler(pool=pool, concurrency=settings.ocr_concurrency, queue_max=settings.ocr_queue_max)
    tilt, client = await _build_tilt(state)
    state.kie = KieRouter(mode=settings.kie_backend, local=LocalKie(), tilt=tilt)
    state.extractor = Extractor(settings=settings, ocr=state.ocr, kie=state.kie, ocr_model_version=pool.model_version)
    state.cache = build_cache(settings, size_of=_cached_size)
    return client


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: AppState = app.state.ocrlty
    settings = state.settings
    configure_logging(settings)  # here, not at import: importing the app must not reconfigure a process's logs
    start = time.perf_counter()
    client = await build_pipeline(state)
    state.jobs = await build_job_backend(state)
    watcher = asyncio.create_task(state.kie.watch_tilt_health(settings.tilt_health_interval_s))
    state.startup_s = time.perf_counter() - start
    logger.info("OCRlty ready in {:.1f} s (KIE_BACKEND={}, OCR {}x {}, jobs {})", state.startup_s,
                settings.kie_backend, settings.ocr_concurrency, state.extractor.ocr_model_version, state.jobs.name)
    try:
        yield
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await state.jobs.aclose()
        await state.ocr.aclose()
        if isinstance(state.cache, RedisResultCache):
            await state.cache.aclose()
        if client is not None:
            await client.aclose()
