"""Row labels: the words left of a row's amounts, classified by keywords (English, Malay, German, French, Dutch,
Spanish, Italian, Polish, Russian), matched exactly first and fuzzily (OCR noise) second."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

__all__ = ["classify_label"]


# Words whose OCR'd spellings we repair before classifying ("TATAL", "T0TAL", "TOTALSALES", "ROUNDlNG").
_VOCAB = ("TOTAL", "SUBTOTAL", "ROUNDING", "CHANGE", "CHARGE", "CHARGES", "CASH", "AMOUNT", "INCLUSIVE", "INCLUDING",
          "PAYABLE",
          "BALANCE", "TENDER", "PAYMENT", "DISCOUNT", "QUANTITY", "ИТОГО", "ВСЕГО", "ОПЛАТЕ")
_GLUED = re.compile(r"^(SUB|GRAND|NETT?)?(TOTAL)(\w+)$")


def _canonical_token(token: str) -> str:
    glued = _GLUED.match(token)
    if glued and glued.group(3) not in ("S",):
        return " ".join(t for t in (glued.group(1), glued.group(2), glued.group(3)) if t)
    if len(token) >= 5 and token not in _VOCAB:
        best = max(_VOCAB, key=lambda w: fuzz.ratio(token, w))
        if fuzz.ratio(token, best) >= 80:
            return best
    return token


def _norm(text: str) -> str:
    text = text.upper().replace("Ё", "Е")
    text = re.sub(r"(?<=[A-Z])0|0(?=[A-Z])", "O", text)  # T0TAL → TOTAL
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(_canonical_token(t) for t in text.split())


_TAX_WORD = r"(?:GST|HST|PST|QST|SST|VAT|TAX|TAXES|CGST|SGST|IGST|UTGST|MWST|UST|TVA|IVA|НДС)"
# Registration numbers that carry a tax word ("GST ID NO: 0001…", "USt-IdNr.", "GSTIN"): never a tax amount.
_TAX_ID = r"\bGSTIN\b|\b(GST|HST|VAT|SST|TAX|UST) ?(ID\w*|REG\w*|NO|NUMBER|REGISTRATION)\b|\bIDNR\b|\bИНН\b|\bКПП\b"
# (class, pattern) in priority order: the first match wins.
_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(pattern)) for cls, pattern in (
        ("ignore", r"\bTOTAL (QTY|QUANTITY|ITEMS?|NO|PCS|DISCOUNTS?|SAVINGS?|POINTS?|UNITS?)\b|^(QTY|QUANTITY|"
                   r"ITEM COUNT|NO OF ITEMS?|ITEMS?)\b(?!.*\bTOTAL\b)|\b(SUMMARY|YOU SAVED|SAVINGS)\b|"
                   r"^(TOTAL )?DISCOUNTS?\b|\bTAX INVOICE\b|^INVOICE\b(?!.*\b(TOTAL|AMOUNT|DUE|BALANCE)\b)|" + _TAX_ID),
        ("change", r"\bCHANGE\b|\bСДАЧА\b|\bRUCKGELD\b|\bRENDU\b"),
        ("balance", r"^BALANCE$"),  # change after a payment line; the amount due on an invoice
        ("cash", r"^TOTAL PAID\b|\bTENDER\w*|^(CASH|PAYMENT|PAID|PAY|VISA|MASTER\w*|AMEX|CARD|DEBIT|CREDIT|EFTPOS|NETS|"
                 r"CUSTOMER S PAYMENT|НАЛИЧН\w*|БЕЗНАЛИЧН\w*|ПОЛУЧЕНО|GEGEBEN|BAR|ESPECES)\b|\bCASH\b(?!.*TOTAL)"),
        ("rounding", r"\bROUND\w*\b|\bADJ\w*\b|\bRND\b|ОКРУГЛ"),
        ("subtotal", r"\bSUB ?TOTAL\b|\bSUB\b|\bEXCL\w*\b|\bBEFORE\b|\bW O (GST|TAX)\b|\bWITHOUT\b|"
                     r"\bZWISCHENSUMME\b|\bNETTO\w*\b|\bSOUS TOTAL\b|\bTOTAL HT\b|БЕЗ НДС|\bTAXABLE\b|"
                     r"\bNET AMOUNT\b|\bTOTAL NET\b"),
        ("tax", rf"^{_TAX_WORD}\b.*\bINCLUDED\b"),  # "GST @6% included in total"
        ("total_strong", r"\bGRAND TOTAL\b|^(\w{1,5} )?INCL\w* (OF )?(GST|SST|VAT|TAX)\b|"
                         r"\b(AMOUNT|AMT) (PAID|PAYABLE|DUE)\b|"
                         r"\bTOTAL\b.*\b(INCL\w*|INC|WITH|PAYABLE|DUE|AMOUNT|AMT|RM|SALES|ROUNDED|"
                         r"GROSS)\b|\bROUNDED\b|\bNETT? TOTAL\b|\bAMOUNT (DUE|PAYABLE)\b|\bBALANCE DUE\b|"
                         r"\bNET TO PAY\b|\bTOTAL TTC\b|\bGESAMT\w*\b|\bSUMME\b|\bZU ZAHLEN\b|К ОПЛАТЕ|"
                         r"\bИТОГО\b(?!.*НДС)|\bTOTAL DUE\b"),
        ("tax", rf"^(TOTAL )?{_TAX_WORD}\b|\b{_TAX_WORD}\b(?!.*\bTOTAL\b)|\bВ Т Ч\b"),
        ("total", r"^NETT?$|\bTOTAL\b|\bNETT\b|\bAMOUNT\b|\bВСЕГО\b|\bИТОГ\b|\bTOTAAL\b|\bBETRAG\b|\bDUE\b"),
        ("date", r"\b(DATE|DATED|TARIKH|ДАТА|DATUM)\b"),
    )
)


_LABEL_WEIGHT = {"total_strong": 3.0, "total": 2.0}


def classify_label(text: str) -> str | None:
    """Label class of a row's label text (e.g. "TOTAL (Inclusive of GST)" → total_strong), or None."""
    norm = _norm(text)
    if not norm:
        return None
    for cls, pattern in _LABEL_PATTERNS:
        if pattern.search(norm):
            return cls
    return None
