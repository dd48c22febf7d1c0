"""Claims: each attribution's content and each unattributed event, as a statement on record.

A claim says who asserts it (the chain: outlet -> cited source -> original speaker), whom it
is about (person ids from the linking), what (text and spans), its polarity, the article and
the date. Events inside an attribution's content belong to that attribution's claim (they
give it structure: type, actor, recipient, negation); an event the article reports in its
own voice becomes a claim of the outlet.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Attribution, Event, Record, Span, outlet_from_url, span_text, trim_span
from ..stance.features import content, tokens
from ..text.words import DENY_RE, NEGATION_RE
from .linking import PERSON_TYPES, Linking, Person, _title_words, normalise, title_of

Polarity = Literal["asserted", "denied", "negated", "hedged"]

# The deny family and negators have one home each (onrecord.text.words); whether a denial points
# at something and what, is onrecord.record.conflicts.denials.
DENY_CUES = DENY_RE
HEDGES = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|reportedly|allegedly|apparently|likely|unlikely|"
    r"suspect(?:s|ed)?|believe(?:s|d)?|think(?:s)?|seem(?:s|ed)?|appear(?:s|ed)?|suggest(?:s|ed)?|"
    r"unconfirmed|unclear)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b")
# "... , citing current and former US officials." names an intermediary between outlet and speaker.
CITING = re.compile(r"\b(?:citing|according to|quoting)\s+([^,.;:\"“”]{3,80})", re.I)
# Cues that make a statement: verbs of saying, reporting, denying, (dis)agreeing, showing. A cue
# that is none of these is an action the speaker took ("Sessions discussed Trump's campaign",
# the seed's headline; "failed to disclose"; "delivered an address"): its "content" is the
# object of that action, not something the speaker said.
SPEECH_CUES = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|stat(?:e|es|ed|ing|ement)|report|announc|acknowledg|"
    r"admit|conced|den(?:y|ies|ied|ying|ial)|claim|insist|add(?:s|ed|ing)?\b|explain|argu|wr(?:ite|ites|ote|itten|iting)|"
    r"not(?:e|es|ed|ing)\b|confirm|accus|reject|dismiss|indicat|suggest|warn|testif|assert|alleg|declar|"
    r"according|describ|quot|ask|urg|tweet|post(?:s|ed)?\b|answer|repl(?:y|ies|ied)|respond|recall|maintain|contend|"
    r"comment|remark|predict|promis|pledg|vow|threaten|agree|disagree|complain|criticis|criticiz|prais|"
    r"blam|stress|emphasi|point(?:s|ed)? out|reveal|disclos|show|found|find|conclud|estimat|believ|think|"
    r"thought|express|voic|signal|hint|boast|recount|inform|notif|advis|assur|counter|retort|demand|"
    r"propos|question|doubt|disput|refut|rebut|contest|challeng|affirm|reiterat|repeat|echo|publish|"
    r"cit(?:e|es|ed|ing)\b|interview|spokes|concede|acknowledge|testimony|letter|memo|filing|statement|"
    r"speech|remarks|briefing|cable|email|accept|apologi|defend|object|protest|call(?:s|ed|ing)? (?:for|on)|"
    r"lament|mention|observ|predict|forecast|guess|speculat|claim|swore|swear|sworn|certif|verif|"
    r"recogni|brief|announce|learn|know|knew|understand|understood|hear|heard|expect)", re.I)
# A report that itself marks the clash: "..., contrary to public assertions by the attorney general".
CONTRADICTION_FLAGS = re.compile(
    r"\b(?:contrary to|contradict(?:s|ed|ing|ion|ory)?|at odds with|inconsistent with|in conflict with|"
    r"conflicts with|despite (?:\w+ )?(?:repeated |earlier |public )?denials?|belies|belied)\b", re.I)
_INFINITIVE_CUE = re.compile(r"^\s*to\s+\w", re.I)
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
    published: str | None = None             # the article's date: when the claim was on record

    @property
    def negative(self) -> bool:
        return self.polarity in ("denied", "negated")

    def to_state(self) -> dict[str, Any]:
        """Every field, JSON-ready: what a store keeps to rebuild this Claim exactly (`from_state`)."""
        return {"id": self.id, "article": self.article, "date": self.date, "text": self.text,
                "spans": [list(s) for s in self.spans], "claimant": self.claimant, "claimant_id": self.claimant_id,
                "claimant_type": self.claimant_type, "chain": list(self.chain), "about": list(self.about),
                "about_names": list(self.about_names), "polarity": self.polarity, "attribution": self.attribution,
                "event": self.event, "events": list(self.events), "event_types": list(self.event_types),
                "content": self.content, "extras": self.extras, "published": self.published}

    @classmethod
    def from_state(cls, d: dict[str, Any]) -> "Claim":
        return cls(id=d["id"], article=d["article"], date=d.get("date"), text=d.get("text") or "",
                   spans=tuple(tuple(s) for s in d.get("spans") or ()), claimant=d.get("claimant") or "",
                   claimant_id=d.get("claimant_id"), claimant_type=d.get("claimant_type") or "",
                   chain=tuple(d.get("chain") or ()), about=tuple(d.get("about") or ()),
                   about_names=tuple(d.get("about_names") or ()), polarity=d.get("polarity") or "asserted",
                   attribution=d.get("attribution"), event=d.get("event"), events=tuple(d.get("events") or ()),
                   event_types=tuple(d.get("event_types") or ()), content=d.get("content") or "",
                   extras=dict(d.get("extras") or {}), published=d.get("published"))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article, "date": self.date, "text": self.text,
                "span": [list(s) for s in self.spans], "claimant": self.claimant,
                "claimant_id": self.claimant_id, "claimant_type": self.claimant_type,
                "chain": list(self.chain), "about": list(self.about_names), "about_ids": list(self.about),
                "polarity": self.polarity, "attribution": self.attribution, "event": self.event,
                "events": list(self.events), "event_types": list(self.event_types),
                "published": self.published}


def outlet_name(record: Record) -> str:
    """The outlet as a claimant: meta.outlet, else the URL's site, else the article id."""
    if record.meta.outlet:
        return record.meta.outlet
    return outlet_from_url(record.meta.url) or record.id


