"""The seller's name from what else the page prints, for when the header (logo) row is unreadable.

A till receipt's logo is often a graphic the OCR reads as "ULDL", "RSSMAN" or letter soup, while the same page
prints the seller's name in plain type elsewhere: the legal footer line ("Aldi GmbH & Co. KG, Schloß Holte",
"UKST: 3322 Dirk Rossmann GmbH"), a web or e-mail domain ("www.lidl.de", "rossmann.de/", "info@acme-tools.com"),
or a closing line ("Thank you for shopping at Giant", "Vielen Dank für Ihren Einkauf bei Edeka").

``seller_evidence`` collects those names; ``repair_merchant`` uses them where the header candidate is weak or
garbled:

- the header is a short brand word that the evidence spells differently but alike (OCR slips in a logo:
  "ULDL" ~ "Lidl", "RSSMAN" ~ "Rossmann") → the evidence's spelling;
- the header is a legal name cut short ("Muster GmbH & Co.") that the footer prints whole → the footer's name;
- the header is the footer's legal name with its spaces lost and run on into the title ("ZielińskiSp. z
  o.bAKTURA VAT") → the footer's name;
- there is no header candidate, or it is letter soup (words whose case flips inside, "AgLaDeI", "LnbaDneIettid")
  → the first evidence: a legal name, else a closing line, else a domain.

A good header candidate (a legal name, or a brand the evidence does not contradict) is kept as it is.

``legal_line_of_brand`` is the other direction: a readable brand in the header ("САВА ИНЖЕЊЕРИНГ" over the
title) whose company the footer prints whole ("Сава Инжењеринг ДОО Чачак"): the seller, as the page names it.

``legal_line_of_initials``: a logo of initials alone at the top ("VD", "ID") spells the seller's company, so
where the chosen header does not and a legal line outside the buyer's block does ("Van Dijk Installatietechniek
N.V." in the footer), that line is the seller — the header was the buyer's unlabelled address block.

``sole_trader_of_brand``: a trade name in the header ("Продмаркет Плюс") and one Cyrillic sole trader printed
elsewhere with its own seat or tax id ("ФОП Кравченко Ірина Василівна" over its РНОКПП): the trader is the seller.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from lib.kie.base import FieldCandidate
from lib.kie.candidates import _LabelledRow
from lib.kie.legal_forms import LEGAL_SUFFIX
from lib.kie.merchant import _BANK_ROW, _initials_of, _name_segment
from lib.kie.parties import _DETAILS
from lib.post.cjk import KANA_KANJI_RANGE, KANA_LETTERS

__all__ = ["SellerEvidence", "is_garbled", "legal_line_of_brand", "legal_line_of_initials", "repair_merchant",
           "seller_evidence", "sole_trader_of_brand"]


@dataclass(frozen=True, slots=True)
class SellerEvidence:
    """A name the page prints outside the header: ``kind`` is "legal", "thanks" or "domain"."""

    name: str
    kind: str
    candidate: FieldCandidate


# A legal name in running text: up to five words before a legal suffix ("Dirk Rossmann GmbH", "Aldi GmbH & Co. KG").
_LEGAL_NAME = re.compile(
    r"(?P<name>(?:[^\W\d_][\w&'.\-]*\s+){0,4}?[^\W\d_][\w&'.\-]*\s+"
    r"(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|Ltd\.?|Limited|LLC|LLP|Inc\.?|Corp\.?|Corporation|B\.V\.?|N\.V\.?|S\.A\.?|SARL|S\.r\.l\.?|"
    r"S\.p\.A\.?|S\.L\.?|Sp\.\s*z\s*o\.o\.?|Sdn\.?\s*Bhd\.?|Bhd\.?|PLC|Pty\.?\s*Ltd\.?|ООО|АО|"
    r"V\.O\.F\.?|(?-i:SA|SRL|SAS|BV|NV|BVBA|VOF)))(?![\w])",
    re.IGNORECASE,
)
_LEGAL_NOISE_HEAD = re.compile(r"^(?:.*[:#]\s*)?[\d\W]*")  # "UKST: 3322 Dirk …" → "Dirk …"
_NOT_LEGAL_ROW = re.compile(r"\b(BILL|SHIP|SOLD|INVOICE)\s*TO\b|\bCUSTOMER\b|\bKUNDE\b|\bCLIENT\b|\bBUYER\b|"
                            r"\bPOWERED BY\b|\bPAYMENTS? (BY|VIA)\b|\bBANK\b|\bVERSICHERUNG\b|©|\(C\)|COPYRIGHT",
                            re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?:(?P<www>https?://|\bwww\.)|(?P<at>@)|(?<![\w.@-]))"
    r"(?P<host>[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?)\."
    r"(?P<tld>com|de|net|org|co\.uk|uk|fr|nl|be|es|it|pl|ru|at|ch|eu|my|sg|io|shop|store)(?:\.[a-z]{2})?"
    r"(?=[/\s,;)]|$)",
    re.IGNORECASE,
)
# Domains that never name the seller: mail providers, payment and platform hosts.
_GENERIC_HOSTS = frozenset({
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "gmx", "web", "t-online", "icloud", "me",
    "aol", "mail", "yandex", "protonmail", "freenet", "posteo", "orange", "free", "wanadoo", "paypal", "stripe",
    "facebook", "instagram", "twitter", "youtube", "tiktok", "linkedin", "bit", "goo", "google-analytics",
    "www",  # ("www.shop.jp": its "shop" read as the top-level domain, the "www" as the host)
})
_THANKS = re.compile(
    r"\b(?:THANK\s*(?:YOU|S)\s+FOR\s+(?:SHOPPING|DINING|VISITING|CHOOSING|YOUR\s+PURCHASE)\s+(?:AT|WITH|IN)|"
    r"EINKAUF\s+BEI|MERCI\s+D[E']\s*AVOIR\s+CHOISI|BEDANKT\s+VOOR\s+UW\s+AANKOOP\s+BIJ|"
    r"GRACIAS\s+POR\s+(?:SU\s+)?COMPRA\s+EN|GRAZIE\s+PER\s+(?:AVER\s+SCELTO|L'ACQUISTO\s+DA))\s+"
    r"(?P<name>[^\W\d_][\w&'.\- ]{1,40}?)\s*[!.]*\s*$",
    re.IGNORECASE,
)
_CASE_FLIP = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ]")
_ALNUM_SWITCH = re.compile(r"(?<=\d)[^\W\d_]|(?<=[^\W\d_])\d")


def is_garbled(text: str) -> bool:
    """Letter soup, not a name: most letters are in words whose case flips inside twice or more ("AgLaDeI",
    "LnbaDneIettid"; one flip is a name: "McDonald", "iPhone") or that switch between letters and digits three
    times or more (an opaque id, "16CHvBTHJ6ned47kJ"; "7-ELEVEN", "A1B2" are not)."""
    letters = soup = 0
    for word in text.split():
        n = sum(c.isalpha() for c in word)
        letters += n
        if len(_CASE_FLIP.findall(word)) >= 2 or len(_ALNUM_SWITCH.findall(word)) >= 3:
            soup += n
    return not letters or soup / letters > 0.4


def _field(item: _LabelledRow, raw: str, confidence: float) -> FieldCandidate:
    row = item.row
    bbox = (min(s.x1 for s in row.spans), row.y1, max(s.x2 for s in row.spans), row.y2)
    return FieldCandidate(raw=raw, confidence=confidence, bbox=bbox, page=row.page)


def seller_evidence(items: list[_LabelledRow], buyer_rows: set[int],
                    buyer_names: frozenset[str] | set[str] = frozenset()) -> list[SellerEvidence]:
    """Names the page prints outside party blocks of the buyer (their rows, and the buyer's names on rows shared
    with another column): legal names, closing lines, domains (page order within each kind)."""
    legal: list[SellerEvidence] = []
    thanks: list[SellerEvidence] = []
    domains: list[SellerEvidence] = []
    for item in items:
        text = item.row.text
        if item.row.index in buyer_rows:
            continue
        if not _BANK_ROW.search(text) and not _NOT_LEGAL_ROW.search(text) and LEGAL_SUFFIX.search(text):
            for part in re.split(r"\s*[,•·|;]\s*|\s{3,}", text):
                m = _LEGAL_NAME.search(part)
                if m is None:
                    continue
                name = _LEGAL_NOISE_HEAD.sub("", m.group("name")).strip()
                if any(name in buyer for buyer in buyer_names):
                    break  # "Nabywca: ‖ …" over "Serwis Komputerowy Sp. z o.o. ‖ Termin płatności": the buyer
                if sum(c.isalpha() for c in name.split()[0]) >= 2 and len(name.split()) >= 2:
                    legal.append(SellerEvidence(name, "legal", _field(item, name, 0.6)))
                    break
        m = _THANKS.search(text)
        if m:
            name = m.group("name").strip(" .!")
            thanks.append(SellerEvidence(name, "thanks", _field(item, name, 0.6)))
        for m in _DOMAIN.finditer(text):
            host = m.group("host")
            if host.lower() in _GENERIC_HOSTS or not re.search(r"[a-z]{3}", host, re.IGNORECASE):
                continue
            if not (m.group("www") or m.group("at") or host.islower()):
                continue  # "Str.de" in upper/mixed case without www./@ is not a web address
            name = host.split("-")[0] if len(host.split("-")[0]) >= 3 else host
            name = name[:1].upper() + name[1:].lower()
            domains.append(SellerEvidence(name, "domain", _field(item, name, 0.5)))
    return legal + thanks + domains


_DANGLING = re.compile(r"(&|\+|\bUND|\bAND|\bCO\.?)\s*$", re.IGNORECASE)


def _lost_space(text: str) -> bool:
    """A lower-case letter right before a capital ("ZielińskiSp."): a space the scan lost (or a camel-case brand)."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))


