"""The Redis backend (REDIS_URL set): the API stores uploads and job state in Redis and queues one arq job per
file; workers (``python -m apps.worker``) run them.

Why arq: it is asyncio-native like our pipeline (the extractor is async, so one worker process runs several
files at once on its OCR pool with no threads or forks of its own), and its delivery model is the one we need:
a queued job stays in the queue's sorted set until a worker *finishes* it; a worker that starts it only sets
``arq:in-progress:<id>`` with an expiry of (job timeout + 10 s). A worker killed with SIGKILL never removes the
job, so when the key expires another worker starts it again (at-least-once). Retries (``Retry``) are counted per
job (``job_try``). State that is ours, not the queue's, lives in our own keys:

    ocrlty:job:<id>          hash: meta (JSON), total, ended/ok/err counters, r:<i> result, s:<i> start, w:<i> worker
    ocrlty:upload:<id>:<i>   the file's bytes (deleted when the item ends; expire with the job)
    ocrlty:idem:<sha256>     Idempotency-Key -> job id
    ocrlty:workers           sorted set: worker id -> last heartbeat (Unix s)
    ocrlty:job-events        list of per-item timings from workers, drained by the API's /metrics

Every key expires after JOB_TTL_S. Ending an item is one Lua script (set the result if none, count it, stamp
``finished_at`` when it was the last), so a retried item that had ended is never counted twice and exactly one
call learns that the job has ended (and queues its webhook, itself an arq job with retries).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from redis.asyncio import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from lib.errors import QueueUnavailable
from lib.jobs.base import (
    ItemInput,
    JobBackend,
    JobView,
    QueueStats,
    error_result,
    item_document,
    job_status,
    new_job_id,
)

__all__ = [
    "QUEUE_NAME", "RedisJobStore", "RedisBackend", "RedisEvents", "make_redis", "serialize", "deserialize",
    "upload_key", "job_key", "WORKERS_KEY", "EVENTS_KEY",
]

QUEUE_NAME = "ocrlty:queue"
WORKERS_KEY = "ocrlty:workers"
EVENTS_KEY = "ocrlty:job-events"
_EVENTS_MAX = 10_000
_UPLOAD_CHUNK = 1 << 20  # bytes per command when storing an upload


def job_key(job_id: str) -> str:
    return f"ocrlty:job:{job_id}"


def upload_key(job_id: str, index: int) -> str:
    return f"ocrlty:upload:{job_id}:{index}"


def serialize(data: dict[str, Any]) -> bytes:
    """arq's job serializer: JSON (our arguments are strings and ints), not pickle."""
    return json.dumps(data, default=str).encode()


def deserialize(raw: bytes) -> dict[str, Any]:
    return json.loads(raw)


def make_redis(url: str, *, timeout_s: float, retries: int) -> ArqRedis:
    """An arq-capable Redis client that does not connect until used (the API must start with Redis down).

    ``retries`` reconnects on connection errors with backoff (a worker rides out a Redis restart; the API uses
    few, so that POST /v1/jobs answers 503 quickly).
    """
    pool = ConnectionPool.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                   retry=Retry(ExponentialBackoff(cap=2.0, base=0.1), retries),
                                   retry_on_error=[RedisConnectionError, RedisTimeoutError],
                                   health_check_interval=30)
    return ArqRedis(pool, job_serializer=serialize, job_deserializer=deserialize, default_queue_name=QUEUE_NAME)


_START = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[1], 'r:' .. ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 's:' .. ARGV[1], ARGV[2], 'w:' .. ARGV[1], ARGV[3])
redis.call('HSETNX', KEYS[1], 'started_at', ARGV[2])
return 1
"""

_FINISH = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HSETNX', KEYS[1], 'r:' .. ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
local ended = redis.call('HINCRBY', KEYS[1], 'ended', 1)
if ended >= tonumber(redis.call('HGET', KEYS[1], 'total')) then
  redis.call('HSET', KEYS[1], 'finished_at', ARGV[4])
  return 2
end
return 1
"""

