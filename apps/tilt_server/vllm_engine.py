"""The real engine: Snowflake's Arctic-TILT fork of vLLM 0.8.3 (``AsyncLLMEngine``, V0), kept thin.

Only the GPU image has the fork installed, so ``vllm`` is imported inside :meth:`VllmTiltEngine.start`; importing
this module on the CPU side is harmless. Facts this adapter relies on (``/work/shared/notes/tilt.md``, from
``Snowflake-Labs/arctic-tilt@v0.8.3``; not yet exercised on a GPU):

* engine args as in ``examples/tilt_example.py``; ``VLLM_ATTENTION_BACKEND=XFORMERS`` (the TILT runner rejects
  any other forced backend) must be set before vLLM is imported;
* ``TiltPreprocessor.preprocess(Document, [Question])`` returns one prompt per question, in order; it
  reconfigures its tokenizer per page, so each pool slot gets its own preprocessor *and* tokenizer copy and
  runs in a worker thread;
* the preprocessor silently truncates documents past ``max_seq_length``, so tokens are counted first (413);
* a request whose cross-attention does not fit the KV cache comes back ``FINISHED_IGNORED``: finished, empty
  text, ``finish_reason="length"``, no logprobs → 413;
* confidence = exp(min token logprob) (the reference ``_transform_output``);
* the fork's TILT scheduler lacks the ``seq_id_to_seq_group`` keyword that vLLM 0.8.3's ``abort_request`` passes,
  so every abort killed the engine loop: :func:`adapt_scheduler_aborts` fixes that at start (issue 15).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import os
from dataclasses import dataclass
from typing import Any

from apps.tilt_server.engine import (
    Answer,
    BadDocument,
    DocumentTooLong,
    EngineError,
    EngineNotReady,
    FieldQuestion,
    QuestionTooLong,
    TiltDocument,
    TooManyPages,
)

__all__ = ["Fork", "VllmTiltEngine", "adapt_scheduler_aborts", "import_fork"]

log = logging.getLogger(__name__)

# ``TiltConfig`` defaults (``vllm/transformers_utils/configs/tilt.py``); ``start`` reads the model's own values.
#: ``max_question_length``: ``len(tokens(question + prefix_separator))`` above it makes ``preprocess`` raise.
_DEFAULT_QUESTION_TOKENS = 256
#: ``prefix_separator``: appended to each question before it is tokenized.
_DEFAULT_PREFIX_SEPARATOR = " : "
#: ``image_limit``: pages past it get no image (and break the fork's batcher), so the server refuses them.
_DEFAULT_IMAGE_LIMIT = 250
#: White page when the client sent no image (as in the example): 768 px wide, the page's aspect ratio.
_BLANK_WIDTH_PX = 768


@dataclass(frozen=True, slots=True)
class Fork:
    """The parts of the fork the adapter uses: ``vllm`` (``AsyncEngineArgs``, ``AsyncLLMEngine``, ``SamplingParams``)
    and ``vllm.multimodal.tilt_processor``. :func:`import_fork` gives the real ones; tests pass CPU stand-ins."""

    vllm: Any
    tilt_processor: Any


def import_fork() -> Fork:
    """Set the environment the fork must see *before* its import, then import it (GPU image only).

    * ``VLLM_ATTENTION_BACKEND=XFORMERS``: the TILT runner rejects any other forced backend.
    * ``VLLM_USE_V1=0``: TILT runs on the V0 engine; an inherited ``VLLM_USE_V1=1`` would make ``vllm`` swap
      ``AsyncLLMEngine`` for the V1 class at import time.
    """
    for name, value in (("VLLM_ATTENTION_BACKEND", "XFORMERS"), ("VLLM_USE_V1", "0")):
        current = os.environ.get(name)
        if current not in (None, value):
            log.warning("%s=%s is not supported by TILT; using %s", name, current, value)
        os.environ[name] = value

    import vllm
    from vllm.multimodal import tilt_processor

    return Fork(vllm=vllm, tilt_processor=tilt_processor)


def adapt_scheduler_aborts(llm_engine: Any) -> int:
    """Make aborts safe with the fork's TILT scheduler; returns how many schedulers were adapted.

    vLLM 0.8.3's ``LLMEngine.abort_request`` calls ``scheduler.abort_seq_group(request_id,
    seq_id_to_seq_group=...)``, but the fork's ``vllm.tilt.scheduler.Scheduler.abort_seq_group(self, request_id)``
    has no such parameter. Each abort (a cancelled ``generate``, a request that fails to be added) then raised
    ``TypeError`` inside the engine loop, which died and left the engine ``errored`` for good. The mapping only
    resolves the sub-requests of n > 1 sampling; we always sample n = 1, so dropping it is exact.

    Decided per scheduler by signature, so a fork that accepts the keyword (or ``**kwargs``) is left alone, and a
    second call changes nothing.

    Args:
        llm_engine: the V0 ``LLMEngine`` (``AsyncLLMEngine.engine``); ``scheduler`` is its list of schedulers.
    """
    schedulers = llm_engine.scheduler
    if not isinstance(schedulers, (list, tuple)):
        schedulers = [schedulers]
    adapted = 0
    for scheduler in schedulers:
        abort = scheduler.abort_seq_group
        if _accepts_keyword(abort, "seq_id_to_seq_group"):
            continue
        scheduler.abort_seq_group = _without_seq_id_map(abort)
        adapted += 1
    return adapted


def _accepts_keyword(func: Any, name: str) -> bool:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # not introspectable: adapt (harmless with n = 1)
        return False
    return any(
        p.kind is inspect.Parameter.VAR_KEYWORD
        or (p.name == name and p.kind is not inspect.Parameter.POSITIONAL_ONLY)
        for p in params
    )


def _without_seq_id_map(abort: Any) -> Any:
    # Deliberately not functools.wraps: ``__wrapped__`` would make inspect.signature report the old signature.
    def abort_seq_group(request_id: Any, seq_id_to_seq_group: Any = None) -> None:
        abort(request_id)

    abort_seq_group.__doc__ = getattr(abort, "__doc__", None)
    return abort_seq_group


@dataclass(slots=True)
class _Slot:
    """One preprocessing worker's private objects (neither is thread-safe)."""

    preprocessor: Any
    counter: Any  # a ``tokenizers.Tokenizer`` copy without truncation, for counting tokens


