"""Failure types found on generated invoices (scripts/make_invoice_eval.py, tuning seeds only), as small hand-made
OCR documents (no OCR): party blocks printed side by side, billing-address labels, ..."""

from __future__ import annotations

import pytest

from lib.kie.labels import classify_label
from lib.kie.skew import LEVEL, page_skew
from lib.ocr_document import Page, Span
from lib.post.rules import detect_currency
from tests.test_kie_invoices import page, run

# -- 1. party blocks side by side: each label's block is the column below it


def test_two_party_columns_seller_left() -> None:
    out = run(page(
        (("INVOICE", 500),),
        ("From:", ("Customer:", 700)),
        ("Orchard Lane Analytics LLC", ("Bluebird Foods Corp.", 700)),
        ("14 Elm Street", ("2 Bay Road", 700)),
        ("Subtotal", ("100.00", 1000)),
        ("Tax 8%", ("8.00", 1000)),
        ("Total", ("108.00", 1000)),
    ))
    assert out["merchant"] == "Orchard Lane Analytics LLC"


def test_two_party_columns_buyer_left() -> None:
    out = run(page(
        ("Nabywca:", ("Sprzedawca:", 700)),
        ("Piekarnia Mazur Sp. z o.o.", ("Hurtownia Lipa S.A.", 700)),
        ("ul. Polna 3", ("ul. Leśna 8", 700)),
        ("Razem netto", ("100,00", 1000)),
        ("VAT 23%", ("23,00", 1000)),
        ("Razem brutto", ("123,00", 1000)),
    ))
    assert out["merchant"] == "Hurtownia Lipa S.A."


def test_buyer_label_right_of_other_text_marks_its_column() -> None:
    """A buyer block at the right of the invoice's own fields: its name is not the merchant."""
    out = run(page(
        (("Halvorsen Print Studio", 20),),
        ("Invoice no. 77", ("Bill to:", 700)),
        ("Due date 12/03/2024", ("Greenway Traders Ltd", 700)),
        ("Total", ("50.00", 1000)),
    ))
    assert out["merchant"] == "Halvorsen Print Studio"


def test_billing_address_label_is_a_buyer_block() -> None:
    out = run(page(
        ("Rechnungssteller:", ("Rechnungsadresse:", 700)),
        ("Falkner Metallbau GmbH", ("Ostwind Logistik AG", 700)),
        ("Summe netto", ("100,00", 1000)),
        ("MwSt. 19 %", ("19,00", 1000)),
        ("Gesamtbetrag", ("119,00", 1000)),
    ))
    assert out["merchant"] == "Falkner Metallbau GmbH"


# -- 2. labels: the sum of the tax rows, VAT inside a gross total, what is still to pay, what was paid before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Totaal btw", "tax"), ("Summe USt", "tax"), ("Gesamt MwSt", "tax"), ("Razem VAT", "tax"),
        ("Totale IVA", "tax"), ("Includes VAT 20%", "tax"), ("Including GST 6 %", "tax"),
        ("Totaal incl. btw", "total_strong"), ("Total incl. VAT 20%", "total_strong"), ("Summe", "total_strong"),
        ("Payment due", "due"), ("Amount outstanding", "due"), ("Nog te betalen", "due"),
        ("Pozostało do zapłaty", "due"), ("Pendiente de pago", "due"), ("Noch zu zahlen", "due"),
        ("Reeds betaald", "prepaid"), ("Già pagato", "prepaid"), ("Zapłacono", "cash"), ("Payment", "cash"),
        ("Всего с НДС", "total_strong"), ("Сумма с НДС", "total_strong"), ("Итого НДС", "tax"),
        ("TVA non applicable, art. 293 B du CGI", "ignore"), ("Gemäß § 19 UStG wird keine Umsatzsteuer berechnet",
                                                            "ignore"), ("VAT exempt", "tax"),
    ],
)
def test_invoice_total_labels(text: str, expected: str) -> None:
    assert classify_label(text) == expected


def test_tax_sum_beside_a_rate_table() -> None:
    """A rate table at the left and the totals at the right share rows: "Totaal btw" names the tax."""
    out = run(page(
        ("Tarief", ("Grondslag", 250), ("BTW", 400), ("Subtotaal", 700), ("43,84", 1000)),
        ("21 %", ("31,34", 250), ("6,58", 400), ("Totaal btw", 700), ("7,71", 1000)),
        ("9 %", ("12,50", 250), ("1,13", 400)),
        (("TOTAAL", 700), ("51,55", 1000)),
        (("Aanbetaling", 700), ("-15,47", 1000)),
        (("Nog te betalen", 700), ("36,08", 1000)),
    ))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (43.84, 7.71, 51.55)


