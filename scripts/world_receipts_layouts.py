"""Receipt layouts for make_world_receipts.py: the document model, the block helpers and one recipe per country.

``Receipt`` collects rows (text, left/right pairs, columns, separators, logo, QR, barcode) from block helpers that
know the document (header, items, VAT table, payment, card slip, loyalty, footer). The country recipes at the bottom
(``RECIPES``) arrange the blocks the way that country's POS software prints them, with its wording and fiscal block,
and record on the Doc which net and tax figures were actually printed (``p_net``/``p_tax``, used for the labels).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from world_receipts_locales import D, Loc, V, digits, fmt_date, money, pick, q2, spanish_words

COLHDR = {"de": "Artikel|Menge|Preis|Betrag", "fr": "Article|Qté|P.U.|Montant",
          "nl": "Omschrijving|Aantal|Prijs|Bedrag",
          "it": "DESCRIZIONE|Q.TÀ|PREZZO|IMPORTO", "es": "Descripción|Cant.|Precio|Importe", "pt": "Descrição|Qtd|"
                                                                                                   "P.Unit|Total",
          "pl": "Nazwa|Ilość|Cena|Wartość", "cs": "Položka|Množ.|Cena|Celkem", "sv": "Artikel|Antal|Pris|Belopp",
          "da": "Vare|Antal|Pris|Beløb", "no": "Vare|Antall|Pris|Beløp", "en": "Item|Qty|Price|Amount",
          "tr": "Ürün|Adet|Fiyat|Tutar", "ro": "Denumire|Cant.|Preț|Valoare", "fi": "Tuote|Kpl|Hinta|Summa",
          "hu": "Megnevezés|Menny.|Egységár|Összeg", "ja": "品名|数量|単価|金額"}


# --- document model --------------------------------------------------------------------------------------------
@dataclass
class Line:
    kind: str  # item | weight | dep | ret | disc | void | coupon
    name: str
    amount: Decimal
    cls: str
    qty: Decimal = D(1)
    unit: Decimal = D(0)


@dataclass
class Grp:
    rate: Decimal
    code: str
    gross: Decimal
    vat: Decimal
    net: Decimal


@dataclass
class Doc:
    L: Loc
    lang: str
    shop: str
    style: str
    added: bool
    brand: str
    legal: str
    addr: list[str]
    phone: str
    ids: list[str]
    when: datetime
    dpat: str
    tpat: str
    lines: list[Line]
    rates: dict[str, Decimal]
    codes: dict[Decimal, str]
    pay: str
    card: str
    pan: str
    cashier: str
    rno: str
    till: int
    group: bool
    neg: str
    upper: bool
    groups: list[Grp] = field(default_factory=list)
    goods: Decimal = D(0)
    taxes: list[tuple[str, Decimal]] = field(default_factory=list)
    pre: list[tuple[str, Decimal]] = field(default_factory=list)  # service charge etc. (before tax, taxed)
    post: list[tuple[str, Decimal]] = field(default_factory=list)  # tip etc. (after tax)
    rounding: Decimal = D(0)
    total: Decimal = D(0)
    tendered: Decimal = D(0)
    change: Decimal = D(0)
    tip: Decimal = D(0)
    tip_mode: str = ""
    p_net: Decimal | None = None
    p_tax: Decimal | None = None
    printed: list[str] = field(default_factory=list)

    @property
    def V(self) -> dict[str, str]:
        return V[self.lang]


@dataclass
class Row:
    kind: str  # t lr cols sep gap logo qr bar
    a: object = ""
    b: str = ""
    align: str = "l"
    bold: bool = False
    tall: int = 1
    wide: int = 1
    size: float = 1.0
    style: str = ""


class Receipt:
    """Rows of one receipt plus the block helpers that fill them from a Doc."""

    def __init__(self, d: Doc, r: random.Random, cols: int):
        self.d, self.r, self.cols, self.rows = d, r, cols, []
        # one wording per receipt, as a POS would print it
        self.v = {k: x if k in ("wd", "month") else pick(r, x) for k, x in d.V.items()}
        self.sym = d.L.sym
        self.star = False
        self.affix = ("", "")  # printed around every amount: ("¥", "") or ("", "円") on a Japanese receipt

    # primitives
    def w(self, key: str) -> str:
        return self.v[key]

    def m(self, x: Decimal) -> str:
        s = money(abs(x), self.d.L.num, self.d.group, self.d.L.places)
        s = s if x >= 0 else (s + "-" if self.d.neg == "post" else "-" + s)
        s = self.affix[0] + s + self.affix[1] if s[:1] != "-" else "-" + self.affix[0] + s[1:] + self.affix[1]
        return "*" + s if self.star else s  # (a Turkish fiscal receipt's "*125,50")

    def cm(self, x: Decimal, code: bool = False) -> str:
        L = self.d.L
        sym = L.cur if code else self.sym
        prefixed = sym in ("$", "£", "₹", "Rs.", "RM", "S$", "CHF", "R$", "R", "¥")
        if (prefixed or code and L.cur in ("USD", "GBP", "CHF", "INR")) and self.d.lang != "fr":
            sep = "" if sym in ("$", "£", "₹", "S$", "R", "¥") else " "
            return ("-" if x < 0 else "") + sym + sep + money(abs(x), L.num, self.d.group, L.places)
        if code and self.affix != ("", ""):  # "1,896 JPY", not "¥1,896 JPY"
            return money(x, L.num, self.d.group, L.places) + " " + sym
        return self.m(x) + " " + sym

    def t(self, text: str, align: str = "l", bold: bool = False, tall: int = 1, wide: int = 1, size: float = 1.0,
          style: str = "") -> None:
        self.rows.append(Row("t", text, "", align, bold, tall, wide, size, style))

    def lr(self, left: str, right: str, bold: bool = False, tall: int = 1, wide: int = 1, size: float = 1.0) -> None:
        self.rows.append(Row("lr", left, right, "l", bold, tall, wide, size))

    def cells(self, cells: list[tuple[str, float, str]], bold: bool = False, size: float = 1.0) -> None:
        self.rows.append(Row("cols", cells, "", "l", bold, 1, 1, size))

    def sep(self, ch: str = "-") -> None:
        self.rows.append(Row("sep", ch))

    def gap(self, f: float = 0.6) -> None:
        self.rows.append(Row("gap", f))

    def total(self, word: str, x: Decimal, cur: str = "", big: bool | None = None) -> None:
        """The totals line; cur is printed beside the word ('SUMME EUR') or with the amount ('12,34 €')."""
        r = self.r
        big = r.random() < 0.6 if big is None else big
        amt = self.cm(x) if cur == "amt" else self.m(x)
        left = f"{word} {cur}" if cur and cur != "amt" else word
        if big and r.random() < 0.5:
            self.lr(left, amt, bold=True, tall=2)
        elif big and len(left) + len(amt) + 2 <= self.cols // 2:
            self.lr(left, amt, bold=True, tall=2, wide=2)
        else:
            self.lr(left, amt, bold=big or r.random() < 0.5)

    # blocks
    def logo(self) -> None:
        d, r = self.d, self.r
        style = r.choice(("big", "big", "tall", "inv", "frame", "emblem"))
        self.rows.append(Row("logo", d.brand, "", "c", True, 1, 1, r.uniform(1.5, 2.3), style))

    def header(self, legal_p: float = 0.7, ids: bool = True, align: str = "c") -> None:
        d, r = self.d, self.r
        self.logo()
        if d.legal and r.random() < legal_p:
            self.t(d.legal, align)
        for a in d.addr:
            self.t(a, align)
        if d.phone:
            self.t(d.phone, align)
        if ids:
            for i in d.ids:
                self.t(i, align)
        self.gap(0.5)

    def date(self) -> str:
        return fmt_date(self.d.when, self.d.dpat, self.d.lang)

    def time(self) -> str:
        return fmt_date(self.d.when, self.d.tpat, self.d.lang)

    def meta(self, mode: str | None = None) -> None:
        """Date, time, receipt number, till and cashier in one of several arrangements."""
        d, r = self.d, self.r
        mode = mode or r.choice(("line", "two", "labels", "grid"))
        dt, tm = self.date(), self.time()
        no, till, cash = f"{self.w('no')} {d.rno}", f"{self.w('till')} {d.till}", f"{self.w('cashier')} {d.cashier}"
        if mode == "line" and len(dt) + len(tm) + len(no) + 3 <= self.cols:
            self.lr(f"{dt} {tm}", no)
            self.lr(till, cash)
        elif mode == "two":
            self.lr(dt, tm)
            self.lr(no, till)
            if r.random() < 0.6:
                self.t(cash)
        elif mode == "labels":
            self.t(f"{self.v['date']}: {dt}   {self.w('time')}: {tm}")
            self.t(no)
            self.t(f"{till}   {cash}")
        else:
            self.cells([(dt, 0, "l"), (tm, 0.5, "r"), (no, 1.0, "r")])
            self.lr(cash, till)

    def name(self, s: str) -> str:
        return s.upper() if self.d.upper else s

    def qtxt(self, ln: Line, style: str) -> str:
        d, num = self.d, self.d.L.num
        if ln.kind == "weight":
            if d.L.cc == "US":
                lb = (ln.qty * D("2.20462")).quantize(D("0.01"))
                return f"{money(lb, num)} lb @ {self.cm(ln.unit / D('2.20462'))}/lb".replace(".00/", "/")
            per = f"{self.cm(ln.unit)}/kg" if style != "code" else f"{self.m(ln.unit)} {d.L.cur}/kg"
            return f"{money(ln.qty, num, places=3)} kg x {per}" if d.lang != "en" else \
                f"{money(ln.qty, num, places=3)} kg @ {per}"
        q = int(ln.qty)
        if d.lang == "ja":  # "@500 x 2", "2個 x 単500", "@500*2", "2点 @500"
            u = self.m(ln.unit)
            return {"x": f"@{u} x {q}", "unit": f"{q}個 x 単{u}", "tight": f"@{u}*{q}"}.get(style, f"{q}点 @{u}")
        if d.lang == "en":
            return f"{q} @ {self.m(ln.unit)}" if style != "x" else f"{q} x {self.m(ln.unit)}"
        unit = f" {self.v['qty']}" if style == "unit" and self.v["qty"] != "x" else ""
        return f"{q}{unit} x {self.m(ln.unit)}" if style != "tight" else f"{q} x{self.m(ln.unit)}"

    def items(self, fmt: str = "flag", qty: str = "below", sub_before_coupon: bool = True) -> None:
        """Item lines. fmt: flag (amount + VAT letter) | pct (VAT % column) | cols (qty/price/amount table) | plain
        | prefix (qty before the name). qty (multiples and weights): below (name + amount, then the qty line) |
        onqty (name, then the qty line with the amount) | above (qty line first) | inline (one row)."""
        d, r = self.d, self.r
        qstyle = r.choice(("x", "unit", "tight", "code"))
        if fmt == "cols":
            h = COLHDR[d.lang].split("|")
            self.cells([(h[0], 0, "l"), (h[1], 0.58, "r"), (h[2], 0.78, "r"), (h[3], 1.0, "r")], bold=True)
            self.sep()
        coupons = [ln for ln in d.lines if ln.kind == "coupon"]
        one = r.random() < 0.5  # "1 Cheeseburger" for single items in prefix style
        for ln in d.lines:
            if ln.kind == "coupon":
                continue
            amt = self.m(ln.amount)
            flag = d.codes.get(d.rates[ln.cls], "") if d.codes else ""
            if fmt == "flag" and flag:
                amt = f"{amt} {flag}"
            if fmt == "pct":
                rate = d.rates[ln.cls]
                amt_cells = [(f"{rate.normalize():f}%", 0.72, "r"), (self.m(ln.amount), 1.0, "r")]
            name = self.name(ln.name)
            if ln.kind in ("disc", "void", "ret", "dep") and ln.qty == 1:
                name = ("  " if ln.kind == "disc" else "") + name
            multi = ln.qty != 1 or ln.kind == "weight"
            if fmt == "cols":
                qs = money(ln.qty, d.L.num, places=3) if ln.kind == "weight" else str(int(ln.qty))
                unit = self.m(ln.unit) if ln.unit else ""
                if ln.kind not in ("item", "weight", "dep"):
                    qs = unit = ""
                self.cells([(name, 0, "l"), (qs, 0.58, "r"), (unit, 0.78, "r"), (self.m(ln.amount), 1.0, "r")])
                continue
            if fmt == "prefix" and ln.kind == "item" and not multi:
                self.lr(f"1 {name}" if one else name, amt)
                continue
            if multi and qty == "inline" and fmt != "pct":
                self.cells([(name, 0, "l"), (self.qtxt(ln, "tight"), 0.74, "r"), (amt, 1.0, "r")])
                continue
            if multi and qty == "above":  # Italian RT: "2 X 1,00" above the article
                self.t(self.qtxt(ln, qstyle))
                multi = False
            if multi and qty == "onqty" and fmt != "prefix":  # name, then "  2 x 0,89    1,78 B"
                self.t(name)
                self.lr("  " + self.qtxt(ln, qstyle), amt)
                continue
            if fmt == "pct":
                self.cells([(name, 0, "l"), *amt_cells])
            elif fmt == "prefix" and ln.kind == "item" and ln.qty != 1:
                self.lr(f"{int(ln.qty)} {name}", amt)
                self.t(f"    @ {self.m(ln.unit)}")
                multi = False
            else:
                self.lr(name, amt)
            if multi:
                self.t("  " + self.qtxt(ln, qstyle))
        if coupons:
            if sub_before_coupon:
                self.sep()
                self.lr(self.w("sub"), self.m(sum((ln.amount for ln in d.lines if ln.kind != "coupon"), D(0))))
            for ln in coupons:
                flag = d.codes.get(d.rates[ln.cls], "") if fmt == "flag" and d.codes else ""
                self.lr(self.name(ln.name), f"{self.m(ln.amount)} {flag}".strip())

    def nitems(self) -> None:
        n = sum(int(ln.qty) if ln.kind == "item" else 1 for ln in self.d.lines if ln.kind in ("item", "weight"))
        self.t(f"{self.w('nitems')}: {n}" if self.r.random() < 0.6 else f"{self.w('nitems')} {n}")

    def vat_table(self, kind: str, total_row: bool | None = None, code_first: bool | None = None) -> None:
        """kind: full (rate, net, tax, gross) | netvat (rate, net, tax) | grossvat (rate, gross, tax) | incl (one
        'of which VAT' line per rate or summed) | none. Records the printed net/tax on the Doc."""
        d, r, v = self.d, self.r, self.v
        if kind == "none" or not d.groups:
            return
        gs = d.groups
        code_first = bool(d.codes) and (r.random() < 0.6 if code_first is None else code_first)
        places = r.choice((0, 0, 1, 2))  # the same for every row of the table
        if any(g.rate != g.rate.to_integral() for g in gs):
            places = max(places, 1)

        def rate_lbl(g: Grp) -> str:
            p = money(g.rate, d.L.num, False, places)
            return f"{g.code}={p}%" if code_first and g.code else f"{p}%"

        tax, net = sum((g.vat for g in gs), D(0)), sum((g.net for g in gs), D(0))
        if kind == "incl":
            word = self.w("incl")
            if len(gs) == 1 or r.random() < 0.5:
                for g in gs:
                    self.lr(f"{word} {rate_lbl(g)}", self.m(g.vat))
            else:
                self.lr(word, self.m(tax))
            d.p_tax = tax
            return
        hdr = [(self.w("rate") if kind != "netvat" or r.random() < 0.5 else d.L.extra.get("vatword", v["vat"]), 0, "l")]
        pos = (0.5, 0.72, 1.0) if kind == "full" else (0.62, 1.0)
        names = {"full": (self.w("net"), v["vat"], self.w("gross")), "netvat": (self.w("net"), v["vat"]),
                 "grossvat": (self.w("gross"), v["vat"])}[kind]
        self.cells(hdr + [(n, p, "r") for n, p in zip(names, pos, strict=True)])
        for g in gs:
            vals = {"full": (g.net, g.vat, g.gross), "netvat": (g.net, g.vat), "grossvat": (g.gross, g.vat)}[kind]
            self.cells([(rate_lbl(g), 0, "l")] + [(self.m(x), p, "r") for x, p in zip(vals, pos, strict=True)])
        if total_row if total_row is not None else (len(gs) > 1 and r.random() < 0.6):
            vals = {"full": (net, tax, net + tax), "netvat": (net, tax), "grossvat": (net + tax, tax)}[kind]
            self.cells([(self.w("total").split()[0].title(), 0, "l")] +
                       [(self.m(x), p, "r") for x, p in zip(vals, pos, strict=True)])
        d.p_tax = tax
        if kind in ("full", "netvat"):
            d.p_net = net

    def payment(self, cur: str = "") -> None:
        d = self.d
        if d.pay == "cash":
            self.lr(f"{self.w('cash')} {cur}".strip(), self.m(d.tendered))
            self.lr(f"{self.w('change')} {cur}".strip(), self.m(d.change))
        else:
            lbl = d.card if self.r.random() < 0.5 else self.w("card")
            self.lr(f"{lbl} {cur}".strip(), self.m(d.total))

    def slip(self, amount: Decimal | None = None, tip_lines: bool = False) -> None:
        """A card terminal slip appended to the receipt: masked PAN, terminal/auth codes, the amount again."""
        d, r = self.d, self.r
        amount = d.total if amount is None else amount
        self.sep(r.choice(("-", "=", "*", "line")))
        self.t(self.w("copy"), "c", bold=True)
        if r.random() < 0.5:
            self.t(d.brand, "c")
        self.lr(self.w("term"), digits(r, r.choice(("########", "@@######", "####-####"))))
        self.lr(self.w("trace"), digits(r, r.choice(("######", "####", "00####"))))
        self.t(d.card.upper() if r.random() < 0.5 else d.card, bold=True)
        pan = r.choice(("************{}", "XXXX XXXX XXXX {}", "**** **** **** {}", "############{}", "xxxx{}"))
        self.t(f"{self.v['pin'] if r.random() < 0.5 else ''} {pan.format(d.pan)}".strip())
        if r.random() < 0.6:
            self.t(digits(r, r.choice(("A0000000031010", "A0000000041010", "A0000000043060", "A0000000042203"))))
        self.lr(self.date(), self.time())
        cur = d.L.cur
        self.lr(f"{self.w('amount')} {cur}" if r.random() < 0.5 else self.w("amount"),
                self.m(amount) if r.random() < 0.6 else self.cm(amount, code=True), bold=True)
        if tip_lines:
            tipw, totw = self.w("tip").upper(), "TOTAL"
            if d.tip_mode == "slip_tip":
                self.lr(tipw, self.m(d.tip), bold=True)
                self.lr(totw, self.m(amount + d.tip), bold=True)
            else:
                self.gap(0.4)
                self.lr(f"+ {tipw}", "__________")
                self.gap(0.4)
                self.lr(f"= {totw}", "__________")
                self.gap(1.2)
                self.t("X" + "_" * max(10, self.cols - 6))
                if r.random() < 0.5:
                    self.t("I agree to pay above total amount according to card issuer agreement.", size=0.85)
        self.lr(self.w("auth"), digits(r, r.choice(("######", "@#####", "##@###"))))
        self.t(self.w("ok"), "c", bold=True)

    def loyalty(self, saved: Decimal | None) -> None:
        r = self.r
        if saved and saved > 0:
            self.t(self.w("saved").format(self.cm(saved) if r.random() < 0.6 else self.m(saved)), "c", bold=True)
        if r.random() < 0.6:
            pts = r.randint(3, 90)
            bal = r.randint(120, 9800)
            sep = {"de": ".", "fr": " ", "ch": "'", "en": ",", "in": ","}[self.d.L.num]
            bs = f"{bal:,}".replace(",", sep) if r.random() < 0.7 else str(bal)
            self.t(self.w("pts").format(pts))
            self.t(self.w("bal").format(bs))

    def footer(self, web: bool = True) -> None:
        d, r = self.d, self.r
        self.gap(0.6)
        self.t(self.w("thanks"), "c", bold=r.random() < 0.4)
        if r.random() < 0.5:
            self.t(self.w("hours"), "c")
        if d.shop == "n" or d.shop == "g" and r.random() < 0.3:
            self.t(self.w("returns"), "c")
        if web and r.random() < 0.5:
            low = d.brand.lower().replace("ł", "l").replace("ø", "o").replace("æ", "ae")
            plain = unicodedata.normalize("NFKD", low)
            core = "".join(c for c in plain if c.isascii() and c.isalnum())[:18] or "shop"
            tld = {"GB": "co.uk", "US": "com", "AU": "com.au", "IN": "in", "MY": "com.my", "SG": "com.sg", "CA": "ca",
                   "CZ": "cz", "SE": "se", "DK": "dk", "NO": "no", "BR": "com.br", "MX": "com.mx", "ZA": "co.za",
                   "NZ": "co.nz", "TR": "com.tr", "CO": "com.co"}.get(d.L.cc, d.L.cc.lower())
            self.t(f"www.{core}.{tld}", "c")

    def barcode(self, text: str) -> None:
        self.rows.append(Row("bar", text))
        self.t(text, "c", size=0.9)

    def qr(self) -> None:
        self.rows.append(Row("qr", self.r.randint(25, 33)))


# --- country recipes -------------------------------------------------------------------------------------------
def saved(d: Doc) -> Decimal:
    return -sum((ln.amount for ln in d.lines if ln.kind in ("disc", "coupon")), D(0))


def tot_incl(b: Receipt, word: str | None = None, cur: str = "", big: bool | None = None) -> None:
    """Totals of a VAT-inclusive receipt: gross subtotal + service charge / cash rounding when there are any."""
    d = b.d
    if d.pre or d.rounding:
        b.lr(b.w("sub"), b.m(d.goods))
        for lbl, x in d.pre:
            b.lr(lbl, b.m(x))
        if d.rounding:
            b.lr(b.w("round"), b.m(d.rounding))
        b.total(b.w("due") if d.rounding else word or b.w("total"), d.total, cur, big)
    else:
        b.total(word or b.w("total"), d.total, cur, big)


def tot_added(b: Receipt, sub: str | None = None, word: str | None = None, cur: str = "", total: Decimal | None = None,
              tip: bool = False) -> None:
    """Totals of a tax-added receipt: Subtotal, service charge, taxes, tip, rounding, Total."""
    d = b.d
    b.lr(sub or b.w("sub"), b.m(d.goods))
    d.p_net = d.goods
    for lbl, x in d.pre:
        b.lr(lbl, b.m(x))
    for lbl, x in d.taxes:
        b.lr(lbl, b.m(x))
    if d.taxes:
        d.p_tax = sum((x for _, x in d.taxes), D(0))
    if tip:
        b.lr(b.w("tip"), b.m(d.tip))
    if d.rounding:
        b.lr(b.w("round"), b.m(d.rounding))
    b.total(word or b.w("total"), d.total if total is None else total, cur)


def chunks(s: str, n: int) -> list[str]:
    return [s[i:i + n] for i in range(0, len(s), n)]


def table_line(b: Receipt) -> None:
    d, r = b.d, b.r
    if d.shop == "r":
        srv = d.cashier if not d.cashier[-1].isdigit() else pick(r, "Anna|Marco|Julie|Sam|Lena|Tom")
        b.lr(f"{b.w('table')} {r.randint(1, 40)}", f"{b.w('guests')}: {r.randint(1, 6)}")
        b.t(f"{b.w('server')}: {srv}")
        b.sep()


def rc_de(b: Receipt, d: Doc, r: random.Random) -> None:
    top = r.random() < 0.5
    b.header(ids=top)
    table_line(b)
    if r.random() < 0.4 and d.shop != "r":
        b.t("EUR", "r")
    b.items("flag" if r.random() < 0.85 else "plain", r.choice(("below", "below", "onqty")))
    b.sep()
    tot_incl(b, cur=r.choice(("EUR", "EUR", "", "amt")))
    if r.random() < 0.5:
        b.sep("=")
    b.payment(cur=r.choice(("EUR", "")))
    b.gap()
    b.vat_table(r.choice(("full", "full", "full", "grossvat", "incl")))
    if not top:
        for i in d.ids:
            b.t(i, "c")
    if d.pay == "card" and r.random() < 0.7:
        b.slip()
    b.gap()
    if r.random() < 0.85:
        start = d.when - timedelta(seconds=r.randint(15, 240))
        fmt = r.choice(("%Y-%m-%dT%H:%M:%S.000", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M:%S"))
        b.t(r.choice(("TSE-Daten:", "--- TSE ---", "Sicherheitseinrichtung (TSE)")), "l", bold=True)
        b.lr(r.choice(("TSE-Transaktion:", "Transaktionsnummer:", "TSE-TA-Nummer:")), str(r.randint(1000, 999999)))
        b.lr("TSE-Start:", start.strftime(fmt))
        b.lr(r.choice(("TSE-Stop:", "TSE-Ende:")), d.when.strftime(fmt))
        b.t("TSE-Seriennummer:")
        for c in chunks(digits(r, "#" * 64).replace("1", "a").replace("7", "f"), b.cols - 2):
            b.t(c, style="nowrap")
        b.lr("TSE-Signaturzähler:", str(r.randint(1000, 999999)))
        if r.random() < 0.6:
            b.t("TSE-Signatur:")
            b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            sig = "".join(r.choice(b64) for _ in range(88))
            for c in chunks(sig, b.cols - 2):
                b.t(c, style="nowrap")
        if r.random() < 0.3:
            b.qr()
    b.meta()
    if d.shop == "g" and r.random() < 0.4:
        b.loyalty(saved(d))
    b.footer()


def rc_at(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    top = r.random() < 0.5
    if top:
        b.meta()
    table_line(b)
    b.items("flag" if r.random() < 0.7 else "plain", r.choice(("below", "onqty")))
    b.sep()
    tot_incl(b, word=r.choice(("Summe", "SUMME", "Gesamt")), cur=r.choice(("EUR", "", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("full", "grossvat", "netvat")))
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.gap()
    b.lr("Kassen-ID:", f"K{r.randint(1, 9)}-{digits(r, '####')}")
    b.lr("Belegnr.:", f"{d.when.year}-{r.randint(1, 99999):05d}")
    if r.random() < 0.1:
        b.t("Sicherheitseinrichtung ausgefallen", "c")
    b.qr()
    if not top:
        b.meta()
    b.footer()


def rc_ch(b: Receipt, d: Doc, r: random.Random) -> None:
    b.v = dict(b.v, vat="MWST" if d.lang == "de" else "TVA", incl=b.v["incl"].replace("MwSt", "MWST"))
    b.header()
    table_line(b)
    b.items("flag" if r.random() < 0.6 else "plain", "below")
    b.sep()
    tot_incl(b, word=r.choice(("Total", "TOTAL", "Total")), cur="CHF")
    b.payment(cur=r.choice(("CHF", "")))
    b.gap()
    b.vat_table(r.choice(("full", "grossvat", "grossvat", "incl")))
    b.meta()
    if d.shop == "g" and r.random() < 0.5:
        b.loyalty(saved(d))
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_fr(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    top = r.random() < 0.6
    if top:
        b.meta()
    table_line(b)
    b.items(r.choice(("plain", "plain", "prefix")), "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL TTC", "TOTAL A PAYER", "TOTAL", "Total TTC")), cur=r.choice(("amt", "EUR", "")))
    b.payment()
    if d.shop == "g":
        b.nitems()
    b.gap()
    b.vat_table(r.choice(("full", "full", "netvat", "incl")))
    if d.shop == "r":
        b.t("Prix nets, service compris", "c")
    if not top:
        b.meta()
    if d.shop == "g" and r.random() < 0.4:
        b.loyalty(saved(d))
    b.footer()
    if d.pay == "card" and r.random() < 0.7:
        b.slip()


def rc_be(b: Receipt, d: Doc, r: random.Random) -> None:
    both = r.random() < 0.4
    b.header()
    b.meta()
    table_line(b)
    b.items("flag", r.choice(("below", "onqty")))
    b.sep()
    tot_incl(b, word="TOTAAL / TOTAL" if both else b.w("total"), cur=r.choice(("EUR", "", "amt")))
    b.payment()
    b.gap()
    if both:
        b.v = dict(b.v, vat="BTW/TVA")
    b.vat_table(r.choice(("full", "netvat")), code_first=True)
    if d.shop == "r" or r.random() < 0.3:
        b.lr("FDM:", digits(r, "F########-#"))
        b.lr("Ticket:", digits(r, "NS ###/####"))
        b.lr("VSC:", digits(r, "CBDC#######"))
        b.t(digits(r, "@@@@ #### @@@@ #### @@@@"), "c")
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_it(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(legal_p=0.8)
    b.t("DOCUMENTO COMMERCIALE", "c", bold=True)
    b.t("di vendita o prestazione", "c")
    b.cells([("DESCRIZIONE", 0, "l"), ("IVA", 0.72, "r"), ("Prezzo(€)", 1.0, "r")])
    b.items("pct", "above")
    b.sep()
    b.total("TOTALE COMPLESSIVO", d.total, big=True)
    b.vat_table("incl")
    if d.pay == "cash":
        b.lr("Pagamento contante", b.m(d.tendered))
        b.lr("Resto", b.m(d.change))
    else:
        b.lr("Pagamento elettronico", b.m(d.total))
    b.lr("IMPORTO PAGATO", b.m(d.total), bold=True)
    if r.random() < 0.35:
        b.gap()
        b.vat_table("netvat")
    b.gap()
    b.lr(b.date(), b.time())
    b.t(f"DOCUMENTO N. {r.randint(1, 3000):04d}-{r.randint(1, 999):04d}")
    b.t(f"RT {digits(r, '##@@@######')}")
    if d.pay == "card" and r.random() < 0.5:
        b.slip()
    b.footer()


def rc_es(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(legal_p=0.8)
    b.t(f"{r.choice(('FACTURA SIMPLIFICADA Nº:', 'Ticket Nº', 'FRA. SIMPLIFICADA'))} "
        f"{digits(r, r.choice(('T###-######', '####/######', 'A-#####')))}", bold=True)
    b.lr(f"Fecha: {b.date()}", f"Hora: {b.time()}")
    table_line(b)
    b.items(r.choice(("cols", "plain")), "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL (€)", "TOTAL", "TOTAL A PAGAR")), cur=r.choice(("", "", "amt")))
    b.gap()
    b.v = dict(b.v, vat="CUOTA")
    b.vat_table(r.choice(("netvat", "netvat", "full")))
    b.gap()
    b.payment()
    if r.random() < 0.5:
        b.t("IVA INCLUIDO", "c")
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_pt(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(legal_p=0.9)
    n = r.randint(1, 99999)
    b.t(f"Fatura Simplificada FS {r.choice(('A', 'FS01', '2024A', 'L1'))}/{n}", bold=True)
    b.t(f"ATCUD: {digits(r, '@@@@####')}-{n}")
    b.t(f"Data: {b.date()} {b.time()}")
    b.t(r.choice(("Contribuinte: Consumidor final", "NIF: 999999990", "NIF Adquirente: Consumidor Final")))
    b.sep()
    b.items(r.choice(("flag", "cols")), "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "TOTAL A PAGAR", "Total")), cur=r.choice(("amt", "EUR", "")))
    b.gap()
    b.vat_table(r.choice(("netvat", "netvat", "full")))
    b.payment()
    b.t(r.choice(("IVA incluído", "Inclui IVA à taxa em vigor")))
    b.t(f"{digits(r, '@@@@')}-Processado por programa certificado n.º {r.randint(100, 3000)}/AT", size=0.9)
    b.qr()
    b.footer()


def rc_nl(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(ids=r.random() < 0.4)
    table_line(b)
    b.items("plain", r.choice(("below", "onqty")))
    b.sep()
    tot_incl(b, cur=r.choice(("", "EUR", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("netvat", "netvat", "full")))
    if d.shop == "g" and r.random() < 0.6:
        b.t(f"Bonuskaart: xxxxxxxxx{digits(r, '####')}")
        b.loyalty(saved(d))
    b.meta()
    if d.pay == "card" and r.random() < 0.7:
        b.slip()
    b.footer()


def rc_pl(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(ids=True, legal_p=0.9)
    b.lr(b.date(), f"{b.w('no')} {d.rno.replace('.', '')}")
    b.t("PARAGON FISKALNY", "c", bold=True, tall=2 if r.random() < 0.5 else 1)
    b.sep()
    b.items("flag", "inline")
    b.sep()
    for g in d.groups:
        b.lr(f"Sprzedaż opodatkowana {g.code}", b.m(g.gross))
    for g in d.groups:
        b.lr(f"PTU {g.code} {money(g.rate, 'fr', False)}%", b.m(g.vat))
    tax = sum((g.vat for g in d.groups), D(0))
    b.lr("SUMA PTU", b.m(tax))
    d.p_tax = tax
    b.total(r.choice(("SUMA PLN", "SUMA")), d.total, big=True)
    b.lr(f"{r.randint(1, 99999):05d} #Kasa {d.till} Kasjer {r.randint(1, 20)}", b.time())
    b.t(digits(r, "@@@ ########"), "c", bold=True)
    b.payment(cur="PLN" if r.random() < 0.5 else "")
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=False)


def rc_cz(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    b.t(f"{b.w('title')} č. {d.rno}")
    table_line(b)
    b.items(r.choice(("plain", "flag")), r.choice(("below", "onqty")))
    b.sep()
    tot_incl(b, word=r.choice(("CELKEM", "Celkem")), cur=r.choice(("Kč", "", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("full", "full", "netvat")))
    b.t(f"Datum: {b.date()} {b.time()}")
    if d.pay == "card" and r.random() < 0.5:
        b.slip()
    b.footer()


def rc_se(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    table_line(b)
    b.items(r.choice(("plain", "flag")), r.choice(("below", "onqty")))
    b.sep()
    tot_incl(b, cur=r.choice(("SEK", "kr", "", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("full", "full", "incl")))
    b.t(f"Kontrollenhet: {digits(r, '@@@@@@@@@@@@@@@@')}", style="nowrap")
    b.meta()
    if d.shop == "g" and r.random() < 0.4:
        b.loyalty(saved(d))
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_dk(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    table_line(b)
    b.items("plain", "below")
    b.sep()
    tot_incl(b, cur=r.choice(("DKK", "kr", "", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("incl", "incl", "full")))
    b.meta()
    if d.shop == "g" and r.random() < 0.3:
        b.loyalty(saved(d))
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_no(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header()
    table_line(b)
    b.items(r.choice(("plain", "prefix")), "below")
    b.sep()
    tot_incl(b, cur=r.choice(("NOK", "kr", "", "amt")))
    b.payment()
    b.gap()
    b.vat_table(r.choice(("netvat", "incl", "full")))
    b.meta()
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_uk(b: Receipt, d: Doc, r: random.Random) -> None:
    registered = not (d.shop != "g" and r.random() < 0.15)
    if not registered:
        d.ids = []
    b.header()
    top = r.random() < 0.5
    if top:
        b.meta()
    table_line(b)
    b.items(r.choice(("plain", "prefix", "flag")) if registered else "plain", "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "BALANCE DUE", "Total")), cur=r.choice(("", "amt")))
    b.payment()
    b.gap()
    if registered:
        gb = d.L.cc == "GB"
        b.v = dict(b.v, incl=r.choice(("VAT included", "Incl. VAT", "VAT @ 20% incl" if gb else "VAT incl")))
        b.vat_table(r.choice(("full", "full", "incl")))
    if not top:
        b.meta()
    if d.shop == "g" and r.random() < 0.5:
        b.loyalty(saved(d))
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def us_items(b: Receipt, d: Doc, r: random.Random) -> None:
    codes = r.random() < 0.5
    for ln in d.lines:
        flag = " " + ("T" if d.rates[ln.cls] > 0 else r.choice("NF")) if ln.kind not in ("disc", "coupon") else ""
        name = b.name(ln.name)
        if codes and ln.kind == "item":
            b.cells([(name, 0, "l"), (digits(r, "############"), 0.74, "r"), (b.m(ln.amount) + flag, 1.0, "r")])
        else:
            b.lr(name, b.m(ln.amount) + flag)
        if ln.qty != 1 or ln.kind == "weight":
            b.t("  " + b.qtxt(ln, "x"))


def rc_us(b: Receipt, d: Doc, r: random.Random) -> None:
    if d.shop == "r":
        return rc_us_resto(b, d, r)
    b.header()
    b.meta(r.choice(("line", "two")))
    b.sep()
    if d.L.cc == "CA":
        b.items("plain", "below")
    else:
        us_items(b, d, r)
    b.sep()
    tot_added(b, word=r.choice(("TOTAL", "TOTAL", "BALANCE DUE")))
    b.payment()
    if d.pay == "card":
        b.lr("ACCOUNT #", f"************{d.pan}")
        b.lr("APPROVAL #", digits(r, "######"))
        b.lr("REF #", digits(r, "############"))
        if r.random() < 0.5:
            b.lr("AID", "A0000000031010")
    b.t(f"# ITEMS SOLD {sum(int(ln.qty) if ln.kind == 'item' else 1 for ln in d.lines if ln.kind != 'disc')}")
    s = saved(d)
    if s > 0:
        b.t(f"YOU SAVED {b.cm(s)}", "c", bold=True)
    if r.random() < 0.5:
        b.barcode(digits(r, "#### #### #### #### ####"))
    if r.random() < 0.4:
        b.t("Tell us about your visit at survey.example.com and enter for a chance to win $1,000!", "c", size=0.9)
    b.footer()


def rc_us_resto(b: Receipt, d: Doc, r: random.Random) -> None:
    b.header(ids=False)
    srv = pick(r, "Mike|Jessica|Ashley|Chris|Tyler|Dani|Jordan|Megan")
    b.lr(f"Server: {srv}", f"Table {r.randint(1, 60)}")
    b.lr(f"Check #{r.randint(100, 9999)}", f"Guests: {r.randint(1, 6)}")
    b.lr(b.date(), b.time())
    b.sep()
    b.items("prefix", "below")
    b.sep()
    pre_tip = d.total - d.tip
    tot_added(b, total=d.total if d.tip_mode == "final" else pre_tip, tip=d.tip_mode == "final",
              word=r.choice(("Total", "TOTAL", "Amount Due")))
    if d.tip_mode == "check":
        b.gap()
        b.t("Suggested Gratuity:", "c")
        for p in ("18", "20", "22"):
            b.t(f"{p}% = {b.cm(q2(pre_tip * D(p) / 100))}", "c")
    if d.pay == "cash":
        b.payment()
    else:
        b.slip(amount=d.total if d.tip_mode == "final" else pre_tip, tip_lines=d.tip_mode in ("slip_blank", "slip_tip"))
    b.footer()


def rc_ca(b: Receipt, d: Doc, r: random.Random) -> None:
    if d.shop == "r":
        b.header()
        table_line(b)
        b.lr(b.date(), b.time())  # (the date the label has: printed on every Canadian restaurant bill)
        b.items("prefix", "below")
        b.sep()
        tot_added(b)
        b.payment()
        if d.pay == "card":
            b.slip()
        b.footer()
    else:
        rc_us(b, d, r)


def rc_au(b: Receipt, d: Doc, r: random.Random) -> None:
    b.v = dict(b.v, vat="GST")
    d.codes = {D(10): r.choice(("*", "#", "^"))}
    b.header()
    b.t("TAX INVOICE", "c", bold=True)
    b.meta()
    table_line(b)
    b.items("flag", "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "Total", "TOTAL AUD")), cur=r.choice(("", "amt")))
    tax = sum((g.vat for g in d.groups), D(0))
    b.lr(r.choice(("GST included in total", "Total includes GST", "GST incl.")), b.m(tax))
    d.p_tax = tax
    b.payment()
    b.t(f"{d.codes[D(10)]} {r.choice(('Indicates taxable item', 'GST applicable'))}")
    if d.pay == "card" and r.random() < 0.7:
        b.slip()
    b.footer()


def rc_in(b: Receipt, d: Doc, r: random.Random) -> None:
    b.sym = r.choice(("₹", "₹", "Rs.", "INR"))
    b.v = dict(b.v, round="Round Off", due=r.choice(("Net Amount", "Grand Total", "Bill Amount")))
    b.header(legal_p=0.8)
    b.t("TAX INVOICE", "c", bold=True)
    b.lr(f"Bill No: {r.randint(1, 99999)}", f"Date: {b.date()}")
    b.lr(f"{'Table: ' + str(r.randint(1, 30)) if d.shop == 'r' else 'Cashier: ' + d.cashier}", f"Time: {b.time()}")
    b.sep()
    b.v = dict(b.v)
    b.items("cols")
    b.sep()
    if d.added:
        tot_added(b, sub="Sub Total", word=r.choice(("Grand Total", "GRAND TOTAL", "Net Payable")), cur="amt")
    else:
        tot_incl(b, cur="amt")
        b.gap()
        b.cells([("GST%", 0, "l"), ("Taxable", 0.45, "r"), ("CGST", 0.72, "r"), ("SGST", 1.0, "r")], bold=True)
        for g in d.groups:
            b.cells([(f"{g.rate.normalize():f}%", 0, "l"), (b.m(g.net), 0.45, "r"), (b.m(g.vat / 2), 0.72, "r"),
                     (b.m(g.vat / 2), 1.0, "r")])
        d.p_net = sum((g.net for g in d.groups), D(0))
        d.p_tax = sum((g.vat for g in d.groups), D(0))
        s = saved(d)
        if s > 0:
            b.t(f"You saved {b.cm(s)} on MRP", "c", bold=True)
    b.lr(r.choice(("Paid via UPI", "Payment Mode: Card", "Paid by Card")) if d.pay == "card" else "Cash",
         b.m(d.tendered))
    if d.pay == "cash":
        b.lr("Change", b.m(d.change))
    b.footer()


def rc_my_sg(b: Receipt, d: Doc, r: random.Random) -> None:
    sg = d.L.cc == "SG"
    cur = "S$" if sg else "RM"
    if not sg and not d.added:
        d.ids = [f"GST Reg No: {digits(r, '00#########')}"]
    b.header(legal_p=0.8)
    if not sg and not d.added or sg and r.random() < 0.4:
        b.t("TAX INVOICE", "c", bold=True)
    b.meta()
    table_line(b)
    b.items("flag" if not d.added and not sg else "plain", "below")
    b.sep()
    word = r.choice((f"TOTAL {cur}", "TOTAL", f"Total ({cur})"))
    if d.added:
        tot_added(b, word=word)
    else:
        tot_incl(b, word=word)
        if sg:
            b.v = dict(b.v, incl=r.choice(("GST 9% Incl.", "Incl. 9% GST", "GST included")))
            b.vat_table("incl")
        else:
            b.t("GST Summary", bold=True)
            b.v = dict(b.v, vat="Tax(RM)", net="Amount(RM)", rate="Code")
            b.vat_table("netvat", code_first=True)
    b.payment()
    if d.pay == "card" and r.random() < 0.5:
        b.slip()
    b.footer()


def rc_br(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Brazilian NFC-e (DANFE NFC-e): no VAT table; the only tax figure is the approximate taxes of Lei 12.741."""
    b.v = dict(b.v, cash=r.choice(("Dinheiro", "DINHEIRO")), change=r.choice(("Troco R$", "TROCO", "Troco")),
               card=r.choice(("Cartão de Crédito", "Cartão de Débito", "PIX")))
    b.header(legal_p=0.9)
    doc = r.choice(("Documento Auxiliar da Nota Fiscal de Consumidor Eletrônica", "DANFE NFC-e - Documento Auxiliar",
                    "CUPOM FISCAL ELETRÔNICO - SAT"))
    for part in chunks(doc, b.cols) if len(doc) > b.cols else [doc]:
        b.t(part, "c", bold=True)
    b.sep()
    b.items("cols", "below")
    b.sep()
    n = sum(int(ln.qty) if ln.kind == "item" else 1 for ln in d.lines if ln.kind in ("item", "weight"))
    b.lr(r.choice(("Qtd. total de itens", "QTD. TOTAL DE ITENS")), str(n))
    b.total(r.choice(("Valor total R$", "VALOR TOTAL R$", "Valor a Pagar R$")), d.total)
    b.lr(r.choice(("FORMA PAGAMENTO", "Forma de pagamento")), r.choice(("VALOR PAGO R$", "Valor pago")))
    b.payment()
    b.sep()
    b.t(r.choice(("Consulte pela Chave de Acesso em", "Consulta via leitor de QR Code")), "c")
    b.t(f"www.nfce.fazenda.{r.choice(('sp', 'rj', 'mg', 'pr'))}.gov.br/consulta", "c")
    key = digits(r, "#" * 44)
    for part in chunks(" ".join(chunks(key, 4)), b.cols):
        b.t(part.strip(), "c", size=0.9)
    b.t(r.choice(("CONSUMIDOR NÃO IDENTIFICADO", "Consumidor não identificado",
                  f"CONSUMIDOR - CPF {digits(r, '###.###.###-##')}")), "c")
    b.t(f"NFC-e nº {r.randint(1, 999999):06d} Série {r.randint(1, 9):03d} {b.date()} {b.time()}", "c")
    b.t(f"Protocolo de Autorização: {digits(r, '1#############')}", "c")
    b.qr()
    share = D(r.randint(1200, 3400)) / 100
    tax = q2(d.total * share / 100)
    fed = q2(tax * D(r.randint(30, 60)) / 100)
    form = r.random()
    if form < 0.45:
        b.t(f"Tributos Totais Incidentes (Lei Federal 12.741/2012): R$ {b.m(tax)}", size=0.9)
    elif form < 0.75:
        b.lr(r.choice(("Valor aprox. dos tributos R$", "Val. Aprox. Tributos R$")), b.m(tax), size=0.9)
        b.t(f"({money(share, 'de')}%) Fonte: IBPT", size=0.9)
    else:  # IBPT's wording: the parts only, each before its word (the label is their sum)
        b.t(f"Trib aprox R$ {b.m(fed)} Federal, R$ {b.m(tax - fed)} Estadual e R$ 0,00 Municipal Fonte: IBPT",
            size=0.9)
    d.p_tax = tax
    b.footer()


