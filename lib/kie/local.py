"""Local KIE: layout-aware field extraction from an OCR Document, in process, on CPU.

How it works, in three steps:
1. Rows: spans whose vertical extents overlap are one printed row (a label at the left, its value at the right).
2. Labels: each row's text left of its first amount is classified by keywords (English, Malay, German, French,
   Russian), matched exactly first and fuzzily (OCR noise) second, e.g. TOTAL / ROUNDED TOTAL / SUBTOTAL / GST.
3. Candidates: the amounts to the right of a label or in the row below it become candidates with a score from
   the label's strength, position on the page, and plausibility; the best set that adds up
   (subtotal + tax ≈ total) wins. Dates are scored by nearby "date" labels and position; the merchant is the
   best header row that is not an address, phone, id or document title (rule-scored candidates, re-ranked by a
   small learned model, ``lib.kie.ranker``, when its weights are shipped).

Values stay raw strings ("RM 9.00"): normalization belongs to ``lib.post.rules``.
"""

from __future__ import annotations

import asyncio
import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from lib.kie.base import FieldCandidate, KieResult
from lib.kie.ranker import KieRanker, default_ranker
from lib.ocr_document import BBox, OcrDocument, Span, split_words
from lib.post.rules import detect_currency, find_amounts, find_dates

__all__ = ["LocalKie", "MerchantCandidate", "Row", "document_merchant_candidates", "group_rows", "merchant_candidates",
           "LOCAL_KIE_VERSION"]

LOCAL_KIE_VERSION = "local-kie-0.8"


