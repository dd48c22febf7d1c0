"""Attributions: who said what (source, cue, content), with the speaker resolved and typed."""
from __future__ import annotations

from ..entities import columns
from ..entities import doc_text as _doc_text
from ..model import Attribution, AttributionKind, Entity, Span
from .content import (
    content_spans,
    source_head,
    source_spans,
    subtree_span,
    token_span,
    trim,
)
from .cues import find_cues
from .leadins import lead_ins
from .quotes import QuoteIndex, find_quotes, is_quote_mark
from .sources import can_speak, resolve_speakers
from .tagger import refine
from .transformer import content_probs, extra_cues, load as load_transformer, spans_for, tag_doc

__all__ = ["find_attributions"]


# Prepositions PolNeAR counts as part of the cue when their object is the content
# ("complained about X", "railed against X"); measured on PolNeAR train.
_CUE_PREPS = frozenset("about against on to for at over".split())
_NOUN_CUE_PREPS = _CUE_PREPS | {"of", "in", "with"}


def _cue_tokens(cue, content: list[Span], source: list[Span]) -> list[int]:  # noqa: ANN001 - spaCy Token
    """The cue's words as PolNeAR marks them: the head verb with its auxiliaries, negation,
    particle and adjacent adverbs ("has not yet said", "shot back"), a date right after it
    ("said Tuesday"), the object of "expressed concern that", and the preposition whose object
    is the content ("complained about")."""
    if cue.lower_ == "according":
        return [cue.i, cue.i + 1]
    doc = cue.doc

    def free(t) -> bool:  # noqa: ANN001
        return not any(s <= t.idx < e for s, e in (*content, *source))

    keep = {cue.i}
    children = list(cue.children)
    aux = [c for c in children if c.dep_ in ("aux", "auxpass", "neg") and c.i < cue.i and cue.i - c.i <= 4]
    for c in aux:
        keep.add(c.i)
    low = min(keep)
    for c in children:
        if not free(c):
            continue
        if c.dep_ == "advmod" and c.i < cue.i and (c.i == cue.i - 1 or c.i > low):
            keep.add(c.i)
        elif c.dep_ in ("prt",) and c.i > cue.i:
            keep.add(c.i)
        elif c.dep_ == "advmod" and c.i == cue.i + 1 and c.pos_ == "ADV":
            keep.add(c.i)
        elif c.dep_ == "npadvmod" and c.i == cue.i + 1 and c.ent_type_ == "DATE":
            keep.update(t.i for t in c.subtree)
        elif c.dep_ == "prep" and c.i > cue.i and c.lower_ in (_NOUN_CUE_PREPS if cue.pos_ == "NOUN" else _CUE_PREPS):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and not free(obj):
                keep.add(c.i)
        elif c.dep_ in ("dobj", "attr") and c.i > cue.i and any(
                g.dep_ in ("ccomp", "acl") and not free(g) for g in c.children):
            keep.update(t.i for t in c.subtree if free(t))
    # Fill gaps between kept words only with words of the cue's own phrase.
    lo, hi = min(keep), max(keep)
    out = [i for i in range(lo, hi + 1) if i in keep or (doc[i].head.i in keep and free(doc[i])
                                                           and not doc[i].is_punct)]
    return out


def _cue_spans(cue, content: list[Span], source: list[Span], text: str) -> list[Span]:  # noqa: ANN001
    doc = cue.doc
    spans: list[Span] = []
    for i in _cue_tokens(cue, content, source):
        s, e = token_span(doc[i])
        if spans and i - 1 >= 0 and spans[-1][1] == doc[i - 1].idx + len(doc[i - 1].text) and \
                doc[i - 1].i + 1 == i and spans[-1][1] <= s and text[spans[-1][1]:s].strip() == "":
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def kind_of(text: str, content: list[Span], quotes: QuoteIndex) -> AttributionKind:
    """direct when every content word is inside quotation marks, indirect when none is."""
    inside = outside = 0
    for s, e in content:
        n_in, n_out = quotes.alnum_counts(text, s, e)
        inside += n_in
        outside += n_out
    if inside and not outside:
        return "direct"
    return "mixed" if inside and outside > 3 else ("direct" if inside else "indirect")


