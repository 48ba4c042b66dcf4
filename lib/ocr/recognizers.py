"""Recognition chosen per script: PaddleOCR's detector finds the lines, Cyrillic lines get a Cyrillic recognizer.

The PaddleOCR pipeline (PP-OCRv6 small det + the Latin rec) runs as before; its result carries every detected
polygon (``rec_polys``; with the default ``text_rec_score_thresh=0`` nothing is dropped, empty readings
included). A ``ScriptRouter`` then, per page:

* ``OCR_LANG=auto``: decides from the Latin reading alone whether the page may be Cyrillic
  (``latin_line_suspicious``, free; or, when few lines are suspicious, many worded lines read with a low score),
  and only then reads a sample of those lines with the Cyrillic recognizer; a page whose sample comes back mostly
  Cyrillic is re-read line by line, otherwise the Latin reading stands (a Latin page pays nothing unless some
  lines look odd or many read unsure, then a few Tesseract lines);
* ``OCR_LANG=ru`` (or another Cyrillic language): re-reads every line.

For each re-read line the Cyrillic reading is kept when it has Cyrillic letters; otherwise a confident Latin
reading stays (PP-OCRv6 is better on digits and Latin words). Cyrillic lines then get look-alike clean-up.

The Cyrillic recognizer is PaddleOCR's ``eslav_PP-OCRv5_mobile_rec`` when its folder is in ``OCR_MODEL_DIR``
(it is only on the model hubs), else Tesseract LSTM (``TESSERACT_LANG``), one deskewed crop at a time.

A page whose Cyrillic reading shows a Kazakh document is read once more Kazakh-first (Tesseract ``kaz+rus+eng``,
when ``kaz`` is among the installed ``TESSERACT_LANG``), and its words take the Kazakh letters from that reading
(``lib/ocr/kazakh.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import cv2
import numpy as np
from loguru import logger
from PIL import Image

from lib.ocr.kazakh import adopt_kazakh_letters, looks_kazakh
from lib.ocr.script import (
    LatinLine,
    count_scripts,
    cyrillic_share,
    fix_lookalikes,
    latin_line_suspicious,
    sample_rank,
)
from lib.ocr.tesseract import TesseractLineReader, installed_langs, tesseract_available
from lib.ocr_models import CYRILLIC_LANGS, CYRILLIC_REC_MODEL, ModelChoice, find_local_model
from lib.settings import Settings

__all__ = [
    "DetectedLine",
    "LineReader",
    "PaddleLineReader",
    "ScriptRouter",
    "build_script_router",
    "crop_line",
    "script_mode",
    "ROUTING_VERSION",
    "cyrillic_fallback_possible",
]

ScriptMode = Literal["auto", "cyrillic"]
_LATIN_LETTER = re.compile(r"[A-Za-z]")
ROUTING_VERSION = "8"  # part of the OCR cache key: bump when routing or clean-up changes its output


def script_mode(lang: str) -> ScriptMode | None:
    """``auto`` for OCR_LANG=auto, ``cyrillic`` for Cyrillic languages, None for Latin-only languages."""
    lang = lang.lower()
    if lang == "auto":
        return "auto"
    return "cyrillic" if lang in CYRILLIC_LANGS else None


@dataclass(frozen=True, slots=True)
class DetectedLine:
    """One detected line: its polygon (4 points, pixels of the image that was recognized) and a reading."""

    polygon: np.ndarray
    text: str
    score: float

    @property
    def size_px(self) -> tuple[float, float]:
        p = self.polygon
        width = max(np.linalg.norm(p[0] - p[1]), np.linalg.norm(p[2] - p[3]))
        height = max(np.linalg.norm(p[0] - p[3]), np.linalg.norm(p[1] - p[2]))
        return float(width), float(height)

    def as_latin(self) -> LatinLine:
        width, height = self.size_px
        return LatinLine(self.text, self.score, width, height)


class LineReader(Protocol):
    name: str

    def read_many(self, crops: list[Image.Image]) -> list[tuple[str, float]]: ...

    def close(self) -> None: ...


def crop_line(image: np.ndarray, polygon: np.ndarray, *, min_height_px: int = 40) -> Image.Image:
    """The line under ``polygon``, deskewed (perspective-warped to a rectangle), padded, grey, at least
    ``min_height_px`` tall (Tesseract reads small text badly). ``image`` is RGB, H×W×3."""
    pts = np.asarray(polygon, dtype=np.float32).reshape(4, 2)
    width = int(round(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3]))))
    height = int(round(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2]))))
    width, height = max(width, 2), max(height, 2)
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(pts, target)
    crop = cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    if height >= 1.5 * width:  # a vertical line: PaddleOCR turns these the same way
        crop = np.rot90(crop)
    grey = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    low, high = np.percentile(grey, (1, 99))
    if high - low >= 16:  # faded thermal print: stretch the contrast (a blank crop stays as it is)
        grey = np.clip((grey.astype(np.float32) - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)
    if grey.shape[0] < min_height_px:
        scale = min_height_px / grey.shape[0]
        grey = cv2.resize(grey, (max(1, round(grey.shape[1] * scale)), min_height_px), interpolation=cv2.INTER_CUBIC)
    edge = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    pad = max(4, grey.shape[0] // 4)
    grey = cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=int(np.median(edge)))
    return Image.fromarray(grey)


@dataclass
class PaddleLineReader:
    """PaddleOCR's East-Slavic recognizer (``eslav_PP-OCRv5_mobile_rec``) on line crops, when it is present."""

    model: ModelChoice
    settings: Settings
    _predictor: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from paddleocr import TextRecognition

        kwargs: dict[str, Any] = {"model_name": self.model.name, "device": self.settings.ocr_device}
        if self.model.directory is not None:
            kwargs["model_dir"] = str(self.model.directory)
        if self.settings.ocr_engine == "onnxruntime":
            kwargs["engine"] = "onnxruntime"
            kwargs["engine_config"] = {"intra_op_num_threads": self.settings.omp_num_threads}
        self._predictor = TextRecognition(**kwargs)

    @property
    def name(self) -> str:
        return self.model.name

    def read_many(self, crops: list[Image.Image]) -> list[tuple[str, float]]:
        if not crops:
            return []
        arrays = [np.ascontiguousarray(np.asarray(c.convert("RGB"))[:, :, ::-1]) for c in crops]
        return [(str(r["rec_text"]).strip(), float(r["rec_score"])) for r in self._predictor.predict(arrays)]

    def close(self) -> None:
        self._predictor.close()


