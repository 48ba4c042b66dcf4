#!/usr/bin/env python3
"""Generate an evaluation set of invoices from 14 countries in 8 languages (digital PDFs and scans) with labels.

Usage::

    .venv/bin/python scripts/make_invoice_eval.py --out var/inv-7001 --n 40 --seed 7001
    .venv/bin/python scripts/make_invoice_eval.py --out var/inv-photo --n 40 --seed 6301 --photo 1
    OCR_LANG=en OCR_DET_MAX_MEGAPIXELS=2.5 .venv/bin/python scripts/eval.py var/inv-7001 --cache-dir /work/cache/ocr

Kept out of the tuning loop's vocabulary: its own layouts, names, items and label variants
(``scripts/invoice_eval_locales.py``), unrelated to ``scripts/make_samples.py`` (whose documents the tests use).
Write it under ``var/`` (git-ignored). Same seed, same files (with the same fpdf2/pypdfium2/Pillow/libjpeg).

What varies, per document: the seller's country (US, GB, IE, DE, AT, CH, FR, BE, NL, ES, IT, PL, a few RU) and so
the language, VAT rates, number style ("1,234.56", "1.234,56", "1 234,56", "1'234.56") and date styles (numeric
and month names); where the seller is printed (header, beside an initials logo with the title on the same line,
only in a small sender line and the footer's legal line after the buyer's address block, or in labelled two-column
party blocks, buyer first or second); issue date beside or above its value among due/delivery/order/period dates;
VAT (one rate, two rates as rows or as a rate table, reverse charge at 0, none printed, VAT included in gross
prices); payments ("amount paid", deposit and "balance due"); currency by sign, by code, or only implied by the
seller's country; letter-spaced titles/names; two-page invoices with a carried-forward line and the totals on the
last page. About a quarter are scans: the page rendered at 150 dpi with a small tilt, blur, grain and JPEG.
``--photo P``: a share P of the one-page invoices is photographed with a phone instead (tilted, uneven light, half
seen at an angle).

``<file>.expected.json`` follows ``invoices-dev``'s label conventions (``"conventions": "invoices-dev"`` makes
``scripts/eval.py`` score it like invoices-dev): merchant = the seller as printed, date = the issue date, total =
the gross document total (not the balance after a deposit), subtotal = the printed net amount (``null`` when none is
printed), tax_amount = the printed VAT summed over rates (``0.0`` when a zero VAT is printed, ``null`` when none).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from invoice_eval_locales import COUNTRIES, LABELS, MONTHS, Country  # noqa: E402

try:
    from fpdf import FPDF
except ImportError:  # a test/dev dependency (configs/requirements-test.txt), not a runtime one
    sys.exit("make_invoice_eval.py needs fpdf2: .venv/bin/pip install -r configs/requirements-test.txt")

D = Decimal
FIXED = datetime(2024, 1, 1, tzinfo=UTC)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FACES = (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
         ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"), ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"))
LEFT, RIGHT = 18.0, 192.0
EU = ("IE", "DE", "AT", "FR", "BE", "NL", "BE-NL", "ES", "IT", "PL")


def q(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def fmt_number(x: Decimal, style: str) -> str:
    sign = "-" if x < 0 else ""
    whole, frac = f"{abs(q(x)):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sep, dec = {"comma_dot": (",", "."), "dot_comma": (".", ","), "space_comma": (" ", ","),
                "apos_dot": ("'", ".")}[style]
    return sign + sep.join(groups) + dec + frac


def fmt_rate(rate: Decimal, style: str) -> str:
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if style in ("dot_comma", "space_comma") else text


def format_date(d: date, style: str, lang: str) -> str:
    month = MONTHS[lang][d.month - 1]
    return {
        "num_dmy_dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "num_dmy_slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "num_dmy_dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "num_mdy_slash": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "iso": d.isoformat(),
        "long_dmy": f"{'1er' if lang == 'fr' and d.day == 1 else d.day} {month} {d.year}",
        "long_mdy": f"{month} {d.day}, {d.year}",
        "long_dmy_dot": f"{d.day}. {month} {d.year}",
        "long_de_es": f"{d.day} de {month} de {d.year}",
        "short_dmy": f"{d.day:02d} {month[:3]} {d.year}",
        "ru_long": f"«{d.day:02d}» {month} {d.year} г.",
    }[style]


@dataclass
class Party:
    name: str
    lines: list[str]  # address lines
    vat_id: str


@dataclass
class Doc:
    """Everything one invoice prints, decided before drawing."""

    c: Country
    lab: dict[str, str]  # one chosen variant per label key
    seller: Party
    buyer: Party
    number: str
    dates: list[tuple[str, str]]  # (label, printed value), issue date among them
    items: list[tuple[str, Decimal, Decimal, Decimal, Decimal]]  # desc, qty, unit, rate, amount
    totals: list[tuple[str, str, bool]]  # (label, value, bold)
    tax_table: list[list[str]]  # header + rows, or empty
    notes: list[str]
    money: Any  # Decimal -> printed amount
    num_style: str
    cur_note: str  # "Currency: EUR"-like line or ""
    amount_head: str


def company(rng: random.Random, c: Country) -> str:
    stem, trade, form = rng.choice(c.stems), rng.choice(c.trades), rng.choice(c.forms)
    if c.code == "RU":
        return f"{form} «{stem}»"
    return f"{trade} {stem} {form}" if c.trade_first else f"{stem} {trade} {form}"


def vat_id(rng: random.Random, c: Country) -> str:
    if c.code == "RU":
        return f"{rng.randint(10**9, 10**10 - 1)}"
    if c.code == "CH":
        return f"CHE-{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)} MWST"
    if c.code == "US":
        return f"{rng.randint(10, 99)}-{rng.randint(10**6, 10**7 - 1)}"
    return f"{c.vat_prefix}{rng.randint(10**8, 10**9 - 1)}"


def party(rng: random.Random, c: Country, name: str) -> Party:
    lines = [rng.choice(c.streets), rng.choice(c.cities)]
    if rng.random() < 0.5:
        lines.append(c.name)
    return Party(name, lines, vat_id(rng, c))


def plan(rng: random.Random) -> tuple[Doc, dict[str, Any], int]:
    """Choose the document's content; returns it with its labels and page count."""
    weights = [1 if x.code == "RU" else 2 if x.code in ("BE", "BE-NL", "IE", "AT", "CH") else 3 for x in COUNTRIES]
    c = rng.choices(COUNTRIES, weights)[0]
    lang = c.lang
    lab = {k: rng.choice(v) for k, v in LABELS[lang].items()}
    seller = party(rng, c, company(rng, c))
    tax_mode = "one" if c.code == "RU" else rng.choices(("one", "two", "zero", "none", "included"),
                                                         (40, 25, 10, 10, 15))[0]
    if c.code == "US":
        tax_mode = rng.choice(("one", "one", "none"))
    elif c.code not in EU and tax_mode == "zero":
        tax_mode = "one"
    buyer_c = c
    if tax_mode == "zero":  # reverse charge: a business in another EU country
        buyer_c = rng.choice([x for x in COUNTRIES if x.code in EU and x.code != c.code])
    if tax_mode == "included" and c.people and rng.random() < 0.6:
        buyer = party(rng, c, rng.choice(c.people))
    else:
        buyer = party(rng, buyer_c, company(rng, buyer_c))
        while buyer.name == seller.name:
            buyer = party(rng, buyer_c, company(rng, buyer_c))
        if buyer_c is not c and c.name not in buyer.lines:
            buyer.lines.append(buyer_c.name)

    num_style = rng.choice(c.numbers)
    date_style = rng.choice(c.dates)
    issue = date(rng.choice((2023, 2024, 2025)), rng.randint(1, 12), rng.randint(1, 28))
    fd = lambda d: format_date(d, date_style, lang)  # noqa: E731
    dates = [(lab["date"], fd(issue))]
    if rng.random() < 0.85:
        dates.append((lab["due"], fd(issue + timedelta(days=rng.choice((7, 10, 14, 30, 45))))))
    if rng.random() < 0.45:
        dates.append((lab["delivery"], fd(issue - timedelta(days=rng.randint(0, 12)))))
    if rng.random() < 0.35:
        dates.append((lab["order"], fd(issue - timedelta(days=rng.randint(5, 40)))))
    if rng.random() < 0.25:
        first = (issue.replace(day=1) - timedelta(days=1)).replace(day=1)
        last = issue.replace(day=1) - timedelta(days=1)
        dates.append((lab["period"], f"{fd(first)} – {fd(last)}"))
    head = dates[:1]
    rest = dates[1:]
    rng.shuffle(rest)
    dates = head + rest
    if rng.random() < 0.4 and len(dates) > 1:  # the issue date not always first
        dates.insert(rng.randint(1, len(dates) - 1), dates.pop(0))
    number = rng.choice((f"{issue.year}-{rng.randint(1, 9999):04d}", f"{rng.randint(100, 99999)}",
                         f"{rng.choice('ARFV')}{issue.year % 100}/{rng.randint(1, 999):03d}"))

    pages = 2 if rng.random() < 0.15 else 1
    n_items = rng.randint(26, 38) if pages == 2 else rng.randint(1, 8)
    rates = list(c.vat_rates)
    big = rng.random() < 0.3
    items = []
    for k in range(n_items):
        desc = c.items[k % len(c.items)] if pages == 2 else rng.choice(c.items)
        qty = D(rng.choice((1, 1, 1, 2, 3, 4, 5, 8, 10, 12, 25)))
        unit = q(D(rng.randint(150, 400000 if big else 60000)) / 100)
        rate = rates[0] if tax_mode != "two" else (rates[0] if k % 2 == 0 or rng.random() < 0.4 else rates[1])
        if tax_mode == "zero":
            rate = D(0)
        items.append((desc, qty, unit, rate, q(qty * unit)))
    if tax_mode == "two" and len({it[3] for it in items}) < 2:
        desc, qty, unit, _, amount = items[-1]
        if len(items) == 1:
            items.append((rng.choice(c.items), D(1), D("12.50"), rates[1], D("12.50")))
        else:
            items[-1] = (desc, qty, unit, rates[1], amount)

    # currency: sign, code, or implied by the seller's country (never for USD: US invoices print "$")
    cur_mode = rng.choices(("sign", "code", "code_head", "implied"), (45, 25, 15, 15))[0]
    if c.code in ("US", "GB") and cur_mode == "implied":
        cur_mode = "sign"
    if not c.symbol and cur_mode == "sign":
        cur_mode = "code"
    everywhere = rng.random() < 0.4
    code_before = c.symbol_before or rng.random() < 0.3

    def money(x: Decimal, total_row: bool = False) -> str:
        text = fmt_number(x, num_style)
        if cur_mode in ("code_head", "implied") or (not everywhere and not total_row):
            return text
        if cur_mode == "code":
            return f"{c.currency} {text}" if code_before else f"{text} {c.currency}"
        if c.symbol_before:
            return f"{c.symbol}{text}" if c.symbol in "$£" else f"{c.symbol} {text}"
        return f"{text} {c.symbol}"

    cur_note = ""
    amount_head = lab["amount"]
    if cur_mode == "code_head":
        if rng.random() < 0.5:
            amount_head = f"{lab['amount']} ({c.currency})"
        else:
            cur_note = {"en": "All amounts in {}", "de": "Alle Beträge in {}", "fr": "Montants en {}",
                        "nl": "Bedragen in {}", "es": "Importes en {}", "it": "Importi in {}",
                        "pl": "Waluta: {}", "ru": "Валюта: {}"}[lang].format(c.currency)

    # totals
    net = sum((it[4] for it in items), D(0))
    by_rate: dict[Decimal, Decimal] = {}
    for it in items:
        by_rate[it[3]] = by_rate.get(it[3], D(0)) + it[4]
    totals: list[tuple[str, str, bool]] = []
    tax_table: list[list[str]] = []
    notes: list[str] = []
    subtotal: Decimal | None = net
    tax: Decimal | None
    if tax_mode == "included":  # prices are gross; the VAT inside them is printed, the net sometimes
        gross = net
        rate = rates[0]
        tax = q(gross * rate / (100 + rate))
        subtotal = gross - tax if rng.random() < 0.4 else None
        total = gross
        if subtotal is not None:
            totals.append((lab["subtotal"], money(subtotal), False))
        totals.append((lab["total"], money(total, True), True))
        totals.append((lab["incl"].format(rate=fmt_rate(rate, num_style)), money(tax), False))
    elif tax_mode == "none":
        tax = None
        total = net
        notes.append({"de": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.",
                      "fr": "TVA non applicable, art. 293 B du CGI", "en": "No sales tax charged.",
                      }.get(lang, ""))
        if rng.random() < 0.5:
            totals.append((lab["subtotal"], money(net), False))
        else:
            subtotal = None
        totals.append((lab["total"], money(total, True), True))
    else:
        taxes = {r: q(v * r / 100) for r, v in sorted(by_rate.items(), reverse=True)}
        tax = sum(taxes.values(), D(0))
        total = net + tax
        totals.append((lab["subtotal"], money(net), False))
        if tax_mode == "two" and rng.random() < 0.5:  # a rate table: one row per rate
            tax_table.append([lab["rate_col"], lab["net_col"], lab["tax_col"], lab["gross_col"]])
            for r, v in by_rate.items():
                tax_table.append([f"{fmt_rate(r, num_style)} %", fmt_number(v, num_style),
                                  fmt_number(taxes[r], num_style), fmt_number(v + taxes[r], num_style)])
            totals.append(({"en": "Total VAT", "de": "Summe USt", "fr": "Total TVA", "nl": "Totaal btw",
                            "es": "Total IVA", "it": "Totale IVA", "pl": "Razem VAT", "ru": "Итого НДС"}[lang],
                           money(tax), False))
        else:
            for r, t in taxes.items():
                totals.append((lab["vat"].format(rate=fmt_rate(r, num_style)), money(t), False))
        if tax_mode == "zero":
            notes.append(lab["reverse"])
        totals.append((lab["total"], money(total, True), True))
    payment = rng.choices(("none", "full", "deposit"), (65, 15, 20))[0]
    if payment == "none" and rng.random() < 0.35:  # the gross total phrased as the amount to pay
        idx = next(k for k, row in enumerate(totals) if row[2])
        totals[idx] = (lab["total_pay"], totals[idx][1], True)
    elif payment == "full":
        totals.append((lab["paid"], money(total), False))
        totals.append((lab["balance"], money(D(0), True), True))
    elif payment == "deposit":
        paid = q(total * D(rng.choice((20, 30, 50))) / 100)
        totals.append((lab["paid"], "-" + money(paid) if rng.random() < 0.5 else money(paid), False))
        totals.append((lab["balance"], money(total - paid, True), True))
    if c.code == "RU" and rng.random() < 0.5:
        notes.append(f"Всего наименований {len(items)}, на сумму {fmt_number(total, num_style)} руб.")

    doc = Doc(c, lab, seller, buyer, number, dates, items, totals, tax_table, [n for n in notes if n], money,
              num_style, cur_note, amount_head)
    expected = {"merchant": seller.name, "date": issue.isoformat(), "currency": c.currency,
                "subtotal": float(subtotal) if subtotal is not None else None,
                "tax_amount": float(tax) if tax is not None else None, "total": float(total),
                "conventions": "invoices-dev", "kind": "invoice", "pages": pages, "lang": lang, "country": c.code,
                "tax_mode": tax_mode, "currency_shown": cur_mode, "payment": payment}
    return doc, expected, pages