def _inside(spans: list[Span], parts: list[Span]) -> bool:
    """Every span of `parts` lies within one of `spans`."""
    return bool(parts) and all(any(s <= ps and pe <= e for s, e in spans) for ps, pe in parts)


def _unnest(found: list, text: str) -> list:  # noqa: ANN001
    """A content stops before a report placed after what it reports: in "X told Y that Z,
    The Post reported", X's content is Z, and the Post's own source and cue stay out of it."""
    out = []
    for i, (source, cue, content, head) in enumerate(found):
        for j, (o_source, o_cue, o_content, _) in enumerate(found):
            # The cheap tests first (all are pure; an empty o_cue is never inside).
            if i == j or not o_content or not o_cue or o_content[0][0] > o_cue[0][0] or not _inside(content, o_cue):
                continue
            if text[o_content[0][0]:o_content[0][1]].split()[0].lower() in ("which", "who", "whom") \
                    and o_content[0][0] > cue[0][0]:
                continue  # "the plan, which he said would fail": a report inside the content, not after it
            stops = sorted(s2 for s2, _ in (*o_source, *o_cue) if s2 > cue[0][0])
            if not stops:
                continue
            trimmed = []
            for s, e in content:
                e = min(e, stops[0])
                while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
                    e -= 1
                if e > s:
                    trimmed.append((s, e))
            if trimmed:
                content = trimmed
        out.append((source, cue, content, head))
    return out


_RELAY = frozenset({"cite", "quote"})


def _cut(spans: list[Span], hole: Span, text: str) -> list[Span]:
    """Spans with `hole` (and the commas and spaces around it) cut out."""
    s, e = hole
    while s > 0 and (text[s - 1].isspace() or text[s - 1] == ","):
        s -= 1
    while e < len(text) and (text[e].isspace() or text[e] == ","):
        e += 1
    out: list[Span] = []
    for a, b in spans:
        for ps, pe in ((a, min(b, s)), (max(a, e), b)):
            span = trim(text, (ps, pe)) if pe > ps else None
            if span:
                out.append(span)
    return out


def _nested_sources(doc, found: list, text: str) -> list:  # noqa: ANN001
    """ "X, citing Y, reported Z": Y is the source of Z and X its channel. The relaying phrase
    leaves X's source and content, "citing" is no attribution of X's with Y as its content,
    and Y gets its own attribution of Z with "citing"/"quoting" as the cue."""
    # A participle phrase ("citing Y"), not a verb of its own ("he was quoting Y").
    cols = columns(doc)  # read the lemmas from the columns: a Token per word is slow
    relays = [t for t in (doc[i] for i, lemma in enumerate(cols.lemma) if lemma.lower() in _RELAY)
              if t.tag_ == "VBG" and t.dep_ in ("advcl", "acl", "xcomp", "conj")
              and not any(c.dep_ == "aux" for c in t.children)]
    if not relays:
        return found
    out = list(found)
    for relay in relays:
        obj = next((c for c in relay.children if c.dep_ in ("dobj", "pobj", "attr")), None)
        if obj is None or not can_speak(obj):
            continue
        phrase = subtree_span(relay)
        at = relay.idx
        # The report the phrase belongs to: the one whose cue governs it or whose source holds it.
        # (The parser may hang "citing Y," that opens the content on the content's verb.)
        outer = next((k for k, f in enumerate(out) if f[1] and f[1][0][0] != at and (
            any(s <= relay.head.idx < e for s, e in f[1]) or any(s <= at < e for s, e in f[0])
            or (f[2] and f[2][0][0] <= phrase[0] < f[2][0][1] and not text[f[2][0][0]:phrase[0]].strip(" ,")))), None)
        if outer is None:
            continue
        source, cue, content, head = out[outer]
        source, content = _cut(source, phrase, text), _cut(content, phrase, text)
        if not content:
            continue
        out[outer] = (source, cue, content, head)
        out = [f for f in out if not (f[1] and f[1][0][0] == at)]  # "citing" with Y as content
        y = source_spans(obj, text)
        out.append((y, [token_span(relay)], list(content), obj))
    return out


