#!/usr/bin/env python3
"""Generate labelled synthetic invoices in ten real-world layouts, written independently of OCRlty's extractor.

Usage::

    python scripts/make_invoice_styles.py --out var/inv-styles-1 --n 60 --seed 9101 [--scan 0.3]

Writes ``DIR/<stem>.pdf`` (digital, with a text layer) or, for a ``--scan`` share, ``DIR/<stem>.jpg`` (page 1
rendered at 150-200 dpi, grey paper, +-2 degree skew, blur, noise, JPEG q70-90) plus ``DIR/<stem>.<ext>.expected.json``.
All randomness flows from ``random.Random(seed)`` and PDF dates/producer are fixed, so a seed gives identical bytes.

Styles: saas (Stripe-like, US/GB/IE), de_accounting (Lexoffice-like, DIN window), us_template (Word/Excel form),
fr_facture, it_es (fattura/factura), pl_faktura, nl_factuur, ru_schet (счёт на оплату), uk_ltd, ch_rechnung (with
a QR-bill slip sometimes). Within a style vary: company/buyer names with legal forms, addresses, 1-12 items (12 %
of digital ones get 18-28 items, i.e. two pages with the totals on page 2), one or two VAT rates, discounts,
deposits/amounts paid, date formats (country order, month names, 2-digit years), number formats (1,234.56 /
1.234,56 / 1 234,56 / 1'234.50), currency as symbol, code or nothing, fonts, sizes, margins, colours, logo boxes.

Labels ("invoices-dev"): merchant = the seller's name exactly as printed in its letterhead (with legal form), never
the buyer; date = issue date; total = gross total incl. VAT, before deducting deposits or payments (not the balance
due); subtotal = the printed net amount before VAT (after any discount), null when no net line is printed (e.g. a
счёт whose "Итого" includes VAT, a German Kleinunternehmer invoice); tax_amount = printed VAT summed over rates, 0.0
when a zero tax is printed, null when none is; currency = ISO 4217 even when only a symbol or the country shows it.
Printed line amounts sum to the net (after discount), and net + VAT = total, to the cent.

Needs fpdf2, pypdfium2, Pillow, numpy and the DejaVu fonts (fonts-dejavu-core). Identical bytes per seed hold for
the same library versions (fpdf2, pdfium, libjpeg, numpy).

Companions beside it: ``invoice_styles_locales.py`` (country data, wording), ``invoice_styles_layouts.py`` (drawing).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from invoice_styles_layouts import (
    ACCENTS,
    FONT_DIR,
    Pdf,
    r_ch,
    r_de,
    r_fr,
    r_it_es,
    r_nl,
    r_pl,
    r_ru,
    r_saas,
    r_uk,
    r_us,
)
from invoice_styles_locales import FLAT, HOURLY, ITEMS, LOCS, D, Doc, Line, digits, email, party, pick, q
from PIL import Image, ImageFilter

Renderer = Callable[[Pdf, Doc, random.Random], None]
STYLES: dict[str, tuple[str, Renderer, str, str]] = {  # countries, renderer, font families, invoice-number patterns
    "saas": ("US|GB|IE", r_saas, "sans|sans|cond", "{hex}-{n4}"),
    "de_accounting": ("DE", r_de, "sans|sans|serif|cond", "RE-{yyyy}-{n4}|{yyyy}{n4}|R{yy}{mm}{n3}|{n5}"),
    "us_template": ("US", r_us, "sans|serif|cond", "{n4}|INV-{yyyy}-{n3}|{n5}"),
    "fr_facture": ("FR", r_fr, "sans|serif|cond", "F-{yyyy}-{n4}|FA{yy}{mm}{n3}|{yyyy}-{n3}"),
    "it_es": ("IT|ES", r_it_es, "sans|cond|mono", "{k}/{yyyy}|{yyyy}/{n4}|F{yy}-{n4}"),
    "pl_faktura": ("PL", r_pl, "sans|cond", "FV/{k}/{mm}/{yyyy}|FV {n3}/{yyyy}|{k}/{mm}/{yyyy}"),
    "nl_factuur": ("NL", r_nl, "sans|cond", "{yyyy}-{n4}|F{yyyy}{n4}|{n5}"),
    "ru_schet": ("RU", r_ru, "sans|serif|mono", "{k}|{k}|УТ-{k}"),
    "uk_ltd": ("GB", r_uk, "serif|sans", "INV-{n5}|{n4}|SI-{n4}"),
    "ch_rechnung": ("CH", r_ch, "sans|cond", "RE-{yy}-{n4}|{yyyy}-{n4}|{n5}"),
}


def make_doc(r: random.Random, style: str, long_ok: bool) -> Doc:
    """Draw the invoice's content: parties, dates, items, rates and which figures the layout prints."""
    countries, _, _, nos = STYLES[style]
    L = LOCS[pick(r, countries)]
    seller, buyer = party(r, L, style == "saas"), party(r, L)
    issued = date(2023, 1, 2) + timedelta(days=r.randrange(1000))
    no = pick(r, nos).format(yyyy=issued.year, yy=f"{issued.year % 100:02d}", mm=f"{issued.month:02d}",
                             k=r.randint(1, 999), n3=f"{r.randint(1, 999):03d}", n4=f"{r.randint(1, 9999):04d}",
                             n5=r.randint(10000, 99999), hex=f"{r.getrandbits(32):08X}")
    std = D(seller.tax_rate if L.country == "US" else L.rates[0])
    if (style == "saas" and L.country == "US" and r.random() < 0.5) or (style == "us_template" and r.random() < 0.1):
        std = D(0)
    show_net = show_tax = True
    klein = style == "de_accounting" and r.random() < 0.12  # Kleinunternehmer (§ 19 UStG): no VAT, no net line
    ru = r.random() if style == "ru_schet" else 1.0  # < 0.2: ИП without VAT, < 0.7: VAT included in prices
    if style == "saas" and not std:
        show_tax = False
    if klein or ru < 0.2:
        std, show_net, show_tax = D(0), False, False
    if klein:
        seller.name, seller.form = f"{seller.person} {pick(r, L.words)}", ""
        seller.email = email(r, L, seller.name, "")
    if ru < 0.2:
        first, last = seller.person.split()
        seller.name, seller.form = f"ИП {last} {first[0]}. {pick(r, 'А|В|Г|Д|И|Н|П|С')}.", "ИП"
        seller.email = email(r, L, seller.name, "ИП")
        seller.ids.update(vat=digits(r, "77##########"), kpp="")
    words = set(re.findall(r"\w{3,}", L.forms))
    while set(re.findall(r"\w{3,}", buyer.name)) & set(re.findall(r"\w{3,}", seller.name)) - words:
        buyer = party(r, L)  # a buyer sharing the seller's surname would make the label ambiguous
    gross = 0.2 <= ru < 0.7
    show_net = show_net and not gross
    red = D(L.rates[1]) if len(L.rates) > 1 and std and style not in ("saas", "us_template") else None
    multi = red is not None and r.random() < 0.3
    cat = [c.split(";") for c in ITEMS["saas" if style == "saas" else L.lang].split("|")]
    cat = [c for c in cat if multi or len(c) < 4]
    n = min(r.choice((1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 12)), len(cat))
    if long_ok and r.random() < 0.12:
        n = r.randint(18, 28)
    chosen = r.sample(cat, n) if n <= len(cat) else [r.choice(cat) for _ in range(n)]
    if multi and all(len(c) < 4 for c in chosen):
        chosen[-1] = r.choice([c for c in cat if len(c) == 4])
    lines, prices = [], {}
    for c in chosen:
        unit, base = c[1], float(c[2])
        if unit in HOURLY:
            qty = D(str(r.choice((0.5, 1, 1, 1.5, 2, 2.5, 3, 4, 6, 8, 12))))
        elif unit == "seat":
            qty = D(r.randint(2, 40))
        elif unit in FLAT:
            qty = D(1)
        else:
            qty = D(r.choice((1, 1, 2, 3, 4, 5, 10, 12, 20, 25, 50) if base < 50 else (1, 1, 1, 2, 3, 4, 5)))
        x = base * r.uniform(0.75, 1.35)
        x = round(x, -1) if x >= 1000 else round(x) if x >= 100 else round(x, 1) if x >= 10 else round(x, 2)
        price = prices.setdefault(c[0], q(D(str(x))))
        desc = c[0].replace("ß", "ss") if L.country == "CH" else c[0]
        lines.append(Line(desc, unit, qty, price, red if len(c) == 4 else std))
    disc_ok = style in ("saas", "de_accounting", "fr_facture", "nl_factuur", "ch_rechnung") and not multi and std
    paid = D(0)
    if style in ("saas", "de_accounting", "fr_facture", "uk_ltd") and r.random() < 0.15:
        paid = D(1) if style == "saas" and r.random() < 0.5 else D(r.choice(("0.3", "0.5")))
    dpat = L.dates.split("|")[0] if style == "saas" and r.random() < 0.7 else pick(r, L.dates)
    return Doc(style, L, seller, buyer, no, issued, issued + timedelta(days=r.choice((7, 10, 14, 14, 30, 30, 30, 60))),
               issued - timedelta(days=r.choice((0, 1, 2, 3, 5, 7, 12))), lines, "s" if style == "saas" else
               r.choice(L.cms), dpat, "\u202f," if L.country == "FR" and r.random() < 0.3 else L.seps,
               D(r.choice((2, 3, 5, 10))) if disc_ok and r.random() < 0.15 else D(0), paid, gross, show_net, show_tax)


