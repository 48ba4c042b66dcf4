"""The document date: the issue/transaction date, scored by labels and position, not due or validity dates."""

from __future__ import annotations

import re

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _LabelledRow
from lib.kie.rows import Row
from lib.post.rules import find_dates

__all__ = ["choose_date"]


_TIME_AFTER = re.compile(r"\s*(?:[,|]\s*)?(?:TIME\s*:?\s*)?\d{1,2}:\d{2}", re.IGNORECASE)


def choose_date(items: list[_LabelledRow]) -> FieldCandidate | None:
    best: tuple[float, str, Row] | None = None
    n = max(1, len(items))
    for i, item in enumerate(items):
        text = item.row.text
        found = find_dates(text)
        loose = not found
        if loose:  # "2703/2018", "0502-18", "05~05-17": OCR broke a separator; trusted less
            found = find_dates(text, loose=True)
        if not found:
            continue
        _, start, end = found[0]
        score = 1.0 - 0.5 * i / n - (0.6 if loose else 0.0)
        if _TIME_AFTER.match(text, end):
            score += 0.5  # "14-03-18 21:49": the transaction's timestamp, not a stamp or a due date
        if item.label == "date" or re.search(r"DATE|TARIKH|ДАТА|DATUM|\bот\b", text, re.IGNORECASE):
            score += 1.0
        if re.search(r"DUE|EXPIR|VALID|BIRTH", text, re.IGNORECASE):
            score -= 0.8
        if best is None or score > best[0]:
            best = (score, text[start:end], item.row)
    if best is None:
        return None
    score, raw, row = best
    bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
    return FieldCandidate(raw=raw, confidence=min(0.95, 0.6 + 0.2 * score), bbox=bbox, page=row.page)
