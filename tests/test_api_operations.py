"""Batch, cache, request ids, metrics, API keys, health and backpressure, through the HTTP API."""

from __future__ import annotations

import concurrent.futures
import io
import time

import httpx
import pytest
from PIL import Image
from pydantic import SecretStr

from tests.conftest import SAMPLES, free_port, overridden_settings, start_api, stop, wait_http

BATCH = [
    "receipt_myr.png", "receipt_usd.jpg", "broken_truncated.png", "invoice_digital_eur.pdf",
    "invoice_digital_rub.pdf", "fake_image.png", "invoice_digital_usd.pdf", "receipt_eur.png",
    "invoice_digital_gbp_multipage.pdf", "encrypted_empty_user.pdf",
]


def _files(names):
    return [("files", (n, (SAMPLES / n).read_bytes(), "application/octet-stream")) for n in names]


def test_batch_keeps_order_and_isolates_failures(app_client):
    response = app_client.post("/v1/extract-batch", files=_files(BATCH))
    assert response.status_code == 200, response.text
    body = response.json()
    results = body["results"]
    assert [r["filename"] for r in results] == BATCH
    assert body["succeeded"] == 8 and body["failed"] == 2
    errors = {r["filename"]: r["error"]["code"] for r in results if r["error"]}
    assert errors == {"broken_truncated.png": "undecodable_document", "fake_image.png": "unsupported_media_type"}
    ok = {r["filename"]: r["data"] for r in results if not r["error"]}
    assert ok["invoice_digital_rub.pdf"]["total"] == pytest.approx(12000.0)
    assert ok["receipt_usd.jpg"]["currency"] == "USD"

    again = app_client.post("/v1/extract-batch", files=_files(BATCH)).json()
    assert all(r["meta"]["cached"] for r in again["results"] if not r["error"])
    assert [r["data"] for r in again["results"]] == [r["data"] for r in results]


def test_batch_limits(app_client):
    with overridden_settings(app_client, batch_max_files=2):
        response = app_client.post("/v1/extract-batch", files=_files(BATCH[:3]))
    assert response.status_code == 413
    assert "BATCH_MAX_FILES" in response.json()["error"]["message"]


def test_repeat_answers_from_cache(app_client):
    files = {"file": ("receipt_myr.png", (SAMPLES / "receipt_myr.png").read_bytes(), "image/png")}
    first = app_client.post("/v1/extract", files=files).json()
    second = app_client.post("/v1/extract", files=files).json()
    assert second["meta"]["cached"] is True
    assert second["data"] == first["data"]


