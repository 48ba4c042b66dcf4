"""Issue 9 follow-ups on synthetic documents (no OCR): the date order a document's own dates decide, the seller's
name from the page when the logo is unreadable, payment lines vs arithmetic, per-rate totals vs a payable label,
and a name that starts with a party-label word."""

from __future__ import annotations

import dataclasses

import pytest

from lib.kie.base import FieldCandidate
from lib.kie.labels import _norm, classify_label
from lib.kie.seller_evidence import SellerEvidence, is_garbled, repair_merchant
from lib.post.dates import document_day_first
from tests.test_kie_invoices import page, run

# -- 1. date order within a document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invoice date 11/02/2019 Due date 26/02/2019", True),  # a day > 12 first: the page is D/M
        ("Invoice date 02/11/2019 Due date 02/26/2019", False),  # a day > 12 second: M/D
        ("Date 11/02/2019", None),  # nothing decides
        ("Datum 05.03.2018 Lieferung 13.03.2018 Fällig 20.03.2018", True),
        ("Date 2019-02-26 Ref 11/02/2019", None),  # ISO dates say nothing about slash dates
        ("Period 13/02/2019 – 02/14/2019", None),  # one vote each: undecided
        ("Code 45/13/2019", None),  # not a date at all
        ("", None),
    ],
)
def test_document_day_first(text: str, expected: bool | None) -> None:
    assert document_day_first(text) is expected


def _invoice(date: str, due: str | None, currency_row: tuple) -> dict[str, object]:
    rows = [("East Repair Inc.",), ("INVOICE DATE", (date, 600))]
    if due:
        rows.append(("DUE DATE", (due, 600)))
    rows += [("Subtotal", ("100.00", 800)), ("Sales tax 6.25%", ("6.25", 800)), currency_row]
    return run(page(*rows))


@pytest.mark.parametrize(
    ("date", "due", "expected"),
    [
        ("11/02/2019", "26/02/2019", "2019-02-11"),  # USD, but the due date shows the page prints D/M
        ("02/11/2019", "02/26/2019", "2019-02-11"),  # USD and M/D: the due date agrees with the convention
        ("11/02/2019", None, "2019-11-02"),  # nothing decides: USD → month first
        ("11/02/2019", "11/03/2019", "2019-11-02"),  # still undecided
    ],
)
def test_ambiguous_issue_date_read_in_the_documents_order(date: str, due: str | None, expected: str) -> None:
    out = _invoice(date, due, ("TOTAL", ("$106.25", 800)))
    assert out["currency"] == "USD" and out["date"] == expected


def test_day_first_receipt_unchanged_and_month_first_euro_page() -> None:
    receipt = run(page(("KEDAI MAJU SDN BHD",), ("Date: 05/03/2018",), ("TOTAL", ("RM 12.50", 800))))
    assert receipt["date"] == "2018-03-05"
    # a EUR page whose own dates are month-first: the page wins over the day-first default
    out = run(page(("Example GmbH",), ("Date", ("03/05/2018", 600)), ("Due", ("03/19/2018", 600)),
                   ("Total", ("€ 50,00", 800))))
    assert out["date"] == "2018-03-05"


# -- 2. merchant when the logo is unreadable


def _till(*header: tuple, footer: tuple = ()) -> dict[str, object]:
    items = [(f"Artikel {n}", ("0,10 A", 800)) for n in range(8)]
    rows = [*header, ("Warburger Straße 130",), ("33100 Paderborn",), *items, ("Bananen", ("1,19 A", 800)),
            ("Apfelsaft", ("1,51 B", 800)), ("zu zahlen", ("3,50", 800)), ("Kartenzahlung", ("3,50", 800)),
            *footer, ("Datum 07.04.20 10:15 Uhr",)]
    return run(page(*rows))


@pytest.mark.parametrize(
    ("header", "footer", "expected"),
    [
        ((("ULDL",),), (("www.lidl.de",),), "LIDL"),  # an OCR slip in the logo, the domain spells it
        ((("RSSMAN",), ("Mein Drogeriemarkt",)), (("UKST: 3322 Dirk Rossmann GmbH",), ("rossmann.de/",)),
         "ROSSMANN"),
        ((("AgLaDeI",),), (("Vielen Dank für Ihren Einkauf!",), ("Aldi GmbH & Co. KG, Schloß Holte",)),
         "Aldi GmbH & Co. KG"),  # letter soup: the legal footer line
        ((), (("Thank you for shopping at Giant!",),), "Giant"),  # no header candidate at all
        ((("Ad LnbaDneIettid eld",),), (("Questions? info@kaufhof-example.de",),), "Kaufhof"),  # e-mail domain
    ],
)
def test_merchant_from_the_page_when_the_logo_is_unreadable(header: tuple, footer: tuple, expected: str) -> None:
    assert _till(*header, footer=footer)["merchant"] == expected


@pytest.mark.parametrize(
    ("header", "footer", "expected"),
    [
        ((("NETTO",),), (("www.netto-online.de",),), "NETTO"),  # the evidence agrees
        ((("BIGMART",),), (("www.payments-example.com",),), "BIGMART"),  # unrelated domain: the header stays
        ((("EDEKA Center Meyer",),), (("Thank you for shopping at Edeka!",),), "EDEKA Center Meyer"),
        ((("Acme Tools Ltd",),), (("ACNE Holdings GmbH, Berlin",),), "Acme Tools Ltd"),  # a legal name stays
        ((("ROSSMANN",),), (("Fragen: kunde@gmail.com",),), "ROSSMANN"),  # mail providers are no evidence
    ],
)
def test_a_good_header_is_kept(header: tuple, footer: tuple, expected: str) -> None:
    assert _till(*header, footer=footer)["merchant"] == expected


def test_a_header_without_a_capital_gives_way_to_the_legal_name() -> None:
    """A logo read as a lower-case word ("nesuun") that the page's legal line does not spell."""
    assert _till(("nesuun",), footer=(("Aldi GmbH & Co. KG, Schloß Holte",),))["merchant"] == "Aldi GmbH & Co. KG"

    def aldi() -> list[SellerEvidence]:
        return [SellerEvidence("Aldi GmbH & Co. KG", "legal", FieldCandidate(raw="Aldi GmbH & Co. KG")),
                SellerEvidence("Aldi", "domain", FieldCandidate(raw="Aldi"))]

    assert repair_merchant(FieldCandidate(raw="nesuun"), aldi).raw == "Aldi GmbH & Co. KG"
    assert repair_merchant(FieldCandidate(raw="Nesuun"), aldi).raw == "Nesuun"  # a capital: a name, kept
    assert repair_merchant(FieldCandidate(raw="nesuun"), lambda: aldi()[1:]).raw == "nesuun"  # no legal name


def test_a_logo_o_read_as_at_sign_is_an_o() -> None:
    assert _till(("R@SSMANN",), ("Mein Drogeriemarkt",))["merchant"] == "ROSSMANN"
    assert _till(("ACME",), footer=(("INFO@ACME.DE",),))["merchant"] == "ACME"  # an address keeps its @


@pytest.mark.parametrize("mark", ["EUR", "€", "RM", "EUR.", "USD"])
def test_a_currency_mark_alone_on_its_row_is_not_a_merchant(mark: str) -> None:
    """A till receipt's "EUR" column header above the items, under a logo the OCR could not read."""
    assert _till((mark,))["merchant"] != mark
    assert _till((mark,), footer=(("Aldi GmbH & Co. KG, Schloß Holte",),))["merchant"] == "Aldi GmbH & Co. KG"


@pytest.mark.parametrize("header", ["MWST% MWST + Netto Brutto", "Netto Brutto", "VAT % Net VAT Gross",
                                    "UST-ID-NR:DE814689550", "VAT No: GB123456789", "NIP: 525-000-00-00"])
def test_a_tax_table_header_or_vat_id_is_not_a_merchant(header: str) -> None:
    assert _till(("EUR",), footer=((header,), ("A 7 %", ("0,47 6,69 7,16", 400))))["merchant"] != header


def test_price_per_unit_header_is_not_a_merchant() -> None:
    out = _till(("kg EURO/kg EURO",), footer=(("Aldi GmbH & Co. KG, Schloß Holte",),))
    assert out["merchant"] == "Aldi GmbH & Co. KG"


@pytest.mark.parametrize(
    ("text", "garbled"),
    [("AgLaDeI", True), ("Ad LnbaDneIettid eld nerlswe", True), ("McDonald's", False), ("ULDL", False),
     ("Delphin Apotheke", False), ("", True), ("ID— 16CHvBTHJ6ned47kJ", True), ("7-ELEVEN", False),
     ("99 SPEED MART", False), ("A1B2 Café", False)],
)
def test_is_garbled(text: str, garbled: bool) -> None:
    assert is_garbled(text) is garbled


def test_buyer_block_domain_is_not_the_seller() -> None:
    out = run(page(("AgLaDeI",), ("www.schreinerei-holz.de",), ("Bill to:",), ("Jane Doe",),
                   ("jane@janes-bakery.com",), ("Invoice date 05.03.2018",), ("Total", ("50,00", 800))))
    assert out["merchant"] == "Schreinerei"


# -- 3. totals