def _key(text: str) -> str:
    """Upper case, digits and letters only: Latin and Cyrillic, and the kana and kanji of a Japanese name (one with
    kana; not a Chinese name above a Malaysian receipt's English one, nor a rule line read as ideographs)."""
    dropped = _NOT_KEY_JA if KANA_LETTERS.search(text) else _NOT_KEY
    return dropped.sub("", text.upper().replace("Ё", "Е"))


_NOT_KEY = re.compile("[^0-9A-ZА-Я]")
_NOT_KEY_JA = re.compile(f"[^0-9A-ZА-Я{KANA_KANJI_RANGE}]")



def _brand_words(evidence: list[SellerEvidence]) -> list[str]:
    words: list[str] = []
    for ev in evidence:
        name = LEGAL_SUFFIX.sub(" ", ev.name) if ev.kind == "legal" else ev.name
        words.extend(w for w in re.findall(r"[^\W\d_][\w'\-]*", name) if len(w) >= 3)
    return words


def repair_merchant(header: FieldCandidate | None,
                    evidence_of: Callable[[], list[SellerEvidence]]) -> FieldCandidate | None:
    """The header candidate, or a name from the evidence (``evidence_of()``, only asked when the header is weak)
    where the header is weak (see the module docstring)."""
    raw = header.raw.strip() if header is not None else ""
    if _DANGLING.search(raw):
        # A legal name cut short by what was glued after it ("GmbH & Co.R e c h n u n g" read beside the title):
        # the footer's full name when it only adds the legal form ("… GmbH & Co. KG").
        key = _key(raw)
        for ev in evidence_of():
            lkey = _key(ev.name)
            if ev.kind == "legal" and len(key) >= 6 and lkey.startswith(key) and 0 < len(lkey) - len(key) <= 4:
                return ev.candidate
    if _lost_space(raw):
        # A name whose spaces the scan lost, run on into what follows it ("Serwis Komputerowy ZielińskiSp. z
        # o.bAKTURA VAT", the title glued on and its "F" lost): the footer's legal name when the header begins with
        # it (all but its last two letters, which the run-on may have eaten), into its legal form, and goes on. A
        # header that only shares the brand goes on differently ("MediaMarkt Zürich AG" over "MediaMarkt AG").
        key = _key(raw)
        for ev in evidence_of():
            lkey, base = _key(ev.name), _key(LEGAL_SUFFIX.sub("", ev.name))
            shared = len(os.path.commonprefix([key, lkey]))
            if (ev.kind == "legal" and len(lkey) >= 10 and len(key) > len(lkey) and shared >= len(lkey) - 2
                    and shared > len(base)):
                return ev.candidate
    garbled = header is None or is_garbled(raw)
    if not garbled and (LEGAL_SUFFIX.search(raw) or len(raw.split()) > 2):
        return header  # a legal name, or a name of several words: not a misread logo
    evidence = evidence_of()
    if not evidence:
        return header
    key = _key(raw)
    itself = False
    for ev in evidence:
        # The legal name with its spaces lost, maybe behind a logo's initials ("RC RedfernCateringCorp." and
        # "Redfern Catering Corp." in the footer; the lost spaces make it look garbled): the footer's spelling
        # (the header row is evidence too, as printed: another print of the name is the one to take).
        lkey = _key(ev.name)
        if ev.kind == "legal" and len(lkey) >= 6 and key.endswith(lkey) and len(key) - len(lkey) <= 3:
            if ev.name.split() != raw.split():
                return ev.candidate
            itself = True
    if itself:
        return header
    if garbled:
        return evidence[0].candidate
    assert header is not None
    if len(key) < 3:
        return evidence[0].candidate
    best, best_score = None, 0.0
    for word in _brand_words(evidence):
        wkey = _key(word)
        if wkey == key or wkey in key or key in wkey:
            return header  # the evidence agrees with the header ("LIDL" and www.lidl.de)
        score = fuzz.ratio(key, wkey)
        if score > best_score:
            best, best_score = word, score
    if best is not None and best_score >= 70:
        # An OCR slip in the logo word: the evidence's spelling, in the header's case ("RSSMAN" → "ROSSMANN").
        spelled = best.upper() if raw.isupper() else best
        return FieldCandidate(raw=spelled, confidence=header.confidence, bbox=header.bbox, page=header.page)
    legal = next((ev for ev in evidence if ev.kind == "legal"), None)
    if legal is not None and not any(c.isupper() for c in raw):
        return legal.candidate  # a one- or two-word header without a capital ("nesuun"), unlike the legal name
    return header


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.upper()))


