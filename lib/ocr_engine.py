"""PaddleOCR 3.x adapter: an RGB page image in, an OCR-Document ``Page`` out.

PaddleOCR pipelines are not documented as thread-safe, so concurrency comes from a small pool of engine
instances (one per ``OCR_CONCURRENCY`` slot), each used by one thread at a time; their onnxruntime sessions are
shared. How many engines and threads: ``lib.ocr.cpu_budget``. No threads or HTTP here; the pipeline schedules
calls.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from loguru import logger
from PIL import Image, ImageDraw

from lib.errors import OcrError
from lib.ocr.cpu_budget import ThreadPlan, available_cpus, plan_threads
from lib.ocr.det_passes import PLANS, DetectorInPasses, load_parts, passes_wanted
from lib.ocr.openvino_rec import OpenVinoSession, RecRuntime, resolve_rec_runtime
from lib.ocr.orientation import quarter_turns, turned
from lib.ocr.paddlex_yaml import use_libyaml_for_model_configs
from lib.ocr.recognizers import DetectedLine, ScriptRouter, build_script_router, cyrillic_fallback_possible
from lib.ocr.stages import CpuSlots, OcrStages
from lib.ocr_cache import ocr_fingerprint
from lib.ocr_document import Page, Span, bbox_from_polygon
from lib.ocr_models import ModelChoice, resolve_models
from lib.settings import Settings

__all__ = ["OcrEngine", "OcrEnginePool", "build_engine_pool", "det_limit_for", "thread_plan", "content_box"]


def _prepare_environment(settings: Settings, offline: bool) -> None:
    """PaddleX reads these at import time: cache folder, and whether to probe hubs at all.

    Threads are not set through the environment (``OMP_NUM_THREADS`` is also a setting: writing it would turn a
    derived value into an explicit one for every later ``Settings()``); each engine gets them in its config.
    """
    cache = settings.ocr_model_dir / "paddlex-cache"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PADDLE_PDX_CACHE_HOME", str(cache))
    if offline:
        os.environ["PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK"] = "True"


def det_limit_for(width: int, height: int, max_megapixels: float) -> dict[str, Any]:
    """Detection input size for one page: at most ``max_megapixels`` (aspect kept, never enlarged).

    Returns PaddleOCR ``predict`` keyword arguments; empty = the pipeline's own default (full size, ≤ 4000 px).
    A cap by area, not by the long side, keeps a long narrow receipt's text as large as a square page's.
    """
    if max_megapixels <= 0 or width * height <= max_megapixels * 1e6:
        return {}
    scale = (max_megapixels * 1e6 / (width * height)) ** 0.5
    return {"text_det_limit_type": "max", "text_det_limit_side_len": max(32, round(max(width, height) * scale))}


def content_box(image: Image.Image, *, pad_px: int = 16, min_saving: float = 0.1) -> tuple[int, int, int, int] | None:
    """The page's content without its blank margins, as (left, top, right, bottom) in pixels; None = keep all.

    Looks at a 256-px thumbnail: pixels that differ clearly (> 40 grey levels) from the border's median colour
    are content. Padded by ``pad_px`` plus one thumbnail pixel; only worth it when it saves ``min_saving`` of the
    area (detection time grows with the pixels it sees).
    """
    width, height = image.size
    thumb = image.convert("L")
    thumb.thumbnail((256, 256))
    grey = np.asarray(thumb, dtype=np.int16)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    ys, xs = np.nonzero(np.abs(grey - np.median(border)) > 40)
    if len(xs) == 0:
        return None
    sx, sy = width / grey.shape[1], height / grey.shape[0]
    left = max(0, int((xs.min() - 1) * sx) - pad_px)
    top = max(0, int((ys.min() - 1) * sy) - pad_px)
    right = min(width, int((xs.max() + 2) * sx) + pad_px)
    bottom = min(height, int((ys.max() + 2) * sy) + pad_px)
    if (right - left) * (bottom - top) > (1 - min_saving) * width * height:
        return None
    return left, top, right, bottom


@dataclass
class OcrEngine:
    """One PaddleOCR pipeline instance. Call ``recognize`` from one thread at a time.

    Stages: detection (``det_session``) finds text lines, recognition (``rec_session``) reads them; both run
    inside ``pipeline.predict``. Several engines may share the same two onnxruntime sessions (one copy of the
    weights; ``InferenceSession.run`` is thread-safe), while each keeps its own pre/post-processing objects.
    """

    pipeline: Any
    max_side_px: int
    det_max_megapixels: float = 0.0
    crop_margins: bool = False
    # --- per-script recognition (issue 10): None = every line keeps the pipeline's reading ---
    rec_name: str = ""
    router: ScriptRouter | None = None
    # --- issue 11: detection/recognition scheduled by us (None = PaddleX's pipeline.predict) ---
    stages: OcrStages | None = None
    # --- pages photographed sideways or upside down are turned and read again (stages only) ---
    auto_rotate: bool = False

    def recognize(self, image: Image.Image, *, turned_once: bool = False) -> Page:
        original = image
        width, height = image.size
        offset_x = offset_y = 0
        box = content_box(image) if self.crop_margins else None
        if box is not None:  # blank margins: nothing to detect there; boxes are shifted back below
            offset_x, offset_y = box[0], box[1]
            image = image.crop(box)
        scale = 1.0
        crop_w, crop_h = image.size
        if max(crop_w, crop_h) > self.max_side_px:
            scale = self.max_side_px / max(crop_w, crop_h)
            image = image.resize((round(crop_w * scale), round(crop_h * scale)), Image.Resampling.LANCZOS)
        # one page-sized array lives through detection (the RGB copy is a temporary; the router makes its own after)
        bgr = np.ascontiguousarray(np.asarray(image if image.mode == "RGB" else image.convert("RGB"))[:, :, ::-1])
        det_kwargs = det_limit_for(bgr.shape[1], bgr.shape[0], self.det_max_megapixels)
        try:
            lines = self._detect_and_read(bgr, det_kwargs)
        except Exception as exc:  # PaddleX raises bare Exceptions; keep the cause
            raise OcrError(f"OCR failed: {exc}") from exc
        if self.auto_rotate and self.stages is not None and not turned_once:
            k = quarter_turns([line.polygon for line in lines], [line.score for line in lines], bgr,
                              self.stages.read)
            if k:  # a photo taken sideways or upside down: read it again, turned upright
                page = self.recognize(turned(original, 90 * k), turned_once=True)
                page.rotation = 90 * k
                return page
        recognizer, script, deskew_deg = self.rec_name or None, None, 0.0
        if self.router is not None:  # issue 10: Cyrillic lines re-read by the Cyrillic recognizer
            kazakh_before = self.router.kazakh_lines_read
            lines, cyrillic = self.router.route(np.ascontiguousarray(bgr[:, :, ::-1]), lines)
            script = "cyrillic" if cyrillic else "latin"
            if cyrillic:
                recognizer = f"{self.rec_name}+{self.router.reader.name}"
                if self.router.kazakh_lines_read > kazakh_before:  # a Kazakh page, read again Kazakh-first
                    recognizer += f"+{self.router.kazakh_reader_name}"
                lines, deskew_deg = self.router.straighten(lines, bgr.shape[1], bgr.shape[0])
        spans: list[Span] = []
        for line in lines:
            if not line.text.strip():
                continue
            x1, y1, x2, y2 = bbox_from_polygon(line.polygon)
            if scale != 1.0:
                x1, y1, x2, y2 = x1 / scale, y1 / scale, x2 / scale, y2 / scale
            x1, y1, x2, y2 = x1 + offset_x, y1 + offset_y, x2 + offset_x, y2 + offset_y
            spans.append(Span(bbox=(x1, y1, x2, y2), text=line.text.strip(), score=line.score))
        return Page(width=width, height=height, spans=spans, source="ocr", recognizer=recognizer, script=script,
                    deskew_deg=deskew_deg)

    def _detect_and_read(self, bgr: np.ndarray, det_kwargs: dict[str, Any]) -> list[DetectedLine]:
        """Every detected line with its Latin reading, in the pipeline's order (both paths give the same)."""
        if self.stages is not None:
            return [DetectedLine(np.asarray(line.polygon, dtype=np.float32), line.text or "", float(line.score))
                    for line in self.stages(bgr, **det_kwargs)]
        results = list(self.pipeline.predict(bgr, **det_kwargs))
        return [DetectedLine(np.asarray(poly, dtype=np.float32), text or "", float(score))
                for result in results
                for text, score, poly in zip(result["rec_texts"], result["rec_scores"], result["rec_polys"],
                                             strict=False)]

    @property
    def _inner(self) -> Any:
        """PaddleX's ``_OCRPipeline`` inside the PaddleOCR object (its predictors and pre/post-processing)."""
        return self.pipeline.paddlex_pipeline._pipeline

    def _stage(self, name: str) -> Any:
        inner = self._inner
        return getattr(inner, "text_det_model" if name == "det" else "text_rec_model").runner

    @property
    def det_session(self) -> Any:
        return self._stage("det").session

    @property
    def rec_session(self) -> Any:
        return self._stage("rec").session

    def use_sessions(self, det: Any, rec: Any) -> None:
        """Run this engine's stages on the given onnxruntime sessions (shared, or built with our options)."""
        self._stage("det").session = det
        self._stage("rec").session = rec


