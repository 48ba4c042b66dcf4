from __future__ import annotations

from lib.kie.base import FieldCandidate
from lib.kie.evidence import locate, with_evidence
from lib.ocr_document import OcrDocument, Page, Span

DOC = OcrDocument(pages=[
    Page(width=100, height=100, spans=[Span((0, 0, 100, 10), "ACME Cloud Services, Inc.")]),
    Page(width=100, height=100, spans=[Span((0, 50, 60, 60), "TOTAL USD 376.03"),
                                       Span((0, 70, 50, 80), "Итого к оплате: 12 000,00")]),
])


def test_locates_multiword_answers_on_the_right_page():
    bbox, page = locate(DOC, "Acme Cloud Services Inc")
    assert page == 0 and bbox[0] == 0 and bbox[2] == 100
    bbox, page = locate(DOC, "376.03")
    assert page == 1 and bbox[1] == 50 and 30 < bbox[0] < bbox[2] <= 60
    assert locate(DOC, "12 000,00")[1] == 1
    assert locate(DOC, "999.99") is None and locate(DOC, "  ") is None
    assert locate(DOC, "37603") is None  # number separators count


def test_ambiguous_answers_get_no_box():
    doc = OcrDocument(pages=[Page(width=100, height=100, spans=[Span((0, 0, 100, 10), "Coffee 9.00"),
                                                                  Span((0, 20, 100, 30), "TOTAL 9.00")])])
    assert locate(doc, "9.00") is None
    assert locate(doc, "TOTAL 9.00") is not None


def test_with_evidence_keeps_existing_boxes_and_fills_missing_ones():
    own = FieldCandidate(raw="376.03", bbox=(1, 2, 3, 4), page=0)
    assert with_evidence(DOC, own) is own
    filled = with_evidence(DOC, FieldCandidate(raw="376.03", confidence=0.9))
    assert filled.page == 1 and filled.bbox is not None and filled.confidence == 0.9
    assert with_evidence(DOC, None) is None
