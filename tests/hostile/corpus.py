"""The hostile-input corpus: every kind of bad (or merely unusual) upload, made by code, with the reply we promise.

Nothing here is a stored file: each case builds its bytes when asked (images with Pillow, PDFs with fpdf2 or by
hand with a correct cross-reference table, a few magic bytes for formats we cannot write). The promise for every
case is one status and one error code (``None`` for a 200 with a result); ``docs/reliability.md`` prints this
table. Keep the inputs tiny: the corpus runs the real OCR and must stay fast.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from fpdf import FPDF
from PIL import Image, ImageDraw

__all__ = ["Limits", "Case", "CASES", "text_image", "text_pdf", "raw_pdf", "png_chunk"]

Files = list[tuple[str, tuple[str, bytes, str]]]


@dataclass(frozen=True, slots=True)
class Limits:
    """The test app's settings the corpus is built against (small, so the corpus stays fast)."""

    max_upload_bytes: int
    batch_max_files: int
    max_image_pixels: int
    max_pdf_pages: int


@dataclass(frozen=True, slots=True)
class Case:
    kind: str
    build: Callable[[Limits], Files]
    status: int
    code: str | None = None  # the error code promised; None: a 200 with data and meta
    total: float | None = None  # for a 200: the total the document shows, when it must be read
    path: str = "/v1/extract"
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------ builders
def text_image(mode: str = "RGB", size: tuple[int, int] = (260, 64)) -> Image.Image:
    """A tiny receipt line the OCR can read quickly."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 10), "TOTAL 12.50", fill="black", font_size=28)
    return image if mode == "RGB" else image.convert(mode)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **params)
    return buf.getvalue()


def text_pdf(lines: tuple[str, ...] = ("ACME STORE", "Date 2024-03-05", "TOTAL 12.50 USD"),
             size_pt: tuple[float, float] = (300, 200), setup: Callable[[FPDF], None] | None = None) -> bytes:
    """A one-page digital PDF: its text layer is read, no OCR."""
    pdf = FPDF(unit="pt", format=size_pt)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 16, line, new_x="LMARGIN", new_y="NEXT")
    if setup is not None:
        setup(pdf)
    return bytes(pdf.output())


def raw_pdf(objects: list[bytes], *, trailer: bytes = b"/Root 1 0 R", xref: bool = True,
            with_trailer: bool = True) -> bytes:
    """A hand-made PDF of numbered ``objects`` (1-based), with a correct xref table unless asked otherwise."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    if with_trailer:
        out += b"trailer\n<< /Size %d " % (len(objects) + 1) + trailer + b" >>\n"
        out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + extra + b" >>\nstream\n" + data + b"\nendstream"


def _page_pdf(content: bytes, *, media_box: bytes = b"[0 0 300 200]", font: bytes = b"/F1 4 0 R",
              font_obj: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
              catalog_extra: bytes = b"", more: list[bytes] | None = None) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Resources << /Font << " + font
        + b" >> >> /Contents 5 0 R >>",
        font_obj,
        _stream(content),
    ]
    return raw_pdf(objects + (more or []))


