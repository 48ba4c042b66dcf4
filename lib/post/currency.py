"""Currency: ISO 4217 codes from printed symbols, codes and words ("RM", "$", "€", "руб.", "₽", "грн", "лв.")."""

from __future__ import annotations

import datetime as _dt
import re

from lib.post.amounts import _ISO_CODES
from lib.post.cjk import KANA
from lib.post.lookalikes import fix_turkish_s_read_as_dollar, has_cyrillic

__all__ = ["detect_currency", "yen_read_for_rupee"]

# --------------------------------------------------------------------------------------------------------------
# Currency
# --------------------------------------------------------------------------------------------------------------

_DOLLAR_CODES = {"us": "USD", "s": "SGD", "sg": "SGD", "sgd": "SGD", "a": "AUD", "au": "AUD", "c": "CAD",
                 "ca": "CAD", "nz": "NZD", "hk": "HKD", "nt": "TWD", "r": "BRL", "mx": "MXN"}
_DOLLAR_FAMILY = frozenset({"USD", "SGD", "AUD", "CAD", "NZD", "HKD", "TWD", "MXN", "CLP", "COP"})  # ("$": pesos too)
_PESOS = frozenset({"CLP", "COP"})
_DOTTED_PESOS = re.compile(r"\$\s?\d{1,3}(?:\.\d{3})+(?![.,]?\d)")
_DOLLAR = "$"  # pseudo-code: a bare $ whose country is decided by other evidence
_YEN = "¥"  # pseudo-code: ¥ is JPY unless the document is Chinese
_KRONE = "kr"  # pseudo-code: "kr" is Danish, Swedish or Norwegian crowns, by the other evidence
_KRONE_FAMILY = ("SEK", "DKK", "NOK")  # (ties: the first)

_SYMBOLS: dict[str, tuple[str, int]] = {
    "€": ("EUR", 3), "£": ("GBP", 3), "₹": ("INR", 3), "₽": ("RUB", 3), "₩": ("KRW", 3), "₺": ("TRY", 3),
    "₫": ("VND", 3), "฿": ("THB", 3), "₱": ("PHP", 3), "₴": ("UAH", 3), "₸": ("KZT", 3), "₪": ("ILS", 3),
    "₦": ("NGN", 3), "₨": ("INR", 2), "円": ("JPY", 3), "元": ("CNY", 2), "¥": (_YEN, 2), "￥": (_YEN, 2),
}
_SPELLED_RM = r"R[a-z]+[ \t]*(?:&|and|und|et|y|e)?[ \t]*M[a-z]+"  # the name "RM" stands for: "Reyes & Miller"
_CODE_ALIASES = {"RMB": "CNY", "RUR": "RUB"}

# (pattern, code, weight). Weight 3 = explicit currency mark, 2 = a mark with a default country, 1 = context.
# Belarus: its names and big cities, and its own letter (a Russian page has none, but the OCR may make one)
_BELARUS_PLACE = re.compile(r"(?<![^\W\d_])(?:Беларусь|Беларусі|Рэспубліка\s+Беларусь|Мінск|Минск|Гомель|Брэст|"
                            r"Брест|Гродн[оа]|Віцебск|Витебск|Магілёў|Могилев)(?![^\W\d_])")
_BELARUSIAN_LETTER = re.compile(r"[ўЎ]")
_RUSSIAN_IDS = r"НДС|ИНН|ККТ|ОФД|ФНС"  # Russian tax words and ids (the fiscal drive's, the tax service's)
# From a line's start, a line that names no buyer or payer (a buyer's bank account says nothing of the currency)
_NOT_BUYER_LINE = (r"(?m:^)(?![^\n]*(?i:покупател|покупець|плательщик|платник|купац|тереуші|сатып алушы|nabywca|"
                   r"buyer|bill to|kunde|client))[^\n]*?")
