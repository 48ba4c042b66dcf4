"""The TILT server contract (docs/tilt-contract.md), run against both implementations of it:

* ``server``: ``apps.tilt_server.create_app(FakeEngine())`` in process (ASGI transport, lifespan run by hand);
* ``mock``: ``scripts/mock_vllm.py`` over real HTTP (uvicorn in a thread).

Then server-only behaviour (loading, overload, timeouts, disconnects) and the vLLM adapter's pure parts.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import io
import json
import math
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image

from apps.tilt_server.app import ServerConfig, _run_watched, create_app
from apps.tilt_server.engine import BadDocument, DocumentTooLong, FieldQuestion, QuestionTooLong, TiltDocument, TiltPage
from apps.tilt_server.errors import ApiError
from apps.tilt_server.fake_engine import FakeEngine
from apps.tilt_server.vllm_engine import VllmTiltEngine, _Slot, _to_answer
from lib.pipelines.tilt_client import TiltBackend
from lib.pipelines.tilt_prep import TiltDocumentTooLong, build_chat_request
from tests.tilt_helpers import API_KEY, RequestCounter, load_mock_module, receipt_document, serve_in_thread

pytestmark = pytest.mark.anyio

MODEL = "Snowflake/snowflake-arctic-tilt-v1.3"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
CONFIG = ServerConfig(api_key=API_KEY, max_pages=5)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@asynccontextmanager
async def in_process(app: FastAPI, *, wait_ready: bool = True) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan and talk to it through the ASGI transport."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=transport, base_url="http://tilt") as client:
            for _ in range(200):
                if not wait_ready or (await client.get("/health")).status_code == 200:
                    break
                await asyncio.sleep(0.01)
            yield client


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    app = load_mock_module().build_app(FakeEngine(model_id=MODEL), server_config=CONFIG)
    with serve_in_thread(app) as base:
        yield base


@pytest.fixture(params=["server", "mock"])
async def target(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    if request.param == "server":
        async with in_process(create_app(FakeEngine(model_id=MODEL), CONFIG)) as client:
            yield client
    else:
        async with httpx.AsyncClient(base_url=request.getfixturevalue("mock_url"), trust_env=False) as client:
            yield client


def _body(**overrides: Any) -> dict[str, Any]:
    body = build_chat_request(receipt_document(), model=MODEL)
    body.update(overrides)
    return body


def _doc(body: dict[str, Any]) -> dict[str, Any]:
    return body["messages"][0]["content"][0]["document"]


def _png_b64(size: tuple[int, int] = (10, 10)) -> str:
    buf = io.BytesIO()
    Image.new("L", size, 255).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


async def _chat(client: httpx.AsyncClient, body: Any, headers: dict[str, str] = AUTH) -> httpx.Response:
    if isinstance(body, (bytes, str)):
        return await client.post("/v1/chat/completions", content=body, headers=headers)
    return await client.post("/v1/chat/completions", json=body, headers=headers)


# ------------------------------------------------------------------------------------------ the contract


async def test_health_is_ready(target: httpx.AsyncClient) -> None:
    r = await target.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ready", "model": MODEL}


async def test_models_lists_the_model_and_needs_the_key(target: httpx.AsyncClient) -> None:
    r = await target.get("/v1/models")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_api_key" and r.json()["error"]["type"] == "authentication_error"
    r = await target.get("/v1/models", headers=AUTH)
    assert r.status_code == 200
    assert [m["id"] for m in r.json()["data"]] == [MODEL]


async def test_chat_completion_shape(target: httpx.AsyncClient) -> None:
    r = await _chat(target, _body())
    assert r.status_code == 200, r.text
    reply = r.json()
    assert reply["object"] == "chat.completion" and reply["model"] == MODEL and reply["id"].startswith("chatcmpl-")
    choice = reply["choices"][0]
    assert choice["finish_reason"] == "stop" and choice["message"]["role"] == "assistant"
    content = json.loads(choice["message"]["content"])
    assert set(content) == {"answers", "confidence"}
    assert content["answers"]["total"] == "9.00"
    assert (
        set(content["answers"])
        == set(content["confidence"])
        == {
            "merchant",
            "date",
            "currency",
            "subtotal",
            "tax_amount",
            "total",
        }
    )
    assert all(0.0 <= c <= 1.0 for c in content["confidence"].values())
    usage = reply["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


async def test_unauthenticated_chat_is_401(target: httpx.AsyncClient) -> None:
    r = await _chat(target, _body(), headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def _bad(mutate: Any) -> dict[str, Any]:
    body = copy.deepcopy(_body())
    mutate(body)
    return body


BAD_REQUESTS: dict[str, tuple[Any, str]] = {
    "not json": (b"{nope", "bad_json"),
    "no messages": ({"model": MODEL, "messages": []}, "bad_request"),
    "stream": (_body(stream=True), "stream_unsupported"),
    "zero pages": (_bad(lambda b: _doc(b).update(pages=[])), "bad_request"),
    "zero width": (_bad(lambda b: _doc(b)["pages"][0].update(width=0)), "bad_request"),
    "bbox of 3": (_bad(lambda b: _doc(b)["pages"][0]["words"][0].update(bbox=[1, 2, 3])), "bad_request"),
    "inverted bbox": (_bad(lambda b: _doc(b)["pages"][0]["words"][0].update(bbox=[9, 2, 3, 4])), "bad_request"),
    "no words": (_bad(lambda b: [w.update(text=" ") for w in _doc(b)["pages"][0]["words"]]), "no_words"),
    "dup fields": (
        _bad(lambda b: b["messages"][0]["content"][1]["fields"].append({"name": "total"})),
        "bad_request",
    ),
    "bad field name": (
        _bad(lambda b: b["messages"][0]["content"][1]["fields"].append({"name": "Total Amount"})),
        "bad_request",
    ),
    "no fields part": (_bad(lambda b: b["messages"][0]["content"].pop(1)), "bad_fields"),
    "unknown part": (_bad(lambda b: b["messages"][0]["content"].append({"type": "image_url"})), "bad_request"),
    "string content": (_bad(lambda b: b["messages"][0].update(content="hello")), "bad_request"),
    "bad base64": (_bad(lambda b: _doc(b)["pages"][0].update(image="!!!")), "bad_image"),
    "not a png": (_bad(lambda b: _doc(b)["pages"][0].update(image=base64.b64encode(b"GIF89a").decode())), "bad_image"),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
async def test_bad_requests_are_400_with_the_error_body(target: httpx.AsyncClient, case: str) -> None:
    body, code = BAD_REQUESTS[case]
    r = await _chat(target, body)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["type"] == "invalid_request_error" and r.json()["error"]["message"]


async def test_a_valid_png_is_accepted(target: httpx.AsyncClient) -> None:
    r = await _chat(target, _bad(lambda b: _doc(b)["pages"][0].update(image=_png_b64())))
    assert r.status_code == 200, r.text


async def test_too_many_pages_is_413(target: httpx.AsyncClient) -> None:
    body = _bad(lambda b: _doc(b).update(pages=_doc(b)["pages"] * 6))
    r = await _chat(target, body)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_pages"


async def test_other_model_is_404(target: httpx.AsyncClient) -> None:
    r = await _chat(target, _body(model="gpt-4o"))
    assert r.status_code == 404 and r.json()["error"]["code"] == "model_not_found"


async def test_unknown_route_uses_the_error_body(target: httpx.AsyncClient) -> None:
    r = await target.get("/v1/nothing", headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


async def test_tilt_backend_end_to_end(target: httpx.AsyncClient) -> None:
    target.base_url = target.base_url.join("/v1/")
    target.headers.update(AUTH)
    result = await TiltBackend(target, model=MODEL).extract(receipt_document())
    assert result.fields["total"] is not None and result.fields["total"].raw == "9.00"


# ------------------------------------------------------------------------------------------ server only


async def test_loading_engine_answers_503_with_retry_after() -> None:
    app = create_app(FakeEngine(start_delay_s=30), CONFIG)
    async with in_process(app, wait_ready=False) as client:
        r = await client.get("/health")
        assert r.status_code == 503 and r.json()["status"] == "loading" and r.headers["retry-after"]
        r = await _chat(client, _body())
        assert r.status_code == 503 and r.json()["error"]["code"] == "not_ready"


async def test_engine_that_failed_to_start_is_errored() -> None:
    async with in_process(create_app(FakeEngine(fail_start=True), CONFIG), wait_ready=False) as client:
        await asyncio.sleep(0.01)
        r = await client.get("/health")
        assert r.status_code == 503 and r.json()["status"] == "errored"


async def test_document_over_the_engine_budget_is_413_and_not_retried() -> None:
    app = create_app(FakeEngine(max_words=3), CONFIG)
    async with in_process(app) as client:
        r = await _chat(client, _body())
        assert r.status_code == 413 and r.json()["error"]["code"] == "context_length_exceeded"
        client.base_url = client.base_url.join("/v1/")
        client.headers.update(AUTH)
        backend = TiltBackend(client, model=MODEL, max_attempts=3)
        calls = RequestCounter().attach(client)
        with pytest.raises(TiltDocumentTooLong):
            await backend.extract(receipt_document())
        assert calls.count == 1


async def test_busy_server_answers_503_overloaded() -> None:
    cfg = ServerConfig(max_concurrent_requests=1, queue_timeout_s=0.05)
    async with in_process(create_app(FakeEngine(latency_s=0.5), cfg)) as client:
        first, second = await asyncio.gather(_chat(client, _body(), {}), _chat(client, _body(), {}))
        statuses = sorted([first.status_code, second.status_code])
        assert statuses == [200, 503]
        busy = first if first.status_code == 503 else second
        assert busy.json()["error"]["code"] == "overloaded" and busy.headers["retry-after"] == "1"


async def test_slow_engine_is_504_and_its_work_is_cancelled() -> None:
    engine = FakeEngine(latency_s=5)
    async with in_process(create_app(engine, ServerConfig(request_timeout_s=0.1))) as client:
        r = await _chat(client, _body(), {})
        assert r.status_code == 504 and r.json()["error"]["code"] == "engine_timeout"
    assert engine.cancelled == 1


async def test_oversized_body_is_413() -> None:
    async with in_process(create_app(FakeEngine(), ServerConfig(max_body_bytes=100))) as client:
        r = await _chat(client, _body(), {})
        assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large"


async def test_client_disconnect_cancels_engine_work() -> None:
    class GoneRequest:
        async def is_disconnected(self) -> bool:
            return True

    cancelled = asyncio.Event()

    async def work() -> None:
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with pytest.raises(ApiError) as info:
        await _run_watched(GoneRequest(), work(), timeout_s=5, poll_s=0.01)  # type: ignore[arg-type]
    assert info.value.code == "client_disconnected" and cancelled.is_set()


# ------------------------------------------------------------------------------------------ vLLM adapter


def _output(text: str, logprobs: list[float] | None, finish_reason: str = "stop") -> Any:
    steps = [{7: SimpleNamespace(logprob=lp)} for lp in logprobs] if logprobs is not None else None
    completion = SimpleNamespace(
        text=text, logprobs=steps, finish_reason=finish_reason, token_ids=[1] * len(steps or [])
    )
    return SimpleNamespace(outputs=[completion])


def test_confidence_is_exp_of_the_least_certain_token() -> None:
    answer = _to_answer(_output(" 9.00 ", [-0.1, -0.5, -0.01]), 100, "total")
    assert answer.text == "9.00" and answer.confidence == pytest.approx(math.exp(-0.5))
    assert answer.completion_tokens == 3 and answer.prompt_tokens == 100


def test_empty_answer_has_zero_confidence() -> None:
    assert _to_answer(_output("", [-0.01]), 1, "date").confidence == 0.0


def test_ignored_request_is_document_too_long() -> None:
    with pytest.raises(DocumentTooLong):
        _to_answer(_output("", [], finish_reason="length"), 1, "total")


def _stub_engine(token_limit: int) -> tuple[VllmTiltEngine, _Slot, list[Any]]:
    """The adapter with stand-ins for the fork's classes: a whitespace 'tokenizer' and a recording preprocessor."""
    engine = VllmTiltEngine(model="m")
    engine._token_limit = token_limit
    engine._tilt = SimpleNamespace(Page=SimpleNamespace, Document=SimpleNamespace, Question=SimpleNamespace)
    seen: list[Any] = []

    def encode(text: str, add_special_tokens: bool = False) -> Any:
        return SimpleNamespace(ids=text.split())

    counter = SimpleNamespace(
        encode=encode, encode_batch=lambda texts, add_special_tokens=False: [encode(t) for t in texts]
    )
    preprocessor = SimpleNamespace(
        preprocess=lambda doc, qs: seen.append((doc, qs)) or [f"prompt-{q.feature_name}" for q in qs]
    )
    return engine, _Slot(preprocessor=preprocessor, counter=counter), seen


