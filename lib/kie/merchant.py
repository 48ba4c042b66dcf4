"""The merchant (seller): header rows scored by the rules (legal suffixes, position, not an address or a title)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _CENTS, _labelled_rows, _LabelledRow
from lib.kie.dates import is_a_date
from lib.kie.labels import _norm
from lib.kie.legal_forms import DOTTED_LEGAL_FORMS, LEGAL_FORM_AT_END, fix_ad, fix_doo
from lib.kie.legal_forms import LEGAL_SUFFIX as _LEGAL_SUFFIX
from lib.kie.parties import POSTCODE_TOWN, TITLE_ONLY, is_party_label, strip_field_label, strip_title
from lib.kie.rows import Row, group_rows
from lib.ocr_document import OcrDocument
from lib.post.amounts import _ISO_CODES
from lib.post.cjk import KANA_KANJI
from lib.post.currency import _SYMBOLS
from lib.post.lookalikes import fix_turkish_s_read_as_dollar

__all__ = ["MerchantCandidate", "document_merchant_candidates", "legal_under_venue", "merchant_candidates",
           "repair_name"]


_COMPANY_WORD = re.compile(
    r"\b(CO|COMPANY|RESTAURANT|RESTORAN|MART|STORE|SHOP|MARKET|HARDWARE|BOOKSTORE|STATIONERY|PHARMACY|FARMASI|"
    r"CAFE|BAKERY|PERNIAGAAN|SYARIKAT|KEDAI|MAGAZIN|МАГАЗИН|АПТЕКА)\b",
    re.IGNORECASE,
)
# What a shop is, in the other languages (only to join a logo stack; not scored)
_BUSINESS_WORD = re.compile(
    r"\b(APOTHEKE|DROGERIE|BACKEREI|BÄCKEREI|METZGEREI|BUCHHANDLUNG|OPTIK|PHARMACIE|BOULANGERIE|LIBRAIRIE|"
    r"BRASSERIE|APOTHEEK|BAKKERIJ|SLAGERIJ|FARMACIA|PANADERIA|PANADERÍA|RESTAURANTE|RISTORANTE|PANETTERIA|"
    r"APTEKA|PIEKARNIA|ПЕКАРНЯ|КАФЕ|РЕСТОРАН)\b",
    re.IGNORECASE,
)
_CUSTOMER_FIELD = re.compile(r"\b(CUSTOMER|CLIENT|ACCOUNT|KUNDEN|KUNDE)\s*(ID|NO|NR|NUMBER|NUMMER|#)\b|"
                             r"\bKUNDEN(NUMMER|NR)\b|\bN[°O]\s*CLIENT\b", re.IGNORECASE)
# A legal form alone on its row (normalised): the name it belongs to is the row above ("Versmarkt
# Handelsonderneming" / "V.O.F."); three letters or more (a shorter row is never a candidate: "AG", "S.A.")
_BARE_SUFFIX = re.compile(r"(SDN BHD|BHD|BERHAD|(?:CO )?LTD|LIMITED|LLC|LLP|INC|CORP|PLC|GMBH|OHG|V ?O ?F|S ?A ?S|"
                          r"S ?L ?U|S ?R ?L ?S?|S ?P ?A|SARL|EURL|SP Z O O|PT[EY] LTD)")
_CONTINUATION = re.compile(r"^\s*(&|CO\b\.?|\(M\)|SDN\b|BHD\b|BERHAD\b|S/B\b|ENTERPRISE\b|TRADING\b|"
                          # a Mexican legal form on the next row: "… S. de R.L." ‖ "de C.V.", "Grupo Norte" ‖
                          # "S.A. de C.V."
                          r"DE\s+C\.?\s?V\b|S\.?\s?A\.?(?:\s?[BP]\.?(?:\s?I\.?)?)?\s+DE\s+C\.?\s?V\b|"
                          r"S\.?\s+DE\s+R\.?\s?L\b)", re.IGNORECASE)
# A company registration number on its own row, or at the end of the name row: "(81109-A)", "789417-W",
# "Co. No. 419060-A", "JM0325955-V".
_REG_NO = re.compile(
    r"[\W]*(?:(?:CO(?:MPANY)?\.?\s*)?(?:REG\.?\s*)?(?:NO|#)\.?\s*:?\s*)?[A-Z]{0,3}\d{4,}[-\s·]?[A-Z]\W*", re.IGNORECASE
)
# "Dion Realties Sdn Bhd (Co. No:20154-T)": a bracketed registration number after a legal name.
_REG_PAREN_TAIL = re.compile(r"\s*\([^()]*\d{4,}[^()]*\)?\s*$")
_REG_NO_TAIL = re.compile(r"\(\s*\d{4,}[-\s·]?[A-Z]\s*\)?\s*$", re.IGNORECASE)
# Never a merchant name: document titles, contact lines, ids, dates, staff/table lines.
_NOT_MERCHANT = re.compile(
    r"TAX\s*INVOICE|^INVOICE|^RECEIPT|OFFICIAL RECEIPT|CASH\s*(SALE|BILL)|^BILL\b|WELCOME|THANK|\bTEL\b|TEL[:.]|"
    r"\bPHONE\b|\bFAX\b|H/P|E-?MAIL|@|WWW\.|HTTP|GST\s*(RE[G9]|ID|NO)|GOODS\s*SOLD|RETURNABLE|REFUNDABLE|"
    r"^\W*(POSTED|PAID|RECEIVED|APPROVED|CANCELL?ED|COPY|DUPLICATE|REPRINT|ORIGINAL|KOPIE|DUPLIKAT|COPIE)\W*$|CO\.?\s*(REG|NO)|COMPANY\s*(REG|NO)|REG\.?\s*NO|"
    r"\bREF\b|USER\s*ID|^\W*(CUSTOMER|CLIENT|BUYER|SELLER|VENDOR|SUPPLIER|KUNDE|KÄUFER|VERKÄUFER|AAN|AN|TO|ATTN)\W*$|\b(CUSTOMER|CLIENT|ACCOUNT|KUNDEN|KUNDE)\s*(ID|NO|NR|NUMBER|NUMMER|#)\b|\bИНН\b|\bКПП\b|\bОГРН\b|\bСЧ[ЕЁ]Т\b|"
    r"\b(ПН|ІД|[ЄЕ]ДРПОУ|[ІИ]ПН|ЕИК|ЗДДС|ПИБ|МБ|БИН|ИИН|УНП|ЗН|ФН|РНМ|ПФР|ЕСИР|NIPC|NIF|CIF)\b\W*(\d|$)|\b(ИИК|КБЕ|КНП)\b|\b(КАСИР|КАСІР|КАССИР)\b|"
    r"^ДАТА|^DATE|^DATUM\b|^FECHA\b|^[\d\W]+$|INVOICE\s*NO|DOC(UMENT)?\s*NO|"
    # a date's label left when its value was cut off ("Leverdatum", "Vervaldatum:", "Due date")
    r"^\W*[^\W\d_]+DATUM\W*$|^\W*(DUE|ISSUE|ORDER|DELIVERY|PAYMENT|SHIP(PING)?)\s+DATE\W*$|"
    r"^\W*[^\W\d_]*(ZEITRAUM|PERIODE)\W*$|"  # ("Abrechnungszeitraum": a period's label)
    r"\bCASHIER\b|\b(TABLE|SERVER|SALESPERSON|MEMBER|WAITER)\b\s*(?:[:#\[(]|NO\b|\d)|"
    # … and the staff of the other languages' tills, before a colon ("Vendedor: Javier", "Le atendió: Ana")
    r"\b(CAJER[OA]|VENDEDOR[A]?|OPERADOR[A]?|ATENDI[OÓ]|ATENDIDO POR|KASSIERER\w*|BEDIENER\w*|CAISSI[EÈ]R[E]?|"
    r"VENDEU[RS]E?|OP[EÉ]RAT(?:EUR|RICE|ORE)|KASJER\w*|CASSIER[EA]|SERVED BY|MESER[OA]|CAMARER[OA]|CAMERIER[EI]|"
    r"SERVEU(?:R|SE)|KELLNER\w*|BEDIENT SIE|ES BEDIENTE SIE)\s*[:#]|"
    r"^\W*(OWNED BY|OWNER|DIMILIKI OLEH)\W*$|"
    r"\bБИК\b|БАНК ПОЛУЧАТЕЛЯ|\bIBAN\b|\bSWIFT\b|\bBIC\b|INVOICE\s*DATE|^\W*(BILL|SHIP|SOLD|INVOICE)\s*TO\b|"
    r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК|ПОКУПЕЦЬ|ЗАМОВНИК|ПЛАТНИК|ОДЕРЖУВАЧ|ПОЛУЧАТЕЛ(?!Я)\b|КУПУВАЧ|КУПАЦ|ПРИМАЛАЦ|"
    r"ПАКУПНІК|ПЛАЦЕЛЬШЧЫК|САТЫП АЛУШЫ|\(C\)|©|COPYRIGHT|^\W*(SEITE|PAGE|PAGINA|STRONA)\s*\d|"
    r"\b(EUR|EURO|RM|USD|CHF|GBP)\s*/\s*(KG|G|L|ML|STK|PCS|M)\b|"  # "kg EURO/kg EURO": a price-per-unit header
    # tax table headers ("MWST% MWST + Netto Brutto"), then VAT ids ("UST-ID-NR: DE…", "NIP: 525-…")
    r"\bMW?STG?\b|\bNETTO\b.*\bBRUTTO\b|\b(VAT|TVA|BTW|IVA|GST)\s*%|"
    r"\bUST\.?\s*-?\s*ID|\bVAT\s*(REG|NO|ID|NUMBER|#)|\bBTW\s*-?\s*(NR|NUMMER|NO)\b|\bTVA\s*INTRA|\bNIP\s*[:\d]|"
    r"\bUID\s*-?\s*(NR|NUMMER)\b|"  # (Austria's and Switzerland's "UID-Nr.: ATU…", also on German invoices)
    # a row that begins with a date's field ("Rechnungsdatum: 28. April 2024", "Invoice date: 12/03/2024"; not
    # "Update: 24/7 Fitness", nor a name with a date field after it)
    r"^\W*(\w+\s)?(\w*DATUM|DATE|DATA|FECHA|ДАТА|ДАТУМ)\s*:\s*\d|"
    r"\bP\.?\s?IVA\b\W*\d|\bPARTITA\s+IVA\b|"  # the Italian VAT id ("P.IVA 67815453038")
    # the invoice number's label ("Nr faktury 25076", "Número de factura", "Rechnungsnummer", "Numero fattura")
    r"^\W*(NR|NO|N[°º]|NUMMER|NUM[EÉ]RO|N[ÚU]MERO)\.?\s*(DE\s+)?(FAKTURY|FACTURA|FATTURA|FACTURE|FACTUUR|RECHNUNG)\b|"
    r"^\W*(RECHNUNGS|FACTUUR)NUMMER\b|"
    # a document number left of its title ("РАЧУН бр. Ф-2112/26" without the title)
    r"^\W*(БР|BR|NR|NO|№)\.?\s*[^\W\d_]{0,3}[-/]?\d[\w/-]*\W*$|"
    # a field label of the address or the sales point ("Адреса: Булевар ослобођења 70", "Општина: …")
    r"^\W*(ADDRESS|ADRESSE|ADRES|ADRESA|АДРЕСА|АДРЕС|АДРАС|МЕКЕНЖАЙ\w*|ОПШТИНА|ОБЩИНА)\s*[:;]|^\W*(NUM[EÉ]RO|N[ÚU]MERO|NUMMER|NUMBER|НОМЕР)\b|"
    # Japanese: the invoice registration number, a title alone, the phone, the postcode, the staff, the till
    r"登録番号|^\W*(領収[証書]|レシート|お買上げ?明細)\W*$|^\W*(電話|〒|レジ)|担当(者)?\s*[:：]|"
    r"数量|[単单]価|^\W*品名|"  # (… and the items table's header, "品名 数量 単価 金額")
    r"(様|御中)\W*$",  # (the addressee of a receipt form: "山田 様", "株式会社ABC 御中")
    re.IGNORECASE,
)
# Address lines: skipped unless the row also carries a legal suffix ("BOOK TA.K (TAMAN DAYA) SDN BHD").
_ADDRESS = re.compile(
    r"\bJALAN\b|\bJLN\b|\bTAMAN\b|\bLORONG\b|\bNO\.?\s*\d|\bLOT\b|\bSUITE\b|"
    # "12 High Street", "Alder Street, Portland", "Street 5": a house number before or after it, or a comma after
    # it (not the shops "Maple Street Deli", "Fifth Avenue Pizza, NYC")
    r"\d+\w*\s+(\w+\s+){0,3}(STREET|ROAD|AVENUE)\b|\b(STREET|ROAD|AVENUE)\s*(,|\d)|"
    r"\bLEVEL\b|\bFLOOR\b|\bFLR\b|\bBLOCK\b|^\s*[A-Z]{0,2}\d*-\d+\b|(?<![\d\-])\d{5,6}(?![\d\-·])|\.COM\b|"
    # street words of the other languages (en abbreviations, de, fr, nl, es, it, pl, ru)
    r"\b(RD|ST|AVE|BLVD|DR|LN|HWY|PKWY)\b\.?,|\b\d+\s+\w+\s+(RD|ST|AVE|BLVD|DR|LN)\b|"
    r"\w+(STRASSE|STRAßE|STR\.|WEG|PLATZ|ALLEE|GASSE|DAMM|UFER)\b(?=.*\d)|\b(STRASSE|STRAßE|STR\.|WEG|PLATZ|ALLEE|RING)\s*\d|\b(RUE|BOULEVARD|BD|CHEMIN|PLACE|IMPASSE|ALL[EÉ]E)\s|"
    r"\w+(STRAAT|LAAN|GRACHT|PLEIN)\b|\b(CALLE|AVENIDA|AVDA|PLAZA|PASEO|VIA|VIALE|PIAZZA|CORSO|ULICA|UL\.|"
    r"ALEJA|ПРОСПЕКТ|ПР-Т|ШОССЕ|ПЕРЕУЛОК)\s|"
    # German streets named by a preposition, the whole row: "Am Kanal 17", "An der Alster 3a", "Zum Hafen 2"
    r"^\s*(AM|AN DER|AN DEN|IM|IN DER|IN DEN|AUF DER|AUF DEM|ZUM|ZUR|UNTER DEN|HINTER DER|VOR DEM)\s+\S+(\s+\S+)?"
    r"\s+\d+\s?[A-Z]?\s*$|"
    # (Russian: street, town, prospekt, house number; not a Serbian "д.0.0." or "д.0,0," read with zeros)
    r"\bул\.|\bг\.|\bпр\.\s|\bпросп\.|\bд\.\s?\d+\w?(?=[\s,]|$)(?![.,]\s?(?-i:[0OО])[.,])|"
    r"^\W*(MALAYSIA|SINGAPORE|USA|UNITED STATES|UNITED KINGDOM|UK|GERMANY|DEUTSCHLAND|FRANCE|"
    r"РОССИЯ|INDIA)\W*$|"
    # a Japanese address: the prefecture (or a big city) first, its block numbers after ("東京都新宿区西新宿1-2-3")
    r"^\W*(東京都|大阪府|京都府|北海道|[\u4e00-\u9fff]{2,3}県)[\u4e00-\u9fff\u3040-\u30ff]*\d",
    re.IGNORECASE,
)
_OWNER_INTRO = re.compile(r"(OWNED BY|OWNER|DIMILIKI OLEH|A DIVISION OF)\W*$|\b(BILL|SHIP|SOLD|INVOICE)\s*TO\b|"
                          r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК|CUSTOMER\W*$", re.IGNORECASE)
_TITLE_AFTER_NAME = re.compile(r"\s+(SIMPLIFIED\s+|FULL\s+)?(TAX\s*INVOICE|INVOICE|RECEIPT)\s*$", re.IGNORECASE)


# A line item's quantity line: "2 x 4,95 9,90", "3 @ 1.49 4.47", "0,746 kg × 20,00 kr/kg"
_QUANTITY_LINE = re.compile(r"^\W*\d+(?:[.,]\d+)?\s*(?:st|stk|pcs|kg)?\s*[xX×@*]\s*\d", re.IGNORECASE)
# A legal line's share capital after the name: "SAS Pizzeria Restauration au capital de 50 000 €"
_SHARE_CAPITAL = re.compile(r"[\s,;-]+(?:AU CAPITAL(?: SOCIAL)? DE|CAPITAL SOCIAL|(?:MIT EINEM )?STAMMKAPITAL|"
                            r"(?:CON )?CAPITALE SOCIALE|KAPITA[LŁ] ZAK[LŁ]ADOWY|SHARE CAPITAL)\b.*$", re.IGNORECASE)
_BANK_ROW = re.compile(r"\bБИК\b|БАНК ПОЛУЧАТЕЛЯ|\bIBAN\b|\bSWIFT\b|\bBIC\b|\bSORT CODE\b|\bBLZ\b", re.IGNORECASE)
# A rule line read "|" before a Russian patronymic: "ИП Иванова Мария | Петровна" is one name
_RULE_BEFORE_PATRONYMIC = re.compile(r"\s+\|\s+(?=[А-ЯЁ][а-яё]+(?:овна|евна|ична|ович|евич|ич)\b)")
# "Example GmbH • Street 1 • 12345 Town": a sender line ("·" and "•" also glued on one side: "B.V.· Street", or
# between letters on a scan: "GmbH·Talstraße"; not beside a digit: "(519537·X)" is an OCR'd hyphen; not the
# Catalan "l·l")
# (glued between letters too, but not the Catalan "l·l": "Col·legi"; "SRL·Chaussée de Wavre" is two cells)
_SEPARATOR = re.compile(r"\s+[•·]\s*|\s*[•·]\s+|\s+\|\s+|(?<=[^\W\d_])(?<![lL])[•·](?=[^\W\d_])|"
                        r"(?<=[lL])[•·](?=[^\W\dlL_])|"
                        r"(?<=[^\W\d_]{2})[•·](?=\d)|"  # "Vasseur SA·3 impasse du Moulin"
                        # "V.O.F.·Oudegracht 144": after a legal form's dot (not "St.·Pauli", "Co.·KG")
                        r"(?:" + "|".join(f"(?<={re.escape(form)})" for form in DOTTED_LEGAL_FORMS) + r")"
                        r"[•·](?=[^\W\d_])|"
                        r"(?<=[»”\"])\s+\.\s+")  # "АО «Стройдеталь» . ул. Заводская": a "·" read as a dot


# A street word alone in a span: "Via ‖ Tabaccheria Greco", the next line's first word risen into the name's row
_LONE_STREET_WORD = re.compile(r"^\W*(VIA|VIALE|CORSO|PIAZZA|CALLE|AVENIDA|AVDA|PLAZA|PASEO|RUE|ULICA|UL)\W*$",
                               re.IGNORECASE)


def _name_segment(row: Row) -> str:
    """The part of a row that can be a name: spans far apart are columns ("Contoso ‖ … ‖ Invoice date 02.01.2020"),
    so the first column with letters that is not a title, id or date; a sender line is cut at its first "•";
    a glued document title and a "Name:" field label are removed."""
    spans = row.spans
    if len(spans) > 1 and _LONE_STREET_WORD.match(spans[0].text) and spans[0].y1 > (spans[1].y1 + spans[1].y2) / 2:
        spans = spans[1:]  # "Via ‖ Tabaccheria Greco": the next line's street word, printed lower, in the name's row
    segments: list[list[str]] = [[spans[0].text]]
    gap = 2.5 * row.height
    for prev, span in zip(spans, spans[1:], strict=False):
        # (or the other party's column: "… ‖ Прималац:"; or a cell that ends in a legal form with an address after
        # it: "Transports Lambert SRL ‖ de Wavre 112·4000 Liège", the sender line's "· Chaussée" lost)
        if span.x1 - prev.x2 > gap or is_party_label(span.text) or (
                LEGAL_FORM_AT_END.search(prev.text) and (_ADDRESS.search(span.text) or POSTCODE_TOWN.search(span.text))
                and not _LEGAL_SUFFIX.search(span.text)):
            segments.append([])
        segments[-1].append(span.text)
    texts = [_SHARE_CAPITAL.sub("", _cut_after_legal_dash(strip_title(_SEPARATOR.split(
                 _RULE_BEFORE_PATRONYMIC.sub(" ", strip_field_label(" ".join(seg).strip())))[0]))).strip()
             for seg in segments]
    for text in texts:
        words = text.split()
        if len(words) > 2 and _initials_of(words[0], words[1:]) or len(words) > 1 and _logo_of_other_script(words):
            # "JS Janssens Schilderwerken BV": a logo of initials read with the name beside it; "or ЭТАЛОН ГРУПИ": a
            # logo the Latin recognizer read as two letters before a Cyrillic name
            words = words[1:]
            text = " ".join(words)
        half = len(words) // 2
        if half and len(words) % 2 == 0 and words[:half] == words[half:]:
            text = " ".join(words[:half])  # "Contoso Contoso": a logo and the name beside it, read twice
        if sum(c.isalpha() for c in text) >= 3 and not _is_not_merchant(text, bool(_LEGAL_SUFFIX.search(text))):
            return text
    return texts[0] if len(texts) == 1 else row.text.strip()



# The Italian "S.r.l." with its l read as a capital I ("Greco & Bianchi S.r.I.")
_SRL_SLIP = re.compile(r"\bS\.\s?r\.\s?[I1](?![\w])\.?")  # ("S.r.I.", "S.r.1.": the l read I or 1)
# … and the Polish "Sp. z o.o." with its o's read as zeros ("Sp. z 0.0.")
_SP_ZOO_SLIP = re.compile(r"\bSp\.\s?z\s?(0\.\s?[0o]|o\.\s?0)\.?")
# … and the Cyrillic legal forms with their О's read as zeros ("Т00", "00Д", "Е00Д": ТОО, ООД, ЕООД)
_LEGAL_FORM_ZEROS = re.compile(r"(?<!\S)(?=[А-Я0]*[А-Я])(?=[А-Я0]*0)[А-Я0]{2,4}(?!\S)")
# … and the Kazakh "ТОО" read as the number 700, 100 or 1700, before a quoted Cyrillic name ("700 “Дәмді Нан”")
_KAZAKH_TOO_SLIP = re.compile(r"^(?:17|[17])00(?=\s*[«\"“„]\s*[А-ЯЁӘҒҚҢӨҰҮҺІ])")
_PP_SLIP = re.compile(r"^[ТІ]ІП(?=\s*[«\"“„])")
# … the Belarusian and Ukrainian "і" read as a one, inside a word ("Кн1га") or as the word "and" inside a quoted
# name («Кава 1 Кніга»), and the Serbian "ј" read as "]" ("Во]водина")
_I_AS_ONE = re.compile(r"(?<=[а-яёіїєўґ])1(?=[а-яёіїєўґ])|(?<=[а-яёіїєўґ] )1(?= [А-ЯЁІЇЄЎҐ][^»]*»)")
# … the Latin "IT" of a Cyrillic company name read as Cyrillic "ІТ" or "ТТ" (no such words): the last word in its
# quotes ("ТОО «Болашақ ТТ»")
_IT_AS_CYRILLIC = re.compile(r"(?<=[^\W\d_] )(?:ІТ|ТТ)(?=\s*[»\"”“])")
_KAZAKH_LETTER = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")  # ("ТТ" only in a Kazakh name: «Альфа ТТ» may be meant)
# … the Serbian "љ" / "њ" read as "ль" / "нь" (Serbian writes no soft sign) in a name with a Serbian legal form
_SERBIAN_FORM = re.compile(r"(?<![^\W\d_])(?:д\.\s?о\.\s?о|ДОО|Д\.О\.О|а\.\s?д|А\.Д|пр(?= [^\W\d_]))")
_NOT_SERBIAN = re.compile(r"[ыэёъіїєґЫЭЁЪІЇЄҐ]")
_SERBIAN_SOFT = re.compile(r"[ЛлНн][ьЬ]")
_SERBIAN_LETTER = {"Ль": "Љ", "ЛЬ": "Љ", "ль": "љ", "лЬ": "љ", "Нь": "Њ", "НЬ": "Њ", "нь": "њ", "нЬ": "њ"}
_JE_AS_BRACKET = re.compile(r"(?<=[а-яђјљњћџА-ЯЂЈЉЊЋЏ])\](?=[а-яђјљњћџ])")
# … and the Bulgarian "ЕООД" after a quoted name with its Д lost and its O's maybe zeros ("\"Марица Агро\" Е00")
_EOOD_SLIP = re.compile(r"(?<=[»\"”] )Е[О0]{2}(?=[^\w\"”»]*$)")
_GLUED_LEGAL = re.compile(r"(?<=[a-zà-ÿąćęłńśźż])(?:(?<=[a-zà-ÿ]{3})SA\b\.?|"  # ("FontaineSA"; not "UniSA", "LaSA")
                          r"(?:SARL|SAS|GmbH|Ltd|Limited|LLC|LLP|Inc|Corp|BV|B\.V\.|AG|KG|"
                          r"Sp\.\s?z\s?o\.\s?o|S\.L\.U|S\.L|S\.A|S\.p\.A|S\.r\.l|N\.V)\b\.?|"
                          # the German mini-GmbH with its bracket: "KellerWerbetechnikUG(haftungsbeschränkt)"
                          r"UG ?\(haftungsbeschr\w*\.?\)?)$")
# … and a Latin name's one-letter word "O" read as a zero between two words ("Café Restaurante 0 Cantinho")
_O_AS_ZERO = re.compile(r"(?<=[A-Za-zÀ-ÿ]{3} )0(?= [A-ZÀ-Þ][a-zà-ÿ])")  # (not "Hotel Km 0 Madrid")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_UG_BRACKET = re.compile(r"^UG ?\(")


def repair_name(text: str) -> str:
    """A name as the page means it, where the OCR slipped in its legal form ("S.r.I.", "Sp. z 0.0.", "Т00", "д.о,о,",
    "ТІП", "Е00") or in a Cyrillic letter ("Кн1га", "Во]водина"), or lost its spaces before it ("Primeur LefèvreSARL"
    → "Primeur Lefèvre SARL"; with no space at all, "MillbrookConsultingLimited" → "Millbrook Consulting Limited").
    One spelling for header rows, party blocks and the buyer names they are compared with."""
    text = _SP_ZOO_SLIP.sub("Sp. z o.o.", _SRL_SLIP.sub("S.r.l.", text))
    text = fix_turkish_s_read_as_dollar(text)  # ("Ltd. $ti", "A.$.")
    text = fix_doo(text)
    if "," in text:
        text = fix_ad(text)
    text = _EOOD_SLIP.sub("ЕООД", _PP_SLIP.sub("ПП", text))
    if "1" in text:
        text = _I_AS_ONE.sub("і", text)
    if "]" in text:
        text = _JE_AS_BRACKET.sub("ј", text)  # the Serbian ј read as "]" ("Во]водина")
    if "Т" in text:
        text = _IT_AS_CYRILLIC.sub(lambda m: "IT" if m.group() == "ІТ" or _KAZAKH_LETTER.search(text) else m.group(),
                                   text)
    if ("ь" in text or "Ь" in text) and _SERBIAN_FORM.search(text) and not _NOT_SERBIAN.search(text):
        text = _SERBIAN_SOFT.sub(lambda m: _SERBIAN_LETTER[m.group()], text)  # "Льубичица д.о.о.": Serbian has no ь
    if "0" in text:
        text = _KAZAKH_TOO_SLIP.sub("ТОО", text)
        text = _LEGAL_FORM_ZEROS.sub(lambda m: m.group().replace("0", "О"), text)
        text = _O_AS_ZERO.sub("O", text)
    glued = _GLUED_LEGAL.search(text)
    if glued is None:
        return text
    head = text[:glued.start()]
    words = head.split()
    if words:  # the name's own spaces lost too ("MillbrookConsulting", "TM TalleresMontero" behind its initials)
        words[-1:] = _CAMEL.sub(" ", words[-1]).split()
        if len(words) > 2 and _initials_of(words[0], words[1:]):
            words = words[1:]
    return f"{' '.join(words)} {_UG_BRACKET.sub('UG (', text[glued.start():])}"


# (or as "»", "+", "*" on a photo: "ООО «Стройдеталь» » ул. Заводская"; or glued to an abbreviation's dot:
# "Hendriks Installatietechniek N.V.- Keizersgracht 500")
_DASH = re.compile(r"(?:\s+|(?<=\.))[-–—»+*]\s+")


def _cut_after_legal_dash(text: str) -> str:
    """A sender line whose "·" the OCR read as a dash: "Muster GmbH - Ringweg 3a" → "Muster GmbH" (only right after a
    legal form, or after a name with one when an address follows: "Smith - Jones Bakery" stays whole)."""
    forms = list(_LEGAL_SUFFIX.finditer(text))
    for dash in _DASH.finditer(text):
        legal = [m for m in forms if m.start() < dash.start()]  # (a form's match may run over its dash: "NV - ")
        glued = not text[dash.start()].isspace()  # ("N.V.- Keizersgracht": only right after the legal form)
        if legal and (legal[-1].end() >= dash.start() - 1 or not glued and _ADDRESS.search(text[dash.end():])):
            return text[:dash.start()]  # (or an address after it: "ООО «Стройдеталь» - ул. Баумана")
    return text


_QUOTES = "\"'«»„“”‘’‚("  # skipped before a word's first letter


_CONNECTORS = {"&", "+", "and", "und", "et", "en", "y", "e", "i"}


# Articles and prepositions that begin names ("La Luna Azul S.L.", "De Dijk Electra BV"): never logo initials
_ARTICLES = frozenset({"LA", "LE", "LES", "EL", "LOS", "LAS", "DE", "DA", "DI", "DO", "DU", "DES", "DEL", "IL", "LO",
                       "HET", "DEN", "DER", "DIE", "DAS", "AL", "AU", "AM", "IM", "ST", "MR", "MRS", "DR"})


def _logo_of_other_script(words: list[str]) -> bool:
    """A first word of one or two Latin letters, not capitals, before a name in Cyrillic capitals: a logo read as
    letters ("or ЭТАЛОН ГРУПИ"; "AO ТАНДЕР", "ET ИВАНОВ" are legal forms read in Latin, "IT СЕРВИС" a word). Before
    a name in kana and kanji, one Latin letter or digit is such a mark ("O 株式会社井上商事": an emblem's ring)."""
    first, rest = words[0], " ".join(words[1:])
    if len(first) == 1 and first.isascii() and first.isalnum():
        return len(KANA_KANJI.findall(rest)) >= 2 and not any(c.isascii() and c.isalnum() for c in rest)
    return (len(first) <= 2 and first.isascii() and first.isalpha() and not first.isupper() and rest.isupper()
            and sum("\u0400" <= c <= "\u04ff" for c in rest) >= 3
            and not any(c.isascii() and c.isalpha() for c in rest))


def _initials_of(first: str, rest: list[str]) -> bool:
    """Whether ``first`` (2–3 capitals, or small capitals read lower case or title case) spells the first letters
    of the words after it (quotes and "&", "und" … skipped: "ОВ ООО «Вектор-М»", "WH Widmer & Huber AG", "шп
    Шумадија Продукт")."""
    rest = [w for w in rest if w.lower() not in _CONNECTORS]  # "WH Widmer & Huber AG"
    letters = [w.lstrip(_QUOTES)[:1] for w in rest]
    # (read in title case only before a legal name: "Os Oakhurst Supplies LLP", not "Mr Motor Repairs")
    cased = first.isupper() or first.islower() or (first.istitle() and first.upper() not in _ARTICLES
                                                   and bool(_LEGAL_SUFFIX.search(" ".join(rest))))
    return 2 <= len(first) <= 3 and first.isalpha() and cased and len(rest) >= len(first) and all(
        a.upper().translate(_LOOK_ALIKE) == w.upper().translate(_LOOK_ALIKE)
        for a, w in zip(first, letters, strict=False))


# Cyrillic capitals that look like Latin ones: a Cyrillic logo's initials are often read in Latin ("KT" over
# "Копаоник Турс")
_LOOK_ALIKE = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")


def _only_currency(text: str) -> bool:
    """A column header or price mark alone on its row ("EUR", "€", "RM"): never the seller's name."""
    bare = re.sub(r"[\s.:()\[\]*/-]+", "", text)
    return bare.upper() in _ISO_CODES or bare.upper() in {"RM", "EURO"} or bare == "$" or bare in _SYMBOLS


_NUMBER_MARK = re.compile(r"^(N[°ºO]\.?|NR\.?|NO\.|#|№)\s*", re.IGNORECASE)


def _is_code(text: str) -> bool:
    """One token of mostly digits: an invoice or order number beside its label ("F9E74C88-1204"), not a name
    ("7-ELEVEN", "3M")."""
    token = _NUMBER_MARK.sub("", text.strip())
    digits = sum(c.isdigit() for c in token)
    return " " not in token and digits >= 4 and digits >= sum(c.isalpha() for c in token)


# A till receipt's title framed by its rule lines, which the OCR reads as text ("ГІгТТТТТТТТІІ ФИСКАЛНИ РАЧУН
# 那细服奶…", "ша натта ФИСКАЛНИ РАЧУН "жижа", "畅务… ФИСКАЛИЙ РАЧУН 易省…": its Н read И): a heading, not a name glued
# to a title.
_FISCAL_TITLE = re.compile(r"(?P<before>.*?)\b(?:ФИСКАЛ[НИ]\w*\s+(?:РАЧУН\w*|БОН)|КАСОВ\s+БОН|КАССОВЫЙ\s+ЧЕК|"
                           r"Ф[ІИ]СКАЛЬН\w*\s+ЧЕК|ФИСКАЛД\w*\s+ЧЕК|КАСАВЫ\s+ЧЭК)\b(?P<after>.*)", re.IGNORECASE)
_RULE_JUNK = re.compile(r"(\w)\1{3,}|[\u3040-\u30ff\u4e00-\u9fff]")


def _framed_title(text: str) -> bool:
    m = _FISCAL_TITLE.match(text)
    if m is None:
        return False
    before, after = m["before"].strip(), m["after"].strip()
    return bool(before and after) or bool(_RULE_JUNK.search(before + after))


def _is_not_merchant(text: str, legal: bool) -> bool:
    if _is_code(text) or _framed_title(text) or is_party_label(text):
        return True  # (a party's label alone, "EMISOR", "Facturar a:", "DATOS DEL CLIENTE", names no one)
    if _NOT_MERCHANT.search(text) or TITLE_ONLY.match(text) or re.fullmatch(r"[\W\d]*\(?\d{4,}[-\w]*\)?[\W]*", text):
        return True
    if _only_currency(text) or is_a_date(text):
        return True
    return not legal and bool(_ADDRESS.search(text))


@dataclass(slots=True)
class MerchantCandidate:
    """A header row that may name the seller: its text (joined with the rows it continues), the rules' score,
    and the facts a learned ranker reads (``lib.kie.ranker``)."""

    text: str
    rows: list[Row]
    score: float
    facts: dict[str, float]

    def field(self) -> FieldCandidate:
        rows = self.rows
        bbox = (min(s.x1 for r in rows for s in r.spans), rows[0].y1, max(s.x2 for r in rows for s in r.spans),
                rows[-1].y2)
        return FieldCandidate(raw=self.text, confidence=min(0.95, 0.4 + 0.08 * self.score), bbox=bbox,
                              page=rows[0].page)


def merchant_candidates(items: list[_LabelledRow]) -> list[MerchantCandidate]:
    """Header rows that may name the seller, in page order, each scored by the rules: a legal-entity line (SDN BHD,
    LTD, ООО ...) wins over a brand or logo line; address, phone, id and document-title rows are skipped; a name
    split over two rows is joined."""
    # Rows with money (a price in cents, or TOTAL/CASH/GST ... labels) are never the name, whatever their position;
    # plain numbers can be ("99 SPEED MART", "7-ELEVEN").
    money = {"total", "total_strong", "due", "prepaid", "subtotal", "tax", "cash", "change", "rounding", "balance"}
    header = [it.row for it in items if it.row.page == 0
              and not (it.amounts and it.label in money) and not any(_CENTS.search(a.raw) for a in it.amounts)][:14]
    found: list[MerchantCandidate] = []
    after_address = -10
    by_index = {r.row.index: r.row for r in items}
    page0 = [it.row for it in items if it.row.page == 0]
    heights = sorted(r.height for r in page0)
    median_height = max(1.0, heights[len(heights) // 2]) if heights else 1.0
    page_width = max((s.x2 for r in page0 for s in r.spans), default=1.0)
    page_height = max((r.y2 for r in page0), default=1.0)
    n_legal = 0
    for rank, row in enumerate(header):
        if _BANK_ROW.search(row.text):
            continue  # the payee's bank ("ПАО Сбербанк … ‖ БИК …", "Bank … ‖ IBAN …"), not the seller
        text = _name_segment(row)
        if "." not in text:  # not an address: "R@SSMANN" is a logo's ring-shaped O read as "@"
            text = re.sub(r"(?<=[A-Z])@(?=[A-Z])", "O", text)
        text = repair_name(text)
        legal = bool(_LEGAL_SUFFIX.search(text))
        reg_tail = bool(_REG_NO_TAIL.search(text))
        if legal:
            text = _TITLE_AFTER_NAME.sub("", text)  # "SHREE GANESH ELECTRICALS PVT. LTD. Tax Invoice"
            head, comma, tail = text.partition(", ")
            if comma and _LEGAL_SUFFIX.search(head) and not _LEGAL_SUFFIX.search(tail):
                text = head  # "Aldi GmbH & Co. KG, Schloß Holte": the seat after the legal name
            text = _REG_PAREN_TAIL.sub("", text) or text
        if _ADDRESS.search(text) and not legal:
            after_address = rank
        if _is_not_merchant(text, legal) or not legal and _CUSTOMER_FIELD.search(row.text):
            continue  # "Customer ID— 16CHvB…": the buyer's account field, whatever column the value sits in
        below = by_index.get(row.index + 1)
        if not legal and below is not None and _QUANTITY_LINE.match(below.text) and _CENTS.search(below.text):
            continue  # "LED LAMP" over "2 x 4,95 9,90": the first line item, its quantity and price below it
        # (a kana or kanji counts twice: "横浜", "丸善" are whole names in two characters)
        letters = sum(c.isalpha() for c in text) + len(KANA_KANJI.findall(text))
        if letters < 3:
            continue
        score = 2.0 - 0.25 * rank
        near_address = False
        if legal:
            score += 3.0
        elif rank - after_address <= 2:
            score -= 1.5  # "JOHOR", "Brem Mall": the city/state/building line that ends an address
            near_address = True
        owner_prev = rank > 0 and bool(_OWNER_INTRO.search(header[rank - 1].text))
        company_word = bool(_COMPANY_WORD.search(text))
        if owner_prev:
            score -= 3.0  # "Owned by: X SDN BHD" names the operator; the trading name is printed above
        elif company_word:
            score += 1.0
        uppers = sum(c.isupper() for c in text) / letters
        if uppers > 0.8:
            score += 0.3
        elif uppers < 0.1:
            score -= 2.0  # all lower case: handwriting or a slogan, not the printed name
        nxt = header[rank + 1].text.strip() if rank + 1 < len(header) else ""
        reg_next = bool(_REG_NO.fullmatch(nxt))
        if (reg_next and (legal or company_word)) or reg_tail:
            score += 1.5  # the legal name is printed with its registration number
        joined, rows = _join_merchant_rows(items, by_index, text, row)
        joined, rows = _join_logo_stack(by_index, joined, rows)
        n_legal += legal
        found.append(MerchantCandidate(text=joined, rows=rows, score=score, facts={
            "rank": float(rank),
            "n_header": float(len(header)),
            "legal": float(legal),
            "first_legal": float(legal and n_legal == 1),
            "joined_legal": float(bool(_LEGAL_SUFFIX.search(joined))),
            "reg_tail": float(reg_tail),
            "reg_next": float(reg_next),
            "company_word": float(company_word),
            "owner_prev": float(owner_prev),
            "near_address": float(near_address),
            "upper_ratio": uppers,
            "letters": float(letters),
            "digits": float(sum(c.isdigit() for c in text)),
            "words": float(len(text.split())),
            "parens": float("(" in joined or ")" in joined),
            "joined_rows": float(len(rows) - 1),
            "height_rel": row.height / median_height,
            "x_center": (min(s.x1 for s in row.spans) + max(s.x2 for s in row.spans)) / 2 / max(1.0, page_width),
            "width_rel": (max(s.x2 for s in row.spans) - min(s.x1 for s in row.spans)) / max(1.0, page_width),
            "y_rel": row.y1 / max(1.0, page_height),
        }))
    return found


def document_merchant_candidates(document: OcrDocument) -> list[MerchantCandidate]:
    """The merchant candidates of a whole document (what ``scripts/train_ranker.py`` learns from)."""
    return merchant_candidates(_labelled_rows(group_rows(document)))


# A sole trader ("ФОП Олійник Богдан") whose patronymic ("Степанович") the till wrapped to the next row
_ENTREPRENEUR = re.compile(r"^(ФОП|ФЛП|ИП|ІП|ПП|ЧП)\s")
_PATRONYMIC = re.compile(r"[А-ЯЁІЇЄ][а-яёіїєʼ']+(?:ович|евич|йович|ьович|івна|ївна|овна|евна|ична|інична)")


def _join_merchant_rows(items: list[_LabelledRow], by_index: dict[int, Row], text: str,
                        row: Row) -> tuple[str, list[Row]]:
    """A name split over rows: "SDN BHD" alone on a row, or "CO. (M) SDN BHD" / "& TEA LEAF (M) SDN BHD" began a
    row above; an unclosed "(" continues on the row below."""
    rows = [row]
    for _ in range(2):  # "AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" / "ALAM) SDN BHD"
        prev = by_index.get(rows[0].index - 1)
        if (prev is None or prev.page != row.page or _is_not_merchant(prev.text, False)
                or sum(c.isalpha() for c in prev.text) < 3):
            break
        own = _REG_PAREN_TAIL.sub("", text)  # a registration number's ")" does not close a name
        if not (_BARE_SUFFIX.fullmatch(_norm(text)) or _CONTINUATION.match(text)
                or own.count(")") > own.count("(") or (own.startswith("(") and _LEGAL_SUFFIX.search(own))):
            break
        text = f"{prev.text} {text}"
        rows.insert(0, prev)
    nxt_row = by_index.get(rows[-1].index + 1)
    if nxt_row is not None and nxt_row.page == row.page and (
            text.count("(") > text.count(")")
            or _ENTREPRENEUR.match(text) and len(text.split()) == 3 and _PATRONYMIC.fullmatch(nxt_row.text.strip())
            or _closes_quote(text, nxt_row.text.strip())):
        # (or an entrepreneur's patronymic wrapped to the next row; or a quoted name whose end did: 'ЕТ "Орион
        # Консулт - Мария' over 'Иванова"')
        text = f"{text} {nxt_row.text.strip()}"
        rows.append(nxt_row)
    return text, rows


_CLOSING_QUOTE = {"«": "»", "“": "”", "„": "“”", "»": "«"}


def _closes_quote(text: str, below: str) -> bool:
    """Whether ``text`` leaves a quote open and ``below`` is the short rest of the name that closes it (a few words,
    no digits, ending at the quote)."""
    if not below or any(c.isdigit() for c in below) or len(below.split()) > 4:
        return False
    if text.count('"') % 2 == 1:
        return below.rstrip(" .,").endswith('"') and below.count('"') == 1
    for opening, closing in _CLOSING_QUOTE.items():
        if text.count(opening) > sum(text.count(c) for c in closing) and opening not in closing:
            return below.rstrip(" .,")[-1:] in closing and opening not in below
    return False


def _one_upper_word(text: str) -> bool:
    words = text.split()
    return len(words) == 1 and sum(c.isalpha() for c in text) >= 3 and text.isupper()


def _join_logo_stack(by_index: dict[int, Row], text: str, rows: list[Row]) -> tuple[str, list[Row]]:
    """A name stacked one word a row under a logo word ("DELPHIN" / "APOTHEKE" / "PADERBORN"): the single
    upper-case words that follow, when one of them says what the business is (APOTHEKE, PHARMACY, BAKERY …)."""
    if not _one_upper_word(text):
        return text, rows
    stack: list[Row] = []
    for step in (1, 2):
        nxt = by_index.get(rows[-1].index + step)
        if (nxt is None or nxt.page != rows[-1].page or not _one_upper_word(nxt.text)
                or _is_not_merchant(nxt.text, False)):
            break
        stack.append(nxt)
    if not stack or not (_COMPANY_WORD.search(stack[0].text) or _BUSINESS_WORD.search(stack[0].text)):
        return text, rows  # the business word must come right below the logo word
    return " ".join([text] + [r.text for r in stack]), rows + stack


# A Cyrillic till receipt's shop line ("КАВ'ЯРНЯ «ДОБРИЙ КОШИК»", "МАГАЗИН «…»") above the legal entity
_VENUE = re.compile(r"^\W*(МАГАЗИН|КАВ.?ЯРНЯ|КНИГАРНЯ|АПТЕКА|КАФЕ|РЕСТОРАН|СУПЕРМАРКЕТ|ГІПЕРМАРКЕТ|ХИПЕРМАРКЕТ|"
                    r"ПЕКАРН[ЯАИ]|ПРОДАВНИЦА|МАРКЕТ|КРАМА|ДҮКЕН|ОБЕКТ)\b", re.IGNORECASE)


# A Cyrillic shop line with no venue word ("СМАЧНА ХАТА"): no Latin letters
_CYRILLIC_NAME = re.compile(r"^[^a-zA-Z]*[А-ЯЁІЇЄҐЎӘҒҚҢӨҰҮҺ][^a-zA-Z]*$")


def legal_under_venue(best: MerchantCandidate, candidates: list[MerchantCandidate]) -> MerchantCandidate:
    """The legal entity printed within three header rows under a shop line the ranker chose: the seller, as on
    receipts that print a brand above the company (the ranker, trained on SROIE, favours a big first line)."""
    if not _VENUE.match(best.text) and (best.facts.get("legal") or not _CYRILLIC_NAME.search(best.text)):
        return best
    rank = best.facts.get("rank", 0.0)
    return next((c for c in candidates if c.facts.get("legal") and 0 < c.facts.get("rank", 0.0) - rank <= 3), best)
