"""All fields together: normalize every raw candidate and check the amounts against each other
(subtotal + tax = total), lowering the confidence of fields that disagree."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from lib.kie.base import FIELDS, FieldCandidate
from lib.post.amounts import parse_amount
from lib.post.currency import (
    _CURRENCY_EXACT,
    _DOLLAR,
    _YEN,
    BULGARIA_EURO_DAY,
    _currency_scores,
    _resolve_currency,
    detect_currency,
)
from lib.post.dates import _scan_dates, _scan_whole_loose, document_day_first
from lib.post.merchant import normalize_merchant

__all__ = ["NormalizedFields", "normalize_fields"]

_SUM_ABS_TOLERANCE = 0.02
_SUM_REL_TOLERANCE = 0.01  # covers cash rounding such as Malaysia's 5-sen rounding
_INCONSISTENT_FACTOR = 0.5  # confidence multiplier for fields that fail a consistency check
_SWAPPED_DATE_FACTOR = 0.8  # confidence multiplier when the date needed the swapped reading
_DETECTED_CURRENCY_CONFIDENCE = 0.5  # currency inferred from document text, not read from a field

# --------------------------------------------------------------------------------------------------------------
# All fields
# --------------------------------------------------------------------------------------------------------------

_AMOUNT_FIELDS = ("subtotal", "tax_amount", "total")
_REFUND_MARK = re.compile(r"[-−–]|(?<![A-Za-z])CR(?![A-Za-z])|refund|возврат", re.IGNORECASE)
_US_LANGS = frozenset({"en-us", "en_us", "us"})


@dataclass(slots=True)
class NormalizedFields:
    """Typed values by field (all of FIELDS, ``None`` = not found), per-field confidence 0..1, warnings."""

    data: dict[str, Any]
    confidence: dict[str, float]
    warnings: list[str] = field(default_factory=list)
    ruleset_version: str = field(default_factory=lambda: _ruleset_version())

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": dict(self.data),
            "confidence": {k: round(v, 4) for k, v in self.confidence.items()},
            "warnings": list(self.warnings),
            "ruleset_version": self.ruleset_version,
        }




def _round2(x: float) -> float | None:
    try:
        return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):  # inf, nan or absurdly large: not an amount
        return None


def _clamp(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if v != v else min(1.0, max(0.0, v))  # NaN -> 0


def _as_candidate(c: Any) -> FieldCandidate | None:
    if c is None or isinstance(c, FieldCandidate):
        return c
    if isinstance(c, Mapping) and "raw" in c:
        return FieldCandidate.from_dict(dict(c))
    return None


def normalize_fields(
    fields: Mapping[str, FieldCandidate | None],
    *,
    document_text: str = "",
    lang: str | None = None,
    today: _dt.date | None = None,
    checks: bool = True,
) -> NormalizedFields:
    """Parse every raw candidate, keep its confidence, and cross-check the amounts.

    ``checks=False`` (``RULES_ENABLED=false``) parses and normalizes only, skipping the consistency checks.

    - currency: the currency candidate's raw text; else evidence in the amount candidates and ``document_text``
      (confidence 0.5, since nothing pointed at it).
    - date: day-first unless the currency is USD or ``lang`` is US English; ``today`` bounds plausibility.
    - subtotal + tax_amount must equal total within max(0.02, 1 % of total), or subtotal must equal total
      (tax-inclusive receipts); otherwise the three confidences are halved and a warning is added. A missing
      third value is never invented.
    - a negative amount whose raw text has no refund mark ("-", "CR", "refund", "возврат") is kept, with a warning.
    """
    if not isinstance(fields, Mapping):
        fields = {}
    cands = {name: _as_candidate(fields.get(name)) for name in FIELDS}
    data: dict[str, Any] = dict.fromkeys(FIELDS)
    conf: dict[str, float] = dict.fromkeys(FIELDS, 0.0)
    warnings: list[str] = []

    def raw_of(name: str) -> str:
        c = cands[name]
        return c.raw if c is not None and isinstance(c.raw, str) else ""

    def keep(name: str, value: Any) -> None:
        c = cands[name]
        if value is None:
            if c is not None and raw_of(name).strip():
                warnings.append(f"{name}: could not parse {raw_of(name)!r}")
            return
        data[name] = value
        conf[name] = _clamp(c.confidence) if c is not None else 0.0

    # merchant
    keep("merchant", normalize_merchant(raw_of("merchant")) if cands["merchant"] else None)

    # currency
    currency = None
    if cands["currency"] is not None:
        raw = raw_of("currency")
        # the whole page's evidence, read once and only when the field's own mark needs it
        context = functools.cache(lambda: _currency_scores(document_text) if isinstance(document_text, str) else {})
        exact = _CURRENCY_EXACT.get(raw.strip().lower())
        if exact == "RUB" and "BYN" in context():
            exact = "BYN"  # "руб." on a Belarusian document (its id, place or "бел. руб."): Belarusian roubles
        if exact == "INR" and "BRL" in context() and "INR" not in context():
            exact = "BRL"  # "R$" read "Rs" on a Brazilian NFC-e (see ``_currency_scores``)
        scores = {exact: (3, 0)} if exact else _currency_scores(raw)
        if "₽" in raw and "UAH" in context() and "RUB" not in context():
            scores = {"UAH": (3, 0)}  # "₴" read as "₽" on a Ukrainian page (see ``_currency_scores``)
        if set(scores) <= {_DOLLAR, _YEN} and scores:  # "$" / "¥": let the document say which one
            scores = {**{k: v for k, v in context().items() if k not in (_DOLLAR, _YEN)}, **scores}
        currency = _resolve_currency(scores, lang)
        keep("currency", currency)
    if currency is None:
        evidence = "\n".join([*(raw_of(n) for n in _AMOUNT_FIELDS), document_text if isinstance(document_text, str)
                              else ""])
        currency = detect_currency(evidence, lang=lang)
        if currency is not None:
            data["currency"] = currency
            conf["currency"] = _DETECTED_CURRENCY_CONFIDENCE

    # date
    if cands["date"] is not None:
        # The document's own unambiguous dates decide the order ("26/02/2019" beside "11/02/2019"); only when
        # none does, the convention of the currency / language (USD, en-US: month first).
        day_first = None
        ambiguous = _first_date(raw_of("date"), today, True) != _first_date(raw_of("date"), today, False)
        if ambiguous and isinstance(document_text, str):
            day_first = document_day_first(document_text)
        if day_first is None:
            day_first = False if currency == "USD" or (lang or "").lower() in _US_LANGS else None
        hits = _scan_dates(raw_of("date"), today, day_first)
        hit = next((h for h in hits if h.value is not None), None)
        if hit is None:
            whole = _scan_whole_loose(raw_of("date"), today, day_first)
            if whole is not None:
                hits.append(whole)
                hit = whole if whole.value is not None else None
        if hit is None:
            reason = "implausible (future or before 1990)" if any(h.reason == "implausible" for h in hits) else (
                "not a valid date")
            if raw_of("date").strip():
                warnings.append(f"date: {raw_of('date')!r} {reason}")
        else:
            keep("date", hit.value.isoformat())
            if hit.reason == "swapped":
                conf["date"] *= _SWAPPED_DATE_FACTOR
                warnings.append(f"date: {raw_of('date')!r} read as {hit.value.isoformat()} (other reading implausible)")

    if data["currency"] == "BGN" and (data["date"] or "") >= BULGARIA_EURO_DAY.isoformat():
        data["currency"] = "EUR"  # Bulgaria prices in euro from 2026-01-01 (leva beside them only for information)

    # amounts
    for name in _AMOUNT_FIELDS:
        if cands[name] is None:
            continue
        value = parse_amount(raw_of(name))
        keep(name, None if value is None else _round2(value))
        if value is not None and value < 0 and not _REFUND_MARK.search(raw_of(name)):
            warnings.append(f"{name}: negative amount {data[name]:.2f} without a refund mark")

    if data["total"] == 0:  # a bill of nothing: more likely a misread ("000,00" of "12 000,00") than real
        conf["total"] *= _INCONSISTENT_FACTOR
        warnings.append(f"total: {raw_of('total')!r} reads as 0.00")

    # consistency
    sub, tax, tot = data["subtotal"], data["tax_amount"], data["total"]
    if not checks:
        return NormalizedFields(data=data, confidence={k: round(v, 4) for k, v in conf.items()}, warnings=warnings)
    if sub is not None and tax is not None and tot is not None:
        tol = max(_SUM_ABS_TOLERANCE, _SUM_REL_TOLERANCE * abs(tot))
        if abs(sub + tax - tot) > tol and abs(sub - tot) > tol:
            for name in _AMOUNT_FIELDS:
                conf[name] *= _INCONSISTENT_FACTOR
            warnings.append(
                f"consistency: subtotal {sub:.2f} + tax_amount {tax:.2f} = {sub + tax:.2f} != total {tot:.2f}"
            )
    if tax is not None and tot is not None and tot > 0 and tax > tot:
        conf["tax_amount"] *= _INCONSISTENT_FACTOR
        warnings.append(f"consistency: tax_amount {tax:.2f} > total {tot:.2f}")

    return NormalizedFields(data=data, confidence={k: round(v, 4) for k, v in conf.items()}, warnings=warnings)


def _first_date(raw: str, today: _dt.date | None, day_first: bool) -> _dt.date | None:
    return next((h.value for h in _scan_dates(raw, today, day_first) if h.value is not None), None)


def _ruleset_version() -> str:
    from lib.post.rules import RULESET_VERSION  # the façade owns the version; imported late (it imports us)

    return RULESET_VERSION
