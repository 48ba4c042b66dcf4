"""OCR noise inside digit runs: O/o (Latin and Cyrillic) read for 0, l/I for 1, Cyrillic З for 3 (length-preserving);
and the one-character slips that make a printed amount differ from the value other evidence says it is."""

from __future__ import annotations

import re

__all__ = ["amount_slip"]  # and private helpers shared by the rules modules

# --------------------------------------------------------------------------------------------------------------
# OCR noise: O/o (Latin and Cyrillic) read for 0, l/I read for 1 -- only inside digit runs, length-preserving so
# that match offsets still point into the caller's text.
# --------------------------------------------------------------------------------------------------------------

_CONFUSABLE = "OoОоIlЗ"
# Cyrillic З for 3 is the Russian recognizers' slip ("1 2З4,5О").
_CONFUSABLE_TABLE = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0", "I": "1", "l": "1", "З": "3"})
_ONE_LIKE = "Il"
_DIGITISH_RUN = re.compile(r"[\dOoОоIlЗ]+")
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


# --------------------------------------------------------------------------------------------------------------
# One OCR slip between a printed amount and a value: "=669,29" read as "2669,29" ("=" taken for a 2), "356,35₽"
# read as "356,357" (the sign glued on as a 7), "1 722,59" read as "1 722,5$" (a digit lost), "465,08" as "455,08".
# --------------------------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d")
_DECIMALS = re.compile(r"\d[.,]\d")
_THOUSANDS_ONLY = re.compile(r"\$?\s?\d{1,3}(?:\.\d{3})+")  # "88.208", "$115.738": no decimals, dots for thousands


def amount_slip(raw: str, value_cents: int) -> str | None:
    """How the printed ``raw`` amount is one OCR slip away from ``value_cents`` (whole cents), or None.

    Compares the digit strings only ("2669,29" → "266929" against 669.29 → "66929"): one digit too many
    ("extra digit"), one lost ("lost digit") or one read as another ("misread digit"). Equal digits, amounts
    without cents in ``value_cents``'s scale (fewer than 3 digits on either side) or a value ≤ 0 give None: the
    caller decides from independent evidence whether the slip is believed. ``raw`` must show a decimal part
    (a number without one is the lost-decimal-point case, which the KIE handles on its own).
    """
    if not _DECIMALS.search(raw):
        return None
    printed = "".join(_DIGITS.findall(raw)).lstrip("0")
    if value_cents <= 0:
        return None
    # whole pesos with a dot for thousands ("88.208" for 88.200): the digits of the whole amount
    wanted = str(value_cents // 100) if value_cents % 100 == 0 and _THOUSANDS_ONLY.fullmatch(raw.strip()) else \
        str(value_cents)
    if len(printed) < 3 or len(wanted) < 3 or printed == wanted:
        return None
    if len(printed) == len(wanted) + 1:
        return "extra digit" if any(printed[:i] + printed[i + 1:] == wanted for i in range(len(printed))) else None
    if len(printed) + 1 == len(wanted):
        return "lost digit" if any(wanted[:i] + wanted[i + 1:] == printed for i in range(len(wanted))) else None
    if len(printed) == len(wanted):
        return "misread digit" if sum(a != b for a, b in zip(printed, wanted, strict=True)) == 1 else None
    return None
