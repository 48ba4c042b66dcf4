"""Drawing for ``make_cyrillic_docs.py``: till-receipt rows per country, the receipt rasteriser (Pillow) and the
invoice renderers (fpdf2). Written independently of OCRlty's extractor.

Every string drawn is logged with the font file that drew it (``Receipt.drawn`` / ``Pdf.drawn``) so that tests and
the generator can check that the font covers each character (no tofu).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from cyrillic_docs_locales import D, Doc, Item, amount_words, digits, pick, qty_str, unit_name
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)


@cache
def cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def missing(path: str, text: str) -> str:
    """Characters of text (other than whitespace) that the font file has no glyph for."""
    cm = cmap(str(path))
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in cm}))


# ============================================================================================ receipts: content
@dataclass
class Row:
    cells: list[tuple[str, float, str]] = field(default_factory=list)  # (text, anchor 0..1, align l|r|c)
    kind: str = "text"          # text | rule | gap | qr | bar | logo | banner
    size: float = 1.0
    bold: bool = False
    ch: str = "-"


def T(left: str = "", right: str = "", size: float = 1.0, bold: bool = False) -> Row:
    cells = [(left, 0.0, "l")] if left else []
    return Row(cells + ([(right, 1.0, "r")] if right else []), size=size, bold=bold)


def C(text: str, size: float = 1.0, bold: bool = False) -> Row:
    return Row([(text, 0.5, "c")], size=size, bold=bold)


def rule(ch: str = "-") -> Row:
    return Row(kind="rule", ch=ch)


def banner(text: str, ch: str = "=", bold: bool = False) -> Row:
    return Row([(text, 0.5, "c")], kind="banner", ch=ch, bold=bold)


def lab(d: Doc, key: str) -> str:
    """Label in the document's language; Kazakh receipts may print 'Kazakh / Russian'."""
    if d.country == "KZ" and d.lang == "kk":
        kk, ru = d.w(key, "kk"), d.w(key, "ru")
        return f"{kk} / {ru}" if d.mix and kk.lower() != ru.lower() else kk
    return d.w(key)


def qx(d: Doc, it: Item, three: bool) -> str:
    return qty_str(it.qty, d.dec, three)


def when(d: Doc, pat: str | None = None, secs: bool = True) -> str:
    t = d.issued.strftime("%H:%M:%S" if secs else "%H:%M")
    return f"{d.date_str(pat=pat)} {t}"


def pay_rows(d: Doc, r: random.Random, cash_l: str, card_l: str, change_l: str, eq: str = "") -> list[Row]:
    if d.pay == "cash":
        rows = [T(cash_l, eq + d.m(d.tendered))]
        if d.tendered > d.total or r.random() < 0.5:
            rows.append(T(change_l, eq + d.m(d.tendered - d.total)))
        return rows
    rows = [T(card_l, eq + d.m(d.total))]
    if r.random() < 0.6:
        rows += [T(pick(r, "VISA|MASTERCARD|Visa Debit|MC"), digits(r, "****####")),
                 T(pick(r, "RRN|Код авт.|AUTH"), digits(r, "######"))]
    return rows


def rc_ua(d: Doc, r: random.Random) -> list[Row]:
    s, rows = d.seller, []
    if r.random() < 0.3:
        logo = d.brand or s.root
        rows.append(Row([(logo.upper() if r.random() < 0.5 else logo, 0.5, "c")], kind="logo"))
    head = [C(s.name, bold=r.random() < 0.4), C(d.brand)] if d.brand else [C(s.name, bold=True)]
    rows += head if r.random() < 0.7 else head[::-1]
    rows.append(C(s.addr))
    ids = dict(s.ids)
    if "ПН" in ids:
        rows.append(C(f"ПН {ids['ПН']}"))
    rows.append(C(f"ІД {ids.get('ІД', '')}"))
    rows += [T(f"{d.w('till')} {r.randint(1, 12)}", f"{d.w('shift')} {r.randint(1, 900)}"),
             T(f"{d.w('cashier')}: {s.person.split()[1]}" if r.random() < 0.6 else d.w("cashier") + ": "
               + s.person.split()[0]), rule(r.choice("-=-"))]
    three = r.random() < 0.5
    for it in d.items:
        amt = f"{d.m(it.amount)} {it.grp}".strip()
        if r.random() < 0.25:
            rows.append(T(digits(r, "482#########"), ""))
        if it.qty == 1 and it.unit == "pc" and r.random() < 0.6:
            rows.append(T(it.name, amt))
        else:
            rows += [T(it.name), T(f"  {qx(d, it, three)} x {d.m(it.price)}", amt)]
        if it.disc:
            rows.append(T(f"  {d.w('disc')}" + (f" {it.dpct}%" if it.dpct else ""), f"-{d.m(it.disc)}"))
    rows.append(rule())
    if d.disc_total and r.random() < 0.4:
        rows.append(T(f"{d.w('disc')}:", d.m(d.disc_total)))
    sym = pick(r, " ГРН| грн||| ₴")
    rows.append(T(d.w("total") + (":" if r.random() < 0.4 else ""), d.m(d.total) + sym, size=r.choice((1, 1.25, 1.5)),
                  bold=True))
    letters = {20: "А", 7: "Б"}
    for rate, (_, tax) in d.by_rate.items():
        if d.vat_mode == "vat":
            rows.append(T(pick(r, f"ПДВ {letters[rate]} = {rate},00%|ПДВ {letters[rate]} {rate}%|ПДВ {letters[rate]} "
                                  f"{rate}.00%"), d.m(tax)))
    if d.show_net:
        rows.append(T(d.w("net_r"), d.m(d.net)))
    if d.vat_mode == "exempt" and r.random() < 0.6:
        rows.append(C(d.w("no_vat")))
    rows += [rule(), *pay_rows(d, r, d.w("cash"), d.w("card"), d.w("change")), rule()]
    rows += [T(f"{d.w('check')} {d.no}", ""), C(when(d)), C(f"ФН {'ПРРО ' if r.random() < 0.5 else ''}"
                                                          f"{digits(r, '400#######')}"),
             C(f"ФН чека {digits(r, '#########')}" if r.random() < 0.5 else f"ЗН {digits(r, 'АТ4#######')}")]
    if r.random() < 0.4:
        rows.append(C(pick(r, "ОНЛАЙН|ОФЛАЙН")))
    rows += [Row(kind="qr") if r.random() < 0.65 else Row(kind="gap"), C(d.w("fiscal"), bold=True)]
    if r.random() < 0.6:
        rows.append(C(d.w("thanks")))
    return rows


