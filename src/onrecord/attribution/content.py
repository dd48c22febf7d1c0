"""Content (what was said) and source (who said it) spans around a cue, from the parse and quotes."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Span
from .quotes import Quote, QuoteIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_EDGE = " \t\r\n,;:—–-"
_GAP_BEFORE = re.compile(r"^[\s,;:—–-]{0,4}$")           # between a quote and the clause that follows it
_GAP_AFTER = re.compile(r"^[^.!?\n“”\"]{0,60}?[,:]?\s*$")  # between the cue clause and a quote after it
_COLON_AFTER = re.compile(r"[ \t]*:\s*")
_BREAK = re.compile(r"\n|[.!?][”\"]?\s")
_SUBJECT_DEPS = ("nsubj", "csubj")
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp")  # "...and later said", "..., saying"
_OBJECT_TAIL = frozenset({"oprd", "xcomp", "ccomp", "dative", "attr"})
_OBJECT_PREPS = frozenset({"for", "as", "on", "of", "about", "into", "against", "over", "with", "from", "to"})
_TOPIC_PREPS = frozenset({"about", "of", "for", "on", "against", "over", "with", "to"})


def trim(text: str, span: Span) -> Span | None:
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return (s, e) if e > s else None


def subtree_span(tok: "Token") -> Span:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def token_span(tok: "Token") -> Span:
    return tok.idx, tok.idx + len(tok.text)


# --- source ---------------------------------------------------------------------------------

_RAISING = frozenset("seem appear".split())


def raised_subject(cue: "Token") -> "Token | None":
    """The subject that belongs to the content, not the source: "X is expected to win",
    "X seems to have vanished" (PolNeAR content: "X" + "to win"; no source)."""
    if not any(c.dep_ == "xcomp" for c in cue.children):
        return None
    if cue.lemma_.lower() in _RAISING:
        return next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if any(c.dep_ == "agent" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass"), None)


def subject_of(verb: "Token", *, depth: int = 0) -> "Token | None":
    """The token naming who speaks for a cue verb; None for agentless passives ("it was reported")."""
    if depth == 0 and verb.lemma_.lower() in _RAISING and raised_subject(verb) is not None:
        return None
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children):
        return None
    if depth < 3 and verb.dep_ in _INHERIT_DEPS and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        found = subject_of(verb.head, depth=depth + 1)
        outer = verb.head.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp" and outer.pos_ == "VERB" \
                and found is not None and not _animate(found) and verb.i > verb.head.i:
            # "Analysts said costs have risen, citing X": the reporter cites, not "costs".
            return subject_of(outer, depth=depth + 1) or found
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and outer.pos_ == "VERB" and verb.i > verb.head.i:
            # "He claimed the images were taken by X and said ...": a conjunct the parser hung on
            # the reported clause, whose own subject is a thing, is the reporter's.
            own = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if own is not None and not _animate(own):
                return subject_of(outer, depth=depth + 1) or found
        return found
    # "X was able to tout ...", "X never missed a chance to attack ...": the infinitive hangs
    # on an adjective or an object noun, whose verb has the subject.
    up = verb.head
    if depth < 3 and verb.tag_ == "VB" and up is not verb and up.head.pos_ in ("VERB", "AUX") and (
            (verb.dep_ == "xcomp" and up.pos_ == "ADJ" and up.dep_ == "acomp")
            or (verb.dep_ == "acl" and up.pos_ == "NOUN" and up.dep_ == "dobj")):
        return subject_of(up.head, depth=depth + 1)
    # "In defending the plan, X said", "X was quick at dismissing it": a gerund after a
    # preposition of the verb (or of its adjective) has the verb's subject.
    if depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and up.dep_ == "prep":
        host = up.head.head if up.head.pos_ == "ADJ" and up.head.dep_ == "acomp" else up.head
        if host is not up and host.pos_ in ("VERB", "AUX"):
            return subject_of(host, depth=depth + 1)
    return None


def _animate(tok: "Token") -> bool:
    """A person, body or pronoun for them: someone who can cite or say."""
    return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PROPN" or \
        tok.lower_ in ("he", "she", "they", "we", "i", "you", "who")


def source_head(cue: "Token") -> "Token | None":
    if cue.lower_ == "according":
        to = cue.nbor(1)
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if cue.pos_ == "NOUN":
        return noun_source(cue)
    return subject_of(cue)


def noun_source(cue: "Token") -> "Token | None":
    """Who holds a noun cue: the possessor ("his belief that"), else the subject of the verb
    the noun is the object of ("Trump made the claim that")."""
    poss = next((c for c in cue.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if cue.dep_ in ("dobj", "attr") and cue.head.pos_ in ("VERB", "AUX"):
        return subject_of(cue.head)
    return None


def source_spans(head: "Token | None", text: str) -> list[Span]:
    """The whole noun phrase of the source, appositives and relative clauses included
    (as PolNeAR marks it), but never reaching across a paragraph break."""
    if head is None:
        return []
    s, e = subtree_span(head)
    if head.dep_ == "poss":  # "Trump's claim": the possessor without its "'s"
        last = max((t for t in head.subtree if t.dep_ != "case"), key=lambda t: t.i)
        e = last.idx + len(last.text)
    s, e = _within_paragraph(text, (s, e), head.idx)
    span = trim(text, (s, e))
    return [span] if span else []


def _within_paragraph(text: str, span: Span, anchor: int) -> Span:
    s, e = span
    cut = text.rfind("\n", s, anchor)
    if cut >= 0:
        s = cut + 1
    cut = text.find("\n", anchor, e)
    if cut >= 0:
        e = cut
    return s, e


# --- content --------------------------------------------------------------------------------

def _minus(span: Span, hole: Span) -> list[Span]:
    """A span with another cut out of it (at most two pieces)."""
    s, e = span
    hs, he = hole
    if he <= s or hs >= e:
        return [span]
    return [p for p in ((s, hs), (he, e)) if p[1] > p[0]]


def _quote_around(text: str, quotes: QuoteIndex, span: Span) -> Quote | None:
    """The quote a clause lies in, when the clause is all quotation (it may run on past the clause)."""
    s = span[0]
    while s < span[1] and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    quote = quotes.at(s)
    if quote is None or not any(qs >= s - 1 for qs, _ in quote.spans if qs <= s):
        return None
    return quote if quote.end >= span[1] - 2 else None


def quote_before(text: str, quotes: QuoteIndex, start: int) -> Quote | None:
    """The quote that ends right before the cue clause ('"...," she said')."""
    before = quotes.ending_in(max(0, start - 6), start + 1)
    if before is not None and _GAP_BEFORE.match(text[before.end:start]):
        return before
    return None


def quote_after(text: str, quotes: QuoteIndex, end: int, sent_end: int) -> Quote | None:
    """The quote that opens right after the cue clause ('she said: "..."')."""
    after = quotes.starting_in(end, min(len(text), max(sent_end, end) + 3))
    if after is not None and _GAP_AFTER.match(text[end:after.start]):
        return after
    return None


def continuation(text: str, quotes: QuoteIndex, quote: Quote, sent_end: int,
                 doc: "Doc | None" = None) -> list[Quote]:
    """Quotes that carry on in the same paragraph after the cue sentence ('..." he said. "And ...'),
    as long as only white space separates them."""
    out: list[Quote] = []
    pos = max(sent_end, quote.end)
    last = quote.end
    while True:
        # (the parser may end the sentence after a two-character opening mark: '' or "")
        nxt = quotes.starting_in(max(last, pos - 2), pos + 3)
        # The parser's sentence may run over a paragraph break: the gap counts from the last quote.
        if nxt is None or nxt is quote or "\n" in text[min(pos, last):nxt.start]:
            return out
        if doc is not None and _words_after(doc, text, nxt):
            return out  # '"..." to drive up prices, she said': a sentence of its own, with its own cue
        out.append(nxt)
        pos = last = nxt.end


def _words_after(doc: "Doc", text: str, quote: Quote) -> bool:
    """Whether the quote's sentence goes on in words after the quote closes."""
    tok = doc.char_span(quote.end - 1, quote.end, alignment_mode="expand")
    if tok is None:
        return False
    end = tok[-1].sent.end_char
    return any(ch.isalnum() for ch in text[quote.end:end])