def _tilt_doc(words: tuple[str, ...]) -> TiltDocument:
    boxes = tuple((0.0, 0.0, 1.0, 1.0) for _ in words)
    return TiltDocument(pages=(TiltPage(width=100, height=200, words=words, bboxes=boxes),))


def test_adapter_builds_tilt_objects_with_a_blank_page_image() -> None:
    engine, slot, seen = _stub_engine(token_limit=10)
    prompts, doc_tokens, q_tokens = engine._prepare(
        slot, _tilt_doc(("TOTAL", "9.00")), [FieldQuestion("total", "What total?")]
    )
    assert prompts == ["prompt-total"] and doc_tokens == 2 and q_tokens == [3]  # "What total?" + " : "
    doc, questions = seen[0]
    page = doc.pages[0]
    assert page.words == ["TOTAL", "9.00"] and page.image.size == (768, 1536) and page.image.mode == "L"
    assert questions[0].feature_name == "total" and questions[0].text == "What total?"


def test_adapter_refuses_instead_of_truncating() -> None:
    engine, slot, _ = _stub_engine(token_limit=3)
    with pytest.raises(DocumentTooLong):
        engine._prepare(slot, _tilt_doc(("a", "b", "c", "d")), [FieldQuestion("total", "q")])
    with pytest.raises(QuestionTooLong):
        engine._prepare(slot, _tilt_doc(("a",)), [FieldQuestion("total", "word " * 300)])
    with pytest.raises(BadDocument):
        engine._prepare(slot, _tilt_doc(()), [FieldQuestion("total", "q")])