class VllmTiltEngine:
    """:class:`~apps.tilt_server.engine.Engine` over the Arctic-TILT ``AsyncLLMEngine``.

    Args:
        model: HF id or local path of the weights.
        gpu_memory_utilization: share of GPU memory vLLM may take (weights + KV cache).
        max_model_len: token budget per document; ``None`` = the model config's ``max_seq_length`` (125k),
            which needs a large KV cache — lower it on 24 GB cards shared with other work.
        max_num_seqs: sequences (≈ questions) scheduled together.
        preprocess_workers: threads (and preprocessor copies) for CPU preprocessing.
        max_num_batched_encoder_tokens: TILT scheduler knob (``additional_config``); ``None`` = its default.
        download_dir: HF cache directory for the weights; ``None`` = ``HF_HOME``'s hub cache.
        fork: the fork's modules; ``None`` = :func:`import_fork` at start (tests pass stand-ins).

    After :meth:`start`, ``max_pages`` is the model config's ``image_limit``: the app caps its page limit there.
    """

    def __init__(
        self,
        *,
        model: str,
        gpu_memory_utilization: float = 0.8,
        max_model_len: int | None = None,
        max_num_seqs: int = 16,
        preprocess_workers: int = 2,
        max_num_batched_encoder_tokens: int | None = None,
        download_dir: str | None = None,
        fork: Fork | None = None,
    ) -> None:
        self.model_id = model
        self._gpu_util = gpu_memory_utilization
        self._max_model_len = max_model_len
        self._max_num_seqs = max_num_seqs
        self._workers = max(1, preprocess_workers)
        self._encoder_tokens = max_num_batched_encoder_tokens
        self._download_dir = download_dir
        self._fork = fork
        self._engine: Any = None
        self._slots: asyncio.Queue[_Slot] | None = None
        self._vllm: Any = None  # the imported fork modules, kept to build per-request objects
        self._tilt: Any = None
        self._token_limit = 0
        self._max_output = 512
        self._question_limit = _DEFAULT_QUESTION_TOKENS
        self._prefix_separator = _DEFAULT_PREFIX_SEPARATOR
        self.max_pages: int | None = None

    async def start(self) -> None:
        """Load the model (minutes) and build the preprocessor pool. Heavy construction runs in a thread."""
        fork = self._fork or import_fork()
        vllm, tilt_processor = fork.vllm, fork.tilt_processor

        additional: dict[str, Any] = {}
        if self._encoder_tokens is not None:
            additional["max_num_batched_encoder_tokens"] = self._encoder_tokens
        args = vllm.AsyncEngineArgs(
            model=self.model_id,
            task="tilt_generate",
            scheduler_cls="vllm.tilt.scheduler.Scheduler",
            dtype="bfloat16",
            enforce_eager=True,
            disable_async_output_proc=True,
            max_num_seqs=self._max_num_seqs,
            gpu_memory_utilization=self._gpu_util,
            max_model_len=self._max_model_len,
            disable_log_requests=True,
            download_dir=self._download_dir,
            **({"additional_config": additional} if additional else {}),
        )
        engine = await asyncio.to_thread(vllm.AsyncLLMEngine.from_engine_args, args)
        llm_engine = getattr(engine, "engine", None)  # V0: AsyncLLMEngine wraps an LLMEngine
        if llm_engine is None or not hasattr(llm_engine, "scheduler"):
            log.warning("no V0 LLMEngine scheduler found: aborts are not adapted and may stop the engine")
        elif adapted := adapt_scheduler_aborts(llm_engine):
            log.info("adapted abort_seq_group of %d TILT scheduler(s) to vLLM's abort call", adapted)
        engine.start_background_loop()

        model_config = await engine.get_model_config()
        hf_config = model_config.hf_config
        backend_tokenizer = (await engine.get_tokenizer()).backend_tokenizer
        slots: asyncio.Queue[_Slot] = asyncio.Queue()
        for _ in range(self._workers):
            own = _copy_tokenizer(backend_tokenizer)
            counter = _copy_tokenizer(backend_tokenizer)
            counter.no_truncation()
            counter.no_padding()
            preprocessor = tilt_processor.TiltPreprocessor.from_config(model_config=hf_config, tokenizer=own)
            slots.put_nowait(_Slot(preprocessor=preprocessor, counter=counter))

        seq_limit = int(getattr(hf_config, "max_seq_length", 125_000))
        self._token_limit = min(seq_limit, int(model_config.max_model_len or seq_limit))
        self._max_output = int(getattr(hf_config, "max_output_length", 512))
        question_limit = getattr(hf_config, "max_question_length", _DEFAULT_QUESTION_TOKENS)
        self._question_limit = int(question_limit or 0)  # 0/None: the fork checks nothing
        self._prefix_separator = str(getattr(hf_config, "prefix_separator", _DEFAULT_PREFIX_SEPARATOR))
        self.max_pages = int(getattr(hf_config, "image_limit", _DEFAULT_IMAGE_LIMIT))
        self._vllm, self._tilt = vllm, tilt_processor
        self._slots = slots
        self._engine = engine
        log.info(
            "TILT engine ready: model=%s token_limit=%d question_limit=%d page_limit=%d",
            self.model_id,
            self._token_limit,
            self._question_limit,
            self.max_pages,
        )

    async def ready(self) -> bool:
        return self._engine is not None and not self._engine.errored

    async def shutdown(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.shutdown_background_loop()

    async def answer(self, document: TiltDocument, questions: list[FieldQuestion], *, request_id: str) -> list[Answer]:
        """Preprocess in a worker thread, then one ``generate`` per question, concurrently; abort all if cancelled."""
        engine, slots = self._engine, self._slots
        if engine is None or slots is None or engine.errored:
            raise EngineNotReady("TILT engine is not running")
        slot = await slots.get()
        try:
            prompts, doc_tokens, question_tokens = await asyncio.to_thread(self._prepare, slot, document, questions)
        finally:
            slots.put_nowait(slot)

        params = self._vllm.SamplingParams(temperature=0, logprobs=0, max_tokens=self._max_output)
        ids = [f"{request_id}-{i}" for i in range(len(prompts))]
        tasks = [
            asyncio.ensure_future(self._generate(engine, p, params, rid)) for p, rid in zip(prompts, ids, strict=True)
        ]
        try:
            outputs = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:  # one question failed: gather leaves the others running
                task.cancel()
            for rid in ids:  # cancelled (client gone / timeout) or one question failed: stop the rest
                try:
                    await engine.abort(rid)
                except Exception:  # already finished or unknown: nothing left to stop
                    log.debug("abort %s failed", rid, exc_info=True)
            if engine.errored:
                raise EngineNotReady("TILT engine died while answering") from None
            raise
        return [
            _to_answer(out, doc_tokens + q_tokens, q.name)
            for out, q, q_tokens in zip(outputs, questions, question_tokens, strict=True)
        ]

    @staticmethod
    async def _generate(engine: Any, prompt: Any, params: Any, request_id: str) -> Any:
        """The request's final output: the one with ``finished`` set (as the fork's example keeps), never a
        partial one from a stream that ended early."""
        final = None
        try:
            async for output in engine.generate(prompt=prompt, sampling_params=params, request_id=request_id):
                if output.finished:
                    final = output
        except ValueError as exc:  # vLLM's validation error when adding the request (already aborted by vLLM)
            raise EngineError(f"the engine refused {request_id}: {exc}") from exc
        if final is None:
            if engine.errored:
                raise EngineNotReady("TILT engine died while answering")
            raise EngineError(f"generation {request_id} ended without a finished output")
        return final

    def _prepare(
        self, slot: _Slot, document: TiltDocument, questions: list[FieldQuestion]
    ) -> tuple[Any, int, list[int]]:
        """Worker thread: count tokens (refuse instead of truncating), build TILT objects, preprocess."""
        if self.max_pages is not None and len(document.pages) > self.max_pages:
            raise TooManyPages(f"document has {len(document.pages)} pages; the model takes at most {self.max_pages}")
        words = [w for page in document.pages for w in page.words]
        doc_tokens = sum(len(e.ids) for e in slot.counter.encode_batch(words, add_special_tokens=False))
        if doc_tokens == 0:
            raise BadDocument("the document has no tokens")
        if doc_tokens > self._token_limit:
            raise DocumentTooLong(f"document has {doc_tokens} tokens; this server fits {self._token_limit}")
        question_tokens = []
        for q in questions:  # counted as the fork does: question text + prefix separator
            n = len(slot.counter.encode(q.question + self._prefix_separator, add_special_tokens=False).ids)
            if self._question_limit and n > self._question_limit:
                raise QuestionTooLong(f"question for {q.name!r} has {n} tokens; max {self._question_limit}")
            question_tokens.append(n)

        tilt = self._tilt
        pages = [
            tilt.Page(
                words=list(p.words),
                bboxes=[tuple(b) for b in p.bboxes],
                width=p.width,
                height=p.height,
                image=p.image if p.image is not None else _blank_page(p.width, p.height),
            )
            for p in document.pages
        ]
        doc = tilt.Document(ident="request", pages=pages)
        qs = [tilt.Question(feature_name=q.name, text=q.question) for q in questions]
        try:
            prompts = slot.preprocessor.preprocess(doc, qs)
        except RuntimeError as exc:  # the only documented RuntimeError: a question over the token limit
            raise QuestionTooLong(str(exc)) from exc
        except ValueError as exc:
            raise BadDocument(str(exc)) from exc
        return prompts, doc_tokens, question_tokens


def _to_answer(output: Any, prompt_tokens: int, field: str) -> Answer:
    completion = output.outputs[0]
    text = (completion.text or "").strip()
    logprobs = completion.logprobs or []
    if not text and completion.finish_reason == "length" and not logprobs:
        raise DocumentTooLong(f"the document does not fit the KV cache (question {field!r} was ignored)")
    confidence = 0.0
    if text and logprobs:
        lowest = min(next(iter(step.values())).logprob for step in logprobs)
        confidence = math.exp(lowest) if math.isfinite(lowest) else 0.0
    return Answer(
        text=text,
        confidence=confidence,
        prompt_tokens=prompt_tokens,
        completion_tokens=len(completion.token_ids or ()),
    )


def _copy_tokenizer(tokenizer: Any) -> Any:
    """An independent ``tokenizers.Tokenizer`` (the preprocessor mutates its tokenizer's settings per page)."""
    return type(tokenizer).from_str(tokenizer.to_str())


def _blank_page(width: float, height: float) -> Any:
    from PIL import Image

    blank_height = max(1, round(_BLANK_WIDTH_PX * height / width))
    return Image.new("L", (_BLANK_WIDTH_PX, blank_height), 255)
