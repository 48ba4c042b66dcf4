"""The ``ocrlty`` command through its real entry point (the console script scripts/setup.sh installs).

``--server`` is exercised against the really starting server of tests/test_startup.py (one server start less).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import pytest

from lib.settings import PROJECT_ROOT
from tests.conftest import SAMPLES

OCRLTY = PROJECT_ROOT / ".venv" / "bin" / "ocrlty"
DIGITAL = ("invoice_digital_usd.pdf", "invoice_digital_eur.pdf")


def ocrlty(*args: str, cwd: object) -> subprocess.CompletedProcess[str]:
    assert OCRLTY.exists(), "scripts/setup.sh installs the console script"
    env = {**os.environ, "OCR_CONCURRENCY": "1", "OCR_WARMUP": "false", "KIE_BACKEND": "local"}
    return subprocess.run([str(OCRLTY), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def expected_fields(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "in" / "nested"
    docs.mkdir(parents=True)
    for name in DIGITAL:
        shutil.copy(SAMPLES / name, docs / name.replace(".pdf", ".bin"))  # found by content, not by name
    (tmp_path / "in" / "notes.txt").write_text("not a document")
    return tmp_path


def test_extract_in_process_folder_to_csv_and_a_failed_file(folder):
    out = folder / "results.csv"
    result = ocrlty("extract", "in", str(SAMPLES / "encrypted_password.pdf"), "--out", str(out), cwd=folder)
    assert result.returncode == 1, result.stderr  # one file failed
    rows = {os.path.basename(r["file"]): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"invoice_digital_usd.bin", "invoice_digital_eur.bin", "encrypted_password.pdf"}
    for name in DIGITAL:
        row, expected = rows[name.replace(".pdf", ".bin")], expected_fields(name)
        assert float(row["total"]) == pytest.approx(expected["total"]) and row["date"] == expected["date"]
        assert row["error"] == ""
    assert rows["encrypted_password.pdf"]["error"].startswith("encrypted_document:")
    summary = result.stderr
    assert "| files        |        3 |" in summary and "| failed       |        1 |" in summary
    assert "file/s" in summary or "s/file" in summary  # the progress bar's rate


def test_nothing_to_do_exits_2(tmp_path):
    result = ocrlty("extract", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "no PDF, JPEG or PNG" in result.stderr


def test_files_in_folders_that_are_not_documents_are_counted_as_skipped(tmp_path):
    from apps.cli import find_documents

    (tmp_path / "a.pdf").write_bytes((SAMPLES / "invoice_digital_usd.pdf").read_bytes())
    (tmp_path / "renamed.png").write_bytes(b"PK\x03\x04 not an image")
    skipped: list = []
    documents, missing = find_documents([tmp_path], skipped)
    assert [p.name for p in documents] == ["a.pdf"] and not missing
    assert [p.name for p in skipped] == ["renamed.png"]
