"""Which KIE backend answers: ``KIE_BACKEND=local|tilt|auto``.

``auto`` prefers TILT while the GPU side is healthy and its circuit breaker is closed, and falls back to the
local KIE otherwise, saying so in the result's warnings. ``tilt`` never falls back: a user who asked for the
GPU model gets a clear 503 rather than a silently different model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from loguru import logger
from PIL import Image

from lib.errors import BackendError
from lib.ocr_document import OcrDocument
from lib.pipelines.kie_base import KieBackend, KieResult
from lib.pipelines.tilt_prep import TiltDocumentTooLong, TiltTooManyPages, TiltTooManyWords

# In auto mode these send the document to the local KIE: TILT is down or the document does not fit it.
_FALLBACK_ERRORS = (BackendError, TiltDocumentTooLong, TiltTooManyPages, TiltTooManyWords)

__all__ = ["KieRouter"]


@dataclass
class KieRouter:
    mode: Literal["local", "tilt", "auto"]
    local: KieBackend
    tilt: Any | None = None  # TiltBackend when configured (has .breaker_state, .extract)
    fallbacks: int = 0

    @property
    def tilt_available(self) -> bool:
        return self.tilt is not None and getattr(self.tilt, "breaker_state", "closed") != "open"

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
            result.warnings.append("fallback: the GPU KIE (TILT) is unavailable (circuit open); answered locally")
            self.fallbacks += 1
            return result
        try:
            return await self.tilt.extract(document, page_images=page_images)
        except _FALLBACK_ERRORS as exc:
            code = getattr(exc, "code", type(exc).__name__)
            logger.warning("TILT failed ({}: {}); falling back to the local KIE", code, exc)
            result = await self.local.extract(document)
            result.warnings.append(f"fallback: the GPU KIE (TILT) failed ({code}); answered locally")
            self.fallbacks += 1
            return result
