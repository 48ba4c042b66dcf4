"""Receipts and invoices of the other Cyrillic countries (Ukraine, Bulgaria, Serbia, Kazakhstan, Belarus) on
synthetic pages (no OCR): their total / tax / net / payment words, currencies, dates, legal forms and party
labels. Found by `scripts/make_cyrillic_docs.py`, a generator written apart from the KIE (docs/accuracy.md)."""

from __future__ import annotations

from datetime import date

import pytest

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _column_table, _labelled_rows, _row_amounts
from lib.kie.labels import classify_label
from lib.kie.local import group_rows
from lib.kie.merchant import _ADDRESS, repair_name
from lib.kie.rows import Row
from lib.kie.seller_evidence import legal_line_of_brand
from lib.kie.totals import line_sums
from lib.ocr_document import OcrDocument, Page, Span
from lib.post.amounts import find_amounts
from lib.post.currency import detect_currency
from lib.post.dates import parse_date
from tests.test_kie_invoices import page, run


@pytest.mark.parametrize(("label", "expected"), [
    ("ДО СПЛАТИ:", "total_strong"), ("Всього до сплати:", "total_strong"), ("ВСЬОГО:", "total_strong"),
    ("ОБЩА СУМА", "total_strong"), ("Сума за плащане", "total_strong"), ("ВСИЧКО", "total_strong"),
    ("Укупан износ:", "total_strong"), ("За уплату", "total_strong"), ("ЖИЫНЫ / ИТОГО", "total_strong"),
    ("УСЯГО", "total_strong"), ("Разам да аплаты:", "total_strong"), ("Всього з ПДВ", "total_strong"),
    ("Разом", "total_strong"), ("Сума", "total"),
    ("ПДВ А 20.00%", "tax"), ("ПДВА 20.00%", "tax"), ("ДДС Б = 20,00%", "tax"), ("ҚҚС 12%", "tax"),
    ("Укупан износ пореза:", "tax"), ("Сума ПДВ 20%:", "tax"), ("Начислен ДДС", "tax"), ("у т.ч. ПДВ 20%:", "tax"),
    ("Всього без ПДВ:", "subtotal"), ("Данъчна основа", "subtotal"), ("Основица", "subtotal"),
    ("Усяго без ПДВ:", "subtotal"),
    ("БЕЗГОТІВКОВА", "cash"), ("ГОТІВКА", "cash"), ("ПЛАЩАНЕ В БРОЙ", "cash"), ("Готовина:", "cash"),
    ("Платна картица", "cash"), ("КАРТКАЙ", "cash"),
    ("Решта", "change"), ("Ресто", "change"), ("Повраћај:", "change"), ("РЭШТА", "change"),
    ("ЗНИЖКА", "ignore"), ("Отстъпка", "ignore"), ("Попуст", "ignore"),
    ("ЕИК: 205747961", "ignore"), ("ИН по ЗДДС BG205747961", "ignore"), ("БИН 140846388163", "ignore"),
    ("УНП 191759596", "ignore"), ("ПИБ: 101030203", "ignore"), ("Без ПДВ", "ignore"),
    ("Датум промета", "date"),
])
def test_labels_of_the_other_cyrillic_countries(label: str, expected: str) -> None:
    assert classify_label(label) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ТОВ «Сонячна» ПН 889205709921 ДО СПЛАТИ: 1068,59 ГРН ПДВ А 20.00% 178,10", "UAH"),
    ('"Марица Агро" ЕООД ЕИК: 205747961 ОБЩА СУМА 67,20 ДДС А = 20,00% 11,20', "BGN"),
    ("ОБЩА СУМА 67,20 лв.", "BGN"),
    ("ПИБ: 101030203 Укупан износ: 768,34", "RSD"),
    ("Укупно 1.200,00 дин.", "RSD"),
    ('ТОО "Көкше Тамақ" БИН 140846388163 ИТОГО 1 200 НДС 12%', "KZT"),  # "НДС" is Russian, БИН Kazakh
    ("ИТОГО 1 200 тг", "KZT"),
    ("УНП 191759596 ИТОГО 12,50 руб.", "BYN"),  # Belarusian roubles printed "руб."
    ("Итого 12,50 бел. руб.", "BYN"),
    ("ООО «Ромашка» ИНН 7701234567 Итого 100 руб.", "RUB"),  # Russia unchanged
    ("ООО «Ромашка» Итого 100 ₽ УНП 191759596", "RUB"),  # the rouble sign is Russian
])
def test_currencies_of_the_other_cyrillic_countries(text: str, expected: str) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ПФР време: 30.03.2024.14:40:08", "2024-03-30"),  # a Serbian date's dot, the time glued after it
    ("Датум: 06.10.2024.", "2024-10-06"),
    ("3 грудня 2024 р.", "2024-12-03"), ("15 декември 2025 г.", "2025-12-15"), ("5. децембар 2024.", "2024-12-05"),
    ("12 желтоқсан 2024 ж.", "2024-12-12"), ("3 снежня 2024 г.", "2024-12-03"), ("1 листопада 2024", "2024-11-01"),
])
def test_dates_of_the_other_cyrillic_countries(text: str, expected: str) -> None:
    assert str(parse_date(text)) == expected


def test_kopecks_of_an_amount_in_words_are_no_amount() -> None:
    assert find_amounts("У т.ч. ПДВ: Шість тисяч гривень 67 копійок") == []
    assert [a for a, _, _ in find_amounts("100 руб. 50 коп.")] == [100.5]  # unchanged


def test_space_grouped_thousands_before_a_decimal_point_on_a_cyrillic_row() -> None:
    row = Row(spans=[Span(bbox=(0, 0, 60, 20), text="Итого:"), Span(bbox=(300, 0, 420, 20), text="477 945.00")],
              page=0)
    assert [a.value for a in _row_amounts(row)[0]] == [477945.0]
    row = Row(spans=[Span(bbox=(0, 0, 300, 20), text="у т.ч. ПДВ 20%: 6 979.67")], page=0)
    assert [a.value for a in _row_amounts(row)[0]] == [20.0, 6979.67] or [a.value for a in _row_amounts(row)[0]] == [
        6979.67]
    latin = Row(spans=[Span(bbox=(0, 0, 200, 20), text="2 150.00")], page=0)  # a quantity and a price
    assert [a.value for a in _row_amounts(latin)[0]] == [2.0, 150.0]


@pytest.mark.parametrize(("raw", "expected"), [
    ('Т00 "Көкше Тамақ"', 'ТОО "Көкше Тамақ"'), ('"Аптека Здраве" 00Д', '"Аптека Здраве" ООД'),
    ("Е00Д Ромашка", "ЕООД Ромашка"), ("АЗС 172", "АЗС 172"),
])
def test_cyrillic_legal_forms_read_with_zeros(raw: str, expected: str) -> None:
    assert repair_name(raw) == expected


def test_ukrainian_receipt() -> None:
    out = run(page(("ТОВ \"Сонячна Долина\"",), ("Магазин «Світ Кави»",), ("76000, м. Івано-Франківськ",),
                   ("ПН 889205709921",), ("Кава мелена 250г", ("177,29 А", 700)),
                   ("ДО СПЛАТИ:", ("1068,59 ГРН", 700)), ("ПДВ А 20.00%", ("178,10", 700)),
                   ("БЕЗГОТІВКОВА", ("1068,59", 700)), ("06.11.24 18:35:12",), ("ФІСКАЛЬНИЙ ЧЕК",)))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (1068.59, 178.1, "UAH", "2024-11-06")
    assert out["merchant"] == "ТОВ \"Сонячна Долина\""


def test_serbian_receipt_company_field_label() -> None:
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ:", ("101030203", 600)), ("Предузеће:", ("Тара Маркет д.о.о. Ниш", 500)),
                   ("Место продаје:", ("Маркет Тара Маркет 229", 500)), ("Укупан износ:", ("768,34", 700)),
                   ("Готовина:", ("1000,00", 700)), ("Повраћај:", ("231,66", 700)),
                   ("Укупан износ пореза:", ("69,85", 700)), ("ПФР време:", ("30.03.2024. 14:40:08", 500))))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (768.34, 69.85, "RSD", "2024-03-30")
    assert out["merchant"] == "Тара Маркет д.о.о. Ниш"


def test_bulgarian_receipt_in_euro_from_2026() -> None:
    out = run(page(("\"Бяла Роза\" ЕООД",), ("ЕИК: 205747961",), ("Ориз 1кг", ("1.99 Б", 700)),
                   ("ДДС Б = 20.00%", ("0.33", 700)), ("ОБЩА СУМА", ("1.99", 700)), ("01.01.2026 08:50:48",)))
    assert (out["total"], out["currency"]) == (1.99, "EUR")  # leva only until 2025-12-31


def test_invoice_seller_and_buyer_labels_and_title_date() -> None:
    out = run(page(("Рахунак-фактура № СФ-02886 ад 14.09.2023",), ("Прадавец: ТАА \"Лясны Край\"",),
                   ("212000, г. Магілёў, УНП 192859702",), ("Плацельшчык: ААТ \"Мінскі Хлеб\"",),
                   ("Дата пастаўкі: 08.09.2023",), ("Усяго без ПДВ:", ("5 275,23", 800)),
                   ("ПДВ 20%:", ("1 055,05", 800)), ("Разам да аплаты:", ("6 330,28", 800))))
    assert out["merchant"] == "ТАА \"Лясны Край\"" and out["date"] == "2023-09-14" and out["currency"] == "BYN"
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (5275.23, 1055.05, 6330.28)


def test_kazakh_bank_header_is_no_seller() -> None:
    out = run(page(("Бенефициар:", ("ИИК", 500), ("Кбе", 700)), ("ТОО «Алтын Дән»", ("KZ11856L30569856", 500)),
                   ("БИН: 100149055890",), ("Счет на оплату № ТП-00761 от 3 мая 2025 г.",),
                   ("Покупатель: ТОО «Өркен Дәріхана»",), ("Итого:", ("477 945.00", 800))))
    assert out["merchant"] == "ТОО «Алтын Дән»" and out["total"] == 477945.0 and out["currency"] == "KZT"
    assert out["date"] == "2025-05-03"


# -- the second round (scored first with local-kie-0.29: cyr 31002), then fixed


def test_party_label_with_another_name_in_brackets() -> None:
    out = run(page(("БС Белторг Сервис СЧЕТ",), ("Дата выписки: 13 февраля 2024 г.",),
                   (("Поставщик (Исполнитель)", 20), ("Покупатель", 600)),
                   (("ЧУП \"Белторг Сервис\"", 20), ("ЗАО \"Беларусский Хлеб\"", 600)), ("УНП 198282905",),
                   ("Итого без НДС:", ("7379.40", 800)), ("НДС 20%:", ("1475.88", 800)),
                   ("Всего с НДС:", ("8855.28 бел. руб.", 800))))
    assert out["merchant"] == "ЧУП \"Белторг Сервис\"" and out["currency"] == "BYN" and out["date"] == "2024-02-13"


def test_document_number_is_no_loose_date() -> None:
    out = run(page(("Сава Инжењеринг ДОО Ужице",), ("ПИБ: 184330793",), ("РАЧУН - ОТПРЕМНИЦА бр. 1904/2025",),
                   ("Датум издавања:",), ("4. фебруар 2025.",), ("За уплату:", ("758 209,20 динара", 800))))
    assert out["date"] == "2025-02-04" and out["currency"] == "RSD"