@dataclass
class ScriptRouter:
    """Decides which lines of a page a Cyrillic recognizer re-reads, and merges the readings."""

    mode: ScriptMode
    reader: LineReader
    sample_lines: int = 4  # auto: suspicious lines read to confirm a page is Cyrillic
    min_suspicious: int = 2  # auto: fewer suspicious lines than this (or than the share) = a Latin page
    min_suspicious_share: float = 0.10  # (0.15 missed a Ukrainian receipt at 0.14; no Latin dev page is above 0.08)
    min_cyrillic_share: float = 0.5  # auto: share of Cyrillic letters in the sample that makes a Cyrillic page
    latin_keep_score: float = 0.8  # a Latin reading this confident stays when the Cyrillic one has no Cyrillic
    # auto: share of lines suspicious or worded-and-unsure (< latin_keep_score) that makes a page worth sampling
    # when too few are suspicious (a missed Russian photo: 0.34; no Latin dev page above 0.12)
    min_unsure_share: float = 0.2
    # makes the reader of a Kazakh page's Cyrillic lines, Kazakh first (on the first Kazakh page: a service that
    # never sees one never loads it)
    kazakh_reader_factory: Callable[[], LineReader] | None = None
    _kazakh_reader: LineReader | None = field(default=None, init=False, repr=False)
    lines_read: int = 0  # lines given to the Cyrillic recognizer so far (what auto costs, for benchmarks)
    pages_sampled: int = 0  # auto: pages whose suspicious lines were sampled
    kazakh_lines_read: int = 0  # lines given to the Kazakh-first reader so far

    def route(self, image: np.ndarray, lines: Sequence[DetectedLine]) -> tuple[list[DetectedLine], bool]:
        """Returns the page's lines (same order and polygons) and whether the page was read as Cyrillic.

        ``image`` is the RGB array the polygons refer to.
        """
        if not lines:
            return list(lines), False
        readings: dict[int, tuple[str, float]] = {}
        crops: dict[int, Image.Image] = {}

        def crop(i: int) -> Image.Image:
            if i not in crops:
                crops[i] = crop_line(image, lines[i].polygon)
            return crops[i]

        if self.mode == "auto":
            suspicious = [i for i, line in enumerate(lines) if latin_line_suspicious(line.as_latin())]
            if len(suspicious) < max(self.min_suspicious, self.min_suspicious_share * len(lines)):
                # A Cyrillic photo can also come back as fluent, unsure Latin ("CrpoMacrep", "Mroro:"): few odd
                # lines, but many worded lines under the keep score. Those join the sample pool.
                unsure = [i for i, line in enumerate(lines) if i not in suspicious and self._unsure_words(line)]
                if len(suspicious) + len(unsure) < max(self.min_suspicious, self.min_unsure_share * len(lines)):
                    return list(lines), False
                pool = suspicious + unsure
            else:
                pool = suspicious
            sample = sorted(pool, key=lambda i: (sample_rank(lines[i].text), -lines[i].size_px[0]))[
                : self.sample_lines]
            self.pages_sampled += 1
            self.lines_read += len(sample)
            readings.update(zip(sample, self.reader.read_many([crop(i) for i in sample]), strict=True))
            if cyrillic_share([readings[i][0] for i in sample]) < self.min_cyrillic_share:
                return list(lines), False
        rest = [i for i in range(len(lines)) if i not in readings]
        self.lines_read += len(rest)
        readings.update(zip(rest, self.reader.read_many([crop(i) for i in rest]), strict=True))
        merged = [self._merge(line, *readings[i]) for i, line in enumerate(lines)]
        if self.kazakh_reader_factory is not None and looks_kazakh([line.text for line in merged]):
            if self._kazakh_reader is None:
                self._kazakh_reader = self.kazakh_reader_factory()
            cyrillic = [i for i, line in enumerate(merged) if count_scripts(line.text).cyrillic > 0]
            self.kazakh_lines_read += len(cyrillic)
            for i, (text, _) in zip(cyrillic, self._kazakh_reader.read_many([crop(i) for i in cyrillic]),
                                    strict=True):
                line = merged[i]
                merged[i] = DetectedLine(line.polygon, adopt_kazakh_letters(line.text, fix_lookalikes(text)),
                                         line.score)
        return merged, True

    def _unsure_words(self, line: DetectedLine) -> bool:
        """A line with three or more Latin letters read with less than the keep score."""
        return line.score < self.latin_keep_score and len(_LATIN_LETTER.findall(line.text)) >= 3

    @staticmethod
    def straighten(lines: Sequence[DetectedLine], width: int, height: int) -> tuple[list[DetectedLine], float]:
        """Turn the line polygons of a tilted photo back to level (about the image centre, by the median angle
        of the long lines), so a label and its amount at the two ends of a receipt line share a row.

        Returns the lines and the angle in degrees (0.0 = left as they were: under 0.5° or too few lines).
        """
        angles = []
        for line in lines:
            w, h = line.size_px
            if w >= 3 * h:
                dx, dy = line.polygon[1] - line.polygon[0]
                angles.append(float(np.degrees(np.arctan2(dy, dx))))
        if len(angles) < 3:
            return list(lines), 0.0
        angle = float(np.median(angles))
        if abs(angle) < 0.5 or abs(angle) > 20:
            return list(lines), 0.0
        theta = np.radians(-angle)
        rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], dtype=np.float32)
        centre = np.array([width / 2, height / 2], dtype=np.float32)
        out = [DetectedLine(((line.polygon - centre) @ rot.T + centre).astype(np.float32), line.text, line.score)
               for line in lines]
        return out, round(angle, 2)

    def _merge(self, latin: DetectedLine, text: str, score: float) -> DetectedLine:
        cyrillic = fix_lookalikes(text)
        if count_scripts(cyrillic).cyrillic > 0:
            return DetectedLine(latin.polygon, cyrillic, score)
        if cyrillic and cyrillic.replace(" ", "") == latin.text.replace(" ", ""):
            return DetectedLine(latin.polygon, cyrillic, max(score, latin.score))  # same, with its spaces
        latin_ok = latin.score >= self.latin_keep_score and not latin_line_suspicious(latin.as_latin())
        if latin_ok or not cyrillic:
            return latin
        return DetectedLine(latin.polygon, cyrillic, score)

    @property
    def kazakh_reader_name(self) -> str | None:
        return self._kazakh_reader.name if self._kazakh_reader is not None else None

    def close(self) -> None:
        self.reader.close()
        if self._kazakh_reader is not None:
            self._kazakh_reader.close()