def polarity_of(cue: str, content: str, events: list[Event]) -> Polarity:
    """denied (a denial cue or DENY event), negated (a negative statement), hedged, asserted."""
    if DENY_CUES.search(cue) or any(e.type == "DENY" for e in events):
        return "denied"
    if any(e.negated for e in events) or NEGATION_RE.search(content):
        return "negated"
    if HEDGES.search(cue) or HEDGES.search(content):
        return "hedged"
    return "asserted"


def is_statement(cue: str, content: str) -> bool:
    """Whether an attribution states something: its cue is a verb of saying (or there is no
    cue), not an action whose object the attribution stage took for content, and the content
    has at least two content words ("the mayor" alone is no proposition)."""
    if cue.strip() and (_INFINITIVE_CUE.match(cue) or not SPEECH_CUES.search(cue)):
        return False
    if DENY_RE.search(cue):
        return bool(content_words(content))  # "denied the charges": what it denies is elsewhere
    return len(content_words(content)) >= 2


def content_words(text: str) -> list[str]:
    return content(tokens(text))


def _join(text: str, spans: tuple[Span, ...]) -> str:
    return span_text(text, spans, strip=True)


def _inside(inner: tuple[Span, ...], outer: tuple[Span, ...]) -> bool:
    return bool(inner) and all(any(os <= s and e <= oe for os, oe in outer) for s, e in inner)


