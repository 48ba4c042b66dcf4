"""Kana and kanji: the character ranges of Japanese (and Chinese) text, as the rules and the KIE test for them.

PP-OCRv6's recognizer reads kana and kanji beside Latin letters; Japanese receipts print both. One place for the
ranges, so that every module means the same by "a kana" or "a CJK character".
"""

from __future__ import annotations

import re

__all__ = ["HALF_WIDTH_KANA", "HALF_WIDTH_KANA_LETTERS", "KANA", "KANA_KANJI", "KANA_LETTERS", "KANA_KANJI_RANGE",
           "KANA_LETTERS_RANGE", "mostly_kana_kanji"]

# hiragana and katakana (with the long-vowel mark ー), CJK ideographs (extension A and the unified block)
KANA_KANJI_RANGE = "\u3040-\u30ff\u3400-\u9fff"
# kana letters only: not ー, the long-vowel mark a rule line's dashes may be read as
KANA_LETTERS_RANGE = "\u3041-\u3096\u30a1-\u30fa"
HALF_WIDTH_KANA_LETTERS = "\uff66-\uff9d"  # ｦ … ﾝ (a till's half-width katakana)
HALF_WIDTH_KANA = "\uff66-\uff9f"  # … with their voicing marks ﾞ ﾟ

KANA_KANJI = re.compile(f"[{KANA_KANJI_RANGE}]")
KANA_LETTERS = re.compile(f"[{KANA_LETTERS_RANGE}]")
KANA = re.compile(f"[{KANA_LETTERS_RANGE}{HALF_WIDTH_KANA_LETTERS}]")  # full- or half-width kana letters


def mostly_kana_kanji(text: str) -> bool:
    """A Japanese (or Chinese) page: at least ten kana or kanji, and as many as its Latin letters (not a Malaysian
    receipt with a Chinese shop name, nor a Latin one whose rule lines were read as ideographs)."""
    cjk = len(KANA_KANJI.findall(text))
    return cjk >= 10 and cjk >= sum(c.isascii() and c.isalpha() for c in text)
