"""Conflicts: claim pairs that cannot both be true, or that one side disputes.

Kinds (the contract's "Conflicts" section):
- denial_vs_report: one side denies (or states the negative of) what the other reports;
- account_vs_account: two positive accounts of the same thing that disagree (different
  numbers for the same count, or the stance model reads one as disputing the other);
- self_contradiction: one claimant against their own earlier claim.

Two claims can conflict only about the same proposition: a person both are about and a
predicate both state (see `onrecord.record.propositions`). That is also the blocking, so the
work is never quadratic: claims are grouped by (person, predicate) and (counted thing,
person or article); pairs inside a group are enumerated with numpy (small groups) or found
with sparse TF-IDF products keeping each claim's top k (large ones); pairs below a topic
similarity are dropped before any Python loop, and only the best go to the stance model.
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
from .record.propositions import Proposition, proposition
from .stance.features import NEGATION, STOP, Vocab, content, tokens

ConflictKind = Literal["denial_vs_report", "account_vs_account", "self_contradiction"]

# Words that carry polarity or attribution, not topic: two claims sharing only these are unrelated.
# Narration that reports speech or accounts rather than asserting what happened.
_REPORTING = re.compile(
    r"\b(?:says?|said|tells?|told|according to|report(?:s|ed)|den(?:y|ies|ied)|denials?|acknowledg(?:e|es|ed)|"
    r"admit(?:s|ted)|claim(?:s|ed)?|insist(?:s|ed)|announc(?:e|es|ed)|stat(?:es|ed)|statements?|accounts?|"
    r"contradict(?:s|ed)?|confirm(?:s|ed)|describ(?:es|ed)|accus(?:es|ed)|remarks?|interview(?:s|ed)?|"
    r"asserts?|asserted|assertions?|alleg(?:es|ed)|allegations?)\b", re.I)
_NOT_TOPIC = frozenset({"deny", "denial", "report", "told", "claim", "repeatedly", "publicly", "insist",
                        "state", "statement", "ha", "wa"}) | NEGATION


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
    from .record.propositions import numbers

    return numbers(text)


def claim_proposition(claim: Claim) -> Proposition:
    """The claim's predicates (with their polarity) and counts; see `onrecord.record.propositions`."""
    return proposition(claim.content or claim.text, denied=claim.polarity == "denied",
                       events=claim.extras.get("cameo", ()))


def conflict_side(claim: Claim, prop: Proposition | None = None) -> bool:
    """Whether a claim may be one side of a conflict.

    It must assert something checkable (a predicate: an act or event, or a count), come from
    a speaker the attribution stage identified at least by kind, and not merely carry another
    claim ("according to the broadcaster, Brandt told ..." is Brandt's account). The outlet's
    own narration counts only as a bare assertion: not hedged, not itself reporting speech
    ("Her account contradicts the mayor's statement", "days after he denied any contact").
    """
    prop = prop if prop is not None else claim_proposition(claim)
    if not prop.predicates:
        return False
    if claim.claimant_type == "unknown" or claim.extras.get("carries"):
        return False
    if claim.attribution is None and claim.claimant_type == "media" and len(claim.chain) <= 1:  # the outlet's voice
        if claim.polarity == "hedged" or _REPORTING.search(claim.text):
            return False
        if claim.event_types and set(claim.event_types) <= {"STATEMENT", "DENY"}:
            return False
    return True


def _vectors(words: Sequence[Sequence[str]]) -> sp.csr_matrix:
    vocab = Vocab.fit_tokens(words, size=200000, min_df=1)
    return vocab.tfidf(words)


@dataclass(slots=True)
class _Prepared:
    claims: list[Claim]
    props: list[Proposition]
    words: list[list[str]]
    eligible: np.ndarray
    vectors: sp.csr_matrix


def _prepare(claims: list[Claim]) -> _Prepared:
    props = [claim_proposition(c) for c in claims]
    words = [_topic_words(c) for c in claims]
    eligible = np.array([conflict_side(c, p) for c, p in zip(claims, props)], dtype=bool)
    return _Prepared(claims=claims, props=props, words=words, eligible=eligible, vectors=_vectors(words))


