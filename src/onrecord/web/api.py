"""The JSON API under /api/: the read model's answers as JSON (contract lines for articles), or as
CSV/JSON downloads. Every error is one envelope, `{"error": {"kind": ..., "message": ...}}`.

Every list takes `page` and `per_page` (at most 500) and `sort` (a column, `-column` for
descending); `download=csv` or `download=json` returns the whole filtered table (up to
queries.EXPORT_LIMIT rows) as an attachment.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..model import Article, Record
from ..service import queries
from . import analyse, views
from .db import Reader, WebStore

Download = Literal["csv", "json"] | None


# --- the error envelope ------------------------------------------------------------------------

class ErrorBody(BaseModel):
    kind: str = Field(description="A stable word to match on: not_found, invalid, invalid_date, forbidden, "
                                  "conflict, too_large, unauthorized, empty, binary, internal ...")
    message: str = Field(description="What went wrong, for people.")


class ErrorEnvelope(BaseModel):
    """Every error of the API, whatever its status."""
    error: ErrorBody


KINDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 415: "unsupported", 421: "unknown_host", 422: "invalid",
         500: "internal"}


def _doc(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {400: "Bad request", 401: "A valid token is required", 403: "Refused (read-only server or cross-site)",
            404: "Not in the store", 409: "The same article is stored under another id",
            413: "Request body over the size limit", 422: "Invalid parameters or unreadable input"}
    return {c: {"model": ErrorEnvelope, "description": text[c]} for c in codes}


class ApiError(HTTPException):
    """An HTTP error with a `kind`; rendered as the envelope (API) or an error page (HTML)."""

    def __init__(self, status: int, message: str, kind: str | None = None) -> None:
        super().__init__(status, message)
        self.kind = kind or KINDS.get(status, "error")


def envelope(status: int, message: str, kind: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"kind": kind or KINDS.get(status, "error"), "message": message}},
                        status_code=status, headers=headers)


# --- response schemas (documentation: the handlers return JSON directly) ------------------------

class TablePage(BaseModel):
    """One page of a table."""
    total: int
    page: int
    per_page: int
    pages: int
    columns: list[str]
    rows: list[dict[str, Any]]
    sort: str | None = None
    filters: dict[str, Any] = {}


class Stats(BaseModel):
    articles: int
    people: int = Field(description="People in the record (the same count as /api/people).")
    attributions: int
    events: int
    conflicts: int
    outlets: int
    errors: int
    record: str | None = Field(None, description="Why the record is out of date, when it is.")


class ContractLine(BaseModel):
    """An article in the shape of `onrecord extract`'s contract line (see docs/contract.md)."""
    model_config = {"extra": "allow"}
    id: str
    text: str
    meta: dict[str, Any]
    ignored: list[Any]
    entities: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class Person(BaseModel):
    model_config = {"extra": "allow"}
    id: str
    name: str
    names: list[str]
    statements: TablePage
    events: TablePage
    conflicts: list[dict[str, Any]]


class ClaimResult(BaseModel):
    claim: str
    counts: dict[str, int]
    rows: list[dict[str, Any]]


# --- plumbing ----------------------------------------------------------------------------------

router = APIRouter(prefix="/api", tags=["api"], responses=_doc(401, 422))


class ArticleIn(BaseModel):
    """One article to analyse: exactly one of `text`, `html` or `url`."""
    text: str | None = Field(None, description="Plain text, analysed exactly as given.")
    html: str | None = Field(None, description="An HTML page; the article text is extracted from it.")
    url: str | None = Field(None, description="A public http(s) URL to fetch (private addresses refused).")
    id: str | None = Field(None, description="The article id (default: the URL, else a slug of the first line).")
    title: str | None = None
    published: str | None = Field(None, description="Publication date: ISO (2025-03-14, 2025-03, 2025) or "
                                                    "as written (March 14, 2025).")
    outlet: str | None = None


def db_of(request: Request) -> WebStore:
    return request.app.state.db


def reader(request: Request) -> Iterator[Reader]:
    """A read handle for one request (its own cursor)."""
    with db_of(request).reader() as r:
        yield r


def refuse_writes(request: Request) -> None:
    if request.app.state.read_only:
        raise ApiError(403, "this server is read-only (started with --read-only)", "read_only")


def clean(text: str | None) -> str | None:
    """Lone surrogates (invalid in UTF-8) become U+FFFD, one character each, so offsets hold."""
    if text is None:
        return None
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def iso_date(value: str | None, name: str) -> str | None:
    """A date filter as ISO (any form the ingest parser reads), or a 422 that says why."""
    if not value:
        return None
    from ..ingest.dates import parse_date

    parsed = parse_date(value, check_range=False)
    if parsed.iso is None:
        raise ApiError(422, f"{name}: {value[:40]!r} is not a date ({parsed.problem}); use YYYY-MM-DD",
                       "invalid_date")
    return parsed.iso


