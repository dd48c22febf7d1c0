"""Shared scoring helpers: P/R/F1 from counts, span overlap."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PRF:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def char_set(spans) -> set[int]:  # noqa: ANN001
    """All character offsets covered by a list of [start, end) spans."""
    out: set[int] = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def jaccard(a, b) -> float:  # noqa: ANN001
    """Character Jaccard of two span lists."""
    sa, sb = char_set(a), char_set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0
