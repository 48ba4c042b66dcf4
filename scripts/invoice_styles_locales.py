"""Country data and text helpers for ``scripts/make_invoice_styles.py``: what a country's invoice says.

Per-country formats, VAT rates and word lists (``Loc``/``LOCS``), month names, item catalogues, amount-in-words for
Russian and Polish, the wording of the it_es layout, generators of parties (names, e-mails, addresses, bank ids), and
the document model (``Party``/``Line``/``Doc``) with its arithmetic. Kept apart from the drawing
(``invoice_styles_layouts.py``) so that each module stays readable; it imports nothing from its companions.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

D = Decimal


def q(x: Decimal) -> Decimal:
    """Round to cents half-up, as invoicing software does."""
    return x.quantize(D("0.01"), ROUND_HALF_UP)


def digits(r: random.Random, pattern: str) -> str:
    """Fill '#' with random digits: one helper for VAT ids, phone numbers, account numbers and the like."""
    return "".join(str(r.randrange(10)) if ch == "#" else ch for ch in pattern)


def pick(r: random.Random, options: str) -> str:
    return r.choice(options.split("|"))


@dataclass(frozen=True)
class Loc:
    """Country data: money/date formats, VAT rates and word lists ('|'-separated) for names and addresses."""

    country: str
    lang: str
    cur: str
    seps: str  # thousands + decimal separator
    sym: str  # symbol placement, e.g. "{n} €"
    code: str  # ISO-code placement
    cms: str  # currency modes to draw from: s(ymbol), c(ode), n(one)
    rates: tuple[str, ...]  # standard VAT rate, optional reduced one
    forms: str  # legal forms
    pats: str  # company names over {a} {b} (surnames), {w} (trade), {f} (form)
    surn: str
    words: str
    first: str
    street: str  # over {s} and {n}
    streets: str
    cities: str  # US: "city=sales tax rate"
    dates: str  # over {d} {dd} {m} {mm} {yy} {yyyy} {M} {Mon}
    phone: str
    tld: str
    mail: str
    banks: str  # "name/BIC" (RU: BIK)
    bban: str  # IBAN body, '#' digit, {B} = BIC bank code; empty: no IBAN
    ids: str  # "key=pattern;..."


LOCS = {x.country: x for x in [
    Loc("US", "en", "USD", ",.", "${n}", "{n} USD", "sssn", ("0",), "LLC|Inc.|Inc.|Corp.|Co.", "{a} {w} {f}|"
        "{a} & {b} {f}", "Miller|Harper|Collins|Bennett|Foster|Reyes|Walsh|Turner|Brooks|Hayes|Porter|Nguyen",
        "Supply|Consulting|Print & Copy|Electric|Landscaping|Office Solutions|Media|Plumbing|Marketing",
        "James|Emily|Michael|Sarah|David|Jessica|Robert|Ashley|Daniel|Megan", "{n} {s}", "Main Street|Oak Avenue|"
        "Market Street|Elm Street|Commerce Drive|Industrial Pkwy|2nd Avenue|Lakeview Blvd", "Austin, TX 78701=8.25|"
        "Denver, CO 80202=8.81|Portland, OR 97205=0|Columbus, OH 43215=7.5|Boston, MA 02108=6.25|"
        "San Diego, CA 92101=7.75|Raleigh, NC 27601=7.25|Madison, WI 53703=5.5", "{M} {d}, {yyyy}|{mm}/{dd}/{yyyy}|"
        "{m}/{d}/{yy}|{Mon} {d}, {yyyy}", "(###) 555-01##", ".com", "billing|accounts|info", "Chase/CHASUS33|"
        "Wells Fargo/WFBIUS6S", "", "ein=##-#######"),
    Loc("GB", "en", "GBP", ",.", "£{n}", "{n} GBP", "sssn", ("20", "5"), "Ltd|Ltd|Limited|LLP", "{a} {w} {f}|"
        "{a} & {b} {f}", "Whitfield|Ashworth|Pemberton|Clarke|Hughes|Fletcher|Gallagher|Marsh|Holloway|Thornton|Baxter|"
        "Lowe", "Joinery|Facilities|Electrical|Print|Building Services|Consulting|Catering|Logistics|Design|Plumbing",
        "Oliver|Amelia|Harry|Isla|George|Sophie|Jack|Charlotte|Thomas|Grace", "{n} {s}", "High Street|Station Road|"
        "Church Lane|Victoria Road|Mill Lane|King Street|Albert Road", "Manchester M1 2AB|Leeds LS1 4DY|"
        "Bristol BS1 5TR|London EC2A 4NE|Nottingham NG1 6FG|Sheffield S1 2HE|Norwich NR2 1NE|York YO1 7HH",
        "{d} {M} {yyyy}|{dd}/{mm}/{yyyy}|{dd}-{Mon}-{yyyy}|{d} {Mon} {yyyy}|{dd}/{mm}/{yy}", "0113 496 0###", ".co.uk",
        "accounts|invoices|info", "Barclays Bank plc/BARCGB22|Lloyds Bank plc/LOYDGB2L|HSBC UK Bank plc/HBUKGB4B",
        "{B}##############", "vat=GB ### #### ##;reg=########"),
    Loc("IE", "en", "EUR", ",.", "€{n}", "{n} EUR", "s", ("23",), "Ltd|Limited|DAC", "{a} {w} {f}|{a} & {b} {f}",
        "Murphy|Kelly|Byrne|Walsh|Doyle|Kavanagh|Nolan", "Consulting|Design|Engineering|Property Services|Architects",
        "Aoife|Conor|Siobhan|Cian|Niamh|Sean", "{n} {s}", "Baggot Street Lower|Grand Canal Quay|Harcourt Street|"
        "South Mall", "Dublin 2, D02 X285|Dublin 4, D04 V1W8|Cork, T12 R2XY|Galway, H91 E2K7", "{d} {M} {yyyy}|"
        "{d} {Mon} {yyyy}", "+353 1 ### ####", ".ie", "billing|accounts", "AIB/AIBKIE2D", "{B}##############",
        "vat=IE#######W;reg=######"),
    Loc("DE", "de", "EUR", ".,", "{n} €", "{n} EUR", "sscn", ("19", "7"), "GmbH|GmbH|GmbH|AG|KG|GmbH & Co. KG|"
        "UG (haftungsbeschränkt)", "{a} & {b} {f}|{a} {w} {f}|{w} {a} {f}", "Brandt|Seidel|Hofmann|Keller|Wagner|"
        "Krüger|Schulte|Lehmann|Vogt|Berger|Hartmann|Lorenz|Engel|Dietrich", "Haustechnik|Druck & Medien|"
        "Elektrotechnik|Metallbau|IT-Service|Logistik|Gebäudeservice|Werbetechnik|Software|Sanitär|Bürobedarf",
        "Anna|Jonas|Laura|Felix|Sabine|Thomas|Katrin|Stefan|Julia|Markus", "{s} {n}", "Hauptstraße|Lindenallee|"
        "Bahnhofstraße|Gartenweg|Am Markt|Industriestraße|Schillerstraße|Friedrichstraße|Mühlenweg",
        "10115 Berlin|80331 München|50667 Köln|20095 Hamburg|70173 Stuttgart|04109 Leipzig|60311 Frankfurt am Main|"
        "90402 Nürnberg|28195 Bremen|01067 Dresden", "{dd}.{mm}.{yyyy}|{dd}.{mm}.{yyyy}|{dd}.{mm}.{yy}|{d}. {M} {yyyy}",
        "0### #######", ".de", "info|buchhaltung|rechnung", "Commerzbank/COBADEFFXXX|Deutsche Bank/DEUTDEDBXXX|"
        "Sparkasse KölnBonn/COLSDE33XXX|GLS Bank/GENODEM1GLS|Berliner Volksbank/BEVODEBBXXX", "##################",
        "vat=DE#########;tax=##/###/#####;reg=#####"),
    Loc("FR", "fr", "EUR", " ,", "{n} €", "{n} EUR", "sssc", ("20", "10"), "SAS|SARL|SAS|EURL|SA",
        "{a} {w} {f}|{a} & {b} {f}|{a} & Fils {f}", "Moreau|Lefèvre|Garnier|Dubois|Girard|Mercier|Fontaine|Chevalier|"
        "Rousseau|Bonnet|Lambert|Faure", "Informatique|Conseil|Bâtiment|Électricité|Nettoyage|Transports|Imprimerie|"
        "Paysage|Menuiserie", "Camille|Julien|Claire|Nicolas|Sophie|Mathieu|Émilie|Antoine|Léa|Pierre", "{n} {s}",
        "rue de la République|avenue Victor Hugo|rue des Lilas|rue du Commerce|boulevard Pasteur|avenue Jean Jaurès|"
        "rue Nationale", "69002 Lyon|75011 Paris|33000 Bordeaux|31000 Toulouse|44000 Nantes|13001 Marseille|"
        "67000 Strasbourg|59000 Lille", "{dd}/{mm}/{yyyy}|{d} {M} {yyyy}|{dd}/{mm}/{yy}|{dd}.{mm}.{yyyy}",
        "0# ## ## ## ##", ".fr", "contact|compta|facturation", "BNP Paribas/BNPAFRPPXXX|Crédit Agricole/AGRIFRPPXXX|"
        "Société Générale/SOGEFRPPXXX", "#######################", "siren=#########;nic=000##;key=##;ape=####Z"),
    Loc("IT", "it", "EUR", ".,", "€ {n}", "{n} EUR", "ssc", ("22", "10"), "S.r.l.|S.r.l.|S.p.A.|S.n.c.|S.a.s.",
        "{a} {w} {f}|{w} {a} {f}|{a} & {b} {f}", "Rossi|Bianchi|Colombo|Ferrari|Esposito|Ricci|Marino|Greco|Bruno|"
        "Gallo|Conti|Costa", "Impianti|Servizi|Informatica|Costruzioni|Trasporti|Grafica|Elettronica|Arredamenti|"
        "Forniture", "Marco|Giulia|Luca|Francesca|Alessandro|Chiara|Matteo|Sara|Davide|Elena", "{s}, {n}",
        "Via Roma|Via Garibaldi|Corso Vittorio Emanuele II|Via Mazzini|Viale dell'Industria|Via Dante Alighieri|"
        "Via Verdi", "20121 Milano (MI)|00184 Roma (RM)|10121 Torino (TO)|40121 Bologna (BO)|50123 Firenze (FI)|"
        "35121 Padova (PD)|37121 Verona (VR)", "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yyyy}|{d} {M} {yyyy}|{dd}-{mm}-{yyyy}|"
        "{dd}/{mm}/{yy}", "0# #### ####", ".it", "amministrazione|info", "Intesa Sanpaolo/BCITITMM|UniCredit/UNCRITMM|"
        "Banco BPM/BAPPIT21", "X######################", "vat=###########;rea=######"),
    Loc("ES", "es", "EUR", ".,", "{n} €", "{n} EUR", "ssc", ("21", "10"), "S.L.|S.L.|S.A.|S.L.U.",
        "{w} {a} {f}|{a} y {b} {f}|{a} {w} {f}", "García|Martínez|López|Sánchez|Romero|Navarro|Torres|Domínguez|"
        "Vázquez|Ruiz|Moreno|Gil", "Construcciones|Reformas|Transportes|Asesores|Instalaciones|Suministros|Diseño|"
        "Limpiezas|Distribuciones", "Carmen|Javier|Lucía|Alejandro|María|Pablo|Marta|Sergio|Elena|Diego", "{s}, {n}",
        "Calle Mayor|Calle de Alcalá|Gran Vía|Avenida de la Paz|Calle del Sol|Calle Serrano|Paseo de Gracia",
        "28013 Madrid|08001 Barcelona|46001 Valencia|41001 Sevilla|48001 Bilbao|29001 Málaga|50001 Zaragoza",
        "{dd}/{mm}/{yyyy}|{dd}/{mm}/{yyyy}|{d} de {M} de {yyyy}|{dd}-{mm}-{yyyy}|{dd}/{mm}/{yy}", "9## ### ###", ".es",
        "administracion|facturacion", "CaixaBank/CAIXESBBXXX|BBVA/BBVAESMMXXX|Banco Santander/BSCHESMMXXX",
        "####################", "vat=B########;tomo=#####;hoja=######"),
    Loc("NL", "nl", "EUR", ".,", "€ {n}", "EUR {n}", "sssn", ("21", "9"), "B.V.|B.V.|B.V.|V.O.F.|N.V.",
        "{a} {w} {f}|{w} {a} {f}|{a} & {b} {f}", "de Vries|Jansen|Bakker|Visser|Smit|Meijer|de Boer|Mulder|Bos|Vos|"
        "Peters|Hendriks", "Installatietechniek|Bouw|ICT|Schoonmaak|Transport|Drukwerk|Advies|Elektro|Hoveniers",
        "Daan|Sanne|Lars|Femke|Bram|Lotte|Thijs|Anouk|Ruben|Eva", "{s} {n}", "Keizersgracht|Stationsstraat|Kerkstraat|"
        "Dorpsstraat|Industrieweg|Molenweg|Hoofdstraat", "1017 AB Amsterdam|3011 AD Rotterdam|3511 LN Utrecht|"
        "5611 EM Eindhoven|9711 LM Groningen|2511 BT Den Haag|6811 AA Arnhem", "{dd}-{mm}-{yyyy}|{d} {M} {yyyy}|"
        "{dd}-{mm}-{yy}|{dd}/{mm}/{yyyy}", "0## ### ####", ".nl", "info|administratie|facturen", "ABN AMRO/ABNANL2A|"
        "Rabobank/RABONL2U|ING/INGBNL2A", "{B}##########", "kvk=########;vat=NL#########B01"),
    Loc("PL", "pl", "PLN", " ,", "{n} zł", "{n} PLN", "ccs", ("23", "8"), "Sp. z o.o.|Sp. z o.o.|Sp. z o.o.|S.A.|"
        "Sp. j.", "{w} {a} {f}|{a} i {b} {f}|{w} {f}", "Kowalski|Nowak|Wiśniewski|Wójcik|Kamiński|Lewandowski|"
        "Zieliński|Szymański|Woźniak|Dąbrowski|Kozłowski|Mazur", "Instal-Bud|Elektro-Serwis|Przedsiębiorstwo Handlowe|"
        "Transport i Spedycja|Usługi Informatyczne|Drukarnia|Budownictwo|Eko-System", "Anna|Piotr|Katarzyna|Tomasz|"
        "Agnieszka|Paweł|Magdalena|Michał|Joanna|Krzysztof", "ul. {s} {n}", "Marszałkowska|Długa|Polna|Kwiatowa|"
        "Przemysłowa|Słoneczna|Mickiewicza", "00-950 Warszawa|31-042 Kraków|50-077 Wrocław|80-831 Gdańsk|61-758 Poznań|"
        "90-410 Łódź|20-008 Lublin", "{yyyy}-{mm}-{dd}|{dd}.{mm}.{yyyy}|{dd}-{mm}-{yyyy}|{dd}.{mm}.{yyyy}",
        "+48 ## ### ## ##", ".pl", "biuro|faktury", "mBank S.A./BREXPLPW|PKO Bank Polski/BPKOPLPW|"
        "Bank Pekao S.A./PKOPPLPW", "########################", "vat=###-###-##-##;regon=#########"),
    Loc("RU", "ru", "RUB", " ,", "{n} ₽", "{n} руб.", "nnnsc", ("20",), "ООО|ООО|ООО|АО", "{f} «{w}»",
        "Иванов|Смирнов|Кузнецов|Попов|Соколов|Лебедев|Козлов|Новиков|Морозов|Волков|Павлов", "Вектор|Техносервис|"
        "СтройМонтаж|Альфа-Трейд|Северный ветер|ПромКомплект|ИнфоСистемы|Гранит|Меридиан|Логистик-Центр|Спектр",
        "Алексей|Ирина|Дмитрий|Елена|Сергей|Ольга|Андрей|Татьяна|Николай|Марина", "ул. {s}, д. {n}",
        "Ленина|Садовая|Гагарина|Мира|Советская|Промышленная|Лесная", "125009, г. Москва|190000, г. Санкт-Петербург|"
        "620014, г. Екатеринбург|630099, г. Новосибирск|420111, г. Казань|603005, г. Нижний Новгород",
        "{dd}.{mm}.{yyyy}|{d} {M} {yyyy} г.|«{dd}» {M} {yyyy} г.", "+7 (###) ###-##-##", ".ru", "info|buh|office",
        "ПАО Сбербанк/044525225|АО «Альфа-Банк»/044525593|Банк ВТБ (ПАО)/044525187", "",
        "vat=77########;kpp=77##01001;rs=40702810############;ks=30101810#00000000###"),
    Loc("CH", "de", "CHF", "'.", "CHF {n}", "CHF {n}", "ccsn", ("8.1", "2.6"), "AG|AG|GmbH|GmbH", "{a} {w} {f}|"
        "{w} {a} {f}|{a} & {b} {f}", "Keller|Meier|Huber|Brunner|Baumann|Gerber|Frei|Widmer|Moser|Steiner|Fischer",
        "Treuhand|Haustechnik|Informatik|Schreinerei|Elektro|Gartenbau|Druckerei|Malerei|Reinigung",
        "Lukas|Sandra|Reto|Nadine|Beat|Corinne|Marco|Andrea|Urs|Simone", "{s} {n}", "Bahnhofstrasse|Seestrasse|"
        "Dorfstrasse|Hauptstrasse|Industriestrasse|Kirchgasse|Poststrasse", "8001 Zürich|3011 Bern|4051 Basel|"
        "6003 Luzern|9000 St. Gallen|8400 Winterthur|5000 Aarau", "{dd}.{mm}.{yyyy}|{d}. {M} {yyyy}|{dd}.{mm}.{yy}",
        "0## ### ## ##", ".ch", "info|buchhaltung", "Zürcher Kantonalbank/ZKBKCHZZ80A|UBS Switzerland AG/UBSWCHZH80A|"
        "PostFinance AG/POFICHBEXXX", "#################", "vat=CHE-###.###.###"),
]}
MONTHS = {"en": "January February March April May June July August September October November December",
          "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
          "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
          "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
          "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
          "nl": "januari februari maart april mei juni juli augustus september oktober november december",
          "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
          "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"}
# "description;unit;base price[;r]" - r marks goods/services at the reduced VAT rate.
ITEMS = {
    "en": "Website maintenance (monthly);mo;450|Consulting services;hr;125|Logo design;ea;650|"
        "Copy paper, 5-ream case;box;38.9|Wireless keyboard and mouse set;ea;49.99|On-site technical support;hr;95|"
        "24-port gigabit network switch;ea;329|Cat6 patch cable, 2 m;ea;4.5|Ergonomic office chair;ea;289|"
        "Software subscription, 12 months;ea;1200|Copywriting (per 1,000 words);ea;85|Office cleaning (monthly);mo;680|"
        "Product photography session;ea;375|Shipping & handling;flat;25|Child car seat;ea;129;r",
    "saas": "Pro plan;seat;29|Business plan;seat;49|Team plan;seat;15|Starter plan;ea;19|Growth plan;ea;249|"
        "Additional storage (100 GB);ea;10|API requests overage (per 10k);ea;2.5|Premium support;ea;199|"
        "Enterprise plan;ea;990|Extra workspace;ea;25|SMS credits (1,000);ea;40",
    "de": "Wartung Heizungsanlage;Std.;78|Montage Heizkörper;Stk.;145|Anfahrtspauschale;pauschal;45|"
        "Kupferrohr 15 mm;m;12.8|Beratung und Konzeption;Std.;95|Webdesign Startseite;pauschal;850|"
        "Flyer DIN A5, 135 g, 5.000 Stk.;Stk.;189|Visitenkarten, 500 Stk.;Stk.;39|"
        "Unterhaltsreinigung Büroräume;pauschal;620|Installation Netzwerkdrucker;Std.;85|Thermostatventil;Stk.;24.9|"
        "Fachbuch Gebäudetechnik;Stk.;49.9;r|Zeitschriften-Abo (12 Monate);Stk.;89;r",
    "fr": "Prestation de conseil;h;110|Développement site web;forfait;2400|Maintenance informatique mensuelle;mois;180|"
        "Câble réseau RJ45 5 m;u;7.9|Frais de déplacement;forfait;60|Formation bureautique (1 jour);jour;650|"
        "Nettoyage des locaux;mois;540|Impression flyers A5 (1000 ex.);u;89|Installation poste de travail;h;75|"
        "Licence logiciel annuelle;u;390|Travaux de rénovation logement;forfait;1850;r|Repas séminaire;pers.;32;r",
    "it": "Consulenza tecnica;ore;80|Manutenzione impianto elettrico;ore;55|Cavo elettrico FG16 3x2,5;m;3.2|"
        "Quadro elettrico completo;pz;420|Sviluppo sito web;a corpo;1800|Assistenza sistemistica;ore;65|"
        "Stampa biglietti da visita;pz;45|Noleggio stampante multifunzione;mese;89|Trasporto e consegna;a corpo;120|"
        "Pulizia uffici;mese;480|Ristrutturazione bagno;a corpo;2600;r|Servizio catering;pz;28;r",
    "es": "Servicios de consultoría;h;75|Mantenimiento informático mensual;mes;150|Diseño gráfico de logotipo;ud;400|"
        "Cable de red Cat6 (5 m);ud;6.5|Instalación de aire acondicionado;ud;380|Transporte y entrega;ud;60|"
        "Limpieza de oficinas;mes;520|Licencia de software anual;ud;299|Impresión de folletos (1000 uds.);ud;95|"
        "Hora de técnico;h;45|Reforma de vivienda;ud;3200;r|Servicio de catering (menú);ud;24;r",
    "nl": "Adviesuren;uur;95|Onderhoud cv-ketel;st;125|Websiteontwikkeling;st;1800|Schoonmaakwerkzaamheden;maand;620|"
        "Voorrijkosten;keer;35|Installatie laadpaal;st;950|Netwerkkabel Cat6 (5 m);st;6.95|"
        "Drukwerk visitekaartjes;st;49|Hostingpakket (12 maanden);st;180|Arbeidsloon monteur;uur;62.5|"
        "Schilderwerk woning;m2;28;r|Lunch workshop;pers.;14.5;r",
    "pl": "Usługa projektowa;godz.;150|Montaż instalacji elektrycznej;usł.;1200|Przewód YDY 3x2,5 mm²;m;4.2|"
        "Usługa transportowa;usł.;350|Papier ksero A4 (karton);szt.;115|Obsługa informatyczna;mies.;900|"
        "Szkolenie BHP;os.;180|Druk ulotek A5 (1000 szt.);szt.;220|Serwis klimatyzacji;usł.;280|"
        "Licencja oprogramowania;szt.;1490|Roboty budowlane w lokalu mieszkalnym;usł.;4800;r|"
        "Usługa cateringowa;os.;55;r",
    "ru": "Бумага офисная А4, 500 л.;пач.;420|Картридж для лазерного принтера;шт;2350|"
        "Монтаж системы видеонаблюдения;усл.;15000|Консультационные услуги;ч;2500|Доставка;усл.;1200|"
        "Кабель ВВГнг 3х2,5;м;98|Техническое обслуживание оборудования;усл.;8500|Ноутбук 15,6\";шт;64900|"
        "Разработка сайта;усл.;45000|Монитор 27\";шт;18990|Стул офисный;шт;5400|Сопровождение 1С (месяц);мес.;7200",
}
HOURLY = {"hr", "Std.", "h", "ore", "uur", "godz.", "ч"}
FLAT = {"flat", "keer", "mo", "pauschal", "forfait", "mois", "a corpo", "mese", "mes", "maand", "mies.", "мес.", "усл.",
        "usł."}
COUNTRY_EN = {"US": "United States", "GB": "United Kingdom", "IE": "Ireland"}
SAAS_NAMES = "Cloudnine|Brightwave|Taskly|Nimbus|Quillbase|Orbitly|Stackhouse|Pixelcraft|Loopwise|Fernhill|Ledgerly"
SLAVIC = {  # ones, feminine one/two, teens, tens, hundreds, thousand forms, million forms
    "ru": ("один два три четыре пять шесть семь восемь девять", "одна две", "десять одиннадцать двенадцать "
           "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать", "двадцать тридцать "
           "сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто", "сто двести триста четыреста пятьсот шестьсот "
           "семьсот восемьсот девятьсот", "тысяча тысячи тысяч", "миллион миллиона миллионов"),
    "pl": ("jeden dwa trzy cztery pięć sześć siedem osiem dziewięć", "jeden dwa", "dziesięć jedenaście dwanaście "
           "trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście", "dwadzieścia "
           "trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt", "sto "
           "dwieście trzysta czterysta pięćset sześćset siedemset osiemset dziewięćset", "tysiąc tysiące tysięcy",
           "milion miliony milionów"),
}

# Printed wording of the it_es layout per country: title, meta labels, client heading, table head, VAT summary head,
# totals labels, page label, payment lines.
IT_ES = {
    "IT": ("FATTURA", "Numero|Data|Scadenza", "Spett.le", "Descrizione|Q.tà|U.M.|Prezzo unit.|IVA %|Importo",
           "Aliquota|Imponibile|Imposta", "Totale imponibile|Totale IVA|Totale documento", "Pag.",
           "Pagamento: bonifico bancario a {k} gg d.f.|Banca d'appoggio: {bank}|IBAN: {iban}"),
    "ES": ("FACTURA", "Nº factura|Fecha|Vencimiento", "Cliente", "Concepto|Cant.|Ud.|Precio|IVA|Importe",
           "Tipo|Base imponible|Cuota", "Base imponible||Total factura", "Página",
           "Forma de pago: transferencia bancaria a {k} días|Banco: {bank}|IBAN: {iban}"),
}


def plural(n: int, forms: str, lang: str) -> str:
    """Slavic noun form for a count: 1 / 2-4 / 5+ (Russian also 21, 31 ... take the singular)."""
    one, few, many = forms.split()
    if (n == 1) if lang == "pl" else (n % 10 == 1 and n % 100 != 11):
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def spell(n: int, lang: str) -> str:
    """Integer in Russian or Polish words, as printed in "Słownie:" / "сумма прописью" lines."""
    ones, fem, teens, tens, hund = (x.split() for x in SLAVIC[lang][:5])
    thousand, million = SLAVIC[lang][5:]

    def chunk(k: int, female: bool) -> list[str]:
        out = [hund[k // 100 - 1]] if k >= 100 else []
        k %= 100
        if 10 <= k < 20:
            return [*out, teens[k - 10]]
        if k >= 20:
            out.append(tens[k // 10 - 2])
        if k % 10:
            out.append(fem[k % 10 - 1] if female and k % 10 <= 2 else ones[k % 10 - 1])
        return out

    words: list[str] = []
    for power, forms, female in ((10**6, million, False), (10**3, thousand, lang == "ru")):
        k = n // power % 1000
        if k:
            words += ([] if k == 1 and lang == "pl" else chunk(k, female)) + [plural(k, forms, lang)]
    words += chunk(n % 1000, False)
    return " ".join(words) or {"ru": "ноль", "pl": "zero"}[lang]


def fdate(dt: date, pattern: str, lang: str) -> str:
    """Format a date with the document's pattern; month names come in the language's (genitive) form."""
    month = MONTHS[lang].split()[dt.month - 1]
    day = "1er" if lang == "fr" and dt.day == 1 else dt.day
    return pattern.format(d=day, dd=f"{dt.day:02d}", m=dt.month, mm=f"{dt.month:02d}", yy=f"{dt.year % 100:02d}",
                          yyyy=dt.year, M=month, Mon=month[:3])


def iban(r: random.Random, country: str, pattern: str) -> str:
    """A syntactically valid IBAN (mod-97 check digits) so that nothing looks obviously fake."""
    bban = digits(r, pattern)
    check = 98 - int("".join(str(int(ch, 36)) for ch in bban + country + "00")) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass
class Party:
    name: str
    form: str
    street: str
    city: str
    person: str
    phone: str
    email: str
    bank: str
    bic: str
    iban: str
    ids: dict[str, str]
    tax_rate: str = "0"  # US: combined sales tax of the city


def person(r: random.Random, L: Loc) -> str:
    """A contact name; Polish/Russian women get the feminine surname, otherwise the name looks machine-made."""
    first, last = pick(r, L.first), pick(r, L.surn)
    if first[-1] in "aа" and L.lang in ("pl", "ru"):  # feminine surname forms
        last = re.sub(r"([sc]k|dzk)i$", r"\1a", last) if L.lang == "pl" else last + "а"
    return f"{first} {last}"


def email(r: random.Random, L: Loc, name: str, form: str) -> str:
    """An address whose domain matches the company name, as on real letterheads."""
    base = name.replace(form, "").replace("ИП ", "") if form else name
    if L.lang == "ru":  # transliterate for the domain
        latin = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh sch _ y _ e yu ya".split()
        tr = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", latin, strict=True))
        base = "".join(tr.get(ch, ch) for ch in base.lower()).replace("_", "")
    ascii_ = unicodedata.normalize("NFKD", base.lower()).encode("ascii", "ignore").decode()
    return f"{pick(r, L.mail)}@{'-'.join(re.findall(r'[a-z0-9]{2,}', ascii_)[:2])}{L.tld}"


def party(r: random.Random, L: Loc, saas: bool = False) -> Party:
    """A company (seller or buyer) with a name in the country's patterns, address, bank and registration ids."""
    a, b = r.sample(L.surn.split("|"), 2)
    form = pick(r, L.forms)
    if saas:
        name = f"{pick(r, SAAS_NAMES)} {pick(r, 'Labs|Software|Technologies|Analytics|Cloud|HQ')} {form}"
    else:
        name = pick(r, L.pats).format(a=a, b=b, w=pick(r, L.words), f=form)
    if form == "Inc." and r.random() < 0.5:
        name = name.replace(" Inc.", ", Inc.")
    name = name[0].upper() + name[1:]
    city, _, rate = pick(r, L.cities).partition("=")
    bank, _, bic = pick(r, L.banks).partition("/")
    return Party(name, form, L.street.format(s=pick(r, L.streets), n=r.randint(1, 120)), city, person(r, L),
                 digits(r, L.phone), email(r, L, name, form), bank, bic,
                 iban(r, L.country, L.bban.replace("{B}", bic[:4])) if L.bban else "",
                 {k: digits(r, v) for k, v in (kv.split("=") for kv in L.ids.split(";"))}, rate or "0")


