"""Pages photographed sideways or upside down: the quarter turn that makes them readable.

No orientation model (none can be fetched offline): the detector's boxes and the recognizer's own confidence decide.

* **Sideways** (90° or 270°): text lines run up the image: boxes at least twice as tall as wide outnumber the wide
  ones two to one. The tallest lines are read turned a quarter counter-clockwise and a quarter clockwise; the
  turn that reads clearly better is the page's. (PaddleX's own line crop cannot tell: which way it turns a tall box
  depends on the order of the box's corners, which flips with a slight tilt.)
* **Upside down** (180°): the boxes are level, but the recognizer is unsure of most lines (an upright page's median
  line score is ~0.98 on SROIE, an upside-down one's ~0.72). Only then are the largest lines read again turned
  half a turn, and the page is turned when they read clearly better.

Upright pages cost nothing extra (the boxes and scores are there already); a turned page is read again, turned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import mean, median

import numpy as np
from PIL import Image

__all__ = ["ORIENTATION_VERSION", "quarter_turns", "turned"]

ORIENTATION_VERSION = 1  # in the OCR cache key: bump when a change can turn other pages

ELONGATED = 2.0  # a text line: its long side at least this many times its short side (not a lone "1" or "A")
UPRIGHT_MEDIAN = 0.9  # median line score at or above which a level page is upright
MARGIN = 0.1  # how much better the other reading must score
SAMPLE = 8  # largest lines read both ways
MIN_LINES = 3

Reader = Callable[[Sequence[np.ndarray]], Sequence[tuple[str, float]]]


def _extent(polygon: np.ndarray) -> tuple[float, float]:
    points = np.asarray(polygon, dtype=np.float32)
    return float(np.ptp(points[:, 0])), float(np.ptp(points[:, 1]))


def _crop(bgr: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """The line's upright bounding rectangle, as printed (no turn, no perspective: the test turns it itself)."""
    points = np.asarray(polygon, dtype=np.float32)
    x1, y1 = np.floor(points.min(axis=0)).astype(int)
    x2, y2 = np.ceil(points.max(axis=0)).astype(int)
    return bgr[max(0, y1):max(0, y2), max(0, x1):max(0, x2)]


def quarter_turns(polygons: Sequence[np.ndarray], scores: Sequence[float], bgr: np.ndarray, read: Reader) -> int:
    """``np.rot90``'s ``k`` (counter-clockwise quarter turns) that makes the page upright; 0 for an upright page
    or when unsure.

    polygons / scores: the detected lines (4 points each, in ``bgr``'s pixels) and their recognition scores, in
    the same order; read(crops): the recognizer's (text, score) per crop (asked only when the page looks turned).
    """
    if len(polygons) < MIN_LINES:
        return 0
    extents = [_extent(p) for p in polygons]
    tall = [i for i, (w, h) in enumerate(extents) if h >= ELONGATED * w]
    wide = sum(1 for w, h in extents if w >= ELONGATED * h)
    sideways = len(tall) >= MIN_LINES and len(tall) >= 2 * wide  # text lines run up or down the image
    if not sideways and median(scores) >= UPRIGHT_MEDIAN:
        return 0
    candidates = tall if sideways else range(len(polygons))
    largest = sorted(candidates, key=lambda i: -extents[i][0] * extents[i][1])[:SAMPLE]
    crops = [c for c in (_crop(bgr, polygons[i]) for i in largest) if c.size]
    if len(crops) < MIN_LINES:
        return 0
    first, second = (1, 3) if sideways else (0, 2)  # the two readings compared: left or right side up; as is or not

    def score(k: int) -> float:
        return mean(s for _, s in read([np.ascontiguousarray(np.rot90(c, k)) for c in crops]))

    a, b = score(first), score(second)
    if sideways:
        return 0 if abs(a - b) < MARGIN else (first if a > b else second)
    return second if b >= a + MARGIN else 0


_TRANSPOSE = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def turned(image: Image.Image, degrees: int) -> Image.Image:
    """``image`` turned counter-clockwise by 0, 90, 180 or 270 degrees (exact: a transposition)."""
    return image.transpose(_TRANSPOSE[degrees]) if degrees else image
