"""A small learned re-ranker for the local KIE's merchant choice: a linear softmax over the header-row candidates.

``LocalKie`` builds the candidates (``merchant_candidates``: header rows with the rules' score and a few facts
about each row); this module turns them into feature vectors and scores them with weights trained by
``scripts/train_ranker.py`` (numpy only, 5-fold cross-validated by receipt; see docs/accuracy.md, "Learned ranker
(k-fold)"). The weights are trained on SROIE 2019 (CC BY 4.0), ICDAR 2019 RRC-SROIE, Huang et al.,
arXiv:2103.10213; the attribution travels inside the weights file.

Only differences between the candidates of one document matter (softmax), so the features are the row's own facts
plus its standing among the document's candidates (gap to the rules' best score, tallest row, ...).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

__all__ = ["KieRanker", "MERCHANT_FEATURES", "TOTAL_FEATURES", "TOTAL_WEIGHTS_PATH", "TotalRanker", "WEIGHTS_PATH",
           "default_ranker", "default_total_ranker", "load_ranker", "load_total_ranker", "merchant_features",
           "total_features"]

WEIGHTS_PATH = Path(__file__).with_name("ranker_weights.json")
TOTAL_WEIGHTS_PATH = Path(__file__).with_name("total_ranker_weights.json")
FORMAT = "ocrlty-kie-ranker/1"

MERCHANT_FEATURES: tuple[str, ...] = (
    "rule_score", "rule_gap", "rule_best", "rule_second", "order", "rank", "rank0",
    "legal", "first_legal", "joined_legal", "reg_tail", "reg_next", "company_word", "owner_prev", "near_address",
    "upper_ratio", "upper_high", "log_letters", "digit_ratio", "words", "parens", "joined_rows",
    "height_rel", "tallest", "centre_offset", "width_rel", "y_rel",
)


class _Candidate(Protocol):
    score: float
    facts: Mapping[str, float]


def merchant_features(candidates: Sequence[_Candidate]) -> np.ndarray:
    """(n candidates × len(MERCHANT_FEATURES)) float64 matrix; deterministic, no state."""
    n = len(candidates)
    out = np.zeros((n, len(MERCHANT_FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    scores = [c.score for c in candidates]
    best = max(range(n), key=lambda i: (scores[i], -i))
    second = max((i for i in range(n) if i != best), key=lambda i: (scores[i], -i), default=-1)
    tallest = max(c.facts["height_rel"] for c in candidates)
    for i, c in enumerate(candidates):
        f = c.facts
        letters = f["letters"]
        row = {
            "rule_score": c.score,
            "rule_gap": scores[best] - c.score,
            "rule_best": float(i == best),
            "rule_second": float(i == second),
            "order": float(i),
            "rank": f["rank"],
            "rank0": float(f["rank"] == 0),
            "legal": f["legal"],
            "first_legal": f["first_legal"],
            "joined_legal": f["joined_legal"],
            "reg_tail": f["reg_tail"],
            "reg_next": f["reg_next"],
            "company_word": f["company_word"],
            "owner_prev": f["owner_prev"],
            "near_address": f["near_address"],
            "upper_ratio": f["upper_ratio"],
            "upper_high": float(f["upper_ratio"] > 0.8),
            "log_letters": math.log1p(letters),
            "digit_ratio": f["digits"] / max(1.0, letters + f["digits"]),
            "words": min(f["words"], 10.0),
            "parens": f["parens"],
            "joined_rows": f["joined_rows"],
            "height_rel": min(f["height_rel"], 4.0),
            "tallest": float(f["height_rel"] >= tallest - 1e-9),
            "centre_offset": abs(f["x_center"] - 0.5),
            "width_rel": f["width_rel"],
            "y_rel": f["y_rel"],
        }
        out[i] = [row[name] for name in MERCHANT_FEATURES]
    return out


@dataclass(frozen=True)
class KieRanker:
    """Immutable trained weights: score = ((x - mean) / std) · w. Higher is likelier."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    std: tuple[float, ...]
    weights: tuple[float, ...]
    attribution: str = ""

    def score_merchants(self, candidates: Sequence[_Candidate]) -> list[float]:
        x = merchant_features(candidates)
        z = (x - np.asarray(self.mean)) / np.asarray(self.std)
        return [float(v) for v in z @ np.asarray(self.weights)]

    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": self.version, "attribution": self.attribution,
                "merchant": {"features": list(self.features), "mean": list(self.mean), "std": list(self.std),
                             "weights": list(self.weights)}}

    @classmethod
    def from_dict(cls, d: Mapping) -> KieRanker:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} weights file")
        m = d["merchant"]
        features = tuple(m["features"])
        if features != MERCHANT_FEATURES:
            raise ValueError("weights were trained on a different feature list; re-run scripts/train_ranker.py")
        mean, std, weights = (tuple(float(v) for v in m[k]) for k in ("mean", "std", "weights"))
        if not len(mean) == len(std) == len(weights) == len(features) or min(std) <= 0:
            raise ValueError("malformed ranker weights")
        return cls(version=str(d["version"]), features=features, mean=mean, std=std, weights=weights,
                   attribution=str(d.get("attribution", "")))


