"""The RunPod queue worker: its input handling (base64, URL policy, size caps) and a real run in the SDK's local
test mode (``--test_input`` and ``test_input.json``)."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from apps.runpod_worker import Worker, parse_input
from lib.errors import InvalidInput, PayloadTooLarge, UrlFetchFailed, UrlRefused
from lib.fetch import fetch_url, public_only
from lib.settings import PROJECT_ROOT
from tests.conftest import SAMPLES, make_settings

DOC = "invoice_digital_usd.pdf"
SETTINGS = make_settings(max_upload_mb=1)


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


@pytest.mark.parametrize("job_input, error", [
    ("not an object", InvalidInput),
    ({}, InvalidInput),
    ({"file_b64": "AAAA", "url": "https://example.com/a.pdf"}, InvalidInput),
    ({"file_b64": "not base64!"}, InvalidInput),
    ({"file_b64": 12}, InvalidInput),
    ({"file_b64": "A" * (2 * 1024 * 1024)}, PayloadTooLarge),  # refused before decoding
    ({"url": "ftp://example.com/a.pdf"}, UrlRefused),
    ({"url": 5}, InvalidInput),
])
def test_bad_job_inputs_are_refused(job_input, error):
    with pytest.raises(error):
        run(parse_input(job_input, SETTINGS))


def test_base64_input_gives_bytes_and_name():
    data = (SAMPLES / DOC).read_bytes()
    got = run(parse_input({"file_b64": base64.b64encode(data).decode(), "filename": DOC}, SETTINGS))
    assert got == (data, DOC)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/a.pdf", "http://localhost:8000/a.pdf", "http://[::1]/a.pdf", "http://10.1.2.3/a.pdf",
    "http://192.168.0.10/a.pdf", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/a.pdf",
    "http://[::ffff:127.0.0.1]/a.pdf", "http://0.0.0.0/a.pdf", "file:///etc/passwd", "gopher://example.com/",
])
def test_private_and_non_http_urls_are_refused_before_connecting(url):
    with pytest.raises(UrlRefused):
        run(fetch_url(url, max_bytes=1000, timeout_s=2))


def test_public_only():
    assert public_only(ipaddress.ip_address("8.8.8.8"))
    assert not public_only(ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not public_only(ipaddress.ip_address("224.0.0.1"))


@pytest.mark.parametrize("url", ["http://2130706433/a.pdf", "http://0177.0.0.1/a.pdf", "http://127.1/a.pdf",
                                 "http://[64:ff9b::7f00:1]/a.pdf", "http://[2002:7f00:1::1]/a.pdf",
                                 "http://[::127.0.0.1]/a.pdf", "http://example.com:99999/a.pdf"])
def test_other_spellings_of_local_addresses_are_refused(url):
    with pytest.raises(UrlRefused):
        run(fetch_url(url, max_bytes=1000, timeout_s=2))


class _Rebinding:
    """An address check that passes once, then refuses: what a DNS answer that changes after the check does."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        self.calls += 1
        return self.calls == 1


def test_dns_rebinding_between_check_and_connect_sends_no_request(origin, requests_seen):
    before = len(requests_seen)
    with pytest.raises(UrlRefused):
        run(fetch_url(f"{origin}/doc.pdf", max_bytes=1 << 20, timeout_s=5, allowed=_Rebinding()))
    assert len(requests_seen) == before  # refused when connecting: the GET never reached the server


class _Handler(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append(self.path)
        port = self.server.server_address[1]
        routes = {
            "/doc.pdf": (200, {}, (SAMPLES / DOC).read_bytes()),
            "/redirect-ok": (302, {"Location": "/doc.pdf"}, b""),
            "/redirect-private": (302, {"Location": f"http://127.0.0.2:{port}/doc.pdf"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
        }
        if self.path == "/drip":  # every read comes in time, the whole body never does
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/big":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 65536)
            return
        status, headers, body = routes.get(self.path, (404, {}, b"no"))
        self.send_response(status)
        for k, v in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def requests_seen() -> list[str]:
    return _Handler.seen


def _only_127_0_0_1(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return str(ip) == "127.0.0.1"  # a test origin on loopback; everything else stays refused


def _fetch(url: str, max_bytes: int = 1024 * 1024) -> tuple[bytes, str]:
    return run(fetch_url(url, max_bytes=max_bytes, timeout_s=5, allowed=_only_127_0_0_1))


def test_url_download_follows_redirects_and_rechecks_each_target(origin):
    data = (SAMPLES / DOC).read_bytes()
    assert _fetch(f"{origin}/doc.pdf") == (data, "doc.pdf")
    assert _fetch(f"{origin}/redirect-ok") == (data, "doc.pdf")
    with pytest.raises(UrlRefused, match="127.0.0.2"):
        _fetch(f"{origin}/redirect-private")
    with pytest.raises(UrlFetchFailed, match="redirects"):
        _fetch(f"{origin}/loop")
    with pytest.raises(UrlFetchFailed, match="404"):
        _fetch(f"{origin}/missing")


def test_a_slow_drip_download_ends_at_the_timeout(origin):
    start = time.monotonic()
    with pytest.raises(UrlFetchFailed, match="longer than"):
        run(fetch_url(f"{origin}/drip", max_bytes=1000, timeout_s=0.6, allowed=_only_127_0_0_1))
    assert time.monotonic() - start < 3


def test_url_download_is_capped_while_streaming(origin):
    with pytest.raises(PayloadTooLarge):
        _fetch(f"{origin}/big", max_bytes=256 * 1024)
    with pytest.raises(PayloadTooLarge):  # declared Content-Length over the cap
        _fetch(f"{origin}/doc.pdf", max_bytes=100)


def test_handler_answers_bad_input_with_an_error_object_without_loading_engines():
    worker = Worker(SETTINGS)
    out = run(worker.handle({"id": "j1", "input": {"url": "http://10.0.0.1/x.pdf"}}))
    assert out == {"error": {"code": "url_refused", "message": out["error"]["message"]}}
    assert worker._service is None  # noqa: SLF001 (no engines were built for a refused job)


def _sdk_local_run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OCR_CONCURRENCY": "1", "OCR_WARMUP": "false", "KIE_BACKEND": "local",
           "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "apps.runpod_worker", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


def test_sdk_local_test_mode(tmp_path):
    """The SDK runs one job from --test_input (or ./test_input.json) through the handler and exits 0/1."""
    b64 = base64.b64encode((SAMPLES / DOC).read_bytes()).decode()
    ok = _sdk_local_run(["--test_input", json.dumps({"input": {"file_b64": b64, "filename": DOC}})], tmp_path)
    assert ok.returncode == 0, ok.stdout[-3000:] + ok.stderr[-3000:]
    assert "'total': 376.03" in ok.stdout + ok.stderr and "completed successfully" in ok.stdout + ok.stderr

    (tmp_path / "test_input.json").write_text(json.dumps({"input": {"file_b64": b64[:-8] + "!!!!!!!!"}}))
    bad = _sdk_local_run([], tmp_path)
    assert bad.returncode == 1  # the SDK marks a job with an "error" as failed
    assert "invalid_input" in bad.stdout + bad.stderr
