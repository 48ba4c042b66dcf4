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
# Words whose OCR'd spellings we repair before classifying ("TATAL", "T0TAL", "TOTALSALES", "ROUNDlNG").
_VOCAB = ("TOTAL", "SUBTOTAL", "ROUNDING", "CHANGE", "CASH", "AMOUNT", "INCLUSIVE", "INCLUDING", "PAYABLE",
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


_TAX_WORD = r"(?:GST|SST|VAT|TAX|TAXES|CGST|SGST|IGST|UTGST|MWST|UST|TVA|IVA|НДС)"
# (class, pattern) in priority order: the first match wins.
_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(pattern)) for cls, pattern in (
        ("ignore", r"\bTOTAL (QTY|QUANTITY|ITEMS?|NO|PCS|DISCOUNTS?|SAVINGS?|POINTS?|UNITS?)\b|^(QTY|QUANTITY|"
                   r"ITEM COUNT|NO OF ITEMS?|ITEMS?)\b(?!.*\bTOTAL\b)|\b(SUMMARY|YOU SAVED|SAVINGS)\b|"
                   r"\bDISCOUNT\b"),
        ("change", r"\bCHANGE\b|\bСДАЧА\b|\bRUCKGELD\b|\bRENDU\b|^BALANCE$"),
        ("cash", r"^(CASH|TENDER\w*|PAYMENT|PAID|PAY|VISA|MASTER\w*|AMEX|CARD|DEBIT|CREDIT|EFTPOS|NETS|"
                 r"CUSTOMER S PAYMENT|НАЛИЧН\w*|БЕЗНАЛИЧН\w*|ПОЛУЧЕНО|GEGEBEN|BAR|ESPECES)\b|\bCASH\b(?!.*TOTAL)"),
        ("rounding", r"\bROUND\w*\b|\bADJ\w*\b|ОКРУГЛ"),
        ("subtotal", r"\bSUB ?TOTAL\b|\bSUB\b|\bEXCL\w*\b|\bBEFORE\b|\bW O (GST|TAX)\b|\bWITHOUT\b|"
                     r"\bZWISCHENSUMME\b|\bNETTO\w*\b|\bSOUS TOTAL\b|\bTOTAL HT\b|БЕЗ НДС|\bTAXABLE\b|"
                     r"\bNET AMOUNT\b|\bTOTAL NET\b"),
        ("total_strong", r"\bGRAND TOTAL\b|\bTOTAL\b.*\b(INCL\w*|INC|WITH|PAYABLE|DUE|AMOUNT|AMT|RM|SALES|ROUNDED|"
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
        paid: dict[str, list[float]] = {"cash": [], "change": []}
        after_rounding = False
        for i, item in enumerate(items):
            if item.label in ("cash", "change"):
                amount, _ = _value_for_label(items, i)
                if amount is not None:
                    paid[item.label].append(amount.value)
                continue
            if item.label == "rounding":
                after_rounding = True
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
            if target == "total" and after_rounding:
                score += 0.8  # a total printed after the rounding line is the rounded, final one
            scored[target].append(_Scored(amount, score, item.label or ""))

        has_cents = any("." in a.raw or "," in a.raw for it in items for a in it.amounts)
        total = self._choose_total(scored, items, paid, has_cents)
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
        scored: dict[str, list[_Scored]], items: list[_LabelledRow], paid: dict[str, list[float]], has_cents: bool
    ) -> _Scored | None:
        """Best total candidate; evidence beyond the label: cash − change, subtotal + tax, repeats, cents."""
        cash, change = paid["cash"], paid["change"]
        paid_amounts = {round(c - ch, 2) for c in cash for ch in change} | set(cash if not change else [])
        candidates = list(scored["total"])
        if not candidates:
            # No total label: amounts outside cash/change/ignored rows, judged by the same evidence.
            for it in items:
                if it.label in ("cash", "change", "ignore", "tax", "subtotal", "rounding"):
                    continue
                candidates.extend(_Scored(a, 0.0, "fallback") for a in it.amounts)
            if not candidates:
                return None
        all_values = [a.value for it in items for a in it.amounts]
        subtotals = [s.amount.value for s in scored["subtotal"]]
        taxes = [s.amount.value for s in scored["tax"]]
        for cand in candidates:
            value = cand.amount.value
            if value <= 0:
                cand.score -= 1.0
            if has_cents and "." not in cand.amount.raw and "," not in cand.amount.raw:
                cand.score -= 1.5  # "8817" where every price has cents: a code or an OCR slip
            if any(abs(p - value) < 0.005 for p in paid_amounts):
                cand.score += 1.5
            if any(abs(st + tx - value) <= 0.02 for st in subtotals for tx in taxes):
                cand.score += 1.0
            if cash and all(value > c + 0.005 for c in cash):
                cand.score -= 0.7  # more than the customer paid
            repeats = sum(1 for v in all_values if abs(v - value) < 0.005) - 1
            cand.score += 0.2 * min(repeats, 3)
            if cand.label == "fallback":
                cand.score += 0.1 * value / max(1.0, max(all_values))  # otherwise the larger, the likelier
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
