#!/usr/bin/env python
"""Per-stage latency and memory of the pipeline on the project's samples, as a table.

    .venv/bin/python scripts/bench_pipeline.py                 # all samples, 5 runs each after 1 warm-up
    .venv/bin/python scripts/bench_pipeline.py --runs 3 samples/invoice_digital_eur.pdf

Runs the same ``Extractor`` the API uses, in process (no HTTP), with one OCR engine and OMP_NUM_THREADS threads.
Reports start-up (engine build + warm-up), the median per stage, and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.ingest import validate_upload  # noqa: E402
from lib.kie.local import LocalKie  # noqa: E402
from lib.kie.router import KieRouter  # noqa: E402
from lib.ocr_engine import build_engine_pool  # noqa: E402
from lib.pipelines.extract import Extractor  # noqa: E402
from lib.pipelines.ocr_scheduler import OcrScheduler  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

STAGES = ("render", "ocr", "kie", "rules", "total")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--arena", action="store_true", help="enable onnxruntime's CPU memory arena")
    args = parser.parse_args()
    files = args.files or sorted(
        p for p in (PROJECT_ROOT / "samples").iterdir()
        if p.suffix in (".png", ".jpg", ".pdf") and not p.name.startswith(("broken", "fake", "encrypted_password"))
    )
    settings = Settings(ocr_concurrency=1, ocr_mem_arena=args.arena)

    t0 = time.perf_counter()
    pool = build_engine_pool(settings)
    built = time.perf_counter() - t0
    warm = pool.warm_up()
    rss_start = peak_rss_mb()
    scheduler = OcrScheduler(pool=pool, concurrency=1, queue_max=8)
    extractor = Extractor(settings=settings, ocr=scheduler, kie=KieRouter(mode="local", local=LocalKie()),
                          ocr_model_version=pool.model_version)

    rows = []
    for path in files:
        upload = validate_upload(path.read_bytes(), path.name, max_bytes=settings.max_upload_bytes,
                                 allowed_types=settings.allowed_types)
        await extractor.run(upload)  # warm-up for this size
        runs = [(await extractor.run(upload)).timings_ms for _ in range(args.runs)]
        outcome = await extractor.run(upload)
        sources = "+".join(sorted({p.source for p in outcome.pages}))
        rows.append((path.name, len(outcome.pages), sources,
                     {s: statistics.median(r[s] for r in runs) for s in STAGES}))
    await scheduler.aclose()

    threads = pool.plan.intra_op_threads if pool.plan else "?"
    arena = "on" if args.arena else "per run" if settings.ocr_arena_per_run else "off"
    print(f"\nOCR {pool.model_version} ({settings.ocr_engine}, {threads} threads, "
          f"arena={arena}); median of {args.runs} runs, ms\n")
    print("| file | pages | source | " + " | ".join(STAGES) + " |")
    print("|---|---:|---|" + "---:|" * len(STAGES))
    for name, pages, sources, med in rows:
        print(f"| {name} | {pages} | {sources} | " + " | ".join(f"{med[s]:.1f}" for s in STAGES) + " |")
    print(f"\nstart-up: engine build {built:.2f} s + warm-up {warm:.2f} s; "
          f"peak RSS after start-up {rss_start:.0f} MB, at the end {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
