"""One identity per person or organisation across articles.

Each article's entities are already consolidated in-article (one Entity per person, its
fullest name). Here entities from different articles that name the same person get one
`Person` with a stable id: a hash of the type and the normalised canonical name, so the same
person gets the same id in every run and on every machine.

- Full names link on the normalised name ("Attorney General Jeff Sessions" = "Sen. Jeff
  Sessions" = "Jeff Sessions").
- Name variants (transliterations "Dmitry"/"Dmitri", "al-Rashidi"/"Rashidi", spelling slips)
  link by string similarity (rapidfuzz's Jaro-Winkler on a transliteration-folded form) only
  with supporting context: a shared role title, or the same story (a person or organisation
  both articles name).
- A bare surname (or "Mrs Clinton") joins the one full name of that surname in its own
  article first; across articles it joins a known person only when exactly one fits its
  title's gender and role AND the article gives other evidence (a shared title or a
  co-occurring entity). Otherwise it stays its own record, scoped to its article: two
  Okafors are never merged on the surname alone.

A Linking holds its people in memory, or reads them as needed from a `LinkingSource` (the
store's people, `onrecord.store.record_tables.StoredPeople`): `prefetch` loads, for a batch
of articles, only the people those articles can meet (their exact keys, surnames and name
blocks), so a store's new articles are linked without loading its old ones. Linked one
article at a time (`onrecord.record.incremental.link_and_claim`), the result depends only on
the order of the articles, never on how they were batched or split into runs (see
docs/scale.md, "The incremental record").
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from ..entities import name_gender, plausible_person_name
from ..model import Entity, Record
from ..text.words import FEMALE_TITLES, MALE_TITLES, PERSON_TITLES

PERSON_TYPES = frozenset({"PERSON"})
LINKED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})

# Titles that may lead a name; they describe the role, not the person's identity (one list,
# shared with the speaker scorer), plus nationality words news puts before names.
TITLES = tuple(sorted(PERSON_TITLES | {"us", "u s", "russian"}))
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
                       + r")\b\.?\s+)+")
_SUFFIX_RE = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$")
_INITIAL_RE = re.compile(r"\b[a-z]\.?\s+(?=\w)")  # middle initials: "George W. Bush"
_POSSESSIVE_RE = re.compile(r"(?:\s*['’]s?)+$")  # "Putin's 's" -> "Putin"
_ORG_PREFIX_RE = re.compile(r"^the\s+")


@functools.lru_cache(maxsize=200_000)  # pure, and called for every mention of every article
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


# What a LinkingSource gives back: (person, link key) pairs; surname -> person ids; name block
# -> (folded surname, person id) pairs.
Fetched = tuple[list[tuple["Person", str]], dict[str, set[str]], dict[str, list[tuple[str, str]]]]


class LinkingSource(Protocol):
    """Where a Linking finds the people it does not hold: a store's `people` and `person_links`."""

    def fetch(self, keys: set[tuple[str, str]], surnames: set[str], blocks: set[str]) -> "Fetched":
        """(people with their link key) for KEYS ((type, link key)) and for SURNAMES; surname ->
        person ids; name block -> (folded surname, person id), for the given surnames and blocks."""
        ...

    def person(self, pid: str) -> tuple["Person", str] | None:
        """One stored person (neighbours included) and its link key, or None."""
        ...


class _People(dict):  # type: ignore[type-arg]
    """person id -> Person; a stored person not yet held is read from the source when asked for."""

    def __init__(self, owner: "Linking | None" = None) -> None:
        super().__init__()
        self._owner = owner

    def __missing__(self, pid: str) -> "Person":
        owner = self._owner
        found = owner.source.person(pid) if owner is not None and owner.source is not None else None
        if found is None:
            raise KeyError(pid)
        owner._adopt(*found)  # type: ignore[union-attr]
        return dict.__getitem__(self, pid)


