"""Till receipts of more Latin-script countries on synthetic pages (no OCR): Nordic and Czech crowns, their tax
words and VAT tables, two taxes of one rate (CGST + SGST) beside a service charge, Canada's TPS/TVQ. Found by
`scripts/make_world_receipts.py`, a generator written apart from the KIE (docs/accuracy.md)."""

from __future__ import annotations

import pytest

from lib.kie.labels import classify_label
from lib.post.amounts import parse_amount
from lib.post.currency import detect_currency
from lib.post.dates import parse_date
from tests.test_kie_invoices import page, run


@pytest.mark.parametrize(("text", "expected"), [
    ("TOTAL 607,00 kr CVR: 54 65 40 18", "DKK"),
    ("Att betala 324,60 kr Org.nr 556677-8899 Tack", "SEK"),
    ("Totalt 383,00 kr MVA 25%", "NOK"),
    ("K ÚHRADĚ 1365 Kč DIČ: CZ34990833", "CZK"),
    ("TOTAL 12 kr", None),  # crowns of no country: unknown stays null
    ("VAT Reg. IE 0673240NW Total 4.89", "EUR"),  # an Irish VAT number
])
def test_crowns_and_more_currency_context(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("Moms 25%", "tax"), ("MVA 25%", "tax"), ("DPH 21%", "tax"), ("TPS 5%", "tax"), ("TVQ 9,975%", "tax"),
    ("TPS: 214861078RT0001", "ignore"), ("TVQ:0534079029TQ0001", "ignore"),
    ("Att betala", "total_strong"), ("Å betale", "total_strong"), ("I alt", "total_strong"),
    ("K ÚHRADĚ", "total_strong"), ("Summa", "total_strong"),
    ("Växel", "change"), ("Vráceno", "change"), ("Kontant", "cash"), ("Betalingskort", "cash"),
    ("Momsgrundlag", "subtotal"), ("Základ daně", "subtotal"),
])
def test_nordic_czech_and_canadian_labels(label: str, expected: str) -> None:
    assert classify_label(label) == expected


def test_vat_table_whose_header_cells_run_together() -> None:
    """"Moms% ‖ Exkl. moms ‖ Moms Inkl. moms" over "B=12% 324,60 38,95 363,55": two words name one column."""
    out = run(page(("Lindqvist HB",), ("Org nr 918675-7709",), ("Summa varor", ("363,55", 700)),
                   ("Avrundning", ("0,45", 700)), ("Totalt kr", ("364,00", 700)), ("Kontant", ("364,00", 700)),
                   (("Moms%", 20), ("Exkl. moms", 240), ("Moms Inkl. moms", 410)),
                   (("B=12%", 20), ("324,60", 280), ("38,95", 400), ("363,55", 520)), ("Datum: 2024-06-25",),
                   ("Tack och välkommen åter",)))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (324.6, 38.95, 364.0, "SEK")


def test_vat_table_with_an_unlabelled_sum_row() -> None:
    """"Sazba Bez DPH DPH Celkem", two rate rows, then their sums on a row the OCR labelled "K": not a third rate."""
    out = run(page(("MINIMARKET CENTRUM",), ("DIČ: CZ34990833",), ("MEZISOUČET", ("1365,13", 700)),
                   ("K ÚHRADĚ", ("1365,00", 700)),
                   (("Sazba", 20), ("Bez DPH", 240), ("DPH", 400), ("Celkem", 520)),
                   (("21%", 20), ("191,74", 260), ("40,26", 400), ("232,00", 520)),
                   (("12%", 20), ("1011,72", 250), ("121,41", 400), ("1133,13", 520)),
                   (("K", 20), ("1203,46", 250), ("161,67", 400), ("1365,13", 520)), ("Datum: 05.07.25 07:38",)))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (1203.46, 161.67, 1365.0, "CZK")


