"""What can be checked of the deployment here, with no Docker engine: lint, compose structure, and the real
entrypoint script starting the API plus (in place of the GPU server) the mock of its contract."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time

import httpx
import pytest
import yaml

from lib.settings import PROJECT_ROOT
from tests.conftest import SAMPLES, free_port, wait_http

BIN = PROJECT_ROOT / ".venv" / "bin"


def _tool(name: str) -> str:
    path = shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)
    if path is None:
        pytest.fail(f"{name} is not installed (configs/requirements-test.txt installs it)")
    return path


def test_dockerfiles_lint():
    result = subprocess.run(
        [_tool("hadolint"), "--config", "configs/hadolint.yaml", "Dockerfile.prod", "Dockerfile.dev"],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_scripts_lint():
    scripts = sorted(str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "scripts").glob("*.sh"))
    result = subprocess.run([_tool("shellcheck"), *scripts, ".ci/run"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_wires_api_to_mock():
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.dev.yml").read_text())
    api, mock = compose["services"]["api"], compose["services"]["mock-tilt"]
    assert api["environment"]["KIE_BACKEND"] == "auto"
    assert api["environment"]["VLLM_BASE_URL"] == "http://mock-tilt:8001/v1"
    assert api["depends_on"]["mock-tilt"]["condition"] == "service_healthy"
    assert "scripts/mock_vllm.py" in mock["entrypoint"]
    assert (PROJECT_ROOT / mock["build"]["dockerfile"]).is_file()
    assert api["image"] == mock["image"]  # one image, built once


def test_dockerfiles_copy_what_exists():
    for dockerfile in ("Dockerfile.prod", "Dockerfile.dev"):
        for line in (PROJECT_ROOT / dockerfile).read_text().splitlines():
            if line.startswith("COPY") and "--from" not in line:
                for source in line.split()[1:-1]:
                    assert (PROJECT_ROOT / source).exists(), f"{dockerfile}: {source} does not exist"


def test_entrypoint_starts_api_and_gpu_side_and_stops_both():
    api_port, tilt_port = free_port(), free_port()
    env = {
        **os.environ,
        "KIE_BACKEND": "auto", "API_PORT": str(api_port), "VLLM_PORT": str(tilt_port), "API_HOST": "127.0.0.1",
        "OCR_CONCURRENCY": "1", "API_PYTHON": str(BIN / "python"),
        "TILT_SERVER_CMD": f"{BIN / 'python'} scripts/mock_vllm.py --host 127.0.0.1 --port {tilt_port}",
    }
    proc = subprocess.Popen(["scripts/entrypoint.sh"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_http(f"http://127.0.0.1:{tilt_port}/health", timeout_s=60, proc=proc)
        wait_http(f"http://127.0.0.1:{api_port}/v1/ready", timeout_s=90, proc=proc)
        doc = "invoice_digital_gbp_multipage.pdf"
        response = httpx.post(f"http://127.0.0.1:{api_port}/v1/extract",
                              files={"file": (doc, (SAMPLES / doc).read_bytes(), "application/pdf")}, timeout=60)
        assert response.status_code == 200, response.text
        assert response.json()["meta"]["kie_backend"] == "tilt"
        assert response.json()["data"]["total"] == pytest.approx(5948.94)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    time.sleep(0.5)
    for port in (api_port, tilt_port):
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_image_builds_the_fork_pinned_in_requirements_gpu():
    dockerfile = (PROJECT_ROOT / "Dockerfile.prod").read_text()
    pinned = re.search(r"arctic-tilt\.git@([0-9a-f]{40})", (PROJECT_ROOT / "requirements-gpu.txt").read_text())
    built = re.search(r"^ARG TILT_COMMIT=([0-9a-f]{40})$", dockerfile, flags=re.MULTILINE)
    assert pinned and built and built.group(1) == pinned.group(1)
    assert "--no-build-isolation" in dockerfile
    assert "HF_HOME=/app/.cache/huggingface" in dockerfile and "mkdir -p /app/.cache/huggingface" in dockerfile


@pytest.mark.parametrize(("max_model_len", "expected"), [("32768", "--max-model-len 32768"), ("", None)])
def test_entrypoint_passes_vllm_max_model_len_to_the_tilt_server(tmp_path, max_model_len, expected):
    """Both "pythons" are a stub that logs its arguments; the API stub waits until the TILT one has logged."""
    log = tmp_path / "args.log"
    stub = tmp_path / "python"
    stub.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$*" >> "$ARGS_LOG"\n'
        'case "$*" in *uvicorn*) i=0; while [ $i -lt 100 ] && ! grep -q tilt_server "$ARGS_LOG"; do\n'
        "  sleep 0.05; i=$((i + 1)); done;; esac\n"
    )
    stub.chmod(0o755)
    env = {**os.environ, "KIE_BACKEND": "auto", "API_PYTHON": str(stub), "TILT_PYTHON": str(stub),
           "ARGS_LOG": str(log), "VLLM_MAX_MODEL_LEN": max_model_len}
    env.pop("TILT_SERVER_CMD", None)
    subprocess.run(["scripts/entrypoint.sh"], cwd=PROJECT_ROOT, env=env, capture_output=True, timeout=30, check=True)
    tilt = next(line for line in log.read_text().splitlines() if "apps.tilt_server" in line)
    assert "--gpu-util 0.8" in tilt
    if expected:
        assert tilt.endswith(expected)
    else:
        assert "--max-model-len" not in tilt
