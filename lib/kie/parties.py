"""Invoice parties: the seller (issuer) block vs the buyer block, by their labels in nine languages.

An invoice prints both parties. The merchant is the seller: a row labelled "Seller / Verkäufer / Vendeur /
Продавец …" names it (on the same row after the label, or in the block below it, possibly behind a "Name:" field
label); rows in a "Bill to / Kunde / Client / Покупатель …" block are never the merchant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _LabelledRow
from lib.kie.labels import _fold
from lib.kie.rows import Row

__all__ = ["Parties", "find_parties", "strip_title", "strip_field_label"]

_SELLER = (r"SELLER|VENDOR|SUPPLIER|ISSUER|BILL(ED)? FROM|SOLD BY|FROM(?=\s*:)|VERKAUFER|LIEFERANT|RECHNUNGSSTELLER|"
           r"LEISTUNGSERBRINGER|VENDEUR|FOURNISSEUR|EMETTEUR|PRESTATAIRE|LEVERANCIER|VERKOPER|PROVEEDOR|VENDEDOR|"
           r"EMISOR|FORNITORE|CEDENTE|VENDITORE|PRESTATORE|SPRZEDAWCA|DOSTAWCA|WYSTAWCA|ПРОДАВЕЦ|ПОСТАВЩИК|"
           r"ИСПОЛНИТЕЛЬ")
_BUYER = (r"TO|BILL(ED)? TO|SHIP(PED)? TO|SOLD TO|INVOICE TO|DELIVER(ED|Y)? TO|BUYER|CUSTOMER|CLIENT|KUNDE|KAUFER|"
          r"RECHNUNGSEMPFANGER|LEISTUNGSEMPFANGER|WARENEMPFANGER|ACHETEUR|DESTINATAIRE|FACTURE A|LIVRE A|KLANT|"
          r"AFNEMER|KOPER|CLIENTE|COMPRADOR|FACTURAR A|CESSIONARIO|COMMITTENTE|DESTINATARIO|NABYWCA|ODBIORCA|"
          r"ПОКУПАТЕЛЬ|ПЛАТЕЛЬЩИК|ЗАКАЗЧИК|ГРУЗОПОЛУЧАТЕЛЬ")
# A party label opens its text: "Verkäufer", "Seller:", "Käufer/Leistungsempfänger:", "Поставщик: ООО «…»".
_PARTY_LABEL = re.compile(rf"^\W*(?:(?P<seller>{_SELLER})|(?P<buyer>{_BUYER}))(?:\s*/\s*[\w ]+?)?\s*(?::|$|\s(?=\S))")
# Field labels inside a party block, before the name ("Name:", "Firma:", "Company:", "Наименование:").
_FIELD_LABEL = re.compile(r"^\s*(NAME|FIRMA|COMPANY|RAISON SOCIALE|NAAM|NOMBRE|RAGIONE SOCIALE|NAZWA|"
                          r"НАИМЕНОВАНИЕ)\s*:\s*", re.IGNORECASE)
_NOT_NAME = re.compile(r"^\s*(NUMMER|NUMBER|NO|NR|ID|GLOBALE|ANSCHRIFT|ADDRESS|ADRESSE|ADRES|DIRECCION|INDIRIZZO|"
                       r"TEL\w*|PHONE|FAX|E ?MAIL|UST|VAT|TVA|BTW|IVA|NIP|ИНН|КПП|АДРЕС|ТЕЛ\w*|КОНТАКТ\w*|"
                       r"ANSPRECHPARTNER|CONTACT)\b", re.IGNORECASE)
# Document titles glued to a name on one row ("Example GmbH RECHNUNG", "FACTUUR Example B.V.").
_TITLE = (r"(?:SIMPLIFIED\s+|FULL\s+)?(?:TAX\s*INVOICE|INVOICE|RECEIPT|RECHNUNG|QUITTUNG|FAKTURA(?:\s+VAT)?|"
          r"FACTUUR|FACTURE|FACTURA|FATTURA|СЧ[ЕЁ]Т(?:-ФАКТУРА|\s+НА\s+ОПЛАТУ)?|КАССОВЫЙ\s+ЧЕК)")
_TITLE_HEAD = re.compile(rf"^\s*{_TITLE}(?![^\W\d_])\W*", re.IGNORECASE)
_TITLE_TAIL = re.compile(rf"[ \t,:;|/-]+{_TITLE}\s*[:.]?\s*$", re.IGNORECASE)
# Where a party's name ends on a details line: "ООО «Ромашка», ИНН 7701234567, КПП …, 123456, г. Москва".
_DETAILS = re.compile(r",\s*(?=ИНН|КПП|ОГРН|БИК|VAT|USt|TVA|BTW|NIP|P\.?\s?IVA|\d|г\.|ул\.)", re.IGNORECASE)
_BLOCK_ROWS = 5  # rows below a party label that belong to its block


def strip_title(text: str) -> str:
    """A document title glued before or after a name removed ("CONTOSO LTD. FACTURA" → "CONTOSO LTD.")."""
    head = _TITLE_HEAD.match(text)
    if head and head.group(0).strip(" :.-").isupper():  # "FACTUUR Example B.V."; not "Invoice Ninja Ltd"
        text_ = text[head.end():]
    else:
        text_ = text
    out = _TITLE_TAIL.sub("", text_)
    return out if sum(c.isalpha() for c in out) >= 2 else text


def strip_field_label(text: str) -> str:
    """ "Name: Lieferant GmbH" → "Lieferant GmbH"."""
    return _FIELD_LABEL.sub("", text)


@dataclass(slots=True)
class Parties:
    """The seller's name as printed in its labelled block (if any) and the rows of buyer blocks."""

    seller: FieldCandidate | None
    buyer_rows: set[int]


