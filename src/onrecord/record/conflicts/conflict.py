"""The Conflict record: two claims that cannot both be true, with why they were flagged."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from ..claims import Claim

ConflictKind = Literal["denial_vs_report", "account_vs_account", "self_contradiction"]


@dataclass(slots=True)
class Conflict:
    id: str
    kind: ConflictKind
    score: float
    about: tuple[str, ...]
    about_ids: tuple[str, ...]
    a: Claim                          # for a denial, the denial
    b: Claim                          # for a denial, what it denies
    signals: dict[str, float]
    also: tuple[Claim, ...] = ()      # the same conflict repeated elsewhere (copies, repeats)
    why: tuple[str, ...] = ()         # the reasons, in words, strongest first

    @property
    def key(self) -> str:
        """A stable id for the store: the same pair of claims always gives the same key."""
        return hashlib.sha1(f"{self.a.id}|{self.b.id}".encode()).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        """One line of `onrecord conflicts --format jsonl`, in the contract's shape (plus `why`)."""
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 4), "about": list(self.about),
                "a": side(self.a), "b": side(self.b), "key": self.key,
                "signals": {k: round(v, 4) for k, v in self.signals.items()},
                "why": list(self.why),
                "also": [{"article": c.article, "span": [list(s) for s in c.spans], "claimant": c.claimant,
                          "chain": list(c.chain)} for c in self.also]}


def side(c: Claim) -> dict[str, Any]:
    return {"article": c.article, "span": [list(s) for s in c.spans], "text": c.text, "claimant": c.claimant,
            "attribution": c.attribution, "event": c.event, "claim": c.id, "chain": list(c.chain),
            "polarity": c.polarity, "date": c.date}
