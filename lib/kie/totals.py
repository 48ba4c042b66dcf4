"""The total and the tax: label scores plus arithmetic evidence (cash − change, subtotal + tax, rounding, repeats)."""

from __future__ import annotations

import re
from collections import Counter

from lib.kie.candidates import _CENTS, _EVIDENCE_TOP, _Amount, _cents, _LabelledRow, _Scored, _sum_of

__all__ = ["choose_tax", "choose_total"]


def choose_total(
    scored: dict[str, list[_Scored]],
    items: list[_LabelledRow],
    paid: dict[str, list[float]],
    has_cents: bool,
    adjustments: list[float],
) -> _Scored | None:
    """Best total candidate; evidence beyond the label: cash − change, subtotal + tax, rounding, repeats.

    Evidence is compared in whole cents through sets, so the cost stays linear in the number of amounts.
    """
    cash, change = paid["cash"], paid["change"]
    paid_cents = {_cents(c - abs(ch)) for c in cash for ch in change[:5]} | {_cents(c) for c in cash if not change}
    top = lambda found: sorted(found, key=lambda s: -s.score)[:_EVIDENCE_TOP]  # noqa: E731
    subtotals, taxes = top(scored["subtotal"]), top(scored["tax"])
    labelled = [c.amount.value for c in top(scored["total"])]
    # subtotal + tax, within 2 cents (per-line tax rounding)
    sum_cents = {_cents(st.amount.value + tx.amount.value) + d for st in subtotals for tx in taxes
                 for d in range(-2, 3)}
    # a smaller labelled total plus the tax ("Sub / Total 150.00", "VAT 30.00", "Total 180.00")
    sum_cents |= {_cents(v + tx.amount.value) for v in labelled for tx in taxes if tx.amount.value > 0}
    adjusted_cents = {_cents(v + r) for v in labelled for r in adjustments[:_EVIDENCE_TOP] if r}
    candidates = list(scored["total"])
    # A subtotal is the bill when nothing else is (no tax, no total line): weak, evidence decides.
    candidates.extend(_Scored(s.amount, s.score - 1.5, "subtotal") for s in scored["subtotal"])
    if not scored["total"]:
        # No total label: money amounts (with cents) outside cash/change/ignored rows, judged by the evidence.
        for it in items:
            if it.label in ("cash", "change", "ignore", "tax", "subtotal", "rounding", "prepaid") or it.in_summary:
                continue
            candidates.extend(_Scored(a, 0.0, "fallback") for a in it.amounts if _CENTS.search(a.raw))
    # What the customer paid, when it equals a labelled amount plus tax ("Amount 3.77", "GST 0.23", "Paid 4.00").
    base_tax_cents = {_cents(b + t.amount.value) for b in labelled + [s.amount.value for s in subtotals]
                      for t in taxes}
    for it in items:
        if it.label == "cash" and it.amounts and _cents(it.amounts[-1].value) in base_tax_cents:
            candidates.append(_Scored(it.amounts[-1], 1.0 + it.row.index / max(1, len(items)), "paid"))
    evidence = paid_cents | sum_cents | adjusted_cents
    if has_cents:
        # "RM 8817" where other prices have cents: maybe the decimal point was lost in OCR. Only believed when
        # the re-read 88.17 is what was paid or what subtotal + tax make.
        for cand in list(candidates):
            raw = cand.amount.raw.strip()
            if cand.label != "fallback" and re.fullmatch(r"\d{3,6}", raw) and int(raw) in evidence:
                a = cand.amount
                fixed = _Amount(int(raw) / 100, f"{raw[:-2]}.{raw[-2:]}", a.row, a.bbox, a.x, a.lead)
                candidates.append(_Scored(fixed, cand.score - 0.3, cand.label))
    if not candidates:
        return None
    value_counts = Counter(_cents(a.value) for it in items for a in it.amounts)
    largest = max((a.value for it in items for a in it.amounts), default=1.0)
    top_labelled = max((c.amount.value for c in scored["total"] if c.score > 0), default=None)
    # A credit note (invoice correction) prints negative net and tax amounts: its total is negative too.
    credit_note = any(s.amount.value < 0 for s in subtotals) and any(t.amount.value < 0 for t in taxes)
    for cand in candidates:
        value, cents = cand.amount.value, _cents(cand.amount.value)
        if value == 0 or (value < 0 and not credit_note):
            cand.score -= 1.0
        if has_cents and not _CENTS.search(cand.amount.raw):
            cand.score -= 1.5  # "8817" where prices have cents: a code or an OCR slip
        if cents in paid_cents:
            cand.score += 1.5
        if cents in sum_cents:
            cand.score += 0.7
        if cents in adjusted_cents:
            cand.score += 1.0  # the labelled total plus the printed rounding adjustment
        if cash and all(value > c + 0.005 for c in cash):
            cand.score -= 0.7  # more than the customer paid
        if top_labelled is not None and cand.label != "subtotal" and abs(value - top_labelled) < 0.005:
            cand.score += 0.3  # the grand total is the largest labelled total
        cand.score += 0.2 * min(value_counts[cents] - 1, 3)  # printed again (paid, GST summary)
        if cand.label == "fallback":
            cand.score += 0.1 * value / max(1.0, largest)  # otherwise the larger, the likelier
    return max(candidates, key=lambda s: s.score)


def choose_tax(taxes: list[_Scored], total: _Scored | None, subtotal: _Scored | None) -> _Scored | None:
    """The tax that makes subtotal + tax = total: one line, or the sum of several (CGST + SGST, GST + PST);
    otherwise the best-scored tax line below the total."""
    if total is not None:
        taxes = [t for t in taxes if t.amount.value < total.amount.value or total.amount.value <= 0]
    if not taxes:
        return None
    if total is not None and subtotal is not None:
        gap = total.amount.value - subtotal.amount.value
        consistent = [t for t in taxes if abs(t.amount.value - gap) <= 0.02]
        if consistent:
            return max(consistent, key=lambda s: s.score)
        by_row = {t.amount.row.index: t for t in sorted(taxes, key=lambda s: s.score)}
        lines = sorted(by_row.values(), key=lambda s: s.amount.row.index)
        if len(lines) >= 2 and abs(sum(t.amount.value for t in lines) - gap) <= 0.02:
            return _sum_of(lines)
    return max(taxes, key=lambda s: s.score)
