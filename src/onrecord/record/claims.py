"""Claims: each attribution's content and each unattributed event, as a statement on record.

A claim says who asserts it (the chain: outlet -> cited source -> original speaker), whom it
is about (person ids from the linking), what (text and spans), its polarity, the article and
the date. Events inside an attribution's content belong to that attribution's claim (they
give it structure: type, actor, recipient, negation); an event the article reports in its
own voice becomes a claim of the outlet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Attribution, Event, Record, Span
from .linking import PERSON_TYPES, Linking

Polarity = Literal["asserted", "denied", "negated", "hedged"]

DENY_CUES = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|disput(?:e|es|ed|ing)|"
    r"refut(?:e|es|ed|ing)|contest(?:s|ed|ing)?|rebut(?:s|ted|ting)?|disavow(?:s|ed|ing)?|"
    r"deni(?:al|als))\b", re.I)
NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|nobody|neither|nor|without|n't|isn't|wasn't|weren't|didn't|"
    r"doesn't|don't|hasn't|haven't|hadn't|won't|cannot|can't|couldn't)\b|n't\b", re.I)
HEDGES = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|reportedly|allegedly|apparently|likely|unlikely|"
    r"suspect(?:s|ed)?|believe(?:s|d)?|think(?:s)?|seem(?:s|ed)?|appear(?:s|ed)?|suggest(?:s|ed)?|"
    r"unconfirmed|unclear)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")
# "... , citing current and former US officials." names an intermediary between outlet and speaker.
CITING = re.compile(r"\b(?:citing|according to|quoting)\s+([^,.;:\"“”]{3,80})", re.I)
OUTLET_HINTS = re.compile(r"^(?:www\.)?([a-z0-9-]+)")
SENT_END = re.compile(r"[.!?][\"'”’)]*(?:\s|$)|\n")


@dataclass(slots=True)
class Claim:
    """One statement on record."""
    id: str                                  # "<article>#<A or V id>"
    article: str
    date: str | None
    text: str                                # the evidence text (spans joined)
    spans: tuple[Span, ...]
    claimant: str                            # fullest name of who asserts it (speaker or outlet)
    claimant_id: str | None                  # person id, when the claimant is linked
    claimant_type: str                       # speaker.type, or "media" for the outlet's own voice
    chain: tuple[str, ...]                   # outlet -> cited sources -> speaker
    about: tuple[str, ...]                   # person ids the claim is about
    about_names: tuple[str, ...]
    polarity: Polarity
    attribution: str | None = None
    event: str | None = None                 # the main event, if any
    events: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    content: str = ""                        # the content alone (without source and cue)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def negative(self) -> bool:
        return self.polarity in ("denied", "negated")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article, "date": self.date, "text": self.text,
                "span": [list(s) for s in self.spans], "claimant": self.claimant,
                "claimant_id": self.claimant_id, "claimant_type": self.claimant_type,
                "chain": list(self.chain), "about": list(self.about_names), "about_ids": list(self.about),
                "polarity": self.polarity, "attribution": self.attribution, "event": self.event,
                "events": list(self.events), "event_types": list(self.event_types)}


def outlet_name(record: Record) -> str:
    """The outlet as a claimant: meta.outlet, else the URL's site, else the article id."""
    if record.meta.outlet:
        return record.meta.outlet
    if record.meta.url:
        host = re.sub(r"^https?://", "", record.meta.url).split("/")[0]
        m = OUTLET_HINTS.match(host.removeprefix("www."))
        if m:
            return m.group(1)
    return record.id


def polarity_of(cue: str, content: str, events: list[Event]) -> Polarity:
    """denied (a denial cue or DENY event), negated (a negative statement), hedged, asserted."""
    if DENY_CUES.search(cue) or any(e.type == "DENY" for e in events):
        return "denied"
    if any(e.negated for e in events) or NEGATION.search(content):
        return "negated"
    if HEDGES.search(cue) or HEDGES.search(content):
        return "hedged"
    return "asserted"


def _join(text: str, spans: tuple[Span, ...]) -> str:
    return " … ".join(text[s:e].strip() for s, e in spans)


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _inside(inner: tuple[Span, ...], outer: tuple[Span, ...]) -> bool:
    return bool(inner) and all(any(os <= s and e <= oe for os, oe in outer) for s, e in inner)


def _extent(spans: tuple[Span, ...]) -> Span:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _sentence(text: str, span: Span) -> Span:
    start = max((m.end() for m in SENT_END.finditer(text, 0, span[0])), default=0)
    m = SENT_END.search(text, span[1])
    return start, (m.start() + 1 if m else len(text))


def _about(record: Record, linking: Linking, spans: tuple[Span, ...],
           extra_entities: list[str | None]) -> tuple[list[str], list[str]]:
    """Linked people and organisations mentioned inside the spans, plus extra entity ids."""
    ids: list[str] = []
    for entity in record.entities:
        inside = any(s <= ms and me <= e for ms, me in entity.mentions for s, e in spans)
        if inside or entity.id in extra_entities:
            person = linking.person_of(record.id, entity.id)
            if person and person.type in PERSON_TYPES | {"ORG"} and person.id not in ids:
                ids.append(person.id)
    return ids, [linking.people[i].name for i in ids]


