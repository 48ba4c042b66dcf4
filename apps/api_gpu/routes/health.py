"""Liveness (/v1/health, cheap, never runs OCR), readiness (/v1/ready: 503 until ready) and RunPod's probe (/ping).

``/ping`` speaks RunPod's load-balancer language: 204 while the engines load (or, with ``KIE_BACKEND=tilt``, while
the GPU side is not up yet), 200 when requests can be served (the same condition as ``/v1/ready``), 503 with the
reason when start-up failed.
"""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from apps.api_gpu.deps import StateDep
from apps.api_gpu.jobs_service import collect_job_metrics
from apps.api_gpu.schemas import HealthResponse
from apps.api_gpu.state import AppState
from lib import __version__
from lib.post.rules import RULESET_VERSION

__all__ = ["router", "ping_answer"]

router = APIRouter(tags=["health"])


def ping_answer(state: AppState) -> tuple[int, dict[str, object] | None]:
    """Status and JSON body of ``/ping`` (also served on ``PORT_HEALTH`` by ``health_port``)."""
    if state.startup_error is not None:
        return 503, {"status": "failed", "error": state.startup_error}
    if state.serving:
        return 200, {"status": "ok"}
    return 204, None  # loading, or (tilt mode) waiting for the GPU side: RunPod's "initializing"


def _health(state: AppState) -> HealthResponse:
    ocr: dict[str, object] = {"ready": False}
    if state.ocr is not None:
        pool = state.ocr.pool
        ocr = {
            "ready": pool.warmed_up,
            "engine": pool.engine_kind,
            "models": pool.model_version,
            "model_origin": f"{pool.det.origin}/{pool.rec.origin}",
            "lang": state.settings.ocr_lang,
            "recognizers": {"latin": pool.rec.name if pool.rec.name == state.settings.ocr_rec_model else None,
                            "cyrillic": pool.cyrillic_rec},
            "rec_runtime": pool.rec_runtime,  # issue 11: onnxruntime, or OpenVINO in bfloat16/float32
            "det_passes": pool.det_passes,  # the detector in passes over row bands (lib.ocr.det_passes)
            "instances": pool.plan.engines if pool.plan else pool.size,
            "threads_per_instance": pool.plan.intra_op_threads if pool.plan else None,
            # issue 11 (OCR speed): within each instance's threads, not added to them
            "rec_batches_per_instance": pool.plan.rec_workers if pool.plan else None,
            "pages_at_once": pool.size,
            "cpus": pool.plan.cpus if pool.plan else None,
            "expected_wait_s": round(state.ocr.expected_wait_s(), 1),
            "in_flight": state.ocr.in_flight,
            "queued": state.ocr.waiting,
            "warnings": state.ocr_warnings,
        }
    gpu = None
    if state.kie is not None and state.kie.tilt is not None:
        kie = state.kie
        gpu = {"base_url": state.settings.vllm_base_url, "breaker": kie.tilt.breaker_state,
               "reachable": kie.tilt_healthy,
               "checked_s_ago": round(time.time() - kie.tilt_checked_at, 1) if kie.tilt_checked_at else None}
    ready = state.ready
    degraded = bool(state.ocr_warnings) or (gpu is not None and (gpu["breaker"] == "open"
                                                                  or gpu["reachable"] is False))
    if state.startup_error is not None:
        status = "failed"
    else:
        status = "starting" if not ready else ("degraded" if degraded else "ok")
    return HealthResponse(
        status=status,  # type: ignore[arg-type]
        error=state.startup_error,
        version=__version__,
        ready=ready,
        ocr=ocr,
        kie_backend=state.settings.kie_backend,
        gpu=gpu,
        ruleset_version=RULESET_VERSION,
    )


@router.get("/v1/health", response_model=HealthResponse, summary="Liveness and component state (cheap)")
async def health(state: StateDep) -> HealthResponse:
    body = _health(state)
    body.jobs = await collect_job_metrics(state)
    if body.status == "ok" and body.jobs is not None and body.jobs["redis_reachable"] is False:
        body.status = "degraded"  # /v1/extract still works; POST /v1/jobs answers 503 until Redis is back
    return body


@router.get("/v1/ready", response_model=HealthResponse, summary="Readiness: 200 when requests can be served",
            responses={503: {"model": HealthResponse}})
async def ready(state: StateDep) -> JSONResponse:
    return JSONResponse(_health(state).model_dump(), status_code=200 if state.serving else 503)


@router.get("/ping", summary="RunPod probe: 200 ready, 204 starting, 503 start-up failed",
            responses={200: {"description": "ready: `{\"status\": \"ok\"}`"},
                       204: {"description": "starting (engines loading, or KIE_BACKEND=tilt waiting for the GPU)"},
                       503: {"description": "start-up failed: `{\"status\": \"failed\", \"error\": \"…\"}`"}})
async def ping(state: StateDep) -> Response:
    status, body = ping_answer(state)
    return Response(status_code=204) if body is None else JSONResponse(body, status_code=status)


@router.get("/metrics", include_in_schema=False)
async def metrics(state: StateDep) -> PlainTextResponse:
    if state.ocr is not None:
        state.metrics.ocr_queue_depth.set(state.ocr.waiting)
        state.metrics.ocr_in_flight.set(state.ocr.in_flight)
    await collect_job_metrics(state)
    return PlainTextResponse(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
