"""Normalization rules: raw strings found by a KIE backend -> typed, normalized field values.

Every backend (TILT, the local KIE) returns strings as printed ("RM 9.00", "25/12/2018"); this module is the
single place that decides what they mean, so backends are judged by the same rules. Everything here is a pure
function of its arguments (the only implicit input is ``datetime.date.today()`` when ``today`` is not given),
uses compiled regexes and constant tables only, and never raises on garbage: it returns ``None``.

Output contract of :func:`normalize_fields`::

    {merchant: str|None, date: "YYYY-MM-DD"|None, currency: ISO-4217|None,
     subtotal: float|None, tax_amount: float|None, total: float|None}

Date ambiguity policy (numeric dates ``A/B/Y``; separators ``/ - .``):

1. If ``A > 12`` then A is the day (``25/12/2018`` -> 2018-12-25).
2. Else if ``B > 12`` then the date is month-first (``12/28/2017`` -> 2017-12-28).
3. Else both readings are possible: day-first by default (receipts in most of the world), month-first when the
   caller passes ``day_first=False`` (US locale, e.g. the currency is USD).
4. Invalid calendar dates are rejected. A reading that is more than one day after ``today`` or before 1990 is
   implausible; the other reading (day/month swapped) is tried, and for all-two-digit dates finally ``YY/MM/DD``.
   If nothing is plausible the result is ``None``.
5. ``YYYY-MM-DD`` / ``YYYY/MM/DD`` are year-month-day; ``YYYY-DD-MM`` only when the month slot is > 12 or the
   straight reading is implausible.
6. Two-digit years: 00-69 -> 20xx, 70-99 -> 19xx.

Month names come from an internal table (English, Russian, Malay, Indonesian, German, French, Spanish); no
``dateparser`` fallback, because it is ~100x slower (1.2 ms vs ~10 µs a call), locale-sensitive and parses
relative phrases.

Bump :data:`RULESET_VERSION` whenever any output can change; it is stored with every result so numbers produced
under different rules can be told apart.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

from lib.kie.base import FIELDS, FieldCandidate

__all__ = [
    "RULESET_VERSION",
    "NormalizedFields",
    "detect_currency",
    "find_amounts",
    "find_dates",
    "normalize_fields",
    "normalize_merchant",
    "parse_amount",
    "parse_date",
]

RULESET_VERSION = "2026.11.27.6"

_MIN_DATE = _dt.date(1990, 1, 1)
_FUTURE_SLACK = _dt.timedelta(days=1)
_TWO_DIGIT_PIVOT = 70  # 00-69 -> 20xx, 70-99 -> 19xx

_SUM_ABS_TOLERANCE = 0.02
_SUM_REL_TOLERANCE = 0.01  # covers cash rounding such as Malaysia's 5-sen rounding
_INCONSISTENT_FACTOR = 0.5  # confidence multiplier for fields that fail a consistency check
_SWAPPED_DATE_FACTOR = 0.8  # confidence multiplier when the date needed the swapped reading
_DETECTED_CURRENCY_CONFIDENCE = 0.5  # currency inferred from document text, not read from a field

# --------------------------------------------------------------------------------------------------------------
# OCR noise: O/o (Latin and Cyrillic) read for 0, l/I read for 1 -- only inside digit runs, length-preserving so
# that match offsets still point into the caller's text.
# --------------------------------------------------------------------------------------------------------------

_CONFUSABLE = "OoОоIl"
_CONFUSABLE_TABLE = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0", "I": "1", "l": "1"})
_ONE_LIKE = "Il"
_DIGITISH_RUN = re.compile(r"[\dOoОоIl]+")
_RUN_JOINERS = "./-:,"


def _fix_ocr_digits(text: str) -> str:
    """Replace letters OCR confuses with digits when they sit in a run that has real digits.

    "1O.5O" -> "10.50", "2O18" -> "2018", "l5/O3/2O24" -> "15/03/2024"; words ("OCT", "No.", "ООО") stay, because
    confusables touching other letters are trimmed off the run, and a run without digits is only fixed when it is
    joined by a separator to a run that has digits.
    """
    if not any(c in text for c in _CONFUSABLE):
        return text
    n = len(text)
    cores: list[tuple[int, int, bool]] = []
    for m in _DIGITISH_RUN.finditer(text):
        s, e = m.span()
        if s > 0 and text[s - 1].isalpha() and text[_letters_before(text, s):s].lower() not in ("rm", "rs", "rp"):
            while s < e and text[s] in _CONFUSABLE:
                s += 1
        if e < n and text[e].isalpha():
            while e > s and text[e - 1] in _CONFUSABLE:
                e -= 1
        if s < e:
            cores.append((s, e, any(c.isdigit() for c in text[s:e])))
    pieces: list[str] = []
    pos = 0
    for i, (s, e, has_digit) in enumerate(cores):
        if not has_digit:
            prev_ok = i > 0 and cores[i - 1][2] and cores[i - 1][1] == s - 1 and text[s - 1] in _RUN_JOINERS
            next_ok = i + 1 < len(cores) and cores[i + 1][2] and cores[i + 1][0] == e + 1 and text[e] in _RUN_JOINERS
            if not (prev_ok or next_ok):
                continue
        core = text[s:e]
        if not any(c in _CONFUSABLE for c in core):
            continue
        # A trailing l/I ("2l" = two litres) is a unit, not a digit, unless a separator + digit follows.
        end = e
        if core[-1] in _ONE_LIKE and not (e + 1 < n and text[e] in _RUN_JOINERS and text[e + 1].isdigit()):
            end = e - 1
        pieces.append(text[pos:s])
        pieces.append(text[s:end].translate(_CONFUSABLE_TABLE))
        pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------------------

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "январь", "января", "янв", "januari", "januar", "jänner", "janvier", "janv", "enero"),
    2: ("february", "feb", "февраль", "февраля", "февр", "фев", "februari", "februar", "février", "fevrier",
        "févr", "fevr", "febrero"),
    3: ("march", "mar", "март", "марта", "мар", "mac", "maret", "märz", "marz", "mär", "mrz", "mars", "marzo"),
    4: ("april", "apr", "апрель", "апреля", "апр", "avril", "avr", "abril"),
    5: ("may", "май", "мая", "mei", "mai", "mayo"),
    6: ("june", "jun", "июнь", "июня", "июн", "juni", "juin", "junio"),
    7: ("july", "jul", "июль", "июля", "июл", "julai", "juli", "juillet", "juil", "julio"),
    8: ("august", "aug", "август", "августа", "авг", "ogos", "agustus", "agt", "août", "aout", "agosto"),
    9: ("september", "sept", "sep", "сентябрь", "сентября", "сент", "сен", "septembre", "septiembre",
        "setiembre"),
    10: ("october", "oct", "октябрь", "октября", "окт", "oktober", "okt", "octobre", "octubre"),
    11: ("november", "nov", "ноябрь", "ноября", "нояб", "ноя", "novembre", "noviembre"),
    12: ("december", "dec", "декабрь", "декабря", "дек", "disember", "desember", "dezember", "dez", "décembre",
         "decembre", "déc", "diciembre"),
}
_MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names}
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))

_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_SP = r"[ \t]{0,2}"
_NAMED_GAP = r"(?:[ \t]{0,2}[./\-,][ \t]{0,2}|[ \t]{0,3})"
_MON = rf"(?P<mon>{_MONTH_ALT}){_NOT_LETTER_AHEAD}\.?"
_YEAR_SUFFIX = rf"(?:[ \t]{{0,2}}(?:года|г\.?){_NOT_LETTER_AHEAD})?"  # Russian "15.03.2024 г."
# A time printed without a space after the date ("30/05/201710:18:02", "28-03-1818:05"): the date ends where the
# time's hour begins. A 4-digit year must not itself run into a colon ("1818:05" is 18 + 18:05, not year 1818).
# A two-digit hour with minutes may itself be followed by more glued digits ("26/06/1822:404510702": 22:40, then a
# receipt number).
_GLUED_TIME_OR_END = r"(?:(?!\d)|(?=\d{1,2}:\d{2}(?!\d))|(?=\d{2}:\d{2}))"
_YEAR = (r"(?P<y>\d{4}(?=\d{1,2}:\d{2}(?!\d))|\d{4}(?![\d:])|\d{4}(?=\d{2}:\d{2})|"
         r"\d{2}(?=\d{1,2}:\d{2}(?!\d))|\d{2}(?!\d)|\d{2}(?=\d{2}:\d{2}))")

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ymd",
        re.compile(
            rf"(?<!\d)(?P<y>\d{{4}}){_SP}(?P<s>[./\-]){_SP}(?P<m>\d{{1,2}}){_SP}(?P=s){_SP}"
            rf"(?P<d>\d{{1,2}}){_GLUED_TIME_OR_END}(?!(?P=s)\d)"
        ),
    ),
    (
        "abY",
        re.compile(
            rf"(?<!\d)(?P<a>\d{{1,2}}){_SP}(?P<s>[./\-]){_SP}(?P<b>\d{{1,2}}){_SP}(?P=s){_SP}"
            rf"{_YEAR}(?!(?P=s)\d){_YEAR_SUFFIX}"
        ),
    ),
    (
        "dMy",
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_NAMED_GAP}{_MON}{_NAMED_GAP}"
            rf"{_YEAR}(?![.,:]\d){_YEAR_SUFFIX}",
            re.IGNORECASE,
        ),
    ),
    (
        "Mdy",
        re.compile(
            rf"{_NOT_LETTER_BEHIND}{_MON}{_NAMED_GAP}(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
            rf"[ \t]{{0,2}}[,./\-]?[ \t]{{0,3}}(?P<y>\d{{4}}){_GLUED_TIME_OR_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "yMd",
        re.compile(rf"(?<!\d)(?P<y>\d{{4}}){_NAMED_GAP}{_MON}{_NAMED_GAP}(?P<d>\d{{1,2}})(?!\d)", re.IGNORECASE),
    ),
    ("cjk", re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})(?!\d)\s*日?")),
)


_NAMED_KINDS = frozenset({"dMy", "Mdy", "yMd"})
_WORD3 = re.compile(r"[^\W\d_]{3,}")


class _DateHit(NamedTuple):
    value: _dt.date | None
    start: int
    end: int
    reason: str  # "", "swapped" (needed the alternative reading), "implausible", "invalid"


def _year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        return 1900 + v if v >= _TWO_DIGIT_PIVOT else 2000 + v
    return v


def _make_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _date_spans(t: str) -> Iterator[tuple[str, re.Match[str]]]:
    """All date-shaped matches, non-overlapping, leftmost-longest first (valid or not)."""
    if not any(c.isdigit() for c in t):
        return
    # Cheap gates: the month-name patterns are the slow ones, so run them only if a month word is present.
    named = any(w.lower() in _MONTHS for w in _WORD3.findall(t))
    numeric = "/" in t or "-" in t or "." in t
    found = [
        (m.start(), -m.end(), kind, m)
        for kind, rx in _DATE_PATTERNS
        if (named if kind in _NAMED_KINDS else numeric if kind != "cjk" else "年" in t)
        for m in rx.finditer(t)
    ]
    found.sort(key=lambda x: (x[0], x[1]))
    last_end = -1
    for start, neg_end, kind, m in found:
        if kind in ("ymd", "abY") and _chained(t, start, m["s"]):
            continue  # "12/18/03/2018": the tail of a longer chain, not a date
        if start >= last_end:
            last_end = -neg_end
            yield kind, m


def _chained(t: str, start: int, sep: str) -> bool:
    """A digit and the same separator right before ``start``; an id glued with another separator is not a chain
    ("REG #19-18/03/2018" is a date)."""
    return start >= 2 and t[start - 1] == sep and t[start - 2].isdigit()


def _readings(kind: str, m: re.Match[str], day_first: bool | None) -> list[tuple[int, int, int]]:
    """Candidate (year, month, day) readings of one match, most preferred first."""
    if kind in ("ymd", "cjk"):
        y, mo, d = _year(m["y"]), int(m["m"]), int(m["d"])
        return [(y, mo, d), (y, d, mo)] if kind == "ymd" else [(y, mo, d)]
    if kind == "abY":
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        if a > 12:
            out = [(y, b, a)]
        elif b > 12:
            out = [(y, a, b)]
        elif day_first is False:
            out = [(y, a, b), (y, b, a)]
        else:
            out = [(y, b, a), (y, a, b)]
        if len(m["a"]) == 2 and len(m["y"]) == 2:  # last resort: YY/MM/DD
            out.append((_year(m["a"]), b, int(m["y"])))
        return out
    month = _MONTHS.get(m["mon"].lower())  # None for look-alikes the case-insensitive regex let in ("APRİL")
    return [] if month is None else [(_year(m["y"]), month, int(m["d"]))]


def _hit(readings: list[tuple[int, int, int]], start: int, end: int, latest: _dt.date) -> _DateHit:
    valid = [d for d in (_make_date(*r) for r in readings) if d is not None]
    if not valid:
        return _DateHit(None, start, end, "invalid")
    plausible = [d for d in valid if _MIN_DATE <= d <= latest]
    if not plausible:
        return _DateHit(None, start, end, "implausible")
    return _DateHit(plausible[0], start, end, "" if plausible[0] == valid[0] else "swapped")


def _latest(today: _dt.date | None) -> _dt.date:
    return (today or _dt.date.today()) + _FUTURE_SLACK


def _scan_dates(text: str, today: _dt.date | None, day_first: bool | None) -> list[_DateHit]:
    if not isinstance(text, str) or not text:
        return []
    t = _fix_ocr_digits(text)
    latest = _latest(today)
    return [_hit(_readings(kind, m, day_first), m.start(), m.end(), latest) for kind, m in _date_spans(t)]


# Dates whose separators OCR broke, read only where a date is expected (``loose=True``, or a whole date field):
# one separator lost ("2703/2018", "0502-18"), or two different ones / a tilde ("05~05-17", "13/07-2017"). In
# running text these shapes are as often ids and codes, so :func:`find_dates` does not return them by default.
_LOOSE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ab_Y", re.compile(rf"(?<![\d./\-~])(?P<a>\d{{2}})(?P<b>\d{{2}}){_SP}[./\-]{_SP}{_YEAR}(?![./\-~]\d)")),
    ("a_b_Y", re.compile(
        rf"(?<![\d./\-~])(?P<a>\d{{1,2}}){_SP}(?P<s1>[./\-~]){_SP}(?P<b>\d{{1,2}}){_SP}(?P<s2>[./\-~]){_SP}"
        rf"{_YEAR}(?![./\-~]\d)"
    )),
)
# A whole field that is only digits: "20180304" (YYYYMMDD).
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])")


def _scan_loose(t: str, latest: _dt.date, day_first: bool | None) -> list[_DateHit]:
    hits = []
    for kind, rx in _LOOSE_PATTERNS:
        for m in rx.finditer(t):
            if kind == "a_b_Y" and m["s1"] == m["s2"] and m["s1"] != "~":
                continue  # an ordinary date: the strict patterns decide
            hits.append(_hit(_readings("abY", m, day_first), m.start(), m.end(), latest))
    return hits


def _scan_whole_loose(text: str, today: _dt.date | None, day_first: bool | None) -> _DateHit | None:
    """A whole string that is one broken-separator or compact date (after trimming spaces and a trailing time)."""
    if not isinstance(text, str):
        return None
    t = _fix_ocr_digits(text).strip()
    t = _TRAILING_TIME.sub("", t)
    latest = _latest(today)
    m = _COMPACT_DATE.fullmatch(t)
    if m:
        return _hit([(int(m["y"]), int(m["m"]), int(m["d"]))], 0, len(t), latest)
    for h in _scan_loose(t, latest, day_first):
        if h.start == 0 and h.end == len(t):
            return h
    return None


_TRAILING_TIME = re.compile(r"(?:[ \t]+|(?<=\d))\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?$")


def find_dates(
    text: str, *, today: _dt.date | None = None, day_first: bool | None = None, loose: bool = False
) -> list[tuple[_dt.date, int, int]]:
    """All plausible dates in ``text`` as ``(date, start, end)`` char offsets, left to right.

    Times after a date ("25/12/2018 8:13:39 PM", "2018-12-25T10:00") are not part of the span. See the module
    docstring for the day/month ambiguity policy. ``loose=True`` adds dates whose separators OCR broke
    ("2703/2018", "0502-18", "05~05-17") where they do not overlap an ordinary match; callers should trust them
    less (they are also ids' shapes).
    """
    hits = _scan_dates(text, today, day_first)
    if loose and isinstance(text, str) and text:
        taken = [(h.start, h.end) for h in hits]
        extra = [h for h in _scan_loose(_fix_ocr_digits(text), _latest(today), day_first)
                 if not any(h.start < e and s < h.end for s, e in taken)]
        hits = sorted(hits + extra, key=lambda h: h.start)
    return [(h.value, h.start, h.end) for h in hits if h.value is not None]


def parse_date(
    text: str, *, today: _dt.date | None = None, day_first: bool | None = None
) -> _dt.date | None:
    """The first plausible date in ``text``, or ``None`` (never raises).

    When ``text`` has no ordinary date but is, as a whole, one date with broken separators or a compact
    ``YYYYMMDD`` ("2703/2018", "0502-18 ", "20180304"), that date.
    """
    for h in _scan_dates(text, today, day_first):
        if h.value is not None:
            return h.value
    whole = _scan_whole_loose(text, today, day_first)
    return whole.value if whole is not None else None


# --------------------------------------------------------------------------------------------------------------
# Amounts
# --------------------------------------------------------------------------------------------------------------

_NBSPS = "\u00a0\u202f\u2009"
# A number token: digits joined by . , ' and grouping spaces. Plain spaces only group when followed by exactly
# three digits; in strict (line) mode only when the chain ends in a decimal comma ("1 234,50"), because on a
# receipt line "2 150.00" is more often quantity + price than two thousand one hundred and fifty.
_NUM_STRICT = re.compile(
    rf"(?<!\d)(?<!\d[.,'’])\d+(?:[.,'’]\d+|[{_NBSPS}]\d{{3}}(?!\d)"
    rf"|[ ](?=\d{{3}}(?:[ {_NBSPS}]\d{{3}})*,\d{{1,2}}(?!\d))\d{{3}})*"
)
_NUM_LOOSE = re.compile(rf"(?<!\d)(?<!\d[.,'’])\d+(?:[.,'’]\d+|[ {_NBSPS}]\d{{3}}(?!\d))*")
_NUM_SPLIT = re.compile(rf"([.,'’ {_NBSPS}])")

_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)(?:\s?[AaPp]\.?[Mm]\.?)?")
_PHONE = re.compile(
    r"(?<![\d.,])(?:\+\d{1,3}[ \-.]?)?(?:\(\d{1,4}\)[ \-]?)?\d{2,5}(?:[ \-]\d{2,5}){1,4}(?!\d)(?![.,]\d)"
)
_PERCENT_AHEAD = re.compile(r"[ \t]{0,2}%")
_UNIT_AHEAD = re.compile(
    r"[ \t]{1,2}(?:kg|gm|gr|g|mg|ltr|lt|l|ml|cl|pcs|pc|pkt|ea|шт|кг|гр|г|мл|л)(?![^\W\d_])", re.IGNORECASE
)
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

_CURRENCY_SYMBOLS = "$€£¥￥₹₽₩₺₫฿₱₴₸₪₦₨元円"
_MINUS = "-−–"
# ISO-4217 codes we recognise as words. Deliberately absent: codes that are also common receipt words or grades
# (ALL, PEN, COP, GEL, MAD, TOP, RON as in "RON95" petrol, BHD as in "SDN BHD").
_ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY RMB INR RUB RUR MYR SGD PLN CHF AUD CAD NZD HKD TWD KRW THB IDR PHP VND SEK NOK DKK "
    "CZK HUF BGN TRY UAH KZT BYN AED SAR QAR KWD OMR ILS EGP ZAR NGN KES BRL MXN PKR LKR BDT NPR".split()
)
# Labels OCR sometimes glues to the amount ("TOTAL9.00"); accepted only for numbers with a decimal part.
_AMOUNT_LABELS = frozenset({
    "total", "subtotal", "amount", "amt", "tax", "gst", "sst", "vat", "cash", "change", "rounding", "due", "paid",
    "итог", "итого", "сумма", "ндс", "наличными", "сдача",
})
# Letter runs that may be glued to a number ("RM9.00", "12.50р", "9.00EUR"): anything else glued (INV123, 2x,
# 5kg) means the digits are not money.
_CURRENCY_WORDS = frozenset({c.lower() for c in _ISO_CODES} | {
    "rm", "rs", "rp", "р", "руб", "zł", "zl", "kr", "kn", "ft", "kč", "lei", "тг", "грн", "fr", "chf", "s", "us",
})
_DOLLAR_PREFIXES = frozenset({"us", "s", "sg", "sgd", "a", "au", "c", "ca", "nz", "hk", "nt", "r", "mx"})


def _valid_grouping(groups: list[str], sep: str) -> bool:
    """Thousands grouping: 1-3 leading digits then groups of 3 (or Indian lakh grouping 1,23,456)."""
    if not groups or groups[0].startswith("0"):
        return False
    first, rest = groups[0], groups[1:]
    if 1 <= len(first) <= 3 and all(len(g) == 3 for g in rest):
        return True
    return sep == "," and len(first) <= 2 and all(len(g) == 2 for g in rest[:-1]) and len(rest[-1]) == 3


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


def _letters_before(t: str, i: int) -> int:
    j = i
    while j > 0 and t[j - 1].isalpha():
        j -= 1
    return j


def _letters_after(t: str, i: int) -> int:
    j = i
    while j < len(t) and t[j].isalpha():
        j += 1
    return j


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


def _not_money_mask(t: str) -> list[tuple[int, int]]:
    spans = [m.span() for _, m in _date_spans(t)]
    if ":" in t:
        spans.extend(m.span() for m in _TIME.finditer(t))
    for m in _PHONE.finditer(t):
        s = m.group()
        digits = sum(c.isdigit() for c in s)
        if digits >= 8 and (s[0] in "+(0" or "-" in s or "(" in s):
            spans.append(m.span())
    return spans


_MAX_AMOUNT = Decimal(10) ** 15


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
            label_and_mark = not is_int and any(glued.endswith(c) and glued[: -len(c)] in _AMOUNT_LABELS
                                                for c in ("rm", "rs", "usd", "eur", "р"))  # "TotalRM14.20"
            if glued not in _CURRENCY_WORDS and not (glued in _AMOUNT_LABELS and not is_int) and not label_and_mark:
                continue
        elif before in "#№":
            continue
        elif before in ".,":
            k = _letters_before(t, s - 1)
            if k == s - 1 or t[k:s - 1].lower() not in _CURRENCY_WORDS:
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
            elif run not in _CURRENCY_WORDS and (is_int or not _CJK_RUN.fullmatch(run)):
                continue  # 2x, 5kg, 123A (but "48.00人": an OCR'd stamp or mark glued to a price)
        elif after in "-/" and e + 1 < n and t[e + 1].isalnum():
            continue
        rest = t[e:]
        if _PERCENT_AHEAD.match(rest) or _UNIT_AHEAD.match(rest):
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
        if post < n and t[post] in _MINUS and (post + 1 == n or not t[post + 1].isalnum()):
            negative, end = True, max(end, post + 1)
        elif e < n and t[e] in _MINUS and (e + 1 == n or not t[e + 1].isalnum()):
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


# --------------------------------------------------------------------------------------------------------------
# Currency
# --------------------------------------------------------------------------------------------------------------

_DOLLAR_CODES = {"us": "USD", "s": "SGD", "sg": "SGD", "sgd": "SGD", "a": "AUD", "au": "AUD", "c": "CAD",
                 "ca": "CAD", "nz": "NZD", "hk": "HKD", "nt": "TWD", "r": "BRL", "mx": "MXN"}
_DOLLAR_FAMILY = frozenset({"USD", "SGD", "AUD", "CAD", "NZD", "HKD", "TWD", "MXN"})
_DOLLAR = "$"  # pseudo-code: a bare $ whose country is decided by other evidence
_YEN = "¥"  # pseudo-code: ¥ is JPY unless the document is Chinese

_SYMBOLS: dict[str, tuple[str, int]] = {
    "€": ("EUR", 3), "£": ("GBP", 3), "₹": ("INR", 3), "₽": ("RUB", 3), "₩": ("KRW", 3), "₺": ("TRY", 3),
    "₫": ("VND", 3), "฿": ("THB", 3), "₱": ("PHP", 3), "₴": ("UAH", 3), "₸": ("KZT", 3), "₪": ("ILS", 3),
    "₦": ("NGN", 3), "₨": ("INR", 2), "円": ("JPY", 3), "元": ("CNY", 2), "¥": (_YEN, 2), "￥": (_YEN, 2),
}
_CODE_ALIASES = {"RMB": "CNY", "RUR": "RUB"}

# (pattern, code, weight). Weight 3 = explicit currency mark, 2 = a mark with a default country, 1 = context.
_EVIDENCE: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])"), "", 3),
    (re.compile(r"(?<![A-Za-z])(US|SGD|SG|S|AU|A|CA|C|NZ|HK|NT|R|MX)?\$"), _DOLLAR, 2),
    (re.compile("[" + "".join(_SYMBOLS) + "]"), "", 0),
    (re.compile(r"(?<![A-Za-z])RM(?![A-Za-z])"), "MYR", 3),
    (re.compile(r"(?<![A-Za-z])(?:Rs\.?(?![A-Za-z])|RS\.?[ ]?(?=\d))"), "INR", 3),
    (re.compile(r"(?<![A-Za-z])Rp\.?[ ]?(?=\d)"), "IDR", 3),
    (re.compile(r"zł|(?<![A-Za-z])zl(?![A-Za-z])", re.IGNORECASE), "PLN", 3),
    (re.compile(r"(?<![^\W\d_])руб", re.IGNORECASE), "RUB", 3),
    (re.compile(r"\d[ ]?р\.?(?![^\W\d_])"), "RUB", 3),
    (re.compile(r"\d[ ]?коп(?![^\W\d_])", re.IGNORECASE), "RUB", 2),
    (re.compile(r"(?<![^\W\d_])грн(?![^\W\d_])", re.IGNORECASE), "UAH", 3),
    (re.compile(r"\bringgit\b", re.IGNORECASE), "MYR", 3),
    (re.compile(r"\beuros?\b", re.IGNORECASE), "EUR", 3),
    (re.compile(r"\b(?:yuan|renminbi)\b", re.IGNORECASE), "CNY", 3),
    (re.compile(r"\byen\b", re.IGNORECASE), "JPY", 3),
    (re.compile(r"\brupees?\b", re.IGNORECASE), "INR", 2),
    (re.compile(r"\bz[łl]oty\b", re.IGNORECASE), "PLN", 3),
    (re.compile(r"\bdollars?\b", re.IGNORECASE), _DOLLAR, 2),
    # Context: where the receipt is from. One point each, never more than a printed currency mark.
    (re.compile(
        r"\b(?:malaysia|sdn\.?\s?bhd|selangor|johor|kuala\s+lumpur|pulau\s+pinang|penang|melaka|malacca|perak|"
        r"sabah|sarawak|kedah|negeri\s+sembilan|pahang|terengganu|kelantan|perlis|putrajaya|labuan)\b",
        re.IGNORECASE,
    ), "MYR", 1),
    (re.compile(r"\bSST\b"), "MYR", 1),
    (re.compile(r"(?<![^\W\d_])(?:НДС|ИНН|ККТ|ОФД|ФНС|Росси[яи]|Российская\s+Федерация|РФ)(?![^\W\d_])"), "RUB", 1),
    (re.compile(r"\b(?:singapore|pte\.?\s?ltd)\b", re.IGNORECASE), "SGD", 1),
    (re.compile(r"\bindia\b|\bGSTIN\b|\b[CS]GST\b", re.IGNORECASE), "INR", 1),
    (re.compile(r"\baustralia\b|\bABN\b"), "AUD", 1),
    (re.compile(r"\bcanada\b", re.IGNORECASE), "CAD", 1),
    (re.compile(r"\bnew\s+zealand\b", re.IGNORECASE), "NZD", 1),
    (re.compile(r"\bhong\s+kong\b", re.IGNORECASE), "HKD", 1),
    (re.compile(r"\bchina\b|中国|人民币", re.IGNORECASE), "CNY", 1),
    (re.compile(r"\bjapan\b|日本", re.IGNORECASE), "JPY", 1),
    (re.compile(r"\bindonesia\b", re.IGNORECASE), "IDR", 1),
)
# A currency field's raw text is often just the mark; these are too short to be evidence in running text.
_CURRENCY_EXACT = {"р": "RUB", "р.": "RUB", "руб": "RUB", "руб.": "RUB", "rub.": "RUB", "rs": "INR", "rs.": "INR",
                   "rp": "IDR", "rp.": "IDR", "zl": "PLN", "zł": "PLN", "fr.": "CHF", "sfr": "CHF", "eur": "EUR"}
_MAX_HITS_PER_RULE = 3  # a code printed on every line should not drown everything else


def _currency_scores(text: str) -> dict[str, tuple[int, int]]:
    """code (or pseudo-code $ / ¥) -> (score, first position)."""
    scores: dict[str, tuple[int, int]] = {}

    def add(code: str, weight: int, pos: int) -> None:
        score, first = scores.get(code, (0, pos))
        scores[code] = (score + weight, min(first, pos))

    for rx, code, weight in _EVIDENCE:
        hits = 0
        cap = 1 if weight == 1 else _MAX_HITS_PER_RULE
        for m in rx.finditer(text):
            if code == "":
                tok = m.group()
                if tok in _SYMBOLS:
                    c, w = _SYMBOLS[tok]
                elif tok in _ISO_CODES:
                    c, w = _CODE_ALIASES.get(tok, tok), weight
                else:
                    continue
            elif code == _DOLLAR and m.lastindex and m.group(1):
                c, w = _DOLLAR_CODES[m.group(1).lower()], 3
            else:
                c, w = code, weight
            add(c, w, m.start())
            hits += 1
            if hits >= cap:
                break
    return scores


def _resolve_currency(scores: dict[str, tuple[int, int]], lang: str | None) -> str | None:
    scores = dict(scores)
    if _YEN in scores:
        yen = scores.pop(_YEN)
        chinese = "CNY" in scores or (lang or "").lower().startswith("zh")
        code = "CNY" if chinese else "JPY"
        prev = scores.get(code, (0, yen[1]))
        scores[code] = (prev[0] + yen[0], min(prev[1], yen[1]))
    if _DOLLAR in scores:
        dollar = scores.pop(_DOLLAR)
        family = [(v, c) for c, v in scores.items() if c in _DOLLAR_FAMILY]
        code = max(family, key=lambda x: (x[0][0], -x[0][1]))[1] if family else "USD"
        prev = scores.get(code, (0, dollar[1]))
        scores[code] = (prev[0] + dollar[0], min(prev[1], dollar[1]))
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: (kv[1][0], -kv[1][1]))[0]


def detect_currency(text: str, *, lang: str | None = None) -> str | None:
    """ISO-4217 code best supported by the text, or ``None`` when nothing supports one.

    Evidence (see docs/rules.md): ISO codes and unambiguous symbols/marks weigh most; "$" is USD unless a
    dollar-country is supported (S$, SGD, Singapore ...); "¥" is JPY unless the text (or ``lang="zh"``) is
    Chinese; place and tax words (Malaysia, Sdn Bhd, SST; НДС, ИНН) count once each. "VAT" and "GST" alone say
    nothing. Ties go to the evidence printed first.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    return _resolve_currency(_currency_scores(text), lang)


# --------------------------------------------------------------------------------------------------------------
# Merchant
# --------------------------------------------------------------------------------------------------------------

_MERCHANT_TRAILING_NOISE = re.compile(
    r"(?:[\s\-–—:|,/]+|^)(?:"
    r"(?:simplified\s+|full\s+)?tax\s+invoice|official\s+receipt|sales\s+receipt|tax\s+receipt|receipt|invoice|"
    r"cash\s+(?:bill|sale)|"
    r"\(\s*(?:(?:co\.?|company|roc|reg\.?|registration)\s*)*(?:no\.?|#)?\s*[:.]?\s*[\d!|][\w\-·.]*(?:\s?[a-z])?\s*"
    r"(?:\)|$)|"
    r"(?:gst|sst|co\.?|company|roc)\s*(?:reg\.?\s*)?(?:no\.?|id|#)\s*[:.]?\s*[\w\-]*\d[\w\-]*|"
    r"инн\s*[:№]?\s*\d+|"
    r"кассовый\s+чек|товарный\s+чек|чек"
    r")\s*$",
    re.IGNORECASE,
)
# OCR slips in the Malaysian company suffix: "SON BHD", "SDON BHD", "5DN BHD" -> SDN BHD; "5/B", "S/8" -> S/B.
_SDN_SLIP = re.compile(r"\b(?:S[O0IU]N|SDON|SD0N|5DN|SDM)(?=\.?\s*BH[DI1]\b)", re.IGNORECASE)
_BHD_SLIP = re.compile(r"(?<=\bSDN)(\.?\s*)(?:BH[I1]|[D8]HD)\b", re.IGNORECASE)
# After the legal suffix only noise follows: a bare registration number ("862725-U"), OCR crumbs ("SE", "LLT", "2").
_AFTER_SUFFIX = re.compile(r"(\bSDN\.?\s*BHD\.?|\bS/B\b)\s*(?:\d{4,}[-·]?\s?[A-Z]\b.*|[A-Z0-9]{1,3})$", re.IGNORECASE)
_GLUED_PAREN = re.compile(r"(?<=[^\W\d_])\((?=\s*\d)")
_SB_SLIP = re.compile(r"(?<![\w/])(?:5/[B8]|S/[8D])(?=\s*$)")
_MERCHANT_LEADING_NOISE = re.compile(
    r"^\s*(?:welcome\s+to\s+|добро\s+пожаловать\s+в\s+|(?:owned|operated)\s+by\s*:?\s*|dimiliki(?:\s+oleh)?\s*:?\s*)",
    re.IGNORECASE,
)
# After a name: a web address ("WWW.TSTORE.COM.MY", OCR'd "WMW."), or a stamp across the name ("POSTED").
_TRAILING_TAG = re.compile(
    r"[\s\-–—:|,/]+(?:(?:https?://|www\.)\S+|\S+\.\S+\.(?:com|net|org|my|sg)(?:\.[a-z]{2})?|"
    r"posted|paid|received|approved)\s*$",
    re.IGNORECASE,
)
# "MYNEWS RETAIL SB FKA BISON STORES SB": the former name is not the merchant.
_FORMERLY = re.compile(r"\s+(?:FKA|F/K/A|formerly(?:\s+known\s+as)?)\b.*$", re.IGNORECASE)
# Full-width brackets and punctuation (CJK fonts): "(MALAYSIA）" -> "(MALAYSIA)".
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_STRIP_CHARS = " \t\r\n\u00a0-–—_,;:!?*#=~|/\\•·."
_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "bhd", "llc", "plc", "pte", "pvt", "ag", "sa", "jr", "bros"})
_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”", "„": "“", '"': '"', "'": "'"}
_WS_RUN = re.compile(r"\s+")


