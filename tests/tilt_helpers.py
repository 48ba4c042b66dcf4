"""Shared pieces of the TILT tests: a sample receipt, a live uvicorn in a thread, the mock script as a module."""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import httpx
import uvicorn

from lib.ocr_document import OcrDocument, Page, Span
from lib.settings import PROJECT_ROOT

__all__ = [
    "API_KEY",
    "FakeClock",
    "RequestCounter",
    "load_mock_module",
    "receipt_document",
    "serve_in_thread",
]

API_KEY = "sk-test"


def receipt_document() -> OcrDocument:
    """A small receipt as OCR lines (the FakeEngine answers: total 9.00, subtotal 8.49, tax 0.51, RM, date)."""
    lines = [
        ((40, 20, 360, 50), "KEDAI RUNCIT MAJU"),
        ((40, 60, 300, 80), "NO 12 JALAN BESAR"),
        ((40, 100, 220, 120), "25/12/2018 10:31"),
        ((40, 150, 140, 170), "RICE"),
        ((300, 150, 380, 170), "8.49"),
        ((40, 200, 160, 220), "SUBTOTAL"),
        ((300, 200, 380, 220), "8.49"),
        ((40, 230, 160, 250), "GST 6%"),
        ((300, 230, 380, 250), "0.51"),
        ((40, 260, 160, 280), "TOTAL RM"),
        ((300, 260, 380, 280), "9.00"),
        ((40, 300, 160, 320), "    "),
    ]
    spans = [Span(bbox=tuple(float(v) for v in box), text=text) for box, text in lines]  # type: ignore[arg-type]
    return OcrDocument(pages=[Page(width=400, height=600, spans=spans)])


def load_mock_module() -> ModuleType:
    """``scripts/mock_vllm.py`` imported by path (``scripts`` is not a package)."""
    name = "ocrlty_mock_vllm"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "scripts" / "mock_vllm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def serve_in_thread(app: Any, *, ready_path: str = "/health", timeout_s: float = 10.0) -> Iterator[str]:
    """Run ``app`` under a real uvicorn on a loopback port in a daemon thread; yield its base URL.

    The socket is bound before the thread starts (no port race). Waits until ``ready_path`` answers 200.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, lifespan="on", log_level="critical", timeout_keep_alive=75, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if time.monotonic() > deadline:
                raise RuntimeError(f"server on {base} did not become ready")
            if server.started:
                try:
                    if httpx.get(base + ready_path, timeout=1.0, trust_env=False).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
            time.sleep(0.02)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


class RequestCounter:
    """An httpx request event hook that counts the requests a client really sent (retries included)."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, request: httpx.Request) -> None:
        if request.url.path.endswith("/chat/completions"):
            self.count += 1

    def attach(self, client: httpx.AsyncClient) -> RequestCounter:
        client.event_hooks = {**client.event_hooks, "request": [*client.event_hooks.get("request", []), self]}
        return self


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
