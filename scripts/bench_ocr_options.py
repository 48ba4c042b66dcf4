#!/usr/bin/env python
"""OCR speed of setting variants against each other, interleaved on the same scans, as ratios.

    .venv/bin/python scripts/bench_ocr_options.py --images 8 --reps 2 \\
        'spin=OCR_SPINNING=true' 'off=' 'mp1.0=OCR_DET_MAX_MEGAPIXELS=1.0' 'tiny=OCR_DET_MODEL=PP-OCRv6_tiny_det'

Each variant is ``name=KEY=VALUE,KEY=VALUE`` (settings as environment names; empty = the defaults). One engine
per variant is built in this process with the service's own builder; every scan is run through each variant in
turn (A B C A B C …), so machine load hits them alike. Prints each variant's median time and its median ratio to
the first variant (with quartiles), and how many scans gave the same text as the first. Accuracy is measured
separately with ``scripts/eval.py`` (same settings through the environment).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ocr_engine import build_engine_pool  # noqa: E402
from lib.render import decode_image  # noqa: E402
from lib.settings import Settings  # noqa: E402

SROIE = Path("/work/shared/data/sroie-dev/img")


def parse_variant(spec: str) -> tuple[str, dict[str, str]]:
    name, _, rest = spec.partition("=")
    pairs = [kv.split("=", 1) for kv in rest.split(",") if kv]
    return name, {k.lower(): v for k, v in pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--images-dir", type=Path, default=SROIE if SROIE.is_dir() else ROOT / "samples")
    parser.add_argument("--images", type=int, default=8)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--clients", type=int, default=0, help="also: every scan sent by this many threads at "
                        "once per variant (the pool's engines as the scheduler hands them out), wall time")
    args = parser.parse_args()

    paths = sorted(p for p in args.images_dir.iterdir() if p.suffix.lower() in (".jpg", ".png")
                   and not p.name.startswith(("broken", "fake")))[: args.images]
    images = [decode_image(p.read_bytes(), max_pixels=60_000_000) for p in paths]
    pools = {}
    for spec in args.variants:
        name, overrides = parse_variant(spec)
        pools[name] = build_engine_pool(Settings(**overrides), size=1)  # type: ignore[arg-type]
        pools[name].warm_up()
        pools[name].recognize(images[0])
    times: dict[str, list[float]] = {name: [] for name in pools}
    texts: dict[str, list[str]] = {name: [] for name in pools}
    cpu: dict[str, list[float]] = {name: [] for name in pools}  # CPU seconds of the process (all its threads)
    spans: dict[str, list[list[tuple[str, tuple[float, ...]]]]] = {name: [] for name in pools}
    load_before = os.getloadavg()
    for rep in range(args.reps):
        for image in images:
            for name, pool in pools.items():
                t0, c0 = time.perf_counter(), time.process_time()
                page = pool.recognize(image)
                times[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
                if rep == 0:
                    texts[name].append(" ".join(s.text for s in page.spans))
                    spans[name].append([(s.text, tuple(s.bbox)) for s in page.spans])
    walls: dict[str, list[float]] = {name: [] for name in pools}
    cpu_walls: dict[str, list[float]] = {name: [] for name in pools}
    for _ in range(args.reps if args.clients else 0):
        for name, pool in pools.items():
            t0, c0 = time.perf_counter(), time.process_time()
            with ThreadPoolExecutor(args.clients) as clients:
                list(clients.map(pool.recognize, images))
            walls[name].append(time.perf_counter() - t0)
            cpu_walls[name].append(time.process_time() - c0)
    load_after = os.getloadavg()
    first = next(iter(pools))
    print(f"\n{len(images)} scans × {args.reps}; load average {load_before[0]:.1f} → {load_after[0]:.1f}\n")
    print(f"| variant | median ms | ratio to {first} (median) | q1–q3 | CPU s per page, ratio (median) | same text "
          "| same spans (text + box) |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name in pools:
        ratios = [a / b for a, b in zip(times[name], times[first], strict=True)]
        q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
        same = sum(a == b for a, b in zip(texts[name], texts[first], strict=True))
        same_spans = sum(a == b for a, b in zip(spans[name], spans[first], strict=True))
        cpu_ratio = statistics.median(a / b for a, b in zip(cpu[name], cpu[first], strict=True))
        print(f"| {name} | {statistics.median(times[name]) * 1000:.0f} | {statistics.median(ratios):.2f} | "
              f"{q[0]:.2f}–{q[2]:.2f} | {statistics.median(cpu[name]):.2f}, {cpu_ratio:.2f} | "
              f"{same}/{len(texts[name])} | {same_spans}/{len(spans[name])} |")
    if args.clients:
        print(f"\n{args.clients} threads at once, {len(images)} scans, {args.reps} round(s):\n")
        print(f"| variant | pages/s (median) | wall ratio to {first} (median) | min–max | CPU s per page, ratio |")
        print("|---|---:|---:|---|---:|")
        for name in pools:
            ratios = [a / b for a, b in zip(walls[name], walls[first], strict=True)]
            cpu_ratio = statistics.median(a / b for a, b in zip(cpu_walls[name], cpu_walls[first], strict=True))
            print(f"| {name} | {len(images) / statistics.median(walls[name]):.2f} | {statistics.median(ratios):.2f} | "
                  f"{min(ratios):.2f}–{max(ratios):.2f} | {statistics.median(cpu_walls[name]) / len(images):.2f}, "
                  f"{cpu_ratio:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
