"""The data path, top to bottom: ingest → render/text layer → OCR → OCR Document → KIE → rules.

No FastAPI here: the API and the evaluation script call the same ``Extractor``, so what we measure offline is
what the service does.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PIL import Image

from lib.ingest import Upload
from lib.kie.base import FIELDS, FieldCandidate, KieResult
from lib.kie.evidence import with_evidence
from lib.kie.router import KieRouter
from lib.ocr.orientation import turned
from lib.ocr_document import OcrDocument, Page
from lib.pipelines.ocr_scheduler import OcrScheduler
from lib.post.cjk import mostly_kana_kanji
from lib.post.rules import RULESET_VERSION, normalize_fields
from lib.render import EncodedImage, PageInput, check_image, load_pages, plan_pages
from lib.settings import Settings

__all__ = ["Extractor", "ExtractionOutcome", "PageInfo"]


@dataclass(frozen=True, slots=True)
class PageInfo:
    index: int
    width: int
    height: int
    source: str  # "ocr" | "text_layer"
    spans: int
    recognizer: str | None = None  # OCR pages: which recognizer(s) read the page
    script: str | None = None  # "latin" | "cyrillic" | "cjk" when a script router decided
    rotation: int = 0  # OCR pages read turned (degrees counter-clockwise): a photo taken sideways or upside down


def _script(page: Page) -> str | None:
    """What a page was read as: "cyrillic" (the Cyrillic recognizer), "cjk" (the default recognizer, which reads
    kana and kanji too, on a page mostly in them: a Japanese receipt), "latin", or None when no router decided."""
    if page.script == "latin" and mostly_kana_kanji(" ".join(s.text for s in page.spans)):
        return "cjk"
    return page.script


@dataclass(slots=True)
class ExtractionOutcome:
    data: dict[str, Any]
    fields: dict[str, dict[str, Any]]  # per field: confidence, raw, bbox, page
    pages: list[PageInfo]
    timings_ms: dict[str, float]
    kie_backend: str
    kie_model_version: str
    ocr_model_version: str
    warnings: list[str] = field(default_factory=list)
    document: OcrDocument | None = None


def _document_warnings(document: OcrDocument) -> list[str]:
    if not document.text.strip():
        return ["no text found in the document: it is blank, or its text is too small or faint to read"]
    return []


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


@dataclass
class Extractor:
    settings: Settings
    ocr: OcrScheduler
    kie: KieRouter
    ocr_model_version: str
    today: Callable[[], date] = date.today

    async def run(self, upload: Upload) -> ExtractionOutcome:
        total_start = time.perf_counter()
        timings: dict[str, float] = {}
        if upload.media_type != "application/pdf" and self.ocr is not None:
            if not self.ocr.has_room(1, upload.size_bytes):
                raise self.ocr.overloaded(1, upload.size_bytes)  # before any decoding
            if self.kie.mode == "local":  # nothing else needs the pixels: decode when an OCR engine is free
                return await self._run_encoded_image(upload, total_start)

        # With the local KIE nothing but OCR needs a scanned page's pixels: its pages wait in the OCR queue as
        # (document bytes, page index) and are rendered when next in line. TILT also reads the page images, so
        # those modes render up front (as image uploads are decoded up front for them).
        lazy = self.kie.mode == "local" and upload.media_type == "application/pdf"
        start = time.perf_counter()
        page_inputs: list[PageInput] = await asyncio.to_thread(
            plan_pages if lazy else load_pages,
            upload,
            dpi=self.settings.pdf_dpi,
            max_pages=self.settings.max_pdf_pages,
            max_pixels=self.settings.max_image_pixels,
            max_document_pixels=self.settings.max_document_pixels,
        )
        timings["render"] = _ms(start)

        start = time.perf_counter()
        document = await self.ocr_pages(page_inputs)
        timings["ocr"] = _ms(start)

        images = None
        if self.kie.mode != "local":  # TILT reads each image with the page's word boxes: turned as the OCR turned it
            images = [p.image if p.image is None else turned(p.image, page.rotation)
                      for p, page in zip(page_inputs, document.pages, strict=True)]
        return await self.finish(document, timings, total_start, page_images=images)

    async def _run_encoded_image(self, upload: Upload, total_start: float) -> ExtractionOutcome:
        """An image upload: header checked now, pixels decoded by the OCR scheduler when the page is next."""
        timings: dict[str, float] = {}
        start = time.perf_counter()
        s = self.settings
        check_image(upload.data, max_pixels=s.max_image_pixels, name=upload.filename)
        job = EncodedImage(upload.data, upload.filename, s.max_image_pixels, s.ocr_max_side_px)
        timings["render"] = _ms(start)
        start = time.perf_counter()
        pages = await self.ocr.recognize_all([job])
        timings["ocr"] = _ms(start)
        return await self.finish(OcrDocument(pages=pages), timings, total_start)

    async def ocr_pages(self, page_inputs: list[PageInput]) -> OcrDocument:
        """OCR the pages that need it, concurrently, under the shared OCR semaphore; keep page order."""
        to_ocr = [p for p in page_inputs if p.text_page is None]
        jobs = [p.job if p.job is not None else p.image for p in to_ocr]  # a PdfPage is rendered when next in line
        ocr_pages = await self.ocr.recognize_all(jobs) if to_ocr else []  # type: ignore[arg-type]
        by_index = {p.index: page for p, page in zip(to_ocr, ocr_pages, strict=True)}
        pages: list[Page] = [p.text_page if p.text_page is not None else by_index[p.index] for p in page_inputs]
        return OcrDocument(pages=pages)

    async def finish(
        self,
        document: OcrDocument,
        timings: dict[str, float],
        total_start: float,
        page_images: list[Image.Image | None] | None = None,
    ) -> ExtractionOutcome:
        """KIE and rules on a ready OCR Document (shared by single, batch and evaluation runs)."""
        start = time.perf_counter()
        kie: KieResult = await self.kie.extract(document, page_images)
        timings["kie"] = _ms(start)

        start = time.perf_counter()
        candidates = {name: with_evidence(document, kie.fields.get(name)) for name in FIELDS}
        normalized = normalize_fields(
            candidates,
            document_text=kie.text or document.text,
            lang=self.settings.ocr_lang,
            today=self.today(),
            checks=self.settings.rules_enabled,
        )
        timings["rules"] = _ms(start)
        timings["total"] = _ms(total_start)

        fields_meta: dict[str, dict[str, Any]] = {}
        for name in FIELDS:
            cand: FieldCandidate | None = candidates.get(name)
            fields_meta[name] = {
                "confidence": round(normalized.confidence.get(name, 0.0), 3),
                "raw": cand.raw if cand else None,
                "bbox": [round(v, 1) for v in cand.bbox] if cand and cand.bbox else None,
                "page": cand.page if cand else None,
            }
        pages = [
            PageInfo(index=i, width=p.width, height=p.height, source=p.source, spans=len(p.spans),
                     recognizer=p.recognizer, script=_script(p), rotation=p.rotation)
            for i, p in enumerate(document.pages)
        ]
        return ExtractionOutcome(
            data=normalized.data,
            fields=fields_meta,
            pages=pages,
            timings_ms=timings,
            kie_backend=kie.backend,
            kie_model_version=kie.model_version,
            ocr_model_version=self.ocr_model_version,
            warnings=[*kie.warnings, *normalized.warnings, *_document_warnings(document)],
            document=document,
        )

    @property
    def ruleset_version(self) -> str:
        return RULESET_VERSION