@dataclass
class OcrEnginePool:
    """Engine instances handed out one per thread; also what /v1/health reports about OCR."""

    engines: queue.Queue[OcrEngine]
    size: int
    det: ModelChoice
    rec: ModelChoice
    engine_kind: str
    warnings: list[str] = field(default_factory=list)
    plan: ThreadPlan | None = None
    warmed_up: bool = False
    cyrillic_rec: str | None = None  # issue 10: the recognizer Cyrillic lines go to (None = none)
    rec_runtime: RecRuntime = "onnxruntime"  # where the recognizer runs (lib.ocr.openvino_rec)
    fingerprint: str = ""  # everything in this OCR set-up that can change its output (lib.ocr_cache), made once
    det_passes: bool = False  # the detector runs in passes over row bands (lib.ocr.det_passes)

    @property
    def model_version(self) -> str:
        suffix = "" if self.rec_runtime == "onnxruntime" else f"@{self.rec_runtime.removeprefix('openvino-')}"
        return f"{self.det.name}+{self.rec.name}{suffix}"

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


def _engine_config(settings: Settings, plan: ThreadPlan) -> dict[str, Any]:
    """What PaddleX's onnxruntime runner passes to ``SessionOptions`` (keys of its ONNXRuntimeRunnerConfig)."""
    return {
        "intra_op_num_threads": plan.intra_op_threads,
        "inter_op_num_threads": 1,
        "execution_mode": "sequential",  # PP-OCR graphs are chains: no inter-op pool, no extra threads
        "graph_optimization_level": 99,  # ORT_ENABLE_ALL
        "enable_cpu_mem_arena": settings.ocr_mem_arena,
        "enable_mem_pattern": settings.ocr_mem_arena,
    }


