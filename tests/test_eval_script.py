"""scripts/eval.py: the dataset layouts it reads and the comparison rules (no OCR, no dev data)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("eval_script", Path(__file__).parent.parent / "scripts" / "eval.py")
assert _SPEC is not None and _SPEC.loader is not None
ev = importlib.util.module_from_spec(_SPEC)
sys.modules["eval_script"] = ev
_SPEC.loader.exec_module(ev)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Netlify, Inc", "Netlify , Inc.", True),
        ("Medienpilot GmbH & Co. KG", "Medienpilot GmbH & Co. KG", True),
        ("Squeaky B.V", "SQUEAKY BV", True),
        ("CONTOSO LTD.", "Contoso", True),
        ("ООО «Ромашка»", "Ромашка", True),
        ("Lieferant GmbH", "Kunden AG Mitte", False),
    ],
)
def test_merchant_key(a: str, b: str, same: bool) -> None:
    assert (ev.merchant_key(a) == ev.merchant_key(b)) is same


def test_compare_invoices_scores_nulls_separately() -> None:
    expected = {"merchant": "Storyblok GmbH", "date": "2023-04-13", "currency": "EUR", "subtotal": 99.0,
                "tax_amount": None, "total": 99.0}
    got = {"merchant": "Storyblok", "date": "2023-04-13", "currency": "EUR", "subtotal": 99.004,
           "tax_amount": 1.0, "total": 99.0}
    out = ev.compare("invoices", expected, got)
    assert out["merchant~sim"][0] and out["subtotal"][0] and out["total"][0]
    assert "tax_amount" not in out and out["tax_amount=null"][0] is False


def test_world_receipts_score_the_brand_or_the_legal_entity_beside_the_brand_alone() -> None:
    expected = {"merchant": "Tienda El Güero", "merchant_legal": "López S. de R.L. de C.V.", "date": "2025-01-02",
                "currency": "MXN", "subtotal": None, "tax_amount": None, "total": 9.0}
    out = ev.compare("invoices", expected, {"merchant": "López S. de R.L. de C.V.", "total": 9.0})
    assert out["merchant~brand|legal"][0] and not out["merchant~sim"][0]
    out = ev.compare("invoices", {**expected, "merchant_legal": None}, {"merchant": "López", "total": 9.0})
    assert not out["merchant~brand|legal"][0]
    assert "merchant~brand|legal" not in ev.compare("invoices", {"merchant": "A", "total": 1.0}, {})


def test_load_items_reads_all_three_layouts(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    (inv / "docs").mkdir(parents=True)
    (inv / "labels").mkdir()
    (inv / "docs" / "a.pdf").write_bytes(b"%PDF-1.4")
    (inv / "labels" / "a.json").write_text(json.dumps({"total": 1.0}))
    (inv / "labels" / "orphan.json").write_text("{}")  # no document: skipped
    items, fmt = ev.load_items(inv)
    assert fmt == "invoices" and [i.name for i in items] == ["a"]

    sroie = tmp_path / "sroie"
    (sroie / "img").mkdir(parents=True)
    (sroie / "key").mkdir()
    (sroie / "img" / "X1.jpg").write_bytes(b"\xff\xd8")
    (sroie / "key" / "X1.json").write_text(json.dumps({"total": "9.00"}))
    assert ev.load_items(sroie)[1] == "sroie"

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "r.png").write_bytes(b"\x89PNG")
    (samples / "r.png.expected.json").write_text(json.dumps({"total": 2.0}))
    items, fmt = ev.load_items(samples)
    assert fmt == "samples" and items[0].path.name == "r.png"


def test_committed_split_covers_invoices_dev_names_once() -> None:
    split = json.loads((Path(__file__).parent.parent / "configs" / "eval-splits" / "invoices-dev.json").read_text())
    tune, held = set(split["tune"]), set(split["held_out"])
    assert tune and held and not tune & held
