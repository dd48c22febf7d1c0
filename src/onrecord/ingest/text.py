"""Plain text: analysed as given, with boilerplate lines listed in `ignored` (never cut out).

Scraped pages keep their share buttons, breadcrumbs, "Read More:" and "Related:" links,
mirror-site notices, photo captions and credits, bylines, wire footers and datelines. They are not the story, so later stages skip them, but `text`
stays byte-for-byte the input so every offset indexes the original.
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError
from ..model import Article, ErrorRecord, Meta, Span
from ..settings import DEFAULT, Settings

log = logging.getLogger("onrecord.ingest")
_BREADCRUMB_SEP = re.compile(r"\s+(?:/|>|»|›|\|)\s+")
_PROMO = re.compile(
    r"""^(?:
        (?:read\ more|related(?:\ stories|\ articles|\ coverage)?|also\ read|see\ also|more\ on\ this(?:\ story)?
           |recommended|watch|listen|more\ from\ \w+)(?::.*|\ ?[|»›>].*)?
      | share\ this(?:\ article|\ story|\ page)?:?|share(?:\ on\ \w+)?|tweet|print|e-?mail|comments?
      | follow\ us(?:\ on\ .*)?|subscribe(?:\ to\ .*)?|sign\ up\ for\ .*|advertisement|sponsored(?:\ content)?
      | (?:download|get)\ (?:our|the)\ (?:free\ )?app.*|click\ here.*|listen\ to\ this\ article.*
      | .*\b(?:roku|apple\ tv|google\ play|app\ store|android\ app|ios\ app|rss\ feeds?)\b.*
      | .*can\ also\ be\ accessed\ at\ the\ following\ (?:alternate|alternative)\ addresses:?
      | (?:copyright|©).*|all\ rights\ reserved.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)
# A caption ends with its credit: "(AFP photo)", "(file photo)", "(Photo by Reuters)", "(Getty Images)".
_CAPTION_END = re.compile(
    r"\((?:[\w./&' -]{0,40}\s)?(?:photo|file\ photo|photos?|image|picture|video|pic)(?:\s(?:by|via|credit)[^)]*)?\)\s*$"
    r"|\((?:AFP|AP|Reuters|Getty\ Images|EPA|Xinhua)(?:\s?/\s?[\w .]+)?\)\s*$"
    r"|^(?:photo|image|caption|pictured|file\ photo)\s*[:|-]"
    r"|\((?:photo|image|picture)s?(?:\ credit)?\s*:[^)]*\)\s*$"            # "(Photo: Jane Roe/AP)"
    r"|^(?:photo\ )?credit\s*:|^image\ (?:source|caption)\b|^FILE\s*[-–—]\s"  # credits; AP's "FILE - In this photo"
    r"|(?:/|\|)\s*(?:Getty\ Images|AFP|Reuters|AP|EPA|Shutterstock)(?:\ via\ [\w ]+)?\s*$",
    re.IGNORECASE | re.VERBOSE,
)
# A byline or a wire footer: "By Jane Roe and John Doe, Associated Press", "Reporting by ...; Editing by ...".
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin))*"
_BYLINE = re.compile(rf"^(?:By|BY|by)\s+{_NAME}(?:\s*(?:,|and|&|AND)\s+{_NAME})*(?:\s*[,|–—-]\s*[^.!?]{{0,60}})?$")
_FOOTER = re.compile(r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by\b.*$", re.IGNORECASE)
# A dateline opening the first paragraph: "THE HAGUE (Reuters) -", "ALEXANDRIA, Va. (CN) -",
# "WASHINGTON —", "Moscow (AFP) —". Only the dateline is ignored; the sentence after it is story.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.\- ]*[A-Z.](?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z0-9][\w.]*){0,2})?(?:\s*\([A-Za-z][\w .&/-]{0,25}\))?"
    r"|[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,3}(?:,\s*[A-Z][\w.]*\.?)?\s*\([A-Z][\w .&/-]{0,25}\))"
    r"\s*(?:-|–|—|--)(?=\s)")


