"""Totals the OCR misread by one character, repaired only when independent evidence agrees (synthetic OCR rows)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.kie.candidates import _labelled_rows, _value_for_label
from lib.kie.rows import group_rows
from lib.ocr_document import OcrDocument, Page, Span
from lib.post.currency import detect_currency
from lib.post.dates import find_dates
from lib.post.ocr_noise import amount_slip
from tests.test_kie_local import doc, extract


@pytest.mark.parametrize(
    ("raw", "cents", "expected"),
    [
        ("2669,29 р.", 66929, "extra digit"),  # "=" read as "2"
        ("=356,357", 35635, "extra digit"),  # a glued "₽" read as "7"
        ("=1 722,5$ руб.", 172259, "lost digit"),
        ("=i 789,25 в.", 178925, "lost digit"),
        ("455,08 руб.", 46508, "misread digit"),
        ("12.50", 1250, None),  # the same amount
        ("12.50", 1205, None),  # two slips (a swap)
        ("12500", 1250, None),  # no decimals: the lost-decimal-point case, not this one
        ("1,00", 0, None),
        ("9.99", 99, None),  # too few digits to tell
        ("88.208", 8820000, "misread digit"),  # whole pesos with a dot for thousands: 88.200 read 88.208 (stop 40)
        ("$115.738", 11573000, "misread digit"),
    ],
)
def test_amount_slip(raw: str, cents: int, expected: str | None) -> None:
    assert amount_slip(raw, cents) == expected


ITEMS = (("Яйцо С1 10 шт", "1*119,50"), "=119,50", ("Батон нарезной", "3*45,90"), "=137,70",
         ("Салфетки бумажные", "1*57,30"), "=57,30", ("Сахар 1 кг", "1*69,99"), "=69,99",
         ("Шоколад горький", "1*94,90"), "=94,90", ("Масло сливочное 82%", "1*189,90"), "=189,90")  # 669.29


def test_equals_sign_read_as_two_is_repaired_by_change_and_items() -> None:
    out = extract("ООО «Теремок»", "ИНН 3853890919", *ITEMS, ("ИТОГ", "2669,29 р."),
                  ("НАЛИЧНЫМИ", "=1 000,00"), ("СДАЧА", "=330,71"))
    assert out["total"] == "669.29"


def test_glued_rouble_sign_read_as_seven_is_repaired_by_change_and_vat() -> None:
    out = extract("ООО «Теремок»", ("Капуста белокочанная", "1*32,45"), "=32,45", ("Сок яблочный 1 л", "1*134,00"),
                  "=134,00", ("Масло сливочное 82%", "1*189,90"), "=189,90", ("ИТОГО К ОПЛАТЕ", "=356,357"),
                  ("НАЛИЧНЫМИ", "=500,00"), ("СДАЧА", "=143,65"), ("в т.ч. НДС 20%", "=59,39"))
    assert out["total"] == "356.35"


def test_lost_digit_is_repaired_by_items_and_an_unreadable_payment_line() -> None:
    out = extract("ПАО «Галактика»", "Кофе молотый 250 г", ("3 x 399,00", "1 197,00"), "Пакет майка",
                  ("1 × 9,99", "9,99"), "Гречка ядрица 800 г", ("1х 112,00", "112,00"), "Чай чёрный 100 пак.",
                  ("1 × 289,00", "289,00"), "Салфетки бумажные", ("2 × 57,30", "114,60"),
                  ("итоге", "=1 722,5$ руб."), ("5ЕЗНАЛИЧНЫМИ", "=1 722,59"))
    assert out["total"] == "1722.59"


def test_one_source_is_not_enough_to_repair() -> None:
    # cash − change says 669.29, but nothing else does: the printed total stands
    out = extract("ООО «Теремок»", ("ИТОГ", "2669,29 р."), ("НАЛИЧНЫМИ", "=1 000,00"), ("СДАЧА", "=330,71"))
    assert out["total"] == "2669,29"


def test_a_rounded_total_is_not_taken_for_a_slip() -> None:
    # the items and the GST summary make 31.47; the rounding adjustment explains the printed 31.45
    out = extract("POPULAR BOOK CO. (M) SDN BHD", ("3pc @ 13.69", "41.07"), ("Stat-Great Saving", "-9.60"),
                  ("Total RM Incl. of GST", "31.47"), ("Rounding Adj", "-0.02"), ("Total RM", "31.45"),
                  ("Cash", "50.00"), ("CHANGE", "18.55"))
    assert out["total"] == "31.45"


@pytest.mark.parametrize(("printed", "expected"), [("=1 309,00 2", "1 309,00"), ("=1 309,00 7", "1 309,00"),
                                                   ("12.50 / 2", "2"), ("1 309 2", "2")])
def test_rouble_sign_read_as_a_lone_digit_is_not_the_amount(printed: str, expected: str) -> None:
    items = _labelled_rows(group_rows(doc("ИП Морозова Т.Г.", ("итого", printed))))
    amount, _ = _value_for_label(items, 1)
    assert amount is not None and amount.raw == expected


def test_without_a_total_label_the_sum_of_the_items_above_wins() -> None:
    out = extract("ИП Смирнова О.В.", "ИНН 5033504905", ("Кефир 1% 900 г", "78,40"), ("3 × 189,90", "569,70"),
                  ("Ebi ae)", "=648,10"), ("(HANA diet", "=1 000,00"), ("АНА", "-351,90"))
    assert out["total"] == "648,10"


def test_vat_at_its_rate_picks_the_gross_over_the_net() -> None:
    out = extract("АО «Северное сияние»", ("1 Монтаж оборудования 1", "4500,00", "4 500,00"),
                  ("Итого:", "4 500,00"), ("В том числе НДС (20%):", "900,00"), ("Всего:", "5 400,00"))
    assert out["total"] == "5 400,00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ИП Смирнова О.В.\nИНН 5033504905\nКассовый чек Приход\n=648,10\n$42545:", "RUB"),  # "$" = OCR slip
        ("Счёт на оплату\nИтого к оплате: 100,00 US$", "USD"),  # dollars said with their country
        ("Оплата 100 $", "USD"),  # no rouble evidence at all: the "$" stands
        ("ООО «Кедр»\nКассовый чек\nИтого 100,00", "RUB"),  # Russian text, nothing printed: roubles
        # Ukrainian letters (є): not Russian text; since rules 2026.12.03.4 the Ukrainian legal form says hryvnia
        ("ТОВ «Кедр»\nКасовий чек\nРазом 100,00\nДякуємо", "UAH"),
    ],
)
def test_bare_dollar_in_russian_text(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("head", "tail", "expected"), [("=1", "032,80", "1 032,80"), ("=1", "212,55", "1 212,55"),
                                                       ("1", "032,80", "1 032,80"), ("2", "150,00", "150,00")])
def test_amount_cut_at_its_thousands_space_is_joined(head: str, tail: str, expected: str) -> None:
    rows = [("АО «Колос»",), ("К ОПЛАТЕ", head, tail)]
    spans = []
    for i, row in enumerate(rows):
        y1 = 20 + i * 45
        spans.append(Span(bbox=(20, y1, 20 + 14 * len(row[0]), y1 + 30), text=row[0]))
        x = 460.0
        for part in row[1:]:  # right-aligned boxes that touch: "=1" | "032,80" as the detector cut them
            spans.append(Span(bbox=(x, y1, x + 14 * len(part), y1 + 30), text=part))
            x += 14 * len(part) + 2
    items = _labelled_rows(group_rows(OcrDocument(pages=[Page(width=800, height=300, spans=spans)])))
    amount, _ = _value_for_label(items, 1)
    assert amount is not None and amount.raw == expected


def test_equals_sign_read_as_minus_is_repaired_by_items_and_the_payment_line() -> None:
    out = extract("ИП Морозова Т.Г.", ("Капуста белокочанная", "1*32,45"), "=32,45", ("Кофе молотый 250 г", "1*399,00"),
                  "=399,00", ("Гречка ядрица 800 г", "2*112,00"), "=224,00", ("Картофель 1 кг", "1×41,20"), "=41,20",
                  ("ИТОГО К ОПЛАТЕ", "-696,65 р."), ("ЭЛЕК:РОЛНЫМИ", "696,65"))
    assert out["total"] == "696.65"


def test_a_credit_note_keeps_its_minus() -> None:
    out = extract("ООО «Ромашка»", ("Возврат товара", "-696,65"), ("ИТОГО", "-696,65"), ("БЕЗНАЛИЧНЫМИ", "-696,65"))
    assert out["total"] == "-696,65"


def test_a_date_separator_read_twice() -> None:
    """"2024--08-27" (a Hungarian receipt's scan, stop 39's final estimate), "12..03.2024": one separator read twice
    is still a date; a range "10--20" stays none."""
    assert [d for d, _, _ in find_dates("2024--08-27")] == [dt.date(2024, 8, 27)]
    assert [d for d, _, _ in find_dates("12..03.2024")] == [dt.date(2024, 3, 12)]
    assert find_dates("10--20 pcs") == []


def test_a_whole_peso_total_misread_is_repaired_by_the_rounding_above_it_and_the_change() -> None:
    """"Subtotal 88.204 / REDONDEO -4 / TOTAL A PAGAR 88.208 / Efectivo 88.300 / Vuelto 100" (a Chilean photo, the
    total's last 0 read as 8): the subtotal with its rounding and cash − change both say 88.200 (stop 40,
    more3-71004)."""
    from tests.test_kie_invoices import page, run

    out = run(page(("Minimarket Soto",), ("R.U.T.: 76.543.210-K",), ("BOLETA ELECTRONICA",), ("Fecha: 12/05/2025",),
                   ("ARROZ 1KG", ("1.290", 700)), ("CAFE 250G", ("86.914", 700)),
                   ("Subtotal", ("88.204", 700)), ("REDONDEO", ("-4", 700)), ("TOTAL A PAGAR", ("88.208", 700)),
                   ("Efectivo", ("88.300", 700)), ("Vuelto", ("100", 700))))
    assert (out["total"], out["currency"]) == (88200.0, "CLP")
