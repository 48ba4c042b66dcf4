"""The document date: the issue/transaction date, scored by labels and position, not due or validity dates."""

from __future__ import annotations

import bisect
import datetime as _dt
import re

from rapidfuzz import fuzz, process

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _LabelledRow
from lib.kie.labels import _fold
from lib.kie.rows import Row
from lib.post.dates import MONTH_NUMBERS
from lib.post.rules import find_dates

__all__ = ["choose_date", "is_a_date"]

# The issue / invoice / transaction date, in the fourteen languages (accents folded, upper case).
_ISSUE = re.compile(
    # "Rechnung Nr. 4711 vom …", "Счёт № 12 от …", "Рахунок № 614 від …", "Рачун бр. 5 од …", "… № 3 ад …"
    r"\b(NR|NO|N|НОМЕР|БР)\b.*\b(VOM|DU|DEL|ОТ|ВІД|ОД|АД)\b|№.*\b(ОТ|ВІД|ОД|АД)\b|"
    r"\b(DATE|DATED|TARIKH|DATUM|RECHNUNGSDATUM|BELEGDATUM|AUSSTELLUNG\w*|FACTUURDATUM|FECHA|DATA|ДАТА|"
    r"ISSUED?|EMISSION|EMISION|EMISSIONE|WYSTAWIENIA|INVOICE|RECHNUNG|FACTURE|FACTUUR|FACTURA|FATTURA|FAKTURA|"
    r"СЧЕТ\w*|ЧЕК|ДАТУМ|РАХУН\w*|ФАКТУРА|РАЧУН\w*|ПРЕДРАЧУН|ШОТ|ВИПИСК\w*|СКЛАДАННЯ|ИЗДАВАН\w*|"
    r"ИЗДАВАЊА|ВЫПИСК\w*|КУНІ)\b")
# Any other date: due, delivery, order, service period, validity.
_OTHER = re.compile(
    r"\b(DUE|PAYABLE|PAY BY|FALLIG\w*|ZAHLBAR|ZAHLUNGSZIEL|ECHEANCE|VERVAL\w*|VENCIMIENT\w*|SCADENZA|TERMIN\w*|СРОК|"
    r"ДО|LIEFER\w*|LEISTUNG\w*|DELIVER\w*|SHIP\w*|ORDER\w*|BESTEL\w*|AUFTRAG\w*|PERIOD\w*|ПЕРИОД\w*|ZEITRAU\w*|"
    r"ABRECHNUNGSZEITRAU\w*|SERVICE|VALID\w*|EXPIR\w*|BIRTH|GEBURT\w*|BIS|UNTIL|SKONTO|VERORDNUNG|PRESTATION|"
    r"LEVERING\w*|ENTREGA|CONSEGNA|DOSTAW\w*|ПОСТАВК\w*|ОТГРУЗК\w*|START|END|TERMINE\w*|BEHANDLUNG\w*|"
    # order, supply and payment dates in the other languages: "Date of supply", "Data zamówienia", "Leverdatum",
    # "Besteldatum", "Data DDT" (the Italian delivery note's date), "Период"
    r"SUPPLY|PO|LIVRAISON|DELIVRAISON|COMMANDE|REGLER|LEVER\w*|BETAAL\w*|PEDIDO|ORDINE|DDT|ZAMOWIENI\w*|SPRZEDAZY|OKRES|"
    r"ЗАКАЗ\w*|"
    # uk, bg, sr, be, kk: payment terms, supply and tax-event dates ("Дата на данъчното събитие", "Датум
    # промета", "Валута плаћања", "Дата пастаўкі")
    r"ТЕРМІН\w*|ОПЛАТИ\w*|РОК|ВАЛУТА|ПЛАЋАЊ\w*|ПЛАЩАНЕ|ПАДЕЖ|ДОСТАВК\w*|ПОСТАЧАНН\w*|ВІДВАНТАЖ\w*|ПРОМЕТ\w*|"
    r"ТЕКУ[ЋҺ]И|ТЕКУЧ\w*|"  # a bank's "Текући рачун" (current account): its digits no date
    r"СЪБИТИЕ\w*|ДАНЪЧН\w*|ПАСТАУК\w*|АДГРУЗК\w*|ЖЕТКІЗУ\w*|ТӨЛЕУ\w*|ИСПОРУК\w*|ДОСПЕ[ЋҺ]\w*|"  # ("доспеһа": ћ read һ)
    r"ДІЙСНИЙ)\b")
