"""HTML pages: each hands the read model's answer to a Jinja2 template (autoescape on, no inline script).

Query parameters of pages are read leniently (a bad `page` is page 1, a bad date is ignored
with a note on the page): a page answers with a page, never with JSON.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import Article
from ..service import queries
from . import analyse, charts, views
from .api import ApiError, clean, db_of, envelope, keep_stored_id, reader
from .db import Reader

HERE = Path(__file__).parent
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _web_url(value: Any) -> str | None:
    """Only http(s) URLs become links: `javascript:` and the like stay text."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else None


def _quoted(text: Any) -> str:
    """Text in quotation marks, unless it already is ("“I never …”" is not quoted twice)."""
    text = str(text or "").strip()
    if text[:1] in "\"“‘'" and text[-1:] in "\"”’'":
        return text
    return f"“{text}”"


def href(article_id: Any, spans: Any = None, anchor: str | None = None) -> str:
    """The link to an article page, outlining SPANS ([[start, end], ...]) and jumping to ANCHOR.
    A function, not a template macro: a person page makes hundreds of links."""
    url = "/articles/" + quote(str(article_id), safe="")
    marks = ",".join(f"{int(s[0])}-{int(s[1])}" for s in (spans or []) if s and len(s) == 2)
    if marks:
        url += "?mark=" + marks
    return url + (f"#{quote(str(anchor), safe='')}" if anchor else "")


_env.globals["href"] = href
_env.filters["web_url"] = _web_url
_env.filters["quoted"] = _quoted
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _date(value: str | None, name: str, notes: list[str]) -> str | None:
    if not value:
        return None
    from ..ingest.dates import parse_date

    parsed = parse_date(value, check_range=False)
    if parsed.iso is None:
        notes.append(f"“{value[:40]}” is not a date, so the {name} filter is ignored.")
    return parsed.iso


def _float(value: str | None, notes: list[str]) -> float | None:
    if not value:
        return None
    try:
        return min(1.0, max(0.0, float(value)))
    except ValueError:
        notes.append(f"“{value[:20]}” is not a score between 0 and 1, so it is ignored.")
        return None


def _query(request: Request, **changes: Any) -> str:
    """The current query string with `changes` applied (None removes a key)."""
    params = {k: v for k, v in request.query_params.items() if k != "token"}
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = str(v)
    return ("?" + urlencode(params)) if params else "?"


def _render(request: Request, name: str, status: int = 200, r: Reader | None = None, **context: Any) -> HTMLResponse:
    context.setdefault("title", None)
    context.setdefault("notes", [])
    stale = None
    if r is not None:
        if db_of(request).rebuilding:
            stale = "the record (people, claims, conflicts, search) is being rebuilt after the last write"
        else:
            try:
                stale = queries.record_status(r)
            except Exception:  # noqa: BLE001 - a store without record tables: the page still renders
                stale = None
    return templates.TemplateResponse(
        request, name, {"read_only": request.app.state.read_only, "version": __version__, "stale": stale,
                        "qs": lambda **kw: _query(request, **kw), **context}, status_code=status)


def _download_links(request: Request, api_path: str, **extra: Any) -> dict[str, str]:
    base = {k: v for k, v in request.query_params.items() if k not in ("token", "page", "per_page")}
    base.update({k: v for k, v in extra.items() if v is not None})
    return {fmt: f"{api_path}?{urlencode({**base, 'download': fmt})}" for fmt in ("csv", "json")}


# --- home and the form ------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, r: Reader = Depends(reader)) -> HTMLResponse:
    recent = queries.articles(r, paging=queries.Paging(1, 10))
    return _render(request, "home.html", r=r, stats=queries.stats(r), recent=recent["rows"],
                   max_upload=request.app.state.max_upload_bytes, form={}, error=None)


