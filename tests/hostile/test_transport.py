"""Malformed HTTP over raw sockets against the real server: lying Content-Length, bodies that trickle in.

A body sent one byte per 100 ms must not hold an OCR slot or a worker thread, and is cut after UPLOAD_TIMEOUT_S
(3 s in the test server) with a 408 ``upload_timeout``.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import psutil

from tests.hostile.conftest import SERVER_ENV, Server
from tests.hostile.corpus import encode, text_image, text_pdf

UPLOAD_TIMEOUT_S = float(SERVER_ENV["UPLOAD_TIMEOUT_S"])
BOUNDARY = b"hostile"


def _multipart(data: bytes, name: bytes = b"r.pdf") -> bytes:
    return (b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="file"; filename="' + name
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n--" + BOUNDARY + b"--\r\n")


def _head(content_length: int) -> bytes:
    return (b"POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
            + BOUNDARY + b"\r\nContent-Length: %d\r\n\r\n" % content_length)


def _read_reply(sock: socket.socket, timeout_s: float) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one HTTP reply (read until the connection closes or the body is complete)."""
    sock.settimeout(timeout_s)
    raw = b""
    while b"\r\n\r\n" not in raw:
        chunk = sock.recv(65536)
        if not chunk:
            break
        raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", 0))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def _connection_closed(sock: socket.socket) -> bool:
    sock.settimeout(2)
    try:
        return sock.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_content_length_larger_than_the_body_is_cut_by_the_upload_timeout(server: Server):
    body = _multipart(text_pdf())
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        start = time.monotonic()
        sock.sendall(_head(len(body) + 500) + body)  # promises 500 bytes it never sends
        status, headers, reply = _read_reply(sock, timeout_s=UPLOAD_TIMEOUT_S + 10)
        waited = time.monotonic() - start
        assert status == 408
        assert json.loads(reply)["error"]["code"] == "upload_timeout"
        assert UPLOAD_TIMEOUT_S - 0.5 <= waited < UPLOAD_TIMEOUT_S + 5
        assert _connection_closed(sock)
    assert server.alive()


def test_content_length_smaller_than_the_body_is_a_4xx(server: Server):
    body = _multipart(text_pdf())
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(_head(len(body) - 100) + body)  # the last 100 bytes are read as a next request: garbage
        status, _headers, _reply = _read_reply(sock, timeout_s=20)
        # the server refuses the garbage (400, plain text from uvicorn) or answers the cut form first (422)
        assert status in (400, 422)
    assert server.alive()


def test_slow_bodies_hold_no_ocr_slot_or_thread_and_are_cut(server: Server):
    """45 uploads trickling one byte per 100 ms (more than anyio's 40 worker threads) while a normal request is
    served; each trickle is then cut with a 408. The server has one OCR slot."""
    body = _multipart(encode(text_image(), "PNG"), b"r.png")
    socks = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(45)]
    proc = psutil.Process(server.proc.pid)
    threads_before = proc.num_threads()
    stop = threading.Event()
    sent = [0] * len(socks)

    def trickle() -> None:
        for s in socks:
            s.sendall(_head(len(body)))
        while not stop.is_set():
            for i, s in enumerate(socks):
                if sent[i] < len(body):
                    try:
                        s.sendall(body[sent[i]:sent[i] + 1])
                        sent[i] += 1
                    except OSError:  # cut by the server
                        sent[i] = len(body)
            time.sleep(0.1)

    feeder = threading.Thread(target=trickle, daemon=True)
    feeder.start()
    try:
        time.sleep(0.5)
        normal = httpx.post(server.url + "/v1/extract", timeout=30,
                            files={"file": ("ok.png", encode(text_image(), "PNG"), "image/png")})
        assert normal.status_code == 200, normal.text
        assert normal.json()["data"]["total"] == 12.5
        assert proc.num_threads() < threads_before + 10, "slow uploads took threads"
        statuses = []
        for s in socks:
            status, _headers, reply = _read_reply(s, timeout_s=UPLOAD_TIMEOUT_S + 15)
            statuses.append(status)
            assert json.loads(reply)["error"]["code"] == "upload_timeout"
        assert set(statuses) == {408}
        assert max(sent) < len(body)  # cut before the body was complete
    finally:
        stop.set()
        feeder.join(timeout=5)
        for s in socks:
            s.close()
    metrics = httpx.get(server.url + "/metrics", timeout=10).text
    assert 'ocrlty_requests_total{route="/v1/extract",status="408"}' in metrics
    assert "ocrlty_ocr_in_flight 0.0" in metrics
    assert server.alive()
