"""Row labels: the words left of a row's amounts, classified by keywords (English, Malay, German, French, Dutch,
Spanish, Italian, Polish; Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Kazakh), matched exactly first and
fuzzily (OCR noise) second."""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz, process

from lib.post.amounts import _ISO_CODES
from lib.post.cjk import KANA_KANJI, KANA_KANJI_RANGE
from lib.post.lookalikes import fix_mixed_script, to_cyrillic_lookalikes

__all__ = ["classify_label", "says_no_vat"]


# Words whose OCR'd spellings we repair before classifying ("TATAL", "T0TAL", "TOTALSALES", "ROUNDlNG").
_VOCAB = ("TOTAL", "SUBTOTAL", "ROUNDING", "CHANGE", "CHARGE", "CHARGES", "CASH", "AMOUNT", "INCLUSIVE", "INCLUDING",
          "PAYABLE",
          "BALANCE", "TENDER", "PAYMENT", "DISCOUNT", "QUANTITY", "ИТОГО", "ВСЕГО", "ОПЛАТЕ", "TOTALE", "TOTAAL",
          "ВСИЧКО")
_VOCAB_SET = frozenset(_VOCAB)
_CYRILLIC_VOCAB = tuple(w for w in _VOCAB if not w.isascii())
# A Cyrillic keyword the Latin recognizer read in look-alike capitals ("BCNKO", "BCUYKO" for "ВСИЧКО": И as N or U)
_I_AS_N_OR_U = str.maketrans("NU", "ИИ")
_LOOKALIKE_CAPS = re.compile(r"^[ABCEHKMOPTXYNU]{5,}$")
_GLUED = re.compile(r"^(SUB|GRAND|NETT?)?(TOTAL)(\w+)$")


@functools.lru_cache(maxsize=8192)
def _canonical_token(token: str) -> str:
    glued = _GLUED.match(token)
    if glued and glued.group(3) not in ("S", "E", "ES", "I"):  # TOTALE, TOTALES, TOTALI are words
        return " ".join(t for t in (glued.group(1), glued.group(2), glued.group(3)) if t)
    if len(token) >= 5 and token not in _VOCAB_SET and not token.isdigit():
        best = process.extractOne(token, _VOCAB, scorer=fuzz.ratio, score_cutoff=80)
        if best is not None:
            return best[0]
        if _LOOKALIKE_CAPS.match(token):
            best = process.extractOne(to_cyrillic_lookalikes(token).translate(_I_AS_N_OR_U), _CYRILLIC_VOCAB,
                                      scorer=fuzz.ratio, score_cutoff=80)
            if best is not None:
                return best[0]
    return token


_COMBINING = re.compile(r"[\u0300-\u036f]")
_KANA_MARK = re.compile(r"[\u3099\u309a]")
_LEADING_YEN = re.compile(r"^円\s*")
_CJK_GAP = re.compile(f"(?<=[{KANA_KANJI_RANGE}])\\s+(?=[{KANA_KANJI_RANGE}])")
# The CJK recognizer reads a Japanese receipt's kanji in their simplified Chinese forms ("内消费税等", "10%对象",
# "值引"): the labels are matched in the Japanese forms
_HANZI_AS_KANJI = str.maketrans("对费值计预钓额价单现总买请货币圆", "対費値計預釣額価単現総買請貨幣円")


def _fold(text: str) -> str:
    """Accents off ("FÄLLIG" → "FALLIG", "ÉCHÉANCE" → "ECHEANCE"), upper case, Ё → Е."""
    text = text.upper().replace("Ё", "Е")
    if text.isascii():
        return text
    # Ł has no decomposition ("ZAPŁATY" → "ZAPLATY")
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).replace("ß", "SS").replace("Ł", "L")
    # kana keep their voicing marks ("ポイント", not "ホ゜イント"; half-width "ﾎﾟｲﾝﾄ" the same)
    if _KANA_MARK.search(folded):
        folded = unicodedata.normalize("NFC", folded)
    if not KANA_KANJI.search(folded):
        return folded
    # (a label between two amounts starts with the first one's "円": "10%対象 908円 内税 83円"; a label spaced out
    # to the column's width, "合　計", "お 釣 り", is one word)
    return _LEADING_YEN.sub("", _CJK_GAP.sub("", folded.translate(_HANZI_AS_KANJI)))


