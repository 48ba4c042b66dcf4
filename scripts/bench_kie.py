#!/usr/bin/env python
"""Local KIE + rules on large and adversarial synthetic documents (no OCR): does anything grow worse than linear?

    .venv/bin/python scripts/bench_kie.py            # 1000 / 2000 / 4000 spans
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.kie.base import FIELDS  # noqa: E402
from lib.kie.evidence import with_evidence  # noqa: E402
from lib.kie.local import LocalKie  # noqa: E402
from lib.ocr_document import OcrDocument, Page, Span  # noqa: E402
from lib.post.rules import normalize_fields  # noqa: E402

ROW_H = 30


def rows_doc(rows: list[tuple[str, ...]]) -> OcrDocument:
    spans = []
    for i, parts in enumerate(rows):
        y1, x = 20 + i * ROW_H * 1.5, 20.0
        for part in parts:
            width = 14.0 * len(part)
            spans.append(Span(bbox=(x, y1, x + width, y1 + ROW_H), text=part))
            x += width + 60
    return OcrDocument(pages=[Page(width=2000, height=int(40 + len(rows) * ROW_H * 1.5), spans=spans)])


def cases(n: int) -> dict[str, OcrDocument]:
    labels = ["TOTAL", "GST 6%", "CASH", "SUBTOTAL", "CHANGE", "ROUNDING"]
    return {
        "receipt rows (label + amount)": rows_doc(
            [("SHOP SDN BHD",)] + [(f"ITEM {i} NASI LEMAK", f"{i % 50 + 1}.{i % 100:02d}") for i in range(n // 2)]
            + [("TOTAL", "99.00")]),
        "one row of n amounts": OcrDocument(pages=[Page(width=n * 20, height=100, spans=[
            Span((i * 20.0, 10, i * 20.0 + 18, 40), f"{i % 90 + 1}.50") for i in range(n)])]),
        "money labels mixed": rows_doc([(labels[i % 6], f"{(i * 7) % 97 + 1}.{i % 100:02d}") for i in range(n // 2)]),
        "text lines, no money": rows_doc([(f"Lorem ipsum dolor sit amet {i}",) for i in range(n)]),
        "one span of 50·n chars": rows_doc([(" ".join(f"{i % 90}.25 12/03/2018" for i in range(3 * n)),)]),
    }


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 2000, 4000]
    results: dict[str, list[float]] = {}
    for n in sizes:
        for name, document in cases(n).items():
            start = time.perf_counter()
            kie = LocalKie().extract_sync(document)
            fields = {f: with_evidence(document, kie.fields.get(f)) for f in FIELDS}
            normalize_fields(fields, document_text=document.text, today=dt.date(2026, 1, 1))
            results.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    print("\nLocal KIE + evidence + rules, ms (synthetic documents, n spans)\n")
    print("| document | " + " | ".join(f"n={n}" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, times in results.items():
        print(f"| {name} | " + " | ".join(f"{t:.0f}" for t in times) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
