"""The in-process backend (no REDIS_URL): jobs run as asyncio tasks on the API's own OCR scheduler.

State lives in this process's memory: a restart loses unfinished jobs (the README says so). Items of all jobs
share ``slots`` concurrent runs, in submit order, so a big job does not starve /v1/extract of OCR slots.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from loguru import logger

from lib.jobs.base import (
    ItemInput,
    JobBackend,
    JobEvents,
    JobView,
    Processor,
    QueueStats,
    TransientItemError,
    error_result,
    item_document,
    job_status,
    new_job_id,
    run_item,
)
from lib.jobs.webhook import WebhookSender

__all__ = ["MemoryJobStore", "InProcessBackend"]


@dataclass
class _Item:
    filename: str
    result: dict[str, Any] | None = None
    started_at: float | None = None
    worker: str | None = None


@dataclass
class _Job:
    job_id: str
    created_at: float
    expires_at: float
    callback_url: str | None
    items: list[_Item]
    started_at: float | None = None
    finished_at: float | None = None
    cancelled: bool = False
    ended: int = 0


@dataclass
class MemoryJobStore:
    """JobStore in a dict; single event loop, so each method is atomic by construction."""

    jobs: dict[str, _Job] = field(default_factory=dict)

    def _live(self, job_id: str) -> _Job | None:
        job = self.jobs.get(job_id)
        if job is not None and job.expires_at <= time.time():
            del self.jobs[job_id]
            return None
        return job

    def sweep(self) -> None:
        for job_id in list(self.jobs):
            self._live(job_id)

    async def create(self, job_id: str, *, items: list[ItemInput], callback_url: str | None, created_at: float,
                     ttl_s: int) -> None:
        job = _Job(job_id=job_id, created_at=created_at, expires_at=created_at + ttl_s, callback_url=callback_url,
                   items=[_Item(filename=i.filename, result=i.error) for i in items])
        job.ended = sum(1 for i in job.items if i.result is not None)
        if job.ended == len(job.items):
            job.finished_at = created_at
        self.jobs[job_id] = job

    async def get(self, job_id: str) -> JobView | None:
        job = self._live(job_id)
        return None if job is None else _view(job)

    async def start_item(self, job_id: str, index: int, worker: str, now: float) -> bool:
        job = self._live(job_id)
        if job is None or job.items[index].result is not None:
            return False
        item = job.items[index]
        item.started_at, item.worker = now, worker
        job.started_at = job.started_at or now
        return True

    async def finish_item(self, job_id: str, index: int, result: dict[str, Any], now: float) -> tuple[bool, bool]:
        job = self._live(job_id)
        if job is None or job.items[index].result is not None:
            return False, False
        job.items[index].result = result
        job.ended += 1
        if job.ended == len(job.items):
            job.finished_at = now
            return True, True
        return True, False

    async def cancel(self, job_id: str, now: float) -> tuple[JobView | None, bool]:
        job = self._live(job_id)
        if job is None:
            return None, False
        ended_now = False
        if job.finished_at is None:
            job.cancelled = True
            for item in job.items:
                if item.result is None and item.started_at is None:
                    item.result = error_result(item.filename, "cancelled", "cancelled before it started")
                    job.ended += 1
            if job.ended == len(job.items):
                job.finished_at = now
                ended_now = True
        return _view(job), ended_now


def _view(job: _Job) -> JobView:
    results = []
    failed = 0
    for item in job.items:
        results.append(item_document(item.filename, item.result, started=item.started_at is not None))
        failed += item.result is not None and bool(item.result.get("error"))
    return JobView(job_id=job.job_id, total=len(job.items), done=job.ended - failed, failed=failed,
                   status=job_status(total=len(job.items), ended=job.ended, any_started=job.started_at is not None,
                                     cancelled=job.cancelled, failed=False),
                   created_at=job.created_at, started_at=job.started_at, finished_at=job.finished_at,
                   callback_url=job.callback_url, results=results)


class InProcessBackend(JobBackend):
    """Runs items as tasks in this process, at most ``slots`` at once; webhooks from here too."""

    name = "in_process"

    def __init__(self, *, processor: Processor, events: JobEvents, webhooks: WebhookSender, slots: int,
                 ttl_s: int, max_attempts: int, backoff_s: float, item_timeout_s: float) -> None:
        self.store = MemoryJobStore()
        self._processor = processor
        self._events = events
        self.webhooks = webhooks
        self._gate = asyncio.Semaphore(slots)
        self._ttl_s = ttl_s
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._item_timeout_s = item_timeout_s
        self._uploads: dict[tuple[str, int], bytes] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._idempotency: dict[str, tuple[str, float]] = {}
        self.waiting = 0

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def submit(self, items: list[ItemInput], *, callback_url: str | None, idempotency_key: str | None
                     ) -> tuple[JobView, bool]:
        now = time.time()
        self.store.sweep()
        for key in [k for k, (_, expires_at) in self._idempotency.items() if expires_at <= now]:
            del self._idempotency[key]  # expired keys went away with their jobs; the dict must not grow for ever
        if idempotency_key is not None:
            known = self._idempotency.get(idempotency_key)
            if known is not None and known[1] > now:
                view = await self.store.get(known[0])
                if view is not None:
                    return view, False
        job_id = new_job_id()
        await self.store.create(job_id, items=items, callback_url=callback_url, created_at=now, ttl_s=self._ttl_s)
        if idempotency_key is not None:
            self._idempotency[idempotency_key] = (job_id, now + self._ttl_s)
        for index, item in enumerate(items):
            if item.error is None and item.data is not None:
                self._uploads[(job_id, index)] = item.data
                self.waiting += 1
                self._spawn(self._run(job_id, index, item.filename, now))
        view = await self.store.get(job_id)
        assert view is not None
        if view.finished_at is not None:  # every file was refused at submit
            await self._job_ended(view)
        return view, True

    async def _run(self, job_id: str, index: int, filename: str, created_at: float) -> None:
        attempt = 1
        try:
            async with self._gate:
                self.waiting -= 1
                while True:
                    data = self._uploads.get((job_id, index))
                    try:
                        _, ended = await run_item(self.store, self._processor, job_id=job_id, index=index,
                                                  filename=filename, data=data, worker="in-process",
                                                  attempt=attempt, max_attempts=self._max_attempts,
                                                  created_at=created_at, events=self._events,
                                                  timeout_s=self._item_timeout_s)
                    except TransientItemError:
                        await asyncio.sleep(self._backoff_s * 2 ** (attempt - 1))
                        attempt += 1
                        continue
                    break
        except Exception as exc:  # never leave an item without an end
            logger.opt(exception=exc).error("job {} item {} failed unexpectedly", job_id, index)
            _, ended = await self.store.finish_item(job_id, index, error_result(
                filename, "internal_error", "internal error on this file; see the log"), time.time())
        finally:
            self._uploads.pop((job_id, index), None)
        if ended:
            view = await self.store.get(job_id)
            if view is not None:
                await self._job_ended(view)

    async def _job_ended(self, view: JobView) -> None:
        await self._events.job_ended(view.status)
        if view.callback_url:
            self._spawn(self.webhooks.deliver_with_retries(view.callback_url, view.document()))

    async def get(self, job_id: str) -> JobView | None:
        return await self.store.get(job_id)

    async def cancel(self, job_id: str) -> JobView | None:
        view, ended = await self.store.cancel(job_id, time.time())
        if ended and view is not None:
            await self._job_ended(view)
        return view

    async def stats(self) -> QueueStats:
        return QueueStats(backend="in_process", reachable=True, queue_depth=self.waiting, workers=["in-process"])

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.webhooks.client.aclose()