def build_script_router(settings: Settings, main_rec: ModelChoice) -> tuple[ScriptRouter | None, list[str]]:
    """The router for ``OCR_LANG`` (None for Latin languages, or when the main recognizer reads Cyrillic itself),
    and warnings for /v1/health when no Cyrillic recognizer can be had.

    The Cyrillic reader: ``eslav_PP-OCRv5_mobile_rec`` from ``OCR_MODEL_DIR`` if its folder is there, else
    Tesseract (``TESSERACT_LANG`` traineddata from ``TESSDATA_DIR``). Never downloads anything.
    """
    mode = script_mode(settings.ocr_lang)
    if mode is None or main_rec.name == CYRILLIC_REC_MODEL:
        return None, []
    eslav = find_local_model(CYRILLIC_REC_MODEL, settings.ocr_model_dir)
    reader: LineReader
    warnings: list[str] = []
    if eslav is not None:
        reader = PaddleLineReader(eslav, settings)
    else:
        problem = tesseract_available(settings)
        if problem is not None:
            return None, [f"OCR_LANG={settings.ocr_lang}: no Cyrillic recognizer ({CYRILLIC_REC_MODEL} is not in "
                          f"{settings.ocr_model_dir} and {problem}); Cyrillic photos and scans come out as noise "
                          "(PDF text layers still read Cyrillic exactly)"]
        found = installed_langs(settings)
        assert found is not None
        folder, langs = found
        reader = TesseractLineReader(folder, langs)
        if langs != settings.tesseract_lang:
            warnings = [f"TESSERACT_LANG={settings.tesseract_lang}: only {langs} installed in {folder}; other "
                        "Cyrillic alphabets read less well (scripts/setup.sh installs the rest)"]
    logger.debug("OCR_LANG={}: Cyrillic lines read by {}", settings.ocr_lang, reader.name)
    return ScriptRouter(mode=mode, reader=reader, kazakh_reader_factory=_kazakh_reader_factory(settings)), warnings


def _kazakh_reader_factory(settings: Settings) -> Callable[[], LineReader] | None:
    """Tesseract ``kaz+rus+eng`` (of those installed) when ``kaz`` is among the installed ``TESSERACT_LANG``."""
    found = installed_langs(settings) if tesseract_available(settings) is None else None
    if found is None or "kaz" not in found[1].split("+"):
        return None
    folder, installed = found
    langs = "+".join(lang for lang in ("kaz", "rus", "eng") if lang in installed.split("+"))
    return lambda: TesseractLineReader(folder, langs)


def cyrillic_fallback_possible(settings: Settings) -> bool:
    """Whether a Cyrillic reader exists without the hub (so OCR_LANG=ru need not warn about the main rec)."""
    return (find_local_model(CYRILLIC_REC_MODEL, settings.ocr_model_dir) is not None
            or tesseract_available(settings) is None)
