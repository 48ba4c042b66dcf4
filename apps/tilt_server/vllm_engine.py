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
* confidence = exp(min token logprob) (the reference ``_transform_output``).
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
from dataclasses import dataclass
from typing import Any

from apps.tilt_server.engine import (
    Answer,
    BadDocument,
    DocumentTooLong,
    EngineNotReady,
    FieldQuestion,
    QuestionTooLong,
    TiltDocument,
)

__all__ = ["VllmTiltEngine"]

log = logging.getLogger(__name__)

#: ``TiltConfig`` default; a longer question makes ``preprocess`` raise ``RuntimeError``.
QUESTION_TOKEN_LIMIT = 256
#: White page when the client sent no image (as in the example): 768 px wide, the page's aspect ratio.
_BLANK_WIDTH_PX = 768


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
        download_dir: HF cache directory for the weights.
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
    ) -> None:
        self.model_id = model
        self._gpu_util = gpu_memory_utilization
        self._max_model_len = max_model_len
        self._max_num_seqs = max_num_seqs
        self._workers = max(1, preprocess_workers)
        self._encoder_tokens = max_num_batched_encoder_tokens
        self._download_dir = download_dir
        self._engine: Any = None
        self._slots: asyncio.Queue[_Slot] | None = None
        self._vllm: Any = None  # the imported fork modules, kept to build per-request objects
        self._tilt: Any = None
        self._token_limit = 0
        self._max_output = 512

    async def start(self) -> None:
        """Load the model (minutes) and build the preprocessor pool. Heavy construction runs in a thread."""
        backend = os.environ.get("VLLM_ATTENTION_BACKEND")
        if backend not in (None, "XFORMERS"):
            log.warning("VLLM_ATTENTION_BACKEND=%s is not supported by TILT; using XFORMERS", backend)
        os.environ["VLLM_ATTENTION_BACKEND"] = "XFORMERS"

        import vllm
        from vllm.multimodal import tilt_processor

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
        self._vllm, self._tilt = vllm, tilt_processor
        self._slots = slots
        self._engine = engine
        log.info("TILT engine ready: model=%s token_limit=%d", self.model_id, self._token_limit)

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
        try:
            outputs = await asyncio.gather(
                *(self._generate(engine, p, params, rid) for p, rid in zip(prompts, ids, strict=True))
            )
        except BaseException:
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
        final = None
        async for output in engine.generate(prompt=prompt, sampling_params=params, request_id=request_id):
            final = output
        return final

    def _prepare(
        self, slot: _Slot, document: TiltDocument, questions: list[FieldQuestion]
    ) -> tuple[Any, int, list[int]]:
        """Worker thread: count tokens (refuse instead of truncating), build TILT objects, preprocess."""
        words = [w for page in document.pages for w in page.words]
        doc_tokens = sum(len(e.ids) for e in slot.counter.encode_batch(words, add_special_tokens=False))
        if doc_tokens == 0:
            raise BadDocument("the document has no tokens")
        if doc_tokens > self._token_limit:
            raise DocumentTooLong(f"document has {doc_tokens} tokens; this server fits {self._token_limit}")
        question_tokens = []
        for q in questions:
            n = len(slot.counter.encode(q.question, add_special_tokens=False).ids)
            if n > QUESTION_TOKEN_LIMIT:
                raise QuestionTooLong(f"question for {q.name!r} has {n} tokens; max {QUESTION_TOKEN_LIMIT}")
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
    from tokenizers import Tokenizer

    return Tokenizer.from_str(tokenizer.to_str())


def _blank_page(width: float, height: float) -> Any:
    from PIL import Image

    blank_height = max(1, round(_BLANK_WIDTH_PX * height / width))
    return Image.new("L", (_BLANK_WIDTH_PX, blank_height), 255)
