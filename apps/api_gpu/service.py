"""One document through validation, cache and pipeline into an API response; shared by single and batch routes."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable
from typing import TypeVar

from fastapi import Request, UploadFile

from apps.api_gpu.schemas import ExtractedData, ExtractMeta, ExtractResponse, FieldEvidence, PageMeta, Timings
from apps.api_gpu.state import AppState
from lib.errors import ClientDisconnected, Overloaded, PayloadTooLarge, RequestTimeout
from lib.ingest import Upload, validate_upload
from lib.pipelines.extract import ExtractionOutcome
from lib.post.rules import RULESET_VERSION

__all__ = ["validate", "extract_one", "extract_waiting_for_room", "read_capped", "cache_key", "cancel_on_disconnect"]

T = TypeVar("T")


async def cancel_on_disconnect(request: Request, work: Awaitable[T], poll_s: float = 0.5) -> T:
    """Run ``work`` but stop it when the client goes away: nobody would read the answer."""
    task = asyncio.ensure_future(work)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=poll_s)
            if done:
                return task.result()
            if await request.is_disconnected():
                task.cancel()
                await asyncio.wait({task})
                raise ClientDisconnected("the client closed the connection before the answer was ready")
    finally:
        if not task.done():
            task.cancel()


def validate(state: AppState, data: bytes, filename: str) -> Upload:
    s = state.settings
    return validate_upload(data, filename, max_bytes=s.max_upload_bytes, allowed_types=s.allowed_types)


def cache_key(state: AppState, upload: Upload) -> str:
    """File hash + everything that changes the answer. The OCR set-up counts by its fingerprint (models, runtime,
    render and detection settings, as the evaluation's OCR cache keys it), so replicas that share a Redis cache
    with other OCR settings, e.g. detection in bands, do not answer for each other."""
    s = state.settings
    assert state.ocr is not None and state.kie is not None
    parts = [
        upload.sha256, state.ocr.pool.fingerprint, RULESET_VERSION, s.kie_backend, s.ocr_lang,
        str(s.max_pdf_pages), str(s.rules_enabled),
        state.kie.local.model_version, s.tilt_model if s.kie_backend != "local" else "",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _not_a_fallback(outcome: ExtractionOutcome) -> bool:
    return not any(w.startswith("fallback") for w in outcome.warnings)


def _record(state: AppState, outcome: ExtractionOutcome) -> None:
    m = state.metrics
    for stage, ms in outcome.timings_ms.items():
        m.stage_seconds.labels(stage).observe(ms / 1000)
    m.kie_backend.labels(outcome.kie_backend).inc()
    if any(w.startswith("fallback") for w in outcome.warnings):
        m.fallbacks.inc()
    for page in outcome.pages:
        m.page_source.labels(page.source).inc()


async def read_capped(upload: UploadFile, limit: int) -> bytes:
    """Read at most ``limit`` + 1 bytes: enough to know the file is too large without holding all of it."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"'{upload.filename}' is larger than {limit / 1048576:.1f} MB (MAX_UPLOAD_MB)")
    return data


async def extract_one(state: AppState, upload: Upload, request_id: str) -> ExtractResponse:
    """Run (or reuse) the extraction for an already validated upload, within REQUEST_TIMEOUT_S."""
    assert state.extractor is not None and state.cache is not None
    extractor = state.extractor
    key = cache_key(state, upload)

    async def compute() -> ExtractionOutcome:
        outcome = await extractor.run(upload)
        _record(state, outcome)
        return outcome

    try:
        outcome, cached = await asyncio.wait_for(
            state.cache.get_or_compute(key, compute, keep=_not_a_fallback), timeout=state.settings.request_timeout_s
        )
    except TimeoutError as exc:
        raise RequestTimeout(
            f"'{upload.filename}' took longer than {state.settings.request_timeout_s:.0f} s (REQUEST_TIMEOUT_S)"
        ) from exc
    state.metrics.cache.labels("hit" if cached else "miss").inc()
    return to_response(outcome, upload, request_id, cached=cached)



async def extract_waiting_for_room(state: AppState, upload: Upload, request_id: str, deadline: float
                                   ) -> ExtractResponse:
    """``extract_one`` for work that was already accepted (batch items, job files): a full OCR queue means waiting
    ``Retry-After`` and trying again until ``deadline`` (``time.monotonic()``), not failing the item."""
    while True:
        try:
            return await extract_one(state, upload, request_id)
        except Overloaded as exc:
            if time.monotonic() + exc.retry_after_s > deadline:
                raise
            await asyncio.sleep(exc.retry_after_s)

def to_response(outcome: ExtractionOutcome, upload: Upload, request_id: str, *, cached: bool) -> ExtractResponse:
    timings = Timings(**outcome.timings_ms) if not cached else Timings()
    return ExtractResponse(
        data=ExtractedData(**outcome.data),
        meta=ExtractMeta(
            request_id=request_id,
            model_version=f"{outcome.kie_model_version}+{outcome.ocr_model_version}",
            ruleset_version=RULESET_VERSION,
            kie_backend=outcome.kie_backend,  # type: ignore[arg-type]
            ocr_model_version=outcome.ocr_model_version,
            media_type=upload.media_type,
            pages=[PageMeta(index=p.index, width=p.width, height=p.height, source=p.source,  # type: ignore[arg-type]
                            spans=p.spans, recognizer=p.recognizer,
                            script=p.script, rotation=p.rotation) for p in outcome.pages],
            fields={name: FieldEvidence(**f) for name, f in outcome.fields.items()},
            timings_ms=timings,
            cached=cached,
            warnings=outcome.warnings,
        ),
    )
