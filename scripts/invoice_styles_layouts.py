"""The drawing for ``scripts/make_invoice_styles.py``: a PDF helper class and the ten invoice layouts.

``Pdf`` (an fpdf2 ``FPDF``) places text absolutely and records every text box so that tests can prove nothing
overlaps or is clipped; the ``r_*`` functions draw a ``Doc`` in one real-world style each, and ``qr_slip`` adds the
Swiss QR-bill slip. What the documents say (country data, wording, arithmetic) lives in ``invoice_styles_locales.py``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fpdf import FPDF
from invoice_styles_locales import COUNTRY_EN, IT_ES, LOCS, Doc, digits, person, pick, plural, spell

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = {"sans": "DejaVuSans", "serif": "DejaVuSerif", "cond": "DejaVuSansCondensed", "mono": "DejaVuSansMono"}
PDF_DATE = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)  # fixed so that output bytes do not depend on the clock
PRODUCER = "OCRlty scripts/make_invoice_styles.py"
ACCENTS = [(31, 78, 121), (0, 105, 92), (150, 30, 45), (70, 70, 70), (0, 84, 166), (196, 90, 0), (94, 53, 140)]
Color = int | tuple[int, int, int]


class Pdf(FPDF):
    """A4/Letter page with absolutely placed text; every text box is recorded so tests can prove nothing overlaps."""

    def __init__(self, fam: str, letter: bool, fs: float, margin: float, acc: tuple[int, int, int]) -> None:
        super().__init__(unit="mm", format="Letter" if letter else "A4")
        self.set_auto_page_break(False)
        self.set_creation_date(PDF_DATE)
        self.set_producer(PRODUCER)
        self.set_creator(PRODUCER)
        for key in dict.fromkeys((fam, "sans")):  # ordered: a set would vary with PYTHONHASHSEED
            self.add_font(key, "", str(FONT_DIR / f"{FAMILIES[key]}.ttf"))
            self.add_font(key, "B", str(FONT_DIR / f"{FAMILIES[key]}-Bold.ttf"))
        self.fam, self.fs, self.mg, self.acc = fam, fs, margin, acc
        self.boxes: list[tuple[int, float, float, float, float, str]] = []
        self.foot: Callable[[Pdf], object] | None = None
        self.nb, self.ptop, self.plimit = 1, margin + 8, self.h - 22

    def footer(self) -> None:
        if self.foot:
            self.foot(self)

    def color(self, c: Color) -> tuple[int, int, int]:
        return c if isinstance(c, tuple) else (c, c, c)

    def t(self, x: float, y: float, s: str, size: float = 0, b: bool = False, al: str = "L", w: float = 0,
          c: Color = 0) -> float:
        """Text at baseline y; x is the left edge, right edge (al='R') or centre; shrinks to fit width w."""
        size = size or self.fs
        self.set_font(self.fam, "B" if b else "", size)
        while w and self.get_string_width(s) > w and size > 5:
            size -= 0.25
            self.set_font(self.fam, "B" if b else "", size)
        sw = self.get_string_width(s)
        x0 = x - sw if al == "R" else x - sw / 2 if al == "C" else x
        if s:
            self.set_text_color(*self.color(c))
            self.text(x0, y, s)
            k = size * 0.3528
            self.boxes.append((self.page, x0, y - 0.8 * k, x0 + sw, y + 0.22 * k, s))
        return sw

    def lines(self, x: float, y: float, rows: list[str], size: float = 0, lh: float = 0, al: str = "L",
              b0: bool = False, w: float = 0, c: Color = 0) -> float:
        for i, s in enumerate(rows):
            self.t(x, y, s, size, b0 and i == 0, al, w, c)
            y += lh or (size or self.fs) * 0.5
        return y

    def para(self, x: float, y: float, w: float, text: str, size: float = 0, b: bool = False, c: Color = 0) -> float:
        """Word-wrapped paragraph; returns the next baseline."""
        size = size or self.fs
        line = ""
        for word in text.split(" "):
            self.set_font(self.fam, "B" if b else "", size)
            if line and self.get_string_width(f"{line} {word}") > w:
                self.t(x, y, line, size, b, c=c)
                y, line = y + size * 0.48, word
            else:
                line = f"{line} {word}".strip()
        self.t(x, y, line, size, b, w=w, c=c)
        return y + size * 0.48

    def kv(self, x: float, y: float, pairs: list[tuple[str, str]], wl: float, xr: float = 0, size: float = 0,
           lh: float = 0, bl: bool = False, wv: float = 60) -> float:
        """Stacked label/value rows; values start at x+wl, or end at xr when given."""
        for k, v in pairs:
            self.t(x, y, k, size, bl, w=wl - 2)
            self.t(xr, y, v, size, False, "R", xr - x - wl) if xr else self.t(x + wl, y, v, size, w=wv)
            y += lh or (size or self.fs) * 0.5
        return y

    def box(self, x: float, y: float, w: float, h: float, fill: Color | None = None, line: Color | None = None,
            lw: float = 0.2) -> None:
        if fill is not None:
            self.set_fill_color(*self.color(fill))
        if line is not None:
            self.set_draw_color(*self.color(line))
            self.set_line_width(lw)
        self.rect(x, y, w, h, style=("F" if fill is not None else "") + ("D" if line is not None else ""))

    def hr(self, x1: float, y: float, x2: float, c: Color = 150, lw: float = 0.2) -> None:
        self.set_draw_color(*self.color(c))
        self.set_line_width(lw)
        self.line(x1, y, x2, y)

    def logo(self, r: random.Random, chance: float, x: float, y: float, s: float, name: str) -> float:
        """Sometimes a stand-in logo (coloured square or disc with initials); returns where text right of it starts."""
        if r.random() >= chance:
            return x
        words = [w for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper() and len(w) > 2]
        self.set_fill_color(*self.acc)
        (self.ellipse if r.random() < 0.4 else self.rect)(x, y, s, s, style="F")
        self.t(x + s / 2, y + s * 0.64, "".join(w[0] for w in words[:2]) or name[0], s * 1.4, True, "C", s - 3, 255)
        return x + s + 4

    def need(self, y: float, h: float) -> float:
        """Start a new page when a block of height h no longer fits above the footer."""
        if y + h <= self.plimit:
            return y
        self.add_page()
        return self.ptop

    def cells(self, x: float, y: float, h: float, cols: list[tuple[float, str]], vals: list[str], size: float,
              b: bool = False, c: Color = 0, grid: bool = False) -> None:
        for (w, al), v in zip(cols, vals, strict=True):
            if grid:
                self.box(x, y, w, h, line=120)
            tx = x + 1.5 if al == "L" else x + w - 1.5 if al == "R" else x + w / 2
            parts = v.split("\n")
            for i, part in enumerate(parts):  # two-line headers
                base = y + h / 2 + size * 0.125 + (i - (len(parts) - 1) / 2) * size * 0.4
                self.t(tx, base, part, size, b, al, w - 3, c)
            x += w

    def tab(self, x: float, y: float, cols: list[tuple[float, str]], head: list[str], rows: list[list[str]],
            size: float = 0, hfill: Color | None = None, hc: Color = 0, grid: bool = False, zebra: Color | None = None,
            subs: list[str] | None = None, rh: float = 0, bold_last: bool = False) -> float:
        """Item table; repeats its header on a new page when rows reach the footer. Returns y below the table."""
        size = size or self.fs
        rh = rh or size * 0.55 + 2
        tw = sum(w for w, _ in cols)
        hh = rh * (1.7 if any("\n" in h for h in head) else 1.15)

        def header(y: float) -> float:
            if hfill is not None:
                self.box(x, y, tw, hh, fill=hfill)
            self.cells(x, y, hh, cols, head, size - 0.5, True, hc, grid)
            if hfill is None and not grid:
                self.hr(x, y + hh, x + tw, 60, 0.35)
            return y + hh

        y = header(y)
        for i, row in enumerate(rows):
            sub = subs[i] if subs else ""
            h = rh + (size * 0.42 if sub else 0)
            if y + h > self.plimit:
                self.add_page()
                y = header(self.ptop)
            if zebra is not None and i % 2:
                self.box(x, y, tw, h, fill=zebra)
            self.cells(x, y, rh, cols, row, size, bold_last and i == len(rows) - 1, grid=grid)
            if grid and sub:
                self.box(x, y, tw, h, line=120)
            if sub:
                self.t(x + 1.5, y + rh + size * 0.2, sub, size - 1.5, w=cols[0][0] - 3, c=110)
            y += h
            if not grid:
                self.hr(x, y, x + tw, 205)
        return y

    def totals(self, xl: float, xr: float, y: float, rows: list[tuple[str, str, bool]], size: float = 0,
               lh: float = 0, rules: str = "bold", lal: str = "L") -> float:
        """Label/value rows; labels start at xl (or end there when lal='R'), values end at xr; bold rows get a rule."""
        size = size or self.fs
        lh = lh or size * 0.55 + 1.8
        for label, value, b in rows:
            if rules == "all" or (rules == "bold" and b):
                self.hr(xl if lal == "L" else xl - 55, y, xr, 110, 0.35 if b else 0.15)
            base = y + lh * 0.68
            vw = self.t(xr, base, value, size, b, "R", (xr - xl) * 0.55 if lal == "L" else xr - xl - 3)
            self.t(xl, base, label, size, b, lal, (xr - xl - vw - 3) if lal == "L" else 55)
            y += lh
        return y


def r_saas(p: Pdf, d: Doc, r: random.Random) -> None:
    """Stripe/Paddle-like: big title, stacked meta, seller top-right, 'Bill to', headline amount, light table."""
    s, b, L, m, W, fs = d.seller, d.buyer, d.L, p.mg, p.w, p.fs
    lh = fs * 0.5
    due = f"{d.m(d.total)} {L.cur} paid on {d.dt(d.issued)}" if not d.bal else f"{d.m(d.bal)} {L.cur} due {d.dt(d.due)}"
    p.foot = lambda pp: (pp.t(m, pp.h - 10, f"{d.no} · {due}", fs - 2, c=110, w=W * 0.6),
                         pp.t(W - m, pp.h - 10, f"Page {pp.page} of {pp.nb}", fs - 2, al="R", c=110))
    p.t(m, m + 9, "Invoice", fs + 13, True)
    ys = m + 3 if p.logo(r, 0.5, W - m - 12, m - 4, 12, s.name) == W - m - 12 else m + 13
    info = [s.street, s.city, COUNTRY_EN[L.country], s.email] + ([f"VAT: {s.ids['vat']}"] if L.country != "US" else [])
    ye = p.lines(W - m, ys, [s.name, *info], fs, lh, "R", True, 75)
    meta = [("Invoice number", d.no), ("Date of issue", d.dt(d.issued)), ("Date due", d.dt(d.due))]
    y = max(p.kv(m, m + 19, meta, 34, size=fs, lh=lh, wv=50), ye) + 5
    p.t(m, y, "Bill to", fs, True)
    y = p.lines(m, y + lh, [b.name, b.street, b.city, b.email], fs, lh, w=85) + 5
    p.t(m, y, due, fs + 5, True, w=W - 2 * m)
    y += lh + 2
    if r.random() < 0.6:
        p.t(m, y, "Pay online", fs, c=p.acc)
        y += lh
    taxcol = d.show_tax and r.random() < 0.5
    fixed = [(16.0, "R"), (28.0, "R")] + ([(16.0, "R")] if taxcol else []) + [(28.0, "R")]
    cols = [(W - 2 * m - sum(w for w, _ in fixed), "L"), *fixed]
    rows = [[ln.desc, d.qty(ln.qty), d.m(ln.price)] + ([d.pct(ln.rate, "")] if taxcol else []) + [d.m(ln.net)]
            for ln in d.lines]
    end = d.issued + timedelta(days=364 if r.random() < 0.25 else 30)
    head = ["Description", "Qty", "Unit price"] + (["Tax"] if taxcol else []) + ["Amount"]
    y = p.tab(m, y + 6, cols, head, rows, hc=110, subs=[f"{d.dt(d.issued)} – {d.dt(end)}"] * len(rows))
    rate = d.pct(next(iter(d.vat)), "")
    taxl = r.choice([f"Tax ({rate} on {d.m(d.net)})"] + ([f"Sales tax - {s.city[-8:-6]} ({rate})"] if L.country == "US"
                    else [f"VAT - {COUNTRY_EN[L.country]} ({rate} on {d.m(d.net)})", f"VAT ({rate})"]))
    rows2 = [("Subtotal", d.m(d.items), False)]
    if d.disc:
        code = f"{pick(r, 'WELCOME|SPRING|ANNUAL|LAUNCH')}{int(d.disc_pct)}"
        rows2 += [(f"{code} ({d.pct(d.disc_pct, '')} off)", d.m(-d.disc), False),
                  ("Total excluding tax", d.m(d.net), False)]
    if d.show_tax:
        rows2.append((taxl, d.m(d.tax), False))
    d.printed_total = d.m(d.total)
    rows2.append(("Total", d.printed_total, False))
    if d.paid:
        rows2.append(("Amount paid", d.m(d.paid), False) if not d.bal else ("Applied balance", d.m(-d.paid), False))
    rows2.append(("Amount due", f"{d.m(d.bal)} {L.cur}" if r.random() < 0.5 else d.m(d.bal), True))
    p.totals(W * 0.5, W - m, p.need(y + 3, len(rows2) * (fs * 0.55 + 1.8) + 2), rows2, rules="all")


def r_de(p: Pdf, d: Doc, r: random.Random) -> None:
    """Lexoffice/sevDesk-like DIN 5008 letter: sender line over the address window, info column, 3-column footer."""
    s, b, m, W, H, fs = d.seller, d.buyer, p.mg, p.w, p.h, p.fs
    xr = W - r.choice((15, 18, 20))
    klein = not d.show_tax
    reg = [f"Steuernummer {s.ids['tax']}", f"Inhaber: {s.person}"] if klein else [
        f"Amtsgericht {s.city.split(' ', 1)[1]}, {'HRA' if s.form.endswith('KG') else 'HRB'} {s.ids['reg']}",
        f"USt-IdNr. {s.ids['vat']}", f"{'Vorstand' if s.form == 'AG' else 'Geschäftsführer'}: {s.person}"]
    cols3 = [[s.name, s.street, s.city, f"Tel. {s.phone}"], [s.bank, f"IBAN {s.iban}", f"BIC {s.bic}"], reg]
    cw = (xr - m) / 3

    def foot(pp: Pdf) -> None:
        pp.hr(m, H - 27, xr, 160)
        pp.t(xr, H - 28.5, f"Seite {pp.page} von {pp.nb}", 7, al="R", c=90)
        for i, col in enumerate(cols3):
            pp.lines(m + i * cw, H - 23, col, 7, 3.3, w=cw - 3, c=90)

    p.foot, p.plimit = foot, H - 33
    p.logo(r, 0.4, m, 12, 20, s.name)
    p.t(xr, 22, s.name, fs + 5, True, "R", xr - m - 30)
    p.lines(xr, 28, [s.street, s.city, f"Tel. {s.phone}", s.email], fs - 1.5, 3.6, "R", w=70)
    p.t(m, 49, f"{s.name} · {s.street} · {s.city}", 7, w=85, c=80)
    p.hr(m, 50.3, m + 85, 120, 0.15)
    p.lines(m, 57, [b.name] + ([f"z. Hd. {b.person}"] if r.random() < 0.5 else []) + [b.street, b.city], fs + 0.5, 5,
            w=85)
    prev = d.delivered.replace(day=1) - timedelta(days=1)
    extra = r.choice([("Lieferdatum", d.dt(d.delivered)), ("Leistungsdatum", d.dt(d.delivered)),
                      ("Leistungszeitraum", f"{d.dt(prev.replace(day=1))} – {d.dt(prev)}")])
    info = [("Rechnungsnr.", d.no), ("Kundennr.", digits(r, "1####")), ("Rechnungsdatum", d.dt(d.issued))]
    info += ([extra] if r.random() < 0.7 else []) + [("Ihr Ansprechpartner", s.person)]
    p.kv(xr - 75, 55, info, 33, xr=xr, size=fs - 0.5, lh=4.8)
    p.t(m, 100, f"Rechnung Nr. {d.no}" if r.random() < 0.6 else "Rechnung", fs + 5, True)
    y = p.para(m, 109, xr - m, "Sehr geehrte Damen und Herren,")
    y = p.para(m, y + 1.5, xr - m, pick(r, "vielen Dank für Ihren Auftrag. Vereinbarungsgemäß berechnen wir Ihnen "
               "folgende Leistungen:|vielen Dank für Ihr Vertrauen. Hiermit stellen wir Ihnen die folgenden "
               "Lieferungen und Leistungen in Rechnung:|wir erlauben uns, Ihnen folgende Positionen in Rechnung zu "
               "stellen:"))
    multi, mode = len(d.vat) > 1, d.cm if r.random() < 0.5 else "n"
    fixed = [(16.0, "R"), (17.0, "L"), (25.0, "R")] + ([(13.0, "R")] if multi else []) + [(27.0, "R")]
    cols = [(11.0, "L"), (xr - m - 11 - sum(w for w, _ in fixed), "L"), *fixed]
    head = ["Pos.", "Bezeichnung", "Menge", "Einheit", "Einzelpreis"] + (["USt."] if multi else []) + ["Gesamtpreis"]
    rows = [[str(i + 1), ln.desc, d.qty(ln.qty), ln.unit, d.m(ln.price, mode)] + ([d.pct(ln.rate)] if multi else [])
            + [d.m(ln.net, mode)] for i, ln in enumerate(d.lines)]
    hf = r.choice([None, 232, p.acc])
    y = p.tab(m, y + 3, cols, head, rows, fs - 0.5, hf, 255 if hf == p.acc else 0)
    net_l, tax_l, gross_l = r.choice([("Gesamtbetrag netto", "zzgl. Umsatzsteuer {}", "Gesamtbetrag brutto"),
                                      ("Summe netto", "Umsatzsteuer {}", "Rechnungsbetrag"),
                                      ("Nettobetrag", "zzgl. {} MwSt.", "Gesamtbetrag")])
    tot: list[tuple[str, str, bool]] = []
    if d.disc:
        tot += [("Summe Positionen", d.m(d.items), False), (f"abzgl. {d.pct(d.disc_pct)} Rabatt", d.m(-d.disc), False)]
    d.printed_total = d.m(d.total)
    if klein:
        tot.append(("Gesamtbetrag", d.printed_total, True))
    else:
        tot += [(net_l, d.m(d.net), False)] + [(tax_l.format(d.pct(k)), d.m(v), False) for k, (_, v) in d.vat.items()]
        tot.append((gross_l, d.printed_total, True))
    if d.paid:
        tot += [(f"abzgl. Anzahlung vom {d.dt(d.issued - timedelta(days=r.randint(10, 40)))}", d.m(-d.paid), False),
                (pick(r, "Restbetrag|Zu zahlender Betrag|Noch zu zahlen"), d.m(d.bal), True)]
    y = p.totals(m + (xr - m) * 0.42, xr, p.need(y + 4, len(tot) * 6.6 + 12), tot) + 5
    terms = r.choice([f"Zahlbar ohne Abzug bis zum {d.dt(d.due)}.", "Bitte überweisen Sie den Rechnungsbetrag unter "
                      f"Angabe der Rechnungsnummer bis zum {d.dt(d.due)} auf das unten genannte Konto.",
                      f"Zahlungsbedingungen: {(d.due - d.issued).days} Tage netto, zahlbar bis {d.dt(d.due)}."])
    terms = ("Gemäß § 19 UStG wird keine Umsatzsteuer berechnet. " if klein else "") + terms
    if extra not in info:
        terms += " Das Liefer-/Leistungsdatum entspricht dem Rechnungsdatum."
    y = p.para(m, y, xr - m, terms)
    if y + 16 <= p.plimit:  # software drops the greeting rather than start a page for it
        p.lines(m, y + 4, ["Mit freundlichen Grüßen", "", s.person], fs)


def r_us(p: Pdf, d: Doc, r: random.Random) -> None:
    """Word/Excel 'INVOICE' template: boxed meta, BILL TO / SHIP TO bars, gridded table padded with empty rows."""
    s, b, m, W, fs = d.seller, d.buyer, p.mg, p.w, p.fs
    xr, lh, acc = W - m, fs * 0.5, p.acc
    light = tuple(int(c + (255 - c) * 0.82) for c in acc)
    light3: tuple[int, int, int] = (light[0], light[1], light[2])
    p.foot = lambda pp: pp.nb > 1 and pp.t(W / 2, pp.h - 8, f"Page {pp.page} of {pp.nb}", fs - 2, al="C", c=110)
    x0 = p.logo(r, 0.4, m, m - 3, 16, s.name)
    p.t(x0, m + 4, s.name, fs + 5, True, w=W / 2 - x0)
    p.lines(x0, m + 10, [s.street, s.city, f"Phone {s.phone}", s.email], fs, lh, w=W / 2 - x0)
    p.t(xr, m + 8, "INVOICE", fs + 17, True, "R", c=acc)
    days = (d.due - d.issued).days
    y = p.tab(xr - 64, m + 14, [(32.0, "C")] * 2, ["INVOICE #", "DATE"], [[d.no, d.dt(d.issued)]], fs - 0.5, light3,
              grid=True)
    y = p.tab(xr - 64, y + 2, [(32.0, "C")] * 2, ["CUSTOMER ID", "DUE DATE"], [[digits(r, "C-####"), d.dt(d.due)]],
              fs - 0.5, light3, grid=True) + 6
    hw = (xr - m) / 2 - 4
    ship = LOCS["US"].street.format(s=pick(r, LOCS["US"].streets), n=r.randint(100, 9900))
    blocks = [(m, "BILL TO", [b.person, b.name, b.street, b.city, b.phone]),
              (m + hw + 8, "SHIP TO", [f"Attn: {pick(r, 'Receiving|Shipping Dept.|Warehouse')}", b.name,
                                       b.street if r.random() < 0.5 else ship, b.city])]
    for x, title, rows_ in blocks:
        p.box(x, y, hw, 6, fill=acc)
        p.t(x + 2, y + 4.3, title, fs, True, c=255)
        p.lines(x + 2, y + 6 + lh + 0.5, rows_, fs, lh, w=hw - 4)
    y += 6 + 5 * lh + 5
    if r.random() < 0.5:
        vals = [digits(r, "PO-#####"), s.person, d.dt(d.delivered), pick(r, "UPS Ground|FedEx|USPS Priority|Pickup"),
                f"Net {days}"]
        y = p.tab(m, y, [((xr - m) / 5, "C")] * 5, ["P.O. NUMBER", "SALESPERSON", "SHIP DATE", "SHIP VIA", "TERMS"],
                  [vals], fs - 1, light3, grid=True) + 5
    cols = [(xr - m - 84, "L"), (18.0, "R"), (32.0, "R"), (34.0, "R")]
    rows = [[ln.desc, d.qty(ln.qty), d.n(ln.price), d.n(ln.net)] for ln in d.lines]
    tot = [("SUBTOTAL", d.n(d.net), False)] + ([("TAXABLE", d.n(d.net), False)] if r.random() < 0.4 else [])
    tot += [("TAX RATE", f"{next(iter(d.vat)):.3f}%", False), ("SALES TAX", d.n(d.tax), False), ("OTHER", "-", False)]
    dollar = r.random() < 0.5
    d.printed_total = d.n(d.total) if dollar else d.m(d.total, "s")
    tot.append(("TOTAL", d.printed_total, True))
    room = int((p.plimit - y - 12 - (len(tot) + 1) * 6.2 - 30) / (fs * 0.55 + 2))  # template rows left blank
    rows += [["", "", "", ""]] * max(0, min(r.choice((6, 8, 10)), room) - len(rows))
    y = p.tab(m, y, cols, ["DESCRIPTION", "QTY", "UNIT PRICE", "AMOUNT"], rows, hfill=acc, hc=255, grid=True)
    y = p.need(y + 3, len(tot) * 6.2 + 30)
    vx, cw = xr - 34, xr - m - 84
    for i, (label, value, bold) in enumerate(tot):
        yy = y + i * 6.2
        p.box(vx, yy, 34, 6.2, fill=light3 if bold else None, line=150)
        p.t(vx - 2, yy + 4.4, label, fs, bold, "R", 40)
        p.t(xr - 1.5, yy + 4.4, value, fs, bold, "R", 27)
        if bold and dollar:
            p.t(vx + 1.5, yy + 4.4, "$", fs, True)
    p.box(m, y, cw, 6, fill=light3)
    p.t(m + 2, y + 4.3, "OTHER COMMENTS", fs - 0.5, True)
    p.box(m, y + 6, cw, 22, line=150)
    notes = [f"1. Total payment due in {days} days", "2. Please include the invoice number on your check"]
    p.lines(m + 2, y + 11, notes, fs - 0.5, lh + 0.5, w=cw - 4)
    y = p.need(y + max(len(tot) * 6.2, 28) + 9, 18)
    closing = [f"Make all checks payable to {s.name}", "If you have any questions about this invoice, please contact "
               f"{s.person}, {s.phone}, {s.email}", "Thank You For Your Business!"]
    for i, txt in enumerate(closing):
        p.t(W / 2, y + i * 5.5, txt, fs - (0.5 if i == 1 else 0), i == 2, "C", xr - m)


def r_fr(p: Pdf, d: Doc, r: random.Random) -> None:
    """French facture: logo + emitter top-left, FACTURE N° top-right, client box, HT/TVA/TTC, legal footer."""
    s, b, m, W, H, fs = d.seller, d.buyer, p.mg, p.w, p.h, p.fs
    xr, lh = W - m, fs * 0.5
    siren = s.ids["siren"]
    sir = f"{siren[:3]} {siren[3:6]} {siren[6:]}"
    cap = pick(r, "1 000|5 000|7 500|10 000|37 000|50 000|100 000")
    rcs = f"RCS {s.city.split(' ', 1)[1]} {sir}"
    legal = [f"{s.name} – {s.form} au capital de {cap} € – SIRET {sir} {s.ids['nic']} – {rcs}",
             f"N° TVA intracommunautaire : FR{s.ids['key']} {siren} – Code APE {s.ids['ape']}"]
    p.foot = lambda pp: (pp.lines(W / 2, pp.h - 14, legal, fs - 2.5, 3.6, "C", w=xr - m, c=90),
                         pp.t(xr, pp.h - 6, f"Page {pp.page}/{pp.nb}", fs - 2.5, al="R", c=90))
    p.plimit = H - 24
    x0 = p.logo(r, 0.5, m, m - 2, 18, s.name)
    p.t(x0, m + 5, s.name, fs + 4, True, w=W / 2 - x0)
    ye = p.lines(x0, m + 11, [s.street, s.city, f"Tél. {s.phone}", s.email], fs - 0.5, lh, w=W / 2 - x0)
    if r.random() < 0.5:
        p.t(xr, m + 6, f"FACTURE N° {d.no}", fs + 7, True, "R", W / 2 - m, c=p.acc)
        yr = m + 14.0
    else:
        p.t(xr, m + 6, "FACTURE", fs + 11, True, "R", c=p.acc)
        p.t(xr, m + 13, f"N° {d.no}", fs + 1, True, "R")
        yr = m + 19.0
    meta = [f"{pick(r, 'Date d’émission|Date de facture|Date')} : {d.dt(d.issued)}", f"Date d'échéance : {d.dt(d.due)}"]
    if r.random() < 0.5:
        meta.insert(1, f"Date de {pick(r, 'livraison|prestation|vente')} : {d.dt(d.delivered)}")
    yr = p.lines(xr, yr, [*meta, f"Réf. client : {digits(r, 'CL####')}"], fs - 0.5, lh, "R", w=W / 2 - m)
    y, bx = max(ye, yr) + 6, W / 2 + 5
    rows_ = [b.name] + ([f"À l'attention de {b.person}"] if r.random() < 0.5 else []) + [b.street, b.city]
    rows_ += [f"N° TVA : FR{digits(r, '## #########')}"] if r.random() < 0.5 else []
    p.t(bx, y, pick(r, "Client|Facturé à|Destinataire"), fs - 1, c=110)
    bh = len(rows_) * lh + 5
    p.box(bx, y + 1.5, xr - bx, bh, line=150)
    p.lines(bx + 3, y + 3.5 + 0.8 * lh, rows_, fs, lh, b0=True, w=xr - bx - 6)
    y += bh + 8
    if r.random() < 0.6:
        p.t(m, y, f"Objet : {d.lines[0].desc}", fs, True, w=xr - m)
        y += 4
    unit, hf = r.random() < 0.5, p.acc if r.random() < 0.6 else 225
    fixed = [(14.0, "R")] + ([(16.0, "L")] if unit else []) + [(24.0, "R"), (14.0, "R"), (26.0, "R")]
    cols = [(xr - m - sum(w for w, _ in fixed), "L"), *fixed]
    head = ["Désignation", "Qté"] + (["Unité"] if unit else []) + ["P.U. HT", "TVA", "Total HT"]
    rows = [[ln.desc, d.qty(ln.qty)] + ([ln.unit] if unit else []) + [d.n(ln.price), d.pct(ln.rate), d.n(ln.net)]
            for ln in d.lines]
    zebra = 245 if r.random() < 0.5 else None
    y = p.tab(m, y + 2, cols, head, rows, hfill=hf, hc=255 if hf == p.acc else 0, zebra=zebra)
    tot: list[tuple[str, str, bool]] = []
    if d.disc:
        tot += [("Total HT brut", d.m(d.items), False), (f"Remise {d.pct(d.disc_pct)}", d.m(-d.disc), False)]
    tot += [("Total HT", d.m(d.net), False)] + [(f"TVA {d.pct(k)}" + (f" sur {d.n(base)}" if len(d.vat) > 1 else ""),
                                                 d.m(v), False) for k, (base, v) in d.vat.items()]
    d.printed_total = d.m(d.total)
    tot.append(("Total TTC", d.printed_total, True))
    if d.paid:
        tot += [(f"Acompte versé le {d.dt(d.issued - timedelta(days=r.randint(7, 30)))}", d.m(-d.paid), False),
                ("Net à payer", d.m(d.bal), True)]
    elif r.random() < 0.5:
        tot.append(("Net à payer", d.printed_total, True))
    y = p.need(y + 4, len(tot) * 6.6 + 4)
    yt = p.totals(W / 2 + 5, xr, y, tot)
    left = [f"Conditions de paiement : {(d.due - d.issued).days} jours", "Mode de règlement : virement bancaire",
            f"IBAN : {s.iban}", f"BIC : {s.bic}"]
    y = max(yt, p.lines(m, y + 4, left, fs - 1, lh, w=W / 2 - m - 3)) + 4
    p.para(m, p.need(y, 14), xr - m, "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt "
           "légal sera exigible (art. L441-10 du Code de commerce), ainsi qu'une indemnité forfaitaire pour frais de "
           "recouvrement de 40 €. Pas d'escompte pour paiement anticipé.", fs - 2, c=90)


def r_it_es(p: Pdf, d: Doc, r: random.Random) -> None:
    """Italian fattura / Spanish factura from a desktop ERP: boxed meta and client, VAT summary grid, totals."""
    s, b, m, W, H, fs = d.seller, d.buyer, p.mg, p.w, p.h, p.fs
    xr, lh, it = W - m, fs * 0.5, d.L.country == "IT"
    title, meta_h, client, head, sum_h, tot_l, page_l, pay = IT_ES[d.L.country]
    city = s.city.split(" ", 1)[1]
    sid = f"P.IVA {s.ids['vat']} – C.F. {s.ids['vat']}" if it else f"{pick(r, 'CIF|NIF')}: {s.ids['vat']}"
    foot = (f"{s.name} – {s.street} – {s.city} – Cap. soc. € {pick(r, '10.000,00|50.000,00|100.000,00')} i.v. – "
            f"REA {s.city[-3:-1]}-{s.ids['rea']}" if it else f"{s.name} – Inscrita en el Registro Mercantil de {city}, "
            f"Tomo {s.ids['tomo']}, Folio {r.randint(1, 220)}, Hoja {city[0]}-{s.ids['hoja']} – {sid}")
    p.foot = lambda pp: (pp.t(xr, pp.h - 16, f"{page_l} {pp.page}/{pp.nb}", fs - 2.5, al="R", c=90),
                         pp.para(m, pp.h - 11, xr - m, foot, fs - 2.5, c=90))
    p.plimit = H - 21
    x0 = p.logo(r, 0.4, m, m - 3, 16, s.name)
    p.t(x0, m + 4, s.name, fs + 4, True, w=W / 2 - x0)
    ye = p.lines(x0, m + 10, [s.street, s.city, sid, f"Tel. {s.phone} – {s.email}"], fs - 0.5, lh, w=W / 2 - x0)
    p.t(xr, m + 5, title, fs + 10, True, "R", c=p.acc)
    y = p.tab(xr - 75, m + 10, [(25.0, "C")] * 3, meta_h.split("|"), [[d.no, d.dt(d.issued), d.dt(d.due)]], fs - 1,
              235, grid=True)
    y, bx = max(ye, y) + 6, W / 2 + 5
    rows_ = [b.name, b.street, b.city, f"P.IVA {b.ids['vat']}" if it else f"CIF: {b.ids['vat']}"]
    rows_ += ["Cod. destinatario: 0000000"] if it and r.random() < 0.5 else []
    p.t(bx + 2, y + 4, client, fs - 1, c=110)
    bh = len(rows_) * lh + 9
    p.box(bx, y, xr - bx, bh, line=120)
    p.lines(bx + 2, y + 4.5 + lh, rows_, fs, lh, b0=True, w=xr - bx - 4)
    cols = [(xr - m - 96, "L"), (14.0, "R"), (14.0, "C"), (26.0, "R"), (16.0, "R"), (26.0, "R")]
    rows = [[ln.desc, d.qty(ln.qty), ln.unit, d.n(ln.price), f"{ln.rate:f}" if it else d.pct(ln.rate, ""), d.n(ln.net)]
            for ln in d.lines]
    y = p.tab(m, y + bh + 6, cols, head.split("|"), rows, hfill=235, grid=r.random() < 0.6)
    y = p.need(y + 5, 10 + 7 * len(d.vat) + 22)
    ys = p.tab(m, y, [(20.0, "R"), (30.0, "R"), (28.0, "R")], sum_h.split("|"),
               [[d.pct(k, ""), d.n(base), d.n(v)] for k, (base, v) in d.vat.items()], fs - 1, 235, grid=True)
    d.printed_total = d.m(d.total)
    tl = tot_l.split("|")
    taxrows = [(tl[1], d.m(d.tax))] if it else [(f"IVA {d.pct(k, '')}", d.m(v)) for k, (_, v) in d.vat.items()]
    tot = [(tl[0], d.m(d.net), False)] + [(a, v, False) for a, v in taxrows] + [(tl[2], d.printed_total, True)]
    y = max(ys, p.totals(W / 2 + 10, xr, y, tot, fs + 0.5)) + 6
    k = (d.due - d.issued).days
    p.lines(m, p.need(y, 16), [x.format(k=k, bank=s.bank, iban=s.iban) for x in pay.split("|")], fs - 0.5, lh, w=xr - m)


def r_pl(p: Pdf, d: Doc, r: random.Random) -> None:
    """Polish faktura VAT: place/dates top-right, Sprzedawca | Nabywca columns, per-rate VAT table, 'Słownie'."""
    s, b, m, W, fs = d.seller, d.buyer, p.mg, p.w, p.fs
    xr, lh = W - m, fs * 0.5
    p.foot = lambda pp: pp.t(W / 2, pp.h - 8, f"Strona {pp.page} z {pp.nb}", fs - 2, al="C", c=110)
    x0 = p.logo(r, 0.5, m, m - 3, 16, s.name)
    p.t(x0, m + 6, s.name, fs + 3, True, w=W / 2 - x0)
    sale = pick(r, "Data sprzedaży|Data dostawy/wykonania usługi|Data zakończenia dostawy/usługi")
    p.lines(xr, m + 2, [f"Miejsce wystawienia: {s.city.split(' ', 1)[1]}", f"Data wystawienia: {d.dt(d.issued)}",
                        f"{sale}: {d.dt(d.delivered)}"], fs - 0.5, lh, "R", w=W / 2 - m - 5)
    p.t(W / 2, m + 24, f"Faktura VAT nr {d.no}" if r.random() < 0.6 else f"Faktura nr {d.no}", fs + 5, True, "C")
    if r.random() < 0.5:
        p.t(W / 2, m + 29, "ORYGINAŁ", fs - 1, al="C", c=110)
    y, hw, ends = m + 38, (xr - m) / 2 - 3, []
    for x, label, pt in ((m, "Sprzedawca", s), (m + hw + 6, "Nabywca", b)):
        p.t(x, y, label, fs + 0.5, True, c=p.acc)
        p.hr(x, y + 1.5, x + hw, p.acc, 0.4)
        rows_ = [pt.name, pt.street, pt.city, f"NIP: {pt.ids['vat']}"]
        rows_ += [f"Bank: {s.bank}", f"Nr konta: {s.iban[2:]}"] if pt is s and r.random() < 0.5 else []
        ends.append(p.lines(x, y + 6.5, rows_, fs, lh, b0=True, w=hw))
    size = max(fs - 1.5, 7.0)
    cols = [(8.0, "C"), (xr - m - 96, "L"), (13.0, "R"), (11.0, "C"), (22.0, "R"), (16.0, "R"), (26.0, "R")]
    head = ["Lp.", "Nazwa towaru lub usługi", "Ilość", "J.m.", "Cena\nnetto", "Stawka\nVAT", "Wartość\nnetto"]
    rows = [[str(i + 1), ln.desc, d.qty(ln.qty), ln.unit, d.n(ln.price), f"{ln.rate:f}%", d.n(ln.net)]
            for i, ln in enumerate(d.lines)]
    y = p.tab(m, max(ends) + 2, cols, head, rows, size, 235, grid=True)
    y = p.need(y + 4, 7 * (len(d.vat) + 2) + 52)
    vrows = [[f"{k:f}%", d.n(base), d.n(v), d.n(base + v)] for k, (base, v) in d.vat.items()]
    y = p.tab(xr - 96, y, [(20.0, "C"), (25.0, "R"), (25.0, "R"), (26.0, "R")], ["Stawka VAT", "Wartość netto",
              "Kwota VAT", "Wartość brutto"], [*vrows, ["Razem", d.n(d.net), d.n(d.tax), d.n(d.total)]], size, 235,
              grid=True, bold_last=True) + 8
    d.printed_total = d.m(d.total)
    p.t(m, y, f"Do zapłaty: {d.printed_total}", fs + 4, True, w=xr - m)
    zl, gr = int(d.total), int(d.total % 1 * 100)
    cur = plural(zl, "złoty złote złotych", "pl") if r.random() < 0.5 else "PLN"
    y = p.para(m, y + 6, xr - m, f"Słownie: {spell(zl, 'pl')} {cur} {gr:02d}/100")
    k = (d.due - d.issued).days
    y = p.lines(m, y + 2, [f"Sposób płatności: {pick(r, 'przelew|przelew bankowy')}", f"Termin płatności: "
                           f"{d.dt(d.due)} ({k} dni)", f"Numer konta: {s.iban[2:]}"], fs, lh)
    if y + 24 > p.plimit:
        return
    p.set_dash_pattern(0.6, 0.8)
    for x, cap in ((m, "odbioru"), (xr - 70, "wystawienia")):
        p.hr(x, y + 14, x + 70, 80)
        p.t(x + 35, y + 18, f"podpis osoby upoważnionej do {cap}", fs - 2.5, al="C", w=70, c=90)
    p.set_dash_pattern()


def r_nl(p: Pdf, d: Doc, r: random.Random) -> None:
    """Dutch factuur (Moneybird-like): optional colour band, horizontal meta strip, zebra table, KvK/BTW footer."""
    s, b, m, W, H, fs = d.seller, d.buyer, p.mg, p.w, p.h, p.fs
    xr, lh = W - m, fs * 0.5
    fl = [f"{s.name} · {s.street} · {s.city} · {s.email}",
          f"KvK {s.ids['kvk']} · BTW {s.ids['vat']} · IBAN {s.iban} · BIC {s.bic}"]
    p.foot = lambda pp: (pp.hr(m, pp.h - 17, xr, 180),
                         pp.lines(W / 2, pp.h - 12.5, fl, fs - 2, 3.8, "C", w=xr - m, c=100),
                         pp.nb > 1 and pp.t(xr, pp.h - 19, f"Pagina {pp.page} van {pp.nb}", fs - 2, al="R"))
    p.plimit = H - 24
    band = r.random() < 0.5
    if band:
        p.box(0, 0, W, 30, fill=p.acc)
        p.t(m, 19, "FACTUUR", fs + 12, True, c=255)
        p.t(xr, 15, s.name, fs + 4, True, "R", W / 2 - m, c=255)
        y0 = 40.0
    else:
        x0 = p.logo(r, 0.5, m, m - 3, 15, s.name)
        p.t(x0, m + 6, s.name, fs + 5, True, w=W / 2 - x0)
        p.t(xr, m + 7, "Factuur", fs + 11, True, "R", c=p.acc)
        y0 = m + 20
    yr = p.lines(xr, y0, [s.street, s.city, f"Tel. {s.phone}", s.email], fs - 0.5, lh, "R", w=70)
    p.t(m, y0, pick(r, "Factuur aan|Aan|Factuuradres"), fs - 1, c=110)
    yl = p.lines(m, y0 + lh + 0.5, [b.name, f"t.a.v. {b.person}", b.street, b.city], fs, lh, b0=True, w=W / 2 - m)
    y, cw = max(yl, yr) + 5, (xr - m) / 4
    meta = [("Factuurnummer", d.no), ("Factuurdatum", d.dt(d.issued)), ("Vervaldatum", d.dt(d.due)),
            ("Klantnummer", digits(r, "####"))]
    p.hr(m, y - 1, xr, 200)
    for i, (k, v) in enumerate(meta):
        p.t(m + i * cw, y + 3, k, fs - 1.5, c=110, w=cw - 3)
        p.t(m + i * cw, y + 8, v, fs, True, w=cw - 3)
    p.hr(m, y + 11, xr, 200)
    cols = [(xr - m - 86, "L"), (18.0, "R"), (26.0, "R"), (14.0, "R"), (28.0, "R")]
    rows = [[ln.desc, d.qty(ln.qty), d.m(ln.price), d.pct(ln.rate, ""), d.m(ln.net)] for ln in d.lines]
    y = p.tab(m, y + 17, cols, ["Omschrijving", "Aantal", "Prijs", "BTW", "Bedrag"], rows, zebra=244)
    tot = [("Subtotaal", d.m(d.items), False)]
    if d.disc:
        tot += [(f"Korting {d.pct(d.disc_pct, '')}", d.m(-d.disc), False), ("Totaal excl. BTW", d.m(d.net), False)]
    over = r.random() < 0.4
    tot += [(f"BTW {d.pct(k, '')}" + (f" over {d.m(base)}" if over else ""), d.m(v), False)
            for k, (base, v) in d.vat.items()]
    d.printed_total = d.m(d.total)
    tot.append((pick(r, "Totaal|Totaal incl. BTW|Te betalen"), d.printed_total, True))
    y = p.totals(W / 2 + 5, xr, p.need(y + 4, len(tot) * 6.6 + 16), tot) + 6
    p.para(m, y, xr - m, f"Wij verzoeken u vriendelijk het totaalbedrag van {d.printed_total} vóór {d.dt(d.due)} over "
           f"te maken op rekeningnummer {s.iban} t.n.v. {s.name} onder vermelding van het factuurnummer.", fs - 0.5)


def r_ru(p: Pdf, d: Doc, r: random.Random) -> None:
    """1C-style счёт на оплату: bank-details grid, Поставщик/Покупатель, VAT included or on top, amount in words."""
    s, b, m, W, fs = d.seller, d.buyer, p.mg, p.w, p.fs
    xr, lh, ip = W - m, fs * 0.5, not d.show_tax
    y = m
    if r.random() < 0.5:
        y = p.para(m, y + 2, xr - m, "Внимание! Оплата данного счета означает согласие с условиями поставки товара. "
                   "Уведомление об оплате обязательно, в противном случае не гарантируется наличие товара на складе.",
                   fs - 2, c=60)
    g, wl = y + 2, xr - m - 75
    xl, xv, sz = m + wl, m + wl + 15, fs - 0.5
    p.box(m, g, xr - m, 30, line=0)
    p.set_draw_color(0)
    for x, y1 in ((xl, g), (xv, g), (m + wl / 2, g + 12)):
        p.line(x, y1, x, g + 30 if x != m + wl / 2 else g + 18)
    p.hr(m, g + 12, xr, 0)
    p.hr(m, g + 18, xl, 0)
    p.hr(xl, g + 6, xr, 0)
    kpp = f"КПП {s.ids['kpp']}" if s.ids["kpp"] else ""
    for x, yy, txt, size in ((m + 1.5, 4.5, f"{s.bank} г. Москва", sz), (m + 1.5, 10.5, "Банк получателя", sz - 1.5),
                             (xl + 1.5, 4.5, "БИК", sz), (xv + 1.5, 4.5, s.bic, sz), (xl + 1.5, 10.5, "Сч. №", sz),
                             (xv + 1.5, 10.5, s.ids["ks"], sz), (m + 1.5, 16.2, f"ИНН {s.ids['vat']}", sz),
                             (m + wl / 2 + 1.5, 16.2, kpp, sz), (xl + 1.5, 16.2, "Сч. №", sz),
                             (xv + 1.5, 16.2, s.ids["rs"], sz), (m + 1.5, 22.5, s.name, sz),
                             (m + 1.5, 28.5, "Получатель", sz - 1.5)):
        p.t(x, g + yy, txt, size, w=(58 if x >= xv else 12 if x >= xl else wl / 2 - 3 if yy == 16.2 else wl - 3))
    y = g + 41
    p.t(m, y, f"{pick(r, 'Счёт|Счет')} на оплату № {d.no} от {d.dt(d.issued)}", fs + 5, True, w=xr - m)
    p.hr(m, y + 3, xr, 0, 0.6)
    y += 10
    for label, pt in (("Поставщик|(Исполнитель):", s), ("Покупатель|(Заказчик):", b)):
        p.lines(m, y, label.split("|"), fs - 0.5, lh)
        ids = f"ИНН {pt.ids['vat']}" + (f", КПП {pt.ids['kpp']}" if pt.ids["kpp"] else "")
        y = max(p.para(m + 33, y, xr - m - 33, f"{pt.name}, {ids}, {pt.city}, {pt.street}, тел.: {pt.phone}", fs, True),
                y + 2 * lh) + 2
    if r.random() < 0.6:
        p.t(m, y, "Основание:", fs - 0.5)
        p.t(m + 33, y, f"Договор № {r.randint(1, 99)}/{d.issued.year % 100} от "
            f"{d.dt(d.issued - timedelta(days=r.randint(20, 300)))}", fs, w=xr - m - 33)
        y += lh + 1
    cols = [(9.0, "C"), (xr - m - 87, "L"), (16.0, "R"), (12.0, "C"), (24.0, "R"), (26.0, "R")]
    rows = [[str(i + 1), ln.desc, d.qty(ln.qty), ln.unit, d.n(ln.price), d.n(ln.net)] for i, ln in enumerate(d.lines)]
    y = p.tab(m, y + 2, cols, ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"], rows, fs - 0.5,
              grid=True)
    d.printed_total = d.m(d.total)
    rate = d.pct(next(iter(d.vat)), "")
    if d.gross:
        tot = [("Итого:", d.n(d.total)), (f"В том числе НДС ({rate}):", d.n(d.tax))]
    elif ip:
        tot = [("Итого:", d.n(d.total)), ("Без налога (НДС)", "-")]
    else:
        tot = [("Итого:", d.n(d.net)), (pick(r, f"НДС ({rate}):|Сумма НДС:"), d.n(d.tax))]
    tot.append(("Всего к оплате:", d.printed_total))
    y = p.totals(xr - 32, xr, p.need(y + 1, 52), [(a, v, True) for a, v in tot], fs, rules="none", lal="R")
    y = p.para(m, y + 3, xr - m, f"Всего наименований {len(d.lines)}, на сумму {d.n(d.total)} руб.", fs)
    rub, kop = int(d.total), int(d.total % 1 * 100)
    y = p.para(m, y, xr - m, f"{spell(rub, 'ru').capitalize()} {plural(rub, 'рубль рубля рублей', 'ru')} {kop:02d} "
               f"{plural(kop, 'копейка копейки копеек', 'ru')}", fs, True)
    if r.random() < 0.6:
        y = p.para(m, y + 1, xr - m, f"Оплатить не позднее {d.dt(d.due)}", fs)
    p.hr(m, y, xr, 0, 0.6)
    y = p.need(y + 12, 8)

    def short(full: str) -> str:
        first, last = full.split()
        return f"{last} {first[0]}. {pick(r, 'А|В|И|Н|П|С')}."

    signs = [("Предприниматель", s.name[3:])] if ip else [("Руководитель", short(s.person)),
                                                          ("Бухгалтер", short(person(r, d.L)))]
    for i, (role, who) in enumerate(signs):
        x = m + i * (xr - m) / 2
        x1 = x + max(33, p.t(x, y, role, fs, True) + 3)
        p.hr(x1, y + 0.8, x1 + 22, 0)
        p.t(x1 + 24, y, who, fs, w=(xr - m) / 2 - (x1 - x) - 27)


def r_uk(p: Pdf, d: Doc, r: random.Random) -> None:
    """UK limited company: letterhead, Invoice/Tax point meta, Net / VAT @ 20% / Gross, registered-office footer."""
    s, b, m, W, fs = d.seller, d.buyer, p.mg, p.w, p.fs
    xr, lh, vat = W - m, fs * 0.5, s.ids["vat"]
    reg = f"{s.name} · Registered in England and Wales No. {s.ids['reg']} · Registered office: {s.street}, {s.city}"
    p.foot = lambda pp: (pp.hr(m, pp.h - 15, xr, 170), pp.t(W / 2, pp.h - 10.5, reg, fs - 2.5, al="C", w=xr - m, c=90),
                         pp.t(W / 2, pp.h - 6.5, f"VAT Registration No. {vat}" + (f" · Page {pp.page} of {pp.nb}" if
                              pp.nb > 1 else ""), fs - 2.5, al="C", w=xr - m, c=90))
    title = pick(r, "INVOICE|TAX INVOICE|Invoice")
    if r.random() < 0.5:
        p.t(W / 2, m + 6, s.name, fs + 8, True, "C", xr - m)
        p.t(W / 2, m + 12, f"{s.street}, {s.city} · Tel {s.phone} · {s.email}", fs - 1, al="C", w=xr - m)
        p.hr(m, m + 15, xr, p.acc, 0.5)
        p.t(m, m + 26, title, fs + 8, True, c=p.acc)
        y = m + 36
    else:
        p.t(m, m + 6, s.name, fs + 7, True, w=W * 0.55 - m)
        y = p.lines(m, m + 12, [s.street, s.city, f"Tel: {s.phone}", s.email], fs - 0.5, lh, w=W * 0.55 - m)
        p.t(xr, m + 6, title, fs + 9, True, "R", c=p.acc)
        y = max(y, m + 26) + 5
    p.t(m, y, "Invoice to:", fs, True)
    yl = p.lines(m, y + lh + 0.5, [b.name] + ([f"FAO {b.person}"] if r.random() < 0.4 else []) + [b.street, b.city], fs,
                 lh, w=W / 2 - m)
    meta = [("Invoice No.", d.no), ("Invoice Date", d.dt(d.issued))]
    meta += [("Tax Point", d.dt(d.delivered if r.random() < 0.5 else d.issued))] if r.random() < 0.6 else []
    meta += [("Your Ref.", digits(r, "PO-#####")), ("Account No.", digits(r, "A####")), ("VAT Reg. No.", vat)]
    y = max(yl, p.kv(xr - 80, y, meta, 36, xr=xr, lh=lh)) + 6
    cols = [(14.0, "R"), (xr - m - 80, "L"), (26.0, "R"), (14.0, "R"), (26.0, "R")]
    rows = [[d.qty(ln.qty), ln.desc, d.m(ln.price), f"{ln.rate:f}", d.m(ln.net)] for ln in d.lines]
    y = p.tab(m, y, cols, ["Qty", "Description", "Unit Price", "VAT %", "Net £" if d.cm == "n" else "Net"], rows,
              hfill=r.choice([None, 236]))
    tot = [(pick(r, "Net|Total net|Subtotal"), d.m(d.net), False)]
    tot += [(f"VAT @ {d.pct(k, '')}", d.m(v), False) for k, (_, v) in d.vat.items()]
    d.printed_total = d.m(d.total)
    tot.append((pick(r, "Gross|Invoice total|Total|Total due"), d.printed_total, True))
    if d.paid:
        tot += [(pick(r, "Less: paid on account|Less: deposit received"), d.m(-d.paid), False),
                ("Balance due", d.m(d.bal), True)]
    y = p.totals(W / 2 + 10, xr, p.need(y + 4, len(tot) * 6.6 + 16), tot) + 6
    raw = s.iban.replace(" ", "")
    p.para(m, y, xr - m, f"Payment terms: {(d.due - d.issued).days} days from invoice date. Please pay by BACS to "
           f"{s.bank}, sort code {raw[8:10]}-{raw[10:12]}-{raw[12:14]}, account no. {raw[14:22]}, quoting invoice "
           f"number {d.no}. Thank you for your business.", fs - 0.5)


def r_ch(p: Pdf, d: Doc, r: random.Random) -> None:
    """Swiss Rechnung: sender top-left, address window on the right, 'Ort, Datum', MWST, optional QR-bill slip."""
    s, b, m, W, fs = d.seller, d.buyer, p.mg, p.w, p.fs
    xr, lh = W - m, fs * 0.5
    p.foot = lambda pp: pp.nb > 1 and pp.t(xr, pp.h - 8, f"Seite {pp.page}/{pp.nb}", fs - 2, al="R", c=110)
    x0 = p.logo(r, 0.45, m, m - 3, 16, s.name)
    p.t(x0, m + 4, s.name, fs + 4, True, w=W / 2 - x0)
    p.lines(x0, m + 10, [s.street, s.city, f"Tel. {s.phone}", s.email, f"MWST-Nr. {s.ids['vat']} MWST"], fs - 1,
            (fs - 1) * 0.5, w=W / 2 - x0)
    p.lines(118, 55, [b.name] + ([f"z. H. {b.person}"] if r.random() < 0.4 else []) + [b.street, b.city], fs + 0.5, 5,
            w=xr - 118)
    y, placedate = 97.0, r.random() < 0.6
    if placedate:
        p.t(m, y, f"{s.city.split(' ', 1)[1]}, {d.dt(d.issued)}", fs)
        y += 10
    p.t(m, y, f"Rechnung Nr. {d.no}" if r.random() < 0.7 else "Rechnung", fs + 5, True)
    meta = ([] if placedate else [("Rechnungsdatum", d.dt(d.issued))]) + [("Kundennummer", digits(r, "K-####")),
                                                                          ("Zahlbar bis", d.dt(d.due))]
    y = p.kv(m, y + 7, meta, 35, size=fs, lh=lh) + 2
    cols = [(11.0, "L"), (xr - m - 89, "L"), (16.0, "R"), (16.0, "L"), (22.0, "R"), (24.0, "R")]
    rows = [[str(i + 1), ln.desc, d.qty(ln.qty), ln.unit, d.n(ln.price), d.n(ln.net)] for i, ln in enumerate(d.lines)]
    y = p.tab(m, y, cols, ["Pos.", "Beschreibung", "Menge", "Einheit", "Preis", "Betrag CHF"], rows,
              hfill=r.choice([None, 235]))
    tot: list[tuple[str, str, bool]] = []
    if d.disc:
        tot += [("Zwischentotal", d.n(d.items), False), (f"Rabatt {d.pct(d.disc_pct)}", d.n(-d.disc), False)]
    tot.append(("Total exkl. MWST" if d.disc else pick(r, "Total exkl. MWST|Zwischentotal|Nettobetrag"), d.n(d.net),
                False))
    on = r.random() < 0.5
    tot += [(f"MWST {d.pct(k)}" + (f" auf {d.n(base)}" if on else ""), d.n(v), False) for k, (base, v) in d.vat.items()]
    d.printed_total = d.m(d.total)
    tot.append((pick(r, "Total inkl. MWST|Rechnungsbetrag|Total"), d.printed_total, True))
    y = p.totals(W / 2, xr, p.need(y + 4, len(tot) * 6.6 + 14), tot) + 6
    y = p.para(m, y, xr - m, f"Zahlbar innert {(d.due - d.issued).days} Tagen netto. Bankverbindung: {s.bank}, "
               f"IBAN {s.iban}.")
    if p.page == 1 and y < p.h - 112 and r.random() < 0.6:
        qr_slip(p, d, r)


def qr_slip(p: Pdf, d: Doc, r: random.Random) -> None:
    """Swiss QR-bill receipt + payment part (simplified: random modules stand in for the QR code)."""
    s, b, y0, W = d.seller, d.buyer, p.h - 105, p.w
    amount = f"{d.total:,.2f}".replace(",", " ")
    p.set_dash_pattern(1, 1)
    p.hr(0, y0, W, 0, 0.2)
    p.set_draw_color(0)
    p.line(62, y0, 62, p.h)
    p.set_dash_pattern()
    acct, payer = [s.iban, s.name, s.street, s.city], [b.name, b.street, b.city]
    p.t(5, y0 + 8, "Empfangsschein", 11, True)
    p.t(5, y0 + 14, "Konto / Zahlbar an", 6, True)
    y = p.lines(5, y0 + 17.5, acct, 8, 3.4, w=52)
    p.t(5, y + 1.5, "Zahlbar durch", 6, True)
    p.lines(5, y + 5, payer, 8, 3.4, w=52)
    p.t(67, y0 + 8, "Zahlteil", 11, True)
    for x0, x1, yy, size in ((5, 20, y0 + 72, 8), (67, 82, y0 + 70, 10)):
        p.t(x0, yy, "Währung", 6, True)
        p.t(x1, yy, "Betrag", 6, True)
        p.t(x0, yy + 4, "CHF", size)
        p.t(x1, yy + 4, amount, size)
    p.t(57, y0 + 90, "Annahmestelle", 6, True, "R")
    n, qs, x, y = 33, 46.0, 67.0, y0 + 14
    cell = qs / n
    corners = ((0, 0), (0, n - 7), (n - 7, 0))
    p.set_fill_color(0)
    for i in range(n):
        for j in range(n):
            if all(abs(i - a - 3) > 4 or abs(j - c - 3) > 4 for a, c in corners) and r.random() < 0.5:
                p.rect(x + j * cell, y + i * cell, cell, cell, style="F")
    for (a, c), k in ((ac, k) for ac in corners for k in range(3)):  # finder patterns: 7x7 / 5x5 / 3x3 squares
        p.box(x + (c + k) * cell, y + (a + k) * cell, (7 - 2 * k) * cell, (7 - 2 * k) * cell, fill=255 if k == 1 else 0)
    for w_, h_, fill in ((7, 7, 0), (1.4, 5, 255), (5, 1.4, 255)):  # Swiss cross
        p.box(x + (qs - w_) / 2, y + (qs - h_) / 2, w_, h_, fill=fill)
    p.t(118, y0 + 8, "Konto / Zahlbar an", 8, True)
    y = p.lines(118, y0 + 12.5, acct, 10, 4.2, w=W - 123)
    p.t(118, y + 1, "Zusätzliche Informationen", 8, True)
    p.t(118, y + 5.5, f"Rechnung {d.no}", 10, w=W - 123)
    p.t(118, y + 11, "Zahlbar durch", 8, True)
    p.lines(118, y + 15.5, payer, 10, 4.2, w=W - 123)
