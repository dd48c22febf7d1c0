"""HTML pages: trafilatura extracts the article text; title, date, URL and site name go to Meta.

Bytes are decoded here rather than inside trafilatura, so that a page that cannot be read
fails with a reason (`empty`, `binary`, `decode`, `malformed`, `no_text`, `too_large`)
instead of trafilatura's silent `None`.

Extraction options (measured by `onrecord eval html`, see eval/html_bench.py):
- `include_comments=False`: reader comments are not the article; trafilatura keeps them
  by default.
- `favor_precision=True`: trafilatura's documented setting for "less text but correct",
  which drops related-links lists and teasers that a news page surrounds its story with.
- precision mode turns off trafilatura's under-extraction retry; `_parse` restores it with
  trafilatura's own thresholds, falling back to the balanced result when it is clearly longer.
"""
from __future__ import annotations

import codecs
import logging
import re
import zlib
from typing import Any

import trafilatura
from charset_normalizer import from_bytes
import trafilatura.core

from ..errors import InputError
from ..model import Article, Meta
from ..settings import DEFAULT, Settings
from .dates import normalise_published

log = logging.getLogger("onrecord.ingest")

# trafilatura's own under-extraction thresholds (core.py); the values are 2.3's, for versions without them.
ESCALATION_MAX_LENGTH: int = getattr(trafilatura.core, "ESCALATION_MAX_LENGTH", 3000)
ESCALATION_PAGE_SHARE: float = getattr(trafilatura.core, "ESCALATION_PAGE_SHARE", 0.2)
ESCALATION_ACCEPT_RATIO: float = getattr(trafilatura.core, "ESCALATION_ACCEPT_RATIO", 1.5)

# The options every HTML page is extracted with; the benchmark scores exactly these.
EXTRACT_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True,
                                   # the page's own date only: never a year guessed from the body text
                                   "date_extraction_params": {"extensive_search": False, "original_date": True}}

# An encoding declared in the first bytes: <meta charset=...>, http-equiv content, <?xml encoding=...?>.
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<\s*[A-Za-z!?/]")
# C0 controls other than tab/newline/carriage return/form feed: a text page has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Formats that sometimes arrive with an .html name or a text/html header.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"BZh", b"\x7fELF",
                 b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00")
