"""One identity per person or organisation across articles.

Each article's entities are already consolidated in-article (one Entity per person, its
fullest name). Here entities from different articles that name the same person get one
`Person` with a stable id: a hash of the type and the normalised canonical name, so the same
person gets the same id in every run and on every machine.

Full names link on the normalised name ("Attorney General Jeff Sessions" = "Sen. Jeff
Sessions" = "Jeff Sessions"). A bare surname ("Sessions", when an article never gives the
full name) joins a known person only when exactly one known person has that surname AND the
article gives other evidence: a shared title or a co-occurring entity. Otherwise it stays
its own record, scoped to its article: two Okafors are never merged on the surname alone.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Entity, Record

PERSON_TYPES = frozenset({"PERSON"})
LINKED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})

# Titles that may lead a name; they describe the role, not the person's identity.
TITLES = (
    "attorney general", "deputy attorney general", "secretary of state", "secretary", "president",
    "vice president", "prime minister", "foreign minister", "minister", "ambassador", "senator",
    "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor",
    "deputy mayor", "councilwoman", "councilman", "council member", "councillor", "chief",
    "police chief", "fire chief", "deputy chief", "commissioner", "director", "judge", "justice",
    "gen", "general", "col", "colonel", "lt", "capt", "captain", "sgt", "sergeant", "officer",
    "detective", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
    "former", "then", "acting", "interim", "embattled", "us", "u s", "russian", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "superintendent",
)
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
                       + r")\b\.?\s+)+")
_SUFFIX_RE = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$")
_INITIAL_RE = re.compile(r"\b[a-z]\.?\s+(?=\w)")  # middle initials: "George W. Bush"
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_ORG_PREFIX_RE = re.compile(r"^the\s+")


def normalise(name: str, *, entity_type: str = "PERSON") -> str:
    """Lowercase, accents folded, titles, possessives, suffixes and middle initials removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"\s+", " ", text.replace("-", " ")).strip(" .,;:\"'")
    text = _POSSESSIVE_RE.sub("", text).strip()
    if entity_type in PERSON_TYPES:
        text = _TITLE_RE.sub("", text)
        text = _SUFFIX_RE.sub("", text)
        parts = text.split()
        if len(parts) > 2:
            # Keep first and last: "george w bush" and "george bush" are one person.
            text = " ".join([parts[0], *[p for p in parts[1:-1] if len(p.rstrip(".")) > 1], parts[-1]])
    else:
        text = _ORG_PREFIX_RE.sub("", text)
    return re.sub(r"[^a-z0-9 ]", "", text).strip()


def title_of(name: str) -> list[str]:
    """The titles leading a name ("Sen. Jeff Sessions" -> ["sen"])."""
    low = name.lower()
    m = _TITLE_RE.match(low)
    return [t.strip(" .") for t in re.split(r"\.?\s+", m.group(0).strip()) if t.strip(" .")] if m else []


def person_id(entity_type: str, key: str) -> str:
    """A stable id: the same normalised name and type always give the same id."""
    prefix = "P" if entity_type in PERSON_TYPES else "O"
    return prefix + hashlib.sha1(f"{entity_type}|{key}".encode()).hexdigest()[:10]


@dataclass(slots=True)
class Person:
    """One person or organisation across articles."""
    id: str
    name: str                      # the fullest name seen
    type: str
    key: str                       # the normalised canonical name
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    neighbours: dict[str, int] = field(default_factory=dict)  # co-occurring person ids -> articles

    @property
    def surname(self) -> str:
        return self.key.split()[-1] if self.key else ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": sorted(self.aliases),
                "titles": sorted(self.titles), "articles": len(self.articles),
                "mentions": self.mentions, "article_ids": sorted(self.articles)}