@dataclass(slots=True)
class Linking:
    """(article id, entity id) -> person id, and the people. Add articles one at a time."""
    people: dict[str, Person] = field(default_factory=_People)
    links: dict[tuple[str, str], str] = field(default_factory=dict)
    source: LinkingSource | None = None   # stored people, read as needed (None: all are held)
    touched: set[str] = field(default_factory=set)                          # ids changed since cleared
    _key_of: dict[str, str] = field(default_factory=dict)                   # person id -> its _by_key key
    _fetched: tuple[set, set, set] = field(default_factory=lambda: (set(), set(), set()))
    _by_key: dict[tuple[str, str], str] = field(default_factory=dict)        # (type, key) -> id
    _by_surname: dict[str, set[str]] = field(default_factory=dict)           # surname -> person ids
    # Sound classes of the first letters of first name and surname -> (folded surnames, person
    # ids), append-only: a variant search is one rapidfuzz pass over a small block.
    _by_initial: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    _in_article: dict[str, set[str]] = field(default_factory=dict)           # article id -> person ids
    _counted: dict[str, set[str]] = field(default_factory=dict)              # article id -> ids in neighbours

    def __post_init__(self) -> None:
        if not isinstance(self.people, _People):
            held, self.people = self.people, _People(self)
            self.people.update(held)
        self.people._owner = self  # type: ignore[attr-defined]

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

    def with_surname(self, surname: str) -> list[Person]:
        """People named in full with this surname ("okafor"), in id order."""
        self._fetch(set(), {surname}, set())
        return [p for p in (self.people[pid] for pid in sorted(self._by_surname.get(surname, ())))
                if p.type in PERSON_TYPES and " " in p.key and p.surname == surname]

    def link_key(self, pid: str) -> str:
        """The key a person is filed under: its normalised name, or "surname@article" for a bare
        surname scoped to its article."""
        return self._key_of.get(pid) or self.people[pid].key

    def prefetch(self, records: Iterable[Record]) -> None:
        """Read from the source every stored person these articles can be linked to: those with
        their names' keys, their bare surnames, or a full name in their name blocks."""
        if self.source is None:
            return
        keys, surnames, blocks = set(), set(), set()
        for record in records:
            for entity in record.entities:
                if entity.type not in LINKED_TYPES:
                    continue
                key = normalise(entity.name, entity_type=entity.type)
                if not key:
                    continue
                keys.add((entity.type, key))
                if entity.type in PERSON_TYPES:
                    surnames.add(key.split()[-1])
                    if " " in key:
                        blocks.add(_block(key))
        self._fetch(keys, surnames, blocks)

    def _fetch(self, keys: set[tuple[str, str]], surnames: set[str], blocks: set[str]) -> None:
        if self.source is None:
            return
        done_keys, done_surnames, done_blocks = self._fetched
        keys, surnames, blocks = keys - done_keys, surnames - done_surnames, blocks - done_blocks
        if not (keys or surnames or blocks):
            return
        people, by_surname, by_block = self.source.fetch(keys, surnames, blocks)
        for person, link_key in people:
            if person.id not in self.people.keys():
                self._adopt(person, link_key)
        # Union with what this run added: stored people and new ones are both candidates.
        for surname, ids in by_surname.items():
            self._by_surname.setdefault(surname, set()).update(ids)
        for block, entries in by_block.items():
            names, ids = self._by_initial.setdefault(block, ([], []))
            held = set(ids)
            for fold, pid in entries:
                if pid not in held:
                    names.append(fold)
                    ids.append(pid)
        done_keys |= keys
        done_surnames |= surnames
        done_blocks |= blocks

    def _adopt(self, person: Person, link_key: str) -> None:
        """Hold a stored person: filed under its link key, as when it was first linked."""
        dict.__setitem__(self.people, person.id, person)
        self._by_key.setdefault((person.type, link_key), person.id)
        self._key_of[person.id] = link_key

    def add(self, record: Record) -> None:
        """Link one article's entities against the people known so far."""
        self.add_all([record])

    def add_all(self, records: Iterable[Record]) -> None:
        """Link a batch, article by article: exact full names, then name variants the article's
        context supports; bare surnames last, so a full name anywhere in the batch can claim them."""
        records = list(records)
        self.prefetch(records)
        deferred: list[tuple[Record, Entity, str]] = []
        for record in records:
            variants: list[tuple[Entity, str]] = []
            for entity in record.entities:
                if entity.type not in LINKED_TYPES:
                    continue
                if entity.type in PERSON_TYPES and not plausible_person_name(_clean_name(entity.name)):
                    continue  # "Trump Had Second", "X": never stored as a person
                key = normalise(entity.name, entity_type=entity.type)
                if not key:
                    continue
                if entity.type in PERSON_TYPES and " " not in key:
                    deferred.append((record, entity, key))
                elif entity.type in PERSON_TYPES and (entity.type, key) not in self._by_key:
                    variants.append((entity, key))
                else:
                    self._attach(record, entity, entity.type, key)
            for entity, key in variants:
                match = self._variant_of(record, entity, key)
                if match is not None:
                    self._note(match, record, entity)
                else:
                    self._attach(record, entity, entity.type, key)
            self._note_neighbours(record)   # a later article's surnames may lean on this one
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
            self._key_of[pid] = key
            if entity_type in PERSON_TYPES:
                self._by_surname.setdefault(key.split()[-1], set()).add(pid)
                if " " in key:
                    names, ids = self._by_initial.setdefault(_block(key), ([], []))
                    names.append(_fold(_surname_core(key)))
                    ids.append(pid)
        person = self.people[pid]
        self._note(person, record, entity)
        return person

    def _note(self, person: Person, record: Record, entity: Entity) -> None:
        if person.type in PERSON_TYPES and entity.type in PERSON_TYPES and entity.name not in person.aliases:
            alias = normalise(entity.name)
            if " " in alias:  # a variant's surname finds the person too ("Mr. Volkhonskiy")
                self._by_surname.setdefault(alias.split()[-1], set()).add(person.id)
        self.links[(record.id, entity.id)] = person.id
        self.touched.add(person.id)
        self._in_article.setdefault(record.id, set()).add(person.id)
        person.aliases.add(entity.name)
        titles = {t.lower().strip(" .") for t in entity.titles} | set(title_of(entity.name))
        person.titles.update(titles)
        person.articles.add(record.id)
        person.mentions += max(1, len(entity.mentions))
        # The fullest name wins, but a title is not part of the name.
        clean = _clean_name(entity.name)
        if entity.type in PERSON_TYPES and len(normalise(clean)) >= len(person.key) and len(clean) > len(person.name):
            person.name = clean

    def _variant_of(self, record: Record, entity: Entity, key: str) -> Person | None:
        """The known person whose name is a variant of `key` ("Dmitri Volkhonsky" for "Dmitry
        Volkhonskiy") and whom this article's context supports; None when none or several fit."""
        first, last = _fold(key.split()[0]), _fold(_surname_core(key))
        gender = _first_name_gender(key)
        here = self._in_article.get(record.id, set())
        fits = []
        names, ids = self._by_initial.get(_block(key), ([], []))
        near = process.extract(last, names, scorer=JaroWinkler.similarity, score_cutoff=_SURNAME_SIMILAR,
                               limit=None)
        for pid in sorted({ids[i] for _, _, i in near}):
            person = self.people[pid]
            # Two full names in one article are two people (the entity stage would have joined them).
            if person.key == key or " " not in person.key or pid in here:
                continue
            if gender and _first_name_gender(person.key) not in (None, gender):
                continue  # "John" and "Joan" Halloran
            p_first, p_last = _fold(person.key.split()[0]), _fold(_surname_core(person.key))
            initial = len(first) == 1 or len(p_first) == 1  # "J. Smith" against "John Smith"
            if not (initial or JaroWinkler.similarity(first, p_first) >= _FIRST_NAME_SIMILAR):
                continue
            if JaroWinkler.similarity(last, p_last) < _SURNAME_SIMILAR:
                continue
            if self._supported(record, entity, person):
                fits.append(person)
        return fits[0] if len(fits) == 1 else None

    def _supported(self, record: Record, entity: Entity, person: Person) -> bool:
        """Context beyond the name: a shared role title, or the same story (another person or
        organisation this article names appears in one of the person's articles)."""
        titles = {t.lower().strip(" .") for t in entity.titles} | set(title_of(entity.name))
        if _title_words(titles) & _title_words(person.titles):
            return True
        here = {self.links.get((record.id, e.id)) for e in record.entities if e.id != entity.id}
        here.discard(None)
        here.discard(person.id)
        # `neighbours` holds the people of every article linked before (a stored person's are
        # read from the store); `_in_article` those of a batch not yet counted in it.
        return bool(here & person.neighbours.keys()) or any(
            here & self._in_article.get(article, set()) for article in person.articles)

    def _link_surname(self, record: Record, entity: Entity, surname: str) -> None:
        """A bare surname joins a known person only with evidence beyond the surname."""
        titles = {t.lower().strip(" .") for t in entity.titles} | set(title_of(entity.name))
        gender = _title_gender(titles)
        # In its own article: the one full name with that surname ("Mrs Clinton" -> "Hillary Clinton").
        own = [self.people[pid] for pid in sorted(self._in_article.get(record.id, ()))
               if self.people[pid].type in PERSON_TYPES and " " in self.people[pid].key
               and self.people[pid].surname == surname and _gender_fits(self.people[pid], gender)]
        if len(own) == 1:
            self._note(own[0], record, entity)
            return
        candidates = [self.people[p] for p in sorted(self._by_surname.get(surname, ()))
                      if " " in self.people[p].key and _gender_fits(self.people[p], gender)]
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
            self._key_of[pid] = key
        self._note(self.people[pid], record, entity)

    def _note_neighbours(self, record: Record) -> None:
        """Count each pair of people the article names together once, however often it is called."""
        pids = {self.links[(record.id, e.id)] for e in record.entities if (record.id, e.id) in self.links}
        before = self._counted.get(record.id, set())
        for pid in pids:
            person = self.people[pid]
            for other in pids - {pid}:
                if pid in before and other in before:
                    continue
                person.neighbours[other] = person.neighbours.get(other, 0) + 1
                self.touched.add(pid)
        self._counted[record.id] = pids | before


