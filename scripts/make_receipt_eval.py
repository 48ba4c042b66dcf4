#!/usr/bin/env python3
"""Generate an evaluation set of till receipts from 9 countries in 8 languages (photos and scans) with labels.

Usage::

    .venv/bin/python scripts/make_receipt_eval.py --out var/rcpt-5001 --n 60 --seed 5001
    .venv/bin/python scripts/make_receipt_eval.py --out var/rcpt-turned --n 40 --seed 5101 --turned 1
    .venv/bin/python scripts/make_receipt_eval.py --out var/rcpt-persp --n 60 --seed 5201 --perspective 1
    OCR_LANG=auto .venv/bin/python scripts/eval.py var/rcpt-5001 --cache-dir /work/cache/ocr

Receipts that are not Malaysian (SROIE) nor Russian (``make_ru_eval.py``): German, Swiss, French, Dutch, Spanish,
Italian, Polish, British and US till receipts, in a monospace font, photographed or scanned (the degradations of
``make_ru_eval.py``). Kept out of the tuning loop's vocabulary: its own shop names, items and label variants,
unrelated to ``scripts/make_samples.py``. Write it under ``var/`` (git-ignored). Same seed, same files.

What varies, per receipt: the country (so language, currency, number style "1.234,56" / "1 234,56" / "1'234.50" /
"1,234.56", date order); where the date is printed (top or bottom, with a time); item lines (one line, or a quantity
line "2 x 1,99" under the name); the total's wording; cash with change, or a card; VAT as a rate table with net /
VAT / gross columns (one or two rates, with a sum row for two), as a "VAT included" line, as US sales tax added to a
subtotal, or not printed; the currency as a code on the total line, a sign on every price, or only implied by the
country (address, VAT id). Asked for (so that the other seeds stay the same): photos taken sideways or upside down
(``--turned``) and seen at an angle (``--perspective``: a keystone, one edge up to 25 % narrower).

``<file>.expected.json`` follows ``invoices-dev``'s conventions (``"conventions": "invoices-dev"``): merchant = the
shop's name as printed on its first line; date = the purchase date; total = what the receipt charges (not the cash
handed over); subtotal = the printed net amount (the net column of a one-rate table, the sum row of a two-rate one,
the US "Subtotal"; ``null`` when none is printed); tax_amount = the printed VAT or sales tax (summed over rates;
``null`` when none is printed).
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_ru_eval import Fonts, degrade, find_fonts, q, write_labels  # noqa: E402

D = Decimal
MONO = ("DejaVuSansMono.ttf", "LiberationMono-Regular.ttf", "FreeMono.ttf")
BOLD = ("DejaVuSansMono-Bold.ttf", "LiberationMono-Bold.ttf", "FreeMonoBold.ttf", "DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class Locale:
    """What one country's till receipts print."""

    country: str
    currency: str
    sign: str  # printed after (or, for £ and $, before) each price when prices carry a sign
    decimal: str
    thousands: str
    date_order: str  # "dmy" / "mdy" / "ymd"
    date_sep: str
    shops: tuple[str, ...]
    streets: tuple[str, ...]
    tax_id: tuple[str, ...]
    items: tuple[str, ...]
    total: tuple[str, ...]
    cash: str
    change: str
    card: tuple[str, ...]
    vat: str  # the tax's name
    net: str
    gross: str
    vat_included: str  # "incl. VAT" line text, with {rate}
    rates: tuple[int, ...]
    thanks: tuple[str, ...]
    date_word: str  # printed before the date on some receipts


