"""PaddleX model configs read with libyaml instead of pure-Python YAML (issue 11, start-up).

Why: building a PaddleOCR pipeline reads each model's ``inference.yml``; the recognizer's holds its 18,710-entry
character dictionary, which PaddleX parses with ``yaml.load(..., Loader=yaml.FullLoader)``: ~0.6 s of the
engine's ~3 s build on this machine, in pure Python. ``yaml.CFullLoader`` (PyYAML's libyaml binding, in the
wheel) parses the same file into the same objects in ~0.09 s. Only the loader class changes; where PyYAML was
built without libyaml, or PaddleX no longer has the reader this replaces (a ``read_file`` using ``FullLoader``),
nothing is changed.
"""

from __future__ import annotations

from typing import Any

import yaml
from loguru import logger

__all__ = ["use_libyaml_for_model_configs"]


def _read_with_libyaml(self: Any, in_path: Any, **kwargs: Any) -> Any:
    """``YAMLReaderBackend.read_file`` as PaddleX 3.x writes it, with the C loader of the same class."""
    with open(in_path, encoding="utf-8", **kwargs) as yaml_file:
        return yaml.load(yaml_file, Loader=yaml.CFullLoader)  # noqa: S506 (PaddleX's own FullLoader, in C)


def use_libyaml_for_model_configs() -> bool:
    """Make PaddleX's YAML reader use libyaml; True if it does now (idempotent; call after importing PaddleX)."""
    if not getattr(yaml, "__with_libyaml__", False):
        return False
    try:
        from paddlex.inference.utils.io.readers import YAMLReaderBackend
    except ImportError:  # another PaddleX layout: keep its own reader
        logger.debug("PaddleX YAML reader not found: model configs read by PyYAML in Python")
        return False
    if YAMLReaderBackend.read_file is _read_with_libyaml:
        return True
    code = getattr(YAMLReaderBackend.read_file, "__code__", None)
    if code is None or "FullLoader" not in code.co_names:  # a PaddleX that reads otherwise: leave it as it is
        logger.debug("PaddleX YAML reader changed: model configs read by PaddleX's own reader")
        return False
    YAMLReaderBackend.read_file = _read_with_libyaml  # type: ignore[method-assign]
    return True
