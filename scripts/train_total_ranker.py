#!/usr/bin/env python
"""Train the local KIE's learned total re-ranker on sroie-dev + invoices-dev, with honest held-out estimates first.

    OCR_LANG=en .venv/bin/python scripts/train_total_ranker.py ../shared/data/sroie-dev \
        ../shared/data/invoices-dev --cache-dir /work/cache/ocr [--write]    # tables [+ the weights]

1. Documents are read exactly as ``scripts/eval.py --cached-only`` reads them (OCR from the disk cache, text-layer
   PDFs rebuilt); no OCR is run: a document missing from the cache is skipped and counted.
2. Candidates: ``document_total_candidates`` (every amount the rules score for the total, with the rules' score
   and facts: label kind, cash − change, subtotal + tax, sum of line items, tax rate, position, page, row height,
   repeats). A candidate is positive when its value equals the label within 0.005 (eval.py's comparison).
3. k-fold, folds fixed up front by document: SROIE ids sorted, permuted with seed 2019, split in 5; invoices-dev by
   template family (``FAMILIES`` below; a family's documents stay in one fold), families in a seeded order, each to
   the smallest fold so far. Fold k of the union = SROIE fold k + invoices fold k; on every fold the model is
   trained on the other four only. Three choosers are counted on the same held-out documents: the rules, the
   ranker (its best candidate), and the combination (the ranker overrides the rules only when its softmax
   probability beats the rules' choice by ``MARGIN``, fixed before the first run).
4. Fixed split: trained on all of SROIE + the 26 tuned-on invoices, scored on the 15 held-out ones
   (``configs/eval-splits/invoices-dev.json``).
5. ``--write``: the model trained on everything is written to ``lib/kie/total_ranker_weights.json``
   (deterministic: same bytes on a re-run).

Model: linear softmax over a document's candidates (listwise; several positives share the probability mass),
features standardized on the training part, L2 and step count fixed in advance, full-batch Adam from zero.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.kie import listwise  # noqa: E402
from lib.kie.local import document_total_candidates  # noqa: E402
from lib.kie.ranker import TOTAL_FEATURES, TOTAL_WEIGHTS_PATH, TotalRanker, total_features  # noqa: E402
from lib.post.rules import parse_amount  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

ATTRIBUTION = ("trained on SROIE 2019 (CC BY 4.0), ICDAR 2019 RRC-SROIE, Huang et al., arXiv:2103.10213, data from "
               "rrc.cvc.uab.es, task 13; and on invoices-dev (41 published sample invoices and receipts: "
               "Azure-Samples/document-intelligence-code-samples MIT, softmatic/vision-data, "
               "parsee-ai/parsee-datasets, ZUGFeRD/corpus, aws-samples/amazon-textract-textractor Apache-2.0, "
               "GoogleCloudPlatform/document-ai-samples Apache-2.0; per-file licences in its README/manifest.csv)")
VERSION = "total-ranker-1"
SEED = 2019
FOLDS = 5
L2 = 0.01
STEPS = 1500
LR = 0.05
MARGIN = 0.5  # the combination: override the rules only when p(ranker's best) − p(rules' choice) ≥ MARGIN
SPLIT = PROJECT_ROOT / "configs" / "eval-splits" / "invoices-dev.json"
# invoices-dev template families (README: one Stripe template for four parsee invoices; the FeRD taxi invoice has
# the old stylesheet); anything not listed is its own family.
FAMILIES = (
    (re.compile(r"^az_contoso_invoice_"), "contoso-invoice"),
    (re.compile(r"^az_contoso_receipt_"), "contoso-receipt"),
    (re.compile(r"^sm_([a-z]+)_"), r"sm-\1"),
    (re.compile(r"^parsee_(storyblok|naturalreaders|userpilot|squeaky)$"), "stripe"),
    (re.compile(r"^zf_ferd_(?!taxi$)"), "ferd"),
)


def family(name: str) -> str:
    for pattern, fam in FAMILIES:
        m = pattern.match(name)
        if m:
            return m.expand(fam)
    return name


@dataclass
class Doc:
    name: str
    kind: str  # "sroie" | "invoices"
    x: np.ndarray  # candidates × features
    pos: np.ndarray  # bool per candidate: value equals the label
    rules: int  # index of the rules' choice (-1: no candidate)


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_script", Path(__file__).with_name("eval.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_script"] = module
    spec.loader.exec_module(module)
    return module


def load_docs(folders: list[Path], cache_dir: Path) -> tuple[list[Doc], dict[str, int]]:
    ev = _eval_module()
    runner = ev.Runner(Settings(ocr_concurrency=1), cache_dir, cached_only=True)
    docs, skipped = [], {}
    for folder in folders:
        items, fmt = ev.load_items(folder)
        skipped[fmt] = 0
        for item in items:
            try:
                document, _ = runner._document(item)
            except ev.NotCached:
                skipped[fmt] += 1
                continue
            label = item.expected.get("total")
            label = parse_amount(label or "") if fmt == "sroie" else label
            cands, facts = document_total_candidates(document)
            scores = [c.score for c in cands]
            pos = np.array([label is not None and abs(c.amount.value - label) < 0.005 for c in cands], dtype=bool)
            rules = max(range(len(cands)), key=lambda i: (scores[i], -i)) if cands else -1
            docs.append(Doc(item.name, fmt, total_features(scores, facts), pos, rules))
    return docs, skipped


# -- the model (listwise softmax, deterministic)

def fit_listwise(xs: list[np.ndarray], positives: list[np.ndarray], *, l2: float = L2, steps: int = STEPS,
                 lr: float = LR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shared trainer (``lib/kie/listwise.py``) with this script's settings."""
    return listwise.fit_listwise(xs, positives, l2=l2, steps=steps, lr=lr)


