"""The store's record, grown article by article: what it is, whatever the batches and runs.

A store's record (people, claims, conflicts) is defined over its articles in ingestion order,
numbered 0, 1, 2 ... (`seq`), so that adding articles costs what they touch, and the tables
are the same for any `--batch` and any split of the input into runs:

- **People.** Articles are linked one at a time, in order, against everyone linked before
  (`link_and_claim`). A store's Linking reads the stored people it needs (`Linking.source`);
  person ids are hashes of names, stable across runs.
- **Claims.** An article's claims are built right after it is linked, against the people as
  they stood then (a later, fuller form of a name does not rewrite an earlier claim's text).
- **Conflicts.** Articles fall in units of `UNIT` consecutive seqs. A unit's conflicts are
  `find_conflicts` over its claims and their neighbourhood, with the texts of the unit's own
  articles, keeping those with a side in the unit (`unit_conflicts`). The neighbourhood is,
  among earlier claims, the `NEIGHBOURS` latest filed under each blocking key of the unit's
  claims; for the bare person keys, which only a denial that points searches (`("person",
  id)`: every claim about someone), the latest about each person a pointing denial of the unit
  names, and the latest pointing denials about each person the unit's claims are about. A
  unit is a function of its articles and the ones before it; a run that adds to the last unit
  computes that unit again. Ranks: score, then unit, then place in the unit.

`onrecord rebuild` computes the same definition in memory over every article; the tests check
that it equals the record grown run by run. `find_conflicts` and `blocking_keys` are used as
they are (`onrecord.record.conflicts`).
"""
from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..model import Record
from .claims import Claim, claims_of
from .conflicts import Conflict, blocking_keys, denial_of, find_conflicts
from .linking import Linking

UNIT = 64          # articles per conflict unit: what a run that adds one article recomputes
NEIGHBOURS = 50    # earlier claims per blocking key a unit is compared with (the latest ones)
PERSON = "person\x1f"  # the bare person keys' prefix, as `block_names` writes them


def unit_of(seq: int) -> int:
    return seq // UNIT


def block_names(claim: Claim) -> list[str]:
    """The claim's blocking keys, each as one string (the store indexes them)."""
    return list(dict.fromkeys("\x1f".join(key) for key in blocking_keys(claim)))


def points(claim: Claim, text: str | None = None) -> bool:
    """Whether a claim is a denial that points ("denied the charges"), read as `find_conflicts`
    reads it: in its article's TEXT when given, else in its own text (how a unit sees the
    earlier claims of its neighbourhood)."""
    denial = denial_of(claim, text)
    return denial is not None and denial.how != "restates"


def normalised(claim: Claim) -> Claim:
    """The claim as a store gives it back (JSON round trip), so a record built in memory and
    one read back from the store compare claims of the same shape."""
    return Claim.from_state(json.loads(json.dumps(claim.to_state(), ensure_ascii=False)))


def link_and_claim(records: Sequence[Record], linking: Linking) -> list[list[Claim]]:
    """Link RECORDS one at a time, in order, and build each one's claims right after it."""
    linking.prefetch(records)
    out = []
    for record in records:
        linking.add_all([record])
        out.append([normalised(c) for c in claims_of(record, linking)])
    return out


class ClaimSource(Protocol):
    """Where a unit's claims and neighbourhood are read: the store, or memory for a rebuild."""

    def unit(self, unit: int) -> tuple[list[Claim], dict[str, str]]:
        """The unit's claims in (seq, place) order, and its articles' texts by article id."""
        ...

    def neighbours(self, blocks: set[str], before: int, limit: int, *, pointing: set[str] = frozenset()) -> list[Claim]:
        """For each of BLOCKS, the `limit` latest claims with seq < BEFORE, and for each of
        POINTING the `limit` latest such claims that point (`points`, read without their text);
        all in (seq, place) order."""
        ...


def unit_conflicts(source: ClaimSource, unit: int, *, use_stance: bool = True) -> list[Conflict]:
    """The conflicts a unit brings (see the module docstring), strongest first."""
    claims, texts = source.unit(unit)
    if not texts:
        return []
    blocks = {b for c in claims for b in block_names(c)}
    named = {PERSON + pid for c in claims if points(c, texts.get(c.article)) for pid in (*c.about, c.claimant_id) if pid}
    plain = {b for b in blocks if not b.startswith(PERSON)} | named
    near = source.neighbours(plain, unit * UNIT, NEIGHBOURS, pointing=(blocks - plain))
    found = find_conflicts(near + claims, texts=texts, use_stance=use_stance)
    return [c for c in found if c.a.article in texts or c.b.article in texts]


class MemoryClaims:
    """A ClaimSource over claims held in memory: article seq -> (id, text, claims)."""

    def __init__(self, articles: Iterable[tuple[str, str, list[Claim]]]) -> None:
        self.articles = list(articles)
        self.blocks: dict[str, list[tuple[int, int, Claim]]] = {}
        self.pointing: dict[str, list[tuple[int, int, Claim]]] = {}
        for seq, (_, _, claims) in enumerate(self.articles):
            for place, claim in enumerate(claims):
                flagged = points(claim)
                for block in block_names(claim):
                    self.blocks.setdefault(block, []).append((seq, place, claim))
                    if flagged:
                        self.pointing.setdefault(block, []).append((seq, place, claim))

    def unit(self, unit: int) -> tuple[list[Claim], dict[str, str]]:
        part = self.articles[unit * UNIT:(unit + 1) * UNIT]
        return [c for _, _, claims in part for c in claims], {aid: text for aid, text, _ in part}

    def neighbours(self, blocks: set[str], before: int, limit: int, *, pointing: set[str] = frozenset()) -> list[Claim]:
        picked: dict[tuple[int, int], Claim] = {}
        for index, names in ((self.blocks, blocks), (self.pointing, pointing)):
            for block in names:
                filed = index.get(block, [])
                end = bisect_left(filed, before, key=lambda t: t[0])
                for seq, place, claim in filed[max(0, end - limit):end]:
                    picked[(seq, place)] = claim
        return [picked[k] for k in sorted(picked)]


__all__ = ["NEIGHBOURS", "UNIT", "ClaimSource", "MemoryClaims", "block_names", "link_and_claim", "normalised",
           "points", "unit_conflicts", "unit_of"]
