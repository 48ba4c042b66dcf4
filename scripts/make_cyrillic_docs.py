#!/usr/bin/env python3
"""Generate labelled receipts and invoices from Cyrillic-script countries, written independently of OCRlty's extractor.

Usage::

    python scripts/make_cyrillic_docs.py --out var/cyr-1 --n 60 --seed 31001 [--photo 0.7]

Countries: Ukraine (uk), Bulgaria (bg), Serbia (sr, Cyrillic), Kazakhstan (Kazakh/Russian mixed, or Russian),
Belarus (Russian or Belarusian) and Russia (at most ~10 % of a set). About 60 % are till receipts (fiscal receipts
drawn with Pillow on a 58/80 mm thermal strip in mono or condensed fonts; ``--photo`` of them are phone photos -
rotation +-3 degrees, perspective, uneven light, blur, noise, darker background, JPEG q70-92 - and the rest flat
scans) and about 40 % A4 invoices drawn with fpdf2 (half kept as PDFs with a Cyrillic text layer, the rest
rasterised with pypdfium2 as 150-160 dpi office scans or, rarely, phone photos).

Outputs per document in ``--out``: ``<stem>.jpg`` or ``<stem>.pdf`` and ``<stem>.<ext>.expected.json`` with the keys
merchant, date, currency, subtotal, tax_amount, total, conventions ("invoices-dev"), kind, pages, lang, country,
style, source ("photo" | "scan" | "text_layer").

Label conventions:

* merchant - the seller / issuer's legal name exactly as printed (with its legal form and quotes as printed, e.g.
  ``ТОВ «Сільпо-Фуд»``, ``"Билла България" ЕООД``, ``ФОП Коваленко Олена Петрівна``), never the buyer. Receipts
  often print a shop / brand line (``Магазин «...» №12``, ``Место продаје``, ``Место расчетов``) as well as the legal
  entity: the merchant is always the legal-entity line (the brand may be a different name). On invoices whose
  header shows only a logo / brand, the legal name is printed in the page footer and that footer name is the label.
* date - the issue / transaction date; never the due date nor a tax-event / delivery date printed beside it
  (Bulgarian "Дата на данъчното събитие", Serbian "Датум промета" - these sometimes differ from the issue date).
* total - the gross amount including VAT, before any prepayment / advance is deducted (not the balance due); in the
  document's main currency when a second currency is printed (Bulgaria: BGN for documents dated up to 2025-12-31,
  EUR from 2026-01-01; during the dual-display period 2025-08-08..2026-08-08 the other currency is usually printed
  too, converted at 1.95583).
* subtotal - the printed net amount before VAT (after discounts); null when no net amount is printed (receipts whose
  prices include VAT, invoices whose totals say "в т.ч. НДС", VAT-exempt sellers).
* tax_amount - the printed VAT summed over rates; 0.0 when a zero VAT is printed; null when no VAT figure is printed
  ("Без ПДВ", "Не е регистриран по ЗДДС", "НДС не облагается").
* currency - ISO 4217 even when only a sign or word shows it (грн / ₴ -> UAH, лв. -> BGN, дин. -> RSD, ₸ / тг -> KZT,
  бел. руб. -> BYN, ₽ / руб. -> RUB).
* lang - the language of the labels; Kazakhstan documents are "kk" when Kazakh labels are printed (alone or followed
  by the Russian ones, "БАРЛЫҒЫ / ИТОГО"), "ru" when all in Russian; Belarus documents are "be" or "ru".

Arithmetic holds to the cent: receipts - quantity x price = line amount, lines - discounts = total, VAT included per
rate printed as "ПДВ А = 20,00%", "ДДС Б = 20,00%", "в т.ч. НДС 12%", Serbian tax table (Ђ 20 %, Е 10 %);
invoices - line sums (after line discounts) = net, net + VAT = total (VAT rounded per rate, or per line when the
table has a VAT column).

All randomness flows from ``random.Random(seed)`` (and numpy Generators seeded from it), PDF dates are fixed: the same
seed gives the same bytes for the same library versions and fonts. Needs fpdf2, Pillow, numpy, pypdfium2, fontTools
and the DejaVu fonts (fonts-dejavu-core) - the only Cyrillic TTFs on the target machines; every string drawn is
checked against its font's character map.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from cyrillic_docs_layouts import FONT_DIR, RECEIPTS, Pdf, check_fonts, render_invoice, render_receipt
from cyrillic_docs_locales import (
    BANKS,
    CAT_RETAIL,
    CAT_SERV,
    CITIES,
    CITIES_BE,
    EUR_SYMS,
    FORMS,
    LANG_COL,
    LOCS,
    PEOPLE,
    ROOTS,
    STREETS,
    D,
    Doc,
    Item,
    Loc,
    Party,
    digits,
    person_short,
    pick,
    q,
)
from PIL import Image, ImageFilter

# one deck of 25 (country, kind) cards, dealt shuffled: 60 % receipts, Russia 8 %, Belarus 12 %
DECK = [(c, k) for c, nr, ni in (("UA", 3, 2), ("BG", 3, 2), ("RS", 3, 2), ("KZ", 3, 2), ("BY", 2, 1), ("RU", 1, 1))
        for k in ["receipt"] * nr + ["invoice"] * ni]
INVOICE_STYLES = {"UA": "rahunok|rahunok|nakladna|faktura|modern|modern", "BG": "faktura|faktura|modern",
                  "RS": "racun|racun|modern", "KZ": "schet|schet|schet|modern", "BY": "schet|schet|modern",
                  "RU": "schet|schet|schet|modern"}
RECEIPT_STYLE = {"UA": "ua_fiskalnyi_chek", "BG": "bg_kasov_bon", "RS": "rs_fiskalni_racun", "KZ": "kz_fiskal_chek",
                 "BY": "by_kassovy_chek", "RU": "ru_kassovy_chek"}
SHOPS = {  # shop type -> catalogue rows (CAT_RETAIL indices)
    "grocery": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 26, 27, 28, 29],
    "pharmacy": [17, 18, 19, 20, 8, 16], "cafe": [23, 24, 25, 8, 14, 10], "fuel": [22, 8, 10, 23, 28],
    "kids": [21, 20, 10, 28, 19],
}
SHOP_LINES = {
    "uk": {"grocery": "Магазин «{b}»|Супермаркет «{b}»|Маркет «{b}» №{k}", "pharmacy": "Аптека «{b}» №{k}|Аптека №{k}",
           "cafe": "Кафе «{b}»|Кав'ярня «{b}»", "fuel": "АЗС «{b}» №{k}|АЗК №{k}", "kids": "Книгарня «{b}»"},
    "bg": {"grocery": "Магазин \"{b}\"|Супермаркет \"{b}\"|Обект: Магазин {b}", "pharmacy": "Аптека \"{b}\"",
           "cafe": "Кафе \"{b}\"", "fuel": "Бензиностанция \"{b}\"", "kids": "Книжарница \"{b}\""},
    "sr": {"grocery": "{b} {k}|Продавница {b}|Маркет {b} {k}", "pharmacy": "Апотека {b}", "cafe": "Кафе {b}",
           "fuel": "Бензинска станица {b}", "kids": "Књижара {b}"},
    "ru": {"grocery": "Магазин \"{b}\"|Супермаркет \"{b}\" №{k}", "pharmacy": "Аптека \"{b}\"", "cafe": "Кафе \"{b}\"",
           "fuel": "АЗС №{k}", "kids": "Магазин \"{b}\""},
    "be": {"grocery": "Крама \"{b}\"|Універсам \"{b}\"", "pharmacy": "Аптэка \"{b}\"", "cafe": "Кавярня \"{b}\"",
           "fuel": "АЗС №{k}", "kids": "Крама \"{b}\""},
    "kk": {"grocery": "\"{b}\" дүкені|Магазин \"{b}\"|Супермаркет \"{b}\"",
    "pharmacy": "\"{b}\" дәріханасы|Аптека \"{b}\"",
           "cafe": "Кафе \"{b}\"", "fuel": "АЖҚС №{k}|АЗС №{k}", "kids": "\"{b}\" дүкені"},
}
PHONES = {"UA": "+380 ## ### ## ##", "BG": "+359 # ### ####", "RS": "+381 ## ### ####", "KZ": "+7 7## ### ## ##",
          "BY": "+375 ## ###-##-##", "RU": "+7 ### ###-##-##"}
NOTES = {"UAH": (10, 20, 50, 100, 200, 500, 1000), "BGN": (5, 10, 20, 50, 100), "EUR": (5, 10, 20, 50, 100),
         "RSD": (100, 200, 500, 1000, 2000, 5000), "KZT": (500, 1000, 2000, 5000, 10000, 20000),
         "BYN": (5, 10, 20, 50, 100), "RUB": (100, 500, 1000, 2000, 5000)}
NB_WORDS = {"uk": ("Сторінка", "з"), "bg": ("Стр.", "от"), "sr": ("Страна", "од"), "ru": ("Страница", "из"),
            "be": ("Старонка", "з"), "kk": ("Бет", "/")}
MAX_PIXELS = 2_450_000


# ================================================================================================ content
def names_key(country: str, lang: str) -> str:
    return {"UA": "uk", "BG": "bg", "RS": "sr", "RU": "ru", "KZ": "kk"}.get(country, "be" if lang == "be" else "by")


def party(r: random.Random, L: Loc, lang: str, kind: str, avoid: set[str], small_ok: bool = True) -> Party:
    c, key = L.country, names_key(L.country, lang)
    root = r.choice([x for x in ROOTS[key].split("|") if x not in avoid])
    person = r.choice([x for x in PEOPLE[key].split("|") if x not in avoid])
    form = pick(r, FORMS["BYbe" if c == "BY" and lang == "be" else c])
    if not small_ok:
        while "{p" in form:
            form = pick(r, FORMS["BYbe" if c == "BY" and lang == "be" else c])
    city_full = pick(r, CITIES_BE if c == "BY" and lang == "be" else CITIES[c])
    zip_, city = city_full.split(" ", 1)
    first_last = " ".join(person.split()[::2]) if c == "BG" else person
    name = form.format(n=root, p=person, p2=first_last, p3=person_short(person, key), city=city)
    small = form.split()[0] in ("ФОП", "ЕТ", "ИП", "ІП") or " пр " in form
    vat = r.random() < ({"UA": 0.12, "BG": 0.35, "RS": 0.3, "KZ": 0.12, "BY": 0.15, "RU": 0.1}[c] if small else
                        {"UA": 0.88, "BG": 0.9, "RS": 0.92, "KZ": 0.7, "BY": 0.92, "RU": 0.75}[c])
    num = r.randint(1, 180)
    st_key = {"UA": "uk", "BG": "bg", "RS": "sr", "RU": "ru"}.get(c) or (
        ("kk" if lang == "kk" and r.random() < 0.5 else "kz") if c == "KZ" else "be" if lang == "be" else "by")
    street = pick(r, STREETS[st_key])
    addr = {"UA": f"{zip_}, м. {city}, {street}, {num}", "BG": f"гр. {city} {zip_}, {street} {num}",
            "RS": f"{street} {num}, {zip_} {city}", "RU": f"{zip_}, г. {city}, {street}, д. {num}",
            "BY": f"{zip_}, г. {city}, {street}, {num}",
            "KZ": f"{city} қ., {street}, {num}" if st_key == "kk" else f"г. {city}, {street}, {num}"}[c]
    ids: list[tuple[str, str]]
    bank: list[tuple[str, str]]
    bk = pick(r, BANKS[c]).split(";")
    if c == "UA":
        code = digits(r, "##########" if small else "4#######")
        ipn = digits(r, "############")
        if kind == "receipt":
            ids = [("ІД", code)] + ([("ПН", ipn)] if vat else [])
        else:
            ids = [("РНОКПП" if small else "код ЄДРПОУ", code)] + ([("ІПН", ipn)] if vat else [])
        bank = [("IBAN", f"UA{digits(r, '##')}{bk[1]}{digits(r, '00000260########')}"), ("Банк", bk[0])]
    elif c == "BG":
        eik = digits(r, "20#######" if r.random() < 0.6 else "1########")
        ids = [("ЕИК", eik)] + ([("ИН по ЗДДС", f"BG{eik}")] if vat and kind == "invoice" else [])
        bank = [("IBAN", f"BG{digits(r, '##')}{bk[1][:4]}{digits(r, '########')}{digits(r, 'AA')}"), ("BIC", bk[1]),
                ("Банка", bk[0])]
    elif c == "RS":
        ids = [("ПИБ", digits(r, "1########")), ("МБ", digits(r, "6#######" if small else "2#######"))]
        bank = [("Текући рачун", f"{bk[1]}-{digits(r, '0000000######')}-{digits(r, '##')}"), ("Банка", bk[0])]
    elif c == "KZ":
        ids = [("ИИН" if small else "БИН", digits(r, "8#0#########" if small else "1#0#4#######"))]
        bank = [("ИИК", f"KZ{digits(r, '##')}{bk[2]}{digits(r, 'A#############')}"), ("Банк", bk[0]), ("БИК", bk[1]),
                ("Кбе", "19" if small else "17")]
    elif c == "BY":
        ids = [("УНП", digits(r, "19#######" if not small else "7########"))]
        acct = f"BY{digits(r, '##')}{bk[1][:4]}3012{digits(r, '################')}"
        bank = [("Р/р" if lang == "be" else "Р/с", acct),
                ("Банк", bk[0]), ("БІК" if lang == "be" else "БИК", bk[1])]
    else:
        inn = digits(r, "77##########" if small else "77########")
        ids = [("ИНН", inn)] + ([] if small else [("КПП", inn[:4] + "01001")])
        bank = [("Р/с", digits(r, "40702810############")), ("Банк", bk[0]), ("БИК", bk[1]),
                ("К/с", "30101810" + digits(r, "############"))]
    return Party(name, root, addr, ids, bank, person, digits(r, PHONES[c]), vat, small, city)


def price(r: random.Random, base: float, L: Loc, cur: str, receipt: bool) -> D:
    x = base * (1.0 if cur == "EUR" else L.factor) * r.uniform(0.8, 1.3)
    if cur == "KZT":
        return D(max(5, round(x / (5 if x < 1000 else 50)) * (5 if x < 1000 else 50)))
    if cur in ("RSD", "RUB") or (cur == "UAH" and x > 50):
        if receipt and r.random() < 0.7:
            return D(int(x)) + D("0.99") if cur != "UAH" else D(str(round(x, 1))) - D("0.01") * r.randint(0, 1)
        return D(round(x)) if x > 20 else q(D(str(x)))
    if receipt:
        return D(int(x)) + D(r.choice(("0.99", "0.49", "0.79", "0.29", "0.09", "0.59")))
    return q(D(str(x))) if x < 100 else D(round(x))


def make_items(r: random.Random, d_L: Loc, lang: str, cur: str, kind: str, vat: bool, issued: date, shop: str,
               n: int) -> list[Item]:
    col = LANG_COL[lang]
    if kind == "receipt":
        pool = SHOPS[shop]
        if shop == "fuel":  # the fuel first, then a few shop items
            rows = [CAT_RETAIL[pool[0]]] + [CAT_RETAIL[i] for i in r.sample(pool[1:], min(n, len(pool)) - 1)]
        else:
            rows = [CAT_RETAIL[i] for i in r.sample(pool, min(n, len(pool)))]
    else:
        rows = r.sample(CAT_SERV, min(n, len(CAT_SERV)))
        while len(rows) < n:
            rows.append(r.choice(CAT_SERV))
    seen: set[str] = set()
    items = []
    for row in rows:
        tag, unit, base = row[0], row[1], float(row[2])
        if unit == "l":  # motor fuel is much cheaper in some countries
            base *= {"KZ": 0.3, "RU": 0.42, "BY": 0.55}.get(d_L.country, 1.0)
        name = row[col]
        if lang == "kk" and r.random() < 0.5:
            name = row[LANG_COL["ru"]]
        name = name.replace("{month}", f"{issued.month:02d}.{issued.year}")
        if name in seen:  # a repeated catalogue line: another article of the same kind
            name += f", {pick(r, 'арт.|код')} {digits(r, '1####')}"
        seen.add(name)
        if kind == "receipt":
            qty = {"kg": D(r.randint(150, 2500)) / 1000, "l": D(r.randint(800, 4500)) / 100}.get(
                unit, D(r.choice((1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 6))))
        else:
            qty = {"h": D(r.choice((1, 2, 4, 6, 8, 10, 16, 24, 40))), "mo": D(r.choice((1, 1, 1, 2, 3))),
                   "svc": D(r.choice((1, 1, 1, 2, 3))), "pc": D(r.choice((1, 2, 3, 5, 10, 12, 20))),
                   "pk": D(r.choice((5, 10, 20, 50))), "m2": D(r.randint(100, 900)) / 10,
                   "l": D(r.randint(100, 2000)), "kg": D(r.randint(5, 500))}[unit]
        rate = (d_L.reduced.get(tag, d_L.rates[0]) if vat else 0)
        items.append(Item(name, unit, qty, price(r, base, d_L, cur, kind == "receipt"), rate))
    return items


def tendered(r: random.Random, total: D, cur: str) -> D:
    notes = NOTES[cur]
    if r.random() < 0.2:
        return total
    for n in notes:
        if n >= total and r.random() < 0.8:
            return D(n)
    return D((int(total) // notes[-1] + 1) * notes[-1])


def make_doc(r: random.Random, country: str, kind: str, long_ok: bool) -> Doc:
    """Draw the content of one document: parties, dates, items, VAT treatment, formats; then compute totals."""
    L = LOCS[country]
    lang = pick(r, L.langs)
    if country == "BG":
        start, span = (date(2026, 1, 2), 118) if r.random() < 0.4 else (date(2024, 1, 3), 725)
    elif country in ("KZ", "RU"):
        start, span = date(2023, 2, 1), 1050
    else:
        start, span = date(2023, 2, 1), 1140
    day = start + timedelta(days=r.randrange(span))
    issued = datetime(day.year, day.month, day.day, r.randint(7, 22), r.randint(0, 59), r.randint(0, 59))
    cur = "EUR" if country == "BG" and day >= date(2026, 1, 1) else L.cur
    dual = None
    if country == "BG" and date(2025, 8, 8) <= day <= date(2026, 8, 8) and r.random() < 0.85:
        dual = "BGN" if cur == "EUR" else "EUR"
    sym = pick(r, EUR_SYMS if cur == "EUR" else L.syms)
    th, dec = pick(r, L.rnums if kind == "receipt" else L.nums).split(";")
    dpat = pick(r, L.rdates if kind == "receipt" else L.dates)
    if dpat == "kk" and lang != "kk":
        dpat = "dMy"
    seller = party(r, L, lang, kind, set(), small_ok=not (country == "RS" and kind == "receipt"))
    if country == "RS" and kind == "receipt":
        seller.vat = True
    buyer = None
    if kind == "invoice":
        buyer = party(r, L, lang, kind, {seller.root, seller.person})
    style = RECEIPT_STYLE[country] if kind == "receipt" else f"{country.lower()}_{pick(r, INVOICE_STYLES[country])}"
    shop = "grocery"
    brand = ""
    if kind == "receipt":
        shop = pick(r, "grocery|grocery|grocery|grocery|grocery|pharmacy|cafe|cafe|fuel" +
                    ("|kids" if country in ("BG", "UA") else ""))
        b = seller.root if r.random() < 0.5 or seller.small else r.choice(
            [x for x in ROOTS[names_key(country, lang)].split("|") if x != seller.root])
        key = {"UA": "uk", "BG": "bg", "RS": "sr", "RU": "ru", "KZ": "kk" if lang == "kk" else "ru"}.get(
            country, lang)
        brand = pick(r, SHOP_LINES[key][shop]).format(b=b, k=r.randint(1, 250)) if r.random() < 0.85 else ""
    if kind == "receipt":
        n = r.choice((1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12, 14))
    else:
        n = r.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12))
        if long_ok and r.random() < 0.1:
            n = r.randint(24, 34)
    items = make_items(r, L, lang, cur, kind, seller.vat, day, shop, n)
    for it in items:
        it.grp = {"UA": {20: "А", 7: "Б"}, "BG": {20: "Б", 9: "Г", 0: "А"}, "RS": {20: "Ђ", 10: "Е"}}.get(
            country, {}).get(it.rate, "")
    zero_ok = kind == "invoice" and country in ("UA", "BG", "RS")  # a printed zero VAT for non-payers
    vat_mode = "vat" if seller.vat else ("exempt0" if zero_ok and r.random() < 0.35 else "exempt")
    sub = style.split("_", 1)[1]
    gross = kind == "receipt" or (vat_mode == "vat" and (
        (sub == "schet" and country in ("RU", "KZ") and r.random() < 0.65) or (sub == "rahunok" and r.random() < 0.25)))
    per_line = vat_mode == "vat" and not gross and (
        (country == "BY" and sub == "schet" and r.random() < 0.7) or (sub == "racun" and r.random() < 0.6)
        or (sub == "faktura" and country == "UA" and r.random() < 0.3))
    rates = {it.rate for it in items}
    disc_pct = D(0)
    if kind == "receipt":
        for it in items:
            if r.random() < 0.12 and it.amount > 1:
                if r.random() < 0.6:
                    it.dpct = r.choice((5, 10, 15, 20, 25, 30))
                    it.disc = q(it.amount * it.dpct / 100)
                else:
                    it.disc = q(it.amount * D(str(round(r.uniform(0.05, 0.3), 2))))
    elif per_line and sub == "racun":
        for it in items:
            if r.random() < 0.2:
                it.dpct = r.choice((2, 3, 5, 10))
                it.disc = q(it.amount * it.dpct / 100)
    elif len(rates) == 1 and not per_line and r.random() < 0.1:
        disc_pct = D(r.choice((3, 5, 10)))
    seller_pos = "first"
    if sub in ("faktura",) and country == "BG":
        seller_pos = pick(r, "first|second|second")
    elif sub == "racun":
        seller_pos = pick(r, "first|first|second")
    elif sub == "modern":
        seller_pos = pick(r, "first|first|first|second|second|footer|footer")
    event = None
    if country in ("BG", "RS") and kind == "invoice":
        event = day - timedelta(days=r.randint(1, 5)) if r.random() < 0.4 else day
    elif kind == "invoice" and r.random() < 0.12:
        event = day - timedelta(days=r.randint(1, 10))
    due = day + timedelta(days=r.choice((3, 5, 7, 10, 14, 15, 30))) if kind == "invoice" and r.random() < 0.65 else None
    if kind == "receipt":
        no = {"UA": str(r.randint(100, 99999)), "BG": f"{r.randint(1, 999999):07d}", "RS": str(r.randint(1000, 60000)),
              "KZ": str(r.randint(1, 500)), "BY": str(r.randint(1, 9999)), "RU": str(r.randint(1, 300))}[country]
    else:
        k, yy = r.randint(1, 2999), day.year
        no = pick(r, {"UA": f"{k}|СФ-{k:07d}|РН-{k:07d}|{k}/{yy % 100}", "BG": f"{k:010d}",
                      "RS": f"{k}/{yy}|{yy}-{k:04d}|Ф-{k}/{yy % 100}", "KZ": f"{k}|ТП-{k:05d}",
                      "BY": f"{k}|СФ-{k:05d}", "RU": f"{k}|УТ-{k}|00БП-{k:06d}"}[country])
    d = Doc(kind, L, lang, style, seller, buyer, brand, no, issued, event, due, items, gross, vat_mode, per_line,
            disc_pct, cur, sym, th, dec, dpat, "bank", D(0), D(0), dual, False, seller_pos, r=r,
            mix=country == "KZ" and lang == "kk" and r.random() < 0.6)
    d.finalise()
    if kind == "receipt":
        d.pay = "cash" if r.random() < 0.45 else "card"
        d.tendered = tendered(r, d.total, cur) if d.pay == "cash" else d.total
        d.show_net = vat_mode == "vat" and country in ("UA", "BG", "RS") and r.random() < 0.15
    else:
        d.show_net = not gross and vat_mode != "exempt"
        if r.random() < 0.1:
            d.prepaid = q(d.total * D(r.choice(("0.3", "0.5"))))
    return d


# ================================================================================================ images
def persp(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE) mapping output points dst to input points src."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        b += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(a, float), np.array(b, float))]


def smooth(rng: np.random.Generator, w: int, h: int, cell: int) -> np.ndarray:
    """Low-frequency noise in [0, 1] of shape (h, w)."""
    lo = rng.random((max(2, h // cell), max(2, w // cell))).astype(np.float32)
    return np.asarray(Image.fromarray(lo, "F").resize((w, h), Image.Resampling.BICUBIC)).clip(0, 1)


def background(w: int, h: int, r: random.Random, rng: np.random.Generator) -> np.ndarray:
    kind = pick(r, "wood|wood|table|cloth|dark")
    base = np.array({"wood": (r.randint(95, 140), r.randint(62, 90), r.randint(35, 55)),
                     "table": (r.randint(70, 120),) * 3, "cloth": (r.randint(30, 70), r.randint(40, 70),
                                                                    r.randint(60, 100)),
                     "dark": (r.randint(20, 45),) * 3}[kind], np.float32)
    tex = smooth(rng, w, h, 60)[..., None] * 0.3 + 0.85
    if kind == "wood":  # long thin grain lines and broader streaks, slightly wavy
        yy = np.arange(h, dtype=np.float32)[:, None] + smooth(rng, w, h, 120) * r.uniform(6, 20)
        bands = np.asarray(Image.fromarray(rng.random((max(2, h // 6), 3)).astype(np.float32), "F").resize(
            (w, h), Image.Resampling.BICUBIC))
        tex = tex * (1 + 0.05 * np.sin(yy / r.uniform(1.2, 2.5)) + 0.18 * (bands - 0.5))[..., None]
    if kind == "cloth":
        tex = tex * (1 + 0.06 * rng.standard_normal((h, w, 1)).astype(np.float32))
    return base * tex


def photo(paper: Image.Image, r: random.Random, rng: np.random.Generator, page: bool = False) -> Image.Image:
    """A phone photo of paper (L): tone, creases, rotation, perspective, darker background, light, blur, noise."""
    w, h = paper.size
    tone = np.array([r.uniform(238, 252), r.uniform(234, 250), r.uniform(222, 244)], np.float32)
    shade = 1 - r.uniform(0.02, 0.08) * smooth(rng, w, h, 80)
    a = np.asarray(paper, np.float32) / 255.0
    rgb = (a[..., None] * tone * shade[..., None]).clip(0, 255).astype(np.uint8)
    layer = Image.fromarray(rgb, "RGB").convert("RGBA")
    layer = layer.rotate(r.uniform(-3, 3) if not page else r.uniform(-2, 2), Image.Resampling.BICUBIC, expand=True)
    pw, ph = layer.size
    px, py = int(pw * 0.05) + 4, int(pw * 0.02) + 4  # keystone mostly; little shear (rows stay readable)
    padded = Image.new("RGBA", (pw + 2 * px, ph + 2 * py), (0, 0, 0, 0))
    padded.paste(layer, (px, py))
    src = [(px, py), (px + pw, py), (px + pw, py + ph), (px, py + ph)]
    kx = [r.uniform(-0.9, 0.9) * px for _ in range(2)]  # top and bottom edges narrow or widen symmetrically
    dst = [(x + (kx[i // 2] if i in (0, 3) else -kx[i // 2]) + r.uniform(-0.2, 0.2) * px,
            y + r.uniform(-0.7, 0.7) * py) for i, (x, y) in enumerate(src)]
    layer = padded.transform(padded.size, Image.Transform.PERSPECTIVE, persp(src, dst), Image.Resampling.BICUBIC)
    lw, lh = layer.size
    fill = r.uniform(0.8, 0.92) if page else r.uniform(0.68, 0.9)
    cw, ch = int(lw / fill), int(lh + lh * (1 / fill - 1) * (0.3 if not page else 1))
    canvas = background(cw, ch, r, rng)
    ox, oy = (cw - lw) // 2 + r.randint(-(cw - lw) // 4, (cw - lw) // 4), (ch - lh) // 2
    alpha = np.zeros((ch, cw), np.float32)
    alpha[oy:oy + lh, ox:ox + lw] = np.asarray(layer.getchannel("A"), np.float32) / 255
    shadow = np.asarray(Image.fromarray((alpha * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(9)),
                        np.float32) / 255
    dx, dy = r.randint(2, 10), r.randint(3, 12)
    shadow = np.roll(np.roll(shadow, dy, 0), dx, 1)
    canvas *= (1 - 0.45 * shadow)[..., None]
    top = np.zeros((ch, cw, 3), np.float32)
    top[oy:oy + lh, ox:ox + lw] = np.asarray(layer.convert("RGB"), np.float32)
    canvas = canvas * (1 - alpha[..., None]) + top * alpha[..., None]
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    yy, xx = yy / ch, xx / cw
    th = r.uniform(0, 2 * np.pi)
    light = 1 - r.uniform(0.05, 0.3) * ((np.cos(th) * (xx - 0.5) + np.sin(th) * (yy - 0.5)) + 0.5)
    light -= r.uniform(0.0, 0.25) * ((xx - 0.5) ** 2 + (yy - 0.5) ** 2)
    if r.random() < 0.3:  # soft shadow of the phone / hand
        cx, cy, rad = r.random(), r.random(), r.uniform(0.2, 0.45)
        dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        light -= r.uniform(0.06, 0.18) * np.clip((rad - dist) / (rad * r.uniform(0.3, 0.7)), 0, 1)
    canvas *= light[..., None]
    img = Image.fromarray(canvas.clip(0, 255).astype(np.uint8), "RGB")
    img = img.filter(ImageFilter.GaussianBlur(r.uniform(0.35, 1.1)))
    if r.random() < 0.15:
        k = [0.0] * 25
        for i in range(5):
            k[(i * 5 + i) if r.random() < 0.5 else (i * 5 + 2)] = 0.2
        img = img.filter(ImageFilter.Kernel((5, 5), k, 1))
    img = fit_pixels(img, 1000 if not page else 1400)
    noise = rng.normal(0, r.uniform(2, 6), (img.height, img.width, 1)) + rng.normal(0, 1.5, (img.height, img.width, 3))
    return Image.fromarray((np.asarray(img, np.float32) + noise).clip(0, 255).astype(np.uint8), "RGB")


def fit_pixels(img: Image.Image, max_w: int) -> Image.Image:
    s = min(1.0, max_w / img.width, (MAX_PIXELS / (img.width * img.height)) ** 0.5)
    return img.resize((int(img.width * s), int(img.height * s)), Image.Resampling.LANCZOS) if s < 1 else img


def scan_receipt(paper: Image.Image, r: random.Random, rng: np.random.Generator) -> Image.Image:
    """A flatbed scan of a receipt: flat light, white or dark lid, small skew, mild blur and noise."""
    w, h = paper.size
    lid = r.choice((250, 244, 236, 40))
    tone = r.randint(232, 248)
    a = (np.asarray(paper, np.float32) / 255 * tone).astype(np.uint8)
    mask = Image.new("L", (w, h), 255)
    ang = r.uniform(-1.8, 1.8)
    pap = Image.fromarray(a, "L").rotate(ang, Image.Resampling.BICUBIC, expand=True, fillcolor=lid)
    mask = mask.rotate(ang, Image.Resampling.BICUBIC, expand=True)
    mx, my = int(w * r.uniform(0.06, 0.2)), int(h * r.uniform(0.02, 0.06))
    canvas = Image.new("L", (pap.width + 2 * mx, pap.height + 2 * my), lid)
    canvas.paste(pap, (mx, my), mask)
    img = canvas.filter(ImageFilter.GaussianBlur(r.uniform(0.3, 0.7)))
    img = fit_pixels(img, 1000)
    noise = rng.normal(0, r.uniform(1, 3.5), (img.height, img.width))
    out = Image.fromarray((np.asarray(img, np.float32) + noise).clip(0, 255).astype(np.uint8), "L")
    return out if r.random() < 0.5 else out.convert("RGB")


def raster(pdf: bytes, scale: float) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    img = doc[0].render(scale=scale).to_pil().convert("L")
    doc.close()
    return img


def scan_page(pdf: bytes, r: random.Random, rng: np.random.Generator) -> tuple[Image.Image, int]:
    """Page 1 as an office scan at 150-160 dpi (A4 stays under 2.5 MP): grey paper, skew, light, blur, noise."""
    dpi = r.choice((150, 150, 155, 160))
    img = raster(pdf, dpi / 72)
    paper = r.randint(226, 250)
    arr = np.asarray(img, np.float32) * (paper / 255.0)
    h, w = arr.shape
    ramp = 1 - r.uniform(0, 0.08) * (np.linspace(0, 1, w)[None, :] * r.random() + np.linspace(0, 1, h)[:, None]
                                      * r.random())
    img = Image.fromarray((arr * ramp).clip(0, 255).astype(np.uint8), "L")
    img = img.rotate(r.uniform(-1.3, 1.3), Image.Resampling.BICUBIC, fillcolor=r.choice((paper, 255, 70)))
    img = img.filter(ImageFilter.GaussianBlur(r.uniform(0.3, 0.8)))
    noise = rng.normal(0, r.uniform(2, 7), (img.height, img.width))
    return Image.fromarray((np.asarray(img, np.float32) + noise).clip(0, 255).astype(np.uint8), "L"), dpi


def jpeg(img: Image.Image, quality: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


# ================================================================================================ documents
@dataclass
class Result:
    ext: str
    data: bytes
    label: dict[str, object]
    doc: Doc
    drawn: list[tuple[str, str]]   # (font file, text) for every string drawn
    printed_total: str
    printed_date: str
    pdf: bytes | None = None       # the invoice PDF (also for rasterised invoices)


def receipt_paper(d: Doc, r: random.Random) -> tuple[Image.Image, list[tuple[str, str]]]:
    rows = RECEIPTS[d.country](d, r)
    W = r.choice((40, 40, 48)) if d.country == "RS" else r.choice((32, 40, 42, 42, 44, 48))
    char_px = r.uniform(14, 19) if W <= 42 else r.uniform(13, 17)
    rec = render_receipt(rows, W, int(W * char_px), r)
    return rec.img, rec.drawn


def generate(doc_seed: int, country: str, kind: str, source: str) -> Result:
    """One document. source: photo | scan | text_layer (text_layer only for invoices)."""
    r = random.Random(doc_seed)
    rng = np.random.default_rng(r.getrandbits(64))
    d = make_doc(r, country, kind, long_ok=source == "text_layer")
    pdf_bytes = None
    pages = 1
    if kind == "receipt":
        paper, drawn = receipt_paper(d, r)
        img = photo(paper, r, rng) if source == "photo" else scan_receipt(paper, r, rng)
        data, ext = jpeg(img, r.randint(70, 92)), "jpg"
    else:
        p: Pdf = render_invoice(d, r, NB_WORDS[d.lang])
        drawn, pages = p.drawn, p.page
        pdf_bytes = bytes(p.output())
        if source == "text_layer":
            data, ext = pdf_bytes, "pdf"
        elif source == "scan":
            img, dpi = scan_page(pdf_bytes, r, rng)
            data, ext, pages = jpeg(img, r.randint(70, 90), dpi), "jpg", 1
        else:
            page = raster(pdf_bytes, r.uniform(1050, 1250) / 595)
            data, ext, pages = jpeg(photo(page, r, rng, page=True), r.randint(72, 90)), "jpg", 1
    bad = check_fonts(drawn)
    if bad:
        raise RuntimeError(f"glyphs missing from the fonts used: {bad!r}")
    return Result(ext, data, label_of(d, source, pages), d, drawn, d.m(d.total), d.date_str(), pdf_bytes)


def label_of(d: Doc, source: str, pages: int) -> dict[str, object]:
    """The expected.json content (conventions in the module docstring)."""
    return {
        "merchant": d.seller.name, "date": d.issued.date().isoformat(), "currency": d.cur,
        "subtotal": float(d.net) if d.show_net else None, "tax_amount": float(d.tax) if d.show_tax else None,
        "total": float(d.total), "conventions": "invoices-dev", "kind": d.kind, "pages": pages, "lang": d.lang,
        "country": d.country, "style": d.style, "source": source}


def plan(n: int, seed: int, photo_share: float) -> list[tuple[str, str, str, int]]:
    """(country, kind, source, doc_seed) per document; (country, kind) pairs are dealt from shuffled DECKs."""
    master = random.Random(seed)
    out: list[tuple[str, str, str, int]] = []
    deck: list[tuple[str, str]] = []
    for _ in range(n):
        if not deck:
            deck = DECK[:]
            master.shuffle(deck)
        country, kind = deck.pop()
        x = master.random()
        if kind == "receipt":
            source = "photo" if x < photo_share else "scan"
        else:
            source = "text_layer" if x < 0.5 else "scan" if x < 0.9 else "photo"
        out.append((country, kind, source, master.getrandbits(64)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate labelled Cyrillic-script receipts and invoices.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--photo", type=float, default=0.7, help="share of receipts that are phone photos (rest: scans)")
    a = ap.parse_args(argv)
    if not (FONT_DIR / "DejaVuSans.ttf").is_file():
        raise SystemExit(f"DejaVu fonts not found in {FONT_DIR} (Debian/Ubuntu: apt-get install fonts-dejavu-core)")
    a.out.mkdir(parents=True, exist_ok=True)
    for i, (country, kind, source, doc_seed) in enumerate(plan(a.n, a.seed, a.photo)):
        res = generate(doc_seed, country, kind, source)
        stem = f"{i:03d}-{country.lower()}-{res.label['style']}"
        (a.out / f"{stem}.{res.ext}").write_bytes(res.data)
        (a.out / f"{stem}.{res.ext}.expected.json").write_text(
            json.dumps(res.label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.n} documents to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