_CANCEL = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[1], 'finished_at') == 1 then return 0 end
redis.call('HSETNX', KEYS[1], 'cancelled_at', ARGV[1])
local ended = tonumber(redis.call('HGET', KEYS[1], 'ended'))
for i = 2, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[1], 's:' .. ARGV[i]) == 0
     and redis.call('HSETNX', KEYS[1], 'r:' .. ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('HINCRBY', KEYS[1], 'err', 1)
    ended = redis.call('HINCRBY', KEYS[1], 'ended', 1)
  end
end
if ended >= tonumber(redis.call('HGET', KEYS[1], 'total')) then
  redis.call('HSET', KEYS[1], 'finished_at', ARGV[1])
  return 2
end
return 1
"""


def _s(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


@dataclass
class RedisJobStore:
    """JobStore on one Redis hash per job; each method is one round trip (a Lua script or a pipeline)."""

    redis: ArqRedis

    def __post_init__(self) -> None:
        self._start = self.redis.register_script(_START)
        self._finish = self.redis.register_script(_FINISH)
        self._cancel = self.redis.register_script(_CANCEL)

    async def create(self, job_id: str, *, items: list[ItemInput], callback_url: str | None, created_at: float,
                     ttl_s: int) -> None:
        meta = {"created_at": created_at, "callback_url": callback_url, "filenames": [i.filename for i in items]}
        refused = {f"r:{n}": json.dumps(i.error) for n, i in enumerate(items) if i.error is not None}
        mapping: dict[str, Any] = {"meta": json.dumps(meta), "total": len(items), "ended": len(refused), "ok": 0,
                                   "err": len(refused), **refused}
        if len(refused) == len(items):
            mapping["finished_at"] = created_at
        for n, item in enumerate(items):  # before the job exists: nothing reads them until it does
            if item.error is None and item.data is not None:
                await self._store_upload(upload_key(job_id, n), item.data, ttl_s)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(job_key(job_id), mapping=mapping)
            pipe.expire(job_key(job_id), ttl_s)
            await pipe.execute()

    async def _store_upload(self, key: str, data: bytes, ttl_s: int) -> None:
        """The bytes in ``_UPLOAD_CHUNK`` pieces, one command each: the client's timeout (REDIS_TIMEOUT_S) covers
        one command's whole send, so one command (or one MULTI) with a whole job's uploads timed out on big jobs."""
        await self.redis.set(key, data[:_UPLOAD_CHUNK], ex=ttl_s)
        for start in range(_UPLOAD_CHUNK, len(data), _UPLOAD_CHUNK):
            await self.redis.append(key, data[start:start + _UPLOAD_CHUNK])  # APPEND keeps the expiry

    async def load_upload(self, job_id: str, index: int) -> bytes | None:
        """An item's bytes, read in ``_UPLOAD_CHUNK`` pieces (the timeout covers one whole reply); None when gone."""
        key = upload_key(job_id, index)
        size = int(await self.redis.strlen(key))
        if size == 0:
            return None
        parts = [await self.redis.getrange(key, start, start + _UPLOAD_CHUNK - 1)
                 for start in range(0, size, _UPLOAD_CHUNK)]
        return b"".join(parts)

    async def discard(self, job_id: str, total: int) -> None:
        """Remove a job that was never queued (it lost an Idempotency-Key race)."""
        await self.redis.delete(job_key(job_id), *(upload_key(job_id, n) for n in range(total)))

    async def mark_failed(self, job_id: str, now: float) -> None:
        await self.redis.hset(job_key(job_id), mapping={"failed_at": now, "finished_at": now})

    async def meta(self, job_id: str) -> dict[str, Any] | None:
        raw = await self.redis.hget(job_key(job_id), "meta")
        return None if raw is None else json.loads(raw)

    async def get(self, job_id: str) -> JobView | None:
        raw = await self.redis.hgetall(job_key(job_id))
        if not raw:
            return None
        h = {_s(k): _s(v) for k, v in raw.items()}
        meta = json.loads(h["meta"])
        total, ended, failed = int(h["total"]), int(h["ended"]), int(h["err"])
        results = []
        for n, filename in enumerate(meta["filenames"]):
            result = h.get(f"r:{n}")
            results.append(item_document(filename, json.loads(result) if result else None,
                                         started=f"s:{n}" in h))
        return JobView(job_id=job_id, total=total, done=ended - failed, failed=failed,
                       status=job_status(total=total, ended=ended, any_started="started_at" in h,
                                         cancelled="cancelled_at" in h, failed="failed_at" in h),
                       created_at=float(meta["created_at"]),
                       started_at=float(h["started_at"]) if "started_at" in h else None,
                       finished_at=float(h["finished_at"]) if "finished_at" in h else None,
                       callback_url=meta.get("callback_url"), results=results)

    async def start_item(self, job_id: str, index: int, worker: str, now: float) -> bool:
        return int(await self._start(keys=[job_key(job_id)], args=[index, now, worker])) == 1

    async def finish_item(self, job_id: str, index: int, result: dict[str, Any], now: float) -> tuple[bool, bool]:
        outcome = "err" if result.get("error") else "ok"
        code = int(await self._finish(keys=[job_key(job_id)], args=[index, json.dumps(result), outcome, now]))
        return code >= 1, code == 2

    async def cancel(self, job_id: str, now: float) -> tuple[JobView | None, bool]:
        meta = await self.meta(job_id)
        if meta is None:
            return None, False
        args: list[Any] = [now]
        for n, filename in enumerate(meta["filenames"]):
            args += [n, json.dumps(error_result(filename, "cancelled", "cancelled before it started"))]
        code = int(await self._cancel(keys=[job_key(job_id)], args=args))
        view = await self.get(job_id)
        if view is not None:  # cancelled files are never read again: free their bytes now, not after JOB_TTL_S
            cancelled = [upload_key(job_id, n) for n, r in enumerate(view.results) if r["status"] == "cancelled"]
            if cancelled:
                await self.redis.delete(*cancelled)
        return view, code == 2


@dataclass
class RedisEvents:
    """A worker's JobEvents: timings go to a capped Redis list that the API's /metrics drains."""

    redis: ArqRedis

    async def item_ended(self, *, queued_s: float | None, processing_s: float | None, outcome: str) -> None:
        event = json.dumps({"kind": "item", "queued_s": queued_s, "processing_s": processing_s,
                            "outcome": outcome})
        await self._push(event)

    async def job_ended(self, status: str) -> None:
        await self._push(json.dumps({"kind": "job", "status": status}))

    async def _push(self, event: str) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.lpush(EVENTS_KEY, event)
            pipe.ltrim(EVENTS_KEY, 0, _EVENTS_MAX - 1)
            await pipe.execute()


async def drain_events(redis: ArqRedis, limit: int = 5000) -> list[dict[str, Any]]:
    """Take (and remove) up to ``limit`` worker events, oldest first."""
    raw = await redis.rpop(EVENTS_KEY, limit)
    return [json.loads(r) for r in raw or []]


async def queue_job_ended(redis: ArqRedis, store: RedisJobStore, job_id: str, ttl_s: int) -> None:
    """After the last item: count the job's end and queue its webhook (an arq job: retried, survives restarts)."""
    view = await store.get(job_id)
    if view is None:
        return
    await RedisEvents(redis).job_ended(view.status)
    if view.callback_url:
        await redis.enqueue_job("send_webhook", job_id, _job_id=f"webhook:{job_id}", _expires=ttl_s)


class RedisBackend(JobBackend):
    """The API's side: store and queue at submit, read state from Redis; no processing here."""

    name = "redis"

    def __init__(self, *, url: str, timeout_s: float, ttl_s: int) -> None:
        self.redis = make_redis(url, timeout_s=timeout_s, retries=1)
        self.store = RedisJobStore(self.redis)
        self._ttl_s = ttl_s

    @staticmethod
    def _unavailable(exc: Exception) -> QueueUnavailable:
        return QueueUnavailable(f"the job queue (Redis) is not reachable: {exc}; /v1/extract and "
                                "/v1/extract-batch still work", retry_after_s=5)

    async def submit(self, items: list[ItemInput], *, callback_url: str | None, idempotency_key: str | None
                     ) -> tuple[JobView, bool]:
        now = time.time()
        job_id = new_job_id()
        idem = f"ocrlty:idem:{idempotency_key}" if idempotency_key is not None else None
        try:
            # the job exists before its key points to it: a concurrent request with the same key that loses the
            # SET NX always finds the winner's job (never a dangling key, which made it start a second job)
            await self.store.create(job_id, items=items, callback_url=callback_url, created_at=now,
                                    ttl_s=self._ttl_s)
            if idem is not None and not await self.redis.set(idem, job_id, nx=True, ex=self._ttl_s):
                known = _s(await self.redis.get(idem))
                view = await self.store.get(known) if known else None
                if view is not None:
                    await self.store.discard(job_id, len(items))
                    return view, False
                await self.redis.set(idem, job_id, ex=self._ttl_s)  # the earlier job expired: this one replaces it
        except (RedisError, OSError) as exc:
            raise self._unavailable(exc) from exc
        try:
            for n, item in enumerate(items):
                if item.error is None:
                    await self.redis.enqueue_job("process_item", job_id, n, _job_id=f"{job_id}:{n}",
                                                 _expires=self._ttl_s)
            if all(item.error is not None for item in items):
                await queue_job_ended(self.redis, self.store, job_id, self._ttl_s)
        except (RedisError, OSError) as exc:
            try:
                await self.store.mark_failed(job_id, time.time())
                if idem is not None and _s(await self.redis.get(idem)) == job_id:
                    await self.redis.delete(idem)  # the 503 says "retry": a retry with the key must not get this job
            except (RedisError, OSError):
                pass
            raise self._unavailable(exc) from exc
        view = await self.get(job_id)
        assert view is not None
        return view, True

    async def get(self, job_id: str) -> JobView | None:
        try:
            return await self.store.get(job_id)
        except (RedisError, OSError) as exc:
            raise self._unavailable(exc) from exc

    async def cancel(self, job_id: str) -> JobView | None:
        try:
            view, ended = await self.store.cancel(job_id, time.time())
            if ended and view is not None:
                await queue_job_ended(self.redis, self.store, job_id, self._ttl_s)
            return view
        except (RedisError, OSError) as exc:
            raise self._unavailable(exc) from exc

    async def stats(self) -> QueueStats:
        now = time.time()
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.zcard(QUEUE_NAME)
                pipe.zrangebyscore(WORKERS_KEY, now - 60, "+inf")
                depth, workers = await pipe.execute()
        except (RedisError, OSError) as exc:
            return QueueStats(backend="redis", reachable=False, queue_depth=None, workers=[], detail=str(exc))
        return QueueStats(backend="redis", reachable=True, queue_depth=int(depth),
                          workers=sorted(_s(w) or "" for w in workers))

    async def drain_events(self) -> list[dict[str, Any]]:
        try:
            return await drain_events(self.redis)
        except (RedisError, OSError):
            return []

    async def aclose(self) -> None:
        await self.redis.aclose(close_connection_pool=True)
