from __future__ import annotations

import asyncio

import pytest

from lib.result_cache import ResultCache


def test_lru_bounds_entries_and_bytes():
    cache: ResultCache[str] = ResultCache(max_entries=3, max_bytes=10, size_of=len)
    for key in "abc":
        cache.put(key, "xx")
    cache.get("a")  # a is now the most recent
    cache.put("d", "xx")
    assert cache.get("b") is None and cache.get("a") == "xx" and len(cache) == 3
    cache.put("e", "x" * 9)
    assert cache.bytes_used <= 10
    cache.put("huge", "x" * 11)  # larger than the whole cache: not stored
    assert cache.get("huge") is None


def test_concurrent_identical_requests_do_the_work_once():
    calls = 0

    async def compute() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return "answer"

    async def run():
        cache: ResultCache[str] = ResultCache(max_entries=8, max_bytes=1 << 20)
        results = await asyncio.gather(*(cache.get_or_compute("k", compute) for _ in range(5)))
        again = await cache.get_or_compute("k", compute)
        return results, again, cache.stats()

    results, again, stats = asyncio.run(run())
    assert calls == 1
    assert [r[0] for r in results] == ["answer"] * 5
    assert sorted(r[1] for r in results) == [False, True, True, True, True]
    assert again == ("answer", True)
    assert stats["misses"] == 1 and stats["hits"] == 5


def test_failures_are_not_cached():
    attempts = 0

    async def flaky() -> str:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise ValueError("first call fails")
        return "ok"

    async def run():
        cache: ResultCache[str] = ResultCache(max_entries=8, max_bytes=1 << 20)
        with pytest.raises(ValueError):
            await cache.get_or_compute("k", flaky)
        return await cache.get_or_compute("k", flaky)

    assert asyncio.run(run()) == ("ok", False)


def test_the_work_goes_on_when_the_first_caller_gives_up():
    """Found under load (docs/reliability.md): the work ran in the first caller's task, so its timeout cancelled
    it and every waiter started again from scratch with less time left: one slow document became a chain of
    504s. Now the shared work outlives any one caller; it stops only when nobody waits."""
    calls = 0

    async def slow() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.2)
        return "done"

    async def run():
        cache: ResultCache[str] = ResultCache(max_entries=8, max_bytes=1 << 20)
        first = asyncio.create_task(cache.get_or_compute("k", slow))
        await asyncio.sleep(0.01)
        second = asyncio.create_task(cache.get_or_compute("k", slow))
        await asyncio.sleep(0.01)
        first.cancel()  # e.g. its client disconnected, or its REQUEST_TIMEOUT_S ran out
        with pytest.raises(asyncio.CancelledError):
            await first
        return await second

    assert asyncio.run(run()) == ("done", True)
    assert calls == 1


def test_the_work_stops_when_nobody_waits():
    finished = False

    async def slow() -> str:
        nonlocal finished
        await asyncio.sleep(0.2)
        finished = True
        return "done"

    async def run():
        cache: ResultCache[str] = ResultCache(max_entries=8, max_bytes=1 << 20)
        callers = [asyncio.create_task(cache.get_or_compute("k", slow)) for _ in range(2)]
        await asyncio.sleep(0.01)
        for c in callers:
            c.cancel()
        await asyncio.sleep(0.3)
        return cache

    cache = asyncio.run(run())
    assert not finished and not cache._inflight


def test_the_answer_key_follows_the_ocr_setup():
    """Replicas sharing a Redis cache with other OCR settings (a memory-first one detecting in bands, say) must
    not answer each other's requests."""
    from types import SimpleNamespace

    from apps.api_gpu.service import cache_key
    from apps.api_gpu.state import AppState
    from lib.ingest import Upload
    from lib.ocr_cache import ocr_fingerprint
    from lib.settings import Settings

    def key(**settings) -> str:
        ocr = Settings(**settings)
        pool = SimpleNamespace(fingerprint=ocr_fingerprint(ocr, "det", "rec"))  # as build_engine_pool makes it
        state = AppState(settings=ocr, metrics=None,  # type: ignore[arg-type]
                         kie=SimpleNamespace(local=SimpleNamespace(model_version="kie")),  # type: ignore[arg-type]
                         ocr=SimpleNamespace(pool=pool))  # type: ignore[arg-type]
        return cache_key(state, Upload(filename="a.png", media_type="image/png", data=b"x", sha256="ab"))

    assert key() == key()
    assert key(ocr_det_band_megapixels=1.3) != key()
    assert key(ocr_det_max_megapixels=0) != key()
