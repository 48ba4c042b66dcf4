"""Tax lines: which printed amount is the tax, and what a VAT table or a rate row says when no tax label was read.

``choose_tax`` picks the tax among the labelled candidates (one line per rate, rows that sum to total − subtotal);
``tax_from_rate_row``, ``rate_table`` and ``tax_included_line`` find it by arithmetic when its label was lost;
``gross_not_net`` tells a tax-inclusive "subtotal" from a net amount. Split out of lib/kie/totals.py (the total's
choice), which imports the rate pattern and the rows' sums from here.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from lib.kie.candidates import _Amount, _cents, _LabelledRow, _Scored, _sum_of
from lib.kie.labels import _TAX_WORD, _norm, says_no_vat

__all__ = ["choose_tax", "gross_not_net", "no_vat_no_net", "rate_base_taxes", "rate_table", "tax_from_rate_row",
           "tax_included_line"]

_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?[%°]")  # ("SR=6.00°": its "%" read as a degree sign)
# a rate printed, maybe misread ("260%" for 20%; "НДС 105;" for "НДС 10%:", its "%" read as a 5 before the colon;
# "ДДС Г = 9,005" for "9,00%", the 5 after a rate's two decimals ending the label)
_RATE_MARK = re.compile(r"\d\s?[%°]|(?<![\d.,:])\d{1,2}5\s?[:;]|(?<![\d.,])\d{1,2}[.,]\d{2}5\s*$")
# … or its "%" lost, the bare rate right after the tax word ending the label ("enth. MwSt 19 ‖ 15,69")
_BARE_RATE = re.compile(rf"(?<![^\W\d_]){_TAX_WORD}\.?\s*\d{{1,2}}(?:[.,]\d{{1,2}})?\s*$", re.IGNORECASE)
# … or its "%" read as a 5 ending the label after the tax word: "НДС 105 ‖ =9.52" under "НДС 20% ‖ =166.24" (not
# "IVA 15" or "PDV 25": real rates printed without their "%")
_PERCENT_AS_5 = re.compile(rf"(?<![^\W\d_]){_TAX_WORD}\.?\s+(?:\d{{2}}|[03-9])5\s*=?\s*$", re.IGNORECASE)


def choose_tax(taxes: list[_Scored], total: _Scored | None, subtotal: _Scored | None) -> _Scored | None:
    """The tax that makes subtotal + tax = total: one line, or the sum of several (CGST + SGST, GST + PST);
    otherwise the best-scored tax line below the total."""
    if total is not None:
        taxes = [t for t in taxes if t.amount.value < total.amount.value or total.amount.value <= 0]
        if total.amount.value > 0:  # (a tax is never negative on a bill: "Перадаплата -1013,86" under "ПДВ не …")
            taxes = [t for t in taxes if t.amount.value >= 0]
    if not taxes:
        return None
    gap = total.amount.value - subtotal.amount.value if total is not None and subtotal is not None else 0.0
    if abs(gap) > 0.02:  # (a subtotal within a rounding of the total includes the tax: "VAT 0% 0.00" fits nothing)
        consistent = [t for t in taxes if abs(t.amount.value - gap) <= 0.02]
        if consistent:
            return max(consistent, key=lambda s: s.score)
        lines = _rows_summing_to(taxes, gap)
        if lines is not None:
            return _sum_of(lines)
    # (also when a service charge or a rounding keeps subtotal + tax from the total: "Sub Total 2020.00 / Service
    # Charge 10% 202.00 / CGST 2.5% 55.55 / SGST 2.5% 55.55 / Round Off -0.10 / Grand Total 2333,00")
    per_rate = _one_line_per_rate(taxes, total)
    if per_rate is not None:
        return per_rate
    return max(taxes, key=lambda s: s.score)


def _tax_rows(taxes: list[_Scored]) -> list[list[_Scored]]:
    """The tax candidates grouped by row, top to bottom, each row's best-scored three first."""
    by_row: dict[int, list[_Scored]] = {}
    for t in sorted(taxes, key=lambda s: -s.score):
        by_row.setdefault(t.amount.row.index, []).append(t)
    return [by_row[k][:3] for k in sorted(by_row)]


