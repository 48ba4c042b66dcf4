"""The thread budget: cgroup quotas read from fixture files, engines × threads split, oversubscription warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib.ocr.cpu_budget import available_cpus, cgroup_cpu_quota, plan_threads


def _fs(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "max 100000\n"}, None),
        ({"proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "150000 100000\n"}, 1.5),
        # nested: the parent's limit is the tighter one
        ({"proc/self/cgroup": "0::/app/web\n", "sys/fs/cgroup/app/web/cpu.max": "400000 100000\n",
          "sys/fs/cgroup/app/cpu.max": "200000 100000\n"}, 2.0),
        # v1, cpu and cpuacct mounted together
        ({"proc/self/cgroup": "4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n",
          "sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "50000\n",
          "sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000\n"}, 0.5),
        ({"proc/self/cgroup": "4:cpu,cpuacct:/\n", "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
          "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n"}, None),
        ({}, None),  # not Linux / nothing mounted
        ({"proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "garbage\n"}, None),
    ],
)
def test_cgroup_quota(tmp_path, files, expected):
    assert cgroup_cpu_quota(_fs(tmp_path, files)) == expected


def test_available_cpus_takes_the_quota_rounded_down_but_at_least_one(tmp_path):
    quarter = _fs(tmp_path, {"proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "25000 100000\n"})
    assert available_cpus(quarter) == 1
    assert available_cpus(tmp_path / "nothing-here") == len(os.sched_getaffinity(0))  # no cgroup files: affinity


@pytest.mark.parametrize(
    ("cpus", "engines", "threads", "plan", "warns"),
    [
        (2, None, None, (1, 2), False),  # auto: one engine using every CPU
        (8, None, None, (1, 8), False),
        (8, 4, None, (4, 2), False),  # one given: the other fills the CPUs
        (8, None, 2, (4, 2), False),
        (2, 3, None, (3, 1), True),  # more engines than CPUs: at least one thread each, and a warning
        (2, 3, 2, (3, 2), True),  # the old defaults on two cores
        (4, 2, 2, (2, 2), False),
    ],
)
def test_plan_threads(cpus, engines, threads, plan, warns):
    result = plan_threads(cpus, engines=engines, threads=threads)
    assert (result.engines, result.intra_op_threads) == plan
    assert bool(result.warnings) == warns
    assert warns or result.threads <= cpus


def test_oversubscription_is_reported_in_health():
    from apps.api_gpu.main import create_app
    from tests.conftest import make_settings, started_client

    cpus = available_cpus()
    settings = make_settings(ocr_concurrency=1, omp_num_threads=cpus + 1, ocr_warmup=False)
    with started_client(create_app(settings)) as client:
        body = client.get("/v1/health").json()
    assert body["status"] == "degraded"
    assert any("oversubscribe" in w for w in body["ocr"]["warnings"])
    assert (body["ocr"]["instances"], body["ocr"]["threads_per_instance"], body["ocr"]["cpus"]) == (1, cpus + 1, cpus)


def test_engines_share_one_session_per_stage_without_spinning(app_client):
    pool = app_client.app.state.ocrlty.ocr.pool
    engines = list(pool.engines.queue)
    assert len(engines) == pool.size == 2
    assert engines[0].det_session is engines[1].det_session
    assert engines[0].rec_session is engines[1].rec_session
    assert engines[0].det_session is not engines[0].rec_session
    assert pool.plan.engines * pool.plan.intra_op_threads <= max(pool.plan.cpus, 2)
