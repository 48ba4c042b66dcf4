"""Latin/Cyrillic look-alike letters: OCR (and Tesseract's ``rus+eng`` above all) mixes the two scripts inside
one word ("ИTOГO", "HДC", "OOO «POMAШKA»"). A word that holds letters of both scripts is rewritten in the script
of its letters that have no look-alike; a word made only of look-alike letters is left alone unless the caller
says the document is Cyrillic; a Latin "OOO"/"AO"/"OAO" in a text that holds Cyrillic is the Russian legal form.
And one look-alike across scripts of another kind: the Turkish "Ş" read as a dollar sign in its legal forms.

Length-preserving (one letter for one letter), so offsets into the caller's text stay valid.
"""

from __future__ import annotations

import re

__all__ = ["has_cyrillic", "to_cyrillic_lookalikes", "fix_mixed_script", "fix_turkish_s_read_as_dollar"]

_LATIN = "ABCEHKMOPTXYaceopxyk"
_CYRILLIC = "АВСЕНКМОРТХУасеорхук"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_WORD = re.compile(r"[^\W\d_]+(?:[0-9][^\W\d_]*)*")
_CYR_ONLY = re.compile(r"[Ѐ-ӿ]")
_LAT_ONLY = re.compile(r"[A-Za-z]")
_LOOKALIKE_SET = frozenset(_LATIN + _CYRILLIC)
_LEGAL_FORM = re.compile(r"(?<![^\W\d_])(?:OOO|OAO|ZAO|AO|TOO)(?![^\W\d_])")


# "Ltd. $ti" / "LTD. $Tİ" (Ltd. Şti.) and "A.$." (A.Ş.): the Turkish legal forms with their Ş read as "$"
_DOLLAR_FOR_S_CEDILLA = re.compile(r"(?<=Ltd)\.?\s?(\$)t[iİ]\b|(?<=\bA)\.\s?(\$)(?=\.|\s*$)", re.IGNORECASE)


def fix_turkish_s_read_as_dollar(text: str) -> str:
    """"Ltd. $ti" → "Ltd. Şti", "A.$." → "A.Ş.": a dollar sign inside a Turkish legal form is its "Ş" (one letter
    for one letter; "Şti" spelt so however it was read); any other "$" stays."""
    if "$" not in text:
        return text
    return _DOLLAR_FOR_S_CEDILLA.sub(
        lambda m: m.group(0)[:m.group(0).index("$")] + ("Şti" if m.group(1) else "Ş"), text)


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds at least one Cyrillic letter."""
    return bool(_CYR_ONLY.search(text))


def to_cyrillic_lookalikes(word: str) -> str:
    """Every Latin look-alike letter of ``word`` as its Cyrillic twin ("HДC" → "НДС"); digits 0/3 inside letters
    as О/З."""
    return re.sub(r"(?<=[^\W\d_])0|0(?=[^\W\d_])", "О", word).translate(_TO_CYRILLIC)


def _fix_word(word: str, cyrillic_doc: bool) -> str:
    distinct_cyr = any(c not in _LOOKALIKE_SET and _CYR_ONLY.match(c) for c in word)
    distinct_lat = any(c not in _LOOKALIKE_SET and _LAT_ONLY.match(c) for c in word)
    if distinct_cyr and not distinct_lat:
        return to_cyrillic_lookalikes(word)
    if distinct_lat and not distinct_cyr and _CYR_ONLY.search(word):
        return word.translate(_TO_LATIN)
    if not distinct_lat and not distinct_cyr and cyrillic_doc and _LAT_ONLY.search(word):
        return word.translate(_TO_CYRILLIC)  # "OOO", "PEKA": only look-alikes, in a Cyrillic document
    return word


def fix_mixed_script(text: str, *, cyrillic: bool | None = None) -> str:
    """Rewrite mixed-script words in one script (see the module docstring).

    Args:
        text: a label, a name, a row.
        cyrillic: whether the document is Cyrillic; ``None`` = decide from ``text`` itself (any Cyrillic letter).
    Returns:
        The text, same length.
    """
    if not _LAT_ONLY.search(text) or not has_cyrillic(text) and not cyrillic:
        return text
    out = _WORD.sub(lambda m: _fix_word(m.group(0), bool(cyrillic)), text)
    if has_cyrillic(out):  # "OOO «Ромашка»": a Russian legal form printed in Latin look-alikes
        out = _LEGAL_FORM.sub(lambda m: m.group(0).translate(_TO_CYRILLIC), out)
    return out
