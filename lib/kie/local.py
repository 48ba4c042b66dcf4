"""Local KIE: layout-aware field extraction from an OCR Document, in process, on CPU.

How it works, in three steps:
1. Rows: spans whose vertical extents overlap are one printed row (a label at the left, its value at the right).
2. Labels: each row's text left of its first amount is classified by keywords (English, Malay, German, French,
   Russian), matched exactly first and fuzzily (OCR noise) second, e.g. TOTAL / ROUNDED TOTAL / SUBTOTAL / GST.
3. Candidates: the amounts to the right of a label or in the row below it become candidates with a score from
   the label's strength, position on the page, and plausibility; the best set that adds up
   (subtotal + tax ≈ total) wins. Dates are scored by nearby "date" labels and position; the merchant is the
   best header row that is not an address, phone, id or document title (rule-scored candidates, re-ranked by a
   small learned model, ``lib.kie.ranker``, when its weights are shipped).

Values stay raw strings ("RM 9.00"): normalization belongs to ``lib.post.rules``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from lib.kie.base import FieldCandidate, KieResult
from lib.kie.candidates import (
    _CENTS,
    _Amount,
    _candidate,
    _cents,
    _column_table,
    _currency_token,
    _labelled_rows,
    _LabelledRow,
    _Scored,
    _sum_of,
    _value_for_label,
)
from lib.kie.dates import choose_date
from lib.kie.labels import _LABEL_WEIGHT, _norm, classify_label
from lib.kie.legal_forms import LEGAL_SUFFIX
from lib.kie.merchant import (
    MerchantCandidate,
    _is_not_merchant,
    document_merchant_candidates,
    legal_under_venue,
    merchant_candidates,
    repair_name,
)
from lib.kie.parties import Parties, find_parties
from lib.kie.ranker import KieRanker, TotalRanker, default_ranker
from lib.kie.rows import Row, group_rows
from lib.kie.seller_evidence import (
    legal_line_of_brand,
    legal_line_of_initials,
    repair_merchant,
    seller_evidence,
    sole_trader_of_brand,
)
from lib.kie.slid import cash_holds, equations, paid_exactly, printed_absurd, risen_amounts, slid_amounts
from lib.kie.tax_lines import (
    choose_tax,
    gross_not_net,
    no_vat_no_net,
    rate_base_taxes,
    rate_table,
    tax_from_rate_row,
    tax_included_line,
)
from lib.kie.totals import euro_not_leva, rounded_payable, total_candidates, total_facts, with_tip
from lib.ocr_document import OcrDocument
from lib.post.currency import yen_read_for_rupee
from lib.post.dates import parse_date
from lib.post.rules import detect_currency

__all__ = ["AmountEvidence", "LocalKie", "MerchantCandidate", "Row", "classify_label", "collect_amounts",
           "document_merchant_candidates", "document_merchant_choice", "document_total_candidates", "group_rows",
           "merchant_choice",
           "merchant_candidates", "LOCAL_KIE_VERSION"]

LOCAL_KIE_VERSION = "local-kie-1.28"


_CURRENCY_LABEL = re.compile(r"(?:W[AÄ]HRUNG|CURRENCY|DEVISE|VALUTA|MONEDA|DIVISA|WALUTA|ВАЛЮТА)(?!\s+der)\W{0,3}"
                             r"([A-Z]{3})\b", re.IGNORECASE)


@dataclass(slots=True)
class AmountEvidence:
    """What ``collect_amounts`` found: candidates per target field and the evidence around them."""

    scored: dict[str, list[_Scored]]
    paid: dict[str, list[float]]
    adjustments: list[float]
    has_cents: bool
    table_gross: int | None = None  # the VAT table's gross column summed, whole cents ("brutto 18,30 / 20,80")


_PAID = re.compile(r"\bPAID\b|\bBEZAHLT\b|\bGEZAHLT\b|\bPAY[EÉ]\b|\bR[EÉ]GL[EÉ]\b|\bBETAALD\b|\bPAGAD[OA]\b|"
                   r"\bPAGATO\b|\bZAP[LŁ]ACONO\b|\bОПЛАЧЕНО\b",
                   re.IGNORECASE)


def _has_prepayment(items: list[_LabelledRow]) -> bool:
    """Whether part of the bill was paid before: a prepayment line, "Amount paid -1,053.15" (negative), or a paid
    line ("Pagado 15.527,66", "Zapłacono …") with a balance due after it. On a till receipt what was paid comes
    after the amount due, and is a payment."""
    first_paid = None
    for i, it in enumerate(items):
        if not it.amounts:
            continue
        if it.label == "prepaid":
            return True
        paid = bool(_PAID.search(it.label_text))
        if paid and it.amounts[-1].value < 0:
            return True
        if paid and first_paid is None and it.label in ("cash", "total_strong", None):
            first_paid = i
        if it.label == "due" and first_paid is not None:
            return True
    return False


def collect_amounts(items: list[_LabelledRow], n_rows: int) -> AmountEvidence:
    """Every labelled amount scored for total / subtotal / tax, what was paid (cash, change), rounding
    adjustments, and whether prices print cents: what the total, subtotal and tax are chosen from."""
    scored: dict[str, list[_Scored]] = {"total": [], "subtotal": [], "tax": []}
    paid: dict[str, list[float]] = {"cash": [], "change": []}
    roundings: list[tuple[_LabelledRow, _Amount | None]] = []
    after_rounding = False
    prepaid = _has_prepayment(items)
    # a bill-level label ("Total payable", "Amount due", "Grand total") printed without a tax rate
    payable = any(it.label in ("total_strong", "due") and it.amounts and "%" not in it.label_text for it in items)
    for i, item in enumerate(items):
        if item.label == "balance":
            item.label = "change" if paid["cash"] else "total"
        if item.label == "cash" and prepaid and _PAID.search(item.label_text) and any(
                it.label == "due" and it.amounts for it in items[i + 1:i + 3]):
            continue  # "Pagado 138,16 / Saldo pendiente 138,16" under the total: part paid before, not a tender
        if item.label in ("cash", "change"):
            amount, _ = _value_for_label(items, i)
            if amount is not None:
                paid[item.label].append(amount.value)
            continue
        if item.label == "rounding":
            after_rounding = True
            right = [a for a in item.amounts if a.bbox[2] > item.label_x2 + 1]
            roundings.append((item, right[-1] if right else None))
            # The rounded total often follows on an unlabelled row ("RM 60.30").
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.label is None and nxt.amounts and nxt.row.page == item.row.page:
                scored["total"].append(_Scored(nxt.amounts[-1], 2.5 + nxt.row.index / n_rows, "after_rounding"))
            continue
        target = {"total_strong": "total", "due": "total", "total": "total", "subtotal": "subtotal",
                  "tax": "tax"}.get(item.label or "")
        if target is None:
            continue
        amount, distance_penalty = _value_for_label(items, i)
        if amount is None:
            continue
        if target == "total" and amount.value < 0 and _PAID.search(item.label_text):
            continue  # "Amount paid -$564.87": a prepayment, never the bill
        if target == "tax" and "%" in amount.raw:
            continue
        position = item.row.index / n_rows  # later rows are more often the final total
        score = _LABEL_WEIGHT.get(item.label or "", 1.0) + position - distance_penalty
        if item.label == "due" and prepaid:
            score -= 2.0  # "Amount due" after a previous balance or a prepayment: the balance, not the total
        if target == "total":
            if after_rounding:
                score += 1.0  # a total printed after the rounding line is the rounded, final one
            if "%" in item.label_text:
                score -= 2.0 if payable else 1.0  # "Total 6% supplies": a total per tax rate, not the bill
        if item.in_summary:
            score -= 1.5
        scored[target].append(_Scored(amount, score, item.label or ""))

    # Rounding rows: a small amount is the adjustment; a total-sized one is the rounded total itself
    # ("Rounded Total 18.80", "Total After Adj Incl GST 42.50", "Rounding RM 42.35").
    adjustments: list[float] = []
    labelled_totals = [c.amount.value for c in scored["total"]]
    for item, amount in roundings:
        if amount is None:
            continue
        names_total = bool(re.search(r"\b(TOTAL|TTL|ROUNDED|AFTER|NETT?)\b", _norm(item.label_text)))
        near_total = any(abs(amount.value - v) <= 0.10 for v in labelled_totals)
        if abs(amount.value) >= 0.10 and (names_total or near_total):
            scored["total"].append(_Scored(amount, 3.5 + item.row.index / n_rows, "rounded"))
        elif abs(amount.value) <= 0.50:  # a cash rounding: up to 0,50 where prices round to whole crowns
            adjustments.append(amount.value)

    position = lambda a: a.row.index / n_rows  # noqa: E731
    table_gross = None
    table = _column_table(items)
    # no amount of the VAT table's tax column is the total (its sum row under a bill word: "Summe ‖ 27.92 ‖ 1.35"
    # below "Steuer ‖ Brutto ‖ MWST")
    tax_column = {id(a) for kind in ("tax", "tax_rows") for a in table.get(kind, [])}
    scored["total"] = [c for c in scored["total"] if id(c.amount) not in tax_column]
    for kind, amounts in table.items():
        scored_amount = _sum_of([_Scored(a, 0.0, kind) for a in amounts]).amount if len(amounts) > 1 else amounts[0]
        if kind == "gross":
            table_gross = _cents(scored_amount.value)  # evidence for a misread total, never a candidate itself
        elif kind == "net":
            scored["subtotal"].append(_Scored(scored_amount, 1.2 + position(scored_amount), "table_net"))
        elif kind == "tax":
            scored["tax"].append(_Scored(scored_amount, 1.5 + position(scored_amount), "table_tax"))
        elif kind == "net_rows":  # the rows' sum where the printed sum row says otherwise: a weaker alternative
            scored["subtotal"].append(_Scored(scored_amount, 1.0 + position(scored_amount), "table_net"))
        elif kind == "tax_rows":
            scored["tax"].append(_Scored(scored_amount, 1.3 + position(scored_amount), "table_tax"))

    has_cents = sum(1 for it in items for a in it.amounts if _CENTS.search(a.raw)) >= 2  # prices in cents
    return AmountEvidence(scored, paid, adjustments, has_cents, table_gross)


# What was handed over, not what was billed: "Amount paid", "Total paid", "Tendered", "Bezahlt", "Payé".
_PAYMENT_LABEL = re.compile(r"\b(PAID|TENDERED|TENDER|BEZAHLT|GEZAHLT|GEGEBEN|PAYE|PAGADO|PAGATO|BETAALD|"
                            r"ОПЛАЧЕНО|ПОЛУЧЕНО)\b")


def _payment_lines_lose(candidates: list[_Scored], items: list[_LabelledRow], sum_cents: set[int]) -> None:
    """Arithmetic beats a payment label: when a labelled total is what subtotal + tax make ("Total 120.00"), a
    payment line that is not ("Amount paid 500.00": cash handed over) loses, and so does an amount due that is that
    total less a payment (the balance left)."""
    label_of = {it.row.index: _norm(it.label_text) for it in items if it.label_text}
    paying = [c for c in candidates if _PAYMENT_LABEL.search(label_of.get(c.amount.row.index, ""))]
    if not paying:
        return
    # "Total 48,648.27", "Amount paid 24,324.14", "Balance due 24,324.13": a deposit paid, the rest due — the total
    # is what the two make, as surely as if subtotal + tax made it
    paid_now = {_cents(c.amount.value) for c in paying}
    dues = {_cents(c.amount.value) for c in candidates if c.label == "due" and c not in paying}
    sum_cents = sum_cents | {_cents(c.amount.value) for c in candidates if c.label in ("total", "total_strong")
                             and c not in paying and any(_cents(c.amount.value) - p in dues for p in paid_now)}
    if not any(c.label in ("total", "total_strong", "due") and c not in paying
                             and _cents(c.amount.value) in sum_cents for c in candidates):
        return
    for cand in paying:
        if _cents(cand.amount.value) not in sum_cents:
            cand.score -= 2.0
    # "Amount paid 3,795.70" then "Amount outstanding 8,856.63": what is left after the payment, not the bill
    paid_cents = {_cents(c.amount.value) for c in paying}
    for cand in candidates:
        if (cand.label == "due" and cand not in paying and _cents(cand.amount.value) not in sum_cents
                and any(_cents(cand.amount.value) + p in sum_cents for p in paid_cents)):
            cand.score -= 2.0


def document_total_candidates(document: OcrDocument) -> tuple[list[_Scored], list[dict[str, float]]]:
    """The total candidates ``LocalKie`` chooses from, with the rules' scores and the facts the total ranker reads
    (for training and tests; ``extract_sync`` builds them inline)."""
    rows = group_rows(document)
    items = _labelled_rows(rows)
    evidence = collect_amounts(items, max(1, len(rows)))
    candidates, found = total_candidates(evidence.scored, items, evidence.paid, evidence.has_cents,
                                         evidence.adjustments, evidence.table_gross)
    if found is None:
        return [], []
    _payment_lines_lose(candidates, items, found.sum_cents)
    return candidates, total_facts(candidates, found, items)


def merchant_choice(items: list[_LabelledRow], parties: Parties | None = None,
                    ) -> tuple[FieldCandidate | None, list[MerchantCandidate]]:
    """The seller named in a labelled party block (then no choice is left), else the header-row candidates the
    rules and the merchant ranker choose from, buyer blocks left out when anything else is left. ``parties``: the
    page's party blocks when the caller has found them already."""
    parties = parties if parties is not None else find_parties(items)
    if (parties.seller is not None and not _is_not_merchant(parties.seller.raw, True)
            and not _till_clerk(parties.seller.raw, parties.buyer_names, items)):
        seller = parties.seller  # the name in the block labelled "Seller / Verkäufer / Продавец …"
        return replace(seller, raw=repair_name(seller.raw)), []
    candidates = merchant_candidates(items)
    buyer_names = parties.buyer_names | {repair_name(n) for n in parties.buyer_names}  # as candidates spell them
    outside = [c for c in candidates if c.rows[0].index not in parties.buyer_rows
               and c.text not in buyer_names and not _ends_with_buyer(c.text, buyer_names)]
    return None, outside or candidates  # never the buyer, when anything else is left


