"""The total and the tax: label scores plus arithmetic evidence (cash − change, subtotal + tax, rounding, repeats,
the line items above, the VAT at its printed rate), and the repair of a total the OCR misread by one character when
two independent pieces of that evidence agree on the repaired value."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from lib.kie.candidates import (
    _CENTS,
    _EVIDENCE_TOP,
    _Amount,
    _cents,
    _LabelledRow,
    _Scored,
    _value_for_label,
)
from lib.kie.labels import DISCOUNT, _norm
from lib.kie.rows import Row
from lib.kie.tax_lines import _RATE, _row_sums
from lib.post.currency import BULGARIA_EURO_DAY, LEVA
from lib.post.ocr_noise import amount_slip

__all__ = ["TotalEvidence", "choose_total", "line_sums", "rounded_payable", "total_candidates", "total_facts",
           "vat_gross_ranges", "with_tip"]

_TOTAL_LABELS = ("total", "total_strong", "due")
# "3 x 399,00", "1*119,50", "FRUITS @24.00": a unit price after its quantity (its line total follows); a lead of
# "×" alone when the quantity is an amount of its own ("3,000 × 20,79")
_QTY_LEAD = re.compile(r"(?:^|\d)\s*[*xXхХ×]\s*$|@\s*$")
_MIN_REPAIR_SOURCES = 2  # independent pieces of evidence that must agree before a misread total is repaired


def line_sums(items: list[_LabelledRow]) -> dict[int, tuple[int, int]]:
    """Row index → (sum in whole cents, count) of the line totals printed above it on its page.

    A line total is the last money amount of an unlabelled row; a unit price after its quantity ("3 x 399,00",
    "1*119,50") is not one ("=119,50" on the row below is). Rows with a label (totals, tax, cash, ids, dates) add
    nothing, so the sum at a total's row is what its items add up to — less a discount printed negative right
    after them ("Знижка 15% -29,47"; not a discount summary further down, which would count it twice).
    """
    sums: dict[int, tuple[int, int]] = {}
    running, count, page, after_line = 0, 0, None, False
    for it in items:
        if it.row.page != page:
            running, count, page, after_line = 0, 0, it.row.page, False
        sums[it.row.index] = (running, count)
        lines = [a for a in it.amounts if _CENTS.search(a.raw) and not _QTY_LEAD.search(a.lead)]
        if it.label is None and not it.in_summary:
            if lines:
                running += _cents(lines[-1].value)
                count += 1
                after_line = True
        elif (after_line and it.label == "ignore" and lines and lines[-1].value < 0
              and DISCOUNT.search(_norm(it.label_text))):
            running += _cents(lines[-1].value)
            after_line = False  # (a discount sum right after it is not taken off again)
        else:
            after_line = False
    return sums


def vat_gross_ranges(items: list[_LabelledRow]) -> list[tuple[float, float]]:
    """Totals (low, high) that a tax line at a printed rate implies: "в т.ч. НДС 20% =59,39" or "VAT 20% 30.00"
    make the gross 59.39 × 120 / 20 (within the tax's rounding to the cent). One rate per document assumed: the
    range is evidence, never a value on its own."""
    ranges = []
    for i, it in enumerate(items):
        if it.label != "tax":
            continue
        m = _RATE.search(it.label_text or it.row.text)
        if m is None:
            continue
        rate = float(m.group(1).replace(",", "."))
        if not 1 <= rate <= 30:
            continue
        amount, _ = _value_for_label(items, i)
        if amount is None or amount.value <= 0 or "%" in amount.raw:
            continue
        factor = (100 + rate) / rate
        ranges.append(((amount.value - 0.005) * factor, (amount.value + 0.005) * factor))
    return ranges


def _repair_slips(candidates: list[_Scored], sources: list[set[int] | list[tuple[float, float]]],
                  paid: set[int] | frozenset[int] = frozenset()) -> list[_Scored]:
    """Repaired copies of labelled totals that no evidence supports but that are one OCR slip ("=" read as "2"
    or as a minus, a glued "₽" as "7", a lost or misread digit: ``amount_slip``) from a value that at least two
    independent sources support (what was paid or the same amount printed below it, e.g. on a payment line whose
    label the OCR garbled; the line items above it; the VAT at its rate; subtotal + tax; the VAT table's gross
    column). The misread original loses 1.0, the copy keeps its label and score; the usual evidence scoring then
    decides. ``paid``: what the payment lines say was paid (whole cents)."""

    def support(cents: int) -> int:
        return sum(1 for src in sources if (cents in src if isinstance(src, set)
                                             else any(lo <= cents / 100 <= hi for lo, hi in src)))

    values = {v for src in sources if isinstance(src, set) for v in src if v > 0}
    agreed = sorted(v for v in values if support(v) >= _MIN_REPAIR_SOURCES)
    repaired: list[_Scored] = []
    for cand in candidates:
        if cand.label not in _TOTAL_LABELS or not agreed or support(_cents(cand.amount.value)):
            continue
        value = _cents(cand.amount.value)
        # "=696,65" read as "-696,65": the sign is the slip when the amount itself is what the evidence says
        slips = [-value] if value < 0 and -value in agreed else [v for v in agreed if amount_slip(cand.amount.raw, v)]
        # a total rounded to 5 cents is no last-digit slip of the unrounded sum ("ZU ZAHLEN CHF 90.95" over a VAT
        # table's 90.96), unless that sum was paid
        if value % 5 == 0:
            slips = [v for v in slips if abs(v - value) >= 5 or v in paid]
        if len(slips) != 1:
            continue  # none, or more than one way to read it: leave it to the scoring
        a, value = cand.amount, slips[0]
        fixed = _Amount(value / 100, f"{value // 100}.{value % 100:02d}", a.row, a.bbox, a.x, a.lead)
        repaired.append(_Scored(fixed, cand.score, cand.label))
        cand.score -= 1.0
    return repaired


# rows between a subtotal and its total that add to it: taxes, a rounding, unlabelled charges and discounts
_SUMMARY_STEPS = frozenset({"tax", "rounding", None})
_SUMMARY_MAX_ROWS = 7  # rows above a total that its summary block may span, the subtotal's included


def _summary_sum(items: list[_LabelledRow], total_row: Row) -> set[int]:
    """What the summary block above a total adds up to (whole cents): the subtotal and every row between it and the
    total, each with its amount ("Sub Total 2,035.00 / Service Charge 5% 101.75 / CGST 53.42 / SGST 53.42 / Round
    Off 0.41" make 2,244.00); empty when the block has a row without an amount or a payment, spans more than
    ``_SUMMARY_MAX_ROWS`` rows, or adds only zeros to the subtotal."""
    at = next((k for k, it in enumerate(items) if it.row is total_row), None)
    if at is None:
        return set()
    steps = 0
    for k in range(at - 1, max(-1, at - 1 - _SUMMARY_MAX_ROWS), -1):
        item = items[k]
        if item.row.page != total_row.page or not item.amounts:
            return set()
        if item.label == "subtotal":
            return {sum(_cents(it.amounts[-1].value) for it in items[k:at])} if steps else set()
        if item.label not in _SUMMARY_STEPS:
            return set()
        # (a rounding or a row of 0.00 adds nothing: the block would only repeat its subtotal, "SubTotal 035.00"
        # misread; a rounding that moves it counts: "Subtotal 88.204 / REDONDEO -4" make 88.200)
        steps += _cents(item.amounts[-1].value) != 0
    return set()


@dataclass(slots=True)
class TotalEvidence:
    """The arithmetic evidence the total candidates were scored with (whole cents), kept for ``total_facts``."""

    paid_cents: set[int]
    sum_cents: set[int]
    adjusted_cents: set[int]
    value_counts: Counter
    largest: float
    top_labelled: float | None
    cash: list[float]
    taxes: list[float]
    fixed: set[int]  # indices of candidates whose decimal point was restored ("8817" → 88.17)


def choose_total(
    scored: dict[str, list[_Scored]],
    items: list[_LabelledRow],
    paid: dict[str, list[float]],
    has_cents: bool,
    adjustments: list[float],
) -> _Scored | None:
    """Best total candidate by the rules' score (the first of equal scores); see ``total_candidates``."""
    candidates, _ = total_candidates(scored, items, paid, has_cents, adjustments)
    return max(candidates, key=lambda s: s.score) if candidates else None


def total_candidates(
    scored: dict[str, list[_Scored]],
    items: list[_LabelledRow],
    paid: dict[str, list[float]],
    has_cents: bool,
    adjustments: list[float],
    table_gross: int | None = None,
) -> tuple[list[_Scored], TotalEvidence | None]:
    """Every total candidate with the rules' score; evidence beyond the label: cash − change, subtotal + tax,
    rounding, repeats (and the VAT table's gross column, whole cents, for repairing a misread total).

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
    # subtotal + the tax of every rate ("VAT @ 20% 724.20", "VAT @ 5% 8.05")
    sum_cents |= {_cents(st.amount.value + t) + d for st in subtotals for t in _row_sums(scored["tax"])
                  for d in range(-2, 3)}
    # a smaller labelled total plus the tax ("Sub / Total 150.00", "VAT 30.00", "Total 180.00")
    sum_cents |= {_cents(v + tx.amount.value) for v in labelled for tx in taxes if tx.amount.value > 0}
    adjusted_cents = {_cents(v + r) for v in labelled for r in adjustments[:_EVIDENCE_TOP] if r}
    # subtotal + tax, then the rounding: "Delsum 390,10 / Øreavrunding -0,10 / Å betale 390,00"
    adjusted_cents |= {_cents(st.amount.value + tx.amount.value + r) for st in subtotals for tx in taxes
                       for r in adjustments[:_EVIDENCE_TOP] if r}
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
    fixed: set[int] = set()
    if has_cents:
        # "RM 8817" where other prices have cents: maybe the decimal point was lost in OCR. Only believed when
        # the re-read 88.17 is what was paid or what subtotal + tax make.
        for cand in list(candidates):
            raw = cand.amount.raw.strip()
            if cand.label != "fallback" and re.fullmatch(r"\d{3,6}", raw) and int(raw) in evidence:
                a = cand.amount
                fixed_amount = _Amount(int(raw) / 100, f"{raw[:-2]}.{raw[-2:]}", a.row, a.bbox, a.x, a.lead)
                candidates.append(_Scored(fixed_amount, cand.score - 0.3, cand.label))
                fixed.add(len(candidates) - 1)
    above = line_sums(items)
    paid_exact = {_cents(c - abs(ch)) for c in cash for ch in change[:5]} | {_cents(c) for c in cash if not change}
    subtotal_tax = {_cents(st.amount.value + tx.amount.value) + d for st in subtotals for tx in taxes
                    for d in (-1, 0, 1)}
    vat = vat_gross_ranges(items)
    gross = {table_gross} if table_gross else set()
    for cand in [c for c in candidates if c.label in _TOTAL_LABELS and _cents(c.amount.value) not in evidence]:
        row = cand.amount.row
        items_cents = {above[row.index][0]} if above[row.index][1] else set()
        # printed again below it (the payment line, even when its label is unreadable)
        below = {_cents(a.value) for it in items if it.row.index > row.index and it.row.page == row.page
                 and it.label != "ignore" for a in it.amounts if _CENTS.search(a.raw)}
        # (one source with what was paid: the payment line is usually that amount printed again)
        # (the summary block's unlabelled rows are line sums too: one source, not two — "Subtotal 45.95 / Voucher
        # 5.00 / Total 40.95", its minus lost, must not agree with itself on 50.95)
        summary = _summary_sum(items, row)
        candidates.extend(_repair_slips([cand], [paid_exact | below, items_cents - summary, subtotal_tax | summary,
                                                 vat, gross], paid_exact))
    if not candidates:
        return [], None
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
        if value > 0 and any(lo <= value <= hi for lo, hi in vat):
            cand.score += 0.7  # the tax at its printed rate ("НДС 20%: 900,00") makes this the gross
        if cents in adjusted_cents:
            cand.score += 1.0  # the labelled total plus the printed rounding adjustment
        if cash and all(value > c + 0.005 for c in cash):
            cand.score -= 0.7  # more than the customer paid
        if top_labelled is not None and cand.label != "subtotal" and abs(value - top_labelled) < 0.005:
            cand.score += 0.3  # the grand total is the largest labelled total
        cand.score += 0.2 * min(value_counts[cents] - 1, 3)  # printed again (paid, GST summary)
        if cand.label == "fallback":
            cand.score += 0.1 * value / max(1.0, largest)  # otherwise the larger, the likelier
            if value > 0 and above[cand.amount.row.index][1] >= 2 and above[cand.amount.row.index][0] == cents:
                cand.score += 0.7  # what the line items above it (two or more) add up to
    return candidates, TotalEvidence(paid_cents, sum_cents, adjusted_cents, value_counts, largest, top_labelled,
                                     cash, [t.amount.value for t in taxes], fixed)


_LABEL_KINDS = ("total_strong", "due", "total", "rounded", "after_rounding", "subtotal", "paid", "fallback")
_STANDARD_RATES = (5.0, 6.0, 7.0, 7.7, 8.0, 8.1, 9.0, 10.0, 12.0, 13.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0,
                   22.0, 23.0, 24.0, 25.0)
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _rate_fits(value: float, taxes: list[float], rates: list[float]) -> bool:
    """A tax line t with t = (value − t) · rate: ``value`` is the gross amount of that tax at a printed rate."""
    slack = 0.02 + 0.0005 * abs(value)
    return any(0 < t < value and abs(t - (value - t) * r / 100) <= slack for t in taxes for r in rates)


def total_facts(
    candidates: list[_Scored], evidence: TotalEvidence, items: list[_LabelledRow]
) -> list[dict[str, float]]:
    """Per total candidate, the facts the learned total ranker reads (``lib.kie.ranker.TOTAL_FEATURES``): the
    label kind, arithmetic evidence, position, size and repetition. Only called when a total ranker is loaded."""
    n_items = max(1, len(items))
    by_row = {it.row.index: it for it in items}
    last_page = max((it.row.page for it in items), default=0)
    heights = sorted(it.row.height for it in items if it.amounts) or [1.0]
    median_h = max(1.0, heights[len(heights) // 2])
    page_right: dict[int, float] = {}
    for it in items:
        right = it.row.spans[-1].x2
        if right > page_right.get(it.row.page, 0.0):
            page_right[it.row.page] = right
    # line items: the last money amount of each unlabelled row, summed from the top and from the last table header
    line_sum: dict[int, set[int]] = {}
    from_top = from_header = 0
    for it in items:
        line_sum[it.row.index] = {from_top, from_header}
        if it.label == "ignore" and not it.amounts:
            from_header = 0
        elif it.label is None and it.amounts and _CENTS.search(it.amounts[-1].raw):
            from_top += _cents(it.amounts[-1].value)
            from_header += _cents(it.amounts[-1].value)
    text = " ".join(it.row.text for it in items)
    printed_rates = sorted({float(m.group(1).replace(",", ".")) for m in _RATE.finditer(text)} - {0.0})
    cash = evidence.cash
    biggest = max(c.amount.value for c in candidates) if candidates else 1.0
    out = []
    for i, cand in enumerate(candidates):
        a = cand.amount
        value, cents = a.value, _cents(a.value)
        item = by_row.get(a.row.index)
        label_text = item.label_text if item is not None else ""
        lines = line_sum.get(a.row.index, set())
        facts = {f"kind_{k}": float(cand.label == k) for k in _LABEL_KINDS}
        facts.update({
            "paid": float(cents in evidence.paid_cents),
            "sum_subtotal_tax": float(cents in evidence.sum_cents),
            "adjusted": float(cents in evidence.adjusted_cents),
            "items_sum": float(cents in lines and cents != 0),
            "rate_printed": float(_rate_fits(value, evidence.taxes, printed_rates)),
            "rate_standard": float(_rate_fits(value, evidence.taxes, list(_STANDARD_RATES))),
            "above_cash": float(bool(cash) and all(value > c + 0.005 for c in cash)),
            "equals_cash": float(any(abs(value - c) < 0.005 for c in cash)),
            "top_labelled": float(evidence.top_labelled is not None and abs(value - evidence.top_labelled) < 0.005),
            "repeats": float(min(evidence.value_counts[cents] - 1, 3)),
            "value_rel": value / biggest if biggest > 0 else 0.0,
            "largest": float(value >= biggest - 0.005),
            "nonpositive": float(value <= 0),
            "no_cents": float(not _CENTS.search(a.raw)),
            "fixed_decimal": float(i in evidence.fixed),
            "y_rel": a.row.index / n_items,
            "last_page": float(a.row.page == last_page),
            "multi_page": float(last_page > 0),
            "x_rel": a.bbox[2] / max(1.0, page_right.get(a.row.page, a.bbox[2])),
            "height_rel": min(a.row.height / median_h, 4.0),
            "label_same_row": float(item is not None and item.label is not None and bool(item.label_text)),
            "in_summary": float(item is not None and item.in_summary),
            "label_cyrillic": float(bool(_CYRILLIC.search(label_text))),
            "label_non_ascii": float(any(ord(c) > 127 for c in label_text)),
            "currency_in_row": float(bool(_CURRENCY_IN_ROW.search(a.row.text))),
        })
        out.append(facts)
    return out


_CURRENCY_IN_ROW = re.compile(r"\b(RM|MYR|USD|EUR|GBP|INR|RUB|SGD|CHF|PLN|CAD|AUD)\b|[$€£¥₹₽]", re.IGNORECASE)


_TIP = re.compile(r"^(TIPS?|GRATUITY|TRINKGELD|POURBOIRE|PROPINA|MANCIA|FOOI|DRICKS)\b")


def with_tip(items: list[_LabelledRow], total: _Scored | None) -> _Scored | None:
    """The amount charged when a tip was added: a tip line followed by a total that is exactly the chosen total
    plus the tip. The bill before the tip stays the total otherwise."""
    if total is None:
        return None
    for i, item in enumerate(items):
        if not _TIP.match(_norm(item.row.text)) or "%" in item.row.text or not item.amounts:
            continue
        tip = item.amounts[-1].value
        for below in items[i + 1 : i + 4]:
            if (below.row.page == item.row.page and below.label in ("total", "total_strong", "due") and below.amounts
                    and tip > 0 and _cents(below.amounts[-1].value) == _cents(total.amount.value) + _cents(tip)):
                return _Scored(below.amounts[-1], total.score, below.label or "total")
    return total


def euro_not_leva(total: _Scored, candidates: list[_Scored], day: dt.date | None) -> _Scored:
    """From 2026 the total is the euro amount: a total in leva loses to the best labelled total not in leva ("Общо:
    820,19" over "Сума за плащане BGN: 1 604,15 лв."; "ВСИЧКО 25,51 евро" over "ОБЩА СУМА BGN 49,89 лв.")."""
    if day is None or day < BULGARIA_EURO_DAY or not LEVA.search(total.amount.row.text):
        return total
    euro = [c for c in candidates if c.label in ("total", "total_strong", "due") and c.amount.value > 0
            and not LEVA.search(c.amount.row.text)]
    return max(euro, key=lambda c: c.score, default=total)


def rounded_payable(total: _Scored, candidates: list[_Scored], items: list[_LabelledRow]) -> _Scored:
    """A VAT table's sum row won ("Celkem 1129,05 164,40 1293,45": net + tax = gross on its row), but an amount to
    pay above it is that gross rounded for cash ("K úhradě 1293,00"): the amount to pay."""
    row = next((it for it in items if it.row is total.amount.row), None)
    others = [a for a in row.amounts if a is not total.amount] if row is not None else []
    if len(others) < 2 or _cents(others[-2].value) + _cents(others[-1].value) != _cents(total.amount.value):
        return total
    for cand in candidates:
        if (cand.label in ("total_strong", "due") and cand.amount.row.index < total.amount.row.index
                and 0 < abs(cand.amount.value - total.amount.value) < 1.0 and _cents(cand.amount.value) % 5 == 0):
            return cand
    return total
