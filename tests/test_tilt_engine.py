"""The vLLM adapter (``apps/tilt_server/vllm_engine.py``) on CPU, around a stand-in of the Arctic-TILT fork.

The stand-in copies, in shape, what issue 15 found in the fork (``Snowflake-Labs/arctic-tilt@4aff3bb9``):

* ``vllm.tilt.scheduler.Scheduler.abort_seq_group(self, request_id)``: no ``seq_id_to_seq_group`` parameter;
* vLLM 0.8.3's ``LLMEngine.abort_request`` passes ``seq_id_to_seq_group=`` to every scheduler;
* the V0 ``AsyncLLMEngine`` applies aborts in its background loop (``generate`` aborts when cancelled, a request
  that fails to be added is aborted too); an exception there kills the loop and the engine stays ``errored``.

Only the model step is faked (two steps per question, the second ``finished``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from apps.tilt_server.app import ServerConfig, create_app
from apps.tilt_server.engine import EngineError, EngineNotReady, FieldQuestion, TiltDocument, TiltPage
from apps.tilt_server.vllm_engine import Fork, VllmTiltEngine, adapt_scheduler_aborts
from lib.pipelines.tilt_prep import build_chat_request
from tests.tilt_helpers import receipt_document

pytestmark = pytest.mark.anyio

MODEL = "Snowflake/snowflake-arctic-tilt-v1.3"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# ------------------------------------------------------------------------------------------ the fork stand-in


class ForkScheduler:
    """The fork's TILT scheduler: ``abort_seq_group(self, request_id)`` only."""

    def __init__(self) -> None:
        self.aborted: list[str] = []

    def abort_seq_group(self, request_id: str | Iterable[str]) -> None:
        self.aborted.extend([request_id] if isinstance(request_id, str) else request_id)


class FixedScheduler(ForkScheduler):
    """A fork that accepts the keyword (upstream's signature)."""

    def abort_seq_group(self, request_id: str | Iterable[str], seq_id_to_seq_group: Any = None) -> None:
        super().abort_seq_group(request_id)


class KwargsScheduler(ForkScheduler):
    def abort_seq_group(self, request_id: str | Iterable[str], **kwargs: Any) -> None:
        super().abort_seq_group(request_id)


class StandInLLMEngine:
    """vLLM 0.8.3's ``LLMEngine.abort_request``, in shape."""

    def __init__(self, scheduler: Any) -> None:
        self.scheduler = [scheduler]
        self.seq_id_to_seq_group: dict[str, Any] = {}

    def abort_request(self, request_id: str | Iterable[str]) -> None:
        for scheduler in self.scheduler:
            scheduler.abort_seq_group(request_id, seq_id_to_seq_group=self.seq_id_to_seq_group)


def _output(request_id: str, finished: bool) -> Any:
    steps = [{5: SimpleNamespace(logprob=-0.1)}, {6: SimpleNamespace(logprob=-0.2)}]
    completion = SimpleNamespace(
        text="9.00" if finished else "9.", logprobs=steps, finish_reason="stop" if finished else None, token_ids=[5, 6]
    )
    return SimpleNamespace(request_id=request_id, finished=finished, outputs=[completion])


class StandInAsyncEngine:
    """The V0 ``AsyncLLMEngine``'s abort path: aborts run in the background loop; an error there kills it."""

    def __init__(self, scheduler: Any, hf_config: Any, *, step_s: float = 0.0) -> None:
        self.engine = StandInLLMEngine(scheduler)
        self.hf_config = hf_config
        self.step_s = step_s
        self.errored = False
        self.args: Any = None
        self._aborts: asyncio.Queue[str] | None = None
        self._loop: asyncio.Task[None] | None = None

    def start_background_loop(self) -> None:
        self._aborts = asyncio.Queue()
        self._loop = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        assert self._aborts is not None
        while True:
            request_id = await self._aborts.get()
            try:
                self.engine.abort_request(request_id)
            except Exception:  # vLLM: the loop task dies, _error_callback marks the engine errored
                self.errored = True
                return
            finally:
                self._aborts.task_done()

    async def drained(self) -> None:
        """Wait until the loop has applied every queued abort (or died)."""
        assert self._aborts is not None
        async with asyncio.timeout(5):
            while self._aborts.qsize() and not self.errored:
                await asyncio.sleep(0.005)
            if not self.errored:
                await self._aborts.join()

    def shutdown_background_loop(self) -> None:
        if self._loop is not None:
            self._loop.cancel()

    async def abort(self, request_id: str) -> None:
        if self.errored:
            raise RuntimeError("AsyncEngineDeadError: background loop has errored already")
        assert self._aborts is not None
        self._aborts.put_nowait(request_id)

    async def get_model_config(self) -> Any:
        return SimpleNamespace(hf_config=self.hf_config, max_model_len=self.args.max_model_len)

    async def get_tokenizer(self) -> Any:
        return SimpleNamespace(backend_tokenizer=WordTokenizer())

    async def generate(self, prompt: Any, sampling_params: Any, request_id: str) -> AsyncIterator[Any]:
        if self.errored:
            raise RuntimeError("AsyncEngineDeadError: background loop has errored already")
        if "explode" in prompt.question:  # add_request raised ValueError: the loop aborts the request
            assert self._aborts is not None
            self._aborts.put_nowait(request_id)
            raise ValueError("the engine refused this request")
        try:
            for finished in (False, True):
                await asyncio.sleep(self.step_s)
                yield _output(request_id, finished)
        except asyncio.CancelledError:
            await self.abort(request_id)
            raise


