"""Tesseract LSTM as a line recognizer: one deskewed line crop in, its text and confidence out.

Uses the ``tesserocr`` wheel (it bundles libtesseract 5.5; no system library needed). The traineddata files come
from Debian's ``tesseract-ocr-{rus,ukr,srp,kaz,bel,eng}`` (Apache-2.0): ``scripts/setup.sh`` installs them with
apt when it can, else unpacks them into ``.models/tessdata``. One API object per OCR engine instance (the API is
not thread-safe), created when the engine is built, never per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from lib.settings import PROJECT_ROOT, Settings

__all__ = ["TesseractLineReader", "installed_langs", "tessdata_dir", "tesseract_available", "SYSTEM_TESSDATA_DIRS"]

SYSTEM_TESSDATA_DIRS = (
    Path("/usr/share/tesseract-ocr/5/tessdata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata"),
    Path("/usr/share/tessdata"),
    Path("/usr/local/share/tessdata"),
)
PROJECT_TESSDATA_DIR = PROJECT_ROOT / ".models" / "tessdata"


def _has_langs(folder: Path, langs: str) -> bool:
    return all((folder / f"{lang}.traineddata").is_file() for lang in langs.split("+"))


def tessdata_dir(settings: Settings) -> Path | None:
    """Where the traineddata for ``TESSERACT_LANG`` is: ``TESSDATA_DIR`` if set, else the project's
    ``.models/tessdata``, else the system folders Debian/Ubuntu use. None when no folder has all languages."""
    if settings.tessdata_dir is not None:
        return settings.tessdata_dir if _has_langs(settings.tessdata_dir, settings.tesseract_lang) else None
    for folder in (PROJECT_TESSDATA_DIR, *SYSTEM_TESSDATA_DIRS):
        if _has_langs(folder, settings.tesseract_lang):
            return folder
    return None


def installed_langs(settings: Settings) -> tuple[Path, str] | None:
    """A folder and the languages to read with: all of ``TESSERACT_LANG`` where a folder has them, else the ones a
    folder has (an older set-up with only rus+eng keeps reading Russian), as long as it has the first and the last
    (the main Cyrillic language and the Latin one). None when no folder has those two."""
    folder = tessdata_dir(settings)
    if folder is not None:
        return folder, settings.tesseract_lang
    wanted = settings.tesseract_lang.split("+")
    folders = [settings.tessdata_dir] if settings.tessdata_dir is not None else [PROJECT_TESSDATA_DIR,
                                                                                  *SYSTEM_TESSDATA_DIRS]
    for folder in folders:
        have = [lang for lang in wanted if (folder / f"{lang}.traineddata").is_file()]
        if have and have[0] == wanted[0] and have[-1] == wanted[-1]:
            return folder, "+".join(have)
    return None


def tesseract_available(settings: Settings) -> str | None:
    """None when Tesseract can run with ``TESSERACT_LANG``; otherwise why not (for the health warning)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "the tesserocr package is not installed (scripts/setup.sh installs it)"
    if installed_langs(settings) is None:
        where = settings.tessdata_dir or f"{PROJECT_TESSDATA_DIR} or {SYSTEM_TESSDATA_DIRS[0]}"
        return f"no {settings.tesseract_lang} traineddata in {where} (scripts/setup.sh installs it)"
    return None


@dataclass
class TesseractLineReader:
    """Reads one text line per call (page segmentation mode 7, "single line"), LSTM engine only."""

    folder: Path
    lang: str
    _api: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import tesserocr

        self._api = tesserocr.PyTessBaseAPI(path=str(self.folder), lang=self.lang, psm=tesserocr.PSM.SINGLE_LINE,
                                            oem=tesserocr.OEM.LSTM_ONLY)

    @property
    def name(self) -> str:
        import tesserocr

        version = tesserocr.tesseract_version().split()[1]
        return f"tesseract-{version}:{self.lang}"

    def read(self, crop: Image.Image) -> tuple[str, float]:
        """Text of a line crop and Tesseract's mean word confidence (0..1)."""
        self._api.SetImage(crop)
        text = " ".join(self._api.GetUTF8Text().split())
        return text, max(0, self._api.MeanTextConf()) / 100

    def read_many(self, crops: list[Image.Image]) -> list[tuple[str, float]]:
        return [self.read(crop) for crop in crops]

    def close(self) -> None:
        self._api.End()
