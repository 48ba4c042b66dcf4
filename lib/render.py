"""Bytes → pages: images decoded upright, PDF pages read from their text layer or rendered for OCR.

Nothing here runs OCR. A PDF page whose text layer is usable becomes an OCR-Document ``Page`` directly (words
and boxes at the render DPI's pixel grid); other pages become ``PdfPage`` jobs (document bytes + page index)
that the OCR scheduler renders when the page is next in line, so a waiting page costs its compressed bytes.
"""

from __future__ import annotations

import io
import math
import struct
import threading
import unicodedata
import warnings
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, UnidentifiedImageError

from lib.errors import EncryptedDocument, PayloadTooLarge, TooManyPages, UndecodableDocument
from lib.ingest import Upload
from lib.ocr_document import Page
from lib.text_layer import page_spans

__all__ = [
    "PageInput", "load_pages", "plan_pages", "decode_image", "check_image", "EncodedImage", "PdfPage", "render_page",
    "text_layer_page", "text_layer_usable", "PDFIUM_LOCK", "count_pdf_pages",
]

# pdfium is not thread-safe (concurrent documents crash it or mix up its last-error state), and renders run in
# worker threads for several requests at once: every pdfium call in this process goes through this lock.
# Rendering is ~20 ms a page at 200 DPI, so serializing it costs little next to OCR.
PDFIUM_LOCK = threading.Lock()

# pdfium's error code when a password is needed (FPDF_ERR_PASSWORD)
_ERR_PASSWORD = 4
_INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE: the hidden layer scanners put over a page image
MIN_TEXT_LAYER_CHARS = 20
MIN_PRINTABLE_RATIO = 0.9


@dataclass(slots=True)
class PageInput:
    """One page for the next stage: ``text_page`` (no OCR needed), ``image`` (RGB, to OCR) or ``job`` (a scanned
    PDF page still to be rendered for OCR: ``plan_pages`` leaves pixels for later)."""

    index: int
    image: Image.Image | None = None
    text_page: Page | None = None
    job: PdfPage | None = None


def _open_checked(data: bytes, *, max_pixels: int, name: str) -> Image.Image:
    """Open an image lazily (header only) and refuse decompression bombs before any pixel is decoded."""
    too_large = f"the limit is {max_pixels / 1e6:.0f} MP (MAX_IMAGE_PIXELS)"
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:  # PIL refuses > 2 × its own limit already in open()
        raise PayloadTooLarge(f"'{name}' has too many pixels ({exc}); {too_large}") from exc
    width, height = image.size
    if width * height > max_pixels:
        raise PayloadTooLarge(f"'{name}' is {width}×{height} px ({width * height / 1e6:.0f} MP); {too_large}")
    return image


def _undecodable(name: str, exc: BaseException) -> UndecodableDocument:
    return UndecodableDocument(f"'{name}' could not be decoded as an image: {exc}")


_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error, ZeroDivisionError)