class Canvas:
    """fpdf2 with absolute placement in mm and right alignment."""

    def __init__(self, rng: random.Random) -> None:
        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(FIXED)
        self.pdf.set_producer("OCRlty scripts/make_invoice_eval.py")
        regular, bold = rng.choice(FACES)
        self.pdf.add_font("F", "", str(FONT_DIR / regular))
        self.pdf.add_font("F", "B", str(FONT_DIR / bold))
        self.base = rng.uniform(8.5, 10.0)

    def put(self, x: float, y: float, text: str, size: float = 0, bold: bool = False, align: str = "L",
            spacing: float = 0.0) -> float:
        self.pdf.set_font("F", "B" if bold else "", size or self.base)
        self.pdf.set_char_spacing(spacing)
        width = self.pdf.get_string_width(text)
        self.pdf.text(x - width if align == "R" else x - width / 2 if align == "C" else x, y, text)
        self.pdf.set_char_spacing(0)
        return width

    def width(self, text: str, size: float = 0, bold: bool = False) -> float:
        self.pdf.set_font("F", "B" if bold else "", size or self.base)
        return self.pdf.get_string_width(text)

    def line(self, y: float, x1: float = LEFT, x2: float = RIGHT) -> None:
        self.pdf.line(x1, y, x2, y)


