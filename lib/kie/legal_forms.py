"""Legal forms of companies in the brief's countries, as a name prints them ("Sdn Bhd", "GmbH", "Sp. z o.o.", "ООО",
"ЕООД", "д.о.о."): what tells a company's name from a shop line, an address or a field name. One list for the
merchant candidates (lib/kie/merchant.py), the seller's evidence (lib/kie/seller_evidence.py) and the party blocks
(lib/kie/parties.py); and the repairs of the Serbian "д.о.о." and "а.д." the OCR slips in."""

from __future__ import annotations

import re

__all__ = ["DOTTED_LEGAL_FORMS", "LEGAL_FORM_AT_END", "LEGAL_SUFFIX", "fix_ad", "fix_doo"]

LEGAL_SUFFIX = re.compile(
    r"\b(SDN\.?\s*BHD|BHD|BERHAD|S/B|ENTERPRISE|TRADING|LTD|LIMITED|LLC|LLP|INC|CORP|GMBH|S\.?A\.?R\.?L|PLC|"
    r"PTE|PVT|OHG|SAS|SRL|ООО|ОАО|ЗАО|АО|ИП|ПАО|B\.V|N\.V|S\.L|S\.R\.L|S\.P\.A|SP\.?\s*Z\s*O\.?\s*O|SARL|UG|V\.O\.F|VOF|GBR|SNC|S\.N\.C|DAC|EURL|SASU|"
    # Poland's partnerships: "Drukarnia Kowalczyk sp.k.", "sp. j.", "sp. p.", "S.K.A.", "Spółka jawna"
    r"SP\.\s?[KJP]|S\.K\.A|SP[OÓ][LŁ]KA\s+(?:JAWNA|KOMANDYTOWA|PARTNERSKA)|"
    # Brazil ("Silva Comércio Ltda.", "EIRELI") and Mexico ("S.A. de C.V.", "S. de R.L. de C.V.")
    r"LTDA|EIRELI|DE\s+C\.?\s?V|"
    # Turkey ("… A.Ş.", "Ltd. Şti." has its Ltd) and Finland ("Virtanen Oy", "Oyj")
    r"A\.\s?Ş|OYJ?|"
    # Ukraine, Bulgaria, Serbia, Kazakhstan, Belarus
    r"ТОВ|ПРАТ|ПАТ|ФОП|ЕООД|ООД|ЕАД|ДОО|Д[.,]\s?О[.,]\s?О|А[.,]\s?Д|ТОО|ЖШС|ТАА|ААТ|ПУП|ЧУП|ЧТУП)\b|"
    # … the short ones before the name: "ЕТ \"Свежа Храна\"", "АТ «Енергія Руху»", "ПП «…»", "ІП Жук"
    r"^\W*(ЕТ|АТ|ПП|ІП|УП|АД)\s+(?=\W*[^\W\d_])|"
    # … the Serbian entrepreneur between the owner's and the shop's name: "Тијана Ђурић пр Нишка Градња Краљево"
    # (not the abbreviation "пр." of an avenue)
    r"(?<=[^\W\d_] )ПР (?=[^\W\d_])|"
    r"\bCO\.?\s*\(M\)|"
    # short ones only at the end ("KG.BATU" is a Malaysian village, "Muster GmbH & Co. KG" a company) or, for
    # "SB", before a registration number ("MYNEWS RETAIL SB(306295-X)")
    # … or before a dash or dot that parts it from the address ("Informatique Delvaux SA - Chaussée de Wavre 112",
    # "Janssens ICT NV - Meir 77"; NV not at the end: "Las Vegas, NV" is a US state)
    r"\b(AG|KG|BV|OG|SA|S\.A|E\.\s?K|АД|ЕТ)\W*$|"
    # Finland's "Ky" and "Tmi" as written (not "Louisville, KY": a US state)
    r"(?<!,)(?<!, )(?-i:\b(?:Ky|Tmi))\W*$|"
    r"(?-i:(?<=[^\W\d_]{2} )(AG|KG|BV|NV|SA|S\.A)\.?(\s+[-–|•·]\s|\s?·))|\bSB(?=\s*\(\s*\d)",
    re.IGNORECASE,
)


# The Serbian "д.о.о." with commas for its dots or a zero for an о ("Калемегдан д.о,о,", "д.о.0."); its "д" read as a
# one or an "n" only at the end, after a Cyrillic word ("Авала Софт 1.0.0,", "Љубичица noo")
_DOO_SLIP = re.compile(r"(?<![^\W\d_])([дД])[.,]\s?[оО0][.,]\s?[оО0][.,]?(?![^\W\d_])|"
                       r"(?<=[а-яђјљњћџ] )(1)[.,][оО0][.,][оО0][.,]?(?=,?$)|(?<=[а-яђјљњћџ] )(n)oo(?=,?$)")


def fix_doo(text: str) -> str:
    """The Serbian "д.о.о." from its slips ("д,0,0,", "1.0.0,", "noo" → "д.о.о."), fixed before a name is cut at its
    first ", <digit>"."""
    if "," not in text and "0" not in text and "noo" not in text:
        return text
    return _DOO_SLIP.sub(lambda m: "Д.О.О." if m.group(1) == "Д" else "д.о.о.", text)


# A legal form ending a sender line's first part, maybe misread ("S.r.1."): the part is a company, not a street
# (lib/kie/parties.py, two-part sender lines)
# Legal forms that end in a dot, as printed (a sender line's "·" glued after one separates the name: "V.O.F.·Oudegracht
# 144"); "Co." is left out, "Co.·KG" goes on
DOTTED_LEGAL_FORMS = ("V.O.F.", "B.V.", "N.V.", "S.A.", "S.L.", "S.L.U.", "S.R.L.", "S.r.l.", "S.p.A.", "o.o.", "Ltd.",
                      "LTD.", "Inc.", "INC.", "Corp.", "S.A.S.", "e.K.", "a.s.")

LEGAL_FORM_AT_END = re.compile(
    r"\b(?:S\.?\s?r\.?\s?[lI1]|S\.?\s?p\.?\s?A|S\.?\s?A|S\.?\s?n\.?\s?c|S\.?\s?L|SARL|SAS|SRL|GmbH|"
    r"AG|KG|B\.?\s?V|N\.?\s?V|Ltd|Ltda|Limited|LLC|Inc|Sp\.?\s?z\s?o\.?\s?o|sp\.?\s?[kj]|de\s+C\.?\s?V)\.?\s*$",
    re.IGNORECASE)  # (Poland's partnerships "sp.k.", "sp.j." too)


# The Serbian "а.д." with commas for its dots ("Тара Маркет а,д, Краљево")
_AD_SLIP = re.compile(r"(?<=\s)([аА])(?:,\s?([дД])[.,]?|\.\s?([дД]),)(?![^\W\d_])")


def fix_ad(text: str) -> str:
    """"а,д," → "а.д." (the Serbian joint-stock company), a word of its own."""
    return _AD_SLIP.sub(lambda m: f"{m.group(1)}.{m.group(2) or m.group(3)}.", text)
