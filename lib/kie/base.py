"""What a KIE backend promises: an OCR Document in, one raw candidate per field out.

Backends return raw strings as printed ("RM 9.00", "25/12/2018"); ``lib.post.rules`` turns them into typed,
normalized values. Keeping normalization out of the backends means TILT and the local KIE are judged by the
same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from lib.ocr_document import BBox, OcrDocument

__all__ = ["FIELDS", "FieldCandidate", "KieResult", "KieBackend"]

FIELDS: tuple[str, ...] = ("merchant", "date", "currency", "subtotal", "tax_amount", "total")


@dataclass(frozen=True, slots=True)
class FieldCandidate:
    """A field's raw value as found, with how sure the backend is (0..1) and where it saw it."""

    raw: str
    confidence: float = 0.5
    bbox: BBox | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "confidence": round(self.confidence, 4),
            "bbox": [round(v, 1) for v in self.bbox] if self.bbox else None,
            "page": self.page,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldCandidate:
        bbox = d.get("bbox")
        return cls(
            raw=str(d["raw"]),
            confidence=float(d.get("confidence", 0.5)),
            bbox=tuple(float(v) for v in bbox) if bbox else None,  # type: ignore[arg-type]
            page=d.get("page"),
        )


@dataclass(slots=True)
class KieResult:
    """Raw candidates by field name (missing or None = not found), plus the backend's name and notes."""

    fields: dict[str, FieldCandidate | None] = field(default_factory=dict)
    backend: str = "local"
    model_version: str = ""
    warnings: list[str] = field(default_factory=list)
    # the document's text as the KIE read it, one printed row a line (its spans joined by spaces: "Bella Italia
    # Trattoria" read as two boxes is still one venue name for the rules' currency evidence); "" = not grouped
    text: str = ""


@runtime_checkable
class KieBackend(Protocol):
    name: str
    model_version: str

    async def extract(self, document: OcrDocument) -> KieResult: ...