# T0TAL, not the rate of "VAT0%" or "Umsatzsteuer0 %"
_ZERO_O = re.compile(r"(?<=[A-ZА-Я])0(?![\d%.,]|\s*%)|0(?=[A-ZА-Я])")
_LATIN_O_IN_CYRILLIC = re.compile(r"(?<=[А-Я])O|O(?=[А-Я])")
_FIVE_S = re.compile(r"(?<=[A-Z])5(?=[A-Z])")  # "Mw5t": an S read as 5 between Latin letters
_NON_WORD = re.compile(r"[^\w%]+")
_WORD_THEN_DIGIT = re.compile(r"(?<=[A-ZА-Я]{3})(?=\d)")
_DIGIT_THEN_WORD = re.compile(r"(?<=\d)(?=[A-ZА-Я]{4})")
_GLUED_VAT_GROUP = re.compile(r"\b(ПДВ|ДДС|НДС|ҚҚС)([А-ГA-D])\b")
_GLUED_TTC = re.compile(r"\b(MONTANT|TOTAL)(TTC|HT)\b")  # "MontantTTC", "TotalHT": the French HT / TTC glued on
# ("di cuiIVA"; the other way round: "IVAincluido", "MwStinkl.")
_GLUED_TAX = re.compile(r"\b(DONT|INCL|INKL|ZZGL|DAVON|INCLUS|CUI)(TVA|VAT|MWST|BTW|IVA|UST|GST)|"
                        r"\b(TVA|VAT|MWST|BTW|IVA|UST|GST)(INCL|INKL|INCLUS|INCLUID)")


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """A label as keywords: look-alikes repaired, accents folded, upper case, O/0 slips fixed, punctuation off,
    OCR-misspelt keywords snapped to the vocabulary (cached: rows are normalised several times)."""
    text = _GLUED_CODE.sub(r" \g<0>", text)  # "Amount outstandingEUR": a currency code glued on
    text = _fold(fix_mixed_script(text))  # "ИTOГO", "HДC": Latin look-alikes inside Russian words
    text = _ZERO_O.sub("O", text)  # T0TAL → TOTAL
    text = _FIVE_S.sub("S", text)  # MW5T → MWST
    text = _LATIN_O_IN_CYRILLIC.sub("О", text)  # ИТОГ0 → ИТОГO → ИТОГО
    text = _WORD_THEN_DIGIT.sub(" ", text)  # "Sales tax8.25%": OCR lost the space before the rate
    text = _DIGIT_THEN_WORD.sub(" ", text)  # "1.568,80Totaal btw": … or after an amount
    text = _GLUED_TAX.sub(lambda m: " ".join(g for g in m.groups() if g), text)  # "dontTVA5.5%": … or between words
    text = _GLUED_VAT_GROUP.sub(r"\1 \2", text)  # "ПДВА 20.00%": … or before the VAT group's letter
    text = _GLUED_TTC.sub(r"\1 \2", text)  # "MontantTTC", "TotalHT": … or before the French HT / TTC
    text = _NON_WORD.sub(" ", text)
    return _join_split_words([_canonical_token(t) for t in text.split()])