def _plan(cue, text: str, quotes: QuoteIndex):  # noqa: ANN001, ANN202
    """The rules' (source head, source spans, content spans) for a cue."""
    head = source_head(cue)
    source = source_spans(head, text)
    return head, source, content_spans(cue, source, text, quotes)


def _settled(doc, plans: dict) -> set[int]:  # noqa: ANN001
    """Cues whose rule content leaves their sentence (a quotation the rules followed): the
    linear decode keeps that content whatever the transformer says of the sentence."""
    from .tagger import _arrays

    arrays = _arrays(doc)
    out = set()
    for i, (_, _, rule) in plans.items():
        first, end = arrays.bounds(i)
        start, stop = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if any(s < start or e > stop for s, e in rule):
            out.add(i)
    return out


def _blend(tagged, cue):  # noqa: ANN001, ANN202
    """The transformer's content probabilities for the linear tagger to mix in, when the
    shipped decode says so ("content_from": "blend", with its "weight")."""
    if tagged is None:
        return None
    conf = load_transformer().meta.get("decode", {})
    if conf.get("content_from") != "blend" or (cue.pos_ == "NOUN" and conf.get("nouns") is False):
        return None
    probs = content_probs(tagged, cue.i)
    return None if probs is None else (probs, float(conf.get("weight", 0.5)))


def find_attributions(doc, entities: list[Entity]) -> list[Attribution]:  # noqa: ANN001
    """Every attribution in a parsed article, in text order."""
    text = _doc_text(doc)
    quotes = QuoteIndex(find_quotes(text))
    found: list[tuple[list[Span], list[Span], list[Span], object]] = []
    cues = find_cues(doc, quotes)
    plans = {c.i: _plan(c, text, quotes) for c in cues}
    # The transformer, where shipped, tags every sentence worth it once: cues the linear model
    # missed, and each cue's source and content within its sentence.
    tagged = tag_doc(doc, quotes, cues, settled=_settled(doc, plans))
    if tagged is not None:
        extra = load_transformer().meta.get("decode", {}).get("cue", 0.5)
        cues = sorted([*cues, *extra_cues(doc, tagged, cues, threshold=extra)], key=lambda t: t.i)
    verbs = {c.i for c in cues if c.pos_ != "NOUN"}
    guessed: set[int] = set()
    # Verbs first: a noun cue that is part of a verb's ("expressed concern that") or says the
    # same content again is dropped.
    for cue in sorted(cues, key=lambda c: (c.pos_ == "NOUN", c.i)):
        if cue.pos_ == "NOUN" and cue.head.i in verbs and cue.dep_ in ("dobj", "attr"):
            continue
        head, source, rule = plans.get(cue.i) or _plan(cue, text, quotes)
        got = None if tagged is None else spans_for(cue, tagged, rule, source, head, text)
        if got is None:
            content = refine(cue, rule, source, text, quotes, blend=_blend(tagged, cue))
        else:
            source, content, head = got
        if not content:
            continue
        # A noun cue is dropped when a verb's content says the same, unless that content is
        # only the tagger's guess for a verb the rules found nothing for.
        if cue.pos_ == "NOUN" and any(s < fe and fs < e for s, e in content for k, f in enumerate(found)
                                      if k not in guessed for fs, fe in f[2]):
            continue
        if not rule:
            guessed.add(len(found))
        found.append((source, _cue_spans(cue, content, source, text), content, head))
    claimed = [span for f in found for span in (*f[1], *f[2])]
    found.extend(lead_ins(doc, text, quotes, claimed))
    found = _unnest(found, text)
    found = _nested_sources(doc, found, text)
    found.sort(key=lambda f: f[1][0])
    speakers = resolve_speakers(doc, [(f[0], f[3]) for f in found], entities, quotes=quotes)
    return [
        Attribution(id=f"A{n}", source=tuple(source), cue=tuple(cue), content=tuple(content),
                    speaker=speaker, kind=kind_of(text, content, quotes))
        for n, ((source, cue, content, _), speaker) in enumerate(zip(found, speakers), start=1)
    ]
