"""The process heap between OCR pages: when to hand freed memory back to the OS (glibc ``malloc_trim``).

A page's OCR allocates a few hundred MB of short-lived buffers (decoded pixels, detector tensors, recognizer
batches). glibc keeps what they free in its arenas, so RSS stays near the last peak unless the heap is trimmed.
Trimming is not free: the next page faults the same memory in again (zero-filled pages), ~9 % of a scanned
page's OCR time on this machine (paired runs, one request at a time), and the local KIE right after a page took
15 ms instead of 6 ms while the trim ran beside it. So the heap is trimmed when the
OCR goes idle (nothing running or waiting for ``idle_s``), where the next page's fault-in cost is paid by an idle
service, and under sustained load only every ``every_pages`` pages (docs/benchmarks.md, "Trimming the heap").
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass, field

__all__ = ["HeapTrimPolicy", "release_free_memory", "tune_malloc"]


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


_LIBC = _libc()
_MALLOC_TRIM = getattr(_LIBC, "malloc_trim", None) if _LIBC is not None else None
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


def tune_malloc(mmap_threshold_bytes: int) -> bool:
    """Fix glibc's mmap threshold: blocks of at least this size get their own mapping, returned to the OS on free.

    glibc's default threshold is dynamic: it grows (up to 32 MB) each time a large block is freed, so OCR's
    tensors of a few MB to tens of MB soon come from the heap, which grows with them and keeps what they freed:
    one 200-DPI A4 scan took the process ~940 MB above its idle size with the dynamic threshold, ~620 MB with a
    fixed 4 MB (docs/reliability.md). 0 leaves glibc's default. False where there is no glibc.
    """
    if mmap_threshold_bytes <= 0 or _LIBC is None or not hasattr(_LIBC, "mallopt"):
        return False
    return bool(_LIBC.mallopt(_M_MMAP_THRESHOLD, mmap_threshold_bytes))


def release_free_memory() -> bool:
    """Give the heap's free pages back to the OS (glibc ``malloc_trim``); False where there is none."""
    if _MALLOC_TRIM is None:
        return False
    _MALLOC_TRIM(0)
    return True


@dataclass
class HeapTrimPolicy:
    """Decides when the OCR scheduler trims the heap; the caller does the trimming and the timing.

    Args:
        every_pages: trim after every this many finished pages, busy or not (0 = never by count; 1 = after
            every page, the behaviour before: lowest RSS, slowest pages).
        idle_s: trim once no page has finished, started or waited for this many seconds (0 = never when idle).
    """

    every_pages: int = 32
    idle_s: float = 1.0
    pages_done: int = field(default=0, init=False)
    _last_trim_at: int = field(default=0, init=False)

    def page_done(self) -> bool:
        """Count a finished page; True = trim now (the count is due)."""
        self.pages_done += 1
        if self.every_pages > 0 and self.pages_done - self._last_trim_at >= self.every_pages:
            self._last_trim_at = self.pages_done
            return True
        return False

    def idle_due(self, mark: int, busy: bool) -> bool:
        """Called ``idle_s`` after the page numbered ``mark`` finished: True = trim now (no page finished since,
        none is running or waiting, and a page has finished since the last trim)."""
        if busy or mark != self.pages_done or self._last_trim_at == self.pages_done:
            return False
        self._last_trim_at = self.pages_done
        return True
