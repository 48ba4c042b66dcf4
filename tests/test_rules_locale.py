"""Locale rules, table-driven: look-alike letters, Russian and European currencies, dates and amounts (issues 9, 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.post.lookalikes import fix_mixed_script
from lib.post.rules import detect_currency, find_amounts, normalize_merchant, parse_amount, parse_date

TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("raw", "cyrillic", "expected"),
    [
        ("ИTOГO", None, "ИТОГО"),  # Latin T, O inside a Cyrillic word
        ("HДC 20%", None, "НДС 20%"),
        ("CДAЧA", None, "СДАЧА"),
        ('OOO "POMAШKA"', None, 'ООО "РОМАШКА"'),  # legal form in Latin look-alikes beside Cyrillic
        ("OOO Acme", None, "OOO Acme"),  # no Cyrillic anywhere: left alone
        ("CAXAP 1кг", True, "САХАР 1кг"),  # only look-alikes: repaired in a Cyrillic document
        ("CAXAP", None, "CAXAP"),  # ... and not otherwise
        ("Coca-Cola 0,5л", None, "Coca-Cola 0,5л"),
        ("TOTAL", True, "TOTAL"),  # L has no Cyrillic twin: a Latin word
        ("ТОTAL", None, "TOTAL"),  # Cyrillic Т, О inside a Latin word
    ],
)
def test_fix_mixed_script(raw: str, cyrillic: bool | None, expected: str) -> None:
    out = fix_mixed_script(raw, cyrillic=cyrillic)
    assert out == expected and len(out) == len(raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ИТОГО 134,90 ₽", "RUB"),
        ("ИТОГО 134,90 руб.", "RUB"),
        ("ИТОГО 134,90 р.", "RUB"),
        ("ИТОГО 134,90 Р", "RUB"),  # capital Cyrillic Р
        ("ИТОГО 134,90 P", "RUB"),  # Latin P for Р, in Russian text
        ("ИТОГО 134,90 p.", "RUB"),
        ("12 000 руб. 00 коп.", "RUB"),
        ("Total 5.00 P", None),  # a Latin P in Latin text says nothing
        ("Total 12.00", None),  # unknown stays unknown
        ("Musterstr. 1, 10115 Berlin", "EUR"),  # the issuer's country when nothing is printed
        ("Acme GmbH, USt-IdNr. DE123456789", "EUR"),
        ("Rue de Rivoli, 75001 Paris", "EUR"),
        ("Voorbeeld B.V. BTW NL001234567B01", "EUR"),
        ("Redmond, WA 98052", "USD"),
        ("London EC1A 1BB", "GBP"),
        ("Przykład Sp. z o.o., NIP 123-456-78-90", "PLN"),
        ("Acme GmbH Total 5,00 USD", "USD"),  # a printed code beats the country
        ("Total 5,00 €, Redmond, WA 98052", "EUR"),
        # a scan's "SARL" read "SAR1.": a legal form, no riyals; a code with its amount glued on still counts
        ("Transports Vasseur SAR1. · 3 impasse du Moulin, 31000 Toulouse", "EUR"),
        ("TOTAL SAR1.50", "SAR"),
        ("Amount due USD1,234.00", "USD"),
    ],
)
def test_detect_currency_locales(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1'234.56", 1234.56),
        ("12,34,567.00", 1234567.00),
        ("1,234.56", 1234.56),
        ("=134,90", 134.90),
        ("1О34,9О", 1034.90),  # Cyrillic О for 0
        ("1 2З4,5О", 1234.50),  # Cyrillic З for 3
        ("10 000,00 руб.", 10000.00),
        ("€ 1.021,91", 1021.91),
        ("-8,79 €", -8.79),
    ],
)
def test_parse_amount_locales(raw: str, expected: float) -> None:
    assert parse_amount(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["ФН 9287440300090728", "ИНН 7701234567", "[1] Tax to be paid on reverse charge basis"],
)
def test_fiscal_ids_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15.03.24", "2024-03-15"),
        ("15.03.2024 14:32", "2024-03-15"),
        ("15 марта 2024 г.", "2024-03-15"),
        ("«15» марта 2024 года", "2024-03-15"),
        ("1 февраля 2024", "2024-02-01"),
        ("15. März 2024", "2024-03-15"),
        ("15 mars 2024", "2024-03-15"),
        ("15 maart 2024", "2024-03-15"),
        ("15 de marzo de 2024", "2024-03-15"),
        ("15 marzo 2024", "2024-03-15"),
        ("15 marca 2024", "2024-03-15"),
        ("1er février 2024", "2024-02-01"),
        ("March 15, 2024", "2024-03-15"),
        ("Dec 30, 2013", "2013-12-30"),
        ("2024-03-15", "2024-03-15"),
        ("19/2/2024", "2024-02-19"),
    ],
)
def test_parse_date_locales(raw: str, expected: str) -> None:
    got = parse_date(raw, today=TODAY)
    assert got is not None and got.isoformat() == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('OOO "POMAШKA"', 'ООО "РОМАШКА"'),
        ("ООО «Ромашка»", "ООО «Ромашка»"),
        ("ИП Иванов И.И.", "ИП Иванов И.И."),
        ("АО «Вектор»", "АО «Вектор»"),
    ],
)
def test_normalize_merchant_russian(raw: str, expected: str) -> None:
    assert normalize_merchant(raw) == expected
