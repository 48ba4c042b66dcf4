"""OCR off the event loop: a queue bounded by expected wait, pixels and bytes, in front of the OCR engines.

``concurrency`` pages are recognized at once (one per engine). A page waiting for an engine costs its upload's
compressed bytes: an image upload is decoded, and a scanned PDF page rendered, only when it is next in line (at
most ``concurrency`` pages ahead of the engines, in a separate decoder thread so the engines never wait for it),
so at most 2 pages per engine exist as pixels, however many pages wait. The queue admits a page only
while its expected wait stays under ``max_wait_s`` (from a running average of recent page times), the waiting
pages stay under ``queue_max`` and ``max_queue_bytes``; otherwise the service says so at once (429) with a
``Retry-After`` computed from the same estimate.
"""

from __future__ import annotations

import asyncio
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from lib.errors import Overloaded
from lib.heap import HeapTrimPolicy, release_free_memory
from lib.ocr_document import Page
from lib.ocr_engine import OcrEnginePool

__all__ = ["OcrScheduler", "LazyPage", "PageJob", "queued_bytes"]


class LazyPage(Protocol):
    """A page that waits compressed and is turned into pixels by the decoder thread when it is next in line
    (``lib.render.EncodedImage``: an image upload; ``lib.render.PdfPage``: a scanned PDF page)."""

    @property
    def nbytes(self) -> int: ...

    def decode(self) -> Image.Image: ...


PageJob = Image.Image | LazyPage


def queued_bytes(job: PageJob) -> int:
    """What a waiting page holds in memory: its compressed bytes, or an already decoded page's pixels."""
    if isinstance(job, Image.Image):
        return job.width * job.height * len(job.getbands())
    return job.nbytes


