"""One real server on loopback for the hostile tests: uvicorn in a subprocess with small limits.

A real process (not the in-process TestClient) so that a crash is a crash, raw sockets reach a real HTTP server,
and the server's peak memory can be read from ``/proc``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import free_port, start_api, stop, wait_http
from tests.hostile.corpus import Limits

# Small settings so the corpus is cheap: a 256 KB upload limit, 3-file batches, 4 MP images, 72 DPI renders.
SERVER_ENV = {
    "KIE_BACKEND": "local",
    "OCR_CONCURRENCY": "1",
    "OCR_QUEUE_MAX": "8",
    "OCR_WARMUP": "false",
    "MAX_UPLOAD_MB": "0.25",
    "BATCH_MAX_FILES": "3",
    "MAX_IMAGE_PIXELS": "4000000",
    "MAX_DOCUMENT_PIXELS": "8000000",
    "MAX_PDF_PAGES": "3",
    "PDF_DPI": "72",
    "UPLOAD_TIMEOUT_S": "3",
    "CACHE_MAX_ENTRIES": "0",
    "LOG_LEVEL": "WARNING",
}
LIMITS = Limits(max_upload_bytes=int(0.25 * 1024 * 1024), batch_max_files=3, max_image_pixels=4_000_000,
                max_pdf_pages=3)


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen

    def alive(self) -> bool:
        return self.proc.poll() is None

    def memory_kb(self, field: str) -> int | None:
        """``VmRSS`` (now) or ``VmHWM`` (peak) of the server process, from /proc (None off Linux)."""
        status = Path(f"/proc/{self.proc.pid}/status")
        if not status.exists():
            return None
        for line in status.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return None

    def reset_peak(self) -> None:
        """Start VmHWM again from the current RSS (Linux: ``5`` into clear_refs), so start-up does not count."""
        try:
            Path(f"/proc/{self.proc.pid}/clear_refs").write_text("5")
        except OSError:
            pass


@pytest.fixture(scope="package")
def server() -> Iterator[Server]:
    port = free_port()
    proc = start_api(SERVER_ENV, port)
    try:
        wait_http(f"http://127.0.0.1:{port}/v1/ready", timeout_s=120, proc=proc)
        yield Server(url=f"http://127.0.0.1:{port}", port=port, proc=proc)
    finally:
        stop(proc)
