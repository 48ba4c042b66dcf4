"""The API's pipeline without HTTP, for the RunPod queue worker and the CLI.

``EmbeddedService`` builds the same state as the API's lifespan (``build_state``: OCR engines, KIE router,
extractor, cache) once, and answers with the same ``{data, meta}`` JSON as ``POST /v1/extract``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from types import TracebackType
from typing import Any

from apps.api_gpu.lifespan import build_state, close_state
from apps.api_gpu.metrics import Metrics
from apps.api_gpu.service import extract_one, validate
from apps.api_gpu.state import AppState
from lib.errors import Overloaded
from lib.settings import Settings

__all__ = ["EmbeddedService"]


class EmbeddedService:
    """``async with EmbeddedService(settings) as service: await service.extract(data, filename)``."""

    def __init__(self, settings: Settings) -> None:
        self.state = AppState(settings=settings, metrics=Metrics())

    async def __aenter__(self) -> EmbeddedService:
        try:
            await build_state(self.state)
        except BaseException:
            await close_state(self.state)
            raise
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await close_state(self.state)

    async def extract(self, data: bytes, filename: str, request_id: str | None = None) -> dict[str, Any]:
        """``{data, meta}`` for one document; waits for room when the OCR queue is full (until REQUEST_TIMEOUT_S).

        Raises:
            OcrltyError: the same errors the API maps to 4xx/5xx (``code`` and ``message`` say what went wrong).
        """
        upload = validate(self.state, data, filename)
        deadline = time.monotonic() + self.state.settings.request_timeout_s
        while True:
            try:
                response = await extract_one(self.state, upload, request_id or uuid.uuid4().hex)
                return response.model_dump(mode="json")
            except Overloaded as exc:
                if time.monotonic() + exc.retry_after_s > deadline:
                    raise
                await asyncio.sleep(exc.retry_after_s)
