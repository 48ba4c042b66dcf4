"""The OCR Document: what every KIE backend reads.

Coordinates are page pixels with the origin at the top-left; ``bbox`` is ``[x1, y1, x2, y2]`` (axis-aligned).
For rendered PDF pages the pixel grid is the render DPI. The tree round-trips through plain dicts so OCR output
can be cached and sent over HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["BBox", "Span", "Page", "OcrDocument", "bbox_from_polygon", "split_words", "join_words"]

BBox = tuple[float, float, float, float]
PageSource = Literal["ocr", "text_layer"]

_WORD = re.compile(r"\S+")


def bbox_from_polygon(points: Iterable[Sequence[float]]) -> BBox:
    """Axis-aligned box around a polygon (PaddleOCR gives 4 points per line)."""
    xs, ys = zip(*((float(p[0]), float(p[1])) for p in points), strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True, slots=True)
class Span:
    """One recognized text line (or word), its box in page pixels and the recognizer's score (0..1)."""

    bbox: BBox
    text: str
    score: float = 1.0

    @property
    def x1(self) -> float:
        return self.bbox[0]

    @property
    def y1(self) -> float:
        return self.bbox[1]

    @property
    def x2(self) -> float:
        return self.bbox[2]

    @property
    def y2(self) -> float:
        return self.bbox[3]

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    def to_dict(self) -> dict[str, Any]:
        return {"bbox": [round(v, 1) for v in self.bbox], "text": self.text, "score": round(self.score, 4)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        x1, y1, x2, y2 = (float(v) for v in d["bbox"])
        return cls(bbox=(x1, y1, x2, y2), text=str(d["text"]), score=float(d.get("score", 1.0)))


def split_words(span: Span) -> list[Span]:
    """Split a line span into word spans; each word's box gets the share of the width its characters take.

    OCR engines give lines; TILT wants one box per word. Proportional-by-characters is what the TILT
    preprocessor itself does for subtokens, so it is consistent with how the model was trained.
    """
    text = span.text
    if not text.strip():
        return []
    n = len(text)
    width = span.x2 - span.x1
    words = []
    for m in _WORD.finditer(text):
        x1 = span.x1 + width * m.start() / n
        x2 = span.x1 + width * m.end() / n
        words.append(Span(bbox=(x1, span.y1, x2, span.y2), text=m.group(), score=span.score))
    return words


def join_words(words: list[Span]) -> list[Span]:
    """Word spans in reading order → line spans: the inverse of ``split_words``.

    Consecutive words on the same line (vertical overlap ≥ 50 %) with a gap of at most about two characters'
    width join with one space. Keeps numbers like "12 000,00" whole for consumers that read lines (the local KIE).
    """
    lines: list[Span] = []
    for word in words:
        if lines:
            last = lines[-1]
            overlap = min(last.y2, word.y2) - max(last.y1, word.y1)
            char_w = (last.x2 - last.x1) / max(1, len(last.text))
            gap = word.x1 - last.x2
            if overlap >= 0.5 * min(last.height, word.height) and -char_w <= gap <= 2.2 * char_w:
                lines[-1] = Span(bbox=(last.x1, min(last.y1, word.y1), word.x2, max(last.y2, word.y2)),
                                 text=f"{last.text} {word.text}", score=min(last.score, word.score))
                continue
        lines.append(word)
    return lines


@dataclass(slots=True)
class Page:
    width: int
    height: int
    spans: list[Span] = field(default_factory=list)
    source: PageSource = "ocr"
    # OCR pages: the recognizer that read the page, and "latin"/"cyrillic" when a script router decided
    recognizer: str | None = None
    script: str | None = None
    # Cyrillic OCR pages of tilted photos: the span boxes were turned level by this angle about the page centre
    # (so rows line up); 0.0 = the boxes are plain page pixels
    deskew_deg: float = 0.0
    # OCR pages photographed sideways or upside down: read after turning the image this many degrees
    # counter-clockwise (90, 180, 270); width, height and the span boxes are those of the turned image
    rotation: int = 0

    def words(self) -> list[Span]:
        return [w for s in self.spans for w in split_words(s)]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "width": self.width,
            "height": self.height,
            "source": self.source,
            "spans": [s.to_dict() for s in self.spans],
        }
        if self.recognizer is not None:
            out["recognizer"] = self.recognizer
        if self.script is not None:
            out["script"] = self.script
        if self.deskew_deg:
            out["deskew_deg"] = self.deskew_deg
        if self.rotation:
            out["rotation"] = self.rotation
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Page:
        return cls(
            width=int(d["width"]),
            height=int(d["height"]),
            spans=[Span.from_dict(s) for s in d.get("spans", [])],
            source=d.get("source", "ocr"),
            recognizer=d.get("recognizer"),
            script=d.get("script"),
            deskew_deg=float(d.get("deskew_deg", 0.0)),
            rotation=int(d.get("rotation", 0)),
        )


@dataclass(slots=True)
class OcrDocument:
    pages: list[Page] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(s.text for p in self.pages for s in p.spans)

    def to_dict(self) -> dict[str, Any]:
        return {"pages": [p.to_dict() for p in self.pages]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OcrDocument:
        return cls(pages=[Page.from_dict(p) for p in d.get("pages", [])])
