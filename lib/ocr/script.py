"""Which script a line is in, the cheap signal that a Latin recognizer was fed Cyrillic, and look-alike clean-up.

Pure functions over strings and boxes (no engines), so they are tested by table.

The signal (measured, see README "OCR models offline, and Cyrillic"): PP-OCRv6's dictionary has no Cyrillic
letters, so on Cyrillic text it returns empty or blank strings, Greek letters ("ΦH" for "ФН", "κ"), or keeps only
the digits ("  1  54,90" for "Хлеб бородинский 1 x 54,90"): few characters for the width of the box. On 4,286
SROIE lines (Latin receipts) Greek/Cyrillic letters appeared on 1 line, and the characters × height / width ratio
is above 1.09 for 99 % of lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ScriptCounts",
    "count_scripts",
    "is_cyrillic_text",
    "LatinLine",
    "latin_line_suspicious",
    "sample_rank",
    "fix_lookalikes",
    "cyrillic_share",
]

# Letters that look the same in both scripts (upper and lower case), as Latin → Cyrillic pairs.
_LAT_TO_CYR = dict(zip("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху", strict=True))
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}
_GREEK_OR_CYRILLIC = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_WORD = re.compile(r"\S+")
# "38, 98" / "598 , 89" → "38,98" / "598,89" (split decimals); only a 2-digit tail after a digit.
_SPLIT_DECIMAL = re.compile(r"(?<=\d) ?([,.]) ?(?=\d{2}(?!\d))")
# "000 «Ромашка»": the legal form ООО read as zeros, before a quoted name
_OOO_AS_ZEROS = re.compile(r"(?<!\S)[0OО]{3}(?=\s*[«\"“])")
# "=1 309,00 Р" / "… 2" / "… ?": the rouble sign, which Tesseract's rus/eng models do not have, after an amount
_ROUBLE_SIGN = re.compile(r"(?<=\d[,.]\d\d) ?[РPр?2₽]$")
_ZEROS_LIKE = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0"})

# A Latin line is suspicious below this many characters per box height of width (SROIE: 1st percentile 1.09).
MIN_CHAR_DENSITY = 0.8


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_latin(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """Letters in a text: Latin and Cyrillic, each split into look-alikes and letters only that script has."""

    latin: int = 0
    cyrillic: int = 0
    latin_strong: int = 0  # Latin letters with no Cyrillic twin (e.g. "L", "D", "s")
    cyrillic_strong: int = 0  # Cyrillic letters with no Latin twin (e.g. "Д", "И", "л")


def count_scripts(text: str) -> ScriptCounts:
    lat = cyr = lat_strong = cyr_strong = 0
    for ch in text:
        if _is_cyrillic(ch):
            cyr += 1
            cyr_strong += ch not in _CYR_TO_LAT
        elif _is_latin(ch):
            lat += 1
            lat_strong += ch not in _LAT_TO_CYR
    return ScriptCounts(lat, cyr, lat_strong, cyr_strong)


def is_cyrillic_text(text: str) -> bool:
    """More Cyrillic than Latin letters (look-alikes count for both scripts' totals as written)."""
    counts = count_scripts(text)
    return counts.cyrillic > counts.latin


@dataclass(frozen=True, slots=True)
class LatinLine:
    """One line as the Latin recognizer read it: text, score (0..1) and the box size in pixels."""

    text: str
    score: float
    width_px: float
    height_px: float


def latin_line_suspicious(line: LatinLine) -> bool:
    """Whether the Latin recognizer probably looked at non-Latin letters on this line.

    True for an empty/blank reading, Greek or Cyrillic letters in it, or too few characters for the box (the
    recognizer drops what it cannot read). Boxes taller than wide (a rotated fragment) are not judged.
    """
    text = line.text.strip()
    if not text:
        return True
    if _GREEK_OR_CYRILLIC.search(text):
        return True
    if line.width_px <= line.height_px or line.width_px < 3 * line.height_px:
        return False  # short boxes: one or two characters, the ratio says nothing
    chars = sum(1 for ch in text if not ch.isspace())
    return chars * line.height_px / line.width_px < MIN_CHAR_DENSITY


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def sample_rank(text: str) -> int:
    """Which suspicious lines to read first when checking a page for Cyrillic (the widest first within a rank):
    1 for a Latin reading with CJK characters (a receipt's "=====" rule line read as ideographs: no letters to
    test), 0 otherwise. (Lines with Greek letters first was tried: on Russian receipts those are the short fiscal
    lines "ФН …", "ФД …" of mostly look-alike capitals, and three pages stayed Latin.)"""
    return 1 if _CJK.search(text) else 0


def _word_to_script(word: str, to_cyrillic: bool) -> str:
    table = _LAT_TO_CYR if to_cyrillic else _CYR_TO_LAT
    return "".join(table.get(ch, ch) for ch in word)


def _fix_number(word: str) -> str:
    """'1O5,OO' → '105,00': letters O/О inside a token that is otherwise a number."""
    core = word.strip("=:;()[]*")
    if not core or not any(ch.isdigit() for ch in core):
        return word
    rest = core.translate(_ZEROS_LIKE)
    if all(ch.isdigit() or ch in ".,-/% " for ch in rest) and sum(ch.isdigit() for ch in core) >= 1:
        return word.replace(core, rest)
    return word


def fix_lookalikes(text: str) -> str:
    """Clean one line read from a Cyrillic page.

    * a word mixing Latin and Cyrillic letters takes its majority script (letters only one script has decide;
      a word of look-alikes only follows the line's script);
    * a short word (≤ 3 letters) of look-alikes only follows the line's script too: "OOO «Ромашка»" → Cyrillic
      "ООО", "TOTAL ВМ" → Latin "BM";
    * O/О inside numbers becomes 0, and a decimal split by a space ("38, 98") is joined;
    * "000 «…»" (zeros before a quoted name) is the legal form "ООО";
    * a lone "Р", "P", "?" or "2" right after an amount at the end of the line is the rouble sign "₽" (not in
      Tesseract's rus/eng models).
    """
    line = count_scripts(text)
    if line.cyrillic_strong != line.latin_strong:
        line_cyrillic: bool | None = line.cyrillic_strong > line.latin_strong
    else:
        line_cyrillic = line.cyrillic > line.latin if line.cyrillic != line.latin else None

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        fixed = _fix_number(word)
        if fixed != word:
            return fixed
        counts = count_scripts(word)
        if counts.latin + counts.cyrillic == 0:
            return word
        if counts.cyrillic_strong != counts.latin_strong:  # letters only one script has decide
            return _word_to_script(word, to_cyrillic=counts.cyrillic_strong > counts.latin_strong)
        mixed = counts.latin and counts.cyrillic
        short_twins = counts.cyrillic_strong == counts.latin_strong == 0 and counts.latin + counts.cyrillic <= 3
        if (mixed or short_twins) and line_cyrillic is not None:
            return _word_to_script(word, to_cyrillic=line_cyrillic)
        if mixed:
            return _word_to_script(word, to_cyrillic=counts.cyrillic >= counts.latin)
        return word

    text = _OOO_AS_ZEROS.sub("ООО", text)
    text = _SPLIT_DECIMAL.sub(r"\1", _WORD.sub(fix, text))
    return _ROUBLE_SIGN.sub(" ₽", text)


def cyrillic_share(texts: Sequence[str]) -> float:
    """Share of Cyrillic among the letters only one script has, over several texts (0 when there are none).

    Look-alikes do not count: Tesseract ``rus+eng`` may read Latin capitals as their Cyrillic twins ("RM" → "ВМ").
    """
    lat = cyr = 0
    for text in texts:
        counts = count_scripts(text)
        lat += counts.latin_strong
        cyr += counts.cyrillic_strong
    return cyr / (lat + cyr) if lat + cyr else 0.0