def test_vat_included_line_is_the_tax_and_the_gross_stays_the_total() -> None:
    out = run(page(
        (("Invoice total", 700), ("£1,200.00", 1000)),
        (("Includes VAT 20%", 700), ("200.00", 1000)),
        (("Less deposit", 700), ("-600.00", 1000)),
        (("Amount outstanding", 700), ("£600.00", 1000)),
    ))
    assert (out["tax_amount"], out["total"]) == (200.0, 1200.0)


# -- 3. the issue date among order, supply and payment dates labelled in other languages


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((("Date of supply: November 15, 2024",), ("Invoice date: November 27, 2024",)), "2024-11-27"),
        ((("Nr faktury", ("Data zamówienia", 300), ("Data wystawienia", 600), ("Data sprzedaży", 900)),
          ("67826", ("15.10.2023", 300), ("09.11.2023", 600), ("04.11.2023", 900))), "2023-11-09"),
        ((("Leverdatum", ("12-03-2024", 400)), ("Factuurdatum", ("14-03-2024", 400))), "2024-03-14"),
        ((("Date de livraison", ("02/05/2024", 400)), ("Date", ("06/05/2024", 400))), "2024-05-06"),
        ((("Fecha de pedido", ("01/02/2024", 400)), ("Fecha", ("09/02/2024", 400))), "2024-02-09"),
    ],
)
def test_issue_date_among_other_invoice_dates(rows: tuple, expected: str) -> None:
    out = run(page(*rows, ("Total", ("10.00", 900))))
    assert out["date"] == expected


# -- 4. merchant: a title alone is no name, a bare "FROM" beside a buyer label, a sender line glued to its "·"


def test_title_alone_is_not_the_merchant() -> None:
    out = run(page(
        (("FACTURA", 500),),
        ("Talleres Quintana S.L.",),
        ("Total", ("121,00", 900)),
    ))
    assert out["merchant"] == "Talleres Quintana S.L."


def test_bare_from_beside_a_buyer_label_is_the_seller_column() -> None:
    out = run(page(
        (("Invoice", 500),),
        ("FROM", ("Sold to:", 700)),
        ("Copperfield Audio LLC", ("Northgate Dental Corp.", 700)),
        ("Total", ("99.00", 900)),
    ))
    assert out["merchant"] == "Copperfield Audio LLC"


def test_sender_line_separator_glued_to_the_name() -> None:
    out = run(page(
        ("Vinkenoord Techniek B.V.· Keizersgracht 500 · 1017 CT Amsterdam",),
        ("Aan:",),
        ("Jan de Boer",),
        ("Totaal", ("12,10", 900)),
    ))
    assert out["merchant"] == "Vinkenoord Techniek B.V."


def test_address_window_under_a_sender_line_is_the_recipient() -> None:
    """An envelope window: the small sender line names the seller; the legal name under it is the recipient's."""
    out = run(page(
        (("MG", 1000),),
        ("Menuiserie Garnier EURL · 12 rue des Tanneurs · 31000 Toulouse",),
        (("Facture n°", 700), ("R25/862", 1000)),
        ("Boulangerie Lemaire SARL", ("Date", 700), ("04/04/2025", 1000)),
        ("45 avenue Jean Jaurès",),
        ("44000 Nantes",),
        ("Total TTC", ("120,00", 1000)),
    ))
    assert out["merchant"] == "Menuiserie Garnier EURL"


# -- 5. a tilted scan: a label and its value on one row although the value sits a row higher


