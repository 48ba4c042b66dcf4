"""Everything shared across requests, built once by ``lifespan.build_state`` and reached through ``deps``."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from apps.api_gpu.metrics import Metrics
from lib.jobs.base import JobBackend
from lib.kie.router import KieRouter
from lib.pipelines.extract import Extractor
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.result_cache import RedisResultCache, ResultCache
from lib.settings import Settings

if TYPE_CHECKING:
    import httpx

__all__ = ["AppState"]


@dataclass
class AppState:
    settings: Settings
    metrics: Metrics
    extractor: Extractor | None = None
    ocr: OcrScheduler | None = None
    kie: KieRouter | None = None
    cache: ResultCache[Any] | RedisResultCache[Any] | None = None
    ocr_warmup_s: float | None = None
    startup_s: float | None = None
    ocr_warnings: list[str] = field(default_factory=list)
    jobs: JobBackend | None = None
    # start-up runs in the background (the port opens at once): what it owns, and how it ended
    built: bool = False  # set last by build_state: everything above is in place
    startup_error: str | None = None  # why start-up failed: /ping, /v1/ready and /v1/extract* answer 503
    tilt_http: httpx.AsyncClient | None = None
    tilt_watcher: asyncio.Task[None] | None = None

    @property
    def ready(self) -> bool:
        """Built and warmed up: requests can run (in tilt mode they may still meet a GPU side that is down)."""
        return self.built and self.extractor is not None and self.ocr is not None and self.ocr.pool.warmed_up

    @property
    def gpu_down(self) -> bool:
        return self.kie is not None and self.kie.tilt is not None and self.kie.tilt_healthy is not True

    @property
    def serving(self) -> bool:
        """The service can answer: /v1/ready's 200 and /ping's 200 (KIE_BACKEND=tilt also needs the GPU side)."""
        return self.ready and not (self.settings.kie_backend == "tilt" and self.gpu_down)