def test_request_id_is_echoed_or_made(app_client):
    response = app_client.get("/v1/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    made = app_client.get("/v1/health").headers["x-request-id"]
    assert len(made) == 32
    files = {"file": ("x.png", b"not an image", "image/png")}
    response = app_client.post("/v1/extract", files=files, headers={"X-Request-ID": "req-9"})
    assert response.json()["error"]["request_id"] == "req-9"


def test_health_and_ready(app_client):
    health = app_client.get("/v1/health").json()
    assert health["status"] == "ok" and health["ready"] is True
    assert health["ocr"]["ready"] is True and health["ocr"]["model_origin"] in ("package/package", "local/local")
    assert health["kie_backend"] == "local"
    assert app_client.get("/v1/ready").status_code == 200


def test_metrics_count_requests_by_status(app_client):
    app_client.post("/v1/extract", files={"file": ("x.txt", b"hello", "text/plain")})
    doc = "invoice_digital_eur.pdf"
    pdf = (SAMPLES / doc).read_bytes() + b"\n%metrics"  # new bytes: not answered from the cache
    app_client.post("/v1/extract", files={"file": (doc, pdf, "application/pdf")})
    text = app_client.get("/metrics").text
    assert 'ocrlty_requests_total{route="/v1/extract",status="415"}' in text
    assert 'ocrlty_requests_total{route="/v1/extract",status="200"}' in text
    assert 'ocrlty_documents_total{outcome="error_415"}' in text
    assert 'ocrlty_stage_seconds_bucket{le="0.005",stage="kie"}' in text
    assert 'ocrlty_kie_backend_total{backend="local"}' in text and 'ocrlty_pages_total{source="text_layer"}' in text
    assert "ocrlty_ocr_queue_depth" in text and 'ocrlty_cache_total{result="miss"}' in text


def test_api_keys(app_client):
    files = {"file": ("x.txt", b"hello", "text/plain")}
    with overridden_settings(app_client, api_keys=SecretStr("k1,k2")):
        assert app_client.post("/v1/extract", files=files).status_code == 401
        bad = app_client.post("/v1/extract", files=files, headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"
        good = app_client.post("/v1/extract", files=files, headers={"Authorization": "Bearer k2"})
        assert good.status_code == 415  # past auth, then refused for its content
        assert app_client.get("/v1/health").status_code == 200  # health stays open


def _distinct_png(i: int, copies: int = 1) -> bytes:
    """The USD receipt as a PNG that hashes differently for each ``i``; ``copies`` stacks it (more OCR work)."""
    one = Image.open(SAMPLES / "receipt_usd.jpg").convert("RGB")
    image = Image.new("RGB", (one.width, one.height * copies), "white")
    for k in range(copies):
        image.paste(one, (0, one.height * k))
    image.putpixel((0, 0), (i, i, i))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_flood_beyond_queue_gets_429_and_accepted_ones_complete():
    port = free_port()
    proc = start_api({"OCR_CONCURRENCY": "1", "OCR_QUEUE_MAX": "1", "KIE_BACKEND": "local"}, port)
    try:
        wait_http(f"http://127.0.0.1:{port}/v1/ready", timeout_s=90, proc=proc)
        bodies = [_distinct_png(i) for i in range(6)]

        def send(body: bytes) -> httpx.Response:
            return httpx.post(f"http://127.0.0.1:{port}/v1/extract", files={"file": ("r.png", body, "image/png")},
                              timeout=120)

        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            responses = list(pool.map(send, bodies))
        statuses = sorted(r.status_code for r in responses)
        assert statuses.count(429) >= 1, statuses
        assert statuses.count(200) >= 2, statuses
        assert set(statuses) <= {200, 429}
        for r in responses:
            if r.status_code == 429:
                assert int(r.headers["retry-after"]) > 0
                assert r.json()["error"]["code"] == "overloaded"
            else:
                assert r.json()["data"]["total"] is not None
        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics").text
        assert 'status="429"' in metrics
    finally:
        stop(proc)


def test_work_stops_when_the_client_goes_away():
    port = free_port()
    proc = start_api({"OCR_CONCURRENCY": "1", "KIE_BACKEND": "local", "CACHE_MAX_ENTRIES": "0"}, port)
    try:
        wait_http(f"http://127.0.0.1:{port}/v1/ready", timeout_s=90, proc=proc)
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"http://127.0.0.1:{port}/v1/extract", timeout=httpx.Timeout(60, read=0.3),
                       files={"file": ("r.png", _distinct_png(7, copies=4), "image/png")})  # OCR outlasts the polls
        deadline = time.monotonic() + 30
        metrics = ""
        while time.monotonic() < deadline:  # the OCR thread finishes its page, then the slot is free again
            metrics = httpx.get(f"http://127.0.0.1:{port}/metrics").text
            if 'status="499"' in metrics and "ocrlty_ocr_in_flight 0.0" in metrics:
                break
            time.sleep(0.2)
        assert 'ocrlty_requests_total{route="/v1/extract",status="499"} 1.0' in metrics
        assert 'ocrlty_documents_total{outcome="error_499"} 1.0' in metrics
        assert "ocrlty_ocr_in_flight 0.0" in metrics
        assert 'ocrlty_pages_total{source="ocr"}' not in metrics  # the pipeline never finished that document
    finally:
        stop(proc)


def test_oversized_upload_is_refused_from_its_headers(app_client):
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (21 * 1024 * 1024)  # over MAX_UPLOAD_MB=20
    response = app_client.post("/v1/extract", files={"file": ("big.png", big, "image/png")})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "upload_too_large"
    assert "MAX_UPLOAD_MB" in response.json()["error"]["message"]
    assert response.headers["x-request-id"] == response.json()["error"]["request_id"]


def test_oversized_upload_without_content_length_is_cut_off(app_client):
    def chunks():
        yield b"--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\n\r\n"
        for _ in range(22):
            yield b"\0" * (1024 * 1024)

    response = app_client.post("/v1/extract", content=chunks(),
                               headers={"Content-Type": "multipart/form-data; boundary=xyz"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "upload_too_large"


def test_batch_byte_limit(app_client):
    with overridden_settings(app_client, batch_max_mb=0.05):
        response = app_client.post("/v1/extract-batch", files=_files(["receipt_usd.jpg", "receipt_myr.png"]))
    assert response.status_code == 413
    assert "BATCH_MAX_MB" in response.json()["error"]["message"]


def test_no_key_no_upload(app_client):
    with overridden_settings(app_client, api_keys=SecretStr("k1")):
        big = b"\0" * (30 * 1024 * 1024)  # refused on its headers, whatever its size
        response = app_client.post("/v1/extract-batch", files=[("files", ("a.png", big, "image/png"))])
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_unexpected_errors_are_json_500_with_the_request_id():
    from fastapi.testclient import TestClient

    from apps.api_gpu.main import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings())

    @app.get("/v1/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    response = TestClient(app, raise_server_exceptions=False).get("/v1/boom", headers={"X-Request-ID": "r-500"})
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": response.json()["error"]["message"],
                                         "request_id": "r-500"}}
    assert response.headers["x-request-id"] == "r-500"


def test_slow_document_times_out_with_504(app_client):
    with overridden_settings(app_client, request_timeout_s=0.05):
        response = app_client.post("/v1/extract", files={"file": ("slow.png", _distinct_png(11), "image/png")})
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "request_timeout"
    assert "REQUEST_TIMEOUT_S" in response.json()["error"]["message"]


def test_one_json_log_line_per_request_without_secrets(app_client):
    import io
    import json

    from loguru import logger

    sink = io.StringIO()
    handler = logger.add(sink, serialize=True, level="INFO")  # what LOG_JSON=true configures on stderr
    try:
        with overridden_settings(app_client, api_keys=SecretStr("secret-key-123")):
            app_client.post("/v1/extract", files={"file": ("x.txt", b"hello", "text/plain")},
                            headers={"Authorization": "Bearer secret-key-123", "X-Request-ID": "log-1"})
            doc = "invoice_digital_usd.pdf"
            app_client.post("/v1/extract", files={"file": (doc, (SAMPLES / doc).read_bytes(), "application/pdf")},
                            headers={"Authorization": "Bearer secret-key-123", "X-Request-ID": "log-2"})
    finally:
        logger.remove(handler)
    lines = [json.loads(line) for line in sink.getvalue().splitlines()]
    ours = [r for r in lines if r["record"]["extra"].get("request_id") == "log-1"]
    assert len(ours) == 1
    extra = ours[0]["record"]["extra"]
    assert extra["status"] == 415 and extra["latency_ms"] >= 0
    ok = [r["record"]["extra"] for r in lines if r["record"]["extra"].get("request_id") == "log-2"]
    assert len(ok) == 1 and ok[0]["status"] == 200
    assert ok[0]["file_type"] == "application/pdf" and ok[0]["pages"] == 1
    assert {"render_ms", "ocr_ms", "kie_ms", "rules_ms", "total_ms"} <= set(ok[0])
    assert "secret-key-123" not in sink.getvalue()


def test_wrong_form_field_says_how_to_send_a_file(app_client):
    response = app_client.post("/v1/extract", files={"upload": ("a.png", b"x", "image/png")})
    assert response.status_code == 422
    assert "form field 'file'" in response.json()["error"]["message"]
    response = app_client.post("/v1/extract-batch", data={"files": "hello"})
    assert response.status_code == 422
    assert "form field 'files'" in response.json()["error"]["message"]


def test_refusals_before_routing_are_counted_on_their_route(app_client):
    big = b"\0" * (21 * 1024 * 1024)
    app_client.post("/v1/extract", files={"file": ("big.png", big, "image/png")})
    assert 'ocrlty_requests_total{route="/v1/extract",status="413"}' in app_client.get("/metrics").text