def article_from_body(request: Request, body: ArticleIn) -> Article:
    given = [k for k in ("text", "html", "url") if getattr(body, k)]
    if len(given) != 1:
        raise ApiError(422, "give exactly one of text, html or url")
    settings = request.app.state.settings
    fields = {"id": clean(body.id), "title": clean(body.title), "published": clean(body.published),
              "outlet": clean(body.outlet)}
    if body.text:
        return analyse.from_text(clean(body.text) or "", **fields)
    if body.html:
        return analyse.from_html(clean(body.html) or "", **fields, settings=settings)
    article = analyse.from_url(body.url or "", settings=settings, allow_private=request.app.state.allow_private)
    return analyse.with_fields(article, **fields)


def _line(record: Record, status: int = 200) -> JSONResponse:
    """A contract line; the envelope (never the input echoed back) when it could not be read."""
    if not analyse.readable(record):
        first = next((e for e in record.errors if e.stage == "ingest"), None)
        return envelope(422, first.message if first else "nothing could be read",
                        first.kind if first else "empty")
    return JSONResponse(record.to_dict(), status_code=status)


def table_response(data: dict[str, Any], download: Download, name: str) -> Any:
    """The view's data as JSON, or its rows as a CSV/JSON attachment."""
    if download == "csv":
        return Response(to_csv(data["rows"], data["columns"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if download == "json":
        body = json.dumps(data["rows"], ensure_ascii=False, default=str, indent=1)
        return Response(body, media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    return Response(json.dumps(data, ensure_ascii=False, default=str), media_type="application/json")


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


def paging(page: int, per_page: int, download: Download) -> queries.Paging:
    if download:
        return queries.Paging(1, queries.EXPORT_LIMIT)
    return queries.Paging.of(page, per_page)


PageQ = Query(1, ge=1, description="Page number, from 1.")
PerPageQ = Query(50, ge=1, le=queries.MAX_PER_PAGE, description="Rows per page (at most 500).")
DownloadQ = Query(None, description="csv or json: the whole filtered table as a file.")
SortQ = Query(None, description="A column to sort by; `-column` for descending.")
FromQ = Query(None, description="On or after this date (YYYY-MM-DD; a month or year counts whole).")
ToQ = Query(None, description="On or before this date (YYYY-MM-DD).")
TABLE = {200: {"model": TablePage, "description": "One page of the table (or a CSV/JSON download)"}}


# --- routes ------------------------------------------------------------------------------------

@router.get("/stats", summary="Counts of what the store holds", response_model=Stats)
def stats_api(request: Request, r: Reader = Depends(reader)) -> Any:
    status = ("being rebuilt after the last write" if db_of(request).rebuilding else queries.record_status(r))
    return JSONResponse({**queries.stats(r), "record": status})


@router.get("/articles", summary="Stored articles, newest first (full-text search, outlet, date)",
            responses=TABLE)
def articles_api(q: str | None = Query(None, description="Words that must all occur (full text)."),
                 outlet: str | None = None, date_from: str | None = FromQ, date_to: str | None = ToQ,
                 sort: str | None = SortQ, page: int = PageQ, per_page: int = PerPageQ,
                 download: Download = DownloadQ, r: Reader = Depends(reader)) -> Any:
    data = queries.articles(r, q=q, outlet=outlet, date_from=iso_date(date_from, "date_from"),
                            date_to=iso_date(date_to, "date_to"), sort=sort, paging=paging(page, per_page, download))
    return table_response(data, download, "articles")


@router.get("/articles/{article_id:path}", summary="One article: its contract line",
            responses={200: {"model": ContractLine, "description": "The contract line"}, **_doc(404)})
def article_api(article_id: str, r: Reader = Depends(reader)) -> Any:
    found = queries.article(r, article_id)
    if found is None:
        raise ApiError(404, f"no article {article_id!r}")
    return JSONResponse(found["record"])


@router.post("/extract", summary="Analyse one article and return its contract line, without storing it",
             responses={200: {"model": ContractLine, "description": "The contract line"}, **_doc(413)})
def extract_api(request: Request, body: ArticleIn) -> Any:
    article = article_from_body(request, body)
    record = analyse.analyse([article], settings=request.app.state.settings)[0]
    return _line(record)


@router.post("/articles", status_code=201, summary="Analyse one article, store it and return its contract line",
             responses={201: {"model": ContractLine, "description": "The stored contract line"},
                        **_doc(403, 409, 413)})
def store_api(request: Request, body: ArticleIn) -> Any:
    refuse_writes(request)
    article = article_from_body(request, body)
    record = analyse.analyse([article], settings=request.app.state.settings)[0]
    if not analyse.readable(record):
        return _line(record)
    keep_stored_id(db_of(request), record, explicit=bool(body.id))
    db_of(request).write([record])
    return _line(record, 201)


def keep_stored_id(db: WebStore, record: Record, *, explicit: bool) -> None:
    """The same article (URL, else text) stored again keeps its id, so links to it hold; an id
    given explicitly that differs is a 409 naming the stored one."""
    stored = db.stored_id(record)
    if stored is None or stored == record.id:
        return
    if explicit:
        raise ApiError(409, f"this article is already stored as {stored!r}; store it under that id or "
                            "change its text or URL", "conflict")
    record.id = stored


@router.post("/record/rebuild", status_code=202, summary="Rebuild the record (people, claims, conflicts, search)",
             responses=_doc(403))
def rebuild_api(request: Request) -> Any:
    """What `onrecord rebuild` does, for a server that holds the store: at once on a small store,
    in the background on a large one (`GET /api/stats` says when it is done)."""
    refuse_writes(request)
    db_of(request).rebuild_record()
    return JSONResponse({"record": "being rebuilt" if db_of(request).rebuilding else None}, status_code=202)


@router.get("/people", summary="People in the record (linked across articles), most covered first",
            responses=TABLE)
def people_api(q: str | None = Query(None, description="Part of any of their names."), sort: str | None = SortQ,
               page: int = PageQ, per_page: int = PerPageQ, download: Download = DownloadQ,
               r: Reader = Depends(reader)) -> Any:
    data = queries.people(r, q=q, sort=sort, paging=paging(page, per_page, download))
    return table_response(data, download, "people")


@router.get("/people/{person_id}", summary="One person: names, statements, events and conflicts",
            responses={200: {"model": Person, "description": "The person"}, **_doc(404)})
def person_api(person_id: str, page: int = PageQ, per_page: int = Query(100, ge=1, le=500),
               download: Download = DownloadQ,
               table: Literal["statements", "events"] = Query("statements", description="Which table to download"),
               r: Reader = Depends(reader)) -> Any:
    data = queries.person(r, person_id, paging=paging(page, per_page, download))
    if data is None:
        raise ApiError(404, f"no person {person_id!r}")
    if download:
        return table_response(data[table], download, f"{person_id}-{table}")
    return table_response(data, None, person_id)


@router.get("/outlets", summary="Outlets: share of anonymous sources, whom they quote most", responses=TABLE)
def outlets_api(page: int = PageQ, per_page: int = PerPageQ, download: Download = DownloadQ,
                r: Reader = Depends(reader)) -> Any:
    return table_response(queries.outlets(r, paging=paging(page, per_page, download)), download, "outlets")


@router.get("/events", summary="Events (PLOVER), filtered by type, actor and date", responses=TABLE)
def events_api(type: str | None = None,
               actor: str | None = Query(None, description="Country code (RUS) or part of a name."),
               date_from: str | None = FromQ, date_to: str | None = ToQ, sort: str | None = SortQ,
               page: int = PageQ, per_page: int = PerPageQ, download: Download = DownloadQ,
               r: Reader = Depends(reader)) -> Any:
    data = queries.events(r, type=type, actor=actor, date_from=iso_date(date_from, "date_from"),
                          date_to=iso_date(date_to, "date_to"), sort=sort,
                          paging=paging(page, per_page, download), chart=not download)
    return table_response(data, download, "events")


@router.get("/conflicts", summary="Conflicts between accounts, strongest first (contract shape, with why)",
            responses=TABLE)
def conflicts_api(person: str | None = Query(None, description="A person id or name."),
                  kind: Literal["denial_vs_report", "account_vs_account", "self_contradiction"] | None = None,
                  min_score: float | None = Query(None, ge=0, le=1), date_from: str | None = FromQ,
                  date_to: str | None = ToQ, sort: str | None = SortQ, page: int = PageQ,
                  per_page: int = PerPageQ, download: Download = DownloadQ, r: Reader = Depends(reader)) -> Any:
    data = queries.conflicts(r, person=person, kind=kind, min_score=min_score,
                             date_from=iso_date(date_from, "date_from"), date_to=iso_date(date_to, "date_to"),
                             sort=sort, paging=paging(page, per_page, download))
    return table_response(data, download, "conflicts")


@router.get("/search", summary="Full-text search over statements, claims and articles", responses=TABLE)
def search_api(q: str = Query(..., min_length=1, max_length=500, description="Words that must all occur."),
               kind: Literal["statement", "claim", "article"] | None = None, page: int = PageQ,
               per_page: int = PerPageQ, r: Reader = Depends(reader)) -> Any:
    return table_response(queries.search(r, q, kind=kind, paging=queries.Paging.of(page, per_page)), None, "search")


@router.get("/claim", summary="Who supports, disputes or discusses a claim (the stance search of `onrecord claim`)",
            response_model=ClaimResult)
def claim_api(text: str = Query(..., min_length=3, max_length=500, description="The claim, in words."),
              limit: int = Query(20, ge=1, le=100), r: Reader = Depends(reader)) -> Any:
    found = queries.claim_search(r, text, limit=limit)
    return JSONResponse({"claim": text, "counts": found["counts"], "rows": found["rows"]})
