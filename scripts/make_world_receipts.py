#!/usr/bin/env python3
"""Generate labelled till receipts from 22 countries (eleven more on request) as phone photos and flat scans
(independent of the extractor).

Usage::

    python scripts/make_world_receipts.py --out var/world-1 --n 60 --seed 41001 [--photo 0.7]

Writes ``DIR/<stem>.jpg`` and ``DIR/<stem>.jpg.expected.json``; stems are ``NNN-<cc>_<shop>-<source>``. About
``--photo`` of the documents are phone photos (paper on a darker table, tilt up to +-4 degrees (mostly less), slight
perspective, paper curl, uneven light and shadow, blur, noise, thermal fading, JPEG q65-92), the rest flat scans (grey
paper on the glass, +-1.5 degree skew, q72-92). Images stay under 2.4 megapixels; the receipt's base font is 18-24 px
and never below 14 px. Countries come round-robin (every country once per round, US twice), so small sets cover all.
All randomness flows from ``random.Random(seed)`` (numpy Generators are seeded from it), so a seed gives identical
bytes for the same library versions (Pillow/FreeType, OpenCV, numpy, libjpeg). Needs the DejaVu TTFs
(fonts-dejavu-core); each receipt uses the first font family of a random preference that covers every character drawn.

Countries and shops: DE AT CH FR BE IT ES PT NL PL CZ SE DK NO IE GB US CA AU IN MY SG; grocery, restaurant/cafe,
other retail. ``--countries more`` draws four more instead (BR MX ZA NZ: a Brazilian NFC-e whose only tax figure is
the approximate taxes of Lei 12.741, a Mexican ticket with SUBTOTAL/IVA/TOTAL and the total in words, South African
and New Zealand tax invoices with 15 % VAT/GST and "R"/"$" amounts); ``--countries more2`` three more (TR RO FI: a
Turkish fiş with asterisked amounts, KDV and TOPKDV, a Romanian bon fiscal with VAT letters and "lei", a Finnish
receipt with an ALV table); ``--countries more3`` three whose currencies print no decimals (HU CL CO: a Hungarian
NYUGTA in whole forints grouped by a space, "4 208", a Chilean boleta electrónica and a Colombian factura
electrónica in whole pesos with a dot for thousands, "$115.738"); ``--countries more4`` Japan (JP: a レシート in
whole yen, "¥1,280", "1,280円" or bare, tax included (内税, "(10%対象 ¥1,100)" / "(内消費税等 ¥100)") or added per
rate (外税, rounded down), the reduced 8 % rate marked ※ or 軽, era dates "令和6年7月6日", the invoice registration
number "登録番号 T" + 13 digits; drawn with the IPA fonts, fonts-ipafont-gothic and -mincho); they are kept out of
the default so that every earlier seed still gives the same receipts. Each country has its own recipe (wording, VAT
table, fiscal block such as the German TSE, the Austrian RKSV QR, the Italian RT "documento commerciale", the
Portuguese ATCUD, the Polish "paragon fiskalny", the Belgian FDM). Language ("lang", ISO 639-1; "no" for Norwegian):
BE nl or fr, CH de or fr, CA en or fr (Québec), else the country's. Traps a reader must not fall for: cash tendered
and change, card-slip amounts, a gross "Zwischensumme"/"Subtotal" before a coupon, savings lines ("Sie haben 3,20
gespart"), points balances ("Punktestand: 1.234"), phone numbers, share capital ("au capital de 10 000 €"), receipt
numbers like "0187.042" or "12.47", suggested-tip tables, service charges, deposit returns and voided lines with
negative amounts.

Labels ("invoices-dev"):
- merchant: the store/issuer name as printed in the header. When a receipt prints both a brand line and a legal-entity
  line, the merchant is the one printed first and biggest at the top (the brand), never the legal entity below it;
  when the header shows only the legal entity (about 10 %), that is the merchant. ``merchant_legal`` (since stop 38):
  the legal entity's name (without a registration number or share capital) when the header prints it under the
  brand or with such a number, else null — the name SROIE's labels give (``scripts/eval.py`` scores
  ``merchant~brand|legal`` against either).
- date: the transaction date (YYYY-MM-DD); Malaysian GST receipts are dated 2016-2018, all others 2024-04..2025-10.
- currency: ISO 4217, also when only a sign ("€", "kr", "RM") or nothing shows it (then the country's currency).
- total: what the customer paid for the goods, tax included: after the cash rounding the receipt prints ("Rundung",
  "Afronding", "Öresavrundning", "Rounding Adj", "Round Off"), including deposits and service charges. A tip counts
  only when the printed final total includes it (a US receipt with "Tip" and "Total" lines, or a card slip printing
  "TIP 9.68 / TOTAL 63.48"); a blank "TIP ____ / TOTAL ____" slip or a suggested-tip table does not count. Never the
  cash tendered or the change. (Canadian cash: the change is rounded to 0.05, the printed total is not.)
- subtotal: a printed net amount before tax: a US/CA/IN/MY/SG "Subtotal" before the taxes added on top (US sales tax
  applies to the taxable items only; Oregon prints none), the sum of the net column of a VAT table (Netto, HT, Base
  imponible, Imponibile, Incidência, Over/Excl., Základ, Grunnlag, Taxable, Amount(RM)), else null. A gross
  "Zwischensumme"/"Subtotal" of VAT-inclusive prices (also before a UK service charge) is not a net amount (null).
- tax_amount: the printed tax summed over rates (Japan: the 内消費税等 or 外税 of the 10 % and 8 % rates) and over
  CGST+SGST, GST+PST, TPS+TVQ; 0.0 when a zero tax is
  printed (zero-rated food only); null when no tax figure is printed (a UK shop that is not VAT-registered, Oregon).
  Brazil: the approximate taxes the NFC-e must print (Lei 12.741, "Tributos Totais Incidentes"), summed when split
  into federal and state parts.
Arithmetic holds to the cent: VAT-inclusive receipts: per rate net + VAT = gross (VAT = gross x rate / (100 + rate),
rounded half up), goods + service charge + rounding = total; tax-added receipts: subtotal + service charge + taxes
+ included tip + rounding = total.

Companions beside it: ``world_receipts_locales.py`` (country data, wording, items, formats) and
``world_receipts_layouts.py`` (document model, receipt blocks, one recipe per country).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP
from functools import cache, lru_cache
from pathlib import Path

import cv2
import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from world_receipts_layouts import RECIPES, Doc, Grp, Line, Receipt, Row
from world_receipts_locales import (
    BRANDS,
    CITYNAMES,
    FIRST,
    ITEMS,
    LOCS,
    MY_GST,
    SURNAMES,
    TRADE,
    D,
    V,
    digits,
    nice_price,
    pick,
    q2,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = {  # regular, bold
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "monobold": ("DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Bold.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "serif": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
}
CJK_DIR = Path("/usr/share/fonts/opentype")  # Debian's fonts-ipafont-gothic / -mincho (no bold faces)
CJK_FAMILIES = {
    "jgothic": (str(CJK_DIR / "ipafont-gothic/ipag.ttf"),) * 2,  # fixed pitch, as a till prints
    "jpgothic": (str(CJK_DIR / "ipafont-gothic/ipagp.ttf"),) * 2,
    "jmincho": (str(CJK_DIR / "ipafont-mincho/ipam.ttf"),) * 2,
}
FAMILIES.update(CJK_FAMILIES)  # (absolute paths: FONT_DIR / path is the path)
COUNTRIES = "DE AT CH FR BE IT ES PT NL PL CZ SE DK NO IE GB US CA AU IN MY SG US".split()
MORE_COUNTRIES = "BR MX ZA NZ".split()  # --countries more: added at stop 38, kept out of the default round-robin so
# that every earlier seed still gives the same receipts
MORE2_COUNTRIES = "TR RO FI".split()  # --countries more2: Turkey, Romania, Finland (stop 38, later)
MORE3_COUNTRIES = "HU CL CO".split()  # --countries more3: whole forints and pesos ("13 848 Ft", "$13.848"; stop 39)
MORE4_COUNTRIES = ["JP"]  # --countries more4: Japanese receipts in whole yen, read by the CJK recognizer (stop 40)
SHOPS = {"g": "grocery", "r": "resto", "n": "retail"}
DEPOSIT = {"DE": ("0.25", "0.15"), "NL": ("0.15", "0.25"), "DK": ("1.50", "2.00"), "NO": ("2.00", "3.00"),
           "SE": ("1.00", "2.00")}
NOTES = {"CZK": (100, 200, 500, 1000, 2000), "SEK": (50, 100, 200, 500), "DKK": (50, 100, 200, 500),
         "NOK": (100, 200, 500), "INR": (100, 200, 500), "PLN": (20, 50, 100, 200), "CHF": (10, 20, 50, 100, 200),
         "BRL": (10, 20, 50, 100, 200), "MXN": (20, 50, 100, 200, 500), "ZAR": (10, 20, 50, 100, 200),
         "TRY": (50, 100, 200), "RON": (10, 50, 100, 200), "HUF": (500, 1000, 2000, 5000, 10000, 20000),
         "CLP": (1000, 2000, 5000, 10000, 20000), "COP": (2000, 5000, 10000, 20000, 50000, 100000)}
CA_TAX = {"ON": (("HST", "13"),), "AB": (("GST", "5"),), "BC": (("GST", "5"), ("PST", "7")),
          "QC": (("GST", "5"), ("QST", "9.975"))}


def region(cc: str, lang: str) -> str:
    if lang != "en":
        return {"BR": "pt_br", "MX": "es_mx", "CL": "es_cl", "CO": "es_co"}.get(cc, lang)
    return {"US": "en_us", "CA": "en_us", "AU": "en_au", "IN": "en_in", "MY": "en_my", "SG": "en_sg", "ZA": "en_za",
            "NZ": "en_nz"}.get(cc, "en")


def catalogue(cc: str, lang: str, shop: str) -> tuple[list[list[str]], bool]:
    reg = region(cc, lang)
    for key in (reg, lang):
        if key in ITEMS and shop in ITEMS[key]:
            return [e.split(";") for e in ITEMS[key][shop].split("|")], key in ("en_in", "en_my", "en_sg")
    return [e.split(";") for e in ITEMS["en"][shop].split("|")], False


def round_to(x: D, step: D) -> D:
    return ((x / step).quantize(D(1), ROUND_HALF_UP) * step).quantize(D("0.01"))


def q0(x: D) -> D:
    """To whole units (forints, pesos), as those receipts print every amount."""
    return round_to(x, D(1))


def tendered(r: random.Random, total: D, cur: str) -> D:
    notes = NOTES.get(cur, (5, 10, 20, 50, 100))
    if r.random() < 0.12:
        return total
    if r.random() < 0.3:
        step = D(notes[0]) / (D(10) if notes[0] >= 100 else D(5))
        return (total / step).to_integral_value(ROUND_CEILING) * step if total % step else total + step
    big = [n for n in notes if n >= total]
    if big:
        return D(big[0] if r.random() < 0.7 or len(big) == 1 else big[1])
    return D(notes[-1] * (int(total) // notes[-1] + 1))


def make_doc(r: random.Random, cc: str, shop: str) -> Doc:
    """Draw the receipt's content: merchant, date, items, tax groups, payment and the amounts that follow."""
    L = LOCS[cc]
    langs = L.langs.split("|")
    lang = langs[0] if len(langs) == 1 or r.random() < 0.65 else langs[1]
    if cc == "CA" and lang == "fr":  # Québec: 1 234,56 $
        L = replace(L, num="fr", dates="{yyyy}-{mm}-{dd}|{dd}/{mm}/{yyyy}|{d} {month} {yyyy}",
                    times="{HH}:{MM}|{HH} h {MM}")
    v, reg = V[lang], region(cc, lang)
    names = {"en_sg": "en_my", "en_au": "en"}.get(reg, reg)
    sur, first = pick(r, SURNAMES.get(names, SURNAMES[lang])), pick(r, FIRST.get(names, FIRST[lang]))
    fr = lang == "fr" and "cities_fr" in L.extra
    city, _, ctag = pick(r, L.extra["cities_fr"] if fr else L.cities).partition("=")
    street = pick(r, L.extra["streets_fr"] if fr else L.streets).format(n=r.randint(1, 240), k=r.randint(1, 40))
    cname = pick(r, CITYNAMES[cc]) if cc in CITYNAMES else city.split()[-1]
    brand = pick(r, BRANDS.get(reg, BRANDS[lang])[shop]).format(S=sur, F=first, C=cname)
    trades = TRADE.get(reg, TRADE.get(lang, TRADE["en"])).split("|")
    hosp = [t for t in trades if re.search("gastr|resta|horeca|host|ristor|foodserv|hospit", t, re.I)]
    trade = r.choice(hosp if shop == "r" and hosp else [t for t in trades if t not in hosp] or trades)
    form = pick(r, L.forms)
    head = brand.split()[0]  # ("Martinez's", "McDonald's" stay so: str.title() would print "Martinez'S")
    word = head[:1].upper() + (head[1:].lower() if head.isupper() else head[1:]) if len(head) > 3 else sur
    legal = r.choice((f"{sur} {trade} {form}", f"{word} {trade} {form}", f"{sur} {form}"))
    if cc in ("DE", "AT") and r.random() < 0.25:
        legal = f"Inh. {first} {sur}"
    if cc == "FR" and r.random() < 0.5:
        legal = f"{form} {word} {trade} au capital de {r.choice(('10 000', '7 500', '50 000', '120 000'))} €"
    if cc == "MY":
        legal = f"{sur} {trade} {form} ({digits(r, '######')}-{digits(r, '@')})"
    if cc == "JP":  # "株式会社山田商事", "山田食品株式会社": no spaces, the form before or after
        legal = r.choice((f"{form}{sur}{trade}", f"{sur}{trade}{form}"))
    if r.random() < 0.1:  # only the legal entity in the header: then it is the merchant
        brand, legal = legal, ""
    if cc == "CH":
        brand, legal = brand.replace("ß", "ss"), legal.replace("ß", "ss")
    ids = [digits(r, x.replace("{st}", ctag or "27")) for x in pick(r, L.ids).split(";") if x] if L.ids else []
    if cc == "US":
        ids = [f"Store #{r.randint(100, 9999)}"] if r.random() < 0.5 else []
    if cc == "JP":  # the prefecture, city and block in one line, the postcode above it or in front
        zipc = digits(r, "〒###-####")
        place = f"{city}{street}"
        addr = [zipc, place] if r.random() < 0.4 else [f"{zipc} {place}"] if r.random() < 0.5 else [place]
    if ctag == "QC":
        ids = [digits(r, "TPS: #########RT0001"), digits(r, "TVQ: ##########TQ0001")]
    gst_era = cc == "MY" and shop != "r"  # Malaysian GST (2015-04 .. 2018-05), prices include 6 %
    day = date(2016, 1, 4) + timedelta(days=r.randrange(870)) if gst_era else \
        date(2024, 4, 1) + timedelta(days=r.randrange(570))
    lo, hi = {"g": (7, 21), "r": (8, 22), "n": (9, 19)}[shop]
    when = datetime(day.year, day.month, day.day, r.randint(lo, hi), r.randint(0, 59), r.randint(0, 59))
    rates = {k: D(x) for k, x in (p.split("=") for p in (MY_GST if gst_era else L.rates).split(","))}
    codes = {D(k): x for k, x in (p.split("=") for p in L.codes.split(","))} if L.codes else {}
    if cc == "DE" and r.random() < 0.35:
        codes = {D(7): "A", D(19): "B"}
    if gst_era:
        codes = {D(6): "SR", D(0): "ZR"}
    added = cc in ("US", "CA") or (shop == "r" and cc in ("IN", "MY", "SG"))
    if cc == "JP":  # 外税 (tax added on top) at some shops; the reduced-rate mark varies
        added = r.random() < 0.35
        codes = {D(8): r.choice(("※", "※", "軽", "*"))}
    cat, local = catalogue(cc, lang, shop)
    mult = 1.0 if local else L.mult
    qm = q0 if L.places == 0 else q2  # amounts in the currency's printed units
    lines: list[Line] = []
    n = {"g": r.randint(3, 16), "r": r.randint(2, 7), "n": r.randint(1, 5)}[shop]
    for name, price, flags in r.sample(cat, min(n, len(cat))):
        cls = flags[0]
        if cc == "CH":  # no ß, decimal point in sizes ("1.5L")
            name = re.sub(r"(\d),(\d)", r"\1.\2", name.replace("ß", "ss"))
        unit = nice_price(r, float(price) * mult * r.uniform(0.85, 1.2), L.cur, shop == "r")
        if "w" in flags:
            kg = D(r.randint(150, 1900)) / 1000
            lines.append(Line("weight", name, qm(kg * unit), cls, kg, unit))
        else:
            qty = D(r.choice((1, 1, 1, 1, 2, 2, 3, 4) if shop != "n" else (1, 1, 1, 2)))
            lines.append(Line("item", name, qm(qty * unit), cls, qty, unit))
            if "p" in flags and cc in DEPOSIT:
                dep = D(r.choice(DEPOSIT[cc]))
                lines.append(Line("dep", pick(r, v["dep"]), qm(qty * dep), cls, qty, dep))
        if shop != "r" and r.random() < 0.12 and lines[-1].amount > 1:
            off = qm(lines[-1].amount * D(r.choice(("0.1", "0.2", "0.25", "0.3"))))
            lines.append(Line("disc", pick(r, v["disc"]), -off, lines[-1].cls))
    if shop == "g" and r.random() < 0.07:  # scanned twice, one cancelled
        i = next(k for k, ln in enumerate(lines) if ln.kind in ("item", "weight"))
        x = lines[i]
        lines[i + 1:i + 1] = [Line(x.kind, x.name, x.amount, x.cls, x.qty, x.unit),
                              Line("void", f"{pick(r, v['void'])} {x.name}", -x.amount, x.cls)]

    def by_rate(rt: D) -> D:
        return sum((ln.amount for ln in lines if rates[ln.cls] == rt), D(0))

    if shop == "g" and cc in DEPOSIT and r.random() < 0.3:
        dep = D(DEPOSIT[cc][0])
        k = min(r.randint(2, 12), int(by_rate(rates["d"]) / dep))
        if k > 0:
            lines.insert(0, Line("ret", pick(r, v["ret"]), -dep * k, "d", D(1), dep))
    if shop != "r" and not added and r.random() < 0.12:
        cls = max(("f", "s", "d"), key=lambda c: by_rate(rates[c]))
        c = min(qm(by_rate(rates[cls]) * D("0.3")), D(max(1, round(r.choice((1, 2, 3, 5)) * mult))))
        if c > 0:
            lines.append(Line("coupon", pick(r, v["coupon"]), -c, cls))
    pay = "cash" if r.random() < 0.35 else "card"
    d = Doc(L, lang, shop, f"{cc.lower()}_{SHOPS[shop]}", added, brand, legal, addr if cc == "JP" else [street, city],
            digits(r, pick(r, L.phones)), ids, when, pick(r, L.dates), pick(r, L.times), lines, rates, codes, pay,
            pick(r, L.cards),
            f"{r.randint(0, 9999):04d}", r.choice((first, first, f"#{r.randint(1, 99)}", f"{r.randint(1, 9999):04d}")),
            digits(r, r.choice(("####", "#####", "###/###", "####.###", "##.##", "######", "#.###"))),
            r.randint(1, 12), r.random() < 0.7, "post" if cc in ("DE", "AT") and r.random() < 0.4 else "pre",
            r.random() < 0.6)
    d.goods = sum((ln.amount for ln in lines), D(0))
    compute(r, d, ctag)
    return d