def test_tilted_page_groups_labels_with_their_values() -> None:
    slope = -0.04  # the lines climb to the right (about 2.3°)
    lines = [
        [("Rechnungsnummer", 90), ("2025-2724", 480)],
        [("Lieferdatum", 90), ("26.05.2025", 480)],
        [("Rechnungsdatum", 90), ("25.06.2025", 480)],
        [("Fällig am", 90), ("09.07.2025", 480)],
        [("Montagestunden", 90), ("8", 790), ("453,24", 880), ("3.625,92", 1045)],
        [("Wartung Heizungsanlage", 90), ("1", 790), ("550,63", 880), ("550,63", 1045)],
        [("Kupferrohr 15 mm", 90), ("2", 790), ("10,00", 880), ("20,00", 1045)],
        [("Fahrtkosten", 90), ("1", 790), ("35,00", 880), ("35,00", 1045)],
        [("Nettobetrag", 700), ("4.231,55", 1045)],
        [("MwSt. 20 %", 700), ("846,31", 1045)],
        [("Gesamtbetrag", 700), ("5.077,86", 1045)],
    ]
    spans = []
    for i, line in enumerate(lines):
        for text, x in line:
            width = 12 * len(text)
            y = 100 + i * 28 + slope * (x + width / 2)
            spans.append(Span(bbox=(x, y, x + width, y + 24), text=text))
    out = run(Page(width=1240, height=600, spans=spans))
    assert (out["date"], out["total"], out["tax_amount"]) == ("2025-06-25", 5077.86, 846.31)


@pytest.mark.parametrize("slope", [0.06, -0.1])  # 3.4° (too few close neighbours to pair), 5.7° (steeper)
def test_receipt_photographed_at_a_tilt_groups_labels_with_amounts_far_right(slope: float) -> None:
    """A till receipt on a table: labels far left, amounts far right, a row pitch near the height of a line. The
    amounts of one row sit level with the labels of the next one, unless the tilt is taken out."""
    lines = [
        [("Hillcrest Hardware Inc.", 160)], [("Store #483", 270)], [("01/02/2023 8:21 PM", 90)],
        [("Batteries AA", 90), ("$3.06", 520)], [("Turkey sandwich", 90), ("$23.91", 510)],
        [("Coffee 12oz", 90), ("$26.56", 510)], [("Subtotal", 90), ("$53.53", 510)],
        [("Sales tax 8.25%", 90), ("$4.42", 520)], [("TOTAL", 90), ("$57.95", 510)],
        [("CASH", 90), ("100.00", 510)], [("CHANGE", 90), ("42.05", 520)], [("Thank you!", 250)],
    ]
    spans = []
    for i, line in enumerate(lines):
        for text, x in line:
            width = 12 * len(text)
            top = 100 + i * 32 + slope * (x + width / 2) - abs(slope) * width / 2
            spans.append(Span(bbox=(x, top, x + width, top + 24 + abs(slope) * width), text=text))
    out = run(Page(width=700, height=700, spans=spans))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (53.53, 4.42, 57.95)
    assert out["date"] == "2023-01-02"


def test_receipt_photographed_at_an_angle_lines_fan_out() -> None:
    """Seen at an angle, a receipt's lines fan out: level in the middle, climbing at the top and falling at the
    bottom. One slope for the page fits neither end; a slope that changes down the page fits all rows."""
    lines = [
        [("Frutas Jiménez", 160)], [("NIF B45417438", 200)], [("14/02/25 19:16", 90)],
        [("Barra de pan", 90), ("9,93", 520)], [("Jamón serrano 100g", 90), ("87,00", 510)],
        [("Agua mineral", 90), ("18,01", 510)], [("Aceite de oliva 1l", 90), ("29,48", 510)],
        [("TOTAL EUR", 90), ("144,42", 500)], [("Efectivo", 90), ("150,00", 500)], [("Cambio", 90), ("5,58", 520)],
        [("IVA incluido 10%", 90), ("13,13", 510)], [("Gracias por su compra", 200)],
    ]
    spans = []
    middle = 100 + 5.5 * 32
    for i, line in enumerate(lines):
        for text, x in line:
            width = 12 * len(text)
            y = 100 + i * 32
            slope = 0.0006 * (y - middle)  # -0.11 at the top row, +0.11 at the bottom one
            top = y + slope * (x + width / 2) - abs(slope) * width / 2
            spans.append(Span(bbox=(x, top, x + width, top + 24 + abs(slope) * width), text=text))
    out = run(Page(width=700, height=700, spans=spans))
    assert (out["total"], out["tax_amount"], out["date"]) == (144.42, 13.13, "2025-02-14")


def test_degenerate_boxes_do_not_break_the_slope_search() -> None:
    """Boxes of no height (an OCR quirk): no division by zero, the page stays level."""
    assert page_skew([Span(bbox=(i * 50, 100, i * 50 + 40, 100), text="w") for i in range(10)]) == LEVEL


