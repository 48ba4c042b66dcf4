"""What the HTTP layer needs from a model: the ``Engine`` protocol, its input/output types and its errors.

The app (``app.py``) validates and decodes requests into these types and maps :class:`EngineError` subclasses to
HTTP statuses; engines (``vllm_engine.py`` on the GPU, ``fake_engine.py`` in tests, the local-KIE engine of
``scripts/mock_vllm.py``) only answer questions. Nothing here imports vLLM or torch.

Errors::

    EngineError                 500 engine_error
    ├── EngineNotReady          503 not_ready        (loading, or the engine died)
    ├── DocumentTooLong         413 context_length_exceeded
    ├── QuestionTooLong         413 question_too_long
    ├── TooManyPages            413 too_many_pages   (more pages than the model attaches images to)
    └── BadDocument             400 bad_document     (the engine found something the schema could not)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "BBox",
    "TiltPage",
    "TiltDocument",
    "FieldQuestion",
    "Answer",
    "Engine",
    "EngineError",
    "EngineNotReady",
    "DocumentTooLong",
    "QuestionTooLong",
    "TooManyPages",
    "BadDocument",
]

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TiltPage:
    """One page as TILT takes it: parallel word/box lists in page px, plus the decoded grayscale image if sent."""

    width: float
    height: float
    words: tuple[str, ...]
    bboxes: tuple[BBox, ...]
    image: Image.Image | None = None


@dataclass(frozen=True, slots=True)
class TiltDocument:
    pages: tuple[TiltPage, ...]

    @property
    def word_count(self) -> int:
        return sum(len(p.words) for p in self.pages)


@dataclass(frozen=True, slots=True)
class FieldQuestion:
    """A field to extract: its answer key and the question put to the model."""

    name: str
    question: str


@dataclass(frozen=True, slots=True)
class Answer:
    """The model's answer to one question: stripped text ("" = no answer) and confidence in [0, 1]."""

    text: str
    confidence: float
    prompt_tokens: int = 0
    completion_tokens: int = 0


@runtime_checkable
class Engine(Protocol):
    """A question-answering engine over OCR documents.

    ``start`` may take minutes (model load); the app runs it in the background and reports 503 meanwhile.
    ``answer`` must be cancellation-safe: cancelling it (client gone, request timeout) must abort all work, and
    leave the engine ready for the next request.

    Optional: an engine may expose ``max_pages`` (``int | None``), known once ``start`` returned (the real engine
    reads the model config's ``image_limit``); the app then caps its own page limit there.
    """

    model_id: str

    async def start(self) -> None: ...

    async def ready(self) -> bool: ...

    async def answer(
        self, document: TiltDocument, questions: list[FieldQuestion], *, request_id: str
    ) -> list[Answer]: ...

    async def shutdown(self) -> None: ...


class EngineError(Exception):
    """Base class; the app maps each subclass to one HTTP status."""

    status = 500
    code = "engine_error"
    type = "server_error"


class EngineNotReady(EngineError):
    status = 503
    code = "not_ready"
    type = "service_unavailable"


class DocumentTooLong(EngineError):
    status = 413
    code = "context_length_exceeded"
    type = "invalid_request_error"


class QuestionTooLong(EngineError):
    status = 413
    code = "question_too_long"
    type = "invalid_request_error"


class TooManyPages(EngineError):
    status = 413
    code = "too_many_pages"
    type = "invalid_request_error"


class BadDocument(EngineError):
    status = 400
    code = "bad_document"
    type = "invalid_request_error"