LOCALES: tuple[Locale, ...] = (
    Locale("DE", "EUR", "€", ",", ".", "dmy", ".",
           ("Bäckerei Lindner", "Frischmarkt Kowalski", "Getränke Albers GmbH", "Drogerie Seidel",
            "Naturkost Hofmann e.K."),
           ("Lindenallee 14, 04109 Leipzig", "Marktplatz 3, 93047 Regensburg", "Bahnhofstr. 22, 24103 Kiel"),
           ("USt-IdNr.: DE{n9}", "St.-Nr. {n3}/{n3}/{n5}"),
           ("Vollkornbrot", "Butterbrezel", "Apfelschorle 0,5l", "Bio-Milch 1l", "Gouda Scheiben", "Bananen",
            "Kaffee Crema 500g", "Duschgel", "Tomaten", "Pfandbon"),
           ("SUMME", "Summe EUR", "zu zahlen", "GESAMT"), "Bar", "Rückgeld", ("EC-Karte", "Kartenzahlung", "girocard"),
           "MwSt", "Netto", "Brutto", "enth. MwSt {rate}%", (7, 19), ("Vielen Dank für Ihren Einkauf!",
                                                                    "Bitte beehren Sie uns bald wieder"), "Datum"),
    Locale("CH", "CHF", "", ".", "'", "dmy", ".",
           ("Metzgerei Brunner", "Bio Laden Fankhauser", "Papeterie Gerber AG", "Confiserie Keller"),
           ("Spitalgasse 8, 3011 Bern", "Seestrasse 41, 8002 Zürich"),
           ("MWST-Nr. CHE-{n3}.{n3}.{n3} MWST",),
           ("Rüeblitorte", "Cervelat", "Bergkäse 200g", "Zopf", "Mineralwasser", "Notizblock A5", "Pralinés 250g"),
           ("TOTAL CHF", "Total", "Zu bezahlen"), "Bar", "Rückgeld", ("Twint", "Maestro", "PostFinance Card"),
           "MWST", "Netto", "Brutto", "inkl. MWST {rate}%", (2.6, 8.1), ("Merci und uf Wiederluege",
                                                                        "Danke für Ihren Besuch"), "Datum"),
    Locale("FR", "EUR", "€", ",", " ", "dmy", "/",
           ("Boulangerie Morel", "Épicerie du Marché", "Primeur Lefèvre SARL", "Librairie des Quais"),
           ("12 rue des Halles, 69002 Lyon", "4 place Carnot, 44000 Nantes", "27 avenue Foch, 33000 Bordeaux"),
           ("SIRET {n9}{n5}", "N° TVA FR{n2}{n9}"),
           ("Baguette tradition", "Croissant beurre", "Pain de campagne", "Camembert", "Pommes Golden 1kg",
            "Confiture fraise", "Café moulu", "Roman poche"),
           ("TOTAL", "TOTAL TTC", "NET A PAYER"), "Espèces", "Rendu", ("CB", "Carte bancaire", "CB sans contact"),
           "TVA", "HT", "TTC", "dont TVA {rate}%", (5.5, 20), ("Merci de votre visite", "A bientôt !"), "Le"),
    Locale("NL", "EUR", "€", ",", ".", "dmy", "-",
           ("Bakkerij Visser", "Groentehandel de Boer", "Slijterij Mulder B.V.", "Drogisterij Smit"),
           ("Oudegracht 112, 3511 AX Utrecht", "Grote Markt 5, 9711 LV Groningen"),
           ("BTW NL{n9}B01", "KvK {n8}"),
           ("Volkorenbrood", "Stroopwafels", "Jonge kaas", "Appels Elstar", "Karnemelk 1l", "Drop", "Tandpasta"),
           ("TOTAAL", "Te betalen", "Totaal EUR"), "Contant", "Wisselgeld", ("PIN", "Pinbetaling", "Maestro"),
           "BTW", "Excl.", "Incl.", "incl. BTW {rate}%", (9, 21), ("Bedankt en tot ziens", "Fijne dag!"), "Datum"),
    Locale("ES", "EUR", "€", ",", ".", "dmy", "/",
           ("Panadería Ortega", "Frutas Jiménez", "Ferretería Navarro S.L.", "Farmacia Romero"),
           ("Calle Mayor 18, 28013 Madrid", "Carrer de Sants 77, 08014 Barcelona"),
           ("CIF B{n8}", "NIF B{n8}"),
           ("Barra de pan", "Magdalenas", "Naranjas 1kg", "Aceite de oliva 1l", "Jamón serrano 100g",
            "Tornillos 4x40", "Agua mineral"),
           ("TOTAL", "TOTAL A PAGAR", "TOTAL EUROS"), "Efectivo", "Cambio", ("Tarjeta", "Tarjeta crédito"),
           "IVA", "Base", "Total", "IVA incluido {rate}%", (10, 21), ("Gracias por su visita",
                                                                     "Gracias por su compra"), "Fecha"),
    Locale("IT", "EUR", "€", ",", ".", "dmy", "/",
           ("Panificio Rossi", "Alimentari Bianchi", "Ferramenta Colombo S.r.l.", "Tabaccheria Greco"),
           ("Via Garibaldi 21, 10122 Torino", "Corso Umberto 8, 80138 Napoli"),
           ("P.IVA {n9}{n2}",),
           ("Pane comune", "Cornetto", "Mozzarella", "Pomodori 1kg", "Caffè macinato", "Acqua naturale",
            "Biscotti", "Quaderno"),
           ("TOTALE", "TOTALE COMPLESSIVO", "TOTALE EURO"), "Contanti", "Resto", ("Pagamento elettronico",
                                                                                   "Bancomat", "Carta"),
           "IVA", "Imponibile", "Totale", "di cui IVA {rate}%", (10, 22), ("Grazie e arrivederci",
                                                                          "Grazie per l'acquisto"), "Data"),
    Locale("PL", "PLN", "zł", ",", " ", "ymd", "-",
           ("Piekarnia Nowak", "Sklep Spożywczy Zielińska", "Drogeria Wiśniewski Sp. z o.o.", "Kiosk Lewandowski"),
           ("ul. Długa 14, 80-827 Gdańsk", "ul. Floriańska 9, 31-019 Kraków"),
           ("NIP {n3}-{n3}-{n2}-{n2}",),
           ("Chleb żytni", "Bułka kajzerka", "Masło 200g", "Jabłka 1kg", "Kefir", "Pasta do zębów", "Woda 1,5l"),
           ("SUMA PLN", "SUMA", "DO ZAPŁATY"), "Gotówka", "Reszta", ("Karta", "Karta płatnicza"),
           "PTU", "Netto", "Brutto", "w tym PTU {rate}%", (8, 23), ("Dziękujemy za zakupy", "Zapraszamy ponownie"),
           "Data"),
    Locale("GB", "GBP", "£", ".", ",", "dmy", "/",
           ("Hartley's Bakery", "Corner Shop Patel", "Whitmore Hardware Ltd", "Fenwick Pharmacy"),
           ("14 High Street, York YO1 8RS", "3 Castle Road, Norwich NR2 1TL"),
           ("VAT No. GB {n3} {n4} {n2}",),
           ("Sourdough loaf", "Sausage roll", "Semi-skimmed milk", "Cheddar 200g", "Apples", "Paint brush",
            "Paracetamol 16"),
           ("TOTAL", "BALANCE DUE", "TOTAL TO PAY"), "Cash", "Change", ("Card", "Contactless", "VISA DEBIT"),
           "VAT", "Net", "Gross", "incl. VAT {rate}%", (20,), ("Thank you for shopping with us", "See you soon"),
           "Date"),
    Locale("US", "USD", "$", ".", ",", "mdy", "/",
           ("Maple Street Deli", "Greenway Grocers", "Hillcrest Hardware Inc.", "Sunrise Pharmacy"),
           ("1420 Alder Street, Portland, OR 97204", "88 Lake Ave, Austin, TX 78701"),
           ("Store #{n3}",),
           ("Turkey sandwich", "Bagel", "Orange juice", "Coffee 12oz", "Bananas", "Duct tape", "Batteries AA"),
           ("TOTAL", "AMOUNT DUE", "TOTAL DUE"), "CASH", "CHANGE", ("VISA", "MASTERCARD", "DEBIT"),
           "Sales tax", "Subtotal", "Total", "", (8.25,), ("Thank you!", "Have a great day"), "Date"),
)