def legal_line_of_brand(header: FieldCandidate | None, items: list[_LabelledRow],
                        buyer_rows: set[int]) -> FieldCandidate | None:
    """The row that prints a header brand inside a legal name ("ЂЕРДАП ТРЕЈД" in the header, "Ђердап Трејд ДОО
    Панчево" in the footer; "Стефан Марковић пр Авала Софт Ниш" under "АВАЛА СОФТ"), cut before its address or
    ids: the seller as printed. A header that is a legal name itself, or that no such row repeats, stays."""
    if header is None or LEGAL_SUFFIX.search(header.raw):
        return header
    brand = _words(header.raw)
    brand_words = set(brand.split())
    if sum(c.isalpha() for c in brand) < 4:
        return header
    pattern = re.compile(rf"(?<!\w){re.escape(brand)}(?!\w)")
    for item in items:
        text = item.row.text
        if item.row.page != header.page or item.row.y1 <= header.bbox[1] or _BANK_ROW.search(text):
            continue
        if not pattern.search(_words(text)) or not LEGAL_SUFFIX.search(text):
            continue
        name = _DETAILS.split(_name_segment(item.row), maxsplit=1)[0].strip(" ,;:")
        legal = LEGAL_SUFFIX.search(name)
        if legal is None:
            continue
        name = name[:legal.end()] + name[legal.end():].split(",")[0]  # "Aldi GmbH & Co. KG, Schloß Holte": its town
        found = pattern.search(_words(name))
        if found is None:
            continue
        before = _words(name)[:found.start()].split()
        if any(len(w) > 2 and not w[0].isdigit() and w not in brand_words and _is_lower_in(w, name) for w in before):
            continue  # a sentence naming the company ("Please make all cheques payable to CONTOSO PVT. LIMITED")
        if item.row.index not in buyer_rows:
            return _field(item, name, header.confidence)
    return header


