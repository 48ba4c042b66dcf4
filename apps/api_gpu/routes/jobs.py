"""/v1/jobs: submit files for asynchronous extraction, watch progress, cancel. The backend does the rest."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Header, Request, Response, UploadFile

from apps.api_gpu.deps import StateDep, require_api_key, require_started
from apps.api_gpu.jobs_service import precheck
from apps.api_gpu.schemas import ErrorResponse
from apps.api_gpu.schemas_jobs import JobAccepted, JobLinks, JobResponse
from apps.api_gpu.service import read_capped
from apps.api_gpu.state import AppState
from lib.errors import InputError, JobNotFound, PayloadTooLarge, QueueUnavailable
from lib.jobs.base import ItemInput, JobBackend, JobView, error_result
from lib.jobs.webhook import check_callback_url

router = APIRouter(prefix="/v1", tags=["jobs"], dependencies=[Depends(require_api_key)])

_ERRORS = {status: {"model": ErrorResponse} for status in (400, 401, 404, 413, 422, 503)}


def _backend(state: AppState) -> JobBackend:
    if state.jobs is None:
        raise QueueUnavailable("the job queue is still starting", retry_after_s=5)
    return state.jobs


def _links(job_id: str) -> JobLinks:
    return JobLinks(self=f"/v1/jobs/{job_id}", cancel=f"/v1/jobs/{job_id}")


def _response(view: JobView) -> JobResponse:
    return JobResponse.model_validate(view.document())


def _check_all(state: AppState, contents: list[tuple[str, bytes | InputError]]) -> list[ItemInput]:
    items = []
    for name, content in contents:
        try:
            if isinstance(content, InputError):
                raise content
            items.append(ItemInput(filename=name, data=precheck(state, content, name).data))
        except InputError as exc:
            items.append(ItemInput(filename=name, error=error_result(name, exc.code, exc.message)))
    return items


@router.post("/jobs", status_code=202, response_model=JobAccepted, responses=_ERRORS,
             summary="Submit documents for asynchronous extraction; poll the job or get a webhook")
async def submit_job(
    request: Request, response: Response, state: StateDep,
    files: Annotated[list[UploadFile], File(description="the documents (repeat the field)")],
    callback_url: Annotated[str | None, Form(description="POSTed the job document when it ends (signed)")] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200,
                                                  description="the same key within JOB_TTL_S returns the same "
                                                              "job")] = None,
) -> JobAccepted:
    settings = state.settings
    backend = _backend(state)
    if backend.name == "in_process":
        require_started(state)  # this process runs the files: not before its engines are loaded
    if len(files) > settings.job_max_files:
        raise PayloadTooLarge(f"{len(files)} files in one job; the limit is {settings.job_max_files} "
                              "(JOB_MAX_FILES)")
    if callback_url:
        callback_url = await check_callback_url(callback_url, allow_private=settings.webhook_allow_private)
    contents: list[tuple[str, bytes | InputError]] = []
    total_bytes = 0
    limit = int(settings.job_max_mb * 1024 * 1024)
    for f in files:
        name = f.filename or "upload"
        try:
            data = await read_capped(f, settings.max_upload_bytes)
        except PayloadTooLarge as exc:
            contents.append((name, exc))
            continue
        total_bytes += len(data)
        if total_bytes > limit:
            raise PayloadTooLarge(f"the job holds more than {settings.job_max_mb:g} MB (JOB_MAX_MB)")
        contents.append((name, data))
    items = await asyncio.to_thread(_check_all, state, contents)  # opens PDFs: off the event loop
    scoped_key = None
    if idempotency_key:  # scoped to the caller's API key: two clients never share a job
        caller = request.headers.get("authorization", "")
        scoped_key = hashlib.sha256(f"{caller}\n{idempotency_key}".encode()).hexdigest()
    view, new = await backend.submit(items, callback_url=callback_url or None, idempotency_key=scoped_key)
    if new:
        state.metrics.jobs.labels("submitted").inc()
    request.state.log.update(job_id=view.job_id, files=len(files), refused=sum(i.error is not None for i in items),
                             new_job=new)
    response.headers["Location"] = f"/v1/jobs/{view.job_id}"
    doc = view.document()
    status = "queued" if new and view.finished_at is None else view.status  # a worker may have started already
    return JobAccepted(job_id=view.job_id, status=status, total=view.total, created_at=doc["created_at"],
                       links=_links(view.job_id))


@router.get("/jobs/{job_id}", response_model=JobResponse, responses=_ERRORS,
            summary="A job's status, progress and results (in upload order)")
async def get_job(request: Request, job_id: str, state: StateDep) -> JobResponse:
    view = await _backend(state).get(job_id)
    if view is None:
        raise JobNotFound(f"no job {job_id!r} (unknown, or expired after JOB_TTL_S)")
    return _response(view)


@router.delete("/jobs/{job_id}", response_model=JobResponse, responses=_ERRORS,
               summary="Cancel the job's files that have not started; the running ones finish")
async def cancel_job(request: Request, job_id: str, state: StateDep) -> JobResponse:
    view = await _backend(state).cancel(job_id)
    if view is None:
        raise JobNotFound(f"no job {job_id!r} (unknown, or expired after JOB_TTL_S)")
    request.state.log.update(job_id=job_id)
    return _response(view)
