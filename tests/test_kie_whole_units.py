"""Receipts in currencies printed without decimals, on synthetic pages (no OCR): Hungarian forints with thousands
grouped by a space ("ÖSSZESEN 4 208 Ft"), Chilean and Colombian pesos after a "$" with a dot for thousands
("$115.738"). Found by `scripts/make_world_receipts.py --countries more3` (stop 39, docs/accuracy.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.kie.labels import classify_label
from lib.post.currency import detect_currency
from lib.post.dates import parse_date
from tests.test_kie_invoices import page, run


@pytest.mark.parametrize(("text", "expected"), [
    ("ÖSSZESEN 4 208 Ft", "HUF"),
    ("1,283 kg x 1 029 Ft/kg", "HUF"),
    ("Adószám: 17163103-2-90\nÖSSZESEN 4 208", "HUF"),  # the tax number as Hungary prints it
    ("NYUGTA\nÖSSZESEN 2220", "HUF"),
    ("AP A12345678\nNAV ellenőrző kód: W4X5G", "HUF"),
    ("R.U.T.: 38.667.206-4\nTotal $115.738", "CLP"),  # "$" with a Chilean tax id: pesos
    ("Timbre Electrónico SII\nTOTAL $ 5.920", "CLP"),
    ("BOLETA ELECTRONICA N° 16447193\nTOTAL 5.920", "CLP"),
    ("NIT 526.091.395-6\nTOTAL A PAGAR $20.100", "COP"),  # … with a Colombian one
    ("CUFE: 3f2a…\nTOTAL $154.300", "COP"),
    ("AJUSTE AL PESO 50\nTOTAL $154.300", "COP"),
    # not pesos on weak evidence: a place name alone does not take the "$" from the dollar
    ("Santiago's Grill\nTotal $12.50", "USD"),
    ("Las Condes Cafe, Austin TX 78701\nTotal $12.50", "USD"),
    ("Total $12.50", "USD"),
    ("Cable 5 ft $12.99", "USD"),  # feet, not forints
    ("Acme Inc. 8 items\nTotal $5.00", "USD"),  # not Colombia's INC tax
    ("Santiago de Compostela\nTotal 12,50 €", "EUR"),
])
def test_forint_and_peso_currency_evidence(text: str, expected: str) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("ÖSSZESEN", "total_strong"), ("ÖSSZESEN:", "total_strong"), ("Összesen", "total_strong"),
    ("FIZETENDŐ", "total_strong"), ("RÉSZÖSSZEG", "subtotal"), ("KEREKÍTÉS", "rounding"),
    ("KÉSZPÉNZ", "cash"), ("BANKKÁRTYA", "cash"), ("VISSZAJÁRÓ", "change"), ("C 27% ÁFA", "tax"),
    ("ÁFA ÖSSZESEN", "tax"), ("Összes ÁFA", "tax"), ("Ebből ÁFA", "tax"), ("Tételek száma: 4", "ignore"),
    ("VUELTO", "change"), ("REDCOMPRA", "cash"), ("Monto Neto", "subtotal"), ("NETO", "subtotal"),
    ("El IVA de esta boleta es:", "tax"), ("El VA de esta boleta es:", "tax"),  # (its I lost)
    ("MASTERCARD El IVA de esta boleta es:", "tax"),  # a tilted photo's row: the card's word beside it
    ("Vuelto El IVA de esta boleta es:", "change"),  # … the change's row stays the change's
    ("BASE GRAVABLE", "subtotal"), ("INC 8%", "tax"), ("IMPOCONSUMO", "tax"), ("AJUSTE AL PESO", "rounding"),
    ("DATAFONO", "cash"), ("Acme Inc.", None),
])
def test_hungarian_chilean_and_colombian_labels(label: str, expected: str | None) -> None:
    assert classify_label(label) == expected


def test_hungarian_dates() -> None:
    assert parse_date("2025. május 26.") == dt.date(2025, 5, 26)
    assert parse_date("2024. szept. 5.") == dt.date(2024, 9, 5)
    assert parse_date("2025.10.01.") == dt.date(2025, 10, 1)


def test_hungarian_receipt_space_grouped_forints_and_its_vat_table() -> None:
    """"KÖNYV 3 689 C", "ÖSSZESEN 4 208": whole forints grouped by a space are one amount each (not a 3 and a 689),
    and the VAT table's whole numbers under "NETTÓ ‖ ÁFA ‖ BRUTTÓ" are its net and tax."""
    out = run(page(("Drogéria Réka",), ("Molnár Bt.",), ("7621 Pécs",), ("Adószám: 17163103-2-90",), ("Nyugta",),
                   ("FÜZET A4", ("519 C", 700)), ("KÖNYV", ("3 689 C", 700)), ("RÉSZÖSSZEG", ("4 208", 700)),
                   ("ÖSSZESEN", ("4 208", 700)), ("BANKKÁRTYA", ("4 208", 700)),
                   (("Kulcs", 20), ("NETTÓ", 300), ("ÁFA", 500), ("BRUTTÓ", 680)),
                   (("C=27,00%", 20), ("3 313", 300), ("895", 520), ("4 208", 680)),
                   ("Nyugtaszám: 5826/00376", ("16:42:08", 700)), ("2025.01.03",), ("AP V54060622",)))
    assert (out["total"], out["subtotal"], out["tax_amount"], out["currency"], out["date"]) == (
        4208.0, 3313.0, 895.0, "HUF", "2025-01-03")


