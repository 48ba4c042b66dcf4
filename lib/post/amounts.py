"""Amounts: find and parse printed money amounts in every common locale format ("1.234,56", "1 234,56",
"1'234.56", "12,34,567.00"), skipping phone numbers, times, ids, quantities and percentages."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lib.post.cjk import HALF_WIDTH_KANA, KANA_KANJI_RANGE
from lib.post.dates import _date_spans
from lib.post.ocr_noise import _CONFUSABLE, _fix_ocr_digits, _letters_after, _letters_before

__all__ = ["find_amounts", "parse_amount"]

# --------------------------------------------------------------------------------------------------------------
# Amounts
# --------------------------------------------------------------------------------------------------------------

_NBSPS = "\u00a0\u202f\u2009"
# A number token: digits joined by . , ' and grouping spaces. Plain spaces only group when followed by exactly
# three digits; in strict (line) mode only when the chain ends in a decimal comma ("1 234,50"), because on a
# receipt line "2 150.00" is more often quantity + price than two thousand one hundred and fifty. A space after
# decimals groups nothing: "2251,79 270,21" (a VAT table row) is two amounts; nor one after four digits: "Zimmer
# 1205 120,00" is a number and a price (a Cyrillic total "1220 400,00" that lost its first space is joined by the KIE).
_NUM_STRICT = re.compile(
    rf"(?<!\d)(?<!\d[.,'’])\d+(?:[.,'’]\d+|[{_NBSPS}]\d{{3}}(?!\d)"
    rf"|(?<![.,]\d)(?<![.,]\d\d)(?<!\d{{4}})[ ](?=\d{{3}}(?:[ {_NBSPS}]\d{{3}})*,\d{{1,2}}(?!\d))\d{{3}})*"
)
_NUM_LOOSE = re.compile(rf"(?<!\d)(?<!\d[.,'’])\d+(?:[.,'’]\d+|[ {_NBSPS}]\d{{3}}(?!\d))*")
_NUM_SPLIT = re.compile(rf"([.,'’ {_NBSPS}])")

_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)(?:\s?[AaPp]\.?[Mm]\.?)?")
_PHONE = re.compile(
    r"(?<![\d.,])(?:\+\d{1,3}[ \-.]?)?(?:\(\d{1,4}\)[ \-]?)?\d{2,5}(?:[ \-]\d{2,5}){1,4}(?!\d)(?![.,]\d)"
)
_PERCENT_AHEAD = re.compile(r"[ \t]{0,2}[%°]")  # (a "%" the OCR read as a degree sign: "SR=6.00°")
_UNIT_AHEAD = re.compile(
    r"[ \t]{1,2}(?:kg|gm|gr|g|mg|ltr|lt|l|ml|cl|pcs|pc|pkt|ea|шт|кг|гр|г|мл|л|"
    # the cents of an amount in words ("… гривень 67 копійок", "… тенге 00 тиын"): no amount alone
    r"коп\w*|тиын|стотинк\w*|капеек|капейк\w*)(?![^\W\d_])", re.IGNORECASE
)
# … but "326,99 г" is hryvnias with the "рн" of "грн" lost, "62,37 Г" a Bulgarian till's VAT group: grams come
# whole, not with two decimals
_LONE_G = re.compile(r"[ \t]{1,2}г(?![^\W\d_])", re.IGNORECASE)
_CENTS_END = re.compile(r"\d[.,]\d{2}$")
_MULT_AHEAD = re.compile(r"[ \t]{0,2}[xXхХ×*](?![^\W\d_])")
_MULT_BEHIND = re.compile(r"(?<![^\W\d_])[xXхХ×*][ \t]{0,2}$")
_RUB_KOP = re.compile(
    rf"(?<![\d.,])(?P<rub>\d{{1,3}}(?:[ {_NBSPS}]\d{{3}})+|\d+)[ \t]?(?:руб(?:лей|ля|ль)?|р)\.?[ \t]{{0,2}}"
    r"(?P<kop>\d{1,2})[ \t]?коп(?:еек|ейки|ейка)?\.?",
    re.IGNORECASE,
)
_ID_BEHIND = re.compile(r"(?:[#№]|(?<![^\W\d_])(?:no|nr)\.?)[ \t]{0,2}:?[ \t]{0,2}$", re.IGNORECASE)
_CR_AHEAD = re.compile(r"[ \t]{0,2}CR(?![A-Za-z])", re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_ADDRESS_KANJI = frozenset("丁目番号条町区市村通西東南北")  # a Japanese address's block numbers follow these
_KANA_KANJI = re.compile(f"[{KANA_KANJI_RANGE}{HALF_WIDTH_KANA}]")  # (not the full-width Latin "ＮＯ１２３")
# a money label's last character: 合計, 内税, 消費税等, 金額, お預り, 対象
_MONEY_KANJI = frozenset("計计税額额金円り銭込象等")

_CURRENCY_SYMBOLS = "$€£¥￥₹₽₩₺₫฿₱₴₸₪₦₨元円"
_MINUS = "-−–"
# ISO-4217 codes we recognise as words. Deliberately absent: codes that are also common receipt words or grades
# (ALL, PEN, COP, GEL, MAD, TOP, RON as in "RON95" petrol, BHD as in "SDN BHD").
_ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY RMB INR RUB RUR MYR SGD PLN CHF AUD CAD NZD HKD TWD KRW THB IDR PHP VND SEK NOK DKK "
    "CZK HUF BGN RSD TRY UAH KZT BYN AED SAR QAR KWD OMR ILS EGP ZAR NGN KES BRL MXN PKR LKR BDT NPR CLP COP".split()
)
# Labels OCR sometimes glues to the amount ("TOTAL9.00"); accepted only for numbers with a decimal part.
_AMOUNT_LABELS = frozenset({
    "total", "subtotal", "amount", "amt", "tax", "gst", "sst", "vat", "cash", "change", "rounding", "due", "paid",
    "итог", "итого", "сумма", "ндс", "наличными", "сдача",
    # invoice totals in the other languages ("TOTAALEUR170.555,55": OCR lost both spaces)
    "totaal", "totale", "summe", "gesamt", "brutto", "netto", "zahlbetrag", "betrag", "razem", "suma", "ttc",
    "montant", "importe", "subtotaal", "btw", "tva", "iva", "mwst", "ust", "всего",
})
# German compounds that end in an amount word, glued to their amount when the OCR lost the space
# ("Rechnungsbetrag89.614,61", "Gesamtsumme12,50", "Zwischensumme"): cents only
_LABEL_ENDINGS = ("betrag", "summe", "total")
# … and compounds that begin with one ("Totalfactura53.437,85EUR": "Total factura" with both spaces lost): cents only
_LABEL_HEADS = ("total", "totaal", "summe", "importe", "montant")
# Letter runs that may be glued to a number ("RM9.00", "12.50р", "9.00EUR", "6,49zt": zł with its ł read as t):
# anything else glued (INV123, 2x,
# 5kg) means the digits are not money.
_CURRENCY_WORDS = frozenset({c.lower() for c in _ISO_CODES} | {
    "rm", "rs", "rp", "р", "руб", "zł", "zl", "zt", "kr", "kn", "ft", "kč", "lei", "тг", "грн", "лв", "дин", "fr",
    "chf", "s", "us",
})
# The "≡" a Russian till prints before each amount, read as a letter ("ИТОГО К ОПЛАТЕ ≡556,96" → "ж556,96",
# "итого ш2159,94"): accepted alone (in lower case) before a number with two decimals, like a currency sign
_SIGN_READ_AS_LETTER = frozenset({"ж", "ш"})
_DOLLAR_PREFIXES = frozenset({"us", "s", "sg", "sgd", "a", "au", "c", "ca", "nz", "hk", "nt", "r", "mx"})


def _valid_grouping(groups: list[str], sep: str) -> bool:
    """Thousands grouping: 1-3 leading digits then groups of 3 (or Indian lakh grouping 1,23,456)."""
    if not groups or groups[0].startswith("0"):
        return False
    first, rest = groups[0], groups[1:]
    if 1 <= len(first) <= 3 and all(len(g) == 3 for g in rest):
        return True
    return sep == "," and len(first) <= 2 and all(len(g) == 2 for g in rest[:-1]) and len(rest[-1]) == 3


def _stray_mark(int_groups: list[str], int_seps: list[str], decimal: str, frac: str) -> bool:
    """A speck read as a dot inside a short integer part before a decimal comma and cents: "2.14,00" is 214,00 (a
    group of one or two digits before the decimals groups nothing in any locale). Not what could be a date
    ("14.11,23", "10.05,24": a day and a month), nor a leading zero ("0.50,00")."""
    if not (len(int_seps) == 1 and int_seps[0] == "." and decimal == "," and len(frac) == 2):
        return False
    head, group = int_groups
    return (len(group) < 3 and len(head) + len(group) <= 4 and not head.startswith("0")
            and not (1 <= int(head) <= 31 and 1 <= int(group) <= 12))


def _to_number(token: str) -> Decimal | None:
    """Value of a number token, deciding which separator is decimal and which groups thousands.

    The last ``.``/``,`` is decimal when 1-2 digits (or 4+) follow it, or when another grouping separator
    precedes it ("1,234.567"); exactly 3 digits after a lone separator kind means thousands ("1,234", "15.000"),
    unless grouping is impossible ("0.500", "1234.567").
    """
    parts = _NUM_SPLIT.split(token)
    groups = parts[0::2]
    seps = ["'" if s == "’" else " " if s in _NBSPS else s for s in parts[1::2]]
    if any(not g for g in groups):
        return None
    if not seps:
        return Decimal(groups[0])
    last, tail = seps[-1], groups[-1]
    int_groups, frac = groups, ""
    if last in ".,":
        other_kind = any(s != last for s in seps[:-1])
        if len(tail) != 3 or other_kind:
            int_groups, frac = groups[:-1], tail
            int_seps = seps[:-1]
            if int_seps and (len(set(int_seps)) != 1 or not _valid_grouping(int_groups, int_seps[0])):
                if not _stray_mark(int_groups, int_seps, last, frac):
                    return None
        elif not _valid_grouping(groups, last):
            if len(seps) != 1:
                return None
            int_groups, frac = groups[:-1], tail
    elif len(set(seps)) != 1 or not _valid_grouping(groups, last):
        return None
    try:
        return Decimal("".join(int_groups) + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - groups are digits by construction
        return None


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def _currency_before(t: str, i: int) -> int:
    """Start of a currency marker ending at ``i`` (optionally one space before ``i``), else ``i``."""
    j = i - 1 if i > 0 and t[i - 1] == " " else i
    if j > 0 and t[j - 1] in _CURRENCY_SYMBOLS:
        k = j - 1
        return _letters_before(t, k) if t[k] == "$" and t[_letters_before(t, k):k].lower() in _DOLLAR_PREFIXES else k
    k = _letters_before(t, j)
    if k < j and t[k:j].lower() in _CURRENCY_WORDS:
        return k
    return i


def _currency_after(t: str, i: int) -> int:
    """End of a currency marker starting at ``i`` (optionally after one space), else ``i``."""
    j = i + 1 if i < len(t) and t[i] == " " else i
    if j < len(t) and t[j] in _CURRENCY_SYMBOLS:
        return j + 1
    k = _letters_after(t, j)
    if k > j and t[j:k].lower() in _CURRENCY_WORDS:
        return k + 1 if k < len(t) and t[k] == "." else k
    return i


def _sign_position(t: str, i: int) -> bool:
    """A minus at ``i`` is a sign (not a hyphen in "INV-12" or "10-20") if nothing or a currency mark precedes it."""
    if i == 0 or not t[i - 1].isalnum():
        return True
    return t[_letters_before(t, i):i].lower() in _CURRENCY_WORDS


_FOOTNOTE = re.compile(r"\[\d{1,2}\]")


def _not_money_mask(t: str) -> list[tuple[int, int]]:
    spans = [m.span() for _, m in _date_spans(t)]
    if ":" in t:
        spans.extend(m.span() for m in _TIME.finditer(t))
    if "[" in t:
        spans.extend(m.span() for m in _FOOTNOTE.finditer(t))  # "[1] Tax to be paid on reverse charge basis"
    for m in _PHONE.finditer(t):
        s = m.group()
        digits = sum(c.isdigit() for c in s)
        if digits >= 8 and (s[0] in "+(0" or "-" in s or "(" in s):
            spans.append(m.span())
    return spans


_MAX_AMOUNT = Decimal(10) ** 15


# Two amounts with cents read as one token, no space between ("134.4110.89" for "134.41 10.89"): four or more digits
# between the two marks is no thousands group, so the first amount ends at its second decimal
_TWO_GLUED = re.compile(r"(?<![\d.,])(\d{1,7}([.,])\d{2})(\d{2,7}\2\d{2})(?![\d.,])")


def _scan_amounts(text: str, loose: bool) -> list[tuple[float, int, int]]:
    if not isinstance(text, str) or not any(c.isdigit() or c in _CONFUSABLE for c in text):
        return []
    t = _fix_ocr_digits(text)
    mask = _not_money_mask(t)
    n = len(t)
    out: list[tuple[float, int, int]] = []
    if "коп" in t.lower():  # "100 руб. 50 коп." is one amount
        for m in _RUB_KOP.finditer(t):
            rub = _to_number(m["rub"])
            if rub is not None:
                out.append((float(rub + Decimal(m["kop"]) / 100), m.start(), m.end()))
                mask.append(m.span())
    if "." in t or "," in t:  # "134.4110.89": a VAT table's net and tax read as one token
        for m in _TWO_GLUED.finditer(t):
            if _overlaps(m.start(), m.end(), mask):
                continue
            for k in (1, 3):
                value = _to_number(m.group(k))
                if value is not None:
                    out.append((float(value), m.start(k), m.end(k)))
            mask.append(m.span())
    for m in (_NUM_LOOSE if loose else _NUM_STRICT).finditer(t):
        s, e = m.span()
        token = m.group()
        if _overlaps(s, e, mask):
            continue
        value = _to_number(token)
        if value is None:
            continue
        is_int = token.isdigit()
        if is_int and (len(token) >= 8 or (len(token) > 1 and token[0] == "0")):
            continue  # ids, phone numbers, zero-padded counters
        # --- what is glued before the number
        before = t[s - 1] if s > 0 else " "
        if before.isalpha():
            glued = t[_letters_before(t, s):s].lower()
            label_and_mark = not is_int and (  # "TotalRM14.20", "TOTAALEUR170.555,55"
                any(glued.endswith(c) and glued[: -len(c)] in _AMOUNT_LABELS for c in ("rm", "rs", "р"))
                or glued[-3:].upper() in _ISO_CODES and glued[:-3] in _AMOUNT_LABELS)
            compound = not is_int and len(glued) > 6 and (  # "Rechnungsbetrag89.614,61", "Totalfactura53.437,85"
                glued.endswith(_LABEL_ENDINGS)
                or glued.startswith(_LABEL_HEADS) and _CENTS_END.search(token) is not None)
            till_sign = (t[s - 1] in _SIGN_READ_AS_LETTER and glued in _SIGN_READ_AS_LETTER
                         and _CENTS_END.search(token) is not None)
            # the South African rand glued to its amount, "R1,258.18" (cents only: not a code "R95", "R2")
            rand = glued == "r" and t[s - 1] == "R" and _CENTS_END.search(token) is not None
            # a Japanese label with its amount glued on, "(内税175円)", "合計1,680" (not a block number
            # "中央2丁目41", nor a count "卵10個": what follows is checked below; four digits or more only after a
            # money word: not "会員1234567", "伝票1234")
            cjk = _KANA_KANJI.match(t[s - 1]) is not None and t[s - 1] not in _ADDRESS_KANJI and (
                e == n or t[e].isspace() or t[e] in ")）(（円元※*") and (
                not is_int or len(token) < 4 or t[s - 1] in _MONEY_KANJI)
            if (glued not in _CURRENCY_WORDS and not (glued in _AMOUNT_LABELS and not is_int) and not label_and_mark
                    and not compound and not till_sign and not rand and not cjk):
                continue
        elif before in "#№":
            continue
        elif before in ".,":
            k = _letters_before(t, s - 1)
            word = t[k:s - 1].lower()
            # (a label's own abbreviation dot with its amount glued on, cents only: "19 %MwSt.9.305,69")
            if k == s - 1 or word not in _CURRENCY_WORDS and not (
                    before == "." and word in _AMOUNT_LABELS and _CENTS_END.search(token) is not None):
                continue  # "No.12", ".50"
        elif before in "-/" and s > 1 and t[s - 2].isalnum():
            if before == "/" or not (t[s - 2].isalpha() and t[_letters_before(t, s - 1):s - 1].lower()
                                     in _CURRENCY_WORDS):
                continue  # INV-123, 10-20, 1/2
        # --- what is glued after the number
        after = t[e] if e < n else " "
        negative = False
        if after.isalpha():
            run = t[e:_letters_after(t, e)].lower()
            if run == "cr":
                negative = True
            elif run[0] in _CURRENCY_SYMBOLS:
                pass  # 100円, 1200元
            elif run == "p" and _CENTS_END.search(token):
                pass  # "790,42P": the rouble's "р" read as a Latin P, glued (cents only: not "5P", "99p" pence)
            elif run not in _CURRENCY_WORDS and (is_int or not _CJK_RUN.fullmatch(run)):
                continue  # 2x, 5kg, 123A (but "48.00人": an OCR'd stamp or mark glued to a price)
        elif after in "-/" and e + 1 < n and t[e + 1].isalnum():
            continue
        elif after == ":" and is_int and (e + 1 == n or t[e + 1].isspace()):
            continue  # a label's own number before its colon ("НДС 125:", 12% misread; "Kasse 2:"), not its value
        rest = t[e:]
        unit = _UNIT_AHEAD.match(rest)
        if _PERCENT_AHEAD.match(rest) or unit and not (_LONE_G.match(rest) and _CENTS_END.search(token)):
            continue
        if _ID_BEHIND.search(t[max(0, s - 10):s]):
            continue  # "No. 12", "№ 12", "# 5"
        if is_int and (_MULT_AHEAD.match(rest) or _MULT_BEHIND.search(t[max(0, s - 4):s])):
            continue  # quantities: "2 x 5.00", "5.00 x 2"
        # --- sign: leading/trailing minus, accounting parentheses, CR suffix
        start, end = s, e
        pre = _currency_before(t, s)
        post = _currency_after(t, e)
        for i in (s, pre):
            if i > 0 and t[i - 1] in _MINUS and _sign_position(t, i - 1):
                negative, start = True, min(start, i - 1)
                break
        # (not "¥1,680-": the closing dash of a Japanese receipt form after whole yen is no minus)
        yen_dash = pre < s and t[pre] in "¥￥" and _CENTS_END.search(token) is None
        if not yen_dash and post < n and t[post] in _MINUS and (post + 1 == n or not t[post + 1].isalnum()):
            negative, end = True, max(end, post + 1)
        elif not yen_dash and e < n and t[e] in _MINUS and (e + 1 == n or not t[e + 1].isalnum()):
            negative, end = True, max(end, e + 1)
        if pre > 0 and t[pre - 1] == "(" and post < n and t[post] == ")":
            negative, start, end = True, pre - 1, post + 1
        if not negative and _CR_AHEAD.match(t, post):
            negative = True
        if abs(value) >= _MAX_AMOUNT:
            continue  # 16+ integer digits: an id or a barcode, and beyond what a float keeps exactly
        out.append((float(-value if negative else value), start, end))
    out.sort(key=lambda x: x[1])
    return out


def find_amounts(text: str) -> list[tuple[float, int, int]]:
    """All money-looking amounts in a line as ``(value, start, end)``, left to right.

    Skips what is clearly not money: dates, times, phone numbers, ids (8+ plain digits, zero-padded, glued to
    non-currency letters or joined by ``-``), percentages, quantities ("2 x", "x 2") and measures ("1.5 kg").
    Signs: "-5.09", "9.00-", "(9.00)" and "9.00 CR" are negative; the span covers the sign marks.
    """
    return _scan_amounts(text, loose=False)


def parse_amount(text: str) -> float | None:
    """The amount in a field's raw text ("RM 9.00", "1.234,50", "9.00-"), or ``None`` if there is none.

    Space grouping is accepted freely here ("1 234.50"), because a field value is one number; when the text holds
    several amounts the last one wins (labels and quantities come first on a receipt line).
    """
    found = _scan_amounts(text, loose=True)
    return found[-1][0] if found else None