def draw(doc: Doc, rng: random.Random, pages: int) -> bytes:
    cv = Canvas(rng)
    lab, c = doc.lab, doc.c
    lh = cv.base * 0.45
    layout = rng.choice(("header", "logo", "window", "columns"))
    title_spacing = rng.choice((0.0, 0.0, 0.0, 2.5, 4.0))
    name_spacing = rng.choice((0.0,) * 9 + (1.2,))
    title = lab["title"] if c.code != "RU" else f"{lab['title']} № {doc.number}"
    cv.pdf.add_page()

    def block(x: float, y: float, p: Party, label: str | None, bold_name: bool = True, vat: bool = False) -> float:
        if label:
            cv.put(x, y, f"{label}:" if rng.random() < 0.7 else label.upper(), cv.base - 1, bold=True)
            y += lh + 1
        cv.put(x, y, p.name, bold=bold_name)
        for ln in p.lines:
            y += lh
            cv.put(x, y, ln)
        if vat:
            y += lh
            cv.put(x, y, f"{lab['vat_id']}: {p.vat_id}")
        return y + lh

    def meta(x: float, y: float, right_edge: float = RIGHT) -> float:
        rows = [(lab["number"], doc.number)] + doc.dates
        if rng.random() < 0.4:
            rows.append((lab["customer"], str(rng.randint(10000, 99999))))
        style = rng.choice(("beside", "grid", "above"))
        # a header row holds four: the number and the issue date always, then the others in order (before, the
        # issue date could be cut and the label named a date the page did not print)
        must = [r for r in rows if r[0] in (lab["number"], lab["date"])]
        chosen = must + [r for r in rows if r not in must][:4 - len(must)]
        rows_above = [r for r in rows if r in chosen]
        fits = all(cv.width(a, cv.base - 1.5, True) + 4 < (right_edge - x) / len(rows_above)
                   and cv.width(b, cv.base - 0.5) + 4 < (right_edge - x) / len(rows_above) for a, b in rows_above)
        if style == "above" and fits:  # labels in a header row, values below (like a table)
            rows = rows_above
            width = (right_edge - x) / len(rows)
            for k, (label, value) in enumerate(rows):
                cv.put(x + k * width, y, label, cv.base - 1.5, bold=True)
                cv.put(x + k * width, y + lh + 0.5, value, cv.base - 0.5)
            return y + 2 * lh + 3
        for label, value in rows:
            if style == "beside":
                cv.put(x, y, f"{label}: {value}")
            else:
                cv.put(x, y, label)
                cv.put(right_edge, y, value, align="R")
            y += lh + 0.6
        return y + 2

    footer_legal = f"{doc.seller.name} · {', '.join(doc.seller.lines[:2])} · {lab['vat_id']} {doc.seller.vat_id}"
    if c.code not in ("US",) and rng.random() < 0.5:
        footer_legal += f" · {lab['reg']} {rng.randint(10000, 999999)}"
    iban = f"IBAN {c.vat_prefix[:2] if c.vat_prefix[:2].isalpha() else 'DE'}{rng.randint(10, 99)} " + " ".join(
        f"{rng.randint(1000, 9999)}" for _ in range(4))
    y = 22.0
    if layout == "header":
        cv.put(LEFT, y, doc.seller.name, cv.base + rng.uniform(4, 8), bold=True, spacing=name_spacing)
        yy = y + 6
        for ln in doc.seller.lines:
            cv.put(LEFT, yy, ln)
            yy += lh
        cv.put(RIGHT, y, title, cv.base + 8, bold=True, align="R", spacing=title_spacing)
        my = meta(120, y + 10)
        by = block(LEFT, max(yy, 44) + 6, doc.buyer, lab["buyer"])
        y = max(my, by) + 6
    elif layout == "logo":  # initials in a box, the name beside it, the title on the same line
        initials = "".join(w[0] for w in doc.seller.name.replace("«", "").split()[:2]).upper()
        cv.pdf.rect(LEFT, y - 8, 16, 16)
        cv.put(LEFT + 8, y + 2, initials, cv.base + 6, bold=True, align="C")
        cv.put(LEFT + 20, y, doc.seller.name, cv.base + 4, bold=True, spacing=name_spacing)
        cv.put(RIGHT, y, title, cv.base + 6, bold=True, align="R", spacing=title_spacing)
        cv.put(LEFT + 20, y + 5, " · ".join(doc.seller.lines), cv.base - 1.5)
        by = block(120, y + 18, doc.buyer, lab["buyer"])
        my = meta(LEFT, y + 18, 100)
        y = max(my, by) + 6
    elif layout == "window":  # buyer's address window first; the seller only in the sender line and footer
        initials = "".join(w[0] for w in doc.seller.name.replace("«", "").split()[:2]).upper()
        cv.put(RIGHT, y, initials, cv.base + 14, bold=True, align="R")
        cv.put(LEFT, 45, f"{doc.seller.name} · {doc.seller.lines[0]} · {doc.seller.lines[1]}", cv.base - 2.5)
        cv.line(46.2, LEFT, 100)
        by = block(LEFT, 52, doc.buyer, lab["buyer"] if rng.random() < 0.5 else None, bold_name=False)
        my = meta(125, 50)
        y = max(by, my) + 8
        cv.put(LEFT, y, f"{title} {doc.number}" if rng.random() < 0.5 else title, cv.base + 6, bold=True,
               spacing=title_spacing)
        y += 10
    else:  # labelled party columns, the buyer first or second
        cv.put(105, y, title, cv.base + 8, bold=True, align="C", spacing=title_spacing)
        y += 12
        first_seller = rng.random() < 0.6
        left_p, right_p = (doc.seller, doc.buyer) if first_seller else (doc.buyer, doc.seller)
        left_l, right_l = (lab["seller"], lab["buyer"]) if first_seller else (lab["buyer"], lab["seller"])
        a = block(LEFT, y, left_p, left_l, vat=True)
        b = block(110, y, right_p, right_l, vat=True)
        y = max(a, b) + 4
        y = meta(LEFT, y, RIGHT) + 4
    if doc.cur_note:
        cv.put(LEFT, y, doc.cur_note, cv.base - 1)
        y += lh + 2

    show_rate = len({it[3] for it in doc.items}) > 1 or rng.random() < 0.2
    qty_decimals = rng.random() < 0.3
    qty_texts = [fmt_number(it[1], doc.num_style) if qty_decimals else f"{it[1]}" for it in doc.items]
    heads = [lab["qty"], lab["unit"]] + (["%"] if show_rate else []) + [doc.amount_head]
    values = [qty_texts, [doc.money(it[2]) for it in doc.items]] \
        + ([[fmt_rate(it[3], doc.num_style) for it in doc.items]] if show_rate else []) \
        + [[doc.money(it[4]) for it in doc.items]]
    edges: list[float] = []  # right edges of the number columns, measured from the right margin
    x = RIGHT
    for head, vals in zip(reversed(heads), reversed(values), strict=True):
        edges.insert(0, x)
        x -= max([cv.width(head, cv.base - 0.5, True)] + [cv.width(v) for v in vals]) + 7
    cols = [(LEFT, lab["desc"], "L")] + [(e, h, "R") for e, h in zip(edges, heads, strict=True)]

    def table_head(y: float) -> float:
        cv.line(y - 4)
        for x, h, al in cols:
            cv.put(x, y, h, cv.base - 0.5, bold=True, align=al)
        cv.line(y + 2)
        return y + lh + 3

    def footer(page: int) -> None:
        cv.line(272)
        if layout in ("window", "header") or rng.random() < 0.5:
            cv.put(LEFT, 277, footer_legal, cv.base - 2.5)
        cv.put(LEFT, 281, iban, cv.base - 2.5)
        cv.put(RIGHT, 289, lab["page"].format(i=page, n=pages), cv.base - 2, align="R")

    y = table_head(y + 2)
    per_page1 = len(doc.items) if pages == 1 else int((255 - y) / (lh + 1))
    running = D(0)
    for k, (desc, _, _, _, amount) in enumerate(doc.items):
        if pages == 2 and k == per_page1:  # page break: carried-forward line, then the next page
            cv.line(y - 2)
            cv.put(edges[-2], y + 2, lab["carried"], bold=True, align="R")
            cv.put(RIGHT, y + 2, fmt_number(running, doc.num_style), bold=True, align="R")
            footer(1)
            cv.pdf.add_page()
            cv.put(LEFT, 18, f"{doc.seller.name} – {lab['title']} {doc.number}", cv.base - 1)
            y = table_head(30)
            cv.put(edges[-2], y, lab["carried"], align="R")
            cv.put(RIGHT, y, fmt_number(running, doc.num_style), align="R")
            y += lh + 1
        cv.put(LEFT, y, desc)
        for col, vals in zip(cols[1:], values, strict=True):
            cv.put(col[0], y, vals[k], align="R")
        running += amount
        y += lh + 1
    cv.line(y - 2)
    y += 4
    ty = y
    if doc.tax_table:
        xs = (LEFT, 48, 72, 96)
        for r, row in enumerate(doc.tax_table):
            for k, cell in enumerate(row):
                cv.put(xs[k] + (0 if k == 0 else 20), ty, cell, cv.base - 1, bold=r == 0, align="L" if k == 0 else "R")
            ty += lh + 0.5
    label_x, label_align = rng.choice(((160, "R"), (118, "L")))
    for label, value, bold in doc.totals:
        cv.put(label_x, y, label, bold=bold, align=label_align)
        cv.put(RIGHT, y, value, bold=bold, align="R")
        y += lh + 1.5
    y = max(y, ty) + 6
    for note in doc.notes:
        cv.put(LEFT, y, note, cv.base - 1)
        y += lh + 1
    if layout != "window" and rng.random() < 0.5:
        terms = {"en": "Payment within 14 days. Thank you for your business.",
                 "de": "Zahlbar innerhalb von 14 Tagen ohne Abzug.", "fr": "Paiement à 30 jours.",
                 "nl": "Gelieve binnen 14 dagen te betalen.", "es": "Forma de pago: transferencia bancaria.",
                 "it": "Pagamento: bonifico bancario a 30 giorni.", "pl": "Sposób płatności: przelew",
                 "ru": "Оплата данного счёта означает согласие с условиями поставки."}[c.lang]
        cv.put(LEFT, y + 2, terms, cv.base - 1)
    footer(pages)
    return bytes(cv.pdf.output())


