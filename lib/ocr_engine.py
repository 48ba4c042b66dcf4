"""PaddleOCR 3.x adapter: an RGB page image in, an OCR-Document ``Page`` out.

PaddleOCR pipelines are not documented as thread-safe, so concurrency comes from a small pool of engine
instances (one per ``OCR_CONCURRENCY`` slot), each used by one thread at a time. No threads or HTTP here; the
pipeline schedules calls.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from loguru import logger
from PIL import Image, ImageDraw

from lib.errors import OcrError
from lib.ocr.recognizers import DetectedLine, ScriptRouter, build_script_router, cyrillic_fallback_possible
from lib.ocr_document import Page, Span, bbox_from_polygon
from lib.ocr_models import ModelChoice, resolve_models
from lib.settings import Settings

__all__ = ["OcrEngine", "OcrEnginePool", "build_engine_pool"]


def _prepare_environment(settings: Settings, offline: bool) -> None:
    """PaddleX reads these at import time: cache folder, thread count, and whether to probe hubs at all."""
    cache = settings.ocr_model_dir / "paddlex-cache"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PADDLE_PDX_CACHE_HOME", str(cache))
    os.environ.setdefault("OMP_NUM_THREADS", str(settings.omp_num_threads))
    if offline:
        os.environ["PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK"] = "True"


@dataclass
class OcrEngine:
    """One PaddleOCR pipeline instance. Call ``recognize`` from one thread at a time."""

    pipeline: Any
    max_side_px: int
    # --- per-script recognition (issue 10): None = every line keeps the pipeline's reading ---
    rec_name: str = ""
    router: ScriptRouter | None = None

    def recognize(self, image: Image.Image) -> Page:
        width, height = image.size
        scale = 1.0
        if max(width, height) > self.max_side_px:
            scale = self.max_side_px / max(width, height)
            image = image.resize((round(width * scale), round(height * scale)), Image.Resampling.LANCZOS)
        rgb = np.asarray(image.convert("RGB"))
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        try:
            results = list(self.pipeline.predict(bgr))
        except Exception as exc:  # PaddleX raises bare Exceptions; keep the cause
            raise OcrError(f"OCR failed: {exc}") from exc
        lines = [DetectedLine(np.asarray(poly, dtype=np.float32), text or "", float(score))
                 for result in results
                 for text, score, poly in zip(result["rec_texts"], result["rec_scores"], result["rec_polys"],
                                              strict=False)]
        recognizer, script, deskew_deg = self.rec_name or None, None, 0.0
        if self.router is not None:  # issue 10: Cyrillic lines re-read by the Cyrillic recognizer
            lines, cyrillic = self.router.route(rgb, lines)
            script = "cyrillic" if cyrillic else "latin"
            if cyrillic:
                recognizer = f"{self.rec_name}+{self.router.reader.name}"
                lines, deskew_deg = self.router.straighten(lines, rgb.shape[1], rgb.shape[0])
        spans: list[Span] = []
        for line in lines:
            if not line.text.strip():
                continue
            x1, y1, x2, y2 = bbox_from_polygon(line.polygon)
            if scale != 1.0:
                x1, y1, x2, y2 = x1 / scale, y1 / scale, x2 / scale, y2 / scale
            spans.append(Span(bbox=(x1, y1, x2, y2), text=line.text.strip(), score=line.score))
        return Page(width=width, height=height, spans=spans, source="ocr", recognizer=recognizer, script=script,
                    deskew_deg=deskew_deg)


@dataclass
class OcrEnginePool:
    """Engine instances handed out one per thread; also what /v1/health reports about OCR."""

    engines: queue.Queue[OcrEngine]
    size: int
    det: ModelChoice
    rec: ModelChoice
    engine_kind: str
    warnings: list[str] = field(default_factory=list)
    warmed_up: bool = False
    cyrillic_rec: str | None = None  # issue 10: the recognizer Cyrillic lines go to (None = none)

    @property
    def model_version(self) -> str:
        return f"{self.det.name}+{self.rec.name}"

    def recognize(self, image: Image.Image) -> Page:
        """Blocking: take an idle engine, run it, put it back (the scheduler's semaphore = pool size, so one is
        always idle)."""
        engine = self.engines.get()
        try:
            return engine.recognize(image)
        finally:
            self.engines.put(engine)

    def warm_up(self) -> float:
        """Run each engine once on a small synthetic image so the first request does not pay for it."""
        start = time.perf_counter()
        sample = Image.new("RGB", (480, 120), "white")
        draw = ImageDraw.Draw(sample)
        draw.text((16, 16), "TOTAL RM 12.50", fill="black", font_size=36)
        draw.text((16, 70), "25/12/2018", fill="black", font_size=32)
        engines = [self.engines.get() for _ in range(self.size)]
        try:
            for engine in engines:
                engine.recognize(sample)
        finally:
            for engine in engines:
                self.engines.put(engine)
        self.warmed_up = True
        return time.perf_counter() - start


def _make_pipeline(settings: Settings, det: ModelChoice, rec: ModelChoice) -> Any:
    from paddleocr import PaddleOCR  # heavy import (~1–2 s): only when an engine is really built

    kwargs: dict[str, Any] = {
        "text_detection_model_name": det.name,
        "text_recognition_model_name": rec.name,
        "use_doc_orientation_classify": False,
        "use_doc_unwarping": False,
        "use_textline_orientation": False,
        "device": settings.ocr_device,
    }
    if det.directory is not None:
        kwargs["text_detection_model_dir"] = str(det.directory)
    if rec.directory is not None:
        kwargs["text_recognition_model_dir"] = str(rec.directory)
    if settings.ocr_engine == "onnxruntime":
        kwargs["engine"] = "onnxruntime"
        kwargs["engine_config"] = {
            "intra_op_num_threads": settings.omp_num_threads,
            "enable_cpu_mem_arena": settings.ocr_mem_arena,
            "enable_mem_pattern": settings.ocr_mem_arena,
        }
    else:
        kwargs["cpu_threads"] = settings.omp_num_threads
    return PaddleOCR(**kwargs)


def build_engine_pool(
    settings: Settings, *, size: int | None = None, after_import: Callable[[], None] | None = None
) -> OcrEnginePool:
    """Resolve models (offline first) and build ``size`` engines (default ``OCR_CONCURRENCY``).

    ``after_import`` runs once PaddleOCR is imported and before any engine is built (the service uses it to route
    PaddleX's own log handler into its logs).
    """
    det, rec, warnings = resolve_models(
        det_model=settings.ocr_det_model,
        rec_model=settings.ocr_rec_model,
        lang=settings.ocr_lang,
        model_dir=settings.ocr_model_dir,
        source=settings.ocr_model_source,
        cyrillic_fallback=cyrillic_fallback_possible(settings),
    )
    for warning in warnings:
        logger.warning(warning)
    offline = det.directory is not None and rec.directory is not None
    _prepare_environment(settings, offline)
    size = size or settings.ocr_concurrency
    import paddleocr  # noqa: F401  (heavy; reads the environment prepared above)

    if after_import is not None:
        after_import()
    engines: queue.Queue[OcrEngine] = queue.Queue()
    start = time.perf_counter()
    cyrillic_rec = rec.name if rec.name != settings.ocr_rec_model else None
    for _ in range(size):
        engine = OcrEngine(pipeline=_make_pipeline(settings, det, rec), max_side_px=settings.ocr_max_side_px,
                           rec_name=rec.name)
        engine.router, router_warnings = build_script_router(settings, rec)  # issue 10: per-script recognition
        if engine.router is not None:
            cyrillic_rec = engine.router.reader.name
        warnings.extend(w for w in router_warnings if w not in warnings)
        engines.put(engine)
    logger.info(
        "OCR: {} engine(s) {} / {} ({}, {}) built in {:.1f} s",
        size, det.name, rec.name, settings.ocr_engine, f"{det.origin}/{rec.origin}", time.perf_counter() - start,
    )
    return OcrEnginePool(engines=engines, size=size, det=det, rec=rec, engine_kind=settings.ocr_engine,
                         warnings=warnings, cyrillic_rec=cyrillic_rec)
