"""Conflicts: claim pairs that cannot both be true, or that one side disputes.

Kinds (the contract's "Conflicts" section):
- denial_vs_report: one side denies (or states the negative of) what the other reports;
- account_vs_account: two positive accounts of the same thing that disagree (different
  numbers for the same count, or the stance model reads one as disputing the other);
- self_contradiction: one claimant against their own earlier claim.

Never quadratic in the number of claims: claims are blocked by (person, rare topic word)
and by claimant; only pairs inside a block (capped in size) are compared, with vectorised
TF-IDF similarity, and only the best candidates go to the stance model.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp

from .record.claims import Claim
from .stance.features import NEGATION, STOP, Vocab, content, tokens

ConflictKind = Literal["denial_vs_report", "account_vs_account", "self_contradiction"]

# Words that carry polarity or attribution, not topic: two claims sharing only these are unrelated.
_NOT_TOPIC = frozenset({"deny", "denial", "report", "told", "claim", "repeatedly", "publicly", "insist",
                        "state", "statement", "ha", "wa"}) | NEGATION
_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50,
                                                             "dozen": 12, "hundred": 100}
_NUMBER = re.compile(r"\b(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUM_WORDS) + r")\s+([a-z]{3,})\b", re.I)


@dataclass(slots=True)
class Conflict:
    id: str
    kind: ConflictKind
    score: float
    about: tuple[str, ...]
    about_ids: tuple[str, ...]
    a: Claim
    b: Claim
    signals: dict[str, float]
    also: tuple[Claim, ...] = ()      # the same conflict repeated elsewhere (b-sides that repeat b)

    @property
    def key(self) -> str:
        """A stable id for the store: the same pair of claims always gives the same key."""
        return hashlib.sha1(f"{self.a.id}|{self.b.id}".encode()).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        """One line of `onrecord conflicts --format jsonl`, in the contract's shape."""
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 4), "about": list(self.about),
                "a": _side(self.a), "b": _side(self.b), "key": self.key,
                "signals": {k: round(v, 4) for k, v in self.signals.items()},
                "also": [{"article": c.article, "span": [list(s) for s in c.spans], "claimant": c.claimant,
                          "chain": list(c.chain)} for c in self.also]}


def _side(c: Claim) -> dict[str, Any]:
    return {"article": c.article, "span": [list(s) for s in c.spans], "text": c.text, "claimant": c.claimant,
            "attribution": c.attribution, "event": c.event, "claim": c.id, "chain": list(c.chain),
            "polarity": c.polarity, "date": c.date}


def _topic_words(claim: Claim) -> list[str]:
    # A trailing "e" dropped on top of the stems: "vote" and "voted" (stem "vot") meet.
    words = (w.rstrip("e") if len(w) > 3 else w for w in content(tokens(claim.content or claim.text)))
    return [w for w in words if w not in _NOT_TOPIC and w not in STOP]


def _numbers(text: str) -> dict[str, float]:
    """'12 people were arrested' -> {'people': 12}: counts keyed by what they count."""
    out: dict[str, float] = {}
    for m in _NUMBER.finditer(text):
        raw = m.group(1).lower().replace(",", "")
        value = float(_NUM_WORDS.get(raw, raw)) if raw in _NUM_WORDS or raw.replace(".", "").isdigit() else None
        if value is not None and not 1900 <= value <= 2100:  # years are dates, not counts
            out.setdefault(content([m.group(2).lower()])[0] if content([m.group(2).lower()]) else m.group(2), value)
    return out


def _vectors(claims: Sequence[Claim], vocab: Vocab | None) -> tuple[sp.csr_matrix, Vocab]:
    words = [_topic_words(c) for c in claims]
    if vocab is None:
        vocab = Vocab.fit([" ".join(w) for w in words], size=50000, min_df=1)
    return vocab.tfidf(words), vocab