def compute(r: random.Random, d: Doc, ctag: str) -> None:
    """Tax groups (VAT-inclusive) or added taxes, service charge, tip, rounding, total, tendered and change."""
    L, cc = d.L, d.L.cc
    qm = q0 if L.places == 0 else q2
    if not d.added:
        for rate in sorted(set(d.rates.values()), reverse=True):
            g = sum((ln.amount for ln in d.lines if d.rates[ln.cls] == rate), D(0))
            if g:
                vat = qm(g * rate / (100 + rate)) if cc != "IN" else 2 * qm(g * rate / (100 + rate) / 2)
                d.groups.append(Grp(rate, d.codes.get(rate, ""), g, vat, g - vat))
        if cc == "GB" and d.shop == "r" and r.random() < 0.4:  # outside the scope of VAT
            d.pre.append((r.choice(("Service charge 12.5% (discretionary)", "Optional service 12.5%")),
                          qm(d.goods * D("0.125"))))
    else:
        taxable = sum((ln.amount for ln in d.lines if d.rates[ln.cls] > 0), D(0))
        if cc in ("SG", "MY", "IN") and r.random() < {"SG": 0.8, "MY": 0.5, "IN": 0.3}[cc]:
            pct = {"SG": "10", "MY": "10", "IN": r.choice(("5", "10"))}[cc]
            svc = qm(d.goods * D(pct) / 100)
            d.pre.append((r.choice((f"Service Charge {pct}%", f"Svc Chg {pct}%", f"S.Charge {pct}%")), svc))
            taxable += svc
        if cc == "US" and D(ctag):
            rate = D(ctag)
            lbl = r.choice((f"Sales Tax {rate}%", f"TAX {rate} %", "TAX", f"Tax ({rate}%)", "SALES TAX"))
            d.taxes.append((lbl, qm(taxable * rate / 100)))
        for nm, rt in CA_TAX.get(ctag, ()) if cc == "CA" else ():
            if d.lang == "fr":
                nm = {"GST": "TPS", "QST": "TVQ", "HST": "TVH", "PST": "TVP"}[nm]
            rts = rt.replace(".", ",") if d.lang == "fr" else rt
            if nm == "HST" and r.random() < 0.5:
                nm = "GST/HST"
            d.taxes.append((f"{nm} {rts}%" if r.random() < 0.8 else nm, qm(taxable * D(rt) / 100)))
        if cc == "IN":
            fmt = r.choice(("{} @ 2.5%", "{} 2.5%", "{} (2.5%)", "{} @2.50%"))
            for nm in ("CGST", "SGST"):
                d.taxes.append((fmt.format(nm), qm(taxable * D("0.025"))))
        if cc == "MY":
            d.taxes.append((r.choice(("Service Tax 6%", "SST 6%", "Service Tax (6%)")), qm(taxable * D("0.06"))))
        if cc == "SG":
            d.taxes.append((r.choice(("GST 9%", "GST @ 9%", "9% GST")), qm(taxable * D("0.09"))))
        if cc == "JP":  # 外税: the consumption tax per rate, rounded down
            for rate in sorted({rt for rt in d.rates.values() if rt}, reverse=True):
                base = sum((ln.amount for ln in d.lines if d.rates[ln.cls] == rate), D(0))
                if base:
                    lbl = r.choice((f"外税{rate}%", f"消費税等({rate}%)", f"(外)消費税 {rate}%"))
                    d.taxes.append((lbl, (base * rate / 100).to_integral_value(ROUND_FLOOR).quantize(D("0.01"))))
        if cc == "US" and d.shop == "r":
            d.tip_mode = r.choice(("check", "slip_blank", "slip_blank", "final", "slip_tip"))
            pre_tip = d.goods + sum((x for _, x in d.taxes), D(0))
            if d.tip_mode in ("final", "slip_tip"):
                d.tip = qm(pre_tip * D(r.choice(("0.15", "0.18", "0.2", "0.22"))))
                if r.random() < 0.4:
                    d.tip = d.tip.quantize(D(1), ROUND_HALF_UP)
            d.pay = "card" if d.tip_mode != "check" or r.random() < 0.7 else "cash"
    base = d.goods + sum((x for _, x in d.pre), D(0)) + sum((x for _, x in d.taxes), D(0)) + d.tip
    step = {"IN": "1", "MY": "0.05"}.get(cc, L.rnd if d.pay == "cash" else "")
    if step:
        d.rounding = round_to(base, D(step)) - base
    d.total = base + d.rounding
    d.tendered = tendered(r, d.total, L.cur) if d.pay == "cash" else d.total
    d.change = d.tendered - d.total
    if cc == "CA" and d.pay == "cash":  # no pennies: the change is rounded, the printed total is not
        d.change = round_to(d.change, D("0.05"))


