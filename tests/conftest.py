"""Shared fixtures: one real app (real OCR, offline models) for the whole session, and the project's samples.

The app is built with ``create_app(Settings(...))`` and driven through Starlette's TestClient as a context
manager, so the lifespan (engine build + warm-up) really runs. Tests that need other settings build their own
app, or a live uvicorn in a subprocess (see ``live_server``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lib.settings import PROJECT_ROOT, Settings
from scripts.local_server import free_port, wait_http  # noqa: F401  (re-exported for the fixtures' modules)

SAMPLES = PROJECT_ROOT / "samples"


def sample_expectations() -> list[tuple[str, dict]]:
    out = []
    for exp in sorted(SAMPLES.glob("*.expected.json")):
        out.append((exp.name.removesuffix(".expected.json"), json.loads(exp.read_text(encoding="utf-8"))))
    return out


def make_settings(**overrides: object) -> Settings:
    base: dict[str, object] = {"ocr_concurrency": 2, "ocr_queue_max": 16, "kie_backend": "local"}
    base.update(overrides)
    return Settings(**base)  # type: ignore[arg-type]


def wait_started(client: TestClient, timeout_s: float = 120) -> None:
    """The lifespan builds the engines in the background: wait until that is done (or failed)."""
    state = client.app.state.ocrlty
    deadline = time.monotonic() + timeout_s
    while not state.ready:
        if state.startup_error is not None:
            raise RuntimeError(f"start-up failed: {state.startup_error}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not finish starting within {timeout_s} s")
        time.sleep(0.05)


@contextmanager
def started_client(app: object) -> Iterator[TestClient]:
    """TestClient with the lifespan running and the background start-up finished."""
    with TestClient(app) as client:  # type: ignore[arg-type]
        wait_started(client)
        yield client


@pytest.fixture(scope="session")
def app_client() -> Iterator[TestClient]:
    from apps.api_gpu.main import create_app

    with started_client(create_app(make_settings())) as client:
        yield client


def start_api(env: dict[str, str], port: int) -> subprocess.Popen:
    """A real uvicorn process serving ``apps.api_gpu.main:app`` with settings from ``env``.

    Its output goes to a temporary file (a pipe nobody reads would fill up and block the server); ``stop`` prints
    the tail of it, so a failing test shows what the server said.
    """
    full_env = {**os.environ, **env, "API_PORT": str(port)}
    log = tempfile.TemporaryFile(mode="w+b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
    )
    proc.log_file = log  # type: ignore[attr-defined]
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log = getattr(proc, "log_file", None)
    if log is not None:
        log.seek(0)
        tail = log.read()[-4000:].decode("utf-8", "replace")
        log.close()
        print(f"--- server output (tail) ---\n{tail}")


@contextmanager
def overridden_settings(client: TestClient, **updates: object) -> Iterator[None]:
    """Run with some settings of a running app changed (the routes read them per request), then restore."""
    state = client.app.state.ocrlty
    old = state.settings
    state.settings = old.model_copy(update=updates)
    try:
        yield
    finally:
        state.settings = old


@pytest.fixture
def sample_bytes():
    def read(name: str) -> bytes:
        return (SAMPLES / name).read_bytes()

    return read


__all__ = ["SAMPLES", "sample_expectations", "make_settings", "free_port", "wait_http", "start_api", "stop",
           "overridden_settings", "wait_started", "started_client",
           "Path"]


# The job tests' real redis-server, API and two workers: one of each per session, shared by tests/test_jobs*.py
# (imported here, at the end, so that a fixture defined once is set up once).
from tests.jobs_fixtures import redis_server, redis_stack, webhook_receiver  # noqa: E402,F401