def _join_split_words(tokens: list[str]) -> str:
    """A keyword OCR split in two, with a slip ("PAYAK LE" → "PAYABLE"): two neighbours that are no keyword each
    but are one together (fuzzy, ≥ 84)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        b = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (b and a not in _VOCAB_SET and b not in _VOCAB_SET and a.isalpha() and b.isalpha()
                and len(a) + len(b) >= 6):
            best = process.extractOne(a + b, _VOCAB, scorer=fuzz.ratio, score_cutoff=84)
            if best is not None:
                out.append(best[0])
                i += 2
                continue
        out.append(a)
        i += 1
    return " ".join(out)


# Keywords per language: en, ms, de, fr, nl, es, it, pl, ru; uk, be, bg, sr, kk (accents and breves folded by
# _norm: "В БРОЙ" is "В БРОИ", "НАЯЎНЫМІ" "НАЯУНЫМІ"; the Kazakh letters stay). TVO: Quebec's TVQ, its Q read as O,
# alone or before its rate (not "TVO KIDS PUZZLE": Ontario's broadcaster).
_TAX_WORD = (r"(?:GST|HST|PST|QST|SST|VAT|TAX|TAXES|S[AE]LESTAX|CGST|SGST|IGST|UTGST|MWST|UST|USTG|TVA|IVA|BTW|IGIC|"
             r"PTU|"  # ("SelesTax": a read e)
             # Mexico's "I.V.A." with its dots; Brazil's approximate taxes (Lei 12.741: "Val. Aprox. Tributos",
             # "Tributos Totais Incidentes", "Trib aprox R$ 8,64"), the only tax a Brazilian NFC-e prints
             r"[IL1] V A|TRIBUT[OA]S?\b|TRIB(?= APROX)|"  # (its I read as an L or a one: "L.V.A.")
             r"TOPKDV|"  # Turkey's "total KDV", one word
             r"IMPOCONSUMO|INC(?= (?:4|8|16) ?%(?! (?:OFF|GST|VAT|TAX|DISCOUNT)))|"  # Colombia's consumption tax
             r"НДС|ПДВ|ДДС|ҚҚС|ККС|ПОРЕЗ\w*|ДАНЪК|MOMS|MVA|DPH|ALV|PVM|DDV|PDV|AFA|KDV|TPS|TVQ|TVO(?=\s*(?:[\d:%]|$))|"
             r"STEUER|STEUERBETRAG|UMSATZSTEUER|MEHRWERTSTEUER|IMPOSTA|IMPUESTO|PODATEK|НАЛОГ\w*|"
             # MwSt with its w lost, before its rate ("darin enth. MSt B=19,00%", "MSt 1=19%") or after a word that
             # only a tax follows ("Summe MSt", "inkl. MSt"; not the time zone "12:30 MST")
             r"MST(?=\s+(?:[A-D1-4]\s+)?\d{1,2}(?:\s\d{1,2})?\s?%)|(?:(?<=SUMME )|(?<=ENTH )|(?<=INKL ))MST\b)")
# Registration numbers that carry a tax word ("GST ID NO: 0001…", "USt-IdNr.", "GSTIN"): never a tax amount.
_TAX_ID = (r"\bGSTIN\b|\b(GST|HST|VAT|SST|TAX|UST|MWST|TVA|BTW|IVA|NIP) ?(ID\w*|REG\w*|NO|NR|NUMBER|REGISTRATION|"
           r"NUMMER)\b|\bCHE \d{3} \d{3} \d{3}\b|"  # the Swiss company id "CHE-123.456.789 MWST"
           r"\d{9} ?RT ?\d{4}|\d{10} ?TQ ?\d{4}|"  # Canadian GST/HST and Quebec QST numbers
           r"\bIDNR\b|\bSTEUERNUMMER\b|\bSTEUER ?NR\b|\bST NR\b|\bSTEUERSATZ\b|\bP IVA\b|\bPARTITA IVA\b|"
           r"\bNIF\b|\bCIF\b|\bTVA INTRA\w*|\bRCS\b|\bSIRE[NT]\b|"
           r"\bORG ?NR\b|\bFORETAKSREGISTERET\b|\d{3} ?\d{3} ?\d{3} ?MVA\b|"  # (Norway: "Org.nr 912 345 678 MVA")
           r"\b(VAT|BTW|TVA|IVA|UST|MWST) ?[A-Z]{2} ?\d{6,}|"  # the number itself: "BTW NL383836305B01"
           r"\bИНН\b|\bКПП\b|\bОГРН\w*\b|\bБИК\b|\bФН\b|\bФД\b|\bФП\b|\bФПД\b|\bККТ\b|\bОФД\b|\bСМЕНА\b|\bЧЕК\b|"
           # … of Ukraine, Bulgaria, Serbia, Kazakhstan, Belarus: tax and company ids, fiscal device numbers
           r"\bПН\b|\bІД\b|\b[ЄЕ]ДРПОУ\b|\b[ІИ]ПН\b|\bЕИК\b|\bЗДДС\b|\bПИБ\b|\bМБ\b|\bБИН\b|\bИИН\b|\bУНП\b|"
           r"\bЗН\b|\bРНМ\b|\bРНК\b|\bПФР\b|\bЕСИР\b|\bБРОЈАЧ\b|\b(ПДВ|ДДС|ҚҚС) ?(№|НОМЕР|БРОЈ|РЕГ\w*)|"
           r"\b(SEITE|PAGE|PAGINA|STRONA|СТРАНИЦА|СТР)\b \d")
# Previous balances, prepayments and credits already paid: their presence makes "amount due" differ from the total.
_PREPAID = (r"\bPREVIOUS\b.*\bBALANCE\b|\bPRE ?PAY\w*|\bPREPAID\b|\bDEPOSIT\b|\bPAYMENTS? (RECEIVED|MADE|APPLIED)\b|"
            r"\bCREDITS? APPLIED\b|\bANZAHLUNG\w*|\bVORAUSZAHLUNG\w*|\bBEREITS (BEZAHLT|GEZAHLT)\b|\bACOMPTE\w*|"
            # a SaaS invoice's customer balance or credit taken off the total ("Applied balance -$3,500.00")
            r"\bAPPLIED (BALANCE|CREDITS?)\b|\bBALANCE APPLIED\b|\bACCOUNT CREDIT\b|"
            r"\bDEJA (PAYE|REGLE)\w*|\bAANBETALING\b|\bVOORUITBETAALD\b|\bANTICIPO\b|\bACCONTO\b|\bZALICZK\w*|"
            r"\bREEDS BETAALD\b|\bGIA PAGATO\b|\bYA PAGADO\b|\bJUZ ZAPLACONO\b|"
            r"\b(PAID|PAYMENT) ON ACCOUNT\b|^LESS\b.*\bPAID\b|"
            r"\bАВАНС\w*|\bПРЕДОПЛАТ\w*|"
            # uk, be, bg, sr, kk: prepayment ("Передоплата", "Перадаплата", "Предплата", "Алдын ала төлем"), only
            # opening the label ("Сума за плащане (предплата)" is the amount due)
            r"^\W*(ПЕРЕДОПЛАТ|ПЕРАДАПЛАТ|ПРЕДПЛАТ|АЛДЫН АЛА Т[ӨО]ЛЕМ)\w*")
# A price reduction ("Rabatt -1,00", "Remise", "Знижка 15% -29,47"), an "ignore" row for the total: its negative
# amount is taken off what the line items above it add up to (``totals.line_sums``)
_REDUCTION_WORDS = (r"\bRABATT?\w*|\bREMISES?\b|\bKORTING\b|\bDESCUENTOS?\b|\bSCONT[OI]\b|\bСКИДК\w*|\bЗНИЖК\w*|"
                    r"\bЗНІЖК\w*|\bОТСТЪПК\w*|\bПОПУСТ\w*|\bЖЕҢІЛДІК\w*")  # (also "ignore" labels, below)
DISCOUNT = re.compile(rf"\bDISCOUNTS?\b|{_REDUCTION_WORDS}")
_CURRENCY_CODE = "(?:" + "|".join(sorted(_ISO_CODES)) + ")"
# a currency code glued to a label's last word: "Amount outstandingEUR 53,660.47"
_GLUED_CODE = re.compile(rf"(?<=[a-z]){_CURRENCY_CODE}\b")

# A note that the seller charges no VAT: "Без налога (НДС) -" alone (not the net-amount label "Итого без НДС"), "Не
# є платником ПДВ", "Не е регистриран по ЗДДС", "НДС не облагается" (ы read ь; н read м or и), "Обвезник није у
# систему ПДВ-а" (its thin ј maybe lost; also in Latin script, "Obveznik nije u sistemu PDV-a")
_NO_VAT_NOTE = (r"^БЕЗ (НАЛОГА|НДС|ПДВ|ДДС|ҚҚС)( НДС)?$|"
                r"\bНЕ [ЄЕ] (ПЛАТНИКОМ|РЕГИСТРИРАН)\b|\bНИЈ?Е У СИСТЕМУ\b|\bNIJ?E U SISTEMU\b|"
                r"\bНЕ ЯВЛЯЕТСЯ ПЛАТЕЛЬЩИКОМ\b|"
                r"\b(НДС|ПДВ) [НМИ]Е (ОБЛАГАЕТСЯ|В[ЫЬ]ЛІЧВАЕЦЦА)\b")
# … and, on a row with no amount of its own, the Kazakh "ҚҚС-сыз" ("without VAT"; with an amount it is a net label)
_NO_VAT = re.compile(_NO_VAT_NOTE + r"|^ҚҚС СЫЗ$")


def says_no_vat(text: str) -> bool:
    """Whether a row says the seller charges no VAT ("Без НДС", "Не є платником ПДВ"; the Kazakh "ҚҚС-сыз" only as
    the whole row)."""
    return _NO_VAT.search(_norm(text)) is not None


# (class, pattern) in priority order: the first match wins.
_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(pattern)) for cls, pattern in (
        ("ignore", r"\bTOTAL (QTY|QUANTITY|ITEMS?|NO|PCS|DISCOUNTS?|SAVINGS?|POINTS?|UNITS?)\b|^(QTY|QUANTITY|"
                   r"ITEM COUNT|NO OF ITEMS?|ITEMS?)\b(?!.*\bTOTAL\b)|\b(SUMMARY|YOU SAVED|SAVINGS)\b|"
                   # what the customer saved, in other languages ("Gesamtersparnis 0,94 €" is no total)
                   # (not the savings banks: "Caja de Ahorros", "Cassa di Risparmio", "Kasa Oszczędności"; not
                   # "Экономичный пакет", an item)
                   r"\w*ERSPARNIS\b|\bGESPART\b|\bSIE SPAREN\b|\bECONOMIE\w*|\bECONOMISE\w*|"
                   r"(?<!CASSA DI )\bRISPARMI(?:O|ATO)\b|(?<!CAJA DE )\bAHORRO\b|\bAHORRADO\b|\bBESPARING\w*|"
                   r"\bUW VOORDEEL\b|(?<!KASA )\bOSZCZEDNOSC\w*|\bЭКОНОМИЯ\b|\bСЭКОНОМИЛИ\b|"
                   r"^(TOTAL )?DISCOUNTS?\b|\bTAX INVOICE\b|\bVAT INVOICE\b|\b(FAKTURA|FACTURA|FATTURA) (VAT|IVA)\b|"
                   r"\bСЧЕТ ФАКТУР\w*|^INVOICE\b(?!.*\b(TOTAL|AMOUNT|DUE|BALANCE)\b)|"
                   r"\bВСЕГО НАИМЕНОВАНИЙ\b|\b(ZU|AB)SCHLAG\w*|\bALLOWANCES?\b|"
                   # the item count of a Brazilian NFC-e or a Mexican ticket; a suggested tip that is not charged
                   r"\bTOTAL (DE )?(ITENS|ARTICULOS|PRODUCTOS)\b|\bPROPINA SUGERIDA\b|\bSUGGESTED (TIP|GRATUITY)\b|"
                   r"\bKPL YHTEENSA\b|^TUOTTEITA\b|\bURUN ADEDI\b|\bTOPLAM URUN\b|"  # (item counts: fi, tr)
                   r"^TETELEK SZAMA\b|^TETELSZAM\b|"  # (hu)
                   # ja: item counts, points, reductions, a rate's base ("10%対象 ¥1,100": gross or net by the
                   # receipt, never the bill)
                   r"点数|[ポボ]イント|^(お)?値引|^割引|値引合計|割引額|^(\d{1,2} ?%? ?)?対象(額)?(?!.*税)( \d.*)?$|"
                   r"^合.(数量|個数|件数)|^(数量|個数|件数)$|"  # (a count: "合計数量", also on Chinese tills)
                   rf"{_REDUCTION_WORDS}|"
                   r"\bSKONTO\b|\bZAHLBAR\b|\bZAHLUNGSZIEL\b|\bPAYMENT TERMS\b|\bWITHIN \d+ DAYS\b|"
                   r"\bINNERHALB\b|^NET \d+ DAYS\b|"
                   # bank details: "… Bankverbindung: Zürcher Kantonalbank, IBAN CH06 2022 4743 2970 4275 0"
                   # (not a VAT row a scan read beside them: "IBAN:FR29… TVA 20 % 448,80")
                   rf"\b(IBAN|BANKVERBINDUNG|SORT CODE)\b(?!.*\b({_TAX_WORD}|TOTAL|TOTAAL|TOTALE|SUMME)\b)|"
                   rf"{_NO_VAT_NOTE}|"
                   # "ПДВ није обрачунат у складу са чланом 33. Закона о ПДВ": no VAT charged, and the article's
                   # number is no amount
                   r"\b(НИЈЕ|НИЕ|НЕ Е|НЕ) (ОБРАЧУНА\w*|НАЧИСЛ\w*|НАРАХОВ\w*)|\bNIJ?E OBRACUNA\w*|"
                   r"\b(ЧЛАН\w{0,2}|ЧЛЕН\w{0,2}|СТАТЬ\w{1,2}|СТАТТ\w{1,2})( \d|$)|"
                   # an exemption note and its legal reference ("TVA non applicable, art. 293 B du CGI",
                   # "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet"): its numbers are no tax amount
                   r"\b(NON|NOT) APPLICABLE\b|\bKEINE (UMSATZSTEUER|MWST|UST)\b|\bESENTE\b|\bEXONERE\w*|" + _TAX_ID),
        ("prepaid", _PREPAID),
        ("change", r"\bCHANGE\b|\bСДАЧА\b|\bRUCKGELD\b|\bRENDU\b|\bWECHSELGELD\b|\bCAMBIO\b|\bRESZTA\b|"
                   r"\bРЕШТА\b|\bРЕСТО\b|\bПОВРАЋАЈ\b|\bРЭШТА\b|\bҚАИТАР\w*|"
                   r"\bVAXEL\b|\bBYTTEPENGER\b|\bVEKSEL\b|^TILBAKE$|\bVRACENO\b|^RETUR$|^ZURUCK$|"  # ("Zurück": Swiss)
                   # (not "Resto a pagar": the balance still owed)
                   r"\bWISSELGELD\b|^RESTO\b(?!.*\bPAGAR\b)|\bTROCO\b|\bMONNAIE\b|"
                   r"\bPARA USTU\b|^TAKAISIN( KATEINEN)?$|\bVAIHTORAHA\b|^REST$|"  # tr, fi, ro
                   r"^VISSZAJARO\b|^(SU )?VUELTO\b|"  # hu, the Chilean change
                   r"^(お)?釣[りリ]?(銭)?|^おつ[りリ]|^オツリ"),  # ja (リ: the hiragana り read as katakana)
        # the Chilean boleta's own tax line, "El IVA de esta boleta es: $945" (also with its IVA garbled, "El VA",
        # "IVAde"; also when a tilted photo's row put the card payment's word beside it; a change row beside it
        # stays the change's, above)
        ("tax", r"(?<!TOTAL )(?<!MONTO )\bDE ESTA BOLETA\b|IVADE ESTA BOLETA\b"),
        ("balance", r"^BALANCE$"),  # change after a payment line; the amount due on an invoice
        ("cash", r"^TOTAL PAID\b|\bTENDER\w*|^(PAGADO|ZAPLACONO|BETAALD)$|\bMONTANT RECU\b|"  # (cash received)
                 r"^(T )?(CREDITO|DEBITO)$|"  # a card payment alone ("T. CRÉDITO"; not "Credito residuo")
                 r"^(CASH|PAYMENT(?! DUE)|PAID|PAY|VISA|MASTER\w*|AMEX|CARD|DEBIT|CREDIT|EFTPOS|NETS|"
                 r"CUSTOMER S PAYMENT|НАЛИЧН\w*|БЕЗНАЛИЧН\w*|ЭЛЕКТРОНН\w*|КАРТОЙ|ОПЛАТА КАРТОЙ|ПОЛУЧЕНО|GEGEBEN|"
                 r"BAR|BARGELD|EC|EC KARTE|KARTE(?! NR| NUMMER)|KARTENZAHLUNG|GIROCARD|ESPECES|EFECTIVO|CONTANTI|"
                 r"GOTOWKA|CONTANT|"
                 # card payments in the other languages: the amount charged to the card
                 r"TWINT|MAESTRO|PIN|PINBETALING|CB|CARTE|TARJETA|CARTA|KARTA|BANCOMAT|PAGAMENTO|CONTACTLESS|"
                 r"POSTFINANCE|NUMERARIO|DINHEIRO|MULTIBANCO|CARTAO|PIX|"
                 r"NAKIT|KREDI KARTI|BANKA KARTI|KATEINEN|KORTTI|PANKKIKORTTI|KORTTIMAKSU|LUOTTOKORTTI|NUMERAR|"
                 # hu; Chile's debit network, Colombia's card terminal
                 r"KESZPENZ|BANKKARTYA|KARTYA|SZEP KARTYA|HITELKARTYA|REDCOMPRA|(PAGO )?DATAFONO|"
                 # uk, bg, sr, be, kk: cash and card
                 r"ГОТІВКА|ГОТІВКОЮ|БЕЗГОТІВКОВ\w*|КАРТКА|КАРТКОЮ|ПЛАТІЖНА КАРТКА|(ПЛАЩАНЕ )?В БРОИ|С КАРТА|КАРТА|"
                 r"ДЕБИТНА КАРТА|ГОТОВИНА|ПЛАТНА КАРТИЦА|КАРТИЦА|НАЯУНЫМІ|БЕЗНАЯУНЫМІ|КАРТКАИ|БАНКАУСКАЯ КАРТКА|"
                 r"ҚОЛМА ҚОЛ|КАРТАМЕН|НАЛИЧНЫЕ|"
                 # da, sv, no, cs
                 r"KONTANT|KONTANTER|KORT|BETALINGSKORT|DANKORT|BANKKORT|HOTOVOST|PLATEBNI KARTA|KARTOU)\b|"
                 r"\bCASH\b(?!.*TOTAL)|"
                 # ja: cash tendered ("お預り", "預/現計"), card, e-money, QR payments
                 r"^(お)?預(か)?[りリ](金)?|^オアズカリ|^預 ?(現計)?$|^現計|^現金|^ゲンキン|"
                 r"^ク\w{0,2}[ジシ]ット|^電子マネー|^交通系|^QR ?決済|"
                 r"^(PAYPAY|SUICA|PASMO|WAON|NANACO|QUICPAY|楽天 ?EDY|楽天ペイ|D払い|AU ?PAY|メルペイ)\b|"
                 r"^カ\W?[ー一]?ド|"
                 r"^ご利用金額"),
        ("rounding", r"\bROUND\w*\b|\bADJ\w*\b|\bRND\b|ОКРУГЛ|\bARRONDI\w*|\w*AVRUNDN?ING\b|\bARROTONDAMENT\w*|"
                     r"\bREDONDEO\b|\bARREDONDAMENTO\b|\bZAOKROUHLENI\b|\bPYORISTYS\b|\bYUVARLAMA\b|"
                     r"^KEREKITES\w*|\bAJUSTE AL PESO\b"),
        # NETTO… but not the French "Nettoyage" (cleaning), an item
        ("subtotal", r"\bSUB ?TOTAL\w*\b|\bSUB\b|\bEXCL\w*\b|\bBEFORE\b|\bW O (GST|TAX)\b|\bWITHOUT\b|"
                     r"\bZWISCHENSUMME\b|\bZWISCHENTOTAL\b|\bZW (SUMME|TOTAL)\b|^SUM VARER$|"  # (the goods' sum)
                     r"\bNETTO(?!YA)\w*\b(?! A PAGARE)|\bSOUS TOTAL\b|\bTOTAL HT\b|"
                     r"\bMONTANT HT\b|\bHT\b|БЕЗ НДС|"
                     r"\bTAXABLE\b|(?<!NON )\bVATABLE\b|\bNET AMOUNT\b|^ARA ?TOPLAM\b|^VALISUMMA\b|\bVEROTON\b|"
                     r"^RESZOSSZE(G|SEN)\b|^(MONTO )?NETO$|^BASE ?GRAVABLE\b|"  # hu (the goods' sum), Chile, Colombia
                     r"\bTOTAL NET\b|\bOHNE (UST|MWST|STEUER)\w*|"
                     r"\bEXK[LI]\w*\b|\bEKS\b|\bEKSKL\w*|"  # (the Norwegian "Eks. mva", the Danish "ekskl. moms")
                     r"\bWARENWERT\b|\bBASE IMPONIBLE\b|\bIMPONIBILE\b|\bSIN (IVA|[IL1] V A|IMPUESTOS)\b|"
                     r"\bSENZA IVA\b|\bZONDER BTW\b|\bБЕЗ НАЛОГА\b|\bБЕЗ (ПДВ|ДДС|ҚҚС)\b|\bҚҚС СЫЗ\b|"
                     r"\bДАНЪЧНА ОСНОВА\b|\bОСНОВИЦА\b|\bMOMSGRUNDLAG\b|\bZAKLAD DANE\b|\bGRUNNLAG\b|"
                     r"\bМЕЖДИННА СУМА\b|\bMELL[EO]MSUM\b|"  # Bulgarian, Danish / Norwegian tills' subtotals
                     r"^NET\b(?! ?TOTAL|T\b)(?!.*\b(PAY\w*|DUE)\b)|"
                     # ja (a 小計 of tax-inclusive prices is the gross, as a Zwischensumme)
                     r"^小[計针訃汁什]|^ショウケイ|^税抜"),
        ("tax", rf"^{_TAX_WORD}\b.*\bINCLUDED\b"),  # "GST @6% included in total"
        ("tax", rf"^TOTAL INCLUDES {_TAX_WORD}\b"),  # the Australian "Total includes GST 2.99"
        ("tax", rf"^(INCLUDES|INCLUDING) {_TAX_WORD} OF\b"),  # the New Zealand "Includes GST of 16.26"
        # "Includes VAT 20%", "Including GST 6%", "incl. VAT 20%": the tax inside a gross total, with its rate
        ("tax", rf"^(INCLUD|INCL|INKL)\w* (OF )?{_TAX_WORD}\b.*%"),
        # "Im Betrag enthalten: 20 % MwSt" (its tax word garbled: "MwSUR"); not a service charge or tip inside
        ("tax", r"^(?!.*\b(SERVICE\w*|BEDIENUNG\w*|TRINKGELD\w*|TIP|PFAND)\b).*\bENTHALTEN\b.*\d ?%"),
        # "Totaal btw", "Summe USt", "Gesamt MwSt", "Razem VAT", "Summe USt CHF": the sum of the tax rows, not
        # the bill
        ("tax", rf"(^|\d )(TOTAL|TOTAAL|TOTALE|SUMME|GESAMT|RAZEM|SUMA|ИТОГО|ВСЕГО|"
                rf"ВСЬОГО|РАЗОМ|СУМА|УСЯГО|ОБЩО|НАЧИСЛЕН|УКУПНО|УКУПАН ИЗНОС|ИЗНОС|БАРЛЫҒЫ|ЖИЫНЫ) "
                rf"{_TAX_WORD}( {_CURRENCY_CODE})?$"),
        ("due", r"\bBALANCE DUE\b|\bPAYMENT DUE\b|\bOUTSTANDING\b|\bNOG TE BETALEN\b|\bNOCH ZU ZAHLEN\b|"
                r"\bPENDIENTE DE PAGO\b|\bSALDO PENDIENTE\b|\bRESIDUO\b|\bОСТАТОК К ОПЛАТЕ\b|"
                r"\b(AMOUNT|AMT|TOTAL) DUE\b|\bAMOUNT PAYABLE\b|\bZAHLBETRAG\b|\bRESTBETRAG\b|"
                r"\bOFFENER BETRAG\b|\bSOLDE\b|\bRESTE A PAYER\b|\bSALDO\b|\bPOZOSTALO DO ZAPLATY\b"),
        ("total_strong", r"\bGRAND TOTAL\b|^(\w{1,5} )?INCL\w* (OF )?(GST|SST|VAT|TAX)\b|"
                         r"\b(AMOUNT|AMT) (PAID|PAYABLE)\b|"
                         r"\bTOTAL\b.*\b(INCL\w*|INK[LI]\w*|INC|WITH|PAYABLE|AMOUNT|AMT|RM|SALES|ROUNDED|"
                         r"GROSS)\b|\bROUNDED\b|\bNETT? TOTAL\b|"
                         # the UK's "Net / VAT @ 20% / Gross": the gross alone is the bill
                         r"^GROSS( AMOUNT| TOTAL)?$|"
                         r"\bNET TO PAY\b|\bNET PAYABLE\b|"
                         # Brazil's NFC-e: "Valor total R$", "Valor a Pagar R$" (alone: not "Valor total do IVA")
                         r"^VALOR (TOTAL|A PAG[AE]R)( RS?| BRL)?$|"  # ("Pager": its a read as e)
                         # Turkish, Finnish and Romanian totals ("GENEL TOPLA": its M lost)
                         r"^GENEL TOPLAM?\b|^TOPLAM( TUTAR| TL)?$|^ODENECEK( TUTAR)?\b|\bDAHIL TOPLAM\b|"
                         r"^(?!.*\b(ALV|VERO|ARVONLISAVERO)\b).*\bYHTEENSA( EUR)?$|^MAKSETTAVA\b|^TOTAL DE PLATA\b|"
                         r"^OSSZESEN( FT)?$|^(OSSZESEN )?FIZETENDO( OSSZEG| OSSZESEN)?( FT)?$|"  # Hungarian
                         r"\b(TOTAL|IMPORTE) (CON|C) (IVA|[IL1] V A)\b|"  # "Total con I.V.A.", "TOTAL C/IVA"
                         r"\bNET A PAYER\b|^A PAYER\b|\bTOTAL TTC\b|\bMONTANT TTC\b|\bTTC\b|\bGESAMT\w*\b|"
                         r"\bSUMME\b|\bBRUTTO\w*\b|\bRECHNUNGSBETRAG\b|\bENDBETRAG\b|\bZU ZAHLEN\b|\bZU BEZAHLEN\b|"
                         r"\bTOTAAL\b|\bTE BETALEN\b|\bIMPORTE TOTAL\b|\bTOTAL A PAGAR\b|\bTOTALE\b|\b(DA|A) PAGARE\b|"
                         r"\bDO ZAPLATY\b|\bRAZEM\b|\bINVOICE TOTAL\b|К ОПЛАТЕ|\bИТОГО\b(?!.*НДС)|"
                         r"\b(ИТОГО|ВСЕГО|СУММА)\b.*\bС (НДС|НАЛОГОМ)\b|"  # "Всего с НДС": the gross
                         r"\bСТОИМОСТЬ С НАЛОГОМ\b|"
                         # uk, be, bg, sr, kk: the amount to pay, the total with VAT, the total
                         r"\bДО СПЛАТИ\b|\bДО ОПЛАТИ\b|\bДА АПЛАТЫ\b|\bЗА ПЛАЩАНЕ\b|\bЗА УПЛАТУ\b|\bЗА ПЛАЋАЊЕ\b|"
                         r"\bТӨЛЕУГЕ\b|\bҚҚС МЕН\b|\bЗАГАЛЬНА СУМА\b|\bОБЩА СУМА\b|"
                         r"\bОБ[ШЦ]?А СУМА\b|\bОБ(?:[ШЦ]|[ІIЬ]Ц)О\b|"  # photo OCR's "ОБА СУМА", "ОБЦО", "ОБІЦО"
                         # "Всього з ПДВ", "Общо с ДДС" (not a table header's "Ціна з ПДВ")
                         r"\b(ВСЬОГО|УСЬОГО|РАЗОМ|РАЗАМ|СУМА|ОБЩО|УКУПНО|ИЗНОС|УСЯГО)\b.*\b(З|С|СА) (ПДВ|ДДС)\b|"
                         r"\bATT BETALA\b|\bA BETALE\b|\bAT BETALE\b|^I ?ALT\b|\bCELKEM\b|\bK ?UHRADE\b|\bSUMMA\b|"
                         r"\bУКУПАН ИЗНОС\b|"
                         r"\b(ВСЬОГО|УСЯГО|ВСИЧКО|ОБЩО|УКУПНО|БАРЛЫҒЫ|ЖИЫНЫ|ІТОГА|РАЗОМ|РАЗАМ)\b(?!.*\bБЕЗ\b)|"
                         # ja: 合計 (not 小計), the bill with tax ("税込合計"), what is paid or billed
                         r"^(総)?合[計针訃汁什]|^ゴウケイ|税込(合計|金額)|[買黄貫翼]い?上げ?([計针訃汁什]|合計|金額)|"
                         r"^お?支払(い)?(合計|金額)|^ご請求(金)?額|^(領収|請求)金額|^お会計"),
        # ja: consumption tax (its 費 read twice, "消費費税", or as 黄), included (内) or added (外)
        # (not a rate's base, "内税対象額"; the rate may come first, "10%内税額", "8%外税")
        ("tax", r"^(?!.*対象)(.*消[費黄]+税|(\d{1,2} ?% ?)?(内|外) ?税|(\d{1,2} ?% ?)?税額|ソトゼイ|ウチゼイ)"),
        # a Bulgarian VAT group line whose tax word the OCR garbled: "ДАС Б = 20,00%" ("ДДС Б = 20,00%")
        ("tax", r"^[A-ZА-ЯІЇЄЎ]{2,3} [А-Г] \d{1,3} 00%$"),  # (or "ДІС Б")
        ("tax", rf"^(TOTAL )?{_TAX_WORD}\b|\b{_TAX_WORD}\b(?!.*\bTOTAL\b)|\bВ Т Ч\b|\bВ ТОМ ЧИСЛЕ\b"),
        ("total", r"^NETT?$|\bTOTAL\b|\bNETT\b|\bAMOUNT\b|\bВСЕГО\b|\bИТОГ\b|\bBETRAG\b|\bDUE\b|\bMONTANT\b|"
                  r"\bIMPORTE\b|\bSUMA\b|\bWARTOSC\b|\bСУМА\b|\bРАЗОМ\b|\bИЗНОС\b|\bСУММА\b|"
                  r"^SUM$|"  # (the Danish and Norwegian "Sum")
                  r"^金額"),  # ja
        ("date", r"\b(DATE|DATED|TARIKH|ДАТА|DATUM|FECHA|DATA|DATO|ДАТУМ|КҮНІ)\b|^日付|^発行日|^取引日"),
    )
)


_LABEL_WEIGHT = {"total_strong": 3.0, "due": 3.0, "total": 2.0}


@functools.lru_cache(maxsize=8192)
def classify_label(text: str) -> str | None:
    """Label class of a row's label text (e.g. "TOTAL (Inclusive of GST)" → total_strong), or None."""
    norm = _norm(text)
    if not norm:
        return None
    for cls, pattern in _LABEL_PATTERNS:
        if pattern.search(norm):
            return cls
    return None
