"""Tests for scripts/make_invoice_styles.py: reproducible output, well-formed and consistent labels, and labels that
match what the digital PDFs actually print (checked through pypdfium2's text extraction, no OCR)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_invoice_styles.py"
KEYS = ["merchant", "date", "currency", "subtotal", "tax_amount", "total", "conventions", "kind", "pages", "lang",
        "country", "style", "source"]
CURRENCY = {"US": "USD", "GB": "GBP", "IE": "EUR", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR",
            "PL": "PLN", "RU": "RUB", "CH": "CHF"}
SEEDS = (11, 12, 13)


@pytest.fixture(scope="module")
def generator():
    sys.path.insert(0, str(SCRIPT.parent))  # the script imports its companion modules from beside it
    spec = importlib.util.spec_from_file_location("make_invoice_styles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_invoice_styles"] = module
    spec.loader.exec_module(module)
    yield module
    for name in ("make_invoice_styles", "invoice_styles_layouts", "invoice_styles_locales"):
        sys.modules.pop(name, None)
    sys.path.remove(str(SCRIPT.parent))


@pytest.fixture(scope="module")
def digital(generator):
    """A few digital documents per style, generated once for the module."""
    return {(style, seed): generator.generate(seed, style, False) for style in generator.STYLES for seed in SEEDS}


@pytest.fixture(scope="module")
def written(generator, tmp_path_factory):
    """The CLI run twice with the same seed; 12 documents cover every style at least once, some as scans."""
    dirs = [tmp_path_factory.mktemp(f"run{i}") for i in range(2)]
    for out in dirs:
        assert generator.main(["--out", str(out), "--n", "12", "--seed", "4242", "--scan", "0.4"]) == 0
    return dirs


def _cents(x: float | None) -> int | None:
    return None if x is None else round(x * 100)


def check_label(label: dict, ext: str) -> None:
    assert list(label) == KEYS
    assert isinstance(label["merchant"], str) and label["merchant"].strip() == label["merchant"] != ""
    assert date.fromisoformat(label["date"]).isoformat() == label["date"]
    assert label["currency"] == CURRENCY[label["country"]]
    assert (label["conventions"], label["kind"]) == ("invoices-dev", "invoice")
    assert label["source"] == {"pdf": "text_layer", "jpg": "ocr"}[ext]
    assert isinstance(label["pages"], int) and label["pages"] >= 1 and (ext == "pdf" or label["pages"] == 1)
    assert label["lang"] in {"en", "de", "fr", "it", "es", "pl", "nl", "ru"}
    for key in ("subtotal", "tax_amount", "total"):
        value = label[key]
        assert value is None or (isinstance(value, float) and abs(value * 100 - round(value * 100)) < 1e-6), key
    assert label["total"] > 0
    if label["subtotal"] is not None and label["tax_amount"] is not None:
        assert abs(label["subtotal"] + label["tax_amount"] - label["total"]) <= 0.005
    if label["tax_amount"] is not None:
        assert 0 <= label["tax_amount"] < label["total"]


def test_same_seed_same_bytes(written):
    first, second = written
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) == 24 and any(n.endswith(".jpg") for n in names) and any(n.endswith(".pdf") for n in names)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_written_labels_well_formed(written, generator):
    files = sorted(p for p in written[0].iterdir() if not p.name.endswith(".expected.json"))
    assert {f.name.split("-")[1] for f in files} == set(generator.STYLES)
    for f in files:
        label = json.loads(Path(f"{f}.expected.json").read_text(encoding="utf-8"))
        check_label(label, f.suffix[1:])
        assert f.name.split("-")[1] == label["style"]
        if f.suffix == ".jpg":
            assert f.read_bytes()[:3] == b"\xff\xd8\xff"
        else:
            assert len(pdfium.PdfDocument(f.read_bytes())) == label["pages"]


def test_generated_labels_consistent(digital):
    for (style, _), res in digital.items():
        label, doc = res.label, res.doc
        check_label(label, res.ext)
        assert label["style"] == style
        assert label["merchant"] == doc.seller.name != doc.buyer.name
        # printed line amounts sum to the items total, and the figures are what the document prints
        assert sum(ln.net for ln in doc.lines) == doc.items
        assert _cents(label["total"]) == round(doc.total * 100)
        assert label["tax_amount"] is None or _cents(label["tax_amount"]) == round(doc.tax * 100)


@pytest.mark.parametrize("style", ["saas", "de_accounting", "us_template", "fr_facture", "it_es", "pl_faktura",
                                   "nl_factuur", "ru_schet", "uk_ltd", "ch_rechnung"])
def test_text_layer_shows_total_and_merchant(digital, style):
    for seed in SEEDS:
        res = digital[(style, seed)]
        pdf = pdfium.PdfDocument(res.data)
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert res.label["merchant"] in text
        assert res.printed_total in text
        # the printed string is the label's total, whatever the locale's separators and currency marks
        assert re.sub(r"\D", "", res.printed_total) == f"{res.label['total']:.2f}".replace(".", "")


def test_layout_has_no_overlapping_or_clipped_text(digital):
    for (style, seed), res in digital.items():
        p = res.pdf
        boxes = p.boxes
        for i, (page, x0, y0, x1, y1, text) in enumerate(boxes):
            assert 2 <= x0 and x1 <= p.w - 2 and 2 <= y0 and y1 <= p.h - 2, (style, seed, text)
            for other in boxes[i + 1:]:
                overlap = (page == other[0] and x0 < other[3] - 0.05 and other[1] < x1 - 0.05
                           and y0 < other[4] - 0.05 and other[2] < y1 - 0.05)
                assert not overlap, (style, seed, text, other[5])


def test_amount_in_words(generator):
    locales = sys.modules["invoice_styles_locales"]  # loaded by the generator from beside it
    assert locales.spell(12345, "ru") == "двенадцать тысяч триста сорок пять"
    assert locales.spell(21001, "ru") == "двадцать одна тысяча один"
    assert locales.spell(1234, "pl") == "tysiąc dwieście trzydzieści cztery"
    assert locales.spell(22500, "pl") == "dwadzieścia dwa tysiące pięćset"
    assert locales.plural(21, "рубль рубля рублей", "ru") == "рубль"
    assert locales.plural(21, "złoty złote złotych", "pl") == "złotych"