def _balanced(s: str, opener: str, closer: str) -> bool:
    if opener == closer:
        return s.count(opener) % 2 == 0
    return s.count(opener) == s.count(closer)


def normalize_merchant(text: str) -> str | None:
    """Merchant name as printed, minus layout noise; ``None`` if nothing name-like is left.

    Case is kept (the printed form is the evidence); whitespace is collapsed; surrounding punctuation and
    unbalanced brackets/quotes are stripped, but a final "." of an abbreviation ("Co.", "Sdn. Bhd.") is kept;
    trailing document titles ("TAX INVOICE", "Кассовый чек") and registration numbers ("(81109-A)", "GST REG
    NO: ...") are removed.
    """
    if not isinstance(text, str):
        return None
    s = _WS_RUN.sub(" ", text.translate(_FULLWIDTH)).strip()
    s = _MERCHANT_LEADING_NOISE.sub("", s)
    s = _FORMERLY.sub("", s)
    s = _SDN_SLIP.sub("SDN", s)
    s = _BHD_SLIP.sub(r"\1BHD", s)
    s = _GLUED_PAREN.sub(" (", s)  # "S/B(587969-U)": a registration number glued to the name
    for _ in range(4):
        before = s
        s = _TRAILING_TAG.sub("", s)
        s = _MERCHANT_TRAILING_NOISE.sub("", s).strip(_STRIP_CHARS.replace(".", ""))
        # whole-string wrapper quotes/brackets: «Ромашка» -> Ромашка
        while len(s) >= 2 and s[0] in _PAIRS and s[-1] == _PAIRS[s[0]] and _balanced(s[1:-1], s[0], s[-1]):
            s = s[1:-1].strip()
        s = s.lstrip(_STRIP_CHARS)
        # unbalanced leading opener / trailing closer
        if s and s[0] in _PAIRS and not _balanced(s, s[0], _PAIRS[s[0]]):
            s = s[1:].lstrip(_STRIP_CHARS)
        if s and s[-1] in ")]»”\"'" and not any(
            s[-1] == c and _balanced(s, o, c) for o, c in _PAIRS.items()
        ):
            s = s[:-1]
        s = s.rstrip(_STRIP_CHARS.replace(".", ""))
        while s.endswith("."):
            word = s[:-1].rsplit(" ", 1)[-1]
            if "." in word or word.lower() in _ABBREVIATIONS:
                break
            s = s[:-1].rstrip(_STRIP_CHARS.replace(".", ""))
        if s == before:
            break
    s = _SB_SLIP.sub("S/B", s)
    s = _AFTER_SUFFIX.sub(r"\1", s)
    return s if any(c.isalnum() for c in s) else None


