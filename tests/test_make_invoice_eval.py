"""scripts/make_invoice_eval.py: same seed, same files; labels with invoices-dev's six fields (no OCR)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_invoice_eval.py"


@pytest.fixture(scope="module")
def generator():
    sys.path.insert(0, str(SCRIPT.parent))  # the script imports its locale tables from beside it
    spec = importlib.util.spec_from_file_location("make_invoice_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_invoice_eval"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("make_invoice_eval", None)
    sys.path.remove(str(SCRIPT.parent))


def test_same_seed_same_files(generator, tmp_path: Path) -> None:
    a = generator.generate(tmp_path / "a", 3, 11)
    b = generator.generate(tmp_path / "b", 3, 11)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes()
        assert Path(f"{pa}.expected.json").read_bytes() == Path(f"{pb}.expected.json").read_bytes()


def test_labels_follow_invoices_dev(generator, tmp_path: Path) -> None:
    paths = generator.generate(tmp_path, 6, 12)
    for path in paths:
        assert path.suffix in (".pdf", ".jpg") and path.stat().st_size > 1000
        label = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
        assert label["conventions"] == "invoices-dev"
        assert set(label) >= {"merchant", "date", "currency", "subtotal", "tax_amount", "total"}
        assert len(label["date"]) == 10 and label["date"][4] == "-" and len(label["currency"]) == 3
        assert label["merchant"] and label["total"] > 0
        if label["subtotal"] is not None and label["tax_amount"] is not None:
            assert abs(label["subtotal"] + label["tax_amount"] - label["total"]) < 0.005


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [("1234.56", "comma_dot", "1,234.56"), ("1234.56", "dot_comma", "1.234,56"),
     ("1234.56", "space_comma", "1 234,56"), ("1234567.5", "apos_dot", "1'234'567.50"), ("-7.6", "dot_comma", "-7,60")],
)
def test_number_styles(generator, value: str, style: str, text: str) -> None:
    from decimal import Decimal

    assert generator.fmt_number(Decimal(value), style) == text


def test_photo_option_photographs_one_page_invoices(generator, tmp_path: Path) -> None:
    from PIL import Image

    paths = generator.generate(tmp_path, 4, 13, photo=1.0)
    labels = [json.loads(Path(f"{p}.expected.json").read_text(encoding="utf-8")) for p in paths]
    photos = [p for p, label in zip(paths, labels, strict=True) if label.get("photo")]
    assert photos and all(p.suffix == ".jpg" for p in photos)
    assert all(label["pages"] == 2 for label in labels if not label.get("photo"))  # only one-page ones are
    with Image.open(photos[0]) as img:
        assert img.mode == "L" and min(img.size) > 800
