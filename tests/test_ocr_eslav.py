"""The eslav branch of the recognizer choice, with a stand-in model folder (the real weights are hub-only)."""

from __future__ import annotations

import shutil

import numpy as np
from PIL import Image, ImageDraw

from lib.ocr.recognizers import PaddleLineReader, build_script_router, crop_line
from lib.ocr_models import CYRILLIC_REC_MODEL, ModelChoice
from lib.settings import PROJECT_ROOT, Settings


def test_a_local_eslav_folder_is_the_cyrillic_recognizer(tmp_path):
    # Stand-in: the PP-OCRv6 rec files under the eslav name (same CTC recognizer family; Latin dictionary).
    source = PROJECT_ROOT / ".models" / "PP-OCRv6_small_rec"
    folder = tmp_path / CYRILLIC_REC_MODEL
    shutil.copytree(source, folder)
    yml = folder / "inference.yml"
    yml.write_text(yml.read_text().replace("model_name: PP-OCRv6_small_rec", f"model_name: {CYRILLIC_REC_MODEL}"))
    router, warnings = build_script_router(Settings(ocr_lang="auto", ocr_model_dir=tmp_path),
                                           ModelChoice("PP-OCRv6_small_rec", source, "package"))
    assert warnings == [] and isinstance(router.reader, PaddleLineReader)
    assert router.reader.name == CYRILLIC_REC_MODEL
    img = Image.new("RGB", (400, 80), "white")
    ImageDraw.Draw(img).text((20, 20), "TOTAL 12.50", fill="black", font_size=32)
    crop = crop_line(np.asarray(img), np.float32([[10, 10], [300, 10], [300, 65], [10, 65]]))
    (text, score), = router.reader.read_many([crop])
    assert "12.50" in text and score > 0.5
    router.close()
