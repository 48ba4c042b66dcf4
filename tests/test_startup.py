"""Start-up as RunPod sees it: the port opens at once, /ping says 204 while the engines load and 200 when ready.

The first tests start the real server (``scripts/run.sh``) and poll from the first moment; the others drive the
app in process for the start-up failure and the Retry-After of the 'starting' answers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

from lib.settings import PROJECT_ROOT
from tests.conftest import SAMPLES, free_port, make_settings, stop

DOC = "invoice_digital_usd.pdf"


def _run_sh(env: dict[str, str]) -> subprocess.Popen:
    base = {k: v for k, v in os.environ.items() if k not in ("API_PORT", "PORT", "PORT_HEALTH")}
    log = tempfile.TemporaryFile(mode="w+b")
    proc = subprocess.Popen(["scripts/run.sh", "--host", "127.0.0.1"], cwd=PROJECT_ROOT,
                            env={**base, "OCR_CONCURRENCY": "1", "KIE_BACKEND": "local", **env},
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    proc.log_file = log  # type: ignore[attr-defined]
    return proc


def _status(url: str) -> int | None:
    try:
        return httpx.get(url, timeout=2).status_code
    except httpx.HTTPError:
        return None


def _collapse(statuses: list[int | None]) -> list[int]:
    out: list[int] = []
    for s in statuses:
        if s is not None and (not out or out[-1] != s):
            out.append(s)
    return out


def test_runpod_probe_sequence_on_a_really_starting_server(tmp_path):
    """PORT (RunPod's name) picks the API port, PORT_HEALTH a second port; both see 204 … 204, then 200."""
    port, health_port = free_port(), free_port()
    proc = _run_sh({"PORT": str(port), "PORT_HEALTH": str(health_port)})
    api, health = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{health_port}"
    seen_api: list[int | None] = []
    seen_health: list[int | None] = []
    starting = None
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            seen_api.append(_status(f"{api}/ping"))
            seen_health.append(_status(f"{health}/ping"))
            if starting is None and seen_api[-1] == 204:
                starting = httpx.post(f"{api}/v1/extract", timeout=10,
                                      files={"file": (DOC, (SAMPLES / DOC).read_bytes(), "application/pdf")})
            if seen_api[-1] == 200 and seen_health[-1] == 200:
                break
            time.sleep(0.05)
        assert _collapse(seen_api) == [204, 200], seen_api
        assert _collapse(seen_health) == [204, 200], seen_health
        assert seen_api.count(204) >= 2  # "204 … 204": the probes had time to see it loading
        assert starting is not None and starting.status_code == 503, starting
        assert starting.json()["error"]["code"] == "starting"
        assert int(starting.headers["Retry-After"]) >= 1
        assert httpx.get(f"{api}/v1/ready", timeout=5).status_code == 200
        assert httpx.get(f"{health}/ping", timeout=5).json() == {"status": "ok"}
        assert httpx.get(f"{health}/v1/ready", timeout=5).status_code == 404  # the health port serves /ping only
        response = httpx.post(f"{api}/v1/extract", timeout=60,
                              files={"file": (DOC, (SAMPLES / DOC).read_bytes(), "application/pdf")})
        assert response.status_code == 200 and response.json()["data"]["total"] == pytest.approx(376.03)
        _cli_against(api, tmp_path)
    finally:
        stop(proc)


def _cli_against(api: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``ocrlty extract --server`` (the README's second path) on the same running server."""
    from tests.test_cli import DIGITAL, expected_fields, ocrlty

    out = tmp_path / "results.jsonl"
    result = ocrlty("extract", *(str(SAMPLES / n) for n in DIGITAL), "--server", api, "--out", str(out),
                    "--concurrency", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["file"]).name for r in rows] == list(DIGITAL)
    for row, name in zip(rows, DIGITAL, strict=True):
        expected = expected_fields(name)
        assert {k: row[k] for k in expected if k in row} == {k: v for k, v in expected.items() if k in row}
        assert row["error"] is None


def test_shutdown_while_the_engines_load_does_not_hang():
    port = free_port()
    proc = _run_sh({"API_PORT": str(port)})
    try:
        deadline = time.monotonic() + 120
        while _status(f"http://127.0.0.1:{port}/ping") != 204:
            assert proc.poll() is None and time.monotonic() < deadline, "no 204 from /ping"
            time.sleep(0.05)
        start = time.monotonic()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        assert time.monotonic() - start < 10
    finally:
        stop(proc)


def test_failed_startup_is_a_503_with_the_reason():
    from fastapi.testclient import TestClient

    from apps.api_gpu.main import create_app

    app = create_app(make_settings(ocr_model_source="local", ocr_det_model="no-such-det-model"))
    with TestClient(app) as client:
        state = client.app.state.ocrlty
        deadline = time.monotonic() + 60
        while state.startup_error is None and time.monotonic() < deadline:
            time.sleep(0.05)
        ping = client.get("/ping")
        assert ping.status_code == 503 and "no-such-det-model" in ping.json()["error"]
        ready = client.get("/v1/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "failed"
        extract = client.post("/v1/extract", files={"file": (DOC, (SAMPLES / DOC).read_bytes())})
        assert extract.status_code == 503 and extract.json()["error"]["code"] == "startup_failed"
        assert "no-such-det-model" in extract.json()["error"]["message"]


def test_leaving_during_startup_returns_at_once_and_the_loading_threads_end():
    from fastapi.testclient import TestClient

    from apps.api_gpu.main import create_app

    start = time.monotonic()
    with TestClient(create_app(make_settings(ocr_concurrency=1))) as client:
        assert client.get("/ping").status_code == 204
    assert time.monotonic() - start < 5  # the lifespan did not wait for the engines
    deadline = time.monotonic() + 90
    while any(t.name.startswith("ocrlty-startup-") for t in threading.enumerate()):
        assert time.monotonic() < deadline, "a start-up thread kept running"
        time.sleep(0.1)