def load_ranker(path: Path) -> KieRanker:
    return KieRanker.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_ranker() -> KieRanker | None:
    """The shipped weights (read once), or None when the file is absent."""
    return load_ranker(WEIGHTS_PATH) if WEIGHTS_PATH.is_file() else None


# -- total

_TOTAL_FACTS: tuple[str, ...] = (
    "kind_total_strong", "kind_due", "kind_total", "kind_rounded", "kind_after_rounding", "kind_subtotal",
    "kind_paid", "kind_fallback",
    "paid", "sum_subtotal_tax", "adjusted", "items_sum", "rate_printed", "rate_standard", "above_cash",
    "equals_cash", "top_labelled", "repeats", "value_rel", "largest", "nonpositive", "no_cents", "fixed_decimal",
    "y_rel", "last_page", "multi_page", "x_rel", "height_rel", "label_same_row", "in_summary", "label_cyrillic",
    "label_non_ascii", "currency_in_row",
)
TOTAL_FEATURES: tuple[str, ...] = ("rule_score", "rule_gap", "rule_best", "rule_rank", "tallest") + _TOTAL_FACTS


def total_features(scores: Sequence[float], facts: Sequence[Mapping[str, float]]) -> np.ndarray:
    """(n candidates × len(TOTAL_FEATURES)) matrix from the rules' scores and ``lib.kie.totals.total_facts``."""
    n = len(scores)
    out = np.zeros((n, len(TOTAL_FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    best = max(range(n), key=lambda i: (scores[i], -i))
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    rank = {i: r for r, i in enumerate(order)}
    tallest = max(f["height_rel"] for f in facts)
    for i in range(n):
        f = facts[i]
        head = [scores[i], min(scores[best] - scores[i], 10.0), float(i == best), float(min(rank[i], 5)),
                float(f["height_rel"] >= tallest - 1e-9)]
        out[i] = head + [f[name] for name in _TOTAL_FACTS]
    return out


@dataclass(frozen=True)
class TotalRanker:
    """Immutable trained weights for the total: score = ((x - mean) / std) · w over a document's candidates.

    ``override_margin``: the ranker replaces the rules' choice only when its best candidate's softmax probability
    exceeds the rules' choice's by at least this much (0: always the ranker's best)."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    std: tuple[float, ...]
    weights: tuple[float, ...]
    override_margin: float = 0.0
    attribution: str = ""

    def scores(self, rule_scores: Sequence[float], facts: Sequence[Mapping[str, float]]) -> np.ndarray:
        x = total_features(rule_scores, facts)
        return ((x - np.asarray(self.mean)) / np.asarray(self.std)) @ np.asarray(self.weights)

    def choose(self, rule_scores: Sequence[float], facts: Sequence[Mapping[str, float]]) -> int:
        """Index of the chosen candidate (-1 when there is none)."""
        n = len(rule_scores)
        if n == 0:
            return -1
        s = self.scores(rule_scores, facts)
        rules = max(range(n), key=lambda i: (rule_scores[i], -i))
        mine = max(range(n), key=lambda i: (s[i], -i))
        if mine == rules or self.override_margin <= 0:
            return mine
        p = np.exp(s - s.max())
        p /= p.sum()
        return mine if p[mine] - p[rules] >= self.override_margin else rules

    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": self.version, "attribution": self.attribution,
                "total": {"features": list(self.features), "mean": list(self.mean), "std": list(self.std),
                          "weights": list(self.weights), "override_margin": self.override_margin}}

    @classmethod
    def from_dict(cls, d: Mapping) -> TotalRanker:
        if d.get("format") != FORMAT or "total" not in d:
            raise ValueError(f"not a {FORMAT} total-ranker weights file")
        m = d["total"]
        features = tuple(m["features"])
        if features != TOTAL_FEATURES:
            raise ValueError("weights were trained on a different feature list; re-run scripts/train_total_ranker.py")
        mean, std, weights = (tuple(float(v) for v in m[k]) for k in ("mean", "std", "weights"))
        if not len(mean) == len(std) == len(weights) == len(features) or min(std) <= 0:
            raise ValueError("malformed total-ranker weights")
        return cls(version=str(d["version"]), features=features, mean=mean, std=std, weights=weights,
                   override_margin=float(m.get("override_margin", 0.0)), attribution=str(d.get("attribution", "")))


def load_total_ranker(path: Path) -> TotalRanker:
    return TotalRanker.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_total_ranker() -> TotalRanker | None:
    """The shipped total weights (read once), or None when the file is absent."""
    return load_total_ranker(TOTAL_WEIGHTS_PATH) if TOTAL_WEIGHTS_PATH.is_file() else None
