"""Local KIE: layout-aware field extraction from an OCR Document, in process, on CPU.

How it works, in three steps:
1. Rows: spans whose vertical extents overlap are one printed row (a label at the left, its value at the right).
2. Labels: each row's text left of its first amount is classified by keywords (English, Malay, German, French,
   Russian), matched exactly first and fuzzily (OCR noise) second, e.g. TOTAL / ROUNDED TOTAL / SUBTOTAL / GST.
3. Candidates: the amounts to the right of a label or in the row below it become candidates with a score from
   the label's strength, position on the page, and plausibility; the best set that adds up
   (subtotal + tax ≈ total) wins. Dates are scored by nearby "date" labels and position; the merchant is the
   best header row that is not an address, phone, id or document title.

Values stay raw strings ("RM 9.00"): normalization belongs to ``lib.post.rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from lib.ocr_document import BBox, OcrDocument, Span
from lib.pipelines.kie_base import FieldCandidate, KieResult
from lib.post.rules import detect_currency, find_amounts, find_dates

__all__ = ["LocalKie", "Row", "group_rows", "LOCAL_KIE_VERSION"]

LOCAL_KIE_VERSION = "local-kie-0.3"


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


def group_rows(document: OcrDocument) -> list[Row]:
    """Spans → printed rows, top to bottom, page by page (a span joins a row it overlaps by ≥ 50 % height)."""
    rows: list[Row] = []
    for page_index, page in enumerate(document.pages):
        page_rows: list[Row] = []
        for span in sorted(page.spans, key=lambda s: (s.cy, s.x1)):
            best, best_overlap = None, 0.0
            for row in page_rows[-4:]:
                ref = row.spans[-1]
                overlap = min(ref.y2, span.y2) - max(ref.y1, span.y1)
                ratio = overlap / max(1.0, min(ref.height, span.height))
                if ratio > best_overlap and not any(_x_overlap(s, span) for s in row.spans):
                    best, best_overlap = row, ratio
            if best is not None and best_overlap >= 0.5:
                best.spans.append(span)
                best.spans.sort(key=lambda s: s.x1)
            else:
                page_rows.append(Row(page=page_index, spans=[span]))
        rows.extend(page_rows)
    for i, row in enumerate(rows):
        row.index = i
    return rows


def _x_overlap(a: Span, b: Span) -> bool:
    return min(a.x2, b.x2) - max(a.x1, b.x1) > 0.5 * min(a.x2 - a.x1, b.x2 - b.x1)


# ---------------------------------------------------------------- labels
def _norm(text: str) -> str:
    text = text.upper().replace("Ё", "Е")
    text = re.sub(r"(?<=[A-Z])0|0(?=[A-Z])", "O", text)  # T0TAL → TOTAL
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(text.split())


# Order matters: the first class whose keyword matches wins, so specific phrases come before "TOTAL".
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ignore", ("TOTAL QTY", "TOTAL QUANTITY", "TOTAL ITEM", "TOTAL ITEMS", "NO OF ITEM", "TOTAL NO", "QTY TOTAL",
                "TOTAL DISCOUNT", "TOTAL SAVING", "TOTAL SAVINGS", "YOU SAVED", "ITEM COUNT", "TOTAL PCS",
                "GST SUMMARY", "TAX SUMMARY", "AMOUNT RM TAX RM", "POINTS", "TOTAL POINT")),
    ("change", ("CHANGE", "CHANGE DUE", "BALANCE CHANGE", "СДАЧА", "RUCKGELD", "RENDU")),
    ("cash", ("CASH", "TENDERED", "PAYMENT", "PAID", "VISA", "MASTER", "CREDIT CARD", "DEBIT", "CARD", "НАЛИЧНЫМИ",
              "НАЛИЧНЫЕ", "БЕЗНАЛИЧНЫМИ", "ПОЛУЧЕНО", "GEGEBEN", "BAR", "ESPECES")),
    ("subtotal", ("SUBTOTAL", "SUB TOTAL", "SUB TOTAL RM", "TOTAL EXCL", "TOTAL EXCLUDING", "EXCLUDING GST",
                  "EXCL GST", "TOTAL BEFORE", "AMOUNT BEFORE", "BEFORE TAX", "NET AMOUNT", "TOTAL NET",
                  "ZWISCHENSUMME", "NETTOBETRAG", "NETTO", "SOUS TOTAL", "TOTAL HT", "ИТОГО БЕЗ НДС",
                  "СУММА БЕЗ НДС", "БЕЗ НДС", "TOTAL SALES EXCL", "TAXABLE AMOUNT", "TOTAL W O TAX")),
    ("rounding", ("ROUNDING", "ROUNDING ADJ", "ROUND ADJ", "ROUNDING ADJUSTMENT", "ADJ", "ОКРУГЛЕНИЕ")),
    ("total_strong", ("GRAND TOTAL", "TOTAL AMOUNT", "AMOUNT DUE", "TOTAL DUE", "BALANCE DUE", "ROUNDED TOTAL",
                      "TOTAL ROUNDED", "NETT TOTAL", "NET TOTAL", "TOTAL PAYABLE", "AMOUNT PAYABLE", "TOTAL INCL",
                      "TOTAL INCLUSIVE", "TOTAL SALES INCL", "TOTAL RM", "TOTAL AMT", "TOTAL TTC",
                      "GESAMTBETRAG", "GESAMT", "SUMME", "ZU ZAHLEN", "MONTANT TTC", "NET TO PAY", "PAYABLE",
                      "ИТОГО К ОПЛАТЕ", "К ОПЛАТЕ", "ВСЕГО К ОПЛАТЕ", "СУММА К ОПЛАТЕ", "TOTAL SALES")),
    ("tax", ("TOTAL GST", "TOTAL TAX", "GST", "SST", "VAT", "TAX", "SALES TAX", "SERVICE TAX", "SERVICE CHARGE TAX",
             "CGST", "SGST", "IGST", "MWST", "UST", "TVA", "IVA", "НДС", "В Т Ч НДС", "ВТ Ч НДС")),
    ("total", ("TOTAL", "NETT", "AMOUNT", "ИТОГО", "ВСЕГО", "ИТОГ", "TOTAAL", "BETRAG")),
    ("date", ("DATE", "DATED", "INVOICE DATE", "BILL DATE", "DATE TIME", "TARIKH", "ДАТА", "DATUM", "ОТ")),
)

_LABEL_WEIGHT = {"total_strong": 3.0, "total": 2.0}


def classify_label(text: str) -> str | None:
    """Label class of a row's label text, or None. Exact keyword (word-bounded) first, then fuzzy."""
    norm = _norm(text)
    if not norm:
        return None
    padded = f" {norm} "
    for cls, keywords in _LABELS:
        for kw in keywords:
            if f" {kw} " in padded or (cls in ("subtotal", "total", "tax") and norm.startswith(kw)):
                return cls
    for cls, keywords in _LABELS:
        for kw in keywords:
            if len(kw) >= 5 and fuzz.partial_ratio(kw, norm, score_cutoff=88):
                # "SUBTOTAL" also matches TOTAL fuzzily: the class order above keeps that right.
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