def render(d: Doc, r: random.Random, nb: int) -> Pdf:
    """Draw d in its style with random cosmetics (font, size, margin, accent, page size); nb = total pages."""
    fams = STYLES[d.style][2]
    p = Pdf(pick(r, fams), d.L.country == "US" and r.random() < 0.6, r.choice((8.5, 9.0, 9.0, 9.5, 10.0)),
            round(r.uniform(14, 22), 1), r.choice(ACCENTS))
    p.nb = nb
    p.set_title(f"Invoice {d.no}")
    p.set_author(d.seller.name)
    p.set_lang(d.L.lang)
    p.add_page()
    STYLES[d.style][1](p, d, r)
    return p


def rasterise(pdf: bytes, r: random.Random) -> bytes:
    """Page 1 as a cheap office scan: grey paper, uneven light, skew, blur, sensor noise, JPEG artefacts."""
    dpi = r.choice((150, 165, 180, 200))
    doc = pdfium.PdfDocument(pdf)
    img = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    paper = r.randint(228, 250)
    arr = np.asarray(img, dtype=np.float32) * (paper / 255.0)
    h, w = arr.shape
    ramp_x, ramp_y = np.linspace(0, 1, w)[None, :] * r.random(), np.linspace(0, 1, h)[:, None] * r.random()
    shade = 1 - r.uniform(0, 0.08) * (ramp_x + ramp_y)  # uneven lighting
    img = Image.fromarray((arr * shade).clip(0, 255).astype(np.uint8), "L")
    img = img.rotate(r.uniform(-2, 2), Image.Resampling.BICUBIC, expand=True, fillcolor=r.choice((paper, 255, 60)))
    img = img.filter(ImageFilter.GaussianBlur(r.uniform(0.35, 0.9)))
    noise = np.random.default_rng(r.getrandbits(64)).normal(0, r.uniform(3, 9), (img.height, img.width))
    out = io.BytesIO()
    Image.fromarray((np.asarray(img, np.float32) + noise).clip(0, 255).astype(np.uint8), "L").save(
        out, "JPEG", quality=r.randint(70, 90), dpi=(dpi, dpi))
    return out.getvalue()