def test_two_taxes_of_one_rate_beside_a_service_charge() -> None:
    out = run(page(("Singh Hospitality Pvt. Ltd.",), ("GSTIN 33KRQBE9391Q1Z7",), ("Sub Total", ("2020.00", 700)),
                   ("Service Charge 10%", ("202.00", 700)), ("CGST 2.5%", ("55.55", 700)),
                   ("SGST 2.5%", ("55.55", 700)), ("Round Off", ("-0.10", 700)),
                   ("Grand Total Rs.", ("2333.00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (2020.0, 111.1, 2333.0)


def test_quebec_taxes_are_summed() -> None:
    out = run(page(("Boulangerie Fontaine",), ("Gatineau, QC J8X 3X7",), ("TPS: 214861078RT0001",),
                   ("Sous-total", ("149,60", 700)), ("TPS 5%", ("7,48", 700)), ("TVQ 9,975%", ("14,92", 700)),
                   ("Total", ("172,00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (149.6, 22.4, 172.0)


# -- the second round (scored first with local-kie-0.29: world 41002), then fixed


@pytest.mark.parametrize(("header", "values", "expected"), [
    ((("Moms%", 20), ("Ekskl. moms", 200), ("Moms", 400), ("Brutto", 520)),  # Danish spelling
     (("25%", 20), ("263,80", 240), ("65,95", 400), ("329,75", 520)), (263.8, 65.95, 329.75)),
    ((("DPH %", 20), ("Bez DPH", 200), ("DPH", 360), ("S DPH", 500)),  # "s DPH": the gross
     (("21,00%", 20), ("47,93", 220), ("10,07", 360), ("58,00", 500)), (47.93, 10.07, 58.0)),
    ((("IVA", 20), ("BASE", 200), ("CUOTA", 360), ("Importe", 500)),  # the rate's column named by the tax word
     (("10%", 20), ("51,91", 200), ("5,19", 360), ("57,10", 500)), (51.91, 5.19, 57.1)),
])
def test_more_vat_table_headers(header: tuple, values: tuple, expected: tuple[float, float, float]) -> None:
    out = run(page(("Shop",), ("At betale", (f"{expected[2]:.2f}".replace(".", ","), 700)), header, values))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == expected


# -- the third round (scored first with local-kie-0.30: cyr 31003, world 41003), then fixed


def test_portuguese_vat_table_with_its_sum_row() -> None:
    out = run(page(("Mercado Comércio Lda.",), ("Total EUR", ("53,82", 700)),
                   (("IVA", 20), ("Incidência", 250), ("IVA", 420)),
                   (("23,0%", 20), ("12,81", 260), ("2,95", 420)), (("13,0%", 20), ("4,49", 260), ("0,58", 420)),
                   (("6,0%", 20), ("31,12", 260), ("1,87", 420)), (("Total", 20), ("48,42", 260), ("5,40", 420))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (48.42, 5.4, 53.82)


def test_vat_table_column_we_cannot_name_keeps_its_amounts() -> None:
    """"BTW% ‖ Over ‖ BTW/TVA ‖ Bruto": the amounts under "Over" are not the VAT column's."""
    out = run(page(("VERSMARKT",), ("TOTAAL / TOTAL", ("25,69", 700)),
                   (("BTW%", 20), ("Over", 260), ("BTW/TVA", 400), ("Bruto", 540)),
                   (("A=21%", 20), ("4,87", 260), ("1,02", 400), ("5,89", 540)),
                   (("B=6%", 20), ("18,68", 260), ("1,12", 400), ("19,80", 540))))
    assert (out["tax_amount"], out["total"]) == (2.14, 25.69)


# -- the fifth round (scored first with local-kie-0.32: world 41005, cyr 31005), then fixed


def test_net_payable_is_the_bill_and_an_indian_gst_table() -> None:
    assert classify_label("Net Payable") == "total_strong" and classify_label("Net amount") == "subtotal"
    out = run(page(("Fresh Mart Supermarket",), ("GSTIN: 27JUQGP0553U1Z8",), ("Subtotal", ("187.00", 700)),
                   ("COUPON", ("-5.00", 700)), ("Total", ("182.00", 700)),
                   (("GST%", 20), ("Taxable", 240), ("CGST", 420), ("SGST", 560)),
                   (("5%", 20), ("173.34", 240), ("4.33", 420), ("4.33", 560)), ("Paid by Card", ("182.00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (173.34, 8.66, 182.0)


def test_canadian_dollars_and_the_dutch_march() -> None:
    assert detect_currency("Gatineau, QC J8X 3X7 TOTAL $12.00") == "CAD"
    assert detect_currency("New York, NY 10001 TOTAL $12.00") == "USD"
    out = run(page(("Eetcafé De Haven",), ("Datum: 7 mrt 2025 Tijd: 16:04",), ("TOTAAL", ("12,50", 700))))
    assert out["date"] == "2025-03-07"


# -- after the sixth round (world 41006)


@pytest.mark.parametrize(("rows", "expected_subtotal"), [
    # a tax-inclusive sum before a coupon: larger than the total, so no net amount is printed
    ((("Zwischensumme", ("25,73", 700)), ("Coupon", ("-5,00", 700)), ("SUMME EUR", ("20,73", 700)),
      ("MwSt 10,7% enthalten", ("1,95", 700))), None),
    # … or before a rounding
    ((("Subtotal", ("91.11", 700)), ("Rounding", ("-0.01", 700)), ("TOTAL", ("91.10", 700)),
      ("GST included", ("4.66", 700))), None),
    # a net below the total stays; so does a credit note's
    ((("Subtotal", ("100.00", 700)), ("VAT 20%", ("20.00", 700)), ("TOTAL", ("120.00", 700))), 100.0),
    ((("Subtotal", ("-100.00", 700)), ("VAT 20%", ("-20.00", 700)), ("TOTAL", ("-120.00", 700))), -100.0),
])
def test_a_tax_inclusive_subtotal_is_no_net(rows: tuple, expected_subtotal: float | None) -> None:
    assert run(page(("Shop",), *rows))["subtotal"] == expected_subtotal


def test_a_zero_rate_vat_line_beside_the_real_one() -> None:
    """"VAT included 23.00% 4.31" / "VAT included 0.00% 0.00": their sum is the first line, not "printed elsewhere"."""
    out = run(page(("GREENS GROCERY",), ("TOTAL DUE", ("60.20€", 700)), ("CASH", ("60.20", 700)),
                   ("VAT included 23.00%", ("4.31", 700)), ("VAT included 0.00%", ("0.00", 700))))
    assert (out["tax_amount"], out["total"]) == (4.31, 60.2)


# World receipts, seed 41008 (stop 25): Dutch/Belgian "Over" and Portuguese "Valor s/IVA" net columns, a printed
# sum row the rows disagree with, a line after the table, Portuguese cash words, "0ct", a two-digit year misread.


@pytest.mark.parametrize(("label", "expected"), [
    ("NUMERÁRIO", "cash"), ("Multibanco", "cash"), ("Dinheiro", "cash"), ("TROCO", "change"),
    ("Monnaie rendue", "change"),
])
def test_portuguese_and_french_payment_words(label: str, expected: str) -> None:
    assert classify_label(label) == expected


def test_dutch_vat_table_whose_net_column_is_over() -> None:
    """"BTW ‖ Over ‖ BTW": the rate, the base ("over" it the tax is due) and the tax; then "Totaal" sums them."""
    out = run(page(("Bakkerij Jansen",), ("BTW NL147598067B09",), ("WIJN GLAS", ("4,60", 700)),
                   ("VERSE MUNT THEE", ("3,40", 700)), ("TOTAAL", ("8,00", 700)), ("Kontant", ("10,00", 700)),
                   ("WISSELGELD", ("2,00", 700)), (("BTW", 20), ("Over", 280), ("BTW", 520)),
                   (("21%", 20), ("3,80", 280), ("0,80", 520)), (("9%", 20), ("3,12", 280), ("0,28", 520)),
                   (("Totaal", 20), ("6,92", 280), ("1,08", 520)), ("02-04-2025 08:46",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (6.92, 1.08, 8.0)


def test_belgian_vat_table_without_a_sum_row() -> None:
    out = run(page(("Frituur Horeca BVBA",), ("TVA BE 0499.756.612",), ("25/07/2025 17:12",),
                   ("Uitsmijter", ("19,00", 700)), ("Wijn glas", ("15,90", 700)), ("Bitterballen", ("45,20", 700)),
                   ("TOTAAL / TOTAL", ("80,10", 700)), ("CONTANT", ("100,00", 700)), ("WISSELGELD", ("19,90", 700)),
                   (("%%", 20), ("Over", 260), ("BTW/TVA", 400), ("Totaal", 520)),
                   (("A=21%", 20), ("13,14", 260), ("2,76", 400), ("15,90", 520)),
                   (("C=12%", 20), ("57,32", 260), ("6,88", 400), ("64,20", 520)), ("Bedankt en tot ziens!",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (70.46, 9.64, 80.1)


def test_portuguese_vat_table_net_without_iva_and_cash_after_it() -> None:
    """"% IVA ‖ Valor s/IVA ‖ IVA" ("s/" = without); "Numerário" and "Troco" after the table are no rate rows."""
    out = run(page(("Frutaria João",), ("Contribuinte 501234567",), ("MAÇÃ GALA", ("35,00", 700)),
                   ("BACALHAU", ("28,15", 700)), ("TOTAL A PAGAR EUR", ("63,15", 700)),
                   (("% IVA", 20), ("Valor s/IVA", 260), ("IVA", 520)),
                   (("A=23.0%", 20), ("7,93", 260), ("1,83", 520)), (("C=6.0%", 20), ("50,37", 260), ("3,02", 520)),
                   (("Total", 20), ("58,30", 260), ("4,85", 520)), ("Numerário", ("64,00", 700)),
                   ("TROCO", ("0,85", 700)), ("05/10/2025 10:12",)))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (58.3, 4.85, 63.15, "EUR")
    cash_after = run(page(("Mercearia Rodrigues",), ("TOTAL", ("67,34", 700)),
                          (("Taxa", 20), ("Base", 260), ("IVA", 520)),
                          (("A=23,00%", 20), ("21,72", 260), ("5,00", 520)),
                          (("C=6,00%", 20), ("38,32", 260), ("2,30", 520)),
                          ("NUMERÁRIO", ("100,00", 520)), ("TROCO", ("32,66", 520)), ("04/10/2025",)))
    assert (cash_after["subtotal"], cash_after["tax_amount"]) == (60.04, 7.3)


def test_printed_tax_sum_the_rows_disagree_with_is_decided_by_the_total() -> None:
    """"0,50 / 0,40 / Total 0,96": one was misread; net 12,48 + 0,90 is the total 13,38, so the rows' sum wins."""
    out = run(page(("Ferretería La Llave",), ("TORNILLOS", ("13,38", 700)), ("TOTAL", ("13,38", 700)),
                   (("CUOTA", 20), ("Base Imp.", 260), ("CUOTA", 520)),
                   (("21%", 20), ("2,39", 260), ("0,50", 520)), (("4%", 20), ("10,09", 260), ("0,40", 520)),
                   (("Total", 20), ("12,48", 260), ("0,96", 520)), ("VISA", ("13,38", 700)), ("08/07/2025 19:25",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (12.48, 0.9, 13.38)


def test_a_line_after_the_vat_table_is_not_a_rate_row() -> None:
    out = run(page(("Daily Needs Mart",), ("GSTIN 29ABCDE1234F1Z5",), ("SUBTOTAL", ("1,269.83", 700)),
                   ("Round Off", ("0.17", 700)), ("Bill Amount Rs.", ("1,270.00", 700)),
                   (("GST%", 20), ("Taxable", 260), ("CGST", 400), ("SGST", 520)),
                   (("18%", 20), ("144.06", 260), ("12.97", 400), ("12.97", 520)),
                   (("5%", 20), ("971.27", 260), ("24.28", 400), ("24.28", 520)),
                   ("You saved Rs.", ("70.00", 520)), ("on MRP",), ("Paid by Card", ("1,270.00", 700)),
                   ("05/04/2024",)))
    assert out["tax_amount"] == 74.5


@pytest.mark.parametrize(("rows", "expected"), [
    ((("21 0ct 2025 08:58:51 Check 7.241",),), "2025-10-21"),  # the O of "Oct" read as a zero
    # the header's "15/01/20" (OCR read "25" as "20") against the card slip's "15/01/2025": four digits win
    ((("15/01/20 10:39 AM Check 9.266",), ("Total", ("26.00", 700)), ("15/01/2025 10:39 AM",)), "2025-01-15"),
    ((("15/01/25 10:39",), ("Total", ("26.00", 700)), ("Valid until 15/01/2026",)), "2025-01-15"),
])
def test_dates_misread_by_photo_ocr(rows: tuple, expected: str) -> None:
    assert run(page(("Golden Dragon",), *rows))["date"] == expected


def test_tip_added_on_the_card_slip_is_part_of_the_amount_charged() -> None:
    """"Total 107.72" on the receipt, then the slip's "AMOUNT 107.72 / TIP 19.39 / TOTAL 127.11": the charge."""
    rows = (("Taqueria El Sol",), ("04/27/24 10:55 AM",), ("SUBTOTAL", ("99.00", 700)), ("TAX", ("8.72", 700)),
            ("Total", ("107.72", 700)), ("CUSTOMER COPY",), ("VISA",), ("AMOUNT USD", ("107.72", 700)))
    out = run(page(*rows, ("TIP", ("19.39", 700)), ("TOTAL", ("127.11", 700)), ("Approved",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (99.0, 8.72, 127.11)
    # a blank tip line, or a suggested-tip table, changes nothing
    assert run(page(*rows, ("TIP",), ("TOTAL",), ("Approved",)))["total"] == 107.72
    assert run(page(*rows, ("Suggested Gratuity:",), ("18% =", ("19.39", 700)), ("TOTAL", ("127.11", 700))))[
        "total"] == 107.72


def test_australian_total_includes_gst_is_the_tax() -> None:
    out = run(page(("FRESH FOODS",), ("ABN 81 699 447 053",), ("TAX INVOICE",), ("BREAD", ("89.39", 700)),
                   ("Total", ("$89.39", 700)), ("Total includes GST", ("2.99", 700)), ("06/12/2024 10:39 AM",)))
    assert (out["total"], out["tax_amount"]) == (89.39, 2.99)
    from lib.kie.labels import classify_label
    assert classify_label("Total including GST") == "total_strong"  # "including" is the gross, "includes" the tax


@pytest.mark.parametrize(("line", "expected"), [
    ("250619 21:38 Trans.nr 46.09", "2025-06-19"),  # a card terminal's YYMMDD before the time
    ("Datum: 25-02-13 Tid: 16:05:58", "2025-02-13"),  # the short ISO order
    ("Datum: 250622 Tid: 16:43:04", "2025-06-22"),
])
def test_swedish_dates_are_year_first(line: str, expected: str) -> None:
    out = run(page(("Livs & Delikatess",), ("Momsreg.nr SE078025515501",), (line,), ("ATT BETALA", ("461,12", 700))))
    assert out["date"] == expected
    # elsewhere "25-02-13" stays day first
    assert run(page(("Corner Shop",), (line,), ("TOTAL", ("4.12", 700))))["date"] != expected


# -- after the ninth seed (world 41009, scored once with local-kie-0.37, then fixed)


@pytest.mark.parametrize(("text", "expected"), [
    ("Walker Pharmacy 179 Main Street Kilkenny R95 P2X0 BALANCE DUE 33.18", "EUR"),  # an Irish town and Eircode
    ("Main St R95 P2X0 Total 3.18", "EUR"),
    ("London W1A 0AX Total 3.18", "GBP"),  # a UK postcode is none
    ("Item C20 1000 Total 3.18", None), ("N95 MASK 3.18", None),
])
def test_irish_eircode_and_towns_say_euro(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("A PAYER", "total_strong"), ("Reste à payer", "due"), ("Arrondi", "rounding"),
    ("Öresavrundning", "rounding"), ("Arrotondamento", "rounding"), ("Redondeo", "rounding"),
    ("Zaokrouhlení", "rounding"),
])
def test_amount_to_pay_and_rounding_words(label: str, expected: str) -> None:
    assert classify_label(label) == expected


def test_belgian_rounded_amount_to_pay_beats_the_vat_table_sum() -> None:
    out = run(page(("MAXI FRAIS",), ("BTW-nr: BE0855.585.933",), ("31/01/2025 21:12",), ("CAMEMBERT", ("72,48", 700)),
                   ("Coupon", ("-1,00 B", 700)), ("Sous-total", ("71,48", 700)), ("Arrondi", ("0,02", 700)),
                   ("A PAYER", ("71,50 €", 700)), ("ESP.", ("100,00", 700)), ("RENDU", ("28,50", 700)),
                   (("Code", 20), ("HT", 260), ("TVA", 400), ("TTC", 520)),
                   (("A=21%", 20), ("18,82", 260), ("3,95", 400), ("22,77", 520)),
                   (("B=6%", 20), ("45,95", 260), ("2,76", 400), ("48,71", 520)),
                   (("Total", 20), ("64,77", 260), ("6,71", 400), ("71,48", 520))))
    assert (out["total"], out["tax_amount"], out["subtotal"]) == (71.5, 6.71, 64.77)


def test_a_sentence_starting_with_a_party_word_is_no_seller_label() -> None:
    """The card slip's "I agree to pay … according to card / issuer agreement.": "issuer" opens no seller block."""
    out = run(page(("Tony's Pizzeria",), ("Rodriguez LLC",), ("35 Market St",), ("Total", ("106.22", 700)),
                   ("I agree to pay above total amount according to card",), ("issuer agreement.",), ("Approved",)))
    assert out["merchant"] in ("Tony's Pizzeria", "Rodriguez LLC")


def test_swedish_short_date_known_by_the_receipt_number_word() -> None:
    """"Kvittonr" / "Momssats" say Swedish too; a dotted "07.09.25" (Norway, Denmark) stays day first."""
    out = run(page(("Bokhandeln",), ("Org.nr: 351977-7385",), ("Totalt", ("143,00", 700)),
                   ("25-09-07 09:18:42",), ("Kvittonr 27.65 Kassa 1",)))
    assert out["date"] == "2025-09-07"
    norwegian = run(page(("Bokhandel AS",), ("Org.nr: 951977738 MVA",), ("Totalt", ("143,00", 700)),
                         ("07.09.25 09:18:42",), ("Kvittering 2765",)))
    assert norwegian["date"] == "2025-09-07"


def test_amount_to_pay_rounded_for_cash_beats_the_vat_table_sum() -> None:
    """"K úhradě 1293,00" above "Celkem 1129,05 164,40 1293,45" (net + tax = gross on the sum row): the rounded
    amount to pay; with no such line the table's gross stays the total."""
    table = ((("Sazba", 20), ("Základ", 260), ("DPH", 400), ("S DPH", 520)),
             (("21%", 20), ("1129,05", 260), ("164,40", 400), ("1293,45", 520)),
             (("Celkem", 20), ("1129,05", 260), ("164,40", 400), ("1293,45", 520)), ("Datum:07.07.2024 16:47",))
    out = run(page(("Zelenina Kateřina",), ("DIČ: CZ34990833",), ("JABLKA", ("1293,45", 700)),
                   ("K ÚHRADĚ", ("1293,00", 700)), *table))
    assert (out["total"], out["tax_amount"], out["subtotal"]) == (1293.0, 164.4, 1129.05)
    assert run(page(("Zelenina Kateřina",), ("DIČ: CZ34990833",), ("JABLKA", ("1293,45", 700)), *table))[
        "total"] == 1293.45


def test_card_payment_karte_supports_the_receipt_total_over_a_misread_slip() -> None:
    """"Total CHF 86.50 / Karte CHF 86.50" then the card slip's "Betrag 86.56" (a misread 0): the paid amount
    decides. "Karte Nr. …" (a card number) is no payment."""
    out = run(page(("Café Lukas",), ("UID CHE-112.224.911",), ("KASESPATZLE", ("78.00", 700)),
                   ("PILS 0.5L", ("8.50", 700)), ("Total CHF", ("86.50", 700)), ("Karte CHF", ("86.50", 700)),
                   ("Kundenbeleg",), ("Terminal-Nr. 97882130",), ("PostFinance Card",), ("**3436",),
                   ("22.04.2024 11:29:50",), ("Betrag", ("86.56", 700)), ("Zahlung erfolgt",)))
    assert out["total"] == 86.5
    assert classify_label("Karte Nr. 1234") is None and classify_label("Kundenkarte") is None


# -- after the eleventh seed (world 41011, scored once with local-kie-0.43, then fixed)


def test_norwegian_vat_table_eks_mva_column() -> None:
    """"Sats | Eks. mva | MVA | Inkl. mva" over "25% 88,00 22,00 110,00": net, tax and gross columns (not the staff
    line "Ekspeditør")."""
    assert classify_label("Eks. mva") == "subtotal" and classify_label("Ekspeditor 0319") is None
    out = run(page(("Kafé Nora",), ("Org. nr. NO 266 128 729 MVA",), ("VAFLER", ("62,00", 700)),
                   ("SKOLEBOLLE", ("48,00", 700)), ("SUM NOK", ("110,00", 700)), ("BankAxept", ("110.00", 700)),
                   ("Sats", ("Eks. mva", 300), ("MVA", 500), ("Inkl. mva", 680)),
                   ("25%", ("88,00", 300), ("22.00", 500), ("110,00", 700)), ("02.12.2024 11:13:46",)))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (88.0, 22.0, 110.0, "NOK")


def test_month_name_with_a_one_for_its_i() -> None:
    assert str(parse_date("20 me1 2025 20:58:47")) == "2025-05-20"  # the Dutch "mei"
    assert str(parse_date("3 Ju1. 2024")) == "2024-07-03"
    assert parse_date("21 1 2025") is None


# -- after the twelfth seed (world 41012, scored once with local-kie-0.44, then fixed)


def test_vat_table_header_with_the_tax_column_last_labels_no_total() -> None:
    """"Taux ‖ TTC ‖ TVA" over "8.1% 10.95 0.82": the header's TTC made the row's last amount (the tax) a total."""
    out = run(page(("Bricolage Petit",), ("MWST-Nr. CHE-867.260.655 MWST",), ("Roman poche", ("16.15", 700)),
                   ("Shampooing", ("6.45", 700)), ("Stylo bille", ("4.50", 700)), ("TOTAL CHF", ("27.10", 700)),
                   ("ESPECES", ("100.00", 700)), ("A RENDRE", ("72.90", 700)),
                   ("Taux", ("TTC", 500), ("TVA", 700)), ("8.1%", ("10.95", 500), ("0.82", 700)),
                   ("2.6%", ("16.15", 500), ("0.41", 700)), ("25.12.2024 14:44:31",)))
    assert (out["total"], out["tax_amount"]) == (27.1, 1.23)


def test_zero_rate_vat_line_is_no_tax_when_the_subtotal_includes_it() -> None:
    """"Sub Total 69.24 / Rounding 0.01 / TOTAL DUE 69.25 / VAT incl 23% 7.04 / VAT incl 0% 0.00": total − subtotal
    is the rounding, which the 0.00 line "fitted"; the subtotal is the gross, so no net either."""
    rows = [("Wilson Unlimited Company",), ("VAT No: IE0706143Z",), ("Red Wine 75cl", ("22.47", 700)),
            ("Cheddar", ("46.77", 700)), ("Sub Total", ("69.24", 700)), ("Rounding", ("0.01", 700)),
            ("TOTAL DUE", ("69.25 €", 700)), ("CASH", ("100.00", 700)), ("Change", ("30.75", 700)),
            ("VAT incl 23%", ("7.04", 700)), ("VAT incl 0%", ("0.00", 700))]
    out = run(page(*rows))
    assert (out["total"], out["tax_amount"], out["subtotal"]) == (69.25, 7.04, None)


# -- after the fourteenth seed (world 41014, scored once with local-kie-0.47, then fixed)


def test_norwegian_org_number_and_a_space_grouped_vat_table_row() -> None:
    """"Org. nr. NO 842 567 189 MVA" says kroner even beside "Pizzeria Napoli" (a city of the euro area) and "0slo";
    "25% 1 227.20 306,80 1 534,00" under "MVAS ‖ Grunnlag ‖ MVA ‖ Inkl. mva": the net is 1 227.20, not 227.20."""
    assert detect_currency("Pizzeria Napoli 0252 0slo Org. nr. NO 842 567 189 MVA A BETALE 1 534,00") == "NOK"
    out = run(page(("Pizzeria Napoli",), ("Karlsen Restaurant DA",), ("0252 0slo",),
                   ("Org. nr. NO 842 567 189 MVA",), ("4 KJØTTKAKER", ("956,00", 700)), ("BURGER", ("350,00", 700)),
                   ("PIZZA", ("228,00", 700)), ("A BETALE", ("1 534,00", 700)), ("BankAxept", ("1 534,00", 700)),
                   ("MVAS", ("Grunnlag", 250), ("MVA", 450), ("Inkl. mva", 600)),
                   ("25%", ("1 227.20", 230), ("306,80", 450), ("1 534,00", 640)), ("Dato: 01.05.2024 Tid: 22.25",)))
    assert (out["currency"], out["subtotal"], out["tax_amount"], out["total"]) == ("NOK", 1227.2, 306.8, 1534.0)


def test_subtotal_below_the_total_by_only_the_rounding_is_the_gross() -> None:
    """"SUBTOTAL 309,94 / Øreafrunding 0,06 / AT BETALE kr 310,00 / Moms udgør 25% 61,99": no net printed."""
    out = run(page(("Dagligvarer Handel I/S",), ("CVR 20436161",), ("RUGBRØD", ("66,00", 700)),
                   ("TOMATER", ("243,94", 700)), ("SUBTOTAL", ("309,94", 700)), ("Øreafrunding", ("0,06", 700)),
                   ("AT BETALE kr", ("310,00", 700)), ("KONTANT", ("500,00", 700)), ("Byttepenge", ("190,00", 700)),
                   ("Moms udgør 25%", ("61,99", 700)), ("16.09.2024 09:26:08",)))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (None, 61.99, 310.0, "DKK")


# -- after the sixteenth seed (world 41016, scored once with local-kie-0.49, then fixed)


def test_place_in_a_shop_name_says_no_currency_and_an_hour_is_no_year() -> None:
    """"Pizzerie Napoli" in Prague is no euro evidence; "01/03/ 14:06:05" (the year lost) is no date of 2014; the
    first line item over its quantity line ("LED LAMP" / "2 x 4,95 9,90") is no merchant."""
    assert detect_currency("Pizzerie Napoli Pokorný Gastro a.s. 120 00 Praha 2 IČO 72975388 CELKEM 285,00") == "CZK"
    assert detect_currency("Restaurant Le Paris 75001 Paris SIRET 123") == "EUR"
    assert detect_currency("BAR EUR 20,00") == "EUR"
    assert parse_date("01/03/ 14:06:05 Bonnr. 3.571") is None
    assert str(parse_date("DATE: 12/03/18 10:22")) == "2018-03-12"
    out = run(page((("Huishoudwinkel Janssens", 40),), ("Kalverstraat 168",), ("3511 LN Utrecht",),
                   ("BTW-nr: NL502560606B01",), ("LED LAMP",), ("2 x 4,95", ("9,90", 700)),
                   ("SCHRIFT A4", ("2,59", 700)), ("SUBTOTAAL", ("12,49", 700)), ("Te betalen", ("12,49 €", 700)),
                   ("01/03/ 14:06:05 Bonnr. 3.571",)))
    assert out["merchant"] == "Huishoudwinkel Janssens" and out["date"] is None


# -- found in the earlier world seeds' merchant misses (stop 27)


@pytest.mark.parametrize("staff", ["Vendeur Karim Caisse 10", "Vendeur #10 Caisse 7", "Vendeur 6747"])
def test_salesperson_on_a_till_receipt_is_no_seller_block(staff: str) -> None:
    """"Vendeur" on a French till receipt is the salesperson and their till, not the seller party of an invoice: the
    merchant stays the shop's header, not "Karim Caisse 10" nor the line item under "Vendeur 6747"."""
    out = run(page(("Bricolage Garnier",), ("209 rue des Lilas",), ("75011 PARIS",), ("SIRET 729 341 102 72041",),
                   ("ven. 6 juin 2025 10h04",), (staff,), ("CAFE MOULU 250G", ("5,29", 700)),
                   ("TOTAL", ("5,29", 700))))
    assert out["merchant"] == "Bricolage Garnier"


def test_share_capital_after_a_french_legal_name_is_not_part_of_it() -> None:
    """"SAS Pizzeria Restauration au capital de 50 000 €" names "SAS Pizzeria Restauration"."""
    out = run(page(("SAS Pizzeria Restauration au capital de 50 000 €",), ("10, avenue Foch",), ("75016 Paris",),
                   ("TOTAL", ("23,50", 700))))
    assert out["merchant"] == "SAS Pizzeria Restauration"


# -- after the twentieth seeds (world 41020, invoices 7602; scored once, then fixed)


def test_salesperson_first_name_marktplatz_shop_and_a_vat_row_of_amounts_in_one_span() -> None:
    """"Vendeur Julie" (a label word running on into one first name) is the salesperson; "MARKTPLATZ Richter" with
    no house number is a shop, not the street; "2251,79 270,21" read as one span is two amounts of a VAT table."""
    out = run(page(("Epicerie Robert",), ("Avenue de la Gare 137",), ("1950 Sion",), ("TOTAL CHF", ("47.20", 700)),
                   ("09.07.2024 07:11:24",), ("Vendeur Julie",), ("A CONSERVER",)))
    assert out["merchant"] == "Epicerie Robert"
    out = run(page(("MARKTPLATZ Richter",), ("Inh. Stefan Richter",), ("Landstraße 191",), ("5020 Salzburg",),
                   ("SUMME EUR", ("31,14", 700)), ("08.09.2025 10:11",)))
    assert out["merchant"] == "MARKTPLATZ Richter"
    out = run(page(("Kavárna U Mostu",), ("IČO 72975388",), ("CELKEM", ("2522,00", 700)),
                   (("DPH %", 20), ("Bez DPH", 240), ("DPH", 400), ("S DPH", 520)),
                   (("B=12%", 20), ("2251,79 270,21", 240), ("2522,00", 520)), ("Datum: 22.03.25 19:48:21",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (2251.79, 270.21, 2522.0)


def test_invoice_header_with_lost_spaces_and_a_buyer_name_glued_to_another_column() -> None:
    """"TM TalleresMonteroS.L.U. FACTURA" is "Talleres Montero S.L.U."; "06/02/2024 Serwis Komputerowy Zieliński
    S.A." (the issue date's column read into the buyer's, under "FACTURAR A") is no seller."""
    out = run(page(("TM TalleresMonteroS.L.U. FACTURA",), ("Polígono Las Lomas, nave 4 · 46002 Valencia",),
                   ("Nº factura 77978", ("FACTURAR A", 600)),
                   ("Fecha de emisión", ("06/02/2024", 300), ("Serwis Komputerowy Zieliński S.A.", 600)),
                   ("Fecha de pedido 17/01/2024", ("al. Jerozolimskie 65", 600)), ("Concepto Cantidad Importe",),
                   ("Base imponible", ("5.829,88", 700)), ("IVA 0%", ("0,00", 700)),
                   ("Total a pagar EUR", ("5.829,88", 700))))
    assert out["merchant"] == "Talleres Montero S.L.U."


def test_salesperson_first_name_with_another_column_on_its_row() -> None:
    """"Vendeur Julie ‖ 09:41": the label's own colon decides, not the row's last span (which once raised)."""
    out = run(page(("Epicerie Robert",), ("Avenue de la Gare 137",), ("TOTAL CHF", ("47.20", 700)),
                   ("Vendeur Julie", ("09:41", 700)), ("Merci de votre visite",)))
    assert out["merchant"] == "Epicerie Robert" and out["total"] == 47.2


# -- after the twenty-first seeds (world 41021, styles 15153, scored once with local-kie-0.52, then fixed)


def test_glued_czech_payable_label_and_the_dutch_three_letter_march() -> None:
    """"Kúhradě 802,00" (the space of "K úhradě" lost) is the amount payable after the rounding, not the subtotal
    above it; "18 maa 2025" is a date (Dutch tills abbreviate maart to its first three letters)."""
    assert classify_label("Kúhradě") == "total_strong"
    assert str(parse_date("18 maa 2025 10:29")) == "2025-03-18"
    out = run(page(("Zelenina Tereza",), ("DIČ: CZ24471916",), ("PIVO 0,5L",), ("3 x 18,00", ("54,00 A", 700)),
                   ("Mezisoučet", ("802,38", 700)), ("Haléřové vyrovnání", ("-0,38", 700)),
                   ("Kúhradě", ("802,00", 700)), ("Přijato hotově", ("1 000,00", 700)), ("VRÁCENO", ("198,00", 700)),
                   ("Datum: 17.05.24 16:01:56",)))
    assert out["total"] == 802.0


def test_misread_total_repaired_by_the_vat_tables_gross_column_and_the_card_payment() -> None:
    """"SUMME 39,19" where the card paid 39,10 and the table's "brutto" column adds up to 39,10 (18,30 + 20,80):
    two sources agree on one digit's slip, so the total is 39,10."""
    out = run(page(("Eiscafé Venezia",), ("UID:ATU25589331",), ("Tisch 31 Gäste: 3",),
                   ("SUMME", ("39,19", 700)), ("Bankomat", ("39,10", 700)),
                   (("MwSt%", 20), ("brutto", 500), ("USt", 700)),
                   (("A=20%", 20), ("18,30", 500), ("3,05", 700)), (("B=10%", 20), ("20,80", 500), ("1,89", 700)),
                   ("12.04.2024 16:16:10",)))
    assert (out["total"], out["tax_amount"]) == (39.1, 4.94)


def test_vat_table_header_whose_percent_sign_was_read_as_a_number() -> None:
    """"96 Excl. BTW/TVA Totaal" (the "%" column's header read "96") still heads the VAT table below it."""
    out = run(page(("Bio Boerderijwinkel",), ("TVA BE 0276.783.391",), ("27/11/2024 12:36:32",),
                   ("Subtotaal", ("81,71", 700)), ("Waardebon", ("-2,00 B", 700)), ("TOTAAL / TOTAL", ("79,71 €", 700)),
                   ("Pinbetaling", ("79,71", 700)),
                   (("96", 20), ("Excl.", 300), ("BTW/TVA", 420), ("Totaal", 600)),
                   (("A=21,0%", 20), ("12,95", 300), ("2,72", 440), ("15,67", 600)),
                   (("B=6,0%", 20), ("60,42", 300), ("3,62", 440), ("64,04", 600)),
                   (("Totaal", 20), ("73,37", 300), ("6,34", 440), ("79,71", 600))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (73.37, 6.34, 79.71)


# -- after the twenty-second seeds (world 41022, invoices 7604, scored once with local-kie-0.53, then fixed)


def test_portuguese_vat_table_whose_with_vat_header_was_read_with_the_tax_column() -> None:
    """"Taxa ‖ Incidência ‖ IVA Valor c/IVA": "c/IVA" (with VAT) heads the gross column even read in one span
    with "IVA"; and "Café Restaurante 0 Cantinho" is "… O Cantinho"."""
    out = run(page(("Café Restaurante 0 Cantinho",), ("NIPC 559943577",), ("Data: 2025-06-28 10:28:33",),
                   ("IMPERIAL", ("1,40 A", 700)), ("COUVERT", ("3,00 B", 700)), ("TOTAL", ("4,40", 700)),
                   (("Taxa", 20), ("Incidência", 300), ("IVA Valor c/IVA", 450)),
                   (("A=23%", 20), ("1,14", 300), ("0,26", 450), ("1,40", 640)),
                   (("B=13%", 20), ("2,65", 300), ("0,35", 450), ("3,00", 640)),
                   (("Total", 20), ("3,79", 300), ("0.61", 450), ("4,40", 640)), ("Multibanco", ("4,40", 700))))
    assert (out["merchant"], out["subtotal"], out["tax_amount"], out["total"]) == (
        "Café Restaurante O Cantinho", 3.79, 0.61, 4.4)


def test_austrian_vat_number_says_euro() -> None:
    """"UID-Nr. ATU49978547" (Austria's VAT number: "ATU" and eight digits) is EUR evidence."""
    assert detect_currency("Technik-Eck Landstraße 233 9020 Klagenfurt UID-Nr. ATU49978547 SUMME 47,19") == "EUR"


# -- after the twenty-sixth seeds (world 41026, cyr 31026, scored once with local-kie-0.59, then fixed)


def test_a_country_named_before_a_venue_word_is_no_currency_evidence() -> None:
    """"Bella Italia Trattoria" in London (no £ printed): "Italia" names the cuisine, not the euro; London says GBP."""
    assert detect_currency("Bella Italia Trattoria\nWilliams Limited\n209 Market Street\nLondon SW1A 1AA\n"
                           "BALANCE DUE 53.78") == "GBP"
    assert detect_currency("Trattoria Roma\nVia Roma 1\nMilano\nTOTALE 12,00") == "EUR"


def test_a_legal_form_alone_on_the_row_below_the_name_joins_it() -> None:
    """"Versmarkt Handelsonderneming" / "V.O.F.": the legal form wrapped to its own row belongs to the name."""
    out = run(page(("Versmarkt Handelsonderneming",), ("V.O.F.",), ("Stationsplein 156",), ("2511 CV Den Haag",),
                   ("YOGHURT 1L", ("1,99", 700)), ("TOTAAL", ("1,99", 700)), ("PIN", ("1,99", 700)),
                   ("15-04-2024 10:12",)))
    assert out["merchant"] == "Versmarkt Handelsonderneming V.O.F."


def test_danish_vat_table_whose_incl_header_was_read_inkd() -> None:
    """"Sats ‖ Ekskl. moms ‖ Moms ‖ Inkd. moms": the last column is still the gross (an "l" read as "d"), so
    "Moms" is the one tax column."""
    out = run(page(("Nielsen Dagligvarer A/S",), ("CVR 55008048",), ("SKYR", ("288,10", 700)),
                   ("Subtotal", ("288,10", 700)), ("Afrunding", ("-0.10", 700)), ("AT BETALE DKK", ("288,00", 700)),
                   ("Kontant", ("288,00", 700)),
                   (("Sats", 250), ("Ekskl. moms", 353), ("Moms", 514), ("Inkd. moms", 590)),
                   (("25%", 246), ("230,48", 404), ("57,62", 512), ("288,10", 624)), ("Dato: 13/09/24 Tid:15:53:12",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (230.48, 57.62, 288.0)


def test_a_speck_read_as_a_grouping_dot_in_the_total() -> None:
    """"Totalt 2.14,00 kr" (214,00 with a speck read as "."): the total, which cash − change and the VAT table's
    gross column confirm; the table's net column is the subtotal."""
    assert parse_amount("Totalt 2.14,00 kr") == 214.0
    assert parse_amount("1.234,56") == 1234.56 and parse_amount("123.45,60") is None
    out = run(page(("Johansson Restaurang HB",), ("Momsreg.nr SE230293250401",), ("Vin glas", ("98,00 A", 700)),
                   ("4 × 29,00", ("116,00 B", 700)), ("Totalt", ("2.14,00 kr", 700)), ("Kontanter", ("500,00", 700)),
                   ("Växel", ("286,00", 700)),
                   (("Moms%", 20), ("Netto", 300), ("Moms", 450), ("Brutto", 620)),
                   (("A=25%", 20), ("78,40", 300), ("19,60", 450), ("98,00", 620)),
                   (("B=12%", 20), ("103,57", 300), ("12,43", 450), ("116,00", 620)), ("25-10-17 20:01",)))
    assert (out["total"], out["subtotal"], out["tax_amount"]) == (214.0, 181.97, 32.03)


def test_review_stray_dot_and_venue_rules_stay_narrow() -> None:
    """Review of stop 29: a day and a month before a decimal comma ("14.11,23", "10.05,24") are no amount, nor a
    leading zero ("0.50,00"); a place that ends one span before a venue word that starts the next says its currency
    ("Berlin" / "Restaurant-Rechnung"); a currency word before a venue word is evidence ("Euro Café")."""
    assert parse_amount("14.11,23") is None and parse_amount("10.05,2024") is None
    assert parse_amount("0.50,00") is None and parse_amount("3.12,5") is None
    assert detect_currency("Musterstr. 1, 10115 Berlin\nRestaurant-Rechnung") == "EUR"
    assert detect_currency("London\nCafé Nero") == "GBP"


# -- the twenty-ninth round (world 41028, scored once with local-kie-0.62)


def test_swiss_receipt_abbreviated_subtotal_coupon_and_chf_read_ch() -> None:
    """A Swiss till receipt: "Zw.-Summe 38.45" (Zwischensumme abbreviated) before a coupon is not the total;
    "TOTAL CH 35.45" (the F of CHF lost) is. No "CHF" left, but Basel, the CHE- company id and the 8.1 % VAT rate
    say francs against one "GmbH"."""
    assert classify_label("Zw.-Summe") == "subtotal" and classify_label("Zw. Total") == "subtotal"
    assert detect_currency("MWST 1=8.1% 18.40 1.38") == "CHF" and detect_currency("MwSt 19% 1.38") is None
    out = run(page(("Baumarkt Hofer",), ("Hofer GmbH",), ("Seestrasse 194",), ("4051 Basel",),
                   ("MWST-Nr. CHE-259.084.553 MWST",), ("Akku-Batterien AA 4er", ("12.10 1", 480)),
                   ("Kalender 2025", ("17.05 2", 480)), ("Shampoo", ("9.30 1", 490)), ("2 × 4.65",),
                   ("Zw.-Summe", ("38.45", 510)), ("Coupon", ("-3.00 1", 485)), ("TOTAL CH", ("35.45", 520)),
                   ("Gegeben Bar", ("100.00", 500)), ("Zurück", ("64.55", 510)),
                   ("Satz", ("brutto", 320), ("MWST", 525)), ("1=8.1%", ("18.40", 340), ("1.38", 527)),
                   ("2=2.6%", ("17.05", 340), ("0.43", 527)), ("12.06.24 09:37", ("Bon-Nr, 0459", 410))))
    assert (out["total"], out["currency"]) == (35.45, "CHF")


def test_uk_pub_bill_service_charge_at_a_rate_is_not_the_tax() -> None:
    """"SUB-TOTAL 51.60 / Optional service 12.5% 6.45 / Total 58.05" and no VAT line: the service charge is exactly
    total − subtotal and prints a rate, but it is not a tax (nor is a tip or gratuity at a rate)."""
    out = run(page(("The Wilson Arms",), ("Wilson Ltd",), ("Unit 23 Riverside Retail Park",), ("Bristol BS1 4DJ",),
                   ("CHEESEBURGER", ("14.50", 600)), ("FISH & CHIPS", ("13.50", 600)),
                   ("SUB-TOTAL", ("51.60", 600)), ("Optional service 12.5%", ("6.45", 600)),
                   ("Total", ("58.05", 600)), ("VISA DEBIT", ("58.05", 600)), ("31/08/2024 14:20 Trans 7647",)))
    assert (out["total"], out["tax_amount"]) == (58.05, None)


# -- the thirtieth round (world 41030, styles 15162, scored once with local-kie-0.68)


def test_german_receipt_total_savings_line_is_not_the_total() -> None:
    """"Gesamtersparnis 0,94 €" (total savings) under the TSE block is no total, however "Gesamt…" it starts; nor
    its kin in other languages."""
    for text in ("Gesamtersparnis", "Ihre Ersparnis", "Sie sparen", "Économie réalisée", "Hai risparmiato",
                 "Ahorro total", "Uw voordeel", "Ваша экономия"):
        assert classify_label(text) == "ignore", text
    out = run(page(("MARKTPLATZ Fischer",), ("10115 Berlin",), ("PILS 0,5L", ("1,69 A", 600)),
                   ("SOFORTRABATT", ("0,94- B", 600)), ("Summe EUR", ("21,73", 600)), ("BAR", ("22,00", 600)),
                   ("Zurück", ("0,27", 600)), ("enthaltene MwSt A=19%", ("0,46", 600)),
                   ("enthaltene MwSt B=7%", ("1,23", 600)), ("29.05.2024 17:51",), ("Bon-Nr. 2975.642 Kasse 7",),
                   ("Gesamtersparnis", ("0,94 €", 600)), ("Punkte für diesen Einkauf: 67",)))
    assert (out["total"], out["tax_amount"]) == (21.73, 1.69)


def test_spanish_vat_table_header_with_its_space_lost() -> None:
    """"TIPO BASEIMPONIBLE CUOTA" (the space of "BASE IMPONIBLE" lost): still the net column of the VAT table."""
    out = run(page(("SUPERMERCADOS Fernández",), ("Fernández Comercial S.L.",), ("Fecha: 07/06/2024",),
                   ("ACEITE OLIVA VIRGEN 1L", ("7,79", 600)), ("TOTAL A PAGAR", ("55,60", 600)),
                   ("TIPO", ("BASEIMPONIBLE", 300), ("CUOTA", 560)), ("21,00%", ("12,29", 330), ("2,58", 570)),
                   ("10,00%", ("1,85", 340), ("0,19", 570)), ("4,00%", ("37,20", 330), ("1,49", 570)),
                   ("Efectivo", ("56,00", 600))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (51.34, 4.26, 55.6)


def test_vat_table_marker_word_does_not_join_a_tax_word_a_column_away() -> None:
    """"S ‖ Excl. ‖ BTW" (the "%" read "S") over "C=12% ‖ 43.93 ‖ 5.27": "S" and "BTW" are two columns apart, not
    one "S BTW" header; the net is 43.93 and the tax 5.27."""
    out = run(page(("Brasserie Het Plein",), ("BTW-nr: BE0607.841.301",), ("TOSTI HAM KAAS", ("6,30 C", 600)),
                   ("TOTAAL", ("49,20 €", 600)), ("Kontant", ("49.20", 600)), ("S", ("Excl.", 446), ("BTW", 670)),
                   ("C=12%", ("43.93", 445), ("5.27", 658)), ("23/08/2024 19:12",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (43.93, 5.27, 49.2)


def test_norwegian_rounding_to_whole_crowns_is_not_a_misread_total() -> None:
    """"Delsum 390,10 / Øreavrunding -0,10 / Å betale 390,00" over a VAT table summing to 390,10: the amount to pay
    is net + tax then the rounding (Norwegian spells it "avrunding"; crowns round by up to 0,50), not a slip for
    390,10."""
    assert classify_label("Øreavrunding") == "rounding"
    out = run(page(("Jernvare Hansen",), ("Hansen ASA",), ("7011 Trondheim",), ("Org.nr: 333 000 028 MVA",),
                   ("Skrutrekker", ("96,00", 600)), ("Pocketbok", ("127,00", 600)), ("Delsum", ("390,10", 600)),
                   ("Øreavrunding", ("-0,10", 600)), ("A betale", ("390,00 kr", 580)), ("Kontant", ("500,00", 600)),
                   ("Tilbake", ("110,00", 600)), ("MVA%", ("Netto", 250), ("MVA", 400), ("Inkl. mva", 530)),
                   ("25%", ("312,08", 250), ("78,02", 400), ("390,10", 560)), ("25.06.2024 16:44",)))
    assert (out["total"], out["subtotal"], out["tax_amount"]) == (390.0, 312.08, 78.02)


def test_review_stop_30_rules_stay_narrow() -> None:
    """Review of stop 30: each new rule probed with strings it must leave alone. A code glued to an amount in
    another format still counts ("CHF1'234.50", "EUR1 250,00", "CHF1.-"); "Bröd" after a price is no Belarusian
    "Br"; a US sales tax of 7.7 % is no Swiss VAT; savings banks and an "economy" item are no savings line; a
    service tax whose tax word the OCR garbled is still the tax; inclusive writing ("usager·e·s") is no sender line;
    a header sharing only the brand with the footer's company keeps its own name."""
    assert detect_currency("Total CHF1'234.50") == "CHF" and detect_currency("Total EUR1 250,00") == "EUR"
    assert detect_currency("Betrag CHF1.-") == "CHF"
    assert detect_currency("Mjölk 15,90\nBröd 29,50") is None
    assert detect_currency("Tax rate 7.70 % Houston, TX 77001") == "USD"
    for text in ("Tarjeta Caja de Ahorros", "Pagamento Cassa di Risparmio"):
        assert classify_label(text) == "cash", text
    assert classify_label("PKO Powszechna Kasa Oszczędności") is None and classify_label("Экономичный пакет") is None
    out = run(page(("Restoran Selera",), ("Selera Sdn Bhd",), ("Nasi Lemak", ("10.00", 600)),
                   ("Teh Tarik", ("3.00", 600)), ("Sub Total", ("13.00", 600)), ("SERVICE TAK 6%", ("0.78", 600)),
                   ("Total", ("13.78", 600))))
    assert (out["total"], out["tax_amount"]) == (13.78, 0.78)
    out = run(page(("Association des usager·e·s du vélo, 12 rue Oberkampf, 75011 Paris",),
                   ("Atelier Vélo Solidaire SARL",), ("Facture n° 2024-12",), ("Date : 12/03/2024",),
                   ("Réparation", ("45,00", 800)), ("Total TTC", ("45,00", 800))))
    assert out["merchant"] == "Atelier Vélo Solidaire SARL"
    out = run(page(("MediaMarkt Zürich AG",), ("Bahnhofstrasse 12",), ("8001 Zürich",), ("Artikel", ("12.50", 600)),
                   ("Total", ("12.50", 600)), ("MediaMarkt AG · Media-Saturn-Holding",)))
    assert out["merchant"] == "MediaMarkt Zürich AG"


# -- after the thirty-third seeds (world 41033, scored once with local-kie-0.72)


def test_vat_table_whose_excl_header_was_read_exct() -> None:
    """"号 ‖ Exct. ‖ BTW" (the "%" read as a CJK sign, "Excl." with its l read t) over two rate rows: the net
    column is still the net; subtotal and tax are both rows' sums."""
    out = run(page(("Bakkerij Smit",), ("Dorpsstraat 6",), ("9711 LM Groningen",), ("APPELTAART", ("4,00", 700)),
                   ("TOTAAL", ("66.80", 700)), ("PIN", ("66,80", 700)), (("号", 20), ("Exct.", 300), ("BTW", 500)),
                   (("21%", 20), ("4.79", 300), ("1,01", 500)), (("9%", 20), ("55,96", 300), ("5,04", 500)),
                   ("Datum: 28/10/2024 Tijd: 11:39",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (60.75, 6.05, 66.8)


def test_venue_name_read_as_two_boxes_is_still_one_name_for_the_currency() -> None:
    """"Bella Italia ‖ Trattoria" (one printed row, two OCR boxes) in Glasgow: a restaurant's name, not Italy; the
    rules read the page row by row, so the venue rule sees the whole name and the pound's evidence decides."""
    out = run(page(("Bella Italia", ("Trattoria", 400)), ("Wilson Limited",), ("111 High Street",),
                   ("Glasgow G1 2FF",), ("VAT NO. GB089725532",), ("PASTA SPECIAL", ("31.00 S", 700)),
                   ("Total", ("78.08", 700)), ("Incl. VAT 20.00%", ("11.57", 700)), ("6 May 2024 20:07:50",)))
    assert out["currency"] == "GBP"


def test_portuguese_ids_say_euro() -> None:
    """A Portuguese till receipt prints no "€": its NIPC, ATCUD code, "Lda." and Coimbra say where it is from."""
    assert detect_currency("Fernandes Unipessoal Lda.\nRua Direita, 104\n3000-150 Coimbra\nNIPC 567832534\n"
                           "ATCUD: DFQM1019-21302\nTOTAL 31,50") == "EUR"


# -- after the thirty-fifth seeds (world 41035, receipts 6317, styles 15167; scored once with local-kie-0.75)


def test_initials_logo_rm_is_no_ringgit() -> None:
    """"RM ‖ Reyes & Miller Co. ‖ INVOICE" in Portland, OR: the logo's initials, not Malaysian ringgit; "RM 12.00"
    and "Amount (RM)" still are."""
    assert detect_currency("RM Reyes & Miller Co. INVOICE\n38 Commerce Drive\nPortland, OR 97205\nTOTAL $ 7,468.00") \
        == "USD"
    assert detect_currency("TOTAL RM 12.00") == "MYR"
    assert detect_currency("Amount (RM)\nTotal 12.00") == "MYR"


def test_belgian_vat_number_and_cities_say_euro() -> None:
    assert detect_currency("Lefèvre Restauration BV\nRue de la Gare 22\n4000 Liège\nTVA BE 0636.416.690\n"
                           "TOTALTTC 79,00") == "EUR"
    assert detect_currency("BTW BE0636.416.690\nTOTAAL 12,00") == "EUR"


@pytest.mark.parametrize(("label", "amount", "expected"), [("Incl. VAT", "7.86", 7.86), ("Includes GST", "5.43", 5.43),
                                                           ("Incl. VAT", "59.70", None)])
def test_tax_included_in_the_total_printed_without_a_rate(label: str, amount: str, expected: float | None) -> None:
    """"Incl. VAT ‖ 7.86" under "TOTAL ‖ 59.70" (an Irish till): the tax the total includes. The same words with the
    total's own amount (a Malaysian "INCL GST" total line) are no tax."""
    out = run(page(("Café Bianco",), ("5 Main Street",), ("Dublin 8",), ("PASTA SPECIAL", ("16.50 R", 700)),
                   ("TOTAL", ("59.70", 700)), ("Cash Tendered", ("100.00", 700)), ("CHANGE", ("40.30", 700)),
                   (label, (amount, 700)), ("04/04/25 08:36",)))
    assert (out["total"], out["tax_amount"]) == (59.7, expected)


def test_sales_tax_with_its_a_read_e_and_a_vat_header_with_mwst_read_mhust() -> None:
    assert classify_label("SelesTax 5.6251") == "tax"
    out = run(page(("Naturkost Hofmann e.K.",), ("Marktplatz 3, 93047 Regensburg",), ("Duschgel", ("51,72 € A", 700)),
                   ("zu zahlen", ("98,25 €", 700)), ("Kartenzahlung", ("98,25", 700)),
                   (("MwSt", 20), ("Netto", 250), ("MhuSt", 450), ("Brutto", 650)),
                   (("19%", 20), ("82,56", 250), ("15,69", 450), ("98,25", 650)), ("25.04.25 16:38",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (82.56, 15.69, 98.25)


# -- after the thirty-seventh seeds (world 41037, scored once with local-kie-0.77)


def test_amount_column_slid_one_row_down_on_a_photo() -> None:
    """"Subtotal" with no amount, then each amount one row below its label ("SALES TAX 10.98", "TOTAL 0.88", "CASH
    11.86", "CHANGE DUE 11.86", "# ITEMS SOLD 2 0.00"): read as printed the bill contradicts itself; shifted up one
    row it adds up twice (10.98 + 0.88 = 11.86, 11.86 − 11.86 = 0.00), so that is the reading."""
    out = run(page(("QuickMart",), ("200 Market St",), ("Philadelphia, PA 19107",), ("07/20/24 16:14",),
                   ("LED BULB",), ("2 x 5.49", ("10.98 T", 700)), ("Subtotal",), ("SALES TAX", ("10.98", 700)),
                   ("TOTAL", ("0.88", 700)), ("CASH", ("11.86", 700)), ("CHANGE DUE", ("11.86", 700)),
                   ("# ITEMS SOLD 2", ("0.00", 700)), ("Thank you for shopping with us!",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (10.98, 0.88, 11.86)


def test_a_bill_in_its_place_is_not_shifted() -> None:
    """A "Subtotal" printed without an amount (a blank line of the till's) over a bill that adds up as printed: no
    shift. And a shift that would not add up twice is not taken."""
    out = run(page(("QuickMart",), ("Subtotal",), ("SUBTOTAL", ("10.98", 700)), ("SALES TAX", ("0.88", 700)),
                   ("TOTAL", ("11.86", 700)), ("CASH", ("20.00", 700)), ("CHANGE DUE", ("8.14", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (10.98, 0.88, 11.86)
    out = run(page(("QuickMart",), ("Subtotal",), ("SALES TAX", ("10.98", 700)), ("TOTAL", ("0.88", 700)),
                   ("Thank you",)))
    assert out["total"] == 0.88  # nothing confirms a shift: the page as printed


def test_at_sign_read_as_a_euro_sign_between_quantity_and_price() -> None:
    """"4€26.50", "2 € 15.50" on an Australian bill: a quantity's "@" read as "€", no euro; "26,50 €" and "€26.50"
    still are."""
    assert detect_currency("Perth WA 6000\nABN 49 548 678 295\nFish & Chips 106.00\n4€26.50\n2 € 15.50\n"
                           "Total 203.50") == "AUD"
    assert detect_currency("Total 26,50 €") == "EUR" and detect_currency("€26.50") == "EUR"


def test_amount_column_risen_one_row_on_a_photo() -> None:
    """"136,02 €" alone, then "TOTALE 150,00", "Contanti 13,98", "Resto" with nothing: each amount one row above its
    label; shifted down one row, cash − total = change holds (150,00 − 136,02 = 13,98), so that is the reading.
    Where no cash line confirms it, the page is read as printed."""
    out = run(page(("Alimentari Bianchi",), ("Via Garibaldi 21, 10122 Torino",), ("Mozzarella", ("61,77 € A", 700)),
                   ("3 × 20,59",), (("136,02 €", 700),), ("TOTALE", ("150,00", 700)), ("Contanti", ("13,98", 700)),
                   ("Resto",), ("09/06/2025 14:16",)))
    assert out["total"] == 136.02
    out = run(page(("Alimentari Bianchi",), ("Mozzarella", ("61,77 € A", 700)), (("136,02 €", 700),),
                   ("TOTALE", ("150,00", 700)), ("Resto",), ("09/06/2025 14:16",)))
    assert out["total"] == 150.0


def test_a_vat_tables_sum_row_under_a_bill_word_is_no_total() -> None:
    """A Swiss till: "Steuer ‖ Brutto ‖ MWST" over its rate rows and "Summe ‖ 27.92 ‖ 1.35": the last amount of
    "Summe" is the tax column's sum, not the bill; "Zurück" (change) makes cash − change the total after rounding."""
    out = run(page(("FRISCHEMARKT",), ("Marktgasse 62",), ("EIER FREILAND 10ER", ("17.10", 700)),
                   ("TOILETTENPAPIER 8X", ("13.00", 700)), ("ZWISCHENSUMME", ("27.92", 700)),
                   ("Rundung", ("-0.02", 700)), ("Total CHF", ("27.90", 700)), ("Bar", ("28.00", 700)),
                   ("Zurück", ("0.10", 700)), ("Steuer", ("Brutto", 450), ("MWST", 700)),
                   ("8.1%", ("13.00", 450), ("0.97", 700)), ("2.6%", ("14.92", 450), ("0.38", 700)),
                   ("Summe", ("27.92", 450), ("1.35", 700)), ("Datum: 29.10.2024",)))
    assert (out["total"], out["tax_amount"]) == (27.9, 1.35)
    assert classify_label("Zurück") == "change" and classify_label("Zurück zum Shop") != "change"


def test_a_vat_table_header_with_mwst_read_mst() -> None:
    """An Austrian till's "Steuer ‖ Netto ‖ MSt ‖ Brutto" (its w lost): still the tax column."""
    out = run(page(("FRISCHE OASE",), ("ORANGENSAFT 1L", ("1,69 A", 700)), ("Gesamt", ("70,30 €", 700)),
                   ("Bankomat", ("70,30", 700)), ("Steuer", ("Netto", 350), ("MSt", 500), ("Brutto", 650)),
                   ("A=20%", ("16,93", 350), ("3,39", 500), ("20,32", 650)),
                   ("B=10%", ("45,44", 350), ("4,54", 500), ("49,98", 650)),
                   ("Summe", ("62,37", 350), ("7,93", 500), ("70,30", 650))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (62.37, 7.93, 70.3)


def test_a_rupee_sign_read_as_a_yen_sign_on_an_indian_bill() -> None:
    """"Grand Total ¥771.00" on a bill with a GSTIN and CGST / SGST: rupees. A "¥" with only "India" in a name
    (an Indian restaurant in Tokyo) stays yen."""
    out = run(page(("Annapurna Provision Store",), ("GSTIN: 27CEVKP5408X1Z1",), ("Grand Total", ("¥771.00", 700)),
                   ("CGST", ("30.89", 700)), ("SGST", ("30.89", 700))))
    assert out["currency"] == "INR"
    out = run(page(("SPICE OF INDIA",), ("Shibuya, Tokyo",), ("Total", ("¥2,400", 700))))
    assert out["currency"] == "JPY"


def test_iva_glued_before_incluido_is_a_tax_line() -> None:
    """"IVA incluido 10% 8,54" then "IVAincluido 21% 14,53" (its space lost): both VAT lines, summed."""
    assert classify_label("IVAincluido 21%") == "tax" and classify_label("MwStinkl. 19%") == "tax"
    out = run(page(("Farmacia Romero",), ("Tornillos 4x40", ("21,37 € A", 700)), ("TOTAL EUROS", ("177,68 €", 700)),
                   ("Efectivo", ("200,00", 700)), ("Cambio", ("22,32", 700)),
                   ("IVA incluido 10%", ("8,54", 700)), ("IVAincluido 21%", ("14,53", 700))))
    assert out["tax_amount"] == 23.07


def test_a_subtotal_the_included_tax_does_not_add_up_from_is_gross() -> None:
    """"SUBTOTAL 59.30 / Service charge 7.41 / TOTAL 66.71 / VAT @ 20% incl 9.88": the items' sum with the VAT in
    it, no net amount (null by the label conventions). A net that the included tax adds up from stays."""
    out = run(page(("Golden Dragon",), ("PASTA SPECIAL", ("15.00 S", 700)), ("SUBTOTAL", ("59.30", 700)),
                   ("Service charge 12.5% (discretionary)", ("7.41", 700)), ("TOTAL", ("66.71", 700)),
                   ("Contactless", ("66.71", 700)), ("VAT @ 20% incl", ("9.88", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (None, 9.88, 66.71)
    out = run(page(("Golden Dragon",), ("Net", ("49.42", 700)), ("VAT @ 20% incl", ("9.88", 700)),
                   ("TOTAL", ("59.30", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (49.42, 9.88, 59.3)


def test_amount_column_risen_one_row_over_a_card_payment() -> None:
    """"147.46" alone over "TOTAL AUD 6.32 / GST included in total 147.46 / EFTPOS": each amount one row above its
    label. No change line, but the printed reading has a tax above its total and, shifted down, the card paid
    exactly the total. Where the printed tax is below the total, the page is read as printed."""
    rows = (("Clarke's Corner Grocer",), ("BUTTER 250G", ("5.68", 700)), ("BANANAS",), (("147.46", 700),))
    out = run(page(*rows, ("TOTAL AUD", ("6.32", 700)), ("GST included in total", ("147.46", 700)), ("EFTPOS",),
                   ("THANK YOU",)))
    assert (out["total"], out["tax_amount"]) == (147.46, 6.32)
    out = run(page(*rows, ("TOTAL AUD", ("160.00", 700)), ("GST included in total", ("14.55", 700)), ("EFTPOS",),
                   ("THANK YOU",)))
    assert out["total"] == 160.0


def test_logo_initials_alone_on_the_first_line_are_no_ringgit() -> None:
    """"RM" alone on a Spanish invoice's first line, over "Reformas Montero S.L.U.": initials, not MYR. "RM" over a
    total, or after one, stays ringgit."""
    assert detect_currency("RM\nReformas Montero S.L.U. · Calle Mayor, 23 · 28010 Madrid\nTotal factura 12,00") == "EUR"
    assert detect_currency("RM\nTOTAL 12.00") == "MYR" and detect_currency("TOTAL RM 12.00") == "MYR"


def test_a_total_rounded_to_five_cents_is_no_slip_of_the_vat_tables_gross() -> None:
    """"Zwischensumme 90.96 / ZU ZAHLEN CHF 90.95" over a VAT table whose gross is 90.96: the Swiss 5-rappen
    rounding, not an OCR slip to repair."""
    out = run(page(("Landmarkt Krüger",), ("Äpfel", ("90.96", 700)), ("Zwischensumme", ("90.96", 700)),
                   ("ZU ZAHLEN CHF", ("90.95", 700)), ("MWST", ("Brutto", 450), ("MWST", 700)),
                   ("2.6%", ("90.96", 450), ("2.31", 700)), ("13.09.2024 11:26:07",)))
    assert out["total"] == 90.95


def test_danish_total_and_subtotal_with_their_space_lost_or_their_own_word() -> None:
    """"Mellemsum 217,32" (the Danish till's subtotal, before the øre rounding) and "Ialt 217,50" ("I alt" with its
    space lost): the total is the rounded "Ialt"."""
    assert classify_label("Ialt") == "total_strong" and classify_label("Mellemsum") == "subtotal"
    out = run(page(("Super Hansen",), ("Rugbrød", ("217,32", 700)), ("Mellemsum", ("217,32", 700)),
                   ("Ialt", ("217,50", 700)), ("Moms 25%", ("43,46", 700)), ("08.04.2024 11:29:24",)))
    assert out["total"] == 217.5


def test_round_61_a_slid_column_whose_bill_adds_up_with_its_rounding() -> None:
    """Round 61: "SUB-TOTAL" alone, then "Service Tax 6% 49.60", "Rounding 2.98", "Total (RM) 0.02", "Cash
    Tendered 52.60", "CHANGE DUE 53.00", "0.40": shifted up one row the bill adds up with its printed rounding
    (49.60 + 2.98 + 0.02 = 52.60) and cash − total = change, so that is the reading."""
    rows = (("Restoran Selera Kampung",), ("30-06-2025 8:17 AM",), ("CENDOL",), ("2 @ 4.80", ("9.60", 700)),
            ("CHICKEN RICE",), ("4 @ 10.00", ("40.00", 700)), ("SUB-TOTAL",), ("Service Tax 6%", ("49.60", 700)),
            ("Rounding", ("2.98", 700)), ("Total (RM)", ("0.02", 700)), ("Cash Tendered", ("52.60", 700)),
            ("CHANGE DUE", ("53.00", 700)), (("0.40", 700),), ("Thanks for your visit!",))
    out = run(page(*rows))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (49.6, 2.98, 52.6)


# -- round 67 (scored once with local-kie-1.10 and stop 36's OCR), then fixed


def test_round_67_quebecs_tvq_read_as_tvo_is_still_a_tax_line() -> None:
    """A Montréal photo: "TPS 5% 1.73" and "TVQ 3,44" with its Q read as O ("TVO"): both taxes, summed, as the
    bill says (34.50 + 1.73 + 3.44 = 39.67)."""
    assert classify_label("TVO") == classify_label("TVO 9,975%") == "tax"
    assert classify_label("TVO KIDS PUZZLE") != "tax"  # Ontario's broadcaster on a toy (from a review)
    out = run(page(("Pâtisserie Bernard",), ("Montréal, QC H2X 1Y4",), ("TPS: 176079822RT0001",),
                   ("Sous-total", ("34.50", 700)), ("TPS 5%", ("1.73", 700)), ("TVO", ("3,44", 700)),
                   ("TOTALTTC", ("39.67", 700)), ("2024-12-25 08 h 59",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (34.5, 5.17, 39.67)


@pytest.mark.parametrize("text", [
    "TVA intracom FR24 598099325",  # France: the two-character key apart from the SIREN
    "N° TVA FR 24 598 099 325",
    "TVA intracommunautaire",
    "Omzetbelastingnr. NL123456789B01",  # the Dutch "B01" tail (no word boundary after the digits)
    "NL 123456789 B01",
    "ESB12345678",  # a Spanish company's letter first
    "DE 123 456 789",  # German digits in threes (at a line's start, or after a VAT or id word)
    "USt-IdNr. DE 123 456 789",
    "TVA intracommunautaire : FR 24 598099325",
])
def test_round_67_european_vat_ids_as_printed_say_euro(text: str) -> None:
    """A French scan's total read "TOTAL A PAYER EU 29,00" (its R lost), "B0RDEAUX" with a zero: only the seller's
    VAT id "FR24 598099325" was left to say where it is."""
    assert detect_currency(f"Leroy Restauration SA\n{text}\nTOTAL A PAYER EU 29,00") == "EUR"


@pytest.mark.parametrize("text", ["Fr 12 345 678 901", "Tél : 03 08 00 10 61", "Réf. 24 598 099 325",
                                  # from a review: a freephone number, a capital or an order line's "DE", a US visa
                                  "TOLL FREE 800 123 456", "SA AU CAPITAL DE 100 000 000", "PEDIDOS DE 987 654 321",
                                  "L-1 Intracompany Transferee petition"])
def test_round_67_numbers_like_vat_ids_without_their_country_say_nothing(text: str) -> None:
    assert detect_currency(f"{text}\nTOTAL 29,00") is None


def test_round_67_a_vat_amount_glued_to_its_labels_dot() -> None:
    """"Im Betrag enthalten:19 %MwSt.9.305,69": the photo lost the space after "MwSt.", so the amount is glued to
    the label's abbreviation dot; it is the VAT. A number after "No." or "ca." stays no amount."""
    from lib.post.amounts import find_amounts

    assert [v for v, _, _ in find_amounts("Im Betrag enthalten:19 %MwSt.9.305,69")] == [9305.69]
    assert find_amounts("No.12") == find_amounts("Nr.12,50") == find_amounts("ca.12,50") == []
    assert find_amounts("MwSt.19 %") == []
    out = run(page(("Lindqvist Haustechnik GmbH & Co. KG",), ("Ausstellungsdatum", ("23. Juni 2025", 600)),
                   ("Beratung nach Aufwand", ("8", 400), ("48.977,31", 800)),
                   ("Summe netto", ("48.977,31", 800)), ("Rechnungsbetrag", ("58.283,00 €", 800)),
                   ("Im Betrag enthalten:19 %MwSt.9.305,69",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (48977.31, 9305.69, 58283.0)


def test_round_69_a_rouble_sign_read_as_a_latin_p_glued_to_its_amount() -> None:
    """Round 69 (scored once on local-kie-1.12 as a second estimate, then this fixed): a Russian invoice's
    "Итого с НДС 790,42P" (the "р" read as a Latin P, glued) was no amount, so "Остаток к оплате 0,00 р" after
    "Оплачено 790,42P" became the total. A glued P after cents is the sign; "5P", "99p" (pence), "12.50Pcs" stay
    no amounts."""
    from lib.post.amounts import find_amounts

    assert [v for v, _, _ in find_amounts("Итого с НДС 790,42P")] == [790.42]
    assert find_amounts("5P") == find_amounts("99p") == find_amounts("12.50Pcs") == []
    out = run(page(("АО «Вектор-М»",), ("Дата: «02» ноября 2025 г.",), ("Сумма без НДС", ("658,68 P", 800)),
                   ("НДС 20%", ("131,74 P", 800)), ("Итого с НДС", ("790,42P", 800)), ("Оплачено", ("790,42P", 800)),
                   ("Остаток к оплате", ("0,00 p", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (658.68, 131.74, 790.42)


# -- round 70 (scored once with local-kie-1.13 and stop 36's OCR), then fixed


def test_round_70_a_swedish_short_date_with_its_time_glued_on() -> None:
    """"25-06-1921:55:39": a Swedish till's year-first "25-06-19" with the time's space lost is 19 June 2025, not
    25 June 2019."""
    out = run(page(("Eriksson Butiks AB",), ("Momsreg.nr SE852791188701",), ("KANELBULLE", ("34,00 B", 700)),
                   ("Totalt", ("413,77 kr", 700)), ("Kort", ("413,77", 700)),
                   ("25-06-1921:55:39", ("Kvitto 5.623", 500))))
    assert (out["date"], out["total"], out["currency"]) == ("2025-06-19", 413.77, "SEK")


def test_round_70_mwst_with_its_w_lost_before_its_rate() -> None:
    """"darin enth. MSt B=19,00% ‖ 4,41" / "… MSt A=7,00% ‖ 1,31": the VAT included in the total, 5.72; "MST" as a
    time zone stays no tax word."""
    assert classify_label("darin enth. MSt B=19,00%") == classify_label("MSt 7%") == "tax"
    assert classify_label("Ankunft 12:30 MST") != "tax" and classify_label("MST 2024") != "tax"
    out = run(page(("Baumarkt Koch",), ("Koch Handels GmbH & Co. KG",), ("SCHRAUBEN-SET", ("6.79 B", 700)),
                   ("SUMME", ("47,65 €", 700)), ("V PAY", ("47.65", 700)),
                   ("darin enth. MSt B=19,00%", ("4,41", 700)), ("darin enth. MSt A=7,00%", ("1,31", 700)),
                   ("29.08.24 17:11:07",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (None, 5.72, 47.65)


def test_round_70_a_vat_table_whose_net_was_read_but_not_its_tax() -> None:
    """"IVA ‖ Base ‖ IVA ‖ Valor €/IVA" over "23,00% ‖ 25,21 ‖ 5,80 ‖ 31,01": the net came from the "Base" column,
    the tax (the row's own arithmetic: 23 % of 25.21) was left out."""
    out = run(page(("Drogaria Central",), ("Rodrigues Comércio Lda.",), ("Data:30/06/2025 09:40",),
                   ("Champô", ("3,95 A", 700)), ("TOTAL EUR", ("31,01", 700)),
                   (("IVA", 20), ("Base", 240), ("IVA", 400), ("Valor €/IVA", 520)),
                   (("23,00%", 20), ("25,21", 260), ("5,80", 400), ("31,01", 520)), ("Numerário", ("50,00", 700)),
                   ("Troco", ("18,99", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (25.21, 5.8, 31.01)


def test_round_70_a_polish_partnership_beside_its_title_and_an_invoice_number_label() -> None:
    """"Drukarnia Kowalczyk sp.k." (a limited partnership's "sp.k.") beside "FAKTURA VAT", and "Faktura nr ‖
    2025-9128" two rows down: the company is the seller, the number's label names no one."""
    from lib.kie.parties import TITLE_ONLY

    assert TITLE_ONLY.match("Faktura nr") and TITLE_ONLY.match("Invoice No.:") and not TITLE_ONLY.match("Faktura Nowak")
    out = run(page((("Drukarnia Kowalczyk sp.k.", 20), ("FAKTURA VAT", 800)), ("al. Jerozolimskie 65",),
                   (("00-950 Warszawa", 20), ("Faktura nr", 700), ("2025-9128", 900)),
                   (("Data wystawienia", 700), ("22 października 2025", 900)), ("Nabywca:",),
                   ("Brenner Druckerei GmbH",), ("Ringweg 3a",), ("70173 Stuttgart",),
                   ("Razem netto", ("6 523,62 PLN", 800)), ("Kwota VAT 0%", ("0,00 PLN", 800)),
                   ("Kwota brutto", ("6 523,62 PLN", 800))))
    assert (out["merchant"], out["date"], out["total"]) == ("Drukarnia Kowalczyk sp.k.", "2025-10-22", 6523.62)


def test_review_stop_37_numbered_vat_groups_number_labels_and_ibans_without_spaces() -> None:
    """A review of round 70's rules: "MSt 1=19,00%" (groups numbered, not lettered) and "Summe MSt" are tax lines
    too; titles with other number labels ("Faktura numer", "РАЧУН БР.", "Factura núm.") name no
    one; "sp. p." and "Spółka jawna" are legal forms; an IBAN printed without spaces still says its country; a
    Ukrainian account on the buyer's line says nothing."""
    from lib.kie.legal_forms import LEGAL_SUFFIX
    from lib.kie.parties import TITLE_ONLY

    assert classify_label("MSt 1=19,00%") == classify_label("Summe MSt") == classify_label("inkl. MSt") == "tax"
    assert all(TITLE_ONLY.match(t) for t in ("Faktura numer", "РАЧУН БР.", "Factura núm."))
    assert not TITLE_ONLY.match("Factura Brava") and not TITLE_ONLY.match("Invoice Ninja")
    assert LEGAL_SUFFIX.search("Kancelaria Nowak sp. p.") and LEGAL_SUFFIX.search("Kowalski Spółka jawna")
    out = run(page(("Baumarkt Koch",), ("Koch Handels GmbH & Co. KG",), ("SCHRAUBEN-SET", ("6.79 B", 700)),
                   ("SUMME", ("47,65 €", 700)), ("MSt 1=19,00%", ("4,41", 700)), ("Summe MSt", ("4,41", 700)),
                   ("29.08.24 17:11:07",)))
    assert (out["tax_amount"], out["total"]) == (4.41, 47.65)
    for text, code in (("IBAN DE89370400440532013000", "EUR"), ("IBAN: GB29NWBK60161331926819", "GBP"),
                       ("IBAN PL61109010140000071219812874", "PLN"), ("IBAN CH9300762011623852957", "CHF")):
        assert detect_currency(f"{text}\nTotal 12,00") == code
    assert detect_currency("Nabywca: TOV Lviv, UA213223130000026007233566001\nRazem brutto 1 230,00") is None


# -- round 71 (scored once with local-kie-1.14 as the stop's estimate), then fixed


def test_round_71_a_month_with_a_letter_read_as_a_digit_and_an_eight_read_for_a_zero() -> None:
    """"mar. 6 ao0t 2024" (the û of août read as a 0) and "Fecha: 22/88/2024" (the month's 0 read as an 8): both
    dates as printed; an impossible day or month is repaired only where the 8 is its first digit and the rest is a
    date ("31/80/2024", "Bl0ck 2024" stay no dates)."""
    from lib.kie.dates import _misspelt_month, _zero_misread

    assert _misspelt_month("mar. 6 ao0t 2024") == "mar. 6 aout 2024" and _misspelt_month("3 ju1y 2025") == "3 july 2025"
    assert _misspelt_month("Room 3 Bl0ck 2024") == "Room 3 Bl0ck 2024"
    assert _zero_misread("22/88/2024") == "22/08/2024" and _zero_misread("88/12/2024") == "08/12/2024"
    assert _zero_misread("31/80/2024") == "31/80/2024" and _zero_misread("22/12/2024") == "22/12/2024"
    assert _zero_misread("94/08/2024") == "04/08/2024"  # (round 72: "Date: 94/08/2024", a 0 read as a 9)
    out = run(page(("Librairie des Arts",), ("59000 LILLE",), ("mar. 6 ao0t 2024 09:58:51", ("N° ticket 12755", 600)),
                   ("TOTAL TTC", ("15,95", 700)), ("dont TVA 20.0%", ("2.66", 700))))
    assert out["date"] == "2024-08-06"
    out = run(page(("Rodriguez S.L.",), ("08002 Barcelona",), ("Fecha: 22/88/2024", ("Hora: 19:34", 600)),
                   ("TOTAL", ("40,30 €", 700))))
    assert out["date"] == "2024-08-22"


def test_round_71_a_gst_summary_whose_percent_sign_was_read_as_a_degree() -> None:
    """"SR=6.00° ‖ 11.43 ‖ 0.69" / "ZR=0.00% ‖ 93.93 ‖ 0.00": the 6 % rate with its "%" read "°" is a rate, not an
    amount (summed into the tax it made 6.69); the tax is 0.69 and the nets add up to 105.36."""
    from lib.post.amounts import find_amounts

    assert find_amounts("SR=6.00°") == [] and find_amounts("VIN ROUGE 12°") == []
    out = run(page(("Abdullah Retail Sdn. Bhd. (400757-D)",), ("GST Reg No: 00682200050",), ("TAX INVOICE",),
                   ("24-02-2017", ("21:30:49", 400)), ("WASHING UP LIQUID", ("3.29 SR", 700)),
                   ("CRISPS 6PK", ("11.76 SR", 700)), ("POTATOES 2.5KG", ("4.29 ZR", 700)),
                   ("Total (RM)", ("106.05", 700)), ("GST Summary",),
                   (("Tax(RM)", 20), ("Amount (RM)", 400), ("Tax(RM)", 700)),
                   (("SR=6.00°", 20), ("11.43", 400), ("0.69", 700)), (("ZR=0.00%", 20), ("93.93", 400), ("0.00", 700)),
                   ("VISA", ("106.05", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (105.36, 0.69, 106.05)


# -- round 73 (scored once with local-kie-1.16, a third estimate), then fixed


def test_round_73_a_total_glued_to_a_label_that_begins_with_total() -> None:
    """"Totalfactura53.437,85EUR" ("Total factura" with both spaces lost) is the invoice's total; without it the
    total was 1.0 and the included VAT was dropped."""
    from lib.post.amounts import find_amounts

    assert [v for v, _, _ in find_amounts("Totalfactura53.437,85EUR")] == [53437.85]
    assert find_amounts("Totalreiniger12") == []  # (cents only)
    out = run(page(("Asesoría Castillo S.A.",), ("Fecha", ("06/10/2023", 600)), ("FACTURA",),
                   ("Consultoría técnica", ("2,00", 500), ("44.163,51", 800)), ("Total sin IVA", ("44.163,51", 800)),
                   ("Totalfactura53.437,85EUR",), ("IVA incluido (21%)", ("9.274,34", 800)),
                   ("Anticipo", ("-26.718,93", 800)), ("Saldo pendiente26.718,92EUR",), ("Página 1 de 1",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (44163.51, 9274.34, 53437.85)


def test_round_73_norwegian_sum_and_change_words_let_a_slid_column_add_up() -> None:
    """A tilted Norwegian photo: "Sum varer" (the goods' sum, before deposit and discounts) and "Veksel" (change)
    were no labels, so its amount
    column, slid one row down ("Avrunding 980,52 / A BETALE 0,48 / Kontanter 981,00 / Veksel 1 000,00 / 19,00"),
    was not moved back and 0.48 became the total."""
    assert classify_label("Sum varer") == "subtotal" and classify_label("Sum") == "total"
    assert classify_label("Veksel") == classify_label("Tilbake") == "change"
    out = run(page(("DAGLIGVARE SENTRUM",), ("Foretaksregisteret NO 670933419MVA",), ("EPLER", ("41,90", 700)),
                   ("Sum varer",), ("Avrunding", ("980,52", 700)), ("A BETALE kr", ("0,48", 700)),
                   ("Kontanter", ("981,00", 700)), ("Veksel", ("1 000,00", 700)), (("19,00", 700),),
                   ("2025-09-18 15:20",)))
    assert out["total"] == 981.0


def test_round_73_zeros_read_as_eights_in_short_years_and_in_the_year() -> None:
    """"Dato: 06/88/24" (a two-digit year) and "2824-12-22" (the year's 0 read as an 8) are the dates printed;
    an impossible repair stays as printed."""
    from lib.kie.dates import _zero_misread

    assert _zero_misread("Dato: 06/88/24 Kl.: 20:37:35") == "Dato: 06/08/24 Kl.: 20:37:35"
    assert _zero_misread("2824-12-22 11:03") == "2024-12-22 11:03"
    assert _zero_misread("Datum: 22.12.2924") == "Datum: 22.12.2024"
    assert _zero_misread("2824-13-45") == "2824-13-45"
    out = run(page(("KØBMANDEN",), ("Dato: 06/88/24 Kl.: 20:37:35",), ("TOTAL", ("694,27", 700)),
                   ("DANKORT", ("694,27", 700)), ("06/03/24", ("20:37:35", 400))))
    assert out["date"] == "2024-08-06"


def test_round_73_id_and_date_fields_are_no_names() -> None:
    """A tilted German invoice whose two party blocks the rows mixed: "UID-Nr.: DE902226327" (a VAT id) and
    "Rechnungsdatum: 28. April 2024" (a date's field) were taken for the merchant."""
    from lib.kie.merchant import _is_not_merchant

    assert _is_not_merchant("UID-Nr.: DE902226327", False) and _is_not_merchant("UID-Nummer ATU12345678", False)
    assert _is_not_merchant("Rechnungsdatum: 28. April 2024", False)
    assert _is_not_merchant("Invoice date: 12/03/2024", False) and not _is_not_merchant("Update Data Ltd", True)


def test_review_stop_37_second_review_of_the_date_repairs_and_labels() -> None:
    """A second review of rounds 71–73's rules: an invoice number shaped like a date ("Faktura VAT nr 61/09/2024")
    is not "repaired" into one; an article code ("2612-12-12 Schraube") or a reference with a two-digit year ("Ref
    28/89/12") neither; "Sum varer" over a discount is no total; "3 m²0x 2024" does not crash the month repair; a
    name with "Update:" in it stays a name; Norway's "Org.nr … MVA" is an id, not a tax line; "Montant reçu" is cash
    received."""
    from lib.kie.dates import _misspelt_month, _zero_misread
    from lib.kie.merchant import _is_not_merchant

    for text in ("Faktura VAT nr 61/09/2024", "Faktura nr 87/09/2024", "Ref 28/89/12", "2612-12-12 Schraube"):
        assert _zero_misread(text) == text
    assert _misspelt_month("Fliese 3 m²0x 2024") == "Fliese 3 m²0x 2024"
    assert not _is_not_merchant("Update: 24/7 Fitness", False) and not _is_not_merchant("Candidate: 2", False)
    assert classify_label("Org.nr 912 345 678 MVA") == "ignore" and classify_label("Montant reçu") == "cash"
    out = run(page(("Sklep Papierniczy sp. j.",), ("Data wystawienia: 2024-09-30",), ("Faktura VAT nr 61/09/2024",),
                   ("Razem", ("123,00", 700))))
    assert out["date"] == "2024-09-30"
    out = run(page(("KIWI Torggata",), ("Org.nr 912 345 678 MVA",), ("MELK", ("24,90", 700)),
                   ("Sum varer", ("64,80", 700)), ("Trumf-bonus", ("-2,00", 700)), ("TOTAL", ("62,80", 700)),
                   ("12.03.2025 10:41",)))
    assert (out["total"], out["tax_amount"]) == (62.8, None)


# -- round 74 (scored once with local-kie-1.18, a fourth estimate), then fixed


def test_round_74_a_glued_dutch_chamber_number_and_a_date_field_beside_a_name() -> None:
    """"KvK90245766" (the Dutch chamber of commerce number glued to its label, eight digits) on a Groningen receipt
    that prints no currency says euro; "Whitcombe Joinery Ltd ‖ Date of issue: 19/06/2023" (the next column's date
    field read into the seller's row) is the name without the field."""
    from lib.kie.parties import strip_title

    assert detect_currency("Drogisterij Smit\nGrote Markt 5, 9711 LV Groningen\nKvK90245766\nTe betalen 49,01") == "EUR"
    assert detect_currency("KvK90245766\nTotaal 49,01") == "EUR"
    assert strip_title("Whitcombe Joinery Ltd Date of issue: 19/06/2023") == "Whitcombe Joinery Ltd"
    assert strip_title("Sklep Ania Data wystawienia: 2024-09-30") == "Sklep Ania"
    assert strip_title("Date Palm Cafe") == "Date Palm Cafe" and strip_title("Data Systems Ltd") == "Data Systems Ltd"
    out = run(page(("Invoice",), ("Invoice #: 74785",),
                   (("Whitcombe Joinery Ltd", 20), ("Date of issue: 19/06/2023", 700)), ("88 Castle Road",),
                   ("Leeds LS1 4DY",), ("Billed to:",), ("Whitcombe Supplies Limited",),
                   ("Total before tax", ("4,199.60", 900)), ("VAT 20%", ("839.92", 900)),
                   ("Total due", ("GBP 5,039.52", 900))))
    assert (out["merchant"], out["total"]) == ("Whitcombe Joinery Ltd", 5039.52)


# -- round 75 (scored once with local-kie-1.19, a fifth estimate), then fixed


def test_round_75_a_dash_glued_to_a_legal_forms_dot_parts_the_address() -> None:
    """"Hendriks Installatietechniek N.V.- Keizersgracht 500 - 5611 EM Eindhoven" (a sender line's "·" read as a dash
    glued to N.V.'s dot): the name ends at the legal form; "St.- Martin Apotheke" (no legal form) stays whole."""
    from lib.kie.merchant import _cut_after_legal_dash

    assert (_cut_after_legal_dash("Hendriks Installatietechniek N.V.- Keizersgracht 500 - 5611 EM Eindhoven")
            == "Hendriks Installatietechniek N.V.")
    assert _cut_after_legal_dash("St.- Martin Apotheke") == "St.- Martin Apotheke"


def test_review_stop_37_third_review_of_names_cut_at_date_fields_dutch_evidence_and_glued_dashes() -> None:
    """A third review (rounds 74–75's rules): a date field is cut off a name only as a date phrase followed by a
    date ("Smart Data Ltd Tel: 020 …", "Up To Date Ltd VAT: 1234", "Prime Data: 24/7 Support Ltd" stay whole);
    Dutch city names are no euro evidence ("Haarlem Hardware LLC" in New York stays dollars) and a glued "KVK2023"
    says nothing; a dash glued to a dot parts an address only right after a legal form."""
    from lib.kie.merchant import _cut_after_legal_dash
    from lib.kie.parties import strip_title

    for name in ("Smart Data Ltd Tel: 020 7946 0958", "Up To Date Ltd VAT: 1234", "Prime Data: 24/7 Support Ltd",
                 "Northern Datum Surveys Ltd Tel: 0113 496 0000"):
        assert strip_title(name) == name
    assert strip_title("Acme Ltd Due date: 19/06/2023") == "Acme Ltd"
    assert detect_currency("Haarlem Hardware LLC\n12 Broadway, New York, NY 10027\nTotal 10.00") == "USD"
    assert detect_currency("KVK2023\nTotal 1.00") is None
    assert _cut_after_legal_dash("Brauhaus GmbH St.- Pauli-Str. 5") != "Brauhaus GmbH St."


# -- stop 38: four more countries (make_world_receipts.py --countries more: BR MX ZA NZ), scored once, then fixed


@pytest.mark.parametrize(("text", "expected"), [
    ("TOTAL INCL VAT R1,258.18", "ZAR"),  # the rand before its amount, glued or not
    ("AMOUNT DUE R 45.50", "ZAR"),
    ("Walsh (Pty) Ltd\nTOTAL 45.50", "ZAR"),  # "(Pty) Ltd" with its brackets: South Africa
    ("VAT Reg No: 4123456789\nTotal 12.00", "ZAR"),
    ("Eircode R95 P2X0\nTotal €12.50", "EUR"),  # an Irish routing key is no rand
    ("GST No: 12-345-678\nTOTAL $12.50", "NZD"),
    ("Ponsonby, Auckland 1011\nTOTAL $12.50", "NZD"),
    ("Wellington 6011\nTOTAL $12.50", "NZD"),
    ("Wellington, FL 33414\nTOTAL $12.50", "USD"),  # a US town of the name: its ZIP code says so
    ("RFC: ABC850101XY1\nTOTAL $12.50", "MXN"),
    ("López S. de R.L. de C.V.\nTOTAL $12.50", "MXN"),
    ("(CIENTO VEINTE PESOS 45/100 M.N.)", "MXN"),
    ("Albuquerque, New Mexico 87102\nTOTAL $12.00", "USD"),  # New Mexico is in the US
    ("CNPJ: 12.345.678/0001-90\nValor total Rs 131,40", "BRL"),  # "R$" read "Rs" on a Brazilian NFC-e
    ("GSTIN 27ABCDE1234F1Z5\nCNPJ\nTotal Rs 131.40", "INR"),  # … unless the bill is Indian
])
def test_stop_38_currency_of_south_africa_new_zealand_mexico_brazil(text: str, expected: str) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("I.V.A.", "tax"), ("Val. Aprox. Tributos R$", "tax"), ("Tributas Totais Incidentes (Lei Federal", "tax"),
    ("Trib aprox R$", "tax"), ("Valor a Pagar R$", "total_strong"), ("VALOR TOTAL R$", "total_strong"),
    ("Valor a Pager R$", "total_strong"),  # (its a read as e: stop 40, more-51011)
    ("QTD. TOTAL DE ITENS", "ignore"), ("PROPINA SUGERIDA 10%", "ignore"), ("Vatable Amt", "subtotal"),
    ("Includes GST of", "tax"), ("PIX", "cash"), ("T. CRÉDITO", "cash"),
])
def test_stop_38_labels(label: str, expected: str) -> None:
    assert classify_label(label) == expected


def test_stop_38_rand_glued_to_its_amount_and_month_abbreviations() -> None:
    assert parse_amount("R1,258.18") == 1258.18
    assert parse_amount("R95") is None  # (a code, no cents)
    assert parse_date("Fecha: 01/AGO/2025") == parse_date("2025-08-01")
    assert parse_date("15/ENE/2025") == parse_date("2025-01-15") and parse_date("05/DIC/2024") is not None
    assert parse_date("3 de dezembro de 2024") == parse_date("2024-12-03")
    assert parse_date("15 de março de 2024") == parse_date("2024-03-15")
    assert parse_date("check out 12 2024") is None  # no "out" (outubro) nor "set" (setembro) abbreviations


def test_stop_38_brazilian_nfce() -> None:
    """The approximate taxes (Lei 12.741) are the tax; "Valor a Pagar R$" the total (not the item count, nor the
    first item under the column header "Total"); "R$" read "Rs" is still reais."""
    out = run(page(("Empório Central",), ("Fernandes Comércio Ltda.",), ("CNPJ: 66.372.497/0001-83",),
                   ("DANFE NFC-e - Documento Auxiliar",),
                   (("Descrição", 20), ("Qtd", 400), ("P.Unit", 520), ("Total", 680)),
                   (("OVOS CLASSE M X12", 20), ("1", 420), ("12,49", 520), ("12,49", 680)),
                   (("TOMATE", 20), ("0,336", 400), ("9,99", 520), ("3,36", 680)),
                   ("QTD. TOTAL DE ITENS", ("2", 700)), ("Valor a Pagar Rs", ("15,85", 680)),
                   ("Dinheiro", ("20,00", 680)), ("TROCO", ("4,15", 680)),
                   ("NFC-e nº 315459 Série 006 22/11/2024 17:07",),
                   ("Trib aprox R$ 4,10: Federal R$ 1,52 Estadual R$ 2,58",)))  # (the sum first, then its parts)
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (15.85, 4.1, "BRL", "2024-11-22")


def test_stop_38_mexican_ticket_its_salesperson_is_no_seller() -> None:
    """"Vendedor: Javier" on a till receipt is the salesperson (a Spanish invoice's "Vendedor:" names a company);
    "I.V.A." is the tax, the dollar sign is pesos, "01/AGO/2025" a date."""
    out = run(page(("Fernández S. de R.L. de C.V.",), ("Calle Madero 158, Col. Centro",),
                   ("C.P. 44100 Guadalajara, Jal.",), ("RFC: WOF680689CD5",), ("Fecha: 01/AGO/2025 Hora: 21:18",),
                   ("Vendedor: Javier",), ("LECHE ENTERA 1L", ("18.49", 700)), ("SUBTOTAL", ("15.94", 700)),
                   ("I.V.A.", ("2.55", 700)), ("TOTAL", ("$18.49", 700)),
                   ("(DIECIOCHO PESOS 49/100 M.N.)",), ("EFECTIVO", ("20.00", 700)), ("CAMBIO", ("1.51", 700))))
    assert out["merchant"] == "Fernández S. de R.L. de C.V."
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"], out["date"]) == (
        15.94, 2.55, 18.49, "MXN", "2025-08-01")


def test_stop_38_south_african_and_new_zealand_receipts() -> None:
    za = run(page(("Spaza Express",), ("Walsh (Pty) Ltd",), ("2025/03/17 10:12",), ("SUBTOTAL", ("1,353.18", 700)),
                  ("Voucher", ("-95.00", 700)), ("TOTAL INCL VAT R1,258.18",), ("Total Excl. VAT", ("1,210.32", 700)),
                  ("TOTAL VAT", ("47.86", 700)), ("Cash", ("1,260.00", 700)), ("CHANGE DUE", ("1.82", 700))))
    assert (za["total"], za["subtotal"], za["tax_amount"], za["currency"]) == (1258.18, 1210.32, 47.86, "ZAR")
    nz = run(page(("Kiwi Grocer",), ("Ponsonby, Auckland 1011",), ("GST No: 12-345-678",), ("05/04/2025 10:12",),
                  ("Milk 2L", ("4.69", 700)), ("Bread", ("3.50", 700)), ("TOTAL", ("$8.19", 700)),
                  ("Includes GST of", ("1.07", 700)), ("EFTPOS", ("8.19", 700))))
    assert (nz["total"], nz["tax_amount"], nz["currency"], nz["date"]) == (8.19, 1.07, "NZD", "2025-04-05")


@pytest.mark.parametrize(("text", "expected"), [
    ("Dr. M.N. Rao Pharmacy\nGSTIN 27ABCDE1234F1Z5\nTotal 120.00", "INR"),  # "M.N." alone: initials
    ("M.N. Builders Merchants, Leeds LS1 4AP\nTotal £12.00", "GBP"),
    ("Tijuana Flats\nOrlando, FL 32801\nTOTAL $10.12", "USD"),  # a Mexican city in a US restaurant's name
    ("Gulf of Mexico Seafood\nHouston, TX 77002\nTOTAL $10.12", "USD"),
    ("Churrasqueira Brasil\nLisboa\nTOTAL 12,50", "EUR"),
    ("12 Auckland Road, London SE19 2DR\nTOTAL 12.50", "GBP"),
    ("GSTIN 27ABCDE1234F1Z5 CGST 9%\nTOTAL R 450.00", "INR"),  # "₹" read "R" on an Indian bill
    ("Comercial Hernández SA DE CV\nTOTAL $12.50", "MXN"),  # the legal form without dots
    ("Grupo Norte S.A.B. de C.V.\nTOTAL $12.50", "MXN"),
    ("R.F.C. CCO-860523-1N4\nTOTAL $12.50", "MXN"),
    ("Guadalajara, Jal.\nTOTAL $12.50", "MXN"),
    ("GST: 12-345-678\nTOTAL $12.50", "NZD"),
    ("(DIECIOCHO PESOS 50/100 MN)", "MXN"),
])
def test_review_stop_38_currency_evidence_narrowed_and_widened(text: str, expected: str) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("Valor total del IVA", "tax"), ("Valor total do IVA", "tax"),  # not the bill
    ("Valor a Pagar Rs", "total_strong"),  # "R$" read "Rs"
    ("Tribute Ale", None), ("Domicilio tributario", None),  # no taxes
    ("Non-VATable Sales", None), ("VATable Sales", "subtotal"),
    ("Credito residuo", "due"), ("CREDITO 30 DIAS", None), ("Crédito", "cash"),
    ("TOTAL ARTICULOS", "ignore"),
])
def test_review_stop_38_labels(label: str, expected: str | None) -> None:
    assert classify_label(label) == expected


def test_review_stop_38_taxes_split_after_their_amounts_and_staff_words() -> None:
    out = run(page(("Loja Central Ltda.",), ("CNPJ: 66.372.497/0001-83",), ("Valor a Pagar R$", ("10,00", 700)),
                   ("Trib aprox R$: 2,00 Federal, 3,20 Estadual e 0,00 Municipal",)))
    assert (out["tax_amount"], out["total"]) == (5.2, 10.0)  # each part before its word: their sum
    out = run(page(("Loja Central Ltda.",), ("Valor a Pagar R$", ("10,00", 700)),
                   ("Trib aprox R$ 5,20: Fed R$ 2,00 Est R$ 3,20",)))
    assert out["tax_amount"] == 5.2
    for staff in ("Mesero: Javier", "Serveur: Paul", "Es bediente Sie: Anna", "Camarero: Luis"):
        out = run(page((staff,), ("Taquería El Pastor",), ("TOTAL", ("12.50", 700))))
        assert out["merchant"] == "Taquería El Pastor", staff


def test_review_stop_38_a_buyers_legal_form_makes_no_clerk() -> None:
    """The clerk rule needs a salesperson's word before one first name; a seller block naming a company stays."""
    out = run(page(("Bill to: Kunden GmbH",), ("Invoice 12",), ("From: Globex",), ("TOTAL", ("12.50", 700))))
    assert out["merchant"] == "Globex"
    out = run(page(("Ferretería El Martillo",), ("Calle Madero 115",), ("Vendedor: Javier",),
                   ("TOTAL", ("12.50", 700))))
    assert out["merchant"] == "Ferretería El Martillo"  # (no legal form printed: still a clerk)
    out = run(page(("FACTURA",), ("Vendedor: Transportes Ortega S.L.",), ("Comprador: Pérez S.A.",),
                   ("TOTAL", ("121,00", 700))))
    assert out["merchant"] == "Transportes Ortega S.L."


def test_review_stop_38_tax_parts_that_do_not_add_up_are_summed() -> None:
    out = run(page(("Loja Central Ltda.",), ("Valor a Pagar R$", ("50,00", 700)),
                   ("Trib aprox R$ 3,24 Federal, R$ 2,54 Estadual e R$ 0,00",), ("Municipal Fonte: IBPT",)))
    assert out["tax_amount"] == 5.78  # (wrapped: "Municipal" on the next row)
    out = run(page(("Loja Central Ltda.",), ("Valor a Pagar R$", ("253,85", 700)),
                   ("Trib aprox R$ 15,10 Federal, RS 15,72",), ("Estadual e R$ 0,00 Municipal Fonte:",)))
    assert out["tax_amount"] == 30.82  # (wrapped inside the parts: the next row's part is added)


def test_stop_38_mexican_names_dates_and_tax_words_as_the_ocr_reads_them() -> None:
    """A legal form wrapped onto the next row ("… S. de R.L." ‖ "de C.V."); "AGO" with its O read as a zero;
    "I.V.A." with its I read as an L."""
    out = run(page(("Fernández Restaurantera S. de R.L.",), ("de C.V.",), ("Av. Vallarta 160, Local 38",),
                   ("24/AG0/2025 10:12:14",), ("SUBTOTAL", ("512.32", 700)), ("L.V.A.", ("81.97", 700)),
                   ("TOTAL", ("$594.29", 700))))
    assert out["merchant"] == "Fernández Restaurantera S. de R.L. de C.V."
    assert (out["date"], out["tax_amount"], out["total"]) == ("2025-08-24", 81.97, 594.29)
    assert parse_date("3 N0V 2024") == parse_date("2024-11-03") and parse_date("Code N0V 12") is None


def test_stop_38_second_round_dates_and_a_mexican_colonia() -> None:
    """Fresh seeds 51006/51007 scored once: "22-19-2024" (October's 0 read as a 9, the first part can only be the
    day), "30/MAY/2925 14:14:48" (the year's 0 read as a 9 beside a month's name and a time), and "Col. Roma" (a
    Mexico City colonia, Rome's name) against two kinds of Mexican evidence."""
    out = run(page(("Ferretería El Martillo",), ("C.P. 76080 Querétaro, Qro.",), ("22-19-2024 12:50",),
                   ("TOTAL", ("$89.99", 700))))
    assert out["date"] == "2024-10-22"
    out = run(page(("Taquería El Pastor",), ("30/MAY/2925 14:14:48",), ("TOTAL", ("$89.99", 700))))
    assert out["date"] == "2025-05-30"
    assert run(page(("Abarrotes López",), ("12/19/2024",), ("TOTAL", ("$9.99", 700))))["date"] == "2024-12-19"
    assert detect_currency("Av. Insurgentes Sur 235, Col. Roma\nC.P. 76000 Querétaro, Qro.\nR.F.C. DXV079321RQ4\n"
                           "TOTAL $12.00") == "MXN"


def test_stop_38_third_round_mexico_citys_colonia_roma() -> None:
    """Seed 51009 scored once: "Col. Roma" (a Mexico City colonia) said EUR as much as "N.L." and "com.mx" together
    said MXN; the colonia says nothing now and the web domain counts on its own."""
    assert detect_currency("Av. Insurgentes Sur 184, Col. Roma\nC.P. 64000 Monterrey, N.L.\n"
                           "www.abarrotes.com.mx/facturacion") == "MXN"
    assert detect_currency("Via Roma 12\n00184 Roma\nTotale 12,50") == "EUR"


def test_review_stop_38_second_review() -> None:
    """A second read-only review of the later rules: a one-word seller beside a buyer's block is the seller; tills'
    salespeople in capitals, with a surname or in Polish; a Mexican legal form on the row under the name; tax parts
    counted by their words (two-amount rows, IBPT parts that happen to add up, a sum-first row run on); only after
    "Trib…"; "Total con I.V.A." the bill; a Mexico City colonia in its other spellings; "19/16/2024" left alone."""
    assert run(page(("FACTURA",), ("Vendedor: Mercadona",), ("Comprador: Pérez S.A.",),
                    ("TOTAL", ("121,00", 700))))["merchant"] == "Mercadona"
    for clerk in ("VENDEDOR: JAVIER", "Vendedor: Javier López", "Vendedor: 012 Javier"):
        assert run(page(("Taquería El Pastor",), (clerk,), ("TOTAL", ("12.50", 700))))["merchant"] == \
            "Taquería El Pastor", clerk
    assert run(page(("Sklep Groszek",), ("Sprzedawca: Łukasz",), ("SUMA PLN", ("12,50", 700))))["merchant"] == \
        "Sklep Groszek"
    assert run(page(("Grupo Norte",), ("S.A. de C.V.",), ("Av. Juárez 12",), ("TOTAL", ("12.50", 700))))[
        "merchant"] == "Grupo Norte S.A. de C.V."
    for rows, tax in (((("Trib aprox R$ 5,20: Federal R$ 5,20",),), 5.2),
                      ((("Trib aprox R$ 1,50 Federal, R$ 1,00 Estadual e R$ 0,50 Municipal",),), 3.0),
                      ((("Trib aprox R$ 5,20: Federal R$ 2,00",), ("Estadual R$ 3,20",)), 5.2)):
        assert run(page(("Loja",), ("Valor a Pagar R$", ("10,00", 700)), *rows))["tax_amount"] == tax, rows
    out = run(page(("Shop",), ("Subtotal", ("40.00", 700)), ("Sales Tax 3.30 Est. Savings 5.00",),
                   ("TOTAL", ("43.30", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (40.0, None, 43.3)
    out = run(page(("Tienda",), ("Neto sin I.V.A.", ("100.00", 700)), ("I.V.A. 16%", ("16.00", 700)),
                   ("Total con I.V.A.", ("116.00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (100.0, 16.0, 116.0)
    assert classify_label("TOTAL C/I.V.A.") == "total_strong" and classify_label("Riga LVA") is None
    for text in ("Colonia Roma\nCDMX\nTOTAL $12.00", "Col.Roma\nR.F.C. ABC850101XY1\nTOTAL $12",
                 "Roma Norte, CDMX $12.00"):
        assert detect_currency(text) == "MXN", text
    assert detect_currency("Colonia Güell, Barcelona\nTotal 12,50") == "EUR"
    assert run(page(("Dallas Deli",), ("Dallas, TX 75201",), ("19/16/2024 10:12",), ("TOTAL", ("$9.99", 700))))[
        "date"] is None


def test_review_stop_38_a_card_slips_cliente_is_no_buyer_block() -> None:
    """Seed 51007 after the second review: "COPIA CLIENTE" over a card number on the slip is no buyer's block, so
    "Vendedor: Pablo" is still a till's salesperson."""
    out = run(page(("Minisúper La Esperanza",), ("Martinez S.A. de C.V.",), ("Vendedor: Pablo",),
                   ("TOTAL", ("$12.50", 700)), ("CLIENTE",), ("AMEX",), ("xxxx6057",), ("QF593090",)))
    assert out["merchant"] in ("Minisúper La Esperanza", "Martinez S.A. de C.V.")


# -- stop 38, later: Turkey, Romania, Finland (make_world_receipts.py --countries more2), scored once, then fixed


@pytest.mark.parametrize(("text", "expected"), [
    ("TOTAL LEI 55.57", "RON"), ("TOTAL 55.57 lei", "RON"),
    ("S.C. Stan S.R.L.\nCIF: RO12340387\nTOTAL 55.57", "RON"),  # not EUR for its S.R.L.
    ("BON FISCAL\nTOTAL 55.57", "RON"), ("Reg. Com.: J40/1234/2015\nTOTAL 12.00", "RON"),
    ("CIF: B12345678\nTOTAL 12,00 €", "EUR"),  # Spain's CIF starts with a letter
    ("GENEL TOPLAM *475,00\nTOPKDV *43,18", "TRY"), ("TOPLAM 475,00 TL", "TRY"),
    ("Kahve Gıda Ltd. $ti.\nÇankaya V.D. 1880107187\nTOPLAM 475,00", "TRY"),  # "Ş" read as "$": no dollars
    ("Virtanen Oy\nY-tunnus: 1234567-8\nYHTEENSÄ 23,45", "EUR"), ("00100 Helsinki\nYhteensä 23,45", "EUR"),
])
def test_stop_38_currency_of_turkey_romania_finland(text: str, expected: str) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("TOPLAM", "total_strong"), ("GENEL TOPLAM", "total_strong"), ("GENEL TOPLA", "total_strong"),
    ("ARA TOPLAM", "subtotal"), ("TOPKDV", "tax"), ("TOPLAM KDV", "tax"), ("NAKİT", "cash"), ("PARA ÜSTÜ", "change"),
    ("KREDİ KARTI", "cash"), ("Toplam Puan: 120", None), ("TOPLAM ÜRÜN", "ignore"),
    ("YHTEENSÄ", "total_strong"), ("YHTEENSÄ EUR", "total_strong"), ("Maksettava", "total_strong"),
    ("Välisumma", "subtotal"), ("Veroton", "subtotal"), ("KÄTEINEN", "cash"), ("TAKAISIN", "change"),
    ("Pyöristys", "rounding"), ("Kpl yhteensä", "ignore"),
    ("NUMERAR", "cash"), ("REST", "change"), ("TOTAL DE PLATA", "total_strong"), ("TOTAL TVA", "tax"),
])
def test_stop_38_turkish_finnish_romanian_labels(label: str, expected: str | None) -> None:
    assert classify_label(label) == expected


def test_stop_38_turkish_fis_finnish_alv_table_and_legal_forms() -> None:
    out = run(page(("ŞOK BİZİM BAKKAL",), ("Şahin Ticaret Ltd. $ti.",), ("Çankaya V.D. 1880107187",),
                   ("TARIH: 06.11.2024",), ("KOLA 1L", ("*43,29", 700)), ("Ara Toplam", ("*1.345,07", 700)),
                   ("INDIRIM KUPONU", ("*-70,00", 700)), ("TOPKDV", ("*76,94", 700)),
                   ("GENEL TOPLAM", ("*1.275,07", 700)), ("NAKİT", ("*1.280,00", 700)), ("PARA ÜSTÜ", ("*4,93", 700))))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (1275.07, 76.94, "TRY", "2024-11-06")
    assert out["merchant"] == "Şahin Ticaret Ltd. Şti"  # ("Ş" read as "$" in the legal form, repaired)
    out = run(page(("Lähikauppa Virtanen",), ("Virtanen Oy",), ("Y-tunnus: 1234567-8",), ("4.7.2025 klo 14:32",),
                   ("Maito 1L", ("1,05", 700)), ("YHTEENSÄ", ("23,45", 700)), ("KORTTI", ("23,45", 700)),
                   (("ALV %", 20), ("Veroton", 250), ("Vero", 400), ("Verollinen", 520)),
                   (("14%", 20), ("20,57", 260), ("2,88", 400), ("23,45", 520))))
    assert (out["merchant"], out["total"], out["subtotal"], out["tax_amount"], out["currency"], out["date"]) == (
        "Virtanen Oy", 23.45, 20.57, 2.88, "EUR", "2025-07-04")


def test_review_stop_38_turkish_romanian_finnish_rules_narrowed() -> None:
    """A read-only review of the TR/RO/FI rules: "lei" only after an amount or a total (not "Lei 12.741", "Wang
    Lei", "ALOHA LEI"); RON as a code only beside an amount; "V.D." only with its tax number (not "BAKKERIJ V.D.
    BERG"); Turkish cities only after a district's slash (not "Istanbul Grill" in Leeds); "TL" only beside an
    amount with kuruş; a Romanian CIF/CUI not followed by a letter (not Spain's "12345678-Z"); "$ti" only after
    "Ltd"; "ALV yhteensä" a tax; "Ky" as written (not "Louisville, KY"); Finnish headers as the OCR reads them."""
    for text, expected in (("CNPJ: 12.345.678/0001-90\nTributos (Lei 12741/12) R$ 3,20\nTotal 20,00", "BRL"),
                           ("Cashier: Wang Lei\nTotal $5.00", "USD"), ("ALOHA LEI\nTOTAL $24.00", "USD"),
                           ("TOTAL 5,00 RON", "RON"), ("Server: RON\nTOTAL $5.00", "USD"),
                           ("BAKKERIJ V.D. BERG, AMSTERDAM\nTotaal 5,00", "EUR"),
                           ("Istanbul Grill\nLeeds LS1 4AB\nTotal 5.00", "GBP"),
                           ("KADIKÖY/İSTANBUL\nTOPLAM 5,00", "TRY"),
                           ("Item 7 TL\n$5.00", "USD"), ("CIF: 12345678-Z\nTotal 5,00 €", "EUR"),
                           ("CUI: 12340387\nTOTAL 5.00", "RON"), ("Mr $ti\nTotal 12.50", "USD"),
                           ("ABC LTD. $Tİ\nTOPLAM 5,00", "TRY"), ("BUCUREŞTI\nTOTAL 5.00", "RON")):
        assert detect_currency(text) == expected, text
    assert classify_label("ALV 24% YHTEENSÄ") == "tax" and classify_label("ÖDENECEK TUTAR") == "total_strong"
    assert run(page(("SOUTHERN HARDWARE",), ("123 Main St",), ("Louisville, KY",), ("TOTAL", ("$12.50", 700))))[
        "merchant"] == "SOUTHERN HARDWARE"
    out = run(page(("Kahvila Helmi",), ("Y-tunnus: 1234567-8",), ("YHTEENSÄ", ("93,40", 700)),
                   (("ALVS", 20), ("VEROTON", 250), ("ALV", 400), ("VERDLLINEN", 520)),
                   (("25,5%", 20), ("8,76", 260), ("2,24", 400), ("11,00", 520)),
                   (("14,0%", 20), ("72,28", 260), ("10,12", 400), ("82,40", 520)),
                   (("Yhteensä", 20), ("81,04", 260), ("12,36", 400), ("93,40", 520))))
    assert (out["total"], out["subtotal"], out["tax_amount"]) == (93.4, 81.04, 12.36)


def test_round_76_a_dollar_from_a_garbled_stamp_on_a_russian_invoice() -> None:
    """Round 76 (fresh seeds of the five first generators, scored once on local-kie-1.23): a Russian invoice photo
    whose stamp the OCR garbled into other Cyrillic letters and a "$" ("Вросливљ Мин $4145") said USD; the page says
    "Россия" and is Cyrillic: the bare "$" is a slip, as on a clean Russian page."""
    text = ("ООО «Техноресурс» СЧЁТ № 84846\nРоссия\nСумма без НДС\n11 153,04\nВсего с НДС\n66 918,24\n"
            "ООО «Теючфовсурс»ь уп Баўмана д 1] ! Вросливљ Мин $4145 №550")
    assert detect_currency(text) == "RUB"
    assert detect_currency("Invoice\nMoscow office\nTotal $4,145.00") == "USD"
    assert detect_currency("Счёт для ООО «Ромашка»\nИтого: US$ 4 145,00") == "USD"  # (printed as US$: dollars)


def test_stop_38_final_estimate_turkish_a_s_read_with_a_dollar_sign() -> None:
    """Seed 61004 scored once on the final code: "A.Ş." read "A.$." — no dollars, and the name repaired (as
    "Ltd. $ti" was); a dollar sign after "A." that starts an amount stays one."""
    out = run(page(("SOK BIZIM BAKKAL",), ("Demir Turizm A.$.",), ("Cumhuriyet Mah. 113. Sok. No:30",),
                   ("TOPLAM", ("*475,00", 700))))
    assert out["currency"] == "TRY" and out["merchant"] == "Demir Turizm A.Ş."
    assert detect_currency("Grade A. $12.50\nTotal $12.50") == "USD"
