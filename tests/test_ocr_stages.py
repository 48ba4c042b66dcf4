"""Detection and recognition scheduled by the service (``lib.ocr.stages``): the same spans as PaddleX's pipeline,
within the thread budget. No timings here (docs/benchmarks.md has them)."""

from __future__ import annotations

import dataclasses
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from lib.ocr.cpu_budget import plan_threads
from lib.ocr.stages import CpuSlots, det_bands
from lib.render import decode_image
from lib.settings import PROJECT_ROOT, Settings

SAMPLES = PROJECT_ROOT / "samples"


def test_slots_never_hand_out_more_than_the_total():
    slots = CpuSlots(2)
    assert slots.acquire(2) == 2 and slots.free == 0
    slots.release(2)
    assert slots.acquire(1) == 1
    assert slots.acquire(2) == 1  # takes what is free, at least one
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(slots.acquire(2, minimum=2)))
    waiter.start()
    time.sleep(0.05)
    assert not got  # blocked: two are needed, none free
    slots.release(1)
    time.sleep(0.05)
    assert not got  # one free is still not two
    slots.release(1)
    waiter.join(timeout=5)
    assert got == [2] and slots.free == 0


@pytest.mark.parametrize(
    ("cpus", "engines", "threads", "rec_workers", "pages", "expected"),
    [
        (2, None, None, None, None, (1, 2, 2, 1, 1)),  # auto: 1 engine × 2 threads, 2 batches × 1 thread, 1 page
        (8, None, None, None, None, (1, 8, 8, 1, 1)),
        (4, 2, None, None, 2, (2, 2, 2, 1, 2)),  # explicit: two pages per engine, on its two threads
        (2, 2, None, None, None, (2, 1, 1, 1, 1)),  # one thread per engine: nothing to split
        (4, None, None, 2, 1, (1, 4, 2, 2, 1)),  # explicit: 2 batches × 2 threads
        (2, None, None, 8, None, (1, 2, 2, 1, 1)),  # never more batch threads than the engine's
    ],
)
def test_plan_splits_an_engines_threads_without_adding_any(cpus, engines, threads, rec_workers, pages, expected):
    plan = plan_threads(cpus, engines=engines, threads=threads, rec_workers=rec_workers, pages_per_engine=pages)
    assert (plan.engines, plan.intra_op_threads, plan.rec_workers, plan.rec_threads,
            plan.pages_per_engine) == expected
    assert plan.rec_workers * plan.rec_threads <= plan.intra_op_threads
    assert plan.threads <= cpus and not plan.warnings


def _spans(page):
    return [(s.text, s.bbox, s.score) for s in page.spans]


@pytest.fixture(scope="module")
def pools():
    from lib.ocr_engine import build_engine_pool

    # the recognizer on onnxruntime in both: PaddleX's pipeline has no other (test_ocr_openvino.py compares those)
    common = {"ocr_lang": "en", "ocr_concurrency": 1, "omp_num_threads": 2, "ocr_rec_runtime": "onnxruntime"}
    old = build_engine_pool(Settings(ocr_stages=False, **common))  # type: ignore[arg-type]
    new = build_engine_pool(Settings(ocr_stages=True, ocr_pages_per_engine=2,  # type: ignore[arg-type]
                                     ocr_det_band_megapixels=0, **common))
    return old, new


def test_stages_give_the_pipelines_spans_also_two_pages_at_once(pools):
    old, new = pools
    assert new.size == 2 and old.size == 1  # two pages at once on the one engine's two threads
    engine = new.engines.queue[0]
    assert engine.stages is not None and engine.stages.rec_workers == 2
    assert sorted(engine.stages.det_sessions) == [1, 2]  # all threads alone, one while another page holds one
    assert all(e.stages is engine.stages for e in new.engines.queue)  # the pages share the engine's slots
    images = [decode_image((SAMPLES / name).read_bytes(), max_pixels=60_000_000)
              for name in ("receipt_eur.png", "receipt_usd.jpg")]
    expected = [_spans(old.recognize(image)) for image in images]
    assert all(len(spans) > 10 for spans in expected)
    with ThreadPoolExecutor(2) as clients:  # both pages in flight: slots shared, det on 1 or 2 threads
        assert [_spans(page) for page in clients.map(new.recognize, images)] == expected
    assert engine.stages.slots.free == engine.stages.slots.total == 2


def test_a_short_line_is_padded_to_the_min_width_and_320_is_paddlexs_own():
    from paddlex.inference.models.text_recognition.processors import OCRReisizeNormImg

    from lib.ocr.stages import resize_to_min_width

    resize = OCRReisizeNormImg(rec_image_shape=[3, 48, 320])
    rng = np.random.default_rng(0)
    short, long = (rng.integers(0, 255, (24, w, 3), dtype=np.uint8) for w in (40, 300))  # 80 and 600 px at h 48
    assert resize_to_min_width(resize, short, 64).shape == (3, 48, 80)  # its own width
    assert resize_to_min_width(resize, short, 96).shape == (3, 48, 96)  # padded to the minimum
    assert resize_to_min_width(resize, long, 64).shape == (3, 48, 600)
    for image in (short, long):  # 320 = PaddleX's own resize, to the value
        assert np.array_equal(resize_to_min_width(resize, image, 320), resize.resize(image))


def test_a_width_step_pads_a_batch_with_blank_columns_on_the_right():
    from lib.ocr.stages import pad_width

    batch = np.ones((2, 3, 48, 330), dtype=np.float32)
    assert pad_width(batch, 0) is batch and pad_width(batch, 330) is batch  # nothing to do
    padded = pad_width(batch, 64)
    assert padded.shape == (2, 3, 48, 384) and padded.dtype == batch.dtype
    assert np.array_equal(padded[..., :330], batch) and not padded[..., 330:].any()  # PaddleX's padding value