def _block_keys(c: Claim, p: Proposition) -> list[tuple[str, ...]]:
    """A pair is compared only when it shares a key: a person it is about and a predicate
    (the same proposition needs the same actor and act), or a counted thing and a person or
    the article ("12 people were arrested" / "40 people were arrested")."""
    keys: list[tuple[str, ...]] = [(actor, root) for actor in dict.fromkeys(c.about) for root in p.predicates]
    for noun in p.numbers:
        keys.append(("#article", c.article, noun))
        keys.extend(("#", actor, noun) for actor in dict.fromkeys(c.about))
    return keys


def _pairs_in_blocks(members: list[np.ndarray], vectors: sp.csr_matrix, *, max_block: int, top_k: int,
                     min_similarity: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) with i < j, for pairs sharing a block, similarity >= min_similarity.

    Blocks up to `max_block` claims: every pair, enumerated with numpy by block size. Larger
    blocks (a prominent person's every meeting): a sparse product per chunk of rows, keeping
    each claim's `top_k` most similar partners. Either way no Python loop runs per pair.
    """
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    by_size: dict[int, list[np.ndarray]] = defaultdict(list)
    for m in members:
        if len(m) >= 2:
            by_size[len(m)].append(m) if len(m) <= max_block else None
    for size, blocks in by_size.items():
        mat = np.vstack(blocks)
        iu, ju = np.triu_indices(size, 1)
        left.append(mat[:, iu].ravel())
        right.append(mat[:, ju].ravel())
    big_l: list[np.ndarray] = []
    big_r: list[np.ndarray] = []
    big_s: list[np.ndarray] = []
    for m in members:
        if len(m) <= max_block:
            continue
        sub = vectors[m]
        for lo in range(0, len(m), 1000):
            sims = (sub[lo:lo + 1000] @ sub.T).tocoo()
            rows, cols, vals = sims.row + lo, sims.col, sims.data
            keep = (rows < cols) & (vals >= min_similarity)
            rows, cols, vals = rows[keep], cols[keep], vals[keep]
            order = np.lexsort((-vals, rows))
            rows, cols, vals = rows[order], cols[order], vals[order]
            first = np.searchsorted(rows, rows, side="left")
            keep = (np.arange(len(rows)) - first) < top_k
            big_l.append(m[rows[keep]])
            big_r.append(m[cols[keep]])
            big_s.append(vals[keep].astype(np.float32))
    n = vectors.shape[0]
    if left:
        li = np.concatenate(left).astype(np.int64)
        ri = np.concatenate(right).astype(np.int64)
        lo_, hi_ = np.minimum(li, ri), np.maximum(li, ri)
        distinct = lo_ != hi_
        code = np.unique(lo_[distinct] * n + hi_[distinct])  # a pair in several blocks counts once
        li, ri = code // n, code % n
        sims = _rowwise_dot(vectors, li, ri)
        keep = sims >= min_similarity
        li, ri, sims = li[keep], ri[keep], sims[keep]
    else:
        li = ri = np.zeros(0, dtype=np.int64)
        sims = np.zeros(0, dtype=np.float32)
    if big_l:
        bl = np.concatenate(big_l).astype(np.int64)
        br = np.concatenate(big_r).astype(np.int64)
        lo_, hi_ = np.minimum(bl, br), np.maximum(bl, br)
        li = np.concatenate([li, lo_])
        ri = np.concatenate([ri, hi_])
        sims = np.concatenate([sims, np.concatenate(big_s)])
        code, first = np.unique(li * n + ri, return_index=True)
        li, ri, sims = li[first], ri[first], sims[first]
    return li, ri, sims


def _rowwise_dot(vectors: sp.csr_matrix, left: np.ndarray, right: np.ndarray, chunk: int = 200000) -> np.ndarray:
    out = np.zeros(len(left), dtype=np.float32)
    for lo in range(0, len(left), chunk):
        a, b = vectors[left[lo:lo + chunk]], vectors[right[lo:lo + chunk]]
        out[lo:lo + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def _top_k(li: np.ndarray, ri: np.ndarray, sims: np.ndarray, k: int) -> np.ndarray:
    """Mask of pairs among the k most similar of either claim."""
    if len(li) == 0:
        return np.zeros(0, dtype=bool)
    keep = np.zeros(len(li), dtype=bool)
    for side in (li, ri):
        order = np.lexsort((-sims, side))
        ranked = side[order]
        first = np.searchsorted(ranked, ranked, side="left")
        keep[order[(np.arange(len(order)) - first) < k]] = True
    return keep


def candidates(claims: Sequence[Claim], *, top_k: int = 20, max_block: int = 300, min_similarity: float = 0.1,
               prepared: _Prepared | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) worth scoring, with their topic similarity: both claims may be a
    conflict side, they share a person and a predicate (or a count), their topic words are
    similar, and each is among the other's `top_k` most similar. Never all pairs."""
    prep = prepared if prepared is not None else _prepare(list(claims))
    keys: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (c, p) in enumerate(zip(prep.claims, prep.props)):
        if prep.eligible[i]:
            for key in _block_keys(c, p):
                keys[key].append(i)
    members = [np.array(m, dtype=np.int64) for m in keys.values() if len(m) >= 2]
    li, ri, sims = _pairs_in_blocks(members, prep.vectors, max_block=max_block, top_k=top_k,
                                    min_similarity=min_similarity)
    keep = _top_k(li, ri, sims, top_k)
    return li[keep], ri[keep], sims[keep]


def candidate_pairs(claims: Sequence[Claim], **kwargs: Any) -> set[tuple[int, int]]:
    """The candidate index pairs of `candidates`, as a set."""
    li, ri, _ = candidates(claims, **kwargs)
    return set(zip(li.tolist(), ri.tolist()))


def _order(a: Claim, b: Claim, kind: ConflictKind, rank: dict[str, int]) -> tuple[Claim, Claim]:
    if kind == "denial_vs_report":
        return (a, b)  # already denial first
    if kind == "self_contradiction":  # the earlier statement first (when it was said, not what it is about)
        ka = (a.published or a.date or "", rank[a.id])
        kb = (b.published or b.date or "", rank[b.id])
        return (a, b) if ka <= kb else (b, a)
    return (a, b) if rank[a.id] <= rank[b.id] else (b, a)


def _judge(a: Claim, b: Claim, pa: Proposition, pb: Proposition) -> tuple[ConflictKind, Claim, Claim, bool] | None:
    """The kind of disagreement between two claims on the same proposition, if any:
    (kind, a, b, number clash), with the negative side first for a denial."""
    shared = pa.predicates.keys() & pb.predicates.keys()
    opposite = [r for r in shared if pa.predicates[r] is not None and pb.predicates[r] is not None
                and pa.predicates[r] != pb.predicates[r]]
    clash = bool(shared) and any(pa.numbers[k] != pb.numbers[k] for k in pa.numbers.keys() & pb.numbers.keys())
    same = a.claimant_id is not None and a.claimant_id == b.claimant_id
    if same:
        return ("self_contradiction", a, b, clash) if opposite or clash else None
    if a.claimant_id is None and b.claimant_id is None and a.claimant == b.claimant:
        return None  # one unresolved voice (an outlet, "a spokesperson"): not two accounts
    if opposite:
        r = opposite[0]
        return ("denial_vs_report", a, b, clash) if pa.predicates[r] else ("denial_vs_report", b, a, clash)
    if any(pa.predicates[r] is False and pb.predicates[r] is False for r in shared):
        return "account_vs_account", a, b, clash
    return None


def find_conflicts(claims: Iterable[Claim], *, use_stance: bool = True, min_score: float = 0.35,
                   min_similarity: float = 0.1, max_stance_pairs: int = 5000, top_k: int = 20,
                   max_block: int = 300) -> list[Conflict]:
    """Conflicting claim pairs, strongest first, ids C1, C2, ... in that order.

    Two claims conflict only about the same proposition: they share a person they are about
    and a predicate (see `onrecord.record.propositions`), and either one negates or denies
    that predicate while the other asserts it, or they give different counts of the same
    thing, or (both positive) the stance model reads one as disputing the other.

    Args:
        claims: claims from `build_claims` (one article or a whole store).
        use_stance: score candidates with the shipped stance model too.
        min_score: drop weaker conflicts.
        min_similarity: topic similarity (TF-IDF cosine, negations and cues removed) a pair
            needs before it is considered at all.
        top_k: each claim is compared with at most its top_k most similar candidates.
        max_block: blocks larger than this are compared by sparse products, top_k per claim.
    """
    claims = list(claims)
    if len(claims) < 2:
        return []
    rank = {c.id: i for i, c in enumerate(claims)}
    prep = _prepare(claims)
    li, ri, sims = candidates(claims, top_k=top_k, max_block=max_block, min_similarity=min_similarity,
                              prepared=prep)
    if len(li) == 0:
        return []
    # Cheap vectorised screens before any per-pair Python: some predicate negative on one side,
    # or counts on both sides, or (for the stance model) the most similar positive pairs.
    negative = np.array([any(v is True for v in p.predicates.values()) for p in prep.props], dtype=bool)
    counted = np.array([bool(p.numbers) for p in prep.props], dtype=bool)
    keep = negative[li] | negative[ri] | (counted[li] & counted[ri])
    if use_stance:
        rest = np.flatnonzero(~keep)
        keep[rest[np.argsort(-sims[rest], kind="stable")[:max_stance_pairs]]] = True
    li, ri, sims = li[keep], ri[keep], sims[keep]

    scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]] = []
    for i, j, sim in zip(li.tolist(), ri.tolist(), sims.tolist()):
        a, b = claims[i], claims[j]
        if a.article == b.article and (a.attribution in b.extras.get("containers", ())
                                       or b.attribution in a.extras.get("containers", ())):
            continue  # an outer report and the account it carries are one account, not two
        judged = _judge(a, b, prep.props[i], prep.props[j])
        if judged is None:
            continue
        kind, a, b, clash = judged
        a, b = _order(a, b, kind, rank)
        signals = _signals(a, b, float(sim), clash)
        if kind == "account_vs_account" and not clash:
            signals["needs_stance"] = 1.0  # only the stance model can make this a conflict
        scored.append((_base_score(kind, signals), kind, a, b, signals))

    scored.sort(key=lambda t: -t[0])
    if use_stance:
        # Only two positive accounts need the model (is one disputing the other?); a denial or a
        # changed story is read from polarity, which short claims give more reliably than FNC-1.
        idx = [k for k, t in enumerate(scored) if t[1] == "account_vs_account"][:max_stance_pairs]
        if idx:
            sub = [scored[k] for k in idx]
            _add_stance(sub)
            for k, t in zip(idx, sub):
                scored[k] = t
            scored.sort(key=lambda t: -t[0])
    props = {c.id: p for c, p in zip(claims, prep.props)}
    words = {c.id: w for c, w in zip(claims, prep.words)}
    conflicts = _merge_repeats([t for t in scored if t[0] >= min_score and not t[4].get("needs_stance")],
                               props, words)
    for n, c in enumerate(conflicts, 1):
        c.id = f"C{n}"
    return conflicts


