"""The OCR disk cache: a text-layer change re-reads cached PDFs, OCR'd scans stay cached."""

from __future__ import annotations

import json

from lib.ocr_cache import OcrDiskCache
from lib.ocr_document import OcrDocument, Page, Span
from lib.text_layer import TEXT_LAYER_VERSION


def _document(source: str) -> OcrDocument:
    return OcrDocument(pages=[Page(width=100, height=50, spans=[Span((1, 2, 30, 12), "TOTAL 9.99")], source=source)])


def test_entries_round_trip_and_record_the_text_layer_version(tmp_path):
    cache = OcrDiskCache(tmp_path, "fp")
    cache.put("a" * 64, _document("text_layer"))
    again = cache.get("a" * 64)
    assert again is not None and again.pages[0].spans[0].text == "TOTAL 9.99"
    stored = json.loads((tmp_path / "fp" / f"{'a' * 64}.json").read_text(encoding="utf-8"))
    assert stored["text_layer_version"] == TEXT_LAYER_VERSION
    assert cache.get("b" * 64) is None


def test_a_new_text_layer_version_misses_text_layer_entries_only(tmp_path):
    old = OcrDiskCache(tmp_path, "fp", text_layer_version=TEXT_LAYER_VERSION - 1)
    old.put("d" * 64, _document("text_layer"))
    old.put("s" * 64, _document("ocr"))
    new = OcrDiskCache(tmp_path, "fp")
    assert new.get("d" * 64) is None  # a digital PDF: read its text layer again
    assert new.get("s" * 64) is not None  # a scan: its OCR is still good


def test_entries_written_before_versions_count_as_version_1(tmp_path):
    cache = OcrDiskCache(tmp_path, "fp")
    path = tmp_path / "fp" / f"{'e' * 64}.json"
    path.write_text(json.dumps(_document("text_layer").to_dict()), encoding="utf-8")
    assert cache.get("e" * 64) is None
    assert OcrDiskCache(tmp_path, "fp", text_layer_version=1).get("e" * 64) is not None


def test_the_recognizer_min_width_is_part_of_the_fingerprint_only_when_set():
    from lib.ocr_cache import ocr_fingerprint
    from lib.settings import Settings

    def fp(**kw):
        return ocr_fingerprint(Settings(ocr_lang="en", **kw), "det", "rec")  # type: ignore[arg-type]

    assert fp() == fp(ocr_rec_min_width_px=None)  # unset: the caches filled before stay valid
    assert fp(ocr_rec_min_width_px=64) not in (fp(), fp(ocr_rec_min_width_px=160))


def test_the_recognizers_shape_cache_and_width_step_have_keys_of_their_own():
    """OpenVINO's prepared executors per shape (``OCR_REC_SHAPE_CACHE``) read a few lines differently from fresh
    ones; blank padding to a width step (``OCR_REC_WIDTH_STEP_PX``) changes more: each setting its own OCR cache."""
    from lib.ocr_cache import ocr_fingerprint
    from lib.settings import Settings

    def fp(**kw):
        return ocr_fingerprint(Settings(ocr_lang="en", ocr_rec_runtime="openvino-bf16", **kw), "det", "rec")

    keys = {fp(ocr_rec_shape_cache=0), fp(ocr_rec_shape_cache=32), fp(ocr_rec_shape_cache=0, ocr_rec_width_step_px=64)}
    assert len(keys) == 3
    assert fp(ocr_rec_shape_cache=32) == fp(ocr_rec_shape_cache=64)  # how many are kept does not change a reading
    onnx = {ocr_fingerprint(Settings(ocr_lang="en", ocr_rec_runtime="onnxruntime", ocr_rec_shape_cache=c),
                            "det", "rec") for c in (0, 32)}
    assert len(onnx) == 1  # an OpenVINO setting: nothing to onnxruntime's key