def clause_content(cue: "Token") -> "tuple[int, int] | None":
    """The token range (first, last) of the reported content, by dependency."""
    children = list(cue.children)
    for c in children:
        if c.dep_ == "ccomp":
            return c.left_edge.i, c.right_edge.i
    if cue.pos_ == "NOUN":
        # "the claim that ...", "his decision to ...": the clause the noun takes.
        for c in children:
            if c.dep_ == "acl" and c.i > cue.i and (c.left_edge.lower_ in ("that", "to") or c.tag_ == "VB"):
                return c.left_edge.i, c.right_edge.i
    for c in children:
        if c.dep_ == "xcomp":
            # "urged Congress to act": the object belongs to the content.
            obj = next((o for o in children if o.dep_ == "dobj" and o.i < c.i and o.i > cue.i), None)
            return (obj.left_edge.i if obj is not None else c.left_edge.i), c.right_edge.i
    for c in children:
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and c.i > cue.i:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj.left_edge.i, pobj.right_edge.i
    for c in children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            # "expressed concern that ...", "misgivings about ...": the noun is part of the cue.
            for g in c.children:
                if g.dep_ in ("ccomp", "acl") and g.i > c.i and g.left_edge.lower_ == "that":
                    return g.left_edge.i, g.right_edge.i
            # "mocked Romney for ...", "called Clinton a champion": the object and what follows it.
            last = max([c.right_edge.i] + [x.right_edge.i for x in children if x.i > c.i and (
                x.dep_ in _OBJECT_TAIL or (x.dep_ == "prep" and x.lower_ in _OBJECT_PREPS))])
            return c.left_edge.i, last
    return None


