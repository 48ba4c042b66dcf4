"""The FastAPI app. ``create_app(settings)`` builds it; ``app`` is what ``uvicorn apps.api_gpu.main:app`` serves.

Nothing heavy happens at import: OCR engines and clients are built in the lifespan.
"""

from __future__ import annotations

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from apps.api_gpu.errors import install_error_handlers
from apps.api_gpu.lifespan import lifespan
from apps.api_gpu.metrics import Metrics
from apps.api_gpu.middleware import RequestContextMiddleware, UploadGuardMiddleware
from apps.api_gpu.routes import extract, health, jobs
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
        docs_url=None,  # served below from a local copy of Swagger UI: the default page loads it from a CDN
        redoc_url=None,
    )
    _install_offline_docs(app)
    app.state.ocrlty = AppState(settings=settings, metrics=Metrics())
    install_error_handlers(app)
    app.add_middleware(UploadGuardMiddleware)
    app.add_middleware(RequestContextMiddleware)  # outermost: ids, logs and metrics cover every reply
    app.include_router(health.router)
    app.include_router(extract.router)
    app.include_router(jobs.router)
    return app


def _install_offline_docs(app: FastAPI) -> None:
    """/docs with Swagger UI from the swagger-ui-bundle wheel, so the page works on a machine without internet."""
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API docs",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


app = create_app()
