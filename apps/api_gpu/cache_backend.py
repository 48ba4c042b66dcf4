"""The answer cache: in this process's memory (CACHE_BACKEND=memory) or in Redis, shared by API replicas and
workers (CACHE_BACKEND=redis). Redis holds the answer without the OCR document (nothing reads it back)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from lib.pipelines.extract import ExtractionOutcome, PageInfo
from lib.result_cache import RedisResultCache, ResultCache
from lib.settings import Settings

__all__ = ["build_cache", "encode_outcome", "decode_outcome"]


def encode_outcome(outcome: ExtractionOutcome) -> bytes:
    d = {f.name: getattr(outcome, f.name) for f in dataclasses.fields(outcome) if f.name != "document"}
    d["pages"] = [dataclasses.asdict(p) for p in outcome.pages]
    return json.dumps(d, separators=(",", ":")).encode()


def decode_outcome(raw: bytes) -> ExtractionOutcome:
    d = json.loads(raw)
    d["pages"] = [PageInfo(**p) for p in d["pages"]]
    return ExtractionOutcome(**d)


def build_cache(settings: Settings, size_of: Callable[[Any], int]) -> ResultCache[Any] | RedisResultCache[Any]:
    if settings.cache_backend == "redis":
        import redis.asyncio as aioredis

        client = aioredis.from_url(settings.redis_url.get_secret_value(), socket_timeout=settings.redis_timeout_s,
                                   socket_connect_timeout=settings.redis_timeout_s)
        return RedisResultCache(client, ttl_s=settings.job_ttl_s, encode=encode_outcome, decode=decode_outcome)
    return ResultCache(max_entries=settings.cache_max_entries, max_bytes=int(settings.cache_max_mb * 1024 * 1024),
                       size_of=size_of)