def according_content(cue: "Token", text: str) -> list[Span]:
    """'According to X, Y' / 'Y, according to X': the sentence less the according-phrase."""
    sent = cue.sent
    phrase = subtree_span(cue)
    pieces = _minus((sent.start_char, sent.end_char), phrase)
    return [p for p in (trim(text, p) for p in pieces) if p and p[1] - p[0] > 2]


def _spans_of(text: str, found: list[Quote]) -> list[Span]:
    spans: list[Span] = []
    for q in sorted(set(found), key=lambda q: q.start):
        spans.extend(q.spans)
    return [p for p in (trim(text, s) for s in spans) if p]


def content_spans(cue: "Token", source: list[Span], text: str, quotes: QuoteIndex) -> list[Span]:
    """Where the content of an attribution lies."""
    if cue.lower_ == "according":
        return according_content(cue, text)
    cue_span = token_span(cue)
    region = (min([cue_span[0], *(s for s, _ in source)]), max([cue_span[1], *(e for _, e in source)]))
    sent_end = cue.sent.end_char
    doc = cue.doc
    rng = clause_content(cue)
    raised = raised_subject(cue)
    if raised is not None and rng is not None and rng[0] > cue.i:
        subj = trim(text, subtree_span(raised))
        rest = trim(text, (doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]].text)))
        return [p for p in (subj, rest) if p]
    if rng is not None:
        first, last = doc[rng[0]], doc[rng[1]]
        span = (first.idx, last.idx + len(last.text))
        quote = _quote_around(text, quotes, span)
        if quote is not None:
            # '"Every time," Ward said, "you lose."': the half before the cue is the same quote.
            before = quote_before(text, quotes, region[0])
            head = [before] if before is not None and before is not quote and \
                before.start >= cue.sent.start_char and "\n" not in text[before.end:quote.start] else []
            return _spans_of(text, [*head, quote, *continuation(text, quotes, quote, sent_end, doc)])
        last_word = rng[1]
        while last_word > rng[0] and (doc[last_word].is_punct or doc[last_word].is_space):
            last_word -= 1
        colon = _COLON_AFTER.match(text, doc[last_word].idx + len(doc[last_word].text))
        if colon is not None and rng[0] > cue.i and last_word - rng[0] < 5 \
                and doc[rng[0]:rng[1] + 1].root.pos_ == "NOUN":
            # "issued the following statement: ...": what the colon opens is the content, the noun
            # phrase before it belongs to the cue.
            after = quotes.starting_in(colon.end(), colon.end() + 2)
            if after is not None:
                return _spans_of(text, [after, *continuation(text, quotes, after, sent_end, doc)])
            stop = text.find("\n", colon.end())
            rest = trim(text, (colon.end(), stop if stop > colon.end() else len(text)))
            if rest is not None and len(text[rest[0]:rest[1]].split()) >= 5:  # not a headline's ": Report"
                return [rest]
        before = quote_before(text, quotes, region[0])
        # A quote that ends the clause but does not begin it is part of a mixed content.
        if rng[0] > cue.i or before is None or (
                before.start > span[0] + 2 and not _BREAK.search(text[span[0]:before.start])):
            pieces = _minus(_through_quote(text, quotes, span), region)
            return [p for p in (trim(text, p) for p in pieces) if p]
        return _spans_of(text, [before, *_split_rest(text, quotes, before, region, sent_end)])
    before = quote_before(text, quotes, region[0])
    if before is None and (host := _parenthetical_host(cue)) is not None:
        return [p for p in (trim(text, host),) if p]
    if before is not None:
        return _spans_of(text, [before, *_split_rest(text, quotes, before, region, sent_end)])
    after = quote_after(text, quotes, region[1], sent_end)
    if after is not None:
        return _spans_of(text, [after, *continuation(text, quotes, after, sent_end, doc)])
    return []


