"""Image decoding on the OCR path: header-only checks, JPEG draft decoding at OCR's scale, EXIF rotation."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from lib.errors import PayloadTooLarge, UndecodableDocument
from lib.ocr_engine import det_limit_for
from lib.render import EncodedImage, check_image, decode_image
from lib.settings import PROJECT_ROOT


def _jpeg(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, "white")
    image.paste((0, 0, 0), (0, 0, size[0] // 2, 10))  # a dark bar along the top-left
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif.tobytes())
    return buf.getvalue()


def test_large_jpeg_is_decoded_at_the_scale_ocr_uses_not_below():
    image = decode_image(_jpeg((4000, 1000)), max_pixels=60_000_000, max_side_px=1000)
    assert image.mode == "RGB"
    assert image.size == (1000, 250)  # libjpeg's 1/4 scale: the smallest that still keeps 1000 px
    assert decode_image(_jpeg((4000, 1000)), max_pixels=60_000_000, max_side_px=1500).size == (2000, 500)
    assert decode_image(_jpeg((800, 600)), max_pixels=60_000_000, max_side_px=1000).size == (800, 600)


def test_exif_rotation_applies_after_draft_decoding():
    image = decode_image(_jpeg((4000, 1000), orientation=6), max_pixels=60_000_000, max_side_px=1000)
    assert image.size == (250, 1000)  # rotated 90°: upright is portrait


def test_png_is_never_drafted_and_header_checks_decode_nothing():
    buf = io.BytesIO()
    Image.new("L", (3000, 100)).save(buf, format="PNG")
    assert decode_image(buf.getvalue(), max_pixels=60_000_000, max_side_px=1000).size == (3000, 100)
    assert check_image(buf.getvalue(), max_pixels=60_000_000) == (3000, 100)
    with pytest.raises(PayloadTooLarge):
        check_image(buf.getvalue(), max_pixels=1_000_000 // 4)
    with pytest.raises(UndecodableDocument):
        check_image(b"\xff\xd8\xff not really a jpeg", max_pixels=60_000_000)


def test_encoded_image_decodes_like_decode_image():
    data = (PROJECT_ROOT / "samples" / "receipt_gbp_rotated.jpg").read_bytes()
    job = EncodedImage(data, "r.jpg", max_pixels=60_000_000)
    assert job.decode().size == decode_image(data, max_pixels=60_000_000).size


@pytest.mark.parametrize(
    ("size", "max_mp", "expected"),
    [
        ((800, 1600), 0, {}),  # off
        ((800, 1600), 2.0, {}),  # small enough already: never enlarged
        ((1000, 4000), 1.0, {"text_det_limit_type": "max", "text_det_limit_side_len": 2000}),
        ((3000, 3000), 1.0, {"text_det_limit_type": "max", "text_det_limit_side_len": 1000}),
    ],
)
def test_detection_size_follows_the_page(size, max_mp, expected):
    assert det_limit_for(*size, max_mp) == expected


def test_blank_margins_are_found_and_a_full_page_is_kept():
    from PIL import ImageDraw

    from lib.ocr_engine import content_box

    page = Image.new("RGB", (1000, 2000), "white")
    ImageDraw.Draw(page).rectangle((300, 400, 700, 1200), fill="black")
    left, top, right, bottom = content_box(page)  # type: ignore[misc]
    assert 250 <= left <= 300 and 350 <= top <= 400 and 700 <= right <= 750 and 1200 <= bottom <= 1250
    assert content_box(Image.new("RGB", (500, 500), "white")) is None  # nothing on it
    full = Image.new("RGB", (500, 500), "white")
    ImageDraw.Draw(full).rectangle((5, 5, 495, 495), outline="black", width=3)
    assert content_box(full) is None  # content reaches the edges: nothing worth cropping
