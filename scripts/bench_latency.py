#!/usr/bin/env python
"""Cache hit and digital-PDF latency over HTTP, by client kind, interleaved in one run (issue 11's two latency rows).

    .venv/bin/python scripts/bench_latency.py                # 5 rounds
    .venv/bin/python scripts/bench_latency.py --rounds 10

Starts the service as a uvicorn child on loopback (one engine, local KIE) and times, round after round:
a cache hit (the same PNG again) with one kept-alive ``httpx.Client``, with ``curl`` (new process and connection
per call) and with ``httpx.post`` (new client per call: it builds an SSL context first, ~20 ms of client CPU);
then every ``samples/invoice_digital_*.pdf`` made unique (cache miss), per page, with the kept-alive client and
with ``httpx.post``. Medians per client kind; the service's code path is the same for all of them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_server import free_port, wait_http  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OCR_CONCURRENCY": "1", "KIE_BACKEND": "local"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, list[float]] = {}
    try:
        wait_http(f"{base}/v1/ready", 180, proc)
        png_path = ROOT / "samples" / "receipt_eur.png"
        png = png_path.read_bytes()
        pdfs = sorted((ROOT / "samples").glob("invoice_digital_*.pdf"))
        url = f"{base}/v1/extract"
        curl = shutil.which("curl")
        n = 0
        with httpx.Client(timeout=120) as client:
            client.post(url, files={"file": ("r.png", png)})  # the OCR run that fills the cache
            for _ in range(args.rounds):
                for _ in range(4):
                    t0 = time.perf_counter()
                    assert client.post(url, files={"file": ("r.png", png)}).json()["meta"]["cached"]
                    results.setdefault("cache hit, kept-alive httpx.Client", []).append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    assert httpx.post(url, files={"file": ("r.png", png)}).json()["meta"]["cached"]
                    results.setdefault("cache hit, httpx.post per call", []).append(time.perf_counter() - t0)
                    if curl:
                        out = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{time_total}",
                                              "-F", f"file=@{png_path}", url], capture_output=True, text=True,
                                             timeout=60).stdout
                        results.setdefault("cache hit, curl", []).append(float(out))
                for pdf in pdfs:
                    for kind, send in (("kept-alive httpx.Client", client.post), ("httpx.post per call", httpx.post)):
                        n += 1
                        data = pdf.read_bytes() + f"\n%latency-{n}-{time.time()}".encode()  # a cache miss
                        t0 = time.perf_counter()
                        answer = send(url, files={"file": (pdf.name, data)}, timeout=120).json()
                        seconds = time.perf_counter() - t0
                        assert not answer["meta"]["cached"]
                        results.setdefault(f"digital PDF per page, {kind}", []).append(
                            seconds / len(answer["meta"]["pages"]))
    finally:
        proc.terminate()
        proc.wait(10)
    print("| measurement | median | min | n |")
    print("|---|---:|---:|---:|")
    for key, values in results.items():
        print(f"| {key} | {statistics.median(values) * 1000:.1f} ms | {min(values) * 1000:.1f} ms | {len(values)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
