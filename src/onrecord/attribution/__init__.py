"""Attributions: who said what (source, cue, content), with the speaker resolved and typed."""
from __future__ import annotations

from ..model import Attribution, AttributionKind, Entity, Span
from .content import content_spans, source_head, source_spans, subtree_span, token_span, trim
from .cues import find_cues
from .quotes import QuoteIndex, find_quotes, is_quote_mark
from .sources import resolve_speakers

__all__ = ["find_attributions"]


def _cue_spans(cue, text: str) -> list[Span]:  # noqa: ANN001 - spaCy Token
    if cue.lower_ == "according":
        return [(cue.idx, cue.nbor(1).idx + len(cue.nbor(1).text))]
    return [token_span(cue)]


def kind_of(text: str, content: list[Span], quotes: QuoteIndex) -> AttributionKind:
    """direct when every content word is inside quotation marks, indirect when none is."""
    inside = outside = 0
    for s, e in content:
        for i in range(s, e):
            ch = text[i]
            if ch.isalnum():
                if quotes.inside(i):
                    inside += 1
                else:
                    outside += 1
    if inside and not outside:
        return "direct"
    return "mixed" if inside and outside > 3 else ("direct" if inside else "indirect")


def find_attributions(doc, entities: list[Entity]) -> list[Attribution]:  # noqa: ANN001
    """Every attribution in a parsed article, in text order."""
    text = doc.text
    quotes = QuoteIndex(find_quotes(text))
    found: list[tuple[list[Span], list[Span], list[Span], object]] = []
    taken: set[int] = set()
    for cue in find_cues(doc, quotes):
        head = source_head(cue)
        source = source_spans(head, text)
        content = content_spans(cue, source, text, quotes)
        if not content:
            continue
        found.append((source, _cue_spans(cue, text), content, head))
        taken.add(cue.i)
    found.sort(key=lambda f: f[1][0])
    speakers = resolve_speakers(doc, [(f[0], f[3]) for f in found], entities)
    return [
        Attribution(id=f"A{n}", source=tuple(source), cue=tuple(cue), content=tuple(content),
                    speaker=speaker, kind=kind_of(text, content, quotes))
        for n, ((source, cue, content, _), speaker) in enumerate(zip(found, speakers), start=1)
    ]
