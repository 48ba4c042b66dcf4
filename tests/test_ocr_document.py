from __future__ import annotations

from lib.ocr_document import OcrDocument, Page, Span, bbox_from_polygon, split_words


def test_bbox_from_polygon():
    assert bbox_from_polygon([[10, 20], [110, 22], [109, 40], [9, 38]]) == (9.0, 20.0, 110.0, 40.0)


def test_split_words_shares_width_by_characters():
    words = split_words(Span(bbox=(0, 10, 100, 20), text="TOTAL  RM 9.00", score=0.9))
    assert [w.text for w in words] == ["TOTAL", "RM", "9.00"]
    assert words[0].bbox[0] == 0 and words[-1].bbox[2] == 100
    assert all(w.bbox[1] == 10 and w.bbox[3] == 20 and w.score == 0.9 for w in words)
    assert words[0].bbox[2] <= words[1].bbox[0]
    assert split_words(Span(bbox=(0, 0, 1, 1), text="   ")) == []


def test_round_trip():
    doc = OcrDocument(pages=[Page(width=100, height=200, spans=[Span((1, 2, 3, 4), "Итого 1 234,50", 0.5)],
                                  source="text_layer")])
    again = OcrDocument.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()
    assert again.pages[0].source == "text_layer"
    assert again.text == "Итого 1 234,50"
    assert [w.text for w in again.pages[0].words()] == ["Итого", "1", "234,50"]


def test_join_words_undoes_split_words():
    from lib.ocr_document import join_words

    lines = [Span((10, 10, 300, 30), "Итого к оплате: 12 000,00 руб."), Span((10, 50, 200, 70), "НДС 20%: 2 000,00"),
             Span((400, 50, 500, 70), "far right")]
    words = [w for line in lines for w in split_words(line)]
    joined = join_words(words)
    assert [s.text for s in joined] == [line.text for line in lines]
    assert joined[0].bbox == lines[0].bbox