def _row_amounts(row: Row) -> tuple[list[_Amount], str, float]:
    """Amounts in a row (left → right), the label text before the first one, and the label's right edge."""
    amounts: list[_Amount] = []
    label_parts: list[str] = []
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
        for value, start, end in found:
            x1 = span.x1 + width * start / n
            x2 = span.x1 + width * end / n
            amounts.append(_Amount(value, span.text[start:end], row, (x1, span.y1, x2, span.y2), x1))
    return amounts, " ".join(label_parts), label_x2


def _labelled_rows(rows: list[Row]) -> list[_LabelledRow]:
    result = []
    for row in rows:
        amounts, label_text, label_x2 = _row_amounts(row)
        label = classify_label(label_text) if label_text else None
        if label is None and not amounts:
            label = classify_label(row.text)
        result.append(_LabelledRow(row=row, label=label, label_x2=label_x2, amounts=amounts))
    return result


def _value_for_label(items: list[_LabelledRow], i: int) -> tuple[_Amount | None, float]:
    """The amount a label at row ``i`` points to: right of it in the same row, else in the next 1–2 rows."""
    item = items[i]
    right = [a for a in item.amounts if a.x >= item.label_x2 - 5]
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
    model_version = LOCAL_KIE_VERSION

    async def extract(self, document: OcrDocument) -> KieResult:
        return self.extract_sync(document)

    def extract_sync(self, document: OcrDocument) -> KieResult:
        rows = group_rows(document)
        items = _labelled_rows(rows)
        n_rows = max(1, len(rows))
        fields: dict[str, FieldCandidate | None] = {}

        scored: dict[str, list[_Scored]] = {"total": [], "subtotal": [], "tax": []}
        cash_values: list[float] = []
        for i, item in enumerate(items):
            if item.label in ("cash", "change"):
                amount, _ = _value_for_label(items, i)
                if amount is not None and item.label == "cash":
                    cash_values.append(amount.value)
                continue
            target = {"total_strong": "total", "total": "total", "subtotal": "subtotal", "tax": "tax"}.get(
                item.label or ""
            )
            if target is None:
                continue
            amount, distance_penalty = _value_for_label(items, i)
            if amount is None:
                continue
            position = item.row.index / n_rows  # later rows are more often the final total
            score = _LABEL_WEIGHT.get(item.label or "", 1.0) + position - distance_penalty
            if target == "tax" and "%" in amount.raw:
                continue
            scored[target].append(_Scored(amount, score, item.label or ""))

        total = self._choose_total(scored, items, cash_values)
        subtotal = max(scored["subtotal"], key=lambda s: s.score, default=None)
        tax = self._choose_tax(scored["tax"], total)
        fields["total"] = _candidate(total, 0.9 if total and total.label == "total_strong" else 0.75)
        fields["subtotal"] = _candidate(subtotal, 0.7)
        fields["tax_amount"] = _candidate(tax, 0.7)
        fields["date"] = self._choose_date(items)
        fields["merchant"] = self._choose_merchant(items)
        fields["currency"] = self._choose_currency(total, document)
        return KieResult(fields=fields, backend=self.name, model_version=self.model_version)

    # -- totals
    @staticmethod
    def _choose_total(
        scored: dict[str, list[_Scored]], items: list[_LabelledRow], cash_values: list[float]
    ) -> _Scored | None:
        candidates = list(scored["total"])
        if not candidates:
            # No total label at all: the largest amount that is not a cash/change line.
            pool = [a for it in items if it.label not in ("cash", "change", "ignore") for a in it.amounts]
            if not pool:
                return None
            best = max(pool, key=lambda a: a.value)
            return _Scored(best, 0.0, "fallback")
        subtotals = [s.amount.value for s in scored["subtotal"]]
        taxes = [s.amount.value for s in scored["tax"]]
        for cand in candidates:
            value = cand.amount.value
            if value <= 0:
                cand.score -= 1.0
            if any(abs(st + tx - value) <= 0.05 for st in subtotals for tx in taxes):
                cand.score += 1.0
            if cash_values and all(value > c + 0.005 for c in cash_values):
                cand.score -= 0.5  # a total above what the customer paid is unlikely
        return max(candidates, key=lambda s: s.score)

    @staticmethod
    def _choose_tax(taxes: list[_Scored], total: _Scored | None) -> _Scored | None:
        if total is not None:
            taxes = [t for t in taxes if t.amount.value < total.amount.value or total.amount.value <= 0]
        return max(taxes, key=lambda s: s.score, default=None)

    # -- date
    @staticmethod
    def _choose_date(items: list[_LabelledRow]) -> FieldCandidate | None:
        best: tuple[float, str, Row] | None = None
        n = max(1, len(items))
        for i, item in enumerate(items):
            text = item.row.text
            found = find_dates(text)
            if not found:
                continue
            _, start, end = found[0]
            score = 1.0 - 0.5 * i / n
            if item.label == "date" or re.search(r"DATE|TARIKH|ДАТА|DATUM|\bот\b", text, re.IGNORECASE):
                score += 1.0
            if re.search(r"DUE|EXPIR|VALID|SRPAYMENT|BIRTH", text, re.IGNORECASE):
                score -= 0.8
            if best is None or score > best[0]:
                best = (score, text[start:end], item.row)
        if best is None:
            return None
        score, raw, row = best
        bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
        return FieldCandidate(raw=raw, confidence=min(0.95, 0.6 + 0.2 * score), bbox=bbox, page=row.page)

    # -- merchant
    @staticmethod
    def _choose_merchant(items: list[_LabelledRow]) -> FieldCandidate | None:
        header = [it.row for it in items if it.row.page == 0][:12]
        best: tuple[float, str, Row] | None = None
        for rank, row in enumerate(header):
            text = row.text.strip()
            if _is_not_merchant(text):
                continue
            score = 2.0 - 0.25 * rank
            if _COMPANY_SUFFIX.search(text):
                score += 3.0
            letters = sum(c.isalpha() for c in text)
            if letters < 3:
                continue
            if sum(c.isupper() for c in text) / max(1, letters) > 0.8:
                score += 0.3
            if best is None or score > best[0]:
                best = (score, text, row)
        if best is None:
            return None
        score, text, row = best
        # "SDN BHD" alone on a row belongs to the name above it.
        if _BARE_SUFFIX.fullmatch(_norm(text)) and row.index > 0:
            prev = next((r.row for r in items if r.row.index == row.index - 1), None)
            if prev is not None:
                text = f"{prev.text} {text}"
        bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
        return FieldCandidate(raw=text, confidence=min(0.95, 0.4 + 0.1 * score), bbox=bbox, page=row.page)

    # -- currency
    @staticmethod
    def _choose_currency(total: _Scored | None, document: OcrDocument) -> FieldCandidate | None:
        if total is not None:
            token = _currency_token(total.amount.row.text)
            if token:
                return FieldCandidate(raw=token, confidence=0.9, bbox=total.amount.bbox, page=total.amount.row.page)
        code = detect_currency(document.text)
        return FieldCandidate(raw=code, confidence=0.6) if code else None


