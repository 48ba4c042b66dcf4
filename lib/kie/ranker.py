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

__all__ = ["KieRanker", "MERCHANT_FEATURES", "WEIGHTS_PATH", "default_ranker", "load_ranker", "merchant_features"]

WEIGHTS_PATH = Path(__file__).with_name("ranker_weights.json")
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