_TEXT_OPS = b"BT /F1 14 Tf 20 150 Td (ACME STORE) Tj 0 -24 Td (TOTAL 12.50 USD) Tj 0 -24 Td (Date 2024-03-05) Tj ET"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` × ``height`` but whose pixel data is a few bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + png_chunk(b"IEND", b""))


def _png_bomb(limits: Limits) -> bytes:
    """A real decompression bomb: a blank image ~4× the pixel cap that compresses to a few KB."""
    side = int((limits.max_image_pixels * 4) ** 0.5)
    return encode(Image.new("1", (side, side), 1), "PNG", optimize=True)


def _itxt_bomb() -> bytes:
    """A valid small PNG with a compressed text chunk that inflates to 64 MB."""
    png = encode(text_image(), "PNG")
    blob = zlib.compress(b"A" * (64 * 1024 * 1024), 9)
    chunk = png_chunk(b"iTXt", b"Comment\0\x01\x00\0\0" + blob)
    return png[:-12] + chunk + png[-12:]


# the transpose that undoes each EXIF orientation (what a camera stored, given the upright picture)
_STORED = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
           5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
           8: Image.Transpose.ROTATE_270}


def _exif(orientation: int) -> bytes:
    """A JPEG whose pixels are stored turned, with the EXIF orientation that turns them upright again."""
    image = text_image()
    if orientation in _STORED:
        image = image.transpose(_STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(image, "JPEG", quality=90, exif=exif)


def _apng() -> bytes:
    frames = [text_image(), Image.new("RGB", (260, 64), "gray")]
    return encode(frames[0], "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)


def _heic() -> bytes:
    """The first box of a HEIC file (``ftyp heic``): enough for anyone who sniffs the type."""
    return struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic" + b"\0" * 64


def _polyglot() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.txt", "hello from the zip half")
    return text_pdf() + buf.getvalue()


def _many_pages(n: int) -> bytes:
    """``n`` pages that all point at one page object: a few KB, however many pages."""
    kids = b" ".join([b"3 0 R"] * n)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
        _stream(b""),
    ]
    return raw_pdf(objects)


def _padded_pdf(size: int) -> bytes:
    """A valid digital PDF padded with a trailing comment to exactly ``size`` bytes."""
    pdf = text_pdf()
    pad = size - len(pdf)
    assert pad > 3, "the upload limit is smaller than the sample PDF"
    return pdf + b"%" + b"x" * (pad - 2) + b"\n"


def _one(name: str, data: bytes, content_type: str = "application/octet-stream") -> Files:
    return [("file", (name, data, content_type))]


def _png(mode: str, **params: object) -> Callable[[Limits], Files]:
    return lambda _l: _one(f"{mode}.png", encode(text_image(mode), "PNG", **params), "image/png")


# ------------------------------------------------------------------------------------------------ the corpus
_PDF = "application/pdf"
CASES: list[Case] = [
    # --- not a document at all
    Case("0 bytes", lambda _l: _one("empty.pdf", b"", _PDF), 400, "empty_upload"),
    Case("wrong magic (random bytes)", lambda _l: _one("x.png", bytes(range(256)) * 4, "image/png"),
         415, "unsupported_media_type"),
    Case("text file named .pdf", lambda _l: _one("notes.pdf", b"Total 12.50\nthank you\n" * 20, _PDF),
         415, "unsupported_media_type"),
    Case("JPEG magic only (3 bytes)", lambda _l: _one("x.jpg", b"\xff\xd8\xff", "image/jpeg"),
         422, "undecodable_document"),
    # --- broken PDFs
    Case("PDF truncated at half", lambda _l: _one("half.pdf", text_pdf()[: len(text_pdf()) // 2], _PDF),
         422, "undecodable_document"),
    Case("PDF with a broken xref (offsets wrong)", lambda _l: _one(
        "xref.pdf", _page_pdf(_TEXT_OPS).replace(b" 00000 n ", b" 00000 n ").replace(b"0000000", b"0000099"), _PDF),
         200, total=12.5, note="pdfium rebuilds the table by scanning"),
    Case("PDF without xref and trailer", lambda _l: _one(
        "notrailer.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                  b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
                                  b"/Resources << /Font << /F1 5 0 R >> >> >>", _stream(_TEXT_OPS),
                                  b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
                                 xref=False, with_trailer=False), _PDF),
         422, "undecodable_document"),
    Case("PDF with a garbage content stream", lambda _l: _one(
        "garbage.pdf", _page_pdf(bytes(range(256)) * 8), _PDF), 200, note="a blank page: 200, warning 'no text'"),
    Case("PDF with a corrupt Flate stream", lambda _l: _one(
        "flate.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
                              _stream(b"x\x9c" + bytes(range(200)), b"/Filter /FlateDecode")]), _PDF), 200),
    Case("PDF with 0 pages", lambda _l: _one(
        "zero.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]), _PDF),
         422, "undecodable_document"),
    Case("PDF whose page tree is a cycle", lambda _l: _one(
        "cycle.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
        _PDF), 422, "undecodable_document"),
    Case("PDF with 10 000 pages", lambda _l: _one("many.pdf", _many_pages(10_000), _PDF), 413, "too_many_pages"),
    Case("PDF page of 20 000 × 20 000 pt (scan)", lambda _l: _one(
        "huge.pdf", _page_pdf(b"", media_box=b"[0 0 20000 20000]"), _PDF), 413, "upload_too_large"),
    Case("PDF page of 0 × 0 pt", lambda _l: _one("flat.pdf", _page_pdf(b"", media_box=b"[0 0 0 0]"), _PDF),
         200, note="pdfium gives it a default size: a blank page"),
    Case("PDF encrypted with a user password", lambda _l: _one(
        "locked.pdf", text_pdf(setup=lambda p: p.set_encryption(owner_password="o", user_password="secret")), _PDF),
         422, "encrypted_document"),
    Case("PDF with JavaScript (OpenAction)", lambda _l: _one(
        "js.pdf", _page_pdf(_TEXT_OPS, catalog_extra=b"/OpenAction 6 0 R",
                            more=[b"<< /S /JavaScript /JS (app.alert\\('hi'\\);) >>"]), _PDF),
         200, total=12.5, note="never executed (pdfium is built without V8)"),
    Case("PDF with an embedded file", lambda _l: _one(
        "attach.pdf", text_pdf(setup=lambda p: p.embed_file(bytes=b"hello", basename="a.txt")), _PDF), 200, total=12.5),
    Case("PDF with form fields (AcroForm)", lambda _l: _one(
        "form.pdf", _page_pdf(_TEXT_OPS, catalog_extra=b"/AcroForm << /Fields [6 0 R] >>",
                              more=[b"<< /FT /Tx /T (total) /V (12.50) /Rect [10 10 100 30] /P 3 0 R >>"]), _PDF),
         200, total=12.5),
    Case("PDF whose font is missing", lambda _l: _one(
        "nofont.pdf", _page_pdf(_TEXT_OPS, font=b"/F1 9 0 R"), _PDF), 200, total=12.5,
         note="text drawn with a substitute"),
    Case("PDF with a non-embedded unknown font", lambda _l: _one(
        "oddfont.pdf", _page_pdf(_TEXT_OPS, font_obj=b"<< /Type /Font /Subtype /TrueType /BaseFont /NoSuchFont-Bold "
                                 b"/FirstChar 32 /LastChar 126 >>"), _PDF), 200, total=12.5),
    Case("PDF + ZIP polyglot", lambda _l: _one("poly.pdf", _polyglot(), _PDF), 200, total=12.5,
         note="read as the PDF it is"),
    # --- images: bombs and broken files
    Case("PNG decompression bomb (4 × the pixel cap, a few KB)",
         lambda lim: _one("bomb.png", _png_bomb(lim), "image/png"),
         413, "upload_too_large"),
    Case("PNG header of 60 000 × 60 000 with a tiny body", lambda _l: _one(
        "liar.png", _png_header_only(60_000, 60_000), "image/png"), 413, "upload_too_large"),
    Case("PNG with a 64 MB compressed text chunk", lambda _l: _one("itxt.png", _itxt_bomb(), "image/png"),
         422, "undecodable_document"),
    Case("truncated JPEG", lambda _l: _one("cut.jpg", encode(text_image(), "JPEG")[:600], "image/jpeg"),
         422, "undecodable_document"),
    Case("truncated PNG", lambda _l: _one("cut.png", encode(text_image(), "PNG")[:300], "image/png"),
         422, "undecodable_document"),
    Case("PNG of 1 × 1 px", lambda _l: _one("dot.png", encode(Image.new("RGB", (1, 1), "white"), "PNG"),
                                            "image/png"), 200),
    Case("PNG of 4000 × 1 px", lambda _l: _one("strip.png", encode(Image.new("L", (4000, 1), 0), "PNG"),
                                               "image/png"), 200),
    # --- images we read
    Case("progressive JPEG", lambda _l: _one("prog.jpg", encode(text_image(), "JPEG", progressive=True),
                                             "image/jpeg"), 200, total=12.5),
    Case("CMYK JPEG", lambda _l: _one("cmyk.jpg", encode(text_image("CMYK"), "JPEG"), "image/jpeg"), 200, total=12.5),
    Case("16-bit grayscale PNG", lambda _l: _one("g16.png", encode(text_image("L").convert("I;16"), "PNG"),
                                                 "image/png"), 200, total=12.5),
    Case("palette PNG", _png("P"), 200, total=12.5),
    Case("grayscale PNG", _png("L"), 200, total=12.5),
    Case("RGBA PNG (transparent background)", lambda _l: _one("rgba.png", encode(_transparent(), "PNG"),
                                                              "image/png"), 200, total=12.5),
    Case("animated PNG", lambda _l: _one("anim.png", _apng(), "image/png"), 200, total=12.5, note="first frame"),
    *[Case(f"JPEG with EXIF orientation {o}", lambda _l, o=o: _one(f"exif{o}.jpg", _exif(o), "image/jpeg"), 200,
           total=12.5) for o in range(1, 9)],
    Case("JPEG with EXIF orientation 9 (invalid)", lambda _l: _one("exif9.jpg", _exif(9), "image/jpeg"), 200,
         total=12.5),
    # --- formats we refuse (documented: PDF, JPEG, PNG only)
    Case("GIF", lambda _l: _one("a.gif", encode(text_image("P"), "GIF"), "image/gif"), 415, "unsupported_media_type"),
    Case("TIFF", lambda _l: _one("a.tif", encode(text_image(), "TIFF"), "image/tiff"), 415, "unsupported_media_type"),
    Case("WEBP", lambda _l: _one("a.webp", encode(text_image(), "WEBP"), "image/webp"), 415, "unsupported_media_type"),
    Case("HEIC (ftyp box)", lambda _l: _one("a.heic", _heic(), "image/heic"), 415, "unsupported_media_type"),
    Case("BMP", lambda _l: _one("a.bmp", encode(text_image(), "BMP"), "image/bmp"), 415, "unsupported_media_type"),
    # --- sizes and form shapes
    Case("upload of exactly MAX_UPLOAD_MB", lambda lim: _one("at.pdf", _padded_pdf(lim.max_upload_bytes), _PDF),
         200, total=12.5),
    Case("upload of MAX_UPLOAD_MB + 1 byte", lambda lim: _one("over.pdf", _padded_pdf(lim.max_upload_bytes + 1), _PDF),
         413, "upload_too_large"),
    Case("multipart without a file", lambda _l: [("note", ("", b"hello", "text/plain"))], 422, "invalid_request",
         extra={"form_only": True}),
    Case("two `file` fields", lambda _l: _one("a.pdf", text_pdf(), _PDF) + _one("b.pdf", text_pdf(), _PDF),
         422, "invalid_request", note="one document per call: use /v1/extract-batch"),
    Case("batch of BATCH_MAX_FILES + 1", lambda lim: [("files", (f"{i}.pdf", text_pdf(), _PDF))
                                                     for i in range(lim.batch_max_files + 1)],
         413, "upload_too_large", path="/v1/extract-batch"),
    Case("batch mixing a bomb, a good PDF and 0 bytes", lambda lim: [
        ("files", ("bomb.png", _png_bomb(lim), "image/png")), ("files", ("ok.pdf", text_pdf(), _PDF)),
        ("files", ("empty.pdf", b"", _PDF))], 200, path="/v1/extract-batch",
         extra={"batch_errors": ["upload_too_large", None, "empty_upload"]}, note="one result per file, in order"),
    Case("file name in unicode (Cyrillic, emoji, RTL)", lambda _l: _one("счёт 🧾 فاتورة.pdf", text_pdf(), _PDF),
         200, total=12.5),
    Case("file name with ../", lambda _l: _one("../../../etc/passwd", text_pdf(), _PDF), 200, total=12.5,
         note="names are only echoed, never used as paths"),
    Case("file name with NUL", lambda _l: _one("a\x00b.pdf", text_pdf(), _PDF), 200, total=12.5),
    Case("file name of 10 KB", lambda _l: _one("n" * 10_240 + ".pdf", text_pdf(), _PDF), 400, "invalid_multipart",
         note="python-multipart caps a part header at 4 KB"),
]


def _transparent() -> Image.Image:
    """Black text on a fully transparent background (what some apps export)."""
    image = Image.new("RGBA", (260, 64), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((10, 10), "TOTAL 12.50", fill=(0, 0, 0, 255), font_size=28)
    return image
