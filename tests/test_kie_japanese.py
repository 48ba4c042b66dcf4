"""Japanese receipts on synthetic pages (no OCR): 合計 / 小計 / 内消費税等 / お預り / お釣り, amounts glued to their
labels ("(内税175円)"), whole yen with "¥", "￥" or "円", the tax per rate under "10%対象" rows, era dates (令和6年),
and the labels as the CJK recognizer reads them (simplified forms "内消费税等", "10%对象"; "小针" for 小計). Found
by `scripts/make_world_receipts.py --countries more4` (stop 40, docs/accuracy.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.kie.labels import classify_label
from lib.post.amounts import find_amounts
from lib.post.currency import detect_currency
from lib.post.dates import parse_date
from tests.test_kie_invoices import page, run


@pytest.mark.parametrize(("label", "expected"), [
    ("合計", "total_strong"), ("合計金額", "total_strong"), ("お買上計", "total_strong"), ("税込合計", "total_strong"),
    ("お支払合計", "total_strong"), ("ご請求額", "total_strong"),
    ("小計", "subtotal"), ("小計 (3点)", "subtotal"), ("小計額", "subtotal"),
    ("(内消費税等", "tax"), ("内税", "tax"), ("(内)消費税等", "tax"), ("外税10%", "tax"), ("消費税等(8%)", "tax"),
    ("お預り", "cash"), ("お預かり", "cash"), ("預/現計", "cash"), ("クレジット", "cash"), ("交通系IC", "cash"),
    ("電子マネー", "cash"), ("カード", "cash"),
    ("お釣り", "change"), ("おつり", "change"), ("釣銭", "change"),
    # never the bill: counts, points, reductions, a rate's base (the tax on the same row still counts)
    ("買上点数", "ignore"), ("合計点数", "ignore"), ("ポイント残高 2330", "ignore"), ("値引", "ignore"),
    ("値引合計", "ignore"), ("(10%対象", "ignore"), ("10%対象 ¥1,896", "ignore"),
    ("10%対象 ¥1,100 内消費税等 ¥100", "tax"),
    ("日付", "date"),
    # as the CJK recognizer reads them: simplified forms, 計 and 買 misread, katakana with their voicing marks
    ("(内消费税等", "tax"), ("(10%对象", "ignore"), ("值引", "ignore"), ("合计", "total_strong"),
    ("小针(35点)", "subtotal"), ("お黄上計", "total_strong"), ("お翼上計", "total_strong"), ("クルシット", "cash"),
    ("カ一ド", "cash"), ("ﾎﾟｲﾝﾄ", "ignore"), ("((内)消费費税等", "tax"),
])
def test_japanese_labels(label: str, expected: str) -> None:
    assert classify_label(label) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("(内税175円)", [175.0]), ("((内)消费税等487)", [487.0]), ("合計1,680", [1680.0]),
    ("8%对象2702円 内税 200円", [2702.0, 200.0]),
    # not amounts: a block number after its street, counts and sizes glued to their word
    ("中央2丁目41", []), ("東京都千代田区南29条西29丁目41", []), ("卵10個", []), ("納豆3P", []), ("牛乳1000ml", []),
    ("INV123", []),  # (Latin letters glued before a number still make an id)
])
def test_amounts_glued_to_japanese_labels(text: str, expected: list[float]) -> None:
    assert [value for value, _, _ in find_amounts(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("令和6年7月6日19:42:21", dt.date(2024, 7, 6)),
    ("令和元年5月1日", dt.date(2019, 5, 1)),
    ("平成30年1月5日", dt.date(2018, 1, 5)),
    ("命和7年5月28日 10:44", dt.date(2025, 5, 28)),  # 令 read as 命, 合 or 今
    ("合和6年6月12日14:52:32", dt.date(2024, 6, 12)),
    ("2025年10月14日（火）08:22 レジ0008", dt.date(2025, 10, 14)),
    ("2024/04/21(日）18:29:30", dt.date(2024, 4, 21)),
])
def test_japanese_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("スーパー栄\n合計 5882", "JPY"),  # kana: Japanese, so yen, with no sign printed
    ("合計 1,680", None),  # kanji alone may be Chinese (合計 is Traditional Chinese too): not evidence
    ("登録番号 T5544802188751\nTOTAL 1,680", "JPY"),  # the invoice registration number
    ("東京都新宿区西新宿1-2-3\nTOTAL 1,680", "JPY"),
    ("合計 ¥4,500", "JPY"),
    ("合计 ¥45.00 人民币", "CNY"),  # "¥" on a Chinese receipt stays the yuan
    ("Total 12.50 €\n------ー------", "EUR"),  # a rule line read with a long-vowel mark is no Japanese
])
def test_japanese_currency_evidence(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


def test_tax_included_receipt_two_rates_summed() -> None:
    """内税: each rate's base and the tax it includes on two rows, no rate on the tax rows themselves: the tax is
    the sum over the rates; the 小計 of tax-inclusive prices is the gross (no net printed)."""
    out = run(page(("小林商店",), ("株式会社小林食品",), ("東京都千代田区中央2丁目41",), ("TEL:06-7480-6504",),
                   ("令和6年7月6日19:42:21",), ("カップ麺", ("210", 700)), ("鶏むね肉", ("756", 700)),
                   ("洗剤", ("1,434", 700)), ("小計", ("2,400", 700)), ("合計", ("¥2,400", 700)),
                   ("お預り", ("¥3,000", 700)), ("お釣り", ("¥600", 700)),
                   ("(10%対象", ("¥1,434)", 700)), ("(内消費税等", ("¥130)", 700)),
                   ("(8%対象", ("¥966)", 700)), ("(内消費税等", ("¥71)", 700)),
                   ("ありがとうございました",)))
    assert (out["total"], out["tax_amount"], out["subtotal"], out["currency"], out["date"]) == (
        2400.0, 201.0, None, "JPY", "2024-07-06")
    assert out["merchant"] == "小林商店"


def test_tax_included_rates_on_one_row_each_read_in_simplified_forms() -> None:
    """"10%对象 908円 内税83円": the base and its tax on one row, the tax glued to its label."""
    out = run(page(("まるや食品",), ("2025年10月14日（火）08:22",), ("洗剂", ("460円", 700)), ("緑茶", ("448円", 700)),
                   ("卵10個", ("2,254円", 700)), ("小計（14点）", ("3,162円", 700)), ("合計金额", ("3,162円", 700)),
                   ("现金", ("3,200円", 700)), ("お釣り", ("38円", 700)),
                   ("10%对象 908円 内税83円",), ("8%对象 2,254円 内税 166円",)))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (3162.0, 249.0, "JPY", "2025-10-14")


def test_tax_added_receipt_net_subtotal_and_tax_per_rate() -> None:
    """外税: 小計 is the net, the tax is added per rate (the label misread "小针")."""
    out = run(page(("SUNNY MART 新宿",), ("2024/04/21(日) 18:29",), ("ビール350ml", ("¥420", 700)),
                   ("豆腐", ("¥7,754", 700)), ("小针(35点)", ("8,174円", 700)),
                   ("消費税等(10%)", ("42円", 700)), ("消費税等(8%)", ("620円", 700)), ("お黄上計", ("8,836円", 700)),
                   ("クレジット", ("8,836円", 700))))
    assert (out["subtotal"], out["tax_amount"], out["total"], out["currency"]) == (8174.0, 662.0, 8836.0, "JPY")


def test_the_transaction_date_not_an_address_block_number() -> None:
    """"駅前11-27-11" (a block number, read as 2011-11-27) above the receipt's date with its weekday and time."""
    out = run(page(("フレッシュマート天神店",), ("愛知県名古屋市中区駅前11-27-11",), ("電話 052-431-5473",),
                   ("2025年10月14日（火）08:22 レジ0008",), ("合計", ("¥691", 700))))
    assert out["date"] == "2025-10-14"


def test_a_yen_total_whose_comma_was_read_as_a_dot() -> None:
    """"合計 ¥4.500" (the comma read as a dot) beside "小計額 ¥4,500": whole yen, so 4 500 (the Azure sample's
    layout; invoices-dev az_contoso_receipt_ja)."""
    out = run(page(("Contoso",), ("東京都新宿区中町13-13",), ("TEL 03-5566-7788",), ("2020年9月21日（月） 13時10分",),
                   ("海鮮丼", ("¥2,000", 700)), ("牛タン弁当", ("¥1,500", 700)), ("生ビール",),
                   ("@500*2", ("¥1,000", 700)), ("小計額", ("¥4,500", 700)), ("合計", ("¥4.500", 700)),
                   ("預/現計", ("¥5,000", 700)), ("(消費税等", ("¥409)", 700))))
    assert (out["total"], out["tax_amount"], out["currency"], out["date"]) == (4500.0, 409.0, "JPY", "2020-09-21")
