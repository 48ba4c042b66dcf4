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
3. Else both readings are possible. :func:`normalize_fields` first asks the document: if another date printed on
   it is unambiguous ("26/02/2019" day-first, "02/26/2019" month-first; ``document_day_first``), every ambiguous
   date of that document is read in the same order. Only when nothing on the page decides: day-first by default
   (receipts in most of the world), month-first when the caller passes ``day_first=False`` (US locale, e.g. the
   currency is USD).
4. Invalid calendar dates are rejected. A reading that is more than one day after ``today`` or before 1990 is
   implausible; the other reading (day/month swapped) is tried, and for all-two-digit dates finally ``YY/MM/DD``.
   If nothing is plausible the result is ``None``.
5. ``YYYY-MM-DD`` / ``YYYY/MM/DD`` are year-month-day; ``YYYY-DD-MM`` only when the month slot is > 12 or the
   straight reading is implausible.
6. Two-digit years: 00-69 -> 20xx, 70-99 -> 19xx.

Month names come from an internal table (English, Russian, Malay, Indonesian, German, French, Spanish, Italian,
Dutch, Polish, Portuguese, and the other Cyrillic languages); no
``dateparser`` fallback, because it is ~100x slower (1.2 ms vs ~10 µs a call), locale-sensitive and parses
relative phrases.

Layout: this module is the façade (the public names and :data:`RULESET_VERSION`); the rules live by concept in
``dates.py``, ``amounts.py``, ``currency.py``, ``merchant.py``, ``checks.py`` (all fields together, consistency)
and ``ocr_noise.py`` (digit repairs shared by dates and amounts).

Bump :data:`RULESET_VERSION` whenever any output can change; it is stored with every result so numbers produced
under different rules can be told apart.
"""

from lib.post.amounts import find_amounts, parse_amount
from lib.post.checks import NormalizedFields, normalize_fields
from lib.post.currency import detect_currency
from lib.post.dates import find_dates, parse_date
from lib.post.merchant import normalize_merchant

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

RULESET_VERSION = "2026.12.05.62"
