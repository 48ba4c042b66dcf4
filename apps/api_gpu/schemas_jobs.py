"""Request/response models of /v1/jobs (what /docs shows). The webhook body is a ``JobResponse``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from apps.api_gpu.schemas import BatchItem

__all__ = ["JobLinks", "JobAccepted", "JobProgress", "JobItem", "JobResponse"]

JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]


class JobLinks(BaseModel):
    self: str = Field(..., examples=["/v1/jobs/job_3f2a..."], description="GET for progress and results")
    cancel: str = Field(..., description="DELETE to cancel the files not yet started")


class JobAccepted(BaseModel):
    job_id: str = Field(..., examples=["job_3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"])
    status: JobStatus = Field(..., description="'queued' for a new job; the current status when the "
                              "Idempotency-Key returned an earlier job")
    total: int = Field(..., description="files in the job (one item each)")
    created_at: str = Field(..., description="ISO 8601, UTC")
    links: JobLinks


class JobProgress(BaseModel):
    done: int = Field(..., description="items ended with data")
    failed: int = Field(..., description="items ended with a per-item error (incl. cancelled)")
    total: int


class JobItem(BatchItem):
    """An /v1/extract-batch item, plus where it stands."""

    status: Literal["queued", "running", "done", "failed", "cancelled"]


class JobResponse(BaseModel):
    job_id: str
    status: JobStatus = Field(..., description="succeeded: every item ended (with data or a per-item error); "
                              "failed: the job could not run at all")
    progress: JobProgress
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None
    results: list[JobItem] = Field(..., description="one per file, in upload order, filled in as items end")