def test_a_forint_group_with_a_leading_zero_and_cash_rounding() -> None:
    """"ÖSSZESEN 2 049" (its "049" is no amount alone), cash rounded to 5 Ft: the rounded sum is paid."""
    out = run(page(("Sarki Közért",), ("Nagy Kft.",), ("TEJ 2,8% 1L", ("389 A", 700)), ("KENYÉR 1KG", ("1 660 A", 700)),
                   ("RÉSZÖSSZEG", ("2 049", 700)), ("KEREKÍTÉS", ("1", 700)), ("FIZETENDŐ", ("2 050", 700)),
                   ("KÉSZPÉNZ", ("3 000", 700)), ("VISSZAJÁRÓ", ("950", 700)), ("2024. március 3.",)))
    assert (out["total"], out["currency"], out["date"]) == (2050.0, "HUF", "2024-03-03")


def test_a_page_with_cents_keeps_a_quantity_apart_from_its_price() -> None:
    """On a page whose amounts have cents, "2 150.00" stays a quantity and a price (no whole-unit page)."""
    out = run(page(("CORNER DELI",), ("Bagel", ("2 150.00", 700)), ("Coffee", ("3.50", 700)),
                   ("TOTAL", ("153.50", 700)), ("Austin TX 78701",)))
    assert out["total"] == 153.5


def test_chilean_boleta_whole_pesos_and_its_vat_sentence() -> None:
    out = run(page(("Botillería Morales",), ("Morales E.I.R.L.",), ("R.U.T.: 38.667.206-4",), ("Boleta Electrónica",),
                   ("Fecha: 01/10/25", ("Hora: 10:29:32", 600)), ("VINO RIOJA CRIANZA", ("24.360", 700)),
                   ("DETERGENTE", ("29.960", 700)), ("Total", ("$54.320", 700)), ("DEBITO", ("54.320", 700)),
                   ("El IVA de esta boleta es: $8.673",)))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (54320.0, 8673.0, "CLP", "2025-10-01")


