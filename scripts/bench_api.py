#!/usr/bin/env python
"""The service as a user sees it: start-up, per-request latency, a batch cold vs cached, a flood, peak memory.

    .venv/bin/python scripts/bench_api.py                   # defaults: OCR_CONCURRENCY derived, queue 16
    .venv/bin/python scripts/bench_api.py --flood 24 --queue-max 4

Starts a real uvicorn process on a free loopback port with the README's settings (local KIE, offline OCR) and
talks to it over HTTP. Traffic goes to 127.0.0.1 only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_server import free_port, wait_http  # noqa: E402

SAMPLES = ROOT / "samples"
BATCH = [
    "receipt_myr.png", "receipt_usd.jpg", "broken_truncated.png", "invoice_digital_eur.pdf",
    "invoice_digital_rub.pdf", "fake_image.png", "invoice_digital_usd.pdf", "receipt_eur.png",
    "invoice_digital_gbp_multipage.pdf", "invoice_scanned_usd.pdf",
]


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def distinct_png(i: int) -> bytes:
    image = Image.open(SAMPLES / "receipt_usd.jpg").convert("RGB")
    image.putpixel((0, 0), (i % 256, i // 256, 7))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", default="", help="OCR_CONCURRENCY (default: derived from the CPUs)")
    parser.add_argument("--queue-max", type=int, default=16, help="OCR_QUEUE_MAX")
    parser.add_argument("--flood", type=int, default=24, help="concurrent distinct uploads in the flood")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OCR_CONCURRENCY": str(args.concurrency), "OCR_QUEUE_MAX": str(args.queue_max),
           "KIE_BACKEND": "local", "LOG_LEVEL": "WARNING"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    rows: list[tuple[str, str]] = []
    try:
        try:
            wait_http(f"{base}/v1/ready", 180, proc, poll_s=0.1)
        except (RuntimeError, TimeoutError) as exc:
            raise SystemExit(f"the service did not become ready: {exc}") from None
        rows.append(("start-up: process start → /v1/ready 200", f"{time.perf_counter() - start:.1f} s"))
        rows.append(("RSS after start-up (VmHWM)", f"{vm_hwm_mb(proc.pid):.0f} MB"))

        with httpx.Client(base_url=base, timeout=120) as client:
            files = [("files", (n, (SAMPLES / n).read_bytes())) for n in BATCH]
            t0 = time.perf_counter()
            first = client.post("/v1/extract-batch", files=files).json()
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            second = client.post("/v1/extract-batch", files=files).json()
            warm = time.perf_counter() - t0
            order_ok = [r["filename"] for r in first["results"]] == BATCH
            cached = sum(1 for r in second["results"] if r.get("meta") and r["meta"]["cached"])
            rows.append(("batch of 10 (2 broken), cold",
                         f"{cold * 1000:.0f} ms: {first['succeeded']} ok, {first['failed']} errors, "
                         f"order kept: {order_ok}"))
            rows.append(("same batch again (cache)", f"{warm * 1000:.0f} ms ({cached} answers cached, "
                         f"{100 * warm / cold:.1f} % of cold)"))

            for name in ("receipt_myr.png", "invoice_scanned_usd.pdf", "invoice_digital_eur.pdf"):
                latencies, stages = [], []
                for i in range(args.runs):
                    # defeat the cache: same document, new bytes (PNG/JPEG/PDF readers ignore trailing bytes)
                    data = (SAMPLES / name).read_bytes() + b"\n%" + str(i).encode()
                    headers = {"X-Request-ID": f"bench-{name}-{i}"}
                    t0 = time.perf_counter()
                    r = client.post("/v1/extract", files={"file": (name, data)}, headers=headers)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    r.raise_for_status()
                    stages.append(r.json()["meta"]["timings_ms"])
                med = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
                rows.append((f"/v1/extract {name} (HTTP, median of {args.runs})",
                             f"{statistics.median(latencies):.0f} ms; stages " +
                             ", ".join(f"{k} {v:.0f}" for k, v in med.items())))

        bodies = [distinct_png(1000 + i) for i in range(args.flood)]

        def send(body: bytes) -> int:
            return httpx.post(f"{base}/v1/extract", files={"file": ("f.png", body)}, timeout=300).status_code

        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.flood) as pool:
            statuses = list(pool.map(send, bodies))
        rows.append((f"flood: {args.flood} concurrent distinct uploads",
                     f"{statuses.count(200)} × 200, {statuses.count(429)} × 429, other "
                     f"{len(statuses) - statuses.count(200) - statuses.count(429)}, "
                     f"{time.perf_counter() - t0:.1f} s"))
        rows.append(("peak RSS of the service (VmHWM)", f"{vm_hwm_mb(proc.pid):.0f} MB"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    print(f"\nOCRlty service on 127.0.0.1, OCR_CONCURRENCY={args.concurrency}, OCR_QUEUE_MAX={args.queue_max}, "
          f"{os.cpu_count()} CPUs\n")
    print("| measurement | result |\n|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
