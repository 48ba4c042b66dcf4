"""The Arctic-TILT KIE backend: our GPU server's chat API over an injected ``httpx.AsyncClient``.

The wire contract is ``docs/tilt-contract.md``. This module creates no client of its own: the API builds one
with :func:`make_tilt_http_client` in its lifespan, shares it, and closes it after ``yield``.

Failure policy, in one place:

====================================  =========  ===============  =====================================
what happened                         retried?   breaker          raised
====================================  =========  ===============  =====================================
connect error, timeout, dropped conn  yes        failure          BackendUnavailable (when exhausted)
HTTP 502 / 503 / 504                  yes        failure          BackendUnavailable (when exhausted)
HTTP 401 / 403 / 404 / 429            no         failure          BackendUnavailable (misconfiguration)
HTTP 500 / other 5xx                  no         failure          BackendBadResponse
HTTP 400 (we sent a bad request)      no         success          BackendBadResponse (contract drift)
HTTP 413 (doesn't fit the model)      no         success          TiltDocumentTooLong (413 upstream)
200 with malformed / partial content  no         failure          BackendBadResponse
breaker open                          —          —                BackendUnavailable, without a request
overall deadline passed               —          failure          BackendUnavailable
====================================  =========  ===============  =====================================

"Failure" counts whole calls (after retries), so one request with three attempts is one failure.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_random_exponential

from lib.errors import BackendBadResponse, BackendUnavailable
from lib.kie.base import FieldCandidate, KieResult
from lib.ocr_document import OcrDocument
from lib.pipelines.circuit_breaker import BreakerState, CircuitBreaker
from lib.pipelines.tilt_prep import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_WORDS,
    DEFAULT_QUESTIONS,
    NothingToAsk,
    PageImage,
    TiltDocumentTooLong,
    build_chat_request,
)

__all__ = ["TiltBackend", "TiltRequestRejected", "make_tilt_http_client", "health_url", "DEFAULT_TILT_MODEL"]

log = logging.getLogger(__name__)

DEFAULT_TILT_MODEL = "Snowflake/snowflake-arctic-tilt-v1.3"
_RETRY_STATUSES = frozenset({502, 503, 504})
_CONFIG_STATUSES = frozenset({401, 403, 404, 405, 429})


def _setting(settings: Any, name: str, default: Any) -> Any:
    """Read an optional setting: lets these knobs move into ``Settings`` without changing this module."""
    return getattr(settings, name, default)


def make_tilt_http_client(
    settings: Any,
    *,
    connect_timeout_s: float | None = None,
    read_timeout_s: float | None = None,
    write_timeout_s: float | None = None,
    pool_timeout_s: float | None = None,
    max_connections: int | None = None,
    max_keepalive_connections: int | None = None,
    keepalive_expiry_s: float | None = None,
) -> httpx.AsyncClient:
    """The one shared ``AsyncClient`` for the TILT server (build in lifespan, ``aclose()`` after ``yield``).

    ``base_url`` is ``settings.vllm_base_url`` (ends in ``/v1``); ``Authorization: Bearer`` comes from
    ``settings.vllm_api_key`` when set. Each keyword falls back to a same-named ``Settings`` field with a
    ``vllm_`` prefix (e.g. ``vllm_read_timeout_s``) when present, else to the default shown here.

    Why these defaults: connect 2 s (a local GPU box either answers at once or is down); read 40 s (above
    the server's own 10 s queue + 25 s request budgets, so we never give up and retry work it is still
    doing); pool 5 s (waiting for a free connection longer means we are overloaded). ``keepalive_expiry_s``
    30 s stays below the TILT server's 75 s keep-alive so we never reuse a connection the server is closing.
    ``trust_env=False``: the GPU box is internal, an ``HTTP_PROXY`` from the environment must not hijack it.
    """

    def pick(value: Any, name: str, default: Any) -> Any:
        return value if value is not None else _setting(settings, name, default)

    timeout = httpx.Timeout(
        connect=pick(connect_timeout_s, "vllm_connect_timeout_s", 2.0),
        read=pick(read_timeout_s, "vllm_read_timeout_s", 40.0),
        write=pick(write_timeout_s, "vllm_write_timeout_s", 10.0),
        pool=pick(pool_timeout_s, "vllm_pool_timeout_s", 5.0),
    )
    limits = httpx.Limits(
        max_connections=pick(max_connections, "vllm_max_connections", 32),
        max_keepalive_connections=pick(max_keepalive_connections, "vllm_max_keepalive_connections", 16),
        keepalive_expiry=pick(keepalive_expiry_s, "vllm_keepalive_expiry_s", 30.0),
    )
    headers = {"Accept": "application/json"}
    secret = _setting(settings, "vllm_api_key", "") or ""
    api_key = secret.get_secret_value() if hasattr(secret, "get_secret_value") else str(secret)
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return httpx.AsyncClient(
        base_url=str(settings.vllm_base_url).rstrip("/") + "/",
        headers=headers,
        timeout=timeout,
        limits=limits,
        trust_env=False,
    )


def health_url(base_url: httpx.URL | str) -> httpx.URL:
    """The server-root health URL for an OpenAI-style base URL: ``http://h:8001/v1`` → ``http://h:8001/health``.

    Health lives at the server root, not under ``/v1``, like vLLM's own server. A base URL not ending in
    ``/v1`` gets ``/health`` appended to its path.
    """
    url = httpx.URL(str(base_url))
    path = url.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")]
    return url.copy_with(path=path + "/health", query=None)


class TiltRequestRejected(BackendBadResponse):
    """The TILT server answered 400: our request broke the contract (a bug on our side, not the user's input).

    Still a 502 for our API's clients, but the server is alive, so the breaker does not count it.
    """

    code = "kie_backend_rejected_request"


class _Transient(Exception):
    """An attempt failed in a way worth retrying; carries the server's Retry-After when it sent one."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class _Wait:
    """Full-jitter exponential backoff, but honour a server's ``Retry-After`` (capped at ``max_s``)."""

    def __init__(self, initial_s: float, max_s: float) -> None:
        self._jitter = wait_random_exponential(multiplier=initial_s, max=max_s)
        self._max_s = max_s

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, _Transient) and exc.retry_after_s is not None:
            return min(exc.retry_after_s, self._max_s)
        return float(self._jitter(retry_state))


