"""Readers: `read(sources)` sniffs each input's kind and yields Articles in input order.

A source that cannot be read yields an Article with `errors` and no text, so the run goes on.
"""
from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, error_article
from ..model import Article, Meta
from ..settings import DEFAULT, Settings
from .compressed import compression_of, decompressed, inner_name
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
    raw = getattr(fh, "raw", None)   # a file read as it is (not decompressed by us) is read by path
    if isinstance(raw, io.FileIO) and isinstance(raw.name, str) and Path(raw.name).is_file():
        yield from read_warc(raw.name, settings=settings, defer_html=defer_html)
        return
    # A pipe is read as it comes (nothing spooled): only a cut in the last gzip member's
    # trailer goes unnoticed, which a file's tail check would catch.
    yield from read_warc(fh, name=name, settings=settings, defer_html=defer_html)


READERS: dict[str, tuple[tuple[str, ...], Reader]] = {
    # kind: (file name endings, reader); the first kind whose ending matches wins.
    "warc": ((".warc", ".warc.gz"), _warc),
    "jsonl": ((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst"), _jsonl),
    "parquet": ((".parquet",), _parquet),
    "html": (HTML_SUFFIXES, _html),
    "text": (TEXT_SUFFIXES + (".txt.gz", ".txt.zst"), _text),
}
# Compressions a reader undoes itself; any other compressed input is decompressed, as a
# stream, before its reader sees it (whatever its name says: gzip bytes named .jsonl too).
NATIVE_COMPRESSION = {"warc": ("gzip",), "html": ("gzip",)}


def kind_by_name(name: str) -> str | None:
    """A kind of READERS from a file name ("x.md.gz" as "x.md"), or None."""
    for candidate in (name.lower(), inner_name(name.lower())):
        for kind, (endings, _) in READERS.items():
            if candidate.endswith(endings):
                return kind
    return None


def kind_of(path: Path, head: bytes = b"") -> str:
    """A kind of READERS, from the name, else from the first bytes."""
    return kind_by_name(path.name) or sniff(head)


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
            continue
        if source[:8].lower().startswith(("http://", "https://")):   # schemes are case-insensitive
            yield _read_url(source, settings)
            continue
        try:
            path = path_of(source)
        except InputError as exc:
            yield error_article(source, exc)
            continue
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield from read_path(child, settings=settings, defer_html=defer_html)
        else:
            yield from read_path(path, settings=settings, defer_html=defer_html)


def path_of(source: str) -> Path:
    """The file a source names: a path, or a file:// URL (file:///tmp/a%20b.txt is /tmp/a b.txt)."""
    if source[:7].lower() == "file://":
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(source)
        if parts.netloc not in ("", "localhost"):
            raise InputError(f"{source}: a file URL names another host", "not_found")
        return Path(unquote(parts.path))
    return Path(source)


def _read_url(url: str, settings: Settings) -> Article:
    try:
        return fetch_url(url, settings=settings)
    except Exception as exc:
        return error_article(url, exc)


def article_id(path: Path) -> str:
    """The contract's id for a file: its name without the extension."""
    name = inner_name(path.name)
    for ext in (".warc.gz", ".html.gz"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return Path(name).stem


def file_url(path: Path) -> str:
    """file:///abs/path: the key of a file that could not be read, so two failing `bad.txt` in
    different folders are two error rows (their contract id is the same name)."""
    return path.absolute().as_uri()


def read_path(path: Path, *, settings: Settings = DEFAULT, defer_html: bool = False) -> Iterator[Article]:
    """Articles of one file; an unreadable file yields one error Article (meta.url: the file)."""
    id_ = article_id(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file", "not_found")
        with path.open("rb") as fh:
            yield from read_stream(fh, name=id_, kind=kind_by_name(path.name), settings=settings,
                                   defer_html=defer_html, source=file_url(path))
    except Exception as exc:
        yield error_article(id_, exc, meta=Meta(url=file_url(path)))


def read_stream(fh: BinaryIO, *, name: str, kind: str | None = None, settings: Settings = DEFAULT,
                defer_html: bool = False, source: str | None = None) -> Iterator[Article]:
    """Articles of one binary stream of the given kind (sniffed from its first bytes when None).

    Compressed bytes (gzip, zstd) are decompressed as a stream unless the reader does it
    itself. A stream that cannot be read yields one error Article (meta.url: `source`)."""
    try:
        fh = fh if hasattr(fh, "peek") else io.BufferedReader(fh)  # type: ignore[arg-type]
        head = fh.peek(4096)[:4096]
        packed = compression_of(head)
        if packed and packed not in NATIVE_COMPRESSION.get(kind or "", ()):
            fh = decompressed(fh, packed)
            head = fh.peek(4096)[:4096]
        kind = kind or sniff(head)
        yield from READERS[kind][1](fh, name, settings, defer_html)
    except Exception as exc:
        yield error_article(name, exc, meta=Meta(url=source) if source else None)


__all__ = ["READERS", "read", "read_path", "read_stream", "kind_of", "kind_by_name", "sniff", "article_id"]