def _is_lower_in(word: str, text: str) -> bool:
    """Whether ``word`` (upper-cased) is printed in lower case in ``text``."""
    return any(w.upper() == word and w[:1].islower() for w in re.findall(r"[^\W_]+", text))


_LOGO_INITIALS = re.compile(r"[A-ZÀ-ÞА-ЯЁЂЈЉЊЋЏІЇЄҐЎ]{2,3}")


def legal_line_of_initials(header: FieldCandidate | None, items: list[_LabelledRow],
                           evidence_of: Callable[[], list[SellerEvidence]]) -> FieldCandidate | None:
    """The legal line whose name a logo of initials spells ("VD" over the page, "Van Dijk Installatietechniek
    N.V." in its footer), where the chosen header's name does not ("Bram Visser": the buyer's block, printed
    without its label). The logo must be alone on one of the page's first two rows; else the header stays.
    ``evidence_of()``: the page's ``seller_evidence``, only asked for when a logo disagrees."""
    logo = next((it.row.text.strip() for it in items[:2] if it.row.page == 0
                 and _LOGO_INITIALS.fullmatch(it.row.text.strip())), None)
    if logo is None or header is None or _initials_of(logo, header.raw.split()):
        return header
    for ev in evidence_of():
        if ev.kind == "legal" and ev.candidate.page == 0 and _initials_of(logo, ev.name.split()):
            return ev.candidate
    return header


