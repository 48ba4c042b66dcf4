"""The text recognizer on OpenVINO in bfloat16, behind onnxruntime's session interface (issue 11, OCR speed).

Why: on CPUs with native bfloat16 (Intel AMX or AVX512-BF16), OpenVINO runs the PP-OCR recognizer's
convolutions and matrix products in bfloat16: the recognizer takes ~0.6 of its onnxruntime time and a scanned
page's OCR ~0.7 (12 SROIE scans, in process), at the same accuracy on ``sroie-dev`` (docs/benchmarks.md,
"The recognizer in bfloat16 on OpenVINO"). onnxruntime has no bfloat16 path on x86. The detector stays on
onnxruntime in float32: in bfloat16 its boxes move and it gains little.

``OCR_REC_RUNTIME``: ``auto`` (default) takes OpenVINO bfloat16 where the CPU computes in bfloat16 natively and
the ``openvino`` package imports, onnxruntime otherwise; ``onnxruntime``, ``openvino-bf16`` and ``openvino-f32``
force one. On a CPU without bfloat16, OpenVINO would emulate it slowly, so ``auto`` never picks it there.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from lib.settings import Settings

__all__ = ["OpenVinoSession", "RecRuntime", "cpu_has_bf16", "rec_runtime_of", "resolve_rec_runtime"]

RecRuntime = Literal["onnxruntime", "openvino-bf16", "openvino-f32"]
_BF16_FLAGS = {"amx_bf16", "avx512_bf16"}


def cpu_has_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True where the CPU has bfloat16 instructions (AMX or AVX512-BF16), from the kernel's flags."""
    try:
        text = cpuinfo.read_text(errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return bool(_BF16_FLAGS & set(line.split(":", 1)[-1].split()))
    return False


@functools.cache
def _openvino_importable() -> bool:
    try:
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_rec_runtime(requested: str, *, stages: bool = True, has_bf16: bool | None = None,
                        openvino_ok: bool | None = None) -> tuple[RecRuntime, list[str]]:
    """The recognizer runtime these settings get on this machine, and warnings for what could not be honoured.

    Only the service's own stage scheduling (``OCR_STAGES=true``) can run the recognizer outside onnxruntime.
    """
    warnings: list[str] = []
    if requested == "onnxruntime":
        return "onnxruntime", warnings
    if not stages:
        if requested != "auto":
            warnings.append(f"OCR_REC_RUNTIME={requested} needs OCR_STAGES=true; using onnxruntime")
        return "onnxruntime", warnings
    ov_ok = _openvino_importable() if openvino_ok is None else openvino_ok
    bf16 = cpu_has_bf16() if has_bf16 is None else has_bf16
    if requested == "auto":
        return ("openvino-bf16" if ov_ok and bf16 else "onnxruntime"), warnings
    if requested not in ("openvino-bf16", "openvino-f32"):
        raise ValueError(f"unknown recognizer runtime {requested!r}")
    if not ov_ok:
        warnings.append(f"OCR_REC_RUNTIME={requested}: the openvino package is not installed; using onnxruntime")
        return "onnxruntime", warnings
    if requested == "openvino-bf16" and not bf16:
        warnings.append("OCR_REC_RUNTIME=openvino-bf16 on a CPU without bfloat16 instructions: emulated, slower "
                        "than onnxruntime")
    return ("openvino-bf16" if requested == "openvino-bf16" else "openvino-f32"), warnings


def rec_runtime_of(settings: Settings) -> RecRuntime:
    """The runtime ``build_engine_pool`` gives the recognizer under these settings on this machine."""
    return resolve_rec_runtime(settings.ocr_rec_runtime,
                               stages=settings.ocr_stages and settings.ocr_engine == "onnxruntime")[0]


@dataclass(frozen=True)
class _Input:
    name: str


class OpenVinoSession:
    """An OpenVINO compiled model with the two methods ``OcrStages`` calls on an onnxruntime session.

    ``streams`` recognizer batches can run at once (``threads`` CPU threads shared between the streams), as the
    stage scheduler runs ``OCR_REC_WORKERS`` batches side by side. An infer request is not thread-safe, so each
    call takes an idle one (made on first need: as many exist as batches ever ran at once).

    Memory: OpenVINO keeps each request's working buffers, and compiled kernels per input shape, after a call.
    With its runtime cache bounded (``CPU_RUNTIME_CACHE_CAPACITY``), oneDNN's kernel cache bounded
    (``kernel_cache``, ``OCR_REC_KERNEL_CACHE``) and ``release_memory`` after every page, RSS stays flat after
    the first pages (~0.25 GB above onnxruntime's); without them it grew with every new line width.
    ``shape_cache`` (``OCR_REC_SHAPE_CACHE``) keeps prepared executors for that many shapes (its runtime cache, LRU):
    layers of one shape share them within a batch and recurring widths across batches, ~0.9 of a scan's time
    for ~50-90 MB (32; unbounded it grew past 2 GB in 100 scans). The same batch reads the same whatever ran before.
    """

    def __init__(self, model_path: Path, *, threads: int, streams: int, precision: str,
                 kernel_cache: int | None = None, shape_cache: int = 0) -> None:
        if kernel_cache is not None:  # read by oneDNN when it makes its first kernel; a user's own value wins
            os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(kernel_cache))
        import openvino as ov

        core = ov.Core()
        model = core.read_model(str(model_path))
        config = {
            "INFERENCE_PRECISION_HINT": precision,
            "INFERENCE_NUM_THREADS": max(threads, streams),
            "NUM_STREAMS": streams,
            "PERFORMANCE_HINT": "THROUGHPUT" if streams > 1 else "LATENCY",
            "CPU_RUNTIME_CACHE_CAPACITY": shape_cache,
        }
        self.config = config  # as given to OpenVINO (its compiled model does not report all of them back)
        self.compiled = core.compile_model(model, "CPU", config)
        self._input = _Input(model.inputs[0].get_any_name())
        self._outputs = list(self.compiled.outputs)
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._running = 0
        self._first_call = threading.Lock()
        self._warm = False

    def get_inputs(self) -> list[_Input]:
        return [self._input]

    def run(self, _output_names: Any, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        return self._infer(feeds[self._input.name], lambda outputs: [np.array(o) for o in outputs])

    def run_best_path(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The recognizer's best class and its probability per time step (what CTC decoding reads), taken on
        OpenVINO's own output buffer: the (batch × steps × 18,710 classes) probabilities are not copied out
        twice as ``run`` + PaddleX's decoder would (~45 MB a batch). The same float32 arithmetic as PaddleX's
        ``argmax``/``max``, so the same text and scores."""
        return self._infer(x, lambda outputs: (outputs[0].argmax(axis=-1), outputs[0].max(axis=-1)))

    def _infer(self, x: np.ndarray, read: Any) -> Any:
        """One batch on an idle infer request. The first batch runs alone: OpenVINO's Python binding initializes
        function-local statics on its first inference and output read while letting go of the GIL, and two threads
        doing that at once deadlock (seen: the main thread waiting in ``__cxa_guard_acquire`` under the GIL, a
        recognizer worker inside the guard waiting for the GIL, in a fresh process's first two batches)."""
        if not self._warm:
            with self._first_call:
                if not self._warm:
                    out = self._infer_on_idle_request(x, read)
                    self._warm = True
                    return out
        return self._infer_on_idle_request(x, read)

    def _infer_on_idle_request(self, x: np.ndarray, read: Any) -> Any:
        with self._lock:
            self._running += 1
            request = self._idle.pop() if self._idle else None
        try:
            if request is None:
                request = self.compiled.create_infer_request()
            result = request.infer({0: x}, share_outputs=True)  # views of the request's buffers: read them here
            return read([result[output] for output in self._outputs])
        finally:
            with self._lock:
                self._running -= 1
                if request is not None:
                    self._idle.append(request)

    def release_memory(self) -> bool:
        """Free OpenVINO's working buffers when no batch is running (else False: the last one out does it)."""
        with self._lock:
            if self._running:
                return False
            self.compiled.release_memory()
            return True
