"""Training of the KIE's linear rankers (merchant, total): a softmax over each document's candidates.

Kept beside the rankers, numpy only, so the two training scripts share one deterministic trainer: full-batch
Adam from zero, so the same inputs give the same bits (the shipped weights can be re-made exactly).
"""

from __future__ import annotations

import numpy as np

__all__ = ["fit_listwise", "log_softmax_mass"]


def log_softmax_mass(logits: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per document: log Σ_keep exp(logit), and the softmax over ``keep``."""
    z = np.where(keep, logits, -np.inf)
    top = z.max(axis=1, keepdims=True)
    e = np.where(keep, np.exp(z - top), 0.0)
    s = e.sum(axis=1, keepdims=True)
    return (np.log(s) + top)[:, 0], e / s


def fit_listwise(xs: list[np.ndarray], positives: list[np.ndarray], *, l2: float, steps: int,
                 lr: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, std, weights) of a linear softmax over each document's candidates (``xs[i]``: candidates ×
    features; ``positives[i]``: which are correct). Documents with no correct candidate are left out: nothing to
    learn from them."""
    keep = [i for i, p in enumerate(positives) if p.any()]
    n_feat = xs[0].shape[1]
    k = max(1, max(len(positives[i]) for i in keep))
    x = np.zeros((len(keep), k, n_feat))
    mask = np.zeros((len(keep), k), dtype=bool)
    pos = np.zeros((len(keep), k), dtype=bool)
    for row, i in enumerate(keep):
        n = len(positives[i])
        x[row, :n], mask[row, :n], pos[row, :n] = xs[i], True, positives[i]
    flat = np.concatenate([xs[i] for i in keep])
    mean, std = flat.mean(axis=0), flat.std(axis=0)
    std = np.where(std > 1e-9, std, 1.0)
    z = np.where(mask[..., None], (x - mean) / std, 0.0)
    w = np.zeros(n_feat)
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        logits = z @ w
        _, p = log_softmax_mass(logits, mask)
        _, q = log_softmax_mass(logits, pos)
        grad = np.einsum("dk,dkf->f", p - q, z) / len(keep) + l2 * w
        m1 = b1 * m1 + (1 - b1) * grad
        m2 = b2 * m2 + (1 - b2) * grad * grad
        w -= lr * (m1 / (1 - b1**step)) / (np.sqrt(m2 / (1 - b2**step)) + eps)
    return mean, std, w
