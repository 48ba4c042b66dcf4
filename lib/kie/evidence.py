"""Where in the document a value was printed, for backends that answer with text only (TILT).

The answer's words are matched to a run of consecutive words (case-insensitive; punctuation around words is
ignored, but the separators inside numbers count: "9.00" is not "900"), and the run's boxes are united. No match,
or more than one place it could be (a total also printed on an item line) → no box: we never point at a guess.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lib.kie.base import FieldCandidate
from lib.ocr_document import BBox, OcrDocument

__all__ = ["locate", "with_evidence"]

_DROP = re.compile(r"[^\w.,]+")


def _key(text: str) -> str:
    return _DROP.sub("", text.casefold()).strip(".,")


def locate(document: OcrDocument, raw: str) -> tuple[BBox, int] | None:
    """The box (page pixels) and page index of the first place ``raw`` is printed, or None."""
    target = [k for k in (_key(t) for t in raw.split()) if k]
    if not target:
        return None
    n = len(target)
    found: list[tuple[BBox, int]] = []
    for page_index, page in enumerate(document.pages):
        words = page.words()
        keys = [_key(w.text) for w in words]
        for i in range(len(words) - n + 1):
            if keys[i] == target[0] and keys[i : i + n] == target:
                run = words[i : i + n]
                found.append(((min(w.x1 for w in run), min(w.y1 for w in run), max(w.x2 for w in run),
                               max(w.y2 for w in run)), page_index))
                if len(found) > 1:
                    return None
    return found[0] if found else None


def with_evidence(document: OcrDocument, candidate: FieldCandidate | None) -> FieldCandidate | None:
    if candidate is None or candidate.bbox is not None or not candidate.raw:
        return candidate
    found = locate(document, candidate.raw)
    if found is None:
        return candidate
    bbox, page = found
    return replace(candidate, bbox=bbox, page=page)