_GENERIC_TITLE_WORDS = frozenset({"former", "then", "acting", "interim", "embattled", "us", "u", "s",
                                  "mr", "mrs", "ms", "miss", "dr", "deputy"})

# Jaro-Winkler similarity (0..1) two name forms need, after folding, to be one name.
_FIRST_NAME_SIMILAR = 0.9
_SURNAME_SIMILAR = 0.88
_PARTICLES = frozenset("al el ibn bin ben abu de da di du del della van von der den la le".split())
# Spellings that vary between transliterations of one name (Cyrillic, Arabic): folded to one.
_FOLDS = (("x", "ks"), ("kh", "k"), ("dh", "d"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"),
          ("y", "i"), ("j", "i"), ("w", "v"), ("c", "k"), ("z", "s"), ("e", "i"), ("o", "u"))


_DOUBLED = re.compile(r"(\w)\1+")


@functools.lru_cache(maxsize=200_000)
def _fold(name: str) -> str:
    """A name with transliteration variants folded ("Dmitriy" and "Dmitri" -> "dmitri") and
    doubled letters single, so string similarity sees the name, not the romanisation."""
    text = name.lower()
    for a, b in _FOLDS:
        text = text.replace(a, b)
    return _DOUBLED.sub(r"\1", text)


# Letters that transliterations swap at the start of a name ("Gaddafi", "Qaddafi", "Kadhafi").
_SOUND = str.maketrans("cgqkszxiyjeouvwfbpdt", "kkkksssiiiiuufffpptt")


def _block(key: str) -> str:
    """The block a full name is searched in: the sound classes of its two initials."""
    return (_fold(key)[:1] + _fold(_surname_core(key))[:1]).translate(_SOUND)


@functools.lru_cache(maxsize=200_000)
def _surname_core(key: str) -> str:
    """The surname without particles ("yusuf al rashidi" -> "rashidi")."""
    words = [w for w in key.split()[1:] if w not in _PARTICLES] or key.split()[-1:]
    return words[-1]


def _title_gender(titles: Iterable[str]) -> str | None:
    words = {w for t in titles for w in t.lower().split()}
    if words & {w.strip(".") for w in FEMALE_TITLES}:
        return "f"
    if words & {w.strip(".") for w in MALE_TITLES}:
        return "m"
    return None


def _first_name_gender(key: str) -> str | None:
    return name_gender(key)


def _gender_fits(person: Person, gender: str | None) -> bool:
    """Whether a person can be the one a gendered title names ("Mrs Halloran" is not Thomas)."""
    if gender is None:
        return True
    known = _title_gender(person.titles) or _first_name_gender(person.key)
    return known is None or known == gender


def _title_words(titles: Iterable[str]) -> set[str]:
    """Title words that identify a role: {"police chief"} -> {"police", "chief"}."""
    return {w for t in titles for w in re.split(r"[\s.]+", t.lower()) if w and w not in _GENERIC_TITLE_WORDS}


@functools.lru_cache(maxsize=200_000)
def _clean_name(name: str) -> str:
    """The name without leading titles or a possessive, original casing kept."""
    low = name.lower()
    m = _TITLE_RE.match(low)
    out = name[m.end():] if m and m.end() < len(name) else name
    return _POSSESSIVE_RE.sub("", out.strip()).strip() or name


def link_entities(records: Iterable[Record], *, linking: Linking | None = None) -> Linking:
    """Link every article's entities into people as one batch (a bare surname may join a full
    name given later in the batch); pass `linking` to extend an existing one."""
    linking = linking if linking is not None else Linking()
    linking.add_all(records)
    return linking


def surnames_of(person: Person) -> set[str]:
    """The surnames a person is found by: the last word of every full name form it was given.
    The same set `Linking` files it under, so a store can index it."""
    if person.type not in PERSON_TYPES:
        return set()
    forms = (normalise(a) for a in person.aliases)
    return {form.split()[-1] for form in forms if " " in form}


def name_block(person: Person, link_key: str) -> tuple[str, str] | None:
    """(block, folded surname) under which a person is searched for name variants, or None."""
    if person.type not in PERSON_TYPES or " " not in link_key or "@" in link_key:
        return None
    return _block(link_key), _fold(_surname_core(link_key))
