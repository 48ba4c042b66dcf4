#!/usr/bin/env python3
"""Render OCRlty's own test documents into ``samples/`` together with their expected extraction results.

Usage::

    python scripts/make_samples.py [--out samples] [--font-dir /usr/share/fonts/truetype/dejavu]

Everything is generated from the data below with fixed seeds and fixed PDF dates, so running the script twice
gives byte-identical files (with the same Pillow / fpdf2 / libjpeg versions). The committed files are what the
tests read; this script only exists to regenerate or extend them. It needs the DejaVu fonts (Debian/Ubuntu:
``apt-get install fonts-dejavu-core``) and exits with a clear message when they are missing.

Conventions for ``<name>.expected.json``:

* ``merchant``: the seller/issuer as printed (not the buyer), ``date``: the document (invoice/receipt) date as
  ``YYYY-MM-DD`` (not due dates, service periods, ...), ``currency``: ISO 4217,
* ``subtotal``: the pre-tax amount (net), ``tax_amount``: all tax lines summed, ``total``: amount payable,
* ``kind``, ``source`` (``ocr`` | ``text_layer`` | ``mixed``), ``pages``, ``lang``;
* broken/encrypted inputs instead carry ``error_status`` and ``error_code`` (codes from ``lib/errors.py``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

try:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod, XPos, YPos
except ImportError:  # pragma: no cover - guidance only
    sys.exit("make_samples.py needs fpdf2: pip install fpdf2")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "samples"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"sans": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}

# Fixed metadata date for every PDF so that the output is reproducible.
PDF_DATE = datetime(2024, 3, 15, 12, 0, 0, tzinfo=UTC)
PDF_PRODUCER = "OCRlty scripts/make_samples.py"

FONTS: dict[str, Path] = {}

D = Decimal
CENT = D("0.01")


# --------------------------------------------------------------------------------------------------- helpers


def q(x: Decimal | str | int) -> Decimal:
    """Round to cents, half-up (how receipts and invoices round)."""
    return D(x).quantize(CENT, rounding=ROUND_HALF_UP)


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def money(x: Decimal, thousands: str = ",", decimal: str = ".") -> str:
    """1234.5 -> '1,234.50' (or '1.234,50' / '1 234,50' with other separators)."""
    s = f"{q(x):.2f}"
    neg = s.startswith("-")
    int_part, frac = s.lstrip("-").split(".")
    return ("-" if neg else "") + _group(int_part, thousands) + decimal + frac


def money_de(x: Decimal) -> str:
    return money(x, ".", ",")


def money_ru(x: Decimal) -> str:
    return money(x, " ", ",")


def money_in(x: Decimal) -> str:
    """Indian grouping: 122967.8 -> '1,22,967.80' (lakh/crore)."""
    int_part, frac = f"{q(x):.2f}".split(".")
    if len(int_part) > 3:
        head, tail = int_part[:-3], int_part[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        int_part = ",".join(groups) + "," + tail
    return f"{int_part}.{frac}"


def check_fonts(font_dir: Path) -> dict[str, Path]:
    paths = {key: font_dir / name for key, name in FONT_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        sys.exit(
            "make_samples.py: DejaVu fonts not found:\n  "
            + "\n  ".join(missing)
            + "\nInstall them (Debian/Ubuntu: apt-get install fonts-dejavu-core) or pass --font-dir DIR."
            "\nThe committed files in samples/ do not need the fonts; only regeneration does."
        )
    return paths


@cache
def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS[kind]), size)


def expected(**fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        out[key] = float(value) if isinstance(value, Decimal) else value
    return out


def doc_fields(
    merchant: str,
    date: str,
    currency: str,
    subtotal: Decimal | None,
    tax: Decimal | None,
    total: Decimal | None,
    kind: str,
    source: str,
    pages: int,
    lang: str,
) -> dict[str, Any]:
    return expected(
        merchant=merchant,
        date=date,
        currency=currency,
        subtotal=subtotal,
        tax_amount=tax,
        total=total,
        kind=kind,
        source=source,
        pages=pages,
        lang=lang,
    )


def add_specks(img: Image.Image, rng: random.Random, count: int, shade: tuple[int, int] = (150, 215)) -> None:
    """A few dust specks / toner dots (cheap for PNG, unlike per-pixel noise)."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((0.6, 0.8, 1.0, 1.3))
        v = rng.randrange(*shade)
        fill: int | tuple[int, ...] = v if img.mode == "L" else (v, v, v)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def add_grain(img: Image.Image, rng: random.Random, amplitude: int) -> Image.Image:
    """Uniform sensor/scanner grain in [-amplitude/2, +amplitude/2] (JPEG outputs only: it bloats PNGs)."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lambda v: v * amplitude // 256)
    if img.mode != "L":
        noise = Image.merge(img.mode, [noise] * len(img.getbands()))
    half = Image.new(img.mode, img.size, (amplitude // 2,) * len(img.getbands()) if img.mode != "L" else amplitude // 2)
    return ImageChops.subtract(ImageChops.add(img, noise), half)


def jpeg_bytes(img: Image.Image, quality: int = 85, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    kwargs: dict[str, Any] = {"quality": quality, "optimize": True}
    if exif is not None:
        kwargs["exif"] = exif
    img.save(buf, format="JPEG", **kwargs)
    return buf.getvalue()


def png_bytes(img: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


# ------------------------------------------------------------------------------------------ thermal receipts


class Thermal:
    """A thermal-printer receipt: fixed-width monospace lines, a proportional bold header."""

    def __init__(self, width: int, size: int = 22, margin: int = 22, line_spacing: float = 1.42) -> None:
        self.width, self.size, self.margin, self.spacing = width, size, margin, line_spacing
        self.cw = font("mono", size).getlength("0")
        self.cols = int((width - 2 * margin) // self.cw)
        self.rows: list[tuple[str, str, str, int]] = []  # (text, align, font kind, size); "" text = gap

    def center(self, text: str, bold: bool = False, size: int | None = None) -> None:
        self.rows.append((text, "center", "bold" if bold else "mono", size or self.size))

    def left(self, text: str) -> None:
        if len(text) > self.cols:
            raise ValueError(f"line too long for {self.cols} columns: {text!r}")
        self.rows.append((text, "left", "mono", self.size))

    def lr(self, left: str, right: str) -> None:
        pad = self.cols - len(left) - len(right)
        if pad < 1:
            raise ValueError(f"line too long for {self.cols} columns: {left!r} {right!r}")
        self.left(left + " " * pad + right)

    def cols3(self, a: str, b: str, c: str, b_end: int) -> None:
        """``a`` left, ``b`` right-aligned to column ``b_end``, ``c`` right-aligned to the right edge."""
        head = a + " " * max(1, b_end - len(a) - len(b)) + b
        self.lr(head, c)

    def rule(self, ch: str = "-") -> None:
        self.left(ch * self.cols)

    def gap(self, px: int = 12) -> None:
        self.rows.append(("", "gap", "mono", px))

    def render(self, paper: int = 250, ink: int = 28, top: int = 36, bottom: int = 60) -> Image.Image:
        heights = [r[3] if r[1] == "gap" else round(r[3] * self.spacing) for r in self.rows]
        img = Image.new("L", (self.width, top + sum(heights) + bottom), paper)
        draw = ImageDraw.Draw(img)
        y = top
        for (text, align, kind, size), h in zip(self.rows, heights, strict=True):
            if align != "gap" and text:
                f = font(kind, size)
                tw = f.getlength(text)
                if tw > self.width - 2 * self.margin:
                    raise ValueError(f"header too wide: {text!r}")
                x = self.margin if align == "left" else (self.width - tw) / 2
                draw.text((x, y), text, font=f, fill=ink)
            y += h
        return img


def receipt_myr(out: Path) -> dict[str, Any]:
    items = [
        ("MILO 3IN1 ACTIV-GO 18S", "9556001234567", 1, D("15.90")),
        ("GARDENIA ORIGINAL 400G", "9557048100014", 2, D("3.80")),
        ("FARM FRESH MILK 1L", "9555544600012", 2, D("7.15")),
        ("MAGGI KARI 5X79G", "9556001012345", 1, D("6.25")),
        ("DYNAMO DETERGENT 2.7KG", "8888826012345", 1, D("26.90")),
    ]
    subtotal = sum((q(p * n) for _, _, n, p in items), D(0))
    gst = q(subtotal * D("0.06"))
    raw = subtotal + gst
    total = (raw / D("0.05")).quantize(D(1), rounding=ROUND_HALF_UP) * D("0.05")
    rounding = total - raw
    cash = D("100.00")
    merchant = "KEDAI MAJU JAYA SDN BHD"

    r = Thermal(width=640)
    r.center(merchant, bold=True, size=27)
    r.center("(CO. REG. NO. 1012345-K)")
    r.center("NO. 12, JALAN PERMAS 10/2,")
    r.center("BANDAR BARU PERMAS JAYA,")
    r.center("81750 JOHOR BAHRU, JOHOR.")
    r.center("TEL: 07-388 1234")
    r.center("GST ID: 001234567890")
    r.gap(14)
    r.center("TAX INVOICE", bold=True, size=25)
    r.gap(10)
    r.left("INVOICE NO : CS01-20181225-0147")
    r.left("DATE       : 25/12/2018 8:13:39 PM")
    r.left("CASHIER    : NURUL AIN   COUNTER: 02")
    r.rule()
    r.cols3("ITEM", "QTY  U/P", "AMT(RM)", 30)
    r.rule()
    for desc, code, n, price in items:
        r.left(desc)
        r.cols3(f"  {code}", f"{n} x {price:.2f}", f"{q(n * price):.2f} SR", 30)
    r.rule()
    r.lr(f"TOTAL QTY: {sum(n for _, _, n, _ in items)}", "")
    r.lr("SUBTOTAL (EXCL GST)", f"RM {subtotal:.2f}")
    r.lr("GST 6%", f"RM {gst:.2f}")
    r.lr("ROUNDING", f"RM {rounding:.2f}")
    r.rule("=")
    r.lr("TOTAL (INCL GST)", f"RM {total:.2f}")
    r.rule("=")
    r.lr("CASH", f"RM {cash:.2f}")
    r.lr("CHANGE", f"RM {cash - total:.2f}")
    r.gap(14)
    r.cols3("GST SUMMARY", "AMOUNT(RM)", "TAX(RM)", 30)
    r.cols3("SR @ 6%", f"{subtotal:.2f}", f"{gst:.2f}", 30)
    r.gap(18)
    r.center("GOODS SOLD ARE NOT RETURNABLE.")
    r.center("THANK YOU. PLEASE COME AGAIN.")
    img = r.render()
    add_specks(img, random.Random(101), 45)
    (out / "receipt_myr.png").write_bytes(png_bytes(img, 203))
    return doc_fields(merchant, "2018-12-25", "MYR", subtotal, gst, total, "receipt", "ocr", 1, "en")


def receipt_usd(out: Path) -> dict[str, Any]:
    # (description, amount line, taxable)
    bananas = q(D("2.31") * D("0.79"))
    items = [
        ("ORGANIC BANANAS", "2.31 lb @ 0.79/lb", bananas, False),
        ("WHOLE MILK 1 GAL", "", D("4.29"), False),
        ("SOURDOUGH BREAD", "", D("5.49"), False),
        ("CHEDDAR CHEESE 8OZ", "", D("3.99"), False),
        ("EGGS LARGE DOZEN", "", D("3.79"), False),
        ("PAPER TOWELS 6PK", "", D("11.99"), True),
        ("DISH SOAP 24OZ", "", D("3.49"), True),
    ]
    subtotal = sum((a for _, _, a, _ in items), D(0))
    taxable = sum((a for _, _, a, t in items if t), D(0))
    tax = q(taxable * D("0.0625"))
    total = subtotal + tax
    merchant = "GREEN VALLEY MARKET"

    r = Thermal(width=576)
    r.center(merchant, bold=True, size=30)
    r.center("Store #0412")
    r.center("1234 Elm Street")
    r.center("Springfield, IL 62704")
    r.center("(217) 555-0142")
    r.gap(10)
    r.lr("03/14/2024 14:32", "REG 3  TRN 5521")
    r.left("CASHIER: DEVON")
    r.rule()
    for desc, detail, amount, taxed in items:
        if detail:
            r.left(desc)
            r.lr(f"  {detail}", f"{amount:.2f} {'T' if taxed else 'N'}")
        else:
            r.lr(desc, f"{amount:.2f} {'T' if taxed else 'N'}")
    r.rule()
    r.lr("SUBTOTAL", f"${subtotal:.2f}  ")
    r.lr("Sales Tax 6.25%", f"${tax:.2f}  ")
    r.lr("TOTAL", f"${total:.2f}  ")
    r.gap(8)
    r.lr("VISA CREDIT ****1234", f"${total:.2f}  ")
    r.left("AUTH: 0A1B2C   APPROVED")
    r.left(f"ITEMS SOLD: {len(items)}")
    r.gap(14)
    r.center("T = TAXABLE  N = NON-TAXABLE")
    r.center("THANK YOU FOR SHOPPING!")
    r.center("TC# 4412 0981 3345 7720")
    receipt = r.render(paper=252)
    rng = random.Random(202)

    # A phone photo of the receipt: slightly turned, lying on a table, soft shadow, sensor grain.
    pad = 44
    angle = 0.8
    mask = Image.new("L", receipt.size, 255).rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    turned = receipt.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=252)
    w, h = turned.width + 2 * pad, turned.height + 2 * pad
    table = Image.linear_gradient("L").resize((w, h)).point(lambda v: 82 + v * 30 // 255)
    bg = Image.merge("RGB", [table.point(lambda v: v + 12), table.point(lambda v: v + 4), table])
    shadow = Image.new("L", (w, h), 0)
    shadow.paste(mask, (pad + 6, pad + 9))
    shadow = shadow.filter(ImageFilter.GaussianBlur(9)).point(lambda v: v * 150 // 255)
    bg.paste((30, 26, 22), (0, 0), shadow)
    paper_rgb = Image.merge("RGB", [turned, turned, turned.point(lambda v: max(0, v - 8))])
    bg.paste(paper_rgb, (pad, pad), mask)
    photo = add_grain(bg, rng, 8)
    (out / "receipt_usd.jpg").write_bytes(jpeg_bytes(photo, 85))
    return doc_fields(merchant, "2024-03-14", "USD", subtotal, tax, total, "receipt", "ocr", 1, "en")


def receipt_eur(out: Path) -> dict[str, Any]:
    items = [
        ("Kaffee Crema 1kg", 1, D("12.50")),
        ("Hafermilch 1l", 2, D("1.95")),
        ("Bio Orangensaft 1l", 1, D("2.99")),
        ("Mineralwasser 6x1,5l", 1, D("4.49")),
        ("Spuelmittel 500ml", 1, D("2.79")),
    ]
    total = sum((q(n * p) for _, n, p in items), D(0))
    net = q(total / D("1.19"))
    vat = total - net
    given = D("30.00")
    merchant = "Biomarkt Sonnenschein GmbH"

    r = Thermal(width=640)
    r.center(merchant, bold=True, size=28)
    r.center("Hauptstr. 12")
    r.center("10115 Berlin")
    r.center("Tel. 030 1234567")
    r.center("USt-IdNr. DE123456789")
    r.gap(12)
    r.lr("", "EUR")
    for desc, n, price in items:
        if n == 1:
            r.lr(desc, f"{money_de(price)} € A")
        else:
            r.left(desc)
            r.lr(f"  {n} x {money_de(price)} €", f"{money_de(q(n * price))} € A")
    r.rule()
    r.lr("SUMME EUR", f"{money_de(total)} €  ")
    r.rule("=")
    r.lr("Bar", f"{money_de(given)} €  ")
    r.lr("Rückgeld", f"{money_de(given - total)} €  ")
    r.gap(14)
    r.cols3("MwSt", "Netto    MwSt", "Brutto", 31)
    r.cols3("A 19%", f"{money_de(net)}    {money_de(vat)}", money_de(total), 31)
    r.gap(14)
    r.lr("15.03.2024 10:42", "Bon-Nr. 4711")
    r.lr("Kasse 2", "Bed. 07")
    r.left("TSE-Transaktion: 18342")
    r.left("TSE-Start: 2024-03-15T10:42:11")
    r.left("TSE-Stop:  2024-03-15T10:42:58")
    r.gap(16)
    r.center("Vielen Dank für Ihren Einkauf!")
    r.center("www.biomarkt-sonnenschein.example")
    img = r.render(paper=248, ink=24)
    add_specks(img, random.Random(303), 35)
    (out / "receipt_eur.png").write_bytes(png_bytes(img, 203))
    return doc_fields(merchant, "2024-03-15", "EUR", net, vat, total, "receipt", "ocr", 1, "de")


def receipt_gbp_rotated(out: Path) -> tuple[dict[str, Any], Image.Image]:
    items = [
        ("WOOD SCREWS 4x40 (200)", 1, D("6.49")),
        ("WALL PLUGS BROWN (100)", 2, D("2.15")),
        ("MASKING TAPE 25MM", 3, D("1.65")),
        ("SANDPAPER ASSORTED", 1, D("3.99")),
        ("PVA GLUE 1L", 1, D("5.75")),
    ]
    subtotal = sum((q(n * p) for _, n, p in items), D(0))
    vat = q(subtotal * D("0.20"))
    total = subtotal + vat
    merchant = "HARRINGTON HARDWARE LTD"

    r = Thermal(width=600)
    r.center(merchant, bold=True, size=27)
    r.center("TRADE COUNTER")
    r.center("14 Mill Lane, Reading RG1 2AB")
    r.center("Tel 0118 496 0321")
    r.center("VAT Reg No: GB 123 4567 89")
    r.gap(12)
    r.lr("10 MAR 2024 11:05", "Till 1")
    r.lr("Receipt 20931", "Served by: Kate")
    r.rule()
    r.lr("Prices exclude VAT", "")
    for desc, n, price in items:
        r.left(desc)
        r.lr(f"  {n} @ £{price:.2f}", f"£{q(n * price):.2f}")
    r.rule()
    r.lr("SUBTOTAL", f"£{subtotal:.2f}")
    r.lr("VAT @ 20%", f"£{vat:.2f}")
    r.rule("=")
    r.lr("TOTAL", f"£{total:.2f}")
    r.rule("=")
    r.lr("CARD", f"£{total:.2f}")
    r.left("CONTACTLESS VISA ****4821")
    r.gap(14)
    r.center("Returns within 28 days with receipt")
    r.center("Thank you for your custom")
    upright = r.render(paper=247, ink=30)
    rng = random.Random(404)
    add_specks(upright, rng, 30)
    upright = add_grain(upright, rng, 6)
    # EXIF Orientation 6 = "rotate 90 deg clockwise to display": store the pixels turned 90 deg counter-clockwise.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    data = jpeg_bytes(stored, 85, exif=exif.tobytes())
    check = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    if check.size != upright.size:
        raise AssertionError("EXIF orientation round-trip failed")
    (out / "receipt_gbp_rotated.jpg").write_bytes(data)
    return doc_fields(merchant, "2024-03-10", "GBP", subtotal, vat, total, "receipt", "ocr", 1, "en"), upright


# --------------------------------------------------------------------------------------------- A4 rasters


class Page:
    """A raster page (grayscale) with a few layout helpers; coordinates in pixels."""

    def __init__(self, width: int = 1240, height: int = 1754, bg: int = 255) -> None:
        self.img = Image.new("L", (width, height), bg)
        self.draw = ImageDraw.Draw(self.img)
        self.width, self.height = width, height

    def text(self, x: float, y: float, s: str, size: int = 22, bold: bool = False, anchor: str = "la", fill: int = 0):
        self.draw.text((x, y), s, font=font("bold" if bold else "sans", size), fill=fill, anchor=anchor)

    def hline(self, x1: float, x2: float, y: float, width: int = 2, fill: int = 0) -> None:
        self.draw.line((x1, y, x2, y), fill=fill, width=width)

    def box(self, x1: float, y1: float, x2: float, y2: float, fill: int | None = None, outline: int | None = 0):
        self.draw.rectangle((x1, y1, x2, y2), fill=fill, outline=outline, width=2)

    def table(
        self,
        x: float,
        y: float,
        columns: Sequence[tuple[str, int, str]],
        rows: Sequence[Sequence[str]],
        size: int = 21,
        row_h: int = 44,
    ) -> float:
        """Draw a ruled table; ``columns`` = (title, width px, align l|r|c). Returns the y below it."""
        total_w = sum(c[1] for c in columns)
        self.box(x, y, x + total_w, y + row_h, fill=225)
        for i, row in enumerate([[c[0] for c in columns], *rows]):
            cx = x
            for (_, w, align), cell in zip(columns, row, strict=True):
                ty = y + row_h / 2
                if align == "r":
                    self.text(cx + w - 12, ty, cell, size, bold=i == 0, anchor="rm")
                elif align == "c":
                    self.text(cx + w / 2, ty, cell, size, bold=i == 0, anchor="mm")
                else:
                    self.text(cx + 12, ty, cell, size, bold=i == 0, anchor="lm")
                if font("bold" if i == 0 else "sans", size).getlength(cell) > w - 16:
                    raise ValueError(f"cell too wide: {cell!r}")
                cx += w
            y += row_h
        top = y - row_h * (len(rows) + 1)
        self.box(x, top, x + total_w, y, outline=0)
        for r in range(1, len(rows) + 1):
            self.hline(x, x + total_w, top + r * row_h, width=1, fill=120)
        cx = x
        for _, w, _ in columns[:-1]:
            cx += w
            self.draw.line((cx, top, cx, y), fill=0, width=1)
        return y

    def totals(self, x_label: float, x_right: float, y: float, rows: Sequence[tuple[str, str, bool]], size: int = 22):
        for label, value, bold in rows:
            self.text(x_label, y, label, size, bold=bold)
            self.text(x_right, y, value, size, bold=bold, anchor="ra")
            y += round(size * 1.75)
        return y


def scan_effect(img: Image.Image, seed: int, angle: float = 0.35) -> Image.Image:
    """Make a clean page look scanned: a tiny skew, grey paper, dust, grain, a touch of blur."""
    rng = random.Random(seed)
    page = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.point(lambda v: 18 + v * 224 // 255)  # ink ~18, paper ~242
    add_specks(page, rng, 80, shade=(90, 200))
    page = page.filter(ImageFilter.GaussianBlur(0.45))
    return add_grain(page, rng, 6)


def invoice_inr(out: Path) -> dict[str, Any]:
    items = [
        ("LED Panel Light 18W", "9405", 120, "Nos", D("385.00")),
        ("Modular Switch 16A", "8536", 250, "Nos", D("62.00")),
        ("Copper Wire 2.5 sq mm (90 m)", "8544", 15, "Coil", D("1950.00")),
        ("MCB 32A Double Pole", "8536", 30, "Nos", D("442.00")),
    ]
    subtotal = sum((q(n * p) for *_, n, _, p in items), D(0))
    cgst = q(subtotal * D("0.09"))
    sgst = q(subtotal * D("0.09"))
    total = subtotal + cgst + sgst
    assert money_in(total) == "1,22,967.80", money_in(total)
    merchant = "SHREE GANESH ELECTRICALS PVT. LTD."

    p = Page()
    L, R = 80, 1160
    p.text(L, 78, merchant, 34, bold=True)
    y = 130
    for line in (
        "Plot 14, MIDC Industrial Area, Andheri (East)",
        "Mumbai, Maharashtra - 400093",
        "Phone: +91 22 4012 3456   Email: accounts@shreeganesh.example",
        "GSTIN: 27AABCS1234F1Z5   PAN: AABCS1234F",
        "State: Maharashtra   State Code: 27",
    ):
        p.text(L, y, line, 21)
        y += 32
    p.text(R, 78, "Tax Invoice", 40, bold=True, anchor="ra")
    p.text(R, 132, "ORIGINAL FOR RECIPIENT", 18, anchor="ra")
    p.hline(L, R, 310, 3)

    p.text(L, 335, "Bill To:", 21, bold=True)
    y = 368
    for line in (
        "Kapoor Infra Projects LLP",
        "Survey No. 88, Hinjewadi Phase 2",
        "Pune, Maharashtra - 411057",
        "GSTIN: 27AAKFK5678L1Z2",
    ):
        p.text(L, y, line, 21)
        y += 32
    meta = [
        ("Invoice No.", "SGE/23-24/0871"),
        ("Invoice Date", "02/JAN/2024"),
        ("Place of Supply", "Maharashtra (27)"),
        ("Payment Terms", "30 days"),
        ("Currency", "INR"),
    ]
    y = 335
    for k, v in meta:
        p.text(740, y, k, 21, bold=True)
        p.text(930, y, ": " + v, 21)
        y += 32

    columns = [
        ("S.No", 70, "c"),
        ("Description of Goods", 420, "l"),
        ("HSN", 100, "c"),
        ("Qty", 80, "r"),
        ("Unit", 80, "c"),
        ("Rate (Rs.)", 140, "r"),
        ("Amount (Rs.)", 190, "r"),
    ]
    rows = [
        [str(i), d, hsn, str(n), unit, money_in(pr), money_in(q(n * pr))]
        for i, (d, hsn, n, unit, pr) in enumerate(items, 1)
    ]
    y = p.table(L, 540, columns, rows, size=20, row_h=48)

    y = p.totals(
        760,
        R,
        y + 30,
        [
            ("Sub Total", "Rs. " + money_in(subtotal), False),
            ("CGST @ 9%", "Rs. " + money_in(cgst), False),
            ("SGST @ 9%", "Rs. " + money_in(sgst), False),
        ],
    )
    p.hline(760, R, y - 8, 2)
    y = p.totals(760, R, y + 6, [("Total (INR)", "Rs. " + money_in(total), True)], size=24)

    y += 20
    p.text(L, y, "Amount Chargeable (in words):", 20, bold=True)
    p.text(L, y + 32, "Indian Rupees One Lakh Twenty Two Thousand Nine Hundred Sixty Seven and Eighty Paise Only", 20)
    y += 110
    p.text(L, y, "Bank Details", 20, bold=True)
    for i, line in enumerate(
        ("Bank: State Bank of India, Andheri East Branch", "A/c No.: 30123456789", "IFSC: SBIN0001234")
    ):
        p.text(L, y + 32 * (i + 1), line, 20)
    p.text(R, y, "For " + merchant, 20, bold=True, anchor="ra")
    p.text(R, y + 150, "Authorised Signatory", 20, anchor="ra")
    p.hline(L, R, 1620, 1, fill=120)
    p.text(620, 1640, "This is a computer generated invoice.  Subject to Mumbai jurisdiction.", 18, anchor="ma")
    img = p.img.point(lambda v: 20 + v * 233 // 255)
    add_specks(img, random.Random(505), 30)
    (out / "invoice_inr.png").write_bytes(png_bytes(img, 150))
    return doc_fields(merchant, "2024-01-02", "INR", subtotal, cgst + sgst, total, "invoice", "ocr", 1, "en")


def us_invoice_page(
    merchant: str,
    address: Sequence[str],
    meta: Sequence[tuple[str, str]],
    bill_to: Sequence[str],
    items: Sequence[tuple[str, str, Decimal]],
    qty_title: str,
    tax_label: str,
    total_label: str,
    title: str = "INVOICE",
    title_size: int = 48,
    notes: Sequence[str] = (),
) -> tuple[Image.Image, Decimal, Decimal, Decimal]:
    """A clean US-style invoice page (items = description, qty, unit price); returns image and amounts."""
    rate = D(tax_label.split("(")[1].rstrip("%)")) / 100
    subtotal = sum((q(D(n) * pr) for _, n, pr in items), D(0))
    tax = q(subtotal * rate)
    total = subtotal + tax
    p = Page()
    L, R = 90, 1150
    p.text(L, 90, merchant, 36, bold=True)
    y = 146
    for line in address:
        p.text(L, y, line, 21)
        y += 31
    p.text(R, 88, title, title_size, bold=True, anchor="ra")
    y = 160
    for k, v in meta:
        p.text(900, y, k, 21, bold=True, anchor="ra")
        p.text(R, y, v, 21, anchor="ra")
        y += 33
    p.hline(L, R, 330, 3)
    p.text(L, 360, "Bill To", 22, bold=True)
    for i, line in enumerate(bill_to):
        p.text(L, 395 + 31 * i, line, 21)
    columns = [("Description", 560, "l"), (qty_title, 140, "r"), ("Rate", 170, "r"), ("Amount", 190, "r")]
    rows = [[d, n, f"${money(pr)}", f"${money(q(D(n) * pr))}"] for d, n, pr in items]
    y = p.table(L, 560, columns, rows, size=21, row_h=50)
    y = p.totals(800, R, y + 36, [("Subtotal", f"${money(subtotal)}", False), (tax_label, f"${money(tax)}", False)])
    p.hline(800, R, y - 8, 2)
    p.totals(800, R, y + 6, [(total_label, f"${money(total)}", True)], size=25)
    for i, line in enumerate(notes):
        p.text(L, 1480 + 32 * i, line, 20)
    return p.img, subtotal, tax, total


def invoice_scanned_usd(out: Path) -> dict[str, Any]:
    merchant = "Northwind Consulting LLC"
    img, subtotal, tax, total = us_invoice_page(
        merchant,
        ["410 Pine Street, Suite 300", "Seattle, WA 98101", "(206) 555-0199"],
        [("Invoice #", "NWC-2024-0117"), ("Date", "March 3, 2024"), ("Due Date", "April 2, 2024"), ("Terms", "Net 30")],
        ["Contoso Retail Group", "55 Market Street", "Portland, OR 97204"],
        [
            ("Data pipeline audit", "12", D("150.00")),
            ("Dashboard development", "20.5", D("135.00")),
            ("Cloud cost review", "6", D("150.00")),
            ("Project management", "8", D("95.00")),
        ],
        "Hours",
        "Tax (10.25%)",
        "Total Due",
        notes=["Please make checks payable to Northwind Consulting LLC.", "Thank you for your business!"],
    )
    scan = scan_effect(img, 606)
    pdf = new_pdf(merchant, "Invoice NWC-2024-0117")
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg_bytes(scan, 80)), x=0, y=0, w=210, h=297)
    write_pdf(pdf, out / "invoice_scanned_usd.pdf")
    return doc_fields(merchant, "2024-03-03", "USD", subtotal, tax, total, "invoice", "ocr", 1, "en")


# ----------------------------------------------------------------------------------------------- digital PDFs


def new_pdf(author: str, title: str, footer: str | None = None) -> FPDF:
    pdf = DocPDF(footer)
    pdf.set_creation_date(PDF_DATE)
    pdf.set_producer(PDF_PRODUCER)
    pdf.set_creator(PDF_PRODUCER)
    pdf.set_author(author)
    pdf.set_title(title)
    return pdf


class DocPDF(FPDF):
    def __init__(self, footer: str | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font("DejaVu", "", str(FONTS["sans"]))
        self.add_font("DejaVu", "B", str(FONTS["bold"]))
        self.add_font("DejaVuMono", "", str(FONTS["mono"]))
        self.set_auto_page_break(False)
        self.set_margins(18, 18, 18)
        self.footer_text = footer

    def footer(self) -> None:
        if self.footer_text:
            self.set_y(-14)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90)
            self.cell(0, 5, self.footer_text.replace("{page}", str(self.page_no())), align="C")
            self.set_text_color(0)

    def line_text(self, text: str, size: float = 10, bold: bool = False, h: float = 5.2, align: str = "L") -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        self.cell(0, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(
        self,
        cells: Sequence[str],
        widths: Sequence[float],
        aligns: str,
        bold: bool = False,
        fill: bool = False,
        h: float = 7,
        size: float = 9.5,
        border: str | int = "B",
    ) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        if fill:
            self.set_fill_color(232)
        for text, w, a in zip(cells, widths, aligns, strict=True):
            if self.get_string_width(text) > w - 2:
                raise ValueError(f"cell too wide: {text!r}")
            self.cell(w, h, text, border=border, align=a, fill=fill)
        self.ln(h)

    def kv(
        self,
        x: float,
        label: str,
        value: str,
        w_label: float,
        size: float = 10,
        bold_value: bool = False,
        h: float = 6,
        w_value: float = 40,
    ) -> None:
        self.set_x(x)
        self.set_font("DejaVu", "", size)
        self.cell(w_label, h, label)
        self.set_font("DejaVu", "B" if bold_value else "", size)
        self.cell(w_value, h, value, align="R")
        self.ln(h)


@contextmanager
def seeded_pdf_random(seed: int) -> Iterator[None]:
    """fpdf2's AES encryption draws IVs/salts from os.urandom; make them reproducible for regeneration."""
    from fpdf.encryption import StandardSecurityHandler

    rng = random.Random(seed)
    original = StandardSecurityHandler.__dict__.get("get_random_bytes")
    StandardSecurityHandler.get_random_bytes = classmethod(lambda cls, size: rng.randbytes(size))  # type: ignore
    try:
        yield
    finally:
        if original is not None:
            StandardSecurityHandler.get_random_bytes = original  # type: ignore


