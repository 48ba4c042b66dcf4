"""Printed rows: OCR spans whose vertical extents overlap, left to right, page by page."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

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
    page's skew (``_skew``: 0 on straight pages and text layers, which then group exactly as before).
    A row keeps its spans sorted by left edge, so checking a newcomer against the row costs two neighbours
    (bisect), not the whole row: a 2,000-word line stays linear.
    """
    rows: list[Row] = []
    for page_index, page in enumerate(document.pages):
        page_rows: list[Row] = []
        lefts: list[list[float]] = []  # per row, the spans' x1 in order
        spans = [w for sp in page.spans for w in (split_words(sp) if len(sp.text) > _LONG_SPAN_CHARS else [sp])]
        slope = _skew(spans)
        level = {id(sp): (sp.y1 - slope * (sp.x1 + sp.x2) / 2, sp.y2 - slope * (sp.x1 + sp.x2) / 2)
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


_MIN_SKEW, _MAX_SKEW = 0.004, 0.07  # ~0.25° .. 4°: below, rows group fine; above, a photo, not a tilted scan


_ALIGN_MAX_SPANS = 250  # the alignment check compares every pair of spans: receipts and scans, not long PDFs


def _skew(spans: list[Span]) -> float:
    """The page's text-line slope (dy/dx), 0 on a straight page: the neighbours' estimate, replaced by the slope at
    which spans line up best when that lines up clearly more of them (``_skew_by_alignment``)."""
    if len(spans) < 8:
        return 0.0
    pairwise = _skew_by_neighbours(spans)
    return pairwise if len(spans) > _ALIGN_MAX_SPANS else _skew_by_alignment(spans, pairwise)


def _skew_by_neighbours(spans: list[Span]) -> float:
    """The median slope over each span and its nearest neighbour to the right on the same line (overlapping by half
    a height, at most ten heights away), 0 when small, unsure or too steep."""
    by_cy = sorted(spans, key=lambda s: s.cy)
    centres = [s.cy for s in by_cy]
    slopes: list[float] = []
    for a in by_cy:
        h = max(1.0, a.height)
        best: Span | None = None
        lo, hi = bisect.bisect_left(centres, a.cy - h), bisect.bisect_right(centres, a.cy + h)
        for b in by_cy[lo:hi][:200]:  # the spans of about the same line only
            if (b.x1 < a.x2 or b.x1 - a.x2 > 10 * h or not 0.7 < b.height / h < 1.4
                    or min(a.y2, b.y2) - max(a.y1, b.y1) < 0.5 * min(a.height, b.height)):
                continue
            if best is None or b.x1 < best.x1:
                best = b
        if best is not None:
            slopes.append((best.cy - a.cy) / max(1.0, (best.x1 + best.x2 - a.x1 - a.x2) / 2))
    if len(slopes) < 6:
        return 0.0
    slopes.sort()
    median = slopes[len(slopes) // 2]
    agree = sum(1 for v in slopes if abs(v - median) < 0.01) / len(slopes)
    return median if _MIN_SKEW <= abs(median) <= _MAX_SKEW and agree >= 0.5 else 0.0


_GRID_MAX, _COARSE, _FINE = 0.16, 0.01, 0.0025  # slopes tried by the alignment fallback: up to ~9° (a photo)


def _alignment_scores(spans: list[Span], slopes: np.ndarray) -> np.ndarray:
    """For each slope, how well spans line up with a partner on the same printed line: for each span, its closest
    partner side by side with it (no horizontal overlap) whose centre, with the slope taken out, is within 0.35 of
    a line's height, counted 1 when exactly level and less the further off."""
    box = np.array([s.bbox for s in spans], dtype=np.float32)
    x1, y1, x2, y2 = box.T
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    tolerance = 0.35 * float(np.median(y2 - y1))
    beside = (x1[None, :] >= x2[:, None]) | (x1[:, None] >= x2[None, :])  # never a span with itself
    scores = np.empty(len(slopes), dtype=np.float32)
    for lo in range(0, len(slopes), 8):  # 8 slopes at a time: ≤ 8 × 250² floats
        level = cy[None, :] - slopes[lo:lo + 8, None].astype(np.float32) * cx[None, :]
        gaps = np.abs(level[:, :, None] - level[:, None, :])
        gaps[:, ~beside] = np.inf
        scores[lo:lo + 8] = np.clip(1.0 - gaps.min(axis=2) / tolerance, 0.0, None).sum(axis=1)
    return scores


def _skew_by_alignment(spans: list[Span], prior: float) -> float:
    """The slope at which spans line up best with a partner, when clearly better than at ``prior``: a receipt
    photographed at a tilt, its labels far left and its amounts far right, has too few close neighbours for the
    neighbours' estimate, or pairs a label with the amount of the next row. A wrong slope lines up a label with
    another row's amount only where their distance happens to fit, so the true slope stands out."""
    steps = round(_GRID_MAX / _COARSE)
    coarse = np.concatenate(([prior], np.arange(-steps, steps + 1) * _COARSE))
    scores = _alignment_scores(spans, coarse)
    at_prior, grid = float(scores[0]), scores[1:]
    ties = np.flatnonzero(grid >= grid.max() - 1e-6)
    k = ties[np.argmin(np.abs(coarse[1:][ties]))]  # of equal scores, the least slope
    fine = coarse[1 + k] + np.arange(-4, 5) * _FINE  # ± one coarse step, finer
    fine_scores = _alignment_scores(spans, fine)
    best = float(fine_scores.max())
    top = fine[fine_scores >= best - 1e-6]
    slope = float(top[len(top) // 2])  # the middle of a plateau
    return slope if abs(slope) >= _MIN_SKEW and best >= at_prior + 3.0 else prior


def _collides(spans: list[Span], lefts: list[float], span: Span) -> bool:
    """Whether ``span`` overlaps its left or right neighbour in a row sorted by x1."""
    pos = bisect.bisect_right(lefts, span.x1)
    return any(_x_overlap(spans[i], span) for i in (pos - 1, pos) if 0 <= i < len(spans))


def _x_overlap(a: Span, b: Span) -> bool:
    return min(a.x2, b.x2) - max(a.x1, b.x1) > 0.5 * min(a.x2 - a.x1, b.x2 - b.x1)
