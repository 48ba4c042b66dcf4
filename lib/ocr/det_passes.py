"""The text detector run in passes over row bands, with the whole page's squeeze-excitation statistics.

Why: the detector's working memory follows its input. On a 2.5 MP page its quarter-resolution stages hold several
~57 MB tensors at once (0.35–0.45 GB), the largest part of the service's peak. Plain bands (``OCR_DET_BAND_*``)
change the output, because the model's squeeze-excitation (SE) blocks average over the whole input and a band sees
other averages. Here the model is cut (once, at set-up, with ``onnx``) at the SE blocks of its 1/4 and 1/8 levels:

- the local parts (convolutions, activations, up-sampling) run in row bands with enough extra rows (a halo) that
  every kept row sees the same pixels as in the whole run;
- the SE averages are taken over the whole band-assembled tensor, and the SE's own small layers turn them into the
  channel scales that the next banded part takes as an input;
- the stages at 1/16 resolution and below (small tensors) run once on the whole page.

The output is the whole model's up to float rounding (SE means summed in another order; convolution kernels on
other shapes): probability maps within ~3e-4, and the same text lines (``tests/test_det_passes.py``). On a 2.5 MP
page the detector's peak is ~0.15 GB instead of ~0.37 GB, and small bands keep the working set in cache, so the
passes are not slower than the whole run (docs/benchmarks.md, "The detector in passes").

Only models with a known cut plan are split (``PLANS``); anything else runs whole. ``prepare`` writes the parts and
a manifest (the source's sha256, and the difference it measured on a synthetic page) next to the model;
``load_parts`` refuses parts made from another file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from lib.settings import Settings

__all__ = ["PLANS", "PLAN_VERSION", "PassPlan", "Step", "DetectorInPasses", "prepare", "load_parts", "parts_dir",
           "grid_bands", "passes_wanted", "detector_passes_used"]

PLAN_VERSION = 2
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Step:
    """One part of the cut model.

    ``bands``: run over row bands of the grid (quarter resolution), ``halo`` grid rows borrowed from each neighbour;
    ``whole``: run once on whole tensors; ``scales``: fed the spatial mean of its inputs (what the SE block's pooling
    gives), it returns the SE block's channel scales.
    """

    part: str
    kind: Literal["bands", "whole", "scales"]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    halo: int = 0


@dataclass(frozen=True, slots=True)
class PassPlan:
    """Cut points of one detector: its steps, and each banded tensor's rows per grid row (input pixels: 4)."""

    steps: tuple[Step, ...]
    rows: dict[str, Fraction]
    image: str
    output: str


# PP-OCRv6 small det (PP-LCNetV3 backbone, RSE-FPN neck, DB head), tensor names of its ONNX export. Cut at the SE
# blocks of the quarter- and eighth-resolution levels: the backbone's first two stages (ReduceMean.1, .3), the
# neck's lateral convolutions of those levels (pool2d.3, .4) and their output convolutions (pool2d.7, .8).
# Everything at 1/16 and below ("low") runs whole.
_V6 = {
    "x": "x", "t12": "p2o.pd_op.depthwise_conv2d.0.0", "s0": "p2o.pd_op.hardsigmoid.0.0", "c2": "Add.33",
    "t44": "p2o.pd_op.depthwise_conv2d.3.0", "s1": "p2o.pd_op.hardsigmoid.1.0", "c3": "Add.65",
    "p4": "Add.179", "o4": "Add.199", "o5": "Add.191", "sl3": "p2o.pd_op.hardsigmoid.7.0", "p3": "Add.181",
    "t213": "p2o.pd_op.conv2d.59.0", "s6": "p2o.pd_op.hardsigmoid.11.0", "s3": "p2o.pd_op.hardsigmoid.8.0",
    "n2": "p2o.pd_op.conv2d.62.0", "s7": "p2o.pd_op.hardsigmoid.12.0", "out": "fetch_name_0",
}
PLANS: dict[str, PassPlan] = {
    "PP-OCRv6_small_det": PassPlan(
        steps=(
            Step("stem", "bands", (_V6["x"],), (_V6["t12"],), halo=4),  # stem + first block up to its SE pooling
            Step("se0", "scales", (_V6["t12"],), (_V6["s0"],)),
            Step("stage1", "bands", (_V6["t12"], _V6["s0"]), (_V6["c2"],), halo=2),
            Step("stage2a", "bands", (_V6["c2"],), (_V6["t44"],), halo=4),  # down to 1/8, up to its SE pooling
            Step("se1", "scales", (_V6["t44"],), (_V6["s1"],)),
            Step("stage2b", "bands", (_V6["t44"], _V6["s1"]), (_V6["c3"],), halo=4),
            Step("low", "whole", (_V6["c3"],), (_V6["p4"], _V6["o4"], _V6["o5"])),
            Step("sel3", "scales", (_V6["c3"],), (_V6["sl3"],)),  # its 1x1 conv commutes with the mean
            Step("neck3a", "bands", (_V6["c3"], _V6["sl3"], _V6["p4"]), (_V6["p3"],)),
            Step("neck3b", "bands", (_V6["p3"],), (_V6["t213"],), halo=8),
            Step("se6", "scales", (_V6["t213"],), (_V6["s6"],)),
            Step("se3", "scales", (_V6["c2"],), (_V6["s3"],)),  # its 1x1 conv commutes with the mean
            Step("neck2", "bands", (_V6["c2"], _V6["s3"], _V6["p3"]), (_V6["n2"],), halo=4),
            Step("se7", "scales", (_V6["n2"],), (_V6["s7"],)),
            Step("head", "bands", (_V6["n2"], _V6["s7"], _V6["t213"], _V6["s6"], _V6["o4"], _V6["o5"]),
                 (_V6["out"],), halo=8),
        ),
        rows={_V6["x"]: Fraction(4), _V6["t12"]: Fraction(1), _V6["c2"]: Fraction(1), _V6["n2"]: Fraction(1),
              _V6["t44"]: Fraction(1, 2), _V6["c3"]: Fraction(1, 2), _V6["p3"]: Fraction(1, 2),
              _V6["t213"]: Fraction(1, 2), _V6["p4"]: Fraction(1, 4), _V6["o4"]: Fraction(1, 4),
              _V6["o5"]: Fraction(1, 8), _V6["out"]: Fraction(4)},
        image=_V6["x"],
        output=_V6["out"],
    ),
}
GRID_ALIGN = 8  # grid rows: the coarsest banded input (1/8 of the grid) must start on a whole row; the input's
# height is a multiple of 32 (the detector's own requirement), so the grid's is a multiple of 8
BAND_GRID_ROWS = 64  # 256 input rows: in process the fastest of 32/64/128, and each band's tensors stay ~10 MB


