"""FNC-1 stance evaluation: train, then score a held-out split (or the competition test set).

The default split holds out a fifth of FNC-1's topics (`split_by_topic`): no headline, no
body and no story is on both sides, as in the competition test set, whose claims are new. A
split by body ids alone (`split="body"`) keeps every headline on both sides and flatters:
0.889 / disagree F1 0.553 there against 0.805 / 0.217 on the competition test. The FNC-1
score gives 0.25 for getting related/unrelated right and 0.75 more for the exact related
label; we report it as a fraction of the maximum.
"""
from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..stance.model import EPOCHS, LABELS, StanceModel
from .metrics import PRF

RELATED = ("agree", "disagree", "discuss")


def load_fnc1(bodies_csv: Path, stances_csv: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Bodies by id and (headline, body id, stance) rows."""
    with bodies_csv.open(encoding="utf-8", newline="") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with stances_csv.open(encoding="utf-8", newline="") as f:
        rows = [(row["Headline"], row["Body ID"], row["Stance"]) for row in csv.DictReader(f)]
    return bodies, rows


def split_by_body(rows: list[tuple[str, str, str]], *, holdout: float = 0.2,
                  seed: int = 1) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Training and held-out rows, split on body ids so no body is in both."""
    ids = sorted({r[1] for r in rows}, key=int)
    rng = np.random.default_rng(seed)
    rng.shuffle(ids)
    held = set(ids[: int(len(ids) * holdout)])
    return [r for r in rows if r[1] not in held], [r for r in rows if r[1] in held]


def topics(rows: list[tuple[str, str, str]]) -> dict[str, int]:
    """Topic of every headline ("h:" + text) and body ("b:" + id): the groups that related
    (agree, disagree, discuss) pairs join. FNC-1's unrelated pairs are random pairings across
    topics, so they join nothing."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for headline, body, stance in rows:
        a, b = find("h:" + headline), find("b:" + body)
        if stance != "unrelated" and a != b:
            parent[a] = b
    roots = {r: i for i, r in enumerate(sorted({find(x) for x in parent}))}
    return {x: roots[find(x)] for x in parent}


def split_by_topic(rows: list[tuple[str, str, str]], *, fold: int = 0, folds: int = 5,
                   seed: int = 1) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Training and held-out rows with no headline, no body and no topic on both sides.

    Topics go to `folds` folds with about equal disagree and related pair counts (ties
    shuffled with `seed`); the held-out side is fold `fold`. Unrelated pairs that join a
    held-out and a training topic are dropped, so the held-out side shares nothing with
    training: like the competition test set, whose claims are new. A split by body alone
    keeps each headline on both sides; one that also drops training pairs whose headline is
    held out keeps almost nothing (each headline meets ten or more bodies: 717 of 50k pairs).
    """
    topic = topics(rows)
    related = np.zeros((max(topic.values(), default=-1) + 1, 2))  # (disagree, related) per topic
    for headline, _, stance in rows:
        related[topic["h:" + headline]] += (stance == "disagree", stance != "unrelated")
    # Largest disagree counts first (ties shuffled by the seed), each to the fold with the
    # fewest disagree pairs, then the fewest related ones: the rare class spread evenly.
    shuffled = np.random.default_rng(seed).permutation(len(related))
    order = shuffled[np.argsort(-related[shuffled, 0], kind="stable")]
    load, fold_of = np.zeros((folds, 2)), np.zeros(len(related), dtype=int)
    for t in order:
        fold_of[t] = int(np.lexsort((load[:, 1], load[:, 0]))[0])
        load[fold_of[t]] += related[t]
    held = [fold_of[topic["h:" + h]] == fold for h, _, _ in rows]
    other = [fold_of[topic["b:" + b]] == fold for _, b, _ in rows]
    return ([r for r, a, b in zip(rows, held, other) if not a and not b],
            [r for r, a, b in zip(rows, held, other) if a and b])


def fnc_score(gold: list[str], pred: list[str]) -> float:
    """The official FNC-1 weighted score as a fraction of the best possible."""
    got = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 + (0.75 if g in RELATED else 0.0)
        if g == p:
            got += 0.25 + (0.75 if g in RELATED else 0.0)
        elif g in RELATED and p in RELATED:
            got += 0.25
    return got / best if best else 0.0


def score(gold: list[str], pred: list[str]) -> dict[str, Any]:
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        prf = PRF()
        for g, p in zip(gold, pred):
            prf.tp += g == label and p == label
            prf.fp += g != label and p == label
            prf.fn += g == label and p != label
        per_class[label] = prf.as_dict()
    confusion = {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in LABELS}
                 for g in LABELS}
    return {"score": round(fnc_score(gold, pred), 4),
            "macro_f1": round(float(np.mean([per_class[k]["f1"] for k in LABELS])), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
            "per_class": per_class, "confusion": confusion, "n": len(gold)}


def evaluate(path: str | Path, *, test_dir: str | Path | None = None, split: str = "topic",
             fold: int = 0, folds: int = 5, seed: int = 1, holdout: float = 0.2, epochs: int = EPOCHS,
             model_out: str | Path | None = None) -> dict[str, Any]:
    """Train the stance model and score it (silent).

    Args:
        path: the FNC-1 folder with train_bodies.csv and train_stances.csv.
        test_dir: a folder with competition_test_bodies.csv and competition_test_stances.csv;
            when given, train on all training pairs and score that test set instead.
        split: "topic" (held-out fold `fold` of `folds` topic folds: no headline or body on
            both sides) or "body" (the older `holdout` share of body ids; headlines shared).
        seed: the seed of the split (and of the MLPs).
        model_out: where to save the trained model (optional).
    Returns: score, macro_f1, accuracy, per_class (p/r/f1), confusion, n, split, seconds.
    """
    start = time.perf_counter()
    root = Path(path)
    bodies, rows = load_fnc1(root / "train_bodies.csv", root / "train_stances.csv")
    if test_dir is not None:
        test_root = Path(test_dir)
        test_bodies, test = load_fnc1(test_root / "competition_test_bodies.csv",
                                      test_root / "competition_test_stances.csv")
        train, name = rows, "competition_test"
    elif split == "topic":
        train, test = split_by_topic(rows, fold=fold, folds=folds, seed=seed)
        test_bodies, name = bodies, f"topic_fold{fold}of{folds}_seed{seed} (no headline or body on both sides)"
    elif split == "body":
        train, test = split_by_body(rows, holdout=holdout, seed=seed)
        test_bodies, name = bodies, f"heldout_{int(holdout * 100)}pct_bodies_seed{seed} (headlines shared)"
    else:
        raise ValueError(f"unknown split {split!r}: topic or body")
    model = StanceModel.fit([r[0] for r in train], [bodies[r[1]] for r in train], [r[2] for r in train],
                            epochs=epochs, seed=seed)
    if model_out is not None:
        model.save(model_out)
    pred = model.predict([r[0] for r in test], [test_bodies[r[1]] for r in test])
    result = score([r[2] for r in test], pred)
    result.update(split=name, n_train=len(train), seconds=round(time.perf_counter() - start, 1))
    return result


def report(result: dict[str, Any]) -> str:
    """The figures for people; the last line is the one-line summary."""
    lines = [f"FNC-1 stance ({result['split']}): {result['n']} pairs scored, "
             f"{result.get('n_train', '?')} trained, {result.get('seconds', '?')}s",
             f"  weighted score {result['score']:.4f} (fraction of max; Talos 0.8202 on the official test)",
             f"  accuracy {result['accuracy']:.4f}  macro-F1 {result['macro_f1']:.4f}",
             "  class       p      r      f1"]
    for label in LABELS:
        c = result["per_class"][label]
        lines.append(f"  {label:<10} {c['p']:.3f}  {c['r']:.3f}  {c['f1']:.3f}")
    lines.append("  confusion (rows gold, columns predicted): " + " ".join(LABELS))
    for g in LABELS:
        lines.append(f"  {g:<10} " + " ".join(f"{result['confusion'][g][p]:>6}" for p in LABELS))
    lines.append(f"stance: score={result['score']:.4f} disagree_f1={result['per_class']['disagree']['f1']:.3f} "
                 f"macro_f1={result['macro_f1']:.3f} split={result['split'].split()[0]}")
    return "\n".join(lines)
