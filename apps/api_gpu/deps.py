"""Typed accessors for the app state and the API-key check. Constructs nothing heavy."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from apps.api_gpu.state import AppState
from lib.errors import Starting, StartupFailed

__all__ = ["get_state", "StateDep", "require_api_key", "require_started"]

_bearer = HTTPBearer(auto_error=False, description="Needed when the server sets API_KEYS")


def get_state(request: Request) -> AppState:
    return request.app.state.ocrlty


StateDep = Annotated[AppState, Depends(get_state)]


def require_api_key(
    state: StateDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    keys = state.settings.api_key_set
    if not keys:
        return
    given = credentials.credentials if credentials is not None else ""
    if not any(hmac.compare_digest(given.encode(), key.encode()) for key in keys):
        raise HTTPException(status_code=401, detail="missing or invalid API key (Authorization: Bearer <key>)",
                            headers={"WWW-Authenticate": "Bearer"})


def require_started(state: StateDep) -> None:
    """Refuse work while the engines load (503 ``starting`` + Retry-After) or after start-up failed."""
    if state.startup_error is not None:
        raise StartupFailed(f"the service could not start: {state.startup_error}")
    if not state.ready:
        raise Starting("the service is starting (loading the OCR engines); retry after Retry-After seconds",
                       retry_after_s=state.settings.startup_retry_after_s)