def _row_sums(taxes: list[_Scored]) -> set[float]:
    """What two to six tax rows add up to, one amount from each row (the tax of a page with several rates)."""
    rows = _tax_rows(taxes)
    if not 2 <= len(rows) <= 6 or math.prod(len(r) for r in rows) > 243:
        return set()
    return {sum(t.amount.value for t in combo) for combo in itertools.product(*rows)}


def _rows_summing_to(taxes: list[_Scored], gap: float) -> list[_Scored] | None:
    """One amount from each of two or more tax rows whose sum is the gap between total and subtotal (CGST + SGST;
    "TVA 20 % sur 5 506,70 1 101,34" / "TVA 10 % sur 2 665,60 266,56": a row may also print its base; a row with a
    VAT number may look like tax)."""
    rows = _tax_rows(taxes)
    if not 2 <= len(rows) <= 6:
        return None
    for size in range(len(rows), 1, -1):  # every row first; then without a row that only looks like tax ("N° TVA")
        for subset in itertools.combinations(rows, size):
            if math.prod(len(r) for r in subset) > 243:
                continue
            for combo in itertools.product(*subset):  # best-scored amounts first
                if abs(sum(t.amount.value for t in combo) - gap) <= 0.02:
                    return list(combo)
    return None


def _one_per_row(taxes: list[_Scored]) -> list[_Scored]:
    """The best-scored tax candidate of each row, top to bottom."""
    by_row = {t.amount.row.index: t for t in sorted(taxes, key=lambda s: s.score)}
    return sorted(by_row.values(), key=lambda s: s.amount.row.index)


def _prints_rate(label: str) -> bool:
    """Whether a tax line's label prints its rate with a "%", maybe misread ("260%", "НДС 105;", "НДС 105")."""
    return bool(_RATE_MARK.search(label) or _PERCENT_AS_5.search(label))


def _rate_of(label: str) -> str:
    """The rate a tax line's label prints, with "%" ("IVA 21% sur 100,00" → "21") or bare at its end ("enth. MwSt
    19" → "19")."""
    rate = _RATE.search(label) or re.search(r"(\d{1,2}(?:[.,]\d{1,2})?)\s*$", label)
    return rate.group(1).replace(",", ".") if rate else ""


def _one_line_per_rate(taxes: list[_Scored], gross: _Scored | None) -> _Scored | None:
    """Consecutive tax lines, each with its own rate and label ("IVA incluido 10% 6,29" / "IVA incluido 21% 10,46";
    "CGST 2.5% 55.55" / "SGST 2.5% 55.55") and no sum printed: the tax is their sum. The last run of such lines
    counts (not an item's rate label higher up); a rate without "%" ("enth. MwSt 19") marks lines of different
    rates only; no sum as large as the ``gross`` total is a tax."""
    def label(t: _Scored) -> str:  # (the last match: "VAT included 0.00% 0.00" prints its amount after its rate)
        at = t.amount.row.text.rfind(t.amount.raw)  # (-1: an amount a risen column moved onto this row)
        return t.amount.row.text[:at] if at >= 0 else t.amount.row.text

    # (rows whose own label prints no rate are left out: "НДС 10%" over an item line "2. Зубная паста"; a rate the
    # OCR garbled still marks its line: "ПДВ 260%: 3,35" over "у т.л. ПДВ 10%: 0,75")
    lines = [t for t in _one_per_row(taxes) if _prints_rate(label(t)) or _BARE_RATE.search(label(t))]
    # the last run of lines at most two rows apart: the bill's own tax lines, not an item's "НДС 20%" above it
    # (whose "amount" is the next item's number: "НДС 20%" / "4. Кофе в зернах")
    while len(lines) >= 2 and any(b.amount.row.index - a.amount.row.index > 2
                                  for a, b in zip(lines, lines[1:], strict=False)):
        lines = lines[1:]
    if len(lines) < 2:
        return None
    if len({" ".join(label(t).upper().split()) for t in lines}) < len(lines):
        return None  # each with its rate, and no line twice ("CGST 2.5%" and "SGST 2.5%" are two taxes)
    if (any(not _prints_rate(label(t)) for t in lines)
            and len({_rate_of(label(t)) for t in lines}) < len(lines)):
        return None  # a rate without "%" marks lines of different rates only ("Base IVA 21 10,00" / "Cuota IVA 21")
    tax_sum = _cents(sum(t.amount.value for t in lines))
    if gross is not None and gross.amount.value > 0 and tax_sum >= _cents(gross.amount.value):
        return None  # no sum of tax lines is the whole bill
    own_rows = {t.amount.row.index for t in lines}
    if any(_cents(t.amount.value) == tax_sum for t in taxes if t.amount.row.index not in own_rows):
        return None  # the sum is printed elsewhere: the scores choose it (not a line of its own plus a 0.00 one)
    return _sum_of(lines)


