"""Failure types found on generated invoices (scripts/make_invoice_eval.py, tuning seeds only), as small hand-made
OCR documents (no OCR): party blocks printed side by side, billing-address labels, ..."""

from __future__ import annotations

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
