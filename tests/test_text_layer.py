"""PDF text layer → words and line spans, on PDFs generated here with fpdf2 (no OCR, no samples needed).

Each PDF reproduces one way real invoices place their text: letters one by one, character spacing (``Tc``), a
title on the seller's line, tight tracking, kerning-free condensed text, dot leaders, fake bold, rotated pages
and rotated text, Cyrillic. pdfium's own line strings got most of these wrong ("I N V O I C E").
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import ImageOps

from lib.ocr_document import Span
from lib.render import text_layer_page
from lib.text_layer import Glyph, build_spans
from scripts.make_samples import DEFAULT_FONT_DIR, FONT_FILES

DPI = 144
DEJAVU = DEFAULT_FONT_DIR / FONT_FILES["sans"]
DEJAVU_BOLD = DEFAULT_FONT_DIR / FONT_FILES["bold"]


def _pdf(draw: Callable[[FPDF], None], *, size: tuple[float, float] = (600, 400), rotation: int = 0) -> bytes:
    pdf = FPDF(unit="pt", format=size)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    draw(pdf)
    data = bytes(pdf.output())
    if rotation:
        doc = pdfium.PdfDocument(data)
        doc[0].set_rotation(rotation)
        buf = io.BytesIO()
        doc.save(buf)
        data = buf.getvalue()
    return data


def _raw_pdf(content: str, size: tuple[int, int] = (600, 400)) -> bytes:
    """A one-page PDF around a hand-written content stream (F1 Helvetica, F2 Helvetica-Bold): one text object
    can then hold several words placed apart, as many invoice generators write them."""
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>" % size,
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _spans(data: bytes) -> list[Span]:
    doc = pdfium.PdfDocument(data)
    try:
        page, _text, _invisible = text_layer_page(doc[0], dpi=DPI)
        return page.spans
    finally:
        doc.close()


def _texts(data: bytes) -> list[str]:
    return [s.text for s in _spans(data)]


def _place(pdf: FPDF, x: float, y: float, text: str, *, spacing_em: float) -> float:
    """Draw ``text`` one letter at a time (one text object each), ``spacing_em`` apart; words get a space more."""
    size = pdf.font_size_pt
    for ch in text:
        if ch == " ":
            x += pdf.get_string_width(" ") + spacing_em * size
            continue
        pdf.text(x, y, ch)
        x += pdf.get_string_width(ch) + spacing_em * size
    return x


def _dejavu(pdf: FPDF) -> None:
    if not DEJAVU.is_file() and os.environ.get("CI") != "true":  # scripts/setup.sh --test installs it; CI must run
        pytest.skip(f"no DejaVu font at {DEJAVU} (apt-get install fonts-dejavu-core)")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))


# ------------------------------------------------------------------------------------- letters one by one


@pytest.mark.parametrize("spacing_em", [0.0, 0.12, 0.3, 0.5])
def test_letters_placed_one_by_one_make_words(spacing_em):
    def draw(pdf: FPDF) -> None:
        pdf.set_font("helvetica", "B", 20)
        _place(pdf, 40, 60, "INVOICE", spacing_em=spacing_em)
        pdf.set_font("helvetica", size=12)
        _place(pdf, 40, 120, "Acme Trading Ltd", spacing_em=spacing_em)
        _place(pdf, 40, 160, "Due 2024-03-15", spacing_em=spacing_em)

    assert _texts(_pdf(draw)) == ["INVOICE", "Acme Trading Ltd", "Due 2024-03-15"]


@pytest.mark.parametrize("tc_pt", [1.5, 4.0, 7.0])
def test_character_spacing_tc_keeps_words(tc_pt):
    def draw(pdf: FPDF) -> None:
        pdf.set_char_spacing(tc_pt)
        pdf.text(40, 60, "Acme Trading Ltd")
        pdf.set_font("helvetica", "B", 18)
        pdf.text(40, 120, "INVOICE")
        pdf.set_char_spacing(0)
        pdf.set_font("helvetica", size=12)
        pdf.text(40, 180, "Invoice date 15.03.2024")  # normal text on the same page is unaffected

    assert _texts(_pdf(draw)) == ["Acme Trading Ltd", "INVOICE", "Invoice date 15.03.2024"]


def test_explicit_spaces_still_count():
    def draw(pdf: FPDF) -> None:
        pdf.text(40, 60, "I N V O I C E")  # spaced out with real spaces: that is what the PDF says
        pdf.text(40, 100, "A B 1 2")

    assert _texts(_pdf(draw)) == ["I N V O I C E", "A B 1 2"]


def test_one_text_object_letter_spaced_with_tj_and_tc():
    """The failure pdfium's line strings show: "I N V O I C E", "A c m e T r a d i n g"."""
    content = """
    BT /F2 20 Tf 40 350 Td [(I) -400 (N) -400 (V) -400 (O) -400 (I) -400 (C) -400 (E)] TJ ET
    BT /F1 12 Tf 40 300 Td [(A) -250 (c) -250 (m) -250 (e) -600 (T) -250 (r) -250 (a) -250 (d) -250 (i) -250
       (n) -250 (g)] TJ ET
    BT /F1 12 Tf 40 250 Td 3 Tc (Acme Trading Ltd) Tj 0 Tc ET
    BT /F1 12 Tf 40 200 Td [(Ti) 60 (ght) 80 (ly) 50 ( kerned) 70 ( text)] TJ ET
    """
    assert _texts(_raw_pdf(content)) == ["INVOICE", "Acme Trading", "Acme Trading Ltd", "Tightly kerned text"]