# an account number right before ("Текући рачун. 17000000001 1 1908-26"): its tail, not a date
_ACCOUNT_BEFORE = re.compile(r"(?:РАЧУН|СЧЕТ|РАХУНОК|ACCOUNT|KONTO|IBAN)\W*\d{8,}[\d\s]{0,4}$", re.IGNORECASE)
# a left cell that is only a date word ("Datum", "Date:"): it names no kind of date
_BARE_DATE = re.compile(r"^\W*(DATE|DATED|DATUM|DATA|FECHA|ДАТА|ДАТУМ)\W*$")
_NUMBER_MARK = re.compile(r"(№|#|\b(NO|NR|N|БР|НОМЕР|NUMBER|NUMMER)\b\.?)\s*$")
_RANGE = re.compile(r"^\s*(-|–|—|TO|BIS|AU|TOT|AL|DO|ПО)\s*$", re.IGNORECASE)
# A Kazakh year's first digit read before the label's colon: "Дата выписки2: 023 жылғы 16 сәуір"
_YEAR_DIGIT_BEFORE_COLON = re.compile(r"(?<=[^\W\d_])(\d)(\s*:\s*)(\d{3})(?=\s*ж[ыь]л)", re.IGNORECASE)
# A month name the OCR misspelt between a day and a year: "17 лшеня 2025" ("ліпеня", its "іп" read "ш")
_DAY_WORD_YEAR = re.compile(r"(?<![\d.,])(\d{1,2}\.?[ \t]{1,2})([^\W\d_]{4,12})(?=\.?,?[ \t]{1,2}(?:19|20)\d{2}(?!\d))")
_LONG_MONTHS = [name for name in MONTH_NUMBERS if len(name) >= 5]
# … or with one letter read as a digit: "6 ao0t 2024" (û read 0), "3 ju1y 2025"
_DAY_DIGIT_WORD_YEAR = re.compile(r"(?<![\d.,])(\d{1,2}\.?[ \t]{1,2})([^\W\d_]{1,9}[0158][^\W\d_]{1,9})"
                                  r"(?=\.?,?[ \t]{1,2}(?:19|20)\d{2}(?!\d))")
_DIGIT_AS_LETTERS = {"0": "ouûô", "1": "li", "5": "s", "8": "b"}
# A numeric date with an impossible day or month whose first digit is an 8, 9 or 6 the OCR read for a 0: "22/88/2024",
# "94/08/2024", "06/88/24"; or a year whose 0 was read so: "2824-12-22"
_ZERO_MISREAD = re.compile(r"(?<![\d.,])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)?\d{2})(?!\d)")
_YEAR_MISREAD = re.compile(r"(?<![\d.,])2[689](\d{2}([./-])\d{1,2}\2\d{1,2})(?![\d.,])|"
                           # (also after a month's name: "30/MAY/2925 14:14:48")
                           r"(?<![\d.,])(\d{1,2}([./-])(?:\d{1,2}|[^\W\d_]{3,9})\4)2[689](\d{2})(?![\d.,])")
# … but not a document's number ("Faktura VAT nr 61/09/2024", "Ref 28/89/12"); where a guess is shakier (the year
# itself, a two-digit year) only beside a time or after a date word
_NUMBER_BEFORE = re.compile(
    r"(?:\b(?:NR|NO|N[°º]|BR|REF|FAKTUR\w*|FACTUR\w*|RECHNUNG\w*|INVOICE|РАЧУН\w*)|[#№])\W{0,3}$", re.IGNORECASE)
_DATE_WORD_BEFORE = re.compile(r"\b(?:DATE|DATO|DATUM|DATA|FECHA|ДАТА|ДАТУМ)\W{0,3}$", re.IGNORECASE)
# (also after a weekday in brackets, and a Japanese "14時31分": "2025年10月14日（火）08:22")
_TIME_AFTER = re.compile(r"\W{0,12}(?:[(（][^\W\d_]{1,3}[)）]\W{0,3})?\d{1,2}[:時]\d{2}")


