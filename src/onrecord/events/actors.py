"""Actor coding: a text span -> ISO3 country (or IGO) and CAMEO/PLOVER sector, offline.

Country cues, in order of trust: organisations and well-known people (tables), country names
(pycountry plus our aliases), demonyms, capitals and other places. Sector cues are role words
("minister" GOV, "troops" MIL). Cues before the span's first preposition ("Russia's ambassador
to Poland") beat those after it ("refugees fleeing the war in Liberia" still finds LBR).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from functools import lru_cache
from importlib import resources

import pycountry

_DATA = "onrecord.data.events"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’\-]*[A-Za-z.]|[A-Za-z]|\d+")
_POSSESSIVE = re.compile(r"['’]s?$")
_DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
# Where a span's head part ends: its first preposition or reduced relative.
_SPLIT = frozenset("of in from to at for with on near against fleeing loyal who which that under".split())
_FORMER = frozenset("former ousted ex- ex deposed exiled retired disgraced".split())
# Heads that only count or group their "of" complement: "a group of Moroccan diplomats" is coded
# as the diplomats, "members of the Association of African Jurists" as the association.
_COLLECTIVE = frozenset("group groups number numbers members member thousands hundreds dozens scores "
                        "crowd crowds band bands team teams batch patch contingent part some most many all "
                        "one two three several few majority delegation unit units squad wave".split())
_DETERMINERS = frozenset("the a an some about up to nearly almost around at least more than of its their "
                         "his her large small first second".split())
# Bodies named by their members: "Union of Teachers" is EDU, "Association of Jurists" JUD.
_MEMBER_BODIES = frozenset("union unions association associations federation confederation society "
                           "syndicate guild council league order college chamber".split())
_MAX_NGRAM = 6


@dataclass(frozen=True, slots=True)
class Code:
    country: str | None = None   # ISO3, "IGO" or None
    sector: str | None = None    # GOV, MIL, ... or None


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # header


@dataclass(frozen=True, slots=True)
class _Tables:
    names: dict[str, tuple[str, str, str]]   # surface form -> (country, sector, kind)
    sectors: dict[str, str]                  # lower-case role word or phrase -> sector
    single: frozenset[str]                   # every one-token key, for hyphen splitting
    folded: dict[str, tuple[str, str, str]]  # Phoenix names, lower case: used for capitalised words only
    alone: bool = False                       # Phoenix is the only name source (single words allowed)


Sources = Literal["all", "ours", "phoenix"]


def tables(sources: Sources = "all") -> _Tables:
    return _tables(sources)  # one cache entry per value, however it is passed


@lru_cache(maxsize=3)
def _tables(sources: Sources) -> _Tables:
    """The name and role tables: ours (places, people, organisations, sectors: written while
    reading news, partly the dev actor cases) first, then the Phoenix dictionaries of PETRARCH-2
    (phoenix_actors.tsv, phoenix_agents.tsv, derived by scripts/build_event_tables.py) for what
    ours lack. sources="phoenix" is pycountry plus Phoenix alone, to check the dictionary coder on
    names nobody here chose; "ours" leaves Phoenix out."""
    names: dict[str, tuple[str, str, str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.setdefault(value, (c.alpha_3, "", "country"))
    sectors: dict[str, str] = {}
    if sources != "phoenix":
        for name, code, kind in _rows("places.tsv"):
            names[name] = (code, "", "country" if kind == "alias" else kind)
        for name, country, sector in _rows("people.tsv"):
            names[name] = (country, sector, "person")
        for name, country, sector in _rows("organisations.tsv"):
            names[name] = (country, sector, "org")
        sectors = {word: sector for word, sector in _rows("sectors.tsv")}
    folded: dict[str, tuple[str, str, str]] = {}
    if sources != "ours":
        for name, country, sector in _rows("phoenix_actors.tsv"):
            folded.setdefault(name, (country, sector, "phoenix"))
    if sources == "phoenix":
        # Phoenix's role nouns stay out of "all": beside sectors.tsv they cost event L3 in
        # cross-validation (0.383 -> 0.363 on the tuning folds).
        sectors = {role: sector for role, sector in _rows("phoenix_agents.tsv")}
    single = frozenset(k for k in [*names, *sectors] if " " not in k)
    return _Tables(names, sectors, single, folded, alone=sources == "phoenix")


def _tokens(text: str, t: _Tables) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        tok = _POSSESSIVE.sub("", tok) if tok not in t.single else tok
        if tok.lower().startswith("anti-"):
            continue  # "an anti-Syria journalist" is not Syrian
        if "-" in tok and tok not in t.single and tok.lower() not in t.single:
            out.extend(p for p in tok.split("-") if p)
        elif tok:
            out.append(tok)
    return out


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _lookup_name(words: list[str], t: _Tables, *, phoenix: bool = True) -> tuple[str, str, str] | None:
    phrase = " ".join(words)
    # A sentence's last period swallows a dotted abbreviation's own: "the U.S." -> "U.S".
    dotted = phrase + "." if _DOTTED.search(words[-1]) else None
    for form in (phrase, phrase.title() if phrase.isupper() and len(phrase) > 3 else None, dotted):
        if form and form in t.names:
            return t.names[form]
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in t.names:
        hit = t.names[words[0][:-1]]
        if hit[2] == "demonym":
            return hit
    if phoenix and t.folded and words[0][:1].isupper() and 2 * sum(w[:1].isupper() for w in words) >= len(words):
        # Phoenix names are upper case; a capitalised phrase is a name, "army" or "police" is not
        # (half the words capitalised: "Ban Ki-moon" splits into "Ban Ki moon").
        # One capitalised word is too often a surname or a home body ("Sen. Feliciano Valencia",
        # "the Senate"): alone it must be an acronym ("IAEA").
        hit = t.folded.get(phrase.lower().replace("-", " "))
        if hit and (len(words) > 1 or t.alone or phrase.isupper() and len(phrase) > 2):
            return hit
    return None


def _own_match(words: list[str], t: _Tables) -> bool:
    low = " ".join(w.lower() for w in words)
    return _lookup_name(words, t, phoenix=False) is not None or low in t.sectors or _singular(low) in t.sectors


def _scan(words: list[str], t: _Tables) -> tuple[list[tuple[int, tuple[str, str, str]]], list[tuple[int, str]]]:
    """Longest-match names and sector words, left to right: (position, hit) lists."""
    names: list[tuple[int, tuple[str, str, str]]] = []
    sectors: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
            hit = _lookup_name(words[i:i + n], t, phoenix=False)
            if hit is None and t.folded and " ".join(words[i:i + n]).lower().replace("-", " ") in t.folded \
                    and not any(_own_match(words[a:b], t) for a in range(i, i + n)
                                for b in range(a + 1, i + n + 1) if b - a < n):
                hit = _lookup_name(words[i:i + n], t)  # Phoenix only where ours match nothing inside
            if hit:
                names.append((i, hit))
                if hit[1]:
                    sectors.append((i, hit[1]))
                i += n
                break
            low = " ".join(w.lower() for w in words[i:i + n])
            sector = t.sectors.get(low) or t.sectors.get(_singular(low))
            if sector:
                sectors.append((i, sector))
                i += n
                break
        else:
            i += 1
    return names, sectors


def _head_end(words: list[str]) -> int:
    for i, w in enumerate(words):
        if i and w.lower() in _SPLIT:
            return i
    return len(words)


def _collective_cut(words: list[str]) -> int:
    """How many leading words only count or group what follows "of" (0 if none)."""
    cut = _head_end(words)
    if cut >= len(words) or words[cut].lower() != "of":
        return 0
    head = [w.lower() for w in words[:cut] if w.lower() not in _DETERMINERS and not w.isdigit()]
    if head and all(w in _COLLECTIVE for w in head):
        return cut + 1
    return 0


def code_text(text: str, *, sources: Sources = "all") -> Code:
    """Country and sector for one actor string ("US Attorney General Jeff Sessions" -> USA/GOV)."""
    return _code_memo(text, sources)


# The same phrases recur in an article and across articles; the tables never change within a
# process, so an answer holds for the process (a pure memo, safe across threads).
@lru_cache(maxsize=20_000)
def _code_memo(text: str, sources: Sources) -> Code:
    return _code_text(text, tables(sources))


def _code_text(text: str, t: _Tables) -> Code:
    words = _tokens(text, t)
    for _ in range(3):
        skip = _collective_cut(words)
        if not skip or any(_lookup_name(words[a:b], t, phoenix=False) for a in range(skip - 1)
                           for b in range(skip + 1, min(len(words), a + _MAX_NGRAM) + 1)):
            break  # "the Group of Seven" is a name, not a group of something
        words = words[skip:]
    if not words:
        return Code()
    names, sectors = _scan(words, t)
    cut = _head_end(words)
    role = next((i for i, _ in sectors if i < cut), None)
    if role is not None and any(i < role and h[2] in ("country", "demonym") for i, h in names):
        # "Kenyan Defense Minister Aden Duale": a town after the role word is part of the name.
        names = [(i, h) for i, h in names if not (role < i < cut and h[2] in ("city", "capital", "region"))]
    head_names = [h for i, h in names if i < cut] or [h for i, h in names if i >= cut][:1]
    head_sectors = [s for i, s in sectors if i < cut] or [s for _, s in sectors]
    # The name nearest the head noun wins: "NATO-member Norway" is Norway; but of two demonyms in
    # a row the first is the country and the second the community: "Bosnian Serbs" is BIH.
    positions = [i for i, h in names if i < cut]
    country = next((c for c, _, _ in reversed(head_names) if c), None) or None
    if len(positions) >= 2 and positions[-1] == positions[-2] + 1 and head_names[-1][2] == "demonym" \
            and head_names[-2][2] in ("demonym", "country") and head_names[-2][0]:
        country = head_names[-2][0]
    sector = head_sectors[0] if head_sectors else None
    if cut < len(words) and words[cut].lower() == "of" and any(w.lower() in _MEMBER_BODIES for w in words[:cut]):
        member = [s for i, s in sectors if i > cut and s not in ("NGO", "LAB", "GOV")]
        if member and sector in (None, "NGO", "LAB"):
            sector = member[0]  # "Nigerian Union of Teachers" EDU, "Association of Jurists" JUD
    tail = [h for i, h in names if i >= cut and h[2] not in ("demonym", "person", "org")]
    if tail and head_names and all(k == "demonym" for _, _, k in head_names) and sector in (None, "CVL", "REF"):
        country = tail[0][0]  # "ethnic Albanians in south Serbia": people coded by where they are
    kinds = {k for _, _, k in head_names}
    content = [w for w in words if w.lower() not in ("the", "a", "an", "some", "ordinary", "young", "thousands")]
    if sector is None and len(head_names) == 1 and len(content) == 1:
        kind = head_names[0][2]
        if kind == "capital":
            sector = "GOV"   # "Moscow said": the capital speaks for the government
        elif kind == "city":
            sector = "CVL"
        elif kind == "demonym" and content[0].endswith("s"):
            sector = "CVL"   # "Nigerians", "ordinary Kazakhs": the people, not the state
    if sector and any(w.lower() in _FORMER for w in words[:cut]):
        sector = "ELI"       # CAMEO codes former officials as elites
    if country == "IGO" and sector == "IGO":
        sector = None
    if sector == "IGO":
        sector = None
    return Code(country, sector)


def is_codable(text: str) -> bool:
    """Whether a span names something an event coder can code (a country, body or role)."""
    code = code_text(text)
    return bool(code.country or code.sector)


def place_kind(text: str) -> str | None:
    """"capital", "city", "region" or "country" when text is just a place name, else None."""
    t = tables()
    words = [w for w in _tokens(text, t) if w.lower() not in ("the", "a", "an")]
    if not words:
        return None
    hit = _lookup_name(words, t)
    if hit is None:
        return None
    return hit[2] if hit[2] in ("capital", "city", "region", "country") else None
