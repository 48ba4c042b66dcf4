#!/usr/bin/env python
"""Load, fault and soak runs against a real server on loopback; prints latency, throughput, statuses and RSS.

    .venv/bin/python scripts/load.py                                  # 50 clients for 60 s, local KIE
    .venv/bin/python scripts/load.py --kie auto --faults              # the same against the mock, faults on
    .venv/bin/python scripts/load.py --soak 600 --clients 4           # 10 min at moderate load, RSS every 30 s

Starts its own API process (uvicorn on a free 127.0.0.1 port) and, with ``--kie auto``, the GPU side's mock
(``scripts/mock_vllm.py``); both are stopped at the end. Every client loops over a mixed set of the project's
samples (digital PDFs, scans, a few bad files) until the time is up; a 429 is honoured (the client sleeps for
``Retry-After``). With ``--faults`` a schedule switches the mock's faults during the run (latency spikes, 503
bursts, dropped connections, malformed answers) and kills and restarts it once.

The answer cache is off by default (``--cache``), so every request does its work. Nothing leaves the machine;
the run is bounded by ``--duration`` (or ``--soak``) and ``--max-requests``; each request by ``--timeout``.
Exit status 1 when a request was lost (no answer), got a 5xx, or a status its file should not get.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_server import free_port, wait_http  # noqa: E402

SAMPLES = ROOT / "samples"
TEXT_PDFS = ["invoice_digital_usd.pdf", "invoice_digital_eur.pdf", "invoice_digital_rub.pdf",
             "invoice_digital_inr.pdf", "invoice_digital_gbp_multipage.pdf", "encrypted_empty_user.pdf"]
SCANS = ["receipt_usd.jpg", "receipt_myr.png", "receipt_eur.png", "receipt_gbp_rotated.jpg", "invoice_inr.png",
         "invoice_scanned_usd.pdf", "invoice_mixed.pdf"]
BAD = {"broken_not_a_pdf.pdf": 422, "broken_truncated.png": 422, "encrypted_password.pdf": 422,
       "fake_image.png": 415, "empty.pdf": 400}
# (phase name, seconds, faults) — cycled through the run; None means: kill the mock, then restart it
FAULT_SCHEDULE: list[tuple[str, float, dict[str, object] | None]] = [
    ("healthy", 6, {}),
    ("latency spike 8 s", 6, {"latency_ms": 8000}),
    ("healthy", 6, {}),
    ("503 burst", 5, {"error_rate": 1, "error_status": 503}),
    ("healthy", 6, {}),
    ("dropped connections", 5, {"drop": 1}),
    ("malformed answers", 5, {"malformed": "partial"}),
    ("healthy", 6, {}),
    ("mock killed", 6, None),
    ("healthy", 9, {}),
]


@dataclass
class Result:
    name: str
    expected: int
    status: int | None  # None: no answer (lost)
    latency_s: float
    retry_after: str | None = None
    backend: str | None = None
    fallback: bool = False
    server_ms: dict | None = None  # the answer's timings_ms (200s)


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the run, RSS)
    phases: list[tuple[float, str]] = field(default_factory=list)
    breaker_states: set[str] = field(default_factory=set)


def start(cmd: list[str], env: dict[str, str], log_name: str) -> subprocess.Popen:
    log = tempfile.NamedTemporaryFile(prefix=f"load-{log_name}-", suffix=".log", delete=False)
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(url: str, proc: subprocess.Popen, timeout_s: float = 180) -> None:
    try:
        wait_http(url, timeout_s, proc, poll_s=0.3)
    except (RuntimeError, TimeoutError) as exc:
        raise SystemExit(f"{exc}; see its log in /tmp") from None


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 1048576


def peak_rss_mb(pid: int, reset: bool = False) -> float:
    """VmHWM (peak RSS) of ``pid``; with ``reset``, start the peak again from now (Linux, same user or root)."""
    status = Path(f"/proc/{pid}/status")
    if reset:
        try:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            pass
    if not status.exists():
        return float("nan")
    line = next((x for x in status.read_text().splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024


def corpus() -> list[tuple[str, bytes, int]]:
    """(name, bytes, expected status): weighted ~45 % digital PDFs, ~45 % scans, ~10 % bad files."""
    good = [(n, (SAMPLES / n).read_bytes(), 200) for n in TEXT_PDFS + SCANS]
    bad = [(n, (SAMPLES / n).read_bytes() if (SAMPLES / n).exists() else b"", s) for n, s in BAD.items()]
    return good * 3 + bad


def pick(rng: random.Random, docs: list[tuple[str, bytes, int]]) -> tuple[str, bytes, int]:
    return rng.choice(docs)


async def client_loop(i: int, http: httpx.AsyncClient, url: str, docs: list, run: Run, until: float,
                      budget: list[int], timeout_s: float) -> None:
    rng = random.Random(i)
    while time.monotonic() < until and budget[0] > 0:
        budget[0] -= 1
        name, data, expected = pick(rng, docs)
        t0 = time.monotonic()
        try:
            r = await http.post(url + "/v1/extract", files={"file": (name, data, "application/octet-stream")},
                                timeout=timeout_s)
        except httpx.HTTPError:
            run.results.append(Result(name, expected, None, time.monotonic() - t0))
            continue
        res = Result(name, expected, r.status_code, time.monotonic() - t0, r.headers.get("retry-after"))
        if r.status_code == 200:
            meta = r.json()["meta"]
            res.backend = meta["kie_backend"]
            res.fallback = any(w.startswith("fallback") for w in meta["warnings"])
            res.server_ms = meta.get("timings_ms")
        run.results.append(res)
        if r.status_code == 429:
            await asyncio.sleep(float(res.retry_after or 1))


async def sampler(pid: int, run: Run, t0: float, until: float, every_s: float, api: str, kie: str) -> None:
    next_rss = 0.0
    async with httpx.AsyncClient() as http:
        while time.monotonic() < until:
            now = time.monotonic() - t0
            if now >= next_rss:
                run.rss_mb.append((round(now), rss_mb(pid)))
                if every_s >= 30:
                    print(f"  t={now:5.0f} s  RSS {run.rss_mb[-1][1]:.0f} MB  requests {len(run.results)}",
                          flush=True)
                next_rss += every_s
            if kie != "local":
                try:
                    gpu = (await http.get(api + "/v1/health", timeout=5)).json().get("gpu") or {}
                    run.breaker_states.add(gpu.get("breaker", "?"))
                except httpx.HTTPError:
                    pass
            await asyncio.sleep(0.5)


async def fault_schedule(mock: dict, run: Run, t0: float, until: float) -> None:
    async with httpx.AsyncClient() as http:
        while time.monotonic() < until:
            for name, seconds, faults in FAULT_SCHEDULE:
                if time.monotonic() >= until:
                    return
                run.phases.append((round(time.monotonic() - t0, 1), name))
                print(f"  t={time.monotonic() - t0:5.1f} s  mock: {name}", flush=True)
                if faults is None:
                    stop(mock["proc"])
                    await asyncio.sleep(min(seconds, max(0.0, until - time.monotonic())))
                    mock["proc"] = mock["start"]()
                    await asyncio.to_thread(wait_ready, mock["url"] + "/health", mock["proc"], 60)
                    continue
                try:
                    await http.post(mock["url"] + "/mock/faults", json=faults, timeout=5)
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(min(seconds, max(0.0, until - time.monotonic())))
            await http.post(mock["url"] + "/mock/faults", json={}, timeout=5)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def fallback_metric(api: str) -> float:
    text = httpx.get(api + "/metrics", timeout=10).text
    m = re.search(r"^ocrlty_kie_fallbacks_total (\S+)$", text, re.MULTILINE)
    return float(m.group(1)) if m else 0.0


def report(run: Run, args: argparse.Namespace, wall_s: float, rss_warm: float, rss_end: float, rss_peak: float,
           fallbacks_metric: float) -> dict:
    res = run.results
    by_status: dict[str, int] = {}
    for r in res:
        key = str(r.status) if r.status is not None else "lost"
        by_status[key] = by_status.get(key, 0) + 1
    wrong = [r for r in res if r.status not in (r.expected, 429)]
    ok = [r.latency_s for r in res if r.status == 200]
    no_retry_after = sum(1 for r in res if r.status == 429 and not r.retry_after)
    summary = {
        "clients": args.clients, "seconds": round(wall_s, 1), "kie": args.kie, "faults": args.faults,
        "requests": len(res), "by_status": dict(sorted(by_status.items())),
        "unexpected": len(wrong), "lost": by_status.get("lost", 0),
        "server_errors": sum(1 for r in res if r.status is not None and r.status >= 500),
        "429_without_retry_after": no_retry_after,
        "throughput_rps": round(len(res) / wall_s, 2), "ok_per_s": round(len(ok) / wall_s, 2),
        "latency_200_s": {"p50": round(percentile(ok, 50), 2), "p95": round(percentile(ok, 95), 2),
                          "p99": round(percentile(ok, 99), 2),
                          "mean": round(statistics.fmean(ok), 2) if ok else None},
        "rss_mb": {"after_warmup": round(rss_warm), "after_run": round(rss_end), "peak_during_run": round(rss_peak),
                   "growth_pct": round((rss_end - rss_warm) / rss_warm * 100, 1),
                   "samples": [(t, round(v)) for t, v in run.rss_mb]},
    }
    by_file: dict[str, dict] = {}  # where the time goes: client-seen latency vs the server's own stage timings
    for name in sorted({r.name for r in res if r.status == 200}):
        done = [r for r in res if r.name == name and r.status == 200]
        # answers shared with an identical upload in flight carry no timings of their own: only the others
        own = [r.server_ms for r in done if r.server_ms and r.server_ms.get("total")]
        by_file[name] = {"n": len(done), "p50_s": round(percentile([r.latency_s for r in done], 50), 1),
                         "p95_s": round(percentile([r.latency_s for r in done], 95), 1),
                         "server_ocr_p95_s": round(percentile([t.get("ocr") or 0.0 for t in own], 95) / 1000, 1)}
    summary["latency_200_by_file"] = by_file
    if args.kie != "local":
        summary.update({
            "answered_by": {b: sum(1 for r in res if r.backend == b) for b in ("tilt", "local")},
            "fallback_answers": sum(r.fallback for r in res),  # identical documents in flight together
            # are computed once, so /metrics (computations) can count fewer than the answers flagged
            "fallbacks_in_metrics": fallbacks_metric,
            "breaker_states_seen": sorted(run.breaker_states),
            "phases": run.phases,
        })
    if wrong:
        summary["unexpected_examples"] = [(r.name, r.expected, r.status) for r in wrong[:10]]
    return summary


async def warm_up(api: str, workers: int) -> None:
    """Every good sample through every OCR engine: ``workers`` clients, each over all samples from its own
    offset (so the same bytes are rarely in flight together: those would be computed once)."""
    good = corpus()[: len(TEXT_PDFS) + len(SCANS)]

    async def worker(k: int, http: httpx.AsyncClient) -> None:
        offset = k * len(good) // workers
        for name, data, _expected in good[offset:] + good[:offset]:
            await http.post(api + "/v1/extract", files={"file": (name, data, "application/octet-stream")},
                            timeout=300)

    async with httpx.AsyncClient() as http:
        await asyncio.gather(*(worker(k, http) for k in range(workers)))


async def drive(args: argparse.Namespace, api: str, pid: int, mock: dict | None) -> tuple[Run, float]:
    docs = corpus()
    run = Run()
    duration = args.soak or args.duration
    limits = httpx.Limits(max_connections=args.clients + 4, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(limits=limits) as http:
        t0 = time.monotonic()
        until = t0 + duration
        budget = [args.max_requests]
        clients = [client_loop(i, http, api, docs, run, until, budget, args.timeout) for i in range(args.clients)]
        helpers = [asyncio.ensure_future(sampler(pid, run, t0, until, 30 if args.soak else 5, api, args.kie))]
        if args.faults and mock is not None:
            helpers.append(asyncio.ensure_future(fault_schedule(mock, run, t0, until)))
        await asyncio.gather(*clients)  # the time is up, or --max-requests is spent
        wall = time.monotonic() - t0
        if time.monotonic() < until:  # stopped by the budget: the sampler and fault schedule need not go on
            for helper in helpers:
                helper.cancel()
        await asyncio.gather(*helpers, return_exceptions=True)
        return run, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--soak", type=float, default=0, help="seconds of a soak run (RSS every 30 s)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="stop after this many requests")
    parser.add_argument("--timeout", type=float, default=180, help="per request, seconds")
    parser.add_argument("--kie", choices=("local", "auto"), default="local")
    parser.add_argument("--faults", action="store_true", help="switch the mock's faults during the run")
    parser.add_argument("--concurrency", type=int, default=0,
                        help="OCR_CONCURRENCY of the server (0: the service's default, derived from the CPUs)")
    parser.add_argument("--queue-max", type=int, default=16, help="OCR_QUEUE_MAX of the server")
    parser.add_argument("--cache", type=int, default=0, help="CACHE_MAX_ENTRIES of the server (0: off)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    if args.faults and args.kie == "local":
        parser.error("--faults needs --kie auto")

    mock: dict | None = None
    env = {"KIE_BACKEND": args.kie, "OCR_QUEUE_MAX": str(args.queue_max),
           "CACHE_MAX_ENTRIES": str(args.cache), "LOG_LEVEL": "WARNING",
           "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "1")}  # as scripts/run.sh and the images start it
    if args.concurrency:
        env["OCR_CONCURRENCY"] = str(args.concurrency)
    if args.kie == "auto":
        mport = free_port()
        murl = f"http://127.0.0.1:{mport}"

        def start_mock() -> subprocess.Popen:
            return start([sys.executable, "scripts/mock_vllm.py", "--host", "127.0.0.1", "--port", str(mport),
                          "--engine", "local", "--log-level", "warning"], {}, "mock")

        mock = {"url": murl, "start": start_mock, "proc": start_mock()}
        wait_ready(murl + "/health", mock["proc"], 60)
        # faults must show within a run: short timeouts, few retries, a quick breaker
        env.update({"VLLM_BASE_URL": murl + "/v1", "VLLM_READ_TIMEOUT_S": "5", "TILT_MAX_ATTEMPTS": "2",
                    "TILT_BREAKER_FAILURE_THRESHOLD": "3", "TILT_BREAKER_RESET_TIMEOUT_S": "3",
                    "TILT_HEALTH_INTERVAL_S": "1"})
    port = free_port()
    api = f"http://127.0.0.1:{port}"
    server = start([sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--host", "127.0.0.1", "--port",
                    str(port), "--log-level", "warning"], env, "api")
    try:
        t = time.monotonic()
        wait_ready(api + "/v1/ready", server)
        print(f"server ready in {time.monotonic() - t:.1f} s (pid {server.pid}; {env})", flush=True)
        asyncio.run(warm_up(api, args.concurrency))
        rss_warm = rss_mb(server.pid)
        peak_rss_mb(server.pid, reset=True)
        print(f"RSS after warm-up {rss_warm:.0f} MB; {args.clients} clients for "
              f"{args.soak or args.duration:.0f} s", flush=True)
        load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was
        run, wall = asyncio.run(drive(args, api, server.pid, mock))
        if mock is not None and mock["proc"].poll() is not None:  # killed at the very end of the schedule
            mock["proc"] = mock["start"]()
        time.sleep(5)  # let the last answers' buffers go
        rss_end, rss_peak = rss_mb(server.pid), peak_rss_mb(server.pid)
        summary = report(run, args, wall, rss_warm, rss_end, rss_peak,
                         fallback_metric(api) if args.kie != "local" else 0)
        summary["server_alive"] = server.poll() is None
        summary["load_average_1m"] = {"before": round(load_before, 1), "after": round(os.getloadavg()[0], 1)}
    finally:
        stop(server)
        if mock is not None:
            stop(mock["proc"])
    print(json.dumps(summary, indent=1))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    failed = summary["lost"] or summary["server_errors"] or summary["unexpected"] or not summary["server_alive"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