@dataclass(slots=True)
class Linking:
    """(article id, entity id) -> person id, and the people. Add articles one at a time."""
    people: dict[str, Person] = field(default_factory=dict)
    links: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_key: dict[tuple[str, str], str] = field(default_factory=dict)        # (type, key) -> id
    _by_surname: dict[str, set[str]] = field(default_factory=dict)           # surname -> person ids

    def person_of(self, article_id: str, entity_id: str | None) -> Person | None:
        pid = self.links.get((article_id, entity_id or ""))
        return self.people.get(pid) if pid else None

    def find(self, name: str) -> list[Person]:
        """People whose name, alias or surname matches NAME (case-insensitive), most mentioned first."""
        key = normalise(name)
        hits = [p for p in self.people.values()
                if key and (key == p.key or key in {normalise(a, entity_type=p.type) for a in p.aliases}
                            or (" " not in key and key == p.surname))]
        return sorted(hits, key=lambda p: (-p.mentions, p.name))

    def add(self, record: Record) -> None:
        """Link one article's entities against the people known so far."""
        self.add_all([record])

    def add_all(self, records: Iterable[Record]) -> None:
        """Link a batch: full names first, so bare surnames anywhere in the batch can find them."""
        records = list(records)
        deferred: list[tuple[Record, Entity, str]] = []
        for record in records:
            for entity in record.entities:
                if entity.type not in LINKED_TYPES:
                    continue
                key = normalise(entity.name, entity_type=entity.type)
                if not key:
                    continue
                if entity.type in PERSON_TYPES and " " not in key:
                    deferred.append((record, entity, key))
                else:
                    self._attach(record, entity, entity.type, key)
        for record, entity, key in deferred:
            self._link_surname(record, entity, key)
        for record in records:
            self._note_neighbours(record)

    # -- internals -----------------------------------------------------------------------------
    def _attach(self, record: Record, entity: Entity, entity_type: str, key: str) -> Person:
        pid = self._by_key.get((entity_type, key))
        if pid is None:
            pid = person_id(entity_type, key)
            name = _clean_name(entity.name) if entity_type in PERSON_TYPES else entity.name
            self.people[pid] = Person(id=pid, name=name, type=entity_type, key=key)
            self._by_key[(entity_type, key)] = pid
            if entity_type in PERSON_TYPES:
                self._by_surname.setdefault(key.split()[-1], set()).add(pid)
        person = self.people[pid]
        self._note(person, record, entity)
        return person

    def _note(self, person: Person, record: Record, entity: Entity) -> None:
        self.links[(record.id, entity.id)] = person.id
        person.aliases.add(entity.name)
        titles = {t.lower().strip(" .") for t in entity.titles} | set(title_of(entity.name))
        person.titles.update(titles)
        person.articles.add(record.id)
        person.mentions += max(1, len(entity.mentions))
        # The fullest name wins, but a title is not part of the name.
        clean = _clean_name(entity.name)
        if entity.type in PERSON_TYPES and len(normalise(clean)) >= len(person.key) and len(clean) > len(person.name):
            person.name = clean

    def _link_surname(self, record: Record, entity: Entity, surname: str) -> None:
        """A bare surname joins a known person only with evidence beyond the surname."""
        candidates = [self.people[p] for p in sorted(self._by_surname.get(surname, ())) if " " in self.people[p].key]
        titles = {t.lower().strip(" .") for t in entity.titles} | set(title_of(entity.name))
        others = {self.links.get((record.id, e.id)) for e in record.entities if e.id != entity.id}
        others.discard(None)
        # Titles decide first ("Chief Okafor" is the police chief, not the council member);
        # shared company in other articles decides only when titles say nothing.
        words = _title_words(titles)
        titled = [c for c in candidates if words and words & _title_words(c.titles)]
        fitting = [c for c in candidates if not words or not _title_words(c.titles) or c in titled]
        social = [c for c in fitting if any(o in c.neighbours for o in others)]
        evidence = titled if titled else social
        if len(evidence) == 1:
            self._note(evidence[0], record, entity)
            return
        # Unresolved: its own record, scoped to the article, never merged on the surname alone.
        key = f"{surname}@{record.id}"
        pid = self._by_key.get((entity.type, key)) or person_id(entity.type, key)
        if pid not in self.people:
            self.people[pid] = Person(id=pid, name=_clean_name(entity.name), type=entity.type, key=surname)
            self._by_key[(entity.type, key)] = pid
        self._note(self.people[pid], record, entity)

    def _note_neighbours(self, record: Record) -> None:
        pids = {self.links[(record.id, e.id)] for e in record.entities if (record.id, e.id) in self.links}
        for pid in pids:
            person = self.people[pid]
            for other in pids - {pid}:
                person.neighbours[other] = person.neighbours.get(other, 0) + 1


_GENERIC_TITLE_WORDS = frozenset({"former", "then", "acting", "interim", "embattled", "us", "u", "s",
                                  "mr", "mrs", "ms", "miss", "dr", "deputy"})


def _title_words(titles: Iterable[str]) -> set[str]:
    """Title words that identify a role: {"police chief"} -> {"police", "chief"}."""
    return {w for t in titles for w in re.split(r"[\s.]+", t.lower()) if w and w not in _GENERIC_TITLE_WORDS}


def _clean_name(name: str) -> str:
    """The name without leading titles or a possessive, original casing kept."""
    low = name.lower()
    m = _TITLE_RE.match(low)
    out = name[m.end():] if m and m.end() < len(name) else name
    return _POSSESSIVE_RE.sub("", out.strip()).strip() or name


def link_entities(records: Iterable[Record], *, linking: Linking | None = None) -> Linking:
    """Link every article's entities into people; pass `linking` to extend an existing one."""
    linking = linking if linking is not None else Linking()
    linking.add_all(records)
    return linking
