"""Candidate pairs: which claims are compared at all, never all pairs.

A claim is compared only with claims that share one of its blocking keys (`blocking_keys`):
a person it is about and a predicate (the same proposition needs the same actor and act), a
counted thing and a person or article (two counts of the same thing), the same two people,
or the same article (an article's tens of claims, named or not, are all compared). Pairs in a
block are enumerated with numpy (small blocks) or found with sparse TF-IDF products keeping
each claim's top k (large ones, a prominent person's every statement); pairs below a topic
similarity are dropped before any Python loop runs.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from ...stance.features import Vocab
from ...text.words import PERSON_TITLES
from ..claims import Claim
from .denials import Denial
from .meaning import _meaning_words, meaning_words
from .propositions import Proposition, proposition

# Narration that reports speech or accounts rather than asserting what happened.
_REPORTING = re.compile(
    r"\b(?:says?|said|tells?|told|according to|report(?:s|ed)|den(?:y|ies|ied)|denials?|acknowledg(?:e|es|ed)|"
    r"admit(?:s|ted)|claim(?:s|ed)?|insist(?:s|ed)|announc(?:e|es|ed)|stat(?:es|ed)|statements?|accounts?|"
    r"contradict(?:s|ed)?|confirm(?:s|ed)|describ(?:es|ed)|accus(?:es|ed)|remarks?|interview(?:s|ed)?|"
    r"asserts?|asserted|assertions?|alleg(?:es|ed)|allegations?)\b", re.I)
# A conditional or a forecast is not an account of what happened ("would meet if ...").
_CONDITIONAL = re.compile(r"\b(?:if|unless|would|will|going to|could|might|should|expected to|expects? to|"
                          r"plans? to|planned to|scheduled to|due to)\b", re.I)


def claim_proposition(claim: Claim) -> Proposition:
    """The claim's predicates (with their polarity) and counts; see `propositions`."""
    return _proposition(claim.content or claim.text, claim.polarity == "denied",
                        tuple((code, bool(neg)) for code, neg in claim.extras.get("cameo", ())))


@lru_cache(maxsize=100_000)
def _proposition(text: str, denied: bool, events: tuple[tuple[str | None, bool], ...]) -> Proposition:
    return proposition(text, denied=denied, events=events)


def blocking_keys(claim: Claim, prop: Proposition | None = None) -> list[tuple[str, ...]]:
    """The keys under which a claim is filed for comparison (a pair is compared only when it
    shares one): ("p", person, CAMEO root) for each person it is about and predicate it
    states; ("#", person or article, counted noun) for each count; ("a", article): inside
    one article every two claims are compared (tens of claims, named or not); ("pp", person, person) for each two
    people it is about; ("person", person) for each person,
    which a pointing denial uses to find what it denies in other articles. Computed from the
    claim alone, so a store can index them."""
    prop = prop if prop is not None else claim_proposition(claim)
    about = list(dict.fromkeys(claim.about))
    keys: list[tuple[str, ...]] = [("p", person, root) for person in about for root in prop.predicates]
    # The same name under the same act, whatever linking made of it (a town read as a person in
    # one article and a place in the next still meets itself).
    names = list(dict.fromkeys(n.lower() for n in claim.about_names if n))
    keys.extend(("pn", name, root) for name in names for root in prop.predicates)
    for noun in prop.numbers:
        keys.append(("#", claim.article, noun))
        keys.extend(("#", person, noun) for person in about)
    keys.append(("a", claim.article))
    # The same two parties ("Corvex paid the minister" / "the minister denied Corvex paid him"):
    # a paraphrase the event lexicon does not know still meets across articles.
    ordered = sorted(about)
    keys.extend(("pp", x, y) for n, x in enumerate(ordered) for y in ordered[n + 1:])
    keys.extend(("person", person) for person in about)
    return keys


