"""Cue detection: which words introduce an attribution ("said", "told", "according to").

A logistic-regression classifier over parse features, trained on PolNeAR train by
scripts/train_attribution.py, scores every candidate token; its weights ship as JSON so
that scoring needs no learning library at run time.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities import columns

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .quotes import QuoteIndex

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution" / "cue_model.json"
# Used only when the shipped model is missing: the commonest PolNeAR cue lemmas.
_FALLBACK_LEMMAS = frozenset(
    "say tell add write ask report announce note suggest tweet argue claim insist deny warn "
    "explain acknowledge believe think accuse reveal confirm state declare recall predict".split()
)
_CORE_SPEECH = frozenset("say report tell add write announce claim insist deny".split())
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "dobj", "prep", "agent", "nsubj", "nsubjpass", "attr",
                          "acl", "poss"})


_NOUN_ARGS = frozenset("of about on against for over with".split())


def is_candidate(tok: "Token") -> bool:
    """Tokens the classifier looks at: verbs; nouns that take a clause, a possessor or a topic
    ("the claim that", "his belief", "criticism of"); and the 'according' of 'according to'."""
    return _candidate_at(columns(tok.doc), tok.i)


def _candidate_at(cols, i: int) -> bool:  # noqa: ANN001 - entities.Columns
    """is_candidate for token i, read from the doc's columns."""
    pos = cols.pos[i]
    if pos == "VERB":
        return True
    deps, lowers = cols.dep, cols.lower
    if pos == "NOUN":
        return any(deps[c] in ("acl", "ccomp", "poss") or (deps[c] == "prep" and lowers[c] in _NOUN_ARGS)
                   for c in cols.children(i))
    return lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to"


