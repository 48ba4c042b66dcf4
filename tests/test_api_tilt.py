"""KIE backend selection through our API against the GPU side's mock over real HTTP on loopback.

The mock (scripts/mock_vllm.py) serves the exact TILT contract and answers by running the local KIE on the
document it receives, so answers are realistic. No OCR here: digital PDFs go through the text layer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import AbstractContextManager

import pytest
from fastapi.testclient import TestClient

from lib.settings import PROJECT_ROOT
from tests.conftest import SAMPLES, free_port, make_settings, started_client, stop, wait_http

DOC = "invoice_digital_usd.pdf"


def start_mock(port: int, **fault_env: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "scripts/mock_vllm.py", "--host", "127.0.0.1", "--port", str(port), "--engine", "local"],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **fault_env},
    )
    wait_http(f"http://127.0.0.1:{port}/health", timeout_s=60, proc=proc)
    return proc


def extract(client: TestClient, doc: str = DOC):
    data = (SAMPLES / doc).read_bytes()
    return client.post("/v1/extract", files={"file": (doc, data, "application/pdf")})


@pytest.fixture(scope="module")
def mock_port():
    return free_port()


def make_client(mode: str, port: int) -> AbstractContextManager[TestClient]:
    from apps.api_gpu.main import create_app

    settings = make_settings(
        kie_backend=mode, vllm_base_url=f"http://127.0.0.1:{port}/v1", ocr_concurrency=1, cache_max_entries=0,
        tilt_max_attempts=2, tilt_backoff_initial_s=0.01, tilt_backoff_max_s=0.05,
        tilt_breaker_failure_threshold=2, tilt_breaker_reset_timeout_s=1.0, vllm_read_timeout_s=10,
        tilt_health_interval_s=0.2,
    )
    return started_client(create_app(settings))


def test_auto_uses_tilt_falls_back_and_recovers(mock_port):
    mock = start_mock(mock_port)
    try:
        with make_client("auto", mock_port) as client:
            first = extract(client)
            assert first.status_code == 200, first.text
            body = first.json()
            assert body["meta"]["kie_backend"] == "tilt"
            assert body["meta"]["model_version"].startswith("Snowflake/snowflake-arctic-tilt-v1.3")
            assert body["data"]["total"] == pytest.approx(376.03)
            assert client.get("/v1/ready").json()["gpu"]["reachable"] is True
            rub = extract(client, "invoice_digital_rub.pdf").json()  # "12 000,00": words joined back into lines
            assert rub["meta"]["kie_backend"] == "tilt"
            assert (rub["data"]["subtotal"], rub["data"]["tax_amount"], rub["data"]["total"]) == (10000, 2000, 12000)

            stop(mock)  # the GPU side goes away
            for _ in range(3):
                fallback = extract(client)
                assert fallback.status_code == 200
                meta = fallback.json()["meta"]
                assert meta["kie_backend"] == "local"
                assert any(w.startswith("fallback") for w in meta["warnings"])
                assert fallback.json()["data"]["total"] == pytest.approx(376.03)
            health = client.get("/v1/health").json()
            # the failed calls open the breaker, or the background health check notices first: either way
            assert health["gpu"]["breaker"] == "open" or health["gpu"]["reachable"] is False
            assert health["status"] == "degraded"
            assert "ocrlty_kie_fallbacks_total 3.0" in client.get("/metrics").text

            mock = start_mock(mock_port)  # it comes back
            time.sleep(1.1)  # the breaker's cool-down (and a few health checks)
            again = extract(client)
            assert again.json()["meta"]["kie_backend"] == "tilt"
            assert client.get("/v1/health").json()["gpu"]["breaker"] == "closed"
    finally:
        stop(mock)


def test_tilt_mode_fails_clearly_when_gpu_is_down(mock_port):
    with make_client("tilt", mock_port) as client:  # nothing listens on the port
        response = extract(client)
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "kie_backend_unavailable"
        assert client.get("/v1/ready").status_code == 503
        assert client.get("/ping").status_code == 204  # RunPod: still initializing (waiting for the GPU side)


def test_malformed_tilt_output_is_a_502_not_a_500(mock_port):
    mock = start_mock(mock_port, MOCK_MALFORMED="partial")
    try:
        with make_client("tilt", mock_port) as client:
            response = extract(client)
            assert response.status_code == 502, response.text
            assert response.json()["error"]["code"] == "kie_backend_bad_response"
    finally:
        stop(mock)


def test_a_photo_taken_sideways_goes_to_tilt_turned_as_its_words(mock_port):
    """The OCR turns a sideways photo to read it; TILT gets the page image turned the same way, so the image fits
    the words' boxes (before, its aspect ratio did not fit the turned page)."""
    import io

    from PIL import Image

    image = Image.open(SAMPLES / "receipt_usd.jpg").convert("RGB").rotate(90, expand=True)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=92)
    mock = start_mock(mock_port)
    try:
        with make_client("tilt", mock_port) as client:
            response = client.post("/v1/extract", files={"file": ("sideways.jpg", buf.getvalue(), "image/jpeg")})
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["meta"]["kie_backend"] == "tilt"
            assert body["meta"]["pages"][0]["rotation"] == 270
            assert body["data"]["total"] == pytest.approx(35.83)
    finally:
        stop(mock)
