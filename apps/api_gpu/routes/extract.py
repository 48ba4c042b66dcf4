"""/v1/extract and /v1/extract-batch: read uploads, hand them to the service, shape the reply."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from loguru import logger

from apps.api_gpu.deps import StateDep, require_api_key, require_started
from apps.api_gpu.errors import status_for
from apps.api_gpu.schemas import BatchItem, BatchItemError, BatchResponse, ErrorResponse, ExtractResponse
from apps.api_gpu.service import cancel_on_disconnect, extract_one, extract_waiting_for_room, read_capped, validate
from apps.api_gpu.state import AppState
from lib.errors import InvalidRequest, OcrltyError, PayloadTooLarge

router = APIRouter(prefix="/v1", tags=["extract"], dependencies=[Depends(require_api_key), Depends(require_started)])

_ERRORS = {status: {"model": ErrorResponse} for status in (400, 401, 408, 413, 415, 422, 429, 502, 503, 504)}


@router.post("/extract", response_model=ExtractResponse, responses=_ERRORS,
             summary="Extract the six fields from one receipt or invoice (PDF, JPEG or PNG)")
async def extract(
    request: Request, state: StateDep, file: Annotated[UploadFile, File(description="the document")]
) -> ExtractResponse:
    name = file.filename or "upload"
    try:
        if len((await request.form()).getlist("file")) > 1:  # FastAPI would silently keep the last one
            raise InvalidRequest("one document per call: the form has several 'file' fields; send them to "
                                 "/v1/extract-batch in the field 'files'")
        data = await read_capped(file, state.settings.max_upload_bytes)
        upload = validate(state, data, name)
        request.state.log.update(file_type=upload.media_type, bytes=upload.size_bytes)
        response = await cancel_on_disconnect(request, extract_one(state, upload, request.state.request_id))
    except OcrltyError as exc:
        _count_item(state, f"error_{status_for(exc)}")
        raise
    _count_item(state, "ok")
    meta = response.meta
    request.state.log.update(pages=len(meta.pages), backend=meta.kie_backend, cached=meta.cached,
                             **{f"{k}_ms": v for k, v in meta.timings_ms.model_dump().items()})
    return response


@router.post("/extract-batch", response_model=BatchResponse, responses=_ERRORS,
             summary="Extract several documents; one result per file, in upload order")
async def extract_batch(
    request: Request, state: StateDep, files: Annotated[list[UploadFile], File(description="the documents")]
) -> BatchResponse:
    settings = state.settings
    if len(files) > settings.batch_max_files:
        raise PayloadTooLarge(f"{len(files)} files in one batch; the limit is {settings.batch_max_files} "
                              "(BATCH_MAX_FILES)")
    start = time.perf_counter()
    contents: list[bytes | OcrltyError] = []
    total_bytes = 0
    batch_limit = int(settings.batch_max_mb * 1024 * 1024)
    for f in files:
        try:
            data = await read_capped(f, settings.max_upload_bytes)
            total_bytes += len(data)
            contents.append(data)
        except OcrltyError as exc:
            contents.append(exc)
        if total_bytes > batch_limit:
            raise PayloadTooLarge(f"the batch holds more than {settings.batch_max_mb:g} MB (BATCH_MAX_MB)")

    # At most OCR_CONCURRENCY documents of one batch in the pipeline at once, so one batch does not fill the
    # queue by itself; when other traffic has filled it, batch items wait for room (until the deadline) rather
    # than fail, since the client already sent them.
    gate = asyncio.Semaphore(state.ocr.concurrency if state.ocr is not None else 1)
    deadline = time.monotonic() + settings.request_timeout_s

    async def one(f: UploadFile, content: bytes | OcrltyError) -> BatchItem:
        name = f.filename or "upload"
        try:
            if isinstance(content, OcrltyError):
                raise content
            upload = validate(state, content, name)
            async with gate:
                response = await extract_waiting_for_room(state, upload, request.state.request_id, deadline)
            _count_item(state, "ok")
            return BatchItem(filename=name, data=response.data, meta=response.meta)
        except OcrltyError as exc:
            _count_item(state, f"error_{status_for(exc)}")
            return BatchItem(filename=name, error=BatchItemError(code=exc.code, message=exc.message))
        except Exception as exc:  # one file's surprise must not fail the other files
            logger.opt(exception=exc).bind(request_id=request.state.request_id).error("batch item {} failed", name)
            _count_item(state, "error_500")
            return BatchItem(filename=name, error=BatchItemError(code="internal_error",
                                                                message="internal error on this file; see the log"))

    results = await cancel_on_disconnect(
        request, asyncio.gather(*(one(f, c) for f, c in zip(files, contents, strict=True)))
    )
    failed = sum(1 for r in results if r.error is not None)
    request.state.log.update(files=len(files), failed=failed)
    return BatchResponse(request_id=request.state.request_id, results=list(results),
                         succeeded=len(results) - failed, failed=failed,
                         timings_ms={"total": round((time.perf_counter() - start) * 1000, 1)})


def _count_item(state: AppState, outcome: str) -> None:
    state.metrics.documents.labels(outcome).inc()