def _party(row: Row) -> tuple[str | None, str, float]:
    """("seller" | "buyer" | None, the text after the label on the same row, the label's right edge)."""
    first = row.spans[0]
    m = _PARTY_LABEL.match(_fold(first.text))
    if m is None:
        return None, "", 0.0
    kind = "seller" if m.group("seller") else "buyer"
    rest = first.text[m.end():].strip() if len(first.text) == len(_fold(first.text)) else ""
    rest = " ".join([rest] + [s.text for s in row.spans[1:]]).strip()
    return kind, rest, first.x2


def _opens_block(row: Row) -> bool:
    """Whether a row is a party label of its own: "Seller:", "Buyer", "Kunde: Müller AG". A label word without a
    colon that starts a longer name ("Lieferant Müller GmbH", "Client Services Ltd") is a name, not a label."""
    kind, rest, _ = _party(row)
    if kind is None:
        return False
    if not rest:
        return True
    label_end = len(row.text) - len(rest)
    return ":" in row.text[:label_end]


def _name_like(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 3 and not _NOT_NAME.match(_fold(text))


def find_parties(items: list[_LabelledRow]) -> Parties:
    """Seller and buyer blocks (see the module docstring)."""
    rows = [it.row for it in items]
    seller: FieldCandidate | None = None
    buyer_rows: set[int] = set()
    content: set[int] = set()  # rows inside an open block: a colon-less label word there starts a name
    for i, row in enumerate(rows):
        kind, rest, _ = _party(row)
        if kind is None or row.index in content and not _opens_block(row):
            continue
        block: list[Row] = []
        for below in rows[i + 1 : i + 1 + _BLOCK_ROWS]:
            if below.page != row.page or _opens_block(below) or (block or rest) and _party(below)[0] is not None:
                break
            block.append(below)
        if not rest:
            content.update(r.index for r in block)
        if kind == "buyer":
            buyer_rows.update([row.index] + [r.index for r in block])
            continue
        if seller is not None:
            continue
        named = [(rest, row)] if _name_like(strip_field_label(rest)) and not _NOT_NAME.match(_fold(rest)) else []
        named += [(below.text, below) for below in block[:3]]
        for text, at in named:
            name = _DETAILS.split(strip_title(strip_field_label(text)), maxsplit=1)[0].strip(" :")
            if _name_like(name) and not _NOT_NAME.match(_fold(text)):
                bbox = (min(s.x1 for s in at.spans), at.y1, max(s.x2 for s in at.spans), at.y2)
                seller = FieldCandidate(raw=name, confidence=0.85, bbox=bbox, page=at.page)
                break
    return Parties(seller=seller, buyer_rows=buyer_rows)