def test_hyphens_at_line_ends_and_inside_words():
    content = """
    BT /F1 12 Tf 14 TL 40 350 Td (Beratung in den Bereichen Online-) Tj T* (Marketing und Technik) Tj ET
    BT /F1 12 Tf 40 300 Td (Rechnungs\xad) Tj ET
    BT /F1 12 Tf 40 270 Td [(2023) 120 (-) 120 (11) 80 (-) 80 (13)] TJ ET
    """
    assert _texts(_raw_pdf(content)) == ["Beratung in den Bereichen Online-", "Marketing und Technik", "Rechnungs-",
                                         "2023-11-13"]


# ------------------------------------------------------------------------------------------------ spans


def test_title_and_name_in_one_text_object_are_two_spans():
    """The other failure: a wide move inside one text object glued "FACTUUR Example B.V."."""
    content = """
    BT /F2 14 Tf 40 350 Td (Example GmbH) Tj 380 0 Td (RECHNUNG) Tj ET
    BT /F2 20 Tf 40 300 Td [(FACTUUR) -16000 (Example B.V.)] TJ ET
    BT /F1 12 Tf 40 250 Td [(Subtotal) -20000 (1,000.00)] TJ ET
    """
    assert _texts(_raw_pdf(content)) == ["Example GmbH", "RECHNUNG", "FACTUUR", "Example B.V.", "Subtotal",
                                         "1,000.00"]



def test_title_beside_the_sellers_name_is_its_own_span():
    def draw(pdf: FPDF) -> None:
        pdf.set_font("helvetica", "B", 14)
        pdf.text(40, 60, "Example GmbH")
        pdf.set_font("helvetica", "B", 22)
        pdf.text(420, 60, "RECHNUNG")  # the same baseline, at the right margin
        pdf.set_font("helvetica", "B", 22)
        pdf.text(40, 140, "FACTUUR")
        pdf.set_font("helvetica", size=12)
        pdf.text(440, 140, "Example B.V.")
        pdf.text(40, 200, "Seller: Example Sp. z o.o.")
        pdf.set_font("helvetica", "B", 12)
        pdf.text(40 + pdf.get_string_width("Seller: Example Sp. z o.o.") + 30, 200, "FAKTURA VAT")

    spans = _spans(_pdf(draw))
    assert [s.text for s in spans] == ["Example GmbH", "RECHNUNG", "FACTUUR", "Example B.V.",
                                       "Seller: Example Sp. z o.o.", "FAKTURA VAT"]
    name, title = spans[0], spans[1]
    assert name.x2 < title.x1 and abs(name.y2 - title.y2) < 0.3 * title.height  # one line, two spans