@dataclass
class OcrScheduler:
    pool: OcrEnginePool
    concurrency: int
    queue_max: int
    max_wait_s: float = 20.0
    max_queue_bytes: int = 64 * 1024 * 1024
    page_s: float = 2.0  # running average of one page's OCR time on one engine; starts pessimistic
    trim: HeapTrimPolicy = field(default_factory=HeapTrimPolicy)  # when freed memory goes back (lib.heap)
    waiting: int = 0
    waiting_bytes: int = 0
    in_flight: int = 0
    _semaphore: asyncio.Semaphore = field(init=False)
    _decode_slots: asyncio.Semaphore = field(init=False)
    _executor: ThreadPoolExecutor = field(init=False)
    _decoder: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self._semaphore = asyncio.Semaphore(self.concurrency)
        # pages in the engines + the next ones in line: the only pages that exist decoded
        self._decode_slots = asyncio.Semaphore(2 * self.concurrency)
        self._executor = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="ocr")
        self._decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decode")

    # --- admission ---------------------------------------------------------------------------------------

    def expected_wait_s(self, pages: int = 1) -> float:
        """Seconds until the last of ``pages`` new pages would start, from the queue ahead of them."""
        ahead = self.waiting + self.in_flight
        return max(0, ahead + pages - self.concurrency) / self.concurrency * self.page_s

    def _excess(self, pages: int, nbytes: int) -> int:
        """How many pages too many the queue would hold with these (0 = admit)."""
        if self.in_flight == 0 and self.waiting == 0:
            return 0  # an idle service takes any document, however many pages or bytes it has
        by_time = math.floor(self.concurrency * (1 + self.max_wait_s / max(self.page_s, 1e-3)))
        allowed = min(self.queue_max + self.concurrency, by_time)
        excess = self.waiting + self.in_flight + pages - allowed
        if self.waiting_bytes + nbytes > self.max_queue_bytes and self.waiting > 0:
            excess = max(excess, 1)
        return max(0, excess)

    def has_room(self, pages: int = 1, nbytes: int = 0) -> bool:
        """Whether ``pages`` more (holding ``nbytes``) would be admitted now: a cheap check before any work."""
        return self._excess(pages, nbytes) == 0

    def retry_after_s(self, pages: int = 1, nbytes: int = 0) -> int:
        """An honest Retry-After: the time the engines need to work off the excess (at least 1 s)."""
        excess = max(1, self._excess(pages, nbytes))
        return max(1, math.ceil(excess / self.concurrency * self.page_s))

    def overloaded(self, pages: int = 1, nbytes: int = 0) -> Overloaded:
        return Overloaded(
            f"OCR queue is full: the work ahead ({self.in_flight} running, {self.waiting} waiting) means a wait of "
            f"~{self.expected_wait_s(pages):.0f} s (limit {self.max_wait_s:.0f} s), or the queue's page/byte limits "
            "are reached; retry shortly",
            retry_after_s=self.retry_after_s(pages, nbytes),
        )

    def _admit(self, jobs: list[PageJob]) -> int:
        """Reserve queue places for ``jobs`` or refuse up front, so nothing is half done when we say 429."""
        nbytes = sum(queued_bytes(j) for j in jobs)
        if not self.has_room(len(jobs), nbytes):
            raise self.overloaded(len(jobs), nbytes)
        self.waiting += len(jobs)
        self.waiting_bytes += nbytes
        return nbytes

    def _observe(self, seconds: float) -> None:
        self.page_s = 0.8 * self.page_s + 0.2 * seconds

    # --- work --------------------------------------------------------------------------------------------

    def _recognize_timed(self, image: Image.Image) -> tuple[Page, float]:
        start = time.perf_counter()
        page = self.pool.recognize(image)
        return page, time.perf_counter() - start

    async def recognize_all(self, jobs: list[PageJob]) -> list[Page]:
        """OCR pages concurrently (at most ``concurrency`` at once), results in input order.

        ``LazyPage`` jobs (image uploads, scanned PDF pages) are decoded or rendered by the decoder thread when next
        in line. A page's slot is held until its OCR thread really
        finishes, even when the request is cancelled first: a thread cannot be stopped.

        Raises:
            Overloaded: the queue cannot take these pages now.
            UndecodableDocument, PayloadTooLarge: an encoded page does not decode.
        """
        self._admit(jobs)
        pending = {i: queued_bytes(job) for i, job in enumerate(jobs)}  # pages still counted as waiting
        settled = False  # set when the caller leaves: pages not started by then are un-reserved at once
        loop = asyncio.get_running_loop()

        def unwait(i: int) -> None:
            if not settled and i in pending:
                self.waiting -= 1
                self.waiting_bytes -= pending.pop(i)

        def release(future: object) -> None:
            self.in_flight -= 1
            self._semaphore.release()
            self._decode_slots.release()
            result = getattr(future, "result", None)
            if result is not None and not future.exception():  # type: ignore[attr-defined]
                self._observe(result()[1])
            # The heap keeps what a page freed (~100-350 MB) until trimmed; a trim makes the next page fault it
            # in again (~9 % of its OCR time): trimmed when the OCR goes idle, and every N pages under steady load
            if self.trim.page_done():
                self._trim_heap()
            if self.trim.idle_s > 0:
                loop.call_later(self.trim.idle_s, self._trim_if_idle, self.trim.pages_done)

        async def one(i: int, job: PageJob) -> Page:
            await self._decode_slots.acquire()
            try:
                image = job
                if not isinstance(job, Image.Image):
                    image = await asyncio.shield(loop.run_in_executor(self._decoder, job.decode))
                try:
                    await self._semaphore.acquire()
                finally:
                    unwait(i)
            except BaseException:
                self._decode_slots.release()
                raise
            self.in_flight += 1
            try:
                work = self._executor.submit(self._recognize_timed, image)  # type: ignore[arg-type]
            except BaseException:
                release(None)
                raise
            work.add_done_callback(lambda f: _call_soon(loop, release, f))
            page, _ = await asyncio.shield(asyncio.wrap_future(work))
            return page

        tasks = [asyncio.ensure_future(one(i, job)) for i, job in enumerate(jobs)]
        try:
            return list(await asyncio.gather(*tasks))
        finally:
            # No await in here: a second cancellation must not skip the accounting.
            for i in list(pending):
                self.waiting -= 1
                self.waiting_bytes -= pending.pop(i)
            settled = True
            for task in tasks:
                task.cancel()

    def _trim_if_idle(self, mark: int) -> None:
        if self.trim.idle_due(mark, busy=self.in_flight > 0 or self.waiting > 0):
            self._trim_heap()

    def _trim_heap(self) -> None:
        """Trim in the decoder thread (1–20 ms), off the event loop and the OCR threads."""
        try:
            self._decoder.submit(release_free_memory)
        except RuntimeError:  # shut down already
            pass

    async def aclose(self) -> None:
        """Drop queued pages and wait for the running ones (threads cannot be interrupted)."""
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)
        await asyncio.to_thread(self._decoder.shutdown, wait=True, cancel_futures=True)


def _call_soon(loop: asyncio.AbstractEventLoop, callback, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        loop.call_soon_threadsafe(callback, *args)
    except RuntimeError:  # the loop is closed: the process is shutting down, nothing left to account for
        pass
