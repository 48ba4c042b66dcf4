"""A server on loopback for benchmarks, load runs and tests: a free port, and waiting until a URL answers 200.

One copy for `scripts/bench*.py`, `scripts/load.py` and `tests/conftest.py` (which re-exports it), so that every
harness waits the same way: bounded, and failing early when the server process has already exited.
"""

from __future__ import annotations

import socket
import subprocess
import time

import httpx

__all__ = ["free_port", "wait_http"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout_s: float = 60, proc: subprocess.Popen | None = None, poll_s: float = 0.2) -> None:
    """Return when ``url`` answers 200; RuntimeError if ``proc`` exits first, TimeoutError after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(poll_s)
    raise TimeoutError(f"{url} did not answer within {timeout_s} s")