def test_amount_paid_loses_to_the_total_subtotal_and_tax_make() -> None:
    out = run(page(("ACME TOOLS",), ("Subtotal", ("100.00", 800)), ("Tax 20%", ("20.00", 800)),
                   ("Total", ("120.00", 800)), ("Amount paid", ("500.00", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (100.0, 20.0, 120.0)


def test_amount_paid_equal_to_the_total_still_counts() -> None:
    out = run(page(("ACME TOOLS",), ("Subtotal", ("100.00", 800)), ("Tax 20%", ("20.00", 800)),
                   ("Amount paid", ("120.00", 800))))
    assert out["total"] == 120.0


def test_per_rate_total_loses_to_a_payable_label_with_an_ocr_slip() -> None:
    # The per-rate rows add up (14.64 + 0.88 = 15.52); the bill is the payable line, misread "Payak le".
    out = run(page(("GARDENIA BAKERIES (KL) SDN BHD",), ("O.C. WHITE 2.13 6", ("-12.78", 800)),
                   ("Total 0% supplies:", ("-9.62", 800)), ("DELICIA 3.72 2", ("7.44", 800)),
                   ("Total 6% supplies (excl. GST):", ("14.64", 800)), ("GST:", ("0.88", 800)),
                   ("Total 6% supplies (Inc. GST):", ("15.52", 800)), ("Total 0% supplic.", ("-9.62", 800)),
                   ("Total Payak le:", ("5.90", 800))))
    assert out["total"] == 5.9


@pytest.mark.parametrize(
    ("text", "norm", "label"),
    [("Total Payak le:", "TOTAL PAYABLE", "total_strong"), ("TOTAL PAYA BLE", "TOTAL PAYABLE", "total_strong"),
     ("Bulgur Kräuter", "BULGUR KRAUTER", None), ("SUB TOTAL", "SUB TOTAL", "subtotal")],
)
def test_a_keyword_split_in_two_is_joined(text: str, norm: str, label: str | None) -> None:
    assert _norm(text) == norm and classify_label(text) == label


# -- 4. a name that starts with a party-label word


@pytest.mark.parametrize(
    ("label", "name"),
    [("Seller:", "Lieferant Müller GmbH"), ("Verkäufer", "Lieferant Müller GmbH"), ("Seller:", "Client Services Ltd")],
)
def test_name_with_a_label_word_is_not_cut(label: str, name: str) -> None:
    out = run(page((label,), (name,), ("Hauptstraße 5",), ("Buyer:",), ("Kunde AG",),
                   ("Invoice date", ("05.03.2018", 500)), ("Total", ("120,00", 800))))
    assert out["merchant"] == name


def test_seller_label_with_name_on_its_row_still_works() -> None:
    out = run(page(("Lieferant: Schmidt KG",), ("Kunde: Meyer AG",), ("Invoice date", ("05.03.2018", 500)),
                   ("Total", ("120,00", 800))))
    assert out["merchant"] == "Schmidt KG"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ((("SONNEN",), ("APOTHEKE",), ("BIELEFELD",)), "SONNEN APOTHEKE BIELEFELD"),  # a logo stack
        ((("MOULIN",), ("BOULANGERIE",)), "MOULIN BOULANGERIE"),
        ((("SONNEN",), ("BIELEFELD",)), "SONNEN"),  # no business word: the logo word alone
        ((("EDEKA",), ("Apotheke im Markt",)), "EDEKA"),  # not a one-word stack
    ],
)
def test_logo_word_with_the_name_stacked_below(header: tuple, expected: str) -> None:
    assert _till(*header)["merchant"] == expected


def test_customer_id_field_is_not_the_merchant() -> None:
    out = run(page(("Invoice #— 3189846",), ("Invoice Date— Sep 13, 2022",),
                   ("Schedulely LLC", ("Invoice Amount— $144.00 (USD)", 500)), ("88 N Avondale Rd, #603",),
                   ("Customer ID—",), ("Total", ("$144.00", 800))))
    assert out["merchant"] == "Schedulely LLC"


def test_customer_id_row_with_its_value_in_another_column_is_not_the_merchant() -> None:
    out = run(page(("Invoice #— 3189846",), ("Invoice Date— Sep 13, 2022",),
                   ("Schedulely LLC", ("Invoice Amount— $144.00 (USD)", 500)), ("88 N Avondale Rd, #603",),
                   ("Customer", ("ID— 16CHvBTHJ6ned47kJ", 300)), ("Total", ("$144.00", 800))))
    assert out["merchant"] == "Schedulely LLC"


def test_an_opaque_id_header_gives_way_to_the_legal_name_on_the_page() -> None:
    out = run(page(("Invoice #— 3189846",), ("Schedulely LLC", ("Invoice Amount— $144.00 (USD)", 500)),
                   ("88 N Avondale Rd, #603",), ("Customer",), ("ID— 9XkQ2vTzR7pLm4s",), ("Total", ("$144.00", 800))))
    assert out["merchant"] == "Schedulely LLC"


def test_evidence_is_only_collected_for_a_weak_header() -> None:
    def never() -> list:
        raise AssertionError("evidence collected for a good header")

    for raw in ("Acme Tools Ltd", "Big Mart Nord Ost"):  # a legal name; several words
        assert repair_merchant(FieldCandidate(raw=raw), never).raw == raw
    assert repair_merchant(FieldCandidate(raw="ULDL"), list).raw == "ULDL"  # weak, but nothing else printed
    assert repair_merchant(None, list) is None


# -- phone photos of generated invoices (stop 23's first unseen run): OCR slips around the seller's name


def test_letter_spaced_title_glued_to_a_cut_legal_name_gives_the_footers_full_name() -> None:
    out = run(page(("Eberhardt Softwarehaus GmbH& Co.R@ c h n u n g",), ("Am Kanal 17",),
                   ("04109 Leipzig", ("Re.-Nr.: A24/383", 600)), ("Rechnungsdatum: 01.06.2024",),
                   ("Nettobetrag", ("39.049,64", 800)), ("Umsatzsteuer0 %", ("0,00", 800)),
                   ("Rechnungsbetrag", ("39.049,64 EUR", 800)),
                   ("Eberhardt Softwarehaus GmbH & Co. KG· Am Kanal 17, 04109 Leipzig · USt-IdNr. DE660084954",)))
    assert out["merchant"] == "Eberhardt Softwarehaus GmbH & Co. KG"
    assert out["tax_amount"] == 0.0 and out["total"] == 39049.64


def test_sender_line_with_its_dot_read_as_a_dash_is_cut_after_the_legal_form() -> None:
    out = run(page(("Hofmeister Druckerei GmbH - Ringweg 3a · 28195 Bremen", ("Re.-Nr.: V23/343", 700)),
                   ("Transports Peeters SA", ("Ausstellungsdatum: 22. September 2023", 600)),
                   ("Zwischensumme", ("50.035,30", 800)), ("Zu zahlender Betrag", ("50.035,30", 800))))
    assert out["merchant"] == "Hofmeister Druckerei GmbH"


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Ltd I N V O I C E", "Acme Ltd"),
    ("Eberhardt Softwarehaus GmbH& Co.R@ c h n u n g", "Eberhardt Softwarehaus GmbH& Co."),
    ("Hotel A B C", "Hotel A B C"),  # three letters: a name, not a spaced heading
])
def test_letter_spaced_heading_after_a_name(text: str, expected: str) -> None:
    from lib.kie.parties import strip_title
    assert strip_title(text) == expected


def test_tax_label_glued_to_its_zero_rate() -> None:
    assert _norm("Umsatzsteuer0 %") == "UMSATZSTEUER 0 %" and _norm("T0TAL") == "TOTAL"


def test_a_cut_legal_name_is_completed_only_by_a_footer_that_just_adds_the_legal_form() -> None:
    def evidence(name: str):
        return lambda: [SellerEvidence(name, "legal", FieldCandidate(raw=name))]

    assert repair_merchant(FieldCandidate(raw="Muster GmbH & Co."), evidence("Muster GmbH & Co. KG")).raw == \
        "Muster GmbH & Co. KG"
    assert repair_merchant(FieldCandidate(raw="Muster GmbH & Co."), evidence("Other Holding GmbH")).raw == \
        "Muster GmbH & Co."
    assert repair_merchant(FieldCandidate(raw="Muster &"), evidence("Muster & Söhne Bauunternehmen GmbH")).raw == \
        "Muster &"  # more than a legal form added: not ours to guess


# -- invoices in layouts written apart from the KIE (scripts/make_invoice_styles.py, stop 23)


def test_uk_net_vat_per_rate_gross_and_a_payment_on_account() -> None:
    out = run(page(("Lowe Plumbing LLP",), ("Invoice Date", ("16-Oct-2024", 700)),
                   ("Net", ("1,127.80", 800)), ("VAT @ 20%", ("95.96", 800)), ("VAT @ 5%", ("32.40", 800)),
                   ("Gross", ("1,256.16", 800)), ("Less: paid on account", ("-350.00", 800)),
                   ("Balance due", ("906.16", 800)), ("VAT Registration No. GB 234 6779 19",)))
    assert out["total"] == 1256.16 and out["subtotal"] == 1127.8 and out["tax_amount"] == 128.36


def test_swiss_subtotal_and_total_including_vat_also_with_an_ocr_slip() -> None:
    for label in ("Total inkl. MWST CHF", "Total inkI. MWST CHF"):
        out = run(page(("Meier Treuhand AG",), ("Rechnungsdatum", ("8. Dezember 2023", 600)),
                       ("Zwischentotal", ("3'760.45", 800)), ("MWST 8.1 %", ("304.60", 800)),
                       (label, ("4'065.05", 800)),
                       ("Zahlbar innert 30 Tagen netto. Bankverbindung: UBS, IBAN CH25 5997 7285 0679 9109 9.",)))
        assert (out["subtotal"], out["tax_amount"], out["total"]) == (3760.45, 304.6, 4065.05), label


def test_vat_rows_that_print_their_base_are_summed_by_their_tax_amounts() -> None:
    out = run(page(("Fontaine & Chevalier SARL",), ("Date de facture :", ("12/06/25", 600)),
                   ("N° TVA : FR39 963601043",), ("Total HT", ("8 172,30 EUR", 800)),
                   ("TVA 20 % sur 5 506,70", ("1 101,34 EUR", 800)), ("TVA 10 % sur 2 665,60", ("266,56 EUR", 800)),
                   ("Total TTC", ("9 540,20 EUR", 800))))
    assert out["tax_amount"] == 1367.9 and out["total"] == 9540.2


def test_a_money_label_in_the_last_column_after_bank_details() -> None:
    from lib.kie.candidates import _labelled_rows
    from lib.kie.rows import group_rows
    from lib.ocr_document import OcrDocument

    rows = group_rows(OcrDocument(pages=[page(
        ("Account No", ("1234321", 200), ("IBAN US$ GB02 MSFT 3234561876545", 400), ("VAT", 1000)))]))
    assert _labelled_rows(rows)[0].label == "tax"


@pytest.mark.parametrize(("header", "expected"), [
    ("WH Widmer & Huber AG", "Widmer & Huber AG"),  # initials of a name with "&"
    ("Greco & Bianchi S.r.I.", "Greco & Bianchi S.r.l."),  # the l of S.r.l. read as I
])
def test_header_name_repairs(header: str, expected: str) -> None:
    out = run(page((header,), ("Via Roma 5, 20121 Milano",), ("Totale", ("122,00", 800))))
    assert out["merchant"] == expected


def test_dutch_vof_is_a_legal_form_and_beats_the_buyer_below() -> None:
    out = run(page(("Vos Installatietechniek V.O.F.",), ("FACTUUR",), ("Aan", ("Keizersgracht 96", 700)),
                   ("ICT Jansen B.V.",), ("t.a.v. Lars Bakker",), ("Factuurdatum", ("14-05-2024", 600)),
                   ("Totaal incl. BTW", ("€ 11.098,00", 800))))
    assert out["merchant"] == "Vos Installatietechniek V.O.F."


def test_russian_invoice_without_vat_has_no_net_amount() -> None:
    out = run(page(("Счет на оплату № УТ-85 от 2 августа 2023 г.",),
                   ("Поставщик", ("ИП Кузнецов А. А., ИНН 777526370006", 300)),
                   ("Итого:", ("165 140,00", 800)), ("Без налога (НДС)", ("-", 800)),
                   ("Всего к оплате:", ("165 140,00", 800))))
    assert out["total"] == 165140.0 and out["subtotal"] is None and out["tax_amount"] is None