RULE_COLUMNS = tuple(TOTAL_FEATURES.index(n) for n in ("rule_score", "rule_gap", "rule_best", "rule_rank"))


def _without_rules(x: np.ndarray) -> np.ndarray:
    x = x.copy()
    x[:, list(RULE_COLUMNS)] = 0.0  # a constant column: standardized to 0, its weight stays 0
    return x


def train(docs: list[Doc], margin: float = MARGIN, *, rules_score: bool = True) -> TotalRanker:
    """The model on ``docs``; ``rules_score=False``: the ablation that never sees the rules' score."""
    xs = [d.x if rules_score else _without_rules(d.x) for d in docs if len(d.pos)]
    mean, std, w = fit_listwise(xs, [d.pos for d in docs if len(d.pos)])
    return TotalRanker(version=VERSION, features=TOTAL_FEATURES, mean=tuple(float(v) for v in mean),
                       std=tuple(float(v) for v in std), weights=tuple(round(float(v), 6) for v in w),
                       override_margin=margin, attribution=ATTRIBUTION)


def choose(model: TotalRanker, d: Doc, margin: float) -> int:
    """The ranker's choice on a document (margin 0: its best; else the combination with the rules)."""
    if not len(d.pos):
        return -1
    s = ((d.x - np.asarray(model.mean)) / np.asarray(model.std)) @ np.asarray(model.weights)
    mine = max(range(len(s)), key=lambda i: (s[i], -i))
    if margin <= 0 or mine == d.rules:
        return mine
    p = np.exp(s - s.max())
    p /= p.sum()
    return mine if p[mine] - p[d.rules] >= margin else d.rules


def _bare(d: Doc) -> Doc:
    return Doc(d.name, d.kind, _without_rules(d.x), d.pos, d.rules)


def hit(d: Doc, i: int) -> bool:
    return i >= 0 and bool(d.pos[i])


# -- folds and reports

def folds_for(docs: list[Doc]) -> list[list[int]]:
    """Fold k = SROIE fold k (seeded permutation of the sorted ids) + invoices fold k (families, seeded order,
    each to the smallest fold so far)."""
    rng = np.random.default_rng(SEED)
    sroie = sorted((i for i, d in enumerate(docs) if d.kind == "sroie"), key=lambda i: docs[i].name)
    folds: list[list[int]] = [[] for _ in range(FOLDS)]
    if sroie:
        for k, part in enumerate(np.array_split(rng.permutation(len(sroie)), FOLDS)):
            folds[k].extend(sroie[int(j)] for j in part)
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        if d.kind != "sroie":
            groups.setdefault(family(d.name), []).append(i)
    keys = sorted(groups)
    inv_folds: list[list[int]] = [[] for _ in range(FOLDS)]
    for j in np.random.default_rng(SEED + 1).permutation(len(keys)):
        min(inv_folds, key=len).extend(groups[keys[int(j)]])
    return [sorted(a + b) for a, b in zip(folds, inv_folds, strict=True)]


def _cell(ok: int, n: int) -> str:
    return f"{100 * ok / n:.1f} % ({ok}/{n})" if n else "–"