# A tip added on the receipt or its card slip ("AMOUNT 107.72 / TIP 19.39 / TOTAL 127.11"); not a suggested-tip
# table ("Suggested Gratuity: 18% = 16.16") nor a blank "TIP ____".


# A charge at a rate that is not a tax: "Optional service 12.5% 6.45" is exactly total − subtotal on a UK bill
# (not a service tax whose tax word the OCR garbled: "SERVICE TAK 6%", "Service Tx (8%)")
_CHARGE = re.compile(r"(?<![^\W\d_])(?:(?:SERVICE|SERVIS|SVC)(?!\s*T\w{0,3}\b)|SERVIZIO|SERVICIO|SERVIÇO|BEDIENUNG|"
                     r"GRATUITY|TIPS?|TRINKGELD|POURBOIRE|PROPINA|MANCIA|FOOI|DRICKS|COPERTO)(?![^\W\d_])",
                     re.IGNORECASE)


def tax_from_rate_row(items: list[_LabelledRow], total: _Scored | None, subtotal: _Scored | None) -> _Scored | None:
    """No tax label read, but a row printing a rate and exactly total − subtotal ("АС Б = 20,00% 0,35": the OCR
    lost "ДДС"), or exactly the tax that rate leaves in the total ("= 20.00% 19.84" under "ВСИЧКО 119.04"): that
    amount is the tax. Arithmetic only, so an item line with a percentage never becomes one."""
    if total is None or total.amount.value <= 0:
        return None
    gross = total.amount.value
    gap = _cents(gross - subtotal.amount.value) if subtotal is not None and 0 < subtotal.amount.value < gross else None
    for item in items:
        rate = _RATE.search(item.row.text) if item.label is None and item.amounts else None
        if rate is None or _CHARGE.search(item.row.text):
            continue
        last = item.amounts[-1]
        if "%" in last.raw or subtotal is not None and last is subtotal.amount:
            continue
        if gap is not None:
            if _cents(last.value) == gap:
                return _Scored(last, 0.0, "tax")
            continue
        percent = float(rate.group(1).replace(",", "."))
        implied = _cents(gross * percent / (100 + percent))  # (within a cent: the tax summed per item)
        if 0 < percent < 100 and last.value > 0 and abs(_cents(last.value) - implied) <= 1:
            return _Scored(last, 0.0, "tax")
    return None


_WORD3 = re.compile(r"[^\W\d_]{3,}")
_VAT_WORD = re.compile(rf"\b{_TAX_WORD}\b|\bTAXA\b|\bSATZ\b|\bTIPO\b|\bTAUX\b")


