"""OCR Document → Arctic-TILT chat request (the body of ``POST /v1/chat/completions``). Pure: no I/O, no network.

The wire format is specified in ``docs/tilt-contract.md``. This module owns three decisions:

* **Word boxes.** TILT wants one box per word; our OCR gives lines. ``Page.words()`` splits them by character
  share, the same rule TILT's preprocessor applies to subtokens. Boxes are normalised (x1 ≤ x2, y1 ≤ y2) and
  clamped to the page so the server never has to reject a box an OCR engine drew a pixel outside the page.
* **Page images.** TILT resizes every page image to 768 px wide and converts it to grayscale itself, so we send
  exactly that (never more): a grayscale PNG at most 768 px wide. Bigger images would only cost bandwidth.
* **Limits.** Documents over ``max_pages`` / ``max_words`` raise typed errors. Nothing is ever silently
  truncated: TILT itself would drop trailing pages without saying so, and a total on page 3 would go missing.

A document without a single non-empty word raises :class:`NothingToAsk`; the backend answers it with an empty
result instead of calling the server (the TILT engine asserts on zero encoder tokens).
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeAlias

from PIL import Image

from lib.errors import InputError, PayloadTooLarge, TooManyPages
from lib.ocr_document import BBox, OcrDocument, Page

__all__ = [
    "DEFAULT_QUESTIONS",
    "TILT_IMAGE_WIDTH_PX",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_WORDS",
    "PageImage",
    "NothingToAsk",
    "TiltTooManyPages",
    "TiltTooManyWords",
    "TiltDocumentTooLong",
    "build_chat_request",
    "document_part",
    "fields_part",
    "page_words",
    "encode_page_image",
]

#: TILT's own image width: its preprocessor resizes every page image to this width (bicubic) and crops at
#: 2048 px height, so anything larger is wasted bytes.
TILT_IMAGE_WIDTH_PX = 768

#: Our own limits (not the model's): a receipt or invoice is a few pages and a few hundred words. Larger inputs
#: cost GPU memory roughly linearly per question, so they are refused up front.
DEFAULT_MAX_PAGES = 20
DEFAULT_MAX_WORDS = 10_000

#: Natural-language questions for our fields. TILT is used zero-shot; it was trained on QA-style prompts as well
#: as snake_case keys, so the phrasing is a tunable (compare on a labelled sample before changing).
DEFAULT_QUESTIONS: Mapping[str, str] = MappingProxyType(
    {
        "merchant": "What is the name of the store or company that issued this document?",
        "date": "What is the date of this document?",
        "currency": "What currency are the amounts in?",
        "subtotal": "What is the subtotal amount before tax?",
        "tax_amount": "What is the total tax amount?",
        "total": "What is the total amount to pay?",
    }
)
#: A page image as the API has it: decoded, still encoded, or absent.
PageImage: TypeAlias = Image.Image | bytes | None

# Two pages count as the same shape when their aspect ratios differ by less than this (rounding in renders).
_ASPECT_TOLERANCE = 0.02


class NothingToAsk(InputError):
    """The document has no non-empty word: there is nothing TILT could read. Callers return an empty result."""

    code = "no_text"


class TiltTooManyPages(TooManyPages):
    """More pages than the TILT backend accepts (our limit, below the model's)."""

    code = "tilt_too_many_pages"


class TiltTooManyWords(PayloadTooLarge):
    """More words than the TILT backend accepts (our limit, keeps one request's GPU memory bounded)."""

    code = "tilt_too_many_words"


class TiltDocumentTooLong(PayloadTooLarge):
    """The TILT server answered 413: the document (or a question) does not fit the model's context."""

    code = "tilt_document_too_long"


def page_words(page: Page) -> list[dict[str, Any]]:
    """Word entries ``{"bbox": [x1, y1, x2, y2], "text": str}`` for one page, in page pixels.

    Whitespace-only words are dropped (TILT drops them too, and they would shift nothing but bytes). Boxes are
    ordered and clamped to ``[0, width] × [0, height]``, rounded to 0.1 px.
    """
    words: list[dict[str, Any]] = []
    for span in page.words():
        text = span.text.strip()
        if not text:
            continue
        words.append({"bbox": _clamp_bbox(span.bbox, page.width, page.height), "text": text})
    return words


def _clamp_bbox(bbox: BBox, width: float, height: float) -> list[float]:
    x1, y1, x2, y2 = (float(v) if math.isfinite(v) else 0.0 for v in bbox)
    x1, x2 = sorted((x1, x2))
    y1, y2 = sorted((y1, y2))

    def clamp(v: float, hi: float) -> float:
        return round(min(max(v, 0.0), hi), 1)

    return [clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height)]


