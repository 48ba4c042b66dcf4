"""How many CPUs this process may really use, and how OCR threads are split over them.

``os.cpu_count()`` reports the host's cores; a container or a ``taskset`` sees fewer. The budget takes the
smallest of the CPU affinity mask and the cgroup quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` /
``cpu.cfs_period_us``, the tightest along the cgroup's ancestors), and splits it into OCR engines × intra-op
threads so that their product never exceeds it. Explicit settings win, with a warning when they oversubscribe.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ThreadPlan", "available_cpus", "cgroup_cpu_quota", "plan_threads", "AUTO_THREADS_PER_ENGINE",
           "AUTO_PAGES_PER_ENGINE"]

# Measured on 2 cores (docs/benchmarks.md, "Thread budget"): one engine using every core, with the queue in
# front of it, beat N engines × 1 thread on single requests and matched it under load once spinning was off.
AUTO_THREADS_PER_ENGINE = 0  # 0 = all available CPUs in one engine
# Pages one engine works on at once when unset and it has several threads (docs/benchmarks.md, "OCR speed"). 2
# lets the next page's detection overlap the current page's last recognizer batches, within the engine's threads;
# measured no better than 1 under 4 clients, and it doubles the decoded pages and script routers: 1.
AUTO_PAGES_PER_ENGINE = 1


@dataclass(frozen=True, slots=True)
class ThreadPlan:
    """OCR engines × intra-op threads (+ inter-op threads) for this process, and why."""

    cpus: int
    engines: int
    intra_op_threads: int
    inter_op_threads: int = 0  # sequential execution: onnxruntime creates no inter-op pool
    # recognizer batches an engine runs at once (``lib.ocr.stages``), each on ``rec_threads`` intra-op threads:
    # rec_workers × rec_threads ≤ intra_op_threads, so the engine's threads stay within its share
    rec_workers: int = 1
    # pages one engine works on at once (``lib.ocr.stages``: they share its CPU slots, so no extra threads)
    pages_per_engine: int = 1
    explicit: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def threads(self) -> int:
        return self.engines * (self.intra_op_threads + self.inter_op_threads)

    @property
    def rec_threads(self) -> int:
        """Intra-op threads of one recognizer batch (the engine's threads shared by its parallel batches)."""
        return max(1, self.intra_op_threads // self.rec_workers)


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _own_cgroups(root: Path) -> tuple[str | None, str | None]:
    """This process's cgroup path in the v2 hierarchy and in v1's ``cpu`` controller (from /proc/self/cgroup)."""
    v2, v1 = None, None
    for line in (_read(root / "proc/self/cgroup") or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            v2 = path
        elif "cpu" in controllers.split(","):
            v1 = path
    return v2, v1


def _ancestors(base: Path, cgroup_path: str) -> list[Path]:
    """The cgroup's folder and each parent up to the mount root (a limit anywhere above applies too)."""
    rel = Path(cgroup_path.lstrip("/"))
    folders = [base / rel]
    folders.extend(base / p for p in rel.parents)
    return list(dict.fromkeys(folders))


def cgroup_cpu_quota(root: Path = Path("/")) -> float | None:
    """The tightest CPU quota (in CPUs, e.g. 1.5) of this process's cgroup and its parents; None = unlimited.

    Args:
        root: file-system root to read ``proc/`` and ``sys/fs/cgroup/`` from (tests point it at fixtures).
    """
    v2, v1 = _own_cgroups(root)
    quotas: list[float] = []
    cg = root / "sys/fs/cgroup"
    if v2 is not None:
        for folder in _ancestors(cg, v2):
            fields = (_read(folder / "cpu.max") or "").split()
            if len(fields) == 2 and fields[0] != "max":
                try:
                    quota, period = int(fields[0]), int(fields[1])
                except ValueError:
                    continue
                if quota > 0 and period > 0:
                    quotas.append(quota / period)
    if v1 is not None:
        for mount in ("cpu,cpuacct", "cpu", "cpuacct,cpu"):
            if not (cg / mount).is_dir():
                continue
            for folder in _ancestors(cg / mount, v1):
                try:
                    quota = int(_read(folder / "cpu.cfs_quota_us") or "-1")
                    period = int(_read(folder / "cpu.cfs_period_us") or "0")
                except ValueError:
                    continue
                if quota > 0 and period > 0:
                    quotas.append(quota / period)
            break
    return min(quotas) if quotas else None


def available_cpus(root: Path = Path("/")) -> int:
    """CPUs this process may use: affinity mask ∩ cgroup quota (rounded down, at least 1)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cpus = os.cpu_count() or 1
    quota = cgroup_cpu_quota(root)
    if quota is not None:
        cpus = min(cpus, max(1, math.floor(quota)))
    return max(1, cpus)


def plan_threads(cpus: int, *, engines: int | None = None, threads: int | None = None,
                 rec_workers: int | None = 1, pages_per_engine: int | None = 1) -> ThreadPlan:
    """Split ``cpus`` into engines × intra-op threads; ``None`` = derive from the machine.

    Auto: ``AUTO_THREADS_PER_ENGINE`` threads per engine (0 = all CPUs) and as many engines as fit. One value
    given: the other fills the CPUs. Both given: used as they are, with a warning when they oversubscribe.
    ``rec_workers``: recognizer batches per engine at once (``None`` = one per engine thread, each on one
    thread); capped at the engine's threads, so it never adds threads to the budget. ``pages_per_engine``:
    pages in flight per engine (``None`` = ``AUTO_PAGES_PER_ENGINE`` for an engine with several threads, else 1);
    they share the engine's threads.
    """
    explicit = engines is not None or threads is not None
    if engines is None and threads is None:
        threads = min(cpus, AUTO_THREADS_PER_ENGINE or cpus)
        engines = max(1, cpus // threads)
    elif engines is None:
        assert threads is not None
        engines = max(1, cpus // threads)
    elif threads is None:
        threads = max(1, cpus // engines)
    workers = max(1, min(threads, rec_workers or threads))
    pages = max(1, pages_per_engine or (AUTO_PAGES_PER_ENGINE if threads > 1 else 1))
    plan = ThreadPlan(cpus=cpus, engines=engines, intra_op_threads=threads, rec_workers=workers,
                      pages_per_engine=pages, explicit=explicit)
    if plan.threads > cpus:
        plan.warnings.append(
            f"OCR threads oversubscribe the CPUs: OCR_CONCURRENCY={engines} × OMP_NUM_THREADS={threads} = "
            f"{plan.threads} threads on {cpus} CPU(s) available to this process; expect slower pages and high "
            f"system time. Leave both unset to derive them, or keep their product ≤ {cpus}."
        )
    return plan