def test_a_title_in_a_larger_size_after_one_space_is_its_own_span():
    def draw(pdf: FPDF) -> None:
        pdf.set_font("helvetica", size=11)
        pdf.text(40, 60, "Example GmbH")
        x = 40 + pdf.get_string_width("Example GmbH ")
        pdf.set_font("helvetica", "B", 20)
        pdf.text(x, 60, "RECHNUNG")

    assert _texts(_pdf(draw)) == ["Example GmbH", "RECHNUNG"]


def test_two_column_header_and_table_rows():
    def draw(pdf: FPDF) -> None:
        rows = [("Acme Trading Ltd", "Invoice No: INV-0042"), ("12 High Street", "Date: 15 March 2024"),
                ("London EC1A 1BB", "Due: 14 April 2024")]
        for i, (left, right) in enumerate(rows):
            pdf.text(40, 50 + 18 * i, left)
            pdf.text(360, 50 + 18 * i, right)
        for i, cells in enumerate([("Widget", "2", "1 000,00", "2 000,00"), ("Gadget", "10", "12,50", "125,00")]):
            for x, cell in zip((40, 300, 400, 500), cells, strict=True):
                pdf.text(x, 150 + 18 * i, cell)

    assert _texts(_pdf(draw)) == [
        "Acme Trading Ltd", "Invoice No: INV-0042", "12 High Street", "Date: 15 March 2024",
        "London EC1A 1BB", "Due: 14 April 2024",
        "Widget", "2", "1 000,00", "2 000,00", "Gadget", "10", "12,50", "125,00",
    ]


def test_dot_leaders_separate_label_and_value():
    def draw(pdf: FPDF) -> None:
        pdf.text(40, 60, "Total ................................ 1,234.50")
        pdf.text(40, 90, "Wait... 3 dots stay")

    assert _texts(_pdf(draw)) == ["Total", "1,234.50", "Wait... 3 dots stay"]


def test_fake_bold_drawn_twice_reads_once():
    def draw(pdf: FPDF) -> None:
        pdf.text(40, 60, "TOTAL DUE 99.00")
        pdf.text(40.3, 60.2, "TOTAL DUE 99.00")

    assert _texts(_pdf(draw)) == ["TOTAL DUE 99.00"]


# ---------------------------------------------------------------------------------------- no regression


PARAGRAPH = (
    "Payment is due within 30 days of the invoice date. Please quote the invoice number INV-2024-0042 with "
    "your payment. Bank: Example Bank plc, IBAN GB29 NWBK 6016 1331 9268 19, BIC NWBKGB2L. Late payments may "
    "incur interest at 8% above the base rate (Late Payment of Commercial Debts Act 1998)."
)


@pytest.mark.parametrize("font", [("helvetica", 10), ("times", 11), ("courier", 9)])
def test_a_normal_paragraph_reads_as_written(font):
    def draw(pdf: FPDF) -> None:
        pdf.set_font(font[0], size=font[1])
        pdf.set_xy(40, 40)
        pdf.multi_cell(400, 14, PARAGRAPH)

    spans = _spans(_pdf(draw))
    assert " ".join(s.text for s in spans).split() == PARAGRAPH.split()
    assert len(spans) == len({round(s.y1) for s in spans})  # one span per line
    assert all(a.y2 <= b.y1 + 1 for a, b in zip(spans, spans[1:], strict=False))  # top to bottom