def _is_breadcrumb(line: str) -> bool:
    parts = _BREADCRUMB_SEP.split(line)
    if len(parts) < 2 or line.rstrip().endswith((".", "?", "!", '"', "”")):
        return False
    return all(0 < len(p.split()) <= 4 for p in parts)


def is_boilerplate(line: str) -> bool:
    """True for a line that is page furniture or a photo caption, not story text."""
    s = line.strip()
    if not s:
        return False
    return bool(_PROMO.match(s) or _DOMAIN.match(s) or _is_breadcrumb(s) or _CAPTION_END.search(s)
                or _BYLINE.match(s) or _FOOTER.match(s))


def dateline_length(line: str) -> int:
    """Characters of the dateline opening `line` ("THE HAGUE (Reuters) -"), 0 when there is none."""
    m = _DATELINE.match(line)
    if m is None or len(line) - m.end() < 20:  # a dateline leads into a sentence
        return 0
    return m.end()


def find_boilerplate(text: str) -> list[Span]:
    """[start, end) spans of boilerplate lines (without their line break)."""
    spans: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if is_boilerplate(body):
            spans.append((pos + lead, pos + len(body.rstrip())))
        elif n := dateline_length(body[lead:]):
            spans.append((pos + lead, pos + lead + n))
        pos += len(line)
    return spans


def article_from_text(text: str, *, id: str, meta: Meta | None = None) -> Article:
    """An Article from plain text, boilerplate listed in `ignored`."""
    return Article(id=id, text=text, meta=meta or Meta(), ignored=find_boilerplate(text))


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL, as Latin-script UTF-16 is."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0:pairs * 2:2].count(0) / pairs, head[1:pairs * 2:2].count(0) / pairs
    if odd > 0.6 and even < 0.05:
        return "utf-16-le"
    if even > 0.6 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, *, what: str, notes: list[ErrorRecord] | None = None) -> str:
    """Bytes to text: BOMs, UTF-16 without one, UTF-8, then a detected legacy encoding; binary refused.

    UTF-8 with some invalid bytes is read as UTF-8 (U+FFFD for the bad bytes), not re-read as
    cp1252 (which would garble every accent), and says so: a `decode` note in `notes`. A text
    with no UTF-8 at all is decoded as the detected legacy encoding (logged)."""
    if not data.strip():
        raise InputError(f"{what} is empty", "empty")
    head = data[:8192]
    wide = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_bom(head)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(f"{what}: bad UTF-16 ({exc})", "decode") from exc
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.1:
        raise InputError(f"{what} looks like a binary file, not text", "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        if len(_UTF8_MULTIBYTE.findall(data)) >= bad:
            if notes is not None:
                notes.append(ErrorRecord("ingest", "decode", f"{what} is not valid UTF-8: {bad:,} bad byte(s), "
                                         f"the first at byte {exc.start:,}; read as UTF-8 with U+FFFD for them"))
            return text
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            raise InputError(f"{what} is not UTF-8 and its encoding could not be detected "
                             f"(byte {exc.start}: {data[exc.start:exc.start + 1]!r})", "decode") from exc
        try:
            decoded = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError) as exc2:
            raise InputError(f"{what} could not be decoded as {best.encoding}: {exc2}", "decode") from exc2
        log.warning("%s is not UTF-8: decoded as %s (detected)", what, best.encoding)
        return decoded


def read_text_file(data: bytes, *, id: str, settings: Settings = DEFAULT) -> Article:
    """A .txt file's bytes as an Article."""
    notes: list[ErrorRecord] = []
    text = decode(data, what=f"{id}", notes=notes)
    if len(text) > settings.max_text_chars:  # refuse before scanning a huge text line by line
        raise InputError(f"{id}: {len(text):,} characters is over the {settings.max_text_chars:,}-character limit",
                         "too_large")
    article = article_from_text(text, id=id)
    article.errors.extend(notes)
    return article
