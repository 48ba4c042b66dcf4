"""Real parts for the job tests: a redis-server (AOF on) in a temporary folder, an API and two worker processes
on it, and a local webhook receiver. Imported by ``tests/test_jobs*.py``.

redis-server comes from Debian's package (``scripts/setup.sh --test`` installs it); it is required, never skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import redis

from lib.settings import PROJECT_ROOT
from tests.conftest import free_port, start_api, stop, wait_http

__all__ = ["RedisServer", "Receiver", "Stack", "redis_server", "webhook_receiver", "redis_stack",
           "start_worker", "wait_for", "tail", "kill", "unique_file", "WEBHOOK_SECRET"]

WEBHOOK_SECRET = "test-webhook-secret"


@dataclass
class RedisServer:
    port: int
    folder: Path
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: run scripts/setup.sh --test (as root it installs Debian's "
                        "redis-server package; otherwise: sudo apt-get install redis-server)")
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
             "--logfile", str(self.folder / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise TimeoutError("redis-server did not answer within 20 s")

    def stop(self) -> None:
        """SIGTERM: Redis flushes the AOF and exits (what a restart of the service does)."""
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    with tempfile.TemporaryDirectory(prefix="ocrlty-redis-") as folder:
        server = RedisServer(port=free_port(), folder=Path(folder))
        server.start()
        try:
            yield server
        finally:
            server.stop()


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1 that answers 500 to the first ``fail_first`` posts of each job."""

    url: str
    fail_first: int = 1
    posts: list[tuple[dict[str, str], bytes, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def for_job(self, job_id: str) -> list[tuple[dict[str, str], bytes, int]]:
        with self.lock:
            return [p for p in self.posts if p[0].get("x-ocrlty-job-id") == job_id]


@pytest.fixture(scope="session")
def webhook_receiver() -> Iterator[Receiver]:
    port = free_port()
    receiver = Receiver(url=f"http://127.0.0.1:{port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with receiver.lock:
                seen = sum(1 for p in receiver.posts if p[0].get("x-ocrlty-job-id") == headers.get("x-ocrlty-job-id"))
                status = 500 if seen < receiver.fail_first else 200
                receiver.posts.append((headers, body, status))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def _env(redis_url: str) -> dict[str, str]:
    return {
        "REDIS_URL": redis_url, "OCR_CONCURRENCY": "1", "WORKER_CONCURRENCY": "1",
        "JOB_ITEM_TIMEOUT_S": "120", "JOB_VISIBILITY_TIMEOUT_S": "4", "CACHE_BACKEND": "redis",
        "JOB_RETRY_BACKOFF_S": "0.2", "WEBHOOK_ALLOW_PRIVATE": "true", "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "WEBHOOK_BACKOFF_S": "0.2", "WORKER_HEARTBEAT_S": "1", "LOG_LEVEL": "INFO", "JOB_POLL_DELAY_S": "0.02",
    }


def start_worker(redis_url: str, extra: dict[str, str] | None = None) -> subprocess.Popen:
    """``python -m apps.worker`` in the project's venv, output in a temporary file (``stop`` prints its tail)."""
    log = tempfile.TemporaryFile(mode="w+b")
    proc = subprocess.Popen([sys.executable, "-m", "apps.worker"], cwd=PROJECT_ROOT,
                            env={**os.environ, **_env(redis_url), **(extra or {})}, stdout=log,
                            stderr=subprocess.STDOUT)
    proc.log_file = log  # type: ignore[attr-defined]
    return proc


def wait_for(predicate, timeout_s: float, what: str, poll_s: float = 0.1):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(poll_s)
    raise TimeoutError(f"{what} within {timeout_s} s")


@dataclass
class Stack:
    redis: RedisServer
    api_url: str
    api: subprocess.Popen
    workers: list[subprocess.Popen]
    api_env: dict[str, str] = field(default_factory=dict)
    api_port: int = 0

    def restart_api(self) -> None:
        """Stop the API (SIGTERM) and start a new one on the same port: state lives in Redis only."""
        stop(self.api)
        self.api = start_api(self.api_env, self.api_port)
        wait_http(f"{self.api_url}/v1/ready", timeout_s=120, proc=self.api)  # engines loaded (for /v1/extract)

    def live_workers(self) -> set[str]:
        now = time.time()
        return {w.decode() for w in self.redis.client().zrangebyscore("ocrlty:workers", now - 3, "+inf")}

    def wait_workers(self, n: int, timeout_s: float = 120) -> set[str]:
        wait_for(lambda: len(self.live_workers()) >= n, timeout_s, f"{n} workers did not send heartbeats")
        return self.live_workers()

    def logs(self, chars: int = 3000) -> str:
        """The tails of the API's and the workers' output, for failure messages."""
        return "\n".join(f"--- {name} ---\n{tail(proc, chars)}" for name, proc in
                         [("api", self.api)] + [(f"worker {p.pid}", p) for p in self.workers])

    def job_hash(self, job_id: str) -> dict[str, str]:
        raw = self.redis.client().hgetall(f"ocrlty:job:{job_id}")
        return {k.decode(): v.decode() for k, v in raw.items()}


@pytest.fixture(scope="session")
def redis_stack(redis_server: RedisServer) -> Iterator[Stack]:
    """One API (uvicorn, Redis backend) and two workers, for all Redis tests."""
    port = free_port()
    workers = [start_worker(redis_server.url) for _ in range(2)]
    api_env = {**_env(redis_server.url), "OCR_WARMUP": "false"}
    api = start_api(api_env, port)
    stack = Stack(redis=redis_server, api_url=f"http://127.0.0.1:{port}", api=api, workers=workers, api_env=api_env,
                  api_port=port)
    try:
        wait_http(f"{stack.api_url}/v1/ready", timeout_s=120, proc=api)
        stack.wait_workers(2)
        yield stack
    finally:
        for proc in [stack.api, *stack.workers]:
            if proc.poll() is None:
                stop(proc)


def tail(proc: subprocess.Popen, chars: int = 3000) -> str:
    log = getattr(proc, "log_file", None)
    if log is None or log.closed:
        return ""
    log.seek(0)
    return log.read()[-chars:].decode("utf-8", "replace")


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def job_document(client: httpx.Client, job_id: str) -> dict:
    r = client.get(f"/v1/jobs/{job_id}")
    assert r.status_code == 200, r.text
    return r.json()


def unique_file(name: str, n: int) -> bytes:
    """A sample with a nonce after its end (a PDF comment): same content, a hash no cache has seen."""
    from tests.conftest import SAMPLES

    return (SAMPLES / name).read_bytes() + f"\n%{n}-{time.time_ns()}\n".encode()


def parse(body: bytes) -> dict:
    return json.loads(body)
