"""Tests for scripts/make_cyrillic_docs.py (the Cyrillic receipt / invoice test-data generator)."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import cyrillic_docs_layouts as lay  # noqa: E402
import make_cyrillic_docs as gen  # noqa: E402
from cyrillic_docs_locales import amount_words, fmt_date, num, q  # noqa: E402

# scripts/setup.sh --test installs fonts-dejavu-core; in CI this never skips
pytestmark = pytest.mark.skipif(not (lay.FONT_DIR / "DejaVuSans.ttf").is_file() and os.environ.get("CI") != "true",
                                reason="DejaVu fonts missing (apt-get install fonts-dejavu-core)")

COUNTRIES = ["UA", "BG", "RS", "KZ", "BY", "RU"]
KEYS = {"merchant": str, "date": str, "currency": str, "subtotal": (float, type(None)),
        "tax_amount": (float, type(None)), "total": float, "conventions": str, "kind": str, "pages": int,
        "lang": str, "country": str, "style": str, "source": str}


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\r", " ").replace("\n", " "))


@pytest.fixture(scope="module")
def pdf_results() -> list[gen.Result]:
    """One text-layer invoice per country (two for Bulgaria: one of them dated 2026, i.e. in EUR)."""
    out = [gen.generate(1000 + i, c, "invoice", "text_layer") for i, c in enumerate(COUNTRIES)]
    seed = 2000
    while True:  # a Bulgarian one in EUR and one in BGN
        res = gen.generate(seed, "BG", "invoice", "text_layer")
        if res.doc.cur != out[1].doc.cur:
            return out + [res]
        seed += 1


@pytest.fixture(scope="module")
def docs() -> list[gen.Doc]:
    """Many documents' content (no drawing): every country and kind."""
    out = []
    for i in range(360):
        r = random.Random(i)
        out.append(gen.make_doc(r, COUNTRIES[i % 6], "receipt" if i % 5 < 3 else "invoice", long_ok=i % 7 == 0))
    return out


def test_same_seed_same_bytes_and_image_sizes() -> None:
    cases = [("UA", "receipt", "photo"), ("RS", "invoice", "text_layer"), ("BG", "invoice", "scan")]
    for country, kind, source in cases:
        a, b = gen.generate(42, country, kind, source), gen.generate(42, country, kind, source)
        assert a.data == b.data and a.label == b.label, (country, kind, source)
        if a.ext == "jpg":
            img = Image.open(BytesIO(a.data))
            assert img.format == "JPEG" and img.width * img.height <= gen.MAX_PIXELS
            assert img.width <= 1000 or kind == "invoice"
    assert gen.generate(43, "UA", "receipt", "scan").data != gen.generate(42, "UA", "receipt", "scan").data


