"""The detector in passes over row bands (lib/ocr/det_passes.py): the whole model's output, its set-up, its keys."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from lib.ocr.det_passes import (
    PLANS,
    DetectorInPasses,
    detector_passes_used,
    grid_bands,
    load_parts,
    prepare,
    synthetic_page,
)
from lib.render import decode_image
from lib.settings import PROJECT_ROOT, Settings

SAMPLES = PROJECT_ROOT / "samples"
DET = "PP-OCRv6_small_det"
DET_DIR = Settings().ocr_model_dir / DET


@pytest.mark.parametrize(("rows", "band", "halo"), [(384, 64, 8), (100, 64, 4), (64, 64, 8), (8, 64, 2)])
def test_bands_keep_every_row_once_and_borrow_a_halo_within_the_page(rows, band, halo):
    bands = grid_bands(rows, band, halo)
    kept = [r for keep_from, keep_to, _, _ in bands for r in range(keep_from, keep_to)]
    assert kept == list(range(rows))
    for keep_from, keep_to, run_from, run_to in bands:
        assert run_from == max(0, keep_from - halo) and run_to == min(rows, keep_to + halo)


@pytest.fixture(scope="module")
def sessions():
    """The whole model and its parts, built once for the module."""
    import onnxruntime as ort

    parts = load_parts(DET, DET_DIR)
    assert parts is not None, "scripts/setup.sh (python -m lib.ocr_models) prepares the detector's parts"

    def session(path):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])

    return session(DET_DIR / "inference.onnx"), DetectorInPasses(PLANS[DET], {k: session(p) for k, p in parts.items()})


@pytest.mark.parametrize(("width", "height"), [(1088, 1536), (448, 1024), (992, 2496), (320, 96), (640, 992)])
def test_passes_give_the_whole_models_map(sessions, width, height):
    """Several bands, one band, a last band shorter than the others: the probability map of the whole model up to
    float rounding, and the same pixels above the detector's threshold (0.3)."""
    whole, passes = sessions
    x = synthetic_page(width, height)
    expected = whole.run(None, {"x": x})[0]
    got = passes.run(None, {"x": x})[0]
    assert got.shape == expected.shape
    assert float(np.abs(got - expected).max()) < 2e-3
    assert int(((got > 0.3) != (expected > 0.3)).sum()) <= expected.size // 100_000


def test_a_real_receipt_reads_the_same_in_passes():
    """Through the service's engine: the same lines, boxes and readings as the whole-page detector."""
    from lib.ocr_engine import build_engine_pool

    common = {"ocr_lang": "en", "ocr_concurrency": 1, "omp_num_threads": 2}
    passes = build_engine_pool(Settings(**common))  # type: ignore[arg-type]
    whole = build_engine_pool(Settings(ocr_det_passes=False, **common))  # type: ignore[arg-type]
    assert passes.det_passes and not whole.det_passes
    assert passes.fingerprint != whole.fingerprint  # not bit-identical maps: an OCR cache key of their own
    image = decode_image((SAMPLES / "receipt_usd.jpg").read_bytes(), max_pixels=60_000_000)
    tall = decode_image((SAMPLES / "receipt_eur.png").read_bytes(), max_pixels=60_000_000)
    for page in (image, tall):
        expected = [(s.text, s.bbox) for s in whole.recognize(page).spans]
        assert len(expected) > 10
        assert [(s.text, s.bbox) for s in passes.recognize(page).spans] == expected


def test_parts_made_from_another_file_are_not_used(tmp_path):
    model = tmp_path / DET
    model.mkdir()
    shutil.copy(DET_DIR / "inference.onnx", model / "inference.onnx")
    manifest = prepare(DET, model)
    assert manifest is not None and manifest["check"]["max_abs_diff"] < 2e-3
    assert load_parts(DET, model) is not None
    assert prepare(DET, model) == manifest  # idempotent: made once
    stale = dict(manifest, source_sha256="0" * 64)
    (model / "passes" / "manifest.json").write_text(json.dumps(stale), encoding="utf-8")
    assert load_parts(DET, model) is None  # e.g. the model file was replaced after set-up
    assert prepare("some_other_det", model) is None and load_parts("some_other_det", model) is None  # no plan


def test_the_settings_decide_and_bands_win(tmp_path):
    assert detector_passes_used(Settings(), DET)
    assert not detector_passes_used(Settings(ocr_det_passes=False), DET)
    assert not detector_passes_used(Settings(ocr_det_band_megapixels=1.3), DET)  # plain bands asked for: those
    assert not detector_passes_used(Settings(ocr_stages=False), DET)  # PaddleX's own pipeline
    assert not detector_passes_used(Settings(ocr_model_dir=tmp_path), DET)  # not prepared: the whole model


def test_passes_have_their_own_ocr_cache_key_and_off_keeps_the_old_one():
    from lib.ocr_cache import ocr_fingerprint

    settings = Settings(ocr_lang="en")
    on = ocr_fingerprint(settings, DET, "rec")
    assert on == ocr_fingerprint(settings, DET, "rec", det_passes=True)
    assert on != ocr_fingerprint(settings, DET, "rec", det_passes=False)
    # off: the key the caches filled before passes existed were written under
    assert ocr_fingerprint(Settings(ocr_lang="en", ocr_det_passes=False), DET, "rec") == ocr_fingerprint(
        settings, DET, "rec", det_passes=False)
