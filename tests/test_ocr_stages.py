"""Detection and recognition scheduled by the service (``lib.ocr.stages``): the same spans as PaddleX's pipeline,
within the thread budget. No timings here (docs/benchmarks.md has them)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from lib.ocr.cpu_budget import plan_threads
from lib.ocr.stages import CpuSlots
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

    common = {"ocr_lang": "en", "ocr_concurrency": 1, "omp_num_threads": 2}
    old = build_engine_pool(Settings(ocr_stages=False, **common))  # type: ignore[arg-type]
    new = build_engine_pool(Settings(ocr_stages=True, ocr_pages_per_engine=2, **common))  # type: ignore[arg-type]
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