# ---------------------------------------------------------------- rows
@dataclass(slots=True)
class Row:
    page: int
    spans: list[Span]
    index: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spans)

    @property
    def y1(self) -> float:
        return min(s.y1 for s in self.spans)

    @property
    def y2(self) -> float:
        return max(s.y2 for s in self.spans)

    @property
    def height(self) -> float:
        heights = sorted(s.height for s in self.spans)
        return heights[len(heights) // 2]


_LONG_SPAN_CHARS = 300  # longer spans (a text-layer paragraph, never an OCR line) are read word by word


def group_rows(document: OcrDocument) -> list[Row]:
    """Spans → printed rows, top to bottom, page by page (a span joins a row it overlaps by ≥ 50 % height).

    A row keeps its spans sorted by left edge, so checking a newcomer against the row costs two neighbours
    (bisect), not the whole row: a 2,000-word line stays linear.
    """
    rows: list[Row] = []
    for page_index, page in enumerate(document.pages):
        page_rows: list[Row] = []
        lefts: list[list[float]] = []  # per row, the spans' x1 in order
        spans = [w for sp in page.spans for w in (split_words(sp) if len(sp.text) > _LONG_SPAN_CHARS else [sp])]
        for span in sorted(spans, key=lambda s: (s.cy, s.x1)):
            best, best_overlap = -1, 0.0
            for r in range(max(0, len(page_rows) - 4), len(page_rows)):
                row = page_rows[r]
                ref = row.spans[-1]
                overlap = min(ref.y2, span.y2) - max(ref.y1, span.y1)
                ratio = overlap / max(1.0, min(ref.height, span.height))
                if ratio > best_overlap and not _collides(row.spans, lefts[r], span):
                    best, best_overlap = r, ratio
            if best >= 0 and best_overlap >= 0.5:
                pos = bisect.bisect_right(lefts[best], span.x1)
                lefts[best].insert(pos, span.x1)
                page_rows[best].spans.insert(pos, span)
            else:
                page_rows.append(Row(page=page_index, spans=[span]))
                lefts.append([span.x1])
        rows.extend(page_rows)
    for i, row in enumerate(rows):
        row.index = i
    return rows


def _collides(spans: list[Span], lefts: list[float], span: Span) -> bool:
    """Whether ``span`` overlaps its left or right neighbour in a row sorted by x1."""
    pos = bisect.bisect_right(lefts, span.x1)
    return any(_x_overlap(spans[i], span) for i in (pos - 1, pos) if 0 <= i < len(spans))


def _x_overlap(a: Span, b: Span) -> bool:
    return min(a.x2, b.x2) - max(a.x1, b.x1) > 0.5 * min(a.x2 - a.x1, b.x2 - b.x1)


# ---------------------------------------------------------------- labels
# Words whose OCR'd spellings we repair before classifying ("TATAL", "T0TAL", "TOTALSALES", "ROUNDlNG").
_VOCAB = ("TOTAL", "SUBTOTAL", "ROUNDING", "CHANGE", "CHARGE", "CHARGES", "CASH", "AMOUNT", "INCLUSIVE", "INCLUDING",
          "PAYABLE",
          "BALANCE", "TENDER", "PAYMENT", "DISCOUNT", "QUANTITY", "ИТОГО", "ВСЕГО", "ОПЛАТЕ")
_GLUED = re.compile(r"^(SUB|GRAND|NETT?)?(TOTAL)(\w+)$")


def _canonical_token(token: str) -> str:
    glued = _GLUED.match(token)
    if glued and glued.group(3) not in ("S",):
        return " ".join(t for t in (glued.group(1), glued.group(2), glued.group(3)) if t)
    if len(token) >= 5 and token not in _VOCAB:
        best = max(_VOCAB, key=lambda w: fuzz.ratio(token, w))
        if fuzz.ratio(token, best) >= 80:
            return best
    return token


def _norm(text: str) -> str:
    text = text.upper().replace("Ё", "Е")
    text = re.sub(r"(?<=[A-Z])0|0(?=[A-Z])", "O", text)  # T0TAL → TOTAL
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(_canonical_token(t) for t in text.split())


_TAX_WORD = r"(?:GST|HST|PST|QST|SST|VAT|TAX|TAXES|CGST|SGST|IGST|UTGST|MWST|UST|TVA|IVA|НДС)"
# Registration numbers that carry a tax word ("GST ID NO: 0001…", "USt-IdNr.", "GSTIN"): never a tax amount.
_TAX_ID = r"\bGSTIN\b|\b(GST|HST|VAT|SST|TAX|UST) ?(ID\w*|REG\w*|NO|NUMBER|REGISTRATION)\b|\bIDNR\b|\bИНН\b|\bКПП\b"
# (class, pattern) in priority order: the first match wins.
_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(pattern)) for cls, pattern in (
        ("ignore", r"\bTOTAL (QTY|QUANTITY|ITEMS?|NO|PCS|DISCOUNTS?|SAVINGS?|POINTS?|UNITS?)\b|^(QTY|QUANTITY|"
                   r"ITEM COUNT|NO OF ITEMS?|ITEMS?)\b(?!.*\bTOTAL\b)|\b(SUMMARY|YOU SAVED|SAVINGS)\b|"
                   r"^(TOTAL )?DISCOUNTS?\b|\bTAX INVOICE\b|^INVOICE\b(?!.*\b(TOTAL|AMOUNT|DUE|BALANCE)\b)|" + _TAX_ID),
        ("change", r"\bCHANGE\b|\bСДАЧА\b|\bRUCKGELD\b|\bRENDU\b"),
        ("balance", r"^BALANCE$"),  # change after a payment line; the amount due on an invoice
        ("cash", r"^TOTAL PAID\b|\bTENDER\w*|^(CASH|PAYMENT|PAID|PAY|VISA|MASTER\w*|AMEX|CARD|DEBIT|CREDIT|EFTPOS|NETS|"
                 r"CUSTOMER S PAYMENT|НАЛИЧН\w*|БЕЗНАЛИЧН\w*|ПОЛУЧЕНО|GEGEBEN|BAR|ESPECES)\b|\bCASH\b(?!.*TOTAL)"),
        ("rounding", r"\bROUND\w*\b|\bADJ\w*\b|\bRND\b|ОКРУГЛ"),
        ("subtotal", r"\bSUB ?TOTAL\b|\bSUB\b|\bEXCL\w*\b|\bBEFORE\b|\bW O (GST|TAX)\b|\bWITHOUT\b|"
                     r"\bZWISCHENSUMME\b|\bNETTO\w*\b|\bSOUS TOTAL\b|\bTOTAL HT\b|БЕЗ НДС|\bTAXABLE\b|"
                     r"\bNET AMOUNT\b|\bTOTAL NET\b"),
        ("tax", rf"^{_TAX_WORD}\b.*\bINCLUDED\b"),  # "GST @6% included in total"
        ("total_strong", r"\bGRAND TOTAL\b|^(\w{1,5} )?INCL\w* (OF )?(GST|SST|VAT|TAX)\b|"
                         r"\b(AMOUNT|AMT) (PAID|PAYABLE|DUE)\b|"
                         r"\bTOTAL\b.*\b(INCL\w*|INC|WITH|PAYABLE|DUE|AMOUNT|AMT|RM|SALES|ROUNDED|"
                         r"GROSS)\b|\bROUNDED\b|\bNETT? TOTAL\b|\bAMOUNT (DUE|PAYABLE)\b|\bBALANCE DUE\b|"
                         r"\bNET TO PAY\b|\bTOTAL TTC\b|\bGESAMT\w*\b|\bSUMME\b|\bZU ZAHLEN\b|К ОПЛАТЕ|"
                         r"\bИТОГО\b(?!.*НДС)|\bTOTAL DUE\b"),
        ("tax", rf"^(TOTAL )?{_TAX_WORD}\b|\b{_TAX_WORD}\b(?!.*\bTOTAL\b)|\bВ Т Ч\b"),
        ("total", r"^NETT?$|\bTOTAL\b|\bNETT\b|\bAMOUNT\b|\bВСЕГО\b|\bИТОГ\b|\bTOTAAL\b|\bBETRAG\b|\bDUE\b"),
        ("date", r"\b(DATE|DATED|TARIKH|ДАТА|DATUM)\b"),
    )
)


