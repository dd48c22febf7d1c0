"""Attributions cued by punctuation, not by a verb: 'Clinton: Time for a new strategy' (a name
and a colon opening a paragraph, as in headlines and transcripts) and '"...quote..." ― Name'
(a quotation signed with a dash)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..entities import columns
from ..model import Span
from .content import trim
from .quotes import QuoteIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DASHES = frozenset("―—–")
_OPENING_QUOTES = frozenset('"“')
_MAX_NAME_TOKENS = 6
_NO_SPEAKER = frozenset({"VERB", "AUX", "NUM", "SCONJ", "PRON"})


def _speaker_like(tokens: list["Token"]) -> bool:
    """A short phrase that can name a speaker: no verb, starts with a capital letter."""
    words = [t for t in tokens if not t.is_space]
    if not 1 <= len(words) <= _MAX_NAME_TOKENS or not words[0].text[:1].isupper():
        return False
    return not any(t.pos_ in _NO_SPEAKER for t in words)


def lead_ins(doc: "Doc", text: str, quotes: QuoteIndex, taken: list[Span]) -> list[tuple[list[Span], list[Span], list[Span], "Token"]]:
    """(source, cue, content, source head) for each punctuation-cued attribution."""
    out = []

    def free(s: int, e: int) -> bool:
        return not any(ts < e and s < te for ts, te in taken)

    # Only colons and dashes can cue here: make Tokens for those alone.
    for i, ch in enumerate(columns(doc).text):
        if ch != ":" and (ch not in _DASHES or i == 0):
            continue
        tok = doc[i]
        if ch == ":":
            p_start = text.rfind("\n", 0, tok.idx) + 1
            p_end = text.find("\n", tok.idx)
            p_end = len(text) if p_end < 0 else p_end
            opening = p_start + len(text[p_start:tok.idx]) - len(text[p_start:tok.idx].lstrip())
            if text[opening:opening + 1] in _OPENING_QUOTES:
                # '"WALLACE: Let's start ...': a transcript quoted whole, its speaker first.
                opening += 1
            elif quotes.inside(tok.idx):
                continue
            left = [t for t in doc[:tok.i] if t.idx >= opening] if tok.i < 40 else \
                [t for t in doc[max(0, tok.i - 12):tok.i] if t.idx >= opening]
            if not left or left[0].idx != opening:
                continue
            if not _speaker_like(left):
                continue
            source = trim(text, (opening, tok.idx))
            content = trim(text, (tok.idx + 1, p_end))
            if source is None or content is None or len(text[content[0]:content[1]].split()) < 2:
                continue
            if not free(source[0], content[1]):
                continue
            head = max(left, key=lambda t: (t.pos_ == "PROPN", t.i))
            out.append(([source], [(tok.idx, tok.idx + 1)], [content], head))
        elif ch in _DASHES and tok.i > 0:
            # '"..." ― Name': the dash right after a closing quote, the name up to the line's end.
            quote = quotes.ending_in(tok.idx - 3, tok.idx + 1)
            if quote is None or text[quote.end:tok.idx].strip():
                continue
            end = text.find("\n", tok.idx)
            end = len(text) if end < 0 else end
            comma = text.find(",", tok.idx, end)
            name_end = comma if comma > 0 else end
            name = [t for t in doc[tok.i + 1:tok.i + 1 + _MAX_NAME_TOKENS + 1] if t.idx < name_end]
            if not name or not _speaker_like(name):
                continue
            source = trim(text, (tok.idx + 1, end))
            content = [p for p in (trim(text, s) for s in quote.spans) if p]
            if source is None or not content or not free(content[0][0], source[1]):
                continue
            head = max(name, key=lambda t: (t.pos_ == "PROPN", -t.i))
            out.append(([source], [(tok.idx, tok.idx + len(ch))], content, head))
    return out
