"""The OCR queue's accounting with a stand-in engine pool (the real OCR is covered through the API tests)."""

from __future__ import annotations

import asyncio
import math
import threading
import time

import pytest
from PIL import Image

from lib.errors import Overloaded
from lib.ocr_document import Page
from lib.pipelines.ocr_scheduler import OcrScheduler


class SlowPool:
    """Takes ``seconds`` per page in a worker thread, like OCR does; counts concurrent calls."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.running = 0
        self.peak = 0
        self.lock = threading.Lock()

    def recognize(self, image: Image.Image) -> Page:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return Page(width=image.width, height=image.height)


IMG = Image.new("RGB", (10, 10))


def test_concurrency_is_bounded_and_order_kept():
    pool = SlowPool(0.05)
    scheduler = OcrScheduler(pool=pool, concurrency=2, queue_max=8)  # type: ignore[arg-type]
    images = [Image.new("RGB", (10 + i, 10)) for i in range(6)]
    pages = asyncio.run(scheduler.recognize_all(images))
    assert [p.width for p in pages] == [10 + i for i in range(6)]
    assert pool.peak == 2
    assert (scheduler.waiting, scheduler.in_flight) == (0, 0)


def test_full_queue_refuses_but_an_idle_one_takes_any_document():
    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.2), concurrency=1, queue_max=1)  # type: ignore[arg-type]
        assert len(await scheduler.recognize_all([IMG] * 5)) == 5  # idle: a 5-page PDF is never refused
        first = asyncio.ensure_future(scheduler.recognize_all([IMG, IMG]))
        await asyncio.sleep(0.05)
        with pytest.raises(Overloaded) as refused:
            await scheduler.recognize_all([IMG])
        assert refused.value.retry_after_s > 0
        await first
        return scheduler

    scheduler = asyncio.run(run())
    assert (scheduler.waiting, scheduler.in_flight) == (0, 0)


def test_a_cancelled_request_keeps_its_slot_until_the_thread_is_done():
    async def run():
        pool = SlowPool(0.3)
        scheduler = OcrScheduler(pool=pool, concurrency=1, queue_max=4)  # type: ignore[arg-type]
        request = asyncio.ensure_future(scheduler.recognize_all([IMG, IMG, IMG]))
        await asyncio.sleep(0.05)
        request.cancel()
        await asyncio.sleep(0.01)
        during = (scheduler.waiting, scheduler.in_flight)  # the first page still runs in its thread
        await asyncio.sleep(0.4)
        return during, (scheduler.waiting, scheduler.in_flight), pool.peak

    during, after, peak = asyncio.run(run())
    assert during == (0, 1)
    assert after == (0, 0)
    assert peak == 1


def test_queue_is_bounded_by_expected_wait_with_an_honest_retry_after():
    scheduler = OcrScheduler(pool=SlowPool(0), concurrency=2, queue_max=100, max_wait_s=12,  # type: ignore[arg-type]
                             page_s=4.0)
    scheduler.in_flight, scheduler.waiting = 2, 5  # 5 waiting on 2 engines at 4 s a page
    assert scheduler.expected_wait_s(1) == pytest.approx(12)  # starts after 6 of the 7 ahead: 3 rounds of 4 s
    assert scheduler.has_room(1)  # 12 s ≤ 12 s
    scheduler.waiting = 6
    assert not scheduler.has_room(1)  # 16 s: the count would allow it, the wait does not
    assert scheduler.retry_after_s(1) == 2  # one page too many: 4 s / 2 engines
    scheduler.waiting = 10
    refused = scheduler.overloaded(1)
    assert refused.retry_after_s == 10  # five too many → 5 × 4 s / 2 engines


def test_waiting_pages_are_bounded_in_bytes():
    scheduler = OcrScheduler(pool=SlowPool(0), concurrency=1, queue_max=100,  # type: ignore[arg-type]
                             max_queue_bytes=1000, page_s=0.1)
    scheduler.in_flight, scheduler.waiting, scheduler.waiting_bytes = 1, 1, 900
    assert scheduler.has_room(1, nbytes=100)
    assert not scheduler.has_room(1, nbytes=101)
    scheduler.waiting, scheduler.waiting_bytes = 0, 0
    assert scheduler.has_room(1, nbytes=10_000)  # nothing waiting: one large page is always taken


def test_encoded_pages_are_decoded_when_next_and_accounted_in_bytes():
    import io

    from lib.render import EncodedImage

    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buf, format="PNG")
    job = EncodedImage(buf.getvalue(), "p.png", max_pixels=10_000)
    broken = EncodedImage(b"\x89PNG\r\n\x1a\nbroken", "b.png", max_pixels=10_000)

    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.01), concurrency=1, queue_max=8)  # type: ignore[arg-type]
        pages = await scheduler.recognize_all([job, IMG, job])
        from lib.errors import UndecodableDocument

        with pytest.raises(UndecodableDocument):
            await scheduler.recognize_all([job, broken])
        await asyncio.sleep(0.05)
        return pages, scheduler

    pages, scheduler = asyncio.run(run())
    assert [p.width for p in pages] == [30, 10, 30]
    assert (scheduler.waiting, scheduler.waiting_bytes, scheduler.in_flight) == (0, 0, 0)
    assert scheduler.page_s < 2.0  # the running average learnt from the pages


def test_free_memory_is_handed_back_where_glibc_is_there():
    import sys

    from lib.heap import release_free_memory

    assert release_free_memory() in (True, False)
    if sys.platform.startswith("linux"):
        assert release_free_memory() is True


def test_trim_policy_counts_pages_and_trims_once_per_idle_spell():
    from lib.heap import HeapTrimPolicy

    every3 = HeapTrimPolicy(every_pages=3, idle_s=0)
    assert [every3.page_done() for _ in range(7)] == [False, False, True, False, False, True, False]
    never = HeapTrimPolicy(every_pages=0)
    assert not any(never.page_done() for _ in range(20))

    idle = HeapTrimPolicy(every_pages=0, idle_s=1.0)
    idle.page_done()
    idle.page_done()
    assert idle.idle_due(1, busy=False) is False  # a page finished after the one that armed this timer
    assert idle.idle_due(2, busy=True) is False  # a page is running or waiting
    assert idle.idle_due(2, busy=False) is True
    assert idle.idle_due(2, busy=False) is False  # nothing freed since the last trim


def _count_trims(monkeypatch) -> list[int]:
    import lib.pipelines.ocr_scheduler as ocr_scheduler

    trims: list[int] = []
    monkeypatch.setattr(ocr_scheduler, "release_free_memory", lambda: trims.append(1) or True)
    return trims


def test_heap_is_trimmed_when_the_ocr_goes_idle_not_between_back_to_back_pages(monkeypatch):
    """A trim makes the next page fault its memory in again (~9 % of a scan's OCR time, lib.heap): pages that
    follow each other are not slowed by one; the memory goes back once nothing has run for ``idle_s``."""
    from lib.heap import HeapTrimPolicy

    trims = _count_trims(monkeypatch)

    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.02), concurrency=1, queue_max=8,  # type: ignore[arg-type]
                                 trim=HeapTrimPolicy(every_pages=0, idle_s=0.3))
        for _ in range(3):  # back to back, as one client sending one request after another
            await scheduler.recognize_all([IMG])
        during = len(trims)
        await asyncio.sleep(0.6)
        after_idle = len(trims)
        await scheduler.aclose()
        return during, after_idle

    during, after_idle = asyncio.run(run())
    assert (during, after_idle) == (0, 1)


def test_heap_is_trimmed_every_n_pages_under_steady_load(monkeypatch):
    from lib.heap import HeapTrimPolicy

    trims = _count_trims(monkeypatch)

    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.01), concurrency=1, queue_max=16,  # type: ignore[arg-type]
                                 trim=HeapTrimPolicy(every_pages=4, idle_s=0))
        await scheduler.recognize_all([IMG] * 9)
        await scheduler.aclose()  # waits for the decoder thread, where the trims run

    asyncio.run(run())
    assert len(trims) == 2  # after pages 4 and 8


def test_no_idle_trim_while_a_page_is_running(monkeypatch):
    from lib.heap import HeapTrimPolicy

    trims = _count_trims(monkeypatch)

    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.5), concurrency=1, queue_max=8,  # type: ignore[arg-type]
                                 trim=HeapTrimPolicy(every_pages=0, idle_s=0.1))
        first = asyncio.ensure_future(scheduler.recognize_all([IMG]))
        await asyncio.sleep(0.05)
        second = asyncio.ensure_future(scheduler.recognize_all([IMG]))  # waits, then runs 0.5 s
        await first
        await asyncio.sleep(0.3)  # the first page's idle timer fires while the second page runs
        during = len(trims)
        await second
        await asyncio.sleep(0.3)
        await scheduler.aclose()
        return during, len(trims)

    assert asyncio.run(run()) == (0, 1)


def test_refuses_pages_that_would_wait_longer_than_max_wait_even_with_queue_room():
    """Found under load (docs/reliability.md): on a busy machine 16 queued pages outlasted REQUEST_TIMEOUT_S and
    clients got 504s after two minutes instead of a 429 at once."""
    async def run():
        scheduler = OcrScheduler(pool=SlowPool(0.2), concurrency=1, queue_max=10,  # type: ignore[arg-type]
                                 max_wait_s=0.5)
        await scheduler.recognize_all([IMG])  # learns the page time (~0.2 s)
        assert scheduler.page_s is not None and scheduler.page_s >= 0.15
        first = asyncio.ensure_future(scheduler.recognize_all([IMG] * 4))
        await asyncio.sleep(0.05)
        assert scheduler.waiting + 1 <= scheduler.queue_max  # there is room in the queue …
        with pytest.raises(Overloaded) as refused:  # … but its page would be done in ~1 s > 0.5 s
            await scheduler.recognize_all([IMG])
        assert "work ahead" in refused.value.message and refused.value.retry_after_s >= 1
        await first
        assert len(await scheduler.recognize_all([IMG])) == 1  # idle again: admitted
        return scheduler

    scheduler = asyncio.run(run())
    assert (scheduler.waiting, scheduler.in_flight) == (0, 0)


def _scanned_pdf(widths_mm: list[int]) -> bytes:
    """Pages without a text layer (each a different width, so results show their page), as a scan is."""
    from fpdf import FPDF

    pdf = FPDF()
    for width in widths_mm:
        pdf.add_page(format=(width, 60))
        pdf.rect(5, 5, 10, 10, style="F")
    return bytes(pdf.output())


class GatedPool(SlowPool):
    """Holds every page until ``gate`` is set: the engine is busy with another request meanwhile."""

    def __init__(self) -> None:
        super().__init__(0.005)
        self.gate = threading.Event()

    def recognize(self, image: Image.Image) -> Page:
        self.gate.wait(10)
        return super().recognize(image)


def test_a_queued_scanned_pdf_holds_no_pixels_and_is_rendered_in_the_decoder_in_page_order():
    import weakref

    from lib.ingest import validate_upload
    from lib.render import plan_pages

    widths = [40 + 2 * i for i in range(20)]
    data = _scanned_pdf(widths)
    upload = validate_upload(data, "scan.pdf", max_bytes=10**7, allowed_types=frozenset({"application/pdf"}))
    planned = plan_pages(upload, dpi=72, max_pages=20, max_pixels=10**7)
    assert all(p.job is not None and p.image is None and p.text_page is None for p in planned)
    assert sum(p.job.nbytes for p in planned) == len(data)  # the document's bytes, counted once

    rendered: list[str] = []  # decoder thread of each render
    live = [0, 0]  # rendered pages alive now, most at once

    class Recorded:
        def __init__(self, job) -> None:
            self.job = job

        @property
        def nbytes(self) -> int:
            return self.job.nbytes

        def decode(self) -> Image.Image:
            rendered.append(threading.current_thread().name)
            image = self.job.decode()
            live[0] += 1
            live[1] = max(live)
            weakref.finalize(image, lambda: live.__setitem__(0, live[0] - 1))
            return image

    pool = GatedPool()

    async def run():
        scheduler = OcrScheduler(pool=pool, concurrency=1, queue_max=32, max_wait_s=600,  # type: ignore[arg-type]
                                 page_s=0.01)
        blocker = asyncio.ensure_future(scheduler.recognize_all([IMG]))
        await asyncio.sleep(0.05)  # the engine is taken by another request
        document = asyncio.ensure_future(scheduler.recognize_all([Recorded(p.job) for p in planned]))
        await asyncio.sleep(0.3)
        during = (len(rendered), scheduler.waiting, scheduler.waiting_bytes)
        pool.gate.set()
        pages = await document
        await blocker
        return during, pages, scheduler

    (renders_while_queued, waiting, waiting_bytes), pages, scheduler = asyncio.run(run())
    assert renders_while_queued <= 1  # only the page next in line exists as pixels
    assert (waiting, waiting_bytes) == (20, len(data))  # the queue counts compressed bytes, not pixels
    assert [p.width for p in pages] == [math.ceil(w * 72 / 25.4) for w in widths]  # results in page order
    assert len(rendered) == 20 and all(name.startswith("decode") for name in rendered)
    assert live[1] <= 3  # ~2 per engine (one in OCR, one next), never the document
    assert (scheduler.waiting, scheduler.waiting_bytes, scheduler.in_flight) == (0, 0, 0)


def test_malloc_can_be_tuned_where_glibc_is_there():
    import sys

    from lib.heap import tune_malloc

    assert tune_malloc(0) is False  # 0 = leave glibc's default alone
    if sys.platform.startswith("linux"):
        assert tune_malloc(4 * 1024 * 1024) is True


def test_the_extractor_reads_a_mixed_pdf_text_page_directly_and_renders_its_scan_only_for_ocr():
    from lib.ingest import validate_upload
    from lib.kie.local import LocalKie
    from lib.kie.router import KieRouter
    from lib.pipelines.extract import Extractor
    from lib.settings import Settings
    from tests.conftest import SAMPLES

    class RecordingPool(SlowPool):
        def __init__(self) -> None:
            super().__init__(0.005)
            self.threads: list[str] = []

        def recognize(self, image: Image.Image) -> Page:
            self.threads.append(threading.current_thread().name)
            return super().recognize(image)

    data = (SAMPLES / "invoice_mixed.pdf").read_bytes()
    upload = validate_upload(data, "mixed.pdf", max_bytes=10**7, allowed_types=frozenset({"application/pdf"}))
    pool = RecordingPool()

    async def run():
        scheduler = OcrScheduler(pool=pool, concurrency=1, queue_max=8)  # type: ignore[arg-type]
        extractor = Extractor(settings=Settings(pdf_dpi=100), ocr=scheduler,
                              kie=KieRouter(mode="local", local=LocalKie()), ocr_model_version="stub")
        return await extractor.run(upload)

    outcome = asyncio.run(run())
    assert [p.source for p in outcome.pages] == ["text_layer", "ocr"]  # page order kept
    assert outcome.pages[1].width == outcome.pages[0].width  # the scan rendered at PDF_DPI: the same pixel grid
    assert pool.threads == ["ocr_0"]  # one page OCR'd: the text page never went near an engine
