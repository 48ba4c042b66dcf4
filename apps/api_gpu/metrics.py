"""Prometheus metrics, one registry per app (so tests and several apps in one process don't collide)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

__all__ = ["Metrics"]

_STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.requests = Counter("ocrlty_requests_total", "HTTP requests by route and status", ["route", "status"],
                                registry=r)
        self.documents = Counter("ocrlty_documents_total", "Documents processed, by outcome", ["outcome"],
                                 registry=r)
        self.stage_seconds = Histogram("ocrlty_stage_seconds", "Pipeline stage latency", ["stage"],
                                       buckets=_STAGE_BUCKETS, registry=r)
        self.ocr_queue_depth = Gauge("ocrlty_ocr_queue_depth", "Pages waiting for an OCR slot", registry=r)
        self.ocr_in_flight = Gauge("ocrlty_ocr_in_flight", "Pages being OCR'd now", registry=r)
        self.cache = Counter("ocrlty_cache_total", "Result cache lookups", ["result"], registry=r)
        self.kie_backend = Counter("ocrlty_kie_backend_total", "Which KIE backend answered", ["backend"], registry=r)
        self.fallbacks = Counter("ocrlty_kie_fallbacks_total", "Answers from the local KIE because TILT failed",
                                 registry=r)
        self.page_source = Counter("ocrlty_pages_total", "Pages by text source", ["source"], registry=r)
        # async jobs (/v1/jobs); with Redis the item timings come from the workers (collected at each scrape)
        self.jobs = Counter("ocrlty_jobs_total", "Jobs submitted, and jobs ended by final status", ["status"],
                            registry=r)
        self.job_items = Counter("ocrlty_job_items_total", "Job items ended, by outcome", ["outcome"], registry=r)
        self.job_queue_depth = Gauge("ocrlty_job_queue_depth", "Job items queued or running", registry=r)
        self.job_workers = Gauge("ocrlty_job_workers", "Workers seen in the last minute", registry=r)
        self.job_queue_seconds = Histogram("ocrlty_job_queue_seconds", "Time a job item waited for a worker",
                                           buckets=_STAGE_BUCKETS + (128, 256, 512, 1024, 2048), registry=r)
        self.job_item_seconds = Histogram("ocrlty_job_item_seconds", "Time processing one job item",
                                          buckets=_STAGE_BUCKETS, registry=r)
