"""TiltBackend against the mock TILT server over real HTTP on loopback (uvicorn in a thread, FakeEngine).

Each test builds its own client the way the API does (``make_tilt_http_client``) and counts the requests it
really sent, so "retried" and "not retried" are observed, not assumed.
"""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from apps.tilt_server.app import ServerConfig
from apps.tilt_server.fake_engine import FakeEngine
from lib.errors import BackendBadResponse, BackendUnavailable, PayloadTooLarge
from lib.ocr_document import OcrDocument
from lib.pipelines.circuit_breaker import CircuitBreaker
from lib.pipelines.tilt_client import TiltBackend, TiltRequestRejected, health_url, make_tilt_http_client
from lib.pipelines.tilt_prep import TiltDocumentTooLong
from lib.settings import Settings
from tests.tilt_helpers import API_KEY, FakeClock, RequestCounter, load_mock_module, receipt_document, serve_in_thread

pytestmark = pytest.mark.anyio

MODEL = "Snowflake/snowflake-arctic-tilt-v1.3"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    mock = load_mock_module()
    app = mock.build_app(FakeEngine(model_id=MODEL), server_config=ServerConfig(api_key=API_KEY), seed=7)
    with serve_in_thread(app) as base:
        yield base


def _settings(base: str, key: str = API_KEY) -> Settings:
    return Settings(vllm_base_url=base + "/v1", vllm_api_key=key, tilt_model=MODEL)


@pytest.fixture
async def client(mock_url: str) -> AsyncIterator[httpx.AsyncClient]:
    http = make_tilt_http_client(_settings(mock_url), read_timeout_s=5.0)
    async with http:
        yield http


def _backend(client: httpx.AsyncClient, **kwargs: Any) -> tuple[TiltBackend, RequestCounter]:
    kwargs.setdefault("backoff_initial_s", 0.01)
    kwargs.setdefault("backoff_max_s", 0.02)
    kwargs.setdefault("model", MODEL)
    return TiltBackend(client, **kwargs), RequestCounter().attach(client)


def _scenario(**headers: str) -> dict[str, str]:
    return {"X-Mock-Scenario": uuid.uuid4().hex, **headers}


async def test_happy_path_returns_one_candidate_per_field(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client)
    result = await backend.extract(receipt_document())
    assert calls.count == 1
    assert result.backend == "tilt" and result.model_version == MODEL
    raw = {k: (v.raw if v else None) for k, v in result.fields.items()}
    assert raw == {
        "merchant": "KEDAI RUNCIT MAJU",
        "date": "25/12/2018",
        "currency": "RM",
        "subtotal": "8.49",
        "tax_amount": "0.51",
        "total": "9.00",
    }
    assert result.fields["total"] is not None and result.fields["total"].confidence == pytest.approx(0.9)
    assert result.warnings == []
    assert backend.breaker_state == "closed"


async def test_unanswered_fields_are_none(client: httpx.AsyncClient) -> None:
    backend, _ = _backend(client, questions={"total": "What is the total?", "iban": "What is the IBAN?"})
    result = await backend.extract(receipt_document())
    assert result.fields["iban"] is None
    assert result.fields["total"] is not None


async def test_page_images_travel_with_the_request(client: httpx.AsyncClient) -> None:
    from PIL import Image

    backend, calls = _backend(client)
    result = await backend.extract(receipt_document(), page_images=[Image.new("RGB", (800, 1200), "white")])
    assert calls.count == 1 and result.fields["total"] is not None


async def test_document_without_words_is_answered_locally(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client)
    result = await backend.extract(OcrDocument(pages=[]))
    assert calls.count == 0
    assert result.fields == {name: None for name in result.fields} and len(result.fields) == 6
    assert result.warnings


@pytest.mark.parametrize("status", ["502", "503", "504"])
async def test_transient_errors_are_retried_then_succeed(client: httpx.AsyncClient, status: str) -> None:
    backend, calls = _backend(client, max_attempts=3)
    headers = _scenario(**{"X-Mock-Fail-Times": "2", "X-Mock-Error-Status": status})
    result = await backend.extract(receipt_document(), headers=headers)
    assert calls.count == 3
    assert result.fields["total"] is not None
    assert "after 3 attempts" in result.warnings[0]


