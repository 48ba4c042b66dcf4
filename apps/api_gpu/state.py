"""Everything shared across requests, built once in the lifespan and reached through ``deps``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from apps.api_gpu.metrics import Metrics
from lib.jobs.base import JobBackend
from lib.pipelines.extract import Extractor
from lib.pipelines.kie_router import KieRouter
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.result_cache import RedisResultCache, ResultCache
from lib.settings import Settings

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

    @property
    def ready(self) -> bool:
        return self.extractor is not None and self.ocr is not None and self.ocr.pool.warmed_up
