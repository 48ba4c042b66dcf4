"""Ingest (type by magic, limits) and render (EXIF, PDFs, text layer, encryption) without OCR."""

from __future__ import annotations

import io
import math

import pytest
from fpdf import FPDF
from PIL import Image

from lib.errors import (
    EmptyUpload,
    EncryptedDocument,
    PayloadTooLarge,
    TooManyPages,
    UndecodableDocument,
    UnsupportedMediaType,
)
from lib.ingest import sniff_media_type, validate_upload
from lib.render import decode_image, load_pages, plan_pages, text_layer_usable
from tests.conftest import SAMPLES

ALL = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _png(size=(40, 20)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, format="PNG")
    return buf.getvalue()


def _upload(data: bytes, name: str = "f"):
    return validate_upload(data, name, max_bytes=10_000_000, allowed_types=ALL)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\n\n  junk %PDF-1.4", "application/pdf"),
        (b"PK\x03\x04zipzip", None),
        (b"hello world", None),
        (b"GIF89a....", None),
    ],
)
def test_sniff_media_type(data, expected):
    assert sniff_media_type(data) == expected


def test_validate_upload_limits_and_types():
    with pytest.raises(EmptyUpload):
        _upload(b"")
    with pytest.raises(PayloadTooLarge, match="MAX_UPLOAD_MB"):
        validate_upload(_png(), "a.png", max_bytes=10, allowed_types=ALL)
    with pytest.raises(UnsupportedMediaType, match="not a PDF, JPEG or PNG"):
        _upload(b"GIF89a....", "a.gif")
    with pytest.raises(UnsupportedMediaType, match="ALLOWED_CONTENT_TYPES"):
        validate_upload(_png(), "a.png", max_bytes=10_000, allowed_types=frozenset({"application/pdf"}))
    upload = _upload(_png(), "a.pdf")  # the name lies; the bytes win
    assert upload.media_type == "image/png" and len(upload.sha256) == 64


def test_exif_orientation_is_applied():
    raw = Image.open(SAMPLES / "receipt_gbp_rotated.jpg")
    assert raw.getexif().get(0x0112) == 6
    upright = decode_image((SAMPLES / "receipt_gbp_rotated.jpg").read_bytes(), max_pixels=60_000_000)
    assert upright.size == (raw.size[1], raw.size[0])
    assert upright.height > upright.width  # a receipt is tall


def test_pixel_cap_is_checked_before_decoding():
    with pytest.raises(PayloadTooLarge, match="MAX_IMAGE_PIXELS"):
        decode_image(_png((3000, 3000)), max_pixels=1_000_000)


def test_truncated_image_is_undecodable():
    with pytest.raises(UndecodableDocument, match="could not be decoded"):
        decode_image((SAMPLES / "broken_truncated.png").read_bytes(), max_pixels=60_000_000)


def _pdf(pages: int, text: str = "Invoice total 123.45 EUR, thank you for your business") -> bytes:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(text=text)
    return bytes(pdf.output())


def test_pdf_text_layer_is_read_in_pixels_at_dpi():
    pages = load_pages(_upload(_pdf(1)), dpi=144, max_pages=5, max_pixels=60_000_000)
    assert len(pages) == 1 and pages[0].image is None
    page = pages[0].text_page
    assert page is not None and page.source == "text_layer"
    assert (page.width, page.height) == (math.ceil(595.28 * 2), math.ceil(841.89 * 2))
    span = page.spans[0]
    assert "123.45" in span.text
    x1, y1, x2, y2 = span.bbox
    assert 0 <= x1 < x2 <= page.width and 0 <= y1 < y2 < page.height / 4  # near the top, in px


def test_pdf_without_usable_text_is_rendered_for_ocr():
    pages = load_pages(_upload(_pdf(1, text="x")), dpi=100, max_pages=5, max_pixels=60_000_000)
    assert pages[0].text_page is None and pages[0].image is not None
    assert pages[0].image.size == (math.ceil(595.28 * 100 / 72), math.ceil(841.89 * 100 / 72))


def test_pdf_page_cap():
    with pytest.raises(TooManyPages, match="MAX_PDF_PAGES"):
        load_pages(_upload(_pdf(4)), dpi=72, max_pages=3, max_pixels=60_000_000)


def test_pdf_encryption():
    with pytest.raises(EncryptedDocument, match="password"):
        load_pages(_upload((SAMPLES / "encrypted_password.pdf").read_bytes(), "e.pdf"), dpi=72, max_pages=5,
                   max_pixels=60_000_000)
    pages = load_pages(_upload((SAMPLES / "encrypted_empty_user.pdf").read_bytes()), dpi=72, max_pages=5,
                       max_pixels=60_000_000)
    assert pages and pages[0].text_page is not None