def test_cli_writes_files_and_is_reproducible_across_processes(tmp_path: Path) -> None:
    gen.main(["--out", str(tmp_path / "a"), "--n", "3", "--seed", "7"])
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_cyrillic_docs.py"), "--out", str(tmp_path / "b"),
                    "--n", "3", "--seed", "7"], check=True, env=env, capture_output=True)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len([n for n in names if n.endswith(".expected.json")]) == 3
    for n in names:
        assert (tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes(), n
        if n.endswith(".expected.json"):
            label = json.loads((tmp_path / "a" / n).read_text(encoding="utf-8"))
            assert set(label) == set(KEYS)
            assert (tmp_path / "a" / n.removesuffix(".expected.json")).is_file()


def test_plan_mix() -> None:
    plan = gen.plan(50, 31001, 0.7)
    kinds = [k for _, k, _, _ in plan]
    assert kinds.count("receipt") == 30 and kinds.count("invoice") == 20
    countries = [c for c, _, _, _ in plan]
    assert set(countries) == set(COUNTRIES) and countries.count("RU") <= 12
    assert {s for _, k, s, _ in plan if k == "receipt"} <= {"photo", "scan"}


def test_labels_keys_types_and_conventions(docs: list[gen.Doc]) -> None:
    for d in docs:
        label = gen.label_of(d, "photo" if d.kind == "receipt" else "text_layer", 1)
        assert set(label) == set(KEYS)
        for k, t in KEYS.items():
            assert isinstance(label[k], t), (k, label)
        assert label["conventions"] == "invoices-dev" and label["kind"] in ("receipt", "invoice")
        assert date.fromisoformat(str(label["date"])) == d.issued.date()
        assert label["lang"] in ("uk", "bg", "sr", "kk", "be", "ru")
        assert label["currency"] == {"UA": "UAH", "RS": "RSD", "KZ": "KZT", "BY": "BYN", "RU": "RUB"}.get(
            d.country, "EUR" if d.issued.date() >= date(2026, 1, 1) else "BGN")
        assert d.seller.name and (d.buyer is None or d.buyer.name != d.seller.name)
        if d.kind == "receipt":
            assert d.gross and not d.prepaid
        if d.vat_mode == "exempt":
            assert label["tax_amount"] is None and label["subtotal"] is None
        if d.vat_mode == "exempt0":
            assert label["tax_amount"] == 0.0
    assert any(d.country == "KZ" and d.lang == "kk" for d in docs)
    assert any(d.country == "KZ" and d.lang == "ru" for d in docs)
    assert any(d.country == "BY" and d.lang == "be" for d in docs)
    assert any(d.event and d.event != d.issued.date() for d in docs)
    assert any(d.dual for d in docs)


def test_arithmetic_holds(docs: list[gen.Doc]) -> None:
    for d in docs:
        lines = sum((it.amount for it in d.items), Decimal(0))
        for it in d.items:
            assert it.amount == q(it.qty * it.price)
        assert d.net + d.tax == d.total
        assert sum(t for _, t in d.by_rate.values()) == d.tax
        if d.kind == "receipt":
            assert lines - sum(it.disc for it in d.items) == d.total
            for rate, (base, tax) in d.by_rate.items():
                assert tax == q(base * rate / (100 + rate))
            assert d.tendered >= d.total
        else:
            assert lines - d.disc_total == (d.total if d.gross else d.net)
            if d.per_line_vat:
                assert d.tax == sum(q(it.value * it.rate / 100) for it in d.items)
        label = gen.label_of(d, "scan", 1)
        if label["subtotal"] is not None and label["tax_amount"] is not None:
            assert round(float(label["subtotal"]) + float(label["tax_amount"]), 2) == label["total"]


def test_receipt_rows_print_the_labelled_values(docs: list[gen.Doc]) -> None:
    for i, d in enumerate(x for x in docs if x.kind == "receipt"):
        rows = lay.RECEIPTS[d.country](d, random.Random(i))
        cells = [t for row in rows for t, _, _ in row.cells]
        text = "\n".join(cells)
        assert d.seller.name in cells, d.seller.name
        assert d.m(d.total) in text and d.date_str() in text
        if d.vat_mode == "vat":
            for _, tax in d.by_rate.values():
                assert d.m(tax) in text
        if d.show_net:
            assert d.m(d.net) in text


def test_pdf_text_layer_has_merchant_total_date(pdf_results: list[gen.Result]) -> None:
    for res in pdf_results:
        assert res.ext == "pdf" and res.label["source"] == "text_layer"
        doc = pdfium.PdfDocument(res.data)
        assert len(doc) == res.label["pages"]
        text = squash(" ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
        doc.close()
        assert squash(str(res.label["merchant"])) in text, res.label
        assert res.printed_total in text and res.printed_date in text, (res.printed_total, res.printed_date)
        if res.label["subtotal"] is not None:
            assert res.doc.m(res.doc.net) in text
        if res.label["tax_amount"] is not None:
            assert res.doc.m(res.doc.tax) in text
    assert {r.doc.cur for r in pdf_results if r.doc.country == "BG"} == {"BGN", "EUR"}


def test_fonts_cover_everything_drawn(pdf_results: list[gen.Result]) -> None:
    results = pdf_results + [gen.generate(7, c, "receipt", "scan") for c in ("KZ", "UA", "RS")]
    for res in results:
        assert res.drawn and lay.check_fonts(res.drawn) == ""
    # the checker does notice tofu: DejaVu Sans ExtraLight lacks some Kazakh letters, so receipts fall back
    assert lay.missing(str(lay.FONT_DIR / "DejaVuSans-ExtraLight.ttf"), "қаңғұ") != ""
    assert lay.check_fonts([("DejaVuSans-ExtraLight.ttf", "Қазақстан")]) != ""
    rows = [lay.C("ТОО «Құрылыс»")] * 3
    assert all(lay.choose_family(rows, random.Random(i)) != "light" for i in range(40))


def test_formatting_helpers() -> None:
    assert num(Decimal("1234.5")) == "1 234,50"
    assert num(Decimal("1234.56"), ".", ",") == "1.234,56"
    assert num(Decimal("-5"), "", ".") == "-5.00"
    assert fmt_date(date(2024, 12, 3), "dMy", "uk") == "3 грудня 2024 р."
    assert fmt_date(date(2024, 12, 3), "dmy.", "sr") == "03.12.2024."
    assert fmt_date(date(2024, 12, 3), "dmy2", "kk") == "03.12.24"
    assert fmt_date(date(2024, 12, 3), "dMy", "kk") == "3 декабря 2024 г."
    assert amount_words(Decimal("1234.56"), "uk", "UAH") == "Одна тисяча двісті тридцять чотири гривні 56 копійок"
    assert amount_words(Decimal("21.05"), "ru", "RUB") == "Двадцать один рубль 05 копеек"
    assert amount_words(Decimal("1123.40"), "bg", "BGN") == "Хиляда сто двадесет и три лева и 40 ст."
    assert amount_words(Decimal("2500"), "bg", "EUR") == "Две хиляди и петстотин евро и 00 цента"
    assert amount_words(Decimal("100000"), "ru", "KZT") == "Сто тысяч тенге 00 тиын"