def test_two_straight_columns_with_different_line_spacing_stay_level() -> None:
    """At some wrong slope two unrelated columns line up by chance; that pairs too few spans to be a tilt."""
    left = [Span(bbox=(10, 50 + 16 * r, 200, 60 + 16 * r), text=f"L{r}") for r in range(30)]
    right = [Span(bbox=(400, 47 + 24 * r, 600, 57 + 24 * r), text=f"R{r}") for r in range(20)]
    assert page_skew(left + right) == LEVEL


def test_straight_page_has_no_skew() -> None:
    spans = [Span(bbox=(x, 100 + 30 * i, x + 80, 124 + 30 * i), text="12,00") for i in range(10) for x in (100, 300)]
    assert page_skew(spans) == LEVEL


# -- 6. an initials logo read with the name; the currency of the payee's IBAN when nothing else says it


def test_initials_logo_before_the_name_is_dropped() -> None:
    out = run(page(
        ("JS", ("Janssens Schilderwerken BV", 200), ("Factuur", 900)),
        ("Meir 77 · 9000 Gent",),
        ("Totaal", ("3.314,60", 900)),
    ))
    assert out["merchant"] == "Janssens Schilderwerken BV"


@pytest.mark.parametrize(("iban", "code"), [("IBAN BE51 3923 5506 1688", "EUR"), ("IBAN: PL61 1090 1014", "PLN"),
                                            ("IBAN GB45 2305 6013 6236", "GBP"), ("IBAN CH53 3125 6449", "CHF")])
def test_currency_from_the_payees_iban(iban: str, code: str) -> None:
    assert detect_currency(f"Factuur 12\nTotaal 3.314,60\n{iban}") == code


# -- after the thirty-second seeds (invoices 7614, scored with local-kie-0.72): text layers and their glyph boxes


def _glyph_box_table(rows: int = 12) -> list[Span]:
    """A digital invoice's table as pdfium boxes it: each box is its glyphs' own, so "21" (no comma, no descender)
    is shorter than "545,19" beside it and their centres differ by a pixel or two."""
    spans = []
    for r in range(rows):
        y = 300 + 40 * r
        spans += [Span(bbox=(100, y, 300, y + 19), text="Mantenimiento mensual"),
                  Span(bbox=(700, y, 712, y + 16), text="3"), Span(bbox=(800, y, 860, y + 19), text="181,73"),
                  Span(bbox=(930, y, 950, y + 16), text="21"), Span(bbox=(1050, y, 1110, y + 19), text="545,19")]
    return spans


def test_text_layer_glyph_boxes_are_no_tilt() -> None:
    """Short boxes beside tall ones slope up, then down, then up: glyph shapes, not a tilt (45 of 284 generated
    text-layer pages had been read as tilted ~0.7°, and two party labels on one line became two rows)."""
    assert page_skew(_glyph_box_table(), photo=False) == LEVEL
    out = run(Page(width=1600, height=900, spans=[
        Span(bbox=(700, 40, 950, 76), text="FACTURA"),
        Span(bbox=(142, 251, 253, 268), text="CLIENTE"), Span(bbox=(867, 251, 970, 268), text="EMISOR"),
        Span(bbox=(142, 288, 472, 312), text="Transportes Ortega S.A."),
        Span(bbox=(866, 287, 1158, 307), text="Asesoría Castillo S.A."),
        Span(bbox=(143, 319, 339, 344), text="Calle Mayor, 23"),
        Span(bbox=(867, 319, 1063, 344), text="Calle Mayor, 23"),
        Span(bbox=(142, 351, 311, 370), text="41001 Sevilla"), Span(bbox=(868, 351, 1043, 370), text="28010 Madrid"),
        *[Span(bbox=(s.x1, s.y1 + 100, s.x2, s.y2 + 100), text=s.text) for s in _glyph_box_table(6)],
        Span(bbox=(100, 700, 300, 720), text="Total factura"), Span(bbox=(1050, 700, 1130, 720), text="1.210,00"),
    ], source="text_layer"))
    assert out["merchant"] == "Asesoría Castillo S.A."


def test_tilted_text_layer_stays_tilted() -> None:
    """A searchable scan's text layer follows its tilted image: every neighbour climbs the same way."""
    spans = [Span(bbox=(x, 100 + 30 * i + 0.02 * x, x + 80, 124 + 30 * i + 0.02 * x), text="12,00")
             for i in range(10) for x in (100, 300, 500)]
    assert abs(page_skew(spans, photo=False).at(0) - 0.02) < 0.002