def conflicts_for_records(records: Iterable[Any], *, use_stance: bool = True) -> list[Conflict]:
    """The conflicts among analysed Records, strongest first (people linked, claims built)."""
    from .record import build_record

    return build_record(records, use_stance=use_stance).conflicts


def _signals(a: Claim, b: Claim, sim: float, clash: bool) -> dict[str, float]:
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
        "numbers": float(clash),
        "events": float(bool(set(a.event_types) & set(b.event_types))),
        "same_article": float(a.article == b.article),
        # The report itself says the accounts clash ("..., contrary to public assertions by the
        # attorney general"): the strongest evidence there is that they are about the same thing.
        "flagged": float(bool(a.extras.get("flags_contradiction") or b.extras.get("flags_contradiction"))),
    }


def _base_score(kind: ConflictKind, s: dict[str, float]) -> float:
    # Both claims already share a person and a predicate, so wording similarity saturates early.
    relatedness = min(1.0, s["similarity"] / 0.25) ** 0.5
    # The principals disagreeing (each claimant is a party to what the other says happened) and
    # the report itself marking the clash are the strongest evidence; without the latter a
    # conflict scores at most 0.8.
    score = (0.3 * relatedness + 0.15 * min(1.0, s["shared_about"]) + 0.25 * s["principals"]
             + 0.1 * s["named"] + 0.2 * s.get("flagged", 0.0))
    if kind == "account_vs_account":
        score = 0.5 * score + 0.45 * s["numbers"]
    if kind == "self_contradiction":
        score += 0.1 * s["numbers"]
        # Within one article a "self-contradiction" is more often a misread speaker than a
        # change of account; across articles it is the real thing.
        score *= 0.75 if s["same_article"] else 1.0
    return min(1.0, score * (0.85 ** s["hedged"]))