@router.post("/analyse", response_class=HTMLResponse)
async def analyse_form(request: Request) -> Response:
    """The form: paste, upload or URL; analyse, then store (redirect to the article) or just show."""
    limit = request.app.state.max_upload_bytes
    form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
    fields = {k: clean((form.get(k) or "").strip()) if isinstance(form.get(k), str) else "" for k in
              ("text", "url", "title", "outlet", "published", "save")}
    save = fields["save"] not in ("", "0")
    if save and request.app.state.read_only:
        raise ApiError(403, "this server is read-only (started with --read-only): nothing can be stored", "read_only")
    upload = form.get("file")
    settings = request.app.state.settings
    articles: list[Article]
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, f"the file is over the {limit:,}-byte limit")
        articles = await run_in_threadpool(analyse.from_upload, data, upload.filename, settings=settings)
    elif fields["text"]:
        text = form.get("text")  # unstripped: offsets index exactly what was pasted
        articles = [analyse.from_text(clean(text) if isinstance(text, str) else "", title=fields["title"],
                                      published=fields["published"], outlet=fields["outlet"])]
    elif fields["url"]:
        articles = [await run_in_threadpool(analyse.from_url, fields["url"], settings=settings,
                                            allow_private=request.app.state.allow_private)]
    else:
        return await run_in_threadpool(_home_error, request, "Paste a text, choose a file or give a URL.", fields)
    for a in articles:
        if fields["title"] and not a.meta.title:
            a.meta.title = fields["title"]
        if fields["outlet"] and not a.meta.outlet:
            a.meta.outlet = fields["outlet"]
        if fields["published"] and not a.meta.published:
            analyse.with_fields(a, published=fields["published"])
    records = await run_in_threadpool(analyse.analyse, articles, settings=settings)
    readable = [rec for rec in records if analyse.readable(rec)]
    if not readable:
        problems = "; ".join(e.message[:300] for rec in records for e in rec.errors) or "nothing could be read"
        return await run_in_threadpool(_home_error, request, f"Could not read the article: {problems}", fields)
    db = db_of(request)
    if save:
        for rec in readable:
            keep_stored_id(db, rec, explicit=False)
        await run_in_threadpool(db.write, readable)
        if len(readable) == 1:
            return RedirectResponse(f"/articles/{quote(readable[0].id, safe='')}", status_code=303)
        return RedirectResponse("/articles", status_code=303)
    # Not stored: its conflicts are those within this one article (the store's are not read).
    from ..record import conflicts_for_records

    found = await run_in_threadpool(conflicts_for_records, readable[:1])
    data = views.article_page(readable[0].to_dict(), person_ids={}, conflicts=[c.to_dict() for c in found])
    return _render(request, "article.html", a=data, saved=False, title=data["meta"].get("title") or data["id"])


def _home_error(request: Request, message: str, fields: dict[str, str]) -> HTMLResponse:
    with db_of(request).reader() as r:
        return _render(request, "home.html", status=422, r=r, stats=queries.stats(r),
                       recent=queries.articles(r, paging=queries.Paging(1, 10))["rows"],
                       max_upload=request.app.state.max_upload_bytes, form=fields, error=message)


@router.post("/record/rebuild", response_class=HTMLResponse)
async def rebuild_form(request: Request) -> Response:
    """The stale-record banner's button: rebuild, then back to the page it was pressed on."""
    if request.app.state.read_only:
        raise ApiError(403, "this server is read-only (started with --read-only): stop it and run `onrecord rebuild`",
                       "read_only")
    await run_in_threadpool(db_of(request).rebuild_record)
    back = request.headers.get("referer", "/")
    return RedirectResponse(back if back.startswith(str(request.base_url)) else "/", status_code=303)


# --- search -----------------------------------------------------------------------------------

@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = None, kind: str | None = None, page: str | None = None,
                r: Reader = Depends(reader)) -> HTMLResponse:
    q = (q or "").strip()[:500]
    data = queries.search(r, q, kind=kind or None, paging=queries.Paging.of(_int(page), 50)) if q else None
    return _render(request, "search.html", r=r, data=data, q=q, kind=kind or "", title="Search")


@router.get("/claim", response_class=HTMLResponse)
def claim_page(request: Request, text: str | None = None, r: Reader = Depends(reader)) -> HTMLResponse:
    text = (text or "").strip()[:500]
    found = queries.claim_search(r, text, limit=30) if len(text) >= 3 else None
    groups = {}
    if found:
        for verdict in ("supports", "disputes", "discusses"):
            groups[verdict] = [h for h in found["rows"] if h["verdict"] == verdict]
    return _render(request, "claim.html", r=r, text=text, found=found, groups=groups, title="Check a claim")