def test_ukrainian_receipt_ids_say_hryvnia_and_no_vat_payer_note() -> None:
    assert detect_currency("ПН 614802656697 ІД 42048719 СУМА 1924,48 ГОТІВКА 1924,48") == "UAH"
    assert classify_label("Не є платником ПДВ") == "ignore" and classify_label("Не е регистриран по ЗДДС") == "ignore"


def test_russian_receipt_tax_lines_per_rate_are_summed() -> None:
    """"НДС 20% =28.67" and "СУММА НДС 10% =16.55" at the end; an item's "НДС 10%" above "2. Зубная паста" is no tax."""
    out = run(page(("АО \"Уральский Стандарт\"",), ("1. Яйцо куриное С1 10шт",), ("1х 182.00", ("=182.00", 700)),
                   ("НДС 10%",), ("2. Зубная паста 100мл",), ("1х 172.00", ("=172.00", 700)),
                   ("ИТОГ", ("=354.00", 700)), ("КАРТА", ("=354.00", 700)), ("НДС 20%", ("=28.67", 700)),
                   ("СУММА НДС 10%", ("=16.55", 700)), ("ИНН: 7760904634",)))
    assert (out["total"], out["tax_amount"]) == (354.0, 45.22)


# -- the fourth round (scored first with local-kie-0.31: cyr 31004), then fixed


def test_ukrainian_year_mark_is_no_rouble_and_table_header_is_no_total() -> None:
    assert detect_currency("Дата складання: 9 березня 2025 р. ФОП Лисенко РНОКПП 4397140616 Разом: 109 249,00") == "UAH"
    assert detect_currency("Итого 1500 р.") == "RUB"  # roubles after an amount stay roubles
    out = run(page(("РАХУНОК",), ("Продавець: ФОП Лисенко Ігор Петрович",), ("Дата складання: 9 березня 2025 р.",),
                   ("# Найменування Кількість Ціна з ПДВ Сума",),
                   ("1 Доставка 1 посл.", ("1 621,00", 600), ("1 621,00", 800)),
                   ("Разом:", ("109 249,00", 800)), ("Платник єдиного податку 3 групи, без ПДВ",)))
    assert (out["total"], out["currency"], out["date"]) == (109249.0, "UAH", "2025-03-09")


def test_serbian_due_date_and_a_lone_id_label() -> None:
    out = run(page(("Дунав Трговина а.д. Нови Сад",), ("ПИБ:",), ("РАЧУН бр. 1194/2024",),
                   (("Датум доспећа:", 20), ("Датум издавања рачуна:", 600)), (("04.08.2024", 20), ("28.07.2024", 600)),
                   ("За уплату:", ("758 209,20", 800))))
    assert out["date"] == "2024-07-28" and out["merchant"] == "Дунав Трговина а.д. Нови Сад"


def test_serbian_company_field_label_read_with_a_slip() -> None:
    """"Предузеће:" read "Предузебе:" (ћ → б): still the field's label, not the seller."""
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ:", ("101030203", 600)), (("Предузебе:", 20), ("Фрушка Гора доо", 500)),
                   ("Укупан износ:", ("768,34", 700))))
    assert out["merchant"] == "Фрушка Гора доо"


def test_round_68_serbian_company_field_label_with_its_colon_read_as_a_dot() -> None:
    """Round 68 (and 66): "Предузеће. ‖ Авала Софт доо. Ниш" (the colon read as a dot, the value a column away):
    still the field's label, not the seller. A name with a dot in it stays whole ("Name. John" is no label)."""
    from lib.kie.parties import strip_field_label

    assert strip_field_label("Предузеће.") == "" and strip_field_label("Name. John") == "Name. John"
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ:", ("129115272", 600)),
                   (("Предузеће.", 20), ("Авала Софт доо. Ниш", 500)),
                   ("Место продаје", ("Маркет Авала Софт 191", 500)), ("Укупан износ:", ("2.308,30", 700))))
    assert out["merchant"] == "Авала Софт доо. Ниш"


def test_round_66_serbian_company_field_label_with_its_colon_lost() -> None:
    """Round 66: "Предузеће ‖ Љубичица д.о.о." (the colon lost, the value a column away): a field label alone in its
    cell is no name, with a mark or without; a name that only starts like a label stays ("Name Brothers")."""
    from lib.kie.parties import strip_field_label

    assert strip_field_label("Предузеће") == "" and strip_field_label("Name Brothers") == "Name Brothers"
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ:", ("174596431", 600)), (("Предузеће", 20), ("Љубичица д.о.о.", 500)),
                   ("Место продаје:", ("Бензинска станица Калемегдан", 500)), ("Укупан износ:", ("1.208,30", 700))))
    assert out["merchant"] == "Љубичица д.о.о."


# -- the eighth round (scored first with local-kie-0.36: cyr 31008), then fixed


def test_kazakh_date_order_year_first() -> None:
    """"2023 жылғы 12 сәуір": the year, "of the year", the day, the month (not the contract date below it)."""
    assert parse_date("Төлем шоты № 1224 от 2023 жылғы 12 сәуір") == parse_date("12.04.2023")
    out = run(page(("Жеткізуші: ИП \"Улытау Строй\"",), ("Төлем шоты № 1224 от 2023 жылғы 12 сәуір",),
                   ("Договор: Договор № 95 от 10.01.2023",), ("Всего к оплате:", ("791 750.00", 800))))
    assert out["date"] == "2023-04-12"


def test_kazakh_buyer_label_misread_is_still_the_buyer() -> None:
    """"Сатушы ‖ Сатып алушы" (seller ‖ buyer), the second read "Сатьш алушы": a label, never the merchant."""
    out = run(page(("АЛДЫН АЛА ТӨЛЕМ ШОТЫ",), (("Сатушы", 20), ("Сатьш алушы", 600)),
                   (("ИП Иванова С.П.", 20), ("ТОО \"Бэм Ко\"", 600)), ("Всего к оплате:", ("1 895 790,00", 800))))
    assert out["merchant"] == "ИП Иванова С.П."


def test_cyrillic_initial_read_as_zero() -> None:
    out = run(page(("ИП Новик 0.И.",), ("УНП 191234567",), ("ИТОГО", ("12,50", 700))))
    assert out["merchant"] == "ИП Новик О.И."


def test_tax_row_whose_label_the_ocr_lost_is_found_by_arithmetic() -> None:
    """"ДДС Б = 20,00% 0,35" read "АС Б = 20,00% 0,35": the row with a rate printing total − net is the tax."""
    out = run(page(("\"Пирин Вода\" АД",), ("ЕИК: 203313327",), ("Паста за зъби 75мл", ("2,09 Б", 700)),
                   ("АС Б = 20,00%", ("0,35", 700)), ("ВСИЧКО", ("2,09 лв.", 700)), ("Данъчна основа", ("1,74", 700)),
                   ("КАРТА", ("2,09", 700)), ("23.02.2025 08:02:37",)))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1.74, 0.35, 2.09)
    item = run(page(("Магазин",), ("Мляко 3,5%", ("0,35", 700)), ("ВСИЧКО", ("2,09", 700)),
                    ("Данъчна основа", ("1,50", 700))))
    assert item["tax_amount"] is None  # an item with a percentage that is not total − net stays no tax


def test_second_row_of_an_item_table_header_is_no_vat_table() -> None:
    """Serbian invoice: "… Износ ПДВ Износ Укупно" over "мере % без ПДВ % ПДВ" heads the items, not a VAT table."""
    doc = page(("Марко Петровић пр Балкан Логистика",), ("ФАКТУРА бр. 2454/2024",),
                   (("Р.бр.", 140), ("Опис", 410), ("Јед.", 690), ("Кол.", 770), ("Јед. цена", 850), ("Рабат", 980),
                    ("Износ", 1090), ("ПДВ", 1200), ("Износ", 1300), ("Укупно", 1410)),
                   (("мере", 690), ("%", 1010), ("без ПДВ", 1080), ("%", 1226), ("ПДВ", 1308)),
                   (("1", 165), ("Ламинат класа 32", 220), ("m²", 702), ("26,20", 773), ("1 821,00", 873),
                    ("47 710,20", 1080), ("20%", 1219), ("9 542,04", 1291), ("57 252,24", 1410)),
                   (("2", 165), ("Боја унутрашња 2,5л", 220), ("ком", 695), ("5", 820), ("970,00", 892), ("2", 1042),
                    ("4 753,00", 1094), ("20%", 1219), ("950,60", 1311), ("5 703,60", 1423)),
                   (("3", 165), ("Услуге превоза", 220), ("ком", 695), ("1", 821), ("20 238,00", 859),
                    ("20 238,00", 1081), ("20%", 1219), ("4 047,60", 1290), ("24 285,60", 1410)),
                   ("Основица:", ("72 701,20", 1391)), ("Укупан ПДВ 20%:", ("14 540,24", 1391)),
                   ("За уплату:", ("87 241,44 RSD", 1391)))
    assert _column_table(_labelled_rows(group_rows(OcrDocument(pages=[doc])))) == {}
    out = run(doc)
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (72701.2, 14540.24, 87241.44)


@pytest.mark.parametrize(("label", "expected"), [
    ("ДАС Б = 20,00%", "tax"), ("АС Б = 20,00%", "tax"), ("ANC Б = 20.00%", "tax"), ("ДАС Б = 260,00%", "tax"),
    ("ОБЦО", "total_strong"), ("ОБА СУМА", "total_strong"),
    ("Кафе Б = 2", None), ("Захар 1кг", None),  # item lines stay items
])
def test_bulgarian_receipt_words_garbled_by_photo_ocr(label: str, expected: str | None) -> None:
    """"ДДС Б = 20,00%" with its tax word garbled (the group letter and the two-decimal rate still say it), and
    "ОБЩО" / "ОБЩА СУМА" with a lost or misread "Щ"."""
    assert classify_label(label) == expected


def test_bulgarian_total_read_obtso_beats_the_subtotal() -> None:
    out = run(page(("\"Интер Комерс\" ЕООД",), ("ЕИК: 208357375",), ("Картофи", ("31,98 Б", 700)),
                   ("ОТСТЬПКА 25%", ("-4,38 Б", 700)), ("МЕЖДИННА СУМА", ("28,18", 700)),
                   ("ДДС Б = 20,00%", ("3,97", 700)), ("ОБЦО", ("23,80 лв.", 700)), ("ДЕБИТНА КАРТА", ("23,80", 700)),
                   ("24.05.2024 21:24:15",)))
    assert (out["total"], out["tax_amount"]) == (23.8, 3.97)


# -- after the ninth seed (cyr 31009, scored once with local-kie-0.37, then fixed)


def test_serbian_fiscal_title_framed_by_rule_lines_is_no_merchant() -> None:
    """The "===== ФИСКАЛНИ РАЧУН =====" heading with its rule lines read as letters or CJK: the seller is in the
    "Предузеће:" field (its colon maybe read as ";")."""
    for heading, field in (("ГІгТТТТТТТТТТТТТТІІ ФИСКАЛНИ РАЧУН 那细服奶你你张据当", "Предузеће:"),
                           ("ша натта ФИСКАЛНИ РАЧУН \"жижа", "Предузебе;")):
        out = run(page((heading,), ("ПИБ: 143114252",), (field, ("Нишка Градња а.д. Ниш", 400)),
                       ("Место продаје: Кафе Балкан",), ("Укупно:", ("2060,92", 700)),
                       ("ПФР време: 21.09.2025. 20:52:21",)))
        assert out["merchant"] == "Нишка Градња а.д. Ниш"


