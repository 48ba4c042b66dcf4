"""Pages photographed sideways or upside down (lib/ocr/orientation.py): the decision on synthetic boxes and
scores, then the real OCR through the API on a sample turned each way."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from lib.ocr.orientation import quarter_turns
from tests.conftest import SAMPLES


def box(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], dtype=np.float32)


def page_with(boxes: list[np.ndarray], up: str) -> np.ndarray:
    """A blank page whose every line box has a mark in the corner where its text starts: "top-left" on an upright
    page, "top-right" on a page turned a quarter clockwise (read by turning it back counter-clockwise, k=1),
    "bottom-left" for a quarter counter-clockwise (k=3), "bottom-right" upside down (k=2)."""
    bgr = np.zeros((1000, 1000, 3), dtype=np.uint8)
    for b in boxes:
        x1, y1 = b.min(axis=0).astype(int)
        x2, y2 = b.max(axis=0).astype(int)
        y = y1 if up.startswith("top") else y2 - 1
        x = x1 if up.endswith("left") else x2 - 1
        bgr[y, x] = 255
    return bgr


def reader(good: float = 0.98, bad: float = 0.6):
    """A recognizer that reads a crop well when its mark is top-left (the text upright), badly otherwise."""
    def read(crops):
        return [("x", good if c[0, 0, 0] == 255 else bad) for c in crops]
    return read


def never(_crops):
    raise AssertionError("an upright page must not be read again")


WIDE = [box(20, 20 + 40 * i, 300, 30) for i in range(12)]
TALL = [box(20 + 40 * i, 20, 30, 300) for i in range(12)]


def test_an_upright_page_costs_nothing() -> None:
    assert quarter_turns(WIDE, [0.98] * 12, page_with(WIDE, "top-left"), never) == 0


@pytest.mark.parametrize(("up", "k"), [("top-right", 1), ("bottom-left", 3)])
def test_a_sideways_page_turns_the_way_its_lines_read_best(up: str, k: int) -> None:
    assert quarter_turns(TALL, [0.7] * 12, page_with(TALL, up), reader()) == k


def test_a_sideways_page_that_reads_alike_both_ways_is_left_alone() -> None:
    assert quarter_turns(TALL, [0.7] * 12, page_with(TALL, "top-right"), reader(0.9, 0.85)) == 0


def test_an_upside_down_page_is_turned_half_a_turn() -> None:
    assert quarter_turns(WIDE, [0.72] * 12, page_with(WIDE, "bottom-right"), reader()) == 2
    assert quarter_turns(WIDE, [0.72] * 12, page_with(WIDE, "top-left"), reader()) == 0  # a poor scan, upright


def test_lone_characters_taller_than_wide_do_not_make_a_page_sideways() -> None:
    chars = [box(500, 20 + 40 * i, 12, 30) for i in range(10)]  # "1", "A": tax codes beside the prices
    assert quarter_turns(WIDE + chars, [0.98] * 22, page_with(WIDE, "top-left"), never) == 0


def test_too_few_lines_are_left_as_they_are() -> None:
    assert quarter_turns(TALL[:2], [0.5, 0.5], page_with(TALL, "top-left"), never) == 0


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_receipt_photographed_turned_reads_as_upright(app_client, turn: int) -> None:
    """receipt_usd.jpg without EXIF, its pixels turned: the same fields as upright, and the page says how it was
    turned to be read."""
    image = Image.open(SAMPLES / "receipt_usd.jpg").convert("RGB").rotate(turn, expand=True)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=92)
    response = app_client.post("/v1/extract", files={"file": (f"turned_{turn}.jpg", buf.getvalue(), "image/jpeg")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["data"]["total"], body["data"]["date"], body["data"]["tax_amount"]) == (35.83, "2024-03-14", 0.97)
    page = body["meta"]["pages"][0]
    assert page["rotation"] == (360 - turn) % 360
    assert (page["width"], page["height"]) == Image.open(SAMPLES / "receipt_usd.jpg").size


def test_page_turning_has_its_own_ocr_cache_key() -> None:
    from lib.ocr_cache import ocr_fingerprint
    from lib.settings import Settings

    on, off = (ocr_fingerprint(Settings(ocr_auto_rotate=v), "det", "rec") for v in (True, False))
    assert on != off
    assert ocr_fingerprint(Settings(ocr_auto_rotate=True, ocr_stages=False), "det", "rec") == \
        ocr_fingerprint(Settings(ocr_auto_rotate=False, ocr_stages=False), "det", "rec")  # PaddleX's path: no turning
