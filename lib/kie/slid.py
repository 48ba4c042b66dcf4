"""A photo's amount column that slid one row down against its labels, found by the bill's own arithmetic.

On a receipt photographed at an angle the rows' right ends drop, and the row grouping can pair each amount with
the label one row above its own::

    Subtotal                     (its amount slid to the next row)
    SALES TAX      10.98         (the subtotal)
    TOTAL           0.88         (the tax)
    CASH           11.86         (the total)
    CHANGE DUE     11.86         (the cash)
    # ITEMS SOLD 2  0.00         (the change)

Read as printed, the bill contradicts itself (cash − total ≠ change; a total below its tax). Shifting the amounts
up one row, from the first amount label left without an amount, makes it add up (subtotal + tax = total, cash −
total = change). The shifted reading is used only when it satisfies two such equations and breaks none, or one
when the printed reading is absurd (``printed_absurd``: a tax above its subtotal, "SUB-TOTAL / TAX 211.60 / Amount
Due 18.83 / 230.43").

The mirror case, the column risen one row ("136,02 €" alone over "TOTALE 150,00 / Contanti 13,98 / Resto"), is
shifted down only when nothing then breaks and cash − total = change holds (three printed numbers agreeing), or,
when the printed reading is absurd (``printed_absurd``), when either a payment with no change line equals the total
or subtotal + tax = total then holds.
"""

from __future__ import annotations

from dataclasses import replace

from lib.kie.candidates import _Amount, _cents, _LabelledRow, _Scored

__all__ = ["cash_holds", "change_above_cash", "equations", "paid_exactly", "printed_absurd", "risen_amounts",
           "slid_amounts", "tax_above_subtotal", "tax_not_below_total", "underpaid"]

_AMOUNT_LABELS = frozenset({"subtotal", "tax", "total", "total_strong", "due", "cash", "change"})
_MAX_RUN = 8  # rows a slid run may span


def slid_amounts(items: list[_LabelledRow]) -> list[_LabelledRow] | None:
    """The rows with their amounts shifted up one row: from the first amount label with no amount of its own whose
    next row has a label and an amount, through the run of rows with amounts below it (at most ``_MAX_RUN``; the
    run's last row gives its amount up and keeps none). None when there is no such label."""
    for i, item in enumerate(items[:-1]):
        nxt = items[i + 1]
        if (item.label not in _AMOUNT_LABELS or item.amounts or not nxt.amounts or nxt.label is None
                or nxt.row.page != item.row.page):
            continue
        end = i + 1  # the run's last row
        while (end + 1 < len(items) and end - i < _MAX_RUN and items[end + 1].amounts
               and items[end + 1].row.page == item.row.page):
            end += 1
        shifted = list(items)
        for k in range(i, end):
            shifted[k] = replace(items[k], amounts=_moved(items[k + 1].amounts, items[k]))
        shifted[end] = replace(items[end], amounts=[])
        return shifted
    return None


def risen_amounts(items: list[_LabelledRow]) -> list[_LabelledRow] | None:
    """The mirror case, an amount column that rose one row: an amount with no label ("136,02 €") right above a run
    of labelled rows whose last amount label has none ("TOTALE 150,00 / Contanti 13,98 / Resto"); the amounts
    shifted down one row through the run. None when there is no such run."""
    for i, item in enumerate(items[:-1]):
        if item.label is not None or not item.amounts or items[i + 1].label is None or not items[i + 1].amounts:
            continue
        end = i + 1
        while (end + 1 < len(items) and end - i < _MAX_RUN and items[end + 1].label is not None
               and items[end + 1].row.page == item.row.page):
            end += 1
            if not items[end].amounts:
                break
        last = items[end]
        if last.amounts or last.label not in _AMOUNT_LABELS:
            continue
        shifted = list(items)
        shifted[i] = replace(item, amounts=[])
        for k in range(i + 1, end + 1):
            shifted[k] = replace(items[k], amounts=_moved(items[k - 1].amounts, items[k]))
        return shifted
    return None


def _moved(amounts: list[_Amount], item: _LabelledRow) -> list[_Amount]:
    """Amounts moved onto another label's row: that row is theirs now (its rate names their tax line)."""
    return [replace(a, row=item.row) for a in amounts]


def cash_holds(items: list[_LabelledRow], total: _Scored | None) -> bool:
    """Whether cash − total = change, all three printed (three numbers agreeing: no chance)."""
    return _cash_equation(items, total) is True


def paid_exactly(items: list[_LabelledRow], total: _Scored | None) -> bool:
    """Whether a payment line (a card, no change line) paid exactly the total."""
    cash = _first_amount(items, "cash")
    return (total is not None and cash is not None and _first_amount(items, "change") is None
            and _cents(cash) == _cents(total.amount.value) > 0)


