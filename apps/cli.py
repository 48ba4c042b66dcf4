"""``ocrlty``: extract the six fields from files and folders, or start the API.

    ocrlty extract PATH... [--out results.jsonl|results.csv] [--server URL] [--concurrency N]
    ocrlty serve [--host H] [--port P]

``extract`` runs the same pipeline as the API in this process (built once, like a worker), or sends the files to
a running server with ``--server``. Folders are walked recursively and PDF/JPEG/PNG files are picked by their
bytes, not their names. One row per file (the six fields + error) goes to ``--out`` (JSONL or CSV by its
suffix; JSONL on stdout without it); a progress bar and a summary table go to stderr. The exit code is 1 when any
file failed, 2 when there was nothing to do.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from tqdm import tqdm

from lib.ingest import sniff_media_type
from lib.ocr.cpu_budget import available_cpus, plan_threads
from lib.settings import Settings

__all__ = ["main", "find_documents", "FIELDS"]

FIELDS = ("merchant", "date", "currency", "subtotal", "tax_amount", "total")
_SNIFF_BYTES = 1024
_SERVER_TIMEOUT_S = 330.0  # a little over RunPod's ~5.5 min cut: the server's own REQUEST_TIMEOUT_S ends first


@dataclass
class Row:
    file: str
    data: dict[str, Any] | None = None
    error: dict[str, str] | None = None

    @property
    def fields_found(self) -> int:
        return sum(1 for f in FIELDS if (self.data or {}).get(f) is not None)

    def flat(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        out.update({f: (self.data or {}).get(f) for f in FIELDS})
        out["error"] = f"{self.error['code']}: {self.error['message']}" if self.error else None
        return out


def _is_document(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return sniff_media_type(fh.read(_SNIFF_BYTES)) is not None
    except OSError:
        return False


def find_documents(paths: Iterable[Path], skipped: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """Files named directly (whatever they are: the extraction says if they are not documents) and the
    PDF/JPEG/PNG files under named folders, by content. Returns (documents, missing paths); the other files
    met in folders are appended to ``skipped`` when it is given, so the caller can say how many were passed over."""
    found: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not p.is_file():
                    continue
                if _is_document(p):
                    found.append(p)
                elif skipped is not None:
                    skipped.append(p)
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    seen: set[Path] = set()
    unique = [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]
    return unique, missing


class _Extractor(Protocol):
    async def __call__(self, path: Path) -> Row: ...


async def _run_all(paths: list[Path], extract: _Extractor, concurrency: int, quiet: bool) -> list[Row]:
    """All files, ``concurrency`` at a time, behind a progress bar (rate and ETA) on stderr."""
    gate = asyncio.Semaphore(concurrency)
    with tqdm(total=len(paths), unit="file", file=sys.stderr, dynamic_ncols=True, desc="extracting",
              disable=quiet) as bar:
        failed = 0

        async def one(path: Path) -> Row:
            nonlocal failed
            async with gate:
                row = await extract(path)
            failed += row.error is not None
            bar.update(1)
            if failed:
                bar.set_postfix_str(f"failed: {failed}", refresh=False)
            return row

        return list(await asyncio.gather(*(one(p) for p in paths)))


async def _in_process(paths: list[Path], settings: Settings, concurrency: int, quiet: bool) -> list[Row]:
    from apps.api_gpu.embedded import EmbeddedService
    from lib.errors import OcrltyError

    if not quiet:
        print(f"loading {settings.ocr_concurrency or 'the derived number of'} OCR engine(s)…", file=sys.stderr)
    async with EmbeddedService(settings) as service:
        async def extract(path: Path) -> Row:
            try:
                body = await service.extract(await asyncio.to_thread(path.read_bytes), path.name)
            except OcrltyError as exc:
                return Row(str(path), error={"code": exc.code, "message": exc.message})
            except OSError as exc:
                return Row(str(path), error={"code": "unreadable_file", "message": str(exc)})
            return Row(str(path), data=body["data"])

        return await _run_all(paths, extract, concurrency, quiet)


async def _via_server(paths: list[Path], base_url: str, api_key: str | None, concurrency: int, quiet: bool
                      ) -> list[Row]:
    import httpx

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url.rstrip("/"), headers=headers, limits=limits,
                                 timeout=httpx.Timeout(_SERVER_TIMEOUT_S, connect=10.0)) as client:
        async def extract(path: Path) -> Row:
            deadline = time.monotonic() + _SERVER_TIMEOUT_S
            try:
                data = await asyncio.to_thread(path.read_bytes)
                while True:
                    response = await client.post("/v1/extract", files={"file": (path.name, data)})
                    retry_s = float(response.headers.get("Retry-After", "0") or 0)
                    # 429 overloaded / 503 starting: the server says when to come back
                    if response.status_code in (429, 503) and retry_s and time.monotonic() + retry_s < deadline:
                        await asyncio.sleep(retry_s)
                        continue
                    break
            except (OSError, httpx.HTTPError) as exc:
                return Row(str(path), error={"code": "request_failed", "message": f"{type(exc).__name__}: {exc}"})
            try:
                body = response.json()
            except ValueError:
                body = {}
            if response.status_code == 200:
                return Row(str(path), data=body["data"])
            error = body.get("error") if isinstance(body, dict) else None
            if not isinstance(error, dict):
                error = {"code": f"http_{response.status_code}", "message": response.text[:200]}
            return Row(str(path), error={"code": str(error.get("code")), "message": str(error.get("message"))})

        return await _run_all(paths, extract, concurrency, quiet)


def _write(rows: list[Row], out: Path | None) -> None:
    if out is not None and out.suffix.lower() == ".csv":
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["file", *FIELDS, "error"])
            writer.writeheader()
            writer.writerows(r.flat() for r in rows)
        return
    lines = (json.dumps({"file": r.file, **{f: (r.data or {}).get(f) for f in FIELDS}, "error": r.error},
                        ensure_ascii=False) for r in rows)
    if out is None:
        for line in lines:
            print(line)
    else:
        out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _summary(rows: list[Row], seconds: float, stream: IO[str]) -> None:
    ok = [r for r in rows if r.error is None]
    found = sum(r.fields_found for r in ok)
    table = [("files", str(len(rows))), ("ok", str(len(ok))), ("failed", str(len(rows) - len(ok))),
             ("fields found", f"{found} of {len(ok) * len(FIELDS)}"), ("time", f"{seconds:.1f} s")]
    width = max(len(k) for k, _ in table)
    value_width = max(len(v) for _, v in table)
    rule = f"+-{'-' * width}-+-{'-' * value_width}-+"
    print(rule, file=stream)
    for key, value in table:
        print(f"| {key:<{width}} | {value:>{value_width}} |", file=stream)
    print(rule, file=stream)
    for r in rows:
        if r.error:
            print(f"failed: {r.file}: {r.error['code']}: {r.error['message']}", file=stream)


def _extract(args: argparse.Namespace) -> int:
    skipped: list[Path] = []
    paths, missing = find_documents(args.paths, skipped)
    for path in missing:
        print(f"ocrlty: no such file or folder: {path}", file=sys.stderr)
    if skipped:  # say so: a renamed or foreign file must not vanish silently from the counts
        named = [str(p) for p in skipped if p.suffix.lower() != ".json"][:5]
        print(f"ocrlty: skipped {len(skipped)} file(s) in folders that are not PDF, JPEG or PNG by content"
              + (f", e.g. {', '.join(named)}" if named else ""), file=sys.stderr)
    if not paths:
        print("ocrlty: no PDF, JPEG or PNG files found", file=sys.stderr)
        return 2
    settings = Settings()
    if args.server is None:
        from apps.api_gpu.logging_setup import configure_logging

        if args.concurrency:  # in process, one OCR engine per concurrent document
            settings = settings.model_copy(update={"ocr_concurrency": args.concurrency})
        configure_logging(settings.model_copy(update={"log_level": "DEBUG" if args.verbose else "WARNING"}))
    auto = plan_threads(available_cpus(), engines=settings.ocr_concurrency, threads=settings.omp_num_threads).engines
    concurrency = args.concurrency or (auto if args.server is None else 4)
    start = time.perf_counter()
    if args.server is None:
        rows = asyncio.run(_in_process(paths, settings, concurrency, args.quiet))
    else:
        rows = asyncio.run(_via_server(paths, args.server, args.api_key, concurrency, args.quiet))
    _write(rows, args.out)
    _summary(rows, time.perf_counter() - start, sys.stderr)
    return 1 if missing or any(r.error for r in rows) else 0


def _serve(args: argparse.Namespace) -> int:
    settings = Settings()
    host = args.host or settings.api_host
    port = args.port or settings.api_port
    env = {**os.environ, "API_PORT": str(port)}  # the app compares it with PORT_HEALTH
    argv = [sys.executable, "-m", "uvicorn", "apps.api_gpu.main:app", "--host", host, "--port", str(port)]
    os.execve(sys.executable, argv, env)
    return 0  # not reached


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocrlty", description="Extract the six fields from receipts and invoices, or start the API.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract the six fields from files and folders")
    ex.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (walked recursively)")
    ex.add_argument("--out", type=Path, help="results.jsonl or results.csv (default: JSONL on stdout)")
    ex.add_argument("--server", metavar="URL", help="send the files to a running API (e.g. http://localhost:8000) "
                    "instead of running the pipeline here")
    ex.add_argument("--api-key", default=os.environ.get("OCRLTY_API_KEY"),
                    help="Bearer key for --server when it sets API_KEYS (default: $OCRLTY_API_KEY)")
    ex.add_argument("--concurrency", type=int, metavar="N", help="documents at once (default: OCR_CONCURRENCY "
                    "in process, 4 with --server)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--verbose", action="store_true", help="the pipeline's log lines (in process)")
    ex.set_defaults(func=_extract)
    serve = sub.add_parser("serve", help="start the API (what scripts/run.sh does, without the set-up)")
    serve.add_argument("--host", help="default: API_HOST (0.0.0.0)")
    serve.add_argument("--port", type=int, help="default: API_PORT, else PORT, else 8000")
    serve.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "concurrency", None) is not None and args.concurrency < 1:
        _parser().error("--concurrency must be at least 1")
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
