"""Country and language data for make_world_receipts.py: currencies, number/date formats, tax rates, wording,
item catalogues, merchant names, addresses and ids. Pure data plus a few formatting helpers; no drawing here.

Item catalogue entries are ``name;price;class[flags]``. Prices are in EUR for the generic language lists (scaled by
the country's ``mult`` and rounded to local price points) and in local currency for the ``en_in``/``en_my``/``en_sg``
lists. Classes: f basic food, d soft drinks, s standard (non-food, alcohol in shops), h restaurant food and
non-alcoholic drinks, a restaurant alcohol. Flags: w sold by weight (price per kg), p bottle with a deposit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
CENT = D("0.01")


def q2(x: Decimal) -> Decimal:
    """Round half up to the cent (what tills do)."""
    return x.quantize(CENT, ROUND_HALF_UP)


def pick(r: random.Random, options: str) -> str:
    return r.choice(options.split("|"))


def digits(r: random.Random, pattern: str) -> str:
    """'#' becomes a digit, '@' an upper-case letter, '{h}' a literal '#'; everything else stays."""
    out = []
    for part in pattern.split("{h}"):
        out.append("".join(str(r.randint(0, 9)) if ch == "#" else chr(65 + r.randrange(26)) if ch == "@" else ch
                           for ch in part))
    return "#".join(out)


@dataclass(frozen=True)
class Loc:
    cc: str
    cur: str
    langs: str  # "de" or "nl|fr": the first is the more frequent
    num: str  # de 1.234,56 | fr 1 234,56 | ch 1'234.50 | en 1,234.56 | in 1,23,456.00
    sym: str  # how the currency shows on the receipt: "€", "CHF", "kr", ...
    rates: str  # class=rate, e.g. "f=7,d=19,s=19,h=19,a=19"
    codes: str  # rate=letter codes printed beside amounts, "" when the country prints none
    mult: float  # EUR catalogue price -> local price
    dates: str
    times: str
    cities: str
    streets: str
    phones: str
    ids: str  # tax/registration id lines ("|" separated alternatives, ";" separates lines printed together)
    forms: str  # legal forms
    cards: str
    rnd: str = ""  # cash rounding: "0.05" (cash only) or "1/always"
    first: str = ""
    years: tuple[int, int] = (2024, 2025)
    extra: dict[str, str] = field(default_factory=dict)
    places: int = 2  # decimals printed: 0 for currencies without minor units in use (HUF, CLP, COP, JPY)


LOCS: dict[str, Loc] = {
    "DE": Loc("DE", "EUR", "de", "de", "€", "f=7,d=19,s=19,h=19,a=19", "19=A,7=B", 1.0,
              "{dd}.{mm}.{yyyy}|{dd}.{mm}.{yyyy}|{dd}.{mm}.{yy}|{d}. {month} {yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "10115 Berlin|20095 Hamburg|80331 München|50667 Köln|60311 Frankfurt am Main|70173 Stuttgart|"
              "04109 Leipzig|90402 Nürnberg|28195 Bremen",
              "Hauptstraße {n}|Bahnhofstr. {n}|Schillerstraße {n}|Goethestr. {n}|Am Markt {n}|Lindenallee {n}|"
              "Kölner Straße {n}|Friedrichstraße {n}",
              "Tel.: 0### ######|Tel. 030 / ### ### ##|Tel: +49 ## ### ###-0|Telefon 0#### ####",
              "USt-IdNr.: DE#########|Steuer-Nr.: ##/###/#####|St.-Nr. ###/###/#####;USt-ID DE#########",
              "GmbH|GmbH & Co. KG|e.K.|oHG|KG", "girocard|VISA|Mastercard|V PAY|Maestro", first="Anna|Jan|Lena"),
    "AT": Loc("AT", "EUR", "de", "de", "€", "f=10,d=20,s=20,h=10,a=20", "20=A,10=B,13=C", 1.08,
              "{dd}.{mm}.{yyyy}|{dd}.{mm}.{yy}|{d}. {month} {yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "1010 Wien|1070 Wien|8010 Graz|4020 Linz|5020 Salzburg|6020 Innsbruck|9020 Klagenfurt",
              "Mariahilfer Straße {n}|Hauptplatz {n}|Landstraße {n}|Herrengasse {n}|Wiener Straße {n}|Kirchgasse {n}",
              "Tel.: 01 ### ## ##|Tel. 0316 / ######|Tel: +43 662 ######", "UID: ATU########|UID-Nr. ATU########",
              "GmbH|KG|OG|e.U.", "Maestro|Bankomat|VISA|Mastercard"),
    "CH": Loc("CH", "CHF", "de|fr", "ch", "CHF", "f=2.6,d=2.6,s=8.1,h=8.1,a=8.1", "8.1=1,2.6=2", 1.7,
              "{dd}.{mm}.{yyyy}|{dd}.{mm}.{yy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "8001 Zürich|3011 Bern|4051 Basel|6003 Luzern|9000 St. Gallen|8400 Winterthur",
              "Bahnhofstrasse {n}|Marktgasse {n}|Seestrasse {n}|Hauptstrasse {n}|Limmatquai {n}",
              "Tel. 044 ### ## ##|Tel: 031 ### ## ##|Tel. +41 61 ### ## ##",
              "MWST-Nr. CHE-###.###.### MWST|CHE-###.###.### MWST|UID CHE-###.###.###", "AG|GmbH|Genossenschaft",
              "Maestro|PostFinance Card|VISA|Debit Mastercard", rnd="0.05",
              extra={"cities_fr": "1204 Genève|1003 Lausanne|2000 Neuchâtel|1950 Sion|1700 Fribourg",
                     "streets_fr": "Rue du Rhône {n}|Avenue de la Gare {n}|Rue de Bourg {n}|Place du Marché {n}"}),
    "FR": Loc("FR", "EUR", "fr", "fr", "€", "f=5.5,d=5.5,s=20,h=10,a=20", "", 1.05,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{dd}/{mm}/{yyyy}|{dd}.{mm}.{yy}|{wd} {d} {month} {yyyy}",
              "{HH}:{MM}|{HH}:{MM}:{SS}|{HH}h{MM}",
              "75011 PARIS|69002 LYON|13001 MARSEILLE|31000 TOULOUSE|33000 BORDEAUX|59000 LILLE|44000 NANTES|"
              "67000 STRASBOURG", "{n} rue de la République|{n} avenue Jean Jaurès|{n} boulevard Victor Hugo|"
              "{n} place du Marché|{n} rue Nationale|{n} rue des Lilas|{n}, avenue Foch",
              "Tél : 01 ## ## ## ##|Tél. 04 ## ## ## ##|TEL : 05.##.##.##.##|Tél : 03 ## ## ## ##",
              "SIRET ### ### ### #####|SIRET : ##############;NAF : ####@|TVA intracom FR## #########|"
              "SIRET ### ### ### ##### - APE ####@;N° TVA : FR###########", "SAS|SARL|SA|EURL|SNC",
              "CB|VISA|MASTERCARD|CB SANS CONTACT"),
    "BE": Loc("BE", "EUR", "nl|fr", "de", "€", "f=6,d=6,s=21,h=12,a=21", "21=A,6=B,12=C", 1.05,
              "{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}|{dd}.{mm}.{yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "1000 Brussel|2000 Antwerpen|9000 Gent|3000 Leuven|8000 Brugge|2800 Mechelen",
              "Kerkstraat {n}|Stationsstraat {n}|Grote Markt {n}|Meir {n}|Nieuwstraat {n}",
              "Tel. 02 ### ## ##|Tel: 03 ### ## ##|Tél. 04 ### ## ##|Tel 09/### ## ##",
              "BTW BE 0###.###.###|BTW-nr: BE0###.###.###|Ond.nr. 0###.###.###|TVA BE 0###.###.###",
              "BV|NV|BVBA|SRL|SA", "Bancontact|Maestro|VISA", rnd="0.05",
              extra={"cities_fr": "1000 Bruxelles|4000 Liège|5000 Namur|6000 Charleroi|1300 Wavre|7000 Mons",
                     "streets_fr": "Rue Neuve {n}|Chaussée de Louvain {n}|Place Saint-Lambert {n}|Rue de la Gare {n}"}),
    "IT": Loc("IT", "EUR", "it", "de", "€", "f=4,d=22,s=22,h=10,a=22", "", 1.0,
              "{dd}-{mm}-{yyyy}|{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{dd}-{mm}-{yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "20121 Milano (MI)|00184 Roma (RM)|10121 Torino (TO)|40121 Bologna (BO)|50123 Firenze (FI)|"
              "80133 Napoli (NA)|35122 Padova (PD)", "Via Roma, {n}|Corso Italia {n}|Via Garibaldi {n}|"
              "Piazza della Repubblica {n}|Viale Mazzini {n}|Via Dante, {n}",
              "Tel. 02 ########|Tel. 06 #######|TEL. 011 ### ####|Tel: 051 ######",
              "P.IVA ###########|P. IVA ###########;C.F. ###########|Partita IVA: ###########",
              "S.r.l.|S.p.A.|S.n.c.|S.a.s.|S.r.l.s.", "BANCOMAT|VISA|MASTERCARD|PagoBANCOMAT"),
    "ES": Loc("ES", "EUR", "es", "de", "€", "f=4,d=10,s=21,h=10,a=21", "", 0.9,
              "{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "28013 Madrid|08002 Barcelona|46001 Valencia|41001 Sevilla|29001 Málaga|48001 Bilbao|50001 Zaragoza",
              "C/ Mayor, {n}|Avda. de la Constitución, {n}|Calle Real {n}|Plaza de España {n}|C/ Alcalá, {n}",
              "Tel: 91 ### ## ##|Tlf. 93 ### ## ##|Teléfono: 96 ### ## ##|Tel. 954 ## ## ##",
              "CIF: B########|C.I.F. A########|NIF: ########@|CIF B-########", "S.L.|S.A.|S.L.U.|S.Coop.",
              "VISA|MASTERCARD|Maestro"),
    "PT": Loc("PT", "EUR", "pt", "de", "€", "f=6,d=13,s=23,h=13,a=23", "23=A,13=B,6=C", 0.85,
              "{yyyy}-{mm}-{dd}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "1100-048 Lisboa|1250-096 Lisboa|4000-322 Porto|3000-150 Coimbra|8000-123 Faro|4700-321 Braga",
              "Rua Augusta, {n}|Av. da Liberdade, {n}|Rua de Santa Catarina, {n}|Praça do Comércio, {n}|"
              "Rua Direita, {n}", "Tel. 21 ### ####|Telef.: 22 ### ####|Tel: 239 ### ###",
              "NIF: 5########|Contribuinte N.º 5########|NIPC 5########", "Lda.|S.A.|Unipessoal Lda.",
              "Multibanco|VISA|Mastercard"),
    "NL": Loc("NL", "EUR", "nl", "de", "€", "f=9,d=9,s=21,h=9,a=21", "", 1.05,
              "{dd}-{mm}-{yyyy}|{dd}-{mm}-{yy}|{dd}/{mm}/{yyyy}|{d} {mon} {yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "1012 NX Amsterdam|3011 AB Rotterdam|2511 CV Den Haag|3511 LN Utrecht|5611 AB Eindhoven|"
              "9711 LM Groningen", "Kalverstraat {n}|Dorpsstraat {n}|Hoofdstraat {n}|Stationsplein {n}|"
              "Marktplein {n}|Molenstraat {n}", "Tel. 020-#######|Tel: 010 - ### ## ##|T 030 ### ## ##",
              "BTW-nr: NL#########B01|BTW NL#########B0#;KvK ########|KvK-nr. ########", "B.V.|V.O.F.|N.V.",
              "Maestro|V PAY|PIN|VISA|Mastercard", rnd="0.05"),
    "PL": Loc("PL", "PLN", "pl", "fr", "zł", "f=5,d=8,s=23,h=8,a=23", "23=A,8=B,5=C", 4.0,
              "{yyyy}-{mm}-{dd}|{dd}.{mm}.{yyyy}|{dd}-{mm}-{yyyy}|{yyyy}-{mm}-{dd}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "00-001 Warszawa|30-001 Kraków|50-001 Wrocław|80-001 Gdańsk|61-001 Poznań|90-001 Łódź",
              "ul. Marszałkowska {n}|ul. Długa {n}|al. Jana Pawła II {n}|ul. Piotrkowska {n}|ul. Świętokrzyska {n}",
              "tel. 22 ### ## ##|tel. (12) ### ## ##|tel. +48 ### ### ###", "NIP ###-###-##-##|NIP: ##########",
              "Sp. z o.o.|S.A.|s.c.|Sp.j.", "Karta|VISA|Mastercard|Maestro"),
    "CZ": Loc("CZ", "CZK", "cs", "fr", "Kč", "f=12,d=12,s=21,h=12,a=21", "21=A,12=B", 24.0,
              "{dd}.{mm}.{yyyy}|{d}.{m}.{yyyy}|{dd}.{mm}.{yy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "110 00 Praha 1|120 00 Praha 2|602 00 Brno|301 00 Plzeň|702 00 Ostrava|779 00 Olomouc",
              "Václavské nám. {n}|Husova {n}|Masarykova {n}|Nádražní {n}|Palackého {n}",
              "tel.: 2## ### ###|Tel. +420 ### ### ###|tel: 5## ### ###", "IČO: ########;DIČ: CZ########|"
              "IČ: ######## DIČ: CZ########|IČO ########", "s.r.o.|a.s.|v.o.s.", "VISA|Mastercard|Maestro",
              rnd="1"),
    "SE": Loc("SE", "SEK", "sv", "fr", "kr", "f=12,d=12,s=25,h=12,a=25", "25=A,12=B,6=C", 11.5,
              "{yyyy}-{mm}-{dd}|{yyyy}-{mm}-{dd}|{yy}-{mm}-{dd}|{yy}{mm}{dd}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "111 22 Stockholm|411 05 Göteborg|211 22 Malmö|753 20 Uppsala|581 83 Linköping|903 26 Umeå",
              "Drottninggatan {n}|Storgatan {n}|Kungsgatan {n}|Järnvägsgatan {n}|Stora Torget {n}",
              "Tel: 08-### ## ##|Tel 031-## ## ##|Tfn 040-### ## ##", "Org.nr: ######-####|Org nr ######-####;"
              "Momsreg.nr SE##########01|Org.nr. ######-####", "AB|HB|Ekonomisk förening", "VISA|Mastercard|Maestro",
              rnd="1"),
    "DK": Loc("DK", "DKK", "da", "de", "kr", "f=25,d=25,s=25,h=25,a=25", "", 7.5,
              "{dd}-{mm}-{yyyy}|{dd}.{mm}.{yyyy}|{dd}/{mm}/{yy}|{dd}.{mm}.{yy}", "{HH}:{MM}|{HH}.{MM}|{HH}:{MM}:{SS}",
              "1050 København K|2200 København N|8000 Aarhus C|5000 Odense C|9000 Aalborg|6700 Esbjerg",
              "Strøget {n}|Vestergade {n}|Nørregade {n}|Jernbanegade {n}|Algade {n}|Søndergade {n}",
              "Tlf. ## ## ## ##|Tlf: +45 ## ## ## ##|TLF ########", "CVR-nr. ########|CVR: ## ## ## ##|CVR ########",
              "ApS|A/S|I/S", "Dankort|Visa/Dankort|MasterCard", rnd="0.5"),
    "NO": Loc("NO", "NOK", "no", "fr", "kr", "f=15,d=15,s=25,h=25,a=25", "", 12.0,
              "{dd}.{mm}.{yyyy}|{dd}.{mm}.{yy}|{yyyy}-{mm}-{dd}", "{HH}:{MM}|{HH}:{MM}:{SS}|{HH}.{MM}",
              "0150 Oslo|0252 Oslo|5003 Bergen|7011 Trondheim|4006 Stavanger|9008 Tromsø",
              "Karl Johans gate {n}|Storgata {n}|Kongens gate {n}|Strandgaten {n}|Torggata {n}",
              "Tlf. ## ## ## ##|Tlf: +47 ### ## ###|Telefon ########", "Org.nr: ### ### ### MVA|"
              "Org. nr. NO ### ### ### MVA|Foretaksregisteret NO #########MVA", "AS|ASA|DA",
              "BankAxept|VISA|Mastercard",
              rnd="1"),
    "IE": Loc("IE", "EUR", "en", "en", "€", "f=0,d=23,s=23,h=13.5,a=23", "23=S,13.5=R,0=Z", 1.1,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{d} {mon} {yyyy}|{dd}-{MON}-{yy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "Dublin 2|Dublin 8|Cork T12 X2Y3|Galway H91 E2K3|Limerick V94 T9PX|Kilkenny R95 P2X0",
              "{n} Grafton Street|{n} Main Street|{n} O'Connell Street|Unit {n}, Retail Park|{n} Shop Street",
              "Tel: 01 ### ####|Ph: 021 ### ####|Tel 091 ## ## ##", "VAT No: IE#######@|VAT Reg. IE #######@@",
              "Ltd|Limited|DAC|Unlimited Company", "VISA DEBIT|Mastercard|Contactless|VISA", rnd="0.05"),
    "GB": Loc("GB", "GBP", "en", "en", "£", "f=0,d=20,s=20,h=20,a=20", "20=S,0=Z,5=L", 0.9,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{d} {mon} {yyyy}|{dd}-{MON}-{yy}|{dd}/{mm}/{yyyy}",
              "{HH}:{MM}|{HH}:{MM}:{SS}", "London SW1A 1AA|London E1 6AN|Manchester M1 1AE|Leeds LS1 4AP|"
              "Bristol BS1 4DJ|Glasgow G1 2FF|Birmingham B2 4QA|York YO1 8RD",
              "{n} High Street|{n} Station Road|{n} Church Lane|{n} Market Street|Unit {n} Riverside Retail Park",
              "Tel: 020 #### ####|Tel 0161 ### ####|Tel: 0113 ### ####|Phone: 01### ######",
              "VAT No: GB ### #### ##|VAT Reg No. #########|VAT NO. GB#########", "Ltd|Limited|PLC|LLP",
              "VISA DEBIT|Mastercard|AMEX|Contactless|VISA"),
    "US": Loc("US", "USD", "en", "en", "$", "f=0,d=1,s=1,h=1,a=1", "", 1.15,
              "{mm}/{dd}/{yyyy}|{mm}/{dd}/{yy}|{m}/{d}/{yyyy}|{MON} {dd}, {yyyy}|{mon} {d} {yyyy}|{mm}/{dd}/{yyyy}",
              "{h}:{MM} {AP}|{h}:{MM}:{SS} {AP}|{HH}:{MM}|{HH}:{MM}:{SS}",
              "New York, NY 10001=8.875|Brooklyn, NY 11201=8.875|Los Angeles, CA 90012=9.5|"
              "San Francisco, CA 94103=8.625|Chicago, IL 60601=10.25|Austin, TX 78701=8.25|Houston, TX 77002=8.25|"
              "Seattle, WA 98101=10.25|Miami, FL 33130=7|Boston, MA 02108=6.25|Newark, NJ 07102=6.625|"
              "Atlanta, GA 30303=8.9|Philadelphia, PA 19107=8|Denver, CO 80202=8.81|Portland, OR 97204=0",
              "{n} Main St|{n} Broadway|{n} W 34th St|{n} Market St|{n} Elm Ave|{n} Sunset Blvd|{n} Pine St Ste {k}",
              "(###) ###-####|###-###-####|Tel (###) ###-####", "", "Inc.|LLC|Corp.", "VISA|MASTERCARD|AMEX|DISCOVER|"
                                                                                      "DEBIT"),
    "CA": Loc("CA", "CAD", "en|fr", "en", "$", "f=0,d=1,s=1,h=1,a=1", "", 1.5,
              "{yyyy}-{mm}-{dd}|{dd}/{mm}/{yyyy}|{mm}/{dd}/{yyyy}|{MON} {dd}, {yyyy}|{yyyy}/{mm}/{dd}",
              "{HH}:{MM}|{HH}:{MM}:{SS}|{h}:{MM} {AP}",
              "Toronto, ON M5V 2T6=ON|Ottawa, ON K1P 5J2=ON|Mississauga, ON L5B 3C2=ON|Vancouver, BC V6B 1A1=BC|"
              "Victoria, BC V8W 1P6=BC|Calgary, AB T2P 1J9=AB|Edmonton, AB T5J 0N3=AB",
              "{n} King St W|{n} Queen St|{n} Yonge St|{n} Robson St|Unit {k}, {n} 17 Ave SW",
              "(###) ###-####|Tel: ###-###-####", "GST/HST {h}: #########RT0001|HST Reg {h} ######### RT0001|"
              "GST Reg. No. #########RT0001",
              "Inc.|Ltd.|Corp.", "Interac|VISA|MC|AMEX",
              extra={"cities_fr": "Montréal, QC H2X 1Y4=QC|Québec, QC G1R 4P5=QC|Laval, QC H7N 5H9=QC|"
                                  "Gatineau, QC J8X 3X7=QC",
                     "streets_fr": "{n}, rue Sainte-Catherine O.|{n}, boul. Saint-Laurent|{n}, rue Saint-Jean|"
                                   "{n}, av. du Mont-Royal E."}),
    "AU": Loc("AU", "AUD", "en", "en", "$", "f=0,d=10,s=10,h=10,a=10", "", 1.7,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{d} {MON} {yyyy}|{dd}/{mm}/{yyyy}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                   "{HH}:{MM}:{SS}",
              "Sydney NSW 2000|Surry Hills NSW 2010|Melbourne VIC 3000|Fitzroy VIC 3065|Brisbane QLD 4000|"
              "Perth WA 6000|Adelaide SA 5000", "Shop {k}, {n} George St|{n} Collins Street|{n} Queen St Mall|"
              "{n} Hay Street|{n} Brunswick St", "Ph: (02) #### ####|Phone (03) #### ####|Tel: 07 #### ####",
              "ABN ## ### ### ###|ABN: ###########", "Pty Ltd|Pty. Ltd.|Pty Limited", "EFTPOS|VISA|Mastercard|AMEX",
              rnd="0.05"),
    "IN": Loc("IN", "INR", "en", "in", "₹", "f=5,d=12,s=18,h=5,a=18", "", 1.0,
              "{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}-{MON}-{yyyy}|{dd}/{mm}/{yy}|{dd}-{mm}-{yy}",
              "{HH}:{MM}|{h}:{MM} {AP}|{HH}:{MM}:{SS}",
              "Mumbai, Maharashtra - 400001=27|Mumbai - 400050=27|Bengaluru, Karnataka - 560001=29|"
              "New Delhi - 110001=07|Chennai, Tamil Nadu - 600002=33|Pune - 411001=27|Hyderabad - 500001=36",
              "Shop No. {n}, MG Road|{n}, Linking Road, Bandra (W)|Plot {n}, Sector 18|{n}, Anna Salai|"
              "Ground Floor, {n} Brigade Road", "Ph: +91 ##### #####|Tel: 022-########|Mob: 9#########",
              "GSTIN: {st}@@@@@####@1Z#|GSTIN {st}@@@@@####@1Z#;FSSAI Lic No: 1##############", "Pvt. Ltd.|LLP|& Co.",
              "VISA|RuPay|Mastercard"),
    "MY": Loc("MY", "MYR", "en", "en", "RM", "f=0,d=6,s=6,h=6,a=6", "", 2.6,
              "{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}|{d} {MON} {yyyy}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                   "{HH}:{MM}:{SS}",
              "50450 Kuala Lumpur|47800 Petaling Jaya, Selangor|10200 George Town, Penang|80000 Johor Bahru, Johor|"
              "88000 Kota Kinabalu, Sabah", "No. {n}, Jalan Bukit Bintang|Lot {n}, Jalan SS2/24|"
              "{n}, Jalan Sultan Ismail|G-{n}, Jalan Tun Razak", "Tel: 03-#### ####|Tel: 04-### ####|TEL 07-### ####",
              "SST Reg No: W10-####-########|SST ID: B16-####-########", "Sdn Bhd|Sdn. Bhd.|Enterprise",
              "VISA|Mastercard|MyDebit", rnd="0.05"),
    "SG": Loc("SG", "SGD", "en", "en", "S$", "f=9,d=9,s=9,h=9,a=9", "", 1.6,
              "{dd}/{mm}/{yyyy}|{dd}-{MON}-{yyyy}|{dd}/{mm}/{yy}|{d} {MON} {yyyy}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                    "{HH}:{MM}:{SS}",
              "Singapore 238801|Singapore 018956|Singapore 059817|Singapore 560123|Singapore 189702",
              "{n} Orchard Road #01-{k}|Blk {n} Ang Mo Kio Ave 3 #01-{k}|{n} North Bridge Rd|{n} Tanjong Pagar Rd",
              "Tel: 6### ####|Tel: +65 6### ####", "GST Reg No: M#-#######-#|GST Reg No: 20#######@;UEN: 20#######@",
              "Pte Ltd|Pte. Ltd.|LLP", "VISA|NETS|Mastercard"),
    # --- more countries (make_world_receipts.py --countries BR,MX,ZA,NZ; not in the default round-robin) ---
    "BR": Loc("BR", "BRL", "pt", "de", "R$", "f=0,d=0,s=0,h=0,a=0", "", 4.5,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}", "{HH}:{MM}:{SS}|{HH}:{MM}",
              "01310-100 São Paulo - SP|04538-132 São Paulo - SP|20040-002 Rio de Janeiro - RJ|"
              "30130-010 Belo Horizonte - MG|80020-000 Curitiba - PR|90010-150 Porto Alegre - RS|"
              "40020-000 Salvador - BA",
              "Av. Paulista, {n}|Rua Augusta, {n}|Rua da Consolação, {n}|Av. Brasil, {n}|Rua XV de Novembro, {n}|"
              "Rua das Flores, {n} - Loja {k}", "Tel: (11) ####-####|Fone: (21) #####-####|(31) ####-####",
              "CNPJ: ##.###.###/0001-##;IE: ###.###.###.###|CNPJ ##.###.###/0001-## IE ##########|"
              "CNPJ: ##.###.###/0001-##", "Ltda.|Ltda|S.A.|ME|EIRELI",
              "Cartão de Crédito|Cartão de Débito|PIX|Crédito|Débito"),
    "MX": Loc("MX", "MXN", "es", "en", "$", "f=0,d=16,s=16,h=16,a=16", "", 18.0,
              "{dd}/{mm}/{yyyy}|{dd}/{MON}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                   "{HH}:{MM}:{SS}",
              "C.P. 06700 Ciudad de México, CDMX|C.P. 03100 Benito Juárez, CDMX|C.P. 44100 Guadalajara, Jal.|"
              "C.P. 64000 Monterrey, N.L.|C.P. 72000 Puebla, Pue.|C.P. 76000 Querétaro, Qro.",
              "Av. Insurgentes Sur {n}, Col. Roma|Calle Madero {n}, Col. Centro|Av. Juárez {n}|"
              "Av. Paseo de la Reforma {n}, Col. Juárez|Av. Vallarta {n}, Local {k}",
              "Tel. 55 #### ####|Tel: (33) ####-####|Tel. 81 #### ####",
              "RFC: @@@######@@#|R.F.C. @@@######@@#|RFC @@@@######@@#", "S.A. de C.V.|S. de R.L. de C.V.|"
                                                                          "S.A.P.I. de C.V.",
              "VISA|MASTERCARD|AMEX|Tarjeta de débito"),
    "ZA": Loc("ZA", "ZAR", "en", "en", "R", "f=0,d=15,s=15,h=15,a=15", "", 19.0,
              "{yyyy}/{mm}/{dd}|{dd}/{mm}/{yyyy}|{yyyy}-{mm}-{dd}|{d} {MON} {yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "Cape Town, 8001|Sea Point, 8005|Johannesburg, 2001|Sandton, 2196|Durban, 4001|Pretoria, 0002|"
              "Stellenbosch, 7600", "{n} Long Street|Shop {k}, {n} Main Road|{n} Jan Smuts Ave|{n} Florida Road|"
                                    "Shop {k}, Canal Walk",
              "Tel: 021 ### ####|Tel (011) ### ####|Ph: 031 ### ####",
              "VAT Reg No: 4#########|VAT No. 4#########|VAT NO: 4#########;Co Reg: 20##/######/07",
              "(Pty) Ltd|Pty Ltd|CC", "VISA|Mastercard|Debit Card|SnapScan"),
    "NZ": Loc("NZ", "NZD", "en", "en", "$", "f=15,d=15,s=15,h=15,a=15", "", 1.9,
              "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yy}|{d} {MON} {yyyy}|{dd}-{mm}-{yyyy}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                   "{HH}:{MM}:{SS}",
              "Auckland 1010|Ponsonby, Auckland 1011|Wellington 6011|Christchurch 8011|Hamilton 3204|Dunedin 9016|"
              "Queenstown 9300", "{n} Queen Street|{n} Cuba Street|{n} Ponsonby Road|Shop {k}, {n} Colombo Street|"
                                 "{n} Victoria Street",
              "Ph: 09 ### ####|Ph (04) ### ####|Tel: 03 ### ####",
              "GST No: ##-###-###|GST Reg No: ###-###-###|GST {h}: ###-###-###", "Ltd|Limited",
              "EFTPOS|VISA|Mastercard|Paywave", rnd="0.1"),
    # --- and three more (--countries more2: TR RO FI; stop 38) ---
    "TR": Loc("TR", "TRY", "tr", "de", "TL", "f=1,d=1,s=20,h=10,a=20", "", 35.0,
              "{dd}.{mm}.{yyyy}|{dd}/{mm}/{yyyy}|{dd}.{mm}.{yyyy}|{dd}-{mm}-{yyyy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "34710 Kadıköy/İSTANBUL|34433 Beyoğlu/İstanbul|06420 Çankaya/ANKARA|35210 Konak/İZMİR|"
              "16010 Osmangazi/BURSA|07100 Muratpaşa/ANTALYA",
              "Bağdat Cad. No:{n}|İstiklal Cad. No:{n}|Atatürk Bulvarı No:{n}|Cumhuriyet Mah. {n}. Sok. No:{k}|"
              "Kıbrıs Şehitleri Cad. No:{n}", "Tel: 0216 ### ## ##|Tel: (0212) ### ## ##|TEL: 0312 ### ## ##",
              "Kadıköy V.D. ##########|Beyoğlu VD: ##########|Çankaya V.D. ##########|"
              "VKN: ##########;Mersis No: 0##############",
              "Ltd. Şti.|A.Ş.|Tic. Ltd. Şti.|San. ve Tic. A.Ş.", "KREDİ KARTI|BANKA KARTI|VISA|MASTERCARD|TROY"),
    "RO": Loc("RO", "RON", "ro", "en", "lei", "f=9,d=9,s=19,h=9,a=19", "19=A,9=B,5=C", 4.9,
              "{dd}.{mm}.{yyyy}|{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{yyyy}-{mm}-{dd}", "{HH}:{MM}:{SS}|{HH}:{MM}",
              "Sector 1, București|Sector 3, București|Cluj-Napoca, jud. Cluj|Timișoara, jud. Timiș|"
              "Iași, jud. Iași|Brașov, jud. Brașov|Constanța, jud. Constanța",
              "Str. Victoriei nr. {n}|Bd. Unirii nr. {n}|Calea Dorobanților nr. {n}|Str. Republicii nr. {n}|"
              "Bd. Eroilor nr. {n}, bl. {k}", "Tel: 021 ### ## ##|Tel. 0264 ### ###|Tel: 07## ### ###",
              "C.I.F.: RO########|CIF: RO########;Reg. Com.: J40/####/201#|CUI: ########;Nr. ORC J##/###/201#",
              "S.R.L.|S.A.|S.C.S.|S.R.L.-D", "CARD|VISA|MASTERCARD|MAESTRO", rnd=""),
    "FI": Loc("FI", "EUR", "fi", "fr", "€", "f=14,d=14,s=25.5,h=14,a=25.5", "", 1.15,
              "{d}.{m}.{yyyy}|{dd}.{mm}.{yyyy}|{d}.{m}.{yy}|{dd}.{mm}.{yy}", "{HH}:{MM}|{HH}.{MM}|{HH}:{MM}:{SS}",
              "00100 Helsinki|00180 Helsinki|02150 Espoo|33100 Tampere|20100 Turku|90100 Oulu|40100 Jyväskylä",
              "Mannerheimintie {n}|Aleksanterinkatu {n}|Hämeenkatu {n}|Kauppakatu {n}|Isokatu {n}|Kirkkokatu {n}",
              "Puh. 09 ### ####|Puh: 040 ### ####|p. 03 ### ####", "Y-tunnus: #######-#|Y-tunnus #######-#|"
              "Y-TUNNUS: #######-#;ALV REK", "Oy|Oyj|Ky|Tmi", "Visa Debit|Visa|Mastercard|Pankkikortti",
              rnd="0.05"),
    # --countries more3 (stop 39): currencies printed without decimals, thousands grouped by a space or a dot
    "HU": Loc("HU", "HUF", "hu", "fr", "Ft", "f=5,d=27,s=27,h=5,a=27", "5=A,18=B,27=C", 400.0,
              "{yyyy}.{mm}.{dd}.|{yyyy}.{mm}.{dd}|{yyyy}-{mm}-{dd}|{yyyy}. {month} {d}.", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "1051 Budapest|1072 Budapest|1117 Budapest|1134 Budapest|4025 Debrecen|6720 Szeged|7621 Pécs|"
              "9021 Győr|3525 Miskolc",
              "Váci utca {n}.|Andrássy út {n}.|Rákóczi út {n}.|Kossuth Lajos u. {n}.|Petőfi Sándor utca {n}.|"
              "Fő tér {k}.|Bartók Béla út {n}.", "Tel.: +36 1 ### ####|Tel: 06-1-###-####|Tel.: 06 30 ### ####",
              "Adószám: ########-#-##|ADÓSZÁM: ########-#-##;Cégjegyzékszám: ##-##-######|"
              "Adósz.: ########-#-##", "Kft.|Zrt.|Bt.|Nyrt.", "BANKKÁRTYA|VISA|MASTERCARD|MAESTRO|SZÉP KÁRTYA",
              rnd="5", places=0),
    "CL": Loc("CL", "CLP", "es", "de", "$", "f=19,d=19,s=19,h=19,a=19", "", 1000.0,
              "{dd}/{mm}/{yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}|{dd}-{mm}-{yy}", "{HH}:{MM}|{HH}:{MM}:{SS}",
              "Providencia, Santiago|Las Condes, Santiago|Santiago Centro|Ñuñoa, Santiago|Viña del Mar|"
              "Valparaíso|Concepción|Temuco",
              "Av. Providencia {n}|Av. Apoquindo {n}|Huérfanos {n}|Av. Libertador B. O'Higgins {n}|"
              "Av. Irarrázaval {n}|Av. Pedro de Valdivia {n}", "Fono: +56 2 #### ####|Tel: (2) #### ####|"
                                                               "Fono: 9 #### ####",
              "RUT: ##.###.###-#|R.U.T.: ##.###.###-#|RUT ##.###.###-#;Giro: Venta al por menor",
              "SpA|Ltda.|S.A.|E.I.R.L.", "DEBITO|CREDITO|REDCOMPRA|VISA|MASTERCARD", rnd="10", places=0),
    "CO": Loc("CO", "COP", "es", "de", "$", "f=5,d=19,s=19,h=8,a=19", "", 4300.0,
              "{dd}/{mm}/{yyyy}|{yyyy}-{mm}-{dd}|{dd}-{mm}-{yyyy}|{yyyy}/{mm}/{dd}", "{HH}:{MM}|{h}:{MM} {AP}|"
                                                                                      "{HH}:{MM}:{SS}",
              "Bogotá D.C.|Medellín, Antioquia|Cali, Valle del Cauca|Barranquilla, Atlántico|"
              "Bucaramanga, Santander|Cartagena, Bolívar",
              "Calle {n} # {k}-{n}|Carrera {k} # {n}-{k}|Av. Calle {n} # {k}-{k}|Transversal {k} # {n}-{k}",
              "Tel: 601 ### ####|Cel: 3## ### ####|PBX: (604) ### ####",
              "NIT: ###.###.###-#|NIT ###.###.###-#;Responsable de IVA|NIT. ###.###.###-#",
              "S.A.S.|Ltda.|S.A.|S.A.S", "DEBITO|CREDITO|VISA|MASTERCARD|TARJETA", rnd="50", places=0),
    # --countries more4 (stop 40): Japan, whole yen ("¥1,280", "1,280円"), 10 % and the reduced 8 % for food
    "JP": Loc("JP", "JPY", "ja", "en", "¥", "f=8,d=8,s=10,h=10,a=10", "8=※", 160.0,
              "{yyyy}年{m}月{d}日({wd})|{yyyy}/{mm}/{dd}({wd})|{yyyy}年{mm}月{dd}日|{yyyy}/{mm}/{dd}|"
              "{yyyy}-{mm}-{dd}|令和{ry}年{m}月{d}日", "{HH}:{MM}|{HH}時{MM}分|{HH}:{MM}:{SS}",
              "東京都新宿区|東京都渋谷区|東京都千代田区|東京都世田谷区|大阪府大阪市北区|大阪府大阪市中央区|"
              "愛知県名古屋市中区|福岡県福岡市博多区|北海道札幌市中央区|神奈川県横浜市西区|京都府京都市下京区",
              "本町{k}-{n}-{k}|中央{k}丁目{n}-{k}|栄町{k}-{n}|駅前{k}-{n}-{k}|{k}丁目{n}番{k}号|南{k}条西{k}丁目{n}",
              "TEL 03-####-####|TEL:06-####-####|電話 052-###-####|TEL 092-###-####|電話:011-###-####",
              "登録番号 T#############|登録番号:T#############|適格請求書発行事業者登録番号 T#############|",
              "株式会社|有限会社|合同会社", "クレジット|VISA|JCB|電子マネー|交通系IC|QR決済", places=0),
}
MY_GST = "f=0,d=6,s=6,h=6,a=6"  # GST era (2015-04 .. 2018-05): prices include 6 %, basic food zero-rated

US_LANG = "en"

# --- wording ---------------------------------------------------------------------------------------------------
_K = ("total sub round due cash change card vat net gross rate incl nitems no till cashier date time saved pts bal "
      "disc coupon dep ret void thanks hours returns copy amount auth ok term trace table server guests title tip "
      "qty tel wd month pin sign")
V: dict[str, dict[str, str]] = {}


def _v(lang: str, *vals: str) -> None:
    keys = _K.split()
    assert len(vals) == len(keys), (lang, len(vals), len(keys))
    V[lang] = dict(zip(keys, vals, strict=True))


_v("de", "SUMME|Summe|GESAMT|Gesamtsumme|SUMME", "Zwischensumme|Zw.-Summe|ZWISCHENSUMME", "Rundung|Rundungsdifferenz",
   "Zu zahlen|Total|ZU ZAHLEN", "Bar|Geg. Bar|BAR|Gegeben Bar", "Rückgeld|Zurück|Rückgeld BAR", "Kartenzahlung|Karte|"
                                                                                                "EC-Cash",
   "MwSt|USt", "Netto|netto", "Brutto|brutto", "MwSt%|Satz|Steuer", "darin enth. MwSt|inkl. MwSt|enthaltene MwSt",
   "Anzahl Artikel|Artikelanzahl|Posten", "Bon-Nr.|Beleg-Nr.|Bon|Belegnr.", "Kasse", "Bediener|Kassierer|Bed.",
   "Datum", "Uhrzeit|Zeit", "Sie haben {} gespart!|Ihre Ersparnis: {}|Gesamtersparnis {}",
   "Punkte für diesen Einkauf: {}|Gesammelte Punkte: {}", "Punktestand: {}|Neuer Punktestand: {}",
   "Rabatt|Preisvorteil|Aktionsrabatt|Sofortrabatt", "Coupon|Gutschein|Rabattcoupon", "Pfand|Einwegpfand|PFAND",
   "Leergut|Pfandbon|Pfandrückgabe", "Storno|STORNO", "Vielen Dank für Ihren Einkauf!|Danke für Ihren Besuch!|"
   "Wir danken für Ihren Einkauf", "Mo-Sa 7:00 - 22:00 Uhr|Öffnungszeiten: Mo-Fr 8-20, Sa 8-18 Uhr|"
   "Mo-Fr 6:30-18:00 Sa 6:30-13:00", "Umtausch nur mit Kassenbon|Umtausch innerhalb von 14 Tagen nur mit Beleg",
   "Kundenbeleg|KUNDENBELEG|Kundenkopie", "Betrag|BETRAG", "Autorisierungsnr.|Genehmigungs-Nr.|AutNr.",
   "Zahlung erfolgt|GENEHMIGT|Transaktion OK", "Terminal-ID|TID|Terminal-Nr.", "TA-Nr.|Trace-Nr.|Beleg",
   "Tisch", "Bedienung|Es bediente Sie|Kellner", "Gäste|Personen", "Kassenbon|Rechnung|Quittung|Beleg", "Trinkgeld",
   "Stk|St", "Tel.", "Mo|Di|Mi|Do|Fr|Sa|So",
   "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember", "Karte|Kartennr.|PAN", "")
_v("fr", "TOTAL TTC|TOTAL|TOTAL A PAYER|Total TTC|TOTAL TTC", "SOUS-TOTAL|Sous-total|SOUS TOTAL", "Arrondi",
   "A PAYER|Total à payer|NET A PAYER", "ESPECES|Espèces|ESP.", "RENDU|Rendu monnaie|A RENDRE|Monnaie rendue",
   "CB|Carte bancaire|CB SANS CONTACT|CARTE", "TVA", "HT|Montant HT", "TTC", "Taux|TVA|Code",
   "dont TVA|Dont TVA|TVA incluse", "Nombre d'articles|Nb articles|NB ARTICLES", "Ticket n°|N° ticket|Ticket|Transac.",
   "Caisse", "Caissier|Hôtesse|Vendeur|Opérateur", "Date", "Heure",
   "Vous avez économisé {}|Economies réalisées : {}|Total remises : {}", "Points gagnés : {}|Points fidélité : {}",
   "Solde points : {}|Cumul points : {}", "Remise|REMISE|Promo|Réduction", "Bon de réduction|Coupon|Remise fidélité",
   "Consigne", "Retour consigne|Bon consigne", "Annulation|ANNUL.", "Merci de votre visite|MERCI DE VOTRE VISITE|"
   "Merci et à bientôt|Merci de votre fidélité", "Ouvert du lundi au samedi 8h30-20h|Horaires : lun-sam 9h-19h30|"
   "Ouvert 7j/7 de 8h à 21h", "Échange sous 30 jours sur présentation du ticket|Ticket à conserver pour tout échange",
   "TICKET CLIENT|A CONSERVER|TICKET CLIENT A CONSERVER", "MONTANT|MONTANT REEL|Montant",
   "No AUTO|Autorisation|N° auto",
   "DEBIT|PAIEMENT ACCEPTE|Transaction acceptée", "TERMINAL|N° terminal|TPE", "No transac.|N° opération|Ticket",
   "Table", "Serveur|Serveuse|Vous avez été servi par", "Couverts|Nb couverts", "Ticket de caisse|TICKET|Note|Facture",
   "Pourboire", "x", "Tél.", "lun.|mar.|mer.|jeu.|ven.|sam.|dim.",
   "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre", "Carte|N° carte", "")
_v("nl", "TOTAAL|Totaal|TE BETALEN|TOTAAL", "SUBTOTAAL|Subtotaal|Tussentotaal", "Afronding|Afrondingsverschil",
   "Te betalen|TE BETALEN|Totaal", "Contant|CONTANT|Kontant", "Wisselgeld|Terug|WISSELGELD", "PIN|Pinbetaling|"
                                                                                             "Betaald PIN",
   "BTW", "Excl.|Netto|Over", "Incl.|Bruto|Totaal", "BTW%|Tarief|%", "waarvan BTW|Incl. BTW|BTW inbegrepen",
   "Aantal artikelen|Artikelen|Aantal", "Bon|Bonnr.|Transactie|Ticket", "Kassa", "Kassamedewerker|Medewerker|Kassier",
   "Datum", "Tijd", "U heeft {} voordeel|Uw voordeel: {}|Totaal bespaard: {}", "Gespaarde punten: {}|Punten: {}",
   "Puntensaldo: {}|Nieuw saldo: {}", "Korting|KORTING|Actiekorting|Bonus", "Kortingsbon|Coupon|Waardebon",
   "Statiegeld|STATIEGELD", "Statiegeld retour|Emballage|Leeggoed", "Storno|Correctie",
   "Bedankt voor uw bezoek!|Dank u wel en tot ziens|Bedankt en tot ziens!",
   "Open ma-za 8:00-21:00, zo 10:00-18:00|Openingstijden: ma t/m za 8-20 uur",
   "Ruilen binnen 14 dagen met kassabon|Retour alleen met kassabon", "Klantticket|KLANTTICKET|Kopie klant",
   "Bedrag|BEDRAG|Totaal", "Autorisatiecode|Autorisatie|Aut. code", "Akkoord|BETALING GELUKT|Goedgekeurd",
   "Terminal|Terminal-ID|POI", "Transactie|Volgnr.|Periode", "Tafel", "Bediend door|Medewerker|Ober", "Personen|"
                                                                                                      "Couverts",
   "Kassabon|Kassaticket|Bon|Rekening", "Fooi", "st", "Tel.", "ma|di|wo|do|vr|za|zo",
   "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december", "Kaart|Kaartnr.", "")
_v("it", "TOTALE COMPLESSIVO|TOTALE|TOTALE EURO|Totale", "SUBTOTALE|Subtotale|PARZIALE", "Arrotondamento",
   "TOTALE DA PAGARE|DA PAGARE", "Pagamento contante|CONTANTI|Contanti", "Resto|RESTO", "Pagamento elettronico|"
   "CARTA|Pagamento elettronico", "IVA", "Imponibile|IMPONIBILE", "Totale|LORDO", "Aliquota|ALIQ.|% IVA",
   "di cui IVA|DI CUI IVA|di cui IVA", "N. articoli|Numero pezzi|Articoli", "DOCUMENTO N.|Documento n.|DOC. N.",
   "Cassa", "Cassiere|Operatore|Op.", "Data", "Ora", "Hai risparmiato {}|Risparmio totale {}|Sconti applicati {}",
   "Punti spesa: {}|Punti guadagnati: {}", "Saldo punti: {}|Totale punti: {}", "Sconto|SCONTO|Promo",
   "Buono sconto|Coupon|Buono", "Vuoto a rendere|Cauzione", "Reso vuoti|Rimborso cauzione", "Storno|STORNO",
   "Grazie e arrivederci|GRAZIE PER LA VISITA|Grazie per il vostro acquisto|Arrivederci e grazie",
   "Orario: lun-sab 8:30-20:00|Aperto tutti i giorni 7:00-22:00", "Cambi entro 30 giorni con scontrino|"
   "Conservare lo scontrino per eventuali cambi", "COPIA CLIENTE|Ricevuta cliente|COPIA TITOLARE",
   "IMPORTO|Importo|IMPORTO EUR", "COD. AUT.|Cod. autorizzazione|AUT.", "TRANSAZIONE ESEGUITA|PAGAMENTO APPROVATO|"
                                                                        "ESITO OK",
   "TERMINALE|Term. ID|ID TERM.", "N. OPER.|STAN|Oper.", "Tavolo", "Cameriere|Operatore|Servito da", "Coperti|Persone",
   "Scontrino|DOCUMENTO COMMERCIALE|Ricevuta", "Mancia", "x", "Tel.", "lun|mar|mer|gio|ven|sab|dom",
   "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre", "Carta|PAN", "")
_v("es", "TOTAL (€)|TOTAL|TOTAL A PAGAR|TOTAL EUROS|Total", "SUBTOTAL|Subtotal|SUMA", "Redondeo", "A PAGAR|"
                                                                                                  "TOTAL A PAGAR",
   "EFECTIVO|Efectivo|ENTREGADO", "CAMBIO|Cambio|DEVOLUCIÓN", "TARJETA|Tarjeta|TARJETA CRÉDITO", "IVA",
   "BASE IMPONIBLE|Base Imp.|BASE", "TOTAL|Importe", "%IVA|TIPO|IVA", "IVA INCLUIDO|IVA incluido|Impuestos incluidos",
   "Nº artículos|Artículos|Unidades", "FACTURA SIMPLIFICADA|Ticket Nº|Nº Ticket|Fra. Simpl.", "Caja",
   "Cajero|Le atendió|Vendedor|Operador", "Fecha", "Hora", "Has ahorrado {}|Ahorro total: {}|Total descuentos: {}",
   "Puntos obtenidos: {}|Puntos: {}", "Saldo de puntos: {}|Puntos acumulados: {}", "Descuento|DTO.|Promoción|Dto.",
   "Cupón|Vale descuento|Cheque ahorro", "Envase|Depósito", "Devolución envase|Envases", "Anulación|ANULADO",
   "Gracias por su visita|GRACIAS POR SU COMPRA|Gracias y vuelva pronto",
   "Horario: L-S 9:00-21:30|Abierto de lunes a sábado de 9 a 22 h", "Cambios en 15 días con ticket|"
   "Conserve el ticket para cualquier cambio", "COPIA CLIENTE|Copia para el cliente|CLIENTE",
   "IMPORTE|Importe|IMPORTE EUR", "AUT.|Nº Autorización|Cód. Aut.", "OPERACIÓN APROBADA|AUTORIZADA|Aceptada",
   "TPV|Terminal|Comercio", "OP.|Nº Oper.|Ref.", "Mesa", "Camarero|Le atendió|Atendido por", "Comensales|Pax",
   "FACTURA SIMPLIFICADA|Ticket|Factura simplificada|TICKET", "Propina", "x", "Tel.", "lun|mar|mié|jue|vie|sáb|dom",
   "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre", "Tarjeta|Nº tarjeta", "")
_v("pt", "TOTAL|Total|TOTAL A PAGAR|TOTAL EUR", "SUBTOTAL|Subtotal", "Arredondamento", "A PAGAR|Total a pagar",
   "Numerário|NUMERÁRIO|Dinheiro", "Troco|TROCO", "Multibanco|Cartão|MB", "IVA", "Incidência|Base|Valor s/IVA",
   "Total|Valor c/IVA", "Taxa|% IVA|IVA", "IVA incluído|Inclui IVA|IVA incl.", "N.º artigos|Artigos|Qtd artigos",
   "Fatura Simplificada|FS|Doc. n.º|Fatura-Recibo", "Caixa", "Operador|Funcionário|Empregado", "Data", "Hora",
   "Poupou {}|Poupança total: {}|Descontos: {}", "Pontos ganhos: {}|Pontos: {}", "Saldo de pontos: {}|"
                                                                                 "Pontos acumulados: {}",
   "Desconto|DESC.|Promoção|Desc. imediato", "Vale|Cupão|Talão desconto", "Tara|Depósito",
   "Devolução de tara|Vasilhame",
   "Anulação|ANUL.", "Obrigado pela sua visita|OBRIGADO E VOLTE SEMPRE|Obrigado pela preferência",
   "Aberto todos os dias 8h-22h|Horário: seg-sáb 9h-21h", "Trocas no prazo de 30 dias com talão|"
   "Guarde o talão para trocas", "CÓPIA CLIENTE|Via cliente|DUPLICADO CLIENTE", "MONTANTE|Montante|VALOR",
   "AUT.|Cód. Aut.|Autorização", "TRANSAÇÃO APROVADA|APROVADA|Aceite", "TPA|Terminal|ID TPA", "Per.|Transacção|Ref.",
   "Mesa", "Empregado|Atendido por|Funcionário", "Pessoas|Pax", "Fatura Simplificada|Fatura-Recibo|Talão",
   "Gorjeta", "x", "Tel.", "seg|ter|qua|qui|sex|sáb|dom",
   "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro", "Cartão|N.º cartão", "")
_v("pl", "SUMA PLN|SUMA|Suma PLN|RAZEM", "Suma częściowa|Podsuma|RAZEM", "Zaokrąglenie", "Do zapłaty|DO ZAPŁATY",
   "Gotówka|GOTÓWKA|Gotówka PLN", "Reszta|RESZTA|Reszta PLN", "Karta|KARTA|Karta płatnicza", "PTU", "Netto|netto",
   "Brutto|brutto", "Stawka|PTU", "w tym PTU|w tym VAT", "Ilość pozycji|Liczba pozycji|Poz.", "nr wydr.|Nr par.|"
                                                                                              "Paragon nr",
   "Kasa", "Kasjer|Kasjer nr|Obsługa", "Data", "Godz.", "Zaoszczędziłeś {}|Twoje oszczędności: {}|Rabaty razem: {}",
   "Punkty za zakupy: {}|Zebrane punkty: {}", "Saldo punktów: {}|Stan punktów: {}", "Rabat|RABAT|Promocja|Upust",
   "Kupon|Kupon rabatowy|Bon", "Kaucja|Opakowanie zwrotne", "Zwrot kaucji|Zwrot opakowań", "Storno|ANULOWANO",
   "Dziękujemy za zakupy!|ZAPRASZAMY PONOWNIE|Dziękujemy, zapraszamy ponownie",
   "Czynne pn-sob 6:00-22:00, nd 9:00-20:00|Godziny otwarcia: pn-pt 8-20", "Zwrot towaru tylko z paragonem|"
   "Reklamacje przyjmujemy z paragonem", "KOPIA DLA KLIENTA|Potwierdzenie dla klienta|KOPIA KLIENTA",
   "KWOTA|Kwota|Kwota PLN", "KOD AUT.|Kod autoryzacji|Nr autoryzacji", "TRANSAKCJA ZAAKCEPTOWANA|AKCEPTACJA|"
                                                                       "Zatwierdzono",
   "Terminal|TID|Nr terminala", "Nr transakcji|Numer|Trans.", "Stolik", "Kelner|Obsługiwał(a)|Kelner nr",
   "Osoby|Goście", "PARAGON FISKALNY|PARAGON FISKALNY|Paragon", "Napiwek", "x", "tel.",
   "pn|wt|śr|cz|pt|sb|nd",
   "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia",
   "Karta|Nr karty", "")
_v("cs", "CELKEM|Celkem|CELKEM Kč|K ÚHRADĚ", "Mezisoučet|MEZISOUČET", "Zaokrouhlení|Haléřové vyrovnání",
   "K úhradě|K ÚHRADĚ|Celkem k úhradě", "Hotově|HOTOVOST|Přijato hotově", "Vráceno|VRÁCENO|Vrátit",
   "Platební karta|KARTA|Karta", "DPH", "Základ|Bez DPH", "Celkem|S DPH", "Sazba|DPH %", "z toho DPH|Obsahuje DPH|"
                                                                                         "DPH celkem",
   "Počet položek|Položek|Ks celkem", "Účtenka č.|Doklad č.|Číslo dokladu|Účtenka", "Pokladna",
   "Pokladní|Obsluhoval(a)|Prodavač", "Datum", "Čas", "Ušetřili jste {}|Celková úspora: {}|Sleva celkem {}",
   "Body za nákup: {}|Získané body: {}", "Stav bodů: {}|Body celkem: {}", "Sleva|SLEVA|Akce",
   "Kupón|Slevový kupón|Poukaz", "Záloha|Obal", "Vrácení záloh|Zálohy vráceno", "Storno|STORNO",
   "Děkujeme za nákup|DĚKUJEME ZA NÁVŠTĚVU|Těšíme se na Vaši další návštěvu",
   "Otevřeno po-ne 7:00-22:00|Otevírací doba: po-pá 8-19, so 8-12", "Reklamace pouze s dokladem|"
   "Zboží lze vrátit do 14 dnů s účtenkou", "KOPIE PRO ZÁKAZNÍKA|Doklad pro zákazníka|Kopie zákazník",
   "ČÁSTKA|Částka|Částka CZK", "AUT. KÓD|Autorizační kód|Kód autorizace", "TRANSAKCE PŘIJATA|SCHVÁLENO|Platba proběhla",
   "Terminál|TID|ID terminálu", "Č. transakce|Sekv.|Ref.", "Stůl", "Obsluha|Obsluhoval|Číšník", "Hosté|Osob",
   "Účtenka|Pokladní doklad|Daňový doklad|ÚČTENKA", "Spropitné", "ks", "tel.", "po|út|st|čt|pá|so|ne",
   "ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince", "Karta|Č. karty", "")
_v("sv", "TOTALT|Totalt|ATT BETALA|Summa", "Delsumma|DELSUMMA|Summa varor", "Öresavrundning|Avrundning",
   "Att betala|ATT BETALA|Totalt", "Kontant|KONTANT|Kontanter", "Växel|Tillbaka|VÄXEL", "Kort|Kontokort|KORT",
   "Moms", "Netto|Exkl. moms", "Brutto|Inkl. moms", "Moms%|Momssats", "varav moms|Varav moms|Moms ingår med",
   "Antal artiklar|Antal varor|Artiklar", "Kvitto nr|Kvittonr|Kvitto|Trans.nr", "Kassa", "Kassör|Kassa-ID|"
                                                                                         "Du betjänades av",
   "Datum", "Tid", "Du sparade {}|Din rabatt: {}|Totalt sparat: {}", "Poäng detta köp: {}|Intjänade poäng: {}",
   "Poängsaldo: {}|Dina poäng: {}", "Rabatt|RABATT|Erbjudande|Medlemsrabatt", "Kupong|Rabattkupong|Värdecheck",
   "Pant|PANT", "Returpant|Pantkvitto|Pantretur", "Makulering|Retur", "Tack för ditt besök!|VÄLKOMMEN ÅTER|"
                                                                      "Tack och välkommen åter",
   "Öppet alla dagar 7-22|Öppettider: mån-fre 8-20, lör 9-18", "Öppet köp 30 dagar mot kvitto|"
   "Spara kvittot vid byte", "KUNDENS EXEMPLAR|Kundkvitto|KUND", "BELOPP|Belopp|Köp", "Ref.nr|Auth.kod|Godk.kod",
   "GODKÄND|Godkänt|Köp godkänt", "Terminal|Term.id|TID", "Ref|Löpnr|Trans", "Bord", "Servitör|Du betjänades av|"
                                                                                     "Personal",
   "Gäster|Antal gäster", "Kvitto|KVITTO|Kassakvitto", "Dricks", "st", "Tel", "mån|tis|ons|tors|fre|lör|sön",
   "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december", "Kort|Kortnr", "")
_v("da", "TOTAL|Total|I ALT|At betale", "Subtotal|SUBTOTAL|Mellemsum", "Afrunding|Øreafrunding",
   "At betale|AT BETALE|I alt", "Kontant|KONTANT|Kontanter", "Byttepenge|Retur|BYTTEPENGE",
   "Dankort|Kort|Betalingskort",
   "Moms", "Netto|Ekskl. moms", "Brutto|Inkl. moms", "Moms%|Sats", "Heraf moms|Moms udgør|Heraf moms 25%",
   "Antal varer|Varer|Antal", "Bon nr.|Bonnr|Kvittering nr.|Bon", "Kasse", "Ekspedient|Kasserer|Betjent af",
   "Dato", "Tid|Kl.", "Du sparede {}|Din besparelse: {}|Rabat i alt: {}", "Point for dette køb: {}|Optjente point: {}",
   "Pointsaldo: {}|Dine point: {}", "Rabat|RABAT|Tilbud|Medlemsrabat", "Kupon|Rabatkupon|Værdibevis", "Pant|PANT A|"
                                                                                                      "Pant B",
   "Returpant|Pantbon|Flaskepant", "Annullering|Retur", "Tak for besøget!|TAK FOR DIT KØB|Tak og på gensyn",
   "Åbent alle dage 8-21|Åbningstider: man-fre 9-19, lør 9-16", "Byttes inden 30 dage mod kvittering|"
   "Husk kvittering ved bytte", "KUNDENS KVITTERING|Kundekopi|KUNDE", "BELØB|Beløb|Købsbeløb", "AUT.KODE|Aut.nr.|"
                                                                                               "Godk.kode",
   "GODKENDT|Godkendt|Køb godkendt", "Terminal|Term.nr.|TID", "Ref.|Trans.nr.|Løbenr.", "Bord", "Tjener|Betjent af|"
                                                                                                "Personale",
   "Kuverter|Gæster", "Kvittering|KVITTERING|Bon", "Drikkepenge", "stk", "Tlf.", "man|tir|ons|tor|fre|lør|søn",
   "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december", "Kort|Kortnr.", "")
_v("no", "TOTALT|Totalt|Å BETALE|SUM", "Delsum|DELSUM|Sum varer", "Øreavrunding|Avrunding", "Å betale|Å BETALE|Totalt",
   "Kontant|KONTANT|Kontanter", "Veksel|Tilbake|VEKSEL", "Bank|BankAxept|Kort", "MVA", "Grunnlag|Netto|Eks. mva",
   "Brutto|Inkl. mva", "MVA%|Sats", "Herav mva|Herav MVA|Mva utgjør", "Antall varer|Varer|Antall",
   "Kvittering nr.|Kvitteringsnr|Bong nr.|Salgsnr", "Kasse", "Kasserer|Ekspeditør|Betjent av", "Dato", "Tid|Kl.",
   "Du sparte {}|Din rabatt: {}|Totalt spart: {}", "Poeng for dette kjøpet: {}|Opptjente poeng: {}",
   "Poengsaldo: {}|Dine poeng: {}", "Rabatt|RABATT|Tilbud|Medlemsrabatt", "Kupong|Rabattkupong|Gavekort", "Pant|PANT",
   "Panteretur|Pantelapp|Returpant", "Annullering|Retur", "Takk for besøket!|TAKK FOR HANDELEN|Velkommen tilbake",
   "Åpent man-lør 7-23|Åpningstider: man-fre 9-20, lør 9-18", "Bytte innen 30 dager mot kvittering|"
   "Ta vare på kvitteringen", "KUNDENS KVITTERING|Kundekopi|KUNDE", "BELØP|Beløp|Kjøp", "Aut.kode|Autorisasjon|Ref.",
   "GODKJENT|Godkjent|Kjøp godkjent", "Terminal|Term.id|TID", "Ref.|Trans.nr|Løpenr", "Bord", "Servitør|Betjent av|"
                                                                                              "Ansatt",
   "Gjester|Personer", "Kvittering|SALGSKVITTERING|Kvittering", "Tips", "stk", "Tlf.", "man|tir|ons|tor|fre|lør|søn",
   "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember", "Kort|Kortnr.", "")
_v("en", "TOTAL|Total|TOTAL DUE|BALANCE DUE|Total", "SUBTOTAL|Subtotal|Sub Total|SUB-TOTAL", "Rounding|Rounding Adj",
   "TOTAL|Amount Due|TOTAL DUE", "CASH|Cash|Cash Tendered", "CHANGE|Change|CHANGE DUE|Change Due",
   "CARD|Card|Contactless|VISA", "VAT", "Net|NET|Excl.", "Gross|Total|Incl.", "Rate|VAT%|Code",
   "VAT included|incl. VAT",
   "Items|No. of items|ITEMS SOLD|Item count", "Receipt|Receipt No.|Trans|TRN|Check", "Till|Reg|POS", "Cashier|"
                                                                                                      "Served by|"
                                                                                                      "Operator",
   "Date", "Time", "You saved {}|Total savings {}|TODAY YOU SAVED {}", "Points earned: {}|Points this visit: {}",
   "Points balance: {}|Total points: {}", "Discount|Promo|Offer|Multibuy saving", "Coupon|Voucher|Staff discount",
   "Deposit|Bottle deposit", "Deposit refund|Bottle return", "Void|VOID", "Thank you for shopping with us!|THANK YOU|"
   "Thank you, please come again|Thanks for your visit!", "Open 7 days 7am - 10pm|Mon-Sat 8:00-20:00 Sun 10:00-16:00",
   "Refunds within 28 days with receipt|Please keep your receipt for returns", "CUSTOMER COPY|Cardholder copy|"
                                                                               "CUSTOMER RECEIPT",
   "AMOUNT|Amount|PURCHASE", "AUTH CODE|Auth Code|APPROVAL CODE", "APPROVED|Approved|TRANSACTION APPROVED",
   "TID|Terminal ID|TERM ID", "REF|Ref No|SEQ", "Table", "Server|Served by|Waiter", "Guests|Covers|Pax",
   "RECEIPT|Receipt|TAX INVOICE|SALES RECEIPT", "Tip|TIP|Gratuity", "x", "Tel", "Mon|Tue|Wed|Thu|Fri|Sat|Sun",
   "January|February|March|April|May|June|July|August|September|October|November|December", "Card|Card No.", "")
_v("tr", "TOPLAM|TOPLAM|GENEL TOPLAM|TOPLAM TUTAR", "ARA TOPLAM|Ara Toplam", "Yuvarlama", "ÖDENECEK|TOPLAM",
   "NAKİT|Nakit", "PARA ÜSTÜ|Para Üstü", "KREDİ KARTI|KART|BANKA KARTI", "KDV", "KDV MATRAHI|Matrah",
   "KDV DAHİL|Toplam", "KDV %|ORAN", "TOPKDV|Toplam KDV", "Ürün Adedi|Toplam Ürün|Adet", "FİŞ NO|Fiş No|FİŞ NO:",
   "KASA|Kasa", "KASİYER|Kasiyer|Satış Temsilcisi", "TARİH", "SAAT", "Kazancınız: {}|Toplam İndirim: {}",
   "Kazanılan Puan: {}|Puan: {}", "Toplam Puan: {}|Puan Bakiyesi: {}", "İndirim|İNDİRİM|Kampanya",
   "Kupon|İndirim Kuponu", "Depozito", "Depozito İade", "İptal|İPTAL",
   "Bizi tercih ettiğiniz için teşekkür ederiz|TEŞEKKÜR EDERİZ|İyi günler dileriz",
   "Her gün 08:00-22:00 açığız|Çalışma saatleri: 09:00-21:00", "Değişim için fişinizi saklayınız|"
   "İade ve değişimde fiş gereklidir", "MÜŞTERİ NÜSHASI|Müşteri Nüshası", "TUTAR|Tutar", "ONAY KODU|Onay Kodu",
   "ONAYLANDI|İşlem Onaylandı", "TERMİNAL|Terminal No", "REF NO|Provizyon", "Masa", "Garson|Servis",
   "Kişi|Kişi Sayısı", "FİŞ|BİLGİ FİŞİ|SATIŞ FİŞİ", "Bahşiş", "AD", "Tel", "Pzt|Sal|Çar|Per|Cum|Cmt|Paz",
   "Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık", "Kart|Kart No", "")
_v("ro", "TOTAL|TOTAL LEI|Total|TOTAL DE PLATA", "SUBTOTAL|Subtotal", "Rotunjire", "TOTAL DE PLATA|De plată",
   "NUMERAR|Numerar", "REST|Rest", "CARD|CARD BANCAR|Card", "TVA", "Baza|Valoare fara TVA", "Total|Valoare cu TVA",
   "Cota|TVA %", "din care TVA|TOTAL TVA", "Nr. articole|Articole", "BON FISCAL NR.|Nr. bon|BON NR.", "Casa",
   "Casier|Operator|Vânzător", "DATA", "ORA", "Ați economisit {}|Reducere totală: {}",
   "Puncte acumulate: {}|Puncte: {}",
   "Sold puncte: {}|Total puncte: {}", "Reducere|REDUCERE|Discount|Promoție", "Cupon|Voucher", "Garanție SGR|SGR",
   "Returnare garanție|Ambalaje returnate", "Anulare|STORNO", "Vă mulțumim!|VA MULTUMIM PENTRU CUMPARATURI|"
   "Vă mai așteptăm", "Program: L-S 8-22, D 9-20|Deschis zilnic 07:00-23:00", "Schimbul se face doar cu bonul fiscal|"
   "Păstrați bonul pentru retur", "COPIE CLIENT|Exemplar client", "SUMA|Suma|VALOARE", "COD AUTORIZARE|Cod aut.",
   "TRANZACTIE APROBATA|APROBAT", "TERMINAL|ID Terminal", "NR. TRANZ.|Ref.", "Masa", "Ospătar|Servit de",
   "Persoane|Nr. persoane", "BON FISCAL|Bon fiscal|CHITANTA", "Bacșiș", "BUC", "Tel.", "Lu|Ma|Mi|Jo|Vi|Sâ|Du",
   "ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie",
   "Card|Nr. card", "")
_v("fi", "YHTEENSÄ|Yhteensä|YHTEENSÄ EUR|Maksettava", "Välisumma|VÄLISUMMA", "Pyöristys|PYÖRISTYS",
   "Maksettava|MAKSETTAVA|Yhteensä", "KÄTEINEN|Käteinen", "TAKAISIN|Takaisin|Vaihtoraha", "KORTTI|Pankkikortti|Kortti",
   "ALV", "Veroton|VEROTON", "Verollinen|VEROLLINEN", "ALV %|Alv-%", "sis. ALV|josta ALV|ALV:n osuus",
   "Tuotteita|Kpl yhteensä", "Kuitti nro|Kuitti|KUITTI NRO", "Kassa", "Myyjä|Kassa-asiakaspalvelija|Palveli",
   "Pvm", "Klo", "Säästit {}|Säästö yhteensä: {}", "Bonusta ostoksesta: {}|Pisteet: {}", "Pistesaldo: {}|Bonus: {}",
   "Alennus|ALENNUS|Etu|Tarjous", "Kuponki|Etukuponki", "Pantti|PANTTI", "Pullonpalautus|Palautuspantti",
   "Mitätöinti|Peruutus", "Kiitos käynnistä!|KIITOS JA TERVETULOA UUDELLEEN|Kiitos ostoksistasi",
   "Avoinna ma-la 7-21, su 10-18|Aukioloajat: ma-pe 8-20", "Vaihto 14 päivän sisällä kuittia vastaan|"
   "Säilytä kuitti", "ASIAKKAAN KAPPALE|Asiakkaan kuitti", "SUMMA|Summa|Veloitus", "Hyväksyntäkoodi|AUT",
   "HYVÄKSYTTY|Hyväksytty", "Pääte|Terminaali", "Arkistointitunnus|Viite", "Pöytä", "Tarjoilija|Palveli",
   "Henkilöä|Asiakkaita", "KUITTI|Kuitti|MYYNTIKUITTI", "Juomaraha", "kpl", "Puh.", "ma|ti|ke|to|pe|la|su",
   "tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|lokakuuta|"
   "marraskuuta|joulukuuta", "Kortti|Korttinro", "")
_v("hu", "ÖSSZESEN|Összesen|ÖSSZESEN:|FIZETENDŐ", "RÉSZÖSSZEG|Részösszeg", "KEREKÍTÉS|Kerekítés",
   "FIZETENDŐ|Fizetendő|FIZETENDŐ ÖSSZEG", "KÉSZPÉNZ|Készpénz", "VISSZAJÁRÓ|Visszajáró", "BANKKÁRTYA|Bankkártya|"
                                                                                        "KÁRTYA",
   "ÁFA", "NETTÓ|Nettó", "BRUTTÓ|Bruttó", "ÁFA %|Kulcs", "ÁFA tartalom|Ebből ÁFA|ÁFA-tartalom",
   "Tételek száma|Tételszám", "Nyugtaszám:|NY.SZ.:|Bizonylatszám:", "Pénztár|Kassza", "Pénztáros|Kezelő|Eladó",
   "Dátum", "Idő", "Megtakarítás: {}|Ön ennyit spórolt: {}", "Gyűjtött pont: {}|Pontok: {}",
   "Pontegyenleg: {}|Egyenleg: {}", "Kedvezmény|KEDVEZMÉNY|Akció", "Kupon|Kuponkedvezmény", "Betétdíj|BETÉTDÍJ",
   "Visszaváltás|Göngyöleg visszaváltás", "Sztornó|STORNÓ", "Köszönjük a vásárlást!|KÖSZÖNJÜK, HOGY NÁLUNK "
                                                           "VÁSÁROLT!|Várjuk vissza!",
   "Nyitva: H-Szo 7-21, V 8-18|Nyitvatartás: H-P 6-20", "Csere csak blokkal|A blokkot őrizze meg!",
   "VEVŐ PÉLDÁNYA|Vásárlói példány", "ÖSSZEG|Összeg", "Eng. kód|ENGEDÉLYSZÁM", "ELFOGADVA|Jóváhagyva|"
                                                                               "Sikeres tranzakció",
   "Terminál|TID", "Tranz. szám|Ref.", "Asztal", "Felszolgáló|Pincér", "Vendégek|Fő", "NYUGTA|Nyugta",
   "Borravaló", "db", "Tel.:", "H|K|Sze|Cs|P|Szo|V",
   "január|február|március|április|május|június|július|augusztus|szeptember|október|november|december",
   "Kártya|Kártyaszám", "")
_v("ja", "合計|合計|お買上計|合計金額", "小計", "端数調整", "お支払合計|ご請求額", "お預り|お預かり|現金|預り金",
   "お釣り|おつり|釣銭", "クレジット|クレジットカード|カード", "消費税|消費税等", "税抜|税抜額", "税込|税込額", "税率",
   "内消費税等|内税|(内)消費税等", "点数|買上点数", "No.|レシートNo.|取引番号", "レジ|レジNo.", "担当|責任者|担当者",
   "日付", "時刻", "お値引合計 {}|割引額 {}", "今回ポイント {}|付与ポイント {}", "ポイント残高 {}|累計ポイント {}",
   "値引|割引|値引き", "クーポン|クーポン値引", "容器代", "返品", "取消|訂正",
   "ありがとうございました|毎度ありがとうございます|またのご来店をお待ちしております",
   "営業時間 9:00~21:00|営業時間 10:00-22:00", "返品の際はレシートをお持ちください", "お客様控え|ご利用控え",
   "金額|ご利用金額", "承認番号", "お取引完了|承認されました", "端末番号", "伝票番号", "テーブル|卓番", "担当",
   "人数", "領収証|レシート|領収書", "チップ", "点|個", "TEL|電話", "月|火|水|木|金|土|日",
   "1月|2月|3月|4月|5月|6月|7月|8月|9月|10月|11月|12月", "カード番号", "")
MON3 = {"fr": "janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc."}

# --- people and merchant names ---------------------------------------------------------------------------------
SURNAMES = {
    "de": "Müller|Schmidt|Schneider|Fischer|Weber|Becker|Hoffmann|Schäfer|Koch|Bauer|Richter|Wolf|Krüger|Hofer|Huber",
    "fr": "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Lefèvre|Garnier|Rousseau|Fontaine",
    "nl": "de Jong|Jansen|de Vries|van den Berg|Bakker|Visser|Smit|Peeters|Janssens|Maes|Willems|Claes|Mertens",
    "it": "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|Costa",
    "es": "García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Martín|Jiménez|Ruiz|Navarro",
    "pt": "Silva|Santos|Ferreira|Pereira|Oliveira|Costa|Rodrigues|Martins|Sousa|Fernandes|Gonçalves|Ribeiro",
    "pl": "Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|Dąbrowski",
    "cs": "Novák|Svoboda|Novotný|Dvořák|Černý|Procházka|Kučera|Veselý|Horák|Němec|Pokorný|Marek|Růžička",
    "sv": "Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson|Svensson|Gustafsson|Lindqvist",
    "da": "Nielsen|Jensen|Hansen|Pedersen|Andersen|Christensen|Larsen|Sørensen|Rasmussen|Jørgensen|Madsen",
    "no": "Hansen|Johansen|Olsen|Larsen|Andersen|Pedersen|Nilsen|Kristiansen|Jensen|Karlsen|Haugen|Bakken",
    "en": "Smith|Jones|Taylor|Brown|Williams|Wilson|Murphy|Walsh|Campbell|Stewart|Clarke|Baker|Harris|Walker",
    "en_us": "Johnson|Miller|Davis|Garcia|Rodriguez|Martinez|Anderson|Thompson|White|Lopez|Clark|Lewis|Young",
    "en_in": "Sharma|Patel|Gupta|Reddy|Iyer|Nair|Mehta|Shah|Kapoor|Singh|Rao|Joshi|Desai|Menon",
    "en_my": "Tan|Lim|Lee|Wong|Ng|Chong|Abdullah|Ismail|Rahman|Ibrahim|Kumar|Yusof|Ong|Teoh",
    "tr": "Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Yıldırım|Öztürk|Aydın|Özdemir|Arslan|Doğan|Kılıç|Aslan",
    "ro": "Popescu|Ionescu|Popa|Pop|Radu|Dumitru|Stan|Stoica|Gheorghe|Matei|Ciobanu|Munteanu|Rusu|Marin",
    "fi": "Korhonen|Virtanen|Mäkinen|Nieminen|Mäkelä|Hämäläinen|Laine|Heikkinen|Koskinen|Järvinen|Lehtonen|Saarinen",
    "hu": "Nagy|Kovács|Tóth|Szabó|Horváth|Varga|Kiss|Molnár|Németh|Farkas|Balogh|Papp|Takács|Juhász|Lakatos",
    "es_cl": "González|Muñoz|Rojas|Díaz|Pérez|Soto|Contreras|Silva|Martínez|Sepúlveda|Morales|Fuentes|Araya",
    "es_co": "Rodríguez|Gómez|González|Martínez|García|López|Hernández|Sánchez|Ramírez|Pérez|Díaz|Restrepo|Ospina",
    "ja": "山田|佐藤|鈴木|高橋|田中|伊藤|渡辺|中村|小林|加藤|吉田|山本|松本|井上",
}
FIRST = {
    "de": "Anna|Lena|Jana|Sabine|Petra|Thomas|Michael|Stefan|Jonas|Lukas|Murat|Elif|Katrin|Markus",
    "fr": "Marie|Julie|Camille|Sophie|Nathalie|Pierre|Nicolas|Julien|Thomas|Karim|Léa|Manon|Hugo",
    "nl": "Emma|Sanne|Lotte|Anouk|Daan|Sem|Bram|Jeroen|Lieve|Wout|Fien|Ruben|Mohamed",
    "it": "Giulia|Francesca|Chiara|Sara|Marco|Luca|Andrea|Matteo|Alessandro|Giorgia|Paolo|Elena",
    "es": "Lucía|María|Carmen|Laura|Marta|Javier|Carlos|David|Pablo|Sergio|Alejandro|Ana",
    "pt": "Ana|Maria|Inês|Beatriz|Joana|João|Pedro|Tiago|Rui|Miguel|Catarina|Nuno",
    "pl": "Anna|Katarzyna|Magdalena|Agnieszka|Piotr|Tomasz|Paweł|Łukasz|Michał|Joanna|Krzysztof|Ewa",
    "cs": "Jana|Petra|Lucie|Tereza|Jan|Petr|Tomáš|Martin|Jiří|Eva|Lukáš|Kateřina",
    "sv": "Anna|Emma|Sara|Maja|Erik|Lars|Johan|Oskar|Karin|Linnea|Ahmed|Elin",
    "da": "Mette|Camilla|Sofie|Ida|Mads|Rasmus|Frederik|Lars|Anne|Jonas|Line|Mikkel",
    "no": "Ingrid|Nora|Kari|Silje|Ole|Lars|Jonas|Magnus|Marius|Ida|Thea|Anders",
    "en": "Emma|Sophie|Chloe|Jack|James|Liam|Aoife|Sean|Olivia|Harry|Amelia|Tom",
    "en_us": "Mike|Jessica|Ashley|Chris|Tyler|Brittany|Jose|Kevin|Amanda|Dani|Jordan|Megan",
    "en_in": "Rahul|Priya|Amit|Neha|Vikram|Anjali|Suresh|Pooja|Arjun|Kavya|Ravi|Deepa",
    "en_my": "Ahmad|Siti|Mei Ling|Wei Jie|Nurul|Kumar|Jason|Aisyah|Hafiz|Jia Hui|Raj|Farah",
    "tr": "Ayşe|Fatma|Zeynep|Elif|Mehmet|Mustafa|Ahmet|Emre|Burak|Selin|Can|Deniz",
    "ro": "Maria|Elena|Ioana|Andreea|Ion|Andrei|Mihai|Alexandru|Cristina|Gabriel|Ana|Vlad",
    "fi": "Aino|Emma|Sanna|Laura|Mikko|Jukka|Antti|Matti|Juha|Elina|Timo|Kaisa",
    "hu": "Anna|Eszter|Katalin|Zsófia|László|István|Zoltán|Gábor|Péter|Réka|Bence|Judit",
    "es_cl": "Camila|Valentina|Constanza|Javiera|Matías|Benjamín|Felipe|Cristóbal|Sebastián|Catalina|Diego|Fernanda",
    "es_co": "Valentina|Daniela|Mariana|Laura|Santiago|Sebastián|Andrés|Juan Camilo|Alejandro|Natalia|Camilo|Paola",
    "ja": "さくら|花子|健太|翔|美咲|陽菜|大輔|由美|拓也|愛",
}
# brand templates per shop type: {S} surname, {F} first name, {C} city name, {W} a word from WORDS
BRANDS = {
    "de": {"g": "FRISCHEMARKT|Nahkauf {S}|MARKTPLATZ {S}|Bio-Laden Grünkorn|KAUFRING|Landmarkt {S}|FRISCHE OASE",
           "r": "Gasthaus Zum Hirschen|Café {F}|Bäckerei {S}|Pizzeria Da Marco|Brauhaus am Markt|Eiscafé Venezia|"
                "Restaurant Lindenhof|Backstube {S}|Imbiss am Bahnhof",
           "n": "Drogerie Sonnenschein|Baumarkt {S}|Buchhandlung Seitenweise|Technik-Eck|Schreibwaren {S}|"
                "Apotheke am Markt"},
    "fr": {"g": "MARCHÉ FRAIS|Epicerie {S}|MARCHÉ DU COIN|Supérette du Centre|BIO & CO|Primeur {S}|MAXI FRAIS",
           "r": "Boulangerie {S}|Café de la Gare|Brasserie du Commerce|Le Petit Bistrot|Pizzeria Napoli|"
                "Crêperie Ty Breizh|"
                "Restaurant Le Cèdre|Pâtisserie {S}",
           "n": "Pharmacie du Marché|Bricolage {S}|Librairie des Arts|Maison & Déco|Tabac Presse du Centre"},
    "nl": {"g": "VERSMARKT|Buurtsuper {S}|DAGVERS|Supermarkt De Hoek|Bio Boerderijwinkel|Groente & Fruit {S}",
           "r": "Eetcafé De Gouden Leeuw|Bakkerij {S}|Brasserie Het Plein|Café De Zwaan|Frituur 't Hoekske|"
                "Pizzeria Roma|Lunchroom Koffiepot",
           "n": "Drogisterij {S}|Bouwmarkt De Klus|Boekhandel Het Leesteken|Huishoudwinkel {S}|Apotheek Centrum"},
    "it": {"g": "SUPERMERCATO {S}|Alimentari {S}|MINIMARKET CENTRO|Frutta e Verdura {F}|IPERFRESCO|Bottega Bio",
           "r": "Bar Centrale|Trattoria da {F}|Pizzeria Vesuvio|Caffè Roma|Ristorante Il Girasole|Pasticceria {S}|"
                "Osteria del Ponte|Gelateria Dolce Vita",
           "n": "Farmacia {S}|Ferramenta {S}|Cartoleria Arcobaleno|Profumeria Bella|Libreria del Corso"},
    "es": {"g": "SUPERMERCADOS {S}|Frutería {F}|Alimentación El Sol|MERCAFRESCO|Supermercado La Plaza|Ultramarinos {S}",
           "r": "Bar Restaurante El Puerto|Cafetería La Esquina|Panadería {S}|Taberna Los Arcos|Pizzería Bella Napoli|"
                "Churrería La Estrella|Mesón {S}",
           "n": "Farmacia {S}|Ferretería La Llave|Droguería y Perfumería {S}|Librería Cervantes|Bazar Oriente"},
    "pt": {"g": "MERCADO FRESCO|Mercearia {S}|Supermercado Central|Frutaria {F}|MERCADO BOM DIA",
           "r": "Café Restaurante O Cantinho|Pastelaria {S}|Churrasqueira {F}|Tasca do Bairro|Padaria Portuguesa|"
                "Marisqueira O Farol",
           "n": "Farmácia {S}|Drogaria Central|Papelaria {S}|Livraria Lusitana|Casa das Ferragens"},
    "pl": {"g": "SKLEP SPOŻYWCZY {S}|Delikatesy Centrum|MARKET PLUS|Sklep Groszek|Warzywniak u {F}ka|SUPERSAM",
           "r": "Bar Mleczny Pod Lipą|Piekarnia {S}|Kawiarnia Słodka|Restauracja Pod Kogutem|Pizzeria Roma|"
                "Pierogarnia {S}",
           "n": "Apteka Pod Orłem|Drogeria {S}|Market Budowlany Majster|Księgarnia Literka|Papiernik"},
    "cs": {"g": "POTRAVINY {S}|Večerka U Nádraží|SMÍŠENÉ ZBOŽÍ|Zelenina {F}|MINIMARKET CENTRUM",
           "r": "Restaurace U Zlatého Lva|Kavárna U Mostu|Pekárna {S}|Hospoda Na Růžku|Pizzerie Napoli|"
                "Bistro Zahrádka",
           "n": "Lékárna U Anděla|Drogerie {S}|Železářství {S}|Papírnictví Tužka|Knihkupectví Dobrá kniha"},
    "sv": {"g": "MATBUTIKEN|Närköp {S}|Livs & Delikatess|HANDLARN|Stora Torgets Livs|Frukt & Grönt {F}",
           "r": "Café {F}|Konditori Kanelbullen|Restaurang Sjöboden|Pizzeria Milano|Bageri {S}|Pub Ankaret",
           "n": "Apoteket Lejonet|Järnhandel {S}|Bokhandeln|Godisbutiken|Färg & Tapet {S}"},
    "da": {"g": "KØBMANDEN|Super {S}|Nærkøb|Grønthandler {F}|LOKALMARKED|Dagligvarer {S}",
           "r": "Café {F}|Bageriet {S}|Restaurant Havnen|Pizzeria Bella|Smørrebrød & Co|Kro {S}",
           "n": "Apoteket {C}|Isenkræmmer {S}|Boghandel Bogormen|Helsekosten|Byggecenter {S}"},
    "no": {"g": "NÆRBUTIKKEN|Matkroken {S}|KOLONIAL {S}|Frukt og Grønt {F}|DAGLIGVARE SENTRUM",
           "r": "Kafé {F}|Bakeri {S}|Restaurant Brygga|Pizzeria Napoli|Pizzeria Bella Vista|Kro {S}",
           "n": "Apotek {C}|Jernvare {S}|Bokhandel Bokormen|Sport {S}|Fargehandel {S}"},
    "en": {"g": "FRESH MARKET|{S}'s Food Store|Village Stores|City Express|Corner Shop {C}|GREENS GROCERY",
           "r": "The Red Lion|The {S} Arms|Café Bianco|{F}'s Kitchen|Golden Dragon|The Coffee House|"
                "Bella Italia Trattoria",
           "n": "{S} Pharmacy|Hardware Plus|The Book Nook|Home & Garden {C}|Style Boutique"},
    "en_us": {"g": "FRESH FARE MARKET|{S}'s Grocery|Corner Deli & Grocery|SAVE MORE FOODS|Green Valley Market",
              "r": "Joe's Diner|{S}'s Grill|Blue Moon Cafe|Golden Dragon|Tony's Pizzeria|The Burger Joint|"
                   "Sunrise Bistro|Taqueria El Sol",
              "n": "QuickMart|{S} Hardware|Main Street Books|Value Pharmacy|Urban Outfit Co."},
    "en_au": {"g": "FRESH FOODS|{S}'s Corner Grocer|Corner Store|Harvest Market", "r": "The Local Cafe|"
                                                                                       "Bondi Burger Bar|"
              "Sushi Train {C}|{F}'s Bakery|The Royal Hotel", "n": "{S} Chemist|Hardware Depot|Book Haven"},
    "en_in": {"g": "Fresh Mart Supermarket|{S} General Stores|Daily Needs Mart|Annapurna Provision Store",
              "r": "Hotel Sri Ganesh Bhavan|Spice Garden Restaurant|The Biryani House|Chai Adda Cafe|Punjabi Dhaba",
              "n": "{S} Medicals|Wellness Pharmacy|Kids Planet|Modern Electronics"},
    "en_my": {"g": "Maju Mini Mart|{S} Trading|Segar Fresh Mart|Kedai Runcit {S}",
              "r": "Restoran Nasi Kandar Pelita Baru|Kopitiam {S}|Restoran Selera Kampung|Kopi Kampung Cafe|"
                   "Mamak Corner",
              "n": "{S} Pharmacy|Kedai Hardware {S}|Buku Ilmu Bookstore"},
    "pt_br": {"g": "SUPERMERCADO {S}|Mercadinho Bom Preço|Hortifruti {F}|Empório Central|MERCADO SÃO JORGE",
              "r": "Padaria {S}|Lanchonete Sabor Caseiro|Churrascaria Gaúcha|Pastelaria do {F}|Bar do Zé",
              "n": "Drogaria {S}|Farmácia Popular Central|Papelaria Estrela|Casa de Ferragens {S}|Livraria Cultura"},
    "es_mx": {"g": "Abarrotes {S}|Minisúper La Esperanza|Tienda El Güero|FRUTERÍA {F}|Super La Comercial",
              "r": "Taquería El Pastor|Tortas {F}|Fonda Doña {F}|Café La Parroquia|Mariscos El Puerto",
              "n": "Farmacia {S}|Ferretería El Martillo|Papelería {S}|Librería Gandhi Centro|Regalos y Novedades"},
    "en_za": {"g": "Fresh Stop {C}|{S}'s Superette|Spaza Express|Farm Fresh Market", "r": "Mzansi Grill|"
                                                                                      "The Braai House|"
              "{F}'s Kitchen|Bunny Chow Corner|Cape Coffee Co.", "n": "{S} Pharmacy|Builders Corner|Book Lounge"},
    "en_nz": {"g": "Four Square {C}|{S}'s Dairy|Fresh Choice Local|Kiwi Grocer", "r": "The Flat White Cafe|"
                                                                                  "Kai Corner|"
              "{F}'s Bakery|Fish & Chip Shop {C}|The Tasting Room",
              "n": "{S} Pharmacy|Hammer Hardware {C}|Unity Books"},
    "tr": {"g": "{S} MARKET|Bakkal {F}|Tazem Market|ŞOK BİZİM BAKKAL|Yeşil Manav|{S} Şarküteri",
           "r": "Lokanta {F}|{S} Kebap Salonu|Simit Sarayı Moda|Kahve Durağı|Balıkçı {F}|Pideci {S}",
           "n": "{S} Eczanesi|Nalbur {S}|Kırtasiye Dünyası|Kitapçı Sahaf|Elektrik Market"},
    "ro": {"g": "MAGAZIN MIXT {S}|Alimentara Unirea|Mini Market {F}|Piața Verde|BĂCĂNIA {S}",
           "r": "Restaurant La {F}|Cofetăria Dulce|Bistro Central|Pizzeria Napoli|Cafeneaua Veche|Hanul {S}",
           "n": "Farmacia {S}|Papetăria Creion|Feronerie {S}|Librăria Cărturești|Drogheria Nova"},
    "fi": {"g": "Lähikauppa {S}|K-Market {C}|Sale {C}|Ruokapuoti|Torikauppa {F}",
           "r": "Kahvila {F}|Ravintola Kultainen|Pizzeria Napoli|Leipomo {S}|Grilli Kulma|Lounasravintola Helmi",
           "n": "Apteekki {C}|Rautakauppa {S}|Kirjakauppa Sivu|Kukkakauppa {F}|Kodin Tarvike"},
    "hu": {"g": "{S} ABC|Kisbolt {F}|Sarki Közért|Zöldséges {S}|Csemege Kisáruház|Pékség {C}",
           "r": "{S} Vendéglő|Kávézó {F}|Pizzéria Napoli|Cukrászda {S}|Büfé a Sarkon|Csárda a Hídnál|Lángosozó {F}",
           "n": "Patika {C}|{S} Vasbolt|Papírbolt Ceruza|Könyvesbolt Lapozó|Drogéria {F}"},
    "es_cl": {"g": "Minimarket {S}|Almacén Don {F}|Supermercado Los Andes|Frutería La Vega|Botillería {S}",
              "r": "Fuente de Soda {S}|Picada Doña {F}|Empanadas La Chilenita|Café Santiago|Sanguchería {S}",
              "n": "Farmacia {S}|Ferretería El Maestro|Librería {F}|Bazar Providencia"},
    "ja": {"g": "{S}商店|スーパー{C}|フレッシュマート {C}店|グリーンマート|まるや食品|{S}ストア|SUNNY MART {C}",
           "r": "{S}食堂|居酒屋 {S}|ラーメン {S}|カフェ {F}|Café Hanami|そば処 {S}|寿司 {S}|{C}ベーカリー",
           "n": "{S}薬局|ドラッグ {C}|{S}文具店|BOOKS {S}|ホームセンター {C}"},
    "es_co": {"g": "Tienda Don {F}|Supermercado {S}|Autoservicio La Economía|Fruver {C}|Minimercado {S}",
              "r": "Restaurante {S}|Panadería La Espiga|Frisby Express {C}|Café de la 70|Asadero {F}|"
                   "Arepas Doña {F}",
              "n": "Droguería {S}|Ferretería {C}|Papelería El Cuaderno|Librería Lerner {C}"},
    "en_sg": {"g": "FairMart|Sheng Fresh Mart|{S} Provision Shop|Fresh Store Express",
              "r": "Heng Kee Kopi|Ah Seng Chicken Rice|Hup Lee Kitchen|{S} Kopitiam|Harbour Seafood Grill",
              "n": "Healthy Life Pharmacy|{S} Hardware|Bookends SG"},
}
TRADE = {"de": "Handels|Lebensmittel|Gastronomie|Einzelhandels|Vertriebs", "fr": "Distribution|Alimentation|"
                                                                                 "Restauration|"
         "Commerce", "nl": "Handelsonderneming|Horeca|Retail|Foodservice", "it": "Distribuzione|Alimentari|"
                                                                                 "Ristorazione|"
         "Commerciale", "es": "Distribuciones|Alimentación|Hostelería|Comercial", "pt": "Comércio|Distribuição|"
                                                                                        "Restauração|"
         "Alimentar", "pl": "Handel|Gastro|Market|Usługi", "cs": "Obchod|Gastro|Potraviny|Retail", "sv": "Handel|Livs|"
         "Restaurang|Butiks", "da": "Handel|Dagligvarer|Restauration|Detail",
         "no": "Handel|Dagligvare|Restaurant|Drift",
         "en": "Retail|Trading|Foods|Hospitality|Stores", "en_in": "Foods|Retail|Hospitality|Enterprises|Traders",
         "en_my": "Trading|Food Industries|Retail|Holdings", "pt_br": "Comércio de Alimentos|Comercial|Alimentos|"
                                                                       "Restaurante|Varejo",
         "es_mx": "Comercializadora|Alimentos|Restaurantera|Servicios",
         "tr": "Gıda San. ve Tic.|Gıda|Turizm|Ticaret|Restoran İşletmeleri", "ro": "Comimpex|Alimentara|Trading|"
                                                                                  "Restaurant|Distribuție",
         "fi": "Kauppa|Ravintolat|Elintarvike|Trading", "hu": "Kereskedelmi|Élelmiszer|Vendéglátó|Szolgáltató",
         "ja": "商事|食品|フーズ|リテール|サービス",
         "es_cl": "Comercial|Alimentos|Inversiones|Distribuidora", "es_co": "Comercializadora|Alimentos|"
                                                                             "Inversiones|Distribuciones"}
CITYNAMES = {"DE": "Berlin|Hamburg|Köln", "DK": "Vesterbro|Nørrebro|Østerbro", "NO": "Sentrum|Majorstuen|Grünerløkka",
             "GB": "Camden|Leeds|Bristol", "IE": "Rathmines|Douglas|Salthill", "AU": "Surry Hills|Fitzroy|Newtown",
             "US": "Midtown|Downtown|Eastside", "BR": "Paulista|Centro|Savassi", "MX": "Roma|Condesa|Centro",
             "ZA": "Sea Point|Sandton|Rosebank", "NZ": "Ponsonby|Te Aro|Riccarton", "FI": "Kallio|Keskusta|Hervanta",
             "HU": "Belváros|Újlipótváros|Buda", "CO": "Chapinero|Usaquén|El Poblado|Laureles",
             "JP": "新宿|渋谷|梅田|栄|天神|横浜|札幌"}

# --- item catalogues -------------------------------------------------------------------------------------------
ITEMS = {
    "de": {"g": "Vollmilch 3,5% 1L;1.19;f|Butter 250g;2.29;f|Bananen;1.79;fw|Äpfel Elstar;2.99;fw|"
                "Tomaten Rispe;3.49;fw|"
                "Kartoffeln 2,5kg;2.99;f|Weizenbrötchen;0.35;f|Roggenbrot 750g;2.49;f|Gouda jung;11.90;fw|"
                "Eier Freiland 10er;3.29;f|Joghurt Natur 500g;0.99;f|Spaghetti 500g;1.19;f|Kaffee gemahlen 500g;6.99;f|"
                "Mineralwasser 1,5L;0.59;dp|Cola 1,0L;1.49;dp|Orangensaft 1L;1.89;d|Pils 0,5L;0.89;sp|"
                "Rotwein trocken 0,75L;4.99;s|Toilettenpapier 8x;3.95;s|Spülmittel;1.25;s|Zahnpasta;1.45;s|"
                "Hackfleisch gemischt;8.99;fw|Schokolade 100g;1.29;f|Chips Paprika;1.79;f|Gurke;0.69;f",
           "r": "Cappuccino;3.40;h|Latte Macchiato;3.90;h|Butterbrezel;2.20;h|Apfelstrudel;4.50;h|"
                "Schnitzel Wiener Art;14.90;h|"
                "Currywurst Pommes;8.50;h|Apfelschorle 0,4l;3.90;h|Pils 0,5l;4.60;a|Hefeweizen 0,5l;4.90;a|"
                "Rinderroulade;18.50;h|Salatteller;11.90;h|Käsespätzle;12.50;h|Espresso;2.40;h|Kuchen Stück;3.80;h|"
                "Flammkuchen;10.90;h|Weißwein 0,2l;5.90;a",
           "n": "Duschgel 250ml;1.95;s|Shampoo;2.95;s|Schrauben-Set;6.99;s|Akku-Batterien AA 4er;7.99;s|"
                "Notizblock A5;2.49;s|"
                "Kugelschreiber;1.29;s|Roman Taschenbuch;12.00;f|Ibuprofen 400 20St;4.99;s|Gießkanne 10L;9.99;s|"
                "Glühbirne LED E27;4.49;s|Kalender 2025;9.95;f|Pflaster Strips;2.79;s|Handcreme;1.75;s"},
    "fr": {"g": "LAIT DEMI-ECREME 1L;1.05;f|BAGUETTE TRADITION;1.20;f|BEURRE DOUX 250G;2.69;f|POMMES GOLDEN;2.49;fw|"
                "BANANES;1.89;fw|TOMATES GRAPPE;3.29;fw|OEUFS PLEIN AIR x12;3.59;f|YAOURT NATURE x4;1.39;f|"
                "EMMENTAL RAPE 200G;2.19;f|CAFE MOULU 250G;3.49;f|PATES COQUILLETTES;0.99;f|CAMEMBERT;2.29;f|"
                "EAU MINERALE 1,5L;0.55;d|JUS D'ORANGE 1L;2.15;d|VIN ROUGE BORDEAUX;5.99;s|BIERE BLONDE x6;5.49;s|"
                "PAPIER TOILETTE x6;3.25;s|LESSIVE LIQUIDE;7.99;s|JAMBON BLANC x4;3.15;f|POULET ROTI;8.90;f|"
                "CHOCOLAT NOIR;1.69;f|CROISSANT;1.10;f",
           "r": "Café expresso;1.90;h|Café crème;3.20;h|Croissant;1.30;h|Croque-monsieur;7.50;h|Plat du jour;14.50;h|"
                "Steak frites;18.90;h|Salade niçoise;13.50;h|Quiche lorraine;9.00;h|Verre de vin rouge;5.50;a|"
                "Demi pression;4.20;a|Coca-Cola 33cl;3.80;h|Crème brûlée;6.50;h|Menu enfant;9.90;h|"
                "Galette complète;10.50;h|Kir;4.90;a",
           "n": "Shampooing;3.90;s|Dentifrice;2.45;s|Tournevis;6.90;s|Ampoule LED;4.99;s|Cahier A4;2.30;s|"
                "Stylo bille;1.50;s|"
                "Roman poche;8.40;f|Doliprane 1000;2.18;s|Crème hydratante;12.90;s|Bougie parfumée;14.90;s|"
                "Journal;1.60;f"},
    "nl": {"g": "Halfvolle melk 1L;1.09;f|Volkorenbrood;2.39;f|Goudse kaas jong;12.99;fw|Bananen;1.99;fw|"
                "Appels Elstar;2.79;fw|Tomaten;3.19;fw|Eieren 10 st;3.49;f|Yoghurt 1L;1.45;f|Hagelslag;2.29;f|"
                "Pindakaas;2.89;f|Koffie 500g;6.49;f|Spa Rood 1,5L;1.15;dp|Cola 1,5L;1.99;dp|Sinaasappelsap 1L;2.09;d|"
                "Pils 6x33cl;6.49;s|Wijn rood;5.49;s|Wc-papier 8 rol;4.29;s|Afwasmiddel;1.69;s|Stroopwafels;1.99;f|"
                "Kipfilet 500g;6.99;f",
           "r": "Koffie;2.90;h|Cappuccino;3.50;h|Appeltaart;4.25;h|Tosti ham kaas;5.50;h|Bitterballen 8st;7.50;h|"
                "Uitsmijter;9.50;h|Broodje kroket;5.25;h|Frites speciaal;4.75;h|Pils 0,25;3.40;a|Wijn glas;5.00;a|"
                "Verse munt thee;3.50;h|Soep van de dag;6.50;h|Biefstuk;22.50;h|Spa blauw;3.10;h",
           "n": "Shampoo;3.49;s|Tandpasta;2.29;s|Schroevendraaier;5.99;s|LED lamp;4.99;s|Schrift A4;1.99;s|Pen;1.25;s|"
                "Boek paperback;15.99;f|Paracetamol 20st;1.89;s|Bloempot;7.99;s|Batterijen AA;6.49;s"},
    "it": {"g": "LATTE P.S. 1L;1.35;f|PANE COMUNE;1.20;f|PASTA SPAGHETTI 500G;0.99;f|PASSATA POMODORO;0.89;f|"
                "MOZZARELLA 125G;1.15;f|PARMIGIANO REGG.;21.90;fw|MELE GOLDEN;2.19;fw|BANANE;1.69;fw|"
                "POMODORI CILIEGINO;3.99;fw|UOVA FRESCHE X6;2.29;f|CAFFE MACINATO 250G;3.79;f|OLIO EVO 1L;8.99;f|"
                "ACQUA NATURALE 1,5L;0.39;d|ACQUA FRIZZANTE 1,5L;0.39;d|BIRRA 66CL;1.29;s|VINO ROSSO;4.50;s|"
                "DETERSIVO PIATTI;1.79;s|CARTA IGIENICA X4;2.49;s|PROSCIUTTO COTTO;2.49;f|BISCOTTI;1.99;f",
           "r": "Caffè;1.20;h|Cappuccino;1.60;h|Cornetto;1.30;h|Spremuta;3.50;h|Tramezzino;3.00;h|"
                "Pizza Margherita;7.50;h|"
                "Spaghetti carbonara;12.00;h|Risotto funghi;13.00;h|Tiramisù;5.50;h|Acqua 0,75;2.50;h|"
                "Birra media;5.00;a|"
                "Calice di vino;5.50;a|Coperto;2.00;h|Insalata mista;5.00;h|Aperol Spritz;6.00;a",
           "n": "Shampoo;3.50;s|Dentifricio;2.20;s|Cacciavite;5.90;s|Lampadina LED;3.99;s|Quaderno;1.80;s|Penna;1.20;s|"
                "Libro tascabile;9.90;f|Tachipirina 500;4.90;s|Crema mani;6.50;s|Pile AA x4;5.99;s"},
    "es": {"g": "LECHE ENTERA 1L;0.95;f|PAN BARRA;0.65;f|ACEITE OLIVA VIRGEN 1L;8.95;f|HUEVOS L 12 UDS;2.85;f|"
                "TOMATE PERA;1.99;fw|PLATANO CANARIAS;2.29;fw|MANZANA GOLDEN;1.89;fw|QUESO MANCHEGO;16.50;fw|"
                "JAMON SERRANO LONCHAS;3.25;f|ARROZ REDONDO 1KG;1.55;f|YOGUR NATURAL X4;1.19;f|CAFE MOLIDO 250G;2.99;f|"
                "AGUA MINERAL 1,5L;0.45;d|REFRESCO COLA 2L;1.79;d|CERVEZA LATA X6;3.99;s|VINO RIOJA CRIANZA;5.95;s|"
                "PAPEL HIGIENICO X12;4.50;s|DETERGENTE;6.95;s|GALLETAS MARIA;1.09;f|PIMIENTO ROJO;2.49;fw",
           "r": "Café con leche;1.60;h|Café solo;1.30;h|Tostada con tomate;2.50;h|Croissant;1.80;h|Caña;2.20;a|"
                "Copa de vino;3.00;a|Tortilla de patatas;4.50;h|Patatas bravas;5.50;h|Calamares;9.50;h|"
                "Menú del día;13.50;h|"
                "Paella mixta;15.00;h|Agua 50cl;1.80;h|Refresco;2.50;h|Tarta de queso;5.00;h|"
                "Jamón ibérico ración;16.00;h",
           "n": "Champú;3.45;s|Pasta de dientes;2.10;s|Destornillador;4.95;s|Bombilla LED;3.99;s|Cuaderno A4;2.20;s|"
                "Bolígrafo;0.95;s|Libro bolsillo;10.95;f|Ibuprofeno 600;2.50;s|Crema solar;11.90;s|Pilas AA;5.49;s"},
    "pt": {"g": "LEITE M/GORDO 1L;0.89;f|PÃO DE FORMA;1.49;f|ARROZ CAROLINO 1KG;1.29;f|BACALHAU CRESCIDO;14.99;fw|"
                "MAÇÃ GALA;1.99;fw|BANANA;1.39;fw|TOMATE;1.89;fw|OVOS CLASSE M X12;3.19;f|QUEIJO FLAMENGO;2.49;f|"
                "AZEITE VIRGEM EXTRA;7.49;f|CAFÉ MOÍDO 250G;3.29;f|IOGURTE NATURAL X4;1.29;f|ÁGUA 1,5L;0.35;f|"
                "SUMO LARANJA 1L;1.69;d|CERVEJA X6;4.49;s|VINHO TINTO DOURO;4.99;s|PAPEL HIGIÉNICO X12;3.99;s|"
                "DETERGENTE LOIÇA;1.49;s|BOLACHAS MARIA;0.99;f|FRANGO INTEIRO;3.49;fw",
           "r": "Café;0.80;h|Galão;1.40;h|Pastel de nata;1.30;h|Tosta mista;3.00;h|Bifana;3.50;h|Prato do dia;9.50;h|"
                "Bacalhau à Brás;12.50;h|Sardinhas assadas;11.00;h|Imperial;1.80;a|Copo de vinho;3.00;a|"
                "Água 0,5L;1.20;h|"
                "Sumo natural;2.80;h|Sopa do dia;2.50;h|Couvert;2.00;h|Francesinha;11.50;h",
           "n": "Champô;3.49;s|Pasta de dentes;2.29;s|Chave de fendas;4.99;s|Lâmpada LED;3.49;s|Caderno A4;1.99;s|"
                "Esferográfica;0.99;s|Livro de bolso;9.90;f|Ben-u-ron 500;2.86;s|Protetor solar;12.99;s"},
    "pl": {"g": "Mleko 2% 1L;0.85;f|Chleb żytni;1.05;f|Masło 200g;2.10;f|Jabłka;0.79;fw|Banany;1.29;fw|"
                "Pomidory;2.49;fw|"
                "Ziemniaki;0.49;fw|Jaja L 10szt;2.45;f|Ser żółty Gouda;8.99;fw|Kiełbasa śląska;6.49;fw|"
                "Jogurt naturalny;0.59;f|"
                "Kawa mielona 500g;6.99;f|Woda mineralna 1,5L;0.49;d|Sok pomarańczowy 1L;1.39;d|Piwo 0,5L;0.99;s|"
                "Wódka 0,5L;6.99;s|Papier toaletowy 8szt;2.99;s|Płyn do naczyń;1.29;s|Czekolada mleczna;1.19;f|"
                "Twaróg półtłusty;0.99;f|Bułka kajzerka;0.15;f",
           "r": "Kawa czarna;2.40;h|Cappuccino;3.10;h|Pierogi ruskie;5.50;h|Żurek;4.20;h|Schabowy z ziemniakami;8.90;h|"
                "Rosół;3.60;h|Placki ziemniaczane;5.20;h|Sernik;3.30;h|Kompot;1.50;h|Piwo 0,5l;3.20;a|Herbata;1.90;h|"
                "Bigos;6.10;h|Barszcz czerwony;3.40;h",
           "n": "Szampon;2.99;s|Pasta do zębów;1.89;s|Śrubokręt;3.99;s|Żarówka LED;2.49;s|Zeszyt A5;0.99;s|"
                "Długopis;0.79;s|"
                "Książka;9.99;f|Ibuprom 10 tabl.;2.89;s|Krem do rąk;2.19;s|Baterie AA;4.49;s"},
    "cs": {"g": "Mléko polotučné 1l;0.99;f|Chléb konzumní;1.45;f|Rohlík;0.12;f|Máslo 250g;2.49;f|Jablka;1.39;fw|"
                "Banány;1.19;fw|Rajčata;2.79;fw|Brambory;0.59;fw|Vejce M 10ks;2.69;f|Eidam 30%;7.99;fw|"
                "Šunka výběrová;11.49;fw|"
                "Jogurt bílý;0.45;f|Káva mletá 250g;3.49;f|Minerální voda 1,5l;0.55;d|Limonáda 2l;1.19;d|"
                "Pivo 0,5l;0.79;s|"
                "Víno červené;4.49;s|Toaletní papír 8ks;3.19;s|Prací gel;6.99;s|Tatranky;0.39;f",
           "r": "Espresso;1.80;h|Cappuccino;2.40;h|Svíčková na smetaně;8.90;h|Guláš s knedlíkem;7.90;h|"
                "Smažený sýr;7.50;h|"
                "Polévka dne;2.50;h|Pivo 0,5l;2.40;a|Kofola 0,5l;2.10;h|Víno 0,2l;3.20;a|Jablečný závin;3.30;h|"
                "Řízek s bramborem;9.20;h|Palačinky;4.10;h",
           "n": "Šampon;2.99;s|Zubní pasta;1.79;s|Šroubovák;4.99;s|LED žárovka;3.49;s|Sešit A4;1.29;s|Propiska;0.79;s|"
                "Kniha;13.90;f|Paralen 500;1.99;s|Krém na ruce;2.49;s|Baterie AA;4.99;s"},
    "sv": {"g": "Mellanmjölk 1,5L;1.29;f|Smör 500g;4.99;f|Limpa;2.49;f|Bananer;2.29;fw|Äpplen;2.69;fw|Tomater;3.49;fw|"
                "Potatis;1.09;fw|Ägg 12-p;3.99;f|Hushållsost;8.99;fw|Falukorv;3.19;f|Yoghurt naturell;1.79;f|"
                "Bryggkaffe 450g;6.99;f|Mineralvatten 1,5L;1.09;dp|Läsk 1,5L;1.89;dp|Juice apelsin 1L;2.19;d|"
                "Lättöl 33cl;0.99;sp|Toapapper 8-p;4.49;s|Diskmedel;2.29;s|Knäckebröd;2.09;f|Kanelbulle;1.29;f",
           "r": "Bryggkaffe;2.90;h|Cappuccino;4.20;h|Kanelbulle;3.50;h|Räksmörgås;12.50;h|Köttbullar med mos;14.90;h|"
                "Dagens lunch;11.90;h|Laxfilé;19.90;h|Öl 40cl;6.90;a|Vin glas;7.90;a|Mineralvatten;2.90;h|Semla;4.50;h|"
                "Pizza Capricciosa;11.50;h|Kladdkaka;4.90;h",
           "n": "Schampo;3.49;s|Tandkräm;2.49;s|Skruvmejsel;7.99;s|LED-lampa;5.49;s|Anteckningsbok;3.49;s|Penna;1.49;s|"
                "Pocketbok;10.49;f|Alvedon 500mg;4.49;s|Handkräm;4.29;s|Batterier AA;6.99;s"},
    "da": {"g": "Letmælk 1L;1.49;f|Rugbrød;2.65;f|Smør 250g;3.29;f|Bananer;2.39;fw|Æbler;2.79;fw|Tomater;3.69;fw|"
                "Kartofler;1.29;fw|Æg 10 stk;3.59;f|Ost 45+;11.99;fw|Leverpostej;2.39;f|Skyr;1.99;f|Kaffe 400g;5.99;f|"
                "Danskvand 1,5L;1.09;dp|Sodavand 1,5L;2.09;dp|Appelsinjuice 1L;2.39;d|Pilsner 33cl;0.89;sp|"
                "Toiletpapir 8 rl;4.69;s|Opvaskemiddel;2.49;s|Wienerbrød;1.99;f|Chips;2.29;f",
           "r": "Kaffe;4.50;h|Cappuccino;5.50;h|Wienerbrød;3.90;h|Smørrebrød;8.50;h|Frikadeller;15.50;h|"
                "Stjerneskud;19.50;h|"
                "Stegt flæsk;21.00;h|Fadøl;7.50;a|Vin glas;9.00;a|Sodavand;4.20;h|Æblekage;6.50;h|Burger;16.50;h",
           "n": "Shampoo;3.99;s|Tandpasta;2.99;s|Skruetrækker;7.49;s|LED-pære;5.99;s|Notesbog;3.49;s|Kuglepen;1.49;s|"
                "Paperback;12.99;s|Panodil 20 stk;3.29;s|Håndcreme;4.49;s|Batterier AA;6.99;s"},
    "no": {"g": "Lettmelk 1L;1.69;f|Grovbrød;3.19;f|Smør 250g;3.49;f|Bananer;2.49;fw|Epler;2.99;fw|Tomater;4.49;fw|"
                "Poteter;1.49;fw|Egg 12 stk;4.29;f|Norvegia;12.49;fw|Brunost;6.99;f|Yoghurt;1.89;f|Kaffe 250g;4.99;f|"
                "Farris 1,5L;2.19;dp|Brus 1,5L;2.89;dp|Appelsinjuice 1L;2.59;d|Pils 0,5L;2.69;sp|Dopapir 8 rl;5.49;s|"
                "Oppvaskmiddel;2.99;s|Kvikk Lunsj;1.59;f|Fiskeboller;3.29;f",
           "r": "Kaffe;3.90;h|Cappuccino;4.90;h|Skolebolle;3.90;h|Rekesmørbrød;14.90;h|Fiskesuppe;12.90;h|"
                "Kjøttkaker;17.50;h|"
                "Pizza;15.90;h|Pils 0,5l;9.90;a|Vin glass;10.50;a|Mineralvann;3.90;h|Vafler;4.50;h|Burger;16.90;h",
           "n": "Sjampo;4.49;s|Tannkrem;2.99;s|Skrutrekker;7.99;s|LED-pære;5.99;s|Notatbok;3.99;s|Kulepenn;1.49;s|"
                "Pocketbok;11.99;s|Paracet 500mg;3.49;s|Håndkrem;4.99;s|Batterier AA;7.49;s"},
    "en": {"g": "Semi Skimmed Milk 2L;1.45;f|White Bread 800g;1.15;f|Butter 250g;2.39;f|Bananas;1.09;fw|"
                "Gala Apples;2.49;fw|"
                "Vine Tomatoes;3.19;fw|Potatoes 2.5kg;1.69;f|Free Range Eggs 12;3.29;f|Mature Cheddar;8.99;fw|"
                "Chicken Breast 500g;4.99;f|Greek Yogurt 500g;1.89;f|Ground Coffee 227g;3.99;f|Still Water 2L;0.69;d|"
                "Cola 2L;2.09;d|Orange Juice 1L;1.79;d|Lager 4x440ml;4.79;s|Red Wine 75cl;6.49;s|"
                "Toilet Tissue 9pk;4.19;s|"
                "Washing Up Liquid;1.29;s|Digestive Biscuits;1.19;f|Crisps 6pk;1.89;s|Porridge Oats 1kg;1.39;f",
           "r": "Flat White;3.60;h|Americano;3.10;h|Latte;3.70;h|Croissant;2.40;h|Full Breakfast;11.50;h|"
                "Fish & Chips;15.95;h|"
                "Cheeseburger;13.50;h|Caesar Salad;11.00;h|Soup of the Day;6.50;h|Pint of Lager;5.80;a|"
                "Glass House Red;7.20;a|"
                "Soft Drink;3.20;h|Sticky Toffee Pudding;7.00;h|Chips side;4.00;h|Chicken Wings;9.50;h|"
                "Pasta Special;14.50;h",
           "n": "Shampoo 400ml;3.49;s|Toothpaste;1.99;s|Screwdriver Set;8.99;s|LED Bulb;4.49;s|A4 Notebook;2.99;s|"
                "Ballpoint Pens 4pk;1.99;s|Paperback Novel;8.99;f|Paracetamol 16;0.79;s|Hand Cream;4.50;s|"
                "AA Batteries 8pk;6.99;s|"
                "Birthday Card;2.95;s|Phone Charger;14.99;s"},
    "tr": {"g": "SÜT 1L;0.85;f|EKMEK;0.30;f|BEYAZ PEYNİR 500G;4.20;f|DOMATES;1.10;fw|ELMA;0.95;fw|YUMURTA 10LU;2.10;f|"
                "ÇAY 1KG;5.50;f|MAKARNA 500G;0.70;f|ZEYTİNYAĞI 1L;8.90;f|SU 1.5L;0.25;d|KOLA 1L;1.10;d|"
                "DETERJAN 3KG;6.90;s|TUVALET KAĞIDI 12Lİ;5.20;s|ŞAMPUAN;3.40;s",
           "r": "ADANA KEBAP;7.50;h|LAHMACUN;2.80;h|MERCİMEK ÇORBASI;2.50;h|AYRAN;0.90;h|ÇAY;0.50;h|KÜNEFE;4.20;h|"
                "İSKENDER;8.90;h|PİDE;5.40;h|TÜRK KAHVESİ;1.90;h|BİRA 50CL;3.20;a",
           "n": "DEFTER A4;1.90;s|KALEM;0.60;s|PİL AA 4LÜ;3.90;s|AMPUL LED;2.40;s|AĞRI KESİCİ;2.20;s|"
                "DİŞ MACUNU;1.80;s|KİTAP;6.50;f"},
    "ro": {"g": "LAPTE 1L;1.30;f|PAINE ALBA;0.90;f|UNT 200G;2.40;f|ROSII;1.90;fw|MERE;1.10;fw|OUA 10 BUC;2.20;f|"
                "CASCAVAL;7.90;fw|ULEI FLOAREA SOARELUI;1.80;f|APA MINERALA 2L;0.70;dp|SUC PORTOCALE;1.90;d|"
                "BERE 0.5L;1.10;sp|DETERGENT;5.90;s|HARTIE IGIENICA;3.20;s",
           "r": "CIORBA DE BURTA;4.20;h|SARMALE CU MAMALIGA;7.80;h|MICI 4 BUC;5.40;h|PAPANASI;4.60;h|CAFEA;1.90;h|"
                "LIMONADA;2.50;h|BERE 0.5L;2.40;a|VIN CASA 0.25L;3.10;a",
           "n": "CAIET A4;1.20;s|PIX;0.50;s|BATERII AA;3.40;s|BEC LED;2.10;s|PARACETAMOL;1.40;s|SAMPON;2.90;s"},
    "fi": {"g": "Maito 1L;1.05;f|Ruisleipä;2.19;f|Voi 500g;4.59;f|Banaani;1.69;fw|Omena;2.49;fw|"
                "Kananmunat 10kpl;2.99;f|"
                "Juusto Edam;11.90;fw|Kahvi 500g;6.49;f|Jauheliha 400g;4.99;f|Vesi 1,5L;0.95;dp|Appelsiinimehu;2.29;d|"
                "Olut 0,33L;1.89;sp|Pesuaine;4.49;s|WC-paperi 8rl;4.79;s",
           "r": "Kahvi;3.20;h|Korvapuusti;3.50;h|Lohikeitto;13.90;h|Karjalanpiirakka;2.20;h|Päivän lounas;12.70;h|"
                "Pizza Margherita;12.90;h|Olut 0,5L;8.50;a|Viini 12cl;8.90;a",
           "n": "Vihko A4;2.90;s|Kuulakärkikynä;1.49;s|Paristot AA 4kpl;6.99;s|LED-lamppu;5.49;s|Särkylääke;4.90;s|"
                "Shampoo;3.99;s|Pokkari;9.90;f"},
    "ja": {"g": "おにぎり 鮭;0.95;f|食パン 6枚;1.20;f|牛乳 1000ml;1.40;f|卵 10個;1.60;f|バナナ;1.20;f|納豆 3P;0.60;f|"
                "豆腐;0.55;f|鶏むね肉;2.40;f|キャベツ;1.10;f|カップ麺;1.30;f|緑茶 500ml;0.85;d|コーヒー 缶;0.80;d|"
                "ビール 350ml;1.40;a|洗剤;2.50;s|ティッシュ 5箱;2.40;s",
           "r": "ラーメン;5.50;h|餃子;2.80;h|カレーライス;5.00;h|天ぷら定食;7.50;h|海鮮丼;12.00;h|牛タン弁当;9.00;h|"
                "ウーロン茶;1.80;h|コーヒー;2.60;h|生ビール;3.20;a|日本酒 1合;4.00;a",
           "n": "ボールペン;0.70;s|ノート A4;1.20;s|乾電池 単3 4本;3.00;s|頭痛薬;6.00;s|シャンプー;4.50;s|"
                "文庫本;4.80;s|マスク 30枚;3.60;s"},
    "hu": {"g": "TEJ 2,8% 1L;0.95;f|KENYÉR 1KG;1.45;f|VAJ 100G;1.60;f|BANÁN;1.10;fw|ALMA;0.85;fw|TOJÁS 10DB;1.95;f|"
                "TRAPPISTA SAJT;7.90;fw|PARIZER;4.20;fw|KÁVÉ 250G;4.40;f|ÁSVÁNYVÍZ 1,5L;0.45;d|NARANCSLÉ 1L;1.40;d|"
                "SÖR 0,5L;0.95;s|MOSÓPOR;7.50;s|WC PAPÍR 8 TEKERCS;3.90;s|PAPRIKA;2.60;fw",
           "r": "GULYÁSLEVES;4.20;h|LÁNGOS;2.40;h|RÁNTOTT SZELET;7.90;h|TÚRÓS CSUSZA;5.20;h|PALACSINTA;2.10;h|"
                "ESPRESSO;1.10;h|LIMONÁDÉ;2.20;h|SÖR 0,5L;2.40;a|FRÖCCS;1.90;a",
           "n": "FÜZET A4;1.10;s|GOLYÓSTOLL;0.70;s|ELEM AA 4DB;3.40;s|LED IZZÓ;2.60;s|FÁJDALOMCSILLAPÍTÓ;3.20;s|"
                "SAMPON;2.80;s|KÖNYV;9.50;s"},
    "en_us": {"r": "Cheeseburger;13.50;h|Buffalo Wings;11.00;h|Caesar Salad;10.50;h|Club Sandwich;12.00;h|Fries;4.50;h|"
                   "Mac & Cheese;9.00;h|Pancake Stack;9.50;h|Iced Tea;2.90;h|Coke;2.60;h|Coffee;2.40;h|"
                   "Draft Beer;6.00;a|"
                   "Margarita;9.50;a|House Red;8.50;a|NY Cheesecake;6.50;h|Fish Tacos;12.50;h|Ribeye Steak;26.00;h"},
    "en_in": {"g": "Basmati Rice 1kg;145;f|Toor Dal 1kg;168;f|Atta 5kg;285;f|Milk 500ml;32;f|Paneer 200g;95;f|"
                   "Onions;40;fw|Tomatoes;36;fw|Potatoes;30;fw|Sunflower Oil 1L;155;f|Tea Leaves 250g;140;f|"
                   "Sugar 1kg;48;f|"
                   "Biscuits Pack;30;f|Soft Drink 750ml;40;d|Bathing Soap x4;180;s|Detergent 1kg;120;s|"
                   "Toothpaste 150g;98;s|"
                   "Instant Noodles x4;56;f|Ghee 500ml;320;f",
              "r": "Paneer Tikka;280;h|Butter Chicken;360;h|Dal Makhani;240;h|Butter Naan;60;h|Tandoori Roti;30;h|"
                   "Veg Biryani;260;h|Chicken Biryani;320;h|Masala Dosa;120;h|Idli Vada;90;h|Masala Chai;40;h|"
                   "Fresh Lime Soda;80;h|"
                   "Gulab Jamun;90;h|Jeera Rice;160;h|Mineral Water;30;h|Cold Coffee;140;h",
              "n": "Paracetamol 500 Strip;30;s|Cough Syrup;115;s|Hand Sanitizer;99;s|Notebook;60;s|Ball Pen Pack;50;s|"
                   "USB Cable;249;s|LED Bulb 9W;129;s|Face Wash;175;s"},
    "en_my": {"r": "Nasi Lemak Ayam;12.90;h|Roti Canai;2.00;h|Teh Tarik;2.80;h|Kopi O Ais;2.60;h|"
                   "Mee Goreng Mamak;8.50;h|"
                   "Char Kuey Teow;10.90;h|Nasi Goreng Kampung;9.90;h|Chicken Rice;11.50;h|Milo Ais;3.50;h|"
                   "Laksa;12.00;h|"
                   "Sirap Bandung;3.00;h|Satay (10 cucuk);15.00;h|Cendol;5.50;h"},
    "en_sg": {"r": "Chicken Rice;6.50;h|Laksa;7.80;h|Kaya Toast Set;5.60;h|Kopi C;1.90;h|Teh Peng;2.20;h|"
                   "Char Kway Teow;8.00;h|"
                   "Chilli Crab;68.00;h|Cereal Prawns;28.00;h|Fried Rice;12.00;h|Tiger Beer;9.50;a|Lime Juice;3.50;h|"
                   "Sambal Kangkong;14.00;h|Mantou x6;6.00;h"},
}
WEIGHT_MULT = {"IN": 1.0}


def nice_price(r: random.Random, x: float, cur: str, resto: bool = False) -> Decimal:
    """A plausible shelf or menu price near x in the given currency."""
    if cur in WHOLE_UNITS:  # no minor units: forint prices end in 9 or 0 ("349", "1 299"), pesos in tens or fifties
        step = WHOLE_UNITS[cur]
        base = max(step, int(round(x / step)) * step)
        if cur == "HUF" and base >= 100 and not resto and r.random() < 0.6:
            base -= 1
        elif cur == "CLP" and base >= 1000 and not resto and r.random() < 0.5:
            base = (base // 100) * 100 - 10  # "$1.290", "$2.490"
        elif cur == "JPY" and base >= 100 and not resto and r.random() < 0.5:
            base = base - 2 if base < 1000 else (base // 100) * 100 - 20  # "¥198", "¥1,280"
        return D(base).quantize(CENT)
    if cur == "INR":
        return D(max(5, int(round(x / 5) * 5)))
    if cur in ("CZK", "SEK", "NOK", "DKK"):
        if x < 15:
            return D(str(max(1.0, round(x * 2) / 2))).quantize(CENT)
        base = D(int(round(x)))
        ends = ("0.10", "0", "0", "0.50") if cur == "CZK" else ("0.05", "0.10", "0", "0.50")
        return base if resto or base <= 20 else base - D(r.choice(ends))
    if cur == "CHF" or resto:
        step = D("0.05") if cur == "CHF" and not resto else D("0.10") if x < 8 else D("0.50")
        return max(step, (D(str(x)) / step).quantize(D(1), ROUND_HALF_UP) * step).quantize(CENT)
    if x < 1:
        return (D(int(x * 10)) / 10 + D(r.choice(("0.09", "0.05", "0.09")))).quantize(CENT)
    ends = ("0.99", "0.49", "0.29", "0.95", "0.89", "0.79", "0.59", "0.00") if x >= 2 else ("0.99", "0.49", "0.69")
    return (D(int(x)) + D(r.choice(ends))).quantize(CENT)


WHOLE_UNITS = {"HUF": 10, "CLP": 10, "COP": 50, "JPY": 10}  # price steps of the currencies printed without decimals


# --- formatting ------------------------------------------------------------------------------------------------
NUMSEP = {"de": (".", ","), "fr": (" ", ","), "ch": ("'", "."), "en": (",", "."), "in": (",", ".")}


def money(x: Decimal, num: str, group: bool = True, places: int = 2) -> str:
    """Format x with the country's separators: 1.234,56 / 1 234,56 / 1'234.50 / 1,234.56 / 1,23,456.00."""
    th, dec = NUMSEP[num]
    neg = x < 0
    s = f"{abs(x):.{places}f}"
    whole, frac = s.split(".") if places else (s, "")
    if group and len(whole) > 3:
        if num == "in":
            head, tail = whole[:-3], whole[-3:]
            parts = []
            while len(head) > 2:
                parts.insert(0, head[-2:])
                head = head[:-2]
            whole = ",".join([head, *parts, tail] if head else [*parts, tail])
        else:
            parts = []
            while len(whole) > 3:
                parts.insert(0, whole[-3:])
                whole = whole[:-3]
            whole = th.join([whole, *parts])
    out = whole + (dec + frac if places else "")
    return ("-" if neg else "") + out


def fmt_date(dt: datetime, pattern: str, lang: str) -> str:
    v = V[lang]
    months = v["month"].split("|")
    mon = MON3.get(lang, "|".join(m[:3] for m in months)).split("|")[dt.month - 1]
    h12 = dt.hour % 12 or 12
    return pattern.format(
        d=dt.day, dd=f"{dt.day:02d}", m=dt.month, mm=f"{dt.month:02d}", yyyy=dt.year, yy=f"{dt.year % 100:02d}",
        month=months[dt.month - 1], mon=mon, MON=mon.upper().rstrip("."), wd=v["wd"].split("|")[dt.weekday()],
        ry=dt.year - 2018,  # the Japanese era year: 令和6年 is 2024
        HH=f"{dt.hour:02d}", MM=f"{dt.minute:02d}", SS=f"{dt.second:02d}", h=h12, AP="PM" if dt.hour >= 12 else "AM")


_ES_UNITS = ("CERO UNO DOS TRES CUATRO CINCO SEIS SIETE OCHO NUEVE DIEZ ONCE DOCE TRECE CATORCE QUINCE DIECISÉIS "
             "DIECISIETE DIECIOCHO DIECINUEVE VEINTE VEINTIUNO VEINTIDÓS VEINTITRÉS VEINTICUATRO VEINTICINCO "
             "VEINTISÉIS VEINTISIETE VEINTIOCHO VEINTINUEVE").split()
_ES_TENS = "_ _ _ TREINTA CUARENTA CINCUENTA SESENTA SETENTA OCHENTA NOVENTA".split()
_ES_HUNDREDS = ("_ CIENTO DOSCIENTOS TRESCIENTOS CUATROCIENTOS QUINIENTOS SEISCIENTOS SETECIENTOS OCHOCIENTOS "
                "NOVECIENTOS").split()


def spanish_words(n: int) -> str:
    """0 <= n < 1,000,000 in Spanish capitals, as Mexican tickets print the amount ('CIENTO VEINTITRÉS')."""
    if n < 30:
        return _ES_UNITS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return _ES_TENS[t] + (f" Y {_ES_UNITS[u]}" if u else "")
    if n < 1000:
        h, rest = divmod(n, 100)
        if n == 100:
            return "CIEN"
        return _ES_HUNDREDS[h] + (f" {spanish_words(rest)}" if rest else "")
    k, rest = divmod(n, 1000)
    words = spanish_words(k)
    if words.endswith("UNO"):  # "VEINTIÚN MIL", "TREINTA Y UN MIL"
        words = words[:-3] + ("ÚN" if words.endswith("VEINTIUNO") else "UN")
    head = "MIL" if k == 1 else f"{words} MIL"
    return head + (f" {spanish_words(rest)}" if rest else "")
