"""Detection and recognition run by us, on PaddleX's own pre/post-processing objects and our onnxruntime sessions.

PaddleX's ``OCRPipeline.predict`` runs detection, then recognizes the sorted line crops in batches, one batch at
a time, each ``InferenceSession.run`` spreading one small batch over every intra-op thread. On a few cores that
scales poorly: a recognizer batch (6 lines of 48 px) is too small to keep two threads busy, and every operator
ends with the threads waiting for each other. ``OcrStages`` does the same work with the same objects (PaddleX's
resize/normalize, DB post-processing, box sorting, crops, CTC decoding: the same numbers in, the same text out)
but schedules it itself:

* detection runs on a session with as many intra-op threads as there are free CPU slots (all of them when the
  engine is otherwise idle: one page image is big enough to scale);
* the recognizer batches, unchanged (same lines in the same batches, so the same padding and the same text),
  run in parallel on ``rec_workers`` threads, each on a one-thread session: no synchronisation inside a batch;
* a shared ``CpuSlots`` counter keeps the threads doing onnxruntime work at once ≤ the CPUs, also when two pages
  are in flight (the next page's detection then takes the slots the current page's last batches leave free).

The caller's thread does the cheap Python parts (crops, the pipeline's bookkeeping) and waits for the batches.

``rec_min_width_px`` (opt-in, ``OCR_REC_MIN_WIDTH_PX``): PaddleX resizes every line to height 48 and pads it to at
least 320 px (``OCRReisizeNormImg.rec_image_shape``), so a batch of short lines ("RM", prices) still costs the
recognizer 320 columns a line. With the setting, a line is padded only to ``max(its own width, rec_min_width_px)``
and the batch to its widest line, as PaddleX's ``ToBatch`` does; lines wider than that are resized as before.

Detection in bands (``OCR_DET_BAND_MEGAPIXELS``): the detector's working memory grows with its input (~440 MB on
a 2.5 MP page, its largest tensors 57 MB each at quarter resolution). A page resized for detection to more than
the band size is run in horizontal bands of those same pixels, overlapping by ``det_band_overlap_px``; each band
keeps the lines whose centre falls in its own half of the overlaps (a line shorter than half the overlap is
whole in the band that keeps it). Not bit-identical to one run (the detector's squeeze-excitation blocks pool
over their input), so measured on the dev sets (docs/benchmarks.md).
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Band", "CpuSlots", "OcrStages", "RecognizedLine", "det_bands", "resize_to_min_width"]


class CpuSlots:
    """A counter of CPU slots: a task takes between one and ``want`` free slots and gives them back after.

    The threads running onnxruntime work at once never exceed ``total`` (the CPUs of the thread budget).
    """

    def __init__(self, total: int) -> None:
        self.total = max(1, total)
        self._free = self.total
        self._cond = threading.Condition()

    def acquire(self, want: int, minimum: int = 1) -> int:
        """Block until ``minimum`` slots are free; take up to ``want``. Returns how many were taken."""
        minimum = max(1, min(minimum, self.total))
        with self._cond:
            while self._free < minimum:
                self._cond.wait()
            taken = max(minimum, min(want, self._free))
            self._free -= taken
            return taken

    def release(self, count: int) -> None:
        with self._cond:
            self._free += count
            self._cond.notify_all()

    @property
    def free(self) -> int:
        return self._free


@dataclass(frozen=True, slots=True)
class RecognizedLine:
    """One detected line: its polygon (4 points in the input image's pixels), the text and its score."""

    polygon: np.ndarray
    text: str
    score: float


def resize_to_min_width(resize: Any, image: np.ndarray, min_width_px: int) -> np.ndarray:
    """PaddleX's ``OCRReisizeNormImg.resize`` with ``min_width_px`` instead of its ``rec_image_shape`` width:
    the line at the model's height, normalized, padded with zeros to ``max(its width, min_width_px)`` (and resized
    down to PaddleX's ``max_imgW`` when wider, as PaddleX does)."""
    height = resize.rec_image_shape[1]
    h, w = image.shape[:2]
    # PaddleX takes int(height * ratio) as the width: + 0.5 px keeps the float product from rounding down
    ratio = max(w / float(h), (min_width_px + 0.5) / height)
    return resize.resize_norm_img(image, ratio)


@dataclass(frozen=True, slots=True)
class Band:
    """Rows ``top``…``bottom`` of the detector's input run at once; it keeps the lines whose centre row is in
    ``keep_from``…``keep_to``."""

    top: int
    bottom: int
    keep_from: float
    keep_to: float


def pad_width(batch: np.ndarray, step: int) -> np.ndarray:
    """A recognizer batch (N, C, H, W) padded on the right to a multiple of ``step`` columns with what PaddleX pads
    narrower lines with (zeros after normalization), so that few input shapes recur; ``step`` 0 = as it is."""
    width = batch.shape[-1]
    wanted = -(-width // step) * step if step > 0 else width
    if wanted == width:
        return batch
    padded = np.zeros(batch.shape[:-1] + (wanted,), dtype=batch.dtype)
    padded[..., :width] = batch
    return padded


def det_bands(width: int, height: int, max_megapixels: float, overlap_px: int, align: int = 32) -> list[Band]:
    """Horizontal bands of the detector's input (``width`` x ``height`` px, multiples of ``align``) of about
    ``max_megapixels`` each, overlapping by ``overlap_px``; every row is kept by exactly one band. One band (the
    whole input) when it is small enough, or too wide and short for bands at least 2 overlaps tall."""
    whole = [Band(0, height, 0.0, float(height))]
    overlap = max(align, overlap_px // align * align)
    if max_megapixels <= 0 or width * height <= max_megapixels * 1e6:
        return whole
    count = min(math.ceil(width * height / (max_megapixels * 1e6)), height // overlap - 1)
    if count <= 1:
        return whole
    tall = math.ceil((height + (count - 1) * overlap) / count / align) * align
    bands = []
    for k in range(count):
        top = k * (tall - overlap)
        bottom = height if k == count - 1 else top + tall
        bands.append(Band(top, bottom, 0.0 if k == 0 else top + overlap / 2,
                          float(height) if k == count - 1 else bottom - overlap / 2))
    return bands


def _run_taking(session: Any, holder: list[np.ndarray]) -> list[np.ndarray]:
    """The session's one input from ``holder``, which it empties: the session may free the input once it is done
    with it (``DetectorInPasses`` frees it after its first part) instead of the caller holding it to the end."""
    feeds = {session.get_inputs()[0].name: np.ascontiguousarray(holder.pop())}
    return session.run(None, feeds)


def _run(session: Any, x: np.ndarray) -> list[np.ndarray]:
    return _run_taking(session, [x])


@dataclass
class OcrStages:
    """Detection + recognition of one page image, equal to PaddleX's ``OCRPipeline.predict`` output.

    Args:
        pipeline: PaddleX's inner ``_OCRPipeline`` (its predictors' pre/post-processing objects are used as is).
        det_sessions: detection sessions by intra-op thread count (1 … CPUs); the largest that the free CPU
            slots allow is used.
        rec_session: the recognizer session (``rec_threads`` intra-op threads; ``run`` is thread-safe, so the
            workers share it).
        slots: this engine's CPU slots (its share of the thread budget).
        rec_workers: recognizer batches run at once: the caller's thread and a pool of ``rec_workers - 1``
            helper threads (owned here; ``close`` ends it) take the batches in turn.
        rec_threads: intra-op threads of ``rec_session`` (slots one batch takes).
        rec_min_width_px: the narrowest a recognizer line is padded to; None = PaddleX's (its ``rec_image_shape``
            width, 320).
        det_band_megapixels: pages larger than this (at the detector's scale) are detected in bands; 0 = whole.
        det_band_overlap_px: how far the bands overlap, in detector pixels (taller lines may be cut).
    """

    pipeline: Any
    det_sessions: dict[int, Any]
    rec_session: Any
    slots: CpuSlots
    rec_workers: int = 1
    rec_threads: int = 1
    rec_min_width_px: int | None = None
    rec_width_step_px: int = 0
    det_band_megapixels: float = 0.0
    det_band_overlap_px: int = 320
    _executor: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.rec_workers > 1:  # the caller's thread is the first worker
            self._executor = ThreadPoolExecutor(max_workers=self.rec_workers - 1, thread_name_prefix="ocr-rec")

    @property
    def _det(self) -> Any:
        return self.pipeline.text_det_model

    @property
    def _rec(self) -> Any:
        return self.pipeline.text_rec_model

    @property
    def rec_batch_size(self) -> int:
        return int(self._rec.batch_sampler.batch_size)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    # --- detection ---------------------------------------------------------------------------------------

    def detect(self, bgr: np.ndarray, **det_kwargs: Any) -> list[np.ndarray]:
        """Text-line quadrilaterals of a BGR page, sorted top to bottom, left to right (as the pipeline sorts).

        The page is resized once, as PaddleX resizes it; a large input is then run in bands of those pixels
        (``det_bands``), so the bands see exactly the whole run's pixels."""
        det = self._det
        params = self.pipeline.get_text_det_params(**det_kwargs)
        (resized,), shapes = det.pre_tfs["Resize"](
            imgs=det.pre_tfs["Read"](imgs=[bgr]),
            limit_side_len=params["limit_side_len"] or det.limit_side_len,
            limit_type=params["limit_type"] or det.limit_type,
            max_side_limit=params["max_side_limit"] if params["max_side_limit"] is not None else det.max_side_limit,
        )
        src_h, src_w = float(shapes[0][0]), float(shapes[0][1])
        height, width = resized.shape[:2]
        bands = det_bands(width, height, self.det_band_megapixels, self.det_band_overlap_px)
        if len(bands) == 1:
            return list(self.pipeline._sort_boxes(self._detect_run(resized, shapes, params)))
        y_scale = src_h / height  # input rows to page rows, as the whole run's post-processing scales them
        polys = []
        for band in bands:
            band_shape = [np.array([(band.bottom - band.top) * y_scale, src_w, 1.0, 1.0])]
            for poly in self._detect_run(resized[band.top:band.bottom], band_shape, params):
                poly = poly.astype(np.float32)
                poly[:, 1] += band.top * y_scale
                if band.keep_from <= poly[:, 1].mean() / y_scale < band.keep_to:
                    polys.append(np.round(poly).astype(np.int16))
        return list(self.pipeline._sort_boxes(polys)) if polys else []

    def _detect_run(self, resized: np.ndarray, shapes: list[Any], params: dict[str, Any]) -> Any:
        """One detector run on input pixels (already resized): quadrilaterals in page pixels, unsorted."""
        det = self._det
        # the normalized and CHW copies are temporaries: only the batch (float32, 30 MB at 2.5 MP) lives in the run
        x = [det.pre_tfs["ToBatch"](imgs=det.pre_tfs["ToCHW"](imgs=det.pre_tfs["Normalize"](imgs=[resized])))[0]]
        threads = self.slots.acquire(max(self.det_sessions), minimum=min(self.det_sessions))
        try:
            usable = max(t for t in self.det_sessions if t <= threads)
            preds = _run_taking(self.det_sessions[usable], x)
        finally:
            self.slots.release(threads)
        polys, _scores = det.post_op(
            preds, shapes,
            thresh=params["thresh"] or det.thresh,
            box_thresh=params["box_thresh"] or det.box_thresh,
            unclip_ratio=params["unclip_ratio"] or det.unclip_ratio,
        )
        return polys[0]

    # --- recognition -------------------------------------------------------------------------------------

    def _read_batch(self, crops: Sequence[np.ndarray]) -> tuple[list[str], list[float]]:
        rec = self._rec
        images = rec.pre_tfs["Read"](imgs=list(crops))
        resize = rec.pre_tfs["ReisizeNorm"]
        if self.rec_min_width_px is None or resize.input_shape is not None:  # static-shape models: as PaddleX
            normed = resize(imgs=images)
        else:
            normed = [resize_to_min_width(resize, image, self.rec_min_width_px) for image in images]
        x = pad_width(rec.pre_tfs["ToBatch"](imgs=normed)[0], self.rec_width_step_px)
        best_path = getattr(self.rec_session, "run_best_path", None)  # OpenVINO's (lib.ocr.openvino_rec)
        taken = self.slots.acquire(self.rec_threads, minimum=self.rec_threads)
        try:
            if best_path is not None:
                steps, probs = best_path(np.ascontiguousarray(x))
            else:
                preds = _run(self.rec_session, x)
        finally:
            self.slots.release(taken)
        if best_path is None:
            texts, scores = rec.post_op(preds, return_word_box=False)
            return list(texts), [float(s) for s in scores]
        # PaddleX's CTCLabelDecode.__call__ after its argmax/max: decode the best path, keep (text, score)
        decoded = rec.post_op.decode(steps, probs, is_remove_duplicate=True, return_word_box=False)
        return [d[0] for d in decoded], [float(d[1]) for d in decoded]

    def read(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text and score per crop, in the crops' order. Batches as the pipeline makes them: crops sorted by
        width/height, then ``rec_batch_size`` at a time (a batch is padded to its widest crop, so the batches
        must stay the same for the same text)."""
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / float(crops[i].shape[0]))
        size = self.rec_batch_size
        batches = [order[i:i + size] for i in range(0, len(order), size)]
        results: list[tuple[list[str], list[float]]] = [([], [])] * len(batches)
        # widest first, alternating with the narrowest: the longest batches do not end up alone at the end, and
        # the two widest (the most memory) do not run at the same time
        work = [k for pair in zip(reversed(range(len(batches))), range(len(batches)), strict=True) for k in pair]
        work = list(dict.fromkeys(work))
        counter = itertools.count()  # the next batch to take (``next`` on it is atomic)

        def drain() -> None:
            while (n := next(counter)) < len(work):
                k = work[n]
                results[k] = self._read_batch([crops[i] for i in batches[k]])

        helpers = ([] if self._executor is None else
                   [self._executor.submit(drain) for _ in range(min(self.rec_workers, len(batches)) - 1)])
        try:
            drain()  # the caller's thread reads batches too, so rec_workers batches need rec_workers - 1 helpers
        finally:
            for helper in helpers:
                helper.result()
        out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for batch, (texts, scores) in zip(batches, results, strict=True):
            for i, text, score in zip(batch, texts, scores, strict=True):
                out[i] = (text, score)
        return out

    # --- both --------------------------------------------------------------------------------------------

    def __call__(self, bgr: np.ndarray, **det_kwargs: Any) -> list[RecognizedLine]:
        """Detect and read a BGR page; lines in the pipeline's order, with the same filtering (empty crops out,
        ``text_rec_score_thresh``)."""
        polys = self.detect(bgr, **det_kwargs)
        if not polys:
            return []
        crops, kept = [], []
        for crop, poly in zip(self.pipeline._crop_by_polys(bgr, polys), polys, strict=True):
            if crop.size > 0 and crop.shape[0] > 0 and crop.shape[1] > 0:
                crops.append(crop)
                kept.append(poly)
        thresh = self.pipeline.text_rec_score_thresh
        read = self.read(crops)
        release = getattr(self.rec_session, "release_memory", None)  # OpenVINO's (lib.ocr.openvino_rec)
        if release is not None:
            release()
        return [RecognizedLine(np.asarray(poly), text, score)
                for poly, (text, score) in zip(kept, read, strict=True) if score >= thresh]
