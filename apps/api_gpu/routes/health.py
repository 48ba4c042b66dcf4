"""Liveness (/v1/health, cheap, never runs OCR) and readiness (/v1/ready, for RunPod probes: 503 until ready)."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from apps.api_gpu.deps import StateDep
from apps.api_gpu.schemas import HealthResponse
from apps.api_gpu.state import AppState
from lib import __version__
from lib.post.rules import RULESET_VERSION

router = APIRouter(tags=["health"])


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
            "instances": pool.size,
            "threads_per_instance": pool.plan.intra_op_threads if pool.plan else None,
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
    return HealthResponse(
        status="starting" if not ready else ("degraded" if degraded else "ok"),
        version=__version__,
        ready=ready,
        ocr=ocr,
        kie_backend=state.settings.kie_backend,
        gpu=gpu,
        ruleset_version=RULESET_VERSION,
    )


@router.get("/v1/health", response_model=HealthResponse, summary="Liveness and component state (cheap)")
async def health(state: StateDep) -> HealthResponse:
    return _health(state)


@router.get("/v1/ready", response_model=HealthResponse, summary="Readiness: 200 when requests can be served",
            responses={503: {"model": HealthResponse}})
async def ready(state: StateDep) -> JSONResponse:
    body = _health(state)
    gpu_down = state.kie is not None and state.kie.tilt is not None and state.kie.tilt_healthy is not True
    ok = body.ready and not (state.settings.kie_backend == "tilt" and gpu_down)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", include_in_schema=False)
async def metrics(state: StateDep) -> PlainTextResponse:
    if state.ocr is not None:
        state.metrics.ocr_queue_depth.set(state.ocr.waiting)
        state.metrics.ocr_in_flight.set(state.ocr.in_flight)
    return PlainTextResponse(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