_LEAD_IN = re.compile(r"^\s*[:,]?\s*$")


def _through_quote(text: str, quotes: QuoteIndex, span: Span) -> Span:
    """A clause that opens a quotation, or ends with a colon before one, runs to the quote's end
    ('said she recalled thinking, "This is ..."', 'said she has the quality: "Steadiness."')."""
    s, e = span
    inner = quotes.at(max(s, e - 1))
    if inner is not None and inner.start >= s and inner.end > e and "\n" not in text[e:inner.spans[0][1]]:
        return s, inner.spans[0][1]
    after = quotes.starting_in(e, e + 4)
    if after is not None and text[e:after.start].strip() == ":" and "\n" not in text[e:after.start]:
        return s, after.spans[0][1]
    return span


def _parenthetical_host(cue: "Token") -> Span | None:
    """'X met Y, The Post reported': the clause the cue hangs off, up to the cue's own phrase."""
    if cue.dep_ not in ("ccomp", "parataxis", "advcl", "conj") or cue.i <= cue.head.i:
        return None
    start = cue.left_edge.i
    if start == 0 or cue.doc[start - 1].text not in (",", "—", "–", "-"):
        return None
    sent = cue.sent
    left = max(cue.head.left_edge.i, sent.start)
    if start - left < 3:
        return None
    return cue.doc[left].idx, cue.doc[start - 1].idx


def _split_rest(text: str, quotes: QuoteIndex, before: Quote, region: Span, sent_end: int) -> list[Quote]:
    """After '"The plan," she said,' the rest of the quote, and quotes that carry on after it."""
    after = quote_after(text, quotes, region[1], sent_end)
    if after is not None and after is not before and after.start < sent_end:
        return [after, *continuation(text, quotes, after, sent_end)]
    return continuation(text, quotes, before, sent_end)
