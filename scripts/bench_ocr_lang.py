#!/usr/bin/env python3
"""What OCR_LANG=auto (or ru) costs against the Latin-only path, measured as ratios within one run.

Usage::

    .venv/bin/python scripts/bench_ocr_lang.py ../shared/data/sroie-dev/img --limit 40
    .venv/bin/python scripts/bench_ocr_lang.py var/ru-eval --langs en,auto,ru --limit 20

Builds one single-engine pool per language and recognizes every page with each of them in turn (interleaved,
so machine noise hits all alike). Prints the median seconds per page, the ratio to the first language, how many
pages each pool read as Cyrillic, and for how many pages the text differs from the first language's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.ingest import validate_upload  # noqa: E402
from lib.ocr_engine import build_engine_pool  # noqa: E402
from lib.render import load_pages  # noqa: E402
from lib.settings import Settings  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--langs", default="en,auto")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    langs = args.langs.split(",")
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".pdf"))
    files = files[: args.limit]
    pools = {lang: build_engine_pool(Settings(ocr_concurrency=1, ocr_lang=lang), size=1) for lang in langs}
    for pool in pools.values():
        pool.warm_up()
    settings = Settings()
    seconds: dict[str, list[float]] = {lang: [] for lang in langs}
    cyrillic = dict.fromkeys(langs, 0)
    differs = dict.fromkeys(langs, 0)
    pages = 0
    for path in files:
        upload = validate_upload(path.read_bytes(), path.name, max_bytes=settings.max_upload_bytes,
                                 allowed_types=settings.allowed_types)
        for page_input in load_pages(upload, dpi=settings.pdf_dpi, max_pages=settings.max_pdf_pages,
                                     max_pixels=settings.max_image_pixels):
            if page_input.text_page is not None:
                continue
            pages += 1
            texts = {}
            for lang, pool in pools.items():
                start = time.perf_counter()
                page = pool.recognize(page_input.image)
                seconds[lang].append(time.perf_counter() - start)
                cyrillic[lang] += page.script == "cyrillic"
                texts[lang] = [s.text for s in page.spans]
            differs.update({lang: differs[lang] + (texts[lang] != texts[langs[0]]) for lang in langs})
    routers = {lang: pool.engines.queue[0].router for lang, pool in pools.items()}
    base = statistics.median(seconds[langs[0]])
    print(f"{pages} pages from {args.folder}")
    print("| OCR_LANG | median s/page | mean s/page | ratio (median) | ratio (sum) | pages read as Cyrillic | "
          f"pages whose text differs from {langs[0]} | pages sampled | lines read by the Cyrillic recognizer |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for lang in langs:
        med = statistics.median(seconds[lang])
        print(f"| {lang} | {med:.2f} | {statistics.mean(seconds[lang]):.2f} | {med / base:.2f} | "
              f"{sum(seconds[lang]) / sum(seconds[langs[0]]):.2f} | {cyrillic[lang]} | {differs[lang]} | "
              f"{routers[lang].pages_sampled if routers[lang] else 0} | "
              f"{routers[lang].lines_read if routers[lang] else 0} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
