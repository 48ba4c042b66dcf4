"""Script detection, look-alike clean-up and the per-script recognizer choice (issue 10). No PaddleOCR here."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from lib.ocr.recognizers import DetectedLine, ScriptRouter, build_script_router, crop_line, script_mode
from lib.ocr.script import (
    LatinLine,
    count_scripts,
    fix_lookalikes,
    is_cyrillic_text,
    latin_line_suspicious,
    sample_rank,
)
from lib.ocr.tesseract import TesseractLineReader, installed_langs, tessdata_dir, tesseract_available
from lib.ocr_cache import ocr_fingerprint
from lib.ocr_models import CYRILLIC_REC_MODEL, ModelChoice
from lib.settings import Settings

LATIN_REC = ModelChoice("PP-OCRv6_small_rec", None, "package")
DEJAVU_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


@pytest.mark.parametrize(("text", "cyrillic"), [
    ("ИТОГО 1 234,50", True), ("TOTAL 12.50", False), ("ООО «Ромашка»", True), ("", False),
    ("ИНН 7701234567 НДС VAT", True), ("Coca-Cola 0,5 л", False),
])
def test_is_cyrillic_text(text, cyrillic):
    assert is_cyrillic_text(text) is cyrillic


def test_count_scripts_splits_look_alikes_from_letters_one_script_has():
    counts = count_scripts("НДС HAC")
    assert (counts.cyrillic, counts.cyrillic_strong, counts.latin, counts.latin_strong) == (3, 1, 3, 0)


@pytest.mark.parametrize(("raw", "clean"), [
    ("ИTOГO", "ИТОГО"),                        # Latin T/O inside a Cyrillic word
    ("НДC 20%", "НДС 20%"),                    # Latin C
    ("OOO «Ромашка»", "ООО «Ромашка»"),        # a short all-look-alike word follows the line's script
    ("000 «Берёзка»", "ООО «Берёзка»"),        # the legal form read as zeros before a quoted name
    ("Итого 1 2O5,5O", "Итого 1 205,50"),      # O inside a number
    ("=38, 98", "=38,98"),                     # a decimal split by a space
    ("Тoтал", "Тотал"),
    ("Coca-Cola 0,5 л", "Coca-Cola 0,5 л"),    # a Latin brand stays Latin
    ("VISA ****4821", "VISA ****4821"),
    ("Hаличные", "Наличные"),                  # Latin H in a Cyrillic word
    ("ФН 9999078900012345", "ФН 9999078900012345"),
    ("TOTAL ВМ 12.50", "TOTAL BM 12.50"),          # Cyrillic look-alikes in a Latin line become Latin
    ("=598 , 89", "=598,89"),
    ("Итого 1 441,00", "Итого 1 441,00"),          # a thousands space stays
    ("=1 309,00 2", "=1 309,00 ₽"),                # the rouble sign, read as a digit
    ("ИТОГ =598,89 Р", "ИТОГ =598,89 ₽"),
    ("=598,89 руб.", "=598,89 руб."),
])
def test_fix_lookalikes(raw, clean):
    assert fix_lookalikes(raw) == clean


@pytest.mark.parametrize(("line", "suspicious"), [
    (LatinLine("", 0.0, 300, 30), True),                           # nothing readable
    (LatinLine("ΦH 9999078900012345", 0.98, 400, 30), True),       # Greek letters
    (LatinLine("  1  54,90", 0.87, 500, 30), True),                # too few characters for the box
    (LatinLine("TOTAL RM 12.50", 0.99, 260, 30), False),
    (LatinLine("12.50", 0.6, 90, 30), False),                      # short box: not judged
])
def test_latin_line_suspicious(line, suspicious):
    assert latin_line_suspicious(line) is suspicious


@pytest.mark.parametrize(("lang", "mode"), [("en", None), ("de", None), ("auto", "auto"), ("AUTO", "auto"),
                                            ("ru", "cyrillic"), ("uk", "cyrillic")])
def test_script_mode(lang, mode):
    assert script_mode(lang) == mode


class FakeReader:
    """Returns canned readings and records how many crops it was asked to read."""

    name = "fake-cyrillic"

    def __init__(self, reading: str) -> None:
        self.reading, self.calls = reading, 0

    def read_many(self, crops):
        self.calls += len(crops)
        return [(self.reading, 0.9) for _ in crops]

    def close(self) -> None:
        pass


def _line(text: str, score: float, x: float, y: float, w: float, h: float = 30) -> DetectedLine:
    return DetectedLine(np.float32([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]), text, score)


IMAGE = np.full((400, 600, 3), 255, dtype=np.uint8)
LATIN_PAGE = [_line("TOTAL RM 12.50", 0.99, 10, 10, 260), _line("CASH 20.00", 0.98, 10, 60, 190),
              _line("THANK YOU", 0.97, 10, 110, 170)]
CYRILLIC_PAGE = [_line("", 0.0, 10, 10, 300), _line("  1  54,90", 0.8, 10, 60, 500),
                 _line("=233,90", 0.999, 400, 110, 120), _line("ΦH 99990789", 0.98, 10, 160, 300)]


def test_auto_leaves_a_latin_page_alone_without_reading_anything():
    reader = FakeReader("Итого")
    lines, cyrillic = ScriptRouter(mode="auto", reader=reader).route(IMAGE, LATIN_PAGE)
    assert (lines, cyrillic, reader.calls) == (LATIN_PAGE, False, 0)


def test_auto_samples_then_rereads_a_cyrillic_page_and_keeps_confident_digits():
    reader = FakeReader("Хлеб 1 x 54,90")
    router = ScriptRouter(mode="auto", reader=reader, sample_lines=2)
    lines, cyrillic = router.route(IMAGE, CYRILLIC_PAGE)
    assert cyrillic and reader.calls == len(CYRILLIC_PAGE)
    assert [line.text for line in lines] == ["Хлеб 1 х 54,90"] * 4  # all re-read lines came back Cyrillic


def test_cyrillic_twins_of_latin_capitals_do_not_make_a_page_cyrillic():
    reader = FakeReader("ТОТАЕ ВМ 12.50")  # only look-alikes: says nothing about the script
    lines, cyrillic = ScriptRouter(mode="auto", reader=reader, sample_lines=2).route(IMAGE, CYRILLIC_PAGE)
    assert not cyrillic and lines == CYRILLIC_PAGE


def test_a_latin_sample_keeps_the_latin_reading():
    reader = FakeReader("1 54,90")  # the Cyrillic recognizer found no Cyrillic either
    lines, cyrillic = ScriptRouter(mode="auto", reader=reader, sample_lines=2).route(IMAGE, CYRILLIC_PAGE)
    assert not cyrillic and reader.calls == 2 and lines == CYRILLIC_PAGE


class CropReader(FakeReader):
    """Reads Cyrillic from the narrow crops (the lines whose Latin reading had Greek letters), junk from the wide
    ones (rule lines of "=====")."""

    def read_many(self, crops):
        self.calls += len(crops)
        return [("Кафе Авала Софт", 0.9) if crop.width < 600 else ("= = = =", 0.5)  # 420 vs ~800 px
                for crop in crops]


@pytest.mark.parametrize(("text", "rank"), [
    ("新级部警保新服服服服派服部", 1), ("", 0), ("ΦH 5378274908576255", 0), ("--, . , 54", 0),
])
def test_sample_rank_puts_rule_lines_read_as_cjk_last(text: str, rank: int) -> None:
    """(Greek-letter lines are not preferred: on Russian receipts they are the short "ФН …" fiscal lines.)"""
    assert sample_rank(text) == rank


def test_the_sample_reads_rule_lines_read_as_cjk_last():
    """A Serbian fiscal receipt: its widest suspicious lines are "=====" rules the Latin recognizer read as CJK;
    reading those first said "Latin" (no letters). They are read last."""
    image = np.full((600, 700, 3), 255, dtype=np.uint8)
    page = [_line("新级部警保新服服服服派服部", 0.5, 10, 10, 600), _line("精脑脑热线精脑脑热线", 0.5, 10, 60, 600),
            _line("新派营新服品服新务室", 0.5, 10, 110, 580), _line("精国票国部票精国票", 0.5, 10, 150, 570),
            _line("Kaφe Asanā Coτ", 0.6, 10, 200, 300), _line("Me je: Kaφe", 0.6, 10, 250, 300)]
    page += [_line(f"{i}00,00", 0.99, 400, 300 + 20 * i, 120) for i in range(8)]
    assert ScriptRouter(mode="auto", reader=CropReader(""), sample_lines=2).route(image, page)[1]


def test_a_page_with_a_tenth_of_its_lines_suspicious_is_sampled():
    """A Ukrainian receipt the Latin recognizer half read: 4 of 28 lines (14 %) suspicious."""
    page = [_line("", 0.0, 10, 10 + 40 * i, 300) for i in range(4)]
    page += [_line(f"{i}00,00 A", 0.99, 10, 200 + 20 * i, 120) for i in range(24)]
    reader = FakeReader("ФОП Поліщук Сергій")
    assert ScriptRouter(mode="auto", reader=reader).route(IMAGE, page)[1]


# A Russian invoice photo the Latin recognizer read fluently (cyr-31038 #41): 4 of 44 lines suspicious (9 %),
# but its worded lines come back unsure: "CrpoMacrep" 0.86, "KonMHecTso" 0.60, "Mroro:" 0.67, "Cymua" 0.74.
FLUENT_CYRILLIC = [_line(text, score, 10, 10 + 30 * i, 40 * len(text) // 3)
                   for i, (text, score) in enumerate([
                       ("KonMHecTso", 0.60), ("Cymua", 0.74), ("Montaxnie pabon", 0.70), ("Mroro:", 0.67),
                       ("Onsts oro cets oaer cornace", 0.73), ("yuebnoe nocobue", 0.79), ("Jx3embaoe To0880", 0.57),
                       ("Hars snc:20 eap 2024 r.", 0.76), ("();", 0.84), ("T", 0.79)])]
FLUENT_CYRILLIC += [_line(f"{i}744,00", 0.95, 400, 10 + 30 * i, 120) for i in range(24)]


def test_a_page_of_fluent_unsure_latin_is_sampled_and_reread():
    reader = FakeReader("Количество")
    lines, cyrillic = ScriptRouter(mode="auto", reader=reader).route(IMAGE, FLUENT_CYRILLIC)
    assert cyrillic and lines[0].text == "Количество" and reader.calls == len(FLUENT_CYRILLIC)


def test_unsure_lines_are_only_a_reason_to_look():
    """The sample decides: a Latin page with many unsure words (a faded receipt) stays Latin."""
    reader = FakeReader("Quantity")
    lines, cyrillic = ScriptRouter(mode="auto", reader=reader).route(IMAGE, FLUENT_CYRILLIC)
    assert not cyrillic and reader.calls == 4 and lines == FLUENT_CYRILLIC


def test_a_few_unsure_words_on_a_latin_page_cost_nothing():
    """Latin dev pages have at most 12 % of their lines suspicious or worded-and-unsure (an Aldi photo)."""
    page = [_line("Brot", 0.7, 10, 10, 120), _line("Milch 1L", 0.75, 10, 40, 200)]
    page += [_line(f"ITEM {i} 1,00", 0.95, 10, 80 + 30 * i, 300) for i in range(14)]
    reader = FakeReader("Итого")
    assert ScriptRouter(mode="auto", reader=reader).route(IMAGE, page) == (page, False) and reader.calls == 0


def test_cyrillic_mode_keeps_the_latin_reading_of_a_confident_number_line():
    reader = FakeReader("=233.90")
    lines, cyrillic = ScriptRouter(mode="cyrillic", reader=reader).route(IMAGE, CYRILLIC_PAGE)
    assert cyrillic and reader.calls == 4
    assert lines[2].text == "=233,90"  # PP-OCRv6's confident reading, not the Cyrillic reader's
    assert lines[1].text == "=233.90"  # a suspicious Latin reading gives way


def test_recognizer_choice(tmp_path):
    assert build_script_router(Settings(ocr_lang="en"), LATIN_REC) == (None, [])
    # the main recognizer already reads Cyrillic (the eslav model was found): nothing to route
    assert build_script_router(Settings(ocr_lang="ru"), ModelChoice(CYRILLIC_REC_MODEL, None, "hub")) == (None, [])
    missing = Settings(ocr_lang="auto", tessdata_dir=tmp_path, ocr_model_dir=tmp_path)
    router, warnings = build_script_router(missing, LATIN_REC)
    assert router is None and "rus+ukr+srp+kaz+bel+eng traineddata" in warnings[0] and CYRILLIC_REC_MODEL in warnings[0]


needs_tesseract = pytest.mark.skipif(tesseract_available(Settings()) is not None and os.environ.get("CI") != "true",
                                     reason="Tesseract traineddata missing (setup.sh --test); never skipped in CI")


@needs_tesseract
def test_tesseract_is_the_offline_fallback(tmp_path):
    router, warnings = build_script_router(Settings(ocr_lang="auto", ocr_model_dir=tmp_path), LATIN_REC)
    assert warnings == [] and router is not None and router.mode == "auto"
    assert router.reader.name.startswith("tesseract-5.") and router.reader.name.endswith(":rus+ukr+srp+kaz+bel+eng")
    router.close()


@needs_tesseract
def test_tesseract_reads_a_tilted_cyrillic_line_from_its_polygon():
    img = Image.new("RGB", (700, 300), "white")
    ImageDraw.Draw(img).text((60, 120), "ИТОГО К ОПЛАТЕ =1 234,50", font=ImageFont.truetype(DEJAVU_MONO, 28),
                             fill="black")
    img = img.rotate(6, resample=Image.Resampling.BICUBIC, fillcolor="white", center=(350, 135))
    theta = np.deg2rad(6)  # the text box's corners, turned like the image (counter-clockwise, y down)
    rot = np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])
    box = np.float32([[52, 112], [480, 112], [480, 158], [52, 158]])
    polygon = ((box - [350, 135]) @ rot.T + [350, 135]).astype(np.float32)
    crop = crop_line(np.asarray(img), polygon)
    assert crop.height >= 40 and crop.width > 3 * crop.height
    reader = TesseractLineReader(tessdata_dir(Settings()), "rus+eng")  # type: ignore[arg-type]
    try:
        text, confidence = reader.read(crop)
    finally:
        reader.close()
    assert fix_lookalikes(text) == "ИТОГО К ОПЛАТЕ =1 234,50" and confidence > 0.6


def test_tessdata_setting(tmp_path):
    assert tessdata_dir(Settings(tessdata_dir=tmp_path)) is None
    (tmp_path / "rus.traineddata").write_bytes(b"x")
    (tmp_path / "eng.traineddata").write_bytes(b"x")
    assert tessdata_dir(Settings(tessdata_dir=tmp_path, tesseract_lang="rus+eng")) == tmp_path
    assert Settings(tessdata_dir="").tessdata_dir is None  # type: ignore[arg-type]


def test_missing_cyrillic_languages_fall_back_to_the_installed_ones(tmp_path):
    """An older set-up with only rus+eng keeps reading Russian with them (and says so in /v1/health)."""
    settings = Settings(tessdata_dir=tmp_path)  # the default: rus+ukr+srp+kaz+bel+eng
    assert installed_langs(settings) is None
    for lang in ("rus", "eng"):
        (tmp_path / f"{lang}.traineddata").write_bytes(b"x")
    assert tessdata_dir(settings) is None and installed_langs(settings) == (tmp_path, "rus+eng")
    (tmp_path / "ukr.traineddata").write_bytes(b"x")
    assert installed_langs(settings) == (tmp_path, "rus+ukr+eng")
    (tmp_path / "rus.traineddata").unlink()  # not without the main Cyrillic language
    assert installed_langs(settings) is None and tesseract_available(settings) is not None


def test_cache_key_changes_only_for_script_routing():
    base = ocr_fingerprint(Settings(ocr_lang="en"), "det", "rec")
    assert ocr_fingerprint(Settings(ocr_lang="de"), "det", "rec") == base  # Latin caches stay valid
    assert ocr_fingerprint(Settings(ocr_lang="auto"), "det", "rec") != base
    assert ocr_fingerprint(Settings(ocr_lang="ru"), "det", "rec") != ocr_fingerprint(Settings(ocr_lang="auto"),
                                                                                      "det", "rec")


def test_straighten_levels_a_tilted_page_and_leaves_a_level_one():
    theta = np.deg2rad(-4)  # a photo turned so that lines rise to the right by 4°
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    level = [_line("x", 0.9, 50, 40 * i + 50, 400) for i in range(5)]
    tilted = [DetectedLine(((line.polygon - 300) @ rot.T + 300).astype(np.float32), "x", 0.9) for line in level]
    lines, angle = ScriptRouter.straighten(tilted, 600, 600)
    assert angle == pytest.approx(-4, abs=0.05)
    for got, want in zip(lines, level, strict=True):
        assert np.allclose(got.polygon, want.polygon, atol=0.5)
    assert ScriptRouter.straighten(level, 600, 600) == (level, 0.0)
