"""The one table from library errors to HTTP statuses, and the JSON error body every error uses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from loguru import logger
from starlette.exceptions import HTTPException as StarletteHTTPException

from lib import errors as e

__all__ = ["STATUS_BY_ERROR", "status_for", "error_body", "install_error_handlers"]

# Most specific first: the first isinstance match wins.
STATUS_BY_ERROR: tuple[tuple[type[e.OcrltyError], int], ...] = (
    (e.EmptyUpload, 400),
    (e.PayloadTooLarge, 413),
    (e.TooManyPages, 413),
    (e.UnsupportedMediaType, 415),
    (e.UndecodableDocument, 422),
    (e.EncryptedDocument, 422),
    (e.InvalidRequest, 422),
    (e.InvalidCallbackUrl, 422),
    (e.InputError, 400),
    (e.Overloaded, 429),
    (e.NotReady, 503),
    (e.BackendUnavailable, 503),
    (e.BackendBadResponse, 502),
    (e.BackendError, 502),
    (e.RequestTimeout, 504),
    (e.ClientDisconnected, 499),  # nginx's "client closed request": only logs and metrics ever see it
    (e.OcrError, 500),
    (e.JobNotFound, 404),
    (e.QueueUnavailable, 503),
)


def status_for(exc: e.OcrltyError) -> int:
    return next((status for cls, status in STATUS_BY_ERROR if isinstance(exc, cls)), 500)


def error_body(code: str, message: str, request_id: str | None) -> dict[str, object]:
    return {"error": {"code": code, "message": message, "request_id": request_id}}


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(e.OcrltyError)
    async def _ocrlty(request: Request, exc: e.OcrltyError) -> JSONResponse:
        status = status_for(exc)
        retry_after_s = getattr(exc, "retry_after_s", None)  # Overloaded, Starting, QueueUnavailable
        headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else None
        return JSONResponse(error_body(exc.code, exc.message, _request_id(request)), status_code=status,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        upload_fields = {"file", "files"}
        if any(tuple(err["loc"][:2]) in {("body", f) for f in upload_fields} for err in exc.errors()):
            field = "files" if request.url.path.endswith(("-batch", "/jobs")) else "file"
            message = (f"send the document(s) as multipart/form-data in the form field '{field}', e.g. "
                       f"curl -F {field}=@receipt.png {request.url.path}")
        else:
            message = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        return JSONResponse(error_body("invalid_request", message, _request_id(request)), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 400: Starlette could not parse the multipart body (e.g. a part header over python-multipart's 4 KB)
        code = {400: "invalid_multipart", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
                408: "upload_timeout", 413: "upload_too_large"}.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 400:
            message = (f"the multipart/form-data body could not be read ({message.rstrip('.')}); file names and "
                       "part headers are limited to 4 KB")
        return JSONResponse(error_body(code, message, _request_id(request)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        rid = _request_id(request)
        logger.opt(exception=exc).bind(request_id=rid).error("unhandled error (request {})", rid)
        # 500s are sent by Starlette's outermost error middleware, outside ours: add the id here
        return JSONResponse(error_body("internal_error", "internal error; see the server log with this request_id",
                                       rid), status_code=500, headers={"X-Request-ID": rid} if rid else None)