class ArenaPerRunSession:
    """An onnxruntime session whose memory arena is handed back at the end of every run.

    With the arena off (``OCR_MEM_ARENA=false``, chosen for memory), every tensor of a run is a fresh heap block,
    page-faulted in afresh; with it kept, RSS grows with every new image size. In between: the arena within a
    run, released when the run ends (``memory.enable_memory_arena_shrinkage``), so a page's detection reuses its
    own buffers and nothing stays between pages (docs/benchmarks.md).
    """

    def __init__(self, session: Any) -> None:
        import onnxruntime as ort

        self.session = session
        self._options = ort.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def get_inputs(self) -> Any:
        return self.session.get_inputs()

    def run(self, output_names: Any, feeds: dict[str, Any]) -> Any:
        return self.session.run(output_names, feeds, self._options)

    def __getattr__(self, name: str) -> Any:  # the rest of the session's interface, as is
        return getattr(self.session, name)


def _session_options(settings: Settings, plan: ThreadPlan, threads: int | None = None,
                     per_run_arena: bool = False) -> Any:
    """The same options plus what PaddleX's config cannot carry: no busy-waiting between operators.

    With spinning on (onnxruntime's default), idle intra-op threads poll for ~ms after each operator; several
    sessions or other processes on the same cores then spend half the CPU in system time (issue 11).
    """
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads or plan.intra_op_threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.enable_cpu_mem_arena = settings.ocr_mem_arena or per_run_arena
    # the memory pattern (one block planned per input shape) only with the arena kept: per run it raised the peak
    # by ~35 MB for no speed (16 SROIE scans x 2, in process)
    opts.enable_mem_pattern = settings.ocr_mem_arena
    spin = "1" if settings.ocr_spinning else "0"
    opts.add_session_config_entry("session.intra_op.allow_spinning", spin)
    opts.add_session_config_entry("session.inter_op.allow_spinning", spin)
    return opts


