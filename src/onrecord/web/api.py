"""The JSON API under /api/: the views' data as JSON (contract lines for articles), or as CSV/JSON downloads.

Every list takes `page` and `per_page`; `download=csv` or `download=json` returns the whole
filtered table (up to views.EXPORT_LIMIT rows) as an attachment.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..model import Article, Record
from . import analyse, views
from .db import WebStore

router = APIRouter(prefix="/api", tags=["api"])

Download = Literal["csv", "json"] | None


class ArticleIn(BaseModel):
    """One article to analyse: exactly one of `text`, `html` or `url`."""
    text: str | None = Field(None, description="Plain text, analysed exactly as given.")
    html: str | None = Field(None, description="An HTML page; the article text is extracted from it.")
    url: str | None = Field(None, description="A public http(s) URL to fetch (private addresses refused).")
    id: str | None = Field(None, description="The article id (default: the URL, else a slug of the first line).")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    outlet: str | None = None


def db_of(request: Request) -> WebStore:
    return request.app.state.db


def refuse_writes(request: Request) -> None:
    if request.app.state.read_only:
        raise HTTPException(403, "this server is read-only (started with --read-only)")


def article_from_body(request: Request, body: ArticleIn) -> Article:
    given = [k for k in ("text", "html", "url") if getattr(body, k)]
    if len(given) != 1:
        raise HTTPException(422, "give exactly one of text, html or url")
    settings = request.app.state.settings
    if body.text:
        return analyse.from_text(body.text, id=body.id, title=body.title, published=body.published,
                                 outlet=body.outlet)
    if body.html:
        return analyse.from_html(body.html, id=body.id, title=body.title, published=body.published,
                                 outlet=body.outlet, settings=settings)
    article = analyse.from_url(body.url or "", settings=settings, allow_private=request.app.state.allow_private)
    m = article.meta
    m.title, m.published, m.outlet = body.title or m.title, body.published or m.published, body.outlet or m.outlet
    if body.id:
        article.id = body.id
    return article


def _line(record: Record, status: int = 200) -> JSONResponse:
    """A contract line; 422 when the input could not be read at all."""
    return JSONResponse(record.to_dict(), status_code=status if analyse.readable(record) else 422)


def table_response(data: dict[str, Any], download: Download, name: str) -> Any:
    """The view's data as JSON, or its rows as a CSV/JSON attachment."""
    if download == "csv":
        return Response(to_csv(data["rows"], data["columns"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if download == "json":
        body = json.dumps(data["rows"], ensure_ascii=False, default=str, indent=1)
        return Response(body, media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    return JSONResponse(json.loads(json.dumps(data, ensure_ascii=False, default=str)))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """CSV with a header; cells that a spreadsheet would run as formulas are prefixed with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        cells = []
        for c in columns:
            v = views.flat(row.get(c))
            if isinstance(v, str) and v.startswith(_FORMULA):
                v = "'" + v
            cells.append(v)
        writer.writerow(cells)
    return out.getvalue()


def paging(page: int, per_page: int, download: Download) -> views.Paging:
    if download:
        return views.Paging(1, views.EXPORT_LIMIT)
    return views.Paging.of(page, per_page)


PageQ = Query(1, ge=1, description="Page number, from 1.")
PerPageQ = Query(50, ge=1, le=views.MAX_PER_PAGE)
DownloadQ = Query(None, description="csv or json: the whole filtered table as a file.")


@router.get("/stats", summary="Counts of what the store holds")
def stats_api(request: Request) -> dict[str, int]:
    return views.stats(db_of(request))


@router.get("/articles", summary="Stored articles, newest first (search by text, outlet, date)")
def articles_api(request: Request, q: str | None = None, outlet: str | None = None,
                 date_from: str | None = Query(None, description="YYYY-MM-DD"),
                 date_to: str | None = Query(None, description="YYYY-MM-DD"),
                 page: int = PageQ, per_page: int = PerPageQ, download: Download = DownloadQ) -> Any:
    data = views.articles(db_of(request), q=q, outlet=outlet, date_from=date_from, date_to=date_to,
                          paging=paging(page, per_page, download))
    return table_response(data, download, "articles")


@router.get("/articles/{article_id:path}", summary="One article: its contract line")
def article_api(request: Request, article_id: str) -> Any:
    raw = db_of(request).raw_record(article_id)
    if raw is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return JSONResponse(raw)


@router.post("/extract", summary="Analyse one article and return its contract line, without storing it")
def extract_api(request: Request, body: ArticleIn) -> Any:
    article = article_from_body(request, body)
    record = analyse.analyse([article], settings=request.app.state.settings)[0]
    return _line(record)


@router.post("/articles", status_code=201, summary="Analyse one article, store it and return its contract line")
def store_api(request: Request, body: ArticleIn) -> Any:
    refuse_writes(request)
    article = article_from_body(request, body)
    record = analyse.analyse([article], settings=request.app.state.settings)[0]
    if analyse.readable(record):
        db_of(request).write([record])
    return _line(record, 201)


@router.get("/people", summary="People named or quoted in the store, most-covered first")
def people_api(request: Request, q: str | None = None, page: int = PageQ, per_page: int = PerPageQ,
               download: Download = DownloadQ) -> Any:
    data = views.people(db_of(request), q=q, paging=paging(page, per_page, download))
    return table_response(data, download, "people")


@router.get("/people/{person_id}", summary="One person: statements and events over time")
def person_api(request: Request, person_id: str, page: int = PageQ, per_page: int = Query(100, ge=1, le=500),
               download: Download = DownloadQ,
               table: Literal["statements", "events"] = Query("statements", description="Which table to download"),
               ) -> Any:
    data = views.person(db_of(request), person_id, paging=paging(page, per_page, download))
    if data is None:
        raise HTTPException(404, f"no person {person_id!r}")
    if download:
        return table_response(data[table], download, f"{person_id}-{table}")
    return table_response(data, None, person_id)


@router.get("/outlets", summary="Outlets: share of anonymous sources, whom they quote most")
def outlets_api(request: Request, page: int = PageQ, per_page: int = PerPageQ, download: Download = DownloadQ) -> Any:
    data = views.outlets(db_of(request), paging=paging(page, per_page, download))
    return table_response(data, download, "outlets")


@router.get("/events", summary="Events (PLOVER), filtered by type, actor and date")
def events_api(request: Request, type: str | None = None, actor: str | None = None,
               date_from: str | None = None, date_to: str | None = None, page: int = PageQ,
               per_page: int = PerPageQ, download: Download = DownloadQ) -> Any:
    data = views.events(db_of(request), type=type, actor=actor, date_from=date_from, date_to=date_to,
                        paging=paging(page, per_page, download))
    return table_response(data, download, "events")


@router.get("/conflicts", summary="Conflicts between accounts, strongest first (contract shape)")
def conflicts_api(request: Request, kind: str | None = None, about: str | None = None, page: int = PageQ,
                  per_page: int = Query(views.MAX_PER_PAGE, ge=1, le=views.MAX_PER_PAGE),
                  download: Download = DownloadQ) -> Any:
    data = views.conflicts(db_of(request), kind=kind, about=about, paging=paging(page, per_page, download))
    return table_response(data, download, "conflicts")
