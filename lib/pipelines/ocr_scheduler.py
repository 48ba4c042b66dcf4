"""OCR off the event loop: a bounded queue in front of a semaphore in front of a thread pool.

``OCR_CONCURRENCY`` pages are recognized at once; up to ``OCR_QUEUE_MAX`` more may wait. Beyond that the
service is overloaded and says so (429 + Retry-After) instead of queueing without limit. With ``max_wait_s``
set, pages are also refused when the work ahead of them plus their own would take longer than that (from a
moving average of recent page times): on a slow or busy machine a short queue can already outlast the
request's timeout, and a client is better served by a 429 now than a 504 two minutes later.
"""

from __future__ import annotations

import asyncio
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from PIL import Image

from lib.errors import Overloaded
from lib.ocr_document import Page
from lib.ocr_engine import OcrEnginePool

__all__ = ["OcrScheduler"]


@dataclass
class OcrScheduler:
    pool: OcrEnginePool
    concurrency: int
    queue_max: int
    retry_after_s: int = 2
    max_wait_s: float | None = None  # refuse pages expected to be done later than this (None: no limit)
    waiting: int = 0
    in_flight: int = 0
    page_s: float | None = None  # moving average of one page's OCR time (seconds); None until one is done
    _semaphore: asyncio.Semaphore = field(init=False)
    _executor: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self._semaphore = asyncio.Semaphore(self.concurrency)
        self._executor = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="ocr")

    def has_room(self, pages: int = 1) -> bool:
        """Whether ``pages`` more would be admitted now (a cheap check before rendering anything)."""
        if self.in_flight == 0 and self.waiting == 0:
            return True  # an idle service takes any document, however many pages it has
        if self.waiting + pages > self.queue_max + max(0, self.concurrency - self.in_flight):
            return False
        return self.max_wait_s is None or self.expected_wait_s(pages) <= self.max_wait_s

    def expected_wait_s(self, pages: int = 1) -> float:
        """Seconds until the last of ``pages`` more would be done (the work ahead, then theirs), from the
        average page time (0 when unknown): ``concurrency`` pages run at a time."""
        if self.page_s is None:
            return 0.0
        return math.ceil((self.in_flight + self.waiting + pages) / self.concurrency) * self.page_s

    def _admit(self, pages: int) -> None:
        """Reserve queue places for ``pages`` or refuse up front, so nothing is half done when we say 429."""
        if not self.has_room(pages):
            raise Overloaded(
                f"OCR queue is full ({self.in_flight} running, {self.waiting} waiting, about "
                f"{self.expected_wait_s(pages):.0f} s of work ahead); retry shortly",
                retry_after_s=self.suggested_retry_s(),
            )
        self.waiting += pages

    def suggested_retry_s(self) -> int:
        """Retry-After: about one page time (a slot frees), at least ``retry_after_s``, at most a minute."""
        return min(60, max(self.retry_after_s, math.ceil(self.page_s or 0)))

    async def recognize_all(self, images: list[Image.Image]) -> list[Page]:
        """OCR pages concurrently (at most ``concurrency`` at once), results in input order.

        A page's slot is held until its OCR thread really finishes, even when the request is cancelled first:
        a thread cannot be stopped, so the slot stays busy while it runs.

        Raises:
            Overloaded: the queue cannot take these pages now.
        """
        self._admit(len(images))
        not_started = len(images)
        settled = False  # set when the caller leaves: pages not started by then are un-reserved at once
        loop = asyncio.get_running_loop()

        def release(_: object, started: float | None = None) -> None:
            self.in_flight -= 1
            self._semaphore.release()
            if started is not None:
                took = time.monotonic() - started
                self.page_s = took if self.page_s is None else 0.7 * self.page_s + 0.3 * took

        async def one(image: Image.Image) -> Page:
            nonlocal not_started
            try:
                await self._semaphore.acquire()
            finally:
                if not settled:
                    not_started -= 1
                    self.waiting -= 1
            self.in_flight += 1
            started = time.monotonic()
            try:
                work = self._executor.submit(self.pool.recognize, image)
            except BaseException:
                release(None)
                raise
            work.add_done_callback(lambda f: _call_soon(loop, release, f, started))
            return await asyncio.shield(asyncio.wrap_future(work))

        tasks = [asyncio.ensure_future(one(image)) for image in images]
        try:
            return list(await asyncio.gather(*tasks))
        finally:
            # No await in here: a second cancellation must not skip the accounting.
            settled = True
            self.waiting -= not_started
            for task in tasks:
                task.cancel()

    async def aclose(self) -> None:
        """Drop queued pages and wait for the running ones (threads cannot be interrupted)."""
        await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)


def _call_soon(loop: asyncio.AbstractEventLoop, callback, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        loop.call_soon_threadsafe(callback, *args)
    except RuntimeError:  # the loop is closed: the process is shutting down, nothing left to account for
        pass