def rc_bg(d: Doc, r: random.Random) -> list[Row]:
    s, rows = d.seller, []
    if r.random() < 0.3:
        rows.append(Row([(d.brand.split('"')[1] if '"' in d.brand else d.brand or s.root, 0.5, "c")], kind="logo"))
    rows += [C(s.name, bold=r.random() < 0.5), C(s.addr), C(f"ЕИК: {dict(s.ids)['ЕИК']}")]
    if d.brand:
        rows.append(C(d.brand))
        rows.append(C(pick(r, "гр. София, бул. Витоша 45|гр. Пловдив, ул. Главна 12|гр. Варна, бул. Приморски 20|"
                              "гр. Бургас, ул. Александровска 33|гр. Русе, ул. Борисова 7")))
    if s.vat:
        rows.append(C(f"ЗДДС № BG{dict(s.ids)['ЕИК']}"))
    else:
        rows.append(C(d.w("no_vat")))
    rows.append(rule())
    for it in d.items:
        if it.qty != 1 or it.unit != "pc":
            rows.append(T(f"{qx(d, it, True)} x {d.m(it.price)} ="))
        rows.append(T(it.name, f"{d.m(it.amount)} {it.grp}"))
        if it.disc:
            rows.append(T(d.w("disc") + (f" {it.dpct}%" if it.dpct else ""), f"-{d.m(it.disc)} {it.grp}"))
    rows.append(rule())
    if d.disc_total and r.random() < 0.6:
        rows.append(T("МЕЖДИННА СУМА", d.m(d.gross_lines)))
    vat_rows = [T(f"ДДС {it_grp} = {rate}{d.dec}00%", d.m(tax)) for rate, (_, tax) in d.by_rate.items()
                for it_grp in [{20: "Б", 9: "Г", 0: "А"}[rate]] if d.vat_mode == "vat"]
    vat_first = r.random() < 0.5
    rows += vat_rows if vat_first else []
    cur = "лв." if d.cur == "BGN" else pick(r, "EUR|€|евро")
    rows.append(T(d.w("total"), f"{d.m(d.total)} {cur}", size=r.choice((1, 1.25, 1.5)), bold=True))
    if d.dual:
        other = "€" if d.dual == "EUR" else "лв."
        rows.append(T(pick(r, f"ОБЩА СУМА {d.dual}||{d.w('total')} {d.dual}"), f"{d.m(d.conv(d.total))} {other}"))
        if r.random() < 0.6:
            rows.append(C(f"1 EUR = 1,95583 {pick(r, 'лв.|BGN')}"))
    rows += [] if vat_first else vat_rows
    if d.show_net:
        rows.append(T(d.w("net_r"), d.m(d.net)))
    rows += pay_rows(d, r, d.w("cash"), d.w("card"), d.w("change"))
    rows += [rule(), C(f"{len(d.items)} {d.w('items')}"), T(f"№{d.no}", digits(r, "00##")),
             C(when(d)), C(d.w("fiscal"), bold=True), C(f"{digits(r, 'AA######')}  {digits(r, '02######')}")]
    if r.random() < 0.5:
        rows.append(C(f"УНП: {digits(r, 'AA######-####-')}{d.no}"))
    if r.random() < 0.4:
        rows.append(Row(kind="bar"))
    if r.random() < 0.5:
        rows.append(C(d.w("thanks")))
    return rows


def rc_rs(d: Doc, r: random.Random) -> list[Row]:
    s, ids, rows = d.seller, dict(d.seller.ids), []
    rows.append(banner(" ФИСКАЛНИ РАЧУН "))
    city = s.city
    rows += [T("ПИБ:", ids["ПИБ"]), T("Предузеће:", s.name), T("Место продаје:", d.brand or s.root),
             T("Адреса:", s.addr.split(", ")[0]), T("Општина:", city), T("Касир:", s.person.split()[0]),
             T("ЕСИР број:", f"{r.randint(10, 999)}/{r.choice(('1.0', '2.1', '3.0.4'))}")]
    rows += [banner(" ПРОМЕТ ПРОДАЈА ", "-"), T("Артикли"), rule("=")]
    rows.append(Row([("Назив", 0, "l"), ("Цена", 0.55, "r"), ("Кол.", 0.75, "r"), ("Укупно", 1, "r")]))
    for it in d.items:
        rows.append(T(f"{it.name}/{unit_name(it.unit, 'sr').upper()} ({it.grp})"))
        rows.append(Row([(d.m(it.price), 0.55, "r"), (qx(d, it, False), 0.75, "r"), (d.m(it.amount), 1, "r")]))
        if it.disc:
            rows.append(T(f"   {d.w('disc')}", f"-{d.m(it.disc)}"))
    rows += [rule(), T(pick(r, "Укупан износ:|Укупан износ:|УКУПНО:"), d.m(d.total), bold=True,
                       size=r.choice((1, 1, 1.25)))]
    rows += pay_rows(d, r, "Готовина:", pick(r, "Платна картица:|Картица:"), "Повраћај:")
    rows += [rule("="), Row([("Ознака", 0, "l"), ("Име", 0.3, "l"), ("Стопа", 0.7, "r"), ("Порез", 1, "r")])]
    for rate, (_, tax) in d.by_rate.items():
        rows.append(Row([({20: "Ђ", 10: "Е"}[rate], 0, "l"), ({20: "О-ПДВ", 10: "П-ПДВ"}[rate], 0.3, "l"),
                         (f"{rate},00%", 0.7, "r"), (d.m(tax), 1, "r")]))
    rows += [rule(), T("Укупан износ пореза:", d.m(d.tax))]
    if d.show_net:
        rows.append(T("Основица:", d.m(d.net)))
    rows += [rule("="), T("ПФР време:", when(d, "dmy.")), T("ПФР бр.рач:", digits(r, "AAAA####-AAAA####-") + d.no),
             T("Бројач рачуна:", f"{d.no}/{r.randint(int(d.no) + 1, int(d.no) + 9000)}ПП"), rule("="), Row(kind="qr"),
             banner(" КРАЈ ФИСКАЛНОГ РАЧУНА ")]
    return rows


def rc_kz(d: Doc, r: random.Random) -> list[Row]:
    s, ids, rows = d.seller, dict(d.seller.ids), []
    if r.random() < 0.25:
        rows.append(Row([(d.brand or s.root, 0.5, "c")], kind="logo"))
    idk = "ИИН" if "ИИН" in ids else "БИН"
    rows += [C(s.name, bold=True), C(f"{idk} {ids[idk]}"), C(s.addr)]
    if d.brand and r.random() < 0.6:
        rows.insert(-1, C(d.brand))
    kkru = d.lang == "kk"
    if s.vat:
        cert = "ҚҚС бойынша тіркеу куәлігі|ҚҚС сериясы" if kkru else "Свидетельство по НДС серия|НДС серия"
        rows.append(C(f"{pick(r, cert)} {digits(r, '#####')} № {digits(r, '#######')}"))
    title = ("ФИСКАЛДЫҚ ЧЕК / ФИСКАЛЬНЫЙ ЧЕК" if d.mix else "ФИСКАЛДЫҚ ЧЕК") if kkru else "ФИСКАЛЬНЫЙ ЧЕК"
    rows += [C(title, bold=True), C(lab(d, "sale")),
             T(f"{lab(d, 'shift')} №{r.randint(1, 400)}", f"{lab(d, 'check')}{d.no}"),
             T(lab(d, "cashier"), s.person.split()[1]), rule()]
    for i, it in enumerate(d.items, 1):
        rows += [T(f"{i}. {it.name}"), T(f"   {qx(d, it, False)} ({unit_name(it.unit, 'kk' if kkru else 'ru')}) x "
                                          f"{d.m(it.price)}", f"= {d.m(it.amount)}")]
        if it.disc:
            rows.append(T(f"   {lab(d, 'disc')}", f"-{d.m(it.disc)}"))
    rows += [rule(), T(lab(d, "total") + ":", d.m(d.total), bold=True, size=r.choice((1, 1.25, 1.5)))]
    rows += pay_rows(d, r, lab(d, "cash") + ":", lab(d, "card") + ":", lab(d, "change") + ":")
    for rate, (_, tax) in d.by_rate.items():
        if d.vat_mode == "vat":
            incl = ("оның ішінде ҚҚС / в т.ч. НДС" if d.mix else pick(r, "оның ішінде ҚҚС|ҚҚС")) if kkru else \
                pick(r, "в т.ч. НДС|НДС")
            rows.append(T(f"{incl} {rate}%:", d.m(tax)))
    if d.vat_mode == "exempt" and r.random() < 0.5:
        rows.append(C("ҚҚС-сыз / Без НДС" if d.mix else "ҚҚС-сыз" if kkru else "Без НДС"))
    rows += [rule(), T("ФБ / ФП:" if d.mix else "ФБ:" if kkru else "ФП:", digits(r, "##########")),
             T("Уақыты / Время:" if d.mix else "Уақыты:" if kkru else "Дата и время:", when(d)),
             T("ЗНМ:", digits(r, "SWK00######")), T("КНН / РНМ:" if d.mix else "КНН:" if kkru else "РНМ:",
                                                   digits(r, "0101########")),
             T("Фискалдық деректер операторы:" if kkru else "Оператор фискальных данных:"),
             T(pick(r, 'АО "Казахтелеком"|ТОО "Transtelecom"|"ОФД Кассатека"')),
             T(("Чекті тексеру: " if kkru else "Проверка чека: ") + "consumer.oofd.kz"), Row(kind="qr")]
    rows.append(C(W_KZ_THANKS[d.mix if kkru else 2]))
    return rows


