"""The two command lines start and serve the contract: ``scripts/mock_vllm.py`` and ``python -m apps.tilt_server``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from lib.pipelines.tilt_prep import build_chat_request
from lib.settings import PROJECT_ROOT
from tests.tilt_helpers import receipt_document


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _started(args: list[str], env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, *args, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _wait_ready(proc: subprocess.Popen[bytes], base: str, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"exited with {proc.returncode}: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/health", timeout=1, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{base} not ready after {timeout_s} s")


def test_both_command_lines_serve_the_contract() -> None:
    env = {"VLLM_API_KEY": "sk-cli", "MOCK_ERROR_RATE": "0"}
    body = build_chat_request(receipt_document(), model="Snowflake/snowflake-arctic-tilt-v1.3")
    with (
        _started(["scripts/mock_vllm.py", "--engine", "fake"], env) as (mock, mock_base),
        _started(["-m", "apps.tilt_server", "--engine", "fake"], env) as (server, server_base),
    ):
        for proc, base in ((mock, mock_base), (server, server_base)):
            _wait_ready(proc, base)
            r = httpx.post(base + "/v1/chat/completions", json=body, timeout=10, trust_env=False)
            assert r.status_code == 401
            headers = {"Authorization": "Bearer sk-cli", "X-Mock-Latency-Ms": "1"}
            r = httpx.post(base + "/v1/chat/completions", json=body, headers=headers, timeout=10, trust_env=False)
            assert r.status_code == 200, r.text
            assert r.json()["choices"][0]["finish_reason"] == "stop"