_LABEL_WEIGHT = {"total_strong": 3.0, "total": 2.0}


def classify_label(text: str) -> str | None:
    """Label class of a row's label text (e.g. "TOTAL (Inclusive of GST)" → total_strong), or None."""
    norm = _norm(text)
    if not norm:
        return None
    for cls, pattern in _LABEL_PATTERNS:
        if pattern.search(norm):
            return cls
    return None


# ---------------------------------------------------------------- candidates
@dataclass(slots=True)
class _Amount:
    value: float
    raw: str
    row: Row
    bbox: BBox
    x: float  # left edge of the amount in the row, px
    lead: str = ""  # the row's text between the previous amount (or the row start) and this one


@dataclass(slots=True)
class _Scored:
    amount: _Amount
    score: float
    label: str


@dataclass(slots=True)
class _LabelledRow:
    row: Row
    label: str | None
    label_x2: float
    amounts: list[_Amount] = field(default_factory=list)
    label_text: str = ""
    in_summary: bool = False  # below a "GST Summary" / "Tax analysis" heading: a breakdown, not the bill


def _row_amounts(row: Row) -> tuple[list[_Amount], str, float]:
    """Amounts in a row (left → right), the label text before the first one, and the label's right edge."""
    amounts: list[_Amount] = []
    label_parts: list[str] = []
    lead: list[str] = []
    label_x2 = row.spans[0].x1
    for span in row.spans:
        found = find_amounts(span.text)
        n = max(1, len(span.text))
        width = span.x2 - span.x1
        if not amounts:  # still in the label part of the row
            cut = found[0][1] if found else len(span.text)
            prefix = span.text[:cut].strip()
            if prefix:
                label_parts.append(prefix)
                label_x2 = span.x1 + width * cut / n
        pos = 0
        for value, start, end in found:
            lead.append(span.text[pos:start])
            x1 = span.x1 + width * start / n
            x2 = span.x1 + width * end / n
            amounts.append(_Amount(value, span.text[start:end], row, (x1, span.y1, x2, span.y2), x1,
                                   " ".join(lead).strip()))
            lead, pos = [], end
        lead.append(span.text[pos:])
    return amounts, " ".join(label_parts), label_x2


_TABLE_HEADER = re.compile(r"\b(DESCRIPTION|DESC|ITEM|U P|UNIT PRICE|PRICE|QTY|ОПИСАНИЕ|НАИМЕНОВАНИЕ|ЦЕНА|КОЛ ВО)\b")
_SUMMARY = re.compile(r"\b(SUMMARY|ANALYSIS)\b")
_CURRENCY_TAIL = re.compile(r"[\s(]*\b(RM|MYR|USD|EUR|RUB|SGD|GBP|INR)\b[\s)]*$|[\s(]*[$€£₽₹][\s)]*$", re.IGNORECASE)


def _labelled_rows(rows: list[Row]) -> list[_LabelledRow]:
    result = []
    in_summary = False
    for row in rows:
        amounts, label_text, label_x2 = _row_amounts(row)
        if len(amounts) > 1 and sum(c.isalpha() for c in amounts[-1].lead) >= 2:
            # "Item 2 ‖ Total with GST ‖ 77.20": the words right before the last amount name it.
            label_text = amounts[-1].lead
            label_x2 = amounts[-2].bbox[2]
        label_text = _CURRENCY_TAIL.sub("", label_text)
        label = classify_label(label_text) if label_text else None
        if not amounts and _TABLE_HEADER.search(_norm(row.text)):
            label = "ignore"  # a column header ("Description … Amount"): what is below it are line items
        elif label is None and not amounts:
            label = classify_label(row.text)
        if row.index > 0 and rows[row.index - 1].page != row.page:
            in_summary = False
        if not amounts and _SUMMARY.search(_norm(row.text)):
            in_summary = True
        result.append(_LabelledRow(row=row, label=label, label_x2=label_x2, amounts=amounts,
                                   label_text=label_text, in_summary=in_summary))
    return result


_COLUMN_KINDS = (
    ("net", re.compile(r"^(NETTO|NET|EXCL\w*|AMOUNT|AMT|BASE|HT|СУММА)$")),
    ("tax", re.compile(r"^(MWST|UST|STEUER|TAX|GST|HST|VAT|TVA|IVA|НДС)$")),
    ("gross", re.compile(r"^(BRUTTO|GROSS|TOTAL|INCL\w*|SUMME|TTC)$")),
)


_CENTS = re.compile(r"\d[.,]\d{2}\s*\W?$")
_EVIDENCE_TOP = 5  # best-scored candidates per field used as evidence for the others


def _cents(value: float) -> int:
    return round(value * 100)


