"""KIE_BACKEND=auto against the real mock GPU server (scripts/mock_vllm.py) while it misbehaves.

Faults are switched on the running mock (``POST /mock/faults``): latency spikes past the read timeout, 503
bursts, dropped connections, each kind of malformed answer, and the mock killed and restarted. Through all of
it, requests run several at a time: none is lost (every one is a 200 with data), each answer from the local
fallback says so in ``meta.warnings``, ``/metrics`` counts exactly those fallbacks, and the breaker opens under
the failures and closes again once the GPU side is well. tests/test_api_tilt.py covers the single-request
path (TILT answer, fallback, 502/503 in ``tilt`` mode); this is the same under concurrency and every fault.
No OCR: digital PDFs are read from their text layer.
"""

from __future__ import annotations

import concurrent.futures
import re
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLES, free_port, make_settings, started_client, stop
from tests.test_api_tilt import start_mock

# distinct documents: identical ones in flight together are computed once (and counted once in /metrics)
DOCS = ["invoice_digital_usd.pdf", "invoice_digital_eur.pdf", "invoice_digital_rub.pdf", "invoice_digital_inr.pdf"]
CONCURRENT = 4
PHASES: list[tuple[str, dict[str, object]]] = [
    ("latency spike past the read timeout", {"latency_ms": 1500}),
    ("503 burst", {"error_rate": 1, "error_status": 503}),
    ("dropped connections", {"drop": 1}),
    ("malformed: cut JSON", {"malformed": "partial"}),
    ("malformed: prose", {"malformed": "text"}),
    ("malformed: wrong shape", {"malformed": "shape"}),
    ("malformed: HTML body", {"malformed": "body"}),
]


class Mock:
    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen = start_mock(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def faults(self, **values: object) -> None:
        httpx.post(self.url + "/mock/faults", json=values, timeout=5).raise_for_status()

    def restart(self) -> None:
        self.proc = start_mock(self.port)


@pytest.fixture(scope="module")
def mock() -> Iterator[Mock]:
    m = Mock()
    try:
        yield m
    finally:
        stop(m.proc)


@pytest.fixture(scope="module")
def client(mock: Mock) -> Iterator[TestClient]:
    from apps.api_gpu.main import create_app

    settings = make_settings(
        kie_backend="auto", vllm_base_url=mock.url + "/v1", ocr_concurrency=1, ocr_warmup=False,
        cache_max_entries=0, tilt_max_attempts=2, tilt_backoff_initial_s=0.01, tilt_backoff_max_s=0.05,
        tilt_breaker_failure_threshold=2, tilt_breaker_reset_timeout_s=0.5, vllm_read_timeout_s=1.0,
        tilt_health_interval_s=0.2,
    )
    with started_client(create_app(settings)) as c:
        yield c


def _burst(client: TestClient) -> list[dict]:
    """CONCURRENT requests at once; every one must come back a 200 with data (none lost)."""
    def one(i: int) -> httpx.Response:
        doc = DOCS[i % len(DOCS)]
        return client.post("/v1/extract", files={"file": (doc, (SAMPLES / doc).read_bytes(), "application/pdf")})

    with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
        responses = list(pool.map(one, range(CONCURRENT)))
    assert [r.status_code for r in responses] == [200] * CONCURRENT, [r.text[:200] for r in responses]
    bodies = [r.json() for r in responses]
    for body in bodies:
        assert body["data"]["total"] is not None
        fallback = any(w.startswith("fallback") for w in body["meta"]["warnings"])
        assert fallback == (body["meta"]["kie_backend"] == "local"), body["meta"]
    return bodies


def _fallbacks(bodies: list[dict]) -> int:
    return sum(b["meta"]["kie_backend"] == "local" for b in bodies)


def _wait_for_tilt(client: TestClient, timeout_s: float = 20) -> int:
    """Until the breaker is closed again and TILT answers (the health check and the cool-down pass); returns
    the fallback answers met on the way."""
    fallbacks = 0
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        gpu = client.get("/v1/health").json()["gpu"]
        if gpu["reachable"] and gpu["breaker"] != "open":
            doc = DOCS[0]
            r = client.post("/v1/extract", files={"file": (doc, (SAMPLES / doc).read_bytes(), "application/pdf")})
            if r.json()["meta"]["kie_backend"] == "tilt":
                assert client.get("/v1/health").json()["gpu"]["breaker"] == "closed"
                return fallbacks
            fallbacks += 1
        time.sleep(0.2)
    raise AssertionError("TILT did not come back")


def _fallback_metric(client: TestClient) -> float:
    match = re.search(r"^ocrlty_kie_fallbacks_total (\S+)$", client.get("/metrics").text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_no_request_lost_through_every_fault(client: TestClient, mock: Mock):
    start_metric = _fallback_metric(client)
    fallbacks = 0
    assert _fallbacks(_burst(client)) == 0  # healthy: TILT answers everything
    breaker_seen_open = False
    for name, faults in PHASES:
        mock.faults(**faults)
        bodies = _burst(client)
        assert _fallbacks(bodies) == CONCURRENT, name  # every call failed over, visibly
        fallbacks += CONCURRENT
        breaker_seen_open |= client.get("/v1/health").json()["gpu"]["breaker"] == "open"
        mock.faults()
        fallbacks += _wait_for_tilt(client)

    # the mock dies (mid-traffic) and comes back
    stop(mock.proc)
    bodies = _burst(client)
    fallbacks += _fallbacks(bodies)
    assert _fallbacks(bodies) == CONCURRENT
    breaker_seen_open |= client.get("/v1/health").json()["gpu"]["breaker"] == "open"
    mock.restart()
    fallbacks += _wait_for_tilt(client)

    assert breaker_seen_open
    assert _fallback_metric(client) - start_metric == fallbacks
