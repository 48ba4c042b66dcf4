"""Every hostile input gets its promised answer from a real server: a result, or a 4xx JSON error with its code.

Never a 5xx, never a crash (the process is checked after each case), never a hang (every call has a timeout),
and the server's peak memory across the corpus stays bounded.
"""

from __future__ import annotations

import httpx
import pytest

from tests.hostile.conftest import LIMITS, Server
from tests.hostile.corpus import CASES, Case

# Memory the server may add on top of its resident size before the corpus (OCR buffers of the tiny pages,
# Python's arenas). A decompression bomb that got through would add hundreds of MB.
RSS_GROWTH_BOUND_MB = 300
_rss_before_kb: dict[str, int] = {}


def test_cases_are_many_and_distinct():
    kinds = [c.kind for c in CASES]
    assert len(kinds) == len(set(kinds)) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_hostile_input_gets_its_promised_answer(server: Server, case: Case):
    if not _rss_before_kb:
        server.reset_peak()
        _rss_before_kb["rss"] = server.memory_kb("VmRSS") or 0
    response = httpx.post(server.url + case.path, files=case.build(LIMITS), timeout=60)
    assert server.alive(), "the server died"
    assert response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert response.status_code == case.status, body
    if "batch_errors" in case.extra:
        codes = [(item["error"] or {}).get("code") for item in body["results"]]
        assert codes == case.extra["batch_errors"], body
    elif case.code is None:
        assert set(body) == {"data", "meta"}
        if case.total is not None:
            assert body["data"]["total"] == case.total, body["data"]
    else:
        assert body["error"]["code"] == case.code, body
        assert body["error"]["message"] and body["error"]["request_id"] == response.headers["x-request-id"]


def test_peak_memory_across_the_corpus_is_bounded(server: Server):
    before, peak = _rss_before_kb.get("rss"), server.memory_kb("VmHWM")
    if not before or peak is None:
        pytest.skip("needs /proc and the corpus run first")
    growth_mb = (peak - before) / 1024
    print(f"server RSS before the corpus {before / 1024:.0f} MB, peak {peak / 1024:.0f} MB (+{growth_mb:.0f} MB)")
    assert growth_mb < RSS_GROWTH_BOUND_MB
    metrics = httpx.get(server.url + "/metrics", timeout=10).text
    assert 'status="500"' not in metrics and "ocrlty_ocr_in_flight 0.0" in metrics
