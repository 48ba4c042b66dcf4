"""RunPod queue-based worker: one job = one document, answered with the API's ``{data, meta}``.

Job input (``job["input"]``), exactly one of::

    {"file_b64": "<base64 of a PDF/JPEG/PNG>", "filename": "receipt.jpg"}   # filename optional
    {"url": "https://example.com/invoice.pdf"}                               # http(s), public addresses only

Output: ``{"data": {...}, "meta": {...}}`` as ``POST /v1/extract`` returns it, or ``{"error": {"code",
"message"}}`` (RunPod then marks the job FAILED and passes the object on as the job's ``error``). Codes are the
API's (``unsupported_media_type``, ``upload_too_large``, ...) plus ``invalid_input``, ``url_refused``,
``url_fetch_failed`` and ``startup_failed``.

The extractor is built once per worker process, by the API's own builder, on the SDK's event loop at the first
job (RunPod counts that as the worker's cold start). Settings come from the environment, as for the API.

    python -m apps.runpod_worker                                   # on RunPod (started by the image's CMD)
    python -m apps.runpod_worker --test_input '{"input": {"url": "https://…/receipt.jpg"}}'   # SDK local test
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from typing import Any

from loguru import logger

from apps.api_gpu.embedded import EmbeddedService
from lib.errors import InvalidInput, OcrltyError, PayloadTooLarge
from lib.fetch import fetch_url
from lib.settings import Settings

__all__ = ["Worker", "parse_input", "main"]


async def parse_input(job_input: object, settings: Settings) -> tuple[bytes, str]:
    """The document's bytes and name from a job's input (downloading a URL when one is given).

    Raises:
        InvalidInput: not an object, neither or both of ``file_b64``/``url``, bad base64.
        PayloadTooLarge: over ``MAX_UPLOAD_MB`` (checked before decoding, and while downloading).
        UrlRefused, UrlFetchFailed: see ``lib.fetch``.
    """
    if not isinstance(job_input, dict):
        raise InvalidInput('the job input must be an object: {"file_b64": ..., "filename": ...} or {"url": ...}')
    has_file, has_url = job_input.get("file_b64") is not None, job_input.get("url") is not None
    if has_file == has_url:
        raise InvalidInput('give exactly one of "file_b64" (with an optional "filename") or "url"')
    limit = settings.max_upload_bytes
    if has_url:
        url = job_input["url"]
        if not isinstance(url, str):
            raise InvalidInput('"url" must be a string')
        return await fetch_url(url, max_bytes=limit, timeout_s=settings.fetch_timeout_s)
    encoded = job_input["file_b64"]
    filename = job_input.get("filename") or "upload"
    if not isinstance(encoded, str) or not isinstance(filename, str):
        raise InvalidInput('"file_b64" and "filename" must be strings')
    if len(encoded) * 3 // 4 > limit + 3:
        raise PayloadTooLarge(f"'{filename}' is larger than {limit / 1048576:.1f} MB (MAX_UPLOAD_MB)")
    try:
        data = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(f'"file_b64" is not valid base64: {exc}') from exc
    return data, filename


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


class Worker:
    """The handler RunPod calls, holding the one extractor of this process (built at the first job)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service: EmbeddedService | None = None
        self._startup_error: str | None = None
        self._lock: asyncio.Lock | None = None

    async def _ready_service(self) -> EmbeddedService:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._service is None and self._startup_error is None:
                try:
                    self._service = await EmbeddedService(self.settings).__aenter__()
                except Exception as exc:
                    self._startup_error = f"{type(exc).__name__}: {exc}"
                    logger.opt(exception=exc).error("worker start-up failed: {}", self._startup_error)
        if self._service is None:
            raise RuntimeError(self._startup_error)
        return self._service

    async def handle(self, job: dict[str, Any]) -> dict[str, Any]:
        job_id = str(job.get("id") or "")
        try:
            data, filename = await parse_input(job.get("input"), self.settings)  # bad input: no engines needed
            try:
                service = await self._ready_service()
            except RuntimeError as exc:
                # refresh_worker: RunPod replaces this worker instead of sending it more jobs
                return {**_error("startup_failed", f"the worker could not start: {exc}"), "refresh_worker": True}
            return await service.extract(data, filename, request_id=job_id or None)
        except OcrltyError as exc:
            logger.bind(request_id=job_id).info("job {} refused: {} ({})", job_id, exc.code, exc.message)
            return _error(exc.code, exc.message)
        except Exception as exc:  # a bug: keep the worker alive, say where to look
            logger.opt(exception=exc).bind(request_id=job_id).error("job {} failed", job_id)
            return _error("internal_error", f"internal error; see the worker log for job {job_id}")

    def concurrency(self, current: int) -> int:
        """Jobs at once in this worker: one per OCR engine (the thread budget's count when not set)."""
        from lib.ocr_engine import thread_plan

        return thread_plan(self.settings).engines


def main() -> None:
    import runpod  # the SDK only where the worker runs (configs/requirements-runpod.txt)

    from apps.api_gpu.logging_setup import configure_logging

    settings = Settings()
    configure_logging(settings)
    worker = Worker(settings)
    runpod.serverless.start({"handler": worker.handle, "concurrency_modifier": worker.concurrency})


if __name__ == "__main__":
    main()