def test_kazakh_too_read_as_700() -> None:
    assert repair_name("700 “Дәмді Нан”") == "ТОО “Дәмді Нан”"
    assert repair_name("700 Roses") == "700 Roses"


def test_legal_entity_under_a_ukrainian_shop_line_is_the_merchant() -> None:
    """"КАВ'ЯРНЯ «ДОБРИЙ КОШИК»" (big, upper case, printed twice) over "ТОВ «Добрий Кошик»": the legal entity, as on
    receipts that print a brand above the company; a shop line with no legal entity under it stays the merchant."""
    rows = ((("КАВ'ЯРНЯ «ДОБРИЙ КОШИК»", 60),), ("Кав'ярня «Добрий Кошик»",), ("ТОВ «Добрий Кошик»",),
            ("79000, м. Львів, вул. Січових Стрільців, 129",), ("ПН 833432629351",), ("КАСА 12",),
            ("Шоколад молочний 90г", ("64,00 А", 700)), ("СУМА", ("64,00", 700)), ("ПДВ А 20.00%", ("10,67", 700)))
    def printed(*page_rows: tuple) -> Page:  # the shop line in a bigger font, as tills print it
        p = page(*page_rows)
        x1, y1, x2, y2 = p.spans[0].bbox
        p.spans[0] = Span(bbox=(x1 - 40, y1 - 8, x2 + 140, y2 + 4), text=p.spans[0].text)
        return p
    assert run(printed(*rows))["merchant"] == "ТОВ «Добрий Кошик»"
    alone = run(printed(rows[0], rows[1], *rows[3:]))["merchant"]
    assert alone is not None and "ДОБРИЙ КОШИК" in alone.upper()


# -- after the eleventh seed (cyr 31011, scored once with local-kie-0.43, then fixed)


def test_serbian_company_with_commas_in_its_legal_form_and_an_address_label() -> None:
    """"Предузеће: Калемегдан д.о,о," (dots read as commas): still the seller; "Адреса: …" is a field label, never a
    name."""
    assert repair_name("Калемегдан д.о,о,") == "Калемегдан д.о.о."
    assert repair_name("Hello, world") == "Hello, world"
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ; 115108973",), ("Предузеће: Калемегдан д.о,о,",),
                   ("Место продаје: Кафе Калемегдан",), ("Адреса: Булевар ослобођења 70",), ("Касир: Ивана",),
                   ("Укупан износ:", ("4.093,79", 700)), ("Картица:", ("4.093,79", 700)),
                   ("ПФР време; 05.02.2024.09:34:30",)))
    assert out["merchant"] == "Калемегдан д.о.о."


def test_ukrainian_pp_read_as_tip_under_a_shop_line() -> None:
    assert repair_name("ТІП «Агроцентр Поділля»") == "ПП «Агроцентр Поділля»"
    out = run(page(("Маркет «Зелена Аптека» №118",), ("ТІП «Агроцентр Поділля»",),
                   ("21000, м. Вінниця, вул. Героїв Майдану, 48",), ("ПН 910204042341",), ("Касир: Евген",),
                   ("Зубна паста 100мл", ("63.00 А", 700)), ("ДО СПЛАТИ:", ("63.00 ГРН", 700)),
                   ("ПДВ А = 20,00%", ("10.50", 700)), ("22.12.24 18:40:31",)))
    assert out["merchant"] == "ПП «Агроцентр Поділля»"


def test_no_vat_charged_note_and_a_second_header_row_give_no_tax() -> None:
    """A Serbian invoice "ПДВ није обрачунат у складу са чланом 33. Закона о ПДВ": the article's number is no tax,
    nor is the first line item under the header's second row "мере ПДВ"."""
    assert classify_label("ПДВ није обрачунат у складу са чланом") == "ignore"
    assert classify_label("ПДВ ние обрачунат у складу са чланом 33. Закона о ПДВ") == "ignore"
    assert classify_label("Не е начислен ДДС") == "ignore"
    out = run(page(("Балкан Логистика д.о.о.",), ("ПИБ: 164801330",), ("ФАКТУРА бр. Ф-1969/23",),
                   ("Датум издавања:", ("11.04.2023.", 500)),
                   ("Р.бр. Опис", ("јед. Кол. Цена без Основица", 400)), (("мере", 400), ("ПДВ", 800)),
                   ("1 Цемент 25кг", ("ком 5 748,00", 500), ("3740,00", 900)),
                   ("2 Испорука робе", ("ком 1 4100,00", 500), ("4100,00", 900)),
                   ("Укупно:", ("7840,00", 900)), ("ПДВ није обрачунат у складу са чланом 33. Закона о ПДВ",)))
    assert (out["total"], out["tax_amount"]) == (7840.0, None)


def test_bulgarian_euro_total_whose_label_the_latin_reader_garbled() -> None:
    """A 2026 receipt: "ВСИЧКО 25,51 евро" read "BCNKO" by the Latin recognizer, above the leva equivalent "ОБЩА СУМА
    BGN 49,89 лв.": the euro amount is the total."""
    assert classify_label("BCNKO") == "total_strong"
    assert classify_label("CHECK") is None and classify_label("HOTEL") is None
    out = run(page(('"Тракия Строй" ЕООД',), ("ЕИК: 209200952",), ("Банани", ("4,38 А", 700)),
                   ("Кафе на зърна 1кг", ("21,13 А", 700)), ("BCNKO", ("25,51 евро", 700)),
                   ("ОБЩА СУМА BGN", ("49,89 лв.", 700)), ("КАРТА", ("25,51", 700)), ("08-03-2025 14:43:38",)))
    assert out["total"] == 25.51


def test_bulgarian_vat_group_line_with_a_ukrainian_i() -> None:
    assert classify_label("ДІС Б = 20,00%") == "tax"


def test_bulgarian_leva_receipt_without_a_date() -> None:
    """The euro switch looks at the date: a leva receipt with no date read stays in leva (it used to raise)."""
    out = run(page(('"Ябълка 2007" ЕООД',), ("ЕИК: 205015788",), ("Кафе еспресо", ("4,59 Б", 700)),
                   ("ОБЩА СУМА", ("4,59 лв.", 700))))
    assert (out["currency"], out["date"], out["total"]) == ("BGN", None, 4.59)


def test_legal_entity_under_a_cyrillic_shop_line_without_a_venue_word() -> None:
    """"АЗС «УКРТОРГСЕРВІС» №41" (a petrol station: no venue word we list) over "ФОП Шевченко Андрій Іванович": the
    legal entity, as under "МАГАЗИН «…»"; a Latin brand line keeps its own convention (the brand)."""
    def printed(*page_rows: tuple) -> Page:
        p = page(*page_rows)
        x1, y1, x2, y2 = p.spans[0].bbox
        p.spans[0] = Span(bbox=(x1 - 40, y1 - 8, x2 + 140, y2 + 4), text=p.spans[0].text)
        return p
    rows = (("АЗС «УКРТОРГСЕРВІС» №41",), ("ФОП Шевченко Андрій Іванович",), ("м. Житомир, вул. Київська, 12",),
            ("ПН 3012345678",), ("А-95", ("1 200,00 А", 700)), ("СУМА", ("1 200,00", 700)),
            ("ПДВ А 20.00%", ("200,00", 700)))
    assert run(printed(*rows))["merchant"] == "ФОП Шевченко Андрій Іванович"


def test_kazakh_amount_whose_first_thousands_space_was_lost() -> None:
    """"Всего к оплате: 1421 010.00" (Tesseract lost the first space of "1 421 010.00"): one amount, not 10.00; a
    four-digit number before a price inside a line stays apart."""
    out = run(page(("ТОО \"Ак Бидай\"",), ("БИН: 110948259036",), ("Счет на оплату № ТП-02184 от 19.09.2024",),
                   ("1 Монитор 24 LED 10 дана", ("75 700.00", 600), ("757 000.00", 800)),
                   ("2 Веб-сайт 1 кызмет", ("664 010.00", 600), ("664 010.00", 800)),
                   ("Всего к оплате:", ("1421 010.00", 800)), ("Без налога (НДС)",)))
    assert out["total"] == 1421010.0
    assert [a.value for a in _row_amounts(group_rows(OcrDocument(pages=[page(("Код 1578 900.00 А",))]))[0])[0]] \
        == [1578.0, 900.0]


# -- after the thirteenth seed (cyr 31013, scored once with local-kie-0.46, then fixed)


def test_bulgarian_invoice_of_2026_totals_in_euro_not_in_leva() -> None:
    """"Общо: 820,19" (euro) over "Сума за плащане BGN: 1 604,15 лв." (the leva printed beside it in 2026): the euro
    amount; a 2025 receipt keeps its leva total ("ОБЩА СУМА 15,45 лв." over "7,90 €")."""
    out = run(page(("ФАКТУРА Оригинал",), ("Дата на издаване: 01.01.2026",), ("Доставчик: Стара Планина ЕАД",),
                   ("ЕИК: 201934335",), ("1 Цимент 25кг бр. 20 8,28", ("165,60", 800)),
                   ("2 Счетоводни услуги мес. 1", ("654,59", 800)), ("Общо:", ("820,19", 800)),
                   ("Не е регистриран по ЗДДС",), ("Сума за плащане BGN:", ("1 604,15 лв.", 800))))
    assert (out["total"], out["currency"]) == (820.19, "EUR")
    out = run(page(("\"Ябълка 2007\" ЕООД",), ("ЕИК: 205015788",), ("Кафе еспресо", ("15,45 Б", 700)),
                   ("ОБЩА СУМА", ("15,45 лв.", 700)), ("", ("7,90 €", 700)), ("27-08-2025 07:39:37",)))
    assert (out["total"], out["currency"]) == (15.45, "BGN")


def test_russian_amount_after_equals_is_no_loose_date() -> None:
    """"34.47 х 66.99 =2309.15" read loosely as 23.09.15 (under "Чек № 218", an issue-date label): Russian tills
    print "=" before every amount."""
    out = run(page(("ФИСКАЛЬНЫЙ ЧЕК",), ("ПРИХОД",), ("ПАО \"ИнфоСервис\"",), ("Кассир: Соколова А.",),
                   ("Смена № 210", ("Чек № 218", 650)), ("1. Бензин АИ-95",),
                   ("34.47 х 66.99", ("=2309.15", 650)),
                   ("2. Вода питьевая 1,5л",), ("3 х 58.99 =176.97",), ("ИТОГО", ("=2486.12", 700)),
                   ("ИНН: 7734389489",), ("ФН: 9960440312773186",), ("ФД: 82052",), ("ФП: 4265556089",),
                   ("17.02.2023 18:05",)))
    assert out["date"] == "2023-02-17"


def test_serbian_entrepreneur_beside_the_buyer_label_and_a_number_row() -> None:
    """"Тијана Ђурић пр Нишка Градња Краљево ‖ Прималац:": the entrepreneur ("пр") left of the buyer's column label is
    the seller; "РАЧУН бр. Ф-2112/26" without its title is a number, never a name."""
    out = run(page(("Тијана Ђурић пр Нишка Градња Краљево", ("Прималац:", 500)),  # (a gap of one height)
                   ("Булевар Михајла Пупина 107, 36000 Краљево", ("Калемегдан а.д. Чачак", 740)),
                   ("ПИБ: 174370069 МБ: 63442403", ("ПИБ: 101287072", 740)), ("РАЧУН бр. Ф-2112/26",),
                   ("Место промета: Датум издавања:",), ("Краљево 05.01.2026.",),
                   ("1 Израда веб-сајта ком 1", ("58 142,00", 800)), ("Укупно:", ("58 142,00", 800))))
    assert out["merchant"] == "Тијана Ђурић пр Нишка Градња Краљево"


