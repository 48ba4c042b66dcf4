"""loguru configured once per process: human-readable by default, one JSON object per line with LOG_JSON."""

from __future__ import annotations

import sys

from loguru import logger

from lib.settings import Settings

__all__ = ["configure_logging"]


def configure_logging(settings: Settings) -> None:
    logger.remove()
    logger.add(sys.stderr, level=settings.log_level.upper(), serialize=settings.log_json, backtrace=False,
               diagnose=False)
