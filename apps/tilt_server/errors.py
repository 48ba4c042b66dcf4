"""HTTP errors of the TILT server and their one JSON shape: ``{"error": {"message", "type", "code"}}``.

The shape is OpenAI's, so generic OpenAI clients show our messages. Status ↔ code table: ``docs/tilt-contract.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse

__all__ = ["ApiError", "error_body", "error_response"]

_DEFAULT_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    500: "server_error",
    503: "service_unavailable",
    504: "timeout_error",
}


class ApiError(Exception):
    """An error the app answers with ``status`` and the standard error body (plus optional headers)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        type: str | None = None,  # noqa: A002 - the wire field is called "type"
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.type = type or _DEFAULT_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
        self.headers = dict(headers or {})


def error_body(message: str, type: str, code: str) -> dict[str, Any]:  # noqa: A002
    return {"error": {"message": message, "type": type, "code": code}}


def error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(error_body(exc.message, exc.type, exc.code), status_code=exc.status, headers=exc.headers)