def test_bulgarian_eood_with_its_d_lost() -> None:
    assert repair_name("\"Марица Агро\" Е00") == "\"Марица Агро\" ЕООД"
    assert repair_name("\"Марица Агро\" ЕОО]") == "\"Марица Агро\" ЕООД]"
    assert repair_name("Hotel ЕОО") == "Hotel ЕОО"


# -- after the fourteenth seed (cyr 31014, scored once with local-kie-0.47, then fixed)


def test_bulgarian_total_label_read_bcuyko_and_kazakh_too_read_100() -> None:
    """"BCUYKO: 4501.24" (ВСИЧКО with И read as U, Ч as Y) over "Равностойност BGN: 8803.66 лв."; "100 «…»" is
    the Kazakh ТОО (as "700" was)."""
    assert classify_label("BCUYKO:") == "total_strong" and classify_label("TOUCH") is None
    assert repair_name("100 «Сарыарқа Логистик»") == "ТОО «Сарыарқа Логистик»"
    assert repair_name("100 Roses") == "100 Roses"
    out = run(page(("ФАКТУРА Оригинал",), ("Дата на издаване: 01.01.2026",), ("Продавач:",),
                   ("\"Дунав Логистик\" АД",), ("ЕИК: 208044093",), ("1 Консултантски услуги час 40", ("3751.03", 800)),
                   ("Стойност без ДДС 20%:", ("3751.03", 800)), ("Начислен ДДС 20%:", ("750.21", 800)),
                   ("BCUYKO:", ("4501.24", 800)), ("Равностойност BGN:", ("8803.66 лв.", 800)),
                   ("Сума словом: четири хиляди петстотин и един евро и 24 цента",)))
    assert (out["total"], out["tax_amount"], out["subtotal"]) == (4501.24, 750.21, 3751.03)


def test_belarusian_i_read_as_one_in_a_name() -> None:
    """"ТАА «Кава 1 Кн1га»": the Belarusian "і" (also the word "and") read as a one; "Магазин 1" stays."""
    assert repair_name("ТАА «Кава 1 Кн1га»") == "ТАА «Кава і Кніга»"
    assert repair_name("Магазин 1 Кава") == "Магазин 1 Кава" and repair_name("ТОВ «Аптека 1»") == "ТОВ «Аптека 1»"


# -- after the seventeenth seed (cyr 31017, scored once with local-kie-0.50, then fixed)


def test_serbian_seller_label_misread_a_rule_after_the_company_label_and_je_as_bracket() -> None:
    """"Купац: Добавльач:" (љ read "ль"): the seller's label still; "Предузеће: | Војводина Агро а.д." (a rule line
    read "|" after the colon); "Во]водина" and "17. ]ул 2025." (ј read "]")."""
    assert repair_name("Во]водина Агро д.о.о.") == "Војводина Агро д.о.о." and repair_name("[1] Foo") == "[1] Foo"
    assert str(parse_date("Ниш 17. ]ул 2025.")) == "2025-07-17"
    out = run(page(("======= ФИСКАЛНИ РАЧУН =======",), ("ПИБ: 148275653",),
                   ("Предузеће: | Војводина Агро а.д. Краљево",), ("Место продаје:",),
                   ("Бензинска станица Калемегдан",), ("Адреса: Светог Саве 156",),
                   ("Укупан износ:", ("4.139,54", 700)), ("ПФР време: 29.09.2024. 10:11:12",)))
    assert out["merchant"] == "Војводина Агро а.д. Краљево"
    out = run(page(("Купац:", ("Добавльач:", 600)), ("Стефан Марковић пр Шумадија", ("Војводина Агро д.о.о.", 600)),
                   ("Карађорђева 154, 36000 Краљево", ("Булевар Михајла Пупина 156", 600)),
                   ("ПИБ: 110436330", ("ПИБ: 112912415", 600)), ("РАЧУН - ОТПРЕМНИЦА бр. 1144/2025",),
                   ("Датум издавања:", ("17.07.2025.", 500)), ("Укупно:", ("5 637,00", 800))))
    assert out["merchant"] == "Војводина Агро д.о.о."


# -- stop 27: the brand in the header, the company it belongs to in the footer (cyr 31009, 31010, 31018)


def test_header_brand_whose_company_the_footer_prints_whole_is_that_company() -> None:
    """"ЂЕРДАП ТРЕЈД" over the title, "Ђердап Трејд ДОО Панчево" over the footer's address: the seller as the page
    names it; the Serbian entrepreneur's line "Стефан Марковић пр Авала Софт Ниш" under "АВАЛА СОФТ" too."""
    out = run(page(("ЂЕРДАП ТРЕЈД ФАКТУРА",), ("№ Ф-1357/24",), ("Датум издавања: 27.12.2024.",), ("Купац:",),
                   ("Свеже Намирнице д.о.о.",), ("Булевар краља Александра 92, 34000 Крагујевац",),
                   ("ПИБ: 183345096 МБ: 24299485",), ("Текући рачун: 170-0000000958015-91",),
                   ("# Назив добра/услуге Кол. Цена Износ",), ("1 Консултантске услуге 40 сат 5519,00 220760,00",),
                   ("Укупан износ:", ("260505,00 РСД", 700)), ("Обвезник није у систему ПДВ-а",),
                   ("Ђердап Трејд ДОО Панчево",), ("Краља Петра I 169, 32000 Чачак ПИБ 179506635",)))
    assert out["merchant"] == "Ђердап Трејд ДОО Панчево"
    out = run(page(("АС АВАЛА СОФТ РАЧУН",), ("Датум издавања: 05.05.2025.",),
                   ("Укупно за уплату:", ("176.303,04", 700)),
                   ("Стефан Марковић пр Авала Софт Ниш",), ("Обреновићева 12, 18000 Ниш",)))
    assert out["merchant"] == "Стефан Марковић пр Авала Софт Ниш"


def test_footer_company_of_a_header_brand_ends_at_its_town_after_a_comma_and_no_sentence_is_one() -> None:
    """"ALDI" with "Aldi GmbH & Co. KG, Schloß Holte" below: the company, without its town; "Please make all
    cheques payable to CONTOSO PVT. LIMITED" (read "Please make ‖ CONTOSO PVT. LIMITED") names the company in a
    sentence: the header stays."""
    out = run(page(("ALDI",), ("Pohlweg 110",), ("33100 Paderborn",), ("SUMME", ("10,47", 700)),
                   ("Aldi GmbH & Co. KG, Schloß Holte",), ("Datum: 19.05.2020",)))
    assert out["merchant"] == "Aldi GmbH & Co. KG"
    items = _labelled_rows(group_rows(OcrDocument(pages=[page(
        ("Contoso",), ("INVOICE",), ("Invoice date: 19/02/2024",), ("Total", ("£180.00", 700)),
        ("Please make", "CONTOSO PVT. LIMITED"))])))
    header = FieldCandidate(raw="Contoso", confidence=0.9, bbox=(20.0, 20.0, 100.0, 40.0), page=0)
    assert legal_line_of_brand(header, items, set()) is header


def test_rate_row_whose_label_was_lost_is_the_tax_the_rate_leaves_in_the_total() -> None:
    """"= 20.00% 19.84" (the OCR lost "ДДС Б") under a subtotal above the total (a discount follows it): 19.84 is
    what 20 % leaves in 119.04, so it is the tax; an item line with a percentage that fits nothing is not."""
    rows = (("Медикус Фарм ЕООД",), ("ЕИК: 208046757",), ("Бензин А95", ("102.67 Б", 700)),
            ("ОТСТЪПКА 30%", ("-0.77 Б", 700)), ("МЕЖДИННА СУМА", ("119.81", 700)), ("= 20.00%", ("19.84", 700)),
            ("ВСИЧКО", ("119.04 лв.", 700)), ("27-09-2025 22:54:54",))
    out = run(page(*rows))
    assert (out["tax_amount"], out["total"]) == (19.84, 119.04)
    out = run(page(*rows[:5], ("= 20.00%", ("19.48", 700)), *rows[6:]))
    assert out["tax_amount"] is None


# -- after the nineteenth seed (cyr 31019, scored once with local-kie-0.52 and OCR routing 7, then fixed)


def test_logo_initials_read_lower_case_a_zero_in_doo_and_look_alike_letters_in_month_names() -> None:
    """"шп Шумадија Продукт" (the logo's small capitals read lower case) is the brand without its initials, and the
    footer's "Шумадија Продукт ДОО Суботица" names its company; "д.о.0." is "д.о.о."; "18 жніуня 2025" (ў read
    as у) and "12 кыркуйек 2023" (Kazakh letters read as Russian ones) are dates."""
    assert repair_name("Апотека Здравље д.о.0.") == "Апотека Здравље д.о.о."
    assert repair_name("Sp. z o.o. 0") == "Sp. z o.o. 0"
    assert str(parse_date("Дата: 18 жніуня 2025 г.")) == "2025-08-18"
    assert str(parse_date("2023 жылғы 12 кыркуйек")) == "2023-09-12"
    out = run(page(("шп Шумадија Продукт РАЧУН",), ("No 2023-1405",), ("Датум издавања: 19.08.2023",),
                   ("Прималац:",), ("Панонија а.д. Суботица",), ("Кнеза Михаила 13, 24000 Суботица",),
                   ("ПИБ: 175012069 МБ: 27458117",), ("Назив добра/услуге Количина Износ",),
                   ("1 Дизел гориво 1693 л 173,00 292 889,00",), ("Укупно за уплату:", ("351 466,80", 700)),
                   ("Рачун је пуноважан без печата и потписа.",), ("Шумадија Продукт ДОО Суботица",),
                   ("Цара Душана 170, 24000 Суботица ПИБ 128916712",)))
    assert out["merchant"] == "Шумадија Продукт ДОО Суботица"


def test_rule_line_read_before_a_russian_patronymic_does_not_cut_the_name() -> None:
    """"ИП Иванова Мария | Петровна" (a rule line read "|"): one name, not "ИП Иванова Мария"."""
    out = run(page(("ФИСКАЛЬНЫЙ ЧЕК",), ("ПРИХОД",), ("ИП Иванова Мария | Петровна",),
                   ("630099, г. Новосибирск, ул. Московская, д. 87",), ("ИТОГ", ("=1715,99", 700)),
                   ("12.07.2023 10:15",)))
    assert out["merchant"] == "ИП Иванова Мария Петровна"


# -- after the twenty-first seed (cyr 31021, scored once with local-kie-0.52 and OCR routing 7, then fixed)


def test_misread_total_repaired_by_items_less_their_discount_and_by_cash_less_change() -> None:
    """"ДО СПЛАТИ: 1952,57" where the items less the bill's discount ("Знижка 15% -29,47") make 1052,57 and so does
    cash less change: one digit misread. The discount's repeat below it ("Знижка: 29,47") is not taken off twice,
    nor a negative discount sum right after it ("Rabatt gesamt -1,50")."""
    items = _labelled_rows(group_rows(OcrDocument(pages=[page(
        ("Milch", ("10,00", 700)), ("Rabatt 10%", ("-1,00", 700)), ("Rabatt gesamt", ("-1,00", 700)),
        ("Brot", ("5,00", 700)), ("SUMME", ("14,00", 700)))])))
    assert line_sums(items)[items[-1].row.index] == (1400, 2)
    out = run(page(("ФОП Мельник Наталія Олегівна",), ("Кафе «Будмайстер»",), ("ТД 8020936627",),
                   ("Піца Маргарита",), ("3х 295,19", ("885,57", 700)), ("Шоколад молочний 90г",),
                   ("3 х 65,49", ("196,47", 700)), ("Знижка 15%", ("-29,47", 700)), ("Знижка:", ("29,47", 700)),
                   ("ДО СПЛАТИ:", ("1952,57 ГРН", 700)), ("Готівка", ("2000,00", 700)), ("РЕШТА", ("947,43", 700)),
                   ("29.11.23 21:49:39",)))
    assert out["total"] == 1052.57


