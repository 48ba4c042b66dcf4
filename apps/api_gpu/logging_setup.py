"""loguru configured once per process: human-readable by default, one JSON object per line with LOG_JSON.

Libraries that log through the standard ``logging`` module (our TILT client, uvicorn, httpx) are routed into
loguru too, so every line of the service has one format.
"""

from __future__ import annotations

import logging
import sys

from loguru import logger

from lib.settings import Settings

__all__ = ["configure_logging", "route_library_loggers"]


class _InterceptHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.opt(depth=6, exception=record.exc_info).log(level, "{}: {}", record.name, record.getMessage())


def configure_logging(settings: Settings) -> None:
    logger.remove()
    logger.add(sys.stderr, level=settings.log_level.upper(), serialize=settings.log_json, backtrace=False,
               diagnose=False)
    logging.basicConfig(handlers=[_InterceptHandler()], level=settings.log_level.upper(), force=True)
    route_library_loggers()


def route_library_loggers() -> None:
    """Send every stdlib logger that exists now (uvicorn's, PaddleX's once imported) through loguru, so that
    ``LOG_JSON`` output is JSON on every line. Call again after importing a library that adds its own handler."""
    for name in list(logging.root.manager.loggerDict):
        lib_logger = logging.getLogger(name)
        lib_logger.handlers = []
        lib_logger.propagate = True