def rate_table(items: list[_LabelledRow], total: _Scored | None,
               chosen_tax: _Scored | None = None) -> tuple[_Scored, _Scored] | None:
    """A VAT table whose header the OCR garbled ("Taxa ‖ Base ‖ NA" for "IVA"), found by its own arithmetic: rows
    that print a rate and a net and the tax that rate takes of it ("23% ‖ 3.82 ‖ 0.88", "13% ‖ 19.47 ‖ 2.53"), and
    whose nets and taxes add up to the total. Returns (net, tax) as sums over the rows, or None. A ``chosen_tax``
    (read off a label) is overruled only where it is another of the table's amounts ("Sazba ‖ ZákladDPH ‖ S DPH"
    over "A=21% ‖ 743.06 156.04 ‖ 899.10": the header's tax label read a row's gross)."""
    if total is None or total.amount.value <= 0:
        return None
    nets: list[_Amount] = []
    taxes: list[_Amount] = []
    non_tax_cents: set[int] = set()  # the table rows' nets and grosses
    for item in items:
        rate = _RATE.search(item.row.text)
        amounts = [a for a in item.amounts if "%" not in a.raw]
        if rate is None or len(amounts) < 2 or item.label in ("cash", "change") or _CHARGE.search(item.row.text):
            continue  # (nor a service charge at a rate: "12.5% service charge on 40.00 ‖ 5.00")
        lead = _norm(item.row.text[: rate.start()])
        if _WORD3.search(lead) and not _VAT_WORD.search(lead):
            continue  # a rate with a word before it that is no tax's: "Coperto 10%", "Gratuity 15%", "Service 12.5%"
        percent = float(rate.group(1).replace(",", "."))
        pair = next(((net, tax) for net, tax in zip(amounts, amounts[1:], strict=False)
                     if 0 < percent < 100 and net.value > 0
                     and abs(_cents(net.value * percent / 100) - _cents(tax.value)) <= 1
                     and _cents(percent) != _cents(net.value)), None)
        if pair is not None:
            nets.append(pair[0])
            taxes.append(pair[1])
            non_tax_cents.update(_cents(a.value) for a in amounts if a is not pair[1])
    if not nets or _cents(sum(a.value for a in nets + taxes)) != _cents(total.amount.value):
        return None
    if chosen_tax is not None and _cents(chosen_tax.amount.value) not in non_tax_cents:
        return None
    return _summed(nets, "subtotal"), _summed(taxes, "tax")


def _summed(amounts: list[_Amount], kind: str) -> _Scored:
    """One amount as it is printed, or several as their sum (``_sum_of``)."""
    return _sum_of([_Scored(a, 0.0, kind) for a in amounts]) if len(amounts) > 1 else _Scored(amounts[0], 0.0, kind)


# "Incl. VAT 7.86" under "TOTAL 59.70" (an Irish or UK till): the tax inside the total, printed with no rate
_TAX_INCLUDED = re.compile(r"^(INCL\w*|INCLUDES|INCLUDING) (OF )?(VAT|GST|TAX)$")
_MAX_INCLUDED_SHARE = 0.3  # of the total: no VAT or GST rate leaves more tax in a gross amount


def tax_included_line(items: list[_LabelledRow], total: _Scored | None) -> _Scored | None:
    """No tax line found, but a row saying only "Incl. VAT" (or "Includes GST") with an amount well below the total
    ("Incl. VAT ‖ 7.86" under "TOTAL ‖ 59.70"): that amount is the tax the total includes. The label alone reads
    as a gross total ("INCL GST 106.00" on Malaysian tills), so only an amount under 30 % of the total counts."""
    if total is None or total.amount.value <= 0:
        return None
    for item in items:
        if not item.amounts or item.amounts[-1] is total.amount or not _TAX_INCLUDED.match(_norm(item.label_text)):
            continue
        value = item.amounts[-1].value
        if 0 < value < _MAX_INCLUDED_SHARE * total.amount.value:
            return _Scored(item.amounts[-1], 0.0, "tax")
    return None


# a Japanese rate's base: "(10%対象 ¥2,389)", "(8%(軽)対象", "内税対象額(10%)" (read in simplified forms too: "对象")
_RATE_BASE = re.compile(r"(\d{1,2}) ?[%％][^\d%％]{0,6}?[対对]象|[対对]象額?\s*[(（]?(\d{1,2}) ?[%％]")
_TAX_AFTER_BASE = re.compile(r"[\d,.]+\D*[税内]")  # "… ¥1,100 内消費税等 ¥100", "… ¥1,100 税 ¥100"
# "消費税等合計": the rates' sum, not one rate's tax under a base whose own tax row was lost
_TAX_SUM = re.compile("合[計计]")