# "Javier", "JAVIER", "Javier López", "Javier L.", "012 Javier", "Łukasz", "Ольга" (not "MillbrookConsultingLimited")
_ONE_NAME = re.compile(r"^(?:\d{1,4}\s+)?[^\W\d_][^\W\d_'-]{1,14}(?:\s+[^\W\d_][^\W\d_'-]{0,14}\.?)?$")
# The salesperson's words that are also the seller party's labels in invoices ("Vendedor: Javier" on a till)
_SALESPERSON = re.compile(r"^\W*(?:VENDEDORA?|VENDEU(?:R|SE)|VERK[AÄ]UFER(?:IN)?|VENDITORE|VERKOPER|SPRZEDAWCA|"
                          r"ПРОДАВЕЦ)\W*", re.IGNORECASE)


def _till_clerk(seller: str, buyer_names: set[str], items: list[_LabelledRow]) -> bool:
    """A till's salesperson, "Vendedor: Javier", not the seller party: a first name (and a surname) after a word
    that means both, on a page whose buyer's block (if any) names no one — a card slip's "CLIENTE" over its card
    number names no one; an invoice's seller block names a company beside its buyer ("Vendedor: Transportes Ortega
    S.L." ‖ "Comprador: …")."""
    name = seller.strip()
    if any(sum(c.isalpha() for c in buyer) >= 3 for buyer in buyer_names):
        return False
    return bool(_ONE_NAME.match(name)) and not LEGAL_SUFFIX.search(name) and any(
        _SALESPERSON.match(item.row.text) and item.row.text.rstrip().endswith(name) for item in items)


