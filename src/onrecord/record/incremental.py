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
  articles, keeping those with a side in the unit (`unit_conflicts`). The neighbourhood, among
  earlier claims: for each claim of the unit, the `CLOSEST` that share the most of its
  blocking keys (the latest first among equals), chosen among the `RECENT` latest filed under
  each of those keys; for the bare person keys, which only a
  denial that points searches (`("person", id)`: every claim about someone), the `LATEST`
  about each person a pointing denial of the unit names, and the `LATEST` pointing denials
  about each person the unit's claims are about. Its size is bounded by the unit's, whatever
  the store's. A unit is a function of its articles and the ones before it; a run that adds to
  the last unit computes that unit again. Ranks: score, then unit, then place in the unit.
- **Repeats across units.** A dispute told again in a later unit (syndicated copies, the same
  denial of the same report) is one conflict: a unit's conflict that repeats a conflict of an
  earlier unit (`repeats`: the same kind; for a denial the same denier and the same report,
  i.e. the same claim, an identical text or mostly the same meaning words; otherwise the same
  two claimants with both sides matching) is not a new conflict, its claims join the earliest
  such conflict's `also` (once each). A conflict `find_conflicts` found whose sides are both
  earlier but whose `also` holds claims of the unit (a unit copy merged into it) extends the
  earlier conflict the same way; one with no side and no `also` claim in the unit is dropped.
  The earlier conflict is found through an index of `repeat_keys`, never by a scan. A unit
  computed again first takes back what it added to earlier conflicts.

`onrecord rebuild` computes the same definition in memory over every article; the tests check
that it equals the record grown run by run. `find_conflicts` and `blocking_keys` are used as
they are (`onrecord.record.conflicts`).
"""
from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..model import Record
from .claims import Claim, claims_of
from .conflicts import Conflict, blocking_keys, denial_of, find_conflicts
from .conflicts.meaning import meaning_words, same_account
from .linking import Linking

UNIT = 64          # articles per conflict unit: what a run that adds one article recomputes
CLOSEST = 10       # earlier claims each claim of a unit is compared with: those sharing most keys
RECENT = 200       # ... chosen among this many latest per key (a famous name's key holds thousands)
LATEST = 50        # earlier claims per person key a pointing denial is compared with
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

    def neighbours(self, related: list[list[str]], before: int, *, closest: int, recent: int, latest: set[str],
                   pointing: set[str], limit: int) -> list[Claim]:
        """Claims with seq < BEFORE: for each list in RELATED (one claim's blocking keys), the
        CLOSEST filed under most of them (then the latest), among the RECENT latest under each; for each of LATEST, the LIMIT latest
        filed under it; for each of POINTING, the LIMIT latest that point (`points`, read
        without their text). All in (seq, place) order."""
        ...


def unit_conflicts(source: ClaimSource, unit: int, *, use_stance: bool = True) -> list[Conflict]:
    """The conflicts a unit brings (see the module docstring), strongest first."""
    claims, texts = source.unit(unit)
    if not texts:
        return []
    keys = [block_names(c) for c in claims]
    related = [[b for b in k if not b.startswith(PERSON)] for k in keys]
    people = {b for k in keys for b in k if b.startswith(PERSON)}
    named = {PERSON + pid for c in claims if points(c, texts.get(c.article))
             for pid in (*c.about, c.claimant_id) if pid}
    near = source.neighbours(related, unit * UNIT, closest=CLOSEST, recent=RECENT, latest=named,
                             pointing=people - named, limit=LATEST)
    found = find_conflicts(near + claims, texts=texts, use_stance=use_stance)
    # A side in the unit, or (both sides earlier) a unit claim merged into it: it extends the
    # earlier conflict it repeats (`repeats`, applied when the unit's conflicts are stored).
    return [c for c in found if any(x.article in texts for x in (c.a, c.b, *c.also))]


# --- one dispute across units ----------------------------------------------------------------------

Side = tuple[str, str, str]  # (claim id, who: claimant_id or claimant, text)
Sides = tuple[str, Side, Side]  # (kind, a, b): for a denial, a is the denial


def side_of(claim: Claim) -> Side:
    return (claim.id, claim.claimant_id or claim.claimant, claim.text)


def sides_of(conflict: Conflict) -> Sides:
    return (conflict.kind, side_of(conflict.a), side_of(conflict.b))


def _words(text: str) -> set[str]:
    return set(meaning_words(text))


def _same_words(x: str, y: str) -> bool:
    """Mostly the same meaning words, as `merge_repeats` reads a report told again."""
    return same_account(meaning_words(x), meaning_words(y))


def _same_report(x: Side, y: Side) -> bool:
    return x[0] == y[0] or x[2] == y[2] or _same_words(x[2], y[2])


def _same_side(x: Side, y: Side) -> bool:
    return x[0] == y[0] or (x[1] == y[1] and (x[2] == y[2] or _same_words(x[2], y[2])))


def repeats(new: Sides, old: Sides) -> bool:
    """Whether conflict NEW is conflict OLD told again (see the module docstring)."""
    kind, a, b = new
    okind, oa, ob = old
    if kind != okind:
        return False
    if kind == "denial_vs_report":
        return a[1] == oa[1] and _same_report(b, ob)
    return ((_same_side(a, oa) and _same_side(b, ob)) or (_same_side(a, ob) and _same_side(b, oa)))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def repeat_keys(sides: Sides) -> list[str]:
    """The index keys under which a conflict is filed and its repeats look it up: any conflict
    `repeats` matches shares one of them with it."""
    kind, a, b = sides
    if kind != "denial_vs_report":
        return [f"p\x1f{kind}\x1f" + "\x1f".join(sorted((a[1], b[1])))]
    base = f"d\x1f{a[1]}\x1f"
    keys = [base + "c\x1f" + b[0], base + "t\x1f" + _digest(b[2])]
    words = _words(b[2])
    if len(words) >= 3:
        keys += [base + "w\x1f" + w for w in sorted(words)]
    return keys


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

    def neighbours(self, related: list[list[str]], before: int, *, closest: int, recent: int, latest: set[str],
                   pointing: set[str], limit: int) -> list[Claim]:
        picked: set[tuple[int, int]] = set()
        for blocks in related:
            shared: dict[tuple[int, int], int] = {}
            for block in blocks:
                for seq, place, _ in self._before(self.blocks, block, before)[-recent:]:
                    shared[(seq, place)] = shared.get((seq, place), 0) + 1
            picked.update(sorted(shared, key=lambda k: (-shared[k], -k[0], -k[1]))[:closest])
        for index, names in ((self.blocks, latest), (self.pointing, pointing)):
            for block in names:
                picked.update((seq, place) for seq, place, _ in self._before(index, block, before)[-limit:])
        return [self.articles[seq][2][place] for seq, place in sorted(picked)]

    @staticmethod
    def _before(index: dict[str, list[tuple[int, int, Claim]]], block: str,
                before: int) -> list[tuple[int, int, Claim]]:
        filed = index.get(block, [])
        return filed[:bisect_left(filed, before, key=lambda t: t[0])]


__all__ = ["CLOSEST", "LATEST", "RECENT", "UNIT", "ClaimSource", "MemoryClaims", "block_names", "link_and_claim", "normalised",
           "points", "repeat_keys", "repeats", "side_of", "sides_of", "unit_conflicts", "unit_of"]
