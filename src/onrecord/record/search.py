"""Stance search: which stored statements and articles support, dispute or discuss a claim."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..model import Record
from .claims import NEGATION, Claim
from ..stance.features import content, tokens

Verdict = Literal["supports", "disputes", "discusses"]
_VERDICT: dict[str, Verdict] = {"agree": "supports", "disagree": "disputes", "discuss": "discusses"}


@dataclass(slots=True)
class Hit:
    verdict: Verdict
    score: float                  # the model's probability of that verdict
    article: str
    span: tuple[tuple[int, int], ...]
    text: str
    claimant: str | None
    claim: str | None             # claim id, or None for a whole-article hit
    chain: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "score": round(self.score, 4), "article": self.article,
                "span": [list(s) for s in self.span], "text": self.text, "claimant": self.claimant,
                "claim": self.claim, "chain": list(self.chain)}


def search_claim(claim_text: str, source: Iterable[Record] | Iterable[Claim], *,
                 articles: Iterable[tuple[str, str]] = (), min_overlap: int = 1, min_probability: float = 0.4,
                 limit: int = 50) -> list[Hit]:
    """Statements (claims) or articles that support, dispute or discuss CLAIM_TEXT, best first.

    `source` is either analysed Records (each article's claims, and the article itself when it
    has none, are searched) or Claims (e.g. from a store); with Claims, `articles` gives
    (article id, text) of articles that have none, searched whole. Statements sharing fewer
    than `min_overlap` content words with the claim are skipped before the model runs.
    """
    from ..record import build_claims, link_entities
    from ..stance import LABELS, stance_proba

    items = list(source)
    candidates: list[tuple[str, tuple[tuple[int, int], ...], str, str | None, str | None, tuple[str, ...]]] = []
    if items and isinstance(items[0], Record):
        records: list[Record] = items  # type: ignore[assignment]
        claims = build_claims(records, link_entities(records))
        with_claims = {c.article for c in claims}
        for r in records:
            if r.id not in with_claims and r.text.strip():
                candidates.append((r.id, ((0, len(r.text)),), r.text, None, None, ()))
    else:
        claims = items  # type: ignore[assignment]
    for article_id, text in articles:
        if text.strip():
            candidates.append((article_id, ((0, len(text)),), text, None, None, ()))
    negative = {c.id for c in claims if c.negative}
    for c in claims:
        candidates.append((c.article, c.spans, c.text, c.claimant, c.id, c.chain))
    query_negative = bool(NEGATION.search(claim_text))

    query = set(content(tokens(claim_text)))
    kept = [c for c in candidates if len(query & set(content(tokens(c[2])))) >= min_overlap]
    if not kept:
        return []
    proba = stance_proba([claim_text] * len(kept), [c[2] for c in kept])
    hits: list[Hit] = []
    for (article, span, text, claimant, claim_id, chain), p in zip(kept, proba):
        best = int(p[:3].argmax())  # among the related labels
        if 1.0 - float(p[LABELS.index("unrelated")]) < min_probability:
            continue
        verdict = _VERDICT[LABELS[best]]
        if claim_id in negative and not query_negative:
            # A denial of the claimed thing disputes it, whatever the wording (FNC-1 saw few short denials).
            verdict = "disputes"
        hits.append(Hit(verdict=verdict, score=float(p[best]), article=article, span=span,
                        text=text if claim_id else text[:300], claimant=claimant, claim=claim_id, chain=chain))
    order = {"disputes": 0, "supports": 1, "discusses": 2}
    hits.sort(key=lambda h: (order[h.verdict], -h.score))
    return hits[:limit]


def verdicts(hits: Sequence[Hit]) -> dict[str, int]:
    out = {"supports": 0, "disputes": 0, "discusses": 0}
    for h in hits:
        out[h.verdict] += 1
    return out