# --- the record -------------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, sort: str | None = None, page: str | None = None,
                  r: Reader = Depends(reader)) -> HTMLResponse:
    notes: list[str] = []
    data = queries.articles(r, q=q or None, outlet=outlet or None, date_from=_date(date_from, "From", notes),
                            date_to=_date(date_to, "To", notes), sort=sort, paging=queries.Paging.of(_int(page), 50))
    return _render(request, "articles.html", r=r, data=data, title="Articles", notes=notes,
                   downloads=_download_links(request, "/api/articles"))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, mark: str | None = None,
                 r: Reader = Depends(reader)) -> HTMLResponse:
    data = views.stored_article(r, article_id, mark=mark)
    if data is None:
        raise ApiError(404, f"No article {article_id!r} in the store.")
    return _render(request, "article.html", r=r, a=data, saved=True, title=data["meta"].get("title") or data["id"])


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, q: str | None = None, sort: str | None = None, page: str | None = None,
                r: Reader = Depends(reader)) -> HTMLResponse:
    data = queries.people(r, q=q or None, sort=sort, paging=queries.Paging.of(_int(page), 50))
    return _render(request, "people.html", r=r, data=data, title="People",
                   downloads=_download_links(request, "/api/people"))


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, page: str | None = None,
                r: Reader = Depends(reader)) -> HTMLResponse:
    data = queries.person(r, person_id, paging=queries.Paging.of(_int(page), 100))
    if data is None:
        raise ApiError(404, f"No person {person_id!r} in the store.")
    label = f"{data['name']}: statements and events over time"
    if data["statements"]["total"] + data["events"]["total"] <= 100:  # every one fits on this page: a dot each
        points = [(s["published"] or "", "said", f"{s['article_id']}: {s['text'][:120]}")
                  for s in data["statements"]["rows"]]
        points += [(v["date"] or v["published"] or "", v["type"], f"{v['type']}: {v['trigger_text']}")
                   for v in data["events"]["rows"]]
        chart = charts.timeline(points, label=label)
    else:
        chart = charts.stacked_bars(data["by_month"], x="month", series="type", value="n", label=label)
    api = f"/api/people/{person_id}"
    return _render(request, "person.html", r=r, p=data, chart=chart, title=data["name"],
                   downloads={t: _download_links(request, api, table=t) for t in ("statements", "events")})


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, page: str | None = None, r: Reader = Depends(reader)) -> HTMLResponse:
    data = queries.outlets(r, paging=queries.Paging.of(_int(page), 50))
    chart = charts.hbars([(row["outlet"] or "(unknown outlet)", row["share_anonymous"],
                           f"{row['n_anonymous']} of {row['n_attributions']} attributions")
                          for row in data["rows"] if row["n_attributions"]][:30],
                         label="Share of attributions to anonymous sources, by outlet")
    return _render(request, "outlets.html", r=r, data=data, chart=chart, title="Outlets",
                   downloads=_download_links(request, "/api/outlets"))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str | None = None, actor: str | None = None, date_from: str | None = None,
                date_to: str | None = None, sort: str | None = None, page: str | None = None,
                r: Reader = Depends(reader)) -> HTMLResponse:
    notes: list[str] = []
    data = queries.events(r, type=type or None, actor=actor or None, date_from=_date(date_from, "From", notes),
                          date_to=_date(date_to, "To", notes), sort=sort, paging=queries.Paging.of(_int(page), 50))
    chart = charts.stacked_bars(data["by_month"], x="month", series="type", value="n",
                                label="Events per month, by type")
    return _render(request, "events.html", r=r, data=data, chart=chart, title="Events", notes=notes,
                   downloads=_download_links(request, "/api/events"))


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, person: str | None = None, kind: str | None = None,
                   min_score: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   sort: str | None = None, page: str | None = None, r: Reader = Depends(reader)) -> HTMLResponse:
    notes: list[str] = []
    data = queries.conflicts(r, person=person or None, kind=kind if kind in queries.CONFLICT_KINDS else None,
                             min_score=_float(min_score, notes), date_from=_date(date_from, "From", notes),
                             date_to=_date(date_to, "To", notes), sort=sort,
                             paging=queries.Paging.of(_int(page), 50))
    return _render(request, "conflicts.html", r=r, data=data, title="Conflicts", notes=notes,
                   downloads=_download_links(request, "/api/conflicts"))


@router.get("/api", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    """The OpenAPI description as a plain page; /docs is the interactive one (both offline)."""
    spec = request.app.openapi()
    routes = [{"method": m.upper(), "path": path, "summary": op.get("summary") or "",
               "params": [(p["name"], p.get("in"), (p.get("description") or "")) for p in op.get("parameters", [])],
               "body": "requestBody" in op,
               "errors": sorted(c for c in op.get("responses", {}) if c.startswith(("4", "5")))}
              for path, ops in spec["paths"].items() for m, op in ops.items()]
    return _render(request, "api.html", routes=routes, title="JSON API")


# --- errors -----------------------------------------------------------------------------------

def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi")) or \
        "text/html" not in request.headers.get("accept", "")


def install_error_pages(app: FastAPI) -> None:
    """Errors as the envelope {"error": {"kind", "message"}} for the API (and clients that do not
    ask for HTML), as a page for browsers. Validation errors never echo the input back."""
    import logging

    def page(request: Request, status: int, message: str) -> Response:
        return _render(request, "error.html", status=status, status_code=status, message=message,
                       title=f"Error {status}")

    @app.exception_handler(StarletteHTTPException)
    async def http_errors(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if _wants_json(request):
            return envelope(exc.status_code, message, getattr(exc, "kind", None), headers=exc.headers)
        return page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        message = "; ".join(parts) or "invalid request"
        if _wants_json(request):
            return envelope(422, message, "invalid")
        return page(request, 422, message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        logging.getLogger("onrecord.web").exception("request failed: %s", request.url.path)
        message = "something went wrong on the server; the log says what"
        if _wants_json(request):
            return envelope(500, message, "internal")
        return page(request, 500, message)
