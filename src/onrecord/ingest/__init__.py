"""Readers: `read(sources)` sniffs each input's kind and yields Articles in input order.

A source that cannot be read yields an Article with `errors` and no text, so the run goes on.
"""
from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, error_record
from ..model import Article
from ..settings import DEFAULT, Settings

log = logging.getLogger("onrecord.ingest")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def kind_of(path: Path, head: bytes = b"") -> str:
    """text, html, jsonl or warc, from the name, else from the first bytes."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".html.gz", ".htm.gz")):
        return "html"  # article_from_html takes gzipped bytes
    if path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    if path.suffix.lower() in TEXT_SUFFIXES:
        return "text"
    return sniff(head)


def sniff(head: bytes) -> str:
    if head[:4] == b"PAR1":
        return "parquet"
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if start.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<body" in start or b"<head" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def read(sources: Iterable[str], *, settings: Settings = DEFAULT, defer_html: bool = False) -> Iterator[Article]:
    """Articles from files, folders (recursive), URLs and `-` (standard input), in order.

    With `defer_html`, WARC pages come as `ingest.pages.HtmlPage`s for `run.local.run` to extract in
    its workers (only `run.local.run` and the Ray engine accept them)."""
    for source in sources:
        if source == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), name="stdin", kind=None, settings=settings)
        elif source.startswith(("http://", "https://")):
            yield _read_url(source, settings)
        else:
            path = Path(source)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if not any(part.startswith(".") for part in child.relative_to(path).parts):
                        yield from read_path(child, settings=settings, defer_html=defer_html)
            else:
                yield from read_path(path, settings=settings, defer_html=defer_html)


def _read_url(url: str, settings: Settings) -> Article:
    from .url import fetch_url

    try:
        return fetch_url(url, settings=settings)
    except Exception as exc:
        return Article(id=url, text="", errors=[error_record("ingest", exc)])


def article_id(path: Path) -> str:
    """The contract's id for a file: its name without the extension."""
    name = path.name
    for ext in (".warc.gz", ".html.gz", ".txt.gz"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return path.stem


def read_path(path: Path, *, settings: Settings = DEFAULT, defer_html: bool = False) -> Iterator[Article]:
    """Articles of one file; an unreadable file yields one error Article."""
    id_ = article_id(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file", "not_found")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
        kind = kind_of(path, head)
        if kind == "warc":
            from .warc import read_warc

            yield from read_warc(path, settings=settings, defer_html=defer_html)
            return
        if kind == "parquet":
            from .parquet import read_parquet

            yield from read_parquet(path, settings=settings)
            return
        if kind == "jsonl":
            from .jsonl import read_jsonl

            with path.open("rb") as fh:
                yield from read_jsonl(fh, name=id_, settings=settings)
            return
        if size > settings.max_file_bytes:
            raise InputError(f"{path}: {size:,} bytes is over the {settings.max_file_bytes:,}-byte limit", "too_large")
        yield from _read_bytes(path.read_bytes(), name=id_, kind=kind, settings=settings)
    except Exception as exc:
        yield Article(id=id_, text="", errors=[error_record("ingest", exc)])


def _read_bytes(data: bytes, *, name: str, kind: str | None, settings: Settings) -> Iterator[Article]:
    kind = kind or sniff(data[:4096])
    try:
        if kind == "html":
            from .html import article_from_html

            yield article_from_html(data, id=name, settings=settings)
        elif kind == "jsonl":
            from .jsonl import read_jsonl

            yield from read_jsonl(io.BytesIO(data), name=name, settings=settings)
        elif kind == "warc":
            import tempfile

            from .warc import read_warc

            with tempfile.NamedTemporaryFile(suffix=".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc") as tmp:
                tmp.write(data)
                tmp.flush()
                yield from read_warc(Path(tmp.name), settings=settings)
        else:
            from .text import read_text_file

            yield read_text_file(data, id=name, settings=settings)
    except Exception as exc:
        yield Article(id=name, text="", errors=[error_record("ingest", exc)])


__all__ = ["read", "read_path", "kind_of", "sniff", "article_id"]
