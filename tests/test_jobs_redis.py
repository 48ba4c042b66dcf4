"""Delivery guarantees of the Redis backend, with a real redis-server (AOF on) and two real worker processes:
work is shared, Redis can restart (or be down) mid-job, and a worker can be SIGKILLed mid-file."""

from __future__ import annotations

import httpx

from tests.conftest import SAMPLES, stop
from tests.jobs_fixtures import Stack, job_document, kill, wait_for

PDFS = ["invoice_digital_eur.pdf", "invoice_digital_usd.pdf", "invoice_digital_gbp_multipage.pdf",
        "invoice_digital_inr.pdf", "invoice_digital_rub.pdf"]
IMAGES = ["receipt_myr.png", "receipt_usd.jpg"]  # used by no other job test: not in the shared answer cache


def _submit(http: httpx.Client, names: list[str]) -> str:
    r = http.post("/v1/jobs", files=[("files", (n, (SAMPLES / n).read_bytes())) for n in names])
    assert r.status_code == 202, r.text
    return r.json()["job_id"]


def _wait_end(http: httpx.Client, job_id: str, timeout_s: float, stack: Stack) -> dict:
    def ended() -> dict | None:
        try:
            doc = job_document(http, job_id)
        except (AssertionError, httpx.HTTPError):
            return None
        return doc if doc["finished_at"] else None

    try:
        return wait_for(ended, timeout_s, f"job {job_id} did not end", poll_s=0.25)
    except TimeoutError as exc:
        raise TimeoutError(f"{exc}\n{stack.logs()}") from exc


def _workers_of(stack: Stack, job_id: str) -> set[str]:
    return {v for k, v in stack.job_hash(job_id).items() if k.startswith("w:")}


def test_a_big_job_is_shared_by_both_workers_and_outlives_an_api_restart(redis_stack: Stack):
    names = [*PDFS * 2, *PDFS[:2]]  # 12 documents
    with httpx.Client(base_url=redis_stack.api_url, timeout=30) as http:
        job_id = _submit(http, names)
        redis_stack.restart_api()  # the API keeps nothing of its own: the job goes on and is readable again
        doc = _wait_end(http, job_id, 90, redis_stack)
    assert doc["status"] == "succeeded" and doc["progress"] == {"done": 12, "failed": 0, "total": 12}
    assert [r["filename"] for r in doc["results"]] == names
    assert len(_workers_of(redis_stack, job_id)) == 2  # both workers did some
    assert not redis_stack.redis.client().keys(f"ocrlty:upload:{job_id}:*")  # uploads freed as items end


def test_redis_down_then_restarted_mid_job_loses_nothing(redis_stack: Stack):
    names = ["receipt_eur.png", *PDFS, *PDFS[:3]]
    server = redis_stack.redis
    with httpx.Client(base_url=redis_stack.api_url, timeout=30) as http:
        job_id = _submit(http, names)
        wait_for(lambda: "started_at" in redis_stack.job_hash(job_id), 30, "no item started")
        server.stop()  # SIGTERM: Redis writes its AOF and exits
        try:
            r = http.post("/v1/jobs", files=[("files", (PDFS[0], (SAMPLES / PDFS[0]).read_bytes()))])
            assert r.status_code == 503 and r.json()["error"]["code"] == "queue_unavailable"
            assert int(r.headers["retry-after"]) > 0
            health = http.get("/v1/health").json()
            assert health["jobs"]["redis_reachable"] is False and health["status"] == "degraded"
            one = http.post("/v1/extract", files={"file": (PDFS[1], (SAMPLES / PDFS[1]).read_bytes())})
            assert one.status_code == 200 and one.json()["data"]["currency"] == "USD"  # extraction goes on
        finally:
            server.start()
        doc = _wait_end(http, job_id, 90, redis_stack)
        assert http.get("/v1/health").json()["jobs"]["redis_reachable"] is True
    assert doc["status"] == "succeeded"
    assert doc["progress"] == {"done": len(names), "failed": 0, "total": len(names)}


def test_a_sigkilled_worker_s_file_is_finished_by_the_other(redis_stack: Stack):
    """Last in this module: it leaves one worker."""
    names = [*IMAGES, *PDFS, *PDFS]  # 12; the images first: each worker starts on one, and we kill one mid-OCR
    with httpx.Client(base_url=redis_stack.api_url, timeout=30) as http:
        job_id = _submit(http, names)

        def image_in_progress() -> str | None:
            h = redis_stack.job_hash(job_id)
            busy = [h[f"w:{i}"] for i in range(len(IMAGES)) if f"s:{i}" in h and f"r:{i}" not in h]
            return busy[0] if busy else None

        try:
            victim_id = wait_for(image_in_progress, 60, "no worker started an image")
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}\n{redis_stack.logs()}") from exc
        victim = next(p for p in redis_stack.workers if f":{p.pid}:" in victim_id)
        index = next(i for i in range(len(IMAGES)) if redis_stack.job_hash(job_id).get(f"w:{i}") == victim_id)
        kill(victim)
        stop(victim)  # prints its log tail
        # its claim is not renewed any more: after JOB_VISIBILITY_TIMEOUT_S (4 s) the other worker takes the file
        doc = _wait_end(http, job_id, 120, redis_stack)
    assert doc["status"] == "succeeded"
    assert doc["progress"] == {"done": len(names), "failed": 0, "total": len(names)}
    assert doc["results"][index]["data"] is not None
    assert redis_stack.job_hash(job_id)[f"w:{index}"] != victim_id  # finished by the survivor