def _add_stance(scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]]) -> None:
    """Blend in the stance model for two positive accounts: does b dispute a (or a dispute b)?"""
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
        elif not signals["numbers"]:
            signals["needs_stance"] = 1.0
        score = min(1.0, 0.85 * score + 0.1 * disagree + 0.05 * related)
        scored[k] = (score, kind, a, b, signals)


def _merge_repeats(scored: list[tuple[float, ConflictKind, Claim, Claim, dict[str, float]]],
                   props: dict[str, Proposition], words: dict[str, list[str]]) -> list[Conflict]:
    """One conflict per disagreement: the same two claimants on the same point, repeated in
    other articles or statements, is listed once (strongest) with the repeats in `also`."""
    out: list[Conflict] = []
    groups: dict[tuple[str, ...], list[Conflict]] = defaultdict(list)
    for score, kind, a, b, signals in scored:
        ca, cb = a.claimant_id or a.claimant, b.claimant_id or b.claimant
        key = (kind, ca, cb) if kind == "denial_vs_report" else (kind, *sorted((ca, cb)))
        match = next((c for c in groups[key] if _same_point(c, a, b, props, words)), None)
        if match is not None:
            known = {match.a.id, match.b.id} | {x.id for x in match.also}
            match.also = (*match.also, *[x for x in (a, b) if x.id not in known])
            continue
        claimant_ids = [x for x in (a.claimant_id, b.claimant_id) if x and x.startswith("P")]
        about_ids = tuple(dict.fromkeys(claimant_ids + list(a.about) + list(b.about)))
        conflict = Conflict(id="", kind=kind, score=score, about=_names(a, b), about_ids=about_ids,
                            a=a, b=b, signals=signals)
        groups[key].append(conflict)
        out.append(conflict)
    return out


