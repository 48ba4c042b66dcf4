#!/usr/bin/env python
"""Accuracy of the extraction pipeline on a labelled folder, per field, end to end from the file.

    .venv/bin/python scripts/eval.py ../shared/data/sroie-dev          # SROIE layout: img/*.jpg + key/*.json
    .venv/bin/python scripts/eval.py ../shared/data/invoices-dev       # docs/<id>.<ext> + labels/<id>.json
    .venv/bin/python scripts/eval.py samples                           # ours: <file> + <file>.expected.json
    .venv/bin/python scripts/eval.py var/inv-7001                      # scripts/make_invoice_eval.py's sets
    .venv/bin/python scripts/eval.py ../shared/data/sroie-dev ../shared/data/invoices-dev \
        --quiet                                                        # one table per set, then the union

A split file (``--split``, default ``configs/eval-splits/<folder name>.json`` when it exists) names the documents
tuned on and the ones held out; the table then shows the whole set, tuned-on and held-out side by side.

OCR output is cached on disk per (file hash, OCR settings) in .cache/ocr, so a second run re-does only KIE and
rules (seconds for the whole set). Mismatches go to a JSONL file with the OCR rows near the evidence.

Comparison (written once, used for every report):
- total: the label parsed as a number (``parse_amount``) equals ours within 0.005.
- date: both normalized to YYYY-MM-DD (the label through ``parse_date``) and equal.
- merchant: exact after normalization (upper case, punctuation and spaces removed), and, reported beside it,
  similar: rapidfuzz ``ratio`` ≥ 90 on the same normalized strings.
- currency/subtotal/tax_amount: equal, for our samples (SROIE has no labels for them).
- invoices-dev (all six fields, as its README suggests): amounts to the cent; date and currency exact; merchant
  ``merchant~sim``: ``merchant_key`` of both (upper case, Ё→Е, legal suffixes such as GmbH, Ltd., Inc., B.V.,
  LLC, S.A., ООО removed, then everything but letters and digits removed) with rapidfuzz ``ratio`` ≥ 90.
  subtotal and tax_amount are scored only where the label is not null; where it is null, ``subtotal=null`` /
  ``tax_amount=null`` rows count whether we also returned null (reported separately, not in the field's score).
- generated invoices (``<file>.expected.json`` with ``"conventions": "invoices-dev"``, as
  ``scripts/make_invoice_eval.py`` writes them): scored exactly like invoices-dev.
- union: total, date and merchant similarity (SROIE's ``merchant~90``, invoices' ``merchant~sim``) pooled.
- world receipts that label ``merchant_legal`` too (``scripts/make_world_receipts.py``, since stop 38):
  ``merchant~brand|legal`` counts an answer similar to the brand or to the legal entity the header prints under it
  (SROIE's convention), beside ``merchant~sim`` (the brand only).
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
from lib.ocr.openvino_rec import rec_runtime_of  # noqa: E402
from lib.ocr_cache import OcrDiskCache, ocr_fingerprint  # noqa: E402
from lib.ocr_document import OcrDocument  # noqa: E402
from lib.pipelines.extract import Extractor  # noqa: E402
from lib.post.cjk import KANA_KANJI_RANGE  # noqa: E402
from lib.post.rules import RULESET_VERSION, parse_amount, parse_date  # noqa: E402
from lib.render import load_pages  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

FIELDS_SROIE = ("total", "date", "merchant")
FIELDS_SAMPLES = ("merchant", "date", "currency", "subtotal", "tax_amount", "total")
UNION = {"total": "total", "date": "date", "merchant~90": "merchant~sim", "merchant~sim": "merchant~sim"}
SPLITS_DIR = PROJECT_ROOT / "configs" / "eval-splits"


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
    if (folder / "docs").is_dir() and (folder / "labels").is_dir():
        items = []
        for label in sorted((folder / "labels").glob("*.json")):
            docs = sorted((folder / "docs").glob(f"{label.stem}.*"))
            if docs:
                items.append(Item(label.stem, docs[0], json.loads(label.read_text())))
        return items, "invoices"
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
    if items and all(item.expected.get("conventions") == "invoices-dev" for item in items):
        return items, "invoices"  # generated invoices labelled like invoices-dev (scripts/make_invoice_eval.py)
    return items, "samples"


def norm_merchant(text: str | None) -> str:
    """Upper case, Ё→Е, only digits, A-Z, А-Я and Japanese kana and ideographs kept (accented Latin letters drop out
    on both sides, as they always have: the scores of earlier sets stay comparable)."""
    return re.sub(f"[^0-9A-ZА-Я{KANA_KANJI_RANGE}]", "", (text or "").upper().replace("Ё", "Е"))


_LEGAL = re.compile(
    r"\b(GMBH\s*&\s*CO\.?\s*KG|GMBH|AG|KG|LTD|LIMITED|INC|LLC|LLP|PLC|CORP|CORPORATION|CO|B\s*V|N\s*V|S\s*A|"
    r"S\s*L|S\s*R\s*L|S\s*P\s*A|SP\s*Z\s*O\s*O|SARL|SAS|PVT|PTE|SDN\s*BHD|BHD|ООО|ОАО|ЗАО|ПАО|АО|ИП|"
    r"ТОВ|ПРАТ|ПАТ|ФОП|ПП|АТ|ЕООД|ООД|ЕАД|ЕТ|АД|Д\s*О\s*О|ДОО|А\s*Д|ТОО|ЖШС|ТАА|ААТ|ПУП|ЧУП|УП|ІП)\b\.?",
    re.IGNORECASE,
)


_LEGAL_JA = re.compile(r"株式会社|有限会社|合同会社|[(（]株[)）]")  # (no word boundaries between ideographs)


def merchant_key(text: str | None) -> str:
    """A merchant for the similarity comparison: upper case, Ё→Е, legal suffixes and punctuation removed."""
    text = _LEGAL_JA.sub(" ", (text or "").upper().replace("Ё", "Е"))
    text = re.sub(r"[^\w&\s]", " ", text)
    return norm_merchant(_LEGAL.sub(" ", text)) or norm_merchant(text)


def _amount_ok(e: object, g: object) -> bool:
    return isinstance(e, (int, float)) and isinstance(g, (int, float)) and abs(e - g) < 0.005


def compare(fmt: str, expected: dict, got: dict) -> dict[str, tuple[bool, object, object]]:
    """Per field: (ok, expected value, our value), by the rules in the module docstring."""
    out: dict[str, tuple[bool, object, object]] = {}
    if fmt == "invoices":
        a, b = merchant_key(expected.get("merchant")), merchant_key(got.get("merchant"))
        out["merchant~sim"] = (bool(a) and bool(b) and fuzz.ratio(a, b) >= 90, expected.get("merchant"),
                               got.get("merchant"))
        if "merchant_legal" in expected:  # the world receipts: the brand, or the legal entity printed under it
            legal = merchant_key(expected["merchant_legal"])
            either = out["merchant~sim"][0] or bool(legal) and bool(b) and fuzz.ratio(legal, b) >= 90
            out["merchant~brand|legal"] = (either, expected.get("merchant"), got.get("merchant"))
        out["date"] = (expected.get("date") == got.get("date"), expected.get("date"), got.get("date"))
        out["currency"] = (expected.get("currency") == got.get("currency"), expected.get("currency"),
                           got.get("currency"))
        for name in ("subtotal", "tax_amount"):
            e, g = expected.get(name), got.get(name)
            if e is None:
                out[f"{name}=null"] = (g is None, e, g)
            else:
                out[name] = (_amount_ok(e, g), e, g)
        out["total"] = (_amount_ok(expected.get("total"), got.get("total")), expected.get("total"), got.get("total"))
        return out
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
    parser.add_argument("folders", type=Path, nargs="+", help="one or more labelled folders (see above)")
    parser.add_argument("--split", type=Path, default=None,
                        help="split file for a single folder (default: configs/eval-splits/<folder name>.json)")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all)")
    parser.add_argument("--mismatches", type=Path, default=PROJECT_ROOT / "var" / "eval-mismatches.jsonl")
    parser.add_argument("--cache-dir", type=Path, default=PROJECT_ROOT / ".cache" / "ocr")
    parser.add_argument("--quiet", action="store_true", help="no per-document progress lines")
    parser.add_argument("--cached-only", action="store_true",
                        help="skip documents whose OCR is not in the cache yet (digital PDFs always run); "
                             "the tables then say how many were skipped")
    args = parser.parse_args()

    settings = Settings(ocr_concurrency=1)
    runner = Runner(settings, args.cache_dir, cached_only=args.cached_only)
    args.mismatches.parent.mkdir(parents=True, exist_ok=True)
    union_all, union_held = Tally(), Tally()
    start_all = time.perf_counter()
    with args.mismatches.open("w", encoding="utf-8") as out:
        for folder in args.folders:
            items, fmt = load_items(folder)
            if args.limit:
                items = items[: args.limit]
            if not items:
                print(f"no labelled documents in {folder}", file=sys.stderr)
                return 2
            split_path = args.split or SPLITS_DIR / f"{folder.resolve().name}.json"
            split = json.loads(split_path.read_text()) if split_path.is_file() else None
            whole, tuned, held = Tally(), Tally(), Tally()
            skipped = 0
            for i, item in enumerate(items, 1):
                try:
                    result, line = await runner.run(fmt, item, out)
                except NotCached:
                    skipped += 1
                    continue
                side = None if split is None else ("held" if item.name in split.get("held_out", []) else "tuned")
                for name, (ok, _, _) in result.items():
                    whole.add(name, ok)
                    if side is not None:
                        (held if side == "held" else tuned).add(name, ok)
                    if name in UNION:
                        union_all.add(UNION[name], ok)
                        if side == "held":  # SROIE has no fixed split (it was tuned on in earlier issues)
                            union_held.add(UNION[name], ok)
                if not args.quiet:
                    print(f"[{i:>3}/{len(items)}] {item.name:<28} {line}", flush=True)
            print()
            print(f"{fmt}: {folder} — {runner.kie.model_version}, rules {RULESET_VERSION}, OCR "
                  f"{runner.det}+{runner.rec} ({settings.ocr_engine}, recognizer on {rec_runtime_of(settings)}), "
                  f"RULES_ENABLED={settings.rules_enabled}"
                  + (f", split {split_path.name}" if split else "")
                  + (f"; {skipped} of {len(items)} skipped (OCR not cached)" if skipped else ""))
            print_table(whole, tuned if split else None, held if split else None)
    if len(args.folders) > 1:
        print()
        print("union (total, date, merchant similarity pooled; 'held-out' = the held-out parts of sets with a "
              "split file only):")
        print_table(union_all, None, union_held)
    elapsed = time.perf_counter() - start_all
    print()
    kie_ms = sorted(runner.kie_ms)
    print(f"documents: {runner.count}, OCR runs: {runner.misses}, errors: {runner.errors}, wall {elapsed:.1f} s")
    if runner.ocr_s:
        ocr_s = sorted(runner.ocr_s)
        print(f"OCR per document: median {ocr_s[len(ocr_s) // 2]:.2f} s")
    if kie_ms:
        print(f"KIE+rules per document: median {kie_ms[len(kie_ms) // 2]:.1f} ms, "
              f"p95 {kie_ms[int(0.95 * (len(kie_ms) - 1))]:.1f} ms, max {kie_ms[-1]:.1f} ms")
    print(f"mismatches: {args.mismatches}")
    return 0


def print_table(whole: Tally, tuned: Tally | None, held: Tally | None) -> None:
    def cell(t: Tally | None, name: str) -> str:
        if t is None or not t.n.get(name):
            return "–"
        return f"{100 * t.ok[name] / t.n[name]:.1f} % ({t.ok[name]}/{t.n[name]})"

    head = ["field", "whole set"] + (["tuned-on"] if tuned is not None else []) + (["held-out"] if held else [])
    print("| " + " | ".join(head) + " |")
    print("|---|" + "---:|" * (len(head) - 1))
    for name in whole.n:
        cells = [name, cell(whole, name)] + ([cell(tuned, name)] if tuned is not None else []) \
            + ([cell(held, name)] if held else [])
        print("| " + " | ".join(cells) + " |")


class NotCached(Exception):
    """``--cached-only``: this document's OCR is not cached yet."""