@cache
def cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True)["cmap"].getBestCmap())


def covers(path: str, text: str) -> bool:
    """True when the font at path has a glyph for every character of text."""
    cm = cmap(path)
    return all(ord(c) in cm for c in text)


@lru_cache(maxsize=256)
def font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


# --- drawing ---------------------------------------------------------------------------------------------------
@dataclass
class Spec:
    fam: str
    px: int  # base font size in pixels
    width: int  # printable width in pixels
    margin: int
    pitch: float
    pix: float = 1.0

    def path(self, bold: bool) -> str:
        return str(FONT_DIR / FAMILIES[self.fam][1 if bold else 0])


_DATE_CELL = re.compile(r"\d[./-]\d|(?<!\d)(?:19|20)\d\d(?!\d)")  # a date's cell: "12/02/2025", "8. Juni 2025"
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")  # "17-05-2025" (not a receipt number "0874/00192")


def _fit(text: str, f: ImageFont.FreeTypeFont, width: float) -> str:
    while text and f.getlength(text) > width:
        text = text[:-1]
    return text.rstrip()


def _wrap(text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Word-wrap to width, keeping the first line's indentation."""
    indent = text[:len(text) - len(text.lstrip(" "))]
    out, cur = [], indent
    for word in text.split():
        cand = f"{cur} {word}" if cur.strip() else cur + word
        if f.getlength(cand) <= width or not cur.strip():
            cur = cand
        else:
            out.append(cur)
            cur = word
    return [*out, cur] if cur else out


def draw(rows: list[Row], sp: Spec, r: random.Random) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Ink mask (float32 0..1, paper width incl. margins) of the rows and the (font path, text) pairs drawn."""
    drawn: list[tuple[str, str]] = []
    strips: list[np.ndarray] = []
    lh = int(round(sp.px * sp.pitch))
    rng = np.random.default_rng(r.getrandbits(64))

    def canvas(w: int, h: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        im = Image.new("L", (max(1, w), max(1, h)), 0)
        return im, ImageDraw.Draw(im)

    def put(im: Image.Image, wide: int = 1, tall: int = 1) -> None:
        if wide != 1 or tall != 1:
            im = im.resize((sp.width, im.height * tall), Image.Resampling.BILINEAR)
        strips.append(np.asarray(im, dtype=np.float32) / 255.0)

    def text(dr: ImageDraw.ImageDraw, xy: tuple[float, float], s: str, f: ImageFont.FreeTypeFont, path: str,
             anchor: str, fill: int = 255) -> None:
        if s:
            dr.text(xy, s, font=f, fill=fill, anchor=anchor)
            drawn.append((path, s))

    for row in rows:
        wt = sp.width // row.wide
        path = sp.path(row.bold)
        px = max(8, int(round(sp.px * row.size)))
        f = font(path, px)
        base = int(round(lh * 0.5 + px * 0.36))
        if row.kind == "gap":
            strips.append(np.zeros((int(lh * float(row.a)), sp.width), np.float32))
        elif row.kind == "t":
            s = str(row.a)
            lines = _wrap(s, f, wt) if row.style != "nowrap" else [s]
            for ln in lines:
                if f.getlength(ln) > wt:
                    ln = _fit(ln, f, wt)
                im, dr = canvas(wt, int(lh * row.size) if row.size > 1 else lh)
                x = {"l": 0, "c": wt / 2, "r": wt}[row.align]
                text(dr, (x, base if row.size <= 1 else int(im.height * 0.5 + px * 0.36)), ln, f, path,
                     {"l": "ls", "c": "ms", "r": "rs"}[row.align])
                put(im, row.wide, row.tall)
        elif row.kind == "lr":
            left, right = str(row.a), row.b
            rw = f.getlength(right)
            gapw = f.getlength("  ")
            if f.getlength(left) + rw + gapw > wt:
                cut = _fit(left, f, wt - rw - gapw)
                if _NUMERIC_DATE.search(left) and any(c.isdigit() for c in left[len(cut):]):
                    # a date is never cut to fit ("TARİH : 17-05-" for 2025, "Fecha: 07/04/202"): a smaller font
                    for _ in range(6):
                        px = int(px * 0.92)
                        f = font(path, px)
                        rw, gapw = f.getlength(right), f.getlength("  ")
                        if f.getlength(left) + rw + gapw <= wt:
                            break
                    cut = left if f.getlength(left) + rw + gapw <= wt else _fit(left, f, wt - rw - gapw)
                left = cut
            im, dr = canvas(wt, lh)
            text(dr, (0, base), left, f, path, "ls")
            text(dr, (wt, base), right, f, path, "rs")
            put(im, row.wide, row.tall)
        elif row.kind == "cols":
            cells = list(row.a)  # type: ignore[arg-type]
            for _ in range(6):
                ext = []
                for s, pos, al in cells:
                    w = f.getlength(s)
                    x0 = pos * wt - (w if al == "r" else w / 2 if al == "c" else 0)
                    ext.append((x0, x0 + w))
                sp1 = f.getlength(" ")
                clash = [i for i in range(1, len(cells)) if ext[i][0] < ext[i - 1][1] + sp1 and cells[i][0]]
                if not clash:
                    break
                room = ext[1][0] - f.getlength(" ") - ext[0][0]
                cut = _fit(cells[0][0], f, room) if clash == [1] and cells[0][2] == "l" else ""
                if len(cells[0][0]) > 6 and cut and not _DATE_CELL.search(cells[0][0]):
                    cells[0] = (cut, cells[0][1], cells[0][2])
                else:  # (a date is never cut to fit: "8. Juni 202" for 2025 is a label no reader can reach)
                    px = int(px * 0.92)
                    f = font(path, px)
            im, dr = canvas(wt, lh)
            for s, pos, al in cells:
                text(dr, (pos * wt, base), s, f, path, {"l": "ls", "c": "ms", "r": "rs"}[al])
            put(im)
        elif row.kind == "sep":
            im, dr = canvas(wt, lh)
            ch = str(row.a)
            if ch == "line":
                dr.rectangle((0, lh // 2 - 1, wt, lh // 2 + 1), fill=255)
            else:
                n = int(wt // max(1.0, f.getlength(ch)))
                text(dr, (wt / 2, base), ch * n, f, path, "ms")
            put(im)
        elif row.kind == "logo":
            s = str(row.a)
            while f.getlength(s) > wt * (0.86 if row.style in ("inv", "frame", "emblem") else 0.98) and px > sp.px:
                px -= 1
                f = font(path, px)
            if f.getlength(s) > wt:  # never truncate the merchant: wrap on words instead
                parts = _wrap(s, f, wt * 0.95)
            else:
                parts = [s]
            stretch = (2.0 if len(s) < 14 else 1.4) if row.style == "tall" else 1.0  # double-height print
            for part in parts:
                h = int(px * 1.45)
                im, dr = canvas(wt, h)
                tw, cx, mid = f.getlength(part), wt / 2, h * 0.5 + px * 0.36
                if row.style == "emblem" and len(parts) == 1:  # a round mark left of the name
                    rad = int(px * 0.6)
                    cx += rad * 0.8
                    ex = int(cx - tw / 2 - rad * 1.4)
                    dr.ellipse((ex - rad, h // 2 - rad, ex + rad, h // 2 + rad), outline=255, width=max(2, px // 10))
                if row.style == "inv":
                    pad = px * 0.35
                    dr.rectangle((cx - tw / 2 - pad, 0, cx + tw / 2 + pad, h), fill=255)
                    text(dr, (cx, mid), part, f, path, "ms", fill=0)
                else:
                    if row.style == "frame":
                        pad = px * 0.3
                        dr.rectangle((cx - tw / 2 - pad, 1, cx + tw / 2 + pad, h - 2), outline=255,
                                     width=max(2, px // 12))
                    text(dr, (cx, mid), part, f, path, "ms")
                if stretch > 1:
                    im = im.resize((wt, int(h * stretch)), Image.Resampling.BILINEAR)
                put(im)
            strips.append(np.zeros((lh // 3, sp.width), np.float32))
        elif row.kind == "qr":
            n = int(row.a)  # type: ignore[call-overload]
            mod = max(3, int(sp.width * 0.42 / n))
            grid = rng.random((n, n)) < 0.5
            for oy, ox in ((0, 0), (0, n - 7), (n - 7, 0)):
                grid[oy:oy + 7, ox:ox + 7] = False
                grid[oy:oy + 7, ox] = grid[oy:oy + 7, ox + 6] = True
                grid[oy, ox:ox + 7] = grid[oy + 6, ox:ox + 7] = True
                grid[oy + 2:oy + 5, ox + 2:ox + 5] = True
            img = np.kron(grid.astype(np.float32), np.ones((mod, mod), np.float32))
            strip = np.zeros((img.shape[0] + lh // 2, sp.width), np.float32)
            x0 = (sp.width - img.shape[1]) // 2
            strip[lh // 4:lh // 4 + img.shape[0], x0:x0 + img.shape[1]] = img
            strips.append(strip)
        elif row.kind == "bar":
            widths = rng.integers(1, 4, size=int(sp.width * 0.7 / 4.5))
            bw = max(1, sp.px // 12)
            xs = np.cumsum(np.concatenate([[0], widths * bw]))
            strip = np.zeros((int(lh * 2.4), sp.width), np.float32)
            x0 = max(0, (sp.width - int(xs[-1])) // 2)
            for i in range(0, len(widths), 2):
                a, b = x0 + xs[i], x0 + xs[i + 1]
                strip[lh // 4:, a:b] = 1.0
            strips.append(strip)
    body = np.concatenate(strips, axis=0)
    top, bot = int(lh * r.uniform(0.8, 2.0)), int(lh * r.uniform(1.5, 3.5))
    mask = np.zeros((body.shape[0] + top + bot, sp.width + 2 * sp.margin), np.float32)
    mask[top:top + body.shape[0], sp.margin:sp.margin + sp.width] = body
    if sp.pix > 1:  # coarse thermal dots: render smaller and blow up without smoothing
        h, w = mask.shape
        small = cv2.resize(mask, (int(w / sp.pix), int(h / sp.pix)), interpolation=cv2.INTER_AREA)
        small = np.clip((small - 0.25) * 2.0, 0, 1)
        mask = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    return mask, drawn


# --- paper, photo, scan ----------------------------------------------------------------------------------------
def paper(mask: np.ndarray, r: random.Random, faded: float) -> tuple[np.ndarray, np.ndarray]:
    """RGB paper with thermal ink (uneven strength, weak print-head columns) and an alpha with torn ends."""
    rng = np.random.default_rng(r.getrandbits(64))
    h, w = mask.shape
    low = cv2.resize(rng.random((max(2, h // 120), max(2, w // 120))).astype(np.float32), (w, h),
                     interpolation=cv2.INTER_CUBIC)
    strength = (1 - faded) * (1 - 0.35 * faded * low) * (1 - r.uniform(0, 0.15) * low)
    for _ in range(r.choice((0, 0, 1, 2, 3))):
        x = r.randrange(w)
        strength[:, x:x + r.randint(1, 3)] *= r.uniform(0.35, 0.75)
    ink = np.clip(mask * strength, 0, 1)[..., None]
    tone = r.choice(((250, 249, 246), (247, 246, 240), (244, 242, 232), (252, 252, 252), (240, 238, 230)))
    pap = np.array(tone, np.float32)[None, None, :] + rng.normal(0, 1.6, (h, w, 1)).astype(np.float32)
    inkc = np.array(r.choice(((22, 22, 26), (38, 38, 44), (30, 28, 40), (55, 52, 60), (70, 45, 105))), np.float32)
    rgb = pap * (1 - ink) + inkc[None, None, :] * ink
    alpha = np.ones((h, w), np.float32)
    for end in ("top", "bot"):
        if r.random() < 0.65:
            teeth = np.abs((np.arange(w) % 14) - 7) / 7 * r.uniform(3, 8) + rng.normal(0, 1.2, w)
            for x in range(w):
                k = max(0, int(teeth[x]))
                if end == "top":
                    alpha[:k, x] = 0
                else:
                    alpha[h - k:, x] = 0
    return np.clip(rgb, 0, 255), alpha


def _table(r: random.Random, rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    base = np.array(r.choice(((74, 50, 34), (96, 66, 42), (58, 58, 62), (35, 35, 38), (40, 50, 70), (52, 68, 52),
                              (120, 88, 60), (88, 84, 80))), np.float32)
    low = cv2.resize(rng.random((6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    img = base[None, None, :] * (0.8 + 0.35 * low[..., None])
    if r.random() < 0.5:  # wood grain
        ys = np.arange(h, dtype=np.float32)[:, None]
        xs = np.arange(w, dtype=np.float32)[None, :]
        grain = np.sin((ys + 18 * np.sin(xs / r.uniform(60, 200))) / r.uniform(3, 9)) * 0.08
        img *= (1 + grain)[..., None]
    img += rng.normal(0, 4, (h, w, 1)).astype(np.float32)
    return img


def photo(rgb: np.ndarray, alpha: np.ndarray, r: random.Random, max_px: float = 2.4e6) -> tuple[Image.Image, float]:
    """Receipt on a darker table shot with a phone: tilt, perspective, curl, uneven light, shadow, blur, noise."""
    rng = np.random.default_rng(r.getrandbits(64))
    h, w = alpha.shape
    amp, lam = r.uniform(0, 5), r.uniform(300, 900)  # paper curl
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    dx = (amp * np.sin(2 * np.pi * ys / lam + r.uniform(0, 6))).astype(np.float32)
    rgb = cv2.remap(rgb.astype(np.float32), xs + dx, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    alpha = cv2.remap(alpha, xs + dx, ys, cv2.INTER_LINEAR, borderValue=0)
    ang = r.triangular(-4, 4, 0)
    rot, roty = int(0.5 * h * abs(np.sin(np.radians(ang)))), int(0.5 * w * abs(np.sin(np.radians(ang))) + h * 0.003)
    mx, my = int(rot + w * r.uniform(0.12, 0.4)) + 16, int(roty + h * r.uniform(0.04, 0.1)) + 16
    while (w + 2 * mx) * (h + 2 * my) > max_px and (mx > rot + w * 0.08 + 16 or my > roty + h * 0.035 + 16):
        mx, my = max(int(rot + w * 0.08) + 16, int(mx * 0.92)), max(int(roty + h * 0.035) + 16, int(my * 0.92))
    cw, ch = w + 2 * mx, h + 2 * my
    scale = min(1.0, (max_px / (cw * ch)) ** 0.5)
    canvas = _table(r, rng, cw, ch)
    sx, sy = (mx - rot - 16) // 3, (my - roty - 16) // 3  # off-centre, within what the tilt leaves free
    ox, oy = mx + r.randint(-sx, sx), my + r.randint(-sy, sy)
    a = alpha[..., None]
    sh = np.zeros((ch, cw), np.float32)  # soft drop shadow under the paper
    sh[oy + 4:oy + 4 + h, ox + 3:ox + 3 + w] = alpha
    sh = cv2.GaussianBlur(sh, (0, 0), 6)
    canvas *= (1 - 0.35 * sh)[..., None]
    canvas[oy:oy + h, ox:ox + w] = canvas[oy:oy + h, ox:ox + w] * (1 - a) + rgb * a
    src = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    paper_corners = np.float32([[[ox, oy], [ox + w, oy], [ox + w, oy + h], [ox, oy + h]]])
    c, s = np.cos(np.radians(ang)), np.sin(np.radians(ang))
    ctr = np.float32([cw / 2, ch / 2])
    for jitter in (0.02, 0.012, 0.006, 0.0):  # the whole receipt must stay in the frame
        dst = []
        for p in src:
            q = p - ctr
            q = np.float32([c * q[0] - s * q[1], s * q[0] + c * q[1]]) + ctr
            dst.append(q + np.float32([r.uniform(-jitter, jitter) * cw, r.uniform(-jitter, jitter) * ch]))
        hm = cv2.getPerspectiveTransform(src, np.float32(dst))
        pc = cv2.perspectiveTransform(paper_corners, hm)[0]
        if pc[:, 0].min() > 4 and pc[:, 1].min() > 4 and pc[:, 0].max() < cw - 4 and pc[:, 1].max() < ch - 4:
            break
    out = cv2.warpPerspective(canvas, hm, (cw, ch), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    k = 8  # the light field is smooth: compute it at 1/8 resolution
    yy, xx = (np.mgrid[0:ch // k + 1, 0:cw // k + 1] * k).astype(np.float32)
    light = 1 + r.uniform(-0.18, 0.12) * (xx / cw - 0.5) + r.uniform(-0.18, 0.12) * (yy / ch - 0.5)
    light -= r.uniform(0, 0.25) * ((xx / cw - r.random()) ** 2 + (yy / ch - r.random()) ** 2)
    if r.random() < 0.55:  # a shadow (phone, hand) over one side
        p0 = np.float32([r.uniform(0, cw), 0])
        p1 = np.float32([r.uniform(0, cw), ch])
        side = ((xx - p0[0]) * (p1[1] - p0[1]) - (yy - p0[1]) * (p1[0] - p0[0])) > 0
        shade = cv2.GaussianBlur(side.astype(np.float32), (0, 0), r.uniform(15, 60) / k)
        light *= 1 - r.uniform(0.15, 0.4) * (shade if r.random() < 0.5 else 1 - shade)
    light = cv2.resize(light.astype(np.float32), (cw, ch), interpolation=cv2.INTER_LINEAR)
    cast = np.float32([r.uniform(0.96, 1.04), 1.0, r.uniform(0.92, 1.03)])
    out = out * light[..., None] * cast[None, None, :]
    out = cv2.GaussianBlur(out, (0, 0), r.uniform(0.5, 1.3))
    if r.random() < 0.2:
        k = r.choice((3, 5))
        ker = np.zeros((k, k), np.float32)
        ker[k // 2, :] = 1 / k
        out = cv2.filter2D(out, -1, ker)
    out = out + rng.normal(0, r.uniform(2, 6), out.shape[:2] + (1,)).astype(np.float32) \
        + rng.normal(0, 1.5, out.shape).astype(np.float32)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")
    if scale < 1:
        img = img.resize((int(cw * scale), int(ch * scale)), Image.Resampling.LANCZOS)
    return img, scale


def scan(rgb: np.ndarray, alpha: np.ndarray, r: random.Random, max_px: float = 2.4e6) -> tuple[Image.Image, float]:
    """A flatbed scan: grey paper on the scanner glass, slight skew, blur, noise; often greyscale."""
    rng = np.random.default_rng(r.getrandbits(64))
    h, w = alpha.shape
    grey = r.uniform(0.88, 0.96)
    rgb = rgb * grey
    mx, my = int(w * r.uniform(0.05, 0.2)) + 10, int(h * r.uniform(0.02, 0.05)) + 10
    cw, ch = w + 2 * mx, h + 2 * my
    bg = r.uniform(200, 238)
    canvas = np.full((ch, cw, 3), bg, np.float32) + rng.normal(0, 1.5, (ch, cw, 1)).astype(np.float32)
    a = alpha[..., None]
    canvas[my:my + h, mx:mx + w] = canvas[my:my + h, mx:mx + w] * (1 - a) + rgb * a
    m = cv2.getRotationMatrix2D((cw / 2, ch / 2), r.uniform(-1.5, 1.5), 1.0)
    out = cv2.warpAffine(canvas, m, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=(bg, bg, bg))
    out = cv2.GaussianBlur(out, (0, 0), r.uniform(0.35, 0.8))
    out = out + rng.normal(0, r.uniform(1.5, 4.5), out.shape[:2] + (1,)).astype(np.float32)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")
    if r.random() < 0.6:
        img = img.convert("L")
    scale = min(1.0, (max_px / (cw * ch)) ** 0.5)
    if scale < 1:
        img = img.resize((int(cw * scale), int(ch * scale)), Image.Resampling.LANCZOS)
    return img, scale


def jpeg(img: Image.Image, q: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q, optimize=False)
    return buf.getvalue()


@dataclass
class Result:
    data: bytes
    label: dict[str, object]
    doc: Doc
    drawn: list[tuple[str, str]]
    text_px: float  # the receipt's base font size in the final image
    size: tuple[int, int]


def row_texts(rows: list[Row]) -> str:
    out = []
    for row in rows:
        if row.kind in ("t", "lr", "logo", "sep"):
            out += [str(row.a), row.b]
        elif row.kind == "cols":
            out += [c[0] for c in row.a]  # type: ignore[attr-defined]
    return "".join(out)


def choose_spec(r: random.Random, cols: int, text: str) -> Spec:
    """Font family (the first of a random preference that covers every character), size, width, line pitch."""
    pref = r.choice(("mono", "mono", "mono", "mono", "monobold", "cond", "cond", "sans", "serif"))
    fam = next((f for f in (pref, "mono", "sans") if all(covers(str(FONT_DIR / p), text) for p in FAMILIES[f])), "")
    if not fam:  # Japanese: an IPA face (its Latin is half-width, so a column is as wide as DejaVu Mono's)
        fam = r.choice(("jgothic", "jgothic", "jpgothic", "jmincho"))
    px = r.randint(19, 24) if cols <= 42 else r.randint(18, 22)
    pix = r.choice((1.0, 1.0, 1.0, 1.5, 1.7)) if fam in ("mono", "monobold") else 1.0
    return Spec(fam, px, int(cols * 0.602 * px), int(px * r.uniform(1.0, 2.2)), r.uniform(1.18, 1.38), pix)


_REG_OR_CAPITAL = re.compile(r"\s*\(\d{6}-[A-Z]\)$|\s+au capital de .*$")


def legal_name(text: str) -> str:
    """A legal entity's name without the Malaysian registration number or the French share capital printed with it
    ("Lee Retail Sdn Bhd (687597-N)", "SARL … au capital de 10 000 €")."""
    return _REG_OR_CAPITAL.sub("", text)


def generate(doc_seed: int, cc: str, is_photo: bool) -> Result:
    """One receipt: content, layout, drawing, paper, photo or scan, JPEG bytes and the label."""
    r = random.Random(doc_seed)
    shop = r.choice({"US": "rrgn", "IN": "rrg", "MY": "rrg", "SG": "rrg"}.get(cc, "ggggrrrnn"))
    d = make_doc(r, cc, shop)
    cols = r.choice((32, 36, 40, 42, 42, 44, 48))
    b = Receipt(d, r, cols)
    RECIPES[cc](b, d, r)
    sp = choose_spec(r, cols, row_texts(b.rows))
    mask, drawn = draw(b.rows, sp, r)
    bad = [(p, t) for p, t in drawn if not covers(p, t)]
    if bad:
        raise RuntimeError(f"font lacks glyphs: {bad[:3]}")
    faded = r.choice((0.0, 0.05, 0.1, 0.2, 0.3, 0.4)) if is_photo or r.random() < 0.5 else 0.0
    rgb, alpha = paper(mask, r, faded)
    img, scale = photo(rgb, alpha, r) if is_photo else scan(rgb, alpha, r)
    data = jpeg(img, r.randint(65, 92) if is_photo else r.randint(72, 92))
    # the legal entity's name when the header prints it under the brand (SROIE's convention names it:
    # docs/accuracy.md), or when the header's only name carries a registration number or share capital
    legal = legal_name(d.legal) if d.legal and d.legal != d.brand and any(
        row.kind == "t" and row.a == d.legal for row in b.rows[:4]) else None
    if legal is None and legal_name(d.brand) != d.brand:
        legal = legal_name(d.brand)
    label: dict[str, object] = {
        "merchant": d.brand, "merchant_legal": legal, "date": d.when.date().isoformat(), "currency": d.L.cur,
        "subtotal": float(d.p_net) if d.p_net is not None else None,
        "tax_amount": float(d.p_tax) if d.p_tax is not None else None, "total": float(d.total),
        "conventions": "invoices-dev", "kind": "receipt", "pages": 1, "lang": d.lang, "country": cc, "style": d.style,
        "source": "photo" if is_photo else "scan"}
    return Result(data, label, d, drawn, sp.px * scale, img.size)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate labelled synthetic till receipts from many countries.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--photo", type=float, default=0.7, help="share of phone photos (default 0.7); the rest are scans")
    ap.add_argument("--countries", default="default",
                    help="'default' (the 22 countries above), 'more' (BR MX ZA NZ), 'more2' (TR RO FI), 'more3' "
                         "(HU CL CO), 'more4' (JP) or a comma-separated list")
    a = ap.parse_args(argv)
    countries = {"default": COUNTRIES, "more": MORE_COUNTRIES, "more2": MORE2_COUNTRIES,
                 "more3": MORE3_COUNTRIES, "more4": MORE4_COUNTRIES}.get(a.countries) or \
        a.countries.upper().split(",")
    unknown = sorted(set(countries) - set(LOCS))
    if unknown:
        raise SystemExit(f"unknown countries: {', '.join(unknown)}")
    if not (FONT_DIR / "DejaVuSansMono.ttf").is_file():
        raise SystemExit(f"DejaVu fonts not found in {FONT_DIR} (Debian/Ubuntu: apt-get install fonts-dejavu-core)")
    if "JP" in countries and not Path(CJK_FAMILIES["jgothic"][0]).is_file():
        raise SystemExit("Japanese receipts need the IPA fonts (Debian/Ubuntu: apt-get install fonts-ipafont-gothic "
                         "fonts-ipafont-mincho)")
    a.out.mkdir(parents=True, exist_ok=True)
    master, order = random.Random(a.seed), []
    for i in range(a.n):
        if not order:
            order = list(countries)
            master.shuffle(order)
        cc, is_photo, doc_seed = order.pop(), master.random() < a.photo, master.getrandbits(64)
        res = generate(doc_seed, cc, is_photo)
        stem = f"{i:03d}-{res.label['style']}-{res.label['source']}"
        (a.out / f"{stem}.jpg").write_bytes(res.data)
        (a.out / f"{stem}.jpg.expected.json").write_text(
            json.dumps(res.label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.n} receipts to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

