"""OCR off the event loop: a bounded queue in front of a semaphore in front of a thread pool.

``OCR_CONCURRENCY`` pages are recognized at once; up to ``OCR_QUEUE_MAX`` more may wait. Beyond that the
service is overloaded and says so (429 + Retry-After) instead of queueing without limit.
"""

from __future__ import annotations

import asyncio
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
    waiting: int = 0
    in_flight: int = 0
    _semaphore: asyncio.Semaphore = field(init=False)
    _executor: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self._semaphore = asyncio.Semaphore(self.concurrency)
        self._executor = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="ocr")

    def _admit(self, pages: int) -> None:
        """Reserve queue places for ``pages`` or refuse up front, so nothing is half done when we say 429."""
        free_slots = max(0, self.concurrency - self.in_flight)
        if self.waiting + pages > self.queue_max + free_slots:
            raise Overloaded(
                f"OCR queue is full ({self.in_flight} running, {self.waiting} waiting); retry shortly",
                retry_after_s=self.retry_after_s,
            )
        self.waiting += pages

    async def recognize_all(self, images: list[Image.Image]) -> list[Page]:
        """OCR pages concurrently (at most ``concurrency`` at once), results in input order.

        Raises:
            Overloaded: the queue cannot take these pages now.
        """
        self._admit(len(images))
        not_started = len(images)

        async def one(image: Image.Image) -> Page:
            nonlocal not_started
            try:
                await self._semaphore.acquire()
            finally:
                not_started -= 1
                self.waiting -= 1
            self.in_flight += 1
            try:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self._executor, self.pool.recognize, image)
            finally:
                self.in_flight -= 1
                self._semaphore.release()

        tasks = [asyncio.ensure_future(one(image)) for image in images]
        try:
            return list(await asyncio.gather(*tasks))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks)
            self.waiting -= not_started  # pages whose task was cancelled before it ran

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
