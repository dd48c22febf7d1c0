"""When and where an event happened: dates resolved against publication, places from the parse.

Only expressions attached to the event's trigger count, so "officials said Thursday" dates the
report, not the event, and a dateline is never a location. No date is ever defaulted to the
publication date: an event the text does not date gets None.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser
from spacy.tokens import Span, Token

from ..entities import columns, span_ents
from ..model import Location
from .actors import code_text

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.I)
_DAY_NUM = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")
_LOC_PREPS = frozenset("in at near outside inside into across".split())
_LOC_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TIME_PREPS = frozenset("during in on since at by".split())


def _published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve_date(expr: str, published: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) for a date expression, or None.

    Relative expressions ("Friday", "in March", "last year") need the publication date.
    """
    text = expr.lower().strip()
    pub = _published(published)
    if pub:
        if "yesterday" in text:
            return (pub - dt.timedelta(days=1)).isoformat()
        if re.search(r"\btoday\b|\btonight\b", text):
            return pub.isoformat()
        if "last year" in text:
            return str(pub.year - 1)
        if "this year" in text:
            return str(pub.year)
        if "last month" in text:
            m = pub.month - 1 or 12
            return f"{pub.year - (pub.month == 1):04d}-{m:02d}"
        if "this month" in text:
            return f"{pub.year:04d}-{pub.month:02d}"
    year = _YEAR.search(text)
    month = _MONTH.search(text)
    weekday = _WEEKDAY.search(text)
    if month:
        m = _MONTHS.index(month.group(1).lower()) + 1
        rest = _YEAR.sub(" ", text[month.end():month.end() + 6] + " " + text[max(0, month.start() - 5):month.start()])
        day = _DAY_NUM.search(rest)
        if year:
            y = int(year.group(1))
        elif pub:
            y = pub.year if m <= pub.month else pub.year - 1
        else:
            return None
        if day and 1 <= int(day.group(1)) <= 31:
            try:
                return dt.date(y, m, int(day.group(1))).isoformat()
            except ValueError:
                return f"{y:04d}-{m:02d}"
        return f"{y:04d}-{m:02d}"
    if year:
        try:
            parsed = dateparser.parse(expr, default=dt.datetime(int(year.group(1)), 1, 1), fuzzy=True)
            if parsed and re.search(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}", text):
                return parsed.date().isoformat()
        except (ValueError, OverflowError):
            pass
        return year.group(1)
    if weekday and pub:
        wanted = _WEEKDAYS.index(weekday.group(1).lower())
        back = (pub.weekday() - wanted) % 7
        return (pub - dt.timedelta(days=back)).isoformat()
    return None


_CLAUSAL = frozenset({"ccomp", "xcomp", "pcomp", "acl", "relcl", "advcl", "csubj", "parataxis"})


def _governed_by(tok: Token, trigger: Token, stop: set[int]) -> bool:
    """Whether tok hangs under trigger without crossing another trigger or a clause boundary."""
    while tok.i != tok.head.i:
        if tok.i == trigger.i:
            return True
        if tok.i in stop or tok.dep_ in _CLAUSAL:
            return False
        tok = tok.head
    return tok.i == trigger.i


def event_date(sent: Span, trigger: Token, published: str | None, *, other_triggers: set[int]) -> str | None:
    stop = other_triggers - {trigger.i}
    for ent in span_ents(sent):
        if ent.label_ == "DATE" and _governed_by(ent.root, trigger, stop) and not (
                _since(ent) and not _ongoing(trigger)):
            value = resolve_date(ent.text, published)
            if value:
                return value
    # Years spaCy leaves inside a noun phrase: "during the 2016 presidential race".
    for tok in _governed_preps(sent, trigger, stop, _TIME_PREPS if _ongoing(trigger) else _TIME_PREPS - {"since"}):
        phrase = "".join(t.text_with_ws for t in tok.subtree)
        year = _YEAR.search(phrase)
        if year and not _MONTH.search(phrase):
            return year.group(1)
    head = trigger.head
    if trigger.dep_ == "advcl" and head.i not in stop and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _WHEN_MARKS for c in trigger.children):
        # "escalated on Monday when rebels attacked": the clause happened when its head did.
        return event_date(sent, head, published, other_triggers=other_triggers - {head.i})
    return None


_WHEN_MARKS = frozenset("when as while".split())


def _ongoing(trigger: Token) -> bool:
    """"has been attacking X since 2011": one continuing activity, which began then."""
    verb = trigger
    while verb.dep_ == "conj" and verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head  # "has been attacking and fighting X since 2011": the auxiliaries they share
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("been", "be") for c in verb.children)


def _since(ent: Span) -> bool:
    """"Since 2009, hundreds have been killed": a period's start is not the date of the happenings
    told of the period (only of one activity going on since then: see _ongoing)."""
    if ent[0].lower_ == "since":
        return True
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ == "since" or ent.start > 0 and ent.doc[ent.start - 1].lower_ == "since"


def _governed_preps(sent: Span, trigger: Token, stop: set[int], lemmas_wanted: frozenset | set):  # noqa: ANN202
    """Prepositions of the sentence with a lemma in `lemmas_wanted` that the trigger governs."""
    doc = sent.doc
    cols = columns(doc)
    deps, lemmas = cols.dep, cols.lemma
    for i in range(sent.start, sent.end):
        if deps[i] == "prep" and lemmas[i] in lemmas_wanted and _governed_by(doc[i], trigger, stop):
            yield doc[i]


def event_location(sent: Span, trigger: Token, *, exclude: set[int], other_triggers: set[int]) -> Location | None:
    stop = other_triggers - {trigger.i}
    found: list[Span] = []
    for tok in _governed_preps(sent, trigger, stop, _LOC_PREPS):
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or obj.i in exclude:
            continue
        for ent in span_ents(sent):
            if ent.start <= obj.i < ent.end and (ent.label_ in _LOC_LABELS or
                                                 (tok.lemma_ == "at" and ent.label_ == "ORG")):
                found.append(ent)
    if not found:
        return None
    first = found[0]
    country = next((c for c in (code_text(s.text).country for s in found) if c and c != "IGO"), None)
    return Location(span=(first.start_char, first.end_char), name=first.text, country=country)