def _same_point(c: Conflict, a: Claim, b: Claim, props: dict[str, Proposition], words: dict[str, list[str]]) -> bool:
    def same(x: Claim, y: Claim) -> bool:
        return _same_position(x, y, props, words)

    return (same(c.a, a) and same(c.b, b)) or (same(c.a, b) and same(c.b, a))


def _same_position(x: Claim, y: Claim, props: dict[str, Proposition], words: dict[str, list[str]]) -> bool:
    """One side of a conflict: the same claimant and polarity, and the same article (a
    claimant's statements in one story are one account), the same predicate with the same
    polarity (a repeat of the claim elsewhere), or mostly the same words."""
    if x.id == y.id:
        return True
    if (x.claimant_id or x.claimant) != (y.claimant_id or y.claimant) or x.negative != y.negative:
        return False
    if x.article == y.article:
        return True
    px, py = props[x.id].predicates, props[y.id].predicates
    if any(px[r] is not None and px[r] == py[r] for r in px.keys() & py.keys()):
        return True
    wx, wy = set(words[x.id]), set(words[y.id])
    return bool(wx | wy) and len(wx & wy) / len(wx | wy) >= 0.3


def _names(a: Claim, b: Claim) -> tuple[str, ...]:
    """Who the conflict is about: the claimants who are people first, then whom the claims name."""
    by_id = dict(zip(a.about, a.about_names)) | dict(zip(b.about, b.about_names))
    claimants = [(c.claimant_id, c.claimant) for c in (a, b) if c.claimant_type == "person" and c.claimant_id]
    names = [n for _, n in claimants] + [by_id[x] for x in by_id if x not in {i for i, _ in claimants}]
    if not names:  # about no linked person: the conflict is between its claimants
        return tuple(dict.fromkeys((a.claimant, b.claimant)))
    return tuple(dict.fromkeys(names))