def fecha_hora(b: Receipt, r: random.Random) -> None:
    """A Latin American ticket's date line: "Fecha: … ‖ Hora: …", or the date and time together."""
    if r.random() < 0.5:
        b.lr(f"Fecha: {b.date()}", f"Hora: {b.time()}")
    else:
        b.t(f"{b.date()} {b.time()}")


def rc_mx(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Mexican ticket: SUBTOTAL (net), IVA 16 %, TOTAL, often the total in words; 'para facturar' notes."""
    b.v = dict(b.v, cash=r.choice(("EFECTIVO", "Efectivo", "PAGO EFECTIVO")), change=r.choice(("CAMBIO", "Su cambio")),
               card=r.choice(("TARJETA", "T. CRÉDITO", "T. DÉBITO")), amount=r.choice(("IMPORTE", "Importe")))
    b.header(legal_p=0.8)
    if r.random() < 0.4:
        b.t(f"Sucursal: {r.choice(('Centro', 'Roma', 'Plaza Satélite', 'Norte'))}", "c")
    b.t(r.choice(("TICKET DE VENTA", f"Ticket: {digits(r, '######')}", f"Folio: {digits(r, '@-#####')}")), "c",
        bold=True)
    fecha_hora(b, r)
    b.t(f"{b.w('cashier')}: {d.cashier}")
    table_line(b)
    b.items(r.choice(("cols", "plain")), "below")
    b.sep()
    vat = sum((g.vat for g in d.groups), D(0))
    net = sum((g.net for g in d.groups), D(0))
    if r.random() < 0.75:
        b.lr("SUBTOTAL", b.m(net))
        b.lr(r.choice(("IVA 16%", "I.V.A.", "IVA")), b.m(vat))
        d.p_net, d.p_tax = net, vat
        b.total("TOTAL", d.total, r.choice(("", "amt")))
    else:
        b.total(r.choice(("TOTAL", "TOTAL A PAGAR")), d.total, r.choice(("", "amt")))
        b.t("IVA INCLUIDO", "c")
    if r.random() < 0.6:
        pesos, cents = divmod(int(d.total * 100), 100)
        word = "PESO" if pesos == 1 else "PESOS"
        b.t(f"({spanish_words(pesos)} {word} {cents:02d}/100 M.N.)", "c", size=0.9)
    b.payment()
    if d.shop == "r" and r.random() < 0.6:
        b.lr(r.choice(("PROPINA SUGERIDA 10%", "Propina sugerida (10%)")), b.cm(q2(d.total / 10)))
        b.t("La propina no está incluida", "c")
    b.nitems()
    b.gap()
    core = "".join(c for c in d.brand.lower() if c.isascii() and c.isalnum())[:14] or "tienda"
    b.t(r.choice((f"Para facturar ingrese a www.{core}.com.mx/facturacion",
                  "Este ticket es válido para facturar solo durante el mes de su compra",
                  "Solicite su factura el mismo mes de su compra")), "c", size=0.9)
    if d.pay == "card" and r.random() < 0.5:
        b.slip()
    b.footer(web=False)


def rc_za(b: Receipt, d: Doc, r: random.Random) -> None:
    """A South African tax invoice: prices incl. 15 % VAT (basic food zero-rated), the VAT summed below."""
    b.v = dict(b.v, net=r.choice(("Excl VAT", "Taxable", "Vatable Amt")), incl=r.choice(("VAT incl.", "Incl VAT")))
    b.header()
    b.t(r.choice(("TAX INVOICE", "Tax Invoice")), "c", bold=True)
    b.meta()
    table_line(b)
    b.items("plain", "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "TOTAL DUE", "AMOUNT DUE", "TOTAL INCL VAT")), cur=r.choice(("", "amt")))
    kind = r.choice(("full", "netvat", "incl", "sums"))
    if kind == "sums":
        tax = sum((g.vat for g in d.groups), D(0))
        b.lr(r.choice(("TOTAL EXCL VAT", "Total Excl. VAT")), b.m(d.total - d.rounding - tax))
        b.lr(r.choice(("TOTAL VAT", "VAT @ 15%", "VAT 15%")), b.m(tax))
        d.p_net, d.p_tax = d.total - d.rounding - tax, tax
    else:
        b.vat_table(kind)
    b.payment()
    if d.pay == "card" and r.random() < 0.6:
        b.slip()
    b.footer()


def rc_nz(b: Receipt, d: Doc, r: random.Random) -> None:
    """A New Zealand GST receipt: prices incl. 15 % GST, the GST in the total printed below it."""
    b.v = dict(b.v, vat="GST")
    b.header()
    b.t(r.choice(("TAX INVOICE", "GST Receipt", "Tax Invoice")), "c", bold=True)
    b.meta()
    table_line(b)
    b.items("plain", "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "Total", "TOTAL NZD")), cur=r.choice(("", "amt")))
    tax = sum((g.vat for g in d.groups), D(0))
    b.lr(r.choice(("GST included in total", "Includes GST of", "GST 15% incl", "GST Content")), b.m(tax))
    d.p_tax = tax
    b.payment()
    if d.pay == "card" and r.random() < 0.7:
        b.slip()
    b.footer()


def rc_tr(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Turkish fiscal receipt (fiş): every amount after an asterisk, KDV per rate and TOPKDV, TOPLAM, Z and EKÜ
    numbers; the currency rarely printed."""
    b.star = r.random() < 0.8
    b.header(legal_p=0.9)
    if r.random() < 0.5:
        b.lr(f"TARİH : {b.date()}", f"SAAT : {b.time()}")
    else:
        b.t(f"TARİH: {b.date()}")
        b.t(f"SAAT: {b.time()}")
    b.lr("FİŞ NO:", f"{r.randint(1, 9999):04d}")
    table_line(b)
    b.items(r.choice(("pct", "plain")), "below")
    b.sep()
    tax = sum((g.vat for g in d.groups), D(0))
    if r.random() < 0.6:
        for g in d.groups:
            b.lr(f"KDV %{money(g.rate, 'de', False, 0)}", b.m(g.vat))
    b.lr(r.choice(("TOPKDV", "TOPLAM KDV")), b.m(tax))
    d.p_tax = tax
    b.total(r.choice(("TOPLAM", "TOPLAM", "GENEL TOPLAM")), d.total, cur=r.choice(("", "", "TL")), big=True)
    b.payment()
    b.t(f"Z NO: {r.randint(1, 2000):04d}   EKÜ NO: {r.randint(1, 9):04d}", "c")
    b.t(digits(r, "MF @@ ##########"), "c", bold=True)
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=False)


