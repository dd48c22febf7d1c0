"""What the page's form and POST /api/extract hand in (text, HTML, a file or a URL) as Articles.

The same readers as the CLI: plain text via ingest/text.py, HTML via ingest/html.py, files via
`read_path` (so an upload is read exactly as `onrecord extract FILE` reads it) and URLs via
ingest/url.py, whose guard refuses private and loopback targets unless the server allows them.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import error_article
from ..model import Article, Meta, Record
from ..settings import Settings

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def slug(text: str | None) -> str:
    """Lower-case words joined by hyphens: the readable part of a pasted article's id."""
    return re.sub(r"[\W_]+", "-", (text or "").lower()).strip("-")


def pasted_id(text: str) -> str:
    """An id for pasted text: its first line as a slug plus a short hash (`sessions-discussed-...-3fa2c1`)."""
    from ..ingest.text import is_boilerplate

    first = next((line for line in text.splitlines() if line.strip() and not is_boilerplate(line)), "")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    stem = slug(first)[:50].strip("-")
    return f"{stem}-{digest}" if stem else f"pasted-{digest}"


def _meta(title: str | None, published: str | None, outlet: str | None, url: str | None = None) -> Meta:
    return Meta(url=url or None, title=title or None, published=published or None, outlet=outlet or None)


def from_text(text: str, *, id: str | None = None, title: str | None = None, published: str | None = None,
              outlet: str | None = None) -> Article:
    from ..ingest.dates import normalise_published
    from ..ingest.text import article_from_text

    return normalise_published(article_from_text(text, id=id or pasted_id(text), meta=_meta(title, published, outlet)))


def with_fields(article: Article, *, id: str | None = None, title: str | None = None, published: str | None = None,
                outlet: str | None = None) -> Article:
    """The article with the fields a user gave in place of what the input said (the date read
    by the one date parser)."""
    from ..ingest.dates import normalise_published

    m = article.meta
    m.title, m.outlet = title or m.title, outlet or m.outlet
    if id:
        article.id = id
    if published:
        m.published = published
        normalise_published(article)
    return article


def from_html(html: str, *, id: str | None = None, url: str | None = None, title: str | None = None,
              published: str | None = None, outlet: str | None = None, settings: Settings) -> Article:
    from ..ingest.html import article_from_html

    try:
        article = article_from_html(html, id=id or url or pasted_id(html), url=url or None, settings=settings)
    except Exception as exc:
        return error_article(id or url or pasted_id(html), exc)
    return with_fields(article, title=title, published=published, outlet=outlet)


def from_url(url: str, *, settings: Settings, allow_private: bool) -> Article:
    from ..ingest.url import fetch_url

    try:
        return fetch_url(url, settings=replace(settings, allow_private=allow_private), allow_private=allow_private)
    except Exception as exc:
        return error_article(url, exc)


def from_upload(data: bytes, filename: str | None, *, settings: Settings) -> list[Article]:
    """Articles in an uploaded file (several for JSONL or WARC), read as `onrecord extract FILE` would."""
    from ..ingest import read_path

    name = _SAFE_NAME.sub("_", Path(filename or "upload.txt").name).lstrip(".") or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="onrecord-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_path(path, settings=settings))


def readable(record: Record) -> bool:
    """False when the input could not be read or was refused (empty, binary, not English ...)."""
    return bool(record.text.strip()) and not any(e.stage == "ingest" for e in record.errors)


def analyse(articles: list[Article], *, settings: Settings) -> list[Record]:
    from ..pipeline import analyse_batch

    return list(analyse_batch(articles, settings=settings))