@dataclass
class Line:
    desc: str
    unit: str
    qty: Decimal
    price: Decimal
    rate: Decimal

    @property
    def net(self) -> Decimal:
        return q(self.qty * self.price)


@dataclass
class Doc:
    """One invoice's content and its arithmetic; renderers only decide how it looks."""

    style: str
    L: Loc
    seller: Party
    buyer: Party
    no: str
    issued: date
    due: date
    delivered: date
    lines: list[Line]
    cm: str  # currency mode for totals: s / c / n
    dpat: str
    seps: str
    disc_pct: Decimal = D(0)
    paid_share: Decimal = D(0)
    gross: bool = False  # prices include VAT (Russian счёт): VAT is extracted from the gross sum
    show_net: bool = True
    show_tax: bool = True
    printed_total: str = ""
    vat: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.items = sum((ln.net for ln in self.lines), D(0))
        self.disc = q(self.items * self.disc_pct / 100)
        self.net = self.items - self.disc
        for rate in sorted({ln.rate for ln in self.lines}, reverse=True):
            base = sum((ln.net for ln in self.lines if ln.rate == rate), D(0)) - self.disc
            self.vat[rate] = (base, q(base * rate / (100 + rate) if self.gross else base * rate / 100))
        self.tax = sum((t for _, t in self.vat.values()), D(0))
        self.total = self.net if self.gross else self.net + self.tax
        self.net = self.total - self.tax
        share = self.total * self.paid_share  # deposits are round sums, a full payment is exact
        self.paid = q(share) if self.paid_share == 1 else D(int(share / 50) * 50)
        self.bal = self.total - self.paid

    def n(self, x: Decimal) -> str:
        whole, cents = f"{abs(x):,.2f}".split(".")
        return ("-" if x < 0 else "") + whole.replace(",", self.seps[0]) + self.seps[1] + cents

    def m(self, x: Decimal, mode: str = "") -> str:
        """Money as printed: bare number, with the symbol or with the ISO code, in the country's placement."""
        mode = mode or self.cm
        s = self.n(abs(x)) if mode == "n" else (self.L.sym if mode == "s" else self.L.code).format(n=self.n(abs(x)))
        return ("-" if x < 0 else "") + s

    def dt(self, x: date) -> str:
        return fdate(x, self.dpat, self.L.lang)

    def pct(self, rate: Decimal, sp: str = " ") -> str:
        return f"{rate.normalize():f}".replace(".", self.seps[1]) + sp + "%"

    def qty(self, x: Decimal) -> str:
        return str(int(x)) if x == x.to_integral() else self.n(x)
