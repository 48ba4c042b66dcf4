"""The learned merchant re-ranker: shipped weights, deterministic features, choices on hand-built documents."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lib.kie.local import LOCAL_KIE_VERSION, LocalKie, document_merchant_candidates
from lib.kie.ranker import (
    MERCHANT_FEATURES,
    WEIGHTS_PATH,
    KieRanker,
    default_ranker,
    load_ranker,
    merchant_features,
)
from lib.ocr_document import OcrDocument, Page, Span

ROW_H = 30


def doc(*rows: str | tuple[str, float]) -> OcrDocument:
    """One page; a row is a string, or (text, height factor) for a taller (logo) row."""
    spans, y = [], 20.0
    for row in rows:
        text, factor = (row, 1.0) if isinstance(row, str) else row
        h = ROW_H * factor
        width = 14.0 * factor * len(text)
        x = (1000 - width) / 2
        spans.append(Span(bbox=(x, y, x + width, y + h), text=text))
        y += h * 1.5
    return OcrDocument(pages=[Page(width=1000, height=int(y + 40), spans=spans)])


RECEIPT = (
    ("Kedai Logo", 2.0),
    "ACME TRADING SDN BHD",
    "(123456-A)",
    "NO 12, JALAN MERDEKA 3",
    "43000 KAJANG, SELANGOR",
    "TEL: 03-1234 5678",
    "TAX INVOICE",
    "DATE: 01/02/2018",
    "ITEM A 9.00",
    "TOTAL 9.00",
)


def test_shipped_weights_load_with_attribution() -> None:
    assert WEIGHTS_PATH.is_file() and WEIGHTS_PATH.stat().st_size <= 5 * 1024 * 1024
    ranker = load_ranker(WEIGHTS_PATH)
    assert ranker.features == MERCHANT_FEATURES
    assert "SROIE 2019 (CC BY 4.0)" in ranker.attribution and "arXiv:2103.10213" in ranker.attribution
    assert default_ranker() == ranker and default_ranker() is default_ranker()  # read once
    assert all(np.isfinite(ranker.weights)) and min(ranker.std) > 0


def test_weights_round_trip_and_reject_other_features() -> None:
    ranker = load_ranker(WEIGHTS_PATH)
    assert KieRanker.from_dict(json.loads(json.dumps(ranker.to_dict()))) == ranker
    bad = ranker.to_dict()
    bad["merchant"]["features"] = bad["merchant"]["features"][:-1]
    with pytest.raises(ValueError):
        KieRanker.from_dict(bad)


def test_features_deterministic() -> None:
    a = merchant_features(document_merchant_candidates(doc(*RECEIPT)))
    b = merchant_features(document_merchant_candidates(doc(*RECEIPT)))
    assert a.shape == (len(document_merchant_candidates(doc(*RECEIPT))), len(MERCHANT_FEATURES))
    assert np.array_equal(a, b) and np.isfinite(a).all()
    assert merchant_features([]).shape == (0, len(MERCHANT_FEATURES))


def test_ranker_picks_the_legal_entity_row() -> None:
    fields = LocalKie().extract_sync(doc(*RECEIPT)).fields
    assert fields["merchant"] is not None and fields["merchant"].raw == "ACME TRADING SDN BHD"
    rules = LocalKie(ranker=None).extract_sync(doc(*RECEIPT)).fields
    assert rules["merchant"] is not None and rules["merchant"].raw == "ACME TRADING SDN BHD"


def test_ranker_keeps_two_row_joining() -> None:
    fields = LocalKie().extract_sync(doc("POPULAR BOOK CO.", "(M) SDN BHD", "(113825-W)", "NO 8, JALAN 1/2",
                                         "TOTAL 9.00")).fields
    assert fields["merchant"] is not None and fields["merchant"].raw == "POPULAR BOOK CO. (M) SDN BHD"


def test_model_version_names_the_ranker() -> None:
    assert LocalKie().model_version == f"{LOCAL_KIE_VERSION}+{default_ranker().version}"
    assert LocalKie(ranker=None).model_version == LOCAL_KIE_VERSION
    assert LocalKie(ranker=None).extract_sync(OcrDocument(pages=[Page(width=10, height=10)])).fields["merchant"] is None