# Latin-1 and ASCII labels mean windows-1252 on the web (WHATWG Encoding Standard).
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}
_SNIFF_BYTES = 4096


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress a gzipped page, refusing a decompression bomb."""
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}", "decode") from exc
    if len(out) > limit:
        raise InputError(f"page is over {limit:,} bytes once decompressed", "too_large")
    return out


def _known_encoding(label: str | None) -> str | None:
    """Python's codec name for an encoding label, web aliases applied; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _declared_encoding(head: bytes) -> str | None:
    m = _DECLARED.search(head)
    return _known_encoding(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(data: bytes, *, hint: str | None = None) -> str:
    """Bytes to text: BOM, then valid UTF-8, then `hint` (an HTTP header's charset), then the
    page's declared charset, then detection.

    Valid UTF-8 wins over a declared charset because pages often declare the wrong one,
    and non-ASCII text in any other encoding is almost never valid UTF-8 by accident.
    Raises InputError(kind binary or decode).
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {enc} after its byte-order mark: {exc}", "decode") from exc
    head = data[:_SNIFF_BYTES]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise InputError("binary data, not an HTML page", "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for declared in (_known_encoding(hint), _declared_encoding(head)):
        if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                log.debug("page declared %s but does not decode as it", declared)
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError("cannot tell the text encoding (binary or corrupt data?)", "decode")
    # Short pages fit several legacy encodings equally well; break the tie towards the web's
    # default legacy encoding (windows-1252, WHATWG) rather than charset_normalizer's first pick.
    least = min(m.chaos for m in matches)
    if any(m.chaos <= least and "cp1252" in m.could_be_from_charset for m in matches):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(best.encoding, errors="replace")


def _check_text(html: str) -> None:
    if not html.strip():
        raise InputError("empty page", "empty")
    sample = html[:_SNIFF_BYTES]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError("binary data, not an HTML page", "binary")
    if not _TAG.search(html):
        raise InputError("no HTML markup found", "malformed")


def _under_extracted(text: str, html: str) -> bool:
    """trafilatura's own test for a result that missed the article (short, and a small share
    of the page's text); its precision mode skips that safety net, so we apply it here."""
    return (0 < len(text) < ESCALATION_MAX_LENGTH
            and len(text) < ESCALATION_PAGE_SHARE * len(trafilatura.html2txt(html)))


_MAX_DEPTH = 255   # libxml2 stops parsing a page nested deeper than this unless told "huge"


def _depth(tree: Any) -> int:
    depth = {tree: 0}
    deepest = 0
    for el in tree.iterdescendants():
        d = depth[el] = depth[el.getparent()] + 1
        deepest = max(deepest, d)
    return deepest


def _load(html: str) -> Any:
    """The page's tree as trafilatura parses it; when that stopped at libxml2's depth limit
    (the rest of the page silently dropped), a parse without the limit (up to 2,048 levels)."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import load_html, repair_faulty_html

    tree = load_html(html)
    if tree is None or _depth(tree) < _MAX_DEPTH - 5:
        return tree
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True, huge_tree=True)  # trafilatura's parser, without the limits
    try:
        return fromstring(repair_faulty_html(html, html[:50].lower()).encode("utf8", "surrogatepass"),
                          parser=parser)
    except Exception:  # noqa: BLE001 - keep what the ordinary parse found
        return load_html(html)


def _parse(html: str, url: str | None) -> Any:
    """trafilatura's Document (text + metadata), or None when it finds nothing."""
    # trafilatura rejects a lone fragment ("<p>x</p>") as not-quite-HTML; a wrapper makes it a page.
    if "html" not in html[:50].lower() and "<body" not in html[:_SNIFF_BYTES].lower():
        html = f"<html><body>{html}</body></html>"
    tree = _load(html)
    if tree is None:
        return None
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    if doc is not None and doc.text and _under_extracted(doc.text, html):
        # Precision mode dropped most of the page: take the balanced result if clearly longer,
        # with trafilatura's own acceptance ratio (constants calibrated on its suite, not ours).
        options = {**EXTRACT_OPTIONS, "favor_precision": False}
        wider = trafilatura.bare_extraction(_load(html), url=url, **options)  # extraction prunes the tree
        if wider is not None and len(wider.text or "") > ESCALATION_ACCEPT_RATIO * len(doc.text):
            doc.text = wider.text
    return doc


def to_text(data: str | bytes, *, encoding: str | None = None, settings: Settings = DEFAULT) -> str:
    """Page bytes or text, checked and decoded (gzip undone), ready for extraction."""
    if isinstance(data, bytes):
        if not data.strip():
            raise InputError("empty page", "empty")
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, settings.max_file_bytes)
        if len(data) > settings.max_file_bytes:
            raise InputError(f"page is {len(data):,} bytes, over the {settings.max_file_bytes:,}-byte limit",
                             "too_large")
        data = decode_html(data, hint=encoding)
    _check_text(data)
    return data


def extract_text(html: str | bytes, *, url: str | None = None) -> str:
    """The article text of a page, exactly as article_from_html gives it; '' when there is none."""
    try:
        doc = _parse(to_text(html), url)
    except InputError:
        return ""
    return (doc.text or "") if doc is not None else ""


def article_from_html(html: str | bytes, *, id: str, url: str | None = None, encoding: str | None = None,
                      settings: Settings = DEFAULT) -> Article:
    """One Article from an HTML page.

    Args:
        html: the page, as text or as bytes in any encoding (gzip accepted).
        id: the article's id (contract: file name without extension, WARC URI or URL).
        url: where the page came from; else the page's canonical URL, if it names one.
        encoding: the charset an HTTP header gave, tried after UTF-8 and before the page's own.
    Returns:
        Article with the extracted text and meta (url, title, published YYYY-MM-DD, outlet).
    Raises:
        InputError: kind empty, binary, decode, malformed, no_text or too_large.
    """
    page = to_text(html, encoding=encoding, settings=settings)
    try:
        doc = _parse(page, url)
    except Exception as exc:  # trafilatura/lxml failures on pathological markup
        raise InputError(f"HTML could not be parsed: {type(exc).__name__}: {exc}", "malformed") from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the page", "no_text")
    text: str = doc.text
    if len(text) > settings.max_text_chars:
        raise InputError(f"article text is {len(text):,} characters, over {settings.max_text_chars:,}",
                         "too_large")
    meta = Meta(url=url or doc.url or None, title=doc.title or None, published=doc.date or None,
                outlet=doc.sitename or None)
    return normalise_published(Article(id=id, text=text, meta=meta))


__all__ = ["article_from_html", "extract_text", "decode_html", "EXTRACT_OPTIONS"]
