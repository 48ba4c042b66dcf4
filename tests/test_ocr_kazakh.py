"""Kazakh pages read again Kazakh-first (stop 27): the page cue, the per-word merge, the router's second pass and
real Tesseract on a rendered Kazakh line."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from lib.ocr.kazakh import adopt_kazakh_letters, looks_kazakh
from lib.ocr.recognizers import DetectedLine, ScriptRouter, build_script_router
from lib.ocr.tesseract import TesseractLineReader, tessdata_dir
from lib.settings import Settings
from tests.test_ocr_script import LATIN_REC, FakeReader, _line, needs_tesseract

DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.parametrize(("texts", "kazakh"), [
    (["ИП \"Кекше Тамак\"", "ИИН 810078112533", "Проверка чека: consumer.oofd.kz"], True),  # letters read as Russian
    (["Т00 \"Ак Бидай\"", "БИН 130748359756", "г. Актобе, пр. Аль-Фараби, 78"], True),
    (["ТОО \"Әсем Маркет\"", "Төлем шоты № 725"], True),  # one word and Kazakh letters
    (["ООО «Ромашка»", "ИНН 7701234567", "г. Москва", "ИТОГО =1 234,50"], False),
    (["ТОВ «Агроцентр Поділля»", "ЄДРПОУ 12345678", "Київ"], False),
    (["Кафе Авала Софт", "ПИБ 100000001", "Београд"], False),
    (["ТОО", "ИТОГО 500"], False),  # one cue alone is not enough
])
def test_looks_kazakh(texts: list[str], kazakh: bool) -> None:
    assert looks_kazakh(texts) is kazakh


@pytest.mark.parametrize(("first", "kazakh", "merged"), [
    ('ИП "Кекше Тамак"', 'ИП "Көкше Тамақ"', 'ИП "Көкше Тамақ"'),
    ('ТОО «Казак Курылыс»', 'ТОО «Қазақ Құрылыс»', 'ТОО «Қазақ Құрылыс»'),
    ("Поставщик Покупатель", "Поставшик Покупатель", "Поставщик Покупатель"),  # no Kazakh letter: first stays
    ('ТОО "Эсем Маркет" Поставщик', 'ТОО "Әсем Маркет" Поставшик', 'ТОО "Әсем Маркет" Поставщик'),  # per word
    ("Итого без НДС: 1 101 100,00", "Итого без НДС: 1101 100,00", "Итого без НДС: 1 101 100,00"),  # words differ
    ('ИП "Нұр Офис"', 'ИП "Нұр 0фис"', 'ИП "Нұр Офис"'),  # a zero for О is no Kazakh letter
    ("ИТОГО 500", "ИТОГӨ 500 тг", "ИТОГО 500"),  # the words do not pair up
])
def test_adopt_kazakh_letters(first: str, kazakh: str, merged: str) -> None:
    assert adopt_kazakh_letters(first, kazakh) == merged


IMAGE = np.full((400, 600, 3), 255, dtype=np.uint8)
KAZAKH_PAGE = [_line("", 0.0, 10, 10 + 40 * i, 300) for i in range(3)]


class Readings(FakeReader):
    """Returns one canned reading per line, in page order."""

    def __init__(self, readings: list[str]) -> None:
        super().__init__("")
        self.readings = readings

    def read_many(self, crops):
        out = [(self.readings[(self.calls + k) % len(self.readings)], 0.9) for k in range(len(crops))]
        self.calls += len(crops)
        return out


def test_router_reads_a_kazakh_page_again_and_takes_its_kazakh_letters() -> None:
    first = Readings(['ИП "Кекше Тамак"', "ИИН 810078112533", "г. Атырау"])
    second = Readings(['ИП "Көкше Тамақ"', "ИИН 81OO78112533", "г. Атырау"])
    made: list[FakeReader] = []
    router = ScriptRouter(mode="cyrillic", reader=first,
                          kazakh_reader_factory=lambda: made.append(second) or second)  # type: ignore[func-returns-value]
    lines, cyrillic = router.route(IMAGE, KAZAKH_PAGE)
    assert cyrillic and [line.text for line in lines] == ['ИП "Көкше Тамақ"', "ИИН 810078112533", "г. Атырау"]
    assert (first.calls, second.calls, router.kazakh_lines_read, len(made)) == (3, 3, 3, 1)
    router.route(IMAGE, KAZAKH_PAGE)
    assert len(made) == 1  # the Kazakh-first reader is made once, on the first Kazakh page


def test_router_leaves_a_russian_page_to_its_first_reading() -> None:
    first = Readings(["ООО «Ромашка»", "ИНН 7701234567", "г. Москва"])
    router = ScriptRouter(mode="cyrillic", reader=first,
                          kazakh_reader_factory=lambda: pytest.fail("no Kazakh reader for a Russian page"))
    lines, _ = router.route(IMAGE, KAZAKH_PAGE)
    assert [line.text for line in lines] == ["ООО «Ромашка»", "ИНН 7701234567", "г. Москва"]
    assert router.kazakh_lines_read == 0


@needs_tesseract
def test_tesseract_kazakh_first_reads_the_kazakh_letters_the_default_reads_as_russian(tmp_path) -> None:
    """A rendered Kazakh name: the default reader (Russian first) and the router's Kazakh-first one."""
    img = Image.new("RGB", (760, 120), "white")
    ImageDraw.Draw(img).text((20, 30), 'ТОО "Қазақ Құрылыс" ИИН 810078112533', font=ImageFont.truetype(DEJAVU_SANS, 34),
                             fill="black")
    folder = tessdata_dir(Settings())
    assert folder is not None
    default = TesseractLineReader(folder, Settings().tesseract_lang)
    kazakh = TesseractLineReader(folder, "kaz+rus+eng")
    try:
        first, _ = default.read(img)
        second, _ = kazakh.read(img)
    finally:
        default.close()
        kazakh.close()
    assert "Қазақ Құрылыс" in adopt_kazakh_letters(first, second)
    router, _ = build_script_router(Settings(ocr_lang="auto", ocr_model_dir=tmp_path), LATIN_REC)
    assert router is not None and router.kazakh_reader_factory is not None
    polygon = np.float32([[10, 20], [750, 20], [750, 80], [10, 80]])
    page = [DetectedLine(polygon, 'TOO "Kaзaк Kypылыc"', 0.5), DetectedLine(polygon, "", 0.0)]
    lines, cyrillic = router.route(np.asarray(img), page)
    router.close()
    assert cyrillic and "Қазақ Құрылыс" in lines[0].text
