"""Which KIE backend answers: ``KIE_BACKEND=local|tilt|auto``.

``auto`` prefers TILT while the GPU side is healthy and its circuit breaker is closed, and falls back to the
local KIE otherwise, saying so in the result's warnings. ``tilt`` never falls back: a user who asked for the
GPU model gets a clear 503 rather than a silently different model.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from loguru import logger
from PIL import Image

from lib.errors import BackendError
from lib.kie.base import KieBackend, KieResult
from lib.ocr_document import OcrDocument
from lib.pipelines.tilt_prep import TiltDocumentTooLong, TiltTooManyPages, TiltTooManyWords

# In auto mode these send the document to the local KIE: TILT is down or the document does not fit it.
_FALLBACK_ERRORS = (BackendError, TiltDocumentTooLong, TiltTooManyPages, TiltTooManyWords)

__all__ = ["KieRouter"]


@dataclass
class KieRouter:
    mode: Literal["local", "tilt", "auto"]
    local: KieBackend
    tilt: Any | None = None  # TiltBackend when configured (has .breaker_state, .extract, .check_health)
    tilt_healthy: bool | None = None  # last background health check (None = not checked yet)
    tilt_checked_at: float | None = None

    @property
    def tilt_available(self) -> bool:
        """Worth trying TILT now: configured, breaker not open, and not known to be down."""
        return (self.tilt is not None and getattr(self.tilt, "breaker_state", "closed") != "open"
                and self.tilt_healthy is not False)

    async def watch_tilt_health(self, interval_s: float) -> None:
        """Poll the GPU side's /health forever (run as a task), so requests in auto mode skip a known-down TILT
        without paying for retries, and /v1/health can report it without a network call."""
        if self.tilt is None:
            return
        while True:
            try:
                healthy = await self.tilt.check_health()
            except Exception as exc:  # never let the watcher die: a dead watcher would freeze the last state
                logger.warning("GPU health check failed unexpectedly: {!r}", exc)
                healthy = False
            if healthy != self.tilt_healthy:
                logger.info("GPU side (TILT) is {}", "healthy" if healthy else "unreachable")
            self.tilt_healthy, self.tilt_checked_at = healthy, time.time()
            await asyncio.sleep(interval_s)

    async def extract(
        self, document: OcrDocument, page_images: Sequence[Image.Image | None] | None = None
    ) -> KieResult:
        """Answer with the configured backend; ``page_images`` (aligned with pages, None = none) feed TILT."""
        if self.mode == "local" or self.tilt is None:
            return await self.local.extract(document)
        if self.mode == "tilt":
            return await self.tilt.extract(document, page_images=page_images)
        if not self.tilt_available:
            result = await self.local.extract(document)
            reason = "circuit open" if self.tilt_healthy is not False else "health check failing"
            result.warnings.append(f"fallback: the GPU KIE (TILT) is unavailable ({reason}); answered locally")
            return result
        try:
            return await self.tilt.extract(document, page_images=page_images)
        except _FALLBACK_ERRORS as exc:
            code = getattr(exc, "code", type(exc).__name__)
            logger.warning("TILT failed ({}: {}); falling back to the local KIE", code, exc)
            result = await self.local.extract(document)
            result.warnings.append(f"fallback: the GPU KIE (TILT) failed ({code}); answered locally")
            return result
