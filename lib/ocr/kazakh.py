"""Kazakh pages: knowing one from its first reading, and taking the Kazakh letters from a Kazakh-first re-read.

Tesseract reading with ``rus+ukr+srp+kaz+bel+eng`` (Russian first) gives a Kazakh name its Russian look-alikes:
"Көкше Тамақ" → "Кекше Тамак", "Қазақ Құрылыс" → "Казак Курылыс" (measured: 17 of the 28 merchant misses on ten
generated Cyrillic sets, stop 27). Reading the same lines Kazakh-first (``kaz+rus+eng``) gets those letters right
but reads some Russian words worse ("Поставщик" → "Поставшик", "1 101 100,00" → "1101 100,00"). So a page the
first reading shows to be Kazakh is read again Kazakh-first, and a word of the re-read is taken only where it
differs from the first reading by Kazakh letters alone (``adopt_kazakh_letters``); every other word stays.

Pure functions over strings, tested by table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["adopt_kazakh_letters", "looks_kazakh"]

# Letters only Kazakh has among the Cyrillic alphabets we read (not і: Ukrainian and Belarusian have it too).
_KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһ")
_KAZAKH_LETTER = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһ]")
# What a Kazakh receipt or invoice prints even when its Kazakh letters were read as Russian ones: its ids (ИИН,
# БИН), legal forms (ТОО, ЖШС), the fiscal register's words (ЗНМ, РНМ, "фискалдық"), the tenge, the .kz check
# site, its cities.
_KAZAKH_WORD = re.compile(
    r"(?<![^\W\d_])(?:ТОО|БИН|ИИН|БСН|ЖСН|KZT|ТЕҢГЕ|ТЕНГЕ|ТГ|ТИЫН|ҚҚС|ККС|ЗНМ|РНМ|ЖШС|ФИСКАЛД\w+|КАЗАХСТАН|"
    r"ҚАЗАҚСТАН|АЛМАТЫ|АСТАНА|ШЫМКЕНТ|КАРАГАНДА|ҚАРАҒАНДЫ|АТЫРАУ|ПАВЛОДАР|АКТОБЕ|АҚТӨБЕ|КОСТАНАЙ|ҚОСТАНАЙ|ТАРАЗ|"
    r"АКТАУ|АҚТАУ|КОКШЕТАУ|СЕМЕЙ|ТУРКЕСТАН|ТҮРКІСТАН|ОРАЛ|КЫЗЫЛОРДА|ҚЫЗЫЛОРДА)(?![^\W\d_])|₸|\.KZ\b")


def looks_kazakh(texts: Sequence[str]) -> bool:
    """Whether a page's first reading is of a Kazakh document: two of its words, or one and two Kazakh letters, or
    five Kazakh letters (on 511 generated Cyrillic pages of six countries: every Kazakh page, no other)."""
    text = " ".join(texts)
    words = len(_KAZAKH_WORD.findall(text.upper()))
    letters = len(_KAZAKH_LETTER.findall(text))
    return words >= 2 or (words >= 1 and letters >= 2) or letters >= 5


def adopt_kazakh_letters(first: str, kazakh: str) -> str:
    """``first`` with each word replaced by the Kazakh-first reading's word where the two differ only in letters
    the Kazakh reading has as Kazakh ones ("Кекше" / "Көкше" → "Көкше"); a line whose words do not pair up stays."""
    words, others = first.split(), kazakh.split()
    if len(words) != len(others) or not _KAZAKH_LETTER.search(kazakh):
        return first
    out = []
    for word, other in zip(words, others, strict=True):
        same_but_kazakh = len(word) == len(other) and all(a == b or b in _KAZAKH_LETTERS for a, b in zip(
            word, other, strict=True))
        out.append(other if same_but_kazakh else word)
    return " ".join(out)