W_KZ_THANKS = {False: "САТЫП АЛҒАНЫҢЫЗ ҮШІН РАХМЕТ!", True: "РАХМЕТ! / СПАСИБО!", 2: "СПАСИБО ЗА ПОКУПКУ!"}


def rc_by(d: Doc, r: random.Random) -> list[Row]:
    s, rows, be = d.seller, [], d.lang == "be"
    rows += [C(s.name, bold=True), C(f"{'УНП' if r.random() < 0.8 else 'УНП:'} {dict(s.ids)['УНП']}")]
    if d.brand:
        rows.append(C(d.brand))
    rows += [C(s.addr), C(f"{d.w('fiscal')} {d.w('check').split()[-1]} {d.no}", bold=True),
             T(f"{d.w('till')} {r.randint(1, 9):02d}", f"{d.w('cashier')} {s.person.split()[0]}"), rule()]
    for it in d.items:
        if it.qty == 1 and r.random() < 0.5:
            rows.append(T(it.name, d.m(it.amount)))
        else:
            rows += [T(it.name), T(f"  {qx(d, it, False)} x {d.m(it.price)}", f"= {d.m(it.amount)}")]
        if it.disc:
            rows.append(T(f"  {d.w('disc')}", f"-{d.m(it.disc)}"))
    rows += [rule(), T(d.w("total") + ":", d.m(d.total) + pick(r, "|| BYN| руб."), bold=True,
                       size=r.choice((1, 1.25)))]
    for rate, (_, tax) in d.by_rate.items():
        if d.vat_mode == "vat":
            rows.append(T(f"{pick(r, 'у т.л. ПДВ|ПДВ') if be else pick(r, 'в т.ч. НДС|НДС')} {rate}%:", d.m(tax)))
    if d.vat_mode == "exempt" and r.random() < 0.5:
        rows.append(C(d.w("no_vat")))
    rows += pay_rows(d, r, d.w("cash"), d.w("card"), d.w("change"))
    rows += [rule(), T("Рэг. № СКНА:" if be else "Рег. № СКНО:", digits(r, "#########")),
             T("КСА:", digits(r, "#######")), C(when(d, secs=r.random() < 0.5))]
    if r.random() < 0.5:
        rows += [T("УІД:" if be else "УИ:", digits(r, "########AA##A###"))]
    rows += [Row(kind="qr") if r.random() < 0.5 else Row(kind="gap"), C(d.w("thanks"))]
    return rows


def rc_ru(d: Doc, r: random.Random) -> list[Row]:
    s, ids, rows = d.seller, dict(d.seller.ids), []
    rows += [C(d.w("fiscal"), bold=True), C(d.w("sale")), C(s.name, bold=r.random() < 0.5), C(s.addr)]
    if d.brand:
        rows.append(T("Место расчетов:", d.brand))
    rows += [T("Кассир:", s.person.split()[0] + " " + s.person.split()[1][0] + "."),
             T(f"Смена № {r.randint(1, 600)}", f"{d.w('check')} {d.no}"), rule()]
    for i, it in enumerate(d.items, 1):
        rows += [T(f"{i}. {it.name}"), T(f"   {qx(d, it, False)} x {d.m(it.price)}", f"={d.m(it.amount)}")]
        if d.vat_mode == "vat" and r.random() < 0.7:
            rows.append(T(f"   НДС {it.rate}%"))
        elif d.vat_mode == "exempt":
            rows.append(T("   НДС не облагается"))
        if it.disc:
            rows.append(T(f"   {d.w('disc')}", f"-{d.m(it.disc)}"))
    rows += [rule(), T(d.w("total"), f"={d.m(d.total)}", bold=True, size=r.choice((1, 1.25, 1.5)))]
    rows += pay_rows(d, r, d.w("cash"), d.w("card"), d.w("change"), "=")
    for rate, (_, tax) in d.by_rate.items():
        if d.vat_mode == "vat":
            rows.append(T(f"{pick(r, 'СУММА НДС|НДС')} {rate}%", f"={d.m(tax)}"))
    rows += [rule(), T("СНО:", "ОСН" if d.vat_mode == "vat" else pick(r, "УСН доход|УСН доход-расход|ПСН")),
             T("ИНН:", ids["ИНН"]), T("ЗН ККТ:", digits(r, "00##############")),
             T("РН ККТ:", digits(r, "000#######0#####")), T("ФН:", digits(r, "99604403########")),
             T("ФД:", str(r.randint(1000, 99999))), T("ФП:", digits(r, "##########")),
             T(when(d, secs=False), ""), T("Сайт ФНС:", "www.nalog.gov.ru"), Row(kind="qr")]
    if r.random() < 0.5:
        rows.append(C(d.w("thanks")))
    return rows


RECEIPTS = {"UA": rc_ua, "BG": rc_bg, "RS": rc_rs, "KZ": rc_kz, "BY": rc_by, "RU": rc_ru}

# ========================================================================================== receipts: drawing
RFONTS = {  # family -> (regular, bold) files
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "monob": ("DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serifc": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
    "light": ("DejaVuSans-ExtraLight.ttf", "DejaVuSans.ttf"),
}


@lru_cache(maxsize=256)
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=ImageFont.Layout.BASIC)


@dataclass
class Receipt:
    img: Image.Image
    drawn: list[tuple[str, str]]   # (font file, text)
    family: str


def row_texts(rows: list[Row]) -> str:
    return "".join(t for row in rows for t, _, _ in row.cells) + "".join(row.ch for row in rows)


def choose_family(rows: list[Row], r: random.Random) -> str:
    fam = pick(r, "mono|mono|mono|mono|mono|monob|cond|cond|sans|serifc|light")
    text = row_texts(rows)
    if any(missing(str(FONT_DIR / f), text) for f in RFONTS[fam]):
        fam = "mono"
    return fam


def fake_qr(r: random.Random, n: int = 25) -> np.ndarray:
    m = np.array([[r.random() < 0.5 for _ in range(n)] for _ in range(n)])
    for y0, x0 in ((0, 0), (0, n - 7), (n - 7, 0)):
        m[y0:y0 + 7, x0:x0 + 7] = True
        m[y0 + 1:y0 + 6, x0 + 1:x0 + 6] = False
        m[y0 + 2:y0 + 5, x0 + 2:x0 + 5] = True
    return m


