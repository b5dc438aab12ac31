"""Application factory: the store connection, the token, the routers and the security headers."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from communique import __version__, arguments
from communique.serve import api, pages
from communique.serve.deps import Backend
from communique.serve.guard import MAX_REQUEST_BYTES, WriteGuard

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

STATIC_MAX_AGE = {"vendor": 365 * 24 * 3600, "own": 3600}  # seconds a browser keeps a static file


def create_app(
    db: Path | str | None = None, token: str | None = None, max_request_bytes: int = MAX_REQUEST_BYTES
) -> FastAPI:
    """The application over the store at ``db``; ``token`` enables the authenticated ingest endpoint, whose
    requests are checked (token, size) before their body is read."""
    backend = Backend(db, token)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The names of every state in every language, read once before the first request rather than by
        # the first clients to filter by a state, together (a second and a half on this machine)
        arguments.state_names_loaded()
        yield
        backend.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN; /api-docs is rendered here instead
        redoc_url=None,
        title="communique",
        version=__version__,
        description="Diplomatic events, agreements and targets extracted from multilingual news, each traced to "
        "its sentences. Read endpoints are open; POST /api/documents needs the operator's bearer token.",
    )
    app.state.backend = backend

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        if request.url.path.startswith("/static/") and response.status_code == 200:
            # the Plotly bundle's URL names its version, so it never changes; our own files may, after an upgrade
            vendor = request.url.path.startswith("/static/vendor/") and request.query_params.get("v")
            response.headers["Cache-Control"] = (
                f"public, max-age={STATIC_MAX_AGE['vendor']}, immutable"
                if vendor
                else f"public, max-age={STATIC_MAX_AGE['own']}"
            )
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):  # a value the validators could not foresee
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return pages.page(request, "error.html", status_code=422, status=422, message=f"Bad address: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.page(
            request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail
        )

    app.add_middleware(GZipMiddleware, minimum_size=1000)  # the 4.8 MB Plotly bundle travels as 1.4 MB
    app.add_middleware(WriteGuard, token=token, max_bytes=max_request_bytes)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    return app