def test_serbian_doo_whose_d_was_read_as_a_one() -> None:
    """"Авала Софт 1.0.0," is "Авала Софт д.о.о."; a version number in a Latin name stays."""
    assert repair_name("Авала Софт 1.0.0,") == "Авала Софт д.о.о."
    assert repair_name("Softver 1.0.0") == "Softver 1.0.0"
    assert repair_name("Софт 1.0.0 Београд") == "Софт 1.0.0 Београд"


# -- after the twenty-second seed (cyr 31022, scored once with local-kie-0.53 and OCR routing 7, then fixed)


def test_one_belarusian_letter_does_not_make_a_russian_invoice_belarusian() -> None:
    """A Russian invoice with "руб." and ИНН where the OCR read one "ў" ("ўз час") is in roubles; Belarusian
    text (several ў, or УНП, or Минск) still makes "руб." Belarusian."""
    russian = ("Счет на оплату № 2434 от 06.09.2025 Поставщик: ПАО \"СтройМастер\" г. Нижний Новгород ИНН 7793942494 "
               "1 Консультационные услуги ўз час 4 685.00 9 370.00 Итого: 9 370.00 на сумму 9 370.00 руб.")
    assert detect_currency(russian) == "RUB"
    assert detect_currency("ТАА «Крама» УНП 190123456 Разам да аплаты 12,40 руб.") == "BYN"
    assert detect_currency("Дзякуй за пакупку ў нашай краме! Усяго 12,40 руб. Прыходзьце зноў") == "BYN"


def test_hryvnias_with_their_letters_cut_to_one_and_a_date_that_lost_its_second_dot() -> None:
    """"всього 326,99 г" is 326,99 hryvnias (grams come whole: "90 г" stays no amount); "17.04 2026 18:22:15" is
    17 April 2026 (its second dot lost before the year, a time after it)."""
    assert find_amounts("всього 326,99 г") == [(326.99, 7, 13)]
    assert find_amounts("Шоколад 90 г") == []
    assert str(parse_date("17.04 2026 18:22:15")) == "2026-04-17"
    assert parse_date("Цена 12.50 2026 10:00") is None
    assert parse_date("Bon 3.10 2026 10:00") is None  # (a price and a number, not 3 October)
    out = run(page(("ПрАТ «Лісова Казка»",), ("ПН 013436478280",), ("Піца Маргарита",),
                   ("1х 301,00", ("301,00 А", 700)), ("Вода мінеральна 1,5л",), ("1х 25,99", ("25,99 А", 700)),
                   ("всього", ("326,99 г", 700)), ("ПДВ А 20.00%", ("54,50", 700)), ("ГОТІВКА", ("500,00", 700)),
                   ("РЕШТА", ("173,01", 700)), ("04.04.2024 12:39:14",)))
    assert out["total"] == 326.99


def test_latin_it_of_a_kazakh_company_read_as_cyrillic_letters() -> None:
    """"ТОО «Болашақ ТТ»", "ИП "Болашақ ІТ"": the Latin "IT" closing a quoted name (no Cyrillic word is spelled
    so); "ТТ" only in a Kazakh name («Альфа ТТ» may mean it); a quoted name that is only "ТТ", and "ТТ Маркет",
    stay."""
    assert repair_name("ООО «Альфа ТТ»") == "ООО «Альфа ТТ»"
    assert repair_name("ТОО «Болашақ ТТ»") == "ТОО «Болашақ IT»"
    assert repair_name('ИП "Болашақ ІТ"') == 'ИП "Болашақ IT"'
    assert repair_name('ТОО "ТТ"') == 'ТОО "ТТ"'
    assert repair_name("ТТ Маркет") == "ТТ Маркет"


# -- after the twenty-third seed (cyr 31023, scored once with local-kie-0.55 and OCR routing 7, then fixed)


def test_kazakh_payer_column_a_label_with_translation_and_role_and_a_lost_first_space() -> None:
    """"Жеткізуші ‖ Төлеуші" (supplier ‖ payer) heads two party columns, so the payer is no name; "Жеткізуші /
    Поставщик (Исполнитель): ТОО …" is a label with its translation and role; "1220 400,00" is 1 220 400,00 with its
    first space lost, alone at the end of its span on a Cyrillic row (the rules read "1220" and "400,00", as they
    read "Zimmer 1205 120,00": a number and a price — it used to be dropped whole)."""
    assert find_amounts("Итого: 1220 400,00") == [(1220.0, 7, 11), (400.0, 12, 18)]
    assert find_amounts("Zimmer 1205 120,00") == [(1205.0, 7, 11), (120.0, 12, 18)]
    out = run(page(("ДН Дәмді Нан ТӨЛЕМ ШОТЫ",), ("№ ТП-01236",), ("Дата: 15 августа 2025 г.",),
                   (("Жеткізуші", 20), ("Төлеуші", 600)), (('ТОО "Дәмді Нан"', 20), ('ИП "Көкше Тамақ"', 600)),
                   (("БИН 150147086213", 20), ("ИИН 870160433367", 600)),
                   ("1 Монитор 24 LED 12 дана 75 700,00", ("908 400,00", 900)),
                   ("2 Картридж НР 85А 10 дана 31 200,00", ("312 000,00", 900)),
                   ("Итого:", ("1220 400,00", 900)), ("Сумма НДС 12%:", ("146 448,00", 900)),
                   ("Всего к оплате:", ("1366 848,00", 900))))
    assert (out["merchant"], out["subtotal"], out["total"]) == ('ТОО "Дәмді Нан"', 1220400.0, 1366848.0)
    out = run(page(("АҚ БИДАЙ",), ("Төлем шоты / Счет на оплату № 471 от 13.03.2024",),
                   ('Жеткізуші / Поставщик (Исполнитель): ТОО "Ақ Бидай"',), ("г. Актобе, БИН 180841854258",),
                   ('Төлеуші / Покупатель (Заказчик): АО "Әсем Маркет"',), ("Итого:", ("108 750,00", 900))))
    assert out["merchant"] == 'ТОО "Ақ Бидай"'


def test_sole_traders_patronymic_wrapped_to_the_next_row() -> None:
    """"ФОП Олійник Богдан" over "Степанович": one name."""
    out = run(page(("ФОП Олійник Богдан",), ("Степанович",), ("69000, м. Запоріжжя, просп. Соборний, 12",),
                   ("ПН 013436478280",), ("СУМА", ("2165,73", 700)), ("14.07.2024 10:15:00",)))
    assert out["merchant"] == "ФОП Олійник Богдан Степанович"


def test_serbian_lje_and_nje_read_as_soft_signs() -> None:
    """"Льубичица д.о.о." is "Љубичица д.о.о." (Serbian writes no soft sign); a Russian "Льняной" stays."""
    assert repair_name("Льубичица д.о.о.") == "Љубичица д.о.о."
    assert repair_name("Марко Петровић пр Кафана Ньегош") == "Марко Петровић пр Кафана Његош"
    assert repair_name("ООО Льняной двор") == "ООО Льняной двор"
    assert repair_name("ООО «Сталь», пр. Мира 5") == "ООО «Сталь», пр. Мира 5"  # (a Russian avenue, "пр.")
    assert repair_name("ТОВ «Сільпо-Фуд» пр. Перемоги") == "ТОВ «Сільпо-Фуд» пр. Перемоги"


def test_belarusian_recipient_label_with_its_y_read_as_a_soft_sign() -> None:
    """"Выканаўца ‖ Атрымальнік" read "Выканауца ‖ Атрьмальнік" (ы read ь): still the buyer's column, never a name."""
    out = run(page(("КІ КАВА І КНІГА РАХУНАК-ФАКТУРА",), ("№ СФ-02872",), ("Дата 22 лістапада 2023 г.",),
                   (("Выканауца", 20), ("Атрьмальнік", 600)),
                   (("ТАА «Кава і Кніга»", 20), ('ПУП "Белтэхсэрвіс"', 600)),
                   (("УНП 193098651", 20), ("УНП 193152377", 600)), ("Усяго да аплаты:", ("444,00", 900))))
    assert out["merchant"] == "ТАА «Кава і Кніга»"


def test_cyrillic_logo_initials_read_in_latin_before_the_name() -> None:
    """"KT Копаоник Турс РАЧУН": the logo's "КТ" read as Latin "KT" spells the name beside it, so the footer's
    "Копаоник Турс ДОО Крагујевац" is the seller as printed (the brand inside the legal line)."""
    out = run(page(("KT Копаоник Турс РАЧУН",), ("No 2024-1553",), ("Датум издавања рачуна: 01.12.2024",),
                   ("Прималац:",), ("Златиборска Месара д.о.о.",), ("ПИБ: 191258529 МБ: 22356788",),
                   (("#", 20), ("Назив", 80), ("Кол.", 500), ("Цена без пдв", 650), ("Основица", 850)),
                   (("1 Ламинат класа 32", 20), ("64,50 m2", 500), ("1663,00", 650), ("107263,50", 850)),
                   ("Укупан износ:", ("128716,20", 900)), ("Рачун је пуноважан без печата и потписа.",),
                   ("Копаоник Турс ДОО Крагујевац",), ("Булевар Михајла Пупина 9, 34000 Крагујевац ПИБ 145771408",)))
    assert out["merchant"] == "Копаоник Турс ДОО Крагујевац"


def test_kazakh_receipt_time_row_with_a_dot_read_as_a_comma() -> None:
    """"Уақыты / Время: 14,11.23 07:43:25": the date with its first dot read as a comma."""
    assert parse_date("14,11.23") == date(2023, 11, 14)
    assert parse_date("Цена 14,11.23") is None  # no time after it, and more than the date: not a date
    out = run(page(("ТОО «Береке Маркет»",), ("БИН 180747178093",), ("ЖИЫНЫ / ИТОГО К ОПЛАТЕ:", ("19360.35", 700)),
                   ("Қайтару / СДАЧА:", ("0.00", 700)), ("Уақыты / Время: 14,11.23 07:43:25",)))
    assert out["date"] == "2023-11-14"


# -- after the twenty-eighth seeds (cyr 31028, scored once with local-kie-0.62)


def test_belarusian_receipt_with_two_vat_lines_one_rate_misread() -> None:
    """"ПДВ 260%: 3,35" (20 % read "260%") over "у т.л. ПДВ 10%: 0,75": two lines, one per rate; the tax is both."""
    out = run(page(("ТАА «Аптэка Здароуе»",), ("УНП 194520359",), ("Цукар 1кг",), ("1х 3,99 = 3,99",),
                   ("Пральны парашок 450г",), ("1х 24,39 = 24,39",), ("ДА АПЛАТЫ: 28,38 ВУМ",),
                   ("ПДВ 260%: 3,35",), ("у т.л. ПДВ 10%: 0,75",), ("КАРТКАЙ 28,38",), ("14.03.2024 12:49",)))
    assert (out["total"], out["tax_amount"]) == (28.38, 4.1)


