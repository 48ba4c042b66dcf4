"""Invoice parties: the seller (issuer) block vs the buyer block, by their labels in fourteen languages.

An invoice prints both parties. The merchant is the seller: a row labelled "Seller / Verkäufer / Vendeur /
Продавец …" names it (on the same row after the label, or in the block below it, possibly behind a "Name:" field
label); rows in a "Bill to / Kunde / Client / Покупатель …" block are never the merchant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _LabelledRow
from lib.kie.dates import is_a_date
from lib.kie.labels import _fold
from lib.kie.legal_forms import LEGAL_FORM_AT_END, LEGAL_SUFFIX, fix_doo
from lib.kie.rows import Row

__all__ = ["POSTCODE_TOWN", "TITLE_ONLY", "Parties", "find_parties", "is_party_label", "strip_title",
           "strip_field_label"]

_SELLER = (r"SELLER|VENDOR|SUPPLIER|ISSUER|BILL(ED)? FROM|SOLD BY|FROM(?=\s*:)|VERKAUFER|LIEFERANT|RECHNUNGSSTELLER|"
           r"LEISTUNGSERBRINGER|VENDEUR|FOURNISSEUR|EMETTEUR|PRESTATAIRE|LEVERANCIER|VERKOPER|PROVEEDOR|VENDEDOR|"
           r"EMISOR|FORNITORE|CEDENTE|VENDITORE|PRESTATORE|SPRZEDAWCA|DOSTAWCA|WYSTAWCA|ПРОДАВЕЦ|ПОСТАВЩИК|"
           r"ИСПОЛНИТЕЛЬ|DATOS DEL (?:EMISOR|PROVEEDOR|VENDEDOR)|DATI DEL (?:FORNITORE|CEDENTE|VENDITORE)|"
           r"DANE (?:SPRZEDAWCY|WYSTAWCY|DOSTAWCY)|"
           # uk, bg, sr, kk, be (folded: "ПАСТАЎШЧЫК" is "ПАСТАУШЧЫК"); the Kazakh payee of a счёт ("Бенефициар")
           r"ПРОДАВЕЦЬ|ПОСТАЧАЛЬНИК|ВИКОНАВЕЦЬ|ДОСТАВЧИК|ПРОДАВАЧ|ИЗПЪЛНИТЕЛ|ПРОДАВАЦ|ДОБАВЉАЧ|ДОБАВЛЬАЧ|"
           r"ИЗДАВАЛАЦ(?: РАЧУНА)?|"
           r"ПРУЖАЛАЦ УСЛУГА|ЖЕТКІЗУШІ|САТУШЫ|ОРЫНДАУШЫ|БЕНЕФИЦИАР|ПАСТАУШЧЫК|ПРАДАВЕЦ|ВЫКАНАУЦА")
_BUYER = (r"TO|BILL(ED)? TO|SHIP(PED)? TO|SOLD TO|INVOICE TO|DELIVER(ED|Y)? TO|BUYER|CUSTOMER|CLIENT|KUNDE|KAUFER|"
          r"RECHNUNGSEMPFANGER|LEISTUNGSEMPFANGER|WARENEMPFANGER|ACHETEUR|DESTINATAIRE|FACTURE A|LIVRE A|KLANT|"
          r"AFNEMER|KOPER|CLIENTE|COMPRADOR|FACTURAR A|CESSIONARIO|COMMITTENTE|DESTINATARIO|NABYWCA|ODBIORCA|"
          r"BILLING ADDRESS|INVOICE ADDRESS|RECHNUNGSADRESSE|ADRESSE DE FACTURATION|FACTUURADRES|FACTUUR AAN|"
          r"GEFACTUREERD AAN|RECHNUNG AN|"
          r"DIRECCION DE FACTURACION|INDIRIZZO DI FATTURAZIONE|SPETT\.?\s?LE|SPETTABILE|AAN(?=\s*(?::|$))|"
          r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК|ЗАКАЗЧИК|ГРУЗОПОЛУЧАТЕЛЬ|DATOS DEL CLIENTE|DATI DEL CLIENTE|DANE NABYWCY|"
          r"DANE ODBIORCY|"
          r"ПОКУПЕЦЬ|ЗАМОВНИК|ПЛАТНИК|ОДЕРЖУВАЧ|ПОЛУЧАТЕЛ(?!Ь)|КУПУВАЧ|КЛИЕНТ|ВЪЗЛОЖИТЕЛ|КУПАЦ|ПРИМАЛАЦ|НАРУЧИЛАЦ|"
          r"САТ\w{1,3} АЛУШЫ|АЛУШЫ|ТАПСЫРЫС БЕРУШІ|ТӨЛЕУШІ|ПАКУПНІК|ПЛАЦЕЛЬШЧЫК|ЗАКАЗЧЫК|АТР[ЫЬ]МАЛЬНІК")  # (ы read ь)
# A party label opens its text: "Verkäufer", "Seller:", "Käufer/Leistungsempfänger:", "Поставщик: ООО «…»".
# (… or "Поставщик (Исполнитель):": another name for the party in brackets; or both: "Жеткізуші / Поставщик
# (Исполнитель):")
_PARTY_LABEL = re.compile(rf"^\W*(?:(?P<seller>{_SELLER})|(?P<buyer>{_BUYER}))"
                          rf"(?:\s*/\s*[\w ]+?|\s*\(\s*\w+\s*\)){{0,2}}\s*(?::|$|\s(?=\S))")
# Field labels inside a party block, before the name ("Name:", "Firma:", "Company:", "Наименование:"). (";": a colon
# misread; "|": a rule line read; a label alone in its cell, its colon read as a dot or lost: "Предузеће. ‖ Авала …",
# "Предузеће ‖ Љубичица д.о.о.")
_FIELD_LABEL = re.compile(r"^\s*(NAME|FIRMA|COMPANY|RAISON SOCIALE|NAAM|NOMBRE|RAGIONE SOCIALE|NAZWA|"
                          r"НАИМЕНОВАНИЕ|НАЙМЕНУВАННЯ|НАЗВА|НАЗИВ|ПРЕДУЗЕ\w{1,2}|ФИРМА|ФІРМА|АТАУЫ|НАЙМЕНАВАННЕ)"
                          r"\s*(?:[:;]|\.?\s*$)\s*\|?\s*", re.IGNORECASE)
_NOT_NAME = re.compile(r"^\s*(NUMMER|NUMBER|NO|NR|ID|GLOBALE|ANSCHRIFT|ADDRESS|ADRESSE|ADRES|DIRECCION|INDIRIZZO|"
                       r"TEL\w*|PHONE|FAX|E ?MAIL|UST|VAT|TVA|BTW|IVA|NIP|ИНН|КПП|АДРЕС|ТЕЛ\w*|КОНТАКТ\w*|"
                       r"[ЄЕ]ДРПОУ|[ІИ]ПН|ЕИК|ПИБ|МБ|БИН|ИИН|ИИК|КБЕ|УНП|АДРЕСА|ТЭЛ\w*|"
                       r"ANSPRECHPARTNER|CONTACT)\b", re.IGNORECASE)
# Document titles glued to a name on one row ("Example GmbH RECHNUNG", "FACTUUR Example B.V.").
_TITLE = (r"(?:SIMPLIFIED\s+|FULL\s+)?(?:TAX\s*INVOICE|INVOICE|RECEIPT|RECHNUNG|QUITTUNG|FAKTURA(?:\s*VAT)?|"
          r"FACTUUR|FACTURE|FACTURA|FATTURA|СЧ[ЕЁ]Т(?:-ФАКТУРА|\s+НА\s+ОПЛАТУ)?|КАССОВЫЙ\s+ЧЕК|"
          # uk, bg, sr, kk, be
          r"ФАКТУРА|РАХУНОК(?:-ФАКТУРА|\s+НА\s+ОПЛАТУ)?|ВИДАТКОВА\s+НАКЛАДНА|Ф[ІИ]СКАЛЬН\w+\s+ЧЕК|КАСОВИЙ\s+ЧЕК|"
          r"ФИСКАЛ[НИ]\w+\s+(?:РАЧУН\w*|БОН)|(?:ПРЕД)?РАЧУН(?:-ОТПРЕМНИЦА)?|КАСОВ\s+БОН|ФИСКАЛД\w+\s+ЧЕК|"
          r"ШОТ(?:-ФАКТУРА)?|КАСАВЫ\s+ЧЭК|РАХУНАК(?:-ФАКТУРА)?)")
_TITLE_HEAD = re.compile(rf"^\s*{_TITLE}(?![^\W\d_])\W*", re.IGNORECASE)
# A row that is only a document title, maybe with its number: "FACTURA", "Rechnung Nr. 2024-17", "FAKTURA VAT";
# or with the number's label and its number in the next column: "Faktura nr ‖ 2025-9128", "РАЧУН БР."
TITLE_ONLY = re.compile(rf"^\W*{_TITLE}(?:\s+(?:N[°ºOR]?\.?|NR\.?|NO\.?|#|№)?\s*[\w/-]*\d[\w/-]*|"
                        r"\s+(?:N[°ºOR]?|NR|NO|NUMER|N[UÚ]M|BR|БР|НОМЕР|#|№)\.?\s*:?)?\W*$", re.IGNORECASE)
# … with its number: "Fontaine Bâtiment SARL FACTURE N° F-2023-3354"
_NUMBER_AFTER_TITLE = (r"(?:\s*(?:N[°º]|NO\.|NR\.?|N\.|#|№):?\s*[\w/-]*\d[\w/-]*|"  # ("Fattura n.: V24/509",
                       r"\s+(?:N[°ºO]?\.?\s*)?[\w/-]*\d[\w/-]*)")  # "Factuurnr.: 58657")
_TITLE_TAIL = re.compile(rf"[ \t,:;|/-]+{_TITLE}{_NUMBER_AFTER_TITLE}?\s*[:.]?\s*$", re.IGNORECASE)
# … the next column's invoice-number field read into the name's row: "… S.A. ‖ Nr faktury: 2023-0578"
_NUMBER_FIELD_TAIL = re.compile(rf"\s+(?:NR|NO|N[°º]|№)\.?\s*(?:{_TITLE}|FAKTURY)\s*:?\s*[\w/-]*\d[\w/-]*\s*$",
                                re.IGNORECASE)  # ("faktury": the Polish genitive, "number of the invoice")
# … a document title glued to an abbreviation's dot, its letter-spaced first letter split off: "Sp. z o.o.F AKTURA VAT"
_TITLE_AFTER_DOT = re.compile(r"(?<=\.)([^\W\d_]) ?([^\W\d_]{3}.*)$")
# A letter-spaced heading the OCR read beside a name, one token per letter ("Acme Ltd I N V O I C E"), its first
# letter maybe glued to an abbreviation's dot ("GmbH & Co.R@ c h n u n g"): four letters or more.
_SPACED_TAIL = re.compile(r"(?:(?<=\.)[^\W\d_]\W?|\s+\S)(?:\s[^\W\d_]){3,}\s*$")
# Where a party's name ends on a details line: "ООО «Ромашка», ИНН 7701234567, КПП …, 123456, г. Москва".
_DETAILS = re.compile(r",\s*(?=ИНН|КПП|ОГРН|БИК|VAT|USt|TVA|BTW|NIP|P\.?\s?IVA|\d|г\.|ул\.)", re.IGNORECASE)
# (also glued between a house number and a postcode with its town: "Schillerstraße 34·20095 Hamburg"; or between
# a name and a street with its number: "Haustechnik·Lindenallee109"; not inclusive writing, "usager·e·s du vélo,
# 12 rue …", "Ärzt·innen·Team")
_SENDER_SEP = re.compile(r"\s+[•·|]\s*|\s*[•·]\s+|(?<=\d)[•·](?=\d{4,5}\s+[^\W\d_])|"
                         r"(?<=[^\W\d_])[•·](?=[^\W\d_]{5,}\.?\s?\d)")
_BARE_FROM = re.compile(r"^\W*FROM\W*$")
# A till receipt's salesperson, not the seller party: "Vendeur Karim Caisse 10", "Vendeur #10 Caisse 7", "Vendeur 6747".
_STAFF = re.compile(r"^\W*(?:N[°º]\s*)?\d+\W*$|"
                    r"\b(?:CAISSE|KASSE|CASSA|CAJA|CAIXA|KASSA|KASA|TILL|REGISTER|КАССА|КАСА)\b", re.IGNORECASE)
# … a salesperson word and a number ending its cell, no colon ("Vendeur 0242 ‖ Ticket 30120", "Verkäufer 12"; not a
# supplier's number, "Lieferant Nr. 4711")
_CLERK_NUMBER = re.compile(r"^\W*(?:VENDEUR|VERK[AÄ]UFER|VENDEDOR|VENDITORE|VERKOPER|SPRZEDAWCA|ПРОДАВЕЦ|ПРОДАВАЧ)"
                           r"\s*(?:N[°º]|NR\.?|#)?\s*\d+\s*$", re.IGNORECASE)
_FIRST_NAME_ONLY = re.compile(r"^[^\W\d_][^\W\d_'-]+$")
_BLOCK_ROWS = 5  # rows below a party label that belong to its block


# … or glued to a legal form in capitals with its number, every space lost: "Lefèvre & FontaineSAFACTUREN°F-2023-0221",
# "Rousseau Bâtiment EURLFACTURE N°FA2504538", "Kowalczyk S.AFAKTURA VAT" (the form's last dot lost too)
_GLUED_TITLE_TAIL = re.compile(r"(?<=[a-zà-ÿ. ])(SA|AG|BV|NV|SL|SAS|SASU|SRL|SARL|EURL|SNC|LTD|Ltd\.?|GMBH|GmbH|"
                               rf"S\.A|S\.L|B\.V|N\.V|Sp\. z o\.[a-z]\.?){_TITLE}"
                               rf"(?i:{_NUMBER_AFTER_TITLE}|N°[\w/-]*\d[\w/-]*)?\s*[:.]?\s*$")


# … or the Russian "Счёт на оплату" glued to the name's last letter, its "С" split off: "ООО «УралпромснабС чёт на
# оплату № 67365"
_GLUED_SCHET_TAIL = re.compile(r"(?<=[а-яё])С\s?ч[её]т(?:\s+на\s+оплату)?\s*(?:№\s*[\w/-]*\d[\w/-]*)?\s*$")
# … or the next column's date field: "Whitcombe Joinery Ltd ‖ Date of issue: 19/06/2023", "… GmbH Rechnungsdatum:
# 28.04.2024"
# (a date phrase, its colon, then a date: not "Smart Data Ltd Tel: 020 …", "Up To Date Ltd VAT: 1234", "Prime Data:
# 24/7 Support")
_DATE_FIELD_TAIL = re.compile(r"\s+(?:(?:INVOICE|ISSUE|DOCUMENT|BILLING|DUE)\s+DATE|DATE(?:\s+OF\s+\w+)?|\w*DATUM|"
                              r"FECHA(?:\s+\w+)?|DATA\s+\w+|ДАТА(?:\s+\w+)?|ДАТУМ(?:\s+\w+)?)\s*:\s*\d{1,4}[./-]\d.*$",
                              re.IGNORECASE)


def strip_title(text: str) -> str:
    """A document title glued before or after a name removed ("CONTOSO LTD. FACTURA" → "CONTOSO LTD.", "Acme Ltd
    I N V O I C E" → "Acme Ltd"), and the next column's invoice-number or date field ("… S.A. Nr faktury:
    2023-0578", "… Ltd Date of issue: 19/06/2023")."""
    head = _TITLE_HEAD.match(text)
    if head and head.group(0).strip(" :.-").isupper():  # "FACTUUR Example B.V."; not "Invoice Ninja Ltd"
        text_ = text[head.end():]
    else:
        text_ = text
    dot = _TITLE_AFTER_DOT.search(text_)
    if dot and TITLE_ONLY.match(dot.group(1) + dot.group(2)):
        text_ = text_[: dot.start()]
    text_ = _DATE_FIELD_TAIL.sub("", _GLUED_SCHET_TAIL.sub("", _NUMBER_FIELD_TAIL.sub("", text_)))
    out = _SPACED_TAIL.sub("", _TITLE_TAIL.sub("", _GLUED_TITLE_TAIL.sub(r"\1", text_)))
    return out if sum(c.isalpha() for c in out) >= 2 else text


def is_party_label(text: str) -> bool:
    """A span that is only a party label ("Прималац:", "Bill to"): the start of another column, not part of a name."""
    folded = _fold(text)
    m = _PARTY_LABEL.match(folded)
    return m is not None and not folded[m.end():].strip()


def strip_field_label(text: str) -> str:
    """ "Name: Lieferant GmbH" → "Lieferant GmbH"."""
    return _FIELD_LABEL.sub("", text)


@dataclass(slots=True)
class Parties:
    """The seller's name as printed in its labelled block (if any) and the rows of buyer blocks."""

    seller: FieldCandidate | None
    buyer_rows: set[int]
    buyer_names: set[str] = field(default_factory=set)  # buyer-column texts on rows shared with other columns


def _party(row: Row) -> tuple[str | None, str, float]:
    """("seller" | "buyer" | None, the text after the label on the same row, the label's right edge)."""
    labels = _row_labels(row)
    if not labels or labels[0][0] != 0:
        return None, "", 0.0
    _, kind, rest = labels[0]
    return kind, rest, row.spans[0].x2


_CAMEL_JOIN = re.compile(r"(?<=[a-zß-ÿа-я])(?=[A-ZÀ-ÞА-Я])")


def _spells(initials: str, text: str) -> bool:
    """Whether 2–3 letters are the first letters of the words of ``text`` (a glued name's words split at their
    capitals: "TransportesOrtegaS.A." → "Transportes Ortega …"). A label of its own, upper case, before a glued name
    only: "To ‖ The Old Forge Ltd" and "TO ‖ Tanya Orlova" stay labels."""
    words = _CAMEL_JOIN.sub(" ", text).split()
    return 2 <= len(initials) <= 3 and initials.isalpha() and len(words) >= len(initials) and "".join(
        w[:1] for w in words[:len(initials)]).upper() == initials.upper()


def _row_labels(row: Row) -> list[tuple[int, str, str]]:
    """The party labels a row prints, left to right: (span index, "seller" | "buyer", the text after the label up to
    the next label). The first span may be a label word that runs on ("Kunde Müller AG"); a span further right
    counts only as a label of its own or with a colon ("Payment due 10 May ‖ Bill to:", "From: ‖ Customer:"), so
    that a value merely starting with a label word is not one."""
    found: list[tuple[int, str, str, bool]] = []  # (…, whether the label has its colon)
    for j, span in enumerate(row.spans):
        folded = _fold(span.text)
        m = _PARTY_LABEL.match(folded)
        if m is None:
            if _BARE_FROM.match(folded) and len(row.spans) > 1 and any(
                    _PARTY_LABEL.match(_fold(other.text)) for other in row.spans if other is not span):
                found.append((j, "seller", "", False))  # "FROM ‖ Sold to:": a column header beside a buyer label
            continue
        rest = span.text[m.end():].strip() if len(span.text) == len(folded) else ""
        if rest and ":" not in folded[: m.end()] and (j > 0 or rest[:1].islower()):
            continue  # (also a sentence that starts with a label word: "… card issuer agreement.")
        found.append((j, "seller" if m.group("seller") else "buyer", rest, ":" in folded[: m.end()]))
    out = []
    for k, (j, kind, rest, colon) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(row.spans)
        text = " ".join([rest] + [s.text for s in row.spans[j + 1 : end]]).strip()
        label = row.spans[j].text.strip()
        if not colon and not rest and label.isupper() and text and _spells(label, text) and (
                _CAMEL_JOIN.search(text.split()[0]) or any(TITLE_ONLY.match(s.text) for s in row.spans[j + 2:end])):
            # a logo's initials beside the glued name they abbreviate ("TO ‖ TransportesOrtegaS.A."), or beside the
            # name in a header that prints the document's title ("TO ‖ Transportes Ortega S.L. ‖ Factura"): no "To"
            continue
        if kind == "seller" and (_STAFF.search(text) or rest and _FIRST_NAME_ONLY.match(rest) and not colon
                                 or ":" not in row.spans[j].text and _CLERK_NUMBER.search(row.spans[j].text)):
            continue  # (also "Vendeur Julie": a label word running on into one first name; "Vendeur 0242 ‖ Ticket")
        out.append((j, kind, text))
    return out


def _opens_block(row: Row) -> bool:
    """Whether a row is a party label of its own: "Seller:", "Buyer", "Kunde: Müller AG". A label word without a
    colon that starts a longer name ("Lieferant Müller GmbH", "Client Services Ltd") is a name, not a label."""
    kind, rest, _ = _party(row)
    if kind is None:
        return len(_row_labels(row)) > 0
    if not rest:
        return True
    label_end = len(row.text) - len(rest)
    return ":" in row.text[:label_end]


def _name_like(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 3 and not _NOT_NAME.match(_fold(text)) and not is_a_date(text)


def _column(row: Row, x1: float, x2: float, tol: float) -> Row | None:
    """The part of ``row`` under a label that spans [x1, x2) (blocks side by side: "From: ‖ Customer:"): the spans
    starting in that column and what continues them without a wide gap (or after a "Name:" field label); None
    when nothing starts there."""
    spans = [s for s in row.spans if x1 - tol <= s.x1 < x2]
    if not spans:
        return None
    kept = [spans[0]]
    for span in spans[1:]:
        if span.x1 - kept[-1].x2 > 2.5 * row.height and not kept[-1].text.rstrip().endswith(":"):
            break  # a field label ("Name:") keeps its value, however far right it is printed
        kept.append(span)
    return Row(page=row.page, spans=kept, index=row.index)


def _far_column(row: Row, j: int, rest: str, below: Row, tol: float) -> bool:
    """Whether ``rest``, what follows the label ``row.spans[j]`` on its row, is printed a column away (its first span
    further than 10 times the label's height from it) while a name starts under the label: "Verkäufer: ‖ <buyer's name>"
    on a tilted photo whose right column rose a row, over the seller's own name (14 heights away). Not a form's
    value column ("Поставщик ‖ ИП …" over "(Исполнитель): ‖ тел.: …", 6 heights; "Предузеће: ‖ …" over "Место
    продаје: …"; "Rechnungssteller: ‖ …" over "Steuernummer ‖ …"): the name below carries a legal form."""
    label, under = row.spans[j], below.spans[0]
    return (j + 1 < len(row.spans) and rest.startswith(row.spans[j + 1].text.strip())
            and row.spans[j + 1].x1 - label.x2 > 10 * (label.y2 - label.y1) and abs(under.x1 - label.x1) <= tol
            and _name_like(under.text) and not re.search(r"[:;]", under.text) and LEGAL_SUFFIX.search(under.text))


# The payee of a Kazakh счёт's payment-order sample: a table whose columns (ИИК, Кбе) sit beside the label; the
# seller's own label ("Сатушы / Поставщик (Исполнитель): ИП …") further down names it more surely
_PAYEE = re.compile(r"^\W*БЕНЕФИЦИАР")


def find_parties(items: list[_LabelledRow]) -> Parties:
    """Seller and buyer blocks (see the module docstring). A row can print several labels side by side; each
    label's block is then the column below it."""
    rows = [it.row for it in items]
    by_index = {r.index: r for r in rows}
    seller: FieldCandidate | None = None
    buyer_rows: set[int] = set()
    buyer_names: set[str] = set()
    content: set[int] = set()  # rows inside an open block: a colon-less label word there starts a name
    seller_is_payee: bool | None = None  # the seller found so far came from the payment order's "Бенефициар"
    for i, row in enumerate(rows):
        labels = _row_labels(row)
        if not labels or row.index in content and not _opens_block(row):
            continue
        whole_row = len(labels) == 1 and labels[0][0] == 0
        for k, (j, kind, rest) in enumerate(labels):
            tol = 1.5 * row.height
            x1 = row.spans[j].x1
            x2 = row.spans[labels[k + 1][0]].x1 - tol if k + 1 < len(labels) else float("inf")
            block: list[Row] = []
            for below in rows[i + 1 : i + 1 + _BLOCK_ROWS]:
                if below.page != row.page or whole_row and _opens_block(below):
                    break
                part = _column(below, x1, x2, tol) or (below if whole_row else None)
                if part is None:
                    if block:
                        break
                    continue
                if not whole_row and _row_labels(part) or (block or rest) and _party(part)[0] is not None:
                    break
                block.append(part)
            if not rest:
                content.update(r.index for r in block)
            if kind == "buyer":
                buyer_rows.update([row.index] if j == 0 else [])
                for part in block:  # a row shared with another column is not the buyer's as a whole
                    if len(part.spans) == len(by_index[part.index].spans):
                        buyer_rows.add(part.index)
                    else:
                        buyer_names.add(part.text)
                continue
            payee = _PAYEE.match(_fold(row.spans[j].text)) is not None
            if seller is not None and (seller_is_payee is False or payee or ":" not in row.spans[j].text):
                continue  # (only a labelled line replaces the payee: not "Исполнитель ____ /Жумабекова А.С./")
            named = [(rest, row)] if _name_like(strip_field_label(rest)) and not _NOT_NAME.match(_fold(rest)) else []
            if named and block and _far_column(row, j, rest, block[0], tol):
                named = []  # the next column's name risen into the label's row (a tilted photo): the block is below
            named += [(below.text, below) for below in block[:3]]
            for text, at in named:
                name = _DETAILS.split(strip_title(strip_field_label(fix_doo(text))), maxsplit=1)[0].strip(" :")
                if _name_like(name) and not _NOT_NAME.match(_fold(text)):
                    bbox = (min(s.x1 for s in at.spans), at.y1, max(s.x2 for s in at.spans), at.y2)
                    seller = FieldCandidate(raw=name, confidence=0.85, bbox=bbox, page=at.page)
                    seller_is_payee = payee
                    break
    buyer_names.update(_address_window(rows))
    return Parties(seller=seller, buyer_rows=buyer_rows, buyer_names=buyer_names)


# A two-part sender line's postcode and town (also the Polish "80-830 Gdańsk"), when its first part is a company
# (``LEGAL_FORM_AT_END``), not the seller's own street
POSTCODE_TOWN = re.compile(r"(?<!\d)(?:\d{4,5}|\d{2}-\d{3})\s+[A-ZÀ-ÞŁŚŻŹĆ][a-zà-ÿąćęłńóśźż]+\W*$")


def _address_window(rows: list[Row]) -> set[str]:
    """The recipient's address under a sender line: an envelope window ("Muster GmbH · Weg 1 · 12345 Ort" in small
    type, the recipient's name and address below it, left-aligned with it), whatever labels the page prints."""
    names: set[str] = set()
    for i, row in enumerate(rows[:20]):
        if row.page != 0:
            break
        for span in row.spans:
            parts = [p for p in _SENDER_SEP.split(span.text) if p.strip()]
            # (two parts when the second ends in a postcode and town: "… S.r.l. · Viale … 40 - 20121 Milano")
            if (len(parts) < 3 and not (len(parts) == 2 and POSTCODE_TOWN.search(parts[1])
                                        and LEGAL_FORM_AT_END.search(parts[0]))
                    or sum(c.isalpha() for c in parts[0]) < 3
                    or not any(any(c.isdigit() for c in p) for p in parts[1:])):
                continue
            tol = 1.5 * row.height
            last = row
            for below in rows[i + 1 : i + 7]:
                part = _column(below, span.x1, span.x1 + tol, tol)
                if below.page != row.page or below.y1 - last.y2 > 3 * row.height or part is None and names:
                    break
                if part is not None:  # (a row of the other column may come first: "Facture n° ‖ R25/862")
                    names.add(part.text)
                    last = below
            return names
    return names