def _extent(spans: tuple[Span, ...]) -> Span:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _sentence(text: str, span: Span, ends: list[int] | None = None) -> Span:
    """The sentence around SPAN. With ENDS (every sentence end in TEXT, from _Index), the start is
    found by bisection instead of a scan from the top: linear, not quadratic, on a long article."""
    if ends is None:
        start = max((m.end() for m in SENT_END.finditer(text, 0, span[0])), default=0)
    else:
        k = bisect_right(ends, span[0]) - 1
        # a sentence end cut by span[0] itself ("...said." + span) is seen only in the window
        near = max((m.end() for m in SENT_END.finditer(text, max(0, span[0] - 50), span[0])), default=0)
        start = max(ends[k] if k >= 0 else 0, near)
    m = SENT_END.search(text, span[1])
    return start, (m.start() + 1 if m else len(text))


class _Index:
    """One article's sentence ends, mentions, content extents and events, sorted once, so each
    attribution finds its sentence, the entities in its spans, the attributions that contain it
    and its events by bisection (claims_of stays near-linear on a 1,000,000-character article)."""

    def __init__(self, record: Record) -> None:
        text = record.text
        self.ends = [m.end() for m in SENT_END.finditer(text)]
        mentions = sorted((ms, me, k) for k, e in enumerate(record.entities) for ms, me in e.mentions)
        self.mention_starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.entity_index = {e.id: k for k, e in enumerate(record.entities)}
        spans = sorted(((_extent(a.content), k) for k, a in enumerate(record.attributions) if a.content))
        self.content_starts = [x[0][0] for x in spans]
        self.contents = spans
        self.longest = max((e - s for (s, e), _ in spans), default=0)
        self.by_attribution: dict[str, list[int]] = {}
        loose = []
        for k, e in enumerate(record.events):
            if e.attributed_to is not None:
                self.by_attribution.setdefault(e.attributed_to, []).append(k)
            elif e.trigger:
                loose.append((min(s for s, _ in e.trigger), k))
        loose.sort()
        self.loose_starts = [x[0] for x in loose]
        self.loose = loose
        self._full_names: dict[str, list[tuple[list[int], str]]] | None = None

    def full_names(self, record: Record, linking: Linking) -> dict[str, list[tuple[list[int], str]]]:
        """Surname -> (sorted mention starts, person id) of the people named in full here (built once)."""
        if self._full_names is None:
            self._full_names = {}
            for entity in record.entities:
                person = linking.person_of(record.id, entity.id)
                if person is None or person.type not in PERSON_TYPES or " " not in person.key:
                    continue
                self._full_names.setdefault(person.surname, []).append(
                    (sorted(s for s, _ in entity.mentions), person.id))
        return self._full_names

    def entities_in(self, spans: tuple[Span, ...]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            for ms, me, k in self.mentions[bisect_left(self.mention_starts, s):bisect_left(self.mention_starts, e)]:
                if me <= e:
                    out.add(k)
        return out

    def containers(self, record: Record, a: Attribution) -> list[Attribution]:
        """The attributions whose content holds all of A's content, in text order."""
        start = _extent(a.content)[0]
        hits = []
        for i in range(bisect_right(self.content_starts, start) - 1, -1, -1):
            (os_, _), k = self.contents[i]
            if os_ < start - self.longest:
                break
            o = record.attributions[k]
            if o.id != a.id and _inside(a.content, o.content):
                hits.append(k)
        return sorted((record.attributions[k] for k in sorted(hits)), key=lambda o: _extent(o.content)[0])

    def events_of(self, record: Record, a: Attribution, whole: Span, used: set[str]) -> list[Event]:
        """A's events: those attributed to it, and unattributed ones whose trigger lies in WHOLE."""
        ks = set(self.by_attribution.get(a.id, ()))
        lo, hi = bisect_left(self.loose_starts, whole[0]), bisect_right(self.loose_starts, whole[1])
        for _, k in self.loose[lo:hi]:
            e = record.events[k]
            if _inside(e.trigger, (whole,)) and e.id not in used:
                ks.add(k)
        return [record.events[k] for k in sorted(ks)]


def _about(record: Record, linking: Linking, spans: tuple[Span, ...],
           extra_entities: list[str | None], index: "_Index | None" = None) -> tuple[list[str], list[str]]:
    """Linked people and organisations mentioned inside the spans, plus extra entity ids."""
    index = index or _Index(record)
    found = index.entities_in(spans)
    found.update(index.entity_index[x] for x in extra_entities if x in index.entity_index)
    ids: list[str] = []
    for entity in (record.entities[k] for k in sorted(found)):
        person = linking.person_of(record.id, entity.id)
        if person and person.type in PERSON_TYPES | {"ORG"} and person.id not in ids:
            ids.append(person.id)
    return ids, [linking.people[i].name for i in ids]


def _chain(record: Record, attribution: Attribution, containers: list[Attribution], outlet: str,
           ends: list[int] | None = None) -> list[str]:
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
    sent = _sentence(record.text, _extent(anchor.cue or anchor.content or ((0, 0),)), ends)
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
    resolved: dict[str, str] = {}   # bare surname -> person id resolved earlier in this article
    index = _Index(record)
    for a in sorted(record.attributions, key=lambda x: _extent(x.source + x.cue + x.content)[0]):
        if not a.content:
            continue
        if not is_statement(_join(text, a.cue), _join(text, a.content)):
            continue
        # An unattributed event whose trigger is this attribution's cue or content ("denied") is the
        # same statement seen by the events stage: one claim, not two.
        whole = (_extent(a.source + a.cue + a.content),)
        events = index.events_of(record, a, whole[0], used_events)
        used_events.update(e.id for e in events)
        cue, content = _join(text, a.cue), _join(text, a.content)
        polarity = polarity_of(cue, content, events)
        # A denial reads positive without its cue: its evidence runs from source to content.
        spans = (_extent(a.source + a.cue + a.content),) if polarity == "denied" and a.cue else a.content
        spans = tuple(trim_span(text, s) for s in spans)
        containers = index.containers(record, a)
        speaker = linking.person_of(record.id, a.speaker.entity) or _resolve_speaker(record, linking, a, resolved, index)
        extra = [p.entity for e in events for p in e.actor + e.recipient]
        # "I never had meetings ..." and "he discussed ..." are about the speaker too.
        if (FIRST_PERSON.search(content) or re.match(r"\s*(?:that\s+)?(?:he|she|they)\b", content, re.I)
                or polarity == "denied"):
            extra.append(a.speaker.entity)
        about_ids, about_names = _about(record, linking, a.content, extra, index)
        main = events[0] if events else None
        claims.append(Claim(
            id=f"{record.id}#{a.id}", article=record.id, date=(main.date if main and main.date else date),
            text=_join(text, spans), spans=tuple(spans), content=content,
            claimant=speaker.name if speaker else (a.speaker.name or outlet), claimant_id=speaker.id if speaker else None,
            claimant_type=a.speaker.type, chain=tuple(_chain(record, a, containers, outlet, index.ends)),
            about=tuple(about_ids), about_names=tuple(about_names), polarity=polarity,
            attribution=a.id, event=main.id if main else None, events=tuple(e.id for e in events),
            event_types=tuple(e.type for e in events), published=date))
        claims[-1].extras["cameo"] = [(e.cameo, e.negated) for e in events]
        claims[-1].extras["cue"] = [list(s) for s in a.cue]  # where the denial word is, for onrecord.record.conflicts
        claims[-1].extras["content_spans"] = [list(s) for s in a.content]
        sentence = _sentence(text, _extent(a.content), index.ends)
        claims[-1].extras["flags_contradiction"] = bool(CONTRADICTION_FLAGS.search(text, *sentence))
        if speaker is not None and a.speaker.entity is None:
            claims[-1].extras["speaker_resolved_by"] = "surname"
            if speaker.id not in claims[-1].about and (polarity == "denied" or FIRST_PERSON.search(content)
                                                       or re.match(r"\s*(?:that\s+)?(?:he|she|they)\b", content, re.I)):
                claims[-1].about += (speaker.id,)
                claims[-1].about_names += (speaker.name,)
        # An inner attribution's speaker was cited by the outer one: keep the nesting visible.
        claims[-1].extras["containers"] = [o.id for o in containers]
    extents = [_extent(a.source + a.cue + a.content) for a in record.attributions if a.cue]
    for e in record.events:
        if e.id in used_events:
            continue
        if e.attributed_to and e.attributed_to in attribution_ids:
            continue
        if len(e.trigger) > 1 and any(s <= ts and te <= en for ts, te in e.trigger[1:] for s, en in extents):
            # A happening told again inside an attribution (a headline's "denies", then "X denied
            # that ..."): that attribution's claim carries it; the headline is no outlet's claim.
            continue
        sentence = e.sentence if e.sentence[1] > e.sentence[0] else _sentence(text, _extent(e.trigger), index.ends)
        sentence = trim_span(text, sentence)
        polarity = polarity_of("", text[sentence[0]:sentence[1]], [e])
        about_ids, about_names = _about(record, linking, (sentence,), [p.entity for p in e.actor + e.recipient], index)
        claims.append(Claim(
            id=f"{record.id}#{e.id}", article=record.id, date=e.date or date,
            text=text[sentence[0]:sentence[1]].strip(), spans=(sentence,), content=text[sentence[0]:sentence[1]],
            claimant=outlet, claimant_id=None, claimant_type="media", chain=(outlet,),
            about=tuple(about_ids), about_names=tuple(about_names), polarity=polarity,
            event=e.id, events=(e.id,), event_types=(e.type,), published=date))
        claims[-1].extras["cameo"] = [(e.cameo, e.negated)]
        claims[-1].extras["narration"] = True
    # A claim whose content holds another claim's source, cue and content ("according to the
    # broadcaster, Brandt told Channel 5 that ...") carries that account; it is not a second one.
    by_attr = {c.attribution: c for c in claims if c.attribution}
    for c in claims:
        for outer in c.extras.get("containers", ()):
            if outer in by_attr:
                by_attr[outer].extras.setdefault("carries", []).append(c.attribution)
    claims.sort(key=lambda c: (c.attribution is None, _extent(c.spans)[0]))
    return claims


def _resolve_speaker(record: Record, linking: Linking, a: Attribution, resolved: dict[str, str],
                     index: "_Index | None" = None) -> Person | None:
    """A speaker the attribution stage left unlinked, named by surname ("Okafor", "Chief Okafor"):
    the person this article named so last before the attribution, else one the linking
    identifies by title; None when that is not clear. A speaker the attribution stage marked
    unresolved is never given the nearest full name (it was unsure whose words these are, as
    with two of a family); only a title that one person holds can name it."""
    name = a.speaker.name or ""
    key = normalise(name)
    if not key or " " in key:
        return None
    if key in resolved:
        return linking.people.get(resolved[key])
    start = _extent(a.source + a.cue + a.content)[0]
    best: tuple[int, str] | None = None
    nearest = (index or _Index(record)).full_names(record, linking).get(key, ()) if a.speaker.resolved else ()
    for starts, person_id in nearest:
        k = bisect_left(starts, start)
        if k and (best is None or starts[k - 1] > best[0]):
            best = (starts[k - 1], person_id)
    if best is None:
        # Not named in full in this article: a title that only one same-surname person holds.
        words = _title_words(title_of(name))
        fitting = [p for p in linking.with_surname(key) if words & _title_words(p.titles)]
        if len(fitting) != 1:
            return None
        best = (0, fitting[0].id)
    resolved[key] = best[1]
    return linking.people[best[1]]


def build_claims(records: list[Record], linking: Linking) -> list[Claim]:
    """Claims of every article, in input order."""
    return [c for r in records for c in claims_of(r, linking)]
