"""Regenerate docs/api.md: the prose of scripts/api_docs.template.md with every ``{{example:NAME}}`` replaced by
curl / curl.exe / httpx snippets and the body of a real call on the project's samples.

The calls run against the app in this process (real OCR, local KIE), so the bodies are what the service answers
today; timings and ids differ from run to run.

    .venv/bin/python scripts/make_api_docs.py      # ~30 s: builds the OCR engines twice
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from apps.api_gpu.main import create_app  # noqa: E402
from lib.settings import PROJECT_ROOT, Settings  # noqa: E402

TEMPLATE = PROJECT_ROOT / "scripts" / "api_docs.template.md"
OUT = PROJECT_ROOT / "docs" / "api.md"
BASE = "http://localhost:8000"


@dataclass
class Example:
    method: str
    path: str
    files: list[tuple[str, str]] = field(default_factory=list)  # (form field, sample path)
    headers: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)  # overrides for this call (limits, keys)
    note: str = ""


EXAMPLES: dict[str, Example] = {
    "ping": Example("GET", "/ping"),
    "health": Example("GET", "/v1/health"),
    "ready": Example("GET", "/v1/ready"),
    "extract": Example("POST", "/v1/extract", [("file", "samples/receipt_myr.png")],
                       headers={"X-Request-ID": "docs-receipt-1"}),
    "extract_pdf": Example("POST", "/v1/extract", [("file", "samples/invoice_digital_eur.pdf")]),
    "batch": Example("POST", "/v1/extract-batch", [("files", "samples/receipt_usd.jpg"),
                                                   ("files", "samples/invoice_digital_usd.pdf"),
                                                   ("files", "samples/fake_image.png")]),
    "err_415": Example("POST", "/v1/extract", [("file", "samples/fake_image.png")]),
    "err_422_encrypted": Example("POST", "/v1/extract", [("file", "samples/encrypted_password.pdf")]),
    "err_422_broken": Example("POST", "/v1/extract", [("file", "samples/broken_not_a_pdf.pdf")]),
    "err_422_field": Example("POST", "/v1/extract", [("document", "samples/receipt_usd.jpg")]),
    "err_413": Example("POST", "/v1/extract", [("file", "samples/invoice_scanned_usd.pdf")],
                       settings={"max_upload_mb": 0.05}, note="with `MAX_UPLOAD_MB=0.05`"),
    "err_401": Example("POST", "/v1/extract", [("file", "samples/receipt_usd.jpg")],
                       settings={"api_keys": SecretStr("s3cret")}, note="with `API_KEYS=s3cret`, no key sent"),
    "with_key": Example("POST", "/v1/extract", [("file", "samples/invoice_digital_usd.pdf")],
                        headers={"Authorization": "Bearer s3cret"}, settings={"api_keys": SecretStr("s3cret")},
                        note="with `API_KEYS=s3cret`"),
    "err_504": Example("POST", "/v1/extract", [("file", "samples/receipt_eur.png")],
                       settings={"request_timeout_s": 0.05, "cache_max_entries": 0},
                       note="with `REQUEST_TIMEOUT_S=0.05` to provoke it"),
    "err_404": Example("GET", "/v1/nothing-here"),
}
STARTING = Example("POST", "/v1/extract", [("file", "samples/receipt_usd.jpg")],
                   note="sent right after start, while the OCR engines load")


def _curl(ex: Example, exe: bool) -> str:
    cmd = "curl.exe" if exe else "curl"
    parts = [cmd, "-i" if ex.method == "GET" and ex.path == "/ping" else "-s"]
    q = (lambda s: f'"{s}"') if exe else (lambda s: f"'{s}'" if " " in s else s)
    for k, v in ex.headers.items():
        parts += ["-H", q(f"{k}: {v}")]
    for name, path in ex.files:
        local = path.replace("/", "\\") if exe else path
        parts += ["-F", q(f"{name}=@{local}")]
    parts.append(f"{BASE}{ex.path}")
    return " ".join(parts)


def _httpx(ex: Example) -> str:
    lines = ["import httpx", ""]
    args = [f'"{BASE}{ex.path}"']
    if ex.headers:
        args.append(f"headers={ex.headers!r}")
    if ex.files:
        files = ", ".join(f'("{n}", open("{p}", "rb"))' for n, p in ex.files)
        args.append(f"files=[{files}]")
        args.append("timeout=330")  # the server's own limit (REQUEST_TIMEOUT_S) ends first
    call = f"httpx.{ex.method.lower()}({', '.join(args)})"
    lines += [f"r = {call}", "print(r.status_code, r.headers.get(\"Retry-After\"), r.json() if r.content else None)"]
    return "\n".join(lines)


def _block(ex: Example, status: int, headers: dict[str, str], body: Any) -> str:
    shown = {k: v for k, v in headers.items() if k.lower() in ("retry-after", "www-authenticate")}
    head = f"HTTP {status}" + "".join(f", `{k}: {v}`" for k, v in shown.items())
    note = f" ({ex.note})" if ex.note else ""
    out = [
        "```bash", _curl(ex, exe=False), "```", "",
        "Windows PowerShell (`curl` there is another command; use `curl.exe`):", "",
        "```powershell", _curl(ex, exe=True), "```", "",
        "```python", _httpx(ex), "```", "",
        f"Answer from a real run{note}: {head}", "",
    ]
    if body is None:
        out += ["(no body)", ""]
    else:
        out += ["```json", json.dumps(body, indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(out)


def _call(client: TestClient, ex: Example) -> tuple[int, dict[str, str], Any]:
    state = client.app.state.ocrlty  # type: ignore[attr-defined]
    old = state.settings
    state.settings = old.model_copy(update=ex.settings)
    try:
        handles = [(name, (Path(path).name, (PROJECT_ROOT / path).read_bytes())) for name, path in ex.files]
        r = client.request(ex.method, ex.path, headers=ex.headers, files=handles or None)
    finally:
        state.settings = old
    return r.status_code, dict(r.headers), (r.json() if r.content else None)


def main() -> int:
    settings = Settings(ocr_concurrency=1, kie_backend="local", log_level="WARNING")
    blocks: dict[str, str] = {}
    with TestClient(create_app(settings)) as client:  # a real "starting" answer: the engines are still loading
        blocks["starting"] = _block(STARTING, *_call(client, STARTING))
        ping = client.get("/ping")
        blocks["ping_starting"] = f"Answer while the engines load: HTTP {ping.status_code} (no body)\n"
    with TestClient(create_app(settings)) as client:
        state = client.app.state.ocrlty  # type: ignore[attr-defined]
        while not state.ready:
            if state.startup_error:
                raise SystemExit(state.startup_error)
            time.sleep(0.1)
        for name, ex in EXAMPLES.items():
            blocks[name] = _block(ex, *_call(client, ex))
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = set(re.findall(r"\{\{example:(\w+)\}\}", text)) - set(blocks)
    if missing:
        raise SystemExit(f"the template names unknown examples: {sorted(missing)}")
    text = re.sub(r"\{\{example:(\w+)\}\}", lambda m: blocks[m.group(1)], text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