class TiltBackend:
    """KIE backend that asks the Arctic-TILT server one question per field.

    Args:
        client: the shared ``AsyncClient`` (``base_url`` ending in ``/v1``); never closed here.
        model: served model id, sent as ``model`` and reported as ``model_version``.
        questions: field name → question (default: our six receipt fields).
        extra_headers: sent with every request (e.g. ``X-Mock-*`` fault injection against the mock).
        max_attempts: attempts per call, including the first (≥ 1).
        backoff_initial_s: first backoff step; waits are uniform in ``[0, min(initial·2ⁿ, max)]``.
        backoff_max_s: cap for one wait (also caps a server's Retry-After).
        deadline_s: budget for the whole call, all attempts and waits included.
        breaker_failure_threshold: consecutive failed calls that open the breaker.
        breaker_reset_timeout_s: open → half-open cool-down.
        health_timeout_s: timeout for :meth:`check_health` (all phases).
        max_pages: our page limit (see ``tilt_prep``).
        max_words: our word limit (see ``tilt_prep``).
        breaker: inject a breaker (e.g. with a fake clock); overrides the two breaker arguments.
    """

    name = "tilt"

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        model: str = DEFAULT_TILT_MODEL,
        questions: Mapping[str, str] = DEFAULT_QUESTIONS,
        extra_headers: Mapping[str, str] | None = None,
        max_attempts: int = 3,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 2.0,
        deadline_s: float = 60.0,
        breaker_failure_threshold: int = 5,
        breaker_reset_timeout_s: float = 30.0,
        health_timeout_s: float = 2.0,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_words: int = DEFAULT_MAX_WORDS,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        self._client = client
        self.model_version = model
        self._model = model
        self._questions = dict(questions)
        self._extra_headers = dict(extra_headers or {})
        self._max_attempts = max_attempts
        self._wait = _Wait(backoff_initial_s, backoff_max_s)
        self._deadline_s = deadline_s
        self._health_timeout_s = health_timeout_s
        self._max_pages = max_pages
        self._max_words = max_words
        self._breaker = breaker or CircuitBreaker(
            failure_threshold=breaker_failure_threshold, reset_timeout_s=breaker_reset_timeout_s
        )

    @classmethod
    def from_settings(cls, settings: Any, client: httpx.AsyncClient, **overrides: Any) -> TiltBackend:
        """Build from ``Settings``: ``tilt_model`` plus any ``tilt_*`` knob that ``Settings`` defines."""
        names = {
            "max_attempts": "tilt_max_attempts",
            "backoff_initial_s": "tilt_backoff_initial_s",
            "backoff_max_s": "tilt_backoff_max_s",
            "deadline_s": "tilt_deadline_s",
            "breaker_failure_threshold": "tilt_breaker_failure_threshold",
            "breaker_reset_timeout_s": "tilt_breaker_reset_timeout_s",
            "health_timeout_s": "tilt_health_timeout_s",
            "max_pages": "tilt_max_pages",
            "max_words": "tilt_max_words",
        }
        kwargs: dict[str, Any] = {"model": settings.tilt_model}
        for arg, setting in names.items():
            if hasattr(settings, setting):
                kwargs[arg] = getattr(settings, setting)
        kwargs.update(overrides)
        return cls(client, **kwargs)

    # ------------------------------------------------------------------ public surface

    @property
    def breaker_state(self) -> BreakerState:
        """``closed`` | ``open`` | ``half_open``, for the API's ``/v1/health``."""
        return self._breaker.state

    async def check_health(self) -> bool:
        """``GET /health`` at the server root (see :func:`health_url`): True only on 200. Never raises.

        Does not touch the breaker: readiness probes must not open or close it.
        """
        url = health_url(self._client.base_url)
        try:
            response = await self._client.get(url, timeout=self._health_timeout_s, headers=self._extra_headers)
        except httpx.HTTPError as exc:
            log.debug("tilt health check failed: %r", exc)
            return False
        return response.status_code == 200

    async def extract(
        self,
        document: OcrDocument,
        *,
        page_images: Sequence[PageImage] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> KieResult:
        """Ask TILT for every field.

        Args:
            document: OCR output (page pixels).
            page_images: optional rendered pages aligned with ``document.pages`` (improves accuracy).
            headers: extra headers for this call only (merged over ``extra_headers``).

        Returns:
            ``KieResult(backend="tilt")`` with one ``FieldCandidate`` per answered field, ``None`` otherwise.
            A document without words returns all ``None`` without calling the server.

        Raises:
            BackendUnavailable: breaker open, server unreachable/overloaded after retries, or misconfigured.
            BackendBadResponse: the server's reply broke the contract.
            TiltDocumentTooLong: the server says the document does not fit the model (413).
            TiltTooManyPages, TiltTooManyWords: over our own limits (nothing was sent).
        """
        build = functools.partial(
            build_chat_request,
            document,
            model=self._model,
            page_images=page_images,
            questions=self._questions,
            max_pages=self._max_pages,
            max_words=self._max_words,
        )
        try:
            # Resizing and PNG-encoding page images is CPU work: keep it off the event loop.
            has_images = page_images is not None and any(image is not None for image in page_images)
            body = await asyncio.to_thread(build) if has_images else build()
        except NothingToAsk:
            return KieResult(
                fields={name: None for name in self._questions},
                backend=self.name,
                model_version=self.model_version,
                warnings=["tilt: document has no words; nothing to ask"],
            )

        ticket = self._breaker.allow_request()
        if ticket is None:
            raise BackendUnavailable(
                f"TILT backend circuit is {self._breaker.state}; retry in {self._breaker.retry_after_s:.0f} s"
            )
        call_headers = {**self._extra_headers, **(headers or {})}
        try:
            async with asyncio.timeout(self._deadline_s):
                payload, attempts = await self._post_with_retries(body, call_headers)
            result = self._to_result(payload, attempts)
        except TimeoutError:
            self._breaker.record_failure(ticket)
            raise BackendUnavailable(f"TILT backend did not answer within {self._deadline_s:.0f} s") from None
        except (TiltDocumentTooLong, TiltRequestRejected):  # the server is alive; the request was the problem
            self._breaker.record_success(ticket)
            raise
        except (BackendBadResponse, BackendUnavailable):
            self._breaker.record_failure(ticket)
            raise
        except BaseException:
            self._breaker.release(ticket)
            raise
        self._breaker.record_success(ticket)
        return result

    # ------------------------------------------------------------------ internals

    async def _post_with_retries(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[Any, int]:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        attempt_no = 0
        try:
            async for attempt in retrying:
                with attempt:
                    attempt_no = attempt.retry_state.attempt_number
                    if attempt_no > 1 and self._breaker.state == "open":
                        raise BackendUnavailable("TILT backend circuit opened while retrying")
                    return await self._post_once(body, headers), attempt_no
        except _Transient as exc:
            raise BackendUnavailable(f"TILT backend unavailable after {attempt_no} attempt(s): {exc}") from None
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    async def _post_once(self, body: dict[str, Any], headers: dict[str, str]) -> Any:
        try:
            response = await self._client.post("chat/completions", json=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise _Transient(f"timeout ({type(exc).__name__})") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed ({type(exc).__name__}: {exc})") from exc
        except httpx.HTTPError as exc:  # bad URL, unsupported protocol, … : configuration, not transient
            raise BackendUnavailable(f"TILT backend request failed: {type(exc).__name__}: {exc}") from exc

        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError:
                raise BackendBadResponse("TILT backend returned a body that is not JSON") from None
        message = _error_message(response)
        if status in _RETRY_STATUSES:
            raise _Transient(f"HTTP {status}: {message}", _retry_after_s(response))
        if status == 413:
            raise TiltDocumentTooLong(f"document does not fit the TILT model: {message}")
        if status == 400:
            raise TiltRequestRejected(f"TILT backend rejected our request (contract mismatch?): {message}")
        if status in _CONFIG_STATUSES:
            raise BackendUnavailable(f"TILT backend refused the call (HTTP {status}; check URL/key/model): {message}")
        raise BackendBadResponse(f"TILT backend failed with HTTP {status}: {message}")

    def _to_result(self, payload: Any, attempts: int) -> KieResult:
        answers, confidence, model = _parse_completion(payload, list(self._questions))
        warnings: list[str] = []
        if attempts > 1:
            warnings.append(f"tilt: answered after {attempts} attempts")
        fields: dict[str, FieldCandidate | None] = {}
        for name in self._questions:
            raw = answers[name]
            values = [v.strip() for v in raw.split("|")] if raw else []
            values = [v for v in values if v]
            if not values:
                fields[name] = None
                continue
            if len(values) > 1:
                warnings.append(f"tilt: {name} had {len(values)} values; kept the first")
            fields[name] = FieldCandidate(raw=values[0], confidence=confidence.get(name, 0.0))
        return KieResult(fields=fields, backend=self.name, model_version=model or self.model_version, warnings=warnings)


def _parse_completion(payload: Any, names: list[str]) -> tuple[dict[str, str | None], dict[str, float], str]:
    """Validate a chat.completion and its JSON content; anything off raises BackendBadResponse."""
    try:
        choice = payload["choices"][0]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise BackendBadResponse("TILT reply is not a chat.completion (no choices[0].message.content)") from None
    if not isinstance(content, str):
        raise BackendBadResponse("TILT reply content is not a string")
    try:
        data = json.loads(content)
    except ValueError:
        preview = content[:80].replace("\n", " ")
        raise BackendBadResponse(f"TILT answer is not valid JSON: {preview!r}") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise BackendBadResponse("TILT answer has no 'answers' object")
    raw_answers, raw_conf = data["answers"], data.get("confidence", {})
    if not isinstance(raw_conf, dict):
        raise BackendBadResponse("TILT answer 'confidence' is not an object")

    answers: dict[str, str | None] = {}
    confidence: dict[str, float] = {}
    for name in names:
        if name not in raw_answers:
            raise BackendBadResponse(f"TILT answer is missing field {name!r}")
        value = raw_answers[name]
        if value is not None and not isinstance(value, str):
            raise BackendBadResponse(f"TILT answer for {name!r} is not a string or null")
        answers[name] = value
        conf = raw_conf.get(name, 0.0)
        if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not math.isfinite(conf):
            raise BackendBadResponse(f"TILT confidence for {name!r} is not a finite number")
        confidence[name] = min(1.0, max(0.0, float(conf)))
    model = payload.get("model") if isinstance(payload, dict) else None
    return answers, confidence, model if isinstance(model, str) else ""


def _error_message(response: httpx.Response) -> str:
    try:
        err = response.json()["error"]
        return f"{err.get('code') or err.get('type')}: {err.get('message')}"
    except Exception:  # not our error shape (a proxy's HTML page, empty body, …)
        return response.text[:200] or response.reason_phrase


def _retry_after_s(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None  # HTTP-date form: fall back to our own backoff
    return seconds if math.isfinite(seconds) and seconds >= 0 else None
