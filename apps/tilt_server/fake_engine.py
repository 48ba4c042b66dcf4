"""A deterministic stand-in for the TILT engine: answers our receipt fields from the words by simple rules.

Why: contract and resilience tests need a server that behaves like the real one (same validation, same errors,
same reply shape) without a GPU or a model. The rules are deliberately naive; accuracy is not the point.

* ``total`` / ``subtotal`` / ``tax_amount``: the last amount on a row whose first word is a matching label.
* ``date``: the first date-looking word. ``currency``: the first currency symbol or code.
* ``merchant``: the top row of the first page. Any other field: no answer.
"""

from __future__ import annotations

import asyncio
import re

from apps.tilt_server.engine import (
    Answer,
    DocumentTooLong,
    EngineNotReady,
    FieldQuestion,
    TiltDocument,
)

__all__ = ["FakeEngine"]

_AMOUNT = re.compile(r"^[^\d-]{0,3}-?\d{1,3}(?:[,.]?\d{3})*[.,]\d{2}$")
_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_CURRENCIES = ("RM", "USD", "EUR", "GBP", "SGD", "MYR", "$", "€", "£")
_LABELS = {
    "subtotal": ("SUBTOTAL", "SUB-TOTAL", "SUB"),
    "tax_amount": ("TAX", "GST", "VAT", "SST"),
    "total": ("TOTAL", "AMOUNT", "GRAND"),
}


class FakeEngine:
    """Rule-based :class:`~apps.tilt_server.engine.Engine` for tests and for smoke runs of the server.

    Args:
        model_id: id reported by ``/v1/models``.
        max_words: documents with more words get 413 ``context_length_exceeded`` (like a full KV cache).
        start_delay_s: simulated model-load time.
        latency_s: simulated inference time per request (cancellable, like the real engine).
        fail_start: make ``start`` raise (health then reports ``errored``).
        max_pages: the model's page limit reported after start (like ``image_limit``); ``None`` = none.
    """

    def __init__(
        self,
        *,
        model_id: str = "Snowflake/snowflake-arctic-tilt-v1.3",
        max_words: int = 50_000,
        start_delay_s: float = 0.0,
        latency_s: float = 0.0,
        fail_start: bool = False,
        max_pages: int | None = None,
    ) -> None:
        self.model_id = model_id
        self._max_words = max_words
        self._start_delay_s = start_delay_s
        self._latency_s = latency_s
        self._fail_start = fail_start
        self._max_pages = max_pages
        self.max_pages: int | None = None
        self._ready = False
        self.calls = 0
        self.cancelled = 0

    async def start(self) -> None:
        await asyncio.sleep(self._start_delay_s)
        if self._fail_start:
            raise RuntimeError("fake engine failed to start")
        self.max_pages = self._max_pages
        self._ready = True

    async def ready(self) -> bool:
        return self._ready

    async def shutdown(self) -> None:
        self._ready = False

    async def answer(self, document: TiltDocument, questions: list[FieldQuestion], *, request_id: str) -> list[Answer]:
        if not self._ready:
            raise EngineNotReady("fake engine is not started")
        self.calls += 1
        if document.word_count > self._max_words:
            raise DocumentTooLong(f"document has {document.word_count} words; this engine fits {self._max_words}")
        try:
            await asyncio.sleep(self._latency_s)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        rows = _rows(document)
        prompt_tokens = document.word_count
        out = []
        for q in questions:
            text = _answer(q.name, rows)
            out.append(
                Answer(
                    text=text or "",
                    confidence=0.9 if text else 0.0,
                    prompt_tokens=prompt_tokens + len(q.question.split()),
                    completion_tokens=len(text.split()) + 1 if text else 1,
                )
            )
        return out


def _rows(document: TiltDocument) -> list[list[str]]:
    """Words grouped into rows (vertical centres within half a word height), top to bottom, page by page."""
    rows: list[list[str]] = []
    for page in document.pages:
        items = sorted(zip(page.bboxes, page.words, strict=True), key=lambda it: ((it[0][1] + it[0][3]) / 2, it[0][0]))
        current: list[tuple[float, str]] = []
        centre = height = 0.0
        for box, word in items:
            cy, h = (box[1] + box[3]) / 2, max(1.0, box[3] - box[1])
            if current and abs(cy - centre) <= max(height, h) / 2:
                current.append((box[0], word))
            else:
                if current:
                    rows.append([w for _, w in sorted(current)])
                current, centre, height = [(box[0], word)], cy, h
        if current:
            rows.append([w for _, w in sorted(current)])
    return rows


def _answer(name: str, rows: list[list[str]]) -> str | None:
    if name == "merchant":
        return " ".join(rows[0]) if rows else None
    if name == "date":
        return next((w for row in rows for w in row if _DATE.match(w)), None)
    if name == "currency":
        for row in rows:
            for w in row:
                for cur in _CURRENCIES:
                    if w.upper() == cur or (len(cur) == 1 and w.startswith(cur)):
                        return cur
        return None
    labels = _LABELS.get(name)
    if labels is None:
        return None
    found = None
    for row in rows:
        head = row[0].upper().rstrip(":")
        if name == "total" and head.startswith("SUB"):
            continue
        if head in labels or (name != "total" and head.startswith(labels[0])):
            amounts = [w for w in row[1:] if _AMOUNT.match(w)]
            if amounts:
                found = amounts[-1]
                if name != "total":
                    break
    return found