def _ends_with_buyer(text: str, buyer_names: set[str]) -> bool:
    """A row that ends in a buyer's name, with another column's value glued before it ("06/02/2024 Serwis
    Komputerowy S.A." where "Fecha de emisión 06/02/2024" stands beside "FACTURAR A")."""
    return any(len(name) >= 8 and text.endswith(name) and text != name for name in buyer_names)


def document_merchant_choice(document: OcrDocument) -> tuple[FieldCandidate | None, list[MerchantCandidate]]:
    """``merchant_choice`` on a whole document (for training and tests)."""
    return merchant_choice(_labelled_rows(group_rows(document)))


class LocalKie:
    """The embedded KIE backend (no network, no GPU)."""

    name = "local"

    def __init__(self, ranker: KieRanker | None | Literal["shipped"] = "shipped",
                 total_ranker: TotalRanker | None = None) -> None:
        """``ranker``: the learned merchant re-ranker; by default the shipped weights (if the file is there),
        ``None`` for the hand-written rules alone. ``total_ranker``: a learned total re-ranker (off by default:
        it did not beat the rules held-out, docs/accuracy.md "Learned total ranker (k-fold)")."""
        self.ranker: KieRanker | None = default_ranker() if isinstance(ranker, str) else ranker
        self.total_ranker = total_ranker
        self.model_version = LOCAL_KIE_VERSION + "".join(
            f"+{r.version}" for r in (self.ranker, self.total_ranker) if r is not None)

    async def extract(self, document: OcrDocument) -> KieResult:
        """In a worker thread: a few ms for a receipt, but a huge document must not stall the event loop."""
        return await asyncio.to_thread(self.extract_sync, document)

    def extract_sync(self, document: OcrDocument) -> KieResult:
        rows = group_rows(document)
        items = _labelled_rows(rows)
        n_rows = max(1, len(rows))
        fields: dict[str, FieldCandidate | None] = {}

        fields["date"] = choose_date(items)
        day = parse_date(fields["date"].raw) if fields["date"] else None
        total, subtotal, tax = self._choose_amounts(items, n_rows, day)
        held, broken = equations(items, total, subtotal, tax)
        photo = any(page.source == "ocr" for page in document.pages)  # (a text layer's columns never slide)
        if photo and (held == 0 or broken > 0):  # the bill adds up nowhere as printed, or contradicts itself
            total, subtotal, tax = self._shifted_amounts(items, n_rows, day, (total, subtotal, tax)) or (
                total, subtotal, tax)
        strong = total is not None and total.label in ("total_strong", "due", "rounded", "after_rounding")
        fields["total"] = _candidate(total, 0.9 if strong else 0.75)
        fields["subtotal"] = _candidate(subtotal, 0.7)
        fields["tax_amount"] = _candidate(tax, 0.7)
        fields["merchant"] = self._choose_merchant(items)
        text = "\n".join(row.text for row in rows)
        fields["currency"] = self._choose_currency(total, document, text)
        return KieResult(fields=fields, backend=self.name, model_version=self.model_version, text=text)

    def _shifted_amounts(self, items: list[_LabelledRow], n_rows: int, day: dt.date | None,
                         printed: tuple[_Scored | None, _Scored | None, _Scored | None],
                         ) -> tuple[_Scored | None, _Scored | None, _Scored | None] | None:
        """Total, subtotal and tax read with a photo's amount column moved back one row (lib/kie/slid.py): slid down
        (taken if the bill then adds up twice, or, where the ``printed`` reading is absurd, once with nothing
        broken), else risen (taken if nothing then breaks and cash − total = change holds, or, where the printed
        reading is absurd, if the card paid exactly the risen total or subtotal + tax = total then holds); None
        when neither (absurd: ``printed_absurd``)."""
        absurd = printed_absurd(items, *printed)
        if (shifted := slid_amounts(items)) is not None:
            alternative = self._choose_amounts(shifted, n_rows, day)
            held, broken = equations(shifted, *alternative)
            if broken == 0 and (held == 2 or absurd and held > 0):
                return alternative
        if (risen := risen_amounts(items)) is not None:
            alternative = self._choose_amounts(risen, n_rows, day)
            held, broken = equations(risen, *alternative)
            if broken == 0 and (cash_holds(risen, alternative[0]) or absurd and (
                    paid_exactly(risen, alternative[0]) or held > 0)):
                return alternative
        return None

    def _choose_amounts(self, items: list[_LabelledRow], n_rows: int,
                        day: dt.date | None) -> tuple[_Scored | None, _Scored | None, _Scored | None]:
        """Total, subtotal and tax from the labelled rows."""
        evidence = collect_amounts(items, n_rows)
        scored = evidence.scored
        total = self._choose_total(evidence, items, day)
        subtotal = max(scored["subtotal"], key=lambda s: s.score, default=None)
        tax = rate_base_taxes(items, total) or choose_tax(scored["tax"], total, subtotal)
        if tax is None:
            tax = tax_from_rate_row(items, total, subtotal) or tax_included_line(items, total)
        if subtotal is None or tax is None:
            table = rate_table(items, total, tax)  # (a VAT table found by its own arithmetic: see its docstring)
            if table is not None and subtotal is None:
                subtotal, tax = table
            elif table is not None and subtotal is not None and _cents(table[0].amount.value) == _cents(
                    subtotal.amount.value):  # "IVA ‖ Base ‖ IVA" / "23,00% ‖ 25,21 ‖ 5,80 ‖ 31,01": net read, no tax
                tax = table[1]
        if total is not None and tax is not None and tax.amount.value and (
                subtotal is None or abs(subtotal.amount.value + tax.amount.value - total.amount.value) > 0.02):
            # The net amount printed under another label ("Sub ‖ Total 150.00" over two rows; "Subtotal less
            # discount 1436" below "Subtotal 1440"): the amount that is total − tax, if one is printed.
            net = _cents(total.amount.value - tax.amount.value)
            labelled = sorted(scored["total"] + scored["subtotal"], key=lambda c: -c.score)
            printed = [_Scored(a, 0.0, "net") for it in items if it.label not in ("ignore", "cash", "change")
                       for a in it.amounts if _CENTS.search(a.raw) or "." not in a.raw]
            subtotal = next((c for c in labelled + printed if _cents(c.amount.value) == net
                             and c.amount is not total.amount and c.amount is not tax.amount), subtotal)
        if gross_not_net(subtotal, tax, total, items) or no_vat_no_net(subtotal, tax, total, items):
            subtotal = None  # "Zwischensumme 25,73 / Coupon -5,00 / Summe 20,73 / MwSt enthalten 1,95": no net printed
        return with_tip(items, total), subtotal, tax


    # -- total
    def _choose_total(self, evidence: AmountEvidence, items: list[_LabelledRow],
                      day: dt.date | None = None) -> _Scored | None:
        """The rules' best total candidate (the first of equal scores), or, with a total ranker, its choice (the
        document's ``day`` says which currency a two-currency Bulgarian document is in)."""
        candidates, found = total_candidates(evidence.scored, items, evidence.paid, evidence.has_cents,
                                             evidence.adjustments, evidence.table_gross)
        if not candidates or found is None:
            return None
        _payment_lines_lose(candidates, items, found.sum_cents)
        if self.total_ranker is not None:
            return candidates[self.total_ranker.choose([c.score for c in candidates],
                                                       total_facts(candidates, found, items))]
        best = candidates[max(range(len(candidates)), key=lambda i: (candidates[i].score, -i))]
        return rounded_payable(euro_not_leva(best, candidates, day), candidates, items)

    # -- merchant
    def _choose_merchant(self, items: list[_LabelledRow]) -> FieldCandidate | None:
        """The rules' best header row (the first of equal scores), or, with a ranker, the ranker's best."""
        parties = find_parties(items)  # (once: the buyer's rows are asked for again below)
        seller, candidates = merchant_choice(items, parties)
        if seller is not None:
            return seller
        header: FieldCandidate | None = None
        if candidates:
            if self.ranker is not None:
                scores = self.ranker.score_merchants(candidates)
                best = legal_under_venue(candidates[max(range(len(candidates)), key=lambda i: (scores[i], -i))],
                                          candidates)
            else:
                best = candidates[max(range(len(candidates)), key=lambda i: (candidates[i].score, -i))]
            header = best.field()
        evidence_of = functools.cache(lambda: seller_evidence(items, parties.buyer_rows, parties.buyer_names))
        header = legal_line_of_brand(legal_line_of_initials(header, items, evidence_of), items, parties.buyer_rows)
        header = sole_trader_of_brand(header, items, parties.buyer_rows)
        # An unreadable logo: the name the page prints elsewhere (legal footer, domain, "thank you for shopping at")
        return repair_merchant(header, evidence_of)

    # -- currency
    @staticmethod
    def _choose_currency(total: _Scored | None, document: OcrDocument, text: str) -> FieldCandidate | None:
        for page_no, page in enumerate(document.pages):  # "Rechnungswährung: GBP", "Валюта: RUB": said in words
            for span in page.spans:
                m = _CURRENCY_LABEL.search(span.text)
                if m:
                    return FieldCandidate(raw=m.group(1), confidence=0.9, bbox=span.bbox, page=page_no)
        if total is not None:
            token = _currency_token(total.amount.row.text)
            if token in ("¥", "￥") and yen_read_for_rupee(text):
                token = "₹"  # the rupee sign read "¥" on a bill with Indian GST ids or rupees in words
            if token:
                return FieldCandidate(raw=token, confidence=0.9, bbox=total.amount.bbox, page=total.amount.row.page)
        code = detect_currency(text)
        if code == "JPY" and yen_read_for_rupee(text):
            code = "INR"  # (… "¥" on item lines only)
        return FieldCandidate(raw=code, confidence=0.6) if code else None


