"""A CPU stand-in for the GPU TILT server at :8001, speaking exactly its contract (``docs/tilt-contract.md``).

It is the real server app (``apps.tilt_server.create_app``) with a CPU engine, wrapped in a fault injector, so
the API's resilience (retries, breaker, timeouts, bad replies) can be exercised without a GPU::

    python scripts/mock_vllm.py --host 127.0.0.1 --port 8001            # answers with our local KIE
    MOCK_ERROR_RATE=0.3 MOCK_ERROR_STATUS=503 python scripts/mock_vllm.py  # 30 % of calls fail with 503

Faults apply to ``/v1/*`` only (``/health`` stays truthful). Each is set by an environment variable for the
whole process, or per request by a header (the header wins):

==========================  =====================  ===================================================
header                      env var                effect
==========================  =====================  ===================================================
``X-Mock-Latency-Ms``       ``MOCK_LATENCY_MS``    sleep this long before handling
``X-Mock-Error-Rate``       ``MOCK_ERROR_RATE``    probability (0..1) of answering with an error …
``X-Mock-Error-Status``     ``MOCK_ERROR_STATUS``  … of this status (default 503), standard error body
``X-Mock-Malformed``        ``MOCK_MALFORMED``     200 with broken content: ``1``/``partial`` (cut JSON),
                                                   ``text`` (prose), ``shape`` (JSON, wrong shape),
                                                   ``body`` (HTTP body not JSON)
``X-Mock-Drop``             ``MOCK_DROP``          ``1``: close the connection without any response
``X-Mock-Fail-Times``       ``MOCK_FAIL_TIMES``    fail the first N requests (of a scenario) with the
                                                   error status, then succeed — deterministic retries
``X-Mock-Scenario``         —                      counter key for ``X-Mock-Fail-Times``
==========================  =====================  ===================================================

The process-wide faults can also be switched while the mock runs (for load and fault tests)::

    curl -X POST localhost:8001/mock/faults -d '{"error_rate": "1", "error_status": "503"}'   # 503 burst on
    curl -X POST localhost:8001/mock/faults -d '{}'                                         # all faults off
    curl localhost:8001/mock/faults                                                         # current faults

(keys as the env vars without ``MOCK_``, in lower case; each POST replaces the whole set). ``MOCK_SEED`` seeds
the error-rate dice. The engine is chosen with ``--engine``: ``local`` (our CPU KIE,
``lib.kie.local.LocalKie``), ``fake`` (``apps.tilt_server.fake_engine``), or ``auto`` (local if it
imports, else fake).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
from collections.abc import Callable, Mapping, MutableMapping
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.tilt_server.app import ServerConfig, create_app  # noqa: E402
from apps.tilt_server.engine import Answer, Engine, EngineNotReady, FieldQuestion, TiltDocument  # noqa: E402
from apps.tilt_server.errors import error_body  # noqa: E402

__all__ = ["FaultConfig", "FaultInjector", "LocalKieEngine", "build_app", "faults_from_env", "main"]

log = logging.getLogger("mock_vllm")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

_MALFORMED_MODES = ("partial", "text", "shape", "body")


# ---------------------------------------------------------------------------------------------------- engine
class LocalKieEngine:
    """Answers TILT questions by running our local KIE (``LocalKie``) on the words; questions are ignored,
    only field names matter (names it does not know get no answer)."""

    def __init__(self, *, model_id: str = "Snowflake/snowflake-arctic-tilt-v1.3") -> None:
        self.model_id = model_id
        self._kie: Any = None

    async def start(self) -> None:
        from lib.kie.local import LocalKie

        self._kie = LocalKie()

    async def ready(self) -> bool:
        return self._kie is not None

    async def shutdown(self) -> None:
        self._kie = None

    async def answer(self, document: TiltDocument, questions: list[FieldQuestion], *, request_id: str) -> list[Answer]:
        if self._kie is None:
            raise EngineNotReady("local KIE is not loaded")
        from lib.ocr_document import OcrDocument, Page, Span, join_words

        # TILT gets words; our KIE reads lines ("12 000,00" is one amount): join them back first.
        ocr = OcrDocument(
            pages=[
                Page(
                    width=round(p.width),
                    height=round(p.height),
                    spans=join_words([Span(bbox=b, text=w) for w, b in zip(p.words, p.bboxes, strict=True)]),
                )
                for p in document.pages
            ]
        )
        result = await self._kie.extract(ocr)
        out = []
        for q in questions:
            cand = result.fields.get(q.name)
            text = cand.raw if cand is not None else ""
            out.append(
                Answer(
                    text=text,
                    confidence=cand.confidence if cand is not None else 0.0,
                    prompt_tokens=document.word_count,
                    completion_tokens=len(text.split()) + 1,
                )
            )
        return out


# ---------------------------------------------------------------------------------------------------- faults
@dataclass(frozen=True, slots=True)
class FaultConfig:
    """Process-wide fault defaults (per-request headers override each field)."""

    latency_ms: float = 0.0
    error_rate: float = 0.0
    error_status: int = 503
    malformed: str = ""
    drop: bool = False
    fail_times: int = 0


def faults_from_env(env: Mapping[str, str]) -> FaultConfig:
    """``MOCK_*`` variables → :class:`FaultConfig` (missing or empty = no fault)."""
    return _apply(FaultConfig(), {k[len("MOCK_") :].lower(): v for k, v in env.items() if k.startswith("MOCK_")})


def _apply(base: FaultConfig, values: Mapping[str, str]) -> FaultConfig:
    changes: dict[str, Any] = {}
    conv: dict[str, Callable[[str], Any]] = {
        "latency_ms": float,
        "error_rate": float,
        "error_status": int,
        "malformed": _malformed_mode,
        "drop": _truthy,
        "fail_times": int,
    }
    for key, fn in conv.items():
        raw = values.get(key)
        if raw is not None and raw.strip() != "":
            changes[key] = fn(raw.strip())
    return replace(base, **changes)


def _truthy(value: str) -> bool:
    return value.lower() in ("1", "true", "yes", "on")


def _malformed_mode(value: str) -> str:
    v = value.lower()
    if v in ("0", "false", "no", "off", ""):
        return ""
    if v in ("1", "true", "yes", "on"):
        return "partial"
    if v not in _MALFORMED_MODES:
        raise ValueError(f"malformed mode must be one of {_MALFORMED_MODES}, got {value!r}")
    return v


class FaultInjector:
    """ASGI middleware: injects latency, errors, malformed replies and dropped connections on ``/v1/*``."""

    def __init__(self, app: ASGIApp, faults: FaultConfig, *, seed: int | None = None) -> None:
        self._app = app
        self._faults = faults
        self._random = random.Random(seed)
        self._served: dict[str, int] = {}  # scenario → requests seen (for fail_times)

    @property
    def faults(self) -> FaultConfig:
        return self._faults

    def set_faults(self, faults: FaultConfig) -> None:
        """Replace the process-wide faults (``POST /mock/faults``)."""
        self._faults = faults
        log.info("faults now: %s", faults)

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "POST":
            body = b""
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            try:
                values = json.loads(body or b"{}")
                self.set_faults(_apply(FaultConfig(), {str(k): str(v) for k, v in values.items()}))
            except (ValueError, AttributeError) as exc:
                await _send_json(send, 400, error_body(f"bad faults: {exc}", "invalid_request_error", "bad_mock"))
                return
        f = self._faults
        await _send_json(send, 200, {"latency_ms": f.latency_ms, "error_rate": f.error_rate,
                                     "error_status": f.error_status, "malformed": f.malformed, "drop": f.drop,
                                     "fail_times": f.fail_times})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") == "/mock/faults":
            await self._control(scope, receive, send)
            return
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/v1/"):
            await self._app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            faults = _apply(
                self._faults,
                {k[len("x-mock-") :].replace("-", "_"): v for k, v in headers.items() if k.startswith("x-mock-")},
            )
        except ValueError as exc:
            await _send_json(send, 400, error_body(f"bad X-Mock header: {exc}", "invalid_request_error", "bad_mock"))
            return

        if faults.latency_ms > 0:
            await asyncio.sleep(faults.latency_ms / 1000)
        if faults.drop:
            await _drop(receive, send)
            return
        scenario = headers.get("x-mock-scenario", "")
        seen = self._served.get(scenario, 0)
        self._served[scenario] = seen + 1
        if seen < faults.fail_times or (faults.error_rate > 0 and self._random.random() < faults.error_rate):
            status = faults.error_status
            body = error_body(f"injected HTTP {status}", "mock_error", "mock_injected_error")
            await _send_json(send, status, body)
            return
        if faults.malformed:
            await self._malformed(scope, receive, send, faults.malformed)
            return
        await self._app(scope, receive, send)

    async def _malformed(self, scope: Scope, receive: Receive, send: Send, mode: str) -> None:
        """Run the real app, then break its 200 reply the requested way (errors pass through untouched)."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, capture)
        body = b"".join(chunks)
        if start.get("status") != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        if mode == "body":
            await _send_raw(send, 200, b"<html>upstream hiccup</html>", b"text/html")
            return
        reply = json.loads(body)
        content = reply["choices"][0]["message"]["content"]
        if mode == "partial":
            content = content[: max(1, len(content) // 2)]
        elif mode == "text":
            content = "Sure! Here are the fields you asked for: " + content
        else:  # shape
            content = json.dumps({"answers": list(json.loads(content)["answers"].values())})
        reply["choices"][0]["message"]["content"] = content
        await _send_json(send, 200, reply)


async def _drop(receive: Receive, send: Send) -> None:
    """Close the TCP connection without a byte of response (uvicorn's transport, reached via ``receive``)."""
    transport = getattr(getattr(receive, "__self__", None), "transport", None)
    if transport is not None:
        transport.abort()
        with suppress(TimeoutError):
            async with asyncio.timeout(1.0):  # let uvicorn notice, so it does not try to answer 500
                while (await receive())["type"] != "http.disconnect":
                    pass
        return
    # Not under uvicorn (e.g. an in-process transport): break the response half-way instead.
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
    await send({"type": "http.response.body", "body": b'{"choices": [', "more_body": True})
    raise ConnectionAbortedError("mock dropped the connection")


async def _send_json(send: Send, status: int, payload: Any) -> None:
    await _send_raw(send, status, json.dumps(payload).encode(), b"application/json")


async def _send_raw(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------------------------------------------- app
def build_app(
    engine: Engine,
    *,
    faults: FaultConfig | None = None,
    server_config: ServerConfig | None = None,
    seed: int | None = None,
) -> FaultInjector:
    """The mock: the real TILT server app around ``engine``, behind the fault injector."""
    return FaultInjector(create_app(engine, server_config), faults or FaultConfig(), seed=seed)


def _pick_engine(kind: str, model_id: str) -> Engine:
    from apps.tilt_server.fake_engine import FakeEngine

    if kind == "fake":
        return FakeEngine(model_id=model_id)
    if kind == "auto":
        try:
            import lib.kie.local  # noqa: F401
        except Exception as exc:  # not written yet, or a missing dependency
            log.warning("local KIE unavailable (%s); answering with the fake engine", exc)
            return FakeEngine(model_id=model_id)
    return LocalKieEngine(model_id=model_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mock of the GPU TILT server (same contract, CPU answers).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--model", default="Snowflake/snowflake-arctic-tilt-v1.3", help="model id to serve")
    parser.add_argument("--engine", choices=("auto", "local", "fake"), default="auto")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    import uvicorn

    faults = faults_from_env(os.environ)
    seed = int(os.environ["MOCK_SEED"]) if os.environ.get("MOCK_SEED") else None
    config = ServerConfig(api_key=os.environ.get("VLLM_API_KEY", ""))
    app = build_app(_pick_engine(args.engine, args.model), faults=faults, server_config=config, seed=seed)
    log.info("mock TILT server on http://%s:%d (faults: %s)", args.host, args.port, faults)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, timeout_keep_alive=75)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
