"""Content boundaries learned on PolNeAR train: every word of a cue's sentence is scored as
content or not from its place in the parse relative to the cue, and from what the rules in
content.py chose; the best run of content words becomes the span.

A logistic regression over sparse features, trained by scripts/train_attribution.py; the
weights ship as JSON (feature -> weight) so that scoring needs only the standard library.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities import doc_text as _doc_text
from ..text.doc import doc_cache
from ..model import Span
from .content import trim

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .quotes import QuoteIndex

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution" / "content_model.json"


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else ("4-6" if n <= 6 else ("7-12" if n <= 12 else "13+"))


_BUCKETS = [_bucket(n) for n in range(14)]


class _DocArrays:
    """Per-article columns read once with Doc.to_array (Token objects are slow to make)."""

    __slots__ = ("deps", "doc", "heads", "idx", "inq", "n", "poss", "sepcum", "starts")

    def __init__(self, doc) -> None:  # noqa: ANN001 - spaCy Doc
        from itertools import accumulate

        from spacy.attrs import DEP, HEAD, IDX, POS, SENT_START

        arr = doc.to_array([HEAD, DEP, POS, IDX, SENT_START])
        strings = doc.vocab.strings
        n = self.n = len(doc)
        # HEAD is an offset, and to_array returns unsigned integers: read it back as signed.
        heads = arr[:, 0].astype("int64").tolist()
        dep_ids, pos_ids, self.idx = arr[:, 1].tolist(), arr[:, 2].tolist(), arr[:, 3].tolist()
        starts = arr[:, 4].astype("int64").tolist()
        names = {k: strings[k] for k in {*dep_ids, *pos_ids}}
        self.heads = [i + h for i, h in enumerate(heads)]
        self.deps = [names[k] for k in dep_ids]
        self.poss = [names[k] for k in pos_ids]
        self.starts = [k for k, v in enumerate(starts) if v == 1 or k == 0]
        self.inq: list[int | None] = [None] * n
        text = _doc_text(doc)  # running count of words that open with a separator: , ; : — – (
        self.sepcum = [0, *accumulate(text[i:i + 1] in _SEPS for i in self.idx)]

    def bounds(self, i: int) -> tuple[int, int]:
        """The first token of token i's sentence and the one after its last."""
        k = bisect_right(self.starts, i) - 1
        return self.starts[k], (self.starts[k + 1] if k + 1 < len(self.starts) else self.n)


_SEPS = frozenset(",;:—–(")


def _arrays(doc) -> _DocArrays:  # noqa: ANN001
    values = doc_cache(doc)
    arrays = values.get("tagger_arrays")
    if arrays is None:
        arrays = values["tagger_arrays"] = _DocArrays(doc)
    return arrays


def _covered(idx: list[int], spans: list[Span], first: int, end: int) -> set[int]:
    """The tokens of [first, end) that start inside one of the spans."""
    out: set[int] = set()
    for s, e in spans:
        out.update(range(bisect_left(idx, s, first, end), bisect_left(idx, e, first, end)))
    return out


def _keys(cue: "Token", rule: list[Span], source: list[Span], quotes: "QuoteIndex") -> tuple[list, tuple, list]:
    """The token indices of the cue's sentence, what the features take from the cue, and per
    token what they take from the token: its path to the cue, side, distance, the separators
    in between, part of speech, whether the rules put it in the content or source, quotation."""
    a = _arrays(cue.doc)
    heads, deps, poss, idx, sepcum = a.heads, a.deps, a.poss, a.idx, a.sepcum
    c = cue.i
    first, end = a.bounds(c)
    inq = a.inq
    if inq[first] is None:
        for k in range(first, end):
            inq[k] = int(quotes.inside(idx[k]))
    cue_anc = [c]
    while heads[cue_anc[-1]] != cue_anc[-1] and len(cue_anc) < 40:
        cue_anc.append(heads[cue_anc[-1]])
    cue_pos = {t: k for k, t in enumerate(cue_anc)}
    # Per token: the first node on its way up that is the cue or one of its ancestors (or the
    # root), the first three labels down from there, and the number of steps; each token's
    # path is walked once, the rest taken from its head's.
    path: dict[int, tuple[int, tuple, int]] = {}
    for t in range(first, end):
        stack = []
        node = t
        while node not in path:
            if node in cue_pos or heads[node] == node:
                path[node] = (node, (), 0)
                break
            stack.append(node)
            node = heads[node]
        for n in reversed(stack):
            top, down, steps = path[heads[n]]
            path[n] = (top, down if len(down) >= 3 else (*down, deps[n]), steps + 1)
    in_rule = _covered(idx, rule, first, end)
    in_src = _covered(idx, source, first, end)
    keys = []
    toks = list(range(first, end))
    buckets = _BUCKETS
    for t in toks:
        node, down, steps = path[t]
        if node == c:
            up, updep = 0, ""
        else:
            up = cue_pos.get(node, -1)
            updep = deps[cue_anc[up - 1]] if up > 0 else "-"
        lo, hi = (t, c) if t < c else (c, t)
        keys.append((node == c, up, updep, down, buckets[min(steps, 13)],
                     "L" if t < c else ("R" if t > c else "C"), buckets[min(hi - lo, 13)], poss[t], deps[t],
                     t in in_rule, t in in_src, min(sepcum[hi] - sepcum[lo + 1], 3) if hi - lo > 1 else 0, inq[t]))
    return toks, (cue.lemma_.lower(), deps[c], poss[c], int(bool(rule)), inq[c]), keys


