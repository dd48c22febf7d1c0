"""Typed records that mirror the extract-output contract (../shared/contract/extract-output.md).

Records hold strings, ints and offsets only, so they pickle cheaply to worker processes
and Ray, and `to_dict()` is exactly one contract line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

Span = tuple[int, int]  # [start, end) into Article.text, Python string indices

SpeakerType = Literal["person", "anonymous", "organization", "media", "document", "other", "unknown"]
AttributionKind = Literal["direct", "indirect", "mixed"]
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT", "DENY",
)


def span_text(text: str, spans: Any, *, strip: bool = False) -> str:
    """The text of (possibly discontinuous) SPANS, pieces joined by " … "."""
    return " … ".join(text[s:e].strip() if strip else text[s:e] for s, e in spans)


def trim_span(text: str, span: Span) -> Span:
    """SPAN without the white space at either end."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def outlet_from_url(url: str | None) -> str | None:
    """ "https://www.voanews.com/a/..." -> "voanews.com": the outlet when the input names none."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or None


def _spans(value: Any) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in (value or ()))


@dataclass(slots=True)
class Meta:
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    outlet: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "title": self.title, "published": self.published,
                "outlet": self.outlet, "language": self.language}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Meta":
        d = d or {}
        return cls(url=d.get("url"), title=d.get("title"), published=d.get("published"),
                   outlet=d.get("outlet"), language=d.get("language"))


@dataclass(slots=True)
class ErrorRecord:
    """Why one article (or part of its analysis) failed; the run goes on."""
    stage: str     # ingest | nlp | entities | attribution | events | store
    kind: str      # empty | binary | decode | too_large | malformed | not_english | fetch | internal ...
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"stage": self.stage, "kind": self.kind, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ErrorRecord":
        return cls(stage=d.get("stage", ""), kind=d.get("kind", ""), message=d.get("message", ""))


@dataclass(slots=True)
class Article:
    """One input article, before analysis."""
    id: str
    text: str
    meta: Meta = field(default_factory=Meta)
    ignored: list[Span] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str                       # spaCy label: PERSON, ORG, GPE, NORP, ...
    mentions: list[Span] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)   # "Attorney General", "Sen." (not part of the name)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type,
                             "mentions": [list(m) for m in self.mentions]}
        if self.titles:
            d["titles"] = list(self.titles)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], name=d["name"], type=d["type"],
                   mentions=[tuple(m) for m in d.get("mentions", [])],  # type: ignore[misc]
                   titles=list(d.get("titles", [])))


@dataclass(slots=True)
class Speaker:
    entity: str | None
    name: str | None
    type: SpeakerType = "unknown"
    # resolved: `name` is who the source is (a person or organisation by its fullest name);
    # false: `name` is only the source's own words ("a senior official", "the spokesman").
    resolved: bool = False
    confidence: float = 0.0         # in [0, 1]: how sure the resolution is

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "type": self.type,
                "resolved": self.resolved, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Speaker":
        d = d or {}
        return cls(entity=d.get("entity"), name=d.get("name"), type=d.get("type", "unknown"),
                   resolved=bool(d.get("resolved", False)), confidence=float(d.get("confidence", 0.0)))


@dataclass(slots=True)
class Attribution:
    id: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    speaker: Speaker
    kind: AttributionKind

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": [list(s) for s in self.source],
                "cue": [list(s) for s in self.cue], "content": [list(s) for s in self.content],
                "speaker": self.speaker.to_dict(), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Attribution":
        return cls(id=d["id"], source=_spans(d.get("source")), cue=_spans(d.get("cue")),
                   content=_spans(d.get("content")), speaker=Speaker.from_dict(d.get("speaker")),
                   kind=d.get("kind", "indirect"))


@dataclass(slots=True)
class Participant:
    """An event's actor or recipient: a span, its entity and its CAMEO-style code."""
    span: Span
    text: str
    entity: str | None = None
    country: str | None = None     # ISO3, "IGO" or None
    sector: str | None = None      # GOV, MIL, COP, JUD, LEG, OPP, PTY, BUS, MED, NGO, REB, CVL ...

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "entity": self.entity, "text": self.text,
                "country": self.country, "sector": self.sector}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Participant":
        return cls(span=tuple(d["span"]), text=d.get("text", ""), entity=d.get("entity"),  # type: ignore[arg-type]
                   country=d.get("country"), sector=d.get("sector"))


@dataclass(slots=True)
class Location:
    span: Span | None
    name: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span) if self.span else None, "name": self.name, "country": self.country}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Location | None":
        if not d:
            return None
        return cls(span=tuple(d["span"]) if d.get("span") else None, name=d.get("name", ""),  # type: ignore[arg-type]
                   country=d.get("country"))


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: tuple[Span, ...]
    sentence: Span
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    location: Location | None = None
    date: str | None = None
    negated: bool = False
    attributed_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
                "cameo": self.cameo, "trigger": [list(t) for t in self.trigger],
                "actor": [a.to_dict() for a in self.actor],
                "recipient": [r.to_dict() for r in self.recipient],
                "location": self.location.to_dict() if self.location else None,
                "date": self.date, "negated": self.negated, "attributed_to": self.attributed_to,
                "sentence": list(self.sentence)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(id=d["id"], type=d["type"], trigger=_spans(d.get("trigger")),
                   sentence=tuple(d.get("sentence") or (0, 0)),  # type: ignore[arg-type]
                   actor=[Participant.from_dict(a) for a in d.get("actor", [])],
                   recipient=[Participant.from_dict(r) for r in d.get("recipient", [])],
                   mode=d.get("mode"), context=list(d.get("context") or []), cameo=d.get("cameo"),
                   location=Location.from_dict(d.get("location")), date=d.get("date"),
                   negated=bool(d.get("negated", False)), attributed_to=d.get("attributed_to"))


@dataclass(slots=True)
class Record:
    """One analysed article: exactly one line of `onrecord extract`."""
    id: str
    text: str
    meta: Meta = field(default_factory=Meta)
    ignored: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "meta": self.meta.to_dict(),
                "ignored": [list(s) for s in self.ignored],
                "entities": [e.to_dict() for e in self.entities],
                "attributions": [a.to_dict() for a in self.attributions],
                "events": [v.to_dict() for v in self.events],
                "errors": [e.to_dict() for e in self.errors]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        return cls(id=d["id"], text=d.get("text", ""), meta=Meta.from_dict(d.get("meta")),
                   ignored=[tuple(s) for s in d.get("ignored", [])],  # type: ignore[misc]
                   entities=[Entity.from_dict(e) for e in d.get("entities", [])],
                   attributions=[Attribution.from_dict(a) for a in d.get("attributions", [])],
                   events=[Event.from_dict(v) for v in d.get("events", [])],
                   errors=[ErrorRecord.from_dict(e) for e in d.get("errors", [])])

    @classmethod
    def failed(cls, article: Article, error: ErrorRecord) -> "Record":
        return cls(id=article.id, text=article.text, meta=article.meta, ignored=list(article.ignored),
                   errors=[*article.errors, error])

    def entity(self, entity_id: str | None) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None