def tax_not_below_total(items: list[_LabelledRow], total: _Scored | None) -> bool:
    """Whether a tax line prints as much as the total or more ("TOTAL AUD 6.32 / GST included in total 147.46"): a
    reading that cannot be right."""
    return total is not None and any(it.label == "tax" and it.amounts and it.amounts[-1].value >= total.amount.value > 0
                                     for it in items)


def printed_absurd(items: list[_LabelledRow], total: _Scored | None, subtotal: _Scored | None,
                   tax: _Scored | None) -> bool:
    """Whether the bill as printed cannot be right: a tax line as large as the total, a negative total, a tax above
    its subtotal, one payment below the total with nothing owed or given back, or change above the cash."""
    return (tax_not_below_total(items, total) or (total is not None and total.amount.value < 0)
            or tax_above_subtotal(subtotal, tax) or underpaid(items, total) or change_above_cash(items))


def underpaid(items: list[_LabelledRow], total: _Scored | None) -> bool:
    """Whether the one payment line paid less than the total and no change, balance, amount due or prepayment is
    printed ("Totaal EUR 171,66 / Maestro 6,36"): as printed, the bill was not paid."""
    if total is None or any(_first_amount(items, label) is not None for label in ("change", "balance", "due",
                                                                                  "prepaid")):
        return False  # ("Payment received 1,013.25 / Amount outstanding 1,013.25": an invoice paid in part)
    payments = [it for it in items if it.label == "cash" and it.amounts]
    if len(payments) != 1:
        return False  # ("Cash 10.00 / Visa 6.50": a bill paid in two parts)
    cash, due = _cents(payments[0].amounts[-1].value), _cents(total.amount.value)
    after = [_cents(it.amounts[-1].value) for it in items if it.label is None and it.amounts
             and it.row.page == total.amount.row.page and it.row.index > total.amount.row.index]
    # (nor a payment that a voucher printed after the total completes: "Gutschein 20,00 / Visa 151,66")
    return 0 < cash < due and not any(cash + other == due for other in after)


def change_above_cash(items: list[_LabelledRow]) -> bool:
    """Whether the change printed is more than the cash it came from ("Espèces 85,81 / Monnaie rendue 100,00")."""
    cash, change = _first_amount(items, "cash"), _first_amount(items, "change")
    return cash is not None and change is not None and _cents(change) > _cents(cash) > 0


def tax_above_subtotal(subtotal: _Scored | None, tax: _Scored | None) -> bool:
    """Whether the tax is larger than the net amount it is charged on (a rate above 100 %: "SUB-TOTAL / TAX 211.60 /
    Amount Due 18.83" read as printed): a reading that cannot be right."""
    return subtotal is not None and tax is not None and tax.amount.value > subtotal.amount.value > 0


def _cash_equation(items: list[_LabelledRow], total: _Scored | None) -> bool | None:
    """cash − total = change: True or False, or None when one of the three is not printed."""
    cash, change = _first_amount(items, "cash"), _first_amount(items, "change")
    if total is None or cash is None or change is None:
        return None
    return _cents(cash) - _cents(total.amount.value) == _cents(change)


def _first_amount(items: list[_LabelledRow], label: str) -> float | None:
    return next((it.amounts[-1].value for it in items if it.label == label and it.amounts), None)


_MAX_ROUNDING_CENTS = 10  # a printed cash rounding is a few cents (to the nearest 0.05 in Malaysia and Switzerland)


def equations(items: list[_LabelledRow], total: _Scored | None, subtotal: _Scored | None,
              tax: _Scored | None) -> tuple[int, int]:
    """(equations the reading satisfies, equations it breaks): subtotal + tax (+ a printed rounding) = total; cash −
    total = change; and a total below its own tax, or a tax above its subtotal, breaks one."""
    held = broken = 0
    if total is not None and subtotal is not None and tax is not None:
        gap = _cents(total.amount.value) - _cents(subtotal.amount.value) - _cents(tax.amount.value)
        rounding = _first_amount(items, "rounding")
        if gap == 0 or (rounding is not None and gap == _cents(rounding) and abs(gap) <= _MAX_ROUNDING_CENTS):
            held += 1  # ("SUB-TOTAL 49.60 / Service Tax 6% 2.98 / Rounding 0.02 / Total (RM) 52.60")
        else:
            broken += 1
    cash = _cash_equation(items, total)
    if cash is not None:
        held, broken = (held + 1, broken) if cash else (held, broken + 1)
    if total is not None and tax is not None and 0 < total.amount.value < tax.amount.value:
        broken += 1
    if tax_above_subtotal(subtotal, tax):
        broken += 1
    return held, broken
