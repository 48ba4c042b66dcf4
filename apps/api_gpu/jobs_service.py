"""Async jobs, the API side: the backend chosen by REDIS_URL, the per-file processor both backends (and the
workers) run, submit-time checks, and the metrics the jobs feed."""

from __future__ import annotations

import time
from typing import Any

from loguru import logger

from apps.api_gpu.errors import status_for
from apps.api_gpu.metrics import Metrics
from apps.api_gpu.schemas import BatchItem, BatchItemError
from apps.api_gpu.service import extract_waiting_for_room, validate
from apps.api_gpu.state import AppState
from lib.errors import InputError, OcrltyError, TooManyPages, UndecodableDocument
from lib.ingest import Upload
from lib.jobs.base import JobBackend, Processor, TransientItemError
from lib.jobs.memory import InProcessBackend
from lib.jobs.webhook import WebhookSender, webhook_client
from lib.render import count_pdf_pages
from lib.settings import Settings

__all__ = ["make_processor", "precheck", "build_job_backend", "make_webhook_sender", "PrometheusJobEvents",
           "collect_job_metrics"]


def precheck(state: AppState, data: bytes, filename: str) -> Upload:
    """What can be known from the bytes at submit: type, size, and for PDFs readability and the page cap.

    Raises:
        InputError: the per-item error this file gets (never queued).
    """
    upload = validate(state, data, filename)
    if upload.media_type == "application/pdf":
        pages = count_pdf_pages(upload.data, filename)
        if pages == 0:
            raise UndecodableDocument(f"'{filename}' has no pages")
        limit = state.settings.max_pdf_pages
        if pages > limit:
            raise TooManyPages(f"'{filename}' has {pages} pages; the limit is {limit} (MAX_PDF_PAGES)")
    return upload


def make_processor(state: AppState) -> Processor:
    """One job file -> a batch-item dict. The file's own faults are final; anything else is transient."""

    async def process(data: bytes, filename: str, request_id: str) -> dict[str, Any]:
        try:
            upload = validate(state, data, filename)
            response = await extract_waiting_for_room(state, upload, request_id,
                                                      time.monotonic() + state.settings.request_timeout_s)
        except InputError as exc:
            state.metrics.documents.labels(f"error_{status_for(exc)}").inc()
            return BatchItem(filename=filename, error=BatchItemError(code=exc.code, message=exc.message)
                             ).model_dump(mode="json")
        except OcrltyError as exc:
            state.metrics.documents.labels(f"error_{status_for(exc)}").inc()
            raise TransientItemError(exc.code, exc.message) from exc
        except Exception as exc:
            logger.opt(exception=exc).bind(request_id=request_id).error("job item {} failed", filename)
            state.metrics.documents.labels("error_500").inc()
            raise TransientItemError("internal_error", "internal error on this file; see the log") from exc
        state.metrics.documents.labels("ok").inc()
        return BatchItem(filename=filename, data=response.data, meta=response.meta).model_dump(mode="json")

    return process


class PrometheusJobEvents:
    """JobEvents into the API's metrics (the in-process backend, and worker events the API collects)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def observe_item(self, *, queued_s: float | None, processing_s: float | None, outcome: str) -> None:
        self.metrics.job_items.labels(outcome).inc()
        if queued_s is not None:
            self.metrics.job_queue_seconds.observe(queued_s)
        if processing_s is not None:
            self.metrics.job_item_seconds.observe(processing_s)

    async def item_ended(self, *, queued_s: float | None, processing_s: float | None, outcome: str) -> None:
        self.observe_item(queued_s=queued_s, processing_s=processing_s, outcome=outcome)

    async def job_ended(self, status: str) -> None:
        self.metrics.jobs.labels(status).inc()


def make_webhook_sender(settings: Settings) -> WebhookSender:
    client = webhook_client(timeout_s=settings.webhook_timeout_s, allow_private=settings.webhook_allow_private)
    return WebhookSender(client=client, secret=settings.webhook_secret.get_secret_value(),
                         allow_private=settings.webhook_allow_private, max_attempts=settings.webhook_max_attempts,
                         backoff_s=settings.webhook_backoff_s, attempt_timeout_s=settings.webhook_timeout_s)


async def build_job_backend(state: AppState) -> JobBackend:
    """Redis (queue + workers) when REDIS_URL is set, else in this process on the API's own OCR scheduler."""
    s = state.settings
    url = s.redis_url.get_secret_value()
    backend: JobBackend
    if url:
        from lib.jobs.redis_backend import RedisBackend  # arq + redis (~0.1 s to import): only when used

        backend = RedisBackend(url=url, timeout_s=s.redis_timeout_s, ttl_s=s.job_ttl_s)
    else:
        backend = InProcessBackend(processor=make_processor(state), events=PrometheusJobEvents(state.metrics),
                                   webhooks=make_webhook_sender(s), slots=s.worker_slots, ttl_s=s.job_ttl_s,
                                   max_attempts=s.job_item_max_tries, backoff_s=s.job_retry_backoff_s,
                                   item_timeout_s=s.job_item_timeout_s)
    await backend.start()
    return backend


async def collect_job_metrics(state: AppState) -> dict[str, Any] | None:
    """Queue depth and workers into the gauges (and worker events into the histograms); the /v1/health block."""
    if state.jobs is None:
        return None
    stats = await state.jobs.stats()
    m = state.metrics
    events = PrometheusJobEvents(m)
    for event in await state.jobs.drain_events():  # Redis workers' events (the in-process backend records its own)
        if event.get("kind") == "item":
            events.observe_item(queued_s=event.get("queued_s"), processing_s=event.get("processing_s"),
                                outcome=str(event.get("outcome")))
        elif event.get("kind") == "job":
            m.jobs.labels(str(event.get("status"))).inc()
    if stats.queue_depth is not None:
        m.job_queue_depth.set(stats.queue_depth)
    m.job_workers.set(len(stats.workers))
    return {"backend": stats.backend, "redis_reachable": stats.reachable if stats.backend == "redis" else None,
            "queue_depth": stats.queue_depth, "workers": stats.workers, "detail": stats.detail}
