"""Request schema of ``POST /v1/chat/completions`` and its conversion into engine types.

Validation is strict where the TILT engine would crash or silently misbehave (empty documents, inverted boxes,
duplicate fields) and lenient where OpenAI clients send extras (``temperature``, ``max_tokens``, … are ignored).
Every problem becomes an :class:`ApiError` (400 or 413) with a message that names the offending path.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from apps.tilt_server.engine import FieldQuestion, TiltDocument, TiltPage
from apps.tilt_server.errors import ApiError

__all__ = [
    "FIELD_NAME_PATTERN",
    "MAX_FIELDS",
    "MAX_QUESTION_CHARS",
    "ChatRequest",
    "ParsedRequest",
    "parse_chat_request",
    "decode_document",
]

FIELD_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
MAX_FIELDS = 32
MAX_QUESTION_CHARS = 1000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class WordIn(_Model):
    bbox: Annotated[list[float], Field(min_length=4, max_length=4)]
    text: str

    @field_validator("bbox")
    @classmethod
    def _ordered_finite(cls, v: list[float]) -> list[float]:
        if not all(math.isfinite(c) for c in v):
            raise ValueError("bbox values must be finite numbers")
        x1, y1, x2, y2 = v
        if x2 < x1 or y2 < y1:
            raise ValueError("bbox must be [x1, y1, x2, y2] with x1 <= x2 and y1 <= y2")
        return v


class PageIn(_Model):
    width: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    height: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    image: str | None = None
    words: list[WordIn] = Field(default_factory=list)


class DocumentIn(_Model):
    pages: Annotated[list[PageIn], Field(min_length=1)]


class DocumentPart(_Model):
    type: Literal["input_ocr_document"]
    document: DocumentIn


class FieldIn(_Model):
    name: Annotated[str, Field(pattern=FIELD_NAME_PATTERN)]
    question: Annotated[str | None, Field(min_length=1, max_length=MAX_QUESTION_CHARS)] = None


class FieldsPart(_Model):
    type: Literal["input_fields"]
    fields: Annotated[list[FieldIn], Field(min_length=1, max_length=MAX_FIELDS)]

    @field_validator("fields")
    @classmethod
    def _unique(cls, v: list[FieldIn]) -> list[FieldIn]:
        names = [f.name for f in v]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate field names: {dupes}")
        return v


class TextPart(_Model):
    type: Literal["text"]
    text: str


ContentPart = Annotated[DocumentPart | FieldsPart | TextPart, Field(discriminator="type")]


class MessageIn(_Model):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None


class ChatRequest(_Model):
    model: str | None = None
    messages: Annotated[list[MessageIn], Field(min_length=1)]
    stream: bool = False


@dataclass(frozen=True, slots=True)
class ParsedRequest:
    model: str | None
    document: DocumentIn
    questions: list[FieldQuestion]


def parse_chat_request(payload: Any, *, max_pages: int) -> ParsedRequest:
    """Validate a decoded JSON body; the last ``user`` message must hold one document part and one fields part.

    Raises:
        ApiError: 400 for anything malformed, 413 for more than ``max_pages`` pages.
    """
    try:
        request = ChatRequest.model_validate(payload)
    except ValidationError as exc:
        raise ApiError(400, "bad_request", _summarize(exc)) from None
    if request.stream:
        raise ApiError(400, "stream_unsupported", "stream=true is not supported; answers are returned whole")

    user = next((m for m in reversed(request.messages) if m.role == "user"), None)
    if user is None or not isinstance(user.content, list):
        raise ApiError(400, "bad_request", "the last user message must have a list of content parts")
    docs = [p for p in user.content if isinstance(p, DocumentPart)]
    fields = [p for p in user.content if isinstance(p, FieldsPart)]
    if len(docs) != 1:
        raise ApiError(400, "bad_document", f"expected exactly one input_ocr_document part, got {len(docs)}")
    if len(fields) != 1:
        raise ApiError(400, "bad_fields", f"expected exactly one input_fields part, got {len(fields)}")

    document = docs[0].document
    if len(document.pages) > max_pages:
        raise ApiError(413, "too_many_pages", f"{len(document.pages)} pages; this server accepts at most {max_pages}")
    if not any(w.text.strip() for p in document.pages for w in p.words):
        raise ApiError(400, "no_words", "the document has no non-empty words; there is nothing to read")
    questions = [FieldQuestion(f.name, (f.question or f.name).strip() or f.name) for f in fields[0].fields]
    return ParsedRequest(model=request.model, document=document, questions=questions)


def decode_document(document: DocumentIn, *, max_image_pixels: int) -> TiltDocument:
    """Decode page images (base64 PNG → grayscale PIL) and drop whitespace-only words. CPU-bound: run in a thread.

    Raises:
        ApiError: 400 for bad base64 / not a PNG / undecodable, 413 for an image over ``max_image_pixels``.
    """
    pages = []
    for index, page in enumerate(document.pages):
        kept = [(w.text.strip(), w.bbox) for w in page.words if w.text.strip()]
        image = None
        if page.image is not None:
            image = _decode_png(page.image, index, max_image_pixels)
        pages.append(
            TiltPage(
                width=page.width,
                height=page.height,
                words=tuple(t for t, _ in kept),
                bboxes=tuple((b[0], b[1], b[2], b[3]) for _, b in kept),
                image=image,
            )
        )
    return TiltDocument(pages=tuple(pages))


def _decode_png(data: str, index: int, max_image_pixels: int) -> Image.Image:
    where = f"document.pages[{index}].image"
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "bad_image", f"{where} is not valid base64") from None
    if not raw.startswith(_PNG_MAGIC):
        raise ApiError(400, "bad_image", f"{where} is not a PNG")
    try:
        img = Image.open(io.BytesIO(raw))
        if img.width * img.height > max_image_pixels:
            raise ApiError(413, "image_too_large", f"{where} has {img.width}x{img.height} px; max {max_image_pixels}")
        img.load()
    except ApiError:
        raise
    except Exception as exc:  # PIL raises many unrelated types for corrupt data
        raise ApiError(400, "bad_image", f"{where} is not a decodable PNG: {exc}") from None
    return img if img.mode == "L" else img.convert("L")


def _summarize(exc: ValidationError, limit: int = 3) -> str:
    """Readable paths: drop pydantic's union-branch labels (``str``, ``list[...]``) and, when a list of parts
    was sent, the complaint that it is not a string."""

    def clean(loc: tuple[Any, ...]) -> str:
        return ".".join(str(p) for p in loc if not (isinstance(p, str) and (p == "str" or "[" in p)))

    errors = exc.errors()
    specific = [e for e in errors if "str" not in e.get("loc", ())] or errors
    parts = [f"{clean(e.get('loc', ())) or 'body'}: {e.get('msg')}" for e in specific[:limit]]
    more = len(specific) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
