"""Amount candidates: the amounts of each labelled row, tax tables by column, and the amount a label points to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.kie.base import FieldCandidate
from lib.kie.labels import _norm, classify_label, says_no_vat
from lib.kie.rows import Row
from lib.ocr_document import BBox, Span, split_words
from lib.post.lookalikes import has_cyrillic
from lib.post.rules import find_amounts

__all__: list[str] = []  # shared by the other KIE modules (names stay private to the package)


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
    whole_units: bool = False  # on a page whose amounts have no decimals (forints, pesos): "4 208" is money


# "477 945.00" alone in its span on a Cyrillic row: one amount (Kazakh and other 1C layouts group thousands with
# spaces before a decimal point; on Latin receipts "2 150.00" is more often a quantity and a price)
# … also with its first space lost, at the end of the span ("1421 010.00" for "1 421 010.00", read so by Tesseract
# on Kazakh invoices; "1220 400,00" with a decimal comma), maybe before the currency's mark ("1303 904.00 тг.", "1453
# 368,00 КІТ": KZT in Cyrillic look-alikes)
_FIRST_SPACE_LOST = re.compile(r"[1-9]\d{3}(?: \d{3})+[.,]\d{2}\s*")
_SPACE_GROUPED_DOT = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+\.\d{2}(?!\d)|"
                                rf"(?<![\d.,] )(?<![\d.,])(?:{_FIRST_SPACE_LOST.pattern})"
                                r"(?=(?:(?:тг|тенге|теңге|руб|р|сом|лв|грн|т|Т|RUB|[KК][ZІI2З][TТ])\.?|[₸₽])?\s*$)")


def _join_grouped(text: str, found: list[tuple[float, int, int]], pattern: re.Pattern[str], *,
                  one_part: bool = False) -> list[tuple[float, int, int]]:
    """The amounts ``find_amounts`` found inside each match of ``pattern`` (a number whose thousands are grouped by
    spaces) replaced by the one amount the match is. ``one_part``: also when a single found amount covers only part
    of the match ("2 049": its "049" is no amount alone)."""
    for m in pattern.finditer(text):
        inside = [f for f in found if m.start() <= f[1] and f[2] <= m.end()]
        if len(inside) > 1 or one_part and inside and inside[0][2] - inside[0][1] < m.end() - m.start():
            found = sorted([f for f in found if f not in inside]
                           + [(float(m.group().replace(" ", "").replace(",", ".")), m.start(), m.end())],
                           key=lambda f: f[1])
    return found


# "24 702,32": a page that groups thousands with spaces before a decimal comma (French, Nordic, Cyrillic layouts)
_SPACE_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+,\d{2}(?![\d.,])")
# "ÖSSZESEN 13 848", "TOTAL $115.738": whole forints or pesos, thousands grouped, on a page that prints no amount
# with decimals. Space-grouped: a thousand and its group ("3 313"); more groups only at a span's end or before the
# forint's mark ("1 234 567 Ft"): a VAT row read as one span, "3 313 895 4 208", is a net, a tax and a gross.
_SPACE_GROUPED_WHOLE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?: \d{3}){2,}(?=\s*$|\s?(?:Ft|FT|HUF|,-))|"
                                  r"(?<![\d.,])[1-9]\d{0,2} \d{3}(?![\d.,])")
_GROUPED_WHOLE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:[ .,]\d{3})+(?![\d.,])|\d\s?Ft\b")
# cents: not a rate "5,00%", a date "2025.10.01", a volume or weight "0,75L", "0,45 kg"
_PAGE_CENTS = re.compile(r"(?<![\d.,])\d+(?:[.,' ]\d{3})*[.,]\d{2}(?![\d.,])"  # (also "1.634,88", "2 150.00")
                         r"(?!\s?(?:%|[lL]\b|LT\b|lt\b|kg\b|KG\b|g\b|ml\b|cl\b))")
_PLAIN_WHOLE = re.compile(r"(?<![\d.,:/-])[1-9]\d{2,5}(?![\d.,:/-])")  # "13460", not "2025.05.28", "12:45"
# rows of phone numbers and ids: "+36 1 234 5678", "NIT 900 123 456 7", an IBAN's groups are no amounts
_NUMBER_ROW = re.compile(r"(?i)\b(?:tel(?:[.:]|\b|[eé]f\w*)|fono|phone|cel(?:[.:]|\b|ular)|fax|mob(?:il\w*|\b)|"
                         r"nit\b|rut\b|r\.u\.t|ad[óo]sz\w*|iban\b)|\+\d")


def _whole_units_page(texts: list[str]) -> bool:
    """The page prints its amounts without decimals (forints, Chilean and Colombian pesos): outside phone and id
    rows, a grouped whole number (or "Ft" after a number) and at most one amount with cents (a card slip's "4 208,00
    HUF") against two or more grouped ones; or, on a till that groups nothing ("Összesen 13460"), no cents at all
    and three whole numbers of three digits or more. There "4 208" is one amount, not a 4 and a 208, and a whole
    number is money (a VAT table's "3 313 ‖ 895", "12819 ‖ 641")."""
    amount_rows = [t for t in texts if not _NUMBER_ROW.search(t)]
    grouped = sum(len(_GROUPED_WHOLE.findall(t)) for t in amount_rows)
    cents = sum(len(_PAGE_CENTS.findall(t)) for t in amount_rows)
    if cents == 0 and grouped == 0:
        return sum(len(_PLAIN_WHOLE.findall(t)) for t in amount_rows) >= 3
    return grouped > 0 and (cents == 0 or cents == 1 and grouped >= 2)


def _join_whole_grouped(text: str, found: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """"1 320 A", "ÖSSZESEN 4 208": the space-grouped whole number as one amount. Not on a phone or id row."""
    return found if _NUMBER_ROW.search(text) else _join_grouped(text, found, _SPACE_GROUPED_WHOLE, one_part=True)


_DECIMAL_COMMA = re.compile(r"\d,\d{2}(?![\d.,])")
_DECIMAL_DOT = re.compile(r"\d\.\d{2}(?![\d.,])")


def _decimal_commas_win(texts: list[str]) -> bool:
    """More amounts with a decimal comma than with a decimal point on the page: its own format is the comma."""
    text = "\n".join(texts)
    return len(_DECIMAL_COMMA.findall(text)) > len(_DECIMAL_DOT.findall(text))


def _row_amounts(row: Row, space_grouped: bool = False, whole_units: bool = False,
                 ) -> tuple[list[_Amount], str, float]:
    """Amounts in a row (left → right), the label text before the first one, and the label's right edge.

    ``space_grouped``: the page groups thousands with spaces ("24 702,32"), so "65 725.38" there is one amount
    with its comma read as a dot, as on a Cyrillic row, not a quantity and a price. ``whole_units``: the page's
    amounts have no decimals and group thousands with a space ("13 848 Ft"): one amount too."""
    amounts: list[_Amount] = []
    label_parts: list[str] = []
    lead: list[str] = []
    label_x2 = row.spans[0].x1
    join_grouped = space_grouped or has_cyrillic(row.text)  # "477 945.00": one amount
    for span in row.spans:
        found = find_amounts(span.text)
        if join_grouped and len(found) > 1:
            found = _join_grouped(span.text, found, _SPACE_GROUPED_DOT)
        if whole_units and found:
            found = _join_whole_grouped(span.text, found)
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
            raw = span.text[start:end]
            if _FIRST_SPACE_LOST.fullmatch(raw):
                raw = raw.replace(" ", "").strip()  # (so that the rules read it as the KIE did)
            amounts.append(_Amount(value, raw, row, (x1, span.y1, x2, span.y2), x1, " ".join(lead).strip()))
            lead, pos = [], end
        lead.append(span.text[pos:])
    return _join_split_thousands(amounts), " ".join(label_parts), label_x2


_THOUSANDS_TAIL = re.compile(r"0\d{2}[.,]\d{1,2}")  # "032,80": no price starts with a 0 before its decimals
_GROUP_TAIL = re.compile(r"\d{3}[.,]\d{2}")


def _join_split_thousands(amounts: list[_Amount], *, vat_row: bool = False) -> list[_Amount]:
    """"=1 | 032,80", "=1 | 212,55": the detector cut "1 032,80" into two touching boxes at the thousands space;
    join them back. Only when the tail cannot be a price on its own (a leading 0) or the head is an amount by its
    "=" (Russian tills print "=" before every amount; a quantity never has one), or in a VAT table's row, where no
    quantity stands before an amount ("25% 1 227.20 306,80 1 534,00")."""
    out: list[_Amount] = []
    for a in amounts:
        prev = out[-1] if out else None
        tail_ok = prev is not None and (_THOUSANDS_TAIL.fullmatch(a.raw) is not None or (
            _GROUP_TAIL.fullmatch(a.raw) is not None and (vat_row or prev.lead.rstrip().endswith("="))))
        if (prev is not None and tail_ok and re.fullmatch(r"\d{1,3}", prev.raw)
                and not a.lead.strip() and a.bbox[0] - prev.bbox[2] < a.bbox[3] - a.bbox[1]):
            out[-1] = _Amount(int(prev.raw) * 1000 + a.value, f"{prev.raw} {a.raw}", a.row,
                              (prev.bbox[0], min(prev.bbox[1], a.bbox[1]), a.bbox[2], max(prev.bbox[3], a.bbox[3])),
                              prev.x, prev.lead)
        else:
            out.append(a)
    return out


_TABLE_HEADER = re.compile(r"\b(DESCRIPTION|DESC|ITEM|U P|UNIT PRICE|PRICE|QTY|ОПИСАНИЕ|НАИМЕНОВАНИЕ|ЦЕНА|КОЛ ВО|"
                           r"BESCHREIBUNG|BEZEICHNUNG|ARTIKEL|MENGE|ANZAHL|EINZELPREIS|DESIGNATION|QTE|QUANTITE|"
                           r"PRIX|OMSCHRIJVING|AANTAL|PRIJS|DESCRIPCION|CANT|CANTIDAD|PRECIO|DESCRIZIONE|QUANTITA|"
                           r"PREZZO|OPIS|ILOSC|CENA|ТОВАР\w*|КОЛИЧЕСТВО|"
                           # uk, bg, sr, be, kk
                           r"НАЙМЕНУВАННЯ|КІЛЬКІСТЬ|ЦІНА|ОПИС|КОЛ|НАЙМЕННЕ|КОЛЬКАСЦЬ|ЦАНА|АТАУЫ|САНЫ|БАҒАСЫ)\b")
_SUMMARY = re.compile(r"\b(SUMMARY|ANALYSIS)\b")
_CURRENCY_TAIL = re.compile(r"[\s(]*\b(RM|MYR|USD|EUR|RUB|SGD|GBP|INR)\b[\s)]*$|[\s(]*[$€£₽₹][\s)]*$", re.IGNORECASE)


_MONEY_LABELS = frozenset({"total", "total_strong", "due", "subtotal", "tax"})


# The parts a Brazilian NFC-e splits its approximate taxes into (lib/kie/labels.py, "TRIBUTOS")
_TRIBUTOS = re.compile(r"\bTRIB")
_TAX_PARTS = re.compile(r"\b(FED(ERA[LI]S?)?|EST(ADUA[LI]S?)?|MUN(ICIPA[LI]S?)?)\b")


def _tax_of_parts(row: Row, amounts: list[_Amount], following: Row | None) -> list[_Amount]:
    """The approximate taxes of a row that splits them, with the row it runs on into when that one begins with a
    part's word. A part's word after every amount ("Trib aprox R$ 2,00 Federal, R$ 3,20 Estadual e R$ 0,00
    Municipal", IBPT's wording) → one amount, their sum; one word fewer than amounts ("Trib aprox R$ 5,20: Federal
    R$ 2,00 Estadual R$ 3,20": the sum first) → the first amount."""
    parts, text = list(amounts), row.text
    if following is not None and _TAX_PARTS.match(_norm(following.text)):
        parts += _row_amounts(following)[0]
        text += " " + following.text
    words = len(_TAX_PARTS.findall(_norm(text[text.find(amounts[0].raw) + len(amounts[0].raw):])))
    if words != len(parts):
        return amounts[:1]
    total = round(sum(a.value for a in parts), 2)
    first = amounts[0]
    return [_Amount(total, f"{total:.2f}", first.row, first.bbox, first.x, first.lead)]


def _labelled_rows(rows: list[Row]) -> list[_LabelledRow]:
    result = []
    in_summary = False
    space_grouped = {page for page in {row.page for row in rows if "," in row.text and _SPACE_COMMA.search(row.text)}
                     if _decimal_commas_win([row.text for row in rows if row.page == page])}
    whole_units = {page for page in {row.page for row in rows}
                   if _whole_units_page([row.text for row in rows if row.page == page])}
    for row in rows:
        amounts, label_text, label_x2 = _row_amounts(row, row.page in space_grouped, row.page in whole_units)
        # "Item 2 ‖ Total with GST ‖ 77.20": the words right before the last amount name it; "IBAN FR86 … ‖ TVA 20 %
        # sur 731,00 146,20": or the words before the amounts that end the row (a base and its tax).
        k = len(amounts) - 1
        while k > 1 and not any(c.isalpha() for c in amounts[k].lead):
            k -= 1
        if k >= 1 and _TRIBUTOS.search(_norm(label_text)) and classify_label(label_text) == "tax":
            following = rows[row.index + 1] if row.index + 1 < len(rows) else None
            amounts = _tax_of_parts(row, amounts, following if following and following.page == row.page else None)
        elif k >= 1 and sum(c.isalpha() for c in amounts[k].lead) >= 2:
            label_text = amounts[k].lead
            label_x2 = amounts[k - 1].bbox[2]
        label_text = _CURRENCY_TAIL.sub("", label_text)
        label = classify_label(label_text) if label_text else None
        limit = amounts[-1].bbox[2] + 2 * row.height if amounts else 0.0  # (row.height sorts: once per row)
        trailing = [sp for sp in row.spans if sp.x1 > limit] if amounts else []
        tail_label = classify_label(" ".join(sp.text for sp in trailing)) if trailing else None
        if trailing and tail_label not in _MONEY_LABELS and classify_label(trailing[-1].text) in _MONEY_LABELS:
            trailing = trailing[-1:]  # "… ‖ IBAN US$ GB02 MSFT 3234561876545 ‖ VAT": the last column alone
            tail_label = classify_label(trailing[0].text)
        if tail_label in _MONEY_LABELS:
            # "Account No 1234321 ‖ IBAN … ‖ VAT", the value on the row below: a label in a right-hand column
            label, label_text, label_x2 = tail_label, " ".join(sp.text for sp in trailing), trailing[-1].x2
        if not amounts and _TABLE_HEADER.search(_norm(row.text)):
            label = "ignore"  # a column header ("Description … Amount"): what is below it are line items
        elif not amounts and result and _header_goes_on(result[-1], row):
            label = "ignore"  # … and its second row ("Цена без Основица" over "мере ПДВ"): no label for the items
        elif not amounts:
            label = label or classify_label(row.text)
            if says_no_vat(row.text):
                label = "ignore"  # "ҚҚС-сыз" alone: no VAT charged (its next row's number is no net amount)
            elif label in _MONEY_LABELS and _tax_column_last(row):
                label = "ignore"  # a VAT table header "Taux ‖ TTC ‖ TVA": the last amount below is no gross total
            elif label in _MONEY_LABELS and len(row.spans) >= 3 and _net_and_gross_header(row):
                label = "ignore"  # "Momssats ‖ Exkl. moms ‖ Inkl. moms": a VAT table's header, no subtotal's label
        if row.index > 0 and rows[row.index - 1].page != row.page:
            in_summary = False
        if not amounts and _SUMMARY.search(_norm(row.text)):
            in_summary = True
        result.append(_LabelledRow(row=row, label=label, label_x2=label_x2, amounts=amounts,
                                   label_text=label_text, in_summary=in_summary,
                                   whole_units=row.page in whole_units))
    return result


_COLUMN_KINDS = (
    ("net", re.compile(r"^(NETTO|NET|NETTOBETRAG|NETTOWERT|WARENWERT|BASISBETRAG|EXCL\w*|AMOUNT|AMT|BASE|BASIS|HT|"
                       r"IMPONIBLE|IMPONIBILE|BASEIMPONIBLE|BASEIMPONIBILE|GRONDSLAG|СУММА|СТОИМОСТЬ|GRUNDLAG|"
                       r"GRUNNLAG|MOMSGRUNDLAG|ZAKLAD|EXCT|"  # ("Excl." with its l read t)
                       r"ОСНОВИЦА|ОСНОВА|MAATSTAF|INCIDENCIA|TAXABLE|OVER|EXK[LI]\w*|EKSKL\w*|EKS|BEZ|OHNE|ZONDER|SIN|SENZA|HORS|БЕЗ|"
                       r"VEROTON|MATRAH)$")),  # (Finnish, Turkish)
    ("tax", re.compile(r"^(MWST|MUST|MST|M[HNUW]{2,3}ST|UST|STEUER|STEUERBETRAG|UMSATZSTEUER|"  # ("MhuSt", "MSt")
                       r"TAX|GST|HST|VAT|TVA|IVA|BTW|IMPOSTA|"
                       r"PODATEK|PTU|CUOTA|НДС|НАЛОГ|MOMS|MVA|DPH|DAN|ALV|ПДВ|ДДС|ҚҚС|ПОРЕЗ|CGST|SGST|IGST|"
                       r"VER[OD0]|KDV|AFA)$")),  # (the Finnish "Vero" with its O read as a D; the Hungarian ÁFA)
    ("gross", re.compile(r"^(BRUTTO|BRUTTE|BRUTTOBETRAG|GROSS|TOTAL|INCL\w*|SUMME|TTC|TOTAAL|TOTALE|RAZEM|TOTALT|"
                         # ("Inkd. moms": l read as d; the Finnish "Verollinen" with its O read as a D)
                         r"CELKEM|SUMMA|BRUTO|INK[LID]\w*|IMPORTE|S|С|VER[ODQ0]LLINEN)$")),
)
_COLUMN_PHRASES = (
    ("net", re.compile(r"\bБЕЗ (НАЛОГА|НДС)\b|\bEX[CK][LI]\w*\b|\bEKSKL\w*\b|\bEKS\b|\bOHNE\b|\bHORS TAXES?\b|"
                       r"\bNETTO\b|\bNET\b|\bBEZ DPH\b|\bS IVA\b|\bSEM IVA\b")),  # "Valor s/IVA": Portuguese "without"
    ("gross", re.compile(r"\bС (НАЛОГОМ|НДС)\b|\bINCL\w*\b|\bINK[LD]\w*\b|\bTTC\b|\bBRUTTO\b|\bGROSS\b|"
                         r"\bC IVA\b|\bCOM IVA\b")),
    ("tax", re.compile(r"\bСУММА (НАЛОГА|НДС)\b|\b(VAT|TAX|TVA|BTW|IVA|MWST|UST) (AMOUNT|BETRAG|MONTANT)\b")),
)
# A column word that is only the first half of its header: "Exkl. moms", "Bez DPH", "Ohne MwSt", "Incl. BTW" (the
# tax word after it names the same column)
_COLUMN_MARKER = re.compile(r"^(EXC?K?L\w*|EXCT|EKSKL\w*|EKS|INC?K?L\w*|INKD|BEZ|OHNE|ZONDER|SIN|SENZA|HORS|БЕЗ|С|S)$")
_TABLE_END = frozenset({"cash", "change", "balance", "prepaid", "date"})
_TABLE_SUM = re.compile(r"\b(TOTAL|TOTEL|TOTAAL|TOTALE|SUMME|SUMA|SUM|GESAMT|ИТОГО|ВСЕГО|RAZEM|CELKEM|SUMMA|TOTALT|"
                        r"I ALT)\b")


_CENTS = re.compile(r"\d[.,]\d{2}\s*\W?$")
_EVIDENCE_TOP = 5  # best-scored candidates per field used as evidence for the others


def _cents(value: float) -> int:
    return round(value * 100)


def _column_token(text: str) -> str:
    """The first word of a header cell, as keywords ("Moms%" → "MOMS%")."""
    norm = _norm(text)
    return norm.split(" ")[0] if norm else ""


def _column_kind(token: str) -> str | None:
    return next((k for k, pattern in _COLUMN_KINDS if pattern.match(token)), None)


def _header_columns(row: Row) -> list[tuple[str | None, float]]:
    """A VAT table header's columns: (net / tax / gross, or None for a word we do not know; the centre x)."""
    columns: list[tuple[str | None, float]] = []
    words: list[Span] = []
    for span in row.spans:
        phrases = [k for k, pattern in _COLUMN_PHRASES if pattern.search(_norm(span.text))]
        if len(phrases) == 1 and _column_kind(_column_token(span.text)) == "tax" and phrases[0] != "tax":
            words.extend(split_words(span))  # "Moms Inkl. moms": two header cells read as one span
        elif len(phrases) == 1:  # "Стоимость без налога", "Сумма налога", "Total incl. VAT": the whole span
            columns.append((phrases[0], (span.x1 + span.x2) / 2))
        elif any(_column_kind(_column_token(w.text)) for w in split_words(span)):
            # no phrase, or two header cells the OCR read as one ("Netto MWST-BETRAG"): word by word
            words.extend(split_words(span))
        elif sum(c.isalpha() for c in span.text) >= 3:
            # a header cell of words we do not know ("Over"): what is under it is not its neighbour's
            columns.append((None, (span.x1 + span.x2) / 2))
    marker: tuple[str, Span] | None = None
    for word in words:
        token = _column_token(word.text)
        # (a word that is a phrase itself: "c/IVA", "s/IVA", the Portuguese "with / without VAT", in "IVA Valor
        # c/IVA"; not a marker then)
        phrase = next((k for k, pattern in _COLUMN_PHRASES if pattern.search(_norm(word.text))), None) if len(
            _norm(word.text).split()) > 1 else None
        kind = phrase or _column_kind(token)
        # "Exkl. moms": one column, centred on both words; not a marker a column away ("S ‖ Excl. ‖ BTW", its "%"
        # read "S")
        if kind == "tax" and marker is not None and word.x1 - marker[1].x2 < 2 * max(word.height, marker[1].height):
            columns[-1] = (marker[0], (marker[1].x1 + word.x2) / 2)
            marker = None
            continue
        marker = (kind, word) if kind is not None and phrase is None and _COLUMN_MARKER.match(token) else None
        if kind is not None:
            columns.append((kind, (word.x1 + word.x2) / 2))
    return columns


def _net_and_gross_header(row: Row) -> bool:
    """Whether a row of three columns or more names a net and a gross column in cells of their own ("Momssats ‖
    Exkl. moms ‖ Inkl. moms"; not a label split into words, "Summe ‖ netto", nor two totals, "Net total ‖ Gross
    total")."""
    columns = _header_columns(row)
    if len(columns) < 3:
        return False
    cells = {k: [s for s in row.spans if s.x1 <= x <= s.x2] for k, x in columns if k in ("net", "gross")}
    net, gross = cells.get("net"), cells.get("gross")
    return bool(net and gross) and net[0] is not gross[0]


def _column_table(items: list[_LabelledRow]) -> dict[str, list[_Amount]]:
    """Tax breakdown tables: a header row naming net / tax / gross columns, amounts in the rows below (and
    ``net_rows`` / ``tax_rows`` …: the rows' own sum where the printed sum row disagrees with it).

    "MwSt Netto MwSt Brutto" over "A 19% 22,41 4,26 26,67", or "Amount(RM) Tax(RM)" over "SR 6% 61.82 3.71":
    each amount goes to the header column nearest to it horizontally; several rate rows are summed.
    """
    found: dict[str, list[_Amount]] = {}
    for i, item in enumerate(items):
        # line items are not a tax breakdown (a header's "%" read "96" is no line item's amount)
        if any(_CENTS.search(a.raw) for a in item.amounts) or _TABLE_HEADER.search(_norm(item.row.text)):
            continue
        above = items[i - 1].row if i else None
        if (above is not None and above.page == item.row.page and item.row.y1 - above.y2 < item.row.height
                and not items[i - 1].amounts and _TABLE_HEADER.search(_norm(above.text))):
            continue  # the second row of a line-item header ("Опис … Износ ПДВ" over "мере % без ПДВ % ПДВ")
        columns = _header_columns(item.row)
        kinds = {k for k, _ in columns if k is not None}
        if len(kinds) < 2 or "tax" not in kinds:
            continue
        sums: dict[str, list[_Amount]] = {}
        widest = 0  # most money amounts in a row of this table so far
        for below in items[i + 1 : i + 6]:
            amounts = _join_split_thousands(below.amounts, vat_row=True)
            money = [a for a in amounts if _CENTS.search(a.raw) or below.whole_units]
            # a table row holds money amounts, maybe after a rate ("A 19 12,97 2,47 15,44"): not a date line,
            # a receipt number, …
            rates_first = all(a.x < money[0].x for a in amounts if a not in money) if money else False
            if not money or not rates_first or below.row.page != item.row.page or below.label in _TABLE_END:
                break  # (a payment line ends the table: "Paid by Card 182.00" is no VAT column's)
            if widest >= 2 and len(money) == 1:
                break  # one amount under rows of several: a line after the table ("You saved Rs. 70.00")
            widest = max(widest, len(money))
            by_kind: dict[str, list[_Amount]] = {}
            for amount in money:
                centre = (amount.bbox[0] + amount.bbox[2]) / 2
                kind = min(columns, key=lambda c: abs(c[1] - centre))[0]
                if kind is not None:
                    by_kind.setdefault(kind, []).append(amount)
            if _TABLE_SUM.search(_norm(below.label_text or below.row.text)) and len(money) >= 2 or _sums_so_far(
                    by_kind, sums):
                # the table's own sum row ("MwSt Total", "Summe", or unlabelled): the sums as printed; where the
                # rows above add up to something else, one of them was misread, so their sum stays an alternative
                # for the arithmetic to decide ("0,50 / 0,40 / Total 0,96": subtotal + 0,90 = the total)
                rows_disagree = {f"{kind}_rows": sums[kind] for kind, printed in by_kind.items()
                                 if len(printed) == 1 and len(sums.get(kind, [])) >= 2
                                 and _cents(printed[0].value) != sum(_cents(a.value) for a in sums[kind])}
                sums = by_kind | rows_disagree
                break
            for kind, amounts in by_kind.items():
                sums.setdefault(kind, []).extend(amounts)
        if "tax" in sums:
            found = sums
    return found


def _sums_so_far(row: dict[str, list[_Amount]], sums: dict[str, list[_Amount]]) -> bool:
    """A row whose amounts are, column by column, the sums of two or more rows above it: the table's sum row."""
    return len(row) >= 2 and all(len(sums.get(kind, [])) >= 2 and len(amounts) == 1 and _cents(amounts[0].value) ==
                                 sum(_cents(a.value) for a in sums[kind]) for kind, amounts in row.items())


def _without_sign_digit(amounts: list[_Amount], own_row: bool = False) -> list[_Amount]:
    """Drop a lone digit printed right after a money amount: the currency sign read as a digit ("=1 309,00 2", "₽" →
    "2"/"7" by recognizers whose alphabet has no "₽"). A quantity or count never follows the amount. On the label's
    ``own_row`` two digits too ("SUMA 70,12 23", its "zł" read "23"; not a line total "2 x 12,50 25" below it)."""
    if len(amounts) >= 2:
        last, prev = amounts[-1], amounts[-2]
        digits = r"\d{1,2}" if own_row else r"\d"
        if re.fullmatch(digits, last.raw) and _CENTS.search(prev.raw) and not last.lead.strip():
            return amounts[:-1]
    return amounts


def _tax_column_last(row: Row) -> bool:
    """A VAT table header (a tax column and another) whose rightmost column is not the gross."""
    columns = [c for c in _header_columns(row) if c[0] is not None]
    kinds = {k for k, _ in columns}
    return len(kinds) >= 2 and "tax" in kinds and max(columns, key=lambda c: c[1])[0] != "gross"


def _header_goes_on(above: _LabelledRow, row: Row) -> bool:
    """Whether ``row`` (no amounts) is the second line of the line-item header right above it."""
    return (not above.amounts and above.row.page == row.page and row.y1 - above.row.y2 < row.height
            and _TABLE_HEADER.search(_norm(above.row.text)) is not None)


def _value_for_label(items: list[_LabelledRow], i: int) -> tuple[_Amount | None, float]:
    """The amount a label at row ``i`` points to: right of it in the same row, else in the next 1–2 rows."""
    item = items[i]
    right = _without_sign_digit([a for a in item.amounts if a.bbox[2] > item.label_x2 + 1], own_row=True)
    if right:
        return right[-1], 0.0
    for step in (1, 2):
        if i + step >= len(items):
            break
        below = items[i + step]
        if below.row.page != item.row.page:
            break
        if below.label is not None and below.label not in ("total", "total_strong", "due"):
            break
        if below.amounts and below.row.y1 - item.row.y2 < 3 * item.row.height:
            return _without_sign_digit(below.amounts)[-1], 0.5 * step
    return None, 0.0


def _currency_token(text: str) -> str | None:
    m = re.search(r"\b(RM|MYR|USD|EUR|GBP|INR|RUB|SGD|JPY|CNY|PLN|CHF|AUD|CAD|RS\.?)\b|[$€£¥₹₽]|руб|zł", text,
                  re.IGNORECASE)
    return m.group(0) if m else None


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
