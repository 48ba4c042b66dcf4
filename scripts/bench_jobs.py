"""Benchmark of the Redis job queue: time in queue and documents per second with 1 and 2 workers.

Starts its own redis-server (temporary folder, free port), one API (uvicorn) and N workers (``python -m
apps.worker``) from this checkout, all on 127.0.0.1, and stops them at the end.

1. Time in queue with an idle worker: ``--probes`` one-file jobs, one after the other; enqueue (job created in
   the API) -> a worker starts the file, from the timestamps the job keeps in Redis.
2. Throughput: one job of ``--docs`` documents (the project's digital PDFs and receipt images, cycled; each copy
   made unique so no cache can answer) through 1 worker, then through 2.

    .venv/bin/python scripts/bench_jobs.py                 # 40 documents, 1 and 2 workers
    .venv/bin/python scripts/bench_jobs.py --docs 20 --workers 1

Numbers vary with the machine's load; compare the rows of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import free_port, wait_http  # noqa: E402

DOCS = ["invoice_digital_eur.pdf", "invoice_digital_usd.pdf", "invoice_digital_gbp_multipage.pdf",
        "invoice_digital_inr.pdf", "invoice_digital_rub.pdf", "receipt_eur.png", "receipt_myr.png"]


def unique(name: str, n: int) -> bytes:
    """The sample with a nonce after its end (PDF comment / bytes after PNG's IEND): same content, new hash."""
    data = (ROOT / "samples" / name).read_bytes()
    return data + (f"\n%bench-{n}-{time.time_ns()}\n".encode() if name.endswith(".pdf") else
                   f"bench-{n}-{time.time_ns()}".encode())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_job(http: httpx.Client, job_id: str, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        doc = http.get(f"/v1/jobs/{job_id}").json()
        if doc["finished_at"]:
            return doc
        time.sleep(0.05)
    raise TimeoutError(f"job {job_id} did not end in {timeout_s} s")


def job_times(r: redis.Redis, job_id: str) -> tuple[list[float], float]:
    """Per-item time in queue (s) and the job's wall time, from the job's hash."""
    import json

    h = {k.decode(): v.decode() for k, v in r.hgetall(f"ocrlty:job:{job_id}").items()}
    created = json.loads(h["meta"])["created_at"]
    queued = [float(v) - created for k, v in h.items() if k.startswith("s:")]
    return queued, float(h["finished_at"]) - created


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--probes", type=int, default=20)
    ap.add_argument("--ocr-concurrency", default="1", help="OCR_CONCURRENCY (= files at once) of each worker")
    args = ap.parse_args()
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")
    folder = Path(tempfile.mkdtemp(prefix="ocrlty-bench-jobs-"))
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    env = {"REDIS_URL": url, "OCR_CONCURRENCY": args.ocr_concurrency, "CACHE_MAX_ENTRIES": "0",
           "LOG_LEVEL": "WARNING", "JOB_POLL_DELAY_S": "0.02", "HOME": os.environ.get("HOME", str(folder))}
    procs: list[subprocess.Popen] = [start([binary, "--port", str(port), "--bind", "127.0.0.1", "--dir",
                                            str(folder), "--appendonly", "yes", "--save", ""], {},
                                           folder / "redis.log")]
    rows = []
    try:
        r = redis.Redis(port=port)
        for _ in range(100):
            try:
                r.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        api_port = free_port()
        api = start([sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--port", str(api_port)],
                    {**env, "OCR_WARMUP": "false"}, folder / "api.log")
        procs.append(api)
        wait_http(f"http://127.0.0.1:{api_port}/v1/health", timeout_s=180, proc=api)
        http = httpx.Client(base_url=f"http://127.0.0.1:{api_port}", timeout=60)
        workers: list[subprocess.Popen] = []
        for n_workers in sorted(args.workers):
            while len(workers) < n_workers:
                workers.append(start([sys.executable, "-m", "apps.worker"], env,
                                     folder / f"worker{len(workers)}.log"))
                procs.append(workers[-1])
            deadline = time.monotonic() + 180
            while len(r.zrangebyscore("ocrlty:workers", time.time() - 10, "+inf")) < n_workers:
                if time.monotonic() > deadline:
                    raise TimeoutError("workers did not start; see " + str(folder))
                time.sleep(0.2)
            time.sleep(2)  # let the newest worker settle (warm-up done, polling)
            # 1. time in queue with an idle worker
            probe = []
            for i in range(args.probes):
                job = http.post("/v1/jobs", files=[("files", (DOCS[0], unique(DOCS[0], i)))]).json()
                wait_job(http, job["job_id"], 60)
                probe += job_times(r, job["job_id"])[0]
            # 2. throughput
            files = [("files", (DOCS[i % len(DOCS)], unique(DOCS[i % len(DOCS)], i))) for i in range(args.docs)]
            job = http.post("/v1/jobs", files=files).json()
            doc = wait_job(http, job["job_id"], 1800)
            queued, wall = job_times(r, job["job_id"])
            by_worker = {v.decode() for k, v in r.hgetall(f"ocrlty:job:{job['job_id']}").items()
                         if k.startswith(b"w:")}
            rows.append((n_workers, len(by_worker), statistics.median(probe) * 1000, pct(probe, 0.95) * 1000,
                         args.docs, doc["progress"]["failed"], wall, args.docs / wall, args.docs / wall / n_workers))
    finally:
        for proc in reversed(procs):
            stop(proc)
    print(f"\nCPU cores: {os.cpu_count()}, OCR_CONCURRENCY per worker: {args.ocr_concurrency}, "
          f"documents: {args.docs} ({', '.join(DOCS)} cycled), probes: {args.probes}\n")
    print("| workers | workers that took items | idle queue time p50 (ms) | p95 (ms) | documents | failed | "
          "wall (s) | docs/s | docs/s per worker |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| {} | {} | {:.1f} | {:.1f} | {} | {} | {:.1f} | {:.2f} | {:.2f} |".format(*row))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
