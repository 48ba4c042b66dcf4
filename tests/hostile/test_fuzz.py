"""Protocol fuzzing with Schemathesis against the app's own OpenAPI schema.

The app is a real one (real OCR with the offline models, one engine, no warm-up, small limits), called
in-process over ASGI with its lifespan running. Schemathesis generates requests from the schema (valid and
invalid: wrong types, missing fields, random bytes as files, odd headers, other methods) and checks every
response: no 5xx, the status is one the schema declares, the content type and body conform to the declared
response schema, missing auth is refused. Examples per operation are bounded so the whole run fits CI;
``FUZZ_EXAMPLES`` in the environment raises the bound for a longer local run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from pydantic import SecretStr
from schemathesis.specs.openapi.checks import negative_data_rejection

from apps.api_gpu.main import create_app
from tests.conftest import make_settings, started_client

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
COUNTS: dict[str, dict[int, int]] = {}  # operation → status → responses (printed for docs/reliability.md)

# Built at import (nothing heavy happens there); the lifespan below loads the OCR engine for the module.
# (schemathesis.pytest.from_fixture would reuse the session app, but its lazy loader breaks on pytest 9.)
# API_KEYS is set: the schema declares bearer auth, and Schemathesis checks that calls without it are refused.
KEY = "fuzz-key"
APP = create_app(make_settings(ocr_concurrency=1, ocr_warmup=False, max_upload_mb=1, batch_max_files=3,
                               pdf_dpi=72, max_pdf_pages=2, api_keys=SecretStr(KEY)))
# A schema-valid call carries *some* bytes as the file; only a real PDF/JPEG/PNG gets a 200, so the refusals
# that depend on the bytes (documented in the schema and README) count as accepting well-formed data.
# A schema-violating call may also be refused for its size (413: e.g. more files than BATCH_MAX_FILES).
# Off: the Allow header of a 405. Starlette answers from the first route of a path, so /v1/jobs/{job_id}
# (GET and DELETE as two routes) says "Allow: GET" only; an HTTP nicety of the router, not an error path.
CONFIG = schemathesis.Config.from_dict({
    "checks": {
        "allow_header_conformance": {"enabled": False},
        "positive_data_acceptance": {"expected-statuses": ["2XX", 400, 401, 403, 404, 409, 413, 415, 422, 429]},
        "negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428,
                                                          429]},
    },
})
# From the app's own schema, served to the fuzzer's ASGI transport: ``from_asgi`` would fetch /openapi.json
# through a client that runs the lifespan at import, starting the OCR engine build during test collection.
schema = schemathesis.openapi.from_dict(APP.openapi(), config=CONFIG)
schema.app = APP


@pytest.fixture(scope="module", autouse=True)
def _lifespan() -> Iterator[None]:
    with started_client(APP):
        yield


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # A batch (200) and a job (202) take any file content and report a bad file per item / in the job, by
    # design; and the one other "violation" generated for them, a missing Authorization, is undone by the header
    # we add. So for these two, schema-violating data may be accepted.
    excluded = [negative_data_rejection] if case.path in ("/v1/extract-batch", "/v1/jobs") else []
    response = case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, excluded_checks=excluded)
    by_status = COUNTS.setdefault(f"{case.method} {case.path}", {})
    by_status[response.status_code] = by_status.get(response.status_code, 0) + 1


def test_fuzz_counts_report():
    """Prints what the fuzzing produced (run with -s); runs after the fuzz tests in this module."""
    for operation, by_status in sorted(COUNTS.items()):
        print(f"fuzz {operation}: {sum(by_status.values())} calls, statuses {dict(sorted(by_status.items()))}")
    assert all(status < 500 for by_status in COUNTS.values() for status in by_status)
