"""Printed rows: OCR spans whose vertical extents overlap, left to right, page by page."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from lib.kie.skew import page_skew
from lib.ocr_document import OcrDocument, Span, split_words

__all__ = ["Row", "group_rows"]


@dataclass(slots=True)
class Row:
    page: int
    spans: list[Span]
    index: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spans)

    @property
    def y1(self) -> float:
        return min(s.y1 for s in self.spans)

    @property
    def y2(self) -> float:
        return max(s.y2 for s in self.spans)

    @property
    def height(self) -> float:
        heights = sorted(s.height for s in self.spans)
        return heights[len(heights) // 2]


_LONG_SPAN_CHARS = 300  # longer spans (a text-layer paragraph, never an OCR line) are read word by word


def group_rows(document: OcrDocument) -> list[Row]:
    """Spans → printed rows, top to bottom, page by page (a span joins a row it overlaps by ≥ 50 % height).

    On a tilted scan a line's spans climb or fall across the page, so the overlap is measured after taking out the
    page's skew (``page_skew``: 0 on straight pages and text layers, which then group exactly as before).
    A row keeps its spans sorted by left edge, so checking a newcomer against the row costs two neighbours
    (bisect), not the whole row: a 2,000-word line stays linear.
    """
    rows: list[Row] = []
    for page_index, page in enumerate(document.pages):
        page_rows: list[Row] = []
        lefts: list[list[float]] = []  # per row, the spans' x1 in order
        spans = [w for sp in page.spans for w in (split_words(sp) if len(sp.text) > _LONG_SPAN_CHARS else [sp])]
        skew = page_skew(spans, photo=page.source == "ocr")
        level = {id(sp): (sp.y1 - skew.at(sp.cy) * (sp.x1 + sp.x2) / 2, sp.y2 - skew.at(sp.cy) * (sp.x1 + sp.x2) / 2)
                 for sp in spans}  # the spans' vertical extents with the skew taken out
        for span in sorted(spans, key=lambda s: (sum(level[id(s)]) / 2, s.x1)):
            best, best_overlap = -1, 0.0
            sy1, sy2 = level[id(span)]
            for r in range(max(0, len(page_rows) - 4), len(page_rows)):
                row = page_rows[r]
                ry1, ry2 = level[id(row.spans[-1])]
                ref = row.spans[-1]
                overlap = min(ry2, sy2) - max(ry1, sy1)
                ratio = overlap / max(1.0, min(ref.height, span.height))
                if ratio > best_overlap and not _collides(row.spans, lefts[r], span):
                    best, best_overlap = r, ratio
            if best >= 0 and best_overlap >= 0.5:
                pos = bisect.bisect_right(lefts[best], span.x1)
                lefts[best].insert(pos, span.x1)
                page_rows[best].spans.insert(pos, span)
            else:
                page_rows.append(Row(page=page_index, spans=[span]))
                lefts.append([span.x1])
        rows.extend(page_rows)
    for i, row in enumerate(rows):
        row.index = i
    return rows


def _collides(spans: list[Span], lefts: list[float], span: Span) -> bool:
    """Whether ``span`` overlaps its left or right neighbour in a row sorted by x1."""
    pos = bisect.bisect_right(lefts, span.x1)
    return any(_x_overlap(spans[i], span) for i in (pos - 1, pos) if 0 <= i < len(spans))


def _x_overlap(a: Span, b: Span) -> bool:
    return min(a.x2, b.x2) - max(a.x1, b.x1) > 0.5 * min(a.x2 - a.x1, b.x2 - b.x1)
