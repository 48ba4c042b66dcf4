"""The job model and the interface both backends implement; the per-item logic they share.

A job is one POST /v1/jobs: ``total`` files, each one item. An item ends once, with data or with a per-item error
(the first end wins: a retried item that had already ended is skipped). The job has ended when every item has;
the one call that ends the last item gets ``ended=True`` and sends the webhook, so it is sent once per job.

Item results are plain dicts in the shape of an /v1/extract-batch item (``filename``, ``data``, ``meta``,
``error``): the API layer makes them, lib/ only stores and returns them.
"""

from __future__ import annotations

import abc
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

__all__ = [
    "JobStatus", "ItemStatus", "ItemInput", "JobView", "QueueStats", "Processor", "TransientItemError",
    "JobEvents", "JobBackend", "JobStore", "error_result", "item_document", "new_job_id", "TERMINAL_ITEM",
]

JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]
ItemStatus = Literal["queued", "running", "done", "failed", "cancelled"]
TERMINAL_ITEM: frozenset[str] = frozenset({"done", "failed", "cancelled"})


class TransientItemError(Exception):
    """A failure that may pass (overload, timeout, GPU side down): the item is tried again, up to a limit."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# data, filename, request id -> a batch-item dict (data or a permanent per-item error); raises TransientItemError
Processor = Callable[[bytes, str, str], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class ItemInput:
    """One uploaded file at submit: its bytes, or the per-item error found from the bytes (not queued)."""

    filename: str
    data: bytes | None = None
    error: dict[str, Any] | None = None


@dataclass
class JobView:
    """What GET /v1/jobs/{id} and the webhook show (times are Unix seconds)."""

    job_id: str
    status: JobStatus
    total: int
    done: int
    failed: int
    created_at: float
    started_at: float | None
    finished_at: float | None
    callback_url: str | None
    results: list[dict[str, Any]] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """The job as JSON-ready dict (the GET body and the webhook body)."""
        return {
            "job_id": self.job_id, "status": self.status,
            "progress": {"done": self.done, "failed": self.failed, "total": self.total},
            "created_at": _iso(self.created_at), "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at), "results": self.results,
        }


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"


@dataclass
class QueueStats:
    backend: Literal["in_process", "redis"]
    reachable: bool
    queue_depth: int | None
    workers: list[str]
    detail: str | None = None


def error_result(filename: str, code: str, message: str) -> dict[str, Any]:
    return {"filename": filename, "data": None, "meta": None, "error": {"code": code, "message": message}}


def new_job_id() -> str:
    import uuid

    return "job_" + uuid.uuid4().hex


def item_document(filename: str, result: dict[str, Any] | None, *, started: bool) -> dict[str, Any]:
    """One entry of ``results``: the batch item plus its status."""
    if result is None:
        return {"filename": filename, "status": "running" if started else "queued", "data": None, "meta": None,
                "error": None}
    error = result.get("error")
    status = "done" if not error else ("cancelled" if error.get("code") == "cancelled" else "failed")
    return {**result, "status": status}


def job_status(*, total: int, ended: int, any_started: bool, cancelled: bool, failed: bool) -> JobStatus:
    if failed:
        return "failed"
    if cancelled:
        return "cancelled"
    if ended >= total:
        return "succeeded"
    return "running" if any_started or ended > 0 else "queued"


class JobEvents(Protocol):
    """Where timings and outcomes go (Prometheus in the API; Redis in a worker, for the API to collect)."""

    def item_ended(self, *, queued_s: float | None, processing_s: float | None, outcome: str) -> Awaitable[None]: ...

    def job_ended(self, status: str) -> Awaitable[None]: ...


class JobStore(Protocol):
    """Job state. Every method is atomic; ``finish_item`` returns (first end of this item, job ended by it)."""

    async def create(self, job_id: str, *, items: list[ItemInput], callback_url: str | None, created_at: float,
                     ttl_s: int) -> None: ...

    async def get(self, job_id: str) -> JobView | None: ...

    async def start_item(self, job_id: str, index: int, worker: str, now: float) -> bool: ...

    async def finish_item(self, job_id: str, index: int, result: dict[str, Any], now: float
                          ) -> tuple[bool, bool]: ...

    async def cancel(self, job_id: str, now: float) -> tuple[JobView | None, bool]: ...


class JobBackend(abc.ABC):
    """Submit, read, cancel; what /v1/jobs and /v1/health need. Built in the lifespan, closed after it."""

    name: Literal["in_process", "redis"]

    @abc.abstractmethod
    async def submit(self, items: list[ItemInput], *, callback_url: str | None, idempotency_key: str | None
                     ) -> tuple[JobView, bool]:
        """Store and queue a job; returns it and whether it is new (False: the idempotency key's earlier job).

        Raises:
            QueueUnavailable: the queue cannot take it now (Redis down).
        """

    @abc.abstractmethod
    async def get(self, job_id: str) -> JobView | None: ...

    @abc.abstractmethod
    async def cancel(self, job_id: str) -> JobView | None: ...

    @abc.abstractmethod
    async def stats(self) -> QueueStats: ...

    async def start(self) -> None:  # noqa: B027 (optional hook)
        """Open connections, start background tasks."""

    async def drain_events(self) -> list[dict[str, Any]]:
        """Item and job events that workers in other processes left for this one's metrics (none in process)."""
        return []

    async def aclose(self) -> None:  # noqa: B027 (optional hook)
        """Stop background tasks, close connections."""


async def run_item(store: JobStore, processor: Processor, *, job_id: str, index: int, filename: str,
                   data: bytes | None, worker: str, attempt: int, max_attempts: int, created_at: float,
                   events: JobEvents, timeout_s: float) -> tuple[bool, bool]:
    """Process one item once. Returns (handled, job_ended); raises TransientItemError when it should be retried.

    ``handled`` is False when the item was not run: it had already ended, or its job was cancelled or expired.
    """
    now = time.time()
    if not await store.start_item(job_id, index, worker, now):
        return False, False
    start = time.perf_counter()
    if data is None:
        result = error_result(filename, "upload_expired", "the upload was no longer stored (JOB_TTL_S passed)")
    elif attempt > max_attempts:
        result = error_result(filename, "gave_up", f"stopped after {max_attempts} tries (JOB_ITEM_MAX_TRIES); the "
                              "worker processing it may have died")
    else:
        try:
            try:
                result = await asyncio.wait_for(processor(data, filename, f"{job_id}.{index}"), timeout_s)
            except TimeoutError as exc:
                raise TransientItemError("item_timeout", f"'{filename}' took longer than {timeout_s:g} s "
                                         "(JOB_ITEM_TIMEOUT_S)") from exc
        except TransientItemError as exc:
            if attempt < max_attempts:
                raise
            result = error_result(filename, exc.code, f"{exc.message} (after {attempt} tries)")
    processing_s = time.perf_counter() - start
    first, ended = await store.finish_item(job_id, index, result, time.time())
    if first:
        await events.item_ended(queued_s=max(0.0, now - created_at), processing_s=processing_s,
                                outcome="failed" if result.get("error") else "done")
    return True, ended
