"""Errors with stable codes. The API maps each class to one HTTP status in one table.

OcrltyError
├── InputError                      the client sent something we cannot use (4xx)
│   ├── PayloadTooLarge             413 upload_too_large
│   ├── TooManyPages                413 too_many_pages
│   ├── UnsupportedMediaType        415 unsupported_media_type
│   ├── UndecodableDocument         422 undecodable_document
│   ├── EncryptedDocument           422 encrypted_document
│   ├── EmptyUpload                 400 empty_upload
│   ├── InvalidInput                400 invalid_input (a malformed RunPod job input)
│   ├── UrlRefused                  400 url_refused (not http(s), or a private/loopback/link-local address)
│   ├── UrlFetchFailed              400 url_fetch_failed (the URL did not give a document)
│   ├── InvalidCallbackUrl          422 invalid_callback_url (not http(s), or a private address)
│   └── InvalidRequest              422 invalid_request (a form the route cannot use, e.g. two files)
├── Overloaded                      429 overloaded (queue full; carries retry_after_s)
├── NotReady                        the service cannot answer yet
│   ├── Starting                    503 starting (engines loading; carries retry_after_s)
│   └── StartupFailed               503 startup_failed (start-up failed; the reason is in the message)
├── RequestTimeout                  504 request_timeout (REQUEST_TIMEOUT_S)
├── ClientDisconnected              499 client_closed_request (only logs and metrics see it)
├── BackendError                    the GPU side failed
│   ├── BackendUnavailable          503 kie_backend_unavailable
│   └── BackendBadResponse          502 kie_backend_bad_response
├── OcrError                        500 ocr_failed
├── JobNotFound                     404 job_not_found (unknown or expired job id)
└── QueueUnavailable                503 queue_unavailable (Redis down; carries retry_after_s)
"""

from __future__ import annotations

__all__ = [
    "OcrltyError",
    "InputError",
    "PayloadTooLarge",
    "TooManyPages",
    "UnsupportedMediaType",
    "UndecodableDocument",
    "EncryptedDocument",
    "EmptyUpload",
    "InvalidInput",
    "UrlRefused",
    "UrlFetchFailed",
    "InvalidRequest",
    "Overloaded",
    "NotReady",
    "Starting",
    "StartupFailed",
    "RequestTimeout",
    "ClientDisconnected",
    "BackendError",
    "BackendUnavailable",
    "BackendBadResponse",
    "OcrError",
    "InvalidCallbackUrl",
    "JobNotFound",
    "QueueUnavailable",
]


class OcrltyError(Exception):
    code = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(OcrltyError):
    code = "bad_input"


class PayloadTooLarge(InputError):
    code = "upload_too_large"


class TooManyPages(InputError):
    code = "too_many_pages"


class UnsupportedMediaType(InputError):
    code = "unsupported_media_type"


class UndecodableDocument(InputError):
    code = "undecodable_document"


class EncryptedDocument(InputError):
    code = "encrypted_document"


class EmptyUpload(InputError):
    code = "empty_upload"


class InvalidInput(InputError):
    code = "invalid_input"


class UrlRefused(InputError):
    code = "url_refused"


class UrlFetchFailed(InputError):
    code = "url_fetch_failed"


class InvalidRequest(InputError):
    code = "invalid_request"


class Overloaded(OcrltyError):
    code = "overloaded"

    def __init__(self, message: str, retry_after_s: int = 2) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotReady(OcrltyError):
    code = "not_ready"


class Starting(NotReady):
    code = "starting"

    def __init__(self, message: str, retry_after_s: int = 5) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class StartupFailed(NotReady):
    code = "startup_failed"


class RequestTimeout(OcrltyError):
    code = "request_timeout"


class ClientDisconnected(OcrltyError):
    code = "client_closed_request"


class BackendError(OcrltyError):
    code = "kie_backend_error"


class BackendUnavailable(BackendError):
    code = "kie_backend_unavailable"


class BackendBadResponse(BackendError):
    code = "kie_backend_bad_response"


class OcrError(OcrltyError):
    code = "ocr_failed"


class InvalidCallbackUrl(InputError):
    code = "invalid_callback_url"


class JobNotFound(OcrltyError):
    code = "job_not_found"


class QueueUnavailable(OcrltyError):
    code = "queue_unavailable"

    def __init__(self, message: str, retry_after_s: int = 5) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