def rate_base_taxes(items: list[_LabelledRow], total: _Scored | None) -> _Scored | None:
    """A Japanese receipt with two rates prints each rate's base and the tax it includes or adds, on one row or two
    ("(10%対象 ¥2,389)" / "(内消費税等 ¥217)", "(8%対象 ¥4,930)" / "(内消費税等 ¥365)"): the tax is their sum. The
    tax rows print no rate of their own, so the rows above say which rate each one is."""
    found: dict[str, _Amount] = {}
    for i, item in enumerate(items):
        base = _RATE_BASE.search(item.row.text)
        if base is None:
            continue
        rate = base.group(1) or base.group(2)
        below = items[i + 1] if i + 1 < len(items) else None
        if len(item.amounts) >= 2 and _TAX_AFTER_BASE.search(item.row.text[base.end():]):
            found[rate] = item.amounts[-1]  # "10%対象 ¥2,389 内消費税等 ¥217"
        elif (below is not None and below.label == "tax" and below.amounts and not _RATE_BASE.search(below.row.text)
              and not _TAX_SUM.search(below.row.text)):
            found[rate] = below.amounts[-1]
    if len(found) < 2:
        return None
    taxes = list(found.values())
    if total is not None and total.amount.value > 0 and sum(a.value for a in taxes) >= total.amount.value:
        return None
    return _summed(taxes, "tax")


# a tax line that says the tax is inside the amounts ("VAT @ 20% incl", "MwSt enthalten", "dont TVA", "в т.ч. НДС")
_TAX_INSIDE_WORD = re.compile(r"\b(INCL\w*|INKL\w*|ENTHALTEN|INCLUIDO|INCLUS\w*|DONT|HERAF|DAVON|DI CUI|В Т Ч|У Т Ч)\b")


# a subtotal that is gross by the country's till convention: the Bulgarian "МЕЖДИННА СУМА" (prices include VAT)
_GROSS_SUBTOTAL = re.compile(r"\bМЕЖДИННА СУМА\b")


def gross_not_net(subtotal: _Scored | None, tax: _Scored | None, total: _Scored | None,
                  items: Sequence[_LabelledRow] = ()) -> bool:
    """A "subtotal" that is not below the total although a tax is printed, or below it by far less than the tax: a
    tax-inclusive sum before a coupon or a rounding ("SUBTOTAL 309,94 / Øreafrunding 0,06 / AT BETALE 310,00 / Moms
    25% 61,99"), not the net amount (which the label conventions then leave null). Signs agree on credit notes.
    A Bulgarian till's "МЕЖДИННА СУМА" is gross unless its VAT adds it up to the total ("МЕЖДИННА СУМА 51,34 /
    Отстъпка / ОБЩО 47,57").
    ``items``: the page's rows (a net that the included tax adds up to an amount printed on them stays)."""
    if subtotal is None or total is None:
        return False
    adds_up = tax is not None and _cents(subtotal.amount.value + tax.amount.value) == _cents(total.amount.value)
    if _GROSS_SUBTOTAL.search(_norm(subtotal.amount.row.text)) and not adds_up:
        return True  # (a Bulgarian invoice's "Междинна сума 100,00 / ДДС 20,00 / Общо 120,00" is its net)
    if tax is None:
        return False
    sub, vat, gross = subtotal.amount.value, tax.amount.value, total.amount.value
    if abs(vat) < 0.05 or sub * gross <= 0:
        return False
    if _TAX_INSIDE_WORD.search(_norm(tax.amount.row.text)) and not any(
            abs(_cents(sub + vat) - _cents(v)) <= 2 for v in [gross, *(a.value for it in items for a in it.amounts)]):
        return True  # the tax is inside, and the "subtotal" plus it is printed nowhere: gross ("SUBTOTAL 59.30 /
        # Service charge 7.41 / TOTAL 66.71 / VAT @ 20% incl 9.88"; not "Netto 84,03 / MwSt enthalten 15,97 /
        # Summe 100,00 / Trinkgeld 5,00 / Gesamt 105,00")
    return abs(sub) >= abs(gross) - 0.05 or abs(gross) - abs(sub) < abs(vat) / 2


def no_vat_no_net(subtotal: _Scored | None, tax: _Scored | None, total: _Scored | None,
                  items: Sequence[_LabelledRow]) -> bool:
    """A "subtotal" on a bill whose seller says it charges no VAT, that differs from the total and has no tax
    beside it ("Сумма без НДС 1 147 690,00 / Скидка 5% / Итого 1 090 305,50 / Без НДС"): the sum before a discount,
    not a net amount (no net is printed; the label conventions then leave it null)."""
    return (tax is None and subtotal is not None and total is not None
            and _cents(subtotal.amount.value) != _cents(total.amount.value)
            and any(says_no_vat(it.row.text) for it in items))