def test_justified_paragraph_keeps_its_lines_whole():
    def draw(pdf: FPDF) -> None:
        pdf.set_xy(40, 40)
        pdf.multi_cell(300, 14, PARAGRAPH, align="J")

    spans = _spans(_pdf(draw))
    assert " ".join(s.text for s in spans).split() == PARAGRAPH.split()
    assert len(spans) == len({round(s.y1) for s in spans})


def test_tight_tracking_and_condensed_text():
    def draw(pdf: FPDF) -> None:
        pdf.set_char_spacing(-0.6)  # -0.05 em: tightly tracked
        pdf.text(40, 60, "Tightly tracked words still split")
        pdf.set_char_spacing(0)
        pdf.set_stretching(75)  # horizontally condensed
        pdf.text(40, 100, "Condensed Trading GmbH 1.234,56")
        pdf.set_stretching(100)
        pdf.set_font("times", size=12)
        pdf.text(40, 140, "AVAWAY To Te Yo LTA")  # kerning pairs' shapes; fpdf2 does not kern core fonts

    assert _texts(_pdf(draw)) == ["Tightly tracked words still split", "Condensed Trading GmbH 1.234,56",
                                  "AVAWAY To Te Yo LTA"]


def test_zero_size_and_control_glyphs_are_dropped():
    def draw(pdf: FPDF) -> None:
        pdf.text(40, 60, "Visible text")
        pdf.set_font_size(0)
        pdf.text(40, 90, "HIDDEN")
        pdf.set_font_size(12)

    assert _texts(_pdf(draw)) == ["Visible text"]


# ------------------------------------------------------------------------------------------------ Unicode


def test_cyrillic_words_and_letter_spacing():
    def draw(pdf: FPDF) -> None:
        _dejavu(pdf)
        pdf.set_font("DejaVu", "B", 18)
        _place(pdf, 40, 60, "СЧЁТ НА ОПЛАТУ", spacing_em=0.3)
        pdf.set_font("DejaVu", size=11)
        pdf.text(40, 110, "Поставщик: ООО «Ромашка», ИНН 7701234567")
        pdf.text(420, 110, "Итого: 12 000,00")
        pdf.set_char_spacing(3)
        pdf.text(40, 150, "Покупатель ООО «Василёк»")
        pdf.set_char_spacing(0)

    assert _texts(_pdf(draw)) == ["СЧЁТ НА ОПЛАТУ", "Поставщик: ООО «Ромашка», ИНН 7701234567",
                                  "Итого: 12 000,00", "Покупатель ООО «Василёк»"]


def test_ligatures_come_out_as_letters():
    def draw(pdf: FPDF) -> None:
        _dejavu(pdf)
        pdf.set_font("DejaVu", size=14)
        pdf.text(40, 60, "Oﬃce ﬁnance ﬂow")

    assert _texts(_pdf(draw)) == ["Office finance flow"]


# ------------------------------------------------------------------------------------------------ rotation


def _ink_inside(data: bytes, spans: list[Span]) -> None:
    """Every span box covers dark pixels of the page as pdfium renders it at the same DPI."""
    doc = pdfium.PdfDocument(data)
    image = ImageOps.grayscale(doc[0].render(scale=DPI / 72).to_pil())
    doc.close()
    for span in spans:
        crop = image.crop(tuple(round(v) for v in span.bbox))
        assert crop.getextrema()[0] < 100, f"no ink under {span}"


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_reads_upright_in_rendered_pixels(rotation):
    def draw(pdf: FPDF) -> None:
        pdf.set_font("helvetica", "B", 16)
        pdf.text(40, 60, "INVOICE 42")
        pdf.set_font("helvetica", size=12)
        pdf.text(40, 100, "Total due 1,234.50")

    data = _pdf(draw, rotation=rotation)
    spans = _spans(data)
    assert sorted(s.text for s in spans) == ["INVOICE 42", "Total due 1,234.50"]
    for span in spans:  # the page is turned: text that ran across it now runs up or down (or upside down)
        wide = span.x2 - span.x1 > span.y2 - span.y1
        assert wide == (rotation == 180)
    _ink_inside(data, spans)