def test_swiss_total_excluding_vat_is_the_net() -> None:
    out = run(page(("Widmer & Huber AG",), ("Rechnungsdatum", ("20.10.2023", 600)),
                   ("Total exkl. MWST", ("11'193.10", 800)), ("MWST 8.1 % auf 10'627.50", ("860.83", 800)),
                   ("MWST 2.6 % auf 565.60", ("14.71", 800)), ("Rechnungsbetrag", ("12'068.64", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (11193.1, 875.54, 12068.64)


def test_a_vat_row_beside_the_bank_details_keeps_its_label() -> None:
    """A scan reads the bank column and the VAT rows as one row: "IBAN:FR86 8037… ‖ TVA 20 % sur 731,00 146,20"."""
    out = run(page(("Durand Conseil SAS",), ("Date de facture :", ("12/06/25", 600)),
                   ("Total HT", ("794,40 €", 800)),
                   ("IBAN:FR86 8037147564792387 7085 959", ("TVA 20 % sur 731,00", 550), ("146,20 €", 800)),
                   ("BIC:SOGEFRPPXXX", ("TVA 10 % sur 63,40", 550), ("6,34 €", 800)), ("Total TTC", ("946,94 €", 800))))
    assert out["tax_amount"] == 152.54 and out["total"] == 946.94


def test_invoice_number_value_beside_its_label_is_not_the_seller() -> None:
    out = run(page(("FS",), ("Invoice",), ("Fernhill Software DAC",),
                   ("Invoice number", ("F9E74C88-1204", 400), ("90 Baggot Street Lower", 1000)),
                   ("Date of issue", ("March 5, 2024", 400)), ("Total", ("€1,230.00", 800))))
    assert out["merchant"] == "Fernhill Software DAC"


def test_title_with_its_number_glued_after_the_name() -> None:
    from lib.kie.parties import strip_title

    assert strip_title("Fontaine Bâtiment SARL FACTURE N° F-2023-3354") == "Fontaine Bâtiment SARL"
    assert strip_title("Acme Ltd Invoice #12345") == "Acme Ltd"


# -- fresh seeds scored once (styles 9606, invoices 6401 with photos, receipts 5401), then fixed


def test_uk_sort_code_does_not_decide_the_date_order() -> None:
    out = run(page(("Hughes Design Ltd",), ("Invoice Date", ("07/02/2024", 700)), ("Total", ("£37.80", 800)),
                   ("Please pay by BACS to Barclays Bank plc, sort code 09-28-35,",)))
    assert out["date"] == "2024-02-07"


@pytest.mark.parametrize(("rows", "expected"), [
    ((("Chevalier & Fontaine SA FACTURE",), ("26 rue de la République", ("N° FA2307720", 900))),
     "Chevalier & Fontaine SA"),  # S.A. at the end is a legal form; a number with its "N°" is no name
    ((("AAN",), ("Janssens ICT BV",)), "Janssens ICT BV"),  # the Dutch "to" alone
    ((("Pichler Transporte OG",), ("An", ("Gruber Transporte GmbH", 300))), "Pichler Transporte OG"),
    ((("Primeur LefèvreSARL",),), "Primeur Lefèvre SARL"),
    ((("CUSTOMER", ("SELLER", 700)), ("Thornbury Joinery Limited", ("MillbrookConsultingLimited", 700))),
     "Millbrook Consulting Limited"),
])
def test_seller_names_from_fresh_seeds(rows: tuple, expected: str) -> None:
    assert run(page(*rows, ("TOTAL", ("1,230.00", 800))))["merchant"] == expected


def test_amount_paid_as_a_negative_line_is_a_deposit_not_the_bill() -> None:
    out = run(page(("Millbrook Consulting Limited",), ("Total excl. VAT", ("1,756.80", 800)),
                   ("VAT 20%", ("348.86", 800)), ("VAT 5%", ("0.63", 800)), ("TOTAL", ("2,106.29", 800)),
                   ("Amount paid", ("-1,053.15", 800)), ("Balance due", ("1,053.14", 800))))
    assert out["total"] == 2106.29 and out["tax_amount"] == 349.49


def test_glued_sales_tax_label() -> None:
    out = run(page(("Sunrise Pharmacy",), ("Subtotal", ("$149.67", 800)), ("Salestax 8.25%", ("$12.35", 800)),
                   ("AMOUNT DUE", ("$162.02", 800))))
    assert out["tax_amount"] == 12.35


# -- the next fresh seeds (styles 9707, invoices 6501 with photos, receipts 5501), then fixed


def test_vat_row_read_beside_an_iban_keeps_its_tax() -> None:
    assert classify_label("IBAN:FR2912270445848054062740880 TVA 20 %") == "tax"
    assert classify_label("Tagen netto. Bankverbindung: Zürcher Kantonalbank, IBAN CH06 2022") == "ignore"


def test_glued_rate_table_row_ending_in_the_vat_sum() -> None:
    assert classify_label("1.296,53 272,27 1.568,80Totaal btw") == "tax"


def test_italian_net_to_pay_is_the_bill() -> None:
    out = run(page(("Impianti Elettrici Galli S.r.l.",), ("Data", ("3/7/2024", 600)),
                   ("Totale imponibile", ("9.678,57", 800)), ("Imposta 22%", ("829,47", 800)),
                   ("Imposta 10%", ("590,83", 800)), ("Netto a pagare EUR", ("11.098,87", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (9678.57, 1420.3, 11098.87)


def test_sender_line_with_a_dot_before_the_house_number() -> None:
    out = run(page(("MV",), ("Menuiserie Vasseur SA·3 impasse du Moulin ·44000 Nantes", ("Numéro R24/069", 900)),
                   ("Transports Vasseur SAS", ("Date 3 juillet 2024", 700)), ("Total TTC", ("1 230,00 €", 800))))
    assert out["merchant"] == "Menuiserie Vasseur SA"


def test_polish_receipt_currency_from_a_glued_nip_and_the_city() -> None:
    from lib.post.currency import detect_currency

    assert detect_currency("Kiosk Lewandowski ul. Długa 14, 80-827 Gdańsk NIP813-131-10-46 SUMAPLN 42,84") == "PLN"


# -- the third fresh round (styles 9808, invoices 6601, receipts 5601), then fixed


def test_paid_line_before_the_balance_due_is_a_deposit() -> None:
    out = run(page(("Transportes Castillo S.L.U.",), ("Fecha de emisión", ("14 de marzo de 2024", 600)),
                   ("Total factura", ("51.758,88 EUR", 800)), ("IVA incluido (21%)", ("8.982,95", 800)),
                   ("Pagado", ("15.527,66", 800)), ("Saldo pendiente", ("36.231,22 EUR", 800))))
    assert out["total"] == 51758.88


def test_receipt_paid_after_the_amount_due_stays_a_payment() -> None:
    out = run(page(("Corner Shop",), ("Amount due", ("18.50", 800)), ("Paid", ("20.00", 800)),
                   ("Change", ("1.50", 800))))
    assert out["total"] == 18.5


@pytest.mark.parametrize(("header", "expected"), [
    ("Drukarnia Kowalczyk Sp. z 0.0.", "Drukarnia Kowalczyk Sp. z o.o."),
])
def test_polish_legal_form_with_zeros_for_os(header: str, expected: str) -> None:
    assert run(page((header,), ("Razem", ("2 560,16", 800))))["merchant"] == expected


def test_zloty_read_as_zt_and_italian_context() -> None:
    from lib.post.currency import detect_currency

    out = run(page(("Piekarnia Nowak",), ("Masto 200g", ("3,35 zt A", 800)), ("DO ZAPŁATY", ("6,49zt", 800))))
    assert out["total"] == 6.49 and out["currency"] == "PLN"
    assert detect_currency("Panificio Rossi Corso Umberto 8, 80138 Napoli P.IVA80322372265 TOTALE 110,13") == "EUR"


# -- the fourth round (scored first with local-kie-0.24: styles 9909, invoices 6701, receipts 5701), then fixed


def test_polish_paid_line_before_the_rest_due() -> None:
    out = run(page(("Zakład Stolarski Kowalczyk Sp. z o.o.",), ("Wartość brutto", ("23.630,10 zł", 800)),
                   ("w tym VAT 23%", ("4.418,64 zł", 800)), ("Zapłacono", ("11.815,05 zł", 800)),
                   ("Pozostało do zapłaty", ("11.815,05 zł", 800))))
    assert out["total"] == 23630.1


def test_tax_word_glued_to_the_word_before_it() -> None:
    assert classify_label("dontTVA5.5%") == "tax" and classify_label("Definitiva 10%") != "tax"


@pytest.mark.parametrize(("header", "expected"), [
    ("ООО «Стройдеталь» - ул. Баумана, 5", "ООО «Стройдеталь»"),  # a sender line's dash before the address
    ("Usługi Transportowe Wiśniewski Sp. z 0.o.", "Usługi Transportowe Wiśniewski Sp. z o.o."),
    # … its "·" read as "»" or "+" on a photo (invoices 7301 inv_006_ru); a "+" inside a name stays
    ("ООО «Стройдеталь» » ул. Заводская, д. 3", "ООО «Стройдеталь»"),
    ("Becker GmbH + Talweg 4 · 20095 Hamburg", "Becker GmbH"),
    ("Marks + Spencer Ltd", "Marks + Spencer Ltd"),
])
def test_more_sender_line_and_legal_form_repairs(header: str, expected: str) -> None:
    assert run(page((header,), ("Итого", ("1 000,00", 800))))["merchant"] == expected


def test_russian_invoice_number_label_is_no_seller() -> None:
    out = run(page(("Номер счёта: 2023-7648",), ("ООО «Стройдеталь»",), ("Итого", ("1 000,00", 800))))
    assert out["merchant"] == "ООО «Стройдеталь»"


def test_title_glued_to_its_number_mark_after_the_name() -> None:
    from lib.kie.parties import strip_title

    assert strip_title("Girard & Mercier EURL FACTUREN°FA2303263") == "Girard & Mercier EURL"
    assert run(page(("Girard & Mercier EURL FACTUREN°FA2303263",), ("Total TTC", ("1 230,00 €", 800))))[
        "merchant"] == "Girard & Mercier EURL"


# -- the sixth round (scored first with local-kie-0.26: styles 11111, invoices 6901, receipts 5901), then fixed


def test_negative_amount_paid_is_never_the_total() -> None:
    out = run(page(("Ashgrove Software Inc.",), ("Total", ("$1,129.74", 800)), ("Amount paid", ("-$564.87", 800)),
                   ("Amount outstanding", ("$564.87", 800)), ("No sales tax charged.",)))
    assert out["total"] == 1129.74


def test_italian_snc_and_a_glued_polish_legal_form() -> None:
    assert run(page(("AB Arredamenti Bianchi S.n.c. Fattura",), ("Totale", ("1.230,00", 800))))["merchant"] == \
        "Arredamenti Bianchi S.n.c."
    assert run(page(("Drogeria WiśniewskiSp. z o.o.",), ("SUMA PLN", ("85,99", 800))))["merchant"] == \
        "Drogeria Wiśniewski Sp. z o.o."


def test_buyer_in_the_address_window_stays_the_buyer_when_its_name_is_respaced() -> None:
    out = run(page(("Drukarnia Nowak sp.k. · ul. Długa 14 · 31-042 Kraków",),
                   ("ZakładStolarski ZielińskiSp. z o.o.", ("Nr faktury A24/507", 700)),
                   ("ul. Piotrkowska 101 lok. 5", ("Data wystawienia 19.09.2024", 700)),
                   ("80-830 Gdańsk",), ("Faktura",), ("Do zapłaty", ("1 230,00 zł", 800))))
    assert out["merchant"] == "Drukarnia Nowak sp.k."


# -- after the thirty-third seeds (invoices 7615, scored once with local-kie-0.72)


@pytest.mark.parametrize(("labels", "values", "expected"), [
    # the value column slid one row down on a photo: each value sits beside the label below its own
    (("Numéro", "Date de facture", "Date d'échéance"), ("R23/988", "03/05/2023", "17/06/2023"), "2023-05-03"),
    (("Rechnungs-Nr.", "Datum", "Fälligkeitsdatum"), ("70669", "6. April 2025", "21. Mai 2025"), "2025-04-06"),
])
def test_key_value_block_whose_values_slid_one_row_down(labels: tuple[str, ...], values: tuple[str, ...],
                                                        expected: str) -> None:
    rows = [(labels[0],)] + [((label, 20), (value, 500)) for label, value in zip(labels[1:], values[:-1], strict=True)]
    out = run(page(("Informatique Delvaux SA",), ("Chaussée de Wavre 112",), *rows, ((values[-1], 500),),
                   ("TOTAL TTC", ("1.210,00", 800))))
    assert out["date"] == expected


def test_key_value_block_in_its_place_keeps_its_labels() -> None:
    """The same block printed straight: the issue date is the one beside its label, the due date loses."""
    out = run(page(("Informatique Delvaux SA",), ("Numéro", ("R23/988", 500)), ("Date de facture", ("03/05/2023", 500)),
                   ("Date d'échéance", ("17/06/2023", 500)), ("TOTAL TTC", ("1.210,00", 800))))
    assert out["date"] == "2023-05-03"
    out = run(page(("Informatique Delvaux SA",), ("Date de facture", ("03/05/2023", 500)),
                   ("Date d'échéance", ("17/06/2023", 500)), (("Période 01/06/2023", 500),),
                   ("TOTAL TTC", ("1.210,00", 800))))
    assert out["date"] == "2023-05-03"


def test_logo_initials_in_a_header_with_the_title_are_no_to_label() -> None:
    """"TO ‖ Transportes Ortega S.L. ‖ Factura" (the logo's initials, the name with its spaces, the title): a
    header, not a "To" block, so the name is the seller's; "Facturar a:" and "DATOS DEL CLIENTE" are labels, never
    the merchant. "TO ‖ Tanya Orlova" with no title beside it stays the buyer's label."""
    from lib.kie.parties import _row_labels
    from lib.kie.rows import Row
    from lib.ocr_document import Span

    for buyer_label in ("Facturar a:", "DATOS DEL CLIENTE"):
        out = run(page((("TO", 20), ("Transportes Ortega S.L.", 90), ("Factura", 900)),
                       ("Calle Mayor, 23 · 50001 Zaragoza",),
                       (("Número de factura", 20), ("R25/317", 400), (buyer_label, 700)),
                       (("Fecha", 20), ("9 de julio de 2025", 400), ("Asesoría Castillo S.A.", 700)),
                       ("Importe total", ("84.516,08 €", 900))))
        assert out["merchant"] == "Transportes Ortega S.L."

    def row(*texts: str) -> Row:
        return Row(page=0, spans=[Span(bbox=(i * 200, 0, i * 200 + 150, 20), text=t, score=1.0)
                                  for i, t in enumerate(texts)], index=0)

    assert _row_labels(row("TO", "Tanya Orlova")) == [(0, "buyer", "Tanya Orlova")]
    assert _row_labels(row("TO", "Transportes Ortega S.L.", "Factura")) == []


# -- after the thirty-sixth seeds (invoices 7618, world 41036; scored once with local-kie-0.76)


def test_space_grouped_amount_with_its_comma_read_as_a_dot_on_a_french_page() -> None:
    """"Sous-total HT ‖ 65 725.38" on a page printing "24 702,32": one amount (its comma read as a dot), not a
    quantity 65 and a price 725.38. A Latin page with no such grouping keeps "2 150.00" as two numbers."""
    from lib.kie.candidates import _row_amounts

    out = run(page(("Électricité Lemaire SARL",), ("Main d'oeuvre (heure)", ("8", 500), ("24 702,32", 900)),
                   ("Sous-total HT", ("65 725.38", 900)), ("Total TVA", ("12 643,15", 900)),
                   ("Montant TTC", ("78 368,53", 900))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (65725.38, 12643.15, 78368.53)
    from lib.kie.rows import group_rows
    from lib.ocr_document import OcrDocument

    latin = group_rows(OcrDocument(pages=[page(("Coffee", ("2 150.00", 500)))]))[0]
    assert [a.value for a in _row_amounts(latin)[0]] == [2.0, 150.0]


def test_vat_table_with_a_garbled_header_found_by_its_own_arithmetic() -> None:
    """"Taxa ‖ Base ‖ NA" (IVA read "NA") over "23% ‖ 3.82 ‖ 0.88" and "13% ‖ 19.47 ‖ 2.53": each row's tax is its
    rate of its net, and nets plus taxes are the total: subtotal 23.29, tax 3.41."""
    out = run(page(("Churrasqueira Catarina",), ("NIPC 555371350",), ("BIFANA", ("3,50", 500), ("7,00", 700)),
                   ("TOTAL", ("26,70 €", 700)), (("Taxa", 20), ("Base", 300), ("NA", 500)),
                   (("23%", 20), ("3.82", 300), ("0.88", 500)), (("13%", 20), ("19.47", 300), ("2.53", 500)),
                   ("NUMERARIO", ("100.00", 700)), ("Troco", ("73.30", 700)), ("Data: 09/02/2025 09:01",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (23.29, 3.41, 26.7)


# -- after the thirty-seventh seeds (styles 15169, world 41037; scored once with local-kie-0.77)


def test_german_mini_gmbh_with_its_spaces_lost() -> None:
    """"KellerWerbetechnikUG(haftungsbeschränkt)": the header's spaces lost before the UG's bracket; spelled out, it
    is a legal name and beats the recipient in the address window below it."""
    from lib.kie.merchant import repair_name

    assert repair_name("KellerWerbetechnikUG(haftungsbeschränkt)") == "Keller Werbetechnik UG (haftungsbeschränkt)"
    assert repair_name("Keller Werbetechnik UG (haftungsbeschränkt)") == "Keller Werbetechnik UG (haftungsbeschränkt)"


def test_vat_table_whose_brutto_header_was_read_brutte() -> None:
    """"Satz ‖ brutte ‖ MwSt" over two rate rows and "Gesant summe ‖ 28,86 ‖ 3,52": the sum row's tax."""
    out = run(page(("Technik-Eck",), ("Goethestr. 229",), ("70173 Stuttgart",), ("KALENDER 2025", ("11,59", 700)),
                   ("Gesamtsumme", ("28,86", 700)), ("Mastercard", ("28,86", 700)),
                   (("Satz", 20), ("brutte", 300), ("MwSt", 500)), (("A=19%", 20), ("17.27", 300), ("2,76", 500)),
                   (("B=7%", 20), ("11,59", 300), ("0,76", 500)), (("Gesant summe", 20), ("28,86", 300), ("3,52", 500)),
                   ("Datum: 10.01.2025 Uhrzeit: 10:57",)))
    assert (out["total"], out["tax_amount"]) == (28.86, 3.52)


def test_review_stop_32_narrowings_on_invoices() -> None:
    """Review of stop 32: the slid-block rule needs date labels on both rows (a number's label over a stacked
    service period is no slid block); a rate row with a word before it that is no tax's (a cover charge, a
    gratuity) is no VAT table; a point-decimal page with one comma amount keeps "2 150.00" as two numbers."""
    from lib.kie.candidates import _labelled_rows
    from lib.kie.rows import group_rows
    from lib.ocr_document import OcrDocument

    out = run(page(("Acme Consulting Ltd",), ("Invoice No", ("INV-1042", 500)), ("Service period", ("01/05/2023", 500)),
                   ((("31/05/2023", 500),)), ("Invoice date", ("03/06/2023", 500)), ("Total", ("1,210.00", 800))))
    assert out["date"] == "2023-06-03"
    for label, net, tax, total in (("Coperto 10%", "50,00", "5,00", "55,00"),
                                   ("Gratuity 15%", "40.00", "6.00", "46.00")):
        out = run(page(("Trattoria Da Mario",), ("Pasta", (net, 700)), (label, (net, 500), (tax, 700)),
                       ("TOTALE", (total, 700))))
        assert (out["subtotal"], out["tax_amount"]) == (None, None), label
    rows = group_rows(OcrDocument(pages=[page(("Points balance", ("1 250,00", 700)),
                                              ("Room", ("2 Night stay 2 150.00", 500)),
                                              ("Tax", ("12.00", 700)), ("Total", ("162.00", 700)))]))
    assert [a.value for a in _labelled_rows(rows)[1].amounts][-2:] == [2.0, 150.0]


# -- after the thirty-eighth seeds (styles 15170, world 41038, cyr 31038; scored once with local-kie-0.79)


def test_title_and_number_glued_to_a_legal_form_with_every_space_lost() -> None:
    """"Lefèvre & FontaineSAFACTUREN°F-2023-0221": the title and its number cut at the legal form, whose space is
    put back ("Lefèvre & Fontaine SA"); "Casa SAFARI" has no title in it."""
    from lib.kie.merchant import repair_name
    from lib.kie.parties import strip_title

    assert repair_name(strip_title("Lefèvre & FontaineSAFACTUREN°F-2023-0221")) == "Lefèvre & Fontaine SA"
    assert strip_title("Muster GmbHRECHNUNG Nr. 12") == "Muster GmbH"
    assert strip_title("Casa SAFARI") == "Casa SAFARI"


def test_net_and_tax_of_a_vat_row_read_as_one_token() -> None:
    """"8.1% ‖ 134.4110.89 ‖ 145.30": four digits between two decimal points is no number, but two amounts with
    cents glued ("134.41" and "10.89")."""
    from lib.post.amounts import find_amounts

    assert [v for v, _, _ in find_amounts("134.4110.89")] == [134.41, 10.89]
    assert [v for v, _, _ in find_amounts("1.234.567,89")] == [1234567.89]
    out = run(page(("Café de la Gare",), ("1700 Fribourg",), ("MWST-Nr. CHE-024.129.534 MWST",),
                   ("Steak frites", ("56.00 1", 700)), ("Total CHF", ("145.30", 700)), ("ESPECES CHF", ("146.00", 700)),
                   ("Rendu monnaie CHF", ("0.70", 700)), (("TVA", 20), ("HT", 300), ("TVA", 450), ("TTC", 650)),
                   (("8.1%", 20), ("134.4110.89", 300), ("145.30", 650)), ("Date: 20.05.2024 Heure: 18:39:56",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (134.41, 10.89, 145.3)


# -- after the thirty-ninth seeds (invoices 7621, cyr 31039; scored once with local-kie-0.80)


def test_sender_line_of_two_parts_ending_in_postcode_and_town() -> None:
    """"Arredamenti Colombo S.r.1. · Viale dell'Industria 40 - 20121 Milano" (its second dot read as a dash) over the
    recipient "Ferramenta Colombo S.n.c.": still a sender line, so the recipient below it is not the seller; the
    "S.r.1." is "S.r.l."."""
    out = run(page((("AC", 20),), ("Arredamenti Colombo S.r.1. · Viale dell'Industria 40 - 20121 Milano",),
                   ("Ferramenta Colombo S.n.c.", ("Fattura n.", 600), ("17725", 900)),
                   ("Viale dell'Industria 40", ("Data emissione", 600), ("28 giugno 2023", 900)),
                   ("10121 Torino",), ("Totale documento", ("€ 4.324,27", 900)),
                   ("Arredamenti Colombo S.r.1. · Viale dell'Industria 40. 20121 Milano · P.IVA IT349398481",)))
    assert out["merchant"] == "Arredamenti Colombo S.r.l."


def test_kazakh_total_with_its_first_space_lost_before_a_bare_t() -> None:
    """"Итого к оплате: 1314 824.00 т" (тг with its г lost): one amount, the total."""
    out = run(page(('ТОО «Каспий Сервис»',), ("Итого:", ("1173 950.00", 800)), ("НДС 12%:", ("140 874.00", 800)),
                   ("Итого к оплате:", ("1314 824.00 т", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1173950.0, 140874.0, 1314824.0)


def test_review_stop_32_second_narrowings() -> None:
    """Second review of stop 32: a legal form read in Latin ("AO ТАНДЕР") is no logo; the seller's own street line
    ("Hauptstraße 5 · 10115 Berlin") is no sender line over a recipient; a due row that mentions the prepayment is
    still the amount due; "UniSA" is a brand, not "Uni SA"."""
    from lib.kie.merchant import repair_name

    assert run(page(("AO ТАНДЕР",), ("ИНН 2310031475",), ("Итого", ("100,00", 700))))["merchant"] == "АО ТАНДЕР"
    out = run(page(("Hauptstraße 5 · 10115 Berlin",), ("Bäckerei Schmidt GmbH",), ("Tel. 030 123456",),
                   ("Rechnungsdatum: 05.03.2024",), ("Nettobetrag", ("100,00", 700)), ("MwSt 19%", ("19,00", 700)),
                   ("Gesamtbetrag", ("119,00", 700))))
    assert out["merchant"] == "Bäckerei Schmidt GmbH"
    assert classify_label("Сума за плащане (предплата)") == "total_strong"
    assert repair_name("UniSA") == "UniSA"


# -- after the forty-first seeds (invoices 7623, world 41041; scored once with local-kie-0.82)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hendriks Drukwerk N.V. Factuurnr.: 58657", "Hendriks Drukwerk N.V."),
    ("Ferramenta Galli S.p.A. Fattura n.: V24/509", "Ferramenta Galli S.p.A."),
    ("BiuroRachunkowe Nowak S.A. FAKTURAVAT", "BiuroRachunkowe Nowak S.A."),
    ("Acme Ltd Invoice", "Acme Ltd"),
])
def test_invoice_number_beside_the_name_and_a_title_with_its_space_lost(text: str, expected: str) -> None:
    """The next column's "Factuurnr.: 58657" / "Fattura n.: V24/509" read into the seller's row, and "FAKTURAVAT"
    ("FAKTURA VAT" with its space lost) glued after it: cut at the title."""
    from lib.kie.parties import strip_title

    assert strip_title(text) == expected


# -- after the forty-third seeds (invoices 7625, receipts 6325; the stop's estimate, fixed after it was scored)


def test_polish_two_part_sender_line_and_italian_vat_line_with_its_space_lost() -> None:
    """"Drukarnia Kowalczyk sp.k. · ul. Piotrkowska 101 lok. 5 - 80-830 Gdańsk": a sender line (Polish postcode,
    a partnership's "sp.k."), so the recipient below it is not the seller; "di cuiIVA 22%" (space lost) is a VAT
    line like "di cui IVA 10%", and the tax is both."""
    out = run(page((("DK", 20),), ("Drukarnia Kowalczyk sp.k. · ul. Piotrkowska 101 lok. 5 - 80-830 Gdańsk",),
                   ("Ushugi Transportowe Wójcik Sp. z o.o.", ("Nr faktury", 600), ("2025-2190", 900)),
                   ("al. Jerozolimskie 65", ("Data wystawienia", 600), ("2025-05-11", 900)), ("50-077 Wrocław",),
                   ("Kwota brutto", ("PLN 86 963,57", 900)),
                   ("Drukarnia Kowalczyk sp.k. · ul. Piotrkowska 101 lok. 5, 80-830 Gdańsk · NIP PL504832419",)))
    assert out["merchant"] == "Drukarnia Kowalczyk sp.k."
    out = run(page(("Ferramenta Colombo S.r.l.",), ("Via Garibaldi 21, 10122 Torino",), ("Biscotti", ("22,99 B", 700)),
                   ("TOTALE COMPLESSIVO", ("145,71", 700)), ("Contanti", ("150,00", 700)), ("Resto", ("4,29", 700)),
                   ("di cui IVA 10%", ("1,58", 700)), ("di cuiIVA 22%", ("23,15", 700))))
    assert (out["total"], out["tax_amount"]) == (145.71, 24.73)


def test_german_total_label_glued_to_its_amount() -> None:
    """"Rechnungsbetrag89.614,61 EUR" (the space lost): the compound's "…betrag" names the amount glued to it, which
    is the invoice total, not the amount still due after the deposit. An article number stays no amount."""
    from lib.post.amounts import find_amounts

    assert [v for v, _, _ in find_amounts("Rechnungsbetrag89.614,61 EUR")] == [89614.61]
    assert find_amounts("Artikelnummer12345") == []
    out = run(page(("Kaltenbach Haustechnik GmbH",), ("Rechnungs-Nr.: 2023-9287",), ("Datum: 13. Oktober 2023",),
                   ("Softwarelizenz Jahresabo", ("8", 500), ("25.878,88", 800)), ("Rechnungsbetrag89.614,61 EUR",),
                   ("Im Betrag enthalten: 19 % MwSt.", ("14.308,22", 800)), ("Anzahlung", ("17.922,92", 800)),
                   ("Noch zu zahlen 71.691,69 EUR",)))
    assert out["total"] == 89614.61


def test_a_name_a_column_away_on_the_seller_labels_row_is_not_the_seller() -> None:
    """A tilted photo: the buyer's column rose a row, so "Verkäufer: ‖ <buyer's name>" shares a row, and the
    seller's own name is under the label. A name right after the label stays the seller."""
    out = run(page(("Rechnung",), ("Verkäufer:", ("Sonnleitner IT-Service OG", 1000)),
                   ("Sonnleitner Elektrotechnik OG", ("Mariahilfer Straße 41", 1000)),
                   ("Gewerbepark 9", ("1070 Wien", 1000)), ("Datum: 28.09.2023",),
                   ("Gesamtbetrag", ("15.013,97", 900))))
    assert out["merchant"] == "Sonnleitner Elektrotechnik OG"
    out = run(page(("Rechnung",), ("Verkäufer:", "Sonnleitner IT-Service OG"), ("Gewerbepark 9",),
                   ("Datum: 28.09.2023",), ("Gesamtbetrag", ("15.013,97", 900))))
    assert out["merchant"] == "Sonnleitner IT-Service OG"


def test_french_premier_with_its_one_read_as_a_letter() -> None:
    """"Date ‖ ler décembre 2025" (1er read "ler") under the due date "15 janvier 2026": the issue date."""
    out = run(page(("Électricité Lemaire SAS", ("Facture", 900)), ("Date d'échéance", ("15 janvier 2026", 900)),
                   ("Date", ("ler décembre 2025", 900)), ("Total TTC", ("25 331,33 EUR", 900))))
    assert out["date"] == "2025-12-01"


def test_a_forms_value_column_beside_the_seller_label_stays_the_seller() -> None:
    """A Russian счёт's label column: "Поставщик ‖ ИП Новиков Д. Г., ИНН …" over "(Исполнитель): ‖ тел.: …"."""
    out = run(page(("Поставщик", ("ИП Новиков Д. Г., ИНН 779808703375, г. Москва", 330)),
                   ("(Исполнитель):", ("тел.: +7 (804) 506-84-68", 330)),
                   ("Покупатель", ("ООО «Меридиан», ИНН 7746596191", 330)), ("Итого:", ("87 820,00", 900))))
    assert str(out["merchant"]).startswith("ИП Новиков Д. Г")


def test_round_45_invoice_labels_and_dates() -> None:
    """An invoice number beside a month-first date ("2061 ‖ Apr 27, 2025": not the year 2061); "Im Betrag enthalten:
    20 % MwSUR" (MwSt EUR run together) is the tax inside the total; "MontantTTC" (space lost) is the gross total,
    not the amount left after a prepayment; a letter-spaced title glued to "o.o." is no part of the name."""
    from lib.kie.parties import strip_title
    from lib.post.dates import parse_date

    assert str(parse_date("2061 Apr 27, 2025")) == "2025-04-27" and str(parse_date("2025 Apr 27")) == "2025-04-27"
    assert classify_label("Im Betrag enthalten: 20 % MwSUR") == "tax"
    assert classify_label("MontantTTC") == "total_strong" and classify_label("TotalHT") == "subtotal"
    out = run(page(("Menuiserie Lemaire EURL",), ("Date", ("27/02/2024", 900)), ("Total HT", ("14 613,02", 900)),
                   ("TVA 20%", ("2922,60", 900)), ("MontantTTC", ("17 535,62", 900)), ("Déjà réglé", ("-3507,12", 900)),
                   ("Reste à payer", ("14 028,50", 900))))
    assert (out["subtotal"], out["total"]) == (14613.02, 17535.62)
    assert strip_title("Zakład Stolarski Kowalczyk Sp. z o.o.F AKTURA VAT") == "Zakład Stolarski Kowalczyk Sp. z o.o."
    assert strip_title("J. Smith") == "J. Smith" and strip_title("A.B. Faktura Ltd") == "A.B. Faktura Ltd"


def test_dutch_invoice_to_label_marks_the_buyer() -> None:
    """"Factuur aan" (invoice to) opens the buyer's block: "Mulder &Smit B.V." under it is not the seller, whose
    header lost its space ("Elektro VisserB.V.")."""
    out = run(page(("Elektro VisserB.V.", ("Factuur", 900)), ("Factuur aan", ("Hoofdstraat 117", 900)),
                   ("Mulder &Smit B.V.", ("3011 AD Rotterdam", 900)), ("Dorpsstraat 21",),
                   ("Factuurdatum", ("08-09-25", 600)), ("Totaal incl. BTW", ("€ 2.551,45", 900)),
                   ("Elektro Visser B.V.· Hoofdstraat 117· 3011 AD Rotterdam",)))
    assert str(out["merchant"]).replace(" ", "") == "ElektroVisserB.V."


def test_review_stop_33_narrowings() -> None:
    """Cases a read-only review found too wide in this stop's first rules, each narrowed:
    a delivery note's date under a bare "Datum" header does not beat the invoice date; a US subtotal before a
    discount with no tax stays; a net that the included tax adds up to a printed sum stays (a tip after it); a field
    name under a far seller value is no seller; a service charge "enthalten" is no tax; a year after a year-first
    date without a comma is not taken over."""
    from lib.post.dates import parse_date

    out = run(page(("Holzbau Meier GmbH",), ("Rechnung Nr. 2024-17",), ("Lieferschein", ("Datum", 400)),
                   ("LS-4711", ("20.02.2024", 400)), ("Rechnungsdatum:", ("01.03.2024", 400)),
                   ("Gesamtbetrag", ("1.013,97", 900))))
    assert out["date"] == "2024-03-01"
    out = run(page(("Acme Consulting LLC",), ("Subtotal", ("$1,000.00", 700)), ("Discount (10%)", ("-$100.00", 700)),
                   ("Total", ("$900.00", 700))))
    assert (out["subtotal"], out["total"]) == (1000.0, 900.0)
    out = run(page(("Gasthaus Adler",), ("Netto", ("84,03", 700)), ("MwSt 19% enthalten", ("15,97", 700)),
                   ("Summe", ("100,00", 700)), ("Trinkgeld", ("5,00", 700)), ("Gesamt", ("105,00", 700))))
    assert out["subtotal"] == 84.03
    out = run(page(("Rechnungssteller:", ("Holzbau Meier GmbH", 600)), ("Steuernummer", ("Industriestraße 4", 600)),
                   ("Gesamtbetrag", ("1.013,97", 900))))
    assert out["merchant"] == "Holzbau Meier GmbH"
    assert classify_label("Im Betrag enthalten: 10 % Servicegebühr") != "tax"
    assert str(parse_date("2024-Apr-27 2015")) == "2024-04-27"
    assert str(parse_date("2023 Dec 31 2024 Jan 01")) == "2023-12-31"


def test_a_date_in_its_own_cell_takes_the_label_cell_left_of_it() -> None:
    """"Moosbrugger IT-Service OG ‖ Rechnungsdatum ‖ 19.05.2024": the cell left of the date names it (the buyer's
    "IT-Service" in the other column is no service date); a period cut short ("Abrechnungszeitrau.04.2024-") is
    still a period."""
    out = run(page(("Gruber IT-Service OG",), ("RECHNUNG",),
                   ("KUNDE", ("Abrechnungszeitrau.04.2024- 30.04.2024", 600)),
                   ("Moosbrugger IT-Service OG", ("Rechnungsdatum", 600), ("19.05.2024", 900)),
                   ("5020 Salzburg", ("Fälligkeitsdatum", 600), ("03.07.2024", 900)),
                   ("Gesamtbetrag", ("5.132,01", 900))))
    assert out["date"] == "2024-05-19"


def test_amount_column_risen_under_an_absurd_printed_reading() -> None:
    """A tilted invoice photo whose amounts sit one row above their labels: printed, the total is negative and a VAT
    line holds the bill; shifted down, net + VAT = total. The invoice number field of the other column read into the
    seller's row ("… S.A. ‖ Nr faktury: 2023-0578") is no part of the name."""
    out = run(page(("Corrib Supplies DAC",), ("Annual support plan", ("1,717.85", 900)),
                   ("Brochure print run A5", ("11,325.17", 900)), ("Net amount", ("2,145.38", 900)),
                   ("VAT 23%", ("269.65", 900)), ("VAT 13.5%", ("13,740.20", 900)),
                   ("Invoice total", ("-4,122.06", 900)), ("Payment received", ("9,618.14", 900)), ("Balance due",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (11325.17, 2415.03, 13740.2)
    from lib.kie.parties import strip_title

    assert strip_title("Serwis Komputerowy Kowalczyk S.A. Nr faktury: 2023-0578") == "Serwis Komputerowy Kowalczyk S.A."
    assert strip_title("Nr Faktury Sp. z o.o.") == "Nr Faktury Sp. z o.o."


def test_review_stop_33_second_narrowings() -> None:
    """A second read-only review's cases, each narrowed: a Bulgarian invoice's "Междинна сума" that the VAT adds up
    to the total is its net; the far-column rule knows leading legal forms ("ООО «Ромашка»"); a card payment confirms
    a last-digit slip even when the printed total is a multiple of 5 cents; a bare "Datum" / "Date" cell left of a
    date does not make it the issue date; a loose date after a till's serial number is still a date; "¥" on an
    Indian bill's item lines, or beside rupees in words, is INR."""
    out = run(page(("ФАКТУРА № 0000001234",), ("Междинна сума", ("100,00", 700)), ("ДДС 20%", ("20,00", 700)),
                   ("Сума за плащане", ("120,00", 700))))
    assert out["subtotal"] == 100.0
    out = run(page(("СЧЕТ № 12",), ("Поставщик:", ("ООО «Альфа»", 1000)), ("ООО «Ромашка»", ("ул. Мира, 5", 1000)),
                   ("Итого:", ("1 200,00", 900))))
    assert out["merchant"] == "ООО «Ромашка»"
    out = run(page(("REWE Markt GmbH",), ("Milch", ("1,19", 700)), ("Brot", ("2,29", 700)), ("Käse", ("2,98", 700)),
                   ("SUMME EUR", ("6,45", 700)), ("Geg. EC-Cash EUR", ("6,46", 700))))
    assert out["total"] == 6.46
    out = run(page(("Holzbau Meier GmbH",), ("Lieferschein-Nr. 4711", ("Datum", 500), ("02.05.2024", 800)),
                   ("Rechnungsdatum", ("12.05.2024", 800)), ("Gesamtbetrag", ("1.013,97", 900))))
    assert out["date"] == "2024-05-12"
    out = run(page(("ООО «Ромашка»",), ("ЗН ККТ 00106703564789 05~05-17 14:32",), ("ИТОГ", ("=120,00", 700))))
    assert out["date"] == "2017-05-05"
    out = run(page(("Annapurna Stores",), ("GSTIN: 27CEVKP5408X1Z1",), ("PANEER 200G", ("¥350.00", 700)),
                   ("Grand Total", ("745.50", 700)), ("CGST", ("30.89", 700))))
    assert out["currency"] == "INR"


def test_a_delivery_date_with_its_de_glued_on() -> None:
    """"Date delivraison: 26/02/2025" ("de livraison", the space lost) is a delivery date, not the issue date."""
    out = run(page(("Imprimerie Garnier SARL",), ("Client:", ("Facture n°: 77641", 700)),
                   ("Imprimerie Chevalier SARL", ("Date delivraison: 26/02/2025", 700)),
                   ("45 avenue Jean Jaurès", ("Échéance: 02/04/2025", 700)), ("69002 Lyon", ("Date: 03/03/2025", 700)),
                   ("Total TTC", ("55 678,68 €", 900))))
    assert out["date"] == "2025-03-03"


def test_round_51_tax_lines_and_a_slid_column_with_a_tax_above_its_subtotal() -> None:
    """Round 51's misses: a US bill photo whose amounts slid one row down ("SUB-TOTAL" bare, "TAX 211.60", "Amount
    Due 18.83", "230.43"): printed, the tax is larger than its subtotal, so the shifted reading wins although it adds
    up only once; "Mw5t" (S read as 5) names a VAT table's tax column; "enth. MwSt 19" with its "%" lost is still a
    line of its own rate."""
    out = run(page(("Tony's Pizzeria",), ("Mar 9 2025", ("12:40:01 PM", 500)), ("CHEESEBURGER", ("16.00", 700)),
                   ("SUB-TOTAL",), ("TAX", ("211.60", 700)), ("Amount Due", ("18.83", 700)), (("230.43", 700),),
                   ("Suggested Gratuity:",), ("18% = $41.48",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (211.6, 18.83, 230.43)
    out = run(page(("Pizzeria Da Marco",), ("20.05.2025 16:09",), ("Summe", ("68,20", 700)),
                   ("Kartenzahlung", ("68,20", 700)), ("Steuer", ("Brutto", 500), ("Mw5t", 700)),
                   ("20%", ("14,30", 500), ("2,38", 700)), ("10%", ("53,90", 500), ("4,90", 700)),
                   ("Summe", ("68,20", 500), ("7,28", 700))))
    assert (out["tax_amount"], out["total"]) == (7.28, 68.2)
    out = run(page(("Getränke Albers GmbH",), ("Datum 28.11.2024 12:41",), ("Vollkornbrot", ("55,14 B", 700)),
                   ("zu zahlen EUR", ("122,43", 700)), ("Kartenzahlung", ("122,43", 700)),
                   ("enth. MwSt 7%", ("1,58", 700)), ("enth. MwSt 19", ("15,69", 700))))
    assert (out["tax_amount"], out["total"]) == (17.27, 122.43)


def test_round_52_vat_header_name_separator_and_glued_month() -> None:
    """Round 52's misses: "Momssats ‖ Exkl. moms ‖ Inkl. moms" heads a VAT table (its "Moms" column header lost), so
    it is no subtotal label borrowing the row below ("A=25% 64,00 16.00 80,00"): the rows' own arithmetic gives net
    and tax; "V.O.F.·Oudegracht 144" is a name and an address glued at a middle dot; an issue date whose "de" is glued
    to the month ("21 defebrero de 2025") beats the due date."""
    out = run(page(("Konditori Kanelbullen",), ("Datum: 2024-04-07",), ("ATT BETALA kr", ("271,00", 700)),
                   ("Kontanter", ("500,00", 700)), ("Växel", ("229,00", 700)),
                   ("Momssats", ("Exkl. moms", 300), ("Inkl. moms", 600)),
                   ("A=25%", ("64,00", 300), ("16.00", 450), ("80,00", 600)),
                   ("B=12%", ("170.54", 300), ("20,46", 450), ("191,00", 600)),
                   ("Att", ("234,54", 300), ("36,46", 450), ("271,00", 600))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (234.54, 36.46, 271.0)
    out = run(page(("MI",), ("Mulder Installatietechniek V.O.F.·Oudegracht 144· 3511 AB Utrecht",
                            ("Factuurnummer: 22225", 900)), ("Factuurdatum:20-08-2024",),
                   ("Totaal", ("41.357,82", 700))))
    assert out["merchant"] == "Mulder Installatietechniek V.O.F."
    out = run(page(("Reformas Iglesias S.L.U.", ("Factura", 800)), ("Vencimiento", ("23 de marzo de 2025", 600)),
                   ("Fecha", ("21 defebrero de 2025", 600)), ("TOTAL", ("14.726,37 €", 700))))
    assert out["date"] == "2025-02-21"


def test_round_53_date_column_risen_one_row_and_a_due_label_cut_short() -> None:
    """Round 53's misses: a Dutch invoice photo whose value column rose one row ("Factuurnummer ‖ 2 september 2023",
    "Datum ‖ 28 augustus 2023", "Leverdatum ‖ 9 september 2023", "Vervaldatum" bare): each date takes the label
    below it, so the invoice date is 2 September; "Fecha de vencimient&6 de marzo de 2024" is still a due date."""
    out = run(page(("Mulder ICT N.V.",), ("Btw-id: NL601142819", ("2023-9503", 700)),
                   ("Factuurnummer", ("2 september 2023", 700)), ("Datum", ("28 augustus 2023", 700)),
                   ("Leverdatum", ("9 september 2023", 700)), ("Vervaldatum",), ("Totaal", ("190.744,45", 700))))
    assert out["date"] == "2023-09-02"
    out = run(page(("Mulder ICT N.V.",), ("Factuurnummer", ("2023-9503", 700)), ("Datum", ("28 augustus 2023", 700)),
                   ("Leverdatum", ("9 september 2023", 700)), ("Vervaldatum", ("30 september 2023", 700)),
                   ("Totaal", ("190.744,45", 700))))
    assert out["date"] == "2023-08-28"  # (not risen: every label has its own value)
    out = run(page(("Asesoria Iglesias S.A.",), ("Nº factura", ("2024-6740", 600)),
                   ("Fecha de pedido", ("3 de marzo de 2024", 600)), ("Fecha de vencimient&6 de marzo de 2024",),
                   ("Fecha de factura", ("19 de marzo de 2024", 600)), ("Importe total", ("170,66 €", 700))))
    assert out["date"] == "2024-03-19"


def test_review_stop_34_narrowings() -> None:
    """A read-only review of local-kie-0.95 … 0.97, each too-wide case narrowed: a rate without "%" marks tax lines
    of different rates only, and no sum of tax lines is the whole bill ("Base IVA 21" / "Cuota IVA 21"); a net and
    a gross header make a VAT table's header only in three cells or more ("Net total ‖ Gross total" over their
    values, "Summe netto" split in words); a middle dot splits a name after a legal form's dot only ("St.·Pauli",
    "Co.·KG"); a risen date column needs the date to be the whole value and a bare date label at its end."""
    out = run(page(("Bar Manolo S.L.",), ("14/03/2024 10:22",), ("Cafe", ("12,10", 700)), ("TOTAL", ("12,10", 700)),
                   ("Base IVA 21", ("10,00", 700)), ("Cuota IVA 21", ("2,10", 700))))
    assert (out["subtotal"], out["tax_amount"]) == (10.0, 2.1)
    out = run(page(("Acme Widgets Ltd",), ("Invoice date: 12/03/2024",), ("Consulting services", ("100.00", 700)),
                   (("Net total", 300), ("Gross total", 600)), (("100.00", 300), ("120.00", 600))))
    assert out["total"] == 120.0
    out = run(page(("Muster GmbH",), ("Datum: 12.03.2024",), ("Ware", ("60,00", 700)), ("Ware 2", ("40,00", 700)),
                   ("Summe", "netto"), (("100,00", 700),), ("MwSt 19%", ("19,00", 700)), ("Versand", ("5,00", 700)),
                   ("Gesamtbetrag", ("124,00", 700))))
    assert out["subtotal"] == 100.0
    assert run(page(("St.·Pauli Brauhaus",), ("Total", ("12.00", 700))))["merchant"] == "St.·Pauli Brauhaus"
    assert run(page(("Müller GmbH & Co.·KG",), ("Total", ("12.00", 700))))["merchant"] == "Müller GmbH & Co.·KG"
    out = run(page(("Acme Widgets Ltd",), ("Invoice No.", ("14/03/2024-1", 600)),
                   ("Order date", ("10/03/2024", 600)), ("Invoice date", ("14/03/2024", 600)), ("Delivery date",),
                   ("Total", ("120.00", 700))))
    assert out["date"] == "2024-03-14"
    out = run(page(("Muster GmbH",), ("Kunden-Nr.", ("01.01.2020", 600)), ("Rechnungsdatum", ("12.03.2024", 600)),
                   ("Kundendaten",), ("Gesamtbetrag", ("124,00", 700))))
    assert out["date"] == "2024-03-12"
    from lib.post.dates import parse_date

    assert parse_date("Avda. del Mar, 12005 Castellón") is None
    assert parse_date("Corso XX Settembre, 12019 Vernante") is None


def test_round_54_summary_block_payment_and_till_lines() -> None:
    """Round 54's misses: "GRAND TOTAL 22,244.00" (a digit too many) is repaired to what the summary block adds up
    to (subtotal, service charge, CGST, SGST, round-off) and the card paid; a risen column whose printed reading
    has a card paying less than the total ("Totaal EUR 171,66 / Maestro 6,36 / incl. BTW 9% 16,43 / incl. BTW 21%")
    is shifted down, its tax the two rate lines; "Espèces 85,81 / Monnaie rendue 100,00" (change above cash) marks a
    slid column; "P.IVA 67815453038" is no merchant, nor is a street word risen into the name's row; "Vendeur 0242"
    is a till's clerk, not a seller label."""
    out = run(page(("Spice Garden Restaurant",), ("Date: 13/10/24",), ("Paneer Tikka", ("500.00", 700)),
                   ("Sub Total", ("2,035.00", 700)), ("Service Charge 5%", ("101.75", 700)),
                   ("CGST (2.5%)", ("53.42", 700)), ("SGST (2.5%)", ("53.42", 700)), ("Round Off", ("0.41", 700)),
                   ("GRAND TOTAL", ("22,244.00", 700)), ("Payment Mode: Card", ("2,244.00", 700))))
    assert out["total"] == 2244.0
    out = run(page(("Groentehandel de Boer",), ("Drop",), (("171,66", 700),), ("Totaal EUR", ("171,66", 700)),
                   ("Maestro", ("6,36", 700)), ("incl. BTW 9%", ("16,43", 700)), ("incl. BTW 21%",),
                   ("19-04-2025 20:08",)))
    assert (out["tax_amount"], out["total"]) == (22.79, 171.66)
    out = run(page(("Supérette du Centre",), ("04/09/2025 17:20:58",), ("POMMES GOLDEN", ("3,59", 700)),
                   ("TOTAL A PAYER",), ("Espèces", ("85,81", 700)), ("Monnaie rendue", ("100,00", 700)),
                   ("NB ARTICLES: 20", ("14,19", 700)), ("Merci",)))
    assert out["total"] == 85.81
    tilted = page(("Via", ("Tabaccheria Greco", 200)), ("Garibaldi 21, 10122 Torino",), ("P.IVA 67815453038",),
                  ("23/09/23 16:27",), ("Pane comune", ("43,74 A", 700)), ("TOTALE EURO", ("139,38", 700)))
    via = tilted.spans[0]  # printed lower than the name beside it: the next line's first word
    x1, y1, x2, y2 = via.bbox
    tilted.spans[0] = dataclasses.replace(via, bbox=(x1, y1 + 14, x2, y2 + 14))
    assert run(tilted)["merchant"] == "Tabaccheria Greco"
    out = run(page(("CORSO", "MODA S.r.l."), ("Corso Italia 10, Milano",), ("23/09/23 16:27",),
                   ("TOTALE EURO", ("2,50", 700))))
    assert out["merchant"] == "CORSO MODA S.r.l."  # (on one line: part of the name)
    out = run(page(("Supérette du Centre",), ("SNC Supérette Distribution",), ("04/09/2025",),
                   ("Vendeur 0242", ("Ticket 30120", 600)), ("PAPIER TOILETTE x6", ("Caisse 7", 600)),
                   ("TOTAL A PAYER", ("85,81", 700))))
    assert out["merchant"] != "PAPIER TOILETTE x6" and "0242" not in (out["merchant"] or "")


def test_round_55_sender_cell_swiss_uid_and_untaxed_line() -> None:
    """Round 55's misses: "Transports Lambert SRL ‖ de Wavre 112·4000 Liège" (a sender line whose "· Chaussée" the
    OCR lost) is a name cell ending in a legal form and an address cell; "MWST-Nr.CHE-208.401.742MWST" (the UID with
    its "MWST" glued on) says CHF; "НДС ме облагается =70.00" ("не" read "ме") is no tax line."""
    out = run(page(("TL",), ("Transports Lambert SRL", "de Wavre 112·4000 Liège"), ("Date: 22/05/2025",),
                   ("Net à payer", ("6 376,56 €", 700))))
    assert out["merchant"] == "Transports Lambert SRL"
    out = run(page(("Bio LadenFankhauser",), ("MWST-Nr.CHE-208.401.742MWST",), ("Zopf", ("41.66 A", 700)),
                   ("Zu bezahlen", ("165.24", 700))))
    assert out["currency"] == "CHF"
    out = run(page(("ООО «Северный Ветер»",), ("1. Зубная паста 100мл",), ("1х 199,99",),
                   ("НДС не облагается", ("=199.99", 700)), ("2, Вода питьевая 1,5л",), ("1х 70,00",),
                   ("НДС ме облагается", ("=70.00", 700)), ("ИТОГ", ("=269.99", 700))))
    assert out["tax_amount"] is None


def test_review_stop_34_second_narrowings() -> None:
    """A second read-only review (of local-kie-0.98), each too-wide case narrowed: a bill paid in two parts is not
    "underpaid" ("Cash 10.00 / Visa 6.50"); the summary block's unlabelled rows are line sums too, so a voucher whose
    minus was lost does not agree with itself on a "repaired" total; a supplier's number ("Lieferant Nr. 4711") is
    no till clerk."""
    out = run(page(("Joe's Diner",), ("03/12/2024 10:12",), ("Burger", ("12.50", 700)), ("Fries", ("4.00", 700)),
                   ("Subtotal", ("16.50", 700)), ("Total", ("16.50", 700)), ("Cash", ("10.00", 700)),
                   ("Visa", ("6.50", 700)), ("Payment",), ("Thank you",)))
    assert (out["subtotal"], out["total"]) == (16.5, 16.5)
    out = run(page(("ICA Nära Hornstull",), ("2024-03-14 10:22",), ("Kaffe", ("11,50", 700)),
                   ("ATT BETALA", ("11,50", 700)), ("Kontant", ("4,50", 700)), ("Bankkort", ("7,00", 700)), ("Moms",)))
    assert out["tax_amount"] is None
    out = run(page(("Blue Cafe",), ("03/12/2024",), ("Burger", ("12.95", 700)), ("Steak", ("33.00", 700)),
                   ("Subtotal", ("45.95", 700)), ("Voucher", ("5.00", 700)), ("Total", ("40.95", 700)), ("Thank you",)))
    assert out["total"] == 40.95
    out = run(page(("Edeka Müller",), ("12.03.2024",), ("Milch", ("1,29", 700)), ("Käse", ("3,20", 700)),
                   ("Zwischensumme", ("4,49", 700)), ("Pfandbon", ("1,00", 700)), ("Summe EUR", ("3,49", 700))))
    assert out["total"] == 3.49
    out = run(page(("GUTSCHRIFT",), ("Northwind Handel GmbH",), ("Hafenstraße 1, 20095 Hamburg",),
                   ("Lieferant Nr. 4711",), ("Acme Zulieferer GmbH",), ("Industrieweg 12",), ("Datum: 12.03.2024",),
                   ("Ware", ("100,00", 700)), ("Gesamtbetrag", ("119,00", 700))))
    assert out["merchant"] == "Acme Zulieferer GmbH"


def test_round_56_the_bills_own_rate_lines_after_an_items_rate_labels() -> None:
    """Round 56: a Russian till receipt prints "НДС 20%" under items (its "amount" read from the next item's number,
    "4. Кофе в зернах") and the bill's own rate lines at the end ("НДС 20% =847.30" / "СУММА НДС 10% =82.63"): the
    tax is the last run of rate lines, summed."""
    out = run(page(("ООО \"ИнфоСервис\"",), ("НДС 20%",), ("3. Молоко 3,2% 930мл",), ("1х 116.00", ("=116.00", 700)),
                   ("НДС 20%",), ("4. Кофе в зернах 1кг",), ("6 х 666.99", ("=4001.94", 700)), ("НДС 10%",),
                   ("7. Масло подсолнечное 1л",), ("2х 232.99", ("=465.98", 700)),
                   ("ИТОГО К ОПЛАТЕ", ("=5992.75", 700)), ("БЕЗНАЛИЧНЫМИ", ("=5992.75", 700)),
                   ("НДС 20%", ("=847.30", 700)), ("СУММА НДС 10%", ("=82.63", 700)), ("06.12.24 22:28",)))
    assert out["tax_amount"] == 929.93


def test_round_57_glued_title_dot_separator_kazakh_year_and_no_date_names() -> None:
    """Round 57's misses: "ООО «УралпромснабС чёт на оплату № 67365" (the title glued, its "С" split off); "АО
    «Стройдеталь» . ул. Заводская" (the sender line's "·" read as a dot); "Дата выписки2: 023 жылғы 16 сәуір" (the
    year's first digit read before the colon); a period's label or a date is never the merchant."""
    out = run(page(("ОУ", ("ООО «УралпромснабС чёт на оплату № 67365", 300)), ("пр. Победы, д. 48 · г. Казань",),
                   ("Дата: «03» августа 2025 г.",), ("Всего к оплате", ("11 429,17", 700))))
    assert out["merchant"] == "ООО «Уралпромснаб"
    out = run(page(("АС",), ("АО «Стройдеталь» . ул. Заводская, д. 3 · г. Ярославль",),
                   ("Дата счёта: «19» ноября 2024 г.",), ("Итого с НДС", ("5 770,80 Р", 700))))
    assert out["merchant"] == "АО «Стройдеталь»"
    out = run(page(("ТОО \"Тұлпар Авто\"",), ("Дата выписки2: 023 жылғы 16 сәуір",),
                   ("Всего с НДС:", ("661 472.00", 700))))
    assert out["date"] == "2023-04-16"
    from lib.kie.merchant import _is_not_merchant

    assert _is_not_merchant("Abrechnungszeitraum", False) and _is_not_merchant("2. Mai 2025", False)


def test_round_58_a_text_layers_columns_never_slide() -> None:
    """Round 58: a digital invoice's "TOTAL EUR 76,657.82 / Amount paid 22,997.35 / Amount outstandingEUR 53,660.47 /
    No sales tax charged." was read as a risen column (the glued "outstandingEUR" not read as a balance, so the
    payment looked short): a text layer's columns never slide, and a currency code glued to a label's last word is
    split off; "Nº factura" (folded "No FACTURA") is a number's label."""
    rows = (("Ballymore Freight DAC", ("INVOICE", 800)), ("Invoice date", ("15 July 2023", 500)),
            ("Carried forward", ("75,589.47", 700)), ("TOTAL", ("EUR 76,657.82", 700)),
            ("Amount paid", ("22,997.35", 700)), ("Amount outstandingEUR 53,660.47",), ("No sales tax charged.",))
    digital = page(*rows)
    digital.source = "text_layer"
    assert run(digital)["total"] == 76657.82
    from lib.kie.dates import _NUMBER_LABEL
    from lib.kie.labels import _fold

    assert classify_label("Amount outstandingEUR") == classify_label("Amount outstanding EUR")
    assert _NUMBER_LABEL.search(_fold("Nº factura").strip())


def test_round_59_a_month_name_misspelt_by_the_ocr() -> None:
    """Round 59: "Дата: 17 лшеня 2025 г." is 17 July ("ліпеня", its "іп" read "ш"): a word between a day and a year
    one OCR slip or two from exactly one month's name is that month; other words there stay words."""
    out = run(page(("ПУП \"Белая Вежа\"",), ("Дата:", ("17 лшеня 2025 г.", 300)),
                   ("Аплаціць да:", ("20 лшеня 2025 г.", 300)), ("Разам да аплаты:", ("4752.64", 700))))
    assert out["date"] == "2025-07-17"
    from lib.kie.dates import _misspelt_month

    assert _misspelt_month("1 Janury 2024") == "1 january 2024"
    assert _misspelt_month("12 rue 2024") == "12 rue 2024" and _misspelt_month("12 Dejan 2024") == "12 Dejan 2024"


def test_round_60_a_vat_table_outranks_a_tax_read_off_its_garbled_header() -> None:
    """Round 60: "Sazba ‖ ZákladDPH ‖ S DPH" (the "DPH" column's header glued to "Základ") over "A=21% ‖ 743.06
    156.04 ‖ 899.10" and "B=12% ‖ 729.69 ‖ 87.56 ‖ 817.25": the header's tax label read the first row's gross as the
    tax. The rows' own arithmetic (each tax its rate of its net, nets + taxes = the total) wins: 1472.75 and 243.60."""
    out = run(page(("POTRAVINY Marek",), ("ICO 64540929",), ("PIVO 0.5L", ("17,00 A", 700)),
                   ("Celkem", ("1 716,35 Kč", 700)), ("Mastercard", ("1 716,35", 700)),
                   (("Sazba", 20), ("ZákladDPH", 300), ("S DPH", 500)),
                   (("A=21%", 20), ("743.06 156.04", 300), ("899.10", 500)),
                   (("B=12%", 20), ("729.69", 250), ("87.56", 400), ("817.25", 500)), ("Datum: 16.08.2025 18:35",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1472.75, 243.6, 1716.35)


def test_round_62_titles_glued_to_more_legal_forms_and_a_currency_read_as_two_digits() -> None:
    """Round 62: "Rousseau Bâtiment EURLFACTURE N°FA2504538" and "Usługi Transportowe Kowalczyk S.AFAKTURA VAT" (the
    title glued to the legal form, the form's last dot lost too) are the names without their titles; "SUMA ‖ 70,12
    23" (its "zł" read "23") totals 70.12; "Счёт на оплату № 557 от б августа 2024 г." (the 6 read "б") is dated."""
    from lib.kie.parties import strip_title
    from lib.post.dates import parse_date

    assert strip_title("Rousseau Bâtiment EURLFACTURE N°FA2504538") == "Rousseau Bâtiment EURL"
    assert strip_title("Usługi Transportowe Kowalczyk S.AFAKTURA VAT") == "Usługi Transportowe Kowalczyk S.A"
    out = run(page(("Sklep Spożywczy Zielińska",), ("NIP574-860-51-46",), ("2024-11-21 08:25",),
                   ("Kefir", ("24,55 zł", 700)), ("Pasta do zębów", ("45,57 zł A", 700)), ("SUMA", ("70,12 23", 700)),
                   ("Karta", ("70,12", 700))))
    assert out["total"] == 70.12
    assert str(parse_date("Счёт на оплату № 557 от б августа 2024 г.")) == "2024-08-06"
    assert parse_date("Раб августа 2024") is None and parse_date("б абв 2024") is None


def test_review_stop_35_narrowings() -> None:
    """Review of stop 35: a service charge at a rate ("12.5% service charge on 40.00 ‖ 5.00") is no VAT table row and
    does not overrule the VAT read off its label; a total's two trailing digits go only on the label's own row (a
    line total "2 x 12,50 ‖ 25" below a bare label keeps its 25); the till's "≡" read "ж" only in lower case and
    before two decimals; "б" for 6 also in a two-digit day ("1б августа"), never the capital "Б" (a VAT group)."""
    from lib.post.amounts import find_amounts
    from lib.post.dates import parse_date

    out = run(page(("The Ivy Kitchen",), ("2 Steak", ("40.00", 700)), ("VAT 20% included", ("6.67", 700)),
                   ("12.5% service charge on 40.00", ("5.00", 700)), ("TOTAL", ("45.00", 700)),
                   ("Card", ("45.00", 700)), ("12/03/2024",)))
    assert (out["tax_amount"], out["subtotal"]) == (6.67, None)
    out = run(page(("Cafe Uno",), ("Soup", ("9,50", 700)), ("TOTAL",), ("2 x 12,50", ("25", 700)), ("12/03/2024",)))
    assert out["total"] == 25
    assert find_amounts("Ж2,50") == [] and [v for v, _, _ in find_amounts("Молоко ж2,5 1л 89,90")] == [89.9]
    assert str(parse_date("от 1б августа 2024 г.")) == "2024-08-16" and parse_date("3,87 Б Март 2025") is None


def test_round_65_a_part_payment_is_no_tender_and_nv_before_its_address() -> None:
    """Round 65 (the stop's estimate, fixed after): "Total factura 276,32 EUR / Pagado 138,16 / Saldo pendiente
    138,16 EUR": what was paid before the balance is a prepayment, not the customer's tender (which had made the
    total look overpaid); "Janssens ICT NV - Meir 77- 3000 Leuven" (a sender line's "·" read as a dash) is cut after
    its legal form, as "… SA - Chaussée de Wavre" was."""
    out = run(page(("Asesoría Montero S.L.",), ("Fecha de factura", ("15/04/2024", 500)),
                   ("Licencia de software anual", ("4", 400), ("69,08", 550), ("276,32", 700)),
                   ("Subtotal", ("276,32", 700)), ("Total factura", ("276,32 EUR", 700)), ("Pagado", ("138,16", 700)),
                   ("Saldo pendiente", ("138,16 EUR", 700))))
    assert out["total"] == 276.32
    from lib.kie.merchant import _cut_after_legal_dash

    assert _cut_after_legal_dash("Janssens ICT NV - Meir 77- 3000 Leuven") == "Janssens ICT NV"
    assert _cut_after_legal_dash("Smith - Jones Bakery") == "Smith - Jones Bakery"
