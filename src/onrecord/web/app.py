"""`create_app(store_path)`: the FastAPI app behind `onrecord serve`, HTML pages plus a JSON API.

Safety, in one place:
- every page is a Jinja2 template with autoescape on; article text never reaches HTML unescaped,
  and a strict Content-Security-Policy forbids inline script even if something slipped through;
- request bodies (pasted text, uploads, JSON) are capped at `max_upload_bytes` (413 above it);
- URLs are fetched by ingest/url.py, which refuses private and loopback targets unless
  `allow_private`;
- with `token`, every request must carry it (`Authorization: Bearer T`, `?token=T`, then a
  cookie); without one, only loopback Host names are answered (against DNS rebinding);
- writes from a page or the API are refused with 403 when `read_only`; cross-site form
  posts (an Origin whose host or port is not this server's) are refused with 403;
- SQL is parameterised throughout service/queries.py, which every page and route reads through;
- errors are one envelope, {"error": {"kind", "message"}}, for the API (a page for browsers).
"""
from __future__ import annotations

import hmac
import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..settings import DEFAULT, Settings
from .db import WebStore

HERE = Path(__file__).parent
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TOKEN_COOKIE = "onrecord_token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# /docs runs Swagger UI 5 (it reads OpenAPI 3.1), served from the fastapi-offline package; its
# start-up script is a static file, but the UI sets inline styles, so that page allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class BodyLimit:
    """ASGI middleware: 413 for a request body over `limit` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0
        started = responded = False

        async def counted() -> Message:
            # Over the limit mid-stream: answer 413 ourselves, and tell the app the client left.
            nonlocal seen, responded
            if responded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    if not started:
                        await _too_large(self.limit)(scope, receive, send)
                        responded = True
                    return {"type": "http.disconnect"}
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if responded:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked_send)
        except Exception:
            if not responded:
                raise


def _too_large(limit: int) -> Response:
    from .api import envelope

    return envelope(413, f"request body is over the {limit:,}-byte limit", "too_large")


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    import ipaddress

    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_of(header: str) -> str:
    """The host part of a Host or Origin value, IPv6 brackets removed, port dropped."""
    netloc = urlsplit(header if "//" in header else f"//{header}").hostname or ""
    return netloc.lower()


def _origin_of(header: str, scheme: str = "http") -> tuple[str, int | None]:
    """(host, port) of a Host or Origin value, the scheme's default port filled in."""
    parts = urlsplit(header if "//" in header else f"//{header}")
    try:
        port = parts.port
    except ValueError:
        return (parts.hostname or "").lower(), -1
    default = {"http": 80, "https": 443}.get(parts.scheme or scheme)
    return (parts.hostname or "").lower(), port or default


def create_app(store_path: str | Path, *, read_only: bool = False, token: str | None = None,
               allow_private: bool = False, settings: Settings = DEFAULT,
               max_upload_bytes: int = MAX_UPLOAD_BYTES, allowed_hosts: list[str] | None = None,
               create: bool = False) -> FastAPI:
    """The web app over the store at `store_path`.

    Args:
        store_path: the DuckDB file; it must exist unless `create`.
        read_only: refuse every write (403) and open the file read-only.
        token: when set, every request must carry it (header, query or cookie).
        allow_private: let URL fetching reach loopback and private addresses.
        settings: limits for the readers and the pipeline.
        max_upload_bytes: cap on any request body.
        allowed_hosts: Host names answered when there is no token (default: loopback names).
        create: create an empty store when `store_path` does not exist.
    Returns:
        The FastAPI app; `app.state.db` is its WebStore (closed on shutdown).
    """
    from contextlib import asynccontextmanager

    if not Path(store_path).exists():
        if not create or read_only:
            raise FileNotFoundError(f"no store at {store_path}: run `onrecord ingest` first")
        from ..store import Store

        Store(store_path).close()  # an empty store with every table, so the pages have tables to read
    db = WebStore(store_path, read_only=read_only)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # noqa: ANN202
        yield
        db.close()

    app = FastAPI(title="onrecord", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what, who did what with whom, and where the accounts disagree. "
                              "Every article is served in the shape of `onrecord extract`'s contract line.")
    app.state.db = db
    app.state.read_only = read_only
    app.state.allow_private = allow_private
    app.state.settings = replace(settings, allow_private=allow_private)
    app.state.max_upload_bytes = max_upload_bytes
    hosts = {h.lower().strip("[]") for h in (allowed_hosts or [])} | set(LOOPBACK_HOSTS)

    @app.middleware("http")
    async def guard(request: Request, call_next):  # noqa: ANN001, ANN202
        from .api import envelope

        host = _host_of(request.headers.get("host", ""))
        if token is None and host not in hosts:
            return envelope(421, f"unknown host {host[:100]!r}: start the server with --token to serve other names",
                            "unknown_host")
        from_query = False
        if token is not None:
            auth = request.headers.get("authorization", "")
            supplied = auth[7:].strip() if auth.lower().startswith("bearer ") else None
            if supplied is None and request.query_params.get("token") is not None:
                supplied, from_query = request.query_params.get("token"), True
            if supplied is None:
                supplied = request.cookies.get(TOKEN_COOKIE)
            if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
                return envelope(401, "a valid token is required (Authorization: Bearer TOKEN or ?token=)",
                                "unauthorized", headers={"WWW-Authenticate": "Bearer"})
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("origin")
            here = _origin_of(request.headers.get("host", ""), request.url.scheme)
            if origin and (origin == "null" or _origin_of(origin) != here):
                return envelope(403, "cross-site requests are refused", "cross_site")
        response = await call_next(request)
        if from_query:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if request.url.path == "/docs" else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: with no-referrer, browsers send `Origin: null` on form posts
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    _install_offline_docs(app)  # before /static, which would otherwise shadow /static/swagger5
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)
    return app


def _install_offline_docs(app: FastAPI) -> None:
    """/docs: Swagger UI 5 from the fastapi-offline package (no CDN), started by static/docs.js."""
    import fastapi_offline

    app.mount("/static/swagger5", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"),
              name="swagger")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Any:
        return HTMLResponse((HERE / "templates" / "docs.html").read_text(encoding="utf-8"))


def json_default(value: Any) -> Any:
    """json.dumps fallback for DuckDB values (dates, decimals)."""
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=json_default)
