"""HTML pages: each hands a view's data to a Jinja2 template (autoescape on, no inline script)."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import Article
from . import analyse, charts, views
from .api import db_of

HERE = Path(__file__).parent
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)


def _query(request: Request, **changes: Any) -> str:
    """The current query string with `changes` applied (None removes a key)."""
    params = {k: v for k, v in request.query_params.items() if k != "token"}
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = str(v)
    return ("?" + urlencode(params)) if params else ""


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("title", None)
    return templates.TemplateResponse(
        request, name, {"read_only": request.app.state.read_only, "version": __version__,
                        "qs": lambda **kw: _query(request, **kw), **context}, status_code=status)


def _download_links(request: Request, api_path: str, **extra: Any) -> dict[str, str]:
    base = {k: v for k, v in request.query_params.items() if k not in ("token", "page", "per_page")}
    base.update({k: v for k, v in extra.items() if v is not None})
    return {fmt: f"{api_path}?{urlencode({**base, 'download': fmt})}" for fmt in ("csv", "json")}


# --- home and the form ------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    db = db_of(request)
    recent = views.articles(db, paging=views.Paging(1, 10))
    return _render(request, "home.html", stats=views.stats(db), recent=recent["rows"],
                   max_upload=request.app.state.max_upload_bytes, form={}, error=None)


@router.post("/analyse", response_class=HTMLResponse)
async def analyse_form(request: Request) -> Response:
    """The form: paste, upload or URL; analyse, then store (redirect to the article) or just show."""
    limit = request.app.state.max_upload_bytes
    form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
    fields = {k: (form.get(k) or "").strip() if isinstance(form.get(k), str) else "" for k in
              ("text", "url", "title", "outlet", "published", "save")}
    save = fields["save"] not in ("", "0")
    if save and request.app.state.read_only:
        raise HTTPException(403, "this server is read-only (started with --read-only): nothing can be stored")
    upload = form.get("file")
    settings = request.app.state.settings
    articles: list[Article]
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"the file is over the {limit:,}-byte limit")
        articles = await run_in_threadpool(analyse.from_upload, data, upload.filename, settings=settings)
    elif fields["text"]:
        text = form.get("text")  # unstripped: offsets index exactly what was pasted
        articles = [analyse.from_text(text if isinstance(text, str) else "", title=fields["title"],
                                      published=fields["published"], outlet=fields["outlet"])]
    elif fields["url"]:
        articles = [await run_in_threadpool(analyse.from_url, fields["url"], settings=settings,
                                            allow_private=request.app.state.allow_private)]
    else:
        return _home_error(request, "Paste a text, choose a file or give a URL.", fields)
    for a in articles:
        if fields["title"] and not a.meta.title:
            a.meta.title = fields["title"]
        if fields["outlet"] and not a.meta.outlet:
            a.meta.outlet = fields["outlet"]
        if fields["published"] and not a.meta.published:
            a.meta.published = fields["published"]
    records = await run_in_threadpool(analyse.analyse, articles, settings=settings)
    readable = [r for r in records if analyse.readable(r)]
    if not readable:
        problems = "; ".join(e.message for r in records for e in r.errors) or "nothing could be read"
        return _home_error(request, f"Could not read the article: {problems}", fields)
    db = db_of(request)
    if save:
        await run_in_threadpool(db.write, readable)
        if len(readable) == 1:
            return RedirectResponse(f"/articles/{_quote(readable[0].id)}", status_code=303)
        return RedirectResponse("/articles", status_code=303)
    data = await run_in_threadpool(views.article, db, readable[0].id, record=readable[0])
    return _render(request, "article.html", a=data, saved=False, title=data["meta"].get("title") or data["id"])


def _quote(article_id: str) -> str:
    from urllib.parse import quote

    return quote(article_id, safe="")


def _home_error(request: Request, message: str, fields: dict[str, str]) -> HTMLResponse:
    db = db_of(request)
    return _render(request, "home.html", status=422, stats=views.stats(db),
                   recent=views.articles(db, paging=views.Paging(1, 10))["rows"],
                   max_upload=request.app.state.max_upload_bytes, form=fields, error=message)


# --- the record -------------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, page: int = 1, per_page: int = 50) -> HTMLResponse:
    data = views.articles(db_of(request), q=q or None, outlet=outlet or None, date_from=date_from or None,
                          date_to=date_to or None, paging=views.Paging.of(page, per_page))
    return _render(request, "articles.html", data=data, title="Articles",
                   downloads=_download_links(request, "/api/articles"))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, mark: str | None = None) -> HTMLResponse:
    data = views.article(db_of(request), article_id, mark=mark)
    if data is None:
        raise HTTPException(404, f"No article {article_id!r} in the store.")
    return _render(request, "article.html", a=data, saved=True, title=data["meta"].get("title") or data["id"])


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, q: str | None = None, page: int = 1, per_page: int = 50) -> HTMLResponse:
    data = views.people(db_of(request), q=q or None, paging=views.Paging.of(page, per_page))
    return _render(request, "people.html", data=data, title="People",
                   downloads=_download_links(request, "/api/people"))


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, page: int = 1) -> HTMLResponse:
    data = views.person(db_of(request), person_id, paging=views.Paging.of(page, 100))
    if data is None:
        raise HTTPException(404, f"No person {person_id!r} in the store.")
    label = f"{data['name']}: statements and events over time"
    if data["statements"]["total"] + data["events"]["total"] <= 100:  # every one fits on this page: a dot each
        points = [(s["published"] or "", "said", f"{s['article_id']}: {s['content_text'][:120]}")
                  for s in data["statements"]["rows"]]
        points += [(v["date"] or v["published"] or "", v["type"], f"{v['type']}: {v['trigger_text']}")
                   for v in data["events"]["rows"]]
        chart = charts.timeline(points, label=label)
    else:
        chart = charts.stacked_bars(data["by_month"], x="month", series="type", value="n", label=label)
    api = f"/api/people/{person_id}"
    return _render(request, "person.html", p=data, chart=chart, title=data["name"],
                   downloads={t: _download_links(request, api, table=t) for t in ("statements", "events")})


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, page: int = 1, per_page: int = 50) -> HTMLResponse:
    data = views.outlets(db_of(request), paging=views.Paging.of(page, per_page))
    chart = charts.hbars([(r["outlet"] or "(unknown outlet)", r["share_anonymous"],
                           f"{r['n_anonymous']} of {r['n_attributions']} attributions")
                          for r in data["rows"] if r["n_attributions"]][:30],
                         label="Share of attributions to anonymous sources, by outlet")
    return _render(request, "outlets.html", data=data, chart=chart, title="Outlets",
                   downloads=_download_links(request, "/api/outlets"))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str | None = None, actor: str | None = None, date_from: str | None = None,
                date_to: str | None = None, page: int = 1, per_page: int = 50) -> HTMLResponse:
    data = views.events(db_of(request), type=type or None, actor=actor or None, date_from=date_from or None,
                        date_to=date_to or None, paging=views.Paging.of(page, per_page))
    chart = charts.stacked_bars(data["by_month"], x="month", series="type", value="n",
                                label="Events per month, by type")
    return _render(request, "events.html", data=data, chart=chart, title="Events",
                   downloads=_download_links(request, "/api/events"))


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, kind: str | None = None, about: str | None = None, page: int = 1) -> HTMLResponse:
    data = views.conflicts(db_of(request), kind=kind or None, about=about or None, paging=views.Paging.of(page, 50))
    return _render(request, "conflicts.html", data=data, title="Conflicts",
                   downloads=_download_links(request, "/api/conflicts"))


@router.get("/api", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    """The OpenAPI description as a plain page (FastAPI's /docs needs a CDN; this one works offline)."""
    spec = request.app.openapi()
    routes = [{"method": m.upper(), "path": path, "summary": op.get("summary") or "",
               "params": [(p["name"], p.get("in"), p.get("description") or "") for p in op.get("parameters", [])],
               "body": "requestBody" in op}
              for path, ops in spec["paths"].items() for m, op in ops.items()]
    return _render(request, "api.html", routes=routes, title="JSON API")


def install_error_pages(app: FastAPI) -> None:
    """HTML errors for pages, JSON errors for /api/ (FastAPI's own {"detail": ...} shape)."""
    from fastapi.exception_handlers import http_exception_handler

    @app.exception_handler(StarletteHTTPException)
    async def errors(request: Request, exc: StarletteHTTPException) -> Response:
        wants_json = request.url.path.startswith(("/api/", "/openapi")) or \
            "text/html" not in request.headers.get("accept", "")
        if wants_json:
            return await http_exception_handler(request, exc)
        return _render(request, "error.html", status=exc.status_code, status_code=exc.status_code,
                       message=str(exc.detail), title=f"Error {exc.status_code}")