def _misspelt_month(text: str) -> str:
    """Each word between a day and a year that is no month but one OCR slip or two from exactly one month's name
    (fuzzy ratio ≥ 72, same first letter, at most two letters longer or shorter) replaced by that name."""
    def repaired(m: re.Match[str]) -> str:
        word = m.group(2).lower()
        if word in MONTH_NUMBERS:
            return m.group(0)
        close = [(name, score) for name, score, _ in process.extract(word, _LONG_MONTHS, scorer=fuzz.ratio, limit=4,
                                                                      score_cutoff=72)
                 if name[0] == word[0] and abs(len(name) - len(word)) <= 2]
        if not close or len({MONTH_NUMBERS[name] for name, score in close if score == close[0][1]}) != 1:
            return m.group(0)
        return m.group(1) + close[0][0]
    def digit_read(m: re.Match[str]) -> str:
        word = m.group(2).lower()
        digit = next(c for c in word if c in _DIGIT_AS_LETTERS)  # (not "²": "3 m²0x 2024")
        names = sorted({word.replace(digit, letter) for letter in _DIGIT_AS_LETTERS[digit]} & MONTH_NUMBERS.keys())
        return m.group(1) + names[0] if len({MONTH_NUMBERS[n] for n in names}) == 1 else m.group(0)
    if not any(c.isdigit() for c in text):
        return text
    return _DAY_DIGIT_WORD_YEAR.sub(digit_read, _DAY_WORD_YEAR.sub(repaired, text))