def test_rotated_text_on_an_upright_page():
    def draw(pdf: FPDF) -> None:
        pdf.text(40, 60, "Upright line")
        with pdf.rotation(90, 560, 380):
            pdf.text(560, 380, "Printed sideways 2024")
        with pdf.rotation(30, 200, 300):
            pdf.text(200, 300, "PAID stamp")

    data = _pdf(draw)
    spans = _spans(data)
    assert [s.text for s in spans] == ["Upright line", "Printed sideways 2024", "PAID stamp"]
    sideways = spans[1]
    assert sideways.y2 - sideways.y1 > 3 * (sideways.x2 - sideways.x1)
    _ink_inside(data, spans)


def test_crop_box_offset_maps_like_the_renderer():
    def draw(pdf: FPDF) -> None:
        pdf.text(100, 100, "Inside the crop box")
        pdf.text(5, 390, "Cropped away")

    doc = pdfium.PdfDocument(_pdf(draw))
    doc[0].set_cropbox(50, 50, 550, 350)
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    spans = _spans(data)
    assert [s.text for s in spans] == ["Inside the crop box"]
    _ink_inside(data, spans)


# ------------------------------------------------------------------------------------- layout, table-driven


def _line(spec: str, *, h: float = 10.0, spacing: float = 0.0) -> list[Glyph]:
    """Glyphs of one upright line: each character 0.5 h wide, ``spacing`` h apart; "_" is a gap of 0.25 h more
    (no space character), " " an explicit space 0.25 h wide, "|" a gap of 1 h."""
    glyphs, x = [], 0.0
    for ch in spec:
        if ch == "_":
            x += 0.25 * h
            continue
        if ch == "|":
            x += 1.0 * h
            continue
        width = 0.25 * h if ch == " " else 0.5 * h
        glyphs.append(Glyph(ch, x, 0.0, x + width, h, h, (x, 0.0, x + width, h), 0, ch == " "))
        x += width + spacing * h
    return glyphs


@pytest.mark.parametrize(
    ("spec", "spacing", "expected"),
    [
        ("Acme_Trading_Ltd", 0.0, ["Acme Trading Ltd"]),  # per-character placement, no space characters
        ("Acme_Trading_Ltd", 0.3, ["Acme Trading Ltd"]),  # letter-spaced
        ("Acme_Trading_Ltd", -0.05, ["Acme Trading Ltd"]),  # tight tracking
        ("INVOICE", 0.6, ["INVOICE"]),  # widely letter-spaced title
        ("Page_1_of_1", 0.0, ["Page 1 of 1"]),  # short words at the end of a line
        ("Acme Ltd|INVOICE", 0.0, ["Acme Ltd", "INVOICE"]),  # a column gap
        ("1000,00__-50,00", 0.0, ["1000,00", "-50,00"]),  # two amounts in neighbouring columns
        ("12 000,00", 0.0, ["12 000,00"]),  # a thousands separator is not a column gap
    ],
)
def test_words_and_spans_from_gaps(spec, spacing, expected):
    assert [s.text for s in build_spans(_line(spec, spacing=spacing))] == expected


def test_lines_are_grouped_and_ordered_top_to_bottom():
    second = [Glyph(g.text, g.u1, g.v1 + 14, g.u2, g.v2 + 14, g.h, g.box, 0, g.space) for g in _line("second")]
    superscript = [Glyph("th", 32.5, -3.0, 38.5, 5.0, 8.0, (32.5, -3.0, 38.5, 5.0), 0, False)]
    first = _line("123_456")
    spans = build_spans(second + first + superscript)  # content-stream order is not reading order
    assert [s.text for s in spans] == ["123 456th", "second"]
