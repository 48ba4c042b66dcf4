#!/usr/bin/env python
"""Accuracy of the extraction pipeline on a labelled folder, per field, end to end from the file.

    .venv/bin/python scripts/eval.py ../shared/data/sroie-dev          # SROIE layout: img/*.jpg + key/*.json
    .venv/bin/python scripts/eval.py samples                           # ours: <file> + <file>.expected.json

OCR output is cached on disk per (file hash, OCR settings) in .cache/ocr, so a second run re-does only KIE and
rules (seconds for the whole set). Mismatches go to a JSONL file with the OCR rows near the evidence.

Comparison (written once, used for every report):
- total: the label parsed as a number (``parse_amount``) equals ours within 0.005.
- date: both normalized to YYYY-MM-DD (the label through ``parse_date``) and equal.
- merchant: exact after normalization (upper case, punctuation and spaces removed), and, reported beside it,
  similar: rapidfuzz ``ratio`` ≥ 90 on the same normalized strings.
- currency/subtotal/tax_amount: equal, for our samples (SROIE has no labels for them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz  # noqa: E402

from lib.errors import OcrltyError  # noqa: E402
from lib.ingest import validate_upload  # noqa: E402
from lib.kie.local import LocalKie, group_rows  # noqa: E402
from lib.kie.router import KieRouter  # noqa: E402
from lib.ocr_cache import OcrDiskCache, ocr_fingerprint  # noqa: E402
from lib.ocr_document import OcrDocument  # noqa: E402
from lib.pipelines.extract import Extractor  # noqa: E402
from lib.post.rules import RULESET_VERSION, parse_amount, parse_date  # noqa: E402
from lib.render import load_pages  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

FIELDS_SROIE = ("total", "date", "merchant")
FIELDS_SAMPLES = ("merchant", "date", "currency", "subtotal", "tax_amount", "total")


@dataclass
class Item:
    name: str
    path: Path
    expected: dict


@dataclass
class Tally:
    n: dict[str, int] = field(default_factory=dict)
    ok: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        self.n[name] = self.n.get(name, 0) + 1
        self.ok[name] = self.ok.get(name, 0) + int(ok)


def load_items(folder: Path) -> tuple[list[Item], str]:
    if (folder / "img").is_dir() and (folder / "key").is_dir():
        items = []
        for img in sorted((folder / "img").glob("*.jpg")):
            key = folder / "key" / f"{img.stem}.json"
            if key.is_file():
                items.append(Item(img.stem, img, json.loads(key.read_text())))
        return items, "sroie"
    items = []
    for exp in sorted(folder.glob("*.expected.json")):
        expected = json.loads(exp.read_text())
        if "error_status" in expected:
            continue
        path = folder / exp.name.removesuffix(".expected.json")
        items.append(Item(path.name, path, expected))
    return items, "samples"


def norm_merchant(text: str | None) -> str:
    return re.sub(r"[^0-9A-ZА-Я]", "", (text or "").upper().replace("Ё", "Е"))


def compare(fmt: str, expected: dict, got: dict) -> dict[str, tuple[bool, object, object]]:
    """Per field: (ok, expected value, our value), by the rules in the module docstring."""
    out: dict[str, tuple[bool, object, object]] = {}
    if fmt == "sroie":
        exp_total = parse_amount(expected.get("total", "") or "")
        got_total = got.get("total")
        out["total"] = (exp_total is not None and got_total is not None and abs(exp_total - got_total) < 0.005,
                        expected.get("total"), got_total)
        exp_date = parse_date(expected.get("date", "") or "")
        exp_iso = exp_date.isoformat() if exp_date else None
        out["date"] = (exp_iso is not None and exp_iso == got.get("date"), exp_iso, got.get("date"))
        a, b = norm_merchant(expected.get("company")), norm_merchant(got.get("merchant"))
        out["merchant"] = (bool(a) and a == b, expected.get("company"), got.get("merchant"))
        out["merchant~90"] = (bool(a) and bool(b) and fuzz.ratio(a, b) >= 90, expected.get("company"),
                              got.get("merchant"))
        return out
    for name in FIELDS_SAMPLES:
        e, g = expected.get(name), got.get(name)
        if name == "merchant":
            ok = norm_merchant(e) == norm_merchant(g)
        elif isinstance(e, (int, float)) and isinstance(g, (int, float)):
            ok = abs(e - g) < 0.005
        else:
            ok = e == g
        out[name] = (ok, e, g)
    return out


def context_rows(document: OcrDocument, needles: list[str], limit: int = 12) -> list[str]:
    """OCR rows near where the expected values are printed (or the first rows when not found)."""
    rows = [r.text for r in group_rows(document)]
    hits = [i for i, text in enumerate(rows) for n in needles if n and n.upper() in text.upper()]
    if not hits:
        return rows[:limit]
    keep = sorted({j for i in hits for j in range(max(0, i - 2), min(len(rows), i + 3))})
    return [rows[j] for j in keep][: limit * 2]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all)")
    parser.add_argument("--mismatches", type=Path, default=PROJECT_ROOT / "var" / "eval-mismatches.jsonl")
    parser.add_argument("--cache-dir", type=Path, default=PROJECT_ROOT / ".cache" / "ocr")
    parser.add_argument("--quiet", action="store_true", help="no per-document progress lines")
    args = parser.parse_args()

    settings = Settings(ocr_concurrency=1)
    items, fmt = load_items(args.folder)
    if args.limit:
        items = items[: args.limit]
    if not items:
        print(f"no labelled documents in {args.folder}", file=sys.stderr)
        return 2

    pool = None
    det, rec = settings.ocr_det_model, settings.ocr_rec_model
    cache = OcrDiskCache(args.cache_dir, ocr_fingerprint(settings, det, rec))
    local_kie = LocalKie()
    extractor = Extractor(settings=settings, ocr=None, kie=KieRouter(mode="local", local=local_kie),  # type: ignore[arg-type]
                          ocr_model_version=f"{det}+{rec}")
    tally = Tally()
    args.mismatches.parent.mkdir(parents=True, exist_ok=True)
    ocr_s, kie_ms, misses, errors = [], [], 0, 0
    start_all = time.perf_counter()
    with args.mismatches.open("w", encoding="utf-8") as out:
        for i, item in enumerate(items, 1):
            t0 = time.perf_counter()
            data = item.path.read_bytes()
            try:
                upload = validate_upload(data, item.path.name, max_bytes=settings.max_upload_bytes,
                                         allowed_types=settings.allowed_types)
                document = cache.get(upload.sha256)
                cached = document is not None
                if document is None:
                    misses += 1
                    if pool is None:
                        from lib.ocr_engine import build_engine_pool

                        pool = build_engine_pool(settings, size=1)
                    pages = load_pages(upload, dpi=settings.pdf_dpi, max_pages=settings.max_pdf_pages,
                                       max_pixels=settings.max_image_pixels)
                    t_ocr = time.perf_counter()
                    document = OcrDocument(pages=[p.text_page or pool.recognize(p.image) for p in pages])
                    ocr_s.append(time.perf_counter() - t_ocr)
                    cache.put(upload.sha256, document)
                t_kie = time.perf_counter()
                outcome = await extractor.finish(document, {}, t_kie)
                kie_ms.append((time.perf_counter() - t_kie) * 1000)
                got = outcome.data
            except OcrltyError as exc:
                got, document, cached = {"error": exc.message}, OcrDocument(), False
            except Exception as exc:  # a bug on one document must not hide the numbers of the others
                got, document, cached = {"error": f"{type(exc).__name__}: {exc}"}, OcrDocument(), False
                errors += 1
                print(f"[{i:>3}/{len(items)}] {item.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            result = compare(fmt, item.expected, got)
            for name, (ok, _, _) in result.items():
                tally.add(name, ok)
            bad = {k: {"expected": e, "got": g} for k, (ok, e, g) in result.items() if not ok and "~" not in k}
            if bad:
                raw_labels = {"total": "total", "date": "date", "merchant": "company"} if fmt == "sroie" else {}
                needles = [str(item.expected.get(raw_labels.get(k, k)) or "") for k in bad]
                out.write(json.dumps({"doc": item.name, "fields": bad, "rows": context_rows(document, needles)},
                                     ensure_ascii=False) + "\n")
            if not args.quiet:
                marks = " ".join(f"{k}={'ok' if ok else 'XX'}" for k, (ok, _, _) in result.items())
                print(f"[{i:>3}/{len(items)}] {item.name:<28} {time.perf_counter() - t0:6.2f} s "
                      f"{'(ocr cached)' if cached else '(ocr run)':<13} {marks}", flush=True)

    elapsed = time.perf_counter() - start_all
    print()
    print(f"{fmt}: {args.folder} — {local_kie.model_version}, rules {RULESET_VERSION}, OCR {det}+{rec} "
          f"({settings.ocr_engine}), RULES_ENABLED={settings.rules_enabled}")
    print("| field | correct | n | accuracy |")
    print("|---|---:|---:|---:|")
    for name in tally.n:
        n, ok = tally.n[name], tally.ok[name]
        print(f"| {name} | {ok} | {n} | {100 * ok / n:.1f} % |")
    print()
    kie_ms.sort()
    print(f"documents: {len(items)}, OCR runs: {misses} (cache hits {len(items) - misses}), "
          f"errors: {errors}, wall {elapsed:.1f} s")
    if ocr_s:
        ocr_s.sort()
        print(f"OCR per document: median {ocr_s[len(ocr_s) // 2]:.2f} s")
    if kie_ms:
        print(f"KIE+rules per document: median {kie_ms[len(kie_ms) // 2]:.1f} ms, max {kie_ms[-1]:.1f} ms")
    print(f"mismatches: {args.mismatches}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