class WordTokenizer:
    """A ``tokenizers.Tokenizer`` stand-in: one token per whitespace-separated piece."""

    def to_str(self) -> str:
        return "{}"

    @classmethod
    def from_str(cls, _: str) -> WordTokenizer:
        return cls()

    def no_truncation(self) -> None: ...

    def no_padding(self) -> None: ...

    def encode(self, text: str, add_special_tokens: bool = False) -> Any:
        return SimpleNamespace(ids=text.split())

    def encode_batch(self, texts: list[str], add_special_tokens: bool = False) -> list[Any]:
        return [self.encode(t) for t in texts]


@dataclass
class _Prompt:
    question: str


class StandInPreprocessor:
    @classmethod
    def from_config(cls, model_config: Any, tokenizer: Any) -> StandInPreprocessor:
        return cls()

    def preprocess(self, document: Any, questions: list[Any]) -> list[_Prompt]:
        return [_Prompt(q.text) for q in questions]


@dataclass
class ForkStandIn:
    engine: StandInAsyncEngine
    fork: Fork = field(init=False)

    def __post_init__(self) -> None:
        def from_engine_args(args: Any) -> StandInAsyncEngine:
            self.engine.args = args
            return self.engine

        vllm = SimpleNamespace(
            AsyncEngineArgs=SimpleNamespace,
            SamplingParams=SimpleNamespace,
            AsyncLLMEngine=SimpleNamespace(from_engine_args=from_engine_args),
        )
        tilt = SimpleNamespace(
            Page=SimpleNamespace,
            Document=SimpleNamespace,
            Question=SimpleNamespace,
            TiltPreprocessor=StandInPreprocessor,
        )
        self.fork = Fork(vllm=vllm, tilt_processor=tilt)


def _hf_config(**overrides: Any) -> Any:
    values = {"max_seq_length": 10_000, "max_output_length": 16, "max_question_length": 256, "image_limit": 250}
    return SimpleNamespace(**(values | overrides), prefix_separator=" : ")


def _stand_in(scheduler: Any = None, **hf: Any) -> tuple[VllmTiltEngine, StandInAsyncEngine]:
    fake = StandInAsyncEngine(scheduler or ForkScheduler(), _hf_config(**hf))
    return VllmTiltEngine(model=MODEL, fork=ForkStandIn(fake).fork, max_model_len=4096), fake


@asynccontextmanager
async def _serving(engine: VllmTiltEngine, config: ServerConfig) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(engine, config)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        async with asyncio.timeout(5):
            while (await c.get("/health")).status_code != 200:
                await asyncio.sleep(0.005)
        yield c


def _body(questions: dict[str, str] | None = None, pages: int = 1) -> dict[str, Any]:
    body = build_chat_request(receipt_document(), model=MODEL, **({"questions": questions} if questions else {}))
    doc = body["messages"][0]["content"][0]["document"]
    doc["pages"] = doc["pages"] * pages
    return body


# ------------------------------------------------------------------------------------------ abort adaptation


def test_the_stand_in_reproduces_the_forks_abort_bug() -> None:
    with pytest.raises(TypeError, match="seq_id_to_seq_group"):
        StandInLLMEngine(ForkScheduler()).abort_request("r-0")


def test_adaptation_makes_the_forks_scheduler_abort_and_is_idempotent() -> None:
    scheduler = ForkScheduler()
    llm_engine = StandInLLMEngine(scheduler)
    assert adapt_scheduler_aborts(llm_engine) == 1
    llm_engine.abort_request("r-0")
    llm_engine.abort_request(["r-1", "r-2"])
    assert scheduler.aborted == ["r-0", "r-1", "r-2"]
    assert adapt_scheduler_aborts(llm_engine) == 0