def _column_table(items: list[_LabelledRow]) -> dict[str, list[_Amount]]:
    """Tax breakdown tables: a header row naming net / tax / gross columns, amounts in the rows below.

    "MwSt Netto MwSt Brutto" over "A 19% 22,41 4,26 26,67", or "Amount(RM) Tax(RM)" over "SR 6% 61.82 3.71":
    each amount goes to the header column nearest to it horizontally; several rate rows are summed.
    """
    found: dict[str, list[_Amount]] = {}
    for i, item in enumerate(items):
        if item.amounts:
            continue
        columns: list[tuple[str, float]] = []
        for word in (w for span in item.row.spans for w in split_words(span)):
            token = _norm(word.text).split(" ")[0] if _norm(word.text) else ""
            kind = next((k for k, pattern in _COLUMN_KINDS if pattern.match(token)), None)
            if kind is not None:
                columns.append((kind, (word.x1 + word.x2) / 2))
        if len({k for k, _ in columns}) < 2 or "tax" not in {k for k, _ in columns}:
            continue
        sums: dict[str, list[_Amount]] = {}
        for below in items[i + 1 : i + 5]:
            money = [a for a in below.amounts if _CENTS.search(a.raw)]
            if not money or len(money) < len(below.amounts) or below.row.page != item.row.page:
                break  # a table row holds money amounts only (not a date line, a receipt number, …)
            for amount in below.amounts:
                centre = (amount.bbox[0] + amount.bbox[2]) / 2
                kind = min(columns, key=lambda c: abs(c[1] - centre))[0]
                sums.setdefault(kind, []).append(amount)
        if "tax" in sums:
            found = sums
    return found


def _value_for_label(items: list[_LabelledRow], i: int) -> tuple[_Amount | None, float]:
    """The amount a label at row ``i`` points to: right of it in the same row, else in the next 1–2 rows."""
    item = items[i]
    right = [a for a in item.amounts if a.bbox[2] > item.label_x2 + 1]
    if right:
        return right[-1], 0.0
    for step in (1, 2):
        if i + step >= len(items):
            break
        below = items[i + step]
        if below.row.page != item.row.page:
            break
        if below.label is not None and below.label not in ("total", "total_strong"):
            break
        if below.amounts and below.row.y1 - item.row.y2 < 3 * item.row.height:
            return below.amounts[-1], 0.5 * step
    return None, 0.0


def _currency_token(text: str) -> str | None:
    m = re.search(r"\b(RM|MYR|USD|EUR|GBP|INR|RUB|SGD|JPY|CNY|PLN|CHF|AUD|CAD|RS\.?)\b|[$€£¥₹₽]|руб|zł", text,
                  re.IGNORECASE)
    return m.group(0) if m else None