_COMPANY_SUFFIX = re.compile(
    r"\b(SDN\.?\s*BHD|BHD|BERHAD|ENTERPRISE|TRADING|LTD|LIMITED|LLC|INC|CORP|GMBH|AG|S\.?A\.?R\.?L|PLC|CO\b|"
    r"COMPANY|RESTAURANT|RESTORAN|MART|STORE|SHOP|MARKET|HARDWARE|BOOKSTORE|STATIONERY|PHARMACY|CAFE|"
    r"ООО|ОАО|ЗАО|АО|ИП|ПАО)\b",
    re.IGNORECASE,
)
_BARE_SUFFIX = re.compile(r"(SDN BHD|BHD|BERHAD|LTD|LLC|INC|GMBH)")
_NOT_MERCHANT = re.compile(
    r"TAX\s*INVOICE|^INVOICE|^RECEIPT|OFFICIAL RECEIPT|CASH\s*(SALE|BILL)|^BILL|WELCOME|THANK|\bTEL\b|TEL[:.]|"
    r"PHONE|FAX|H/P|E-?MAIL|@|WWW\.|HTTP|GST\s*(REG|ID|NO)|CO\.?\s*(REG|NO)|COMPANY\s*(REG|NO)|REG\.?\s*NO|"
    r"\bJALAN\b|\bJLN\b|\bTAMAN\b|\bLORONG\b|\bNO\.?\s*\d|\bLOT\b|\bSTREET\b|\bROAD\b|\bAVENUE\b|\bSUITE\b|"
    r"\bул\.|\bг\.|ИНН|КПП|ОГРН|СЧ[ЕЁ]Т|^ДАТА|^DATE|^\W*\d{5}\b|^[\d\W]+$|INVOICE\s*NO|DOC(UMENT)?\s*NO|"
    r"CASHIER|TABLE|SERVER|SALESPERSON|MEMBER",
    re.IGNORECASE,
)


def _is_not_merchant(text: str) -> bool:
    return bool(_NOT_MERCHANT.search(text)) or bool(re.fullmatch(r"[\W\d]*\(?\d{4,}[-\w]*\)?[\W]*", text))


def _candidate(scored: _Scored | None, confidence: float) -> FieldCandidate | None:
    if scored is None:
        return None
    a = scored.amount
    return FieldCandidate(raw=a.raw, confidence=confidence, bbox=a.bbox, page=a.row.page)