def test_kazakh_vat_rate_read_as_a_number_before_the_colon() -> None:
    """"в т.ч. НДС 125:" (12% read "125") with its amount on the next row: the number before the label's colon is
    the label's own, the tax is 137,54."""
    assert find_amounts("в т.ч. НДС 125:") == [] and find_amounts("Total: 125") == [(125.0, 7, 10)]
    out = run(page(("ТОО «Һәм Ко»",), ("БИН 120647259574",), ("ЖИЫНЫ / ИТОГО К ОПЛАТЕ:", ("1283.70", 700)),
                   ("Қолма-қол ақша / Наличные:", ("1283.70", 700)), ("оның ішінде ҚҚС / в т.ч. НДС 125:",),
                   ("137,54",), ("Уақыты / Время: 17.11.24 10:43:25",)))
    assert (out["total"], out["tax_amount"]) == (1283.7, 137.54)


def test_kazakh_total_with_its_first_space_lost_before_the_tenge_mark() -> None:
    """"Всего с НДС: 1303 904.00 тг." (the first space of "1 303 904.00" lost, the currency's mark after it): one
    amount, the total; "Итого: 1164 200.00" above it is the net."""
    out = run(page(("АО \"Әсем Маркет\"",), ("БИН 170941725071",), ("Дата выписки: 7 сентября 2025 г.",),
                   ("Итого:", ("1164 200.00", 800)), ("Итого НДС 12%:", ("139 704.00", 800)),
                   ("Всего с НДС:", ("1303 904.00 тг.", 800))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1164200.0, 139704.0, 1303904.0)


# -- after the thirty-first seeds (cyr 31031, invoices 7613, scored once with local-kie-0.70)


def test_ukrainian_receipt_whose_hryvnia_sign_was_read_as_a_rouble_sign() -> None:
    """"СУМА ДО СПЛАТИ 172.88 ₽" on a Ukrainian till receipt (ПН, ЗМІНА, ПДВ, Чернігів): "₴" read as "₽", no
    Russian word or id on the page: hryvnias. A "₽" on a Russian page stays roubles."""
    out = run(page(("АТ «Щедрий Лан»",), ("14000, м. Чернігів, вул. Шевченка, 148",), ("ПН 093377956187",),
                   ("Каса 7 ЗМІНА 824",), ("Кава Американо",), ("1.000 × 67.89", ("67.89 А", 600)),
                   ("СУМА ДО СПЛАТИ", ("172.88 ₽", 600)), ("ПДВ А 20%", ("28.81", 600)),
                   ("ПЛАТІЖНА КАРТКА", ("172.88", 600)), ("08.05.25 19:49:30",), ("ФІСКАЛЬНИЙ ЧЕК",)))
    assert (out["total"], out["currency"]) == (172.88, "UAH")
    assert detect_currency("ООО «Ромашка» ИНН 7701234567\nИТОГО 172.88 ₽") == "RUB"


def test_russian_sender_line_cut_before_its_prospekt() -> None:
    """"ООО «Техноресурс» - пр. Победы, д. 48 · г. Калуга": the dash is the sender line's dot, "пр." (проспект) and
    "д. 48" an address; the seller is the company alone. "д.0.0." (a Serbian "д.о.о." read with zeros) is no house."""
    out = run(page(("от",), ("ООО «Техноресурс» - пр. Победы, д. 48 · г. Калуга", ("Счёт № 18061", 800)),
                   ("Плательщик:", ("Оплатить до «22» мая 2025 г.", 700)),
                   ("АО «Техноресурс»", ("Дата счёта «07» апреля 2025 г.", 700)), ("ул. Заводская, д. 3",),
                   ("г. Тула",), ("Итого к оплате:", ("11 262,08", 800))))
    assert out["merchant"] == "ООО «Техноресурс»"
    assert not _ADDRESS.search("Предузеће: Београдска Пекара д.0.0.")


# -- after the thirty-third seeds (cyr 31033, scored once with local-kie-0.72)


def test_serbian_company_field_whose_doo_was_read_with_zeros_and_commas() -> None:
    """"Предузеће; ‖ Свеже Намирнице д.0,0,": the "д.о.о." read "д.0,0," is no house number ("д. 48"), so the
    company is the name, its field label (colon read ";") dropped."""
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ;", ("145632700", 500)),
                   ("Предузеће;", ("Свеже Намирнице д.0,0,", 500)), ("Место продаје;", ("Кафе Свеже Намирнице", 500)),
                   ("Адреса:", ("Кнеза Михаила 168", 500)), ("Укупан износ;", ("2924,93", 800)),
                   ("Укупан износ пореза;", ("487,49", 800)), ("ПФР време;", ("06.10.2023. 20:26:00", 500))))
    assert out["merchant"] == "Свеже Намирнице д.о.о."
    assert not _ADDRESS.search("Свеже Намирнице д.0,0,")
    assert _ADDRESS.search("пр. Победы, д. 48")


def test_kazakh_too_read_as_1700() -> None:
    """"1700 "Береке Маркет"": the Kazakh "ТОО" read as a four-digit number before a quoted Cyrillic name."""
    assert repair_name('1700 "Береке Маркет"') == 'ТОО "Береке Маркет"'
    assert repair_name("1700 Main Street") == "1700 Main Street"


def test_serbian_fiscal_time_row_with_a_dot_read_as_a_comma_and_a_comma_after_the_year() -> None:
    """"ПФР време; 02,04.2024, 12:43:22": the date's first dot read as a comma and its closing dot as another."""
    assert parse_date("ПФР време; 02,04.2024, 12:43:22") == date(2024, 4, 2)
    assert parse_date("02.04,2024. 12:43") == date(2024, 4, 2)
    assert parse_date("1,234.56, 12:30") is None  # an amount: no date's day and month
    out = run(page(("Авала Софт д,0,0, Краљево",), ("ПИБ;", ("184219330", 500)),
                   ("Укупан износ;", ("987,86", 800)), ("ПФР време;", ("02,04.2024, 12:43:22", 500))))
    assert out["date"] == "2024-04-02"


def test_bulgarian_till_receipt_with_its_sale_number_and_pieces_read_as_roubles() -> None:
    """A Bulgarian "КАСОВ БОН" prints "УНП: …-…-…" (its unique sale number, not the Belarusian taxpayer id) and
    "10бр" (pieces, read "106р"): with ЗДДС on the page (its "ДДС" read "ДОС") and no Russian word or "₽", the
    currency is the lev."""
    text = ("Сладка Среша Е00Д\nгр. Русе 7066\nЗДДС № BG203776663\nЯйца размер М 106р 10,47 Б\nСУМА 21.63\n"
            "ДОС Б = 20,00% 3.61\nКАСОВ БОН\nУНП; №524613-9827-0442154")
    assert detect_currency(text) == "BGN"
    assert detect_currency("УНП 191759596 ИТОГО 12,50 руб.") == "BYN"  # the Belarusian id stays Belarusian
    assert detect_currency("ООО «Ромашка» ИНН 7701234567 ЕИК 203776663 Итого 100 р.") == "RUB"


# -- after the thirty-fourth seeds (cyr 31034, scored once with local-kie-0.73)


def test_belarusian_receipt_whose_second_vat_rate_lost_its_percent_sign() -> None:
    """"НДС 20%; 21.01" over "НДС 105; 1.29" (10 % with its "%" read as a 5): two lines, one per rate; the tax is
    both."""
    out = run(page(('ООО "Беларусский Хлеб"',), ("УНП 196907999",), ("Кофе молотый 250г",),
                   ("3х 11,59", ("= 34.77", 600)), ("итого;", ("140,28 ВУМ", 600)), ("НДС 20%;", ("21.01", 600)),
                   ("НДС 105;", ("1.29", 600)), ("БЕЗНАЛИЧНЫМИ", ("140.28", 600)), ("26.05.2025 17:13:27",)))
    assert (out["total"], out["tax_amount"]) == (140.28, 22.3)


# -- after the thirty-fifth seeds (cyr 31035, scored once with local-kie-0.75)


def test_quoted_name_wrapped_to_the_next_row() -> None:
    """'ЕТ "Орион Консулт - Мария' over 'Иванова"': the quote opened on the first row closes on the second; one
    name (its dash inside the quotes is no sender-line dot)."""
    out = run(page(('ЕТ "Орион Консулт - Мария',), ('Иванова"',), ("гр. Варна 9000, ул.",), ("ЕИК: 173515554",),
                   ("ОБЩО", ("47,57 лв.", 700)), ("С КАРТА", ("47,57", 700)), ("29-07-2024 18:18:06",)))
    assert out["merchant"] == 'ЕТ "Орион Консулт - Мария Иванова"'
    out = run(page(("ООО «Ромашка",), ("Плюс»",), ("ИНН 7701234567",), ("Итого", ("100,00", 700))))
    assert out["merchant"] == "ООО «Ромашка Плюс»"


@pytest.mark.parametrize(("text", "expected"), [("25. (ул 2023.", date(2023, 7, 25)),
                                                ("21. іул 2023.", date(2023, 7, 21)),
                                                ("3. (ун 2024.", date(2024, 6, 3))])
def test_serbian_je_of_jul_read_as_a_bracket_or_i(text: str, expected: date) -> None:
    assert parse_date(text) == expected


# -- after the thirty-sixth seeds (cyr 31036, scored once with local-kie-0.76)


def test_kazakh_payee_table_yields_to_the_suppliers_own_label() -> None:
    """A счёт's payment-order sample prints "Бенефициар: ‖ ИИК ‖ Кбе" (its column headers read "HHK ‖ бе") over the
    payee; the supplier's own label further down ("Сатушы / Поставщик (Исполнитель): ИП …") names the seller."""
    out = run(page(("Образец платежного поручения",), ("Бенефициар:", ("HHK", 500), ("бе", 800)),
                   ('ИП "Ультау Строй"', ("KZ84856L6810888469", 500), ("19", 800)), ("ИИН: 830636094048",),
                   ("Төлем шоты / Счет на оплату № ТП-02514 от 22.06.2024",),
                   ('Сатушы / Поставщик (Исполнитель): ИП "Ұлытау Строй"',),
                   ("г. Актобе, ул. Богенбай батыра, 33, ИИН 830636094048",),
                   ("Сатып алушы / Плательщик:", ('АО "Астана Сауда"', 500)), ("Итого:", ("431 910.00", 900))))
    assert out["merchant"] == 'ИП "Ұлытау Строй"'


# -- after the thirty-seventh seeds (cyr 31037, scored once with local-kie-0.77)


def test_belarusian_prepayment_under_a_no_vat_line_is_no_tax() -> None:
    """"ПДВ не вьлічваецца" (ы read ь: no VAT charged) over "Перадаплата: -1013,86" (a prepayment): no tax, and
    a negative amount is never the tax of a bill."""
    out = run(page(("Рахунак-фактура № 2126 ад 29 кастрычніка 2023 г.",), ("Пастаушчык:", ("ІП Новік В.І.", 400)),
                   ("г. Мінск, вул. Янкі Купалы, 58, УНП 786615996",),
                   ("1 Тэхнічнае абслугоўванне", ("322,00", 600), ("322,00", 800)),
                   ("2 Дастаўка", ("121,00", 600), ("121,00", 800)),
                   ("3 Дызельнае паліва 558 л", ("2,84", 600), ("1584,72", 800)), ("Усяго:", ("2027,72", 800)),
                   ("ПДВ не вьлічваецца",), ("Перадаплата:", ("-1013,86", 800)), ("Да аплаты:", ("1013,86", 800))))
    assert (out["total"], out["tax_amount"]) == (2027.72, None)
    assert classify_label("Перадаплата:") == "prepaid" and classify_label("Алдын ала төлем") == "prepaid"


