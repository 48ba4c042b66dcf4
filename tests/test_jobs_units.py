"""Pieces of the job system without a server: webhook signatures and the SSRF check, the shared answer cache
on a real Redis, settings."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError

from apps.api_gpu.cache_backend import decode_outcome, encode_outcome
from lib.errors import InvalidCallbackUrl
from lib.jobs.webhook import _refused, check_callback_url, sign, verify
from lib.pipelines.extract import ExtractionOutcome, PageInfo
from lib.result_cache import RedisResultCache
from lib.settings import Settings
from tests.jobs_fixtures import RedisServer


def test_signature_covers_timestamp_and_body():
    body, ts = b'{"job_id":"job_1"}', 1_800_000_000
    sig = sign(body, "k", ts)
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert verify(body, "k", str(ts), sig, now=ts + 10)
    assert not verify(body, "other", str(ts), sig, now=ts)
    assert not verify(body + b" ", "k", str(ts), sig, now=ts)
    assert not verify(body, "k", str(ts + 1), sig, now=ts)
    assert not verify(body, "k", str(ts), sig, now=ts + 301)  # too old: a replay


@pytest.mark.parametrize(("address", "refused"), [
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("::1", True), ("fe80::1", True), ("fc00::1", True), ("::ffff:127.0.0.1", True),
    ("0.0.0.0", True), ("224.0.0.1", True), ("8.8.8.8", False), ("2001:4860:4860::8888", False),
])
def test_private_addresses_are_refused(address, refused):
    assert _refused(address) is refused


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "http://", "javascript:alert(1)",
                                 "http://localhost:8080/hook", "http://127.0.0.1/x", "http://[::1]/x"])
def test_bad_callback_urls(url):
    with pytest.raises(InvalidCallbackUrl):
        asyncio.run(check_callback_url(url, allow_private=False))


def test_private_callback_allowed_when_configured():
    url = "http://127.0.0.1:9000/hook"
    assert asyncio.run(check_callback_url(url, allow_private=True)) == url


def _outcome() -> ExtractionOutcome:
    return ExtractionOutcome(data={"total": 9.0, "currency": "MYR"}, fields={"total": {"confidence": 0.9}},
                             pages=[PageInfo(index=0, width=10, height=20, source="ocr", spans=3)],
                             timings_ms={"ocr": 1.0}, kie_backend="local", kie_model_version="k",
                             ocr_model_version="o", warnings=["w"])


def test_shared_answer_cache_across_processes(redis_server: RedisServer):
    import redis.asyncio as aioredis

    async def scenario() -> list[bool]:
        calls = []

        async def compute() -> ExtractionOutcome:
            calls.append(1)
            return _outcome()

        caches = [RedisResultCache(aioredis.from_url(redis_server.url), ttl_s=60, encode=encode_outcome,
                                   decode=decode_outcome, prefix="test-cache:") for _ in range(2)]
        first, hit1 = await caches[0].get_or_compute("k1", compute)
        second, hit2 = await caches[1].get_or_compute("k1", compute)  # another "process": reads Redis
        assert first == second and len(calls) == 1
        for c in caches:
            await c.aclose()
        return [hit1, hit2]

    assert asyncio.run(scenario()) == [False, True]


def test_redis_cache_needs_redis_url():
    with pytest.raises(ValidationError):
        Settings(cache_backend="redis")
    assert Settings(cache_backend="redis", redis_url="redis://x:6379/0").worker_slots == 3


def test_compose_has_redis_and_workers():
    import yaml

    from lib.settings import PROJECT_ROOT

    services = yaml.safe_load((PROJECT_ROOT / "docker-compose.dev.yml").read_text())["services"]
    assert "--appendonly" in services["redis"]["command"]
    worker, api = services["worker"], services["api"]
    assert worker["entrypoint"][-2:] == ["-m", "apps.worker"] and worker["image"] == api["image"]
    assert worker["environment"]["REDIS_URL"] == api["environment"]["REDIS_URL"] == "redis://redis:6379/0"


def test_transient_failures_are_retried_then_become_an_item_error_and_input_errors_are_not():
    """The in-process backend with a stand-in processor: retries, limits and the single webhook-free end."""
    from lib.jobs.base import ItemInput, TransientItemError, error_result
    from lib.jobs.memory import InProcessBackend

    calls: dict[str, int] = {}

    async def processor(data: bytes, filename: str, request_id: str) -> dict:
        calls[filename] = calls.get(filename, 0) + 1
        if filename == "flaky" and calls[filename] < 2:
            raise TransientItemError("overloaded", "busy")
        if filename == "down":
            raise TransientItemError("kie_backend_unavailable", "GPU side down")
        if filename == "corrupt":
            return error_result(filename, "undecodable_document", "not a PDF")
        return {"filename": filename, "data": {"total": 1.0}, "meta": None, "error": None}

    class Events:
        ended: list[str] = []

        async def item_ended(self, **_: object) -> None: ...

        async def job_ended(self, status: str) -> None:
            self.ended.append(status)

    async def scenario() -> tuple[dict, list[str]]:
        import httpx

        from lib.jobs.webhook import WebhookSender

        events = Events()
        backend = InProcessBackend(processor=processor, events=events, slots=2, ttl_s=60, max_attempts=3,
                                   backoff_s=0.01, item_timeout_s=5,
                                   webhooks=WebhookSender(client=httpx.AsyncClient(), secret="", allow_private=True,
                                                          max_attempts=1, backoff_s=0))
        view, _ = await backend.submit([ItemInput("ok", b"x"), ItemInput("flaky", b"x"), ItemInput("down", b"x"),
                                        ItemInput("corrupt", b"x")], callback_url=None, idempotency_key=None)
        for _ in range(200):
            view = await backend.get(view.job_id)
            if view.finished_at:
                break
            await asyncio.sleep(0.01)
        await backend.aclose()
        return view.document(), events.ended

    doc, ended = asyncio.run(scenario())
    assert doc["status"] == "succeeded" and doc["progress"] == {"done": 2, "failed": 2, "total": 4}
    assert calls == {"ok": 1, "flaky": 2, "down": 3, "corrupt": 1}  # the file's own fault: one try only
    assert doc["results"][2]["error"]["code"] == "kie_backend_unavailable"
    assert "after 3 tries" in doc["results"][2]["error"]["message"]
    assert ended == ["succeeded"]