def render_receipt(rows: list[Row], W: int, width: int, r: random.Random) -> Receipt:
    """Rows -> greyscale thermal paper strip `width` px wide, about W characters of the body font per line."""
    fam = choose_family(rows, r)
    reg, bold_f = RFONTS[fam]
    margin = int(width * r.uniform(0.03, 0.06))
    inner = width - 2 * margin
    probe = font(reg, 100)
    per_char = probe.getlength("Молоко 2,5% 900г  2 x 38,90  77,80 А СУМА") / 42
    size = max(10, int(inner / W / per_char * 100 * r.uniform(0.93, 0.99)))
    line_h = int(size * r.uniform(1.18, 1.38))
    ink = r.randint(10, 70)
    ops: list[tuple] = []   # (kind, y, payload...)
    drawn: list[tuple[str, str]] = []
    y = int(line_h * r.uniform(1.0, 2.5))

    def text_at(x: float, yy: int, s: str, f: str, sz: int) -> None:
        ops.append(("t", int(x), yy, s, f, sz))
        drawn.append((f, s))

    def wrap(s: str, fnt: ImageFont.FreeTypeFont) -> list[str]:
        out, cur = [], ""
        for word in s.split(" "):
            cand = f"{cur} {word}" if cur else word
            if fnt.getlength(cand) <= inner or not cur:
                cur = cand
            else:
                out.append(cur)
                cur = word
        return out + [cur]

    for row in rows:
        if row.kind == "gap":
            y += line_h // 2
            continue
        if row.kind == "rule":
            f = font(reg, size)
            n = int(inner / f.getlength(row.ch))
            text_at(margin + (inner - f.getlength(row.ch * n)) / 2, y, row.ch * n, reg, size)
            y += line_h
            continue
        if row.kind == "qr":
            m = fake_qr(r)
            cell = max(3, int(inner * r.uniform(0.32, 0.45) / m.shape[0]))
            x0 = margin + (inner - cell * m.shape[0]) // 2
            ops.append(("qr", x0, y + line_h // 3, m, cell))
            y += cell * m.shape[0] + line_h
            continue
        if row.kind == "bar":
            ops.append(("bar", margin + inner // 6, y, [r.choice((1, 1, 2, 3)) for _ in range(60)], int(line_h * 2)))
            y += line_h * 3
            continue
        if row.kind == "logo":
            text = row.cells[0][0]
            sz = size * 2
            while sz > size and font(bold_f, sz).getlength(text) > inner * 0.95:
                sz -= 2
            f = font(bold_f, sz)
            w = f.getlength(text)
            inv = r.random() < 0.4
            ops.append(("logo", int(margin + (inner - w) / 2), y, text, bold_f, sz, inv, int(w)))
            drawn.append((bold_f, text))
            y += int(sz * 1.6) + line_h // 2
            continue
        fname = bold_f if row.bold else reg
        sz = int(size * row.size)
        f = font(fname, sz)
        lh = int(line_h * row.size)
        if row.kind == "banner":
            text = row.cells[0][0]
            n = max(0, int((inner - f.getlength(text)) / f.getlength(row.ch) / 2))
            text = row.ch * n + text + row.ch * n
            text_at(margin + (inner - f.getlength(text)) / 2, y, text, fname, sz)
            y += lh
            continue
        cells = [(t, a, al, f.getlength(t)) for t, a, al in row.cells]
        xs = [margin + a * inner - (w if al == "r" else w / 2 if al == "c" else 0) for _, a, al, w in cells]
        ok = all(x >= margin - 1 and x + c[3] <= margin + inner + 1 for x, c in zip(xs, cells, strict=True))
        ok = ok and all(xs[i] + cells[i][3] + f.getlength(" ") <= xs[i + 1] for i in range(len(cells) - 1))
        if ok:
            for x, (t, *_rest) in zip(xs, cells, strict=True):
                text_at(x, y, t, fname, sz)
            y += lh
            continue
        for t, _, al, _ in cells:  # does not fit on one line: each cell on its own line(s), wrapped
            for part in wrap(t, f):
                w = f.getlength(part)
                x = margin + (inner - w if al == "r" else (inner - w) / 2 if al == "c" else 0)
                text_at(x, y, part, fname, sz)
                y += lh
    height = y + int(line_h * r.uniform(1.5, 4))
    img = Image.new("L", (width, height), 255)
    dr = ImageDraw.Draw(img)
    for op in ops:
        if op[0] == "t":
            _, x, yy, s, fname, sz = op
            dr.text((x, yy), s, font=font(fname, sz), fill=ink)
        elif op[0] == "qr":
            _, x0, y0, m, cell = op
            for (iy, ix) in zip(*np.nonzero(m), strict=True):
                dr.rectangle([x0 + ix * cell, y0 + iy * cell, x0 + (ix + 1) * cell - 1, y0 + (iy + 1) * cell - 1],
                             fill=ink)
        elif op[0] == "bar":
            _, x, y0, widths, h = op
            unit = max(1, inner // 2 // sum(widths))
            for i, bw in enumerate(widths):
                if i % 2 == 0:
                    dr.rectangle([x, y0, x + bw * unit - 1, y0 + h], fill=ink)
                x += bw * unit
        else:
            _, x, yy, text, fname, sz, inv, w = op
            if inv:
                dr.rectangle([x - sz // 3, yy - sz // 5, x + w + sz // 3, yy + int(sz * 1.3)], fill=ink)
            dr.text((x, yy), text, font=font(fname, sz), fill=255 if inv else ink)
    # thermal print: ink fades in bands and along worn head dots
    arr = np.asarray(img, np.float32)
    dark = 255 - arr
    prof = np.interp(np.arange(height), np.linspace(0, height, 8), [r.uniform(0.7, 1.0) for _ in range(8)])
    cols = np.ones(width, np.float32)
    for _ in range(r.randint(0, 3)):
        c0 = r.randrange(width)
        cols[c0:c0 + r.randint(1, 3)] = r.uniform(0.3, 0.8)
    arr = 255 - dark * prof[:, None] * cols[None, :]
    return Receipt(Image.fromarray(arr.clip(0, 255).astype(np.uint8), "L"), drawn, fam)


# ============================================================================================ invoices: PDF
PDF_FAMS = {"sans": "DejaVuSans", "cond": "DejaVuSansCondensed", "serif": "DejaVuSerif",
            "serifc": "DejaVuSerifCondensed", "mono": "DejaVuSansMono"}


def pdf_font_file(fam: str, style: str) -> str:
    base = PDF_FAMS[fam]
    it = "Italic" if fam.startswith("serif") else "Oblique"
    return base + {"": "", "B": "-Bold", "I": f"-{it}", "BI": f"-Bold{it}"}[style] + ".ttf"


class Pdf(FPDF):
    def __init__(self, fam: str, base: float, accent: tuple[int, int, int], margin: float) -> None:
        super().__init__("P", "mm", "A4")
        self.fam, self.base, self.accent = fam, base, accent
        self.drawn: list[tuple[str, str]] = []
        for st in ("", "B", "I"):
            self.add_font(fam, st, str(FONT_DIR / pdf_font_file(fam, st)))
        self.set_creation_date(FIXED_DATE)
        self.set_producer("OCRlty cyrillic_docs")
        self.set_margins(margin, 12, margin)
        self.c_margin = 0.5
        self.set_auto_page_break(True, 22)
        self.foot: list[str] = []
        self.page_words = ("", "")

    def normalize_text(self, text: str) -> str:
        self.drawn.append((pdf_font_file(self.font_family, self.font_style), text))
        return super().normalize_text(text)

    def footer(self) -> None:
        self.set_y(-20)
        self.f(-2.5)
        self.set_text_color(90, 90, 90)
        for ln in self.foot:
            self.cell(0, 3.6, ln, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.page_words[0]:
            self.cell(0, 3.6, f"{self.page_words[0]} {self.page_no()} {self.page_words[1]} {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def f(self, rel: float = 0, style: str = "") -> None:
        self.set_font(self.fam, style, self.base + rel)

    def put(self, x: float, y: float, w: float, text: str, rel: float = 0, style: str = "", align: str = "L",
            h: float | None = None, fit: bool = False) -> None:
        """One line of text in a cell; fit=True shrinks the font until it fits the width."""
        self.f(rel, style)
        if fit:
            size = self.base + rel
            while self.get_string_width(text) > w - 1 and size > 5:
                size -= 0.5
                self.set_font(self.fam, style, size)
        self.set_xy(x, y)
        self.cell(w, h or self.font_size * 1.45, text, align=align)

    def para(self, x: float, y: float, w: float, text: str, rel: float = 0, style: str = "", align: str = "L",
             lh: float = 1.35) -> float:
        """Wrapped paragraph; returns the y below it."""
        self.f(rel, style)
        self.set_xy(x, y)
        self.multi_cell(w, self.font_size * lh, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y()

    def nlines(self, w: float, text: str, rel: float = 0, style: str = "") -> int:
        self.f(rel, style)
        return len(self.multi_cell(w, 4, text, dry_run=True, output=MethodReturnValue.LINES))


@dataclass
class Col:
    head: str
    width: float       # relative
    align: str = "R"


def table(p: Pdf, d: Doc, cols: list[Col], rows: list[list[str]], x: float, w: float, style: str, rel: float = -1,
          ) -> float:
    """Items table with a repeated header on each page; style: grid | lines | zebra. Returns y below the table."""
    ws = col_widths(p, cols, rows, w, rel)
    lh = (p.base + rel) * 0.352 * 1.3

    def header() -> None:
        y0 = p.get_y()
        n = max(p.nlines(cw - 1.5, c.head, rel - 0.5, "B") for c, cw in zip(cols, ws, strict=True))
        h = n * lh + 2
        if style == "zebra":
            p.set_fill_color(*p.accent)
            p.rect(x, y0, w, h, "F")
            p.set_text_color(255, 255, 255)
        elif style == "grid":
            p.set_fill_color(235, 235, 235)
        xx = x
        for c, cw in zip(cols, ws, strict=True):
            if style == "grid":
                p.rect(xx, y0, cw, h, "DF")
            p.f(rel - 0.5, "B")
            p.set_xy(xx + 0.75, y0 + 1)
            p.multi_cell(cw - 1.5, lh, c.head, align="C" if style == "grid" else c.align)
            xx += cw
        p.set_text_color(0, 0, 0)
        if style == "lines":
            p.set_line_width(0.4)
            p.line(x, y0 + h, x + w, y0 + h)
            p.set_line_width(0.2)
        p.set_y(y0 + h)

    header()
    for i, row in enumerate(rows):
        n = max(p.nlines(cw - 1.5, t, rel) for t, cw in zip(row, ws, strict=True))
        h = n * lh + 1.6
        if p.get_y() + h > p.page_break_trigger:
            p.add_page()
            p.set_y(15)
            header()
        y0 = p.get_y()
        if style == "zebra" and i % 2:
            p.set_fill_color(244, 244, 246)
            p.rect(x, y0, w, h, "F")
        xx = x
        for t, c, cw in zip(row, cols, ws, strict=True):
            if style == "grid":
                p.rect(xx, y0, cw, h)
            p.f(rel)
            p.set_xy(xx + 0.75, y0 + 0.8)
            p.multi_cell(cw - 1.5, lh, t, align=c.align)
            xx += cw
        if style == "lines":
            p.set_draw_color(190, 190, 190)
            p.line(x, y0 + h, x + w, y0 + h)
            p.set_draw_color(0, 0, 0)
        p.set_y(y0 + h)
    return p.get_y()


def col_widths(p: Pdf, cols: list[Col], rows: list[list[str]], w: float, rel: float) -> list[float]:
    """Columns as wide as their longest header word / cell; the description column (align L) takes the rest."""
    need = []
    for i, c in enumerate(cols):
        p.f(rel - 0.5, "B")
        hw = max(p.get_string_width(wd) for wd in c.head.split())
        p.f(rel)
        need.append(max([hw] + [p.get_string_width(row[i]) for row in rows]) + 2.5)
    flex = next(i for i, c in enumerate(cols) if c.align == "L")
    rest = w - sum(x for i, x in enumerate(need) if i != flex)
    if rest >= 38:
        spare = (rest - max(38.0, need[flex])) * 0.25 if rest > need[flex] else 0  # some air in number columns
        out = [x + spare / (len(cols) - 1) for x in need]
        out[flex] = w - sum(x for i, x in enumerate(out) if i != flex)
        return out
    tot = sum(c.width for c in cols)
    return [c.width / tot * w for c in cols]


def totals(p: Pdf, lines: list[tuple[str, str, bool]], x: float, w: float, rel: float = 0, boxed: bool = False
           ) -> float:
    """Right-aligned 'label  value' lines; returns y below. Moves to a new page when they don't fit."""
    h = (p.base + rel) * 0.352 * 1.6
    if p.get_y() + h * len(lines) + 4 > p.page_break_trigger:
        p.add_page()
        p.set_y(20)
    y = p.get_y() + 2
    if boxed:
        p.set_fill_color(*[int(c + (255 - c) * 0.88) for c in p.accent])
        p.rect(x, y - 1, w, h * len(lines) + 2, "F")
    for label, value, bold in lines:
        p.put(x, y, w * 0.62, label, rel, "B" if bold else "", "R")
        p.put(x + w * 0.62, y, w * 0.38 - 1, value, rel, "B" if bold else "", "R")
        y += h
    p.set_y(y + 1)
    return y + 1


def item_rows(d: Doc, cols: str) -> list[list[str]]:
    """cols letters: n number, t name, u unit, q qty, p price, d discount %, s line sum, r rate, v line VAT, g gross."""
    out = []
    for i, it in enumerate(d.items, 1):
        vat = (it.value * it.rate / 100).quantize(D("0.01"), "ROUND_HALF_UP")
        m = {"n": str(i), "t": it.name, "u": unit_name(it.unit, "ru" if d.lang == "kk" and not d.mix else d.lang),
             "q": qty_str(it.qty, d.dec), "p": d.m(it.price), "d": f"{it.dpct}" if it.dpct else "",
             "s": d.m(it.value), "r": f"{it.rate}%" if d.vat_mode == "vat" else "—", "v": d.m(vat),
             "g": d.m(it.value + vat)}
        out.append([m[c] for c in cols])
    return out


def amount_lang(d: Doc) -> str | None:
    if d.country == "RS":
        return None
    if d.country == "KZ":
        return "ru"
    return d.lang


def words_line(d: Doc) -> str:
    lg = amount_lang(d)
    assert lg is not None
    return amount_words(d.total, lg, d.cur)


def party_lines(d: Doc, who: str, r: random.Random) -> list[str]:
    """Detail lines under a party's name (ids, address, bank)."""
    p = d.seller if who == "seller" else d.buyer
    assert p is not None
    out = [p.addr]
    ids = "  ".join(f"{k}: {v}" if d.country in ("BG", "RS") else f"{k} {v}" for k, v in p.ids)
    out.append(ids)
    if who == "seller" or r.random() < 0.3:
        out += [f"{k}: {v}" for k, v in p.bank]
    if who == "seller" and r.random() < 0.6:
        out.append(f"{d.w('phone')} {p.phone}")
    return [x for x in out if x]


def title_line(d: Doc) -> str:
    """'Рахунок на оплату № 123 від 3 грудня 2024 р.' etc. (1C-style titles)."""
    kind = d.style.split("_", 1)[1]
    t = {("UA", "rahunok"): "Рахунок на оплату", ("UA", "faktura"): "Рахунок-фактура",
         ("UA", "nakladna"): "Видаткова накладна", ("KZ", "schet"): "Счет на оплату", ("RU", "schet"): "Счет на оплату",
         ("BY", "schet"): "Рахунак-фактура" if d.lang == "be" else "Счет-фактура"}[(d.country, kind)]
    if d.country == "KZ" and d.lang == "kk":
        t = "Төлем шоты / Счет на оплату" if d.mix else "Төлем шоты"
    return f"{t} № {d.no} {d.w('from_') if d.lang != 'kk' else 'от'} {d.date_str()}"


def r_1c(p: Pdf, d: Doc, r: random.Random) -> None:
    """1C-style счёт / рахунок / накладна (UA, KZ, BY, RU): bank box, bold title over a thick rule, party rows."""
    x, w = p.l_margin, p.epw
    s, b = d.seller, d.buyer
    assert b is not None
    y = 12.0
    kk = d.country == "KZ" and d.lang == "kk"
    if d.country in ("RU", "KZ") and r.random() < 0.75:
        if d.country == "KZ":
            y = p.para(x, y, w, "Внимание! Оплата данного счета означает согласие с условиями поставки товара. "
                               "Товар отпускается по факту прихода денег на р/с Поставщика.", -2, "I") + 2
            p.put(x, y, w, "Образец платежного поручения", -1, "B")
            y += 5
            bank, ids = dict(s.bank), dict(s.ids)
            idk = "ИИН" if "ИИН" in ids else "БИН"
            cells = [[f"Бенефициар:\n{s.name}\n{idk}: {ids[idk]}", f"ИИК\n{bank['ИИК']}", f"Кбе\n{bank['Кбе']}"],
                     [f"Банк бенефициара:\n{bank['Банк']}", f"БИК\n{bank['БИК']}", "Код назначения платежа\n710"]]
        else:
            bank, ids = dict(s.bank), dict(s.ids)
            cells = [[f"{bank['Банк']}\nБанк получателя", "БИК\nСч. №", f"{bank['БИК']}\n{bank['К/с']}"],
                     [f"ИНН {ids['ИНН']}" + (f"   КПП {ids['КПП']}" if "КПП" in ids else "") + f"\n{s.name}\n"
                      "Получатель", "Сч. №", bank["Р/с"]]]
        ws = [w * 0.55, w * 0.17, w * 0.28]
        for row in cells:
            hmax = max(p.nlines(cw - 2, t, -1.5) for t, cw in zip(row, ws, strict=True)) * 4.2 + 2
            xx = x
            for t, cw in zip(row, ws, strict=True):
                p.rect(xx, y, cw, hmax)
                p.f(-1.5)
                p.set_xy(xx + 1, y + 1)
                p.multi_cell(cw - 2, 4.2, t)
                xx += cw
            y += hmax
        y += 5
    elif r.random() < 0.4:  # a logo/brand line above
        p.put(x, y, w * 0.6, s.root.upper(), 5, "B")
        p.set_text_color(0, 0, 0)
        y += 11
    p.put(x, y, w, title_line(d), 4.5, "B", fit=True)
    y += 9
    p.set_line_width(0.7)
    p.line(x, y, x + w, y)
    p.set_line_width(0.2)
    y += 3
    lab_s = (f"{d.w('seller', 'kk')} / {d.w('seller', 'ru')}" if d.mix else d.w("seller", "kk")) if kk else \
        d.w("seller")
    lab_b = (f"{d.w('buyer', 'kk')} / {d.w('buyer', 'ru')}" if d.mix else d.w("buyer", "kk")) if kk else \
        d.w("buyer")
    p.f(-0.5)
    lw = min(w * 0.35, max(w * 0.16, max(p.get_string_width(t + ":") for t in (lab_s, lab_b)) + 3))
    for label, party, role in ((lab_s, s, "seller"), (lab_b, b, "buyer")):
        p.put(x, y, lw, label + ":", -0.5)
        p.put(x + lw, y, w - lw, party.name, 0, "B", fit=True)
        y = p.para(x + lw, y + 5, w - lw, ", ".join(party_lines(d, role, r)), -1) + 2.5
    if r.random() < 0.6:
        p.put(x, y, lw, d.w("contract", "ru" if kk else None) + ":", -0.5)
        k, yr = r.randint(1, 99), d.issued.year
        basis = {"uk": f"Договір № {k}/{yr}|Без договору", "be": f"Дагавор № {k} ад 10.01.{yr}|Без дагавора"}
        p.put(x + lw, y, w - lw, pick(r, basis.get(d.lang, f"Договор № {k} от 10.01.{yr}|Без договора")), -0.5)
        y += 6
    if d.event:
        p.put(x, y, w, f"{d.w('event', 'ru' if kk else None)}: {d.date_str(d.event)}", -0.5)
        y += 6
    p.set_y(y + 1)
    lang_h = "ru" if kk and not d.mix else None
    hd = {k: d.w(k, lang_h) for k in ("h_name", "h_unit", "h_qty", "h_price", "h_price_g", "h_sum", "h_sum_g",
                                       "h_rate", "h_vat", "h_gross")}
    if d.per_line_vat:
        cols = [Col("№", 0.7, "C"), Col(hd["h_name"], 5, "L"), Col(hd["h_unit"], 1, "C"), Col(hd["h_qty"], 1.1),
                Col(hd["h_price"], 1.4), Col(hd["h_sum"], 1.5), Col(hd["h_rate"], 1.1, "C"), Col(hd["h_vat"], 1.4),
                Col(hd["h_gross"], 1.6)]
        rows = item_rows(d, "ntuqpsrvg")
    else:
        g = "_g" if d.gross or d.vat_mode != "vat" else ""
        cols = [Col("№", 0.7, "C"), Col(hd["h_name"], 7, "L"), Col(hd["h_qty"], 1.2), Col(hd["h_unit"], 0.9, "C"),
                Col(hd["h_price" + g], 1.6), Col(hd["h_sum" + g], 1.8)]
        rows = item_rows(d, "ntqups")
    table(p, d, cols, rows, x, w, "grid")
    lines = tot_lines(d, r)
    totals(p, lines, x + w * 0.4, w * 0.6, -0.5)
    y = p.get_y() + 1
    if d.lang != "be" or r.random() < 0.5:
        p.put(x, y, w, f"{d.w('n_items', 'ru' if kk else None)} {len(d.items)}, "
                       f"{d.w('sum_of', 'ru' if kk else None)} {d.m(d.total)} {d.sym}", -1)
        y += 5
    if amount_lang(d) and r.random() < 0.85:
        y = p.para(x, y, w, words_line(d), -0.5, "B") + 1
    if d.vat_mode == "vat" and d.lang == "uk" and r.random() < 0.5:
        y = p.para(x, y, w, f"У т.ч. ПДВ: {amount_words(d.tax, 'uk', 'UAH')}", -1) + 1
    if d.due:
        p.put(x, y, w, f"{d.w('due', 'ru' if kk else None)}: {d.date_str(d.due, 'dmy')}", -1)
        y += 5
    p.set_line_width(0.7)
    p.line(x, y + 1, x + w, y + 1)
    p.set_line_width(0.2)
    y += 9
    if y > p.page_break_trigger - 12:
        p.add_page()
        y = 20
    sig = d.w("sign", "ru" if kk else None)
    p.put(x, y, w / 2, f"{sig} ______________ /{short(s.person)}/", -0.5)
    if not s.small:
        p.put(x + w / 2, y, w / 2, f"{d.w('got', 'ru' if kk else None)} ______________", -0.5)


def short(full: str) -> str:
    parts = full.split()
    return f"{parts[0]} {parts[1][0]}.{parts[2][0]}." if len(parts) == 3 else full


def tot_lines(d: Doc, r: random.Random) -> list[tuple[str, str, bool]]:
    """The totals block in the document's wording (net / VAT / total, or total incl. VAT)."""
    kk = d.country == "KZ" and d.lang == "kk"
    lg = "ru" if kk else None
    vatw = {"uk": "ПДВ", "bg": "ДДС", "sr": "ПДВ", "be": "ПДВ"}.get(d.lang, "НДС")
    out: list[tuple[str, str, bool]] = []
    multi = len(d.by_rate) > 1
    if d.disc_pct:
        out += [(pick(r, "Сума без знижки|Сума") if d.lang == "uk" else d.w("h_sum", lg), d.m(d.gross_lines), False),
                (f"{d.w('disc_inv', lg)} {d.disc_pct}%", "-" + d.m(d.disc_total), False)]
    if d.vat_mode == "exempt":
        out.append((d.w("total_plain", lg) + ":", d.m(d.total), True))
        out.append((d.w("exempt", lg), "—" if r.random() < 0.5 else "", False))
    elif d.gross:
        out.append((d.w("total_plain", lg) + ":", d.m(d.total), True))
        for rate, (_, tax) in d.by_rate.items():
            out.append((f"{d.w('incl', lg)} ({rate}%):" if r.random() < 0.5 else f"{d.w('incl', lg)} {rate}%:",
                        d.m(tax), False))
        if r.random() < 0.5:
            out.append((d.w("gross_total", lg) + ":", d.m(d.total), True))
    else:
        if multi or d.country == "BG":
            for rate, (base, tax) in d.by_rate.items():
                out.append((f"{d.w('net_total', lg)} {rate}%:", d.m(base), False))
                out.append((f"{d.w('vat_total', lg)} {rate}%:", d.m(tax), False))
        else:
            rate = next(iter(d.by_rate))
            out.append((d.w("net_total", lg) + ":", d.m(d.net), False))
            out.append((f"{d.w('vat_total', lg)} {rate}%:" if d.vat_mode == "vat" else f"{vatw} 0%:", d.m(d.tax),
                        False))
        if multi:
            out.append((d.w("net_total", lg) + ":", d.m(d.net), False))
            out.append((d.w("vat_total", lg) + ":", d.m(d.tax), False))
        out.append((d.w("gross_total", lg) + ":", d.m(d.total) + (f" {d.sym}" if r.random() < 0.4 else ""), True))
    if d.dual:
        other = "€" if d.dual == "EUR" else "лв."
        out.append((f"{pick(r, 'Равностойност|Сума за плащане')} {d.dual}:", f"{d.m(d.conv(d.total))} {other}", False))
    if d.prepaid:
        out += [(d.w("prepaid", lg) + ":", "-" + d.m(d.prepaid), False),
                (d.w("balance", lg) + ":", d.m(d.total - d.prepaid), True)]
    return out


def party_box(p: Pdf, d: Doc, x: float, y: float, w: float, label: str, who: str, r: random.Random,
              boxed: bool) -> float:
    party = d.seller if who == "seller" else d.buyer
    assert party is not None
    y0 = y
    p.put(x + 2, y + 1, w - 4, label, -0.5, "B")
    p.put(x + 2, y + 6.5, w - 4, party.name, 0.5, "B", fit=True)
    y = y + 12
    for ln in party_lines(d, who, r):
        y = p.para(x + 2, y, w - 4, ln, -1.2, lh=1.3) + 0.3
    if d.country == "BG" and r.random() < 0.7:
        y = p.para(x + 2, y, w - 4, f"МОЛ: {party.person}", -1.2) + 0.3
    if boxed:
        p.rect(x, y0, w, y - y0 + 1.5)
    return y + 1.5


def r_bg(p: Pdf, d: Doc, r: random.Random) -> None:
    """Bulgarian фактура: title block, Получател / Доставчик boxes, table, Данъчна основа / ДДС / Сума за плащане."""
    x, w = p.l_margin, p.epw
    y = 12.0
    if r.random() < 0.45:
        p.set_text_color(*p.accent)
        p.put(x, y, w * 0.6, d.seller.root, 6, "B")
        p.set_text_color(0, 0, 0)
        y += 12
    p.put(x, y, w, "ФАКТУРА", 9, "B", "C")
    p.put(x + w * 0.7, y + 2, w * 0.3, pick(r, "ОРИГИНАЛ|Оригинал"), 0, "B", "R")
    y += 10
    p.put(x, y, w, f"№ {d.no}", 2, "B", "C")
    y += 8
    dates = [f"{d.w('issue')}: {d.date_str()}", f"{d.w('event')}: {d.date_str(d.event or d.issued.date())}"]
    if d.due:
        dates.append(f"{d.w('due')}: {d.date_str(d.due)}")
    if r.random() < 0.5:
        dates.append(f"{d.w('place')}: гр. {d.seller.city}")
    for ln in dates:
        p.put(x, y, w, ln, -0.5, align="C")
        y += 5
    y += 3
    order = [("seller", d.w("seller")), ("buyer", d.w("buyer"))]
    if d.seller_pos == "second":
        order.reverse()
    boxed = r.random() < 0.7
    ys = [party_box(p, d, x + i * (w / 2 + 1), y, w / 2 - 1, label + ":", who, r, boxed)
          for i, (who, label) in enumerate(order)]
    p.set_y(max(ys) + 4)
    cols = [Col("№", 0.7, "C"), Col(d.w("h_name"), 6, "L"), Col(d.w("h_unit"), 1, "C"), Col(d.w("h_qty"), 1.2),
            Col(d.w("h_price"), 1.5), Col(d.w("h_sum"), 1.6)]
    table(p, d, cols, item_rows(d, "ntuqps"), x, w, r.choice(("grid", "lines")))
    totals(p, tot_lines(d, r), x + w * 0.35, w * 0.65, -0.3)
    y = p.get_y()
    if r.random() < 0.85:
        y = p.para(x, y, w, f"{d.w('words')}: {words_line(d).lower()}", -1, "I") + 1
    if d.vat_mode != "vat":
        y = p.para(x, y, w, d.w("exempt"), -1) + 1
    bank = dict(d.seller.bank)
    y = p.para(x, y + 1, w, f"{d.w('pay')}\nIBAN: {bank['IBAN']}   BIC: {bank['BIC']}   {bank['Банка']}", -1) + 4
    if y > p.page_break_trigger - 16:
        p.add_page()
        y = 20
    p.put(x, y, w / 2, f"{d.w('got')}: ______________", -0.5)
    p.put(x + w / 2, y, w / 2, f"{d.w('sign')}: ______________ {d.seller.person.split()[0]} "
                               f"{d.seller.person.split()[-1]}", -0.5)
    if r.random() < 0.5:
        p.para(x, y + 8, w, "Съгласно чл. 6, ал. 1 от Закона за счетоводството, чл. 114 от ЗДДС и чл. 7, ал. 1 от "
                            "Закона за електронния документ и електронните удостоверителни услуги, печатът и подписът "
                            "не са задължителни реквизити на фактурата.", -2.5)


def r_rs(p: Pdf, d: Doc, r: random.Random) -> None:
    """Serbian рачун / фактура: letterhead (or two boxes), dates grid, per-line VAT table, Основица / ПДВ."""
    x, w = p.l_margin, p.epw
    s = d.seller
    y = 12.0
    if d.seller_pos == "second":
        ys = [party_box(p, d, x, y, w / 2 - 1, d.w("buyer") + ":", "buyer", r, True),
              party_box(p, d, x + w / 2 + 1, y, w / 2 - 1, d.w("seller") + ":", "seller", r, True)]
        y = max(ys) + 4
    else:
        p.set_text_color(*p.accent)
        p.put(x, y, w * 0.55, s.name, 3, "B", fit=True)
        p.set_text_color(0, 0, 0)
        y2 = y + 8
        for ln in party_lines(d, "seller", r):
            y2 = p.para(x, y2, w * 0.55, ln, -1.2) + 0.3
        by = party_box(p, d, x + w * 0.58, y, w * 0.42, d.w("buyer") + ":", "buyer", r, True)
        y = max(y2, by) + 4
    kind = pick(r, "РАЧУН|ФАКТУРА|РАЧУН - ОТПРЕМНИЦА")
    p.put(x, y, w, f"{kind} бр. {d.no}", 6, "B", "C")
    y += 11
    grid = [(d.w("place"), s.city), (d.w("issue"), d.date_str()),
            (d.w("event"), d.date_str(d.event or d.issued.date()))]
    if d.due:
        grid.append((d.w("due"), d.date_str(d.due)))
    cw = w / len(grid)
    for i, (k, v) in enumerate(grid):
        p.put(x + i * cw, y, cw, k + ":", -1.5, align="C")
        p.put(x + i * cw, y + 4.5, cw, v, -0.5, "B", "C")
    p.set_y(y + 12)
    if d.per_line_vat:
        cols = [Col("Р.бр.", 0.6, "C"), Col(d.w("h_name"), 4.5, "L"), Col(d.w("h_unit"), 0.8, "C"),
                Col(d.w("h_qty"), 0.9), Col(d.w("h_price"), 1.3), Col("Рабат %", 0.8), Col(d.w("h_sum"), 1.4),
                Col(d.w("h_rate"), 0.8), Col(d.w("h_vat"), 1.2), Col(d.w("h_gross"), 1.5)]
        rows = item_rows(d, "ntuqpdsrvg")
    else:
        cols = [Col("Р.бр.", 0.6, "C"), Col(d.w("h_name"), 6, "L"), Col(d.w("h_unit"), 0.9, "C"),
                Col(d.w("h_qty"), 1), Col(d.w("h_price"), 1.5), Col(d.w("h_sum"), 1.7)]
        rows = item_rows(d, "ntuqps")
    table(p, d, cols, rows, x, w, r.choice(("grid", "lines", "zebra")), -1.5 if d.per_line_vat else -1)
    totals(p, tot_lines(d, r), x + w * 0.4, w * 0.6, -0.3)
    y = p.get_y() + 2
    if d.vat_mode != "vat":
        y = p.para(x, y, w, d.w("exempt"), -1, "B") + 1
    bank = dict(s.bank)
    y = p.para(x, y, w, f"Позив на број: {d.no}   Текући рачун: {bank['Текући рачун']}\n{d.w('pay')}", -1) + 6
    if y > p.page_break_trigger - 10:
        p.add_page()
        y = 20
    p.put(x, y, w / 2, f"{d.w('got')}: ______________", -0.5)
    p.put(x + w / 2, y, w / 2, f"{d.w('sign')}: ______________", -0.5, align="R")


MODERN_TITLE = {"uk": "РАХУНОК|РАХУНОК-ФАКТУРА", "bg": "ФАКТУРА", "sr": "РАЧУН|ФАКТУРА", "ru": "СЧЕТ|СЧЕТ НА ОПЛАТУ",
                "be": "РАХУНАК|РАХУНАК-ФАКТУРА", "kk": "ТӨЛЕМ ШОТЫ"}


def r_modern(p: Pdf, d: Doc, r: random.Random) -> None:
    """Accounting-software look: logo + brand, big title right, parties in columns (or seller only in the footer),
    zebra table and a shaded totals box."""
    x, w = p.l_margin, p.epw
    s = d.seller
    y = 14.0
    kk = d.country == "KZ" and d.lang == "kk"
    lg = "ru" if kk else None
    # logo: a coloured square with initials, then the brand (never the legal name with its form)
    p.set_fill_color(*p.accent)
    p.rect(x, y, 12, 12, "F")
    p.set_text_color(255, 255, 255)
    initials = "".join(wd[0] for wd in s.root.replace("-", " ").split()[:2]).upper()
    p.put(x, y + 2.5, 12, initials, 3, "B", "C")
    p.set_text_color(*p.accent)
    p.put(x + 15, y + 1.5, w * 0.5, s.root.upper() if r.random() < 0.5 else s.root, 5, "B", fit=True)
    p.set_text_color(0, 0, 0)
    title = pick(r, MODERN_TITLE["kk" if kk else d.lang])
    p.put(x + w * 0.5, y - 1, w * 0.5, title, 8, "B", "R", fit=True)
    p.put(x + w * 0.5, y + 9, w * 0.5, f"№ {d.no}", 1, "B", "R")
    y += 18
    meta = [(d.w("issue", lg), d.date_str())]
    if d.event:
        meta.append((d.w("event", lg), d.date_str(d.event)))
    if d.due:
        meta.append((d.w("due", lg), d.date_str(d.due)))
    for k, v in meta:
        p.put(x + w * 0.45, y, w * 0.35, k + ":", -1, align="R")
        p.put(x + w * 0.8, y, w * 0.2, v, -1, "B", "R")
        y += 4.8
    y += 4
    lab_s, lab_b = d.w("seller", "kk" if kk else None), d.w("buyer", "kk" if kk else None)
    if d.seller_pos == "footer":
        party_box(p, d, x, y, w * 0.55, lab_b + ":", "buyer", r, False)
        ids = "  ".join(f"{k} {v}" for k, v in s.ids)
        bank = "  ".join(f"{k}: {v}" for k, v in s.bank[:2])
        p.foot = [s.name, f"{s.addr}  {ids}", bank]
        y = p.get_y() + 14
        y = max(y, p.get_y())
    else:
        order = [("seller", lab_s), ("buyer", lab_b)]
        if d.seller_pos == "second":
            order.reverse()
        ys = [party_box(p, d, x + i * (w / 2 + 2), y, w / 2 - 2, label, who, r, False)
              for i, (who, label) in enumerate(order)]
        y = max(ys)
    p.set_y(y + 6)
    g = "_g" if d.gross or d.vat_mode != "vat" else ""
    hd = {k: d.w(k, "kk" if kk else None) for k in ("h_name", "h_qty", "h_price" + g, "h_sum" + g, "h_rate")}
    multi = len(d.by_rate) > 1
    cols = [Col("#", 0.6, "C"), Col(hd["h_name"], 6, "L"), Col(hd["h_qty"], 1.2), Col(hd["h_price" + g], 1.6)]
    cols += [Col(hd["h_rate"], 1.0, "C")] if multi else []
    cols.append(Col(hd["h_sum" + g], 1.8))
    rows = item_rows(d, "ntqprs" if multi else "ntqps")
    for row, it in zip(rows, d.items, strict=True):
        row[2] = f"{row[2]} {unit_name(it.unit, 'ru' if kk and not d.mix else d.lang)}"
    table(p, d, cols, rows, x, w, "zebra")
    totals(p, tot_lines(d, r), x + w * 0.45, w * 0.55, 0, boxed=True)
    y = p.get_y() + 3
    if amount_lang(d) and r.random() < 0.4:
        y = p.para(x, y, w, words_line(d), -1, "I") + 2
    if d.vat_mode != "vat":
        y = p.para(x, y, w, d.w("exempt", lg), -1) + 1
    p.para(x, y, w * 0.7, d.w("pay", lg), -1.5)


INVOICES = {"1c": r_1c, "bg": r_bg, "rs": r_rs, "modern": r_modern}
KIND_RENDERER = {"rahunok": "1c", "faktura": "1c", "nakladna": "1c", "schet": "1c", "racun": "rs", "modern": "modern",
                 "bgfaktura": "bg"}


def render_invoice(d: Doc, r: random.Random, nb_words: tuple[str, str]) -> Pdf:
    fam = pick(r, "sans|sans|cond|cond|serif|serifc")
    p = Pdf(fam, r.choice((8.5, 9.0, 9.0, 9.5, 10.0)), r.choice(ACCENTS), round(r.uniform(12, 20), 1))
    p.set_title(f"{d.no}")
    p.set_author(d.seller.name)
    p.set_lang(d.lang)
    p.alias_nb_pages()
    if len(d.items) > 14 or r.random() < 0.25:
        p.page_words = nb_words
    p.add_page()
    kind = d.style.split("_", 1)[1]
    INVOICES[KIND_RENDERER["bgfaktura" if d.style == "bg_faktura" else kind]](p, d, r)
    return p


ACCENTS = [(31, 78, 121), (0, 102, 85), (120, 40, 40), (60, 60, 60), (80, 50, 120), (180, 90, 0), (0, 90, 160)]


def check_fonts(drawn: list[tuple[str, str]]) -> str:
    """Characters drawn with a font that lacks them ('' when everything is covered)."""
    bad = set()
    for f, text in drawn:
        bad |= set(missing(str(FONT_DIR / f), text))
    return "".join(sorted(bad))