@pytest.mark.parametrize("scheduler_cls", [FixedScheduler, KwargsScheduler])
def test_a_fixed_fork_is_left_alone(scheduler_cls: type[ForkScheduler]) -> None:
    scheduler = scheduler_cls()
    llm_engine = StandInLLMEngine(scheduler)
    assert adapt_scheduler_aborts(llm_engine) == 0
    assert "abort_seq_group" not in vars(scheduler)  # still the class's own method
    llm_engine.abort_request("r-0")
    assert scheduler.aborted == ["r-0"]


# ------------------------------------------------------------------------------------------ through the server


async def test_start_reads_the_model_config_and_adapts_the_scheduler() -> None:
    engine, fake = _stand_in(image_limit=3, max_question_length=7)
    await engine.start()
    try:
        assert fake.args.task == "tilt_generate" and fake.args.max_model_len == 4096
        assert "abort_seq_group" in vars(fake.engine.scheduler[0])
        assert engine.max_pages == 3 and await engine.ready()
    finally:
        await engine.shutdown()


@pytest.mark.parametrize("failure", ["cancelled", "refused"])
async def test_a_failed_request_leaves_the_engine_ready_for_the_next(failure: str) -> None:
    engine, fake = _stand_in()
    async with _serving(engine, ServerConfig(request_timeout_s=0.2)) as client:
        if failure == "cancelled":  # the 25 s budget (here 0.2 s) runs out mid-generation: generate() is cancelled
            fake.step_s = 5
            body = _body()
            r = await client.post("/v1/chat/completions", json=body)
            assert r.status_code == 504, r.text
            fake.step_s = 0
        else:  # the engine refuses one question (ValueError while adding): the adapter aborts all of them
            body = _body({"total": "explode", "date": "date"})
            r = await client.post("/v1/chat/completions", json=body)
            assert r.status_code == 500 and r.json()["error"]["code"] == "engine_error", r.text
            assert "refused" in r.json()["error"]["message"]
        await fake.drained()
        fields = body["messages"][0]["content"][1]["fields"]
        assert len(set(fake.engine.scheduler[0].aborted)) == len(fields)  # every question reached the scheduler
        assert not fake.errored
        assert (await client.get("/health")).status_code == 200
        r = await client.post("/v1/chat/completions", json=_body())
        assert r.status_code == 200, r.text
        assert '"total": "9.00"' in r.json()["choices"][0]["message"]["content"]


async def test_question_length_counts_the_prefix_separator_against_the_model_limit() -> None:
    engine, _ = _stand_in(max_question_length=3)  # "What total?" + " : " = 3 word tokens
    async with _serving(engine, ServerConfig()) as client:
        r = await client.post("/v1/chat/completions", json=_body({"total": "What total?"}))
        assert r.status_code == 200, r.text
        assert r.json()["usage"]["prompt_tokens"] > 3
        r = await client.post("/v1/chat/completions", json=_body({"total": "What is total?"}))
        assert r.status_code == 413 and r.json()["error"]["code"] == "question_too_long"


async def test_page_limit_is_capped_at_the_models_image_limit() -> None:
    engine, _ = _stand_in(image_limit=2)
    async with _serving(engine, ServerConfig(max_pages=5)) as client:
        assert (await client.post("/v1/chat/completions", json=_body(pages=2))).status_code == 200
        r = await client.post("/v1/chat/completions", json=_body(pages=3))
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_pages"


# ------------------------------------------------------------------------------------------ the generate loop


class _Stream:
    def __init__(self, *finished: bool, errored: bool = False) -> None:
        self._finished = finished
        self.errored = errored

    async def generate(self, prompt: Any, sampling_params: Any, request_id: str) -> AsyncIterator[Any]:
        for done in self._finished:
            yield _output(request_id, done)


async def test_only_a_finished_output_is_complete() -> None:
    out = await VllmTiltEngine._generate(_Stream(False, False, True), None, None, "r")
    assert out.finished and out.outputs[0].text == "9.00"
    with pytest.raises(EngineError, match="without a finished output"):
        await VllmTiltEngine._generate(_Stream(False, False), None, None, "r")
    with pytest.raises(EngineNotReady):
        await VllmTiltEngine._generate(_Stream(False, errored=True), None, None, "r")


async def test_engine_refuses_pages_past_its_limit_itself() -> None:
    engine, _ = _stand_in(image_limit=1)
    await engine.start()
    try:
        page = TiltPage(width=10, height=10, words=("a",), bboxes=((0.0, 0.0, 1.0, 1.0),))
        with pytest.raises(EngineError) as info:
            await engine.answer(TiltDocument(pages=(page, page)), [FieldQuestion("total", "q")], request_id="r")
        assert info.value.code == "too_many_pages"
    finally:
        await engine.shutdown()