def _zero_misread(text: str) -> str:
    """"22/88/2024" → "22/08/2024", "94/08/2024" → "04/08/2024": a day or month that no calendar has, whose first
    digit 8, 9 or 6 (read for a 0) makes it one; the other part must then be possible as it stands ("22-19-2024":
    October, when the first part can only be the day). And a year
    26xx, 28xx or 29xx whose second digit is such a 0 ("2824-12-22"), where the repaired date is one. Never after a
    number's mark (an invoice number "nr 61/09/2024"); the year, and a two-digit year's date, only beside a time or
    after a date word (not an article code "2612-12-12 Schraube")."""
    def guarded(m: re.Match[str], shaky: bool) -> bool:
        before, after = m.string[:m.start()], m.string[m.end():]
        return bool(_NUMBER_BEFORE.search(before)) or shaky and not (
            _DATE_WORD_BEFORE.search(before) or _TIME_AFTER.match(after))

    def repaired(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(3)
        if guarded(m, shaky=len(m.group(4)) == 2):
            return m.group(0)
        if len(b) == 2 and b[0] in "689" and b[1] != "0" and 1 <= int(a) <= 31:
            return f"{a}{m.group(2)}0{b[1]}{m.group(2)}{m.group(4)}"
        if len(a) == 2 and a[0] in "689" and a[1] != "0" and 1 <= int(b) <= 12:
            return f"0{a[1]}{m.group(2)}{b}{m.group(2)}{m.group(4)}"
        if len(b) == 2 and b[0] == "1" and b[1] in "689" and 12 < int(a) <= 31 and not (a[0] == "1" and a[1] in "689"):
            return f"{a}{m.group(2)}10{m.group(2)}{m.group(4)}"  # "22-19-2024": October's 0 read as a 9
        return m.group(0)

    def year(m: re.Match[str]) -> str:
        fixed = f"20{m.group(1)}" if m.group(1) else f"{m.group(3)}20{m.group(5)}"
        return fixed if find_dates(fixed) and not guarded(m, shaky=True) else m.group(0)
    return _YEAR_MISREAD.sub(year, _ZERO_MISREAD.sub(repaired, text))


# "11/15/20 ‖ 19": OCR split a four-digit year in two.
_SPLIT_YEAR = re.compile(r"(?<!\d)(\d{1,2}([/.-])\d{1,2}\2(?:19|20)) (\d{2})(?![\d:])")


# Swedish documents print dates year first, also short: "25-02-13", and "250619 21:38" on card terminals.
_SWEDISH = re.compile(r"\b(KVITTO\w*|MOMSREG\w*|MOMSSATS|ATT BETALA|SEK)\b")  # (not Org.nr: Norway has it too)
# (dashes: "07.09.25" stays day first; a time glued on, "25-06-1921:55:39", is parted from the date)
_SHORT_YMD = re.compile(r"(?<![\d./-])(\d{2})(-)(\d{2})-(\d{2})(?:(?![\d./-])|(?=\d{2}:\d{2}(?!\d)))")
_COMPACT_YMD_TIME = re.compile(r"(?<![\d./-])(\d{2})(\d{2})(\d{2})(?=\s+(?:TID\W{0,2})?\d{1,2}:\d{2})|"
                               r"(?<=DATUM: )(\d{2})(\d{2})(\d{2})(?!\d)", re.IGNORECASE)


def _year_first(text: str) -> str:
    """Two-digit-year dates of a Swedish document written out year first ("25-02-13" → "2025-02-13")."""
    def written_out(m: re.Match[str], y: int, month: int, day: int) -> str:
        yy, mm, dd = m.group(y), m.group(month), m.group(day)
        glued = " " if m.string[m.end():m.end() + 1].isdigit() else ""
        return f"20{yy}-{mm}-{dd}{glued}" if 1 <= int(mm) <= 12 and 1 <= int(dd) <= 31 else m.group(0)
    text = _SHORT_YMD.sub(lambda m: written_out(m, 1, 3, 4), text)
    return _COMPACT_YMD_TIME.sub(lambda m: written_out(m, 1, 2, 3) if m.group(1) else written_out(m, 4, 5, 6), text)


def _span_starts(row: Row) -> list[int]:
    """Offset in ``row.text`` where each span starts (spans are joined with one space)."""
    starts, pos = [], 0
    for span in row.spans:
        starts.append(pos)
        pos += len(span.text) + 1
    return starts


def _label_above(items: list[_LabelledRow], i: int, x1: float, x2: float, height: float) -> str:
    """Text of the nearest span above (1–2 rows, same page) that overlaps [x1, x2]: a label printed above its
    value, or a table column header."""
    row = items[i].row
    for back in (1, 2):
        if i - back < 0:
            break
        above = items[i - back].row
        if above.page != row.page or row.y1 - above.y2 > 3 * height:
            break
        hits = [s.text for s in above.spans if min(s.x2, x2) - max(s.x1, x1) > 0]
        if hits:
            return " ".join(hits)
    return ""


_FOUR_DIGITS = re.compile(r"\d{4}")


_Printed = tuple[float, str, Row, _dt.date]  # score, the date as printed, its row, its value


def _four_digit_year(best: _Printed, scored: list[_Printed]) -> _Printed:
    """A two-digit year disagreeing with the same day and month printed with four digits elsewhere (a card
    slip's "15/01/2025" under a header's "15/01/20", OCR having read "25" as "20"): four digits are the safer
    reading. The other print must not itself be a due or period date (scored within 1 of the best)."""
    score, raw, _, value = best
    if _FOUR_DIGITS.search(raw):
        return best
    return next((p for p in scored if _FOUR_DIGITS.search(p[1]) and p[3].year != value.year
                 and (p[3].month, p[3].day) == (value.month, value.day) and p[0] > score - 1.0), best)


# A label that names a date ("Date de facture", "Fälligkeitsdatum", "Fecha", "Дата", "Vencimiento", "Échéance"),
# not a number's ("Invoice No", "PO Number") nor a period's whose dates stack ("Service period" over two dates)
_DATE_WORD = re.compile(r"DAT[EAUO]|FECHA|ДАТ|TARIKH|VENCIM|ECHEANCE|SCADENZA|TERMIN")


def _shifted_labels(items: list[_LabelledRow],
                    readings: list[tuple[str, list[tuple[_dt.date, int, int]], bool]]) -> dict[int, str]:
    """A photographed key-value block whose value column slid down one row against its labels:

        Date de facture  R23/988          (the number's value, beside the date's label)
        Date d'échéance  03/05/2023       (the invoice date, beside the due date's label)
                         17/06/2023       (the due date, beside nothing)

    A date label (issue or other) whose row holds a value that is no date, a labelled date right under it, and an
    unlabelled date under that in the same column: each date takes the label of the row above its own. Returns
    the rows' first-date labels to use instead (row index → label), folded."""
    shifted: dict[int, str] = {}
    for i in range(1, len(items) - 1):
        above, here, below = items[i - 1].row, items[i].row, items[i + 1].row
        if not (above.page == here.page == below.page) or len(readings[i][1]) != 1 or len(readings[i + 1][1]) != 1:
            continue
        if readings[i - 1][1] or readings[i][2] or readings[i + 1][2] or len(above.spans) < 2:
            continue
        text, ((_, start, _),) = readings[i][0], readings[i][1]
        lead = _fold(text[:start])
        below_text, ((_, below_start, _),) = readings[i + 1][0], readings[i + 1][1]
        if sum(c.isalpha() for c in lead) < 2 or sum(c.isalpha() for c in below_text[:below_start]) >= 2:
            continue
        label_above = _fold(above.spans[0].text)
        if not (_DATE_WORD.search(label_above) and _DATE_WORD.search(lead)) or not any(
                c.isdigit() for c in " ".join(s.text for s in above.spans[1:])):
            continue
        value, value_below = here.spans[-1], below.spans[-1]
        if min(value.x2, value_below.x2) - max(value.x1, value_below.x1) <= 0:
            continue  # not one column
        shifted[i], shifted[i + 1] = label_above, lead
    return shifted


# A date's label alone on its row, its value gone ("Vervaldatum", "Due date:", "Fecha de vencimiento"; not
# "Kundendaten")
_BARE_DATE_LABEL = re.compile(r"^[^\d]*(DAT[EAUO]M?|FECHA|ДАТ[АУ]\w*|VENCIMIENT\w*|ECHEANCE|SCADENZA)\W*$")
# A number's label ending a left cell: "Factuurnummer", "Invoice No.", "Nº factura" (folded "NO FACTURA"),
# "Rechnungs-Nr."
_NUMBER_LABEL = re.compile(r"(NUMMER|NUMBER|NUMERO|\bNO|\bNR|\bN|№|#)\W*$|^\W*(N[Oo]?|№)\W*(FACTU\w*|INVOICE)\W*$")


def _risen_labels(items: list[_LabelledRow],
                  readings: list[tuple[str, list[tuple[_dt.date, int, int]], bool]]) -> dict[int, str]:
    """The mirror of :func:`_shifted_labels`, a key-value block whose value column rose one row against its labels:

        Factuurnummer  2 september 2023   (the invoice date, beside the number's label)
        Datum          28 augustus 2023   (the delivery date, beside the date's label)
        Leverdatum     9 september 2023   (the due date, beside the delivery label)
        Vervaldatum                       (its value rose, nothing left beside it)

    A number's label holding a date, a run of date labels each with one date in the same column, and a date label
    with nothing after it: each date takes the label of the row below its own. Returns row index → label, folded."""
    risen: dict[int, str] = {}
    for i, item in enumerate(items):
        text, found, _ = readings[i]
        if len(found) != 1:
            continue
        lead = _fold(text[:found[0][1]])
        if not _NUMBER_LABEL.search(lead.strip()) or _DATE_WORD.search(lead):
            continue
        if text[found[0][2]:].strip():
            continue  # the date is not the whole value: "Invoice No. ‖ 14/03/2024-1" is a number shaped like one
        labels: list[str] = []
        j = i + 1
        while j < len(items) and items[j].row.page == item.row.page and len(readings[j][1]) == 1:
            lead = _fold(readings[j][0][: readings[j][1][0][1]])
            value, first = items[j].row.spans[-1], item.row.spans[-1]
            if not _DATE_WORD.search(lead) or min(value.x2, first.x2) - max(value.x1, first.x1) <= 0:
                break  # (not a date's label, or not one column)
            labels.append(lead)
            j += 1
        if j >= len(items) or items[j].row.page != item.row.page or readings[j][1]:
            continue
        last = _fold(items[j].row.text)
        if not _BARE_DATE_LABEL.match(last):
            continue
        labels.append(last)
        for k, label in enumerate(labels):
            risen[i + k] = label
    return risen


def is_a_date(text: str) -> bool:
    """Whether ``text`` is a date and little else ("2. Mai 2025", "«19» ноября 2024 г."): a value, never a name."""
    return any(end - start >= 0.6 * len(text.strip()) for _, start, end in find_dates(text))


def choose_date(items: list[_LabelledRow]) -> FieldCandidate | None:
    """The issue date: every printed date scored by its label (left of it on the row, or above it), position and
    a following time; due, delivery, order and period dates lose."""
    scored: list[_Printed] = []
    n = max(1, len(items))
    year_first = any(_SWEDISH.search(_fold(item.row.text)) for item in items)
    readings: list[tuple[str, list[tuple[_dt.date, int, int]], bool]] = []
    for item in items:
        text = _misspelt_month(_YEAR_DIGIT_BEFORE_COLON.sub(r"\2\1\3", _SPLIT_YEAR.sub(r"\1\3", item.row.text)))
        text = _zero_misread(text)
        if year_first:
            text = _year_first(text)
        found = find_dates(text)
        loose = not found
        if loose:  # "2703/2018", "0502-18", "05~05-17": OCR broke a separator; trusted less
            found = find_dates(text, loose=True)
        readings.append((text, found, loose))
    shifted = _shifted_labels(items, readings) | _risen_labels(items, readings)
    for i, item in enumerate(items):
        text, found, loose = readings[i]
        if not found:
            continue
        prev_end = 0
        same_text = text == item.row.text
        starts = _span_starts(item.row) if same_text else [0]
        height = item.row.height
        for k, (value, start, end) in enumerate(found):
            score = 1.0 - 0.5 * i / n - (0.6 if loose else 0.0) - 0.1 * k
            lead = _fold(text[prev_end:start])
            if loose and _NUMBER_MARK.search(lead):
                continue  # "РАЧУН бр. 1904/2026", "Invoice No 2703/2018": the document's number, not a date
            if loose and text[:start].rstrip().endswith("="):
                continue  # "34.47 х 66.99 =2309.15": Russian tills print "=" before an amount
            if loose and _ACCOUNT_BEFORE.search(text[:start]):
                continue  # "Тенући рачун. 17000000001 1 1908-26": the rest of a bank account number
            if k + 1 < len(found) and _RANGE.match(text[end:found[k + 1][1]]) or k and _RANGE.match(lead):
                score -= 0.8  # "01.06.2023 - 30.06.2023": a period
            prev_end = end
            if _TIME_AFTER.match(text, end):
                score += 0.5  # "14-03-18 21:49": the transaction's timestamp, not a stamp or a due date
            label = lead if sum(c.isalpha() for c in lead) >= 2 else ""
            cell = bisect.bisect_right(starts, start) - 1  # the span the date starts in
            if same_text and starts[cell] == start and cell > 0:
                # the date is a cell of its own whose left cell names an issue date, not by a bare "Date" ("Moosbrugger
                # IT-Service OG ‖ Rechnungsdatum ‖ 19.05.2024": not the other column's "Service"; "Lieferschein-Nr.
                # 4711 ‖ Datum ‖ …" and "Due ‖ Date: ‖ …" keep the whole lead)
                left = _fold(item.row.spans[cell - 1].text)
                if _ISSUE.search(left) and not _OTHER.search(left) and not _BARE_DATE.match(left):
                    label = left
            if k == 0 and i in shifted:
                label = shifted[i]
            elif not label:
                span = item.row.spans[cell]
                label = _fold(_label_above(items, i, span.x1, span.x2, height))
            if _OTHER.search(label):
                score -= 1.2
            elif _ISSUE.search(label) or item.label == "date":
                score += 1.0
            scored.append((score, text[start:end], item.row, value))
    if not scored:
        return None
    top = max(scored, key=lambda p: p[0])  # (the first of equal scores)
    _, raw, row, _ = _four_digit_year(top, scored)
    score = top[0]  # (a four-digit print of the same date keeps the top score's confidence)
    bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
    return FieldCandidate(raw=raw, confidence=min(0.95, 0.6 + 0.2 * score), bbox=bbox, page=row.page)
