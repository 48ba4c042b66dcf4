#!/usr/bin/env python3
"""Generate an evaluation set of Russian receipts and invoices (photos and scans) with expected JSON.

Usage::

    .venv/bin/python scripts/make_ru_eval.py --out var/ru-eval --n 40 --seed 2024
    .venv/bin/python scripts/eval.py var/ru-eval    # with OCR_LANG=auto or ru

Kept out of the tuning loop like SROIE dev: its own templates, vocabulary and seed, unrelated to
``scripts/make_samples.py`` (whose documents the tests and tuning use); write it outside the repository's tracked
files (``var/`` is git-ignored). Same seed, same files (byte for byte, with the same Pillow/libjpeg).

Documents vary in layout (4 receipt templates, 3 invoice kinds: счёт на оплату, счёт-фактура, УПД), fonts (the
Cyrillic TrueType fonts found: DejaVu, Liberation, FreeFont), total wording (ИТОГ, ИТОГО, ИТОГО К ОПЛАТЕ, К
ОПЛАТЕ, Всего к оплате), VAT (20 %, 10 %, без НДС), currency marks (₽, руб., р., none), date formats and
degradations (tilt, blur, grain, JPEG quality, thermal fading, uneven light, low resolution). The
``<file>.expected.json`` follows the samples' conventions: ``merchant`` is the seller as printed, ``subtotal``
the net amount when the document states one (receipts with VAT included have none; VAT-exempt ones: the total),
``tax_amount`` the VAT (``null`` when exempt).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

D = Decimal
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC).timetuple()  # PDF metadata: the same bytes on every run
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation2"),
             Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/freefont"))
MONO = ("DejaVuSansMono.ttf", "LiberationMono-Regular.ttf", "FreeMono.ttf", "DejaVuSansMono-Bold.ttf",
        "FreeMonoBold.ttf")
SANS = ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf",
        "DejaVuSerif.ttf", "LiberationSerif-Regular.ttf", "FreeSerif.ttf")
BOLD = {"DejaVuSans.ttf": "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf": "DejaVuSansCondensed-Bold.ttf",
        "LiberationSans-Regular.ttf": "LiberationSans-Bold.ttf", "FreeSans.ttf": "FreeSansBold.ttf",
        "DejaVuSerif.ttf": "DejaVuSerif-Bold.ttf", "LiberationSerif-Regular.ttf": "LiberationSerif-Bold.ttf",
        "FreeSerif.ttf": "FreeSerifBold.ttf"}

FORMS = ("ООО", "ООО", "АО", "ИП", "ПАО")
NAMES = ("Северное сияние", "Колос", "Вкусвилл-Трейд", "Домовой", "Светлячок", "Меридиан", "Радуга", "Фортуна",
         "Садовод", "Галактика", "Парус", "Кедр", "Лукоморье", "Теремок", "Восток-Сервис", "Зелёный город")
SURNAMES = ("Петров П.Н.", "Иванова Е.С.", "Кузнецов Д.А.", "Смирнова О.В.", "Волков С.И.", "Морозова Т.Г.")
CITIES = ("Новосибирск", "Екатеринбург", "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Пермь", "Воронеж")
STREETS = ("ул. Ленина", "пр. Мира", "ул. Гагарина", "ул. Садовая", "Октябрьский пр.", "ул. Пушкина")
GOODS = (("Батон нарезной", "45.90"), ("Кефир 1% 900 г", "78.40"), ("Сахар 1 кг", "69.99"),
         ("Гречка ядрица 800 г", "112.00"), ("Чай чёрный 100 пак.", "289.00"), ("Масло сливочное 82%", "189.90"),
         ("Яйцо С1 10 шт", "119.50"), ("Кофе молотый 250 г", "399.00"), ("Шоколад горький", "94.90"),
         ("Салфетки бумажные", "57.30"), ("Пакет майка", "9.99"), ("Сок яблочный 1 л", "134.00"),
         ("Капуста белокочанная", "32.45"), ("Картофель 1 кг", "41.20"), ("Стиральный порошок", "459.00"))
SERVICES = (("Монтаж оборудования", "4500.00"), ("Доставка груза", "2800.00"), ("Консультация специалиста",
            "3200.00"), ("Ноутбук 15,6\"", "54990.00"), ("Монитор 27\"", "21450.00"), ("Кабель UTP 305 м",
            "7350.00"), ("Техническое обслуживание", "6100.00"), ("Лицензия ПО, 1 год", "12800.00"),
            ("Бумага офисная А4", "412.00"), ("Тонер-картридж", "3890.00"))
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")


def q(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def rub(x: Decimal, thousands: str = " ") -> str:
    whole, frac = f"{q(x):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return thousands.join(groups) + "," + frac


@dataclass
class Fonts:
    folder: dict[str, Path]

    def get(self, name: str, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(self.folder[name]), size)

    def pick(self, rng: random.Random, names: tuple[str, ...]) -> str:
        return rng.choice([n for n in names if n in self.folder])


def find_fonts() -> Fonts:
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        for path in folder.glob("*.ttf") if folder.is_dir() else ():
            found.setdefault(path.name, path)
    if "DejaVuSansMono.ttf" not in found or "DejaVuSans.ttf" not in found:
        sys.exit("make_ru_eval.py needs Cyrillic TrueType fonts: apt-get install fonts-dejavu-core "
                 "(optional: fonts-liberation2 fonts-freefont-ttf for more variety)")
    return Fonts(found)


def seller(rng: random.Random) -> str:
    form = rng.choice(FORMS)
    if form == "ИП":
        return f"ИП {rng.choice(SURNAMES)}"
    return f"{form} «{rng.choice(NAMES)}»"


def when(rng: random.Random) -> tuple[str, str, int, int, int]:
    y, m, d = rng.choice((2023, 2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
    return f"{y:04d}-{m:02d}-{d:02d}", f"{rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}", y, m, d


# ------------------------------------------------------------------------------------------------ receipts


def receipt(rng: random.Random, fonts: Fonts) -> tuple[Image.Image, dict[str, Any]]:
    merchant = seller(rng)
    iso, hm, y, m, d = when(rng)
    date_text = rng.choice((f"{d:02d}.{m:02d}.{y % 100:02d} {hm}", f"{d:02d}.{m:02d}.{y} {hm}",
                            f"{d:02d}.{m:02d}.{y}"))
    items = [(name, rng.choice((1, 1, 1, 2, 3)), D(price)) for name, price in rng.sample(GOODS, rng.randint(2, 6))]
    total = sum((q(n * p) for _, n, p in items), D(0))
    vat_rate = rng.choice((20, 20, 10, 0))
    vat = q(total * vat_rate / (100 + vat_rate)) if vat_rate else None
    mark = rng.choice(("", " ₽", " руб.", " р."))
    label = rng.choice(("ИТОГ", "ИТОГО", "ИТОГО К ОПЛАТЕ", "К ОПЛАТЕ"))
    template = rng.randrange(4)
    face = fonts.pick(rng, MONO)
    size = rng.randint(19, 24)
    f = fonts.get(face, size)
    cols = 38 if template != 3 else 34
    width = int(f.getlength("0") * cols) + 50
    lines: list[tuple[str, str]] = []  # (text, align)

    def lr(a: str, b: str) -> None:
        lines.append((a + " " * max(1, cols - len(a) - len(b)) + b, "l"))

    lines.append((merchant, "c"))
    lines.append((f"{rng.choice(CITIES)}, {rng.choice(STREETS)}, {rng.randint(1, 99)}", "c"))
    lines.append((f"ИНН {rng.randint(10**9, 10**10 - 1)}", "c"))
    if template in (0, 2):
        lines.append(("Кассовый чек / Приход", "c"))
        lines.append((f"Смена {rng.randint(1, 300)}  Чек {rng.randint(1, 999)}", "l"))
    else:
        lines.append(("ЧЕК ПРИХОДА", "c"))
    lines.append((date_text if template != 1 else f"Дата {date_text}", "l"))
    lines.append(("=" * cols if template == 2 else "-" * cols, "l"))
    for name, n, price in items:
        if template in (1, 3):
            lr(f"{name[:cols - 12]}", f"{n}*{rub(price, '')}")
            lr("", f"={rub(q(n * price), '')}")
        else:
            lines.append((name[:cols], "l"))
            lr(f"  {n} x {rub(price)}", rub(q(n * price)))
    lines.append(("-" * cols, "l"))
    lr(label, f"={rub(total)}{mark}")
    cash = rng.random() < 0.4
    if cash:
        paid = (total // 500 + 1) * 500
        lr("НАЛИЧНЫМИ", f"={rub(paid)}")
        lr("СДАЧА", f"={rub(paid - total)}")
    else:
        lr(rng.choice(("БЕЗНАЛИЧНЫМИ", "ЭЛЕКТРОННЫМИ", "КАРТОЙ")), f"={rub(total)}")
    if vat is not None:
        lr(rng.choice((f"в т.ч. НДС {vat_rate}%", f"СУММА НДС {vat_rate}%", f"НДС {vat_rate}%")), f"={rub(vat)}")
    else:
        lr("СУММА БЕЗ НДС", f"={rub(total)}")
    lr(f"ФН {rng.randint(10**15, 10**16 - 1)}", f"ФД {rng.randint(1000, 99999)}")
    lr(f"ФП {rng.randint(10**9, 10**10 - 1)}", "")
    lines.append((rng.choice(("СПАСИБО ЗА ПОКУПКУ", "Ждём вас снова!", "Сайт ФНС: www.nalog.gov.ru")), "c"))

    step = round(size * rng.uniform(1.35, 1.6))
    img = Image.new("L", (width, 40 + step * len(lines) + 40), 255)
    draw = ImageDraw.Draw(img)
    bold = fonts.get(fonts.pick(rng, tuple(BOLD.values())), size + 3)
    for i, (text, align) in enumerate(lines):
        font = bold if i == 0 else f
        tw = font.getlength(text)
        if tw > width - 20:  # a long seller name in a narrow receipt: smaller type
            font = fonts.get(fonts.pick(rng, SANS), size - 2)
            tw = font.getlength(text)
        x = 25 if align == "l" else (width - tw) / 2
        draw.text((x, 40 + step * i), text, font=font, fill=0)
    # VAT included ("в т.ч. НДС"): no net amount printed; VAT-exempt ("СУММА БЕЗ НДС"): the net is the total
    expected = {"merchant": merchant, "date": iso, "currency": "RUB", "subtotal": None if vat else float(total),
                "tax_amount": float(vat) if vat is not None else None, "total": float(total),
                "kind": "receipt", "source": "ocr", "pages": 1, "lang": "ru"}
    return img, expected


# ------------------------------------------------------------------------------------------------ invoices


def invoice(rng: random.Random, fonts: Fonts) -> tuple[Image.Image, dict[str, Any]]:
    merchant = seller(rng)
    buyer = seller(rng)
    while buyer == merchant:
        buyer = seller(rng)
    iso, _, y, m, d = when(rng)
    kind = rng.choice(("счёт", "счёт-фактура", "упд"))
    number = rng.randint(1, 999)
    if kind == "счёт":
        title = f"Счёт на оплату № {number} от {d} {MONTHS[m - 1]} {y} г."
    elif kind == "счёт-фактура":
        title = f"Счёт-фактура № {number} от {d:02d}.{m:02d}.{y}"
    else:
        title = f"Универсальный передаточный документ № {number} от {d:02d}.{m:02d}.{y}"
    items = [(name, rng.choice((1, 1, 2, 3, 5, 10)), D(price))
             for name, price in rng.sample(SERVICES, rng.randint(1, 4))]
    vat_rate = rng.choice((20, 20, 20, 10, 0))
    net = sum((q(n * p) for _, n, p in items), D(0))
    vat = q(net * vat_rate / 100) if vat_rate else D(0)
    total = net + vat
    face = fonts.pick(rng, SANS)
    bold_face = BOLD.get(face, face)
    size = rng.randint(19, 23)
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)

    def text(x: float, yy: float, s: str, sz: int = size, b: bool = False, anchor: str = "la") -> None:
        draw.text((x, yy), s, font=fonts.get(bold_face if b else face, sz), fill=0, anchor=anchor)

    left, right = 80, 1160
    top = rng.randint(60, 140)
    text(left, top, merchant, size + 8, b=True)
    text(left, top + 48, f"ИНН {rng.randint(10**9, 10**10 - 1)}  КПП {rng.randint(10**8, 10**9 - 1)}")
    text(left, top + 80, f"г. {rng.choice(CITIES)}, {rng.choice(STREETS)}, д. {rng.randint(1, 150)}")
    yy = top + 150
    text(left, yy, title, size + 6, b=True)
    yy += 70
    text(left, yy, f"Продавец: {merchant}" if kind != "счёт" else f"Поставщик: {merchant}")
    text(left, yy + 34, f"Покупатель: {buyer}")
    yy += 100
    cols = [(left, "№"), (left + 50, "Наименование"), (left + 560, "Кол-во"), (left + 700, "Цена"),
            (left + 880, "Сумма")]
    draw.line((left, yy - 8, right, yy - 8), fill=0, width=2)
    for x, h in cols:
        text(x, yy, h, b=True)
    yy += 40
    draw.line((left, yy - 6, right, yy - 6), fill=0, width=1)
    for i, (name, n, price) in enumerate(items, 1):
        text(left, yy, str(i))
        text(left + 50, yy, name)
        text(left + 640, yy, str(n), anchor="ra")
        text(left + 860, yy, rub(price), anchor="ra")
        text(right, yy, rub(q(n * price)), anchor="ra")
        yy += 40
    draw.line((left, yy, right, yy), fill=0, width=2)
    yy += 30
    vat_label = "Без НДС" if not vat_rate else rng.choice((f"В том числе НДС ({vat_rate}%):", f"Сумма НДС {vat_rate}%:",
                                                           f"НДС {vat_rate}%:"))
    rows = [("Итого:" if vat_rate else "Итого без НДС:", rub(net)), (vat_label, rub(vat) if vat_rate else "-"),
            (rng.choice(("Всего к оплате:", "Итого к оплате:", "Всего:")), rub(total))]
    for label, value in rows:
        text(right - 330, yy, label, anchor="ra")
        text(right, yy, value, b=label.startswith(("Всего", "Итого к")), anchor="ra")
        yy += 40
    mark = rng.choice(("руб.", "₽", "рублей"))
    text(left, yy + 30, f"Всего наименований {len(items)}, на сумму {rub(total)} {mark}")
    text(left, yy + 110, "Руководитель ______________     Главный бухгалтер ______________", size - 2)
    expected = {"merchant": merchant, "date": iso, "currency": "RUB",
                "subtotal": float(net), "tax_amount": float(vat) if vat_rate else None,
                "total": float(total), "kind": "invoice", "source": "ocr", "pages": 1, "lang": "ru"}
    return img, expected


# ----------------------------------------------------------------------------------------- degradations


def degrade(img: Image.Image, rng: random.Random, photo: bool, thermal: bool = True) -> Image.Image:
    """Photo: thermal fading (``thermal`` paper only), uneven light, tilt on a table, blur, grain. Scan: small skew,
    grey paper, grain."""
    if photo and thermal and rng.random() < 0.5:  # thermal fading: lighter ink, lighter towards the bottom
        ramp = Image.linear_gradient("L").resize(img.size).point(lambda v: int(v * rng.uniform(0.2, 0.5)))
        img = ImageChops.add(img.point(lambda v: 255 - (255 - v) * 7 // 10), ramp)
    if rng.random() < 0.4:  # lower resolution (a phone further away / a 150 dpi scan)
        scale = rng.uniform(0.7, 0.9)
        img = img.resize((int(img.width * scale), int(img.height * scale)), Image.Resampling.BILINEAR)
    angle = rng.uniform(-8, 8) if photo else rng.uniform(-1.2, 1.2)
    background = rng.randint(40, 140) if photo else 255
    if photo:
        canvas = Image.new("L", (img.width + 80, img.height + 80), background)
        canvas.paste(img, (40, 40))
        img = canvas
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=photo, fillcolor=background)
    if photo and rng.random() < 0.5:  # uneven light: a shadow across one side
        shade = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize(img.size)
        img = ImageChops.subtract(img, shade.point(lambda v: v * rng.randint(30, 70) // 255))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1 if photo else 0.6)))
    amplitude = rng.randint(6, 20)
    noise = Image.frombytes("L", img.size, rng.randbytes(img.width * img.height)).point(
        lambda v: v * amplitude // 256)
    return ImageChops.subtract(ImageChops.add(img, noise), Image.new("L", img.size, amplitude // 2))


def write_labels(document: Path, expected: dict[str, Any]) -> None:
    """``<document>.expected.json`` beside the document, as scripts/eval.py reads it."""
    document.with_name(f"{document.name}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    fonts = find_fonts()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.n):
        is_receipt = rng.random() < 0.6
        img, expected = receipt(rng, fonts) if is_receipt else invoice(rng, fonts)
        photo = is_receipt or rng.random() < 0.3
        img = degrade(img, rng, photo)
        quality = rng.randint(40, 90)
        if is_receipt or photo:
            name = f"ru_{i:03d}_{'receipt' if is_receipt else 'invoice'}.jpg"
            img.save(args.out / name, format="JPEG", quality=quality)
        else:  # a scanned invoice: an image-only PDF (JPEG inside, A4 at 150 dpi)
            name = f"ru_{i:03d}_invoice.pdf"
            buf = io.BytesIO()
            img.convert("RGB").save(buf, format="JPEG", quality=quality)
            Image.open(buf).save(args.out / name, format="PDF", resolution=150.0, creationDate=FIXED_DATE,
                                 modDate=FIXED_DATE, producer="OCRlty scripts/make_ru_eval.py")
        write_labels(args.out / name, expected)
    print(f"{args.n} documents in {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