def candidate_pairs(claims: Sequence[Claim], *, terms_per_claim: int = 12,
                    max_block: int = 200) -> set[tuple[int, int]]:
    """Index pairs sharing a block: (person, topic word), where the person is one the claim
    is about or made by, or the claim's article. Never all pairs.

    Each claim enters at most `terms_per_claim` blocks per person (its rarest words seen
    at least twice); a block larger than `max_block` is a word too common to discriminate
    and is dropped. Work is therefore at most claims x terms x max_block, linear in claims.
    """
    topic = [set(_topic_words(c)) for c in claims]
    df: dict[str, int] = defaultdict(int)
    for words in topic:
        for w in words:
            df[w] += 1
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        # Claims about no linked person ("12 people were arrested") still meet within their article.
        people = set(c.about) | ({c.claimant_id} if c.claimant_id else set()) | {f"article:{c.article}"}
        shared = sorted((w for w in topic[i] if df[w] >= 2), key=lambda w: (df[w], w))[:terms_per_claim]
        for person in people:
            for w in shared:
                blocks[(person, w)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > max_block:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def _kind(a: Claim, b: Claim) -> ConflictKind | None:
    same = a.claimant_id is not None and a.claimant_id == b.claimant_id
    if same:
        return "self_contradiction"
    if a.negative != b.negative:
        return "denial_vs_report"
    if not a.negative and not b.negative:
        return "account_vs_account"
    return None


def _order(a: Claim, b: Claim, kind: ConflictKind, rank: dict[str, int]) -> tuple[Claim, Claim]:
    if kind == "denial_vs_report":
        return (a, b) if a.negative else (b, a)
    if kind == "self_contradiction":  # the earlier claim first
        ka, kb = (a.date or "", rank[a.id]), (b.date or "", rank[b.id])
        return (a, b) if ka <= kb else (b, a)
    return (a, b) if rank[a.id] <= rank[b.id] else (b, a)


def find_conflicts(claims: Iterable[Claim], *, use_stance: bool = True, min_score: float = 0.35,
                   min_similarity: float = 0.12, max_stance_pairs: int = 5000,
                   terms_per_claim: int = 12, max_block: int = 200) -> list[Conflict]:
    """Conflicting claim pairs, strongest first, ids C1, C2, ... in that order.

    Args:
        claims: claims from `build_claims` (one article or a whole store).
        use_stance: score candidates with the shipped stance model too.
        min_score: drop weaker conflicts.
        min_similarity: topic similarity (TF-IDF cosine, negations and cues removed) a pair
            needs before it is considered at all.
    """
    claims = list(claims)
    rank = {c.id: i for i, c in enumerate(claims)}
    if len(claims) < 2:
        return []
    vectors, _ = _vectors(claims, None)
    pairs = sorted(candidate_pairs(claims, terms_per_claim=terms_per_claim, max_block=max_block))
    if not pairs:
        return []
    left = np.array([p[0] for p in pairs])
    right = np.array([p[1] for p in pairs])
    sims = np.asarray(vectors[left].multiply(vectors[right]).sum(axis=1)).ravel()

    scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]] = []
    for (i, j), sim in zip(pairs, sims):
        if sim < min_similarity:
            continue
        a, b = claims[i], claims[j]
        if a.article == b.article and (a.attribution in b.extras.get("containers", ())
                                       or b.attribution in a.extras.get("containers", ())):
            continue  # an outer report and the account it carries are one account, not two
        kind = _kind(a, b)
        if kind is None:
            continue
        if kind == "self_contradiction" and a.negative == b.negative and not _number_clash(a, b):
            continue  # the same person saying the same thing twice
        if kind == "account_vs_account" and a.claimant == b.claimant:
            continue
        a, b = _order(a, b, kind, rank)
        signals = _signals(a, b, float(sim))
        if kind == "account_vs_account" and not signals["numbers"]:
            signals["needs_stance"] = 1.0  # only the stance model can make this a conflict
        scored.append((_base_score(kind, signals), kind, a, b, signals))

    scored.sort(key=lambda t: -t[0])
    if use_stance and scored:
        top = scored[:max_stance_pairs]
        _add_stance(top)
        scored[:len(top)] = top
        scored.sort(key=lambda t: -t[0])
    conflicts = _merge_repeats([t for t in scored if t[0] >= min_score and not t[4].get("needs_stance")])
    for n, c in enumerate(conflicts, 1):
        c.id = f"C{n}"
    return conflicts


def _number_clash(a: Claim, b: Claim) -> bool:
    na, nb = _numbers(a.content or a.text), _numbers(b.content or b.text)
    return any(na[k] != nb[k] for k in na.keys() & nb.keys())


def _signals(a: Claim, b: Claim, sim: float) -> dict[str, float]:
    about = set(a.about) | set(b.about)
    shared = set(a.about) & set(b.about)
    claimants = {x for x in (a.claimant_id, b.claimant_id) if x}
    return {
        "similarity": sim,
        "shared_about": float(len(shared)),
        # The principals disagree: each side's claimant is one of the people the conflict is about.
        "principals": float(len(claimants & about) / 2.0),
        "named": float((a.claimant_type == "person") + (b.claimant_type == "person")) / 2.0,
        "hedged": float((a.polarity == "hedged") + (b.polarity == "hedged")),
        "numbers": float(_number_clash(a, b)),
        "events": float(bool(set(a.event_types) & set(b.event_types))),
        "same_article": float(a.article == b.article),
    }


