"""Where OCR weights come from, offline: packaged models, local folders, the Cyrillic fallback."""

from __future__ import annotations

import pytest

from lib.ocr_models import CYRILLIC_REC_MODEL, materialize_packaged_model, rec_model_for_lang, resolve_models


def test_packaged_models_are_copied_once(tmp_path):
    path = materialize_packaged_model("PP-OCRv6_small_rec", tmp_path)
    assert path == tmp_path / "PP-OCRv6_small_rec"
    assert (path / "inference.yml").is_file() and (path / "inference.onnx").stat().st_size > 1_000_000
    assert "PP-OCRv6_small_rec" in (path / "inference.yml").read_text()
    mtime = (path / "inference.onnx").stat().st_mtime
    assert materialize_packaged_model("PP-OCRv6_small_rec", tmp_path) == path
    assert (path / "inference.onnx").stat().st_mtime == mtime
    assert materialize_packaged_model("no_such_model", tmp_path) is None


@pytest.mark.parametrize(("lang", "expected"), [("en", "PP-OCRv6_small_rec"), ("de", "PP-OCRv6_small_rec"),
                                                ("ru", CYRILLIC_REC_MODEL), ("uk", CYRILLIC_REC_MODEL)])
def test_rec_model_for_lang(lang, expected):
    assert rec_model_for_lang(lang, "PP-OCRv6_small_rec") == expected


def test_russian_without_a_cyrillic_model_falls_back_with_a_warning(tmp_path):
    det, rec, warnings = resolve_models(det_model="PP-OCRv6_small_det", rec_model="PP-OCRv6_small_rec",
                                        lang="ru", model_dir=tmp_path, source="local")
    assert (det.origin, rec.origin) == ("package", "package")
    assert rec.name == "PP-OCRv6_small_rec"
    assert len(warnings) == 1 and CYRILLIC_REC_MODEL in warnings[0] and "text layer" in warnings[0]


def test_a_local_cyrillic_model_is_used_when_present(tmp_path):
    folder = tmp_path / CYRILLIC_REC_MODEL
    folder.mkdir()
    (folder / "inference.yml").write_text(f"Global:\n  model_name: {CYRILLIC_REC_MODEL}\n")
    (folder / "inference.pdiparams").write_bytes(b"weights")
    _, rec, warnings = resolve_models(det_model="PP-OCRv6_small_det", rec_model="PP-OCRv6_small_rec",
                                      lang="ru", model_dir=tmp_path, source="local")
    assert (rec.name, rec.origin, rec.directory) == (CYRILLIC_REC_MODEL, "local", folder)
    assert warnings == []


def test_hub_mode_names_models_without_folders(tmp_path):
    det, rec, _ = resolve_models(det_model="PP-OCRv6_medium_det", rec_model="PP-OCRv6_medium_rec", lang="en",
                                 model_dir=tmp_path, source="hub")
    assert (det.directory, rec.directory, det.origin) == (None, None, "hub")


def test_local_only_and_nothing_there_fails_clearly(tmp_path):
    with pytest.raises(RuntimeError, match="not found"):
        resolve_models(det_model="PP-OCRv6_medium_det", rec_model="PP-OCRv6_small_rec", lang="en",
                       model_dir=tmp_path, source="local")


def test_paddlex_reads_model_configs_with_libyaml_and_gets_the_same_config(tmp_path):
    """Issue 11 (start-up): the recognizer's inference.yml (its dictionary) read by libyaml, same objects."""
    import yaml
    from paddlex.inference.utils.io.readers import YAMLReaderBackend

    from lib.ocr.paddlex_yaml import _read_with_libyaml, use_libyaml_for_model_configs

    path = materialize_packaged_model("PP-OCRv6_small_rec", tmp_path) / "inference.yml"
    with open(path, encoding="utf-8") as f:
        expected = yaml.load(f, Loader=yaml.FullLoader)  # what PaddleX 3.x itself does  # noqa: S506
    before = YAMLReaderBackend.read_file  # (PaddleX's own, or already ours if an engine was built in this process)
    try:
        assert use_libyaml_for_model_configs() is True
        assert use_libyaml_for_model_configs() is True  # idempotent
        assert YAMLReaderBackend.read_file is _read_with_libyaml
        config = YAMLReaderBackend().read_file(str(path))
    finally:
        YAMLReaderBackend.read_file = before
    assert config == expected
    assert len(config["PostProcess"]["character_dict"]) > 10_000
