"""The worker's side of the Redis backend: the arq functions, the heartbeat and the arq ``Worker`` around them.

``apps/worker`` builds the extractor once and hands a ``Processor`` here; everything queue-related is in this
module and ``redis_backend``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

from arq import Retry
from arq.constants import in_progress_key_prefix
from arq.worker import Worker, func
from loguru import logger
from redis.exceptions import RedisError

from lib.jobs.base import Processor, TransientItemError, run_item
from lib.jobs.redis_backend import (
    QUEUE_NAME,
    WORKERS_KEY,
    RedisEvents,
    RedisJobStore,
    deserialize,
    make_redis,
    queue_job_ended,
    serialize,
    upload_key,
)
from lib.jobs.webhook import WebhookSender

__all__ = ["WorkerRuntime", "build_worker", "run_worker", "heartbeat", "keep_claims", "new_worker_id"]


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class WorkerRuntime:
    """What the arq functions need; built once per worker process."""

    worker_id: str
    processor: Processor
    webhooks: WebhookSender
    ttl_s: int
    max_attempts: int
    backoff_s: float
    item_timeout_s: float
    visibility_timeout_s: float = 30.0
    items_done: int = 0


def _runtime(ctx: dict[str, Any]) -> tuple[WorkerRuntime, RedisJobStore]:
    return ctx["ocrlty"], ctx["ocrlty_store"]


async def process_item(ctx: dict[str, Any], job_id: str, index: int) -> str:
    """One file of a job. Transient failures come back later (``Retry`` with doubling waits); so does the file
    when Redis fails under it (arq would otherwise count the job as failed and drop it from the queue)."""
    try:
        return await _process_item(ctx, job_id, index)
    except (RedisError, OSError) as exc:
        logger.warning("job {} item {}: Redis failed ({}); again in 1 s", job_id, index, exc)
        raise Retry(defer=1) from exc


async def _process_item(ctx: dict[str, Any], job_id: str, index: int) -> str:
    rt, store = _runtime(ctx)
    meta = await store.meta(job_id)
    if meta is None:
        return "expired"
    redis = ctx["redis"]
    data = await store.load_upload(job_id, index)
    attempt = int(ctx["job_try"])
    try:
        handled, ended = await run_item(
            store, rt.processor, job_id=job_id, index=index, filename=meta["filenames"][index], data=data,
            worker=rt.worker_id, attempt=attempt, max_attempts=rt.max_attempts, created_at=meta["created_at"],
            events=ctx["ocrlty_events"], timeout_s=rt.item_timeout_s)
    except TransientItemError as exc:
        delay = rt.backoff_s * 2 ** (attempt - 1)
        logger.warning("job {} item {} try {} failed ({}); again in {:.1f} s", job_id, index, attempt, exc.code,
                       delay)
        raise Retry(defer=delay) from exc
    rt.items_done += handled
    await redis.delete(upload_key(job_id, index))  # ended now or before (a retry, a cancel): never read again
    if ended:
        await queue_job_ended(redis, store, job_id, rt.ttl_s)
    return "done" if handled else "skipped"


async def send_webhook(ctx: dict[str, Any], job_id: str) -> str:
    rt, store = _runtime(ctx)
    try:
        view = await store.get(job_id)
    except (RedisError, OSError) as exc:
        raise Retry(defer=1) from exc
    if view is None or not view.callback_url:
        return "expired"
    if await rt.webhooks.send(view.callback_url, view.document()):
        return "delivered"
    attempt = int(ctx["job_try"])
    if attempt >= rt.webhooks.max_attempts:
        logger.error("webhook for {} given up after {} attempts", job_id, attempt)
        return "given up"
    raise Retry(defer=rt.webhooks.delay_s(attempt))


async def heartbeat(redis: Any, worker_id: str, interval_s: float) -> None:
    """Say we are alive every ``interval_s``: /v1/health lists workers seen in the last minute."""
    while True:
        now = time.time()
        try:
            async with redis.pipeline(transaction=False) as pipe:
                pipe.zadd(WORKERS_KEY, {worker_id: now})
                pipe.zremrangebyscore(WORKERS_KEY, "-inf", now - 3600)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            logger.warning("heartbeat failed: {}", exc)
        await asyncio.sleep(interval_s)


async def keep_claims(current: dict[str, Worker], visibility_s: float) -> None:
    """Extend the in-progress keys of the jobs this worker runs, every third of ``visibility_s``.

    arq marks a job taken with ``arq:in-progress:<id>``, expiring after ``worker.in_progress_timeout_s``; until
    then no other worker starts it, and a job whose key expired while still in the queue is started again. arq
    sets that expiry to the job timeout + 10 s, which would keep a killed worker's file waiting for
    JOB_ITEM_TIMEOUT_S. We shorten it to JOB_VISIBILITY_TIMEOUT_S and renew it here while the file runs: a live
    worker keeps its files however long they take; a dead one loses them after the visibility timeout.
    """
    ms = int(visibility_s * 1000)
    while True:
        await asyncio.sleep(visibility_s / 3)
        worker = current.get("worker")
        running = list(worker.job_tasks) if worker is not None else []
        if not running:
            continue
        try:
            async with worker.pool.pipeline(transaction=False) as pipe:  # type: ignore[union-attr]
                for job_id in running:
                    pipe.pexpire(in_progress_key_prefix + job_id, ms)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            logger.warning("could not renew the claim on {} running item(s): {}", len(running), exc)


def build_worker(runtime: WorkerRuntime, redis: Any, *, slots: int, poll_delay_s: float) -> Worker:
    """An arq Worker for our two functions on ``redis`` (a client that rides out a Redis restart)."""

    async def on_startup(ctx: dict[str, Any]) -> None:
        ctx["ocrlty"] = runtime
        ctx["ocrlty_store"] = RedisJobStore(redis)
        ctx["ocrlty_events"] = RedisEvents(redis)
        logger.info("worker {} ready: {} slot(s), queue {}", runtime.worker_id, slots, QUEUE_NAME)

    worker = Worker(
        functions=[
            # our own limit (JOB_ITEM_MAX_TRIES) ends an item with an error; arq's is above it, so arq never
            # drops an item silently after a few crashed workers. arq's timeout is a little above ours
            # (JOB_ITEM_TIMEOUT_S), which ends the file cleanly (retry or error) before arq would cancel it.
            func(process_item, name="process_item", timeout=runtime.item_timeout_s + 5,
                 max_tries=runtime.max_attempts + 5),
            func(send_webhook, name="send_webhook", timeout=runtime.webhooks.attempt_timeout_s + 10,
                 max_tries=runtime.webhooks.max_attempts + 1),
        ],
        redis_pool=redis, queue_name=QUEUE_NAME, max_jobs=slots, poll_delay=poll_delay_s, keep_result=0,
        on_startup=on_startup, handle_signals=True, job_serializer=serialize, job_deserializer=deserialize,
        health_check_interval=60,
    )
    worker.in_progress_timeout_s = runtime.visibility_timeout_s  # renewed by keep_claims while a job runs
    return worker


async def run_worker(runtime: WorkerRuntime, *, redis_url: str, timeout_s: float, slots: int, poll_delay_s: float,
                     heartbeat_s: float) -> None:
    """Take items until SIGTERM/SIGINT. If Redis goes away for longer than the client's retries (~25 s), arq's
    loop stops: the files running here finish (their writes wait for Redis), and a fresh arq Worker starts over.
    """
    redis = make_redis(redis_url, timeout_s=timeout_s, retries=15)
    current: dict[str, Worker] = {}
    background = [asyncio.create_task(heartbeat(redis, runtime.worker_id, heartbeat_s)),
                  asyncio.create_task(keep_claims(current, runtime.visibility_timeout_s))]
    try:
        while True:
            worker = current["worker"] = build_worker(runtime, redis, slots=slots, poll_delay_s=poll_delay_s)
            try:
                await worker.async_run()
                return
            except asyncio.CancelledError:  # arq cancels its main task on SIGTERM/SIGINT
                return
            except (RedisError, OSError) as exc:
                logger.warning("worker {} lost Redis ({}); starting over", runtime.worker_id, exc)
            finally:
                await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
            await asyncio.sleep(1)
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        with contextlib.suppress(RedisError, OSError):
            await redis.zrem(WORKERS_KEY, runtime.worker_id)
        await redis.aclose(close_connection_pool=True)