def test_colombian_invoice_net_iva_total_in_whole_pesos() -> None:
    out = run(page(("Droguería Martínez",), ("NIT 526.091.395-6",), ("FACTURA ELECTRÓNICA DE VENTA",),
                   ("2024-06-12 15:31:35",), ("DESTORNILLADOR", ("11.637", 700)), ("SUBTOTAL", ("11.637", 700)),
                   ("IVA 19%", ("2.211", 700)), ("TOTAL A PAGAR", ("$13.848", 700)), ("EFECTIVO", ("20.000", 700)),
                   ("CAMBIO", ("6.152", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"], out["date"]) == (
        11637.0, 2211.0, 13848.0, "COP", "2024-06-12")


@pytest.mark.parametrize(("text", "expected"), [
    # too wide before the review: feet, an Australian "inc 10% GST", Indonesian names, Italian "SpA", first names
    ("Cable 5 Ft $12.99", "USD"),
    ("Room 12 Ft x 10 Ft\nTotal 120.00 €", "EUR"),
    ("Capacity 20Ft container\nTotal USD 2500", "USD"),
    ("Woolworths\nTotal inc 10% GST $45.20\nABN 88 000 014 675", "AUD"),
    ("Total inc 20% VAT 12.50", None),
    ("Kasir: DIAN\nTotal 50.000", None),
    ("Dian's Bakery\nTotal $12.50", "USD"),
    ("Rossi SpA\nTOTALE 12,50\nP.IVA 01234567890", "EUR"),
    ("Server: Santiago\nTotal 45.20", None),
    ("Cartagena, Murcia\nTOTAL 12,50", None),
    ("Chile con carne 8.50\nTotal 8.50", None),
    ("AFA\nTotal $5.00", "USD"),
    # too narrow before it: upper-case Hungarian receipts, "1 290,- Ft", the EU VAT id; RUT and NIT without dots;
    # a Chilean address with a "$" before whole thousands
    ("TESCO-GLOBAL ZRT.\n1234 BUDAPEST\nADÓSZÁM: 10307078-2-44\nÖSSZESEN 4 208", "HUF"),
    ("Összesen: 1 290,- Ft", "HUF"),
    ("ÁFA 27%\nÖSSZESEN 4 208", "HUF"),
    ("RUT 76543210-K\nTOTAL $5.920", "CLP"),
    ("NIT: 900123456-7\nTOTAL $5.920", "COP"),
    ("Av. Apoquindo 3000, Las Condes, Santiago, Chile\nTOTAL $5.920", "CLP"),
    ("Resolución DIAN No. 18764000001 de 2024\nTOTAL $154.300", "COP"),
    ("Restaurante\nINC 8%\nTOTAL $54.300\nBogotá D.C.", "COP"),
])
def test_review_stop_39_currency_evidence(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("TOTAL DE ESTA BOLETA", "total"), ("El IVAde esta boleta es:", "tax"), ("ACME INC 10% OFF", None),
    ("Total inc 10% GST", "total_strong"), ("SU VUELTO", "change"), ("Összesen fizetendő", "total_strong"),
    ("RÉSZÖSSZESEN", "subtotal"), ("Kerekítési különbözet", "rounding"), ("Hitelkártya", "cash"),
    ("PAGO DATAFONO", "cash"),
    ("BASEGRAVABLE", "subtotal"),  # (the final estimate, 71003: the OCR lost its space)
])
def test_review_stop_39_labels(label: str, expected: str | None) -> None:
    assert classify_label(label) == expected


def test_review_stop_39_a_volume_with_decimals_keeps_the_page_whole() -> None:
    """"BOR SZÁRAZ 0,75L": a volume, not an amount with cents; the total stays 4 150, not 150."""
    out = run(page(("Sarki Közért",), ("NYUGTA",), ("BOR SZÁRAZ 0,75L", ("2 490 C", 700)),
                   ("PARADICSOM 0,45 kg", ("1 660 A", 700)),
                   ("ÖSSZESEN", ("4 150", 700)), ("BANKKÁRTYA", ("4 150", 700)), ("2024.03.15",)))
    assert (out["total"], out["currency"]) == (4150.0, "HUF")


def test_review_stop_39_a_vat_row_read_as_one_span_and_a_phone_number() -> None:
    """"3 313 895 4 208" in one span is a net, a tax and a gross (not 3 313 895); "+36 1 234 5678" is no amount."""
    out = run(page(("Drogéria Réka",), ("Tel.: +36 1 234 5678",), ("KÖNYV", ("3 689 C", 700)),
                   ("FÜZET", ("519 C", 700)),
                   ("ÖSSZESEN", ("4 208", 700)), ("BANKKÁRTYA", ("4 208", 700)),
                   (("Kulcs", 20), ("NETTÓ", 300), ("ÁFA", 500), ("BRUTTÓ", 680)),
                   (("C=27,00%", 20), ("3 313 895 4 208", 300)), ("2025.01.03",)))
    assert (out["total"], out["currency"]) == (4208.0, "HUF")
    assert 3313895.0 not in (out["subtotal"], out["tax_amount"])


def test_review_stop_39_a_whole_euro_invoice_keeps_its_thousands() -> None:
    """An invoice printing whole euros, "Netto 1 234 / MwSt 234 / Brutto 1 468": one amount each."""
    out = run(page(("Muster GmbH",), ("Rechnungsdatum: 05.03.2024",), ("Netto", ("1 234", 700)),
                   ("MwSt 19%", ("234", 700)), ("Brutto", ("1 468", 700))))
    assert out["total"] == 1468.0


def test_review_stop_39_a_till_that_groups_nothing() -> None:
    """"Összesen 13460" and a VAT table "12819 ‖ 641" with no grouped number and no cents anywhere: whole forints
    still (the phone number is no evidence either way)."""
    out = run(page(("Kávézó Zsófia",), ("Tel.: 06 30 999 7694",), ("Adószám: 24150344-0-77",), ("NYUGTA",),
                   ("PALACSINTA", ("940 A", 700)), ("RÁNTOTT SZELET", ("12520 A", 700)), ("RÉSZÖSSZEG", ("13460", 700)),
                   ("Összesen", ("13460", 700)), ("MASTERCARD", ("13460", 700)),
                   (("ÁFA %", 20), ("NETTÓ", 300), ("ÁFA", 500)), (("5,0%", 20), ("12819", 300), ("641", 500)),
                   ("2025.07.24.",)))
    assert (out["total"], out["subtotal"], out["tax_amount"], out["currency"]) == (13460.0, 12819.0, 641.0, "HUF")
