"""Conflicts: claim pairs that cannot both be true, or that one side disputes.

One home for every decision about conflicts: what a denial is and what it points at
(`denials`), how two claims are compared (`meaning`, `propositions`, `judge`), which pairs are
compared at all (`candidates`, `blocking_keys`), and how strong a conflict is (`score`).
`find_conflicts` runs them; `onrecord claim` and the web use the same judge.
"""
from __future__ import annotations

from .candidates import blocking_keys, candidate_pairs, candidates, conflict_side
from .conflict import Conflict, ConflictKind
from .denials import Denial, read_denial
from .find import denial_of, find_conflicts
from .judge import Verdict, judge

__all__ = ["Conflict", "ConflictKind", "Denial", "Verdict", "blocking_keys", "candidate_pairs", "candidates",
           "conflict_side", "denial_of", "find_conflicts", "judge", "read_denial"]
