"""One record across articles: people (linking), claims, and the conflicts between them."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Record
from .claims import Claim, build_claims, claims_of
from .conflicts import Conflict, find_conflicts
from .linking import Linking, Person, link_entities

__all__ = ["Claim", "Conflict", "Linking", "Person", "StoryRecord", "build_claims", "build_record", "claims_of",
           "conflicts_for_records", "link_entities"]


@dataclass(slots=True)
class StoryRecord:
    """What a fact-checker asks for: who is who, who said what, where accounts conflict."""
    linking: Linking
    claims: list[Claim]
    conflicts: list[Conflict]

    @property
    def people(self) -> list[Person]:
        return sorted(self.linking.people.values(), key=lambda p: (-len(p.articles), -p.mentions, p.name))

    def claims_by(self, person_id: str) -> list[Claim]:
        return [c for c in self.claims if c.claimant_id == person_id]

    def claims_about(self, person_id: str) -> list[Claim]:
        return [c for c in self.claims if person_id in c.about]

    def conflicts_of(self, person_id: str) -> list[Conflict]:
        return [c for c in self.conflicts if person_id in c.about_ids]


def build_record(records: Iterable[Record], *, linking: Linking | None = None,
                 use_stance: bool = True) -> StoryRecord:
    """Link people, collect claims and find conflicts over analysed articles (pure: no store).
    The articles' texts let a denial that points ("denied the charges") find what it denies."""
    records = [r for r in records if not (r.errors and not r.text)]
    linking = link_entities(records, linking=linking)
    claims = build_claims(records, linking)
    texts = {r.id: r.text for r in records}
    return StoryRecord(linking=linking, claims=claims,
                       conflicts=find_conflicts(claims, texts=texts, use_stance=use_stance))


def conflicts_for_records(records: Iterable[Record], *, use_stance: bool = True) -> list[Conflict]:
    """The conflicts among analysed Records, strongest first (people linked, claims built)."""
    return build_record(records, use_stance=use_stance).conflicts
