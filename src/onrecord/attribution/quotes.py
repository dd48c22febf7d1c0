"""Quotation regions: curly and straight marks, quotes over several paragraphs, unbalanced marks.

A quote is a tuple of spans (marks included), one per paragraph it covers: by the news
convention a paragraph that opens a quote without closing it continues into the next
paragraph when that one opens with a quotation mark again.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Span

_OPEN = "“„«"
_CLOSE = "”»"
_STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE + _STRAIGHT) + "]")  # the only characters a quote turns on


@dataclass(frozen=True, slots=True)
class Quote:
    spans: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Span], int | None]:
    """Closed quotes in one paragraph, and where a still-open quote begins (or None)."""
    closed: list[Span] = []
    opened: int | None = None
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if opened is None and (ch in _OPEN or ch == _STRAIGHT):
            opened = i
        elif opened is not None and (ch in _CLOSE or ch == _STRAIGHT):
            closed.append((opened, i + 1))
            opened = None
        elif opened is not None and ch in _OPEN:
            opened = i  # a stray second opener: the first was unbalanced
    return closed, opened


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in the text, in order. Two apostrophes stand for a double quotation
    mark ('' ... '', as The New York Times prints them)."""
    if "''" not in text:
        return _find_quotes(text)
    # Scan with each pair read as a space and a straight mark (offsets kept), then widen a
    # quote that opens on such a pair over its first apostrophe.
    found = _find_quotes(text.replace("''", ' "'))
    out = []
    for q in found:
        spans = tuple((s - 1 if s > 0 and text[s - 1:s + 1] == "''" else s, e) for s, e in q.spans)
        out.append(Quote(spans))
    return out


def _find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    carry: list[Span] = []   # pieces of a quote still running from earlier paragraphs
    for m in _PARAGRAPH.finditer(text):
        p_start, p_end = m.start(), m.end()
        body = text[p_start:p_end]
        lead = p_start + len(body) - len(body.lstrip())
        if carry and not (lead < p_end and (text[lead] in _OPEN or text[lead] == _STRAIGHT)):
            quotes.append(Quote(tuple(carry)))  # the quote ended with its paragraph after all
            carry = []
        if carry:
            # The opener continues the running quote: look for its close in this paragraph.
            closed, opened = _paragraph_quotes(text, lead + 1, p_end)
            first_close = next((i for i in range(lead + 1, p_end) if text[i] in _CLOSE or text[i] == _STRAIGHT), None)
            if first_close is not None:
                carry.append((lead, first_close + 1))
                quotes.append(Quote(tuple(carry)))
                carry = []
                closed, opened = _paragraph_quotes(text, first_close + 1, p_end)
            else:
                carry.append((lead, _rstrip(text, lead, p_end)))
                continue
        else:
            closed, opened = _paragraph_quotes(text, p_start, p_end)
        quotes.extend(Quote((s,)) for s in closed)
        if opened is not None:
            carry = [(opened, _rstrip(text, opened, p_end))]
    if carry:
        quotes.append(Quote(tuple(carry)))
    return quotes


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class QuoteIndex:
    """Fast 'which quote covers this offset' over an article's quotes."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._pieces = sorted((s, e, q) for q, quote in enumerate(quotes) for s, e in quote.spans)
        self._starts = [p[0] for p in self._pieces]

    def at(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self._pieces[i][0] <= offset < self._pieces[i][1]:
            return self.quotes[self._pieces[i][2]]
        return None

    def inside(self, offset: int) -> bool:
        return self.at(offset) is not None

    def alnum_counts(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Letters and digits of text[start:end] inside quotes and outside them."""
        inside = 0
        pos = start  # covered up to here (pieces may overlap)
        i = max(0, bisect_right(self._starts, start) - 1)
        while i < len(self._pieces) and self._pieces[i][0] < end:
            s, e = max(self._pieces[i][0], pos), min(self._pieces[i][1], end)
            if e > s:
                inside += sum(map(str.isalnum, text[s:e]))
                pos = e
            i += 1
        return inside, sum(map(str.isalnum, text[start:end])) - inside

    def ending_in(self, start: int, end: int) -> Quote | None:
        """The last quote whose end falls in [start, end)."""
        found = None
        for q in self.quotes:
            if start < q.end <= end:
                found = q
        return found

    def starting_in(self, start: int, end: int) -> Quote | None:
        """The first quote whose start falls in [start, end)."""
        for q in self.quotes:
            if start <= q.start < end:
                return q
        return None


def is_quote_mark(ch: str) -> bool:
    return ch in _OPEN or ch in _CLOSE or ch == _STRAIGHT