def check_image(data: bytes, *, max_pixels: int, name: str = "image") -> tuple[int, int]:
    """Validate an image's header (type, size, bomb guard) without decoding pixels; returns (width, height)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return _open_checked(data, max_pixels=max_pixels, name=name).size
    except PayloadTooLarge:
        raise
    except _DECODE_ERRORS as exc:
        raise _undecodable(name, exc) from exc


def decode_image(data: bytes, *, max_pixels: int, name: str = "image", max_side_px: int | None = None) -> Image.Image:
    """Decode a PNG/JPEG upright (EXIF orientation applied) as RGB, refusing decompression bombs.

    The pixel count is checked from the header before any pixel is decoded. With ``max_side_px``, a JPEG
    larger than that is decoded directly at a reduced scale (libjpeg's DCT scaling, 1/2 … 1/8, never below
    ``max_side_px``): several times faster than decoding at full size and shrinking afterwards.
    """
    try:
        with warnings.catch_warnings():  # our own cap below is the one that counts; PIL's warning is noise
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = _open_checked(data, max_pixels=max_pixels, name=name)
            width, height = image.size
            if max_side_px and max(width, height) > max_side_px and image.format == "JPEG":
                scale = max_side_px / max(width, height)
                image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
            image.load()
        image = ImageOps.exif_transpose(image)
        return _flatten(image)
    except PayloadTooLarge:
        raise
    except _DECODE_ERRORS as exc:
        raise _undecodable(name, exc) from exc


@dataclass(frozen=True, slots=True)
class EncodedImage:
    """An uploaded image kept compressed until OCR is about to read it (a waiting page costs its upload)."""

    data: bytes
    name: str
    max_pixels: int
    max_side_px: int | None = None

    @property
    def nbytes(self) -> int:
        """What the page costs while it waits: its compressed upload."""
        return len(self.data)

    def decode(self) -> Image.Image:
        return decode_image(self.data, max_pixels=self.max_pixels, name=self.name, max_side_px=self.max_side_px)


@dataclass(frozen=True, slots=True)
class PdfPage:
    """A scanned PDF page kept as (document bytes, page index) until OCR is about to read it.

    The pages of one document share its bytes (no copy); ``nbytes`` is this page's share of them, so the pages
    of a document waiting in the OCR queue count its compressed size once, whatever their rendered size.
    """

    data: bytes
    index: int
    dpi: int
    name: str
    nbytes: int

    def decode(self) -> Image.Image:
        """Render the page (RGB at ``dpi``): pdfium opened for this page only, under ``PDFIUM_LOCK``."""
        return render_page(self.data, self.index, dpi=self.dpi, name=self.name)


def render_page(data: bytes, index: int, *, dpi: int, name: str) -> Image.Image:
    """One PDF page as an RGB image at ``dpi``; the document is opened and closed around it (pdfium holds no
    state between pages, so nothing grows with the number of documents waiting).

    Raises:
        UndecodableDocument: pdfium fails on the page.
    """
    with PDFIUM_LOCK:
        pdf = _open_pdf(data, name)
        try:
            page = pdf[index]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    return bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise UndecodableDocument(f"page {index + 1} of '{name}' could not be rendered: {exc}") from exc
        finally:
            pdf.close()


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid over white (as viewers show it): dark text on a transparent background
    would otherwise become dark on black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def text_layer_usable(text: str, *, invisible_only: bool) -> bool:
    """Whether a page's text layer can replace OCR.

    Needs enough characters, mostly printable letters/digits/punctuation, and text that is drawn: a layer that
    is entirely invisible sits over a scan (a scanner's own OCR of unknown quality), so we OCR the image instead.
    """
    chars = [c for c in text if not c.isspace()]
    if len(chars) < MIN_TEXT_LAYER_CHARS or invisible_only:
        return False
    printable = sum(1 for c in chars if unicodedata.category(c)[0] in "LNPS" and c != "\ufffd")
    return printable / len(chars) >= MIN_PRINTABLE_RATIO


def _only_invisible_text(page: pdfium.PdfPage) -> bool:
    """Whether the page has text objects and all of them are invisible (stops at the first visible one)."""
    seen = False
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=2):
        if pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) != _INVISIBLE:
            return False
        seen = True
    return seen


def text_layer_page(page: pdfium.PdfPage, *, dpi: int) -> tuple[Page, str, bool]:
    """Read a page's text layer as line spans in pixels at ``dpi``; also its raw text and visibility.

    Words and lines are rebuilt from pdfium's character boxes (``lib.text_layer``): one span per line, or per
    part of a line where a wide gap separates columns, so a text page looks to the KIE like an OCR'd one (line
    spans), only exact.
    """
    scale = dpi / 72
    width_pt, height_pt = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        spans = page_spans(page, textpage, scale=scale, text=text)
    finally:
        textpage.close()
    # same rounding as pdfium's renderer (ceil), so text-layer and rendered pages share one pixel grid
    result = Page(width=math.ceil(width_pt * scale), height=math.ceil(height_pt * scale), spans=spans,
                  source="text_layer")
    return result, text, _only_invisible_text(page)


def _open_pdf(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _ERR_PASSWORD:
            raise EncryptedDocument(f"'{name}' is encrypted and needs a password; send it without encryption") from exc
        raise UndecodableDocument(f"'{name}' is not a readable PDF: {exc}") from exc


def load_pages(
    upload: Upload, *, dpi: int, max_pages: int, max_pixels: int, use_text_layer: bool = True,
    max_document_pixels: int | None = None,
) -> list[PageInput]:
    """Turn an upload into pages, every page to OCR as pixels (the evaluation and benchmark scripts; the service
    uses ``plan_pages`` and renders in the OCR scheduler). PDFs are capped at ``max_pages`` (413 beyond)."""
    if upload.media_type != "application/pdf":
        return [PageInput(index=0, image=decode_image(upload.data, max_pixels=max_pixels, name=upload.filename))]
    pages = plan_pages(upload, dpi=dpi, max_pages=max_pages, max_pixels=max_pixels, use_text_layer=use_text_layer,
                       max_document_pixels=max_document_pixels)
    return [PageInput(index=p.index, image=p.job.decode()) if p.job is not None else p for p in pages]


def plan_pages(
    upload: Upload, *, dpi: int, max_pages: int, max_pixels: int, use_text_layer: bool = True,
    max_document_pixels: int | None = None,
) -> list[PageInput]:
    """A PDF's pages in order: text-layer pages read now (a few ms each), scanned pages as ``PdfPage`` jobs to
    render when OCR is about to read them. Every limit is checked here, before any page is rendered.

    Raises:
        TooManyPages: more than ``max_pages``.
        PayloadTooLarge: a page above ``max_pixels`` at ``dpi``, or the scanned pages above ``max_document_pixels``.
        EncryptedDocument, UndecodableDocument: the PDF cannot be opened or read.
    """
    with PDFIUM_LOCK:
        pages = _plan_pdf_pages(upload, dpi=dpi, max_pages=max_pages, max_pixels=max_pixels,
                                use_text_layer=use_text_layer, max_document_pixels=max_document_pixels)
    scanned = [i for i, p in enumerate(pages) if p.text_page is None]
    for k, i in enumerate(scanned):  # the document's bytes split over its pages to OCR (they sum to its size)
        share = upload.size_bytes // len(scanned) + (upload.size_bytes % len(scanned) if k == 0 else 0)
        pages[i].job = PdfPage(upload.data, pages[i].index, dpi, upload.filename, share)
    return pages


def _plan_pdf_pages(upload: Upload, *, dpi: int, max_pages: int, max_pixels: int, use_text_layer: bool,
                    max_document_pixels: int | None) -> list[PageInput]:
    pdf = _open_pdf(upload.data, upload.filename)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UndecodableDocument(f"'{upload.filename}' has no pages")
        if n_pages > max_pages:
            raise TooManyPages(f"'{upload.filename}' has {n_pages} pages; the limit is {max_pages} (MAX_PDF_PAGES)")
        pages: list[PageInput] = []
        rendered_pixels = 0.0  # pages to OCR are rendered one by one, but cap their sum as before (OCR time)
        for index in range(n_pages):
            page = pdf[index]
            try:
                if use_text_layer:
                    text_page, text, invisible = text_layer_page(page, dpi=dpi)
                    if text_layer_usable(text, invisible_only=invisible):
                        pages.append(PageInput(index=index, text_page=text_page))
                        continue
                width_pt, height_pt = page.get_size()
                page_pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
                rendered_pixels += page_pixels
                if max_document_pixels is not None and rendered_pixels > max_document_pixels:
                    raise PayloadTooLarge(
                        f"'{upload.filename}' would render above {max_document_pixels / 1e6:.0f} MP in all at "
                        f"{dpi} DPI (MAX_DOCUMENT_PIXELS); send fewer scanned pages"
                    )
                if page_pixels > max_pixels:
                    raise PayloadTooLarge(
                        f"page {index + 1} of '{upload.filename}' would render above {max_pixels / 1e6:.0f} MP "
                        f"at {dpi} DPI (MAX_IMAGE_PIXELS)"
                    )
                pages.append(PageInput(index=index))  # its job is filled in by plan_pages
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise UndecodableDocument(f"'{upload.filename}' could not be read: {exc}") from exc
    finally:
        pdf.close()


def count_pdf_pages(data: bytes, name: str) -> int:
    """Pages of a PDF without rendering any (submit-time checks of /v1/jobs).

    Raises:
        EncryptedDocument: it needs a password.
        UndecodableDocument: it is not a readable PDF.
    """
    with PDFIUM_LOCK:
        pdf = _open_pdf(data, name)
        try:
            return len(pdf)
        finally:
            pdf.close()