def _base_score(kind: ConflictKind, s: dict[str, float]) -> float:
    relatedness = min(1.0, s["similarity"] / 0.5) ** 0.5
    score = (0.45 * relatedness + 0.15 * min(1.0, s["shared_about"]) + 0.2 * s["principals"]
             + 0.1 * s["named"] + 0.05 * s["events"])
    if kind == "account_vs_account":
        score = 0.5 * score + 0.45 * s["numbers"]
    if kind == "self_contradiction":
        score += 0.1 * s["numbers"]
        # Within one article a "self-contradiction" is more often a misread speaker than a
        # change of account; across articles it is the real thing.
        score *= 0.75 if s["same_article"] else 1.0
    return min(1.0, score * (0.85 ** s["hedged"]))


def _add_stance(scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]]) -> None:
    """Blend in the stance model: does b dispute a (or a dispute b)?"""
    from .stance import LABELS, stance_proba

    heads = [t[2].text for t in scored] + [t[3].text for t in scored]
    bodies = [t[3].text for t in scored] + [t[2].text for t in scored]
    proba = stance_proba(heads, bodies)
    n = len(scored)
    d, u = LABELS.index("disagree"), LABELS.index("unrelated")
    for k, (score, kind, a, b, signals) in enumerate(scored):
        disagree = float(max(proba[k, d], proba[n + k, d]))
        related = 1.0 - float(min(proba[k, u], proba[n + k, u]))
        signals["stance_disagree"], signals["stance_related"] = disagree, related
        if signals.pop("needs_stance", None) is not None and disagree >= 0.5:
            score = 0.5 * score + 0.45 * disagree
        elif kind == "account_vs_account" and not signals["numbers"]:
            signals["needs_stance"] = 1.0
        score = min(1.0, 0.85 * score + 0.1 * disagree + 0.05 * related)
        scored[k] = (score, kind, a, b, signals)


def _merge_repeats(scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]]) -> list[Conflict]:
    """One conflict per disagreement: the same two claimants on the same point, repeated in
    other articles or statements, is listed once (strongest) with the repeats in `also`."""
    out: list[Conflict] = []
    groups: dict[tuple[str, ...], list[Conflict]] = defaultdict(list)
    for score, kind, a, b, signals in scored:
        ca, cb = a.claimant_id or a.claimant, b.claimant_id or b.claimant
        key = (kind, ca, cb) if kind == "denial_vs_report" else (kind, *sorted((ca, cb)))
        match = next((c for c in groups[key] if _same_point(c, a, b)), None)
        if match is not None:
            known = {match.a.id, match.b.id} | {x.id for x in match.also}
            match.also = (*match.also, *[x for x in (a, b) if x.id not in known])
            continue
        about_ids = tuple(dict.fromkeys([x for x in (a.claimant_id, b.claimant_id) if x]
                                        + list(a.about) + list(b.about)))
        conflict = Conflict(id="", kind=kind, score=score, about=_names(a, b), about_ids=about_ids,
                            a=a, b=b, signals=signals)
        groups[key].append(conflict)
        out.append(conflict)
    return out


def _same_point(c: Conflict, a: Claim, b: Claim) -> bool:
    return (_same_position(c.a, a) and _same_position(c.b, b)) or (_same_position(c.a, b) and _same_position(c.b, a))


def _same_position(x: Claim, y: Claim) -> bool:
    """One side of a conflict: the same claimant, the same polarity, and either the same
    article (a claimant's statements in one story are one account) or the same words (a
    repeat of the claim elsewhere)."""
    if x.id == y.id:
        return True
    if (x.claimant_id or x.claimant) != (y.claimant_id or y.claimant) or x.negative != y.negative:
        return False
    if x.article == y.article:
        return True
    wx, wy = set(_topic_words(x)), set(_topic_words(y))
    return bool(wx | wy) and len(wx & wy) / len(wx | wy) >= 0.3


def _names(a: Claim, b: Claim) -> tuple[str, ...]:
    by_id = dict(zip(a.about, a.about_names)) | dict(zip(b.about, b.about_names))
    if not by_id:  # about no linked person: the conflict is between its claimants
        return tuple(dict.fromkeys((a.claimant, b.claimant)))
    order = [x for x in (a.claimant_id, b.claimant_id) if x in by_id] + list(by_id)
    return tuple(dict.fromkeys(by_id[x] for x in order))