# A Cyrillic sole trader's line: its form first, then the trader's name ("ФОП Кравченко Ірина Василівна",
# "ИП Жук Т.В.", "ЕТ "Черноморие - Иван Георгиев""); "ПП" is left out (a logo's initials read alike).
_SOLE_TRADER = re.compile(r"^(?:ФОП|ФЛП|ИП|ІП|ЕТ)\s+(?:[«\"„“]\s*)?[А-ЯЁІЇЄҐЎЂЈЉЊЋЏӘҒҚҢӨҰҮҺ]")
_SOLE_TRADER_FORM = re.compile(r"(?:ФОП|ФЛП|ИП|ІП|ЕТ)\s")  # (a cheap test before the row's name segment is cut)
# … printed with its own details: a tax id ("РНОКПП 7574083562", "ИНН 770302556636") or a postcode and town
_TRADER_DETAILS = re.compile(r"\b(?:РНОКПП|[ІИ]ПН|ИНН|ИИН|БИН|УНП|ЕИК|ЕГН|ПИБ|ЄДРПОУ|ЕДРПОУ)\b\W*\d|(?<!\d)\d{5,6},?\s+"
                             r"(?:м|г|гр|с|смт)\.\s")
# Where the trader's name ends: a postcode, a house number before a comma, a town or street abbreviation, a wide gap
# or a separator
_SOLE_TRADER_END = re.compile(r"\s+(?=\d{5}\b|\d{4,}\s*,|(?:м|г|ул|вул|бул)\.\s)|\s{3,}|\s*[|•·;]\s*")


def sole_trader_of_brand(header: FieldCandidate | None, items: list[_LabelledRow],
                         buyer_rows: set[int]) -> FieldCandidate | None:
    """A trade name in the header ("Продмаркет Плюс" beside its logo), and one sole trader printed elsewhere on
    the page outside the buyer's block ("ФОП Кравченко Ірина Василівна" in the footer, over its address and
    РНОКПП): the trader is the seller behind the trade name, as the page names it in law. A header that is a legal
    name itself, or a page with no such line or with two different ones, keeps the header."""
    if header is None or LEGAL_SUFFIX.search(header.raw) or sum(c.isalpha() for c in header.raw) < 4:
        return header
    found: dict[str, _LabelledRow] = {}
    for k, item in enumerate(items):
        if item.row.index in buyer_rows or not _SOLE_TRADER_FORM.search(item.row.text):
            continue
        text = _name_segment(item.row).strip()
        if _BANK_ROW.search(item.row.text) or not _SOLE_TRADER.match(text):
            continue
        above = items[k - 1].row.text.strip() if k > 0 else ""
        below = items[k + 1].row.text if k + 1 < len(items) else ""
        if above.endswith(":") or not _TRADER_DETAILS.search(f"{item.row.text}\n{below}"):
            continue  # a role's label above it ("Перевізник:", "Отримувач:"), or no seat and no tax id of its own
        name = _SOLE_TRADER_END.split(_DETAILS.split(text, maxsplit=1)[0], maxsplit=1)[0].strip(" ,;:")
        if len(name.split()) >= 2:
            found.setdefault(name, item)
    if len(found) != 1:
        return header
    (name, item), = found.items()
    return _field(item, name, header.confidence)
