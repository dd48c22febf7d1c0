"""Readers: `read(sources)` sniffs each input's kind and yields Articles in input order.

A source that cannot be read yields an Article with `errors` and no text, so the run goes on.
"""
from __future__ import annotations

import io
import logging
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, error_article
from ..model import Article
from ..settings import DEFAULT, Settings
from .html import article_from_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .text import read_text_file
from .url import fetch_url
from .warc import read_warc

log = logging.getLogger("onrecord.ingest")

# How each kind of input is recognised and read: one table, so files, folders and standard
# input agree. A reader takes a binary stream (seekable for parquet; warc wants a real file,
# see `_warc`) and the name that ids its articles.
Reader = Callable[[BinaryIO, str, Settings, bool], Iterator[Article]]

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")  # article_from_html takes gzipped bytes


def _text(fh: BinaryIO, name: str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    yield read_text_file(_read_capped(fh, name, settings), id=name, settings=settings)


def _html(fh: BinaryIO, name: str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    yield article_from_html(_read_capped(fh, name, settings), id=name, settings=settings)


def _jsonl(fh: BinaryIO, name: str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    yield from read_jsonl(fh, name=name, settings=settings)


def _parquet(fh: BinaryIO, name: str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    if not fh.seekable():  # the footer is at the end: a pipe has to be read whole first
        fh = io.BytesIO(fh.read())
    yield from read_parquet(fh, name=name, settings=settings)


def _warc(fh: BinaryIO, name: str, settings: Settings, defer_html: bool) -> Iterator[Article]:
    path = getattr(fh, "name", None)
    if isinstance(path, str) and Path(path).is_file():
        yield from read_warc(path, settings=settings, defer_html=defer_html)
        return
    # read_warc checks a cut tail by seeking in a real file; a stream is spooled to one.
    with tempfile.NamedTemporaryFile(suffix=".warc") as tmp:
        shutil.copyfileobj(fh, tmp)
        tmp.flush()
        yield from read_warc(tmp.name, settings=settings, defer_html=defer_html)


READERS: dict[str, tuple[tuple[str, ...], Reader]] = {
    # kind: (file name endings, reader); the first kind whose ending matches wins.
    "warc": ((".warc", ".warc.gz"), _warc),
    "jsonl": ((".jsonl", ".ndjson"), _jsonl),
    "parquet": ((".parquet",), _parquet),
    "html": (HTML_SUFFIXES, _html),
    "text": (TEXT_SUFFIXES, _text),
}


def kind_of(path: Path, head: bytes = b"") -> str:
    """A kind of READERS, from the name, else from the first bytes."""
    name = path.name.lower()
    for kind, (endings, _) in READERS.items():
        if name.endswith(endings):
            return kind
    return sniff(head)


def sniff(head: bytes) -> str:
    """A kind of READERS from the first bytes of an input."""
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


def _read_capped(fh: BinaryIO, name: str, settings: Settings) -> bytes:
    data = fh.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        raise InputError(f"{name}: over the {settings.max_file_bytes:,}-byte limit", "too_large")
    return data


def read(sources: Iterable[str], *, settings: Settings = DEFAULT, defer_html: bool = False) -> Iterator[Article]:
    """Articles from files, folders (recursive), URLs and `-` (standard input), in order.

    With `defer_html`, WARC pages come as `ingest.pages.HtmlPage`s for `run.local.run` to extract in
    its workers (only `run.local.run` and the Ray engine accept them)."""
    for source in sources:
        if source == "-":
            yield from read_stream(sys.stdin.buffer, name="stdin", settings=settings, defer_html=defer_html)
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
    try:
        return fetch_url(url, settings=settings)
    except Exception as exc:
        return error_article(url, exc)


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
        with path.open("rb") as fh:
            yield from read_stream(fh, name=id_, kind=kind_of(path, fh.peek(4096)[:4096]), settings=settings,
                                   defer_html=defer_html)
    except Exception as exc:
        yield error_article(id_, exc)


def read_stream(fh: BinaryIO, *, name: str, kind: str | None = None, settings: Settings = DEFAULT,
                defer_html: bool = False) -> Iterator[Article]:
    """Articles of one binary stream of the given kind (sniffed from its first bytes when None)."""
    try:
        if kind is None:
            fh = fh if hasattr(fh, "peek") else io.BufferedReader(fh)  # type: ignore[arg-type]
            kind = sniff(fh.peek(4096)[:4096])
        yield from READERS[kind][1](fh, name, settings, defer_html)
    except Exception as exc:
        yield error_article(name, exc)


__all__ = ["READERS", "read", "read_path", "read_stream", "kind_of", "sniff", "article_id"]
