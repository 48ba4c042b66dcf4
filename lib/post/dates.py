"""Dates: find and parse printed dates (numeric in every order, month names in many languages); the ambiguity
policy is described in ``lib.post.rules``."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from lib.post.cjk import KANA_KANJI
from lib.post.ocr_noise import _fix_ocr_digits

__all__ = ["MONTH_NUMBERS", "document_day_first", "find_dates", "parse_date"]

_MIN_DATE = _dt.date(1990, 1, 1)
_FUTURE_SLACK = _dt.timedelta(days=1)
_TWO_DIGIT_PIVOT = 70  # 00-69 -> 20xx, 70-99 -> 19xx
# --------------------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------------------

_MONTH_NAMES: dict[int, tuple[str, ...]] = {  # en, ru, ms/id, de, fr, es, it, nl, pl; uk, bg, sr, kk, be; pt; hu
    1: ("january", "jan", "январь", "января", "янв", "januari", "januar", "jänner", "janvier", "janv", "enero",
        "gennaio", "styczeń", "stycznia", "styczen",
        "січень", "січня", "січ", "януари", "яну", "јануар", "јануара", "јан", "қаңтар", "студзень", "студзеня",
        "janeiro", "ene", "január"),
    2: ("february", "feb", "февраль", "февраля", "февр", "фев", "februari", "februar", "février", "fevrier",
        "févr", "fevr", "febrero", "febbraio", "luty", "lutego",
        "лютий", "лютого", "лют", "февруари", "фебруар", "фебруара", "феб", "ақпан", "люты", "лютага",
        "fevereiro", "fev", "február", "febr"),
    3: ("march", "mar", "март", "марта", "мар", "mac", "maret", "märz", "marz", "mär", "mrz", "mars", "marzo",
        "maart", "mrt", "maa", "marzec", "marca",
        "березень", "березня", "бер", "сакавік", "сакавіка", "наурыз", "março", "marco",
        "március", "marcius", "márc"),
    4: ("april", "apr", "апрель", "апреля", "апр", "avril", "avr", "abril", "aprile", "kwiecień", "kwiecien",
        "kwietnia",
        "квітень", "квітня", "квіт", "април", "априла", "сәуір", "красавік", "красавіка", "abr",
        "április", "aprilis", "ápr"),
    5: ("may", "май", "мая", "mei", "mai", "mayo", "maggio", "maj", "maja",
        "травень", "травня", "трав", "мај", "маја", "мамыр", "траўня", "maio", "május", "majus", "máj"),
    6: ("june", "jun", "июнь", "июня", "июн", "juni", "juin", "junio", "giugno", "czerwiec", "czerwca",
        "червень", "червня", "черв", "юни", "јун", "јуна", "маусым", "чэрвень", "чэрвеня", "junho",
        "június", "junius", "jún"),
    7: ("july", "jul", "июль", "июля", "июл", "julai", "juli", "juillet", "juil", "julio", "luglio", "lipiec",
        "lipca",
        "липень", "липня", "лип", "юли", "јул", "јула", "шілде", "ліпень", "ліпеня", "julho",
        "július", "julius", "júl"),
    8: ("august", "aug", "август", "августа", "авг", "ogos", "agustus", "agt", "août", "aout", "agosto",
        "augustus", "sierpień", "sierpien", "sierpnia",
        "серпень", "серпня", "серп", "тамыз", "жнівень", "жніўня", "ago", "augusztus"),
    9: ("september", "sept", "sep", "сентябрь", "сентября", "сент", "сен", "septembre", "septiembre",
        "setiembre", "settembre", "wrzesień", "wrzesien", "września", "wrzesnia",
        "вересень", "вересня", "септември", "септембар", "септембра", "қыркүйек", "верасень", "верасня",
        "setembro", "szeptember", "szept"),
    10: ("october", "oct", "октябрь", "октября", "окт", "oktober", "okt", "octobre", "octubre", "ottobre",
        "październik", "pazdziernik", "października", "pazdziernika",
        "жовтень", "жовтня", "жовт", "октомври", "октобар", "октобра", "қазан", "кастрычнік", "кастрычніка",
        "outubro", "október"),
    11: ("november", "nov", "ноябрь", "ноября", "нояб", "ноя", "novembre", "noviembre", "listopad",
        "listopada",
        "листопад", "листопада", "ноември", "новембар", "новембра", "қараша", "лістапад", "лістапада", "novembro"),
    12: ("december", "dec", "декабрь", "декабря", "дек", "disember", "desember", "dezember", "dez", "décembre",
        "decembre", "déc", "diciembre", "dicembre", "grudzień", "grudzien", "grudnia",
        "грудень", "грудня", "груд", "декември", "децембар", "децембра", "желтоқсан", "снежань", "снежня",
        "dezembro", "dic"),
}
# The letters Tesseract reads as their Russian look-alikes ("жніуня" for "жніўня", "кыркуйек" for "қыркүйек"): each
# name with them is known in that spelling too.
_LOOKALIKE_LETTERS = str.maketrans("ўқңүұғәө", "укнуугэе")
_MONTHS: dict[str, int] = {spelling: num for num, names in _MONTH_NAMES.items() for name in names
                           for spelling in {name, name.translate(_LOOKALIKE_LETTERS)}}
MONTH_NUMBERS = _MONTHS  # every spelling we read → its month number (1–12)
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))

_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_SP = r"[ \t]{0,2}"
# "15 de marzo de 2024", also with a space lost beside a number ("25de marzo de2025") or the month ("21 defebrero")
_NAMED_GAP = r"(?:[ \t]{0,2}[./\-,][ \t]{0,2}|[ \t]{1,2}de[ \t]{0,2}|(?<=\d)de[ \t]{1,2}|[ \t]{0,3})"
_MON = rf"(?P<mon>{_MONTH_ALT}){_NOT_LETTER_AHEAD}\.?"
_YEAR_SUFFIX = rf"(?:[ \t]{{0,2}}(?:года|г\.?){_NOT_LETTER_AHEAD})?"  # Russian "15.03.2024 г."
# A time printed without a space after the date ("30/05/201710:18:02", "28-03-1818:05"): the date ends where the
# time's hour begins. A 4-digit year must not itself run into a colon ("1818:05" is 18 + 18:05, not year 1818).
# A two-digit hour with minutes may itself be followed by more glued digits ("26/06/1822:404510702": 22:40, then a
# receipt number).
# (also a Japanese time: "2025-08-0917時04分")
_GLUED_TIME_OR_END = r"(?:(?!\d)|(?=\d{1,2}[:時]\d{2}(?!\d))|(?=\d{2}[:時]\d{2}))"
_YEAR = (r"(?P<y>\d{4}(?=\d{1,2}:\d{2}(?!\d))|\d{4}(?![\d:])|\d{4}(?=\d{2}:\d{2})|"
         r"\d{2}(?=\d{1,2}:\d{2}(?!\d))|\d{2}(?![\d:])|\d{2}(?=\d{2}:\d{2}))")  # (not the hour of "01/03/ 14:06")

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
            rf"{_YEAR}(?!(?P=s)(?!\d{{1,2}}:\d{{2}})\d){_YEAR_SUFFIX}"  # "30.03.2024.14:40:08": a Serbian date's dot
        ),
    ),
    (
        "dMy",
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?»?{_NAMED_GAP}{_MON}{_NAMED_GAP}"
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
        "Mdy",
        # the space between day and year lost: "Jul 202025 1:01 PM" (two-digit day, spaces only before it: not a
        # month word before a postcode, "Avda. del Mar, 12005 Castellón")
        re.compile(rf"{_NOT_LETTER_BEHIND}{_MON}[ \t]{{1,2}}(?P<d>[0-3]\d)(?P<y>(?:19|20)\d{{2}})(?![\d.,])",
                   re.IGNORECASE),
    ),
    (
        "yMd",
        # the year 19xx/20xx: "2025-9895 August 27, 2025" is an invoice number before a date, not the year 9895;
        # nor a day followed by its year: "2061 ‖ Apr 27, 2025" is an invoice number beside a month-first date
        re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}}){_NAMED_GAP}{_MON}{_NAMED_GAP}(?P<d>\d{{1,2}})(?!\d)"
                   rf"(?![ \t]{{0,2}},[ \t]{{0,3}}(?:19|20)\d{{2}}(?!\d))", re.IGNORECASE),
    ),
    (
        "yjdM",
        # Kazakh: "2023 жылғы 12 сәуір" (the year, "of the year", the day, the month)
        re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})[ \t]{{0,2}}(?:ж[ыь]л[ғг]?[ыи]|ж\.)[ \t]{{0,2}}(?P<d>\d{{1,2}})"
                   rf"(?!\d)[ \t]{{0,2}}{_MON}", re.IGNORECASE),
    ),
    # "2024年7月6日", "24年7月6日"
    ("cjk", re.compile(r"(?<!\d)(?P<y>\d{4}|\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})(?!\d)\s*日?")),
    # a Japanese era year: "令和6年7月6日" is 2024-07-06 (Reiwa from 2019, Heisei 1989-2019; 元年 is its first
    # year; the OCR reads 令 as 合, 命 or 今)
    ("era", re.compile(r"(?P<era>[令合命今]和|平成)\s*(?P<y>\d{1,2}|元)\s*年\s*(?P<m>\d{1,2})\s*月\s*"
                       r"(?P<d>\d{1,2})(?!\d)\s*日?")),
    # … and its one-letter form on Japanese receipts: "R06/07/06", "R6年7月6日", "H30.1.5" (R: Reiwa, H: Heisei;
    # only on a line with kana or kanji)
    ("era", re.compile(r"(?<![^\W\d_])(?P<era>[RH])\s?(?P<y>\d{1,2})(?P<s>[./年])(?P<m>\d{1,2})(?:(?P=s)|月)"
                       r"(?P<d>\d{1,2})(?!\d)日?")),
)
_ERA_START = {"平成": 1988, "H": 1988}  # the year before an era's first (any other era word is 令和: 2018)


_NAMED_KINDS = frozenset({"dMy", "Mdy", "yMd", "yjdM"})
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


# "21 0ct 2025": OCR reads a month's leading O as a zero; fixed in place (same length, so offsets hold).
_ZERO_FOR_O = re.compile(r"(?<![^\s.,/\-])0(?=(?:ct|kt|ctober|ktober|ctobre|ctubre|ttobre|gos)(?![^\W\d_]))|"
                         # … or its last or middle O, between a numeric day and year: "24/AG0/2025", "3 N0V 2024"
                         r"(?<=\d[\s./\-]ag)0(?=[\s./\-]\d)|(?<=\d[\s./\-]n)0(?=v[\s./\-]\d)",
                         re.IGNORECASE)


# "20 me1 2025": a month name with its i or l read as a one, between a day and a year (same length).
_ONE_IN_MONTH = re.compile(r"(?<=\d[\s.])[^\W\d_]{1,8}1[^\W\d_]{0,8}(?=[\s.,]{1,2}\d{2,4}(?!\d))")


# "17.04 2026 18:22:15": a date's second dot lost before the year, a time after it (or nothing: the date as the
# KIE printed it); only at the start of the text (a till's date row; "Bon 3.10 2026 10:00" is a price and a
# number); the dot restored, same length
_LOST_SECOND_DOT = re.compile(r"^(\s*)(\d{1,2}\.\d{1,2}) (?=(?:19|20)\d{2}(?: {1,2}\d{1,2}:\d{2}(?!\d)|\Z))")


# "14,11.23 07:43:25": one of a dotted date's dots read as a comma, a time after it (maybe behind the date's own
# closing dot or comma: "02,04.2024, 12:43:22"; an amount prints no time after itself), or nothing else (the date
# as the KIE picked it, comma first, or comma second before a four-digit year: "14.11,2023"; "2.14,00" is an
# amount); the dot restored, same length
_COMMA_FIRST = r"\d{1,2},\d{1,2}\.(?:19|20)?\d{2}"
_COMMA_DATE = rf"(?:{_COMMA_FIRST}|\d{{1,2}}\.\d{{1,2}},(?:19|20)?\d{{2}})"
_COMMA_FOR_DOT = re.compile(rf"(?<![\d.,]){_COMMA_DATE}(?=[.,]? {{1,2}}\d{{1,2}}:\d{{2}}(?!\d))|"
                            rf"^\s*(?:{_COMMA_FIRST}|\d{{1,2}}\.\d{{1,2}},(?:19|20)\d{{2}})(?=\s*\Z)|"
                            # both dots read as commas before a four-digit year ("Счет № 2445 от 04,05,2024"): no
                            # amount groups its last four digits
                            r"(?<![\d.,])(?:0?[1-9]|[12]\d|3[01]),(?:0?[1-9]|1[0-2]),(?:19|20)\d{2}(?![\d.,])")


# (the Serbian ј of "јул", "јун", "јануар" read as "]", "(" or "і": "25. (ул 2023.", "21. іул 2023.")
_JE_IN_MONTH = re.compile(r"(?:(?<=\d\. )|(?<=\d\.))[\](іi](?=(?:ул|ун|ануар)\.?,?\s+(?:19|20)\d{2}(?!\d))|"
                          r"(?:(?<=\d\. ма)|(?<=\d\.ма))[\](іi](?=\.?,?\s+(?:19|20)\d{2}(?!\d))",  # … or ending "мај"
                          re.IGNORECASE)  # (a day and its dot before it, a year after: not "2 (ул. 26 …, 7)")


# the French "1er" (the first) with its 1 read as a letter: "ler décembre 2025", "Ier mars 2024"
_FIRST_READ_L = re.compile(r"(?<![^\W\d_])[lI|](?=er[ \t]{1,2}(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|"
                           r"nov|d[ée]c))", re.IGNORECASE)


# "от б августа 2024 г.", "1б августа": a day's 6 read as the Cyrillic "б" before a month's name and a year (same
# length; lower case only: "3,87 Б Март 2025" is a VAT group's letter)
_B_FOR_SIX = re.compile(r"(?:(?<![^\s«\"])|(?<=(?<!\d)[123]))б"
                        r"(?=[»\"]?\s{1,2}(?P<month>[^\W\d_]{3,10})\.?,?\s{1,2}(?:19|20)\d{2}(?!\d))")


def _six_before_month(m: re.Match[str]) -> str:
    return "6" if m.group("month").lower() in _MONTHS else m.group()


def _month_with_one(m: re.Match[str]) -> str:
    word = m.group()
    for letter in "il":
        fixed = word.replace("1", letter)
        if fixed.lower() in _MONTHS:
            return fixed
    return word


_DOUBLED_SEPARATOR = re.compile(r"(?<=\d)([./\-])\1(?=\d)")


def _date_spans(t: str) -> Iterator[tuple[str, re.Match[str]]]:
    """All date-shaped matches, non-overlapping, leftmost-longest first (valid or not)."""
    if not any(c.isdigit() for c in t):
        return
    t = _ZERO_FOR_O.sub("O", t)
    if "1" in t:
        t = _ONE_IN_MONTH.sub(_month_with_one, t)
    if "er" in t:
        t = _FIRST_READ_L.sub("1", t)
    if "]" in t or "(" in t or "і" in t or "i" in t:
        t = _JE_IN_MONTH.sub("ј", t)  # "17. ]ул 2025.": the Serbian ј of "јул" read as "]" (same length)
    if "б" in t:
        t = _B_FOR_SIX.sub(_six_before_month, t)
    if " " in t:
        t = _LOST_SECOND_DOT.sub(r"\1\2.", t)
    if "," in t:
        t = _COMMA_FOR_DOT.sub(lambda m: m.group().replace(",", "."), t)
    if "--" in t or ".." in t or "//" in t:
        t = _DOUBLED_SEPARATOR.sub(r"\1 ", t)  # "2024--08-27": a separator read twice (same length: a space)
    # Cheap gates: the month-name patterns are the slow ones, so run them only if a month word is present.
    named = any(w.lower() in _MONTHS or w[:2].lower() == "de" and w[2:].lower() in _MONTHS
                for w in _WORD3.findall(t))
    numeric = "/" in t or "-" in t or "." in t
    found = [
        (m.start(), -m.end(), kind, m)
        for kind, rx in _DATE_PATTERNS
        if (named if kind in _NAMED_KINDS else numeric if kind not in ("cjk", "era") else
            "年" in t or kind == "era" and KANA_KANJI.search(t) is not None)
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
    if kind == "era":
        return [(_ERA_START.get(m["era"], 2018) + (1 if m["y"] == "元" else int(m["y"])), int(m["m"]), int(m["d"]))]
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
# one separator lost ("2703/2018", "0502-18", "05 02-18"), or two different ones / a tilde ("05~05-17",
# "13/07-2017"). In running text these shapes are as often ids and codes, so :func:`find_dates` does not return
# them by default.
_LOOSE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ab_Y", re.compile(rf"(?<![\d./\-~])(?P<a>\d{{2}})(?P<b>\d{{2}}){_SP}[./\-]{_SP}{_YEAR}(?![./\-~]\d)")),
    # the lost separator read as a space ("05 02-18"): two digits each, the other separator kept
    ("a b_Y", re.compile(rf"(?<![\d./\-~])(?P<a>\d{{2}}) (?P<b>\d{{2}})[./\-]{_YEAR}(?![./\-~]\d)")),
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


_BANK_CODE_BEFORE = re.compile(r"(SORT\s*CODE|BLZ|BANKLEITZAHL|ROUTING|ACCOUNT|KONTO)\W*(NO\.?|NR\.?|NUMBER)?\W*$",
                               re.IGNORECASE)


def document_day_first(text: str) -> bool | None:
    """The numeric date order one document uses, when one of its own dates decides it: ``True`` (day first) if a
    slash/dot/dash date with a day > 12 in the first place ("26/02/2019") is printed, ``False`` (month first) if
    one with a day > 12 in the second place ("02/26/2019") is, ``None`` when no date (or both orders, e.g. an
    OCR-garbled id) decides. A document prints all its dates in one order, so an ambiguous ``11/02/2019`` beside
    a due date ``26/02/2019`` is 11 February whatever the currency says.
    """
    if not isinstance(text, str) or not text:
        return None
    votes = {True: 0, False: 0}
    fixed = _fix_ocr_digits(text)
    for kind, m in _date_spans(fixed):
        if kind != "abY" or _BANK_CODE_BEFORE.search(fixed, max(0, m.start() - 24), m.start()):
            continue  # "sort code 09-28-35" is no date
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        if (a > 12) == (b > 12) or not 1990 <= y <= 2100:
            continue
        day_first = a > 12
        if _make_date(y, b, a) if day_first else _make_date(y, a, b):
            votes[day_first] += 1
    if votes[True] == votes[False]:
        return None
    return votes[True] > votes[False]


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
