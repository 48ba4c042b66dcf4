"""An in-memory LRU of finished answers, bounded by entries and bytes, with single-flight; or the same in Redis.

Keyed by the file's hash plus everything that changes the answer (models, ruleset, settings), so a repeated
upload answers in microseconds and concurrent identical uploads do the work once. The shared work runs in its
own task, not in the first caller's: a caller that leaves (its timeout, its client gone) does not cancel what
the others wait for; the work is cancelled only when nobody waits any more.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from loguru import logger

__all__ = ["ResultCache", "RedisResultCache"]

T = TypeVar("T")


@dataclass
class _Flight(Generic[T]):
    task: asyncio.Task[T]
    waiters: int = 0


@dataclass
class ResultCache(Generic[T]):
    max_entries: int
    max_bytes: int
    size_of: Callable[[T], int] = lambda _: 1024
    hits: int = 0
    misses: int = 0
    _items: OrderedDict[str, tuple[T, int]] = field(default_factory=OrderedDict)
    _bytes: int = 0
    _inflight: dict[str, _Flight[T]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def get(self, key: str) -> T | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: str, value: T) -> None:
        if self.max_entries <= 0:
            return
        size = self.size_of(value)
        if size > self.max_bytes:
            return
        if key in self._items:
            self._bytes -= self._items.pop(key)[1]
        self._items[key] = (value, size)
        self._bytes += size
        while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
            _, (_, evicted) = self._items.popitem(last=False)
            self._bytes -= evicted

    async def get_or_compute(
        self, key: str, compute: Callable[[], Awaitable[T]], keep: Callable[[T], bool] = lambda _: True
    ) -> tuple[T, bool]:
        """The cached value (True) or a freshly computed one (False); identical concurrent calls share one run
        (those who joined get True).

        Failures are not cached: the next call tries again; nor are values ``keep`` rejects (e.g. answers of a
        fallback backend, which should not outlive the outage).
        """
        cached = self.get(key)
        if cached is not None:
            self.hits += 1
            return cached, True
        flight = self._inflight.get(key)
        joined = flight is not None
        if flight is None:
            self.misses += 1
            flight = _Flight(asyncio.ensure_future(self._compute(key, compute, keep)))
            self._inflight[key] = flight
            flight.task.add_done_callback(lambda task, f=flight: self._landed(key, f))
        flight.waiters += 1
        try:
            value = await asyncio.shield(flight.task)
        finally:
            flight.waiters -= 1
            if flight.waiters == 0 and not flight.task.done():
                flight.task.cancel()  # nobody waits for it any more
        if joined:
            self.hits += 1
        return value, joined

    async def _compute(self, key: str, compute: Callable[[], Awaitable[T]], keep: Callable[[T], bool]) -> T:
        value = await compute()
        if keep(value):
            self.put(key, value)
        return value

    def _landed(self, key: str, flight: _Flight[T]) -> None:
        if self._inflight.get(key) is flight:
            del self._inflight[key]
        if not flight.task.cancelled():
            flight.task.exception()  # retrieved: the waiters (if any) got it

    def stats(self) -> dict[str, Any]:
        return {"entries": len(self._items), "bytes": self._bytes, "hits": self.hits, "misses": self.misses}


class RedisResultCache(Generic[T]):
    """The same interface, shared through Redis by API replicas and workers (CACHE_BACKEND=redis).

    Values are stored with ``encode``/``decode`` and expire after ``ttl_s``; identical concurrent calls in one
    process still share one run. Redis trouble never fails a request: the answer is then computed, not cached.
    """

    def __init__(self, redis: Any, *, ttl_s: int, encode: Callable[[T], bytes], decode: Callable[[bytes], T],
                 prefix: str = "ocrlty:answer:") -> None:
        self.redis = redis
        self.ttl_s = ttl_s
        self.encode = encode
        self.decode = decode
        self.prefix = prefix
        self.hits = 0
        self.misses = 0
        self._local: ResultCache[T] = ResultCache(max_entries=0, max_bytes=0)  # single-flight only

    async def _get(self, key: str) -> T | None:
        try:
            raw = await self.redis.get(self.prefix + key)
            return None if raw is None else self.decode(raw)
        except Exception as exc:  # a cache must not fail the request
            logger.warning("answer cache (Redis) read failed: {}", exc)
            return None

    async def _set(self, key: str, value: T) -> None:
        try:
            await self.redis.set(self.prefix + key, self.encode(value), ex=self.ttl_s)
        except Exception as exc:
            logger.warning("answer cache (Redis) write failed: {}", exc)

    async def get_or_compute(
        self, key: str, compute: Callable[[], Awaitable[T]], keep: Callable[[T], bool] = lambda _: True
    ) -> tuple[T, bool]:
        cached = await self._get(key)
        if cached is not None:
            self.hits += 1
            return cached, True

        async def compute_and_store() -> T:
            value = await compute()
            if keep(value):
                await self._set(key, value)
            return value

        value, shared = await self._local.get_or_compute(key, compute_and_store, keep)
        if shared:
            self.hits += 1
        else:
            self.misses += 1
        return value, shared

    def stats(self) -> dict[str, Any]:
        return {"backend": "redis", "hits": self.hits, "misses": self.misses}

    async def aclose(self) -> None:
        await self.redis.aclose()
