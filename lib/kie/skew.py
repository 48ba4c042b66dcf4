"""A page's text-line slope, so that rows can be grouped on tilted scans and photos (``lib.kie.rows``).

Two estimates: the median slope between neighbouring spans on a line (cheap, good on scans tilted a little), and,
for pages of receipts and scans, the slope at which the most spans line up with a partner on their line (a photo
tilted further, labels far left and amounts far right).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from lib.ocr_document import Span

__all__ = ["LEVEL", "Skew", "page_skew"]


@dataclass(frozen=True, slots=True)
class Skew:
    """How a page's text lines run: ``slope`` (dy/dx) at the row ``middle``, changing by ``fan`` per pixel down the
    page (a photo taken at an angle: the lines fan out towards the nearer edge)."""

    slope: float = 0.0
    fan: float = 0.0
    middle: float = 0.0

    def at(self, y: float) -> float:
        """The slope of the line through height ``y``."""
        return self.slope + self.fan * (y - self.middle)


LEVEL = Skew()


_MIN_SKEW, _MAX_SKEW = 0.004, 0.07  # ~0.25° .. 4°: below, rows group fine; above, a photo, not a tilted scan


_ALIGN_MAX_SPANS = 250  # the alignment check compares every pair of spans: receipts and scans, not long PDFs


def page_skew(spans: list[Span], *, photo: bool = True) -> Skew:
    """How the page's text lines run (``LEVEL`` on a straight page): the neighbours' estimate, replaced on an OCR'd
    page (``photo``; a text layer is never tilted) by the slope (and fan) at which spans line up best when that
    lines up clearly more of them (``_skew_by_alignment``)."""
    if len(spans) < 8:
        return LEVEL
    pairwise = Skew(_skew_by_neighbours(spans, one_way=not photo))
    return pairwise if not photo or len(spans) > _ALIGN_MAX_SPANS else _skew_by_alignment(spans, pairwise)


_MAX_OTHER_WAY = 0.2  # a text layer: of the neighbour slopes, at most this share may climb against the median …
_LEVEL_PAIR, _MIN_LEVEL_SHARE = 0.001, 0.25  # … and fewer than this share may be level ("18 380,00 ‖ 55 140,00")


def _skew_by_neighbours(spans: list[Span], *, one_way: bool = False) -> float:
    """The median slope over each span and its nearest neighbour to the right on the same line (overlapping by half
    a height, at most ten heights away), 0 when small, unsure or too steep.

    ``one_way`` (a text layer, whose boxes are the glyphs' own: "21" sits lower than "545,19" with its comma): a
    tilted page's lines all climb the same way, so neighbours sloping the other way as steeply say the slopes are
    the glyph boxes' shapes, not a tilt ("3 ‖ 181,73 ‖ 21 ‖ 545,19": up, down, up); so do many level pairs of
    alike boxes (two amounts: on a tilted page no neighbours are level)."""
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
    if one_way and (sum(1 for v in slopes if v * median < 0 and abs(v) >= _MIN_SKEW) > _MAX_OTHER_WAY * len(slopes)
                    or sum(1 for v in slopes if abs(v) < _LEVEL_PAIR) >= _MIN_LEVEL_SHARE * len(slopes)):
        return 0.0
    return median if _MIN_SKEW <= abs(median) <= _MAX_SKEW and agree >= 0.5 else 0.0


_GRID_MAX, _COARSE, _FINE = 0.16, 0.01, 0.0025  # slopes tried by the alignment search: up to ~9° (a photo)
_FAN_MAX = 0.5  # the most the slope may change from the top row to the bottom one (a receipt seen at an angle)
_FAN_MAX_SPANS = 120  # up to this many spans, every slope is tried with every fan
_MIN_PAIRED = 0.4  # of the spans, lined up with a partner at the slope found (weighted by how level)


def _alignment_scores(spans: list[Span], slopes: np.ndarray, fans: np.ndarray, middle: float) -> np.ndarray:
    """For each (slope, fan), how well spans line up with a partner on the same printed line: for each span, its
    closest partner side by side with it (no horizontal overlap) whose centre, with the line's slope taken out, is
    within 0.35 of a line's height, counted 1 when exactly level and less the further off."""
    box = np.array([s.bbox for s in spans], dtype=np.float32)
    x1, y1, x2, y2 = box.T
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    heights, widths = y2 - y1, x2 - x1
    tolerance = max(1.0, 0.35 * float(np.median(heights)))
    beside = (x1[None, :] >= x2[:, None]) | (x1[:, None] >= x2[None, :])  # never a span with itself
    slope_at = slopes.astype(np.float32)[:, None] + fans.astype(np.float32)[:, None] * (cy[None, :] - middle)
    # A line tilted by slope s has an upright box at least |s| x its width tall: long flat boxes rule out steep
    # slopes (two straight columns with different line spacing line up "best" at some wrong slope).
    long = widths >= 3 * max(1.0, float(np.median(heights)))
    too_steep = (np.abs(slope_at[:, long]) > 1.3 * heights[long] / widths[long] + 0.01).mean(axis=1) > 0.2 \
        if long.any() else np.zeros(len(slopes), dtype=bool)
    scores = np.empty(len(slopes), dtype=np.float32)
    for lo in range(0, len(slopes), 8):  # 8 candidates at a time: ≤ 8 × 250² floats
        level = cy[None, :] - slope_at[lo:lo + 8] * cx[None, :]
        gaps = np.abs(level[:, :, None] - level[:, None, :])
        gaps[:, ~beside] = np.inf
        scores[lo:lo + 8] = np.clip(1.0 - gaps.min(axis=2) / tolerance, 0.0, None).sum(axis=1)
    scores[too_steep] = -1.0
    return np.nan_to_num(scores, nan=-1.0)


def _best(candidates: np.ndarray, scores: np.ndarray) -> tuple[float, float, float]:
    """The best-scored (slope, fan) — of equal scores the flattest — and its score."""
    top = np.flatnonzero(scores >= scores.max() - 1e-6)
    k = top[np.argmin(np.abs(candidates[top, 0]) + np.abs(candidates[top, 1]) * 1e3)]
    return float(candidates[k, 0]), float(candidates[k, 1]), float(scores[k])


def _skew_by_alignment(spans: list[Span], prior: Skew) -> Skew:
    """The slope (and fan) at which spans line up best with a partner, when clearly better than ``prior``: a
    receipt photographed at a tilt, its labels far left and its amounts far right, has too few close neighbours
    for the neighbours' estimate, or pairs a label with the amount of the next row. A wrong slope lines up a label
    with another row's amount only where their distance happens to fit, so the true slope stands out. Seen at an
    angle, the lines fan out: the slope then changes down the page, and a fan is searched around the best slope."""
    cys = [s.cy for s in spans]
    middle = (min(cys) + max(cys)) / 2
    fan_step = _FAN_MAX / max(1.0, max(cys) - min(cys)) / 5  # the slope's change per pixel, in fifths of the most
    at_prior = float(_alignment_scores(spans, np.array([prior.at(middle)]), np.array([prior.fan]), middle)[0])

    def search(slopes: np.ndarray, fans: np.ndarray) -> tuple[float, float, float]:
        grid = np.array([(a, b) for a in slopes for b in fans])
        return _best(grid, _alignment_scores(spans, grid[:, 0], grid[:, 1], middle))

    steps = round(_GRID_MAX / _COARSE)
    flat_slope, _, flat = search(np.arange(-steps, steps + 1) * _COARSE, np.zeros(1))
    fans = np.arange(-5, 6) * fan_step
    if len(spans) <= _FAN_MAX_SPANS:  # every other slope with every fan (a receipt: few spans)
        fanned = search(np.arange(-steps, steps + 1, 2) * _COARSE, fans)
    else:  # fans around the best single slope
        fanned = search(flat_slope + np.arange(-3, 4) * _COARSE, fans)
    # a fan only where it lines up clearly more than one slope for the whole page
    slope, fan = fanned[:2] if fanned[2] >= flat + 3.0 else (flat_slope, 0.0)
    slope, fan, best = search(slope + np.arange(-4, 5) * _FINE, fan + np.arange(-2, 3) * fan_step / 4 if fan else
                              np.zeros(1))
    # clearly better than the prior, and pairing a good share of the spans as a tilted receipt does (labels with
    # their amounts: 0.5-0.8 of its spans; two straight columns at some wrong slope pair fewer)
    if best < max(at_prior + 3.0, _MIN_PAIRED * len(spans)) or abs(slope) < _MIN_SKEW and not fan:
        return prior
    return Skew(slope, fan, middle)