def test_review_stop_32_narrowings_on_cyrillic_documents() -> None:
    """Review of stop 32: "(ул." in an address is no Serbian "јул"; "д. 4, офис 2" is a house number; a quote left
    open is not closed by a row that opens its own; a signature line does not replace the payee; "1100" is no ТОО."""
    assert parse_date("ТЦ корп. 2 (ул. 26 Бакинских комиссаров, 7)") is None
    assert _ADDRESS.search("Садовая, д. 4, офис 2") and _ADDRESS.search("Ленинский пр-т, д.15, оф.101")
    out = run(page(("ООО «Ромашка",), ("Магазин «Продукты»",), ("ИНН 7701234567",), ("Итого", ("100,00", 700))))
    assert out["merchant"] == "ООО «Ромашка"
    out = run(page(("Образец платежного поручения",), ("Бенефициар:", ("ИИК", 500), ("Кбе", 800)),
                   ("ТОО «Алтын Сауда»", ("KZ84856L6810888469", 500), ("17", 800)), ("БИН 140549024095",),
                   ("Счет на оплату № 12 от 02.03.2023",), ("Итого:", ("83 905,00", 900)),
                   ("Исполнитель ________ /Жумабекова А.С./",)))
    assert out["merchant"] == "ТОО «Алтын Сауда»"
    assert repair_name("1100 «Береке»") == "1100 «Береке»"


# -- after the thirty-eighth seeds (cyr 31038, scored once with local-kie-0.79)


def test_cyrillic_name_beside_a_logo_read_as_latin_letters() -> None:
    """"or ‖ ЭТАЛОН ГРУПИ ‖ СЧЕТ НА ОПЛАТУ": the logo (ЭГ) read by the Latin recognizer as "or" is no part of
    the name."""
    out = run(page(("or", ("ЭТАЛОН ГРУПИ", 60), ("СЧЕТ НА ОПЛАТУ", 800)), ("№ ООБП-001061",),
                   ("Дата выписки:", ("26 апреля 2023 г.", 400)), ("Всего к оплате:", ("18288,00", 800))))
    assert out["merchant"] == "ЭТАЛОН ГРУПИ"


def test_bulgarian_vat_group_g_after_an_amount_and_a_quantity_that_is_an_amount() -> None:
    """"62,37 Г": the VAT group Г (not grams: grams come whole), and "3,000 × 20,79 =": a unit price after a
    quantity printed with decimals. So the items add up to what the card paid and "ОБЦО 197,14" (ОБЩО, a 0 read 9)
    is one slip from it."""
    assert [a[0] for a in find_amounts("Книга «Под игото» 62,37 Г")] == [62.37]
    assert find_amounts("Бисквити 300 Г") == []
    out = run(page(("Книжарница \"Дунав Логистик\"",), ("ЕИК: 208154132",), ("3,000 х 20,79 =",),
                   ("Книга «Под игото»", ("62,37 Г", 700)), ("Пелени размер 4", ("21,29 Г", 700)),
                   ("Бисквити овесени 300г", ("5,29 Б", 700)), ("Отстъпка 5%", ("-0,26 Б", 700)),
                   ("Шоколад млечен 100г", ("2,49 Б", 700)), ("4,000 × 3,99 =",),
                   ("Паста за зъби 75мл", ("15,96 Б", 700)), ("МЕЖДИННА СУМА", ("107,40", 700)),
                   ("ДДС Б = 20,00%", ("3,91", 700)), ("ДДС Г = 9,00%", ("6,91", 700)),
                   ("ОБЦО", ("197,14 лв.", 700)), ("КАРТА", ("107,14", 700)), ("08.02.2025 19:36:26",)))
    assert out["total"] == 107.14


def test_serbian_due_date_label_with_its_cyrillic_tshe_read_as_shha() -> None:
    """"Датум доспеһа" (ћ read һ) is the due date: the issue date is the one under "Датум издавања рачуна"."""
    out = run(page(("Калемегдан ДОО Ниш",), ("РАЧУН - ОТПРЕМНИЦА бр. 2168/2024",),
                   ("Место промета", ("Датум издавања рачуна", 250), ("Датум промета добара", 550),
                    ("Датум доспеһа:", 850)),
                   ("Ниш", ("24.05.2024.", 250), ("24.05.2024.", 550), ("27.05.2024.", 850)),
                   ("За уплату:", ("41.370,79 динара", 700))))
    assert out["date"] == "2024-05-24"


def test_bulgarian_subtotal_before_a_discount_and_a_total_label_read_obitso() -> None:
    """"МЕЖДИННА СУМА" is the till's subtotal (gross, before the discount: no net printed, null); "ОБІЦО" (Щ read
    "ІЦ") is "ОБЩО", the total; with the total's label unreadable ("050"), what was paid decides."""
    assert classify_label("МЕЖДИННА СУМА") == "subtotal" and classify_label("ОБІЦО") == "total_strong"
    rows = (("Аптека \"Медикус Фарм\"",), ("Ибупрофен 200мг", ("10,99 Б", 700)), ("Отстъпка 25%", ("-2,75 Б", 700)),
            ("Пелени размер 4", ("29,99 Б", 700)), ("Минерална вода", ("1,49 Б", 700)),
            ("МЕЖДИННА СУМА", ("42,47", 700)))
    out = run(page(*rows, ("050", ("39,72 лв.", 700)), ("ДДС Б = 20,00%", ("6,62", 700)),
                   ("ПЛАЩАНЕ В БРОЙ", ("39,72", 700)), ("РЕСТО", ("0,00", 700))))
    assert (out["subtotal"], out["total"]) == (None, 39.72)
    out = run(page(*rows, ("ОБЩО", ("39,72 лв.", 700)), ("С КАРТА", ("39,72", 700))))  # no tax printed
    assert (out["subtotal"], out["total"]) == (None, 39.72)


def test_serbian_joint_stock_form_with_commas_and_a_fiscal_title_misread() -> None:
    """"Тара Маркет а,д, Краљево" (dots read as commas) is "а.д."; "ФИСКАЛИИ РАЧУН" (Н read И) is the title."""
    assert repair_name("Тара Маркет а,д, Краљево") == "Тара Маркет а.д. Краљево"
    assert repair_name("Кафа, да") == "Кафа, да"
    out = run(page(("新安新综新新报基新新所", ("ФИСКАЛИИ РАЧУН", 400), ("Ст]. ас аз сь пі сб яр аб", 700)),
                   ("ПИБ; 108386670",), ("Предузеће :", ("Тара Маркет а,д, Краљево", 400)),
                   ("Место продаје:", ("Кафе Балкан Логистика", 400)), ("Укупно:", ("2060,92", 700))))
    assert out["merchant"] == "Тара Маркет а.д. Краљево"


def test_a_date_with_both_dots_read_as_commas() -> None:
    """"Счет на оплату № 2445 от 04,05,2024": a date; an Indian-grouped amount ("12,34,567.00") is not."""
    assert parse_date("Счет на оплату № 2445 от 04,05,2024") == date(2024, 5, 4)
    assert parse_date("Итого 12,34,567.00") is None


def test_serbian_invoice_date_under_its_header_beside_a_town_and_no_date_in_a_bank_account() -> None:
    """"Крагујевац ‖ 22. јун 2023." under "Место промета ‖ Датум издавања рачуна": the town is another cell, the
    header above says issue date; "Тенући рачун. 17000000001 1 1908-26" (a current account) holds no date."""
    out = run(page(("Војводина Агро а.д. Крагујевац",),
                   ("банка: OTP банка Србије", ("Текући рачун. 17000000001 1 1908-26", 450)),
                   ("ФАКТУРА бр. 2023-1532",),
                   ("Место промета", ("Датум издавања рачуна", 300), ("Датум промета", 600), ("Рок плаћања", 850)),
                   ("Крагујевац", ("22. јун 2023.", 300), ("20. јун 2023.", 600), ("25. јун 2023.", 850)),
                   ("За уплату:", ("619.461,60 динара", 700))))
    assert out["date"] == "2023-06-22"


def test_serbian_company_field_is_the_seller_even_with_its_legal_form_misread() -> None:
    """"Предузеће; ‖ Љубичица noo" ("доо" read "noo"): the company field names the seller, over the shop's
    "Место продаје: ‖ Продавница …"."""
    out = run(page(("ФИСКАЛНИ РАЧУН",), ("ПИБ;", ("186779518", 400)), ("Предузеће;", ("Љубичица noo", 400)),
                   ("Место продаје:",), ("Продавница Дунав Трговина",), ("Укупан износ:", ("2424,32", 700))))
    assert out["merchant"] == "Љубичица д.о.о."


def test_a_dotted_date_with_its_second_dot_read_as_a_comma_alone_and_no_date_in_an_account_number() -> None:
    """"10.05,2025" as the KIE picked it (its time cut off): a date; "…17000000001 1 1908-26" (a bank account's
    tail, loosely date-shaped) is none."""
    assert parse_date("10.05,2025") == date(2025, 5, 10) and parse_date("10.05,20") is None
    out = run(page(("Војводина Агро а.д. Крагујевац",),
                   ("банка: OTP банка", ("Тенући рачун. 17000000001 1 1908-26", 450)), ("ФАКТУРА бр. 2023-1532",),
                   ("Датум издавања рачуна",), ("22. јун 2023.",),
                   ("За уплату:", ("619.461,60 динара", 700))))
    assert out["date"] == "2023-06-22"


def test_round_60_the_sole_trader_behind_a_trade_name() -> None:
    """Round 60: "ПП ‖ Продмаркет Плюс ‖ РАХУНОК" (a logo's initials, the trade name, the title) over the buyer's
    block, and "ФОП Кравченко Ірина Василівна" in the footer over its address and РНОКПП: the sole trader is the
    seller behind the trade name. Two different traders, one in the buyer's block or under another role's label, or
    one printed without a seat or tax id of its own leave the header."""
    footer = (("ФОП Кравченко Ірина Василівна",), ("49000, м. Дніпро, вул. Грушевського, 168 РНОКПП 7574083562",))
    head = ((("ПП", 20), ("Продмаркет Плюс", 120), ("РАХУНОК", 700)), ("№ 143",),
            ("Дата виписки:", ("15 лютого 2023 р.", 500)), ("Одержувач:",), ("ПрАТ «Медіа Лайн»",),
            ("14000, м. Чернігів, вул. Героїв Майдану, 140",), ("код ЄДРПОУ 41905790",),
            (("Найменування", 100), ("Ціна", 500), ("Сума", 700)), ("Доставка", ("1 677,00", 500), ("5 031,00", 700)),
            ("Разом:", ("5 031,00", 700)), ("Не є платником ПДВ",))
    assert run(page(*head, *footer))["merchant"] == "ФОП Кравченко Ірина Василівна"
    other = (("ФОП Бондар Олег Петрович",), ("61000, м. Харків, вул. Сумська, 1",))
    assert run(page(*head, *other, *footer))["merchant"] == "Продмаркет Плюс"
    for role in ("Перевізник:", "Отримувач:"):  # (a trader in another role, under its label: review of stop 35)
        assert run(page(*head, (role,), *other))["merchant"] == "Продмаркет Плюс"
    assert run(page(*head, ("ФОП Бондар Олег Петрович",)))["merchant"] == "Продмаркет Плюс"  # (no seat, no tax id)
    buyer = ((("ПП", 20), ("Продмаркет Плюс", 120), ("РАХУНОК", 700)), ("Одержувач:",), ("ФОП Бондар Олег Петрович",),
             ("14000, м. Чернігів, вул. Героїв Майдану, 140",), ("Разом:", ("563 828,30", 700)))
    assert run(page(*buyer))["merchant"] == "Продмаркет Плюс"


