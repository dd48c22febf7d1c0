"""WARC files (.warc, .warc.gz): each HTTP 200 `response` record with an HTML body is one article.

- id and meta.url are the record's WARC-Target-URI (contract). meta.published comes from
  the page only: WARC-Date is when the page was crawled, not when it was published.
- Other records (request, metadata, warcinfo, revisit, non-HTML or non-200 responses) are
  skipped: a warning for each skipped response, one summary warning for the rest, which a
  crawl has one or more of per page.
- A page that cannot be read yields an Article with `errors` and no text; the file goes on.
- A file cut short (mid-record) yields the articles before the cut, then one Article with
  id `<path>#truncated` and an error of kind `truncated`, and stops without raising.
"""
from __future__ import annotations

import io
import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError, error_article
from ..model import Article, Meta
from ..settings import DEFAULT, Settings
from .url import parse_content_type

log = logging.getLogger("onrecord.ingest")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DRAIN = 64 * 1024


class _Truncated(Exception):
    """The file ended inside a record."""


def _drain(record: Any) -> None:
    """Read the rest of the record's block and check it was all there.

    warcio reads each record through a reader limited to its Content-Length; if the file
    ends first, that limit is never used up, which is how a cut file shows itself.
    """
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _Truncated(f"record ends {raw.limit:,} bytes early")


def _skip_reason(record: Any) -> str | None:
    """Why a response record is not an article, or None when it is one."""
    http = record.http_headers
    if http is None:
        return "no HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP status {status}"
    mime, _charset = parse_content_type(http.get_header("Content-Type"))
    if mime not in HTML_TYPES:
        return f"content type {mime or 'missing'}"
    return None


def _article(record: Any, uri: str, settings: Settings, defer_html: bool = False) -> Any:
    from .html import article_from_html

    try:
        body = record.content_stream().read(settings.max_file_bytes + 1)
        if len(body) > settings.max_file_bytes:
            raise InputError(f"page is over the {settings.max_file_bytes:,}-byte limit", "too_large")
        _mime, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
        if defer_html:  # the worker that analyses the page extracts its text (ingest/pages.py)
            from .pages import HtmlPage

            return HtmlPage(id=uri, body=body, meta=Meta(url=uri), encoding=charset)
        return article_from_html(body, id=uri, url=uri, encoding=charset, settings=settings)
    except _Truncated:
        raise
    except (EOFError, zlib.error) as exc:
        # a cut inside a gzipped member, or a body whose Content-Encoding is broken
        raise _Truncated(f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # one bad page must not stop the file
        return error_article(uri, exc, meta=Meta(url=uri))


def _check_start(fh: Any, path: Path | str) -> bool:
    """True for gzip; raises InputError(malformed) when the file is not a WARC at all."""
    if fh.seekable():
        head = fh.read(4096)  # enough compressed bytes for the first line of a gzipped file
        fh.seek(0)
    else:
        head = fh.peek(4096)[:4096]
    gz = head[:2] == b"\x1f\x8b"
    if gz:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as exc:
            raise InputError(f"{path}: corrupt gzip data: {exc}", "malformed") from exc
    start = head.lstrip()
    # a file cut within its first five bytes is a truncated WARC, not some other format
    if start and not (start.startswith(b"WARC/") or b"WARC/".startswith(start)):
        raise InputError(f"{path}: not a WARC file", "malformed")
    return gz


def _tail_problem(path: Path, *, gz: bool, last_start: int, end: int) -> str | None:
    """Why the file's end is not a clean record boundary, or None.

    warcio stops quietly when the file ends inside a record's headers, and a gzip member
    that lost only its trailer still yields its whole record; both leave this check.
    """
    size = path.stat().st_size
    if end < size:
        return f"{size - end:,} bytes after the last complete record could not be read"
    if gz and size > last_start:
        with path.open("rb") as fh:
            fh.seek(last_start)
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                while not member.eof and (chunk := fh.read(_DRAIN)):
                    member.decompress(chunk)
            except zlib.error as exc:
                return f"last gzip member is corrupt: {exc}"
            if not member.eof:
                return "last gzip member ends early"
    return None


def _truncated(path: Path | str, why: str) -> Article:
    return error_article(f"{path}#truncated", InputError(f"{path}: file ends inside a record ({why})", "truncated"))


def read_warc(path: str | Path | BinaryIO, *, settings: Settings = DEFAULT, defer_html: bool = False,
              name: str = "stdin") -> Iterator[Article]:
    """Articles of one WARC file, in file order.

    Args:
        path: a .warc or .warc.gz file (gzip is detected from the bytes, not the name), or a
            binary stream (a pipe), read as it comes; `name` stands for its path in ids and
            messages. A stream's tail is not re-read, so a cut inside the last gzip member's
            trailer alone goes unnoticed there.
        defer_html: yield `ingest.pages.HtmlPage`s whose text the analysing worker extracts,
            so a big crawl is not bound by one reader process.
    Yields:
        Article per HTML response; error Articles for unreadable pages and for a cut file.
    Raises:
        InputError(malformed): the file is not a WARC file (before anything is yielded).
    """
    if isinstance(path, (str, Path)):
        with Path(path).open("rb") as fh:
            yield from _read(fh, Path(path), settings, defer_html)
    else:
        fh = path if hasattr(path, "peek") else io.BufferedReader(path)  # type: ignore[arg-type]
        yield from _read(fh, name, settings, defer_html)


def _read(fh: Any, path: Path | str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    skipped: Counter[str] = Counter()
    gz = _check_start(fh, path)
    records = ArchiveIterator(fh)
    last_start = 0
    problem: str | None = None
    try:
        for record in records:
            last_start = records.offset
            if record.rec_headers.get_header("Content-Length") is None:
                # mandatory in every WARC record: without it the header block was cut off
                raise _Truncated("record header incomplete")
            rec_type = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if rec_type != "response":
                skipped[rec_type or "unknown"] += 1
                _drain(record)
                continue
            reason = _skip_reason(record)
            if reason is not None:
                log.warning("%s: skipping response for %s: %s", path, uri or "(no URI)", reason)
                _drain(record)
                continue
            uri = uri or f"{path}#{last_start}"
            article = _article(record, uri, settings, defer_html)
            _drain(record)  # before yielding: a page cut short is reported as the cut, not as a page
            yield article
        if isinstance(path, Path):
            problem = _tail_problem(path, gz=gz, last_start=last_start, end=records.offset)
    except _Truncated as exc:
        problem = str(exc)
    except Exception as exc:  # warcio fails in many ways on a partial header block
        problem = f"{type(exc).__name__}: {exc}"
    if skipped:
        log.warning("%s: skipped %s", path, ", ".join(f"{n} {kind} record{'s' if n > 1 else ''}"
                                                     for kind, n in sorted(skipped.items())))
    if problem is not None:
        yield _truncated(path, problem)


__all__ = ["read_warc"]
