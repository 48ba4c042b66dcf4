"""The FastAPI app. ``create_app(settings)`` builds it; ``app`` is what ``uvicorn apps.api_gpu.main:app`` serves.

Nothing heavy happens at import: OCR engines and clients are built in the lifespan.
"""

from __future__ import annotations

from fastapi import FastAPI

from apps.api_gpu.errors import install_error_handlers
from apps.api_gpu.lifespan import lifespan
from apps.api_gpu.metrics import Metrics
from apps.api_gpu.middleware import RequestContextMiddleware, UploadGuardMiddleware
from apps.api_gpu.routes import extract, health
from apps.api_gpu.state import AppState
from lib import __version__
from lib.settings import Settings

__all__ = ["create_app", "app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="OCRlty",
        version=__version__,
        summary="Self-hosted receipt and invoice extraction: merchant, date, currency, subtotal, tax, total.",
        lifespan=lifespan,
    )
    app.state.ocrlty = AppState(settings=settings, metrics=Metrics())
    install_error_handlers(app)
    app.add_middleware(UploadGuardMiddleware)
    app.add_middleware(RequestContextMiddleware)  # outermost: ids, logs and metrics cover every reply
    app.include_router(health.router)
    app.include_router(extract.router)
    return app


app = create_app()