def test_round_61_a_till_sign_read_as_a_letter_and_two_garbled_vat_notes() -> None:
    """Round 61: "ИТОГО К ОПЛАТЕ ‖ ж556,96" (the till's "≡" read "ж") is an amount, not a word; "НДС ие
    облагается" ("не" read "ие") says no VAT; "ДДС Г = 9,005 ‖ 6,63" ("9,00%", its "%" read as a 5) is a rate line
    of its own beside "ДДС Б = 20,00% ‖ 1,34": the tax is their sum, 7.97."""
    assert find_amounts("ж556,96") == [(556.96, 1, 7)] and find_amounts("Этаж5") == [] and find_amounts("ж556") == []
    out = run(page(("КАССОВЫЙ ЧЕК",), ("ИП Смирнов Алексей Викторович",), ("2, Кофе американо",),
                   ("1 х 211,99", ("=211,99", 700)), ("НДС ие облагается",), ("ИТОГО К ОПЛАТЕ", ("ж556,96", 700)),
                   ("НАЛИЧНЫМИ", ("=1000,00", 700)), ("Сдача", ("=443,04", 700)), ("16.12.25 21:45",)))
    assert (out["total"], out["tax_amount"]) == (556.96, None)
    assert classify_label("НДС ие облагается") == classify_label("НДС не облагается") == "ignore"
    out = run(page(("ЕТ \"Витоша Трейд - Георги Николов\"",), ("Паста за зъби 75мл", ("3,87 Б", 700)),
                   ("СУМА", ("88,38 евро", 700)), ("ДДС Б = 20,00%", ("1,34", 700)), ("ДДС Г = 9,005", ("6,63", 700)),
                   ("ДЕБИТНА КАРТА", ("88,38", 700)), ("12.01.2026 15:17:28",)))
    assert (out["total"], out["tax_amount"]) == (88.38, 7.97)


def test_round_63_a_seller_who_charges_no_vat_prints_no_net() -> None:
    """Round 63: "Сумма без НДС ‖ 1 147 690,00 / Скидка 5% ‖ -57 384,50 / Итого: ‖ 1 090 305,50 / Без НДС": the
    seller charges no VAT, so no net amount is printed; that "subtotal" is the sum before the discount. Without the
    note, or where it equals the total, the printed amount stays."""
    rows = (("ИП Жұмабеков Е.С.",), ("Дата:", ("10.09.2025", 500)), ("Товар", ("1 147 690,00", 700)),
            ("Сумма без НДС", ("1 147 690,00", 700)), ("Скидка 5%", ("-57 384,50", 700)),
            ("Итого:", ("1 090 305,50", 700)))
    assert run(page(*rows, ("Без НДС",)))["subtotal"] is None
    assert run(page(*rows))["subtotal"] == 1147690.0


def test_round_64_kzt_in_lookalikes_a_rate_read_105_and_the_kazakh_no_vat_note() -> None:
    """Round 64: "Всего с НДС: ‖ 1453 368,00 КІТ" (its first space lost, KZT in Cyrillic look-alikes) is one amount,
    the gross before "Оплачено / К доплате"; "НДС 105 ‖ =9.52" ("10%", its "%" read as a 5) is a rate line of its own
    beside "НДС 20% ‖ =166.24"; "ҚҚС-сыз" alone says no VAT (its next row's number is no subtotal)."""
    out = run(page(("ТОО \"Жібек Жолы\"",), ("Счет на оплату № 607 от 12 сентября 2024 г.",),
                   ("Итого без НДС:", ("1297 650,00", 700)), ("НДС 12%:", ("155 718,00", 700)),
                   ("Всего с НДС:", ("1453 368,00 КІТ", 700)), ("Оплачено:", ("-726 684,00", 700)),
                   ("К доплате:", ("726 684,00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1297650.0, 155718.0, 1453368.0)
    out = run(page(("ООО «Эталон Групп»",), ("1 х 453,99", ("=453.99", 700)), ("ИТОГ", ("=1102.19", 700)),
                   ("БЕЗНАЛИЧНЫМИ", ("=1102.19", 700)), ("НДС 20%", ("=166.24", 700)), ("НДС 105", ("=9.52", 700)),
                   ("08.07.2025 14:04",)))
    assert out["tax_amount"] == 175.76
    from lib.kie.labels import says_no_vat

    assert says_no_vat("ҚҚС-сыз") and classify_label("ҚҚС-сыз сома") == "subtotal"


def test_review_stop_35_real_rates_ending_in_5_and_a_kazakh_net_label() -> None:
    """Second review of stop 35: "Base IVA 15" / "Cuota IVA 15" (a real 15 % printed without its "%") are no rate read
    as "%5", so the bare-rate guard still keeps them apart; "ҚҚС-сыз: ‖ 1 000 000,00" with its amount is the net
    label, and only alone is it a no-VAT note (the number on the row below it is no subtotal)."""
    out = run(page(("Comercial Andina S.A.",), ("Fecha: 12/09/2024",), ("Base IVA 15", ("100,00", 700)),
                   ("Cuota IVA 15", ("15,00", 700)), ("Propina", ("5,00", 700)), ("TOTAL", ("120,00", 700))))
    assert out["tax_amount"] == 15.0
    out = run(page(("ТОО \"Жібек Жолы\"",), ("Дата: 12.05.2023",), ("ҚҚС-сыз:", ("1 000 000,00", 700)),
                   ("ҚҚС 12%:", ("120 000,00", 700)), ("Барлығы:", ("1 120 000,00", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"]) == (1000000.0, 120000.0, 1120000.0)
    out = run(page(("ТОО «Ұлытау Строй»",), ("ЖИЫНЫ:", ("16614.23", 700)), ("Қолма-қол ақша:", ("20000.00", 700)),
                   ("Қайтару:", ("3385.77", 700)), ("ҚҚС-сыз",), ("65;", ("9517086402", 400)), ("12.05.23 20:37:40",)))
    assert (out["subtotal"], out["total"]) == (None, 16614.23)


# -- round 70 (scored once with local-kie-1.13 and stop 36's OCR), then fixed


def test_round_70_the_till_sign_read_as_another_letter() -> None:
    """"итого ‖ ш2159,94": the till's "≡" read "ш" (as "ж" in round 61) is the total's sign, so the total is
    2159.94 (cash 5000.00 − change 2840.06), not the biggest item; a word ending in "ш" keeps its number apart."""
    assert find_amounts("ш2159,94") == [(2159.94, 1, 8)]
    assert find_amounts("Ваш5") == find_amounts("ш2159") == []
    out = run(page(("КАССОВЫЙ ЧЕК",), ("ИП Иванова Мария Петровна",), ("2, Пицца Маргарита",),
                   ("1х 953,00", ("=953.00", 700)), ("5, Круассан с шоколадом",), ("4 х 188,99", ("=755.96", 700)),
                   ("итого", ("ш2159,94", 700)), ("НАЛИЧНЫМИ", ("=5000.00", 700)), ("СДАЧА", ("=2840.06", 700)),
                   ("01.08.23 07:58",)))
    assert out["total"] == 2159.94


def test_round_70_serbian_no_vat_note_with_its_je_lost_and_a_fiscal_title_read_with_i() -> None:
    """"Обвезник ние у систему ПДВ-а" (the thin "ј" of "није" lost) still says the seller charges no VAT, so "Износ
    без ПДВ 8392,00" before "Рабат 10% / Укупно 7552,80" is the sum before a discount, no net; and "ФИСКАЛИЙ
    РАЧУН" (Н read И) framed by rule lines read as CJK is the till's heading, not a name."""
    from lib.kie.labels import says_no_vat

    assert says_no_vat("Обвезник ние у систему ПДВ-а") and says_no_vat("Обвезник није у систему ПДВ-а")
    out = run(page((("Купац:", 20), ("Издавалац рачуна:", 600)), (("Апотека Здравлье д.о.о.", 20),
                   ("Калемегдан доо", 600)), ("РАЧУН - ОТПРЕМНИЦА бр. Ф-1481/24",),
                   (("Датум издавања:", 20), ("11.11.2024.", 600)), ("Монтажни радови", ("8392,00", 800)),
                   ("Износ без ПДВ", ("8392,00", 800)), ("Рабат 10%", ("-839,20", 800)), ("Укупно:", ("7552,80", 800)),
                   ("Обвезник ние у систему ПДВ-а",)))
    assert (out["subtotal"], out["total"]) == (None, 7552.8)
    rule_left, rule_right = "畅务福省备省书书福易务福易备务", "易省易务省务省保务务易州福州场"
    from lib.kie.merchant import _framed_title

    assert _framed_title(f"{rule_left} ФИСКАЛИЙ РАЧУН {rule_right}") and not _framed_title("ФИСКАЛИЙ")
    out = run(page(((rule_left, 20), ("ФИСКАЛИЙ РАЧУН", 400), (rule_right, 700)),
                   ("ПИБ;", ("191387500", 600)), ("Предузеће:", ("Панонија доо", 600)),
                   ("Место продаје:", ("Кафе Панонија", 600)), ("Укупан износ;", ("2516,74", 700)),
                   ("ПФР време;", ("19.02.2026,16:43:57", 500))))
    assert out["merchant"] == "Панонија доо"


def test_round_70_a_kazakh_bank_account_says_tenge_over_letters_of_ocr_noise() -> None:
    """A Kazakh photo the OCR garbled: two stray "ў" (Belarusian letters) against the seller's account
    "KZ7399604487238332299" (a digit more than printed): the account says where the payee is."""
    text = "ГВ ДУ ад ДЫС ГЗ Ў ВА\nFOAM пре тм COG ў ат\nKZ7399604487238332299.Saw:AOFonte8ank\nИто 2 017 600,00"
    assert detect_currency(text) == "KZT"
    assert detect_currency("р/р UA213223130000026007233566001\nРазом 1 200,00") == "UAH"
    assert detect_currency("Ref KZ12 3456 7890\nTotal 12,00") is None  # (too short for an account)


def test_review_stop_37_serbian_latin_no_vat_notes_and_grouped_accounts() -> None:
    """A review of round 70's rules: the Serbian no-VAT notes in Latin script ("Obveznik nije u sistemu PDV-a", "PDV
    nije obračunat") say no VAT as the Cyrillic ones do; a Kazakh account in groups of four says tenge; a
    Belarusian buyer's account on a Russian invoice says nothing (the rouble stays)."""
    from lib.kie.labels import says_no_vat

    assert says_no_vat("Obveznik nije u sistemu PDV-a") and classify_label("PDV nije obračunat") == "ignore"
    assert detect_currency("ИИК KZ73 9960 4487 2383 3229\nИтого 2 017 600,00 ўў") == "KZT"
    text = ("Поставщик: ООО «Ромашка», ИНН 7701234567\nПокупатель: ООО «Минсктрейд», р/с BY20AKBB30120000000000000000\n"
            "Итого: 120 000,00 руб.")
    assert detect_currency(text) == "RUB"