def rc_ro(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Romanian bon fiscal: quantities above the article, VAT letters, TOTAL (LEI), TVA per letter and TOTAL TVA,
    the fiscal id and date at the bottom."""
    if d.legal and not d.legal.startswith("S.C.") and r.random() < 0.5:
        d.legal = "S.C. " + d.legal
    b.header(legal_p=0.95)
    b.t("BON FISCAL", "c", bold=True)
    b.items("flag", r.choice(("above", "below")))
    b.sep()
    if r.random() < 0.5:
        b.lr("SUBTOTAL", b.m(d.goods))
    b.total(r.choice(("TOTAL", "TOTAL LEI", "TOTAL")), d.total, cur=r.choice(("", "amt")), big=True)
    b.payment()
    b.sep()
    tax = sum((g.vat for g in d.groups), D(0))
    for g in d.groups:
        b.lr(f"TVA {g.code} {money(g.rate, 'de', False, 2)}%", b.m(g.vat))
    b.lr("TOTAL TVA", b.m(tax))
    d.p_tax = tax
    b.t(f"{b.w('no')} {r.randint(1, 9999)}   Z: {r.randint(1, 900):04d}")
    if r.random() < 0.5:
        b.lr(f"DATA: {b.date()}", f"ORA: {b.time()}")
    else:
        b.t(f"{b.date()} {b.time()}")
    b.t(digits(r, "ID UNIC: ####################"), size=0.9)
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=r.random() < 0.5)


def rc_fi(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Finnish receipt: YHTEENSÄ, cash rounded to 5 cents, an ALV table (ALV % / Veroton / Vero / Verollinen)."""
    b.header()
    b.meta()
    table_line(b)
    b.items("plain", "below")
    b.sep()
    tot_incl(b, word=r.choice(("YHTEENSÄ", "Yhteensä", "YHTEENSÄ EUR")), cur=r.choice(("", "amt")))
    b.payment()
    b.gap()
    b.v = dict(b.v, vat=r.choice(("Vero", "VERO", "ALV")))
    b.vat_table(r.choice(("full", "full", "netvat")))
    if d.pay == "card" and r.random() < 0.5:
        b.slip()
    b.footer()


def rc_hu(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Hungarian NYUGTA: whole forints ("1 299", thousands by a space or not at all), VAT letters beside the
    amounts, RÉSZÖSSZEG / ÖSSZESEN (cash rounded to 5 Ft: KEREKÍTÉS, FIZETENDŐ), the VAT per letter, the AP
    number and the NAV check code."""
    b.header(legal_p=0.9)
    b.t(r.choice(("NYUGTA", "NYUGTA", "Nyugta")), "c", bold=True)
    table_line(b)
    b.items("flag", r.choice(("below", "onqty")))
    b.sep()
    if not d.rounding and r.random() < 0.4:
        b.lr(b.w("sub"), b.m(d.goods))
    tot_incl(b, word=r.choice(("ÖSSZESEN", "ÖSSZESEN:", "Összesen")), cur=r.choice(("", "amt")))
    b.payment()
    b.sep()
    tax = sum((g.vat for g in d.groups), D(0))
    if r.random() < 0.5:
        for g in d.groups:
            b.lr(f"{g.code} {money(g.rate, 'fr', False, 0)}% {b.w('vat')}", b.m(g.vat))
        if len(d.groups) > 1:
            b.lr(r.choice(("ÁFA ÖSSZESEN", "Összes ÁFA")), b.m(tax))
        d.p_tax = tax
    else:
        b.vat_table(r.choice(("incl", "full", "netvat")))
    b.lr(f"{b.w('no')} {r.randint(1, 9999):04d}/{r.randint(1, 999):05d}", b.time())
    b.t(b.date())
    b.t(digits(r, "AP @########"))
    if r.random() < 0.6:
        b.t(digits(r, "NAV ellenőrző kód: @#@#@"), size=0.9)
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=r.random() < 0.5)


def rc_cl(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Chilean boleta electrónica: whole pesos with a dot for thousands ("$13.848"), IVA 19 % included and stated
    below the total ("El IVA de esta boleta es"), cash rounded to 10 pesos, the SII's electronic stamp."""
    b.v = dict(b.v, cash=r.choice(("EFECTIVO", "Efectivo")), change=r.choice(("VUELTO", "Vuelto", "CAMBIO")),
               card=r.choice(("TARJETA DEBITO", "REDCOMPRA", "T. CREDITO")), round=r.choice(("REDONDEO", "Redondeo")),
               amount=r.choice(("IMPORTE", "MONTO", "Monto")))
    b.header(legal_p=0.9)
    b.t(r.choice(("BOLETA ELECTRONICA", "BOLETA ELECTRÓNICA", "Boleta Electrónica")), "c", bold=True)
    b.t(f"N° {digits(r, r.choice(('######', '#######', '########')))}", "c", bold=True)
    if r.random() < 0.5:
        b.lr(f"Fecha: {b.date()}", f"Hora: {b.time()}")
    else:
        b.t(f"{r.choice(('Fecha Emisión', 'FECHA'))}: {b.date()} {b.time()}")
    if r.random() < 0.6:
        b.t(f"{r.choice(('Cajero', 'Vendedor', 'Caja'))}: {d.cashier}")
    table_line(b)
    b.items(r.choice(("cols", "plain")), "below")
    b.sep()
    tot_incl(b, word=r.choice(("TOTAL", "TOTAL $", "Total")), cur=r.choice(("", "amt")), big=True)
    b.payment()
    vat = sum((g.vat for g in d.groups), D(0))
    net = sum((g.net for g in d.groups), D(0))
    how = r.choice(("sentence", "sentence", "lines"))
    if how == "sentence":
        b.t(f"El IVA de esta boleta es: {b.cm(vat)}", "c")
    else:
        b.lr(r.choice(("Monto Neto", "NETO")), b.m(net))
        b.lr(r.choice(("IVA 19%", "I.V.A. 19%")), b.m(vat))
        d.p_net = net
    d.p_tax = vat
    b.gap()
    b.t("Timbre Electrónico SII", "c", size=0.9)
    b.t(r.choice(("Res. 80 de 2014 - Verifique documento: www.sii.cl", "Verifique en www.sii.cl")), "c", size=0.85)
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=r.random() < 0.4)


def rc_co(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Colombian factura electrónica de venta (POS): NIT, whole pesos ("$154.300"), SUBTOTAL (the base) / IVA
    per rate (restaurants: INC 8 %) / TOTAL A PAGAR, EFECTIVO / CAMBIO, the DIAN resolution and the CUFE."""
    b.v = dict(b.v, cash=r.choice(("EFECTIVO", "Efectivo")), change=r.choice(("CAMBIO", "Cambio", "SU CAMBIO")),
               card=r.choice(("TARJETA", "T. DEBITO", "T. CREDITO", "DATAFONO")),
               round=r.choice(("AJUSTE AL PESO", "Redondeo")), amount=r.choice(("IMPORTE", "VALOR", "Valor")))
    b.header(legal_p=0.85)
    b.t(r.choice(("FACTURA ELECTRÓNICA DE VENTA", "Factura electrónica de venta", "FACTURA DE VENTA POS")), "c",
        bold=True)
    b.t(f"No. {r.choice(('FE', 'POS', 'FEV'))}{digits(r, '#####')}", "c")
    fecha_hora(b, r)
    b.t(f"{r.choice(('Cajero', 'Vendedor', 'Atendido por'))}: {d.cashier}")
    table_line(b)
    b.items(r.choice(("cols", "plain")), "below")
    b.sep()
    net = sum((g.net for g in d.groups), D(0))
    b.lr(r.choice(("SUBTOTAL", "Subtotal", "BASE GRAVABLE")), b.m(net))
    for g in d.groups:
        word = "INC" if d.shop == "r" and g.rate == 8 else "IVA"
        b.lr(f"{word} {money(g.rate, 'de', False, 0)}%", b.m(g.vat))
    d.p_net, d.p_tax = net, sum((g.vat for g in d.groups), D(0))
    if d.rounding:
        b.lr(b.w("round"), b.m(d.rounding))
    b.total(r.choice(("TOTAL A PAGAR", "TOTAL", "Total a pagar")), d.total, r.choice(("", "amt")), big=True)
    b.payment()
    b.gap()
    b.t(digits(r, "Resolución DIAN No. 18764######## de 2024"), "c", size=0.85)
    b.t("CUFE: " + "".join(r.choice("0123456789abcdef") for _ in range(48)), size=0.8)
    if d.pay == "card" and r.random() < 0.4:
        b.slip()
    b.footer(web=r.random() < 0.4)



def rc_jp(b: Receipt, d: Doc, r: random.Random) -> None:
    """A Japanese レシート: whole yen ("¥1,280", "1,280円" or bare), the reduced 8 % rate marked beside the amount
    (※/軽), tax included (内税: "(10%対象 ¥1,100 内消費税等 ¥100)") or added on top (外税, rounded down), 小計 / 合計,
    お預り / お釣り, and since 2023 the invoice registration number (登録番号 T + 13 digits)."""
    b.affix = r.choice(((r.choice(("¥", "¥", "￥")), ""), ("", ""), ("", "円")))
    b.header(legal_p=0.5)
    title = r.random()
    if title < 0.6:
        b.t(b.w("title"), "c", bold=True, size=1.2 if title < 0.3 else 1.0)
    dt = f"{b.date()} {b.time()}"
    if r.random() < 0.5:
        b.lr(dt, f"{b.w('till')}{d.till:04d}")
    else:
        b.t(dt)
        b.lr(f"{b.w('no')}{d.rno}", f"{b.w('cashier')}:{d.cashier}")
    table_line(b)
    b.items(r.choice(("flag", "flag", "cols", "plain")), r.choice(("below", "onqty", "inline")))
    b.sep()
    n = sum(int(ln.qty) for ln in d.lines if ln.kind == "item")
    sub = b.w("sub") if r.random() < 0.5 else f"{b.w('sub')} ({n}点)"
    tax = sum((g.vat for g in d.groups), D(0)) if not d.added else sum((x for _, x in d.taxes), D(0))
    if d.added:  # 外税: the subtotal is net, the tax is added per rate
        tot_added(b, sub=sub, word=b.w("total"), cur=r.choice(("", "amt")))
    else:
        if r.random() < 0.6:
            b.lr(sub, b.m(d.goods))
        b.total(b.w("total"), d.total, r.choice(("", "amt")))
    b.payment()
    if not d.added:  # 内税: what each rate's gross includes
        how = r.choice(("pairs", "pairs", "one", "rows"))
        incl = b.w("incl")
        if how == "one":
            b.t(f"({incl} {b.m(tax)})")
        for g in d.groups if how != "one" else ():
            rate = f"{money(g.rate, 'en', False, 0)}%"
            if how == "pairs":
                b.lr(f"({rate}対象", f"{b.m(g.gross)})")
                b.lr(f"({incl}", f"{b.m(g.vat)})")
            else:
                b.lr(f"{rate}対象 {b.m(g.gross)}", f"{incl} {b.m(g.vat)}")
        d.p_tax = tax
    if any(d.rates[ln.cls] == 8 for ln in d.lines) and d.codes:
        b.t(f"{d.codes[D(8)]}印は軽減税率(8%)適用商品です", size=0.9)
    if r.random() < 0.4:
        b.loyalty(None)
    if d.pay == "card" and r.random() < 0.3:
        b.slip()
    b.footer(web=r.random() < 0.3)


RECIPES = {"DE": rc_de, "AT": rc_at, "CH": rc_ch, "FR": rc_fr, "BE": rc_be, "IT": rc_it, "ES": rc_es, "PT": rc_pt,
           "NL": rc_nl, "PL": rc_pl, "CZ": rc_cz, "SE": rc_se, "DK": rc_dk, "NO": rc_no, "IE": rc_uk, "GB": rc_uk,
           "US": rc_us, "CA": rc_ca, "AU": rc_au, "IN": rc_in, "MY": rc_my_sg, "SG": rc_my_sg, "BR": rc_br,
           "MX": rc_mx, "ZA": rc_za, "NZ": rc_nz, "TR": rc_tr, "RO": rc_ro, "FI": rc_fi,
           "HU": rc_hu, "CL": rc_cl, "CO": rc_co, "JP": rc_jp}