def conflict_side(claim: Claim, prop: Proposition | None = None, denial: Denial | None = None) -> bool:
    """Whether a claim may be one side of a conflict.

    It must assert something checkable (a predicate, a count, or at least two topic words),
    or deny something; not merely carry another claim ("according to the broadcaster, Brandt
    told ..." is Brandt's account); and not be a conditional or forecast. The outlet's own
    narration counts only as a bare assertion: not hedged, not itself reporting speech.
    """
    if claim.claimant_id is None and claim.claimant.strip().lower() in PERSON_TITLES:
        return False  # "Mayor" in a headline: someone, but the story does not say who here
    if denial is not None:
        return True
    prop = prop if prop is not None else claim_proposition(claim)
    if not prop.predicates and not prop.numbers and len(set(_meaning_words(claim.content or claim.text))) < 2:
        return False
    if claim.extras.get("carries"):
        return False
    if claim.attribution is None and claim.claimant_type == "media" and len(claim.chain) <= 1:
        if claim.polarity == "hedged" or _REPORTING.search(claim.text):
            return False
        if claim.event_types and set(claim.event_types) <= {"STATEMENT", "DENY"}:
            return False
    return True


def conditional(claim: Claim) -> bool:
    return bool(_CONDITIONAL.search(claim.content or claim.text))


@dataclass(slots=True)
class Prepared:
    """Per-claim readings computed once: proposition, meaning words, denial, eligibility."""
    claims: list[Claim]
    props: list[Proposition]
    words: list[list[str]]
    denials: list[Denial | None]
    eligible: np.ndarray
    vectors: sp.csr_matrix
    keys: list[list[tuple[str, ...]]] = field(default_factory=list)


def prepare(claims: list[Claim], denials: list[Denial | None] | None = None) -> Prepared:
    props = [claim_proposition(c) for c in claims]
    # The events stage's reading counts too: an event's CAMEO root is what the words mean.
    words = [meaning_words(c.content or c.text) + [f"#{code[:2]}" for code, _ in c.extras.get("cameo", ())
                                                   if code and code[:2] not in ("01", "")]
             for c in claims]
    denials = denials if denials is not None else [None] * len(claims)
    eligible = np.array([conflict_side(c, p, d) for c, p, d in zip(claims, props, denials)], dtype=bool)
    vocab = Vocab.fit_tokens(words, size=200000, min_df=1)
    keys = [blocking_keys(c, p) for c, p in zip(claims, props)]
    return Prepared(claims=claims, props=props, words=words, denials=denials, eligible=eligible,
                    vectors=vocab.tfidf(words), keys=keys)


def _pairs_in_blocks(members: list[np.ndarray], vectors: sp.csr_matrix, *, max_block: int, top_k: int,
                     min_similarity: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) with i < j, for pairs sharing a block, similarity >= min_similarity.

    Blocks up to `max_block` claims: every pair, enumerated with numpy by block size. Larger
    blocks: a sparse product per chunk of rows, keeping each claim's `top_k` most similar
    partners. Either way no Python loop runs per pair.
    """
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    by_size: dict[int, list[np.ndarray]] = defaultdict(list)
    for m in members:
        if 2 <= len(m) <= max_block:
            by_size[len(m)].append(m)
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
        _, first = np.unique(li * n + ri, return_index=True)
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
               prepared: Prepared | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) worth judging, with their topic similarity: both claims may be a
    conflict side, they share a blocking key (not the bare person key), their meaning words
    are similar, and each is among the other's `top_k` most similar."""
    prep = prepared if prepared is not None else prepare(list(claims))
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, keys in enumerate(prep.keys):
        if prep.eligible[i]:
            for key in keys:
                if key[0] != "person":
                    blocks[key].append(i)
    # A name block holding exactly its person block's claims (linking agreed) adds no pair.
    unique = {tuple(m) for m in blocks.values() if len(m) >= 2}
    members = [np.array(m, dtype=np.int64) for m in unique]
    li, ri, sims = _pairs_in_blocks(members, prep.vectors, max_block=max_block, top_k=top_k,
                                    min_similarity=min_similarity)
    keep = _top_k(li, ri, sims, top_k)
    return li[keep], ri[keep], sims[keep]


def candidate_pairs(claims: Sequence[Claim], **kwargs: object) -> set[tuple[int, int]]:
    """The candidate index pairs of `candidates`, as a set."""
    li, ri, _ = candidates(claims, **kwargs)  # type: ignore[arg-type]
    return set(zip(li.tolist(), ri.tolist()))
