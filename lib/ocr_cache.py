"""A disk cache of OCR Documents keyed by (file hash, OCR settings), so KIE iterations skip the OCR.

Dataset evaluation OCRs hundreds of scans at ~1.4 s each; with this cache a re-run of the KIE over the whole set
takes seconds. The key covers everything that changes OCR output, so a model or setting change misses cleanly.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lib.ocr_document import OcrDocument
from lib.settings import Settings

__all__ = ["OcrDiskCache", "ocr_fingerprint"]


def ocr_fingerprint(settings: Settings, det_model: str, rec_model: str) -> str:
    """Everything about the OCR set-up that can change its output."""
    parts = [det_model, rec_model, settings.ocr_engine, str(settings.ocr_max_side_px), str(settings.pdf_dpi)]
    # added later: only when not the original behaviour, so the caches filled before stay valid
    if settings.ocr_det_max_megapixels:
        parts.append(f"det_mp={settings.ocr_det_max_megapixels:g}")
    if settings.ocr_crop_margins:
        parts.append("crop_margins")
    if settings.ocr_rec_batch_size != 6:
        parts.append(f"rec_batch={settings.ocr_rec_batch_size}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class OcrDiskCache:
    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory / fingerprint
        self.directory.mkdir(parents=True, exist_ok=True)

    def _path(self, file_sha256: str) -> Path:
        return self.directory / f"{file_sha256}.json"

    def get(self, file_sha256: str) -> OcrDocument | None:
        path = self._path(file_sha256)
        if not path.is_file():
            return None
        return OcrDocument.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def put(self, file_sha256: str, document: OcrDocument) -> None:
        path = self._path(file_sha256)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(document.to_dict(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
