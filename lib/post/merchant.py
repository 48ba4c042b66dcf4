"""Merchant names: strip OCR noise, registration-number tails and stray punctuation from a printed name."""

from __future__ import annotations

import re

from lib.post.lookalikes import fix_mixed_script

__all__ = ["normalize_merchant"]

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
# An initial read as a zero beside Cyrillic initials: "ИП Новик 0.И." → "ИП Новик О.И.", "Иванова С.0." → "С.О."
_ZERO_INITIAL = re.compile(r"(?<![\w.])0(?=\.\s?[А-ЯЁІЇЄЎҚҒҮҰҢӨҺӘЈЋЂЉЊЏ]\.)|(?<=[А-ЯЁІЇЄЎҚҒҮҰҢӨҺӘЈЋЂЉЊЏ]\.)0(?=\.)|"
                           r"(?<=[А-ЯЁІЇЄЎҚҒҮҰҢӨҺӘЈЋЂЉЊЏ]\.\s)0(?=\.)")


def _balanced(s: str, opener: str, closer: str) -> bool:
    if opener == closer:
        return s.count(opener) % 2 == 0
    return s.count(opener) == s.count(closer)


def normalize_merchant(text: str) -> str | None:
    """Merchant name as printed, minus layout noise; ``None`` if nothing name-like is left.

    Case is kept (the printed form is the evidence); whitespace is collapsed; surrounding punctuation and
    unbalanced brackets/quotes are stripped, but a final "." of an abbreviation ("Co.", "Sdn. Bhd.") is kept;
    trailing document titles ("TAX INVOICE", "Кассовый чек") and registration numbers ("(81109-A)", "GST REG
    NO: ...") are removed; words that mix Latin and Cyrillic look-alike letters are written in one script.
    """
    if not isinstance(text, str):
        return None
    s = _WS_RUN.sub(" ", text.translate(_FULLWIDTH)).strip()
    s = fix_mixed_script(s)  # "OOO «POMAШKA»": Latin look-alikes inside Russian words
    s = _ZERO_INITIAL.sub("О", s)
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