def cross_validate(docs: list[Doc], folds: list[list[int]]) -> dict[str, np.ndarray]:
    """Per set: held-out hits of [rules, ranker, combination, facts only]; prints a per-fold table."""
    counts = {kind: np.zeros(4, dtype=int) for kind in sorted({d.kind for d in docs})}
    print("| fold | set | n | rules | ranker | combination | facts only (no rules' score) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for f, held in enumerate(folds):
        held_set = set(held)
        model = train([d for i, d in enumerate(docs) if i not in held_set])
        bare = train([d for i, d in enumerate(docs) if i not in held_set], rules_score=False)
        for kind in counts:
            part = [docs[i] for i in held if docs[i].kind == kind]
            c = np.array([sum(hit(d, d.rules) for d in part), sum(hit(d, choose(model, d, 0.0)) for d in part),
                          sum(hit(d, choose(model, d, MARGIN)) for d in part),
                          sum(hit(d, choose(bare, _bare(d), 0.0)) for d in part)])
            counts[kind] += c
            print(f"| {f + 1} | {kind} | {len(part)} | " + " | ".join(_cell(v, len(part)) for v in c) + " |")
    return counts


def flips(docs: list[Doc], folds: list[list[int]], margin: float) -> list[str]:
    out = []
    for held in folds:
        held_set = set(held)
        model = train([d for i, d in enumerate(docs) if i not in held_set])
        for i in held:
            d = docs[i]
            r = choose(model, d, margin)
            if r != d.rules and hit(d, r) != hit(d, d.rules):
                what = "rules wrong -> ranker right" if hit(d, r) else "rules right -> ranker wrong"
                out.append(f"{d.name} ({d.kind}): {what}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+", help="sroie-dev and/or invoices-dev")
    parser.add_argument("--cache-dir", type=Path, default=PROJECT_ROOT / ".cache" / "ocr")
    parser.add_argument("--out", type=Path, default=TOTAL_WEIGHTS_PATH)
    parser.add_argument("--write", action="store_true", help="also train on everything and write the weights")
    args = parser.parse_args()

    t0 = time.perf_counter()
    docs, skipped = load_docs(args.folders, args.cache_dir)
    if not docs:
        print("no labelled documents", file=sys.stderr)
        return 2
    kinds = sorted({d.kind for d in docs})
    sizes = ", ".join(f"{k}: {sum(d.kind == k for d in docs)}, {skipped[k]} not cached" for k in kinds)
    print(f"{len(docs)} documents ({sizes}), "
          f"{sum(len(d.pos) for d in docs)} total candidates, {len(TOTAL_FEATURES)} features; "
          f"{FOLDS} folds, seed {SEED}, L2 {L2}, {STEPS} steps, margin {MARGIN}")
    print()
    print("Ceiling (some candidate equals the label) and the rules, whole set:")
    print()
    print("| set | n | ceiling | rules |")
    print("|---|---:|---:|---:|")
    for kind in kinds:
        part = [d for d in docs if d.kind == kind]
        print(f"| {kind} | {len(part)} | {_cell(sum(d.pos.any() for d in part), len(part))} | "
              f"{_cell(sum(hit(d, d.rules) for d in part), len(part))} |")
    print()
    folds = folds_for(docs)
    print(f"{FOLDS}-fold cross-validation on the union (SROIE by receipt, invoices by template family):")
    print()
    counts = cross_validate(docs, folds)
    print()
    print("| set | n | rules | ranker (held-out) | combination (held-out) | facts only (held-out) |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in kinds:
        n = sum(d.kind == kind for d in docs)
        print(f"| {kind} | {n} | " + " | ".join(_cell(int(v), n) for v in counts[kind]) + " |")
    print()
    for label, margin in (("ranker", 0.0), ("combination", MARGIN)):
        changed = flips(docs, folds, margin)
        print(f"held-out answers changed by the {label}: {len(changed)}")
        for line in changed:
            print(f"  {line}")
    print()

    if SPLIT.is_file():
        split = json.loads(SPLIT.read_text())
        held_names = set(split.get("held_out", []))
        train_docs = [d for d in docs if d.kind == "sroie" or d.name not in held_names]
        held_docs = [d for d in docs if d.kind == "invoices" and d.name in held_names]
        if held_docs:
            model = train(train_docs)
            bare = train(train_docs, rules_score=False)
            c = [sum(hit(d, d.rules) for d in held_docs), sum(hit(d, choose(model, d, 0.0)) for d in held_docs),
                 sum(hit(d, choose(model, d, MARGIN)) for d in held_docs),
                 sum(hit(d, choose(bare, _bare(d), 0.0)) for d in held_docs)]
            print(f"Fixed split: trained on {len(train_docs)} (SROIE + invoices tuned-on), scored on the "
                  f"{len(held_docs)} held-out invoices:")
            print()
            print("| n | rules | ranker | combination | facts only |")
            print("|---:|---:|---:|---:|---:|")
            print(f"| {len(held_docs)} | " + " | ".join(_cell(v, len(held_docs)) for v in c) + " |")
            print()

    model, bare = train(docs), train(docs, rules_score=False)
    print("Whole set, trained on everything (NOT held-out: each document was seen in training):")
    print()
    print("| set | n | rules | ranker | combination | facts only |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in kinds:
        part = [d for d in docs if d.kind == kind]
        c = [sum(hit(d, d.rules) for d in part), sum(hit(d, choose(model, d, 0.0)) for d in part),
             sum(hit(d, choose(model, d, MARGIN)) for d in part),
             sum(hit(d, choose(bare, _bare(d), 0.0)) for d in part)]
        print(f"| {kind} | {len(part)} | " + " | ".join(_cell(v, len(part)) for v in c) + " |")
    print()

    verdicts = []
    for col, label in ((1, "ranker"), (2, "combination")):
        ge = all(counts[k][col] >= counts[k][0] for k in kinds)
        gt = any(counts[k][col] > counts[k][0] for k in kinds)
        verdicts.append(f"{label}: {'WINS' if ge and gt else 'does not win'} held-out against the rules")
    print("; ".join(verdicts))

    if args.write:
        args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
        for name, weight in sorted(zip(model.features, model.weights, strict=True), key=lambda t: -abs(t[1]))[:12]:
            print(f"  {name:<18} {weight:+.3f}")
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
