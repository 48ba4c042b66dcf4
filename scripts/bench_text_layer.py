#!/usr/bin/env python
"""The PDF text layer, old vs new: time per page and what the spans look like.

    .venv/bin/python scripts/bench_text_layer.py                                  # samples/invoice_digital_*.pdf
    .venv/bin/python scripts/bench_text_layer.py ../shared/data/invoices-dev      # its digital PDFs (manifest kind)
    .venv/bin/python scripts/bench_text_layer.py FOLDER --dump /tmp/spans         # also write before/ and after/

"old" is how ``lib/render.py`` read text layers until text-layer version 2: pdfium's text rectangles, each one's
``get_text_bounded`` string a span. "new" is ``lib.text_layer`` (words rebuilt from character boxes). Both are
timed in the same process, interleaved, as CPU time (best of ``--reps``), because this machine is shared and wall
times swing by ±35 %. With ``--dump`` every page's spans go to ``DIR/before/<file>.txt`` and ``DIR/after/<file>.txt``
(one ``x1 y1 x2 y2 | text`` line per span) for a diff.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.ocr_document import Span  # noqa: E402
from lib.render import text_layer_page  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_LETTER_SPACED = re.compile(r"(?:^|\s)(?:\w\s){2,}\w(?:\s|$)")  # "I N V O I C E"


def old_text_layer(page: pdfium.PdfPage, dpi: int) -> list[Span]:
    """The text layer as read before version 2: one span per pdfium text rectangle."""
    scale = dpi / 72
    _width_pt, height_pt = page.get_size()
    textpage = page.get_textpage()
    try:
        textpage.get_text_range()
        spans = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            chunk = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
            if chunk:
                bbox = (left * scale, (height_pt - top) * scale, right * scale, (height_pt - bottom) * scale)
                spans.append(Span(bbox=bbox, text=chunk))
    finally:
        textpage.close()
    modes = [pdfium.raw.FPDFTextObj_GetTextRenderMode(obj.raw)
             for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_TEXT,), max_depth=2)]
    _ = bool(modes) and all(m == 3 for m in modes)  # the old invisible-text check looked at every text object
    return spans


def new_text_layer(page: pdfium.PdfPage, dpi: int) -> list[Span]:
    return text_layer_page(page, dpi=dpi)[0].spans


def pdf_files(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    manifest = target / "manifest.csv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8") as fh:
            return [target / row["file"] for row in csv.DictReader(fh) if row.get("kind") == "digital_pdf"]
    return sorted(target.glob("invoice_digital_*.pdf")) or sorted(target.glob("*.pdf"))


def best_cpu_ms(fn, page: pdfium.PdfPage, dpi: int, reps: int) -> float:
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        fn(page, dpi)
        best = min(best, time.process_time() - t0)
    return best * 1000


def write_spans(path: Path, pages: list[list[Span]]) -> None:
    lines = []
    for i, spans in enumerate(pages, 1):
        lines.append(f"=== page {i} ({len(spans)} spans)")
        lines += [f"{s.x1:7.1f} {s.y1:7.1f} {s.x2:7.1f} {s.y2:7.1f} | {s.text}" for s in spans]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", type=Path, default=[PROJECT_ROOT / "samples"])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--dump", type=Path, help="write each page's spans, old and new, under this folder")
    args = parser.parse_args()
    files = [f for t in args.targets for f in pdf_files(t)]
    if not files:
        print("no PDFs found", file=sys.stderr)
        return 2
    if args.dump:
        (args.dump / "before").mkdir(parents=True, exist_ok=True)
        (args.dump / "after").mkdir(parents=True, exist_ok=True)

    old_ms: list[float] = []
    new_ms: list[float] = []
    tally: Counter[str] = Counter()
    for path in files:
        pdf = pdfium.PdfDocument(path.read_bytes())
        before, after = [], []
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                old_ms.append(best_cpu_ms(old_text_layer, page, args.dpi, args.reps))
                new_ms.append(best_cpu_ms(new_text_layer, page, args.dpi, args.reps))
                before.append(old_text_layer(page, args.dpi))
                after.append(new_text_layer(page, args.dpi))
                page.close()
        finally:
            pdf.close()
        for key, pages in (("old", before), ("new", after)):
            spans = [s for p in pages for s in p]
            tally[f"{key} spans"] += len(spans)
            tally[f"{key} one-letter spans"] += sum(1 for s in spans if len(s.text) == 1 and s.text.isalnum())
            tally[f"{key} letter-spaced spans"] += sum(1 for s in spans if _LETTER_SPACED.search(s.text))
        tally["pages"] += len(before)
        if args.dump:
            write_spans(args.dump / "before" / f"{path.stem}.txt", before)
            write_spans(args.dump / "after" / f"{path.stem}.txt", after)

    print(f"{len(files)} PDFs, {tally['pages']} pages, {args.dpi} DPI, CPU ms per page (best of {args.reps})")
    print("| text layer | median ms/page | max ms/page | spans | one-letter spans | letter-spaced spans |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, ms in (("old (pdfium rectangles)", old_ms), ("new (character boxes)", new_ms)):
        k = key.split()[0]
        print(f"| {key} | {statistics.median(ms):.2f} | {max(ms):.1f} | {tally[f'{k} spans']} "
              f"| {tally[f'{k} one-letter spans']} | {tally[f'{k} letter-spaced spans']} |")
    print(f"new/old CPU time over all pages: {sum(new_ms) / sum(old_ms):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