@dataclass
class Result:
    ext: str
    data: bytes
    label: dict[str, object]
    printed_total: str  # the total exactly as drawn in the totals block (tests look for it in the text layer)
    pdf: Pdf
    doc: Doc


def generate(doc_seed: int, style: str, scan: bool) -> Result:
    """One document; rendered twice when it spills onto more pages so that 'Page x of N' is right."""
    r = random.Random(doc_seed)
    for _ in range(20):  # a scan shows page 1 only, so redraw the content until it fits on one page
        d = make_doc(r, style, not scan)
        state = r.getstate()
        p = render(d, r, 1)
        if not scan or p.page == 1:
            break
    if p.page > 1:
        r.setstate(state)
        p = render(d, r, p.page)
    pages, data = p.page, bytes(p.output())
    label: dict[str, object] = {
        "merchant": d.seller.name, "date": d.issued.isoformat(), "currency": d.L.cur,
        "subtotal": float(d.net) if d.show_net else None, "tax_amount": float(d.tax) if d.show_tax else None,
        "total": float(d.total), "conventions": "invoices-dev", "kind": "invoice", "pages": 1 if scan else pages,
        "lang": d.L.lang, "country": d.L.country, "style": style, "source": "ocr" if scan else "text_layer"}
    return Result("jpg" if scan else "pdf", rasterise(data, r) if scan else data, label, d.printed_total, p, d)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate labelled synthetic invoices in varied real-world layouts.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scan", type=float, default=0.3, help="share of documents rasterised to JPEG (default 0.3)")
    a = ap.parse_args(argv)
    if not (FONT_DIR / "DejaVuSans.ttf").is_file():
        raise SystemExit(f"DejaVu fonts not found in {FONT_DIR} (Debian/Ubuntu: apt-get install fonts-dejavu-core)")
    a.out.mkdir(parents=True, exist_ok=True)
    master, order = random.Random(a.seed), []
    for i in range(a.n):
        if not order:  # every style once per round, in shuffled order, so small sets still cover all of them
            order = list(STYLES)
            master.shuffle(order)
        style, scan, doc_seed = order.pop(), master.random() < a.scan, master.getrandbits(64)
        res = generate(doc_seed, style, scan)
        stem = f"{i:03d}-{style}-{str(res.label['country']).lower()}"
        (a.out / f"{stem}.{res.ext}").write_bytes(res.data)
        (a.out / f"{stem}.{res.ext}.expected.json").write_text(
            json.dumps(res.label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.n} documents to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