def _features(cue_key: tuple, key: tuple) -> list[str]:
    lemma, cue_dep, cue_pos, has_rule, cue_in_q = cue_key
    is_cue, up, updep, down, depth, side, dist, pos, dep, in_rule, in_src, nsep, inq = key
    if is_cue:
        rel = "down" if down else "self"
        br = down[0] if down else "-"
        br2 = "/".join(down[:2])
        br3 = "/".join(down)
    else:
        rel = "up" if up >= 0 else "far"
        br = f"^{min(up, 3)}:{updep}>{down[0] if down else '-'}"
        br2 = br3 = f"{br}/{down[1] if len(down) > 1 else '-'}"
    r = f"{int(in_rule)}{int(in_src)}{has_rule}"
    q = f"{inq}{cue_in_q}"
    return [
        "bias", f"rel={rel}", f"br={br}", f"br2={br2}", f"br3={br3}", f"side={side}",
        f"dist={side}{dist}", f"depth={depth}", f"pos={pos}",
        f"dep={dep}", f"rule={r}", f"br|rule={br}|{r}", f"br2|rule={br2}|{r}", f"side|rule={side}|{r}",
        f"br|side={br}|{side}", f"lemma|br={lemma}|{br}", f"pos|br={pos}|{br}", f"sep={side}{nsep}",
        f"sep|rule={nsep}|{r}|{side}", f"q={q}", f"q|rule={q}|{r}", f"cuedep={cue_dep}|{rel}",
        f"cuepos={cue_pos}|{br}",
    ]


def sentence_features(cue: "Token", rule: list[Span], source: list[Span], quotes: "QuoteIndex") -> tuple[list, list]:
    """The token indices of the cue's sentence and the sparse features of each (cue, token) pair."""
    toks, cue_key, keys = _keys(cue, rule, source, quotes)
    return toks, [_features(cue_key, k) for k in keys]


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The content model, loaded once per process. It carries `memo`: scores of (cue, token)
    keys already seen (most words of most sentences repeat one), valid for this model only."""
    if not MODEL_PATH.exists():
        return None
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model["memo"] = {}
    return model


def probabilities(cue: "Token", rule: list[Span], source: list[Span], quotes: "QuoteIndex",
                  model: dict) -> tuple[list, list[float]]:
    toks, cue_key, keys = _keys(cue, rule, source, quotes)
    get = model["weights"].get
    b = model["bias"]
    scores = model.setdefault("memo", {})
    if len(scores) > 200_000:
        scores.clear()
    probs = []
    for key in keys:
        full = (cue_key, key)
        p = scores.get(full)
        if p is None:
            feats = _features(cue_key, key)
            z = b + sum(map(get, feats, repeat(0.0, len(feats))))
            p = scores[full] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        probs.append(p)
    return toks, probs


def decode(toks: list, probs: list[float], cue: "Token", threshold: float) -> tuple[int, int] | None:
    """The run of content words (token indices, inclusive) with the most weight; punctuation
    inside a run does not break it."""
    best: tuple[float, int, int] | None = None
    start = None
    score = 0.0
    last = None
    punct = _arrays(cue.doc).poss
    for t, p in zip(toks, probs):
        if t == cue.i:
            p = 0.0
        if p >= threshold:
            if start is None:
                start, score = t, 0.0
            score += p - threshold + 0.01
            last = t
        elif punct[t] == "PUNCT" and start is not None:
            continue
        else:
            if start is not None and (best is None or score > best[0]):
                best = (score, start, last)
            start = None
    if start is not None and (best is None or score > best[0]):
        best = (score, start, last)
    return None if best is None else (best[1], best[2])


def refine(cue: "Token", rule: list[Span], source: list[Span], text: str, quotes: "QuoteIndex",
           *, fill: bool = True, blend: "tuple[dict[int, float], float] | None" = None) -> list[Span]:
    """The rules' content or the learned span, whichever the tagger scores higher (the sum of
    p - threshold over its words); the learned span always wins where it covers the rules'
    (they often stop short: a conjoined clause, an object the parser cut off) and, with `fill`,
    where the rules found nothing. Content beyond the cue's sentence (quotations) stays the rules'.
    `blend` = (token index -> content probability, weight): another model's probabilities (the
    transformer's), mixed in with that weight for the words it scored."""
    model = load_model()
    if model is None or cue.lower_ == "according":
        return rule
    doc = cue.doc
    arrays = _arrays(doc)
    first, end = arrays.bounds(cue.i)
    start_char, end_char = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if any(s < start_char or e > end_char for s, e in rule):
        return rule
    threshold = model.get("threshold", 0.5)
    toks, probs = probabilities(cue, rule, source, quotes, model)
    if blend is not None:
        other, w = blend
        probs = [p if t not in other else (1 - w) * p + w * other[t] for t, p in zip(toks, probs)]
    rng = decode(toks, probs, cue, threshold)
    if rng is None:
        return rule
    region = (min([cue.idx, *(s for s, _ in source)]), max([cue.idx + len(cue.text), *(e for _, e in source)]))
    lo, hi = doc[rng[0]], doc[rng[1]]
    span = (lo.idx, hi.idx + len(hi.text))
    pieces = [span] if span[1] <= region[0] or span[0] >= region[1] else [
        p for p in ((span[0], region[0]), (region[1], span[1])) if p[1] > p[0]]
    learned = [p for p in (trim(text, p) for p in pieces) if p]
    if not learned:
        return rule
    if not rule:
        return learned if fill else rule
    if all(any(ls <= s and e <= le for ls, le in learned) for s, e in rule):
        return learned
    idx = arrays.idx

    def score(spans: list[Span]) -> float:
        return sum(p - threshold for t, p in zip(toks, probs) if any(s <= idx[t] < e for s, e in spans))

    return learned if score(learned) > score(rule) else rule