def _make_pipeline(settings: Settings, det: ModelChoice, rec: ModelChoice, plan: ThreadPlan) -> Any:
    from paddleocr import PaddleOCR  # heavy import (~1–2 s): only when an engine is really built

    kwargs: dict[str, Any] = {
        "text_detection_model_name": det.name,
        "text_recognition_model_name": rec.name,
        "text_recognition_batch_size": settings.ocr_rec_batch_size,
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
        kwargs["engine_config"] = _engine_config(settings, plan)
    else:
        kwargs["cpu_threads"] = plan.intra_op_threads
    return PaddleOCR(**kwargs)


def thread_plan(settings: Settings, *, size: int | None = None, cpus: int | None = None) -> ThreadPlan:
    """The thread budget for these settings (``size`` overrides OCR_CONCURRENCY, e.g. one engine in scripts)."""
    return plan_threads(cpus or available_cpus(), engines=size or settings.ocr_concurrency,
                        threads=settings.omp_num_threads,
                        rec_workers=settings.ocr_rec_workers if settings.ocr_stages else 1,
                        pages_per_engine=settings.ocr_pages_per_engine if settings.ocr_stages else 1)


def build_engine_pool(
    settings: Settings, *, size: int | None = None, after_import: Callable[[], None] | None = None
) -> OcrEnginePool:
    """Resolve models (offline first) and build the engines of the thread budget (``size`` overrides their count).

    The engines share one onnxruntime session per stage, built with ``_session_options``; each engine keeps
    its own PaddleOCR pre/post-processing. ``after_import`` runs once PaddleOCR is imported and before any
    engine is built (the service uses it to route PaddleX's own log handler into its logs).
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
    plan = thread_plan(settings, size=size)
    for warning in plan.warnings:
        logger.warning(warning)
    rec_runtime, runtime_warnings = resolve_rec_runtime(
        settings.ocr_rec_runtime, stages=settings.ocr_stages and settings.ocr_engine == "onnxruntime")
    for warning in runtime_warnings:
        logger.warning(warning)
    warnings = [*warnings, *runtime_warnings]
    offline = det.directory is not None and rec.directory is not None
    _prepare_environment(settings, offline)
    import paddleocr  # noqa: F401  (heavy; reads the environment prepared above)

    use_libyaml_for_model_configs()  # the recognizer's config (its dictionary) in 0.1 s instead of 0.6 s
    if after_import is not None:
        after_import()
    engines: queue.Queue[OcrEngine] = queue.Queue()
    start = time.perf_counter()
    cyrillic_rec = rec.name if rec.name != settings.ocr_rec_model else None
    shared: tuple[Any, Any] | None = None
    staged: tuple[dict[int, Any], Any] | None = None
    det_passes = False
    lanes = 0
    for _ in range(plan.engines):
        engine = OcrEngine(pipeline=_make_pipeline(settings, det, rec, plan), max_side_px=settings.ocr_max_side_px,
                           det_max_megapixels=settings.ocr_det_max_megapixels,
                           crop_margins=settings.ocr_crop_margins, rec_name=rec.name,
                           auto_rotate=settings.ocr_auto_rotate)
        if settings.ocr_engine == "onnxruntime" and settings.ocr_stages:
            if staged is None:
                staged = _stage_sessions(settings, plan, engine, rec_runtime, det.name)
                det_passes = isinstance(staged[0][max(staged[0])], DetectorInPasses)
            det_sessions, rec_session = staged
            engine.use_sessions(det_sessions[max(det_sessions)], rec_session)
            engine.stages = OcrStages(pipeline=engine._inner, det_sessions=det_sessions, rec_session=rec_session,
                                      slots=CpuSlots(plan.intra_op_threads), rec_workers=plan.rec_workers,
                                      rec_threads=plan.rec_threads,
                                      rec_min_width_px=settings.ocr_rec_min_width_px,
                                      rec_width_step_px=settings.ocr_rec_width_step_px,
                                      det_band_megapixels=settings.ocr_det_band_megapixels,
                                      det_band_overlap_px=settings.ocr_det_band_overlap_px)
        elif settings.ocr_engine == "onnxruntime":
            if shared is None:
                shared = _shared_sessions(settings, plan, engine)
            engine.use_sessions(*shared)
        # issue 11: more pages than one on the same stages (the next page's detection fills the CPU slots the
        # current page's last recognizer batches leave free); each page lane has its own script router
        for lane in range(plan.pages_per_engine if engine.stages is not None else 1):
            if lane:
                engine = replace(engine, router=None)
            engine.router, router_warnings = build_script_router(settings, rec)  # issue 10: per-script recognition
            if engine.router is not None:
                cyrillic_rec = engine.router.reader.name
            warnings.extend(w for w in router_warnings if w not in warnings)
            engines.put(engine)
            lanes += 1
    logger.info(
        "OCR: {} engine(s) × {} thread(s) on {} CPU(s), {} recognizer batch(es) at once, {} / {} ({}, detector {}, "
        "recognizer on {}, {}) built in {:.1f} s", plan.engines, plan.intra_op_threads, plan.cpus, plan.rec_workers,
        det.name, rec.name, settings.ocr_engine, "in passes" if det_passes else "whole-page", rec_runtime,
        f"{det.origin}/{rec.origin}", time.perf_counter() - start,
    )
    if passes_wanted(settings) and not det_passes and det.name in PLANS:
        logger.info("detector passes for {} not prepared: whole-page detection (`python -m lib.ocr_models` cuts "
                    "the model once)", det.name)
    return OcrEnginePool(engines=engines, size=lanes, det=det, rec=rec, engine_kind=settings.ocr_engine,
                         warnings=[*warnings, *plan.warnings], plan=plan, cyrillic_rec=cyrillic_rec,
                         rec_runtime=rec_runtime, det_passes=det_passes,
                         fingerprint=ocr_fingerprint(settings, det.name, rec.name, det_passes=det_passes))


def _shared_sessions(settings: Settings, plan: ThreadPlan, engine: OcrEngine) -> tuple[Any, Any]:
    """Det and rec sessions with our options, from the model files PaddleX resolved for ``engine``."""
    import onnxruntime as ort

    sessions = []
    for stage in ("det", "rec"):
        runner = engine._stage(stage)
        path = runner._get_model_path()
        sessions.append(ort.InferenceSession(str(path), sess_options=_session_options(settings, plan),
                                             providers=["CPUExecutionProvider"]))
    return sessions[0], sessions[1]


def _stage_sessions(settings: Settings, plan: ThreadPlan, engine: OcrEngine, rec_runtime: RecRuntime = "onnxruntime",
                    det_name: str = "") -> tuple[dict[int, Any], Any]:
    """For ``OcrStages``: the detector with all the engine's threads (in passes over row bands when its parts are
    prepared: ``lib.ocr.det_passes``), the recognizer with ``plan.rec_threads`` (one per parallel batch by
    default); on OpenVINO, one compiled recognizer with a stream per batch that the engines can run at once."""
    import onnxruntime as ort

    per_run = settings.ocr_arena_per_run and not settings.ocr_mem_arena

    def from_file(path: Path, threads: int, arena_per_run: bool = per_run) -> Any:
        built = ort.InferenceSession(str(path), sess_options=_session_options(settings, plan, threads, arena_per_run),
                                     providers=["CPUExecutionProvider"])
        return ArenaPerRunSession(built) if arena_per_run else built

    def session(stage: str, threads: int) -> Any:
        return from_file(engine._stage(stage)._get_model_path(), threads)

    def detector(threads: int) -> Any:
        if passes is None:
            return session("det", threads)
        # no arena for the parts: each arena's growing chunks, given back after every band, left the heap
        # fragmented (peak 1.13-1.19 GB against 0.95-1.02 GB without, 24 scans in process; same speed)
        return DetectorInPasses(PLANS[det_name], {part: from_file(path, threads, arena_per_run=False)
                                                  for part, path in passes.items()})

    det_path = Path(engine._stage("det")._get_model_path())
    passes = load_parts(det_name, det_path.parent) if passes_wanted(settings) else None
    threads = {plan.intra_op_threads}
    if plan.pages_per_engine > 1:  # a page whose detection starts while another page holds some of the slots
        threads.add(1)
    det_sessions = {t: detector(t) for t in sorted(threads)}
    if rec_runtime == "onnxruntime":
        return det_sessions, session("rec", plan.rec_threads)
    batches_at_once = plan.engines * plan.rec_workers  # the engines share this one compiled recognizer
    rec = OpenVinoSession(engine._stage("rec")._get_model_path(), threads=batches_at_once * plan.rec_threads,
                          streams=batches_at_once, precision="bf16" if rec_runtime == "openvino-bf16" else "f32",
                          kernel_cache=settings.ocr_rec_kernel_cache, shape_cache=settings.ocr_rec_shape_cache)
    return det_sessions, rec
