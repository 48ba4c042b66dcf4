"""Which KIE backend answers: ``KIE_BACKEND=local|tilt|auto``.

``auto`` prefers TILT while the GPU side is healthy and its circuit breaker is closed, and falls back to the
local KIE otherwise, saying so in the result's warnings. ``tilt`` never falls back: a user who asked for the
GPU model gets a clear 503 rather than a silently different model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from loguru import logger

from lib.errors import BackendError
from lib.ocr_document import OcrDocument
from lib.pipelines.kie_base import KieBackend, KieResult

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

    async def extract(self, document: OcrDocument) -> KieResult:
        if self.mode == "local" or self.tilt is None:
            return await self.local.extract(document)
        if self.mode == "tilt":
            return await self.tilt.extract(document)
        if not self.tilt_available:
            result = await self.local.extract(document)
            result.warnings.append("fallback: the GPU KIE (TILT) is unavailable (circuit open); answered locally")
            self.fallbacks += 1
            return result
        try:
            return await self.tilt.extract(document)
        except BackendError as exc:
            logger.warning("TILT failed ({}); falling back to the local KIE", exc.message)
            result = await self.local.extract(document)
            result.warnings.append(f"fallback: the GPU KIE (TILT) failed ({exc.code}); answered locally")
            self.fallbacks += 1
            return result
