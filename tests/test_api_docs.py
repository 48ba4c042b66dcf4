"""Caller documentation stays true: docs/openapi.json is what the app serves, docs/api.md covers every route and
every error code, and it was generated from the current template."""

from __future__ import annotations

import json
import re
import runpy

from apps.api_gpu.errors import STATUS_BY_ERROR
from lib.settings import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"


def test_openapi_json_is_not_stale():
    render = runpy.run_path(str(PROJECT_ROOT / "scripts" / "export_openapi.py"))["render"]
    assert (DOCS / "openapi.json").read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is stale: run .venv/bin/python scripts/export_openapi.py")


def test_api_md_covers_every_route_and_error_code():
    api_md = (DOCS / "api.md").read_text(encoding="utf-8")
    schema = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}`" in api_md, f"{method.upper()} {path} is not documented"
    abstract = {"bad_input", "kie_backend_error", "not_ready"}  # families: only their leaves are raised
    codes = {cls.code for cls, _ in STATUS_BY_ERROR} - abstract - {"client_closed_request"}  # logs see a 499
    codes |= {"invalid_request", "unauthorized", "not_found", "internal_error", "starting", "startup_failed"}
    table = set(re.findall(r"^\| \d{3} \| (.+?) \|", api_md, flags=re.MULTILINE))
    documented = {c for row in table for c in re.findall(r"`(\w+)`", row)}
    assert codes <= documented, f"error codes missing from docs/api.md: {sorted(codes - documented)}"


def test_api_md_is_generated_from_the_current_template():
    template = (PROJECT_ROOT / "scripts" / "api_docs.template.md").read_text(encoding="utf-8")
    api_md = (DOCS / "api.md").read_text(encoding="utf-8")
    prose = [line for line in template.splitlines() if line.strip() and "{{example:" not in line]
    missing = [line for line in prose if line not in api_md.splitlines()]
    assert not missing, f"docs/api.md is older than its template: run scripts/make_api_docs.py ({missing[:3]})"