class _Recorder:
    """A recognizer session that records the widths of the batches it is given."""

    def __init__(self, session):
        self.session, self.widths = session, []

    def get_inputs(self):
        return self.session.get_inputs()

    def run(self, names, feeds):
        self.widths.append(next(iter(feeds.values())).shape[3])
        return self.session.run(names, feeds)


def test_batches_are_padded_as_the_setting_says_and_320_keeps_the_spans(pools):
    _, new = pools
    stages = new.engines.queue[0].stages
    bgr = np.ascontiguousarray(np.asarray(
        decode_image((SAMPLES / "receipt_usd.jpg").read_bytes(), max_pixels=60_000_000).convert("RGB"))[:, :, ::-1])
    crops = [c for c in stages.pipeline._crop_by_polys(bgr, stages.detect(bgr)) if c.size > 0][:18]  # 3 batches
    assert len(crops) == 18
    lines, widths = {}, {}
    for min_width in (None, 320, 64):
        recorder = _Recorder(stages.rec_session)
        variant = dataclasses.replace(stages, rec_session=recorder, rec_workers=1, rec_min_width_px=min_width)
        lines[min_width] = variant.read(crops)
        widths[min_width] = sorted(recorder.widths)
    assert min(widths[None]) >= 320 and widths[320] == widths[None]
    assert lines[320] == lines[None]  # the default's text and scores
    assert min(widths[64]) < 320 and min(widths[64]) >= 64  # short batches no longer padded to 320
    assert widths[64][-1] == widths[None][-1]  # the widest batch as before


@pytest.mark.parametrize(("width", "height", "max_mp", "count"), [
    (992, 1216, 1.3, 1),  # below the band size: the page in one run
    (1344, 1888, 1.3, 2),  # a 2.5 MP receipt scan at the detector's input size: two bands
    (992, 4000, 1.3, 4),  # a long till receipt
    (4000, 416, 0.5, 1),  # wide and short: bands would be thinner than 2 overlaps
    (1344, 1888, 0, 1),  # 0 = off
])
def test_bands_tile_the_input_once_and_stay_near_the_band_size(width, height, max_mp, count):
    bands = det_bands(width, height, max_mp, overlap_px=160)
    assert len(bands) == count
    assert bands[0].top == 0 and bands[0].keep_from == 0 and bands[-1].bottom == bands[-1].keep_to == height
    assert all(b.top % 32 == 0 and (b.bottom % 32 == 0 or b.bottom == height) for b in bands)  # the net's stride
    for before, after in zip(bands, bands[1:], strict=False):
        assert before.keep_to == after.keep_from  # every row kept by exactly one band
        assert before.bottom - after.top == 160
        assert before.keep_to - after.top == before.bottom - before.keep_to == 80  # a kept line of <= 80 rows is
        # whole in the band keeping it
    if count > 1:
        assert all((b.bottom - b.top - 160) * width <= max_mp * 1e6 for b in bands)


def test_a_page_detected_in_bands_reads_as_in_one_run(pools):
    """A tall page (two receipts one above the other) in three bands: the same lines in the same places, none
    twice, none cut at a band's edge. (Not bit-identical: the detector's squeeze-excitation blocks pool over their
    input, so a rare character may be read differently.)"""
    _, new = pools
    stages = new.engines.queue[0].stages
    image = np.asarray(decode_image((SAMPLES / "receipt_usd.jpg").read_bytes(), max_pixels=60_000_000)
                       .convert("RGB"))
    bgr = np.ascontiguousarray(np.concatenate([image, image])[:, :, ::-1])  # 678 x 2084 px, 1.4 MP
    assert len(det_bands(672, 2080, 0.5, 160)) == 3  # the detector's input: the page, rounded to 32 px
    whole = stages(bgr)
    in_bands = dataclasses.replace(stages, det_band_megapixels=0.5, rec_workers=1)(bgr)
    assert len(whole) > 40 and len(in_bands) == len(whole)
    same_text = 0
    for line in in_bands:
        centre = line.polygon.mean(0)
        twin = min(whole, key=lambda w: np.abs(w.polygon.mean(0) - centre).max())
        assert np.abs(twin.polygon.mean(0) - centre).max() < 8  # the same line, within a few pixels
        assert abs(np.ptp(twin.polygon[:, 0]) - np.ptp(line.polygon[:, 0])) < 16  # and not cut shorter
        same_text += twin.text == line.text
    assert same_text >= 0.95 * len(whole)


def test_bands_have_their_own_ocr_cache_key_and_off_keeps_the_old_one():
    from lib.ocr_cache import ocr_fingerprint

    def key(**kwargs):
        return ocr_fingerprint(Settings(**kwargs), "det", "rec")

    assert key(ocr_det_band_megapixels=0) == key()  # caches filled before the setting existed stay valid
    assert len({key(), key(ocr_det_band_megapixels=1.3), key(ocr_det_band_megapixels=1.3,
                                                             ocr_det_band_overlap_px=160)}) == 3
    assert key(ocr_det_band_megapixels=1.3, ocr_stages=False) == key(ocr_stages=False)  # PaddleX's path: no bands


def test_the_pool_carries_its_ocr_fingerprint(pools):
    from lib.ocr_cache import ocr_fingerprint

    _, new = pools
    settings = Settings(ocr_lang="en", ocr_concurrency=1, omp_num_threads=2, ocr_rec_runtime="onnxruntime",
                        ocr_stages=True, ocr_pages_per_engine=2, ocr_det_band_megapixels=0)  # type: ignore[arg-type]
    assert new.fingerprint == ocr_fingerprint(settings, new.det.name, new.rec.name)
