"""Pieces of the job system without a server: webhook signatures and the SSRF check, the shared answer cache
on a real Redis, settings."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError

from apps.api_gpu.cache_backend import decode_outcome, encode_outcome
from lib.errors import InvalidCallbackUrl
from lib.jobs.webhook import check_callback_url, sign, verify
from lib.net_guard import public_only
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
    for junk in ("", "-1", "1e9", "\u00b2", "\u0661\u0662"):  # not ASCII digits: refused, never an exception
        assert not verify(body, "k", junk, sig, now=ts)


@pytest.mark.parametrize(("address", "refused"), [
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("::1", True), ("fe80::1", True), ("fc00::1", True), ("::ffff:127.0.0.1", True),
    ("0.0.0.0", True), ("224.0.0.1", True), ("8.8.8.8", False), ("2001:4860:4860::8888", False),
    # the webhook check once let these through: CGNAT, benchmark nets, NAT64/6to4/IPv4-compatible loopback
    ("100.64.0.1", True), ("198.18.0.1", True), ("64:ff9b::7f00:1", True), ("2002:7f00:1::1", True),
    ("::127.0.0.1", True), ("64:ff9b::808:808", False),
])
def test_private_addresses_are_refused(address, refused):
    import ipaddress

    assert public_only(ipaddress.ip_address(address)) is not refused


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "http://", "javascript:alert(1)",
                                 "http://localhost:8080/hook", "http://127.0.0.1/x", "http://[::1]/x",
                                 "http://example.com:99999/hook", "http://example.com:abc/hook",
                                 "http://2130706433/hook", "http://100.64.0.1/hook"])
def test_bad_callback_urls(url):
    with pytest.raises(InvalidCallbackUrl):
        asyncio.run(check_callback_url(url, allow_private=False))


def test_bad_port_is_refused_even_when_private_is_allowed():
    with pytest.raises(InvalidCallbackUrl):
        asyncio.run(check_callback_url("http://127.0.0.1:99999/hook", allow_private=True))


def test_webhook_is_not_sent_when_the_name_rebinds_to_a_private_address(webhook_receiver):
    """The check at send time passes (allowed), the connection is refused: the receiver sees nothing, and the
    delivery is not retried (nothing to retry)."""
    import httpx

    from lib.jobs.webhook import WebhookSender
    from lib.net_guard import guarded_transport

    async def scenario() -> bool:
        client = httpx.AsyncClient(transport=guarded_transport(lambda ip: False), trust_env=False)
        sender = WebhookSender(client=client, secret="k", allow_private=True, max_attempts=1, backoff_s=0)
        try:
            return await sender.send(webhook_receiver.url, {"job_id": "job_rebind"})
        finally:
            await client.aclose()

    assert asyncio.run(scenario()) is True
    assert webhook_receiver.for_job("job_rebind") == []


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
    assert Settings(cache_backend="redis", redis_url="redis://x:6379/0", ocr_concurrency=3).worker_slots == 3
    assert Settings(cache_backend="redis", redis_url="redis://x:6379/0").worker_slots >= 1  # derived


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


def _redis_backend(redis_server: RedisServer, db: int):  # type: ignore[no-untyped-def]
    from lib.jobs.redis_backend import RedisBackend

    # its own database: the queue there is not the one the stack's workers read
    return RedisBackend(url=f"redis://127.0.0.1:{redis_server.port}/{db}", timeout_s=5, ttl_s=60)


def test_concurrent_submits_with_one_idempotency_key_make_one_job(redis_server: RedisServer):
    from lib.jobs.base import ItemInput

    async def scenario() -> tuple[set[str], int, int]:
        backend = _redis_backend(redis_server, 3)
        try:
            await backend.redis.flushdb()
            create = backend.store.create

            async def slow_create(*args: object, **kwargs: object) -> None:  # a big upload: a wide race window
                await asyncio.sleep(0.05)
                await create(*args, **kwargs)  # type: ignore[arg-type]

            backend.store.create = slow_create  # type: ignore[method-assign]
            answers = await asyncio.gather(*(backend.submit([ItemInput("a.pdf", b"x")], callback_url=None,
                                                            idempotency_key="same-key") for _ in range(8)))
            jobs = len(await backend.redis.keys("ocrlty:job:*"))
            return {view.job_id for view, _ in answers}, sum(new for _, new in answers), jobs
        finally:
            await backend.aclose()

    ids, new, stored = asyncio.run(scenario())
    assert len(ids) == 1 and new == 1 and stored == 1  # the losers' jobs were neither returned nor kept


def test_a_submit_that_fails_to_enqueue_does_not_keep_its_idempotency_key(redis_server: RedisServer):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from lib.errors import QueueUnavailable
    from lib.jobs.base import ItemInput

    async def scenario() -> tuple[str, bool]:
        backend = _redis_backend(redis_server, 4)
        enqueue = backend.redis.enqueue_job
        try:
            await backend.redis.flushdb()

            async def down(*args: object, **kwargs: object) -> None:
                raise RedisConnectionError("gone")

            backend.redis.enqueue_job = down  # type: ignore[method-assign]
            with pytest.raises(QueueUnavailable):
                await backend.submit([ItemInput("a.pdf", b"x")], callback_url=None, idempotency_key="k")
            backend.redis.enqueue_job = enqueue  # type: ignore[method-assign]
            view, new = await backend.submit([ItemInput("a.pdf", b"x")], callback_url=None, idempotency_key="k")
            return view.status, new
        finally:
            await backend.aclose()

    assert asyncio.run(scenario()) == ("queued", True)  # the retry the 503 asked for runs, not the failed job


def test_uploads_of_cancelled_and_skipped_items_are_freed_at_once(redis_server: RedisServer):
    """Uploads stayed in Redis for JOB_TTL_S (24 h) when their item was cancelled or had already ended."""
    from lib.jobs.base import ItemInput
    from lib.jobs.redis_backend import RedisEvents, upload_key
    from lib.jobs.worker import WorkerRuntime, process_item

    async def scenario() -> tuple[int, int, str]:
        backend = _redis_backend(redis_server, 5)
        try:
            await backend.redis.flushdb()
            cancelled, _ = await backend.submit([ItemInput("a.pdf", b"x"), ItemInput("b.pdf", b"y")],
                                                callback_url=None, idempotency_key=None)
            await backend.cancel(cancelled.job_id)
            left_after_cancel = await backend.redis.exists(*(upload_key(cancelled.job_id, n) for n in range(2)))
            ended, _ = await backend.submit([ItemInput("c.pdf", b"z")], callback_url=None, idempotency_key=None)
            await backend.store.finish_item(ended.job_id, 0, {"filename": "c.pdf", "data": {}, "error": None}, 1.0)

            async def never(data: bytes, filename: str, request_id: str) -> dict:
                raise AssertionError("an ended item must not run again")

            runtime = WorkerRuntime(worker_id="w", processor=never, webhooks=None,  # type: ignore[arg-type]
                                    ttl_s=60, max_attempts=3, backoff_s=0, item_timeout_s=5)
            ctx = {"ocrlty": runtime, "ocrlty_store": backend.store, "ocrlty_events": RedisEvents(backend.redis),
                   "redis": backend.redis, "job_try": 2}
            outcome = await process_item(ctx, ended.job_id, 0)  # a redelivered item that had ended
            return left_after_cancel, await backend.redis.exists(upload_key(ended.job_id, 0)), outcome
        finally:
            await backend.aclose()

    assert asyncio.run(scenario()) == (0, 0, "skipped")


def test_in_process_idempotency_keys_expire_with_their_jobs():
    import httpx

    from lib.jobs.base import ItemInput
    from lib.jobs.memory import InProcessBackend
    from lib.jobs.webhook import WebhookSender

    async def refused_only(data: bytes, filename: str, request_id: str) -> dict:
        raise AssertionError("no file is run here")

    class Events:
        async def item_ended(self, **_: object) -> None: ...

        async def job_ended(self, status: str) -> None: ...

    async def scenario() -> int:
        backend = InProcessBackend(processor=refused_only, events=Events(), slots=1, ttl_s=1, max_attempts=1,
                                   backoff_s=0, item_timeout_s=1,
                                   webhooks=WebhookSender(client=httpx.AsyncClient(), secret="", allow_private=True,
                                                          max_attempts=1, backoff_s=0))
        refused = ItemInput("x.pdf", error={"code": "empty_upload", "message": "empty"})
        for n in range(50):
            await backend.submit([refused], callback_url=None, idempotency_key=f"key-{n}")
        await asyncio.sleep(1.05)  # JOB_TTL_S=1 passed: the 50 jobs and their keys have expired
        await backend.submit([refused], callback_url=None, idempotency_key="last")
        await backend.aclose()
        return len(backend._idempotency)  # noqa: SLF001

    assert asyncio.run(scenario()) <= 1


def test_a_big_job_is_stored_within_the_redis_command_timeout(redis_server: RedisServer):
    """The uploads went to Redis in one MULTI, whose whole send had to fit in REDIS_TIMEOUT_S: a 300 MB job
    answered 503 queue_unavailable even with Redis on localhost (and a worker's GET of one big file had the same
    limit). Scaled down here: 24 MB with a 0.15 s timeout."""
    from lib.jobs.base import ItemInput
    from lib.jobs.redis_backend import RedisBackend, upload_key

    files = [bytes([n]) * (3 << 20) for n in range(8)]

    async def scenario() -> list[bool]:
        backend = RedisBackend(url=f"redis://127.0.0.1:{redis_server.port}/6", timeout_s=0.15, ttl_s=60)
        try:
            await backend.redis.flushdb()
            view, _ = await backend.submit([ItemInput(f"{n}.pdf", f) for n, f in enumerate(files)],
                                           callback_url=None, idempotency_key=None)
            workers_view = [await backend.store.load_upload(view.job_id, n) == f for n, f in enumerate(files)]
            assert workers_view == [True] * 8  # and a worker reads them back under the same timeout
            import redis as sync_redis

            reader = sync_redis.Redis(port=redis_server.port, db=6, socket_timeout=10)  # a patient reader
            try:
                return [reader.get(upload_key(view.job_id, n)) == f for n, f in enumerate(files)]
            finally:
                reader.flushdb()
                reader.close()
        finally:
            await backend.aclose()

    assert asyncio.run(scenario()) == [True] * 8


def test_webhook_reads_only_the_status_and_ends_within_its_timeout():
    """The whole answer was read into memory (a receiver could send an endless body), with no bound on the
    attempt's time (only per read)."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from lib.jobs.webhook import WebhookSender, webhook_client

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/slow-head":
                time.sleep(1.5)
            self.send_response(200)
            self.send_header("Content-Length", "30")
            self.end_headers()
            try:
                for _ in range(30):  # a body that drips: 3 s
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    async def scenario() -> tuple[bool, float, bool, float]:
        client = webhook_client(timeout_s=5, allow_private=True)
        sender = WebhookSender(client=client, secret="k", allow_private=True, max_attempts=1, backoff_s=0,
                               attempt_timeout_s=0.5)
        try:
            t0 = time.monotonic()
            delivered = await sender.send(f"{base}/hook", {"job_id": "job_drip"})
            t1 = time.monotonic()
            timely = await sender.send(f"{base}/slow-head", {"job_id": "job_slow"})
            return delivered, t1 - t0, timely, time.monotonic() - t1
        finally:
            await client.aclose()

    try:
        delivered, took_s, timely, slow_s = asyncio.run(scenario())
    finally:
        server.shutdown()
    assert delivered and took_s < 1.5  # 200 seen; the dripping body was not waited for
    assert not timely and slow_s < 1.2  # no answer within the attempt's timeout: a failed attempt (retried)


def test_unresolvable_callback_host_does_not_suggest_private_addresses():
    with pytest.raises(InvalidCallbackUrl) as caught:
        asyncio.run(check_callback_url("http://no-such-host.invalid/hook", allow_private=False))
    assert "WEBHOOK_ALLOW_PRIVATE" not in caught.value.message
