"""The API's request/response models: what /docs shows and what clients can rely on. lib/ never imports this."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "ExtractedData", "FieldEvidence", "PageMeta", "Timings", "ExtractMeta", "ExtractResponse",
    "ErrorBody", "ErrorResponse", "BatchItemError", "BatchItem", "BatchResponse", "HealthResponse",
]


class ExtractedData(BaseModel):
    """The six normalized fields; null when the document does not support a value."""

    merchant: str | None = Field(None, examples=["BOOK TA.K (TAMAN DAYA) SDN BHD"])
    date: str | None = Field(None, description="ISO date YYYY-MM-DD", examples=["2018-12-25"])
    currency: str | None = Field(None, description="ISO 4217 code", examples=["MYR"])
    subtotal: float | None = Field(None, examples=[8.49])
    tax_amount: float | None = Field(None, examples=[0.51])
    total: float | None = Field(None, examples=[9.0])


class FieldEvidence(BaseModel):
    confidence: float = Field(..., ge=0, le=1)
    raw: str | None = Field(None, description="the text the value was read from")
    bbox: list[float] | None = Field(None, description="[x1, y1, x2, y2] in page pixels")
    page: int | None = None


class PageMeta(BaseModel):
    index: int
    width: int
    height: int
    source: Literal["ocr", "text_layer"]
    spans: int
    recognizer: str | None = Field(None, description="OCR pages: the recognizer(s) that read the page, e.g. "
                                   "'PP-OCRv6_small_rec' or "
                                   "'PP-OCRv6_small_rec+tesseract-5.5.4:rus+ukr+srp+kaz+bel+eng'")
    script: Literal["latin", "cyrillic", "cjk"] | None = Field(
        None, description="OCR pages with OCR_LANG=auto or a Cyrillic language: the script the page was read as "
                          "('cjk': mostly kana and kanji, read by the default recognizer)")
    rotation: Literal[0, 90, 180, 270] = Field(0, description="OCR pages photographed sideways or upside down: "
                                               "read after turning the image this many degrees counter-clockwise; "
                                               "width, height and the fields' boxes are those of the turned page")


class Timings(BaseModel):
    render: float = 0.0
    ocr: float = 0.0
    kie: float = 0.0
    rules: float = 0.0
    total: float = 0.0


class ExtractMeta(BaseModel):
    request_id: str
    model_version: str = Field(..., description="KIE model + OCR models that produced the answer")
    ruleset_version: str
    kie_backend: Literal["local", "tilt"]
    ocr_model_version: str
    media_type: str
    pages: list[PageMeta]
    fields: dict[str, FieldEvidence] = Field(..., description="per-field confidence and evidence")
    timings_ms: Timings
    cached: bool = False
    warnings: list[str] = Field(default_factory=list)


class ExtractResponse(BaseModel):
    data: ExtractedData
    meta: ExtractMeta


class ErrorBody(BaseModel):
    code: str = Field(..., examples=["unsupported_media_type"])
    message: str
    request_id: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class BatchItemError(BaseModel):
    code: str
    message: str


class BatchItem(BaseModel):
    filename: str
    data: ExtractedData | None = None
    meta: ExtractMeta | None = None
    error: BatchItemError | None = None


class BatchResponse(BaseModel):
    request_id: str
    results: list[BatchItem]
    succeeded: int
    failed: int
    timings_ms: dict[str, float]


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded", "starting", "failed"]
    version: str
    ready: bool
    ocr: dict[str, object]
    kie_backend: str
    gpu: dict[str, object] | None = None
    ruleset_version: str
    error: str | None = Field(None, description="why start-up failed (status 'failed')")
    jobs: dict[str, object] | None = Field(None, description="async jobs: backend (in_process|redis), "
                                           "redis_reachable, queue_depth, workers seen in the last minute")