def grid_bands(grid_rows: int, band_rows: int, halo: int) -> list[tuple[int, int, int, int]]:
    """(keep_from, keep_to, run_from, run_to) grid rows of each band: the kept rows tile ``grid_rows`` once, the
    run rows add ``halo`` on each side (clipped to the page)."""
    return [(a, min(grid_rows, a + band_rows), max(0, a - halo), min(grid_rows, a + band_rows + halo))
            for a in range(0, grid_rows, band_rows)]


def _rows(tensor: np.ndarray, start: int, stop: int) -> np.ndarray:
    return np.ascontiguousarray(tensor[:, :, start:stop])


class DetectorInPasses:
    """The detector's parts behind the one method ``OcrStages`` calls on a session: ``run(None, {input: x})``.

    Args:
        plan: the cut plan.
        sessions: one onnxruntime session (or anything with ``run``) per part, by part name.
        band_rows: grid rows per band (a multiple of ``GRID_ALIGN``).
    """

    def __init__(self, plan: PassPlan, sessions: dict[str, Any], band_rows: int = BAND_GRID_ROWS) -> None:
        if band_rows % GRID_ALIGN:
            raise ValueError(f"band_rows must be a multiple of {GRID_ALIGN}")
        self.plan, self.sessions, self.band_rows = plan, sessions, band_rows
        last_use: dict[str, int] = {}
        for i, step in enumerate(plan.steps):
            for name in step.inputs:
                last_use[name] = i
        self._last_use = last_use

    def get_inputs(self) -> list[Any]:
        return [_Input(self.plan.image)]

    def run(self, _output_names: Any, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        """As ``InferenceSession.run``, but the input is taken out of ``feeds``: when the caller keeps no other
        reference, it is freed after the first part (~30 MB of a 2.5 MP page not held through the later ones)."""
        return [self.detect(feeds.pop(self.plan.image))]

    def detect(self, image: np.ndarray) -> np.ndarray:
        """The probability map of an NCHW float32 input (what the whole model's one output is)."""
        grid_rows = image.shape[2] // 4  # the input's height is a multiple of 32, as the whole model needs too
        tensors: dict[str, np.ndarray] = {self.plan.image: image}
        del image  # freed after its last use below, unless the caller still holds it
        for i, step in enumerate(self.plan.steps):
            session = self.sessions[step.part]
            if step.kind == "scales":
                means = {n: tensors[n].mean(axis=(2, 3), dtype=np.float64, keepdims=True).astype(np.float32)
                         for n in step.inputs}
                tensors[step.outputs[0]] = session.run(None, means)[0]
            elif step.kind == "whole":
                outs = session.run(None, {n: tensors[n] for n in step.inputs})
                tensors.update(zip(step.outputs, outs, strict=True))
            else:
                tensors[step.outputs[0]] = self._bands(step, session, tensors, grid_rows)
            for name in step.inputs:  # free what no later step reads
                if self._last_use.get(name) == i:
                    del tensors[name]
        return tensors[self.plan.output]

    def _bands(self, step: Step, session: Any, tensors: dict[str, np.ndarray], grid_rows: int) -> np.ndarray:
        rows = self.plan.rows
        out_name = step.outputs[0]
        out_scale = rows[out_name]
        bands = grid_bands(grid_rows, self.band_rows, step.halo)
        result: np.ndarray | None = None
        for keep_from, keep_to, run_from, run_to in bands:
            whole = len(bands) == 1
            feeds = {n: tensors[n] if whole or n not in rows
                     else _rows(tensors[n], int(run_from * rows[n]), int(run_to * rows[n]))
                     for n in step.inputs}
            part = session.run(None, feeds)[0]
            if whole:
                return part
            if result is None:
                shape = list(part.shape)
                shape[2] = int(grid_rows * out_scale)
                result = np.empty(shape, dtype=part.dtype)
            lo, hi = int((keep_from - run_from) * out_scale), int((keep_to - run_from) * out_scale)
            result[:, :, int(keep_from * out_scale):int(keep_to * out_scale)] = part[:, :, lo:hi]
        assert result is not None
        return result


@dataclass(frozen=True, slots=True)
class _Input:
    name: str


def passes_wanted(settings: Settings) -> bool:
    """The settings ask for passes: ``OCR_DET_PASSES`` on our own stages, and no plain bands (those win when set)."""
    return (settings.ocr_det_passes and settings.ocr_stages and settings.ocr_engine == "onnxruntime"
            and not settings.ocr_det_band_megapixels)


def detector_passes_used(settings: Settings, det_model: str) -> bool:
    """Whether the detector will run in passes: wanted, and parts prepared from the model file in OCR_MODEL_DIR."""
    return passes_wanted(settings) and load_parts(det_model, settings.ocr_model_dir / det_model) is not None


def parts_dir(model_dir: Path) -> Path:
    return model_dir / "passes"


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def load_parts(model_name: str, model_dir: Path) -> dict[str, Path] | None:
    """The part files made by ``prepare`` from this very model file, or None (no plan, not prepared, stale)."""
    plan = PLANS.get(model_name)
    folder = parts_dir(model_dir)
    source = model_dir / "inference.onnx"
    if plan is None or not (folder / MANIFEST).is_file() or not source.is_file():
        return None
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("plan_version") != PLAN_VERSION or manifest.get("source_sha256") != _sha256(source):
        return None
    paths = {step.part: folder / f"{step.part}.onnx" for step in plan.steps}
    return paths if all(p.is_file() for p in paths.values()) else None


def synthetic_page(width: int = 1088, height: int = 1536) -> np.ndarray:
    """A receipt-like page (text lines top to bottom) as the detector's normalized NCHW input."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    for i, y in enumerate(range(24, height - 40, 44)):
        draw.text((30 + (i * 37) % 200, y), f"ITEM {i:03d} QTY {i % 7} x 12.50  TOTAL {i * 3.5:.2f}", fill="black",
                  font_size=26 + (i % 3) * 4)
    bgr = np.asarray(page, dtype=np.float32)[:, :, ::-1] / 255.0
    mean, std = np.array([0.485, 0.456, 0.406], np.float32), np.array([0.229, 0.224, 0.225], np.float32)
    return np.ascontiguousarray(((bgr - mean) / std).transpose(2, 0, 1)[None])


def prepare(model_name: str, model_dir: Path, make_session: Callable[[Path], Any] | None = None,
            *, max_abs_diff: float = 2e-3) -> dict[str, Any] | None:
    """Cut ``model_dir/inference.onnx`` by its plan into ``model_dir/passes/`` and check the parts against the
    whole model on a synthetic page; idempotent. Returns the manifest, or None when the model has no plan.

    Raises RuntimeError when the parts' output differs from the whole model's (nothing is kept then)."""
    plan = PLANS.get(model_name)
    if plan is None:
        return None
    if load_parts(model_name, model_dir) is not None:
        return json.loads((parts_dir(model_dir) / MANIFEST).read_text(encoding="utf-8"))
    import onnx  # set-up only: the service loads the written parts with onnxruntime
    import onnx.utils

    source = model_dir / "inference.onnx"
    folder = parts_dir(model_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    for stale in folder.glob("*.onnx"):  # parts of an older plan
        stale.unlink()
    extractor = onnx.utils.Extractor(onnx.load(str(source)))
    for step in plan.steps:
        onnx.save(extractor.extract_model(list(step.inputs), list(step.outputs)), str(folder / f"{step.part}.onnx"))
    make = make_session or _default_session
    whole = make(source)
    passes = DetectorInPasses(plan, {step.part: make(folder / f"{step.part}.onnx") for step in plan.steps})
    x = synthetic_page()
    expected = whole.run(None, {plan.image: x})[0]
    got = passes.detect(x)
    diff = float(np.abs(expected - got).max())
    flipped = int(((expected > 0.3) != (got > 0.3)).sum())
    if diff > max_abs_diff or flipped > expected.size // 10_000:
        raise RuntimeError(f"{model_name}: detector passes differ from the whole model (max {diff:.2e}, "
                           f"{flipped} pixels across the threshold); not used")
    manifest = {"plan_version": PLAN_VERSION, "source_sha256": _sha256(source), "model": model_name,
                "check": {"page": list(x.shape), "max_abs_diff": diff, "pixels_across_threshold": flipped}}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _default_session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