class Runner:
    """OCR (cached) + KIE + rules for one labelled document; keeps the timing and miss counts."""

    def __init__(self, settings: Settings, cache_dir: Path, *, cached_only: bool = False) -> None:
        self.settings = settings
        self.cached_only = cached_only
        self.det, self.rec = settings.ocr_det_model, settings.ocr_rec_model
        self.cache = OcrDiskCache(cache_dir, ocr_fingerprint(settings, self.det, self.rec))
        self.kie = LocalKie()
        self.extractor = Extractor(settings=settings, ocr=None,  # type: ignore[arg-type]
                                   kie=KieRouter(mode="local", local=self.kie),
                                   ocr_model_version=f"{self.det}+{self.rec}")
        self.pool = None
        self.ocr_s: list[float] = []
        self.kie_ms: list[float] = []
        self.misses = self.errors = self.count = 0

    def _document(self, item: Item) -> tuple[OcrDocument, bool]:
        settings = self.settings
        data = item.path.read_bytes()
        upload = validate_upload(data, item.path.name, max_bytes=settings.max_upload_bytes,
                                 allowed_types=settings.allowed_types)
        document = self.cache.get(upload.sha256)
        is_pdf = data[:5] == b"%PDF-"
        if document is not None and not is_pdf:
            return document, True
        if document is None and self.cached_only and not is_pdf:
            raise NotCached(item.name)
        pages = load_pages(upload, dpi=settings.pdf_dpi, max_pages=settings.max_pdf_pages,
                           max_pixels=settings.max_image_pixels)
        if document is not None and len(document.pages) == len(pages):
            # Text-layer pages are rebuilt every time (cheap, and lib/render.py changes must show); OCR'd pages
            # come from the cache.
            fresh = [p.text_page or cached for p, cached in zip(pages, document.pages, strict=True)]
            return OcrDocument(pages=fresh), True
        if self.cached_only and not all(p.text_page for p in pages):
            raise NotCached(item.name)
        self.misses += 1
        if self.pool is None:
            from lib.ocr_engine import build_engine_pool

            self.pool = build_engine_pool(settings, size=1)
        t_ocr = time.perf_counter()
        document = OcrDocument(pages=[p.text_page or self.pool.recognize(p.image) for p in pages])
        self.ocr_s.append(time.perf_counter() - t_ocr)
        self.cache.put(upload.sha256, document)
        return document, False

    async def run(self, fmt: str, item: Item, out) -> tuple[dict[str, tuple[bool, object, object]], str]:
        t0 = time.perf_counter()
        try:
            document, cached = self._document(item)
            self.count += 1
            t_kie = time.perf_counter()
            outcome = await self.extractor.finish(document, {}, t_kie)
            self.kie_ms.append((time.perf_counter() - t_kie) * 1000)
            got = outcome.data
        except NotCached:
            raise
        except OcrltyError as exc:
            got, document, cached = {"error": exc.message}, OcrDocument(), False
        except Exception as exc:  # a bug on one document must not hide the numbers of the others
            got, document, cached = {"error": f"{type(exc).__name__}: {exc}"}, OcrDocument(), False
            self.errors += 1
            print(f"{item.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        result = compare(fmt, item.expected, got)
        bad = {k: {"expected": e, "got": g} for k, (ok, e, g) in result.items() if not ok and "~9" not in k}
        if bad:
            raw_labels = {"total": "total", "date": "date", "merchant": "company"} if fmt == "sroie" else {}
            needles = [str(item.expected.get(raw_labels.get(k, k.split("~")[0].split("=")[0])) or "") for k in bad]
            out.write(json.dumps({"doc": item.name, "fields": bad, "rows": context_rows(document, needles)},
                                 ensure_ascii=False) + "\n")
        marks = " ".join(f"{k}={'ok' if ok else 'XX'}" for k, (ok, _, _) in result.items())
        line = f"{time.perf_counter() - t0:6.2f} s {'(ocr cached)' if cached else '(ocr run)':<13} {marks}"
        return result, line


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