async def test_retries_exhausted_raise_backend_unavailable(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=3)
    headers = _scenario(**{"X-Mock-Error-Rate": "1", "X-Mock-Error-Status": "503"})
    with pytest.raises(BackendUnavailable, match="after 3 attempt"):
        await backend.extract(receipt_document(), headers=headers)
    assert calls.count == 3


async def test_400_is_not_retried_and_does_not_trip_the_breaker(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=3, breaker_failure_threshold=1)
    headers = _scenario(**{"X-Mock-Error-Rate": "1", "X-Mock-Error-Status": "400"})
    with pytest.raises(TiltRequestRejected) as info:
        await backend.extract(receipt_document(), headers=headers)
    assert isinstance(info.value, BackendBadResponse)
    assert calls.count == 1
    assert backend.breaker_state == "closed"


async def test_413_is_not_retried_and_maps_to_payload_too_large(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=3)
    headers = _scenario(**{"X-Mock-Error-Rate": "1", "X-Mock-Error-Status": "413"})
    with pytest.raises(TiltDocumentTooLong) as info:
        await backend.extract(receipt_document(), headers=headers)
    assert isinstance(info.value, PayloadTooLarge)
    assert calls.count == 1


async def test_500_is_a_bad_response_not_retried(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=3)
    headers = _scenario(**{"X-Mock-Error-Rate": "1", "X-Mock-Error-Status": "500"})
    with pytest.raises(BackendBadResponse, match="HTTP 500"):
        await backend.extract(receipt_document(), headers=headers)
    assert calls.count == 1


@pytest.mark.parametrize("mode", ["1", "text", "shape", "body"])
async def test_malformed_model_output_is_a_bad_response(client: httpx.AsyncClient, mode: str) -> None:
    backend, calls = _backend(client, max_attempts=3)
    with pytest.raises(BackendBadResponse):
        await backend.extract(receipt_document(), headers={"X-Mock-Malformed": mode})
    assert calls.count == 1


async def test_read_timeout_is_retried_then_unavailable(mock_url: str) -> None:
    async with make_tilt_http_client(_settings(mock_url), read_timeout_s=0.2) as http:
        backend, calls = _backend(http, max_attempts=2)
        started = time.perf_counter()
        with pytest.raises(BackendUnavailable, match="timeout"):
            await backend.extract(receipt_document(), headers={"X-Mock-Latency-Ms": "1500"})
        assert calls.count == 2
        assert time.perf_counter() - started < 1.4


async def test_overall_deadline_bounds_the_call(mock_url: str) -> None:
    async with make_tilt_http_client(_settings(mock_url), read_timeout_s=10) as http:
        backend, _ = _backend(http, max_attempts=5, deadline_s=0.3)
        started = time.perf_counter()
        with pytest.raises(BackendUnavailable, match="within"):
            await backend.extract(receipt_document(), headers={"X-Mock-Latency-Ms": "2000"})
        assert time.perf_counter() - started < 1.0


async def test_dropped_connection_is_retried_then_unavailable(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=2)
    with pytest.raises(BackendUnavailable, match="connection failed"):
        await backend.extract(receipt_document(), headers={"X-Mock-Drop": "1"})
    assert calls.count == 2


async def test_unreachable_server_is_unavailable() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with make_tilt_http_client(_settings(f"http://127.0.0.1:{port}")) as http:
        backend, calls = _backend(http, max_attempts=2)
        with pytest.raises(BackendUnavailable):
            await backend.extract(receipt_document())
        assert calls.count == 2
        assert await backend.check_health() is False


async def test_wrong_api_key_is_unavailable_without_retry(mock_url: str) -> None:
    async with make_tilt_http_client(_settings(mock_url, key="wrong")) as http:
        backend, calls = _backend(http, max_attempts=3)
        with pytest.raises(BackendUnavailable, match="HTTP 401"):
            await backend.extract(receipt_document())
        assert calls.count == 1