def _chain(record: Record, attribution: Attribution, containers: list[Attribution], outlet: str) -> list[str]:
    """outlet -> reporting sources (outermost first) -> whom they cite -> the speaker."""
    name = attribution.speaker.name or _join(record.text, attribution.source) or "unnamed source"
    chain = [outlet]
    for outer in containers:  # outermost first
        if outer.speaker.name and outer.speaker.name not in chain:
            chain.append(outer.speaker.name)
    if not containers and name not in chain:
        chain.append(name)
    # "The Washington Post reported Friday, citing current and former US officials."
    anchor = containers[0] if containers else attribution
    sent = _sentence(record.text, _extent(anchor.cue or anchor.content or ((0, 0),)))
    for m in CITING.finditer(record.text, sent[0], sent[1]):
        if any(s <= m.start() < e for s, e in anchor.content):
            continue  # a citation inside the content belongs to a nested account
        cited = m.group(1).strip()
        if cited and cited not in chain:
            chain.append(cited)
    if name not in chain:
        chain.append(name)
    return chain


def claims_of(record: Record, linking: Linking) -> list[Claim]:
    """Every claim in one analysed article, attributions first, in text order."""
    text, outlet = record.text, outlet_name(record)
    date = record.meta.published[:10] if record.meta.published else None
    claims: list[Claim] = []
    used_events: set[str] = set()
    attribution_ids = {a.id for a in record.attributions}
    for a in record.attributions:
        if not a.content:
            continue
        # An unattributed event whose trigger is this attribution's cue or content ("denied") is the
        # same statement seen by the events stage: one claim, not two.
        whole = (_extent(a.source + a.cue + a.content),)
        events = [e for e in record.events
                  if e.attributed_to == a.id or (e.attributed_to is None and _inside(e.trigger, whole)
                                                 and e.id not in used_events)]
        used_events.update(e.id for e in events)
        cue, content = _join(text, a.cue), _join(text, a.content)
        polarity = polarity_of(cue, content, events)
        # A denial reads positive without its cue: its evidence runs from source to content.
        spans = (_extent(a.source + a.cue + a.content),) if polarity == "denied" and a.cue else a.content
        spans = tuple(_trim(text, s) for s in spans)
        containers = sorted((o for o in record.attributions if o.id != a.id and _inside(a.content, o.content)),
                            key=lambda o: _extent(o.content)[0])
        speaker = linking.person_of(record.id, a.speaker.entity)
        extra = [p.entity for e in events for p in e.actor + e.recipient]
        # "I never had meetings ..." and "he discussed ..." are about the speaker too.
        if (FIRST_PERSON.search(content) or re.match(r"\s*(?:that\s+)?(?:he|she|they)\b", content, re.I)
                or polarity == "denied"):
            extra.append(a.speaker.entity)
        about_ids, about_names = _about(record, linking, a.content, extra)
        main = events[0] if events else None
        claims.append(Claim(
            id=f"{record.id}#{a.id}", article=record.id, date=(main.date if main and main.date else date),
            text=_join(text, spans), spans=tuple(spans), content=content,
            claimant=speaker.name if speaker else (a.speaker.name or outlet), claimant_id=speaker.id if speaker else None,
            claimant_type=a.speaker.type, chain=tuple(_chain(record, a, containers, outlet)),
            about=tuple(about_ids), about_names=tuple(about_names), polarity=polarity,
            attribution=a.id, event=main.id if main else None, events=tuple(e.id for e in events),
            event_types=tuple(e.type for e in events)))
        # An inner attribution's speaker was cited by the outer one: keep the nesting visible.
        claims[-1].extras["containers"] = [o.id for o in containers]
    for e in record.events:
        if e.id in used_events:
            continue
        if e.attributed_to and e.attributed_to in attribution_ids:
            continue
        sentence = e.sentence if e.sentence[1] > e.sentence[0] else _sentence(text, _extent(e.trigger))
        sentence = _trim(text, sentence)
        polarity = polarity_of("", text[sentence[0]:sentence[1]], [e])
        about_ids, about_names = _about(record, linking, (sentence,), [p.entity for p in e.actor + e.recipient])
        claims.append(Claim(
            id=f"{record.id}#{e.id}", article=record.id, date=e.date or date,
            text=text[sentence[0]:sentence[1]].strip(), spans=(sentence,), content=text[sentence[0]:sentence[1]],
            claimant=outlet, claimant_id=None, claimant_type="media", chain=(outlet,),
            about=tuple(about_ids), about_names=tuple(about_names), polarity=polarity,
            event=e.id, events=(e.id,), event_types=(e.type,)))
    return claims


def build_claims(records: list[Record], linking: Linking) -> list[Claim]:
    """Claims of every article, in input order."""
    return [c for r in records for c in claims_of(r, linking)]