_EVIDENCE: tuple[tuple[re.Pattern[str], str, int], ...] = (
    # (not a code with a one-like glued after it and no amount: "Vasseur SAR1. · 3 impasse", a scan's "SARL")
    (re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z]|[1I|]\.?(?![\d.,'’\-]|\s*\d))"), "", 3),
    (re.compile(r"(?<![A-Za-z])(US|SGD|SG|S|AU|A|CA|C|NZ|HK|NT|R|MX)?\$"), _DOLLAR, 2),
    (re.compile("[" + "".join(_SYMBOLS) + "]"), "", 0),
    # (not a logo's initials before the name they spell: "RM ‖ Reyes & Miller Co. ‖ INVOICE", or alone on the
    # page's first line over it: "RM" / "Reformas Montero S.L.U. · Calle Mayor …")
    (re.compile(rf"(?<![A-Za-z])(?<!\A)RM(?![A-Za-z])(?![ \t]+{_SPELLED_RM})|"
                rf"\ARM(?![A-Za-z])(?![ \t]*\n?[ \t]*{_SPELLED_RM})"), "MYR", 3),
    (re.compile(r"(?<![A-Za-z])(?:Rs\.?(?![A-Za-z])|RS\.?[ ]?(?=\d))"), "INR", 3),
    (re.compile(r"(?<![A-Za-z])Rp\.?[ ]?(?=\d)"), "IDR", 3),
    (re.compile(r"zł|(?<![A-Za-z])zl(?![A-Za-z])|(?<=\d)\s?zt(?![A-Za-z])", re.IGNORECASE), "PLN", 3),
    (re.compile(r"(?<![^\W\d_])руб", re.IGNORECASE), "RUB", 3),
    (re.compile(r"\d[ ]?р\.?(?![^\W\d_])"), "RUB", 3),
    (re.compile(r"\d[ ]?Р\.?(?![^\W\d_])"), "RUB", 3),
    (re.compile(r"\d[ ]?коп(?![^\W\d_])", re.IGNORECASE), "RUB", 2),
    (re.compile(r"(?<![^\W\d_])грн(?![^\W\d_])", re.IGNORECASE), "UAH", 3),
    (re.compile(r"(?<![^\W\d_])лв(?![^\W\d_])", re.IGNORECASE), "BGN", 3),
    (re.compile(r"(?<![^\W\d_])(?:дин|РСД)(?![^\W\d_])", re.IGNORECASE), "RSD", 3),
    (re.compile(r"(?<![^\W\d_])(?:тг|тенге|теңге)(?![^\W\d_])", re.IGNORECASE), "KZT", 3),
    (re.compile(r"(?<![^\W\d_])[Бб]ел\.?\s?руб|(?<![A-Za-z])Br(?=\s?\d)|(?<=\d)\s?Br(?![^\W\d_])"), "BYN", 3),
    (re.compile(r"(?<![^\W\d_])K[čc](?![^\W\d_])"), "CZK", 3),
    (re.compile(r"(?<![^\W\d_])kr\.?(?![^\W\d_])|(?<=\d)kr(?![^\W\d_])", re.IGNORECASE), _KRONE, 2),
    (re.compile(r"\bringgit\b", re.IGNORECASE), "MYR", 3),
    (re.compile(r"\beuros?\b", re.IGNORECASE), "EUR", 3),
    (re.compile(r"\b(?:yuan|renminbi)\b", re.IGNORECASE), "CNY", 3),
    (re.compile(r"\byen\b", re.IGNORECASE), "JPY", 3),
    (re.compile(r"\brupees?\b", re.IGNORECASE), "INR", 2),
    (re.compile(r"\bz[łl]oty\b", re.IGNORECASE), "PLN", 3),
    (re.compile(r"\bdollars?\b", re.IGNORECASE), _DOLLAR, 2),
    # Context: where the receipt is from. One point each, never more than a printed currency mark.
    (re.compile(
        r"\b(?:malaysia|sdn\.?\s?bhd|selangor|johor|kuala\s+lumpur|pulau\s+pinang|penang|melaka|malacca|perak|"
        r"sabah|sarawak|kedah|negeri\s+sembilan|pahang|terengganu|kelantan|perlis|putrajaya|labuan)\b",
        re.IGNORECASE,
    ), "MYR", 1),
    (re.compile(r"\bSST\b"), "MYR", 1),
    (re.compile(rf"(?<![^\W\d_])(?:{_RUSSIAN_IDS}|Росси[яи]|Российская\s+Федерация|РФ)(?![^\W\d_])"), "RUB", 1),
    # The other Cyrillic countries: their tax and company ids and legal forms (two points: they say the country
    # as surely as "НДС" says Russia, and a Kazakh or Belarusian document may print "НДС" too), their letters,
    # their names and big cities (one point)
    (re.compile(r"(?<![^\W\d_])(?:[ЄЕ]ДРПОУ|ІПН|ТОВ|ФОП|ПрАТ|ПРРО|ІД)(?![^\W\d_])|\bПН\s?\d{12}\b"), "UAH", 2),
    (re.compile(r"(?<![^\W\d_])(?:ГОТІВК\w*|БЕЗГОТІВК\w*|ДЯКУ[ЄЕ]МО|ЗМІНА)(?![^\W\d_])", re.IGNORECASE), "UAH", 1),
    (re.compile(r"[їєґЇЄҐ]|(?<![^\W\d_])(?:Україн[аи]|Київ|Харків|Одеса|Львів|Дніпро)(?![^\W\d_])"), "UAH", 1),
    (re.compile(r"(?<![^\W\d_])(?:ДДС|ЕИК|ЗДДС|ЕООД|ООД|ЕАД)(?![^\W\d_])"), "BGN", 2),
    (re.compile(r"(?<![^\W\d_])(?:България|София|Пловдив|Варна|Бургас|Русе)(?![^\W\d_])"), "BGN", 1),
    (re.compile(r"(?<![^\W\d_])(?:ПИБ|ПФР|ЕСИР)(?![^\W\d_])|(?<![^\W\d_])д\.\s?о\.\s?о\.?"), "RSD", 2),
    (re.compile(r"[јљњћђџЈЉЊЋЂЏ]|(?<![^\W\d_])(?:Србија|Београд|Нови\s+Сад|Ниш|Крагујевац)(?![^\W\d_])"), "RSD", 1),
    (re.compile(r"(?<![^\W\d_])(?:БИН|ИИН|ҚҚС|ТОО|ЖШС)(?![^\W\d_])"), "KZT", 2),
    (re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]|(?<![^\W\d_])(?:Казахстан|Қазақстан|Алматы|Астана|Шымкент|Караганда)"
                r"(?![^\W\d_])"), "KZT", 1),
    # (not the Bulgarian till's sale number "УНП: DT012345-0001-0000123", device-operator-sale)
    (re.compile(r"(?<![^\W\d_])(?:УНП(?!\W{0,4}\w{6,8}-\d{4}-\d{7})|ТАА|ААТ)(?![^\W\d_])"), "BYN", 2),
    (re.compile(rf"[ўЎ]|{_BELARUS_PLACE.pattern}"), "BYN", 1),
    # … and Kazakh and Ukrainian bank accounts printed without the word IBAN ("ИИК KZ73996…", "р/р UA21 3223 …"; a
    # character more or less where the OCR slipped): the payee's country, unless the line is the buyer's
    (re.compile(rf"{_NOT_BUYER_LINE}\bKZ\d{{2}}(?:[ ]?[0-9A-Z]){{14,18}}(?![0-9A-Z])"), "KZT", 2),
    (re.compile(rf"{_NOT_BUYER_LINE}\bUA\d{{2}}(?:[ ]?[0-9A-Z]){{23,27}}(?![0-9A-Z])"), "UAH", 2),
    (re.compile(r"\b(?:singapore|pte\.?\s?ltd)\b", re.IGNORECASE), "SGD", 1),
    # Where the issuer is, when nothing printed says the currency (issue 9): countries, big cities, legal forms
    # and tax ids of the euro area, the UK, Poland, Switzerland and the US. One point each rule.
    (re.compile(
        r"\b(?:deutschland|germany|österreich|austria|france|nederland|netherlands|"
        r"belgi[eëq]\w*|españa|spain|italia|italy|ireland|portugal|luxembourg|finland|suomi|y-?tunnus|helsinki|"
        r"espoo|tampere|turku|oulu|vantaa|jyväskylä|"
        r"berlin|münchen|munich|hamburg|frankfurt|köln|paris|lyon|marseille|amsterdam|rotterdam|madrid|barcelona|"
        r"roma(?!\s+(?:norte|sur)\b)|rome|milano|milan|dublin|wien|vienna|lisboa|bruxelles|brussels|napoli|torino|firenze|bologna|"
        r"venezia|genova|palermo|valencia|sevilla|bilbao|zaragoza|málaga|malaga|toulouse|nice|nantes|strasbourg|"
        r"bordeaux|lille|utrecht|eindhoven|gent|antwerpen|düsseldorf|stuttgart|leipzig|dresden|hannover|nürnberg|"
        r"bremen|graz|linz|salzburg|galway|cork|limerick|waterford|kilkenny|wexford|sligo|athlone|drogheda|dundalk|"
        r"tralee|killarney|ennis|navan|porto|coimbra|braga|faro|aveiro|funchal|setúbal|setubal|liège|liege|"
        r"namur|charleroi|brugge|bruges|leuven|louvain|mons|hasselt|mechelen|oostende|ostende)\b|"
        # a Belgian VAT or company number as printed, "BE 0636.416.690" (and the Dutch "KvK90245766" below, glued)
        r"\bBE\s?[01]\d{3}\.\d{3}\.\d{3}\b|"
        r"\bIE\s?\d{7}[A-Z]{1,2}\b|"
        # Portugal: its company and tax ids, the invoice's ATCUD code, "Lda." ("Fernandes Unipessoal Lda.")
        r"\bNIPC\b|\bATCUD\b|\bLda\b|\bUnipessoal\b|"
        # an Irish Eircode ("R95 P2X0", "D02 X285"): routing key, then four characters with a letter among them
        r"\b(?:[ACDEFHKNPRTVWXY]\d{2}|D6W) ?(?=[0-9ACDEFHKNPRTVWXY]{0,3}[ACDEFHKNPRTVWXY])[0-9ACDEFHKNPRTVWXY]{4}\b|"
        r"\b(?:GmbH|UG|e\.K\.|S\.A\.R\.L\.?|SARL|SAS|B\.V\.|N\.V\.|S\.L\.|S\.r\.l\.|S\.p\.A\.)(?![\w.])|"
        r"\bUSt-?Id\w*|\bSt\.?-?Nr\b|\bSIRE[NT]\b|\bBTW\b|\bKvK\b|(?-i:\bK[vV]K(?=\d{8}\b))|\bP\.?\s?IVA(?![^\W\d_])|\bNIF\b|\bCIF\b|"
        r"\b(?:DE|FR|NL|IT|ES|AT|BE|IE)\s?\d{8,11}\b|\bATU\s?\d{8}\b|"  # (Austria: "ATU")
        # … and VAT ids as they are printed: France's two-character key apart ("FR24 598099325"), Germany's digits
        # in threes, the Dutch "B01" tail, a Spanish letter first; France's "TVA intracom(munautaire)"
        # (a digit in the French key: not "TOLL FREE 800 123 456"; the spaced German id after a VAT or id word, a
        # colon or at a line's start: not "… CAPITAL DE 100 000 000", "PEDIDOS DE 987 654 321"; not "Intracompany")
        r"(?-i:\bFR\s?(?=[A-HJ-NP-Z]?\d)[0-9A-HJ-NP-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}\b|"
        r"(?:\b(?i:VAT|USt|MwSt|TVA|BTW|IVA|Id\w*|Nr|No)\b\W{0,12}|(?<![^\n])|:\s?)DE\s?\d{3}\s\d{3}\s\d{3}\b|"
        r"\bNL\s?\d{9}\s?B\s?\d{2}\b|\bES\s?[A-Z]\d{7}[0-9A-Z]\b)|\bintracom(?:m?un\w*)?\b", re.IGNORECASE),
     "EUR", 1),
    # The payee's bank account: an IBAN's country, in groups or not ("IBAN BE51 3923 …", "IBAN DE89370400…")
    (re.compile(r"\bIBAN\W{0,3}(?:DE|FR|NL|IT|ES|AT|BE|IE|PT|LU|FI|GR|SK|SI|EE|LV|LT|MT|CY|HR)\d{2}(?:\b|(?=\d))"),
     "EUR", 1),
    (re.compile(r"\bIBAN\W{0,3}GB\d{2}(?:\b|(?=[A-Z]{4}\d))"), "GBP", 1),
    (re.compile(r"\bIBAN\W{0,3}PL\d{2}(?:\b|(?=\d))"), "PLN", 1),
    (re.compile(r"\bIBAN\W{0,3}CH\d{2}(?:\b|(?=\d))"), "CHF", 1),
    (re.compile(r"\b(?:united\s+kingdom|england|scotland|wales|london|manchester)\b|\bGB\s?\d{9}\b|"
                r"\bGB\s?\d{3}\s\d{4}\s\d{2}\b|"  # a VAT number as printed, "GB 821 2284 27"
                r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b", re.IGNORECASE), "GBP", 1),
    # (the tax id NIP also glued to its number, "NIP813-131-10-46"; the postcode "80-827 Gdańsk")
    (re.compile(r"\b(?:polska|poland|warszawa|kraków|krakow|gdańsk|gdansk|wrocław|wroclaw|poznań|poznan|łódź|lodz|"
                r"szczecin|lublin|katowice)\b|\bsp\.\s?z\s?o\.\s?o\b|\bNIP(?![^\W\d_])|"
                r"\b\d{2}-\d{3}\s+[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]", re.IGNORECASE), "PLN", 1),
    # Switzerland: its names, cities, and the company id (UID) "CHE-123.456.789" that Swiss VAT numbers are
    (re.compile(r"\b(?:schweiz|suisse|svizzera|switzerland|zürich|zurich|genève|geneva|bern|basel|luzern|"
                r"lausanne|lugano|winterthur)\b|\bCHE-?\d{3}\.?\d{3}\.?\d{3}(?!\d)", re.IGNORECASE), "CHF", 1),
    # … and its standard VAT rate, 8.1 % since 2024 (7.7 % before), after a VAT word of its languages ("Satz brutto
    # MWST" / "1=8.1%"): no other VAT country's (a US sales tax may be 7.7 %, but is no "MWST")
    (re.compile(r"\b(?:MWST|MwSt|TVA|IVA)\b[\s\S]{0,60}?(?<![\d.,])(?:8[.,]1|7[.,]7)0?\s?%"), "CHF", 1),
    (re.compile(r"\b(?:USA|U\.S\.A\.?|United\s+States)(?![\w.])|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|"
                r"IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|"
                r"WA|WV|WI|WY),?\s\d{5}(?:-\d{4})?\b"), "USD", 1),
    (re.compile(r"\bindia\b|\bGSTIN\b|\b[CS]GST\b", re.IGNORECASE), "INR", 1),
    (re.compile(r"\baustralia\b|\bABN\b"), "AUD", 1),
    # the Nordic crowns and the Czech koruna: ids, words and places
    (re.compile(r"\bCVR\b|\bDankort\b|\bDanmark\b|\bKøbenhavn\b|\bAarhus\b|\bOdense\b|\bAalborg\b|\bApS\b|"
                r"\bA/S\b|\bTak og på gensyn\b|\bI alt\b", re.IGNORECASE), "DKK", 1),
    (re.compile(r"\bSverige\b|\bStockholm\b|\bGöteborg\b|\bMalmö\b|\bUppsala\b|\bKvitto\b|\bAtt betala\b|"
                r"\bMomsreg\w*|\bSE\d{10}01\b|\bTack\b", re.IGNORECASE), "SEK", 1),
    (re.compile(r"\bMVA\b|\bNorge\b|\b[O0]slo\b|\bBergen\b|\bTrondheim\b|\bStavanger\b|\bForetaksregisteret\b|"
                r"\b[ÅA] betale\b|\bTakk\b|\bBankAxept\b", re.IGNORECASE), "NOK", 1),
    # the Norwegian organisation number as a VAT id, "Org. nr. NO 842 567 189 MVA": as sure as a currency sign
    (re.compile(r"\bNO ?\d{3} ?\d{3} ?\d{3} ?MVA\b"), "NOK", 2),
    (re.compile(r"\bDPH\b|\bI[ČC]O\b|\bDI[ČC]\b|\bPraha\b|\bBrno\b|\bOstrava\b|\bPlzeň\b|\bCZ\d{8,10}\b",
                re.IGNORECASE), "CZK", 1),
    (re.compile(r"\bcanada\b", re.IGNORECASE), "CAD", 1),
    # Canada: its postal codes ("J8X 3X7"), HST / TPS / TVQ and big cities
    (re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b|\b(?:GST/HST|HST|TPS|TVQ|QST)\b|\b(?:Toronto|Montr[ée]al|"
                r"Vancouver|Calgary|Ottawa|Qu[ée]bec|Gatineau|Winnipeg|Edmonton|Halifax)\b"), "CAD", 1),
    (re.compile(r"\bnew\s+zealand\b", re.IGNORECASE), "NZD", 1),
    # Brazil: the consumer invoice (NFC-e, its DANFE), the company id CNPJ, the web domain
    # (not "Brasil" alone: "Churrasqueira Brasil" in Lisbon)
    (re.compile(r"\bCNPJ\b|\bNFC-?e\b|\bDANFE\b|\bcom\.br\b", re.IGNORECASE), "BRL", 1),
    # New Zealand: its big cities with their four-digit postcode ("Auckland 1010", "Wellington 6011"; not Wellington,
    # FL 33414, nor "Auckland Road, London SE19"), the web domain, the GST number as printed ("GST No: 12-345-678")
    (re.compile(r"\b(?:Auckland|Wellington|Christchurch|Hamilton|Dunedin|Queenstown|Tauranga|Rotorua)\s\d{4}\b|"
                r"\bco\.nz\b|\bGST\W{0,3}(?:(?:Reg\w*|No|Number|#)\W{0,3})*\d{2,3}-\d{3}-\d{3}\b", re.IGNORECASE),
     "NZD", 1),
    # South Africa: the rand before an amount ("R 45.50", "R1,258.18": cents only), and where the issuer is: its
    # names, big cities, "(Pty) Ltd" with the brackets, a VAT number (ten digits from 4), the web domain
    (re.compile(r"(?<![\w.,/])R ?\d{1,3}(?:,\d{3})*\.\d{2}(?![\d%])"), "ZAR", 2),
    (re.compile(r"\bsouth\s+africa\b|\b(?:Johannesburg|Cape\s+Town|Durban|Pretoria|Sandton|Stellenbosch|"
                r"Gqeberha|Port\s+Elizabeth|Bloemfontein|Soweto)\b|\(Pty\)\s?Ltd\b|\bco\.za\b|"
                r"\bVAT\W{0,3}(?:Reg\w*\W{0,3})?(?:No|Number)\W{0,3}4\d{9}\b", re.IGNORECASE), "ZAR", 1),
    # Mexico: the amount in words with its cents over 100 and "M.N." (moneda nacional: "CIENTO VEINTE PESOS 45/100
    # M.N."; not "M.N." alone: initials); where the issuer is: its legal forms ("S.A. de C.V.", "SA DE CV",
    # "S. de R.L. de C.V.", "S.A.B. de C.V."), a tax id after RFC, Mexico City, a state's abbreviation after a
    # city ("Guadalajara, Jal."), the web domain (not city names alone: "Tijuana Flats" in Orlando, "Gulf of Mexico
    # Seafood")
    (re.compile(r"\b\d{2}/100\s?M\.?\s?N\.?(?!\w)"), "MXN", 3),
    (re.compile(r"\bS\.?\s?(?:A\.?(?:\s?[BP]\.?(?:\s?I\.?)?)?|de\s+R\.?\s?L\.?)\s+de\s+C\.?\s?V\b|"
                r"\bR\.?\s?F\.?\s?C\.?\W{0,3}[A-ZÑ&]{3,4}-?\d{6}-?[A-Z0-9]{3}\b", re.IGNORECASE), "MXN", 1),
    (re.compile(r"\bCDMX\b|\bCiudad\s+de\s+M[eé]xico\b|,\s?(?:Jal|N\.\s?L|Qro|Pue|Gto|Mich|Q\.\s?Roo|B\.\s?C|Yuc|Ver)\.(?!\w)",
                re.IGNORECASE), "MXN", 1),
    (re.compile(r"\bcom\.mx\b", re.IGNORECASE), "MXN", 1),
    # Romania: "lei" after an amount or a total (its leu; not the Portuguese "Lei 12.741", "Wang Lei", a legal entity
    # identifier "LEI: 5493…"), the fiscal receipt's title, its tax id (CIF/CUI after RO, or six digits or more with
    # no letter after them: not Spain's "CIF: B12345678" / "12345678-Z", nor "CIF 2020") and trade register number
    # ("J40/1234/2015"); its big cities (also with the old cedilla letters), "jud."
    # (the code RON too, only beside an amount or after TOTAL: not a server called "RON")
    (re.compile(r"(?<=\d)\s?lei\b|\bTOTAL(?:\s+DE\s+PLATA)?\s+LEI\b|(?-i:\d[.,]\d\d\s?RON\b|\bTOTAL\s+RON\b)",
                re.IGNORECASE), "RON", 3),
    (re.compile(r"\bBON\s+FISCAL\b|\b(?:C\.?\s?I\.?\s?F|C\.?\s?U\.?\s?I|COD\s+FISCAL)\.?\W{0,3}"
                r"(?:RO\s?\d{2,10}|\d{6,10})(?!-?[A-Z0-9])(?![ \t][A-Z](?![A-Za-z]))|"
                r"\bJ\d{2}/\d{1,6}/(?:19|20)\d{2}\b", re.IGNORECASE), "RON", 2),
    (re.compile(r"\b(?:Bucure[sșş]ti|Cluj-Napoca|Timi[sșş]oara|Ia[sșş]i|Bra[sșş]ov|Constan[tțţ]a|Rom[aâ]nia)\b|\bjud\.\s?",
                re.IGNORECASE), "RON", 1),
    # Turkey: "TL" beside an amount with kuruş; the tax office with its tax number ("Çankaya V.D. 1880107187",
    # "VERGİ DAİRESİ"), VKN, the Mersis number, the fiscal receipt's own words (TOPKDV, EKÜ NO, FİŞ NO), "A.Ş." and
    # "Ltd. Şti."; a big city after its district's slash ("KADIKÖY/İSTANBUL"; not "Istanbul Grill" in Leeds), Türkiye
    (re.compile(r"\d[.,]\d\d\s?TL\b|\bTL\s?\d+[.,]\d\d\b"), "TRY", 3),
    (re.compile(r"\bV\.?\s?D\.?\W{0,3}\d{10,11}\b|\bVERG[İI]\s+DA[İI]RES[İI]|\bVKN\b|\bMersis\b|\bTOPKDV\b|"
                r"\bEK[ÜUO]\s+NO\b|\bF[İI][ŞS]\s+NO\b|\bA\.\s?Ş\.|(?i:\bLtd\.?\s?[ŞS]t[iİ]\b)"), "TRY", 2),
    (re.compile(r"/\s?(?:[İI]stanbul|[İI]STANBUL|Ankara|ANKARA|[İI]zmir|[İI]ZM[İI]R|Bursa|BURSA|Antalya|ANTALYA)\b|"
                r"\bT[ÜU]RK[İI]YE\b|\bTürkiye\b"), "TRY", 1),
    # Hungary: "Ft" after a whole forint amount with its thousands grouped ("13 848 Ft"), after "1 290,-", in a unit
    # price ("1 029 Ft/kg"); the tax number as printed ("Adószám: 12345678-2-42"), the receipt's AP number and NAV
    # check code, VAT as "ÁFA", NYUGTA. After a small number alone, "Ft" may be feet ("Cable 5 Ft", "20Ft
    # container", "12 Ft x 10 Ft"): one point, once. Its legal forms and big cities, the EU VAT id "HU10307078".
    (re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+\s?F[Tt]\b|\d,-\s?F[Tt]\b|\d\s?F[Tt]\s?/\s?(?:kg|db|l|m)\b"), "HUF", 3),
    (re.compile(r"(?<=\d)\s?F[Tt]\b(?!\s*[x×*])|\b(?i:forint)\w*"), "HUF", 1),
    (re.compile(r"\bad[óo]sz(?:ám|am|\.)\W{0,3}\d{8}-\d-\d{2}\b|\bNAV\s+ellen|\bAP\s[A-Z]\d{8}\b|\bÁFA\b|"
                r"\bNYUGTA\b", re.IGNORECASE), "HUF", 2),
    (re.compile(r"\bAFA\b(?=\s*(?:[A-E]\s*)?\d{1,2}\s?%)|\bHU\d{8}\b|\b(?:Kft|Zrt|Nyrt)\b\.?|\bBt\.|"
                r"\b(?:Budapest|Debrecen|Szeged|Pécs|Győr|Miskolc|Magyarország)\b", re.IGNORECASE), "HUF", 1),
    # Chile: the RUT as printed ("76.543.210-K", "76543210-K"), the tax service's stamp and domain, the electronic
    # receipt; its cities (not "Santiago", a first name and Spain's Compostela; not "Chile", a dish)
    (re.compile(r"\bR\.?\s?U\.?\s?T\.?\W{0,3}\d{1,2}\.?\d{3}\.?\d{3}\s?-\s?[\dkK]\b|\bTimbre\s+Electr[óo]nico\b|"
                r"\bsii\.cl\b|\bBOLETA\s+ELECTR[ÓO]NICA\b", re.IGNORECASE), "CLP", 2),
    (re.compile(r"\b(?:Las\s+Condes|Ñuñoa|Vi[ñn]a\s+del\s+Mar|Valpara[íi]so|Temuco|Antofagasta|Regi[óo]n\s+Metropolitana)\b|"
                r",\s?Chile\b|\.cl\b"), "CLP", 1),
    # Colombia: the NIT as printed ("900.123.456-7"), a DIAN resolution, the electronic invoice's CUFE, the
    # consumption tax (INC at its rates, "impoconsumo"; not "inc 10% GST"), "Ajuste al peso"; its big cities (not
    # Cartagena: Spain has one), the web domain
    (re.compile(r"\bNIT\.?\W{0,3}\d{3}\.?\d{3}\.?\d{3}\s?-\s?\d\b|(?i:resoluci[óo]n|autorizaci[óo]n|habilitaci[óo]n)"
                r"[^\n]{0,30}\bDIAN\b|\bCUFE\b|\b(?i:impoconsumo)\b|\b(?i:ajuste\s+al\s+peso)\b"), "COP", 2),
    (re.compile(r"\bINC[ \t]?(?:4|8|16)[ \t]?%(?![ \t]*(?i:off|gst|vat|tax|discount))|"
                r"\b(?:Colombia|Bogot[áa]|Medell[íi]n|Barranquilla|Bucaramanga|Cali(?=,)|Antioquia)\b|\bcom\.co\b"),
     "COP", 1),
    (re.compile(r"\bhong\s+kong\b", re.IGNORECASE), "HKD", 1),
    (re.compile(r"\bchina\b|中国|人民币", re.IGNORECASE), "CNY", 1),
    (re.compile(r"\bjapan\b|日本", re.IGNORECASE), "JPY", 1),
    # Japanese: the invoice registration number ("登録番号 T1234567890123", also in the simplified forms the OCR
    # reads, 登录), a company form only Japan uses, an address that starts with its prefecture (not "北海道海鲜市场",
    # a Hokkaido seafood market in Kuala Lumpur: a 市 with no block number after it). Kana: see _currency_scores.
    (re.compile(r"登[録录錄]番[号號]\W{0,3}T\s?\d(?:[\s-]?\d){12}(?!\d)"), "JPY", 2),
    (re.compile(r"株式会社|有限会社|合同会社|[(（]株[)）]|(?:東京都|大阪府|京都府|北海道|[\u4e00-\u9fff]{1,3}県)"
                r"[\u4e00-\u9fff]{1,4}[市区町村](?![场場集])[\u4e00-\u9fff\u3040-\u30ff]{0,8}\d"), "JPY", 1),
    (re.compile(r"\bindonesia\b", re.IGNORECASE), "IDR", 1),
)
# A currency field's raw text is often just the mark; these are too short to be evidence in running text.
_CURRENCY_EXACT = {"р": "RUB", "р.": "RUB", "руб": "RUB", "руб.": "RUB", "rub.": "RUB", "rs": "INR", "rs.": "INR",
                   "rp": "IDR", "rp.": "IDR", "zl": "PLN", "zł": "PLN", "fr.": "CHF", "sfr": "CHF", "eur": "EUR"}
_LATIN_RUB = re.compile(r"\d[ ]?[pP]\.?(?![^\W\d_])")
# A venue word and the capitalised place name after or before it ("Pizzeria Napoli", "Café Paris", "Hotel
# Berlin", "Bella Italia Trattoria" in London): a place in a shop's name says nothing about its currency
_VENUE = r"(?i:pizzeri[ae]|ristorante|trattoria|osteria|caf[eé]|hotel|bistro|brasserie|restaurant)"
_VENUE_NAME = re.compile(rf"\b({_VENUE})[ \t]+[A-ZÀ-Ý][a-zà-ÿ]+\b")  # (on one line: "Berlin" / "Restaurant-Rechnung"
_NAME_VENUE = re.compile(rf"\b(?!(?i:euro|dollar|franken|pound)\b)[A-ZÀ-Ý][a-zà-ÿ]+[ \t]+({_VENUE})\b")  # says EUR)
# Bulgaria prices in euro from this day, and for a while prints the leva beside the euro ("… BGN: 1 604,15 лв.")
BULGARIA_EURO_DAY = _dt.date(2026, 1, 1)
LEVA = re.compile(r"(?<![^\W\d_])лв(?![^\W\d_])|\bBGN\b")
_AT_AS_EURO = re.compile(r"(?<![\d.,])(\d{1,3} ?)€(?= ?\d{1,6}[.,]\d{2}(?!\d))")
_MAX_HITS_PER_RULE = 3  # a code printed on every line should not drown everything else
_COLONIA = re.compile(r"\b(?:Col|Colonia)\b[.:]?[ \t]*[^\W\d_]+(?:[ \t]+(?:Norte|Sur))?", re.IGNORECASE)


def _japanese_text(text: str) -> int:
    """Where the kana of a Japanese text begin, or -1: two kana or more, and at least half as many as Latin
    letters (not a Japanese chain's kana logo over a Malaysian receipt, "すき家 … SDN BHD")."""
    kana = KANA.search(text)  # (Japanese writes kana, Chinese does not)
    if kana is None:
        return -1
    n = len(KANA.findall(text))
    return kana.start() if n >= 2 and 2 * n >= sum(c.isascii() and c.isalpha() for c in text) else -1


def _currency_scores(text: str) -> dict[str, tuple[int, int]]:
    """code (or pseudo-code $ / ¥) -> (score, first position)."""
    scores: dict[str, tuple[int, int]] = {}

    def add(code: str, weight: int, pos: int) -> None:
        score, first = scores.get(code, (0, pos))
        scores[code] = (score + weight, min(first, pos))

    text = _NAME_VENUE.sub(r"\1", _VENUE_NAME.sub(r"\1", text))  # "Pizzeria Napoli" in Prague
    text = fix_turkish_s_read_as_dollar(text)  # "Ltd. $ti", "A.$.": the Turkish Ş read as "$", no dollars
    if "ol" in text:  # a Mexican colonia's name, "Col. Roma", "Colonia Roma", says nothing of Rome
        text = _COLONIA.sub("Col.", text)
    if "€" in text:  # "4€26.50", "2 € 15.50": a quantity's "@" read as "€" before its unit price, no euro
        text = _AT_AS_EURO.sub(r"\1@", text)
    if "р" in text:  # "9 березня 2025 р.", "09.03.2025 р.": the Ukrainian year ("рік"), not roubles
        text = _UKRAINIAN_YEAR.sub(r"\1", text)
    if has_cyrillic(text):  # "134,90 P" / "134,90 p.": a Latin look-alike of р. after an amount in Russian text
        for m in _LATIN_RUB.finditer(text):
            add("RUB", 2, m.start())
            break
    if (kana := _japanese_text(text)) >= 0:
        add("JPY", 1, kana)
    for rx, code, weight in _EVIDENCE:
        hits = 0
        cap = 1 if weight == 1 else _MAX_HITS_PER_RULE
        for m in rx.finditer(text):
            if code == "":
                tok = m.group()
                if tok in _SYMBOLS:
                    c, w = _SYMBOLS[tok]
                elif tok in _ISO_CODES:
                    c, w = _CODE_ALIASES.get(tok, tok), weight
                else:
                    continue
            elif code == _DOLLAR and m.lastindex and m.group(1):
                c, w = _DOLLAR_CODES[m.group(1).lower()], 3
            else:
                c, w = code, weight
            add(c, w, m.start())
            hits += 1
            if hits >= cap:
                break
    pesos = [code for code in _PESOS if code in scores]
    if pesos and "$" in text and _DOTTED_PESOS.search(text):
        # "$5.920", "$115.738": a "$" before whole thousands with a dot (no dollar prints those) on a page with some
        # Chilean or Colombian evidence: one point more for the likelier
        best = max(pesos, key=lambda c: scores[c])
        scores[best] = (scores[best][0] + 1, scores[best][1])
    if "ZAR" in scores and _INDIAN_BILL.search(text):
        # "₹ 450.00" read "R 450.00" on an Indian bill (GSTIN, CGST): rupees, not rands
        zar = scores.pop("ZAR")
        inr = scores.get("INR", (0, zar[1]))
        scores["INR"] = (inr[0] + zar[0], min(inr[1], zar[1]))
    if "INR" in scores and "BRL" in scores and not _INDIAN_BILL.search(text):
        # "R$" read as "Rs" on a Brazilian NFC-e (CNPJ, DANFE) with nothing Indian on it: reais, not rupees
        inr, brl = scores.pop("INR"), scores["BRL"]
        scores["BRL"] = (brl[0] + inr[0], min(brl[1], inr[1]))
    other_cyrillic_country = any(code in scores for code in _OTHER_CYRILLIC_CURRENCIES)
    if "BYN" in scores and "RUB" in scores and not _RUSSIAN_ROUBLE.search(text) and (
            scores["BYN"][0] >= 2 or _BELARUS_PLACE.search(text) or len(_BELARUSIAN_LETTER.findall(text)) >= 2):
        # Belarus prints its own roubles as "руб." / "р.": with a Belarusian id or place and no ₽ / RUB / Russia,
        # the roubles are Belarusian (one "ў" alone is an OCR slip in a Russian invoice: "ўз час")
        byn, rub = scores["BYN"], scores.pop("RUB")
        scores["BYN"] = (byn[0] + rub[0], min(byn[1], rub[1]))
    if ("RUB" in scores and scores.get("UAH", (0, 0))[0] >= 2 and len(_UKRAINIAN_LETTER.findall(text)) >= 2
            and not _RUSSIAN_WORD.search(text)):
        # "₴" read as "₽" (alike in print) on a Ukrainian page (its ids, its letters) with no Russian word, id or
        # code on it: hryvnias
        uah, rub = scores["UAH"], scores.pop("RUB")
        scores["UAH"] = (uah[0] + rub[0], min(uah[1], rub[1]))
    if ("RUB" in scores and scores.get("BGN", (0, 0))[0] >= 2 and not _RUSSIAN_WORD.search(text)
            and not _RUSSIAN_ROUBLE.search(text)):
        # "Яйца 106р" on a Bulgarian till receipt (its ids: ЕИК, ЗДДС, ЕООД): "10 бр." (pieces) with its "б" read
        # as a 6, no rouble; Russian words, ids or a "₽" on the page keep the roubles
        del scores["RUB"]
    russian = _mostly_cyrillic(text) and not _OTHER_CYRILLIC.search(text) and not other_cyrillic_country
    if _DOLLAR in scores and "RUB" in scores and (russian or _RUSSIAN_ROUBLE.search(text) and _mostly_cyrillic(text)):
        # A bare "$" in a Russian document with roubles in it (руб., ₽, ИНН, НДС) is an OCR slip ("S", "5", "₽"
        # on a bad photo: "$42545:"), not dollars; "US$" / "USD" still count as printed. (Also when a garbled stamp
        # read other Cyrillic letters into a page that says "Россия" or prints "₽": "Вросливљ Мин $4145".)
        del scores[_DOLLAR]
    if russian:
        add("RUB", 1, len(text))  # Russian-language text: roubles by default, printed evidence still decides
    return scores


_UKRAINIAN_YEAR = re.compile(r"(?:(?<=[^\W\d_] )|(?<=\d[./]))((?:19|20)\d\d)\s?р\.(?![^\W\d_])")
_OTHER_CYRILLIC_CURRENCIES = frozenset({"UAH", "BGN", "RSD", "KZT", "BYN"})
_UKRAINIAN_LETTER = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_WORD = re.compile(rf"\bRUB\b|(?<![^\W\d_])(?:руб\w*|Росси[яи]|Российская|РФ|{_RUSSIAN_IDS})(?![^\W\d_])",
                           re.IGNORECASE)
_RUSSIAN_ROUBLE = re.compile(r"₽|\bRUB\b|(?<![^\W\d_])(?:Росси[яи]|Российская|РФ)(?![^\W\d_])")

# Letters of other Cyrillic alphabets (Ukrainian, Belarusian, Serbian, Macedonian, Kazakh): not a Russian text
_OTHER_CYRILLIC = re.compile(r"[іїєґўјљњћџђѓќѕәғқңөұүһІЇЄҐЎЈЉЊЋЏЂЃЌЅӘҒҚҢӨҰҮҺ]")


def _mostly_cyrillic(text: str) -> bool:
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    return cyrillic > sum(1 for ch in text if ch.isascii() and ch.isalpha())


def _resolve_currency(scores: dict[str, tuple[int, int]], lang: str | None) -> str | None:
    scores = dict(scores)
    if _YEN in scores:
        yen = scores.pop(_YEN)
        chinese = "CNY" in scores or (lang or "").lower().startswith("zh")
        code = "CNY" if chinese else "JPY"
        prev = scores.get(code, (0, yen[1]))
        scores[code] = (prev[0] + yen[0], min(prev[1], yen[1]))
    if _KRONE in scores:
        krone = scores.pop(_KRONE)
        family = [(scores[c], c) for c in _KRONE_FAMILY if c in scores]
        code = max(family, key=lambda x: (x[0][0], -x[0][1]))[1] if family else None
        if code is not None:
            scores[code] = (scores[code][0] + krone[0], min(scores[code][1], krone[1]))
    if _DOLLAR in scores:
        dollar = scores.pop(_DOLLAR)
        # (the pesos of Chile and Colombia only on firm evidence, an id or a stamp: not a "Santiago's Grill")
        family = [(v, c) for c, v in scores.items() if c in _DOLLAR_FAMILY and (c not in _PESOS or v[0] >= 2)]
        code = max(family, key=lambda x: (x[0][0], -x[0][1]))[1] if family else "USD"
        prev = scores.get(code, (0, dollar[1]))
        scores[code] = (prev[0] + dollar[0], min(prev[1], dollar[1]))
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: (kv[1][0], -kv[1][1]))[0]


_INDIAN_BILL = re.compile(r"\bGSTIN\b|\b[CSI]GST\b|\bRUPEES?\b", re.IGNORECASE)  # GST ids, rupees in words


def yen_read_for_rupee(text: str) -> bool:
    """Whether a "¥" on this page is the rupee sign "₹" misread: the page is an Indian bill (GST ids, rupees in
    words). A weaker "India" in a name (an Indian restaurant in Tokyo) does not say so."""
    return bool(_INDIAN_BILL.search(text))


def detect_currency(text: str, *, lang: str | None = None) -> str | None:
    """ISO-4217 code best supported by the text, or ``None`` when nothing supports one.

    Evidence (see docs/rules.md): ISO codes and unambiguous symbols/marks weigh most; "$" is USD unless a
    dollar-country is supported (S$, SGD, Singapore ...); "¥" is JPY unless the text (or ``lang="zh"``) is
    Chinese; place and tax words (Malaysia, Sdn Bhd, SST; НДС, ИНН) count once each. "VAT" and "GST" alone say
    nothing. Ties go to the evidence printed first.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    return _resolve_currency(_currency_scores(text), lang)
