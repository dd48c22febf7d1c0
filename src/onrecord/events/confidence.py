"""A learned check on each candidate event: is this trigger, with these parties, a coded happening?

The trigger tables and the parse rules propose candidates; a logistic regression over features of
the candidate (its type and CAMEO root, which table proposed it and how specific the pattern was,
the trigger's part of speech and dependency, negation and intent, whether it found an actor and a
recipient, the entity types of its subject and object, the rule flags that would otherwise drop
it) keeps or drops it. Not whether the parties have a country: the PLOVER gold codes only events
between coded actors, so that feature would learn the benchmark's selection, not what happened. It is trained by
scripts/train_event_scorer.py on the PLOVER dev sentences coded the way unseen sentences are:
each with the lexicon of its cross-validation fold (eval/events_cv.py), so the candidates it
learns from are those an unseen sentence gets, PETRARCH fall-backs included. Lemmas are not
features: the model must hold on verbs it never saw.

A candidate it turns down still counts as another telling of an event it kept (events.link_mentions).
Without a shipped model (data/events/event_scorer.json) every unflagged candidate is kept, as
before the scorer existed; none ships now (it cost recall on unseen VOA stories, docs/events.md). STATEMENT and DENY, which the PLOVER gold never codes, are left to the rules.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

MODEL_FILE = "event_scorer.json"
_DATA = "onrecord.data.events"


@dataclass(slots=True)
class EventScorer:
    """Weights of a binary logistic regression over string features; keep when p >= threshold."""
    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, feats: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, feats: Sequence[str], flags: Sequence[str] = ()) -> bool:  # noqa: ARG002 - flags are features
        return self.probability(feats) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "EventScorer":
        return cls(dict(d["weights"]), float(d["bias"]), float(d.get("threshold", 0.5)), dict(d.get("meta", {})))


class RuleScorer:
    """No model: keep every candidate no rule flagged (the behaviour before the scorer)."""

    def keep(self, feats: Sequence[str], flags: Sequence[str] = ()) -> bool:  # noqa: ARG002
        return not flags


class Recorder:
    """For training: keeps every candidate, flagged or not, and records its features by trigger."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, list[str]]] = []   # (trigger start char, features)
        self.at: int = -1

    def keep(self, feats: Sequence[str], flags: Sequence[str] = ()) -> bool:  # noqa: ARG002
        self.rows.append((self.at, list(feats)))
        return True


Judge = EventScorer | RuleScorer | Recorder

_INTENT_AUX = frozenset("will would 'll shall may might could should must".split())


def _ent(tok: Token | None) -> str:
    if tok is None:
        return "none"
    if tok.ent_type_:
        return tok.ent_type_
    return "pron" if tok.pos_ == "PRON" else tok.pos_.lower()


def candidate_features(head: Token, etype: str, cameo: str, entry: Any, light: Token | None,
                       subj: Token | None, rec: Token | None, actors: Sequence[Any], recipients: Sequence[Any],
                       flags: Sequence[str], *, negated: bool = False) -> list[str]:
    """String features of one candidate event; no lemma, so the model holds on unseen verbs."""
    root = cameo[:2]
    source = "ours" if entry.source == "triggers.tsv" else "pet"
    spec = min(len(entry.words), 2)
    verb = light or head
    kids = list(verb.children)
    auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    feats = [
        f"type={etype}", f"root={root}", f"src={source}", f"spec={spec}", f"src_spec={source}{spec}",
        f"pos={head.pos_}", f"dep={verb.dep_}", f"headpos={verb.head.pos_}",
        f"light={light is not None}", f"actor={bool(actors)}", f"rec={bool(recipients)}",
        f"type_actor={etype}:{bool(actors)}", f"type_rec={etype}:{bool(recipients)}",
        f"src_actor={source}:{bool(actors)}:{bool(recipients)}",
        f"subj={_ent(subj)}", f"obj={_ent(obj if rec is None else rec)}", f"type_dep={etype}:{verb.dep_}",
        f"neg={negated}", f"intent={bool(auxes & _INTENT_AUX)}", f"passive={'auxpass' in {c.dep_ for c in kids}}",
        f"root_src={root}:{source}",
    ]
    feats += [f"flag={f}" for f in flags]
    return feats


def fit(rows: Sequence[Sequence[str]], labels: Sequence[int], *, c: float = 0.5,
        threshold: float = 0.5) -> EventScorer:
    """Train the scorer (scikit-learn, training time only) on feature lists and 0/1 labels."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in r} for r in rows])
    if len(set(labels)) < 2:
        return EventScorer({}, 5.0 if labels and labels[0] else -5.0, threshold)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, list(labels))
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])}
    return EventScorer(weights, float(model.intercept_[0]), threshold, {"rows": len(rows), "C": c})


@lru_cache(maxsize=1)
def shipped() -> Judge:
    """The shipped scorer, or the rule-only judge when none is shipped."""
    path = resources.files(_DATA).joinpath(MODEL_FILE)
    if not path.is_file():
        return RuleScorer()
    return EventScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))
