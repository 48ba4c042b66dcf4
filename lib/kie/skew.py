"""A page's text-line slope, so that rows can be grouped on tilted scans and photos (``lib.kie.rows``).

Two estimates: the median slope between neighbouring spans on a line (cheap, good on scans tilted a little), and,
for pages of receipts and scans, the slope at which the most spans line up with a partner on their line (a photo
tilted further, labels far left and amounts far right).
"""

from __future__ import annotations

import bisect

import numpy as np

from lib.ocr_document import Span

__all__ = ["page_skew"]


_MIN_SKEW, _MAX_SKEW = 0.004, 0.07  # ~0.25° .. 4°: below, rows group fine; above, a photo, not a tilted scan


_ALIGN_MAX_SPANS = 250  # the alignment check compares every pair of spans: receipts and scans, not long PDFs


def page_skew(spans: list[Span]) -> float:
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