def money(x: Decimal, loc: Locale, group: bool = True) -> str:
    whole, frac = f"{q(x):.2f}".split(".")
    if group and len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", loc.thousands)
    return f"{whole}{loc.decimal}{frac}"


def priced(x: Decimal, loc: Locale, signs: bool) -> str:
    text = money(x, loc)
    if not signs or not loc.sign:
        return text
    return f"{loc.sign}{text}" if loc.sign in "£$" else f"{text} {loc.sign}"


def digits(rng: random.Random, template: str) -> str:
    out = template
    for width in (9, 8, 5, 4, 3, 2):
        while f"{{n{width}}}" in out:
            out = out.replace(f"{{n{width}}}", str(rng.randint(10 ** (width - 1), 10 ** width - 1)), 1)
    return out


def date_text(rng: random.Random, loc: Locale) -> tuple[str, str]:
    y, m, d = rng.choice((2023, 2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(7, 21), rng.randint(0, 59)
    yy = str(y) if rng.random() < 0.7 else f"{y % 100:02d}"
    s = loc.date_sep
    day = {"dmy": f"{d:02d}{s}{m:02d}{s}{yy}", "mdy": f"{m:02d}{s}{d:02d}{s}{yy}", "ymd": f"{y}{s}{m:02d}{s}{d:02d}"}
    clock = f"{hh % 12 or 12}:{mm:02d} {'PM' if hh >= 12 else 'AM'}" if loc.country == "US" else f"{hh:02d}:{mm:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}", f"{day[loc.date_order]} {clock}"


def receipt(rng: random.Random, fonts: Fonts) -> tuple[Image.Image, dict[str, Any]]:
    loc = rng.choice(LOCALES)
    shop = rng.choice(loc.shops)
    iso, when = date_text(rng, loc)
    signs = bool(loc.sign) and rng.random() < 0.35
    cols = rng.choice((34, 38, 42))
    lines: list[tuple[str, str]] = []

    def lr(a: str, b: str) -> None:
        lines.append((a + " " * max(1, cols - len(a) - len(b)) + b, "l"))

    lines.append((shop, "c"))
    lines.append((rng.choice(loc.streets), "c"))
    lines.append((digits(rng, rng.choice(loc.tax_id)), "c"))
    date_on_top = rng.random() < 0.5
    if date_on_top:
        lines.append((f"{loc.date_word} {when}" if rng.random() < 0.5 else when, "l"))
    lines.append(("-" * cols, "l"))

    # items, each with a VAT rate (two rates on about half the receipts where the country has two)
    rates = loc.rates if len(loc.rates) > 1 and rng.random() < 0.5 else (rng.choice(loc.rates),)
    goods: list[tuple[str, int, Decimal, float]] = []
    for name in rng.sample(loc.items, rng.randint(2, min(6, len(loc.items)))):
        goods.append((name, rng.choice((1, 1, 1, 2, 3)), D(rng.randint(49, 2999)) / 100, rng.choice(rates)))
    letters = {rate: "AB"[i] for i, rate in enumerate(sorted(rates))}
    for name, n, price, rate in goods:
        tag = f" {letters[rate]}" if len(rates) > 1 or rng.random() < 0.5 else ""
        if n > 1:
            lines.append((name, "l"))
            lr(f"  {n} x {money(price, loc)}", priced(q(n * price), loc, signs) + tag)
        else:
            lr(name[: cols - 14], priced(price, loc, signs) + tag)
    lines.append(("-" * cols, "l"))

    gross_by_rate: dict[float, Decimal] = {}
    for _, n, price, rate in goods:
        gross_by_rate[rate] = gross_by_rate.get(rate, D(0)) + q(n * price)
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    total_label = rng.choice(loc.total)
    code = f" {loc.currency}" if rng.random() < 0.3 and loc.currency not in total_label else ""

    if loc.country == "US":  # sales tax added to the subtotal
        net = sum(gross_by_rate.values(), D(0))
        tax = q(net * D(str(rates[0])) / 100)
        subtotal, total = net, net + tax
        lr(loc.net, priced(net, loc, True))
        lr(f"{loc.vat} {rates[0]}%", priced(tax, loc, True))
        lr(total_label + code, priced(total, loc, True))
    else:  # VAT included in the prices
        total = sum(gross_by_rate.values(), D(0))
        lr(total_label + code, priced(total, loc, signs or not code and rng.random() < 0.3))
    # payment
    if rng.random() < 0.5:
        step = D(5) if total < 20 else D(10) if total < 50 else D(50)
        given = (total // step + 1) * step
        lr(loc.cash, money(given, loc))
        lr(loc.change, money(given - total, loc))
    else:
        lr(rng.choice(loc.card), money(total, loc))

    if loc.country != "US":
        mode = rng.choice(("table", "table", "included", "none"))
        vat_by_rate = {r: q(g * D(str(r)) / (100 + D(str(r)))) for r, g in gross_by_rate.items()}
        if mode == "table":
            lines.append(("", "l"))
            head = f"{loc.vat:<8}{loc.net:>9}{loc.vat:>8}{loc.gross:>9}"
            lines.append((head[:cols], "l"))
            for r in sorted(vat_by_rate):
                g, v = gross_by_rate[r], vat_by_rate[r]
                tag = f"{letters[r]} " if len(rates) > 1 else ""
                lines.append((f"{tag}{r}%".ljust(8) + f"{money(g - v, loc):>9}{money(v, loc):>8}{money(g, loc):>9}",
                              "l"))
            tax = sum(vat_by_rate.values(), D(0))
            subtotal = total - tax
            if len(rates) > 1:  # a sum row under two rates
                lines.append(((rng.choice(("Summe", "Total", "Suma")) if loc.country in ("DE", "CH", "PL")
                               else "Total").ljust(8)
                              + f"{money(subtotal, loc):>9}{money(tax, loc):>8}{money(total, loc):>9}", "l"))
        elif mode == "included" and loc.vat_included:
            for r in sorted(vat_by_rate):
                lr(loc.vat_included.format(rate=r), money(vat_by_rate[r], loc))
            tax = sum(vat_by_rate.values(), D(0))
    if not date_on_top:
        lines.append(("", "l"))
        lines.append((f"{loc.date_word} {when}" if rng.random() < 0.5 else when, "l"))
    lines.append((rng.choice(loc.thanks), "c"))

    size = rng.randint(19, 24)
    face = fonts.pick(rng, MONO)
    font = fonts.get(face, size)
    width = int(font.getlength("0") * cols) + 50
    step_px = round(size * rng.uniform(1.35, 1.6))
    img = Image.new("L", (width, 40 + step_px * len(lines) + 40), 255)
    draw = ImageDraw.Draw(img)
    bold = fonts.get(fonts.pick(rng, BOLD), size + 4)
    for i, (text, align) in enumerate(lines):
        f = bold if i == 0 else font
        tw = f.getlength(text)
        if tw > width - 20:
            f = fonts.get(face, size - 3)
            tw = f.getlength(text)
        x = 25 if align == "l" else (width - tw) / 2
        draw.text((x, 40 + step_px * i), text, font=f, fill=0)
    expected = {"merchant": shop, "date": iso, "currency": loc.currency,
                "subtotal": float(subtotal) if subtotal is not None else None,
                "tax_amount": float(tax) if tax is not None else None, "total": float(total),
                "conventions": "invoices-dev", "kind": "receipt", "country": loc.country, "source": "ocr",
                "pages": 1}
    return img, expected


def keystone(img: Image.Image, squeeze: float, edge: str) -> Image.Image:
    """The photo of a page seen at an angle: ``edge`` of the image narrower by ``squeeze`` of its length."""
    w, h = img.size
    dx, dy = w * squeeze / 2, h * squeeze / 2
    # where each corner of the output comes from in the input (Pillow's order: top-left, bottom-left, bottom-right,
    # top-right); reaching outside the input on one edge makes that edge of the page look narrower
    quad = {"top": (-dx, 0, 0, h, w, h, w + dx, 0), "bottom": (0, 0, -dx, h, w + dx, h, w, 0),
            "left": (0, -dy, 0, h + dy, w, h, w, 0), "right": (0, 0, 0, h, w, h + dy, w, -dy)}[edge]
    return img.transform((w, h), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC, fillcolor=90)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=5001)
    ap.add_argument("--turned", type=float, default=0.0,
                    help="share of photos taken sideways or upside down (no EXIF): turned 90, 180 or 270 degrees")
    ap.add_argument("--perspective", type=float, default=0.0,
                    help="share of photos taken at an angle: one edge of the receipt up to 25 %% narrower")
    args = ap.parse_args()
    fonts = find_fonts()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.n):
        img, expected = receipt(rng, fonts)
        photo = rng.random() < 0.6
        img = degrade(img, rng, photo)
        if args.perspective and rng.random() < args.perspective:  # drawn only when asked, as below
            img = keystone(img, rng.uniform(0.1, 0.25), rng.choice(("top", "bottom", "left", "right")))
            expected["perspective"] = True
        if args.turned and rng.random() < args.turned:  # drawn only when asked: the other seeds stay the same
            turn = rng.choice((90, 180, 270))
            img = img.rotate(turn, expand=True)
            expected["turned"] = turn
        name = f"rcpt_{i:03d}_{expected['country'].lower()}.jpg"
        img.save(args.out / name, format="JPEG", quality=rng.randint(50, 90))
        write_labels(args.out / name, expected)
    print(f"{args.n} receipts in {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