def sentence_quoted(sent, quotes: "QuoteIndex") -> bool:  # noqa: ANN001 - spaCy Span
    """Whether a sentence starts, ends or is centred in a quotation."""
    return any(quotes.inside(t.idx) for t in (sent[0], sent[-1])) or any(
        quotes.inside(sent.start_char + k) for k in (1, (sent.end_char - sent.start_char) // 2))


def features(tok: "Token", quotes: "QuoteIndex", sent_quote: bool | None = None) -> list[str]:
    """Sparse binary features of one candidate token (`sent_quote` precomputed per sentence)."""
    cols = columns(tok.doc)  # read from the doc's columns: Token objects are slow to make
    all_deps, all_lower = cols.dep, cols.lower
    i = tok.i
    kids = cols.children(i)
    kid_deps = [all_deps[c] for c in kids]
    lemma = cols.lemma[i]
    pos, tag, dep, head = cols.pos[i], cols.tag[i], all_deps[i], cols.head[i]
    deps = sorted({d for d in kid_deps if d in _CLAUSE_DEPS})
    in_quote = quotes.inside(cols.idx[i])
    if sent_quote is None:
        sent_quote = sentence_quoted(tok.sent, quotes)
    has_subj = any(d in ("nsubj", "nsubjpass") for d in kid_deps)
    prev = all_lower[i - 1] if i > 0 else "<s>"
    nxt = all_lower[i + 1] if i + 1 < len(all_lower) else "</s>"
    feats = [
        "bias", f"pos={pos}", f"lemma={lemma}", f"tag={tag}", f"dep={dep}", f"lemma|dep={lemma}|{dep}",
        f"lemma|tag={lemma}|{tag}", f"head={cols.lemma[head]}|{dep}",
        f"prev={prev}", f"next={nxt}", f"lemma|next={lemma}|{nxt}", f"inq={in_quote}",
        f"sentq={sent_quote}", f"subj={has_subj}", f"lemma|subj={lemma}|{has_subj}",
        f"lemma|inq={lemma}|{in_quote}",
    ]
    # "..., The Post reported, citing ...": a parenthetical cue with no content of its own.
    bare = not any(d in deps for d in ("ccomp", "xcomp", "dobj"))
    edge = tok.left_edge.i
    before_edge = cols.text[edge - 1] if edge > 0 else "<s>"
    feats.append(f"paren={bare}|{before_edge in (',', '—', '–')}|{dep}|{i > head}")
    feats += [f"child={d}" for d in deps]
    feats += [f"lemma|child={lemma}|{d}" for d in deps]
    feats.append(f"children={'+'.join(deps)}")
    for c, d in zip(kids, kid_deps):
        if d in ("nsubj", "nsubjpass"):
            feats.append(f"subj_pos={cols.pos[c]}")
            feats.append(f"subj_ent={cols.ent_type[c] or '-'}")
        elif d == "prep":
            feats.append(f"lemma|prep={lemma}|{all_lower[c]}")
    return feats


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The shipped cue classifier, or None when it has not been trained."""
    if not MODEL_PATH.exists():
        return None
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def cue_logit(tok: "Token", quotes: "QuoteIndex", sent_quote: bool | None = None) -> float:
    """The linear model's score (log-odds) for one candidate."""
    model = load_model()
    if model is None:
        return 2.2 if tok.lemma_.lower() in _FALLBACK_LEMMAS or tok.lower_ == "according" else -30.0
    weights = model["weights"]
    feats = features(tok, quotes, sent_quote)
    return model["bias"] + sum(map(weights.get, feats, repeat(0.0, len(feats))))


def cue_probability(tok: "Token", quotes: "QuoteIndex", sent_quote: bool | None = None) -> float:
    z = cue_logit(tok, quotes, sent_quote)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(doc, quotes: "QuoteIndex") -> tuple[list["Token"], list[bool]]:  # noqa: ANN001
    """Every cue candidate in document order, with whether its sentence is quoted."""
    toks: list["Token"] = []
    quoted: list[bool] = []
    cols = columns(doc)
    poss, lowers = cols.pos, cols.lower
    for sent in doc.sents:
        # Only verbs, nouns and "according" can be candidates: make Tokens for those alone.
        cands = [doc[i] for i in range(sent.start, sent.end)
                 if poss[i] == "VERB" or ((poss[i] == "NOUN" or lowers[i] == "according") and _candidate_at(cols, i))]
        if cands:
            q = sentence_quoted(sent, quotes)
            toks.extend(cands)
            quoted.extend([q] * len(cands))
    return toks, quoted


# Thresholds by who the source would be. A verb or noun ("Smith's claim") whose source is a
# name or a personal pronoun is kept from a lower score (those are the attributions a reader
# asks "who said it?" of), and a verb with no source at all needs more. Chosen on the
# even-numbered PolNeAR dev articles (lenient F1 0.622 -> 0.632 there), checked on the odd
# ones (0.628 -> 0.631); docs/attribution.md.
NAMED_SOURCE_CUT = 0.3
NO_SOURCE_CUT = 0.8
_SOURCE_PRONOUNS = frozenset("he she they we i who".split())


def _source_named(tok: "Token") -> bool | None:
    """True when the cue's source is a name or a personal pronoun, False for another noun
    phrase, None when it has no source."""
    from .content import source_head  # content reads nothing of the cue model

    head = source_head(tok)
    if head is None:
        return None
    return head.lower_ in _SOURCE_PRONOUNS or head.pos_ == "PROPN" or \
        head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def find_cues(doc, quotes: "QuoteIndex", *, threshold: float | None = None) -> list["Token"]:  # noqa: ANN001
    """Cue head tokens in document order (`threshold`: one cut for every verb instead)."""
    model = load_model()
    toks, quoted = candidates(doc, quotes)
    logits = [cue_logit(tok, quotes, q) for tok, q in zip(toks, quoted)]
    probs = [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for z in logits]
    conf = model or {}
    cut = threshold if threshold is not None else float(conf.get("threshold", 0.5))
    noun_cut = max(cut, float(conf.get("noun_threshold", cut)))
    core_factor = float(conf.get("core_factor", 0.6))
    by_source = threshold is None and model is not None
    low = min(cut, NAMED_SOURCE_CUT) if by_source else cut
    out = []
    weak: set[int] = set()
    for tok, p in zip(toks, probs):
        if tok.pos_ == "NOUN":
            if p >= noun_cut or (by_source and p >= NAMED_SOURCE_CUT and _source_named(tok)):
                out.append(tok)
            continue
        if p < low * core_factor:
            continue  # below every cut: skip the parse walk
        verb_cut = cut
        if by_source and p < NO_SOURCE_CUT:  # over every cut: no parse walk needed
            named = _source_named(tok)
            verb_cut = NO_SOURCE_CUT if named is None else (NAMED_SOURCE_CUT if named else cut)
        # Core speech verbs with a subject are cues even where the parse around them is odd.
        core = tok.lemma_.lower() in _CORE_SPEECH and any(c.dep_ == "nsubj" for c in tok.children)
        if p >= verb_cut or (core and p >= verb_cut * core_factor):
            out.append(tok)
            if verb_cut < cut and p < cut and not (core and p >= cut * core_factor):
                weak.add(tok.i)
    if weak:
        # A verb kept only by the lower cut is dropped inside another cue's clause ("denied
        # that he discussed it"): there it is what was said, not a report of its own.
        strong = {t.i for t in out if t.i not in weak}
        out = [t for t in out if t.i not in weak or not any(a.i in strong for a in t.ancestors)]
    return out
