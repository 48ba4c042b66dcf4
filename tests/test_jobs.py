"""/v1/jobs over HTTP, on both backends: in process (the session app) and Redis (a real redis-server, a uvicorn
API and two ``python -m apps.worker`` processes). Mostly digital PDFs (no OCR), so the suite stays quick."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from lib.jobs.webhook import verify, webhook_client
from tests.conftest import SAMPLES, overridden_settings
from tests.jobs_fixtures import WEBHOOK_SECRET, Receiver, job_document, parse, unique_file, wait_for

PDFS = ["invoice_digital_eur.pdf", "invoice_digital_usd.pdf", "invoice_digital_gbp_multipage.pdf",
        "invoice_digital_inr.pdf", "invoice_digital_rub.pdf"]


@dataclass
class JobsApi:
    backend: str
    client: TestClient | httpx.Client

    def submit(self, names: list[str], *, callback_url: str | None = None, key: str | None = None
               ) -> httpx.Response:
        files = [("files", (n, (SAMPLES / n).read_bytes())) for n in names]
        headers = {"Idempotency-Key": key} if key else {}
        data = {"callback_url": callback_url} if callback_url else {}
        return self.client.post("/v1/jobs", files=files, data=data, headers=headers)

    def wait_end(self, job_id: str, timeout_s: float = 90) -> dict[str, Any]:
        def ended() -> dict[str, Any] | None:
            doc = job_document(self.client, job_id)
            return doc if doc["finished_at"] else None

        return wait_for(ended, timeout_s, f"job {job_id} did not end", poll_s=0.2)


@pytest.fixture(params=["in_process", "redis"])
def jobs_api(request: pytest.FixtureRequest, webhook_receiver: Receiver) -> Iterator[JobsApi]:
    if request.param == "in_process":
        client: TestClient = request.getfixturevalue("app_client")
        backend = client.app.state.ocrlty.jobs
        assert backend.name == "in_process"
        hooks = backend.webhooks
        saved = (hooks.secret, hooks.allow_private, hooks.backoff_s, hooks.client)
        # the receiver is on loopback: a client allowed to connect there (the address is checked on connect)
        hooks.client = webhook_client(timeout_s=10, allow_private=True)
        hooks.secret, hooks.allow_private, hooks.backoff_s = WEBHOOK_SECRET, True, 0.2
        try:
            with overridden_settings(client, webhook_allow_private=True):
                yield JobsApi("in_process", client)
        finally:
            client.portal.call(hooks.client.aclose)
            hooks.secret, hooks.allow_private, hooks.backoff_s, hooks.client = saved
    else:
        stack = request.getfixturevalue("redis_stack")
        with httpx.Client(base_url=stack.api_url, timeout=30) as http:
            yield JobsApi("redis", http)


def test_job_life_cycle_with_a_broken_file_and_a_signed_retried_webhook(jobs_api: JobsApi,
                                                                         webhook_receiver: Receiver):
    names = [PDFS[0], "broken_not_a_pdf.pdf", PDFS[1], "encrypted_password.pdf", "receipt_eur.png"]
    r = jobs_api.submit(names, callback_url=webhook_receiver.url)
    assert r.status_code == 202, r.text
    body = r.json()
    job_id = body["job_id"]
    assert r.headers["location"] == f"/v1/jobs/{job_id}" and r.headers["x-request-id"]
    assert body["status"] == "queued" and body["total"] == 5 and body["created_at"].endswith("Z")
    assert body["links"]["self"] == f"/v1/jobs/{job_id}"

    doc = jobs_api.wait_end(job_id)
    assert doc["status"] == "succeeded" and doc["started_at"] and doc["finished_at"]
    assert doc["progress"] == {"done": 3, "failed": 2, "total": 5}
    results = doc["results"]
    assert [x["filename"] for x in results] == names  # upload order
    assert [x["status"] for x in results] == ["done", "failed", "done", "failed", "done"]
    assert results[1]["error"]["code"] == "undecodable_document"  # found at submit, never queued
    assert results[3]["error"]["code"] == "encrypted_document"
    assert results[0]["data"]["currency"] == "EUR" and results[2]["data"]["currency"] == "USD"
    assert results[4]["meta"]["pages"][0]["source"] == "ocr"
    # the same item shape as /v1/extract-batch
    batch = jobs_api.client.post("/v1/extract-batch", files=[("files", (PDFS[0], (SAMPLES / PDFS[0]).read_bytes()))])
    assert set(batch.json()["results"][0]) | {"status"} == set(results[0])

    # webhook: the receiver answers 500 first, so it comes twice; each one correctly signed
    posts = wait_for(lambda: len(webhook_receiver.for_job(job_id)) >= 2, 30, "the webhook was not retried")
    posts = webhook_receiver.for_job(job_id)
    assert [p[2] for p in posts[:2]] == [500, 200]
    for headers, raw, _ in posts:
        assert verify(raw, WEBHOOK_SECRET, headers["x-ocrlty-timestamp"], headers["x-ocrlty-signature"])
        assert not verify(raw + b" ", WEBHOOK_SECRET, headers["x-ocrlty-timestamp"], headers["x-ocrlty-signature"])
    sent = parse(posts[-1][1])
    assert sent["job_id"] == job_id and sent["status"] == "succeeded" and len(sent["results"]) == 5
    time.sleep(0.5)
    assert len(webhook_receiver.for_job(job_id)) == 2  # delivered once it succeeded: no more


def test_idempotency_key_returns_the_same_job(jobs_api: JobsApi):
    key = f"idem-{jobs_api.backend}-{time.time()}"
    first = jobs_api.submit([PDFS[0]], key=key)
    again = jobs_api.submit([PDFS[0]], key=key)
    other = jobs_api.submit([PDFS[0]], key=key + "-other")
    assert first.status_code == again.status_code == 202
    assert first.json()["job_id"] == again.json()["job_id"] != other.json()["job_id"]
    assert again.headers["location"] == first.headers["location"]


def test_cancel_stops_files_not_started(jobs_api: JobsApi):
    names = PDFS * 6
    files = [("files", (n, unique_file(n, i))) for i, n in enumerate(names)]  # no answer cache can help
    job_id = jobs_api.client.post("/v1/jobs", files=files).json()["job_id"]
    r = jobs_api.client.delete(f"/v1/jobs/{job_id}")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    doc = jobs_api.wait_end(job_id)
    statuses = [x["status"] for x in doc["results"]]
    assert doc["status"] == "cancelled" and "cancelled" in statuses
    assert set(statuses) <= {"done", "cancelled"}
    assert doc["progress"]["done"] + doc["progress"]["failed"] == len(names)


def test_unknown_job_is_a_404_json_error(jobs_api: JobsApi):
    for method in ("GET", "DELETE"):
        r = jobs_api.client.request(method, "/v1/jobs/job_does_not_exist")
        assert r.status_code == 404
        assert r.json()["error"]["code"] == "job_not_found" and r.json()["error"]["request_id"]


def test_callback_url_must_be_http(jobs_api: JobsApi):
    r = jobs_api.submit([PDFS[0]], callback_url="file:///etc/passwd")
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_callback_url"


def test_private_callback_refused_unless_allowed(app_client: TestClient):
    files = [("files", (PDFS[0], (SAMPLES / PDFS[0]).read_bytes()))]
    for url in ("http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://10.0.0.8/x"):
        r = app_client.post("/v1/jobs", files=files, data={"callback_url": url})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_callback_url", url


def test_jobs_in_openapi_and_health(app_client: TestClient):
    paths = app_client.get("/openapi.json").json()["paths"]
    assert {"post"} <= set(paths["/v1/jobs"]) and {"get", "delete"} <= set(paths["/v1/jobs/{job_id}"])
    assert "202" in paths["/v1/jobs"]["post"]["responses"]
    jobs = app_client.get("/v1/health").json()["jobs"]
    assert jobs["backend"] == "in_process" and jobs["redis_reachable"] is None


def test_jobs_need_the_api_key_like_the_other_routes(app_client: TestClient):
    from pydantic import SecretStr

    with overridden_settings(app_client, api_keys=SecretStr("k1")):
        files = [("files", (PDFS[0], (SAMPLES / PDFS[0]).read_bytes()))]
        assert app_client.post("/v1/jobs", files=files).status_code == 401
        assert app_client.get("/v1/jobs/job_x").status_code == 401
        ok = app_client.post("/v1/jobs", files=files, headers={"Authorization": "Bearer k1"})
        assert ok.status_code == 202
