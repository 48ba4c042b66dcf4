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
    ("円 内消費税等 ¥", "tax"),  # (the label between a base and its tax on one row: "10%対象 ¥1,100 内消費税等 ¥100")
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


def test_an_emblem_read_as_a_letter_before_a_japanese_name() -> None:
    """"O 株式会社井上商事": the ring of an emblem left of the name, read as a Latin "O", is no part of it."""
    out = run(page(("O 株式会社井上商事",), ("東京都新宿区西新宿1-2-3",), ("TEL 03-1234-5678",),
                   ("2024年8月9日（金）07:50",), ("合計", ("¥1,280", 700))))
    assert out["merchant"] == "株式会社井上商事"


def test_japanese_rows_that_name_no_one() -> None:
    """A logo the OCR did not read: not the registration number, the items table's header or an item, but the
    store's place name printed under it (two kanji are a whole name)."""
    out = run(page(("横浜",), ("〒873-7607",), ("東京都千代田区中央36丁目236-36",), ("電話 052-164-8875",),
                   ("登録番号 T6022620948235",), ("2024年07月08日16:00",), ("品名 数量 単価 金額",),
                   ("ティッシュ5箱", ("¥398", 700)), ("合計", ("¥398", 700))))
    assert out["merchant"] == "横浜"



# --- review_stop_40: rules a read-only review found too wide or too narrow -------------------------------------
@pytest.mark.parametrize(("label", "expected"), [
    # too narrow: spaced labels, other wordings, half-width katakana POS labels, リ for り, payment brands
    ("合　計", "total_strong"), ("合 計", "total_strong"), ("小 計", "subtotal"), ("現 金", "cash"),
    ("お 釣 り", "change"), ("お買い上げ計", "total_strong"), ("お買い上げ合計", "total_strong"),
    ("お買上金額", "total_strong"), ("支払金額", "total_strong"), ("領収金額", "total_strong"),
    ("請求金額", "total_strong"), ("消費税込合計", "total_strong"), ("金額", "total"),
    ("ｺﾞｳｹｲ", "total_strong"), ("ｼｮｳｹｲ", "subtotal"), ("ｵｱｽﾞｶﾘ", "cash"), ("ｵﾂﾘ", "change"), ("ｹﾞﾝｷﾝ", "cash"),
    ("ｿﾄｾﾞｲ", "tax"), ("お預リ", "cash"), ("おつリ", "change"),
    ("PayPay", "cash"), ("Suica", "cash"), ("WAON", "cash"), ("au PAY", "cash"), ("d払い", "cash"),
    ("10%税額", "tax"), ("10%内税額", "tax"), ("8%外税", "tax"),
    # too wide: a rate's base is no tax, a count no total (also on Chinese tills)
    ("外税対象額", None), ("内税対象額", None), ("(消費税等対象額", None),
    ("今回ボイント7", "ignore"), ("(内消黄税等", "tax"),
    ("合計数量", "ignore"), ("合计件数", "ignore"), ("合計個数", "ignore"), ("ID", None),
])
def test_review_stop_40_labels(label: str, expected: str | None) -> None:
    assert classify_label(label) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("北海道海鲜市场\nHOKKAIDO SEAFOOD MARKET SDN BHD\nTOTAL 45.00", "MYR"),  # a market (市场), no address
    ("北海道海鲜市场\nSINGAPORE\nTOTAL 45.00", "SGD"),
    ("すき家\nSUKIYA RESTAURANTS (M) SDN BHD\nTOTAL 45.00\nMalaysia", "MYR"),  # a kana logo abroad
    ("SUSHI ZEN LLC\nTOTAL 45.00\nSALES TAX 3.20\nありがとう", None),  # a few kana among many Latin letters
    ("登録番号 T 1234567890123\n合計 45", "JPY"), ("登录番号 T1234567890123\n合計 45", "JPY"),
    ("合計 45\n株式会社小林", "JPY"),
])
def test_review_stop_40_currency(text: str, expected: str | None) -> None:
    assert detect_currency(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("合計 ¥1,680-", [1680.0]),  # a receipt form's closing dash after whole yen, no minus
    ("値引 -¥120", [-120.0]), ("5,00-", [-5.0]),
    ("合计45.00元", [45.0]), ("合計1,680\u30003現金2,000", [1680.0, 2000.0]), ("小計1,680(3点)", [1680.0]),
    ("合計1,680（税込）", [1680.0]),
    ("ＮＯ１２３", []), ("会員1234567", []), ("伝票1234", []), ("大通西4", []),  # ids, numbers, blocks
    ("お預り5000", [5000.0]), ("(内消費税等1394円)", [1394.0]),
])
def test_review_stop_40_amounts(text: str, expected: list[float]) -> None:
    assert [value for value, _, _ in find_amounts(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("R06/07/06 レジ0002", dt.date(2024, 7, 6)), ("R6年7月6日", dt.date(2024, 7, 6)),
    ("H30.1.5 合計", dt.date(2018, 1, 5)), ("24年7月6日", dt.date(2024, 7, 6)),
])
def test_review_stop_40_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_review_stop_40_no_era_letter_on_a_latin_line() -> None:
    assert parse_date("Rev R2.1.5") is None


def test_review_stop_40_rate_bases_in_other_wordings() -> None:
    """"(8%(軽)対象", "内税対象額(10%)" / "内税額(10%)", "10%対象 ¥1,100 税 ¥100": the tax per rate, summed."""
    out = run(page(("まるや食品",), ("2024年8月9日 07:50",), ("弁当", ("¥1,100", 700)), ("お茶", ("¥1,080", 700)),
                   ("合計", ("¥2,180", 700)), ("お預り", ("¥3,000", 700)), ("お釣り", ("¥820", 700)),
                   ("(10%対象", ("¥1,100)", 700)), ("(内消費税等", ("¥100)", 700)),
                   ("(8%(軽)対象", ("¥1,080)", 700)), ("(内消費税等", ("¥80)", 700))))
    assert (out["total"], out["tax_amount"]) == (2180.0, 180.0)
    out = run(page(("まるや食品",), ("2024年8月9日 07:50",), ("弁当", ("¥1,100", 700)), ("お茶", ("¥1,080", 700)),
                   ("合計", ("¥2,180", 700)), ("10%対象 ¥1,100 税 ¥100",), ("8%対象 ¥1,080 税 ¥80",)))
    assert (out["total"], out["tax_amount"]) == (2180.0, 180.0)


def test_review_stop_40_a_payment_brand_and_the_addressee_name_no_one() -> None:
    out = run(page(("山田 様",), ("まるや食品",), ("2024年8月9日 07:50",), ("弁当", ("¥2,000", 700)),
                   ("合計", ("¥2,000", 700)), ("PayPay", ("¥2,000", 700))))
    assert out["merchant"] == "まるや食品" and out["total"] == 2000.0


def test_a_page_mostly_in_kana_and_kanji() -> None:
    """meta.pages[].script says "cjk" for such a page (lib/pipelines/extract.py); not for a Malaysian receipt with a
    Chinese shop name, nor a Latin one whose rule lines were read as ideographs."""
    from lib.post.cjk import mostly_kana_kanji

    assert mostly_kana_kanji("グリーンマート 東京都新宿区 合計 5,967円 お預り 6,000円 お釣り 33円")
    assert not mostly_kana_kanji("KEDAI MAKAN AH SENG 海南鸡饭 TOTAL 12.50 THANK YOU FOR DINING")
    assert not mostly_kana_kanji("本本水水水水 TOTAL 12.50")
