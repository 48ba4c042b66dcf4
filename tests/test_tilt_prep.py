"""tilt_prep: OCR Document → chat request. Pure functions, no server."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from apps.tilt_server.schemas import decode_document, parse_chat_request
from lib.errors import PayloadTooLarge, TooManyPages
from lib.kie.base import FIELDS
from lib.ocr_document import OcrDocument, Page, Span
from lib.pipelines.tilt_prep import (
    DEFAULT_QUESTIONS,
    TILT_IMAGE_WIDTH_PX,
    NothingToAsk,
    TiltTooManyPages,
    TiltTooManyWords,
    build_chat_request,
    document_part,
    encode_page_image,
    page_words,
)
from tests.tilt_helpers import receipt_document


def _decode(b64: str) -> Image.Image:
    raw = base64.b64decode(b64)
    assert raw.startswith(b"\x89PNG")
    return Image.open(io.BytesIO(raw))


def test_every_field_has_a_question() -> None:
    assert set(DEFAULT_QUESTIONS) == set(FIELDS)
    assert all(q.endswith("?") for q in DEFAULT_QUESTIONS.values())


def test_lines_become_word_boxes_split_by_characters() -> None:
    page = Page(width=200, height=100, spans=[Span(bbox=(0, 10, 110, 30), text="TOTAL RM 9.00")])
    words = page_words(page)
    assert [w["text"] for w in words] == ["TOTAL", "RM", "9.00"]
    # 13 characters over 110 px: "TOTAL" is characters 0..5, "9.00" characters 9..13.
    assert words[0]["bbox"] == [0.0, 10.0, round(110 * 5 / 13, 1), 30.0]
    assert words[2]["bbox"] == [round(110 * 9 / 13, 1), 10.0, 110.0, 30.0]


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        ((-5, -2, 50, 20), [0.0, 0.0, 50.0, 20.0]),  # outside the page: clamped
        ((50, 20, 10, 5), [10.0, 5.0, 50.0, 20.0]),  # inverted: ordered
        ((190, 90, 260, 140), [190.0, 90.0, 200.0, 100.0]),
    ],
)
def test_boxes_are_ordered_and_clamped(bbox: tuple[float, float, float, float], expected: list[float]) -> None:
    page = Page(width=200, height=100, spans=[Span(bbox=bbox, text="X")])
    assert page_words(page)[0]["bbox"] == expected


def test_whitespace_words_are_dropped() -> None:
    page = Page(width=200, height=100, spans=[Span(bbox=(0, 0, 10, 10), text="   "), Span((0, 20, 10, 30), "A")])
    assert [w["text"] for w in page_words(page)] == ["A"]


def test_wide_image_is_downscaled_to_768_grayscale_png() -> None:
    img = Image.new("RGB", (1536, 2172), (200, 10, 10))
    out = _decode(encode_page_image(img, page_width=1536, page_height=2172))
    assert out.mode == "L"
    assert out.size == (TILT_IMAGE_WIDTH_PX, 1086)


def test_narrow_image_is_not_upscaled_and_bytes_are_accepted() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buf, format="JPEG")
    out = _decode(encode_page_image(buf.getvalue(), page_width=1200, page_height=1600))
    assert out.size == (600, 800)
    assert out.mode == "L"


def test_transparent_background_becomes_white() -> None:
    img = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    out = _decode(encode_page_image(img, page_width=100, page_height=100))
    assert out.getpixel((50, 50)) == 255


def test_image_of_another_shape_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="does not match"):
        encode_page_image(Image.new("L", (100, 100)), page_width=100, page_height=300)
    with pytest.raises(ValueError, match="not decodable"):
        encode_page_image(b"not an image", page_width=100, page_height=100)


def test_too_many_pages_raises_a_typed_413() -> None:
    doc = OcrDocument(pages=[Page(width=10, height=10, spans=[Span((0, 0, 5, 5), "A")]) for _ in range(3)])
    with pytest.raises(TiltTooManyPages) as info:
        document_part(doc, max_pages=2)
    assert isinstance(info.value, TooManyPages)


def test_too_many_words_raises_instead_of_truncating() -> None:
    doc = OcrDocument(pages=[Page(width=100, height=10, spans=[Span((0, 0, 100, 5), "a b c d e f")])])
    assert len(document_part(doc, max_words=6)["document"]["pages"][0]["words"]) == 6
    with pytest.raises(TiltTooManyWords) as info:
        document_part(doc, max_words=5)
    assert isinstance(info.value, PayloadTooLarge)


@pytest.mark.parametrize(
    "doc",
    [
        OcrDocument(pages=[]),
        OcrDocument(pages=[Page(width=10, height=10, spans=[])]),
        OcrDocument(pages=[Page(width=10, height=10, spans=[Span((0, 0, 5, 5), " \t ")])]),
    ],
)
def test_documents_without_words_have_nothing_to_ask(doc: OcrDocument) -> None:
    with pytest.raises(NothingToAsk):
        document_part(doc)


def test_page_images_must_align_with_pages() -> None:
    with pytest.raises(ValueError, match="page images"):
        document_part(receipt_document(), page_images=[None, None])


def test_request_matches_the_server_schema() -> None:
    """The client's request is exactly what the server accepts (both sides of the contract, one test)."""
    doc = receipt_document()
    image = Image.new("RGB", (800, 1200), "white")
    body = build_chat_request(doc, model="m", page_images=[image])
    part = body["messages"][0]["content"][0]
    assert part["type"] == "input_ocr_document"
    assert set(part["document"]["pages"][0]) == {"width", "height", "words", "image"}

    parsed = parse_chat_request(body, max_pages=250)
    assert parsed.model == "m"
    assert [q.name for q in parsed.questions] == list(DEFAULT_QUESTIONS)
    decoded = decode_document(parsed.document, max_image_pixels=10_000_000)
    page = decoded.pages[0]
    assert page.words[:3] == ("KEDAI", "RUNCIT", "MAJU")
    assert len(page.words) == len(page.bboxes)
    assert page.image is not None and page.image.size == (TILT_IMAGE_WIDTH_PX, 1152)