def scan(pdf: bytes, rng: random.Random) -> list[Image.Image]:
    """The pages as a 150 dpi flatbed scan: small tilt, blur, grain (JPEG comes when saving)."""
    import pypdfium2 as pdfium

    out = []
    document = pdfium.PdfDocument(pdf)
    for page in document:
        img = page.render(scale=150 / 72).to_pil().convert("L")
        img = img.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.7)))
        amplitude = rng.randint(6, 18)
        noise = Image.frombytes("L", img.size, rng.randbytes(img.width * img.height)).point(
            lambda v, a=amplitude: v * a // 256)
        out.append(ImageChops.subtract(ImageChops.add(img, noise), Image.new("L", img.size, amplitude // 2)))
    document.close()
    return out


def photograph(pdf: bytes, rng: random.Random) -> Image.Image:
    """A one-page invoice photographed with a phone: 130–220 dpi on a table, tilted up to 8°, uneven light, blur,
    grain (``make_ru_eval.degrade``), and half of them seen at an angle (a keystone up to 20 %)."""
    import pypdfium2 as pdfium
    from make_receipt_eval import keystone
    from make_ru_eval import degrade

    document = pdfium.PdfDocument(pdf)
    img = document[0].render(scale=rng.uniform(130, 220) / 72).to_pil().convert("L")
    document.close()
    img = degrade(img, rng, photo=True, thermal=False)
    if rng.random() < 0.5:
        img = keystone(img, rng.uniform(0.05, 0.2), rng.choice(("top", "bottom", "left", "right")))
    return img


def generate(out: Path, n: int, seed: int, photo: float = 0.0) -> list[Path]:
    """Write ``n`` documents and their ``.expected.json`` to ``out``; returns the document paths (``photo``: the
    share of one-page invoices photographed with a phone instead of being digital or scanned)."""
    if not (FONT_DIR / "DejaVuSans.ttf").is_file():
        sys.exit("make_invoice_eval.py needs the DejaVu fonts: apt-get install fonts-dejavu-core")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        doc, expected, pages = plan(rng)
        pdf = draw(doc, rng, pages)
        scanned = rng.random() < (0.28 if pages == 1 else 0.1)
        stem = f"inv_{i:03d}_{doc.c.code.lower()}"
        if photo and pages == 1 and rng.random() < photo:  # drawn only when asked: the other seeds stay the same
            path = out / f"{stem}.jpg"
            photograph(pdf, rng).save(path, format="JPEG", quality=rng.randint(60, 90))
            expected["source"] = "ocr"
            expected["photo"] = True
        elif not scanned:
            path = out / f"{stem}.pdf"
            path.write_bytes(pdf)
            expected["source"] = "text_layer"
        else:
            images = scan(pdf, rng)
            quality = rng.randint(55, 85)
            if len(images) == 1:
                path = out / f"{stem}.jpg"
                images[0].save(path, format="JPEG", quality=quality)
            else:  # a multi-page scan: an image-only PDF
                path = out / f"{stem}.pdf"
                jpegs = []
                for img in images:
                    buf = io.BytesIO()
                    img.save(buf, format="JPEG", quality=quality)
                    jpegs.append(Image.open(buf))
                jpegs[0].save(path, format="PDF", save_all=True, append_images=jpegs[1:], resolution=150.0,
                              creationDate=FIXED.timetuple(), modDate=FIXED.timetuple(),
                              producer="OCRlty scripts/make_invoice_eval.py")
            expected["source"] = "ocr"
        (out / f"{path.name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                                          encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7001)
    ap.add_argument("--photo", type=float, default=0.0,
                    help="share of one-page invoices photographed with a phone (tilt, light, keystone)")
    args = ap.parse_args()
    generate(args.out, args.n, args.seed, args.photo)
    print(f"{args.n} documents in {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