def test_not_a_pdf():
    with pytest.raises(UndecodableDocument):
        load_pages(_upload((SAMPLES / "broken_not_a_pdf.pdf").read_bytes()), dpi=72, max_pages=5,
                   max_pixels=60_000_000)


@pytest.mark.parametrize(
    ("text", "invisible", "usable"),
    [
        ("Invoice No 17 Total 12,000.00 RUB", False, True),
        ("Invoice No 17 Total 12,000.00 RUB", True, False),  # hidden layer over a scan: OCR instead
        ("short", False, False),
        ("\ufffd" * 30, False, False),
    ],
)
def test_text_layer_usable(text, invisible, usable):
    assert text_layer_usable(text, invisible_only=invisible) is usable


def test_hidden_text_layer_over_a_scan_goes_to_ocr():
    from fpdf.enums import TextMode

    pdf = FPDF()
    pdf.add_page()
    buf = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(buf, format="PNG")
    pdf.image(buf, x=10, y=10, w=100)
    pdf.set_font("helvetica", size=12)
    pdf.text_mode = TextMode.INVISIBLE
    pdf.text(20, 20, "a scanner's own OCR layer: TOTAL 123.45, thank you for shopping")
    pages = load_pages(_upload(bytes(pdf.output())), dpi=72, max_pages=3, max_pixels=60_000_000)
    assert pages[0].text_page is None and pages[0].image is not None


def test_mixed_pdf_pages_keep_order_and_source():
    pages = load_pages(_upload((SAMPLES / "invoice_mixed.pdf").read_bytes()), dpi=100, max_pages=5,
                       max_pixels=60_000_000)
    assert [p.index for p in pages] == [0, 1]
    assert pages[0].text_page is not None and pages[1].image is not None


def test_huge_image_refused_by_pil_itself_is_still_413():
    buf = io.BytesIO()
    Image.new("1", (15000, 15000)).save(buf, format="PNG")  # 225 MP: PIL raises already in open()
    with pytest.raises(PayloadTooLarge, match="MAX_IMAGE_PIXELS"):
        decode_image(buf.getvalue(), max_pixels=60_000_000)


def test_pdfs_can_be_read_from_many_threads_at_once():
    """pdfium is not thread-safe; requests render in worker threads, so render must serialize it."""
    import concurrent.futures

    names = ["invoice_digital_eur.pdf", "invoice_digital_rub.pdf", "encrypted_password.pdf", "broken_not_a_pdf.pdf",
             "invoice_digital_gbp_multipage.pdf", "encrypted_empty_user.pdf"]
    uploads = [(n, _upload((SAMPLES / n).read_bytes(), n)) for n in names]

    def load(item):
        name, upload = item
        try:
            return name, len(load_pages(upload, dpi=72, max_pages=5, max_pixels=60_000_000))
        except (EncryptedDocument, UndecodableDocument) as exc:
            return name, exc.code

    expected = {"invoice_digital_eur.pdf": 1, "invoice_digital_rub.pdf": 1, "encrypted_password.pdf":
                "encrypted_document", "broken_not_a_pdf.pdf": "undecodable_document",
                "invoice_digital_gbp_multipage.pdf": 3, "encrypted_empty_user.pdf": 1}
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        for _ in range(5):
            assert dict(pool.map(load, uploads * 4)) == expected


def test_scanned_pages_are_capped_in_total_too():
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()  # blank pages: no text layer, so each is rendered for OCR
    with pytest.raises(PayloadTooLarge, match="MAX_DOCUMENT_PIXELS"):
        load_pages(_upload(bytes(pdf.output())), dpi=200, max_pages=5, max_pixels=60_000_000,
                   max_document_pixels=10_000_000)  # one A4 page at 200 DPI is ~3.9 MP
    assert len(load_pages(_upload(bytes(pdf.output())), dpi=200, max_pages=5, max_pixels=60_000_000,
                          max_document_pixels=12_000_000)) == 3


def test_the_service_plans_a_scanned_pdf_without_rendering_it_and_checks_limits_first():
    data = _pdf(2, text="x")
    planned = plan_pages(_upload(data), dpi=100, max_pages=5, max_pixels=60_000_000)
    assert all(p.image is None and p.job is not None for p in planned)  # no pixels until OCR asks for them
    assert [p.job.index for p in planned] == [0, 1] and sum(p.job.nbytes for p in planned) == len(data)
    assert planned[1].job.decode().size == load_pages(_upload(data), dpi=100, max_pages=5,
                                                      max_pixels=60_000_000)[1].image.size
    with pytest.raises(PayloadTooLarge, match="MAX_DOCUMENT_PIXELS"):  # refused before any render
        plan_pages(_upload(data), dpi=200, max_pages=5, max_pixels=60_000_000, max_document_pixels=5_000_000)