class LocalKie:
    """The embedded KIE backend (no network, no GPU)."""

    name = "local"

    def __init__(self, ranker: KieRanker | None | Literal["shipped"] = "shipped") -> None:
        """``ranker``: the learned merchant re-ranker; by default the shipped weights (if the file is there),
        ``None`` for the hand-written rules alone."""
        self.ranker: KieRanker | None = default_ranker() if isinstance(ranker, str) else ranker
        self.model_version = LOCAL_KIE_VERSION + (f"+{self.ranker.version}" if self.ranker is not None else "")

    async def extract(self, document: OcrDocument) -> KieResult:
        """In a worker thread: a few ms for a receipt, but a huge document must not stall the event loop."""
        return await asyncio.to_thread(self.extract_sync, document)

    def extract_sync(self, document: OcrDocument) -> KieResult:
        rows = group_rows(document)
        items = _labelled_rows(rows)
        n_rows = max(1, len(rows))
        fields: dict[str, FieldCandidate | None] = {}

        scored: dict[str, list[_Scored]] = {"total": [], "subtotal": [], "tax": []}
        paid: dict[str, list[float]] = {"cash": [], "change": []}
        roundings: list[tuple[_LabelledRow, _Amount | None]] = []
        after_rounding = False
        for i, item in enumerate(items):
            if item.label == "balance":
                item.label = "change" if paid["cash"] else "total"
            if item.label in ("cash", "change"):
                amount, _ = _value_for_label(items, i)
                if amount is not None:
                    paid[item.label].append(amount.value)
                continue
            if item.label == "rounding":
                after_rounding = True
                right = [a for a in item.amounts if a.bbox[2] > item.label_x2 + 1]
                roundings.append((item, right[-1] if right else None))
                # The rounded total often follows on an unlabelled row ("RM 60.30").
                nxt = items[i + 1] if i + 1 < len(items) else None
                if nxt is not None and nxt.label is None and nxt.amounts and nxt.row.page == item.row.page:
                    scored["total"].append(_Scored(nxt.amounts[-1], 2.5 + nxt.row.index / n_rows, "after_rounding"))
                continue
            target = {"total_strong": "total", "total": "total", "subtotal": "subtotal", "tax": "tax"}.get(
                item.label or ""
            )
            if target is None:
                continue
            amount, distance_penalty = _value_for_label(items, i)
            if amount is None:
                continue
            if target == "tax" and "%" in amount.raw:
                continue
            position = item.row.index / n_rows  # later rows are more often the final total
            score = _LABEL_WEIGHT.get(item.label or "", 1.0) + position - distance_penalty
            if target == "total":
                if after_rounding:
                    score += 1.0  # a total printed after the rounding line is the rounded, final one
                if "%" in item.label_text:
                    score -= 1.0  # "Total 6% supplies": a total per tax rate, not the bill
            if item.in_summary:
                score -= 1.5
            scored[target].append(_Scored(amount, score, item.label or ""))

        # Rounding rows: a small amount is the adjustment; a total-sized one is the rounded total itself
        # ("Rounded Total 18.80", "Total After Adj Incl GST 42.50", "Rounding RM 42.35").
        adjustments: list[float] = []
        labelled_totals = [c.amount.value for c in scored["total"]]
        for item, amount in roundings:
            if amount is None:
                continue
            names_total = bool(re.search(r"\b(TOTAL|TTL|ROUNDED|AFTER|NETT?)\b", _norm(item.label_text)))
            near_total = any(abs(amount.value - v) <= 0.10 for v in labelled_totals)
            if abs(amount.value) >= 0.10 and (names_total or near_total):
                scored["total"].append(_Scored(amount, 3.5 + item.row.index / n_rows, "rounded"))
            elif abs(amount.value) < 0.10:
                adjustments.append(amount.value)

        position = lambda a: a.row.index / n_rows  # noqa: E731
        for kind, amounts in _column_table(items).items():
            scored_amount = _sum_of([_Scored(a, 0.0, kind) for a in amounts]).amount if len(amounts) > 1 else amounts[0]
            if kind == "net":
                scored["subtotal"].append(_Scored(scored_amount, 1.2 + position(scored_amount), "table_net"))
            elif kind == "tax":
                scored["tax"].append(_Scored(scored_amount, 1.5 + position(scored_amount), "table_tax"))

        has_cents = sum(1 for it in items for a in it.amounts if _CENTS.search(a.raw)) >= 2  # prices in cents
        total = self._choose_total(scored, items, paid, has_cents, adjustments)
        subtotal = max(scored["subtotal"], key=lambda s: s.score, default=None)
        tax = self._choose_tax(scored["tax"], total, subtotal)
        strong = total is not None and total.label in ("total_strong", "rounded", "after_rounding")
        fields["total"] = _candidate(total, 0.9 if strong else 0.75)
        fields["subtotal"] = _candidate(subtotal, 0.7)
        fields["tax_amount"] = _candidate(tax, 0.7)
        fields["date"] = self._choose_date(items)
        fields["merchant"] = self._choose_merchant(items)
        fields["currency"] = self._choose_currency(total, document)
        return KieResult(fields=fields, backend=self.name, model_version=self.model_version)

    # -- totals
    @staticmethod
    def _choose_total(
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
        adjusted_cents = {_cents(v + r) for v in labelled for r in adjustments[:_EVIDENCE_TOP] if r}
        candidates = list(scored["total"])
        # A subtotal is the bill when nothing else is (no tax, no total line): weak, evidence decides.
        candidates.extend(_Scored(s.amount, s.score - 1.5, "subtotal") for s in scored["subtotal"])
        if not scored["total"]:
            # No total label: money amounts (with cents) outside cash/change/ignored rows, judged by the evidence.
            for it in items:
                if it.label in ("cash", "change", "ignore", "tax", "subtotal", "rounding") or it.in_summary:
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
        for cand in candidates:
            value, cents = cand.amount.value, _cents(cand.amount.value)
            if value <= 0:
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

    @staticmethod
    def _choose_tax(taxes: list[_Scored], total: _Scored | None, subtotal: _Scored | None) -> _Scored | None:
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

    # -- date
    @staticmethod
    def _choose_date(items: list[_LabelledRow]) -> FieldCandidate | None:
        best: tuple[float, str, Row] | None = None
        n = max(1, len(items))
        for i, item in enumerate(items):
            text = item.row.text
            found = find_dates(text)
            loose = not found
            if loose:  # "2703/2018", "0502-18", "05~05-17": OCR broke a separator; trusted less
                found = find_dates(text, loose=True)
            if not found:
                continue
            _, start, end = found[0]
            score = 1.0 - 0.5 * i / n - (0.6 if loose else 0.0)
            if _TIME_AFTER.match(text, end):
                score += 0.5  # "14-03-18 21:49": the transaction's timestamp, not a stamp or a due date
            if item.label == "date" or re.search(r"DATE|TARIKH|ДАТА|DATUM|\bот\b", text, re.IGNORECASE):
                score += 1.0
            if re.search(r"DUE|EXPIR|VALID|BIRTH", text, re.IGNORECASE):
                score -= 0.8
            if best is None or score > best[0]:
                best = (score, text[start:end], item.row)
        if best is None:
            return None
        score, raw, row = best
        bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
        return FieldCandidate(raw=raw, confidence=min(0.95, 0.6 + 0.2 * score), bbox=bbox, page=row.page)

    # -- merchant
    def _choose_merchant(self, items: list[_LabelledRow]) -> FieldCandidate | None:
        """The rules' best header row (the first of equal scores), or, with a ranker, the ranker's best."""
        candidates = merchant_candidates(items)
        if not candidates:
            return None
        if self.ranker is not None:
            scores = self.ranker.score_merchants(candidates)
            best = candidates[max(range(len(candidates)), key=lambda i: (scores[i], -i))]
        else:
            best = candidates[max(range(len(candidates)), key=lambda i: (candidates[i].score, -i))]
        return best.field()

    # -- currency
    @staticmethod
    def _choose_currency(total: _Scored | None, document: OcrDocument) -> FieldCandidate | None:
        if total is not None:
            token = _currency_token(total.amount.row.text)
            if token:
                return FieldCandidate(raw=token, confidence=0.9, bbox=total.amount.bbox, page=total.amount.row.page)
        code = detect_currency(document.text)
        return FieldCandidate(raw=code, confidence=0.6) if code else None


_TIME_AFTER = re.compile(r"\s*(?:[,|]\s*)?(?:TIME\s*:?\s*)?\d{1,2}:\d{2}", re.IGNORECASE)
_LEGAL_SUFFIX = re.compile(
    r"\b(SDN\.?\s*BHD|BHD|BERHAD|S/B|ENTERPRISE|TRADING|LTD|LIMITED|LLC|LLP|INC|CORP|GMBH|S\.?A\.?R\.?L|PLC|"
    r"PTE|PVT|OHG|SAS|SRL|ООО|ОАО|ЗАО|АО|ИП|ПАО)\b|\bCO\.?\s*\(M\)|"
    # short ones only at the end ("KG.BATU" is a Malaysian village, "Muster GmbH & Co. KG" a company) or, for
    # "SB", before a registration number ("MYNEWS RETAIL SB(306295-X)")
    r"\b(AG|KG|BV)\W*$|\bSB(?=\s*\(\s*\d)",
    re.IGNORECASE,
)
_COMPANY_WORD = re.compile(
    r"\b(CO|COMPANY|RESTAURANT|RESTORAN|MART|STORE|SHOP|MARKET|HARDWARE|BOOKSTORE|STATIONERY|PHARMACY|FARMASI|"
    r"CAFE|BAKERY|PERNIAGAAN|SYARIKAT|KEDAI|MAGAZIN|МАГАЗИН|АПТЕКА)\b",
    re.IGNORECASE,
)
_BARE_SUFFIX = re.compile(r"(SDN BHD|BHD|BERHAD|LTD|LLC|INC|GMBH)")
_CONTINUATION = re.compile(r"^\s*(&|CO\b\.?|\(M\)|SDN\b|BHD\b|BERHAD\b|S/B\b|ENTERPRISE\b|TRADING\b)", re.IGNORECASE)
# A company registration number on its own row, or at the end of the name row: "(81109-A)", "789417-W",
# "Co. No. 419060-A", "JM0325955-V".
_REG_NO = re.compile(
    r"[\W]*(?:(?:CO(?:MPANY)?\.?\s*)?(?:REG\.?\s*)?(?:NO|#)\.?\s*:?\s*)?[A-Z]{0,3}\d{4,}[-\s·]?[A-Z]\W*", re.IGNORECASE
)
# "Dion Realties Sdn Bhd (Co. No:20154-T)": a bracketed registration number after a legal name.
_REG_PAREN_TAIL = re.compile(r"\s*\([^()]*\d{4,}[^()]*\)?\s*$")
_REG_NO_TAIL = re.compile(r"\(\s*\d{4,}[-\s·]?[A-Z]\s*\)?\s*$", re.IGNORECASE)
# Never a merchant name: document titles, contact lines, ids, dates, staff/table lines.
_NOT_MERCHANT = re.compile(
    r"TAX\s*INVOICE|^INVOICE|^RECEIPT|OFFICIAL RECEIPT|CASH\s*(SALE|BILL)|^BILL\b|WELCOME|THANK|\bTEL\b|TEL[:.]|"
    r"\bPHONE\b|\bFAX\b|H/P|E-?MAIL|@|WWW\.|HTTP|GST\s*(RE[G9]|ID|NO)|GOODS\s*SOLD|RETURNABLE|REFUNDABLE|"
    r"^\W*(POSTED|PAID|RECEIVED|APPROVED|CANCELL?ED|COPY|DUPLICATE|REPRINT)\W*$|CO\.?\s*(REG|NO)|COMPANY\s*(REG|NO)|REG\.?\s*NO|"
    r"\bREF\b|USER\s*ID|\bИНН\b|\bКПП\b|\bОГРН\b|\bСЧ[ЕЁ]Т\b|^ДАТА|^DATE|^[\d\W]+$|INVOICE\s*NO|DOC(UMENT)?\s*NO|"
    r"\bCASHIER\b|\b(TABLE|SERVER|SALESPERSON|MEMBER|WAITER)\b\s*(?:[:#\[(]|NO\b|\d)|"
    r"^\W*(OWNED BY|OWNER|DIMILIKI OLEH)\W*$|"
    r"\bБИК\b|БАНК ПОЛУЧАТЕЛЯ|\bIBAN\b|\bSWIFT\b|\bBIC\b|INVOICE\s*DATE|^\W*(BILL|SHIP|SOLD|INVOICE)\s*TO\b|"
    r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК",
    re.IGNORECASE,
)
# Address lines: skipped unless the row also carries a legal suffix ("BOOK TA.K (TAMAN DAYA) SDN BHD").
_ADDRESS = re.compile(
    r"\bJALAN\b|\bJLN\b|\bTAMAN\b|\bLORONG\b|\bNO\.?\s*\d|\bLOT\b|\bSTREET\b|\bROAD\b|\bAVENUE\b|\bSUITE\b|"
    r"\bLEVEL\b|\bFLOOR\b|\bFLR\b|\bBLOCK\b|^\s*[A-Z]{0,2}\d*-\d+\b|(?<![\d\-])\d{5,6}(?![\d\-·])|\.COM\b|"
    r"\bул\.|\bг\.|^\W*(MALAYSIA|SINGAPORE|USA|UNITED STATES|UNITED KINGDOM|UK|GERMANY|DEUTSCHLAND|FRANCE|"
    r"РОССИЯ|INDIA)\W*$",
    re.IGNORECASE,
)
_OWNER_INTRO = re.compile(r"(OWNED BY|OWNER|DIMILIKI OLEH|A DIVISION OF)\W*$|\b(BILL|SHIP|SOLD|INVOICE)\s*TO\b|"
                          r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК|CUSTOMER\W*$", re.IGNORECASE)
_TITLE_AFTER_NAME = re.compile(r"\s+(SIMPLIFIED\s+|FULL\s+)?(TAX\s*INVOICE|INVOICE|RECEIPT)\s*$", re.IGNORECASE)


def _is_not_merchant(text: str, legal: bool) -> bool:
    if _NOT_MERCHANT.search(text) or re.fullmatch(r"[\W\d]*\(?\d{4,}[-\w]*\)?[\W]*", text):
        return True
    return not legal and bool(_ADDRESS.search(text))


@dataclass(slots=True)
class MerchantCandidate:
    """A header row that may name the seller: its text (joined with the rows it continues), the rules' score,
    and the facts a learned ranker reads (``lib.kie.ranker``)."""

    text: str
    rows: list[Row]
    score: float
    facts: dict[str, float]

    def field(self) -> FieldCandidate:
        rows = self.rows
        bbox = (min(s.x1 for r in rows for s in r.spans), rows[0].y1, max(s.x2 for r in rows for s in r.spans),
                rows[-1].y2)
        return FieldCandidate(raw=self.text, confidence=min(0.95, 0.4 + 0.08 * self.score), bbox=bbox,
                              page=rows[0].page)


def merchant_candidates(items: list[_LabelledRow]) -> list[MerchantCandidate]:
    """Header rows that may name the seller, in page order, each scored by the rules: a legal-entity line (SDN BHD,
    LTD, ООО ...) wins over a brand or logo line; address, phone, id and document-title rows are skipped; a name
    split over two rows is joined."""
    # Rows with money (a price in cents, or TOTAL/CASH/GST ... labels) are never the name, whatever their position;
    # plain numbers can be ("99 SPEED MART", "7-ELEVEN").
    money = {"total", "total_strong", "subtotal", "tax", "cash", "change", "rounding", "balance"}
    header = [it.row for it in items if it.row.page == 0
              and not (it.amounts and it.label in money) and not any(_CENTS.search(a.raw) for a in it.amounts)][:14]
    found: list[MerchantCandidate] = []
    after_address = -10
    by_index = {r.row.index: r.row for r in items}
    page0 = [it.row for it in items if it.row.page == 0]
    heights = sorted(r.height for r in page0)
    median_height = max(1.0, heights[len(heights) // 2]) if heights else 1.0
    page_width = max((s.x2 for r in page0 for s in r.spans), default=1.0)
    page_height = max((r.y2 for r in page0), default=1.0)
    n_legal = 0
    for rank, row in enumerate(header):
        text = row.text.strip()
        legal = bool(_LEGAL_SUFFIX.search(text))
        reg_tail = bool(_REG_NO_TAIL.search(text))
        if legal:
            text = _TITLE_AFTER_NAME.sub("", text)  # "SHREE GANESH ELECTRICALS PVT. LTD. Tax Invoice"
            text = _REG_PAREN_TAIL.sub("", text) or text
        if _ADDRESS.search(text) and not legal:
            after_address = rank
        if _is_not_merchant(text, legal):
            continue
        letters = sum(c.isalpha() for c in text)
        if letters < 3:
            continue
        score = 2.0 - 0.25 * rank
        near_address = False
        if legal:
            score += 3.0
        elif rank - after_address <= 2:
            score -= 1.5  # "JOHOR", "Brem Mall": the city/state/building line that ends an address
            near_address = True
        owner_prev = rank > 0 and bool(_OWNER_INTRO.search(header[rank - 1].text))
        company_word = bool(_COMPANY_WORD.search(text))
        if owner_prev:
            score -= 3.0  # "Owned by: X SDN BHD" names the operator; the trading name is printed above
        elif company_word:
            score += 1.0
        uppers = sum(c.isupper() for c in text) / letters
        if uppers > 0.8:
            score += 0.3
        elif uppers < 0.1:
            score -= 2.0  # all lower case: handwriting or a slogan, not the printed name
        nxt = header[rank + 1].text.strip() if rank + 1 < len(header) else ""
        reg_next = bool(_REG_NO.fullmatch(nxt))
        if (reg_next and (legal or company_word)) or reg_tail:
            score += 1.5  # the legal name is printed with its registration number
        joined, rows = _join_merchant_rows(items, by_index, text, row)
        n_legal += legal
        found.append(MerchantCandidate(text=joined, rows=rows, score=score, facts={
            "rank": float(rank),
            "n_header": float(len(header)),
            "legal": float(legal),
            "first_legal": float(legal and n_legal == 1),
            "joined_legal": float(bool(_LEGAL_SUFFIX.search(joined))),
            "reg_tail": float(reg_tail),
            "reg_next": float(reg_next),
            "company_word": float(company_word),
            "owner_prev": float(owner_prev),
            "near_address": float(near_address),
            "upper_ratio": uppers,
            "letters": float(letters),
            "digits": float(sum(c.isdigit() for c in text)),
            "words": float(len(text.split())),
            "parens": float("(" in joined or ")" in joined),
            "joined_rows": float(len(rows) - 1),
            "height_rel": row.height / median_height,
            "x_center": (min(s.x1 for s in row.spans) + max(s.x2 for s in row.spans)) / 2 / max(1.0, page_width),
            "width_rel": (max(s.x2 for s in row.spans) - min(s.x1 for s in row.spans)) / max(1.0, page_width),
            "y_rel": row.y1 / max(1.0, page_height),
        }))
    return found


def document_merchant_candidates(document: OcrDocument) -> list[MerchantCandidate]:
    """The merchant candidates of a whole document (what ``scripts/train_ranker.py`` learns from)."""
    return merchant_candidates(_labelled_rows(group_rows(document)))


def _join_merchant_rows(items: list[_LabelledRow], by_index: dict[int, Row], text: str,
                        row: Row) -> tuple[str, list[Row]]:
    """A name split over rows: "SDN BHD" alone on a row, or "CO. (M) SDN BHD" / "& TEA LEAF (M) SDN BHD" began a
    row above; an unclosed "(" continues on the row below."""
    rows = [row]
    for _ in range(2):  # "AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" / "ALAM) SDN BHD"
        prev = by_index.get(rows[0].index - 1)
        if (prev is None or prev.page != row.page or _is_not_merchant(prev.text, False)
                or sum(c.isalpha() for c in prev.text) < 3):
            break
        own = _REG_PAREN_TAIL.sub("", text)  # a registration number's ")" does not close a name
        if not (_BARE_SUFFIX.fullmatch(_norm(text)) or _CONTINUATION.match(text)
                or own.count(")") > own.count("(") or (own.startswith("(") and _LEGAL_SUFFIX.search(own))):
            break
        text = f"{prev.text} {text}"
        rows.insert(0, prev)
    nxt_row = by_index.get(rows[-1].index + 1)
    if text.count("(") > text.count(")") and nxt_row is not None and nxt_row.page == row.page:
        text = f"{text} {nxt_row.text}"
        rows.append(nxt_row)
    return text, rows


def _sum_of(lines: list[_Scored]) -> _Scored:
    """Several tax lines as one candidate: their sum, with a box around all of them."""
    value = round(sum(t.amount.value for t in lines), 2)
    boxes = [t.amount.bbox for t in lines]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    first = lines[0].amount
    return _Scored(_Amount(value, f"{value:.2f}", first.row, bbox, first.x), max(t.score for t in lines), "tax_sum")


def _candidate(scored: _Scored | None, confidence: float) -> FieldCandidate | None:
    if scored is None:
        return None
    a = scored.amount
    return FieldCandidate(raw=a.raw, confidence=confidence, bbox=a.bbox, page=a.row.page)