# --------------------------------------------------------------------------------------------------------------
# All fields
# --------------------------------------------------------------------------------------------------------------

_AMOUNT_FIELDS = ("subtotal", "tax_amount", "total")
_REFUND_MARK = re.compile(r"[-−–]|(?<![A-Za-z])CR(?![A-Za-z])|refund|возврат", re.IGNORECASE)
_US_LANGS = frozenset({"en-us", "en_us", "us"})


@dataclass(slots=True)
class NormalizedFields:
    """Typed values by field (all of FIELDS, ``None`` = not found), per-field confidence 0..1, warnings."""

    data: dict[str, Any]
    confidence: dict[str, float]
    warnings: list[str] = field(default_factory=list)
    ruleset_version: str = RULESET_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": dict(self.data),
            "confidence": {k: round(v, 4) for k, v in self.confidence.items()},
            "warnings": list(self.warnings),
            "ruleset_version": self.ruleset_version,
        }


def _round2(x: float) -> float | None:
    try:
        return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):  # inf, nan or absurdly large: not an amount
        return None


def _clamp(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if v != v else min(1.0, max(0.0, v))  # NaN -> 0


def _as_candidate(c: Any) -> FieldCandidate | None:
    if c is None or isinstance(c, FieldCandidate):
        return c
    if isinstance(c, Mapping) and "raw" in c:
        return FieldCandidate.from_dict(dict(c))
    return None


def normalize_fields(
    fields: Mapping[str, FieldCandidate | None],
    *,
    document_text: str = "",
    lang: str | None = None,
    today: _dt.date | None = None,
    checks: bool = True,
) -> NormalizedFields:
    """Parse every raw candidate, keep its confidence, and cross-check the amounts.

    ``checks=False`` (``RULES_ENABLED=false``) parses and normalizes only, skipping the consistency checks.

    - currency: the currency candidate's raw text; else evidence in the amount candidates and ``document_text``
      (confidence 0.5, since nothing pointed at it).
    - date: day-first unless the currency is USD or ``lang`` is US English; ``today`` bounds plausibility.
    - subtotal + tax_amount must equal total within max(0.02, 1 % of total), or subtotal must equal total
      (tax-inclusive receipts); otherwise the three confidences are halved and a warning is added. A missing
      third value is never invented.
    - a negative amount whose raw text has no refund mark ("-", "CR", "refund", "возврат") is kept, with a warning.
    """
    if not isinstance(fields, Mapping):
        fields = {}
    cands = {name: _as_candidate(fields.get(name)) for name in FIELDS}
    data: dict[str, Any] = dict.fromkeys(FIELDS)
    conf: dict[str, float] = dict.fromkeys(FIELDS, 0.0)
    warnings: list[str] = []

    def raw_of(name: str) -> str:
        c = cands[name]
        return c.raw if c is not None and isinstance(c.raw, str) else ""

    def keep(name: str, value: Any) -> None:
        c = cands[name]
        if value is None:
            if c is not None and raw_of(name).strip():
                warnings.append(f"{name}: could not parse {raw_of(name)!r}")
            return
        data[name] = value
        conf[name] = _clamp(c.confidence) if c is not None else 0.0

    # merchant
    keep("merchant", normalize_merchant(raw_of("merchant")) if cands["merchant"] else None)

    # currency
    currency = None
    if cands["currency"] is not None:
        raw = raw_of("currency")
        exact = _CURRENCY_EXACT.get(raw.strip().lower())
        scores = {exact: (3, 0)} if exact else _currency_scores(raw)
        if set(scores) <= {_DOLLAR, _YEN} and scores:  # "$" / "¥": let the document say which one
            context = _currency_scores(document_text) if isinstance(document_text, str) else {}
            scores = {**{k: v for k, v in context.items() if k not in (_DOLLAR, _YEN)}, **scores}
        currency = _resolve_currency(scores, lang)
        keep("currency", currency)
    if currency is None:
        evidence = "\n".join([*(raw_of(n) for n in _AMOUNT_FIELDS), document_text if isinstance(document_text, str)
                              else ""])
        currency = detect_currency(evidence, lang=lang)
        if currency is not None:
            data["currency"] = currency
            conf["currency"] = _DETECTED_CURRENCY_CONFIDENCE

    # date
    if cands["date"] is not None:
        day_first = False if currency == "USD" or (lang or "").lower() in _US_LANGS else None
        hits = _scan_dates(raw_of("date"), today, day_first)
        hit = next((h for h in hits if h.value is not None), None)
        if hit is None:
            whole = _scan_whole_loose(raw_of("date"), today, day_first)
            if whole is not None:
                hits.append(whole)
                hit = whole if whole.value is not None else None
        if hit is None:
            reason = "implausible (future or before 1990)" if any(h.reason == "implausible" for h in hits) else (
                "not a valid date")
            if raw_of("date").strip():
                warnings.append(f"date: {raw_of('date')!r} {reason}")
        else:
            keep("date", hit.value.isoformat())
            if hit.reason == "swapped":
                conf["date"] *= _SWAPPED_DATE_FACTOR
                warnings.append(f"date: {raw_of('date')!r} read as {hit.value.isoformat()} (other reading implausible)")

    # amounts
    for name in _AMOUNT_FIELDS:
        if cands[name] is None:
            continue
        value = parse_amount(raw_of(name))
        keep(name, None if value is None else _round2(value))
        if value is not None and value < 0 and not _REFUND_MARK.search(raw_of(name)):
            warnings.append(f"{name}: negative amount {data[name]:.2f} without a refund mark")

    if data["total"] == 0:  # a bill of nothing: more likely a misread ("000,00" of "12 000,00") than real
        conf["total"] *= _INCONSISTENT_FACTOR
        warnings.append(f"total: {raw_of('total')!r} reads as 0.00")

    # consistency
    sub, tax, tot = data["subtotal"], data["tax_amount"], data["total"]
    if not checks:
        return NormalizedFields(data=data, confidence={k: round(v, 4) for k, v in conf.items()}, warnings=warnings)
    if sub is not None and tax is not None and tot is not None:
        tol = max(_SUM_ABS_TOLERANCE, _SUM_REL_TOLERANCE * abs(tot))
        if abs(sub + tax - tot) > tol and abs(sub - tot) > tol:
            for name in _AMOUNT_FIELDS:
                conf[name] *= _INCONSISTENT_FACTOR
            warnings.append(
                f"consistency: subtotal {sub:.2f} + tax_amount {tax:.2f} = {sub + tax:.2f} != total {tot:.2f}"
            )
    if tax is not None and tot is not None and tot > 0 and tax > tot:
        conf["tax_amount"] *= _INCONSISTENT_FACTOR
        warnings.append(f"consistency: tax_amount {tax:.2f} > total {tot:.2f}")

    return NormalizedFields(data=data, confidence={k: round(v, 4) for k, v in conf.items()}, warnings=warnings)