def encode_page_image(image: Image.Image | bytes, *, page_width: float, page_height: float) -> str:
    """One page image → base64 of a grayscale PNG at most :data:`TILT_IMAGE_WIDTH_PX` wide.

    Narrower images are not upscaled (TILT upscales itself; sending more pixels adds nothing). Transparent
    areas become white, not black.

    Args:
        image: the rendered page, as a PIL image or encoded bytes (PNG/JPEG).
        page_width: the OCR page's width in px; the image must show the whole page (same aspect ratio),
            because TILT maps word boxes onto the image by ``bbox × 768 / width``.
        page_height: the OCR page's height in px.

    Raises:
        ValueError: the image is not decodable, or its aspect ratio differs from the page's (a caller bug:
            the image does not correspond to the OCR coordinates).
    """
    img = _open_image(image)
    if img.width <= 0 or img.height <= 0:
        raise ValueError("page image is empty")
    page_aspect = page_width / page_height
    image_aspect = img.width / img.height
    if abs(image_aspect - page_aspect) / page_aspect > _ASPECT_TOLERANCE:
        raise ValueError(
            f"page image {img.width}x{img.height} does not match the OCR page {page_width}x{page_height}; "
            "the image must span the whole page"
        )
    gray = _to_gray(img)
    if gray.width > TILT_IMAGE_WIDTH_PX:
        new_height = max(1, round(gray.height * TILT_IMAGE_WIDTH_PX / gray.width))
        gray = gray.resize((TILT_IMAGE_WIDTH_PX, new_height), Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    gray.save(buf, format="PNG", compress_level=6)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _open_image(image: Image.Image | bytes) -> Image.Image:
    if isinstance(image, Image.Image):
        return image
    if isinstance(image, (bytes, bytearray, memoryview)):
        try:
            img = Image.open(io.BytesIO(bytes(image)))
            img.load()
        except Exception as exc:  # PIL raises several unrelated types for bad data
            raise ValueError(f"page image is not decodable: {exc}") from exc
        return img
    raise TypeError(f"page image must be a PIL image or bytes, not {type(image).__name__}")


def _to_gray(img: Image.Image) -> Image.Image:
    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    if has_alpha:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    return img if img.mode == "L" else img.convert("L")


def document_part(
    document: OcrDocument,
    *,
    page_images: Sequence[PageImage] | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_words: int = DEFAULT_MAX_WORDS,
) -> dict[str, Any]:
    """The ``input_ocr_document`` content part for a document.

    Args:
        document: OCR output; coordinates in page pixels.
        page_images: one entry per page (``None`` for a page without an image) or ``None`` for no images.
        max_pages: refuse documents with more pages.
        max_words: refuse documents with more non-empty words in total.

    Raises:
        TiltTooManyPages: more than ``max_pages`` pages.
        TiltTooManyWords: more than ``max_words`` words.
        NothingToAsk: no page has a non-empty word (or there are no pages).
        ValueError: ``page_images`` has the wrong length, a page has no positive size, or an image does not
            fit its page (caller bugs).
    """
    pages = document.pages
    if len(pages) > max_pages:
        raise TiltTooManyPages(f"document has {len(pages)} pages; the TILT backend accepts at most {max_pages}")
    if page_images is not None and len(page_images) != len(pages):
        raise ValueError(f"got {len(page_images)} page images for {len(pages)} pages")

    out_pages: list[dict[str, Any]] = []
    total_words = 0
    for index, page in enumerate(pages):
        if page.width <= 0 or page.height <= 0:
            raise ValueError(f"page {index} has no size ({page.width}x{page.height})")
        words = page_words(page)
        total_words += len(words)
        if total_words > max_words:
            raise TiltTooManyWords(f"document has more than {max_words} words; the TILT backend accepts at most that")
        entry: dict[str, Any] = {"width": page.width, "height": page.height, "words": words}
        image = page_images[index] if page_images is not None else None
        if image is not None:
            entry["image"] = encode_page_image(image, page_width=page.width, page_height=page.height)
        out_pages.append(entry)

    if total_words == 0:
        raise NothingToAsk("the document has no recognized words")
    return {"type": "input_ocr_document", "document": {"pages": out_pages}}


def fields_part(questions: Mapping[str, str]) -> dict[str, Any]:
    """The ``input_fields`` content part: one ``{"name", "question"}`` per field, in mapping order."""
    if not questions:
        raise ValueError("at least one field is required")
    return {"type": "input_fields", "fields": [{"name": n, "question": q} for n, q in questions.items()]}


def build_chat_request(
    document: OcrDocument,
    *,
    model: str,
    page_images: Sequence[PageImage] | None = None,
    questions: Mapping[str, str] = DEFAULT_QUESTIONS,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_words: int = DEFAULT_MAX_WORDS,
) -> dict[str, Any]:
    """The full JSON body for ``POST /v1/chat/completions`` (see ``docs/tilt-contract.md``).

    Args:
        document: OCR output; coordinates in page pixels.
        model: the served model id (the server answers 404 for another id).
        page_images: optional rendered pages, aligned with ``document.pages``.
        questions: field name → question; names must match ``^[a-z][a-z0-9_]{0,63}$``.
        max_pages: our page limit.
        max_words: our word limit.

    Raises:
        See :func:`document_part`.
    """
    doc = document_part(document, page_images=page_images, max_pages=max_pages, max_words=max_words)
    return {
        "model": model,
        "messages": [{"role": "user", "content": [doc, fields_part(questions)]}],
        "temperature": 0,
        "stream": False,
    }