async def test_breaker_opens_fails_fast_and_recovers_after_cool_down(client: httpx.AsyncClient) -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout_s=30, clock=clock)
    backend, calls = _backend(client, max_attempts=1, breaker=breaker)
    failing = _scenario(**{"X-Mock-Error-Rate": "1", "X-Mock-Error-Status": "503"})

    for _ in range(2):
        with pytest.raises(BackendUnavailable):
            await backend.extract(receipt_document(), headers=failing)
    assert backend.breaker_state == "open" and calls.count == 2

    with pytest.raises(BackendUnavailable, match="circuit is open"):
        await backend.extract(receipt_document())
    assert calls.count == 2  # failed fast: nothing sent

    clock.advance(30)
    assert backend.breaker_state == "half_open"
    with pytest.raises(BackendUnavailable):  # the trial fails: open again
        await backend.extract(receipt_document(), headers=failing)
    assert backend.breaker_state == "open" and calls.count == 3

    clock.advance(30)
    result = await backend.extract(receipt_document())  # the trial succeeds: closed
    assert result.fields["total"] is not None
    assert backend.breaker_state == "closed" and calls.count == 4


async def test_malformed_replies_count_as_breaker_failures(client: httpx.AsyncClient) -> None:
    backend, _ = _backend(client, breaker_failure_threshold=2)
    for _ in range(2):
        with pytest.raises(BackendBadResponse):
            await backend.extract(receipt_document(), headers={"X-Mock-Malformed": "partial"})
    assert backend.breaker_state == "open"


async def test_extra_headers_from_the_constructor_are_sent(client: httpx.AsyncClient) -> None:
    backend, calls = _backend(client, max_attempts=2, extra_headers={"X-Mock-Drop": "1"})
    with pytest.raises(BackendUnavailable):
        await backend.extract(receipt_document())
    assert calls.count == 2


async def test_health_check_hits_the_server_root(client: httpx.AsyncClient) -> None:
    backend, _ = _backend(client)
    assert await backend.check_health() is True


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("http://gpu:8001/v1", "http://gpu:8001/health"),
        ("http://gpu:8001/v1/", "http://gpu:8001/health"),
        ("http://gpu/tilt/v1", "http://gpu/tilt/health"),
        ("http://gpu:8001", "http://gpu:8001/health"),
    ],
)
def test_health_url(base: str, expected: str) -> None:
    assert str(health_url(base)) == expected


async def test_retry_after_is_honoured_but_capped() -> None:
    """In-process transport: 503 with Retry-After, then 200. The wait follows the header, capped at max."""
    replies = iter([503, 200])
    ok_body = {
        "model": MODEL,
        "choices": [{"message": {"content": '{"answers": {"total": "1.00"}, "confidence": {"total": 0.5}}'}}],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(replies)
        if status == 503:
            return httpx.Response(503, headers={"Retry-After": "100"}, json={"error": {"code": "overloaded"}})
        return httpx.Response(200, json=ok_body)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://tilt/v1/") as http:
        backend = TiltBackend(http, questions={"total": "?"}, backoff_initial_s=0.01, backoff_max_s=0.05)
        started = time.perf_counter()
        result = await backend.extract(receipt_document())
        assert 0.04 < time.perf_counter() - started < 1.0
        assert result.fields["total"] is not None and result.fields["total"].raw == "1.00"


async def test_from_settings_reads_optional_knobs() -> None:
    class Extended(Settings):
        tilt_max_attempts: int = 7
        tilt_deadline_s: float = 12.0

    async with httpx.AsyncClient(base_url="http://tilt/v1/") as http:
        backend = TiltBackend.from_settings(Extended(tilt_model="m"), http)
        assert backend.model_version == "m"
        assert backend._max_attempts == 7 and backend._deadline_s == 12.0


def test_http_client_has_explicit_limits_and_auth() -> None:
    client = make_tilt_http_client(_settings("http://gpu:8001"))
    try:
        assert client.base_url == httpx.URL("http://gpu:8001/v1/")
        assert client.headers["authorization"] == f"Bearer {API_KEY}"
        t = client.timeout
        assert (t.connect, t.read, t.write, t.pool) == (2.0, 40.0, 10.0, 5.0)
    finally:
        import asyncio

        asyncio.run(client.aclose())