async def test_adapter_is_not_ready_before_start() -> None:
    assert await VllmTiltEngine(model="m").ready() is False


# ------------------------------------------------------------------------------------------ the mock


def test_mock_faults_from_env() -> None:
    mock = load_mock_module()
    faults = mock.faults_from_env(
        {"MOCK_LATENCY_MS": "250", "MOCK_ERROR_RATE": "0.5", "MOCK_ERROR_STATUS": "502", "MOCK_MALFORMED": "1"}
    )
    assert faults == mock.FaultConfig(latency_ms=250, error_rate=0.5, error_status=502, malformed="partial")
    assert mock.faults_from_env({"MOCK_DROP": "true", "PATH": "/bin"}).drop is True


async def test_mock_env_faults_apply_and_headers_win() -> None:
    mock = load_mock_module()
    app = mock.build_app(FakeEngine(), faults=mock.FaultConfig(error_rate=1.0, error_status=503))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    inner: FastAPI = app._app  # type: ignore[attr-defined]
    async with inner.router.lifespan_context(inner), httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        await asyncio.sleep(0.01)
        assert (await c.get("/health")).status_code == 200  # faults never touch /health
        assert (await _chat(c, _body(), {})).status_code == 503
        r = await _chat(c, _body(), {"X-Mock-Error-Rate": "0"})
        assert r.status_code == 200, r.text


async def test_mock_with_the_local_kie_engine() -> None:
    mock = load_mock_module()
    app = mock.build_app(mock.LocalKieEngine(model_id=MODEL))
    inner: FastAPI = app._app  # type: ignore[attr-defined]
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with inner.router.lifespan_context(inner), httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        await asyncio.sleep(0.01)
        c.base_url = c.base_url.join("/v1/")
        result = await TiltBackend(c, model=MODEL).extract(receipt_document())
    assert result.backend == "tilt"
    assert result.fields["total"] is not None and "9.00" in result.fields["total"].raw