def write_pdf(pdf: FPDF, path: Path, seed: int = 0) -> int:
    with seeded_pdf_random(seed):
        data = bytes(pdf.output())
    path.write_bytes(data)
    return pdf.page_no()


def invoice_digital_eur(out: Path) -> dict[str, Any]:
    items = [
        ("Visitenkarten 350 g, 4/4-farbig, 1000 Stk.", 2, D("89.00")),
        ("Flyer DIN A5, 135 g, 5000 Stk.", 1, D("412.50")),
        ("Speisekarten A4, laminiert", 40, D("12.40")),
        ("Grafikdesign (Std.)", 2, D("74.00")),
    ]
    subtotal = sum((q(n * p) for _, n, p in items), D(0))
    vat = q(subtotal * D("0.19"))
    total = subtotal + vat
    assert money_de(subtotal) == "1.234,50"
    merchant = "Weber Druck & Medien GmbH"

    pdf = new_pdf(
        merchant,
        "Rechnung RE-2024-0315",
        footer="Weber Druck & Medien GmbH · Lindenallee 8 · 50667 Köln · Geschäftsführer: Jonas Weber · "
        "HRB 98765 Amtsgericht Köln",
    )
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 9, merchant, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.line_text("Lindenallee 8 · 50667 Köln · Tel. 0221 555 0188 · info@weber-druck.example", 9)
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.cell(0, 4, "Weber Druck & Medien GmbH, Lindenallee 8, 50667 Köln", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in ("Café Sonnenblick", "Inh. Anna Berger", "Marktplatz 3", "53111 Bonn"):
        pdf.line_text(line, 10.5, h=5.5)
    pdf.set_xy(125, 50)
    for label, value in (
        ("Rechnungsnummer:", "RE-2024-0315"),
        ("Rechnungsdatum:", "15.03.2024"),
        ("Leistungsdatum:", "12.03.2024"),
        ("Kundennummer:", "K-10482"),
    ):
        pdf.kv(125, label, value, 36, w_value=31)
    pdf.set_y(100)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, "Rechnung Nr. RE-2024-0315", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.line_text("Sehr geehrte Frau Berger, für unsere Leistungen erlauben wir uns zu berechnen:", 10)
    pdf.ln(4)
    widths = (12, 88, 18, 28, 28)
    pdf.row(("Pos.", "Beschreibung", "Menge", "Einzelpreis", "Gesamt"), widths, "LLRRR", bold=True, fill=True)
    for i, (desc, n, price) in enumerate(items, 1):
        pdf.row((str(i), desc, str(n), f"{money_de(price)} €", f"{money_de(q(n * price))} €"), widths, "LLRRR")
    pdf.ln(4)
    pdf.kv(110, "Zwischensumme (netto)", f"{money_de(subtotal)} €", 50, w_value=32)
    pdf.kv(110, "zzgl. MwSt 19 %", f"{money_de(vat)} €", 50, w_value=32)
    pdf.line(110, pdf.get_y() + 1, 192, pdf.get_y() + 1)
    pdf.ln(2)
    pdf.kv(110, "Gesamtbetrag (brutto)", f"{money_de(total)} €", 50, size=11, bold_value=True, w_value=32)
    pdf.ln(10)
    pdf.line_text("Zahlbar ohne Abzug innerhalb von 14 Tagen bis zum 29.03.2024.", 10)
    pdf.line_text("Bankverbindung: Sparkasse KölnBonn · IBAN DE89 3704 0044 0532 0130 00 · BIC COLSDE33", 9)
    pdf.line_text("Steuernummer 215/5678/1234 · USt-IdNr. DE812345678", 9)
    pdf.ln(4)
    pdf.line_text("Vielen Dank für Ihren Auftrag!", 10)
    pages = write_pdf(pdf, out / "invoice_digital_eur.pdf")
    return doc_fields(merchant, "2024-03-15", "EUR", subtotal, vat, total, "invoice", "text_layer", pages, "de")


def invoice_digital_rub(out: Path) -> dict[str, Any]:
    items = [
        ("Консультационные услуги по настройке ПО", 1, "усл.", D("5000.00")),
        ("Лицензия на ПО «Учёт+», 1 год", 2, "шт.", D("2000.00")),
        ("Выезд специалиста", 1, "усл.", D("1000.00")),
    ]
    subtotal = sum((q(n * p) for _, n, _, p in items), D(0))
    vat = q(subtotal * D("0.20"))
    total = subtotal + vat
    assert money_ru(total) == "12 000,00"
    merchant = "ООО «Ромашка»"

    pdf = new_pdf(merchant, "Счёт № 17 от 15 марта 2024 г.")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    # Bank details block, as on a Russian "счёт на оплату".
    x0, w1, w2, w3 = 18, 95, 17, 62
    pdf.set_xy(x0, 18)
    pdf.multi_cell(w1, 5, "ПАО Сбербанк г. Москва\nБанк получателя", border=1, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.multi_cell(w2, 5, "БИК\nСч. №", border=1, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.multi_cell(w3, 5, "044525225\n30101810400000000225", border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(w1 / 2, 5, "ИНН 7701234567", border=1)
    pdf.cell(w1 / 2, 5, "КПП 770101001", border=1)
    pdf.cell(w2, 5, "Сч. №", border="LTR")
    pdf.cell(w3, 5, "40702810938000012345", border="LTR", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(w1, 5, "ООО «Ромашка»\nПолучатель", border=1, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.cell(w2, 10, "", border="LBR")
    pdf.cell(w3, 10, "", border="LBR", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, "Счёт № 17 от 15 марта 2024 г.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.line(18, pdf.get_y() + 1, 192, pdf.get_y() + 1)
    pdf.ln(5)
    for label, value in (
        ("Поставщик:", "ООО «Ромашка», ИНН 7701234567, КПП 770101001, 123456, г. Москва, ул. Ленина, д. 1, офис 5"),
        ("Покупатель:", "ООО «Василёк», ИНН 7702345678, КПП 770201001, 125009, г. Москва, ул. Тверская, д. 7"),
        ("Основание:", "Договор № 42-У от 01 февраля 2024 г."),
    ):
        pdf.set_font("DejaVu", "", 9.5)
        pdf.cell(26, 5.5, label)
        pdf.set_font("DejaVu", "B", 9.5)
        pdf.multi_cell(0, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    pdf.ln(3)
    widths = (9, 85, 16, 14, 25, 25)
    pdf.row(
        ("№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"),
        widths,
        "CLRCRR",
        bold=True,
        fill=True,
        border=1,
    )
    for i, (desc, n, unit, price) in enumerate(items, 1):
        pdf.row((str(i), desc, str(n), unit, money_ru(price), money_ru(q(n * price))), widths, "CLRCRR", border=1)
    pdf.ln(3)
    pdf.kv(100, "Итого без НДС:", money_ru(subtotal), 52, bold_value=True, w_value=40)
    pdf.kv(100, "НДС 20%:", money_ru(vat), 52, bold_value=True, w_value=40)
    pdf.kv(100, "Итого к оплате:", money_ru(total) + " руб.", 52, bold_value=True, w_value=40)
    pdf.ln(4)
    pdf.line_text(f"Всего наименований {len(items)}, на сумму {money_ru(total)} руб.", 9.5)
    pdf.line_text("Двенадцать тысяч рублей 00 копеек", 9.5, bold=True)
    pdf.ln(3)
    pdf.line_text(
        "Оплатить не позднее 25 марта 2024 г. Оплата данного счёта означает согласие с условиями поставки.", 8
    )
    pdf.line(18, pdf.get_y() + 3, 192, pdf.get_y() + 3)
    pdf.ln(14)
    pdf.line_text("Руководитель ________________ Иванов И. И.        Бухгалтер ________________ Петрова А. С.", 9.5)
    pages = write_pdf(pdf, out / "invoice_digital_rub.pdf")
    return doc_fields(merchant, "2024-03-15", "RUB", subtotal, vat, total, "invoice", "text_layer", pages, "ru")


GBP_PRODUCTS = [
    ("A4 copier paper 80gsm, box of 5 reams", D("21.95")),
    ("Ballpoint pens blue, pack of 50", D("7.49")),
    ("Whiteboard markers assorted, pack of 10", D("6.25")),
    ("Lever arch files A4, pack of 10", D("18.90")),
    ("Sticky notes 76x76mm, pack of 12", D("5.80")),
    ("Stapler full strip, metal", D("9.99")),
    ("Staples 26/6, box of 5000", D("1.85")),
    ("Printer toner black HP 59A", D("84.50")),
    ("Laminating pouches A4, pack of 100", D("11.40")),
    ("Sellotape 24mm x 66m, pack of 6", D("4.95")),
    ("Exercise books A4 ruled, pack of 50", D("23.60")),
    ("Glue sticks 40g, pack of 20", D("12.30")),
    ("Scissors 21cm, soft grip", D("2.75")),
    ("Desk tidy mesh, black", D("6.60")),
    ("Envelopes C5 white, box of 500", D("14.20")),
    ("Highlighters assorted, pack of 8", D("3.95")),
    ("Box files foolscap, pack of 5", D("10.45")),
    ("Coloured card A4, 250 sheets", D("8.70")),
    ("Pencils HB with eraser, pack of 144", D("16.80")),
    ("Hand sanitiser 500ml", D("3.20")),
]


def invoice_digital_gbp_multipage(out: Path) -> dict[str, Any]:
    rng = random.Random(909)
    items = []
    for i in range(70):
        desc, price = GBP_PRODUCTS[(i * 7 + rng.randrange(3)) % len(GBP_PRODUCTS)]
        sku = f"TV-{10000 + (GBP_PRODUCTS.index((desc, price)) * 37 + 113) % 9000:05d}"
        items.append((sku, desc, rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 10, 12)), price))
    subtotal = sum((q(n * p) for _, _, n, p in items), D(0))
    vat = q(subtotal * D("0.20"))
    total = subtotal + vat
    merchant = "Thames Valley Office Supplies Ltd"

    pdf = new_pdf(
        merchant,
        "Invoice TVOS-24-00318",
        footer="Invoice TVOS-24-00318 · Page {page} of {nb} · Registered in England and Wales No. 08123456",
    )
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 17)
    pdf.cell(110, 9, merchant)
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 9, "INVOICE", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in (
        "Unit 7, Kennet Business Park",
        "Reading RG2 0QX",
        "Tel 0118 496 0777 · sales@tvos.example",
        "VAT Reg No: GB 987 6543 21",
    ):
        pdf.line_text(line, 9.5, h=5)
    pdf.set_xy(120, 30)
    for label, value in (
        ("Invoice No:", "TVOS-24-00318"),
        ("Invoice Date:", "3 March 2024"),
        ("Due Date:", "2 April 2024"),
        ("Customer PO:", "GPS-4471"),
        ("Account:", "GREEN01"),
    ):
        pdf.kv(120, label, value, 30, size=9.5, h=5.5, w_value=42)
    pdf.set_y(62)
    pdf.line_text("Invoice To:", 10, bold=True)
    for line in ("Greenfield Primary School", "Attn: School Business Manager", "Church Road, Wokingham RG40 1AB"):
        pdf.line_text(line, 10, h=5.2)
    pdf.ln(6)

    widths = (26, 92, 14, 21, 21)
    header = ("Code", "Description", "Qty", "Unit £", "Amount £")
    aligns = "LLRRR"
    limit = 297 - 24
    pdf.row(header, widths, aligns, bold=True, fill=True)
    for sku, desc, n, price in items:
        if pdf.get_y() + 6.5 > limit:
            pdf.set_font("DejaVu", "", 8.5)
            pdf.cell(0, 6, "Continued on next page", align="R")
            pdf.add_page()
            pdf.line_text(f"{merchant} · Invoice TVOS-24-00318 (continued)", 10, bold=True)
            pdf.ln(3)
            pdf.row(header, widths, aligns, bold=True, fill=True)
        pdf.row((sku, desc, str(n), money(price), money(q(n * price))), widths, aligns, h=6.5)
    if pdf.get_y() + 60 > limit:
        pdf.add_page()
    pdf.ln(5)
    pdf.kv(120, "Subtotal", f"£{money(subtotal)}", 30, w_value=42)
    pdf.kv(120, "VAT 20%", f"£{money(vat)}", 30, w_value=42)
    pdf.line(120, pdf.get_y() + 1, 192, pdf.get_y() + 1)
    pdf.ln(2)
    pdf.kv(120, "Total", f"£{money(total)}", 30, size=11.5, bold_value=True, w_value=42)
    pdf.ln(8)
    pdf.line_text("Payment terms: 30 days. Bank: Lloyds Bank · Sort code 30-94-12 · Account 12345678", 9)
    pdf.line_text("Please quote the invoice number with your payment. Thank you for your order.", 9)
    pages = write_pdf(pdf, out / "invoice_digital_gbp_multipage.pdf")
    if not 2 <= pages <= 3:
        raise AssertionError(f"multipage invoice has {pages} pages")
    return doc_fields(merchant, "2024-03-03", "GBP", subtotal, vat, total, "invoice", "text_layer", pages, "en")


def simple_invoice_pdf(
    merchant: str,
    address: Sequence[str],
    meta: Sequence[tuple[str, str]],
    bill_to: Sequence[str],
    items: Sequence[tuple[str, str, Decimal]],
    tax_label: str,
    tax_rate: Decimal,
    total_label: str,
    title: str,
    mark: str = "$",
    fmt: Callable[[Decimal], str] = money,
) -> tuple[FPDF, Decimal, Decimal, Decimal]:
    """A one-page English invoice with a text layer; items = (description, quantity, unit price); amounts are
    printed as ``mark`` + ``fmt(amount)``."""
    subtotal = sum((q(D(n.replace(",", "")) * p) for _, n, p in items), D(0))
    tax = q(subtotal * tax_rate)
    total = subtotal + tax
    pdf = new_pdf(merchant, title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(120, 9, merchant)
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 9, "INVOICE", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in address:
        pdf.line_text(line, 9.5, h=5)
    pdf.ln(6)
    top = pdf.get_y()
    pdf.line_text("Bill To", 10, bold=True)
    for line in bill_to:
        pdf.line_text(line, 10, h=5.2)
    pdf.set_y(top)
    for label, value in meta:
        pdf.kv(108, label, value, 38, size=9.5, h=5.5, w_value=46)
    pdf.set_y(max(pdf.get_y(), top + 6 + 5.2 * len(bill_to)) + 8)
    widths = (96, 26, 26, 26)
    pdf.row(("Description", "Qty", "Unit price", "Amount"), widths, "LRRR", bold=True, fill=True)
    for desc, n, price in items:
        amount = q(D(n.replace(",", "")) * price)
        unit = f"{mark}{price:.3f}" if price.as_tuple().exponent < -2 else f"{mark}{fmt(price)}"
        pdf.row((desc, n, unit, f"{mark}{fmt(amount)}"), widths, "LRRR")
    pdf.ln(4)
    pdf.kv(118, "Subtotal", f"{mark}{fmt(subtotal)}", 34, w_value=40)
    pdf.kv(118, tax_label, f"{mark}{fmt(tax)}", 34, w_value=40)
    pdf.line(118, pdf.get_y() + 1, 192, pdf.get_y() + 1)
    pdf.ln(2)
    pdf.kv(118, total_label, f"{mark}{fmt(total)}", 34, size=11, bold_value=True, w_value=40)
    return pdf, subtotal, tax, total


def invoice_digital_usd(out: Path) -> dict[str, Any]:
    merchant = "Acme Cloud Services, Inc."
    pdf, subtotal, tax, total = simple_invoice_pdf(
        merchant,
        ["500 Howard Street, Floor 4", "San Francisco, CA 94105", "billing@acmecloud.example · EIN 94-1234567"],
        [
            ("Invoice Number:", "INV-2024-03-0042"),
            ("Invoice Date:", "2024-03-05"),
            ("Billing Period:", "2024-02-01 – 2024-02-29"),
            ("Due Date:", "2024-04-04"),
            ("Account ID:", "AC-778120"),
        ],
        ["Initech LLC", "Accounts Payable", "4120 Freidrich Lane", "Austin, TX 78744"],
        [
            ("Compute instances (vCPU-hours)", "1,240", D("0.096")),
            ("Object storage (GB-month)", "2,350", D("0.023")),
            ("Data transfer out (GB)", "812", D("0.090")),
            ("Business support plan", "1", D("100.00")),
        ],
        "Tax (8.625%)",
        D("0.08625"),
        "Total (USD)",
        "Invoice INV-2024-03-0042",
    )
    pdf.ln(10)
    pdf.line_text("Payment is due within 30 days. Pay online at billing.acmecloud.example or by ACH:", 9)
    pdf.line_text("Bank of Example · Routing 121000358 · Account 000123456789", 9)
    pages = write_pdf(pdf, out / "invoice_digital_usd.pdf")
    return doc_fields(merchant, "2024-03-05", "USD", subtotal, tax, total, "invoice", "text_layer", pages, "en")


def invoice_digital_inr(out: Path) -> dict[str, Any]:
    merchant = "Vardhman Textiles Trading Pvt. Ltd."
    pdf, subtotal, tax, total = simple_invoice_pdf(
        merchant,
        ["14 Ring Road, Lajpat Nagar IV", "New Delhi, Delhi - 110024", "GSTIN: 07AAACV1234K1Z9 · PAN: AAACV1234K"],
        [
            ("Invoice No.:", "VTT/24-25/0318"),
            ("Invoice Date:", "14.02.2024"),
            ("Place of Supply:", "Haryana (06)"),
            ("Currency:", "INR"),
            ("Due Date:", "15.03.2024"),
        ],
        ["Sharma Garments LLP", "Plot 22, Sector 18", "Gurugram, Haryana - 122015", "GSTIN: 06AAKFS9876Q1Z3"],
        [
            ("Cotton fabric, 60\" (metres)", "120", D("185.00")),
            ("Polyester blend (metres)", "80", D("142.50")),
            ("Dyeing charges (lot)", "2", D("6250.00")),
        ],
        "IGST (5%)",
        D("0.05"),
        "Total (INR)",
        "Invoice VTT/24-25/0318",
        mark="Rs.",
        fmt=money_in,
    )
    pdf.ln(10)
    pdf.line_text("Amount chargeable in words: Indian Rupees only, as above. E. & O.E.", 9)
    pdf.line_text("Bank: Punjab National Bank · A/c 0123456789012 · IFSC PUNB0012300", 9)
    pages = write_pdf(pdf, out / "invoice_digital_inr.pdf")
    return doc_fields(merchant, "2024-02-14", "INR", subtotal, tax, total, "invoice", "text_layer", pages, "en")


def invoice_mixed(out: Path) -> dict[str, Any]:
    merchant = "Blue Ridge Plumbing & Heating LLC"
    items = [
        ("50 gal gas water heater", "1", D("1149.00")),
        ("Thermal expansion tank 2 gal", "1", D("89.50")),
        ("Labor (hours)", "4.5", D("110.00")),
        ("Permit fee, Buncombe County", "1", D("75.00")),
    ]
    img, subtotal, tax, total = us_invoice_page(
        merchant,
        ["Itemized statement"],
        [("Invoice #", "BR-5521"), ("Page", "2 of 2")],
        ["Martin Residence", "18 Laurel Ridge Drive", "Asheville, NC 28804"],
        items,
        "Qty",
        "Sales Tax (7%)",
        "Amount Due",
        title="STATEMENT",
        title_size=38,
    )
    scan = scan_effect(img, 1111, angle=-0.3)

    pdf = new_pdf(merchant, "Invoice BR-5521")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 9, merchant, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in ("742 Haywood Road, Asheville, NC 28806", "(828) 555-0147 · NC Plumbing License #28841"):
        pdf.line_text(line, 9.5, h=5)
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 10, "INVOICE", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for label, value in (
        ("Invoice #:", "BR-5521"),
        ("Date:", "04/22/2024"),
        ("Service date:", "04/19/2024"),
        ("Terms:", "Due on receipt"),
    ):
        pdf.kv(18, label, value, 32, w_value=40)
    pdf.ln(6)
    pdf.line_text("Customer", 10, bold=True)
    for line in ("Martin Residence", "18 Laurel Ridge Drive", "Asheville, NC 28804"):
        pdf.line_text(line, 10)
    pdf.ln(6)
    pdf.line_text("Work performed", 10, bold=True)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0,
        5.5,
        "Removed and disposed of failed 40 gal water heater. Installed new 50 gal gas water heater "
        "with thermal expansion tank, new gas flex line and seismic strapping. Pulled permit and passed "
        "inspection.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)
    pdf.line_text("The itemized statement with the amount due is attached on page 2.", 10)
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg_bytes(scan, 80)), x=0, y=0, w=210, h=297)
    pages = write_pdf(pdf, out / "invoice_mixed.pdf")
    return doc_fields(merchant, "2024-04-22", "USD", subtotal, tax, total, "invoice", "mixed", pages, "en")


def encrypted(out: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    # A user password: nobody opens it without "secret" (AES-256, revision 6).
    pdf, *_ = simple_invoice_pdf(
        "Lakeside Print Shop",
        ["88 Shore Drive", "Madison, WI 53703"],
        [("Invoice Number:", "LPS-3390"), ("Invoice Date:", "2024-02-20")],
        ["Badger State Realty", "2 E Main St", "Madison, WI 53703"],
        [("Yard signs 18x24, double sided", "40", D("14.50")), ("Design proof", "1", D("35.00"))],
        "Sales Tax (5.5%)",
        D("0.055"),
        "Total",
        "Invoice LPS-3390",
    )
    pdf.set_encryption(
        owner_password="ocrlty-owner", user_password="secret", encryption_method=EncryptionMethod.AES_256
    )
    write_pdf(pdf, out / "encrypted_password.pdf", seed=1212)
    locked = {"error_status": 422, "error_code": "encrypted_document", "password": "secret"}

    # Owner password only (permissions-restricted, empty user password): must open without a password.
    merchant = "Harbour Lights Marine Supply Ltd."
    pdf, subtotal, tax, total = simple_invoice_pdf(
        merchant,
        ["250 Queens Quay West", "Toronto, ON M5J 2N2", "HST/GST No. 812345678 RT0001"],
        [("Invoice Number:", "HLM-20417"), ("Invoice Date:", "April 18, 2024"), ("Currency:", "CAD")],
        ["Port Credit Yacht Club", "Attn: Fleet Manager", "Mississauga, ON L5H 1A1"],
        [
            ("Marine battery 12V AGM", "2", D("289.00")),
            ("Dock line 5/8in x 25ft", "4", D("42.75")),
            ("Bilge pump 1100 GPH", "1", D("98.25")),
        ],
        "HST (13%)",
        D("0.13"),
        "Total (CAD)",
        "Invoice HLM-20417",
    )
    pdf.set_encryption(owner_password="ocrlty-owner", user_password=None, encryption_method=EncryptionMethod.AES_128)
    pages = write_pdf(pdf, out / "encrypted_empty_user.pdf", seed=1313)
    open_ = doc_fields(merchant, "2024-04-18", "CAD", subtotal, tax, total, "invoice", "text_layer", pages, "en")
    return locked, open_


def broken(out: Path) -> dict[str, dict[str, Any]]:
    png = (out / "receipt_myr.png").read_bytes()
    (out / "broken_truncated.png").write_bytes(png[: len(png) // 2])
    (out / "broken_not_a_pdf.pdf").write_bytes(
        b"%PDF-1.7\n"
        b"This file only pretends to be a PDF: it has the PDF signature but no objects, no xref\n"
        b"and no trailer. A PDF reader must reject it as undecodable.\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("receipt.txt", date_time=(2024, 3, 15, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, "GREEN VALLEY MARKET\nTOTAL $35.83\nThis is a ZIP archive named .png, not an image.\n")
    (out / "fake_image.png").write_bytes(buf.getvalue())
    return {
        "broken_truncated.png": {"error_status": 422, "error_code": "undecodable_document"},
        "broken_not_a_pdf.pdf": {"error_status": 422, "error_code": "undecodable_document"},
        "fake_image.png": {"error_status": 415, "error_code": "unsupported_media_type"},
    }


# ------------------------------------------------------------------------------ Russian photos and scans (OCR)


def photo_effect(
    img: Image.Image,
    seed: int,
    *,
    angle: float,
    blur: float,
    grain: int,
    fade: float = 0.0,
    quality: int = 70,
    background: int = 92,
) -> bytes:
    """A phone photo of a paper receipt: thermal fading (lower contrast, lighter towards one end), a tilt on a
    darker table, defocus blur, sensor grain and JPEG artefacts."""
    rng = random.Random(seed)
    if fade:
        w, h = img.size
        ramp = Image.linear_gradient("L").resize((w, h)).point(lambda v: int(v * fade))  # 0 at top → fade*255
        img = ImageChops.add(img.point(lambda v: 255 - (255 - v) * 3 // 4), ramp.point(lambda v: v * 2 // 3))
    add_specks(img, rng, 40)
    margin = 40
    canvas = Image.new("L", (img.width + 2 * margin, img.height + 2 * margin), background)
    canvas.paste(img, (margin, margin))
    photo = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=background)
    photo = photo.filter(ImageFilter.GaussianBlur(blur))
    photo = add_grain(photo, rng, grain)
    return jpeg_bytes(photo, quality)


def _ru_receipt(
    merchant: str,
    header: Sequence[str],
    when: str,
    items: Sequence[tuple[str, int, Decimal]],
    vat_rate: int,
    pay_label: str,
    *,
    rub_sign: str = "",
    width: int = 576,
) -> tuple[Thermal, Decimal, Decimal]:
    """A Russian кассовый чек (54-ФЗ layout): seller, ИНН, ПРИХОД, items, ИТОГ, payment, НДС, ФН/ФД/ФП."""
    total = sum((q(n * p) for _, n, p in items), D(0))
    vat = q(total * vat_rate / (100 + vat_rate))
    r = Thermal(width=width, size=21)
    r.center(merchant, bold=True, size=25)
    for line in header:
        r.center(line)
    r.gap(10)
    r.center("КАССОВЫЙ ЧЕК")
    r.lr("ПРИХОД", when)
    r.rule()
    for desc, n, price in items:
        r.left(desc)
        r.lr(f"  {n} x {money_ru(price)}", f"={money_ru(q(n * price))}")
    r.rule()
    r.lr("ИТОГ", f"={money_ru(total)}{rub_sign}")
    r.lr(pay_label, f"={money_ru(total)}")
    r.lr(f"в т.ч. НДС {vat_rate}%", f"={money_ru(vat)}")
    r.rule()
    r.lr("ФН 7281440500123456", "ФД 40217")
    r.lr("ФП 3920571846", "СНО: ОСН")
    r.center("Спасибо за покупку!")
    return r, total, vat


def receipt_rub_photo(out: Path) -> dict[str, Any]:
    merchant = "ООО «Берёзка»"
    r, total, vat = _ru_receipt(
        merchant,
        ["г. Москва, ул. Лесная, д. 12", "ИНН 7714012345"],
        "15.03.24 14:32",
        [("Хлеб бородинский", 1, D("54.90")), ("Молоко 3,2% 1 л", 2, D("89.50")),
         ("Сыр Российский 200 г", 1, D("215.00")), ("Яблоки Гала 1 кг", 1, D("149.99"))],
        20,
        "НАЛИЧНЫМИ",
        rub_sign=" ₽",
    )
    data = photo_effect(r.render(paper=246, ink=34), 1501, angle=4.0, blur=0.7, grain=14, quality=60)
    (out / "receipt_rub_photo.jpg").write_bytes(data)
    return doc_fields(merchant, "2024-03-15", "RUB", None, vat, total, "receipt", "ocr", 1, "ru")


def receipt_rub_faded(out: Path) -> dict[str, Any]:
    merchant = "ООО «Аптека Здоровье»"
    r, total, vat = _ru_receipt(
        merchant,
        ["г. Казань, пр. Победы, д. 48", "ИНН 1658123456"],
        "02.04.2024 09:17",
        [("Парацетамол 500 мг №20", 1, D("64.00")), ("Витамин С 250 мг", 2, D("118.40")),
         ("Пластырь бактерицидный", 1, D("96.30"))],
        10,
        "БЕЗНАЛИЧНЫМИ",
        rub_sign=" руб.",
    )
    data = photo_effect(r.render(paper=250, ink=70), 1502, angle=-2.5, blur=0.5, grain=10, fade=0.45, quality=70)
    (out / "receipt_rub_faded.jpg").write_bytes(data)
    return doc_fields(merchant, "2024-04-02", "RUB", None, vat, total, "receipt", "ocr", 1, "ru")


def receipt_rub_blurred(out: Path) -> dict[str, Any]:
    merchant = "ИП Соколов А.В."
    r, total, vat = _ru_receipt(
        merchant,
        ["Кафе «Уголёк»", "г. Тверь, ул. Советская, 7", "ИНН 690212345678"],
        "28.02.2024 19:05",
        [("Борщ с пампушками", 2, D("320.00")), ("Пельмени домашние", 1, D("390.00")),
         ("Морс клюквенный 0,5", 2, D("140.00")), ("Обслуживание", 1, D("131.00"))],
        20,
        "ЭЛЕКТРОННЫМИ",
        rub_sign=" ₽",
    )
    data = photo_effect(r.render(paper=244, ink=30), 1503, angle=7.0, blur=1.1, grain=18, quality=50,
                        background=60)
    (out / "receipt_rub_blurred.jpg").write_bytes(data)
    return doc_fields(merchant, "2024-02-28", "RUB", None, vat, total, "receipt", "ocr", 1, "ru")


def invoice_scanned_rub(out: Path) -> dict[str, Any]:
    merchant = "ООО «Техносервис»"
    items = [("Картридж лазерный HP 85A", 4, D("2450.00")), ("Бумага А4 80 г/м², пачка", 20, D("389.00")),
             ("Обслуживание принтеров, час", 3, D("1500.00"))]
    subtotal = sum((q(n * p) for _, n, p in items), D(0))
    vat = q(subtotal * D("0.20"))
    total = subtotal + vat
    p = Page()
    L, R = 80, 1160
    p.text(L, 70, merchant, 30, bold=True)
    y = 118
    for line in ("ИНН 7728123456  КПП 772801001", "117342, г. Москва, ул. Профсоюзная, д. 65, стр. 1",
                 "р/с 40702810938000012345 в ПАО Сбербанк, БИК 044525225"):
        p.text(L, y, line, 20)
        y += 30
    p.hline(L, R, 226, 3)
    p.text(L, 262, "Счёт на оплату № 318 от 11 марта 2024 г.", 32, bold=True)
    p.text(L, 330, "Поставщик:", 21, bold=True)
    p.text(L + 150, 330, f"{merchant}, ИНН 7728123456", 21)
    p.text(L, 366, "Покупатель:", 21, bold=True)
    p.text(L + 150, 366, "АО «Северный порт», ИНН 7801234567", 21)
    rows = [[str(i), d, str(n), "шт", money_ru(pr), money_ru(q(n * pr))] for i, (d, n, pr) in enumerate(items, 1)]
    y = p.table(L, 430, [("№", 50, "c"), ("Товары (работы, услуги)", 470, "l"), ("Кол-во", 100, "r"),
                         ("Ед.", 70, "c"), ("Цена", 190, "r"), ("Сумма", 200, "r")], rows, size=19)
    y = p.totals(700, R, y + 30, [("Итого:", money_ru(subtotal), False), ("Сумма НДС (20%):", money_ru(vat), False),
                                   ("Всего к оплате:", money_ru(total), True)], size=22)
    p.text(L, y + 20, f"Всего наименований 3, на сумму {money_ru(total)} руб.", 20)
    p.text(L, y + 100, "Руководитель ____________ Карпов И.С.      Бухгалтер ____________ Лебедева О.Н.", 20)
    # "Итого" here is the net amount and НДС is added on top (as on the digital one).
    scan = scan_effect(p.img, 1504, angle=-0.6)
    pdf = new_pdf(merchant, "Счёт № 318")
    pdf.add_page()
    pdf.image(io.BytesIO(jpeg_bytes(scan, 75)), x=0, y=0, w=210, h=297)
    write_pdf(pdf, out / "invoice_scanned_rub.pdf")
    return doc_fields(merchant, "2024-03-11", "RUB", subtotal, vat, total, "invoice", "ocr", 1, "ru")


# ------------------------------------------------------------------------------------------------------ main


def receipt_jpy(out: Path) -> dict[str, Any] | None:
    """A Japanese till receipt scanned flat: 外税 (the net 小計, the tax of each rate added), whole yen, the reduced
    rate marked, the registration number, a card slip. Drawn by the world-receipt generator
    (``make_world_receipts.py --countries more4``, seed 81103, document 13) with the IPA fonts; None (the committed
    file stays) when they are not installed."""
    sys.path.insert(0, str(REPO / "scripts"))
    import make_world_receipts as mwr

    if not Path(mwr.CJK_FAMILIES["jgothic"][0]).is_file():
        print("receipt_jpy.jpg: kept (no IPA fonts: apt-get install fonts-ipafont-gothic fonts-ipafont-mincho)")
        return None
    res = mwr.generate(2737299090368687650, "JP", False)
    (out / "receipt_jpy.jpg").write_bytes(res.data)
    lab = res.label
    return doc_fields(str(lab["merchant"]), str(lab["date"]), str(lab["currency"]), Decimal(str(lab["subtotal"])),
                      Decimal(str(lab["tax_amount"])), Decimal(str(lab["total"])), "receipt", "ocr", 1, "ja")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: samples/)")
    ap.add_argument(
        "--font-dir",
        type=Path,
        default=Path(os.environ.get("OCRLTY_FONT_DIR", DEFAULT_FONT_DIR)),
        help="folder with DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf",
    )
    args = ap.parse_args(argv)
    FONTS.update(check_fonts(args.font_dir))
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    results: dict[str, dict[str, Any]] = {}
    results["receipt_myr.png"] = receipt_myr(out)
    results["receipt_usd.jpg"] = receipt_usd(out)
    results["receipt_eur.png"] = receipt_eur(out)
    results["receipt_gbp_rotated.jpg"], _ = receipt_gbp_rotated(out)
    results["invoice_inr.png"] = invoice_inr(out)
    results["invoice_scanned_usd.pdf"] = invoice_scanned_usd(out)
    results["invoice_digital_eur.pdf"] = invoice_digital_eur(out)
    results["invoice_digital_rub.pdf"] = invoice_digital_rub(out)
    results["invoice_digital_gbp_multipage.pdf"] = invoice_digital_gbp_multipage(out)
    results["invoice_digital_usd.pdf"] = invoice_digital_usd(out)
    results["invoice_digital_inr.pdf"] = invoice_digital_inr(out)
    results["invoice_mixed.pdf"] = invoice_mixed(out)
    results["encrypted_password.pdf"], results["encrypted_empty_user.pdf"] = encrypted(out)
    results.update(broken(out))
    results["receipt_rub_photo.jpg"] = receipt_rub_photo(out)
    results["receipt_rub_faded.jpg"] = receipt_rub_faded(out)
    results["receipt_rub_blurred.jpg"] = receipt_rub_blurred(out)
    results["invoice_scanned_rub.pdf"] = invoice_scanned_rub(out)
    if (japanese := receipt_jpy(out)) is not None:
        results["receipt_jpy.jpg"] = japanese

    for name, fields in results.items():
        text = json.dumps(fields, ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.expected.json").write_text(text, encoding="utf-8")
    for name in results:
        size = (out / name).stat().st_size
        print(f"{size / 1024:8.1f} KB  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
