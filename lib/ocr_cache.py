"""A disk cache of OCR Documents keyed by (file hash, OCR settings), so KIE iterations skip the OCR.

Dataset evaluation OCRs hundreds of scans at ~1.4 s each; with this cache a re-run of the KIE over the whole set
takes seconds. The key covers everything that changes OCR output, so a model or setting change misses cleanly.

Pages read from a PDF's text layer are cached too, and their words depend on ``lib.text_layer``: each entry
records the ``TEXT_LAYER_VERSION`` it was written with, and an entry with text-layer pages from another version
is a miss (the PDF is read again, in milliseconds). The version is checked per entry rather than folded into
the directory fingerprint so that a text-layer change does not throw away hours of OCR'd scans.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lib.ocr.det_passes import PLAN_VERSION, detector_passes_used
from lib.ocr.openvino_rec import rec_runtime_of
from lib.ocr.orientation import ORIENTATION_VERSION
from lib.ocr.recognizers import ROUTING_VERSION, script_mode
from lib.ocr_document import OcrDocument
from lib.settings import Settings
from lib.text_layer import TEXT_LAYER_VERSION

__all__ = ["OcrDiskCache", "ocr_fingerprint"]

_VERSION_KEY = "text_layer_version"


def ocr_fingerprint(settings: Settings, det_model: str, rec_model: str, *, det_passes: bool | None = None) -> str:
    """Everything about the OCR set-up that can change its output (the text layer's version is per entry).

    ``det_passes``: whether the detector runs in passes (``lib.ocr.det_passes``); None = as the settings and the
    prepared model files decide it (what ``build_engine_pool`` will do)."""
    parts = [det_model, rec_model, settings.ocr_engine, str(settings.ocr_max_side_px), str(settings.pdf_dpi)]
    # added later: only when not the original behaviour, so the caches filled before stay valid
    if settings.ocr_det_max_megapixels:
        parts.append(f"det_mp={settings.ocr_det_max_megapixels:g}")
    if settings.ocr_crop_margins:
        parts.append("crop_margins")
    if settings.ocr_auto_rotate and settings.ocr_stages and settings.ocr_engine == "onnxruntime":
        parts.append(f"orient={ORIENTATION_VERSION}")  # turned pages are read turned
    if settings.ocr_rec_batch_size != 6:
        parts.append(f"rec_batch={settings.ocr_rec_batch_size}")
    if settings.ocr_rec_min_width_px is not None and settings.ocr_stages:
        parts.append(f"rec_min_w={settings.ocr_rec_min_width_px}")
    if settings.ocr_det_band_megapixels and settings.ocr_stages and settings.ocr_engine == "onnxruntime":
        parts.append(f"det_band={settings.ocr_det_band_megapixels:g}/{settings.ocr_det_band_overlap_px}")
    if det_passes is None:
        det_passes = detector_passes_used(settings, det_model)
    if det_passes:  # the same lines up to float rounding, but not bit-identical maps: a key of its own
        parts.append(f"det_passes={PLAN_VERSION}")
    runtime = rec_runtime_of(settings)
    if runtime != "onnxruntime":
        parts.append(f"rec_runtime={runtime}")
        if settings.ocr_rec_shape_cache:  # its cached executors read a few lines in a thousand differently
            parts.append("rec_shape_cache")
    if settings.ocr_rec_width_step_px and settings.ocr_stages:
        parts.append(f"rec_w_step={settings.ocr_rec_width_step_px}")
    if script_mode(settings.ocr_lang) is not None:  # Latin-only settings keep their old keys (and caches)
        parts += [f"lang={settings.ocr_lang.lower()}", settings.tesseract_lang, f"routing={ROUTING_VERSION}"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class OcrDiskCache:
    def __init__(self, directory: Path, fingerprint: str, *, text_layer_version: int = TEXT_LAYER_VERSION) -> None:
        self.directory = directory / fingerprint
        self.directory.mkdir(parents=True, exist_ok=True)
        self.text_layer_version = text_layer_version

    def _path(self, file_sha256: str) -> Path:
        return self.directory / f"{file_sha256}.json"

    def get(self, file_sha256: str) -> OcrDocument | None:
        """The cached document, or None if absent or if its text-layer pages come from another text-layer version
        (entries written before the version was recorded count as version 1)."""
        path = self._path(file_sha256)
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        document = OcrDocument.from_dict(data)
        has_text_layer = any(page.source == "text_layer" for page in document.pages)
        if has_text_layer and data.get(_VERSION_KEY, 1) != self.text_layer_version:
            return None
        return document

    def put(self, file_sha256: str, document: OcrDocument) -> None:
        path = self._path(file_sha256)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        payload = {**document.to_dict(), _VERSION_KEY: self.text_layer_version}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
