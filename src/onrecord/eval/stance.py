"""FNC-1 stance evaluation: train, then score a held-out split (or the competition test set).

Held-out mode trains on the training pairs minus 20% of body ids (fixed seed) and scores the
rest, so no body is seen twice. The FNC-1 score gives 0.25 for getting related/unrelated
right and 0.75 more for the exact related label; we report it as a fraction of the maximum.
"""
from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..stance.model import LABELS, StanceModel
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


def evaluate(path: str | Path, *, test_dir: str | Path | None = None, seed: int = 1,
             holdout: float = 0.2, epochs: int = 12, model_out: str | Path | None = None) -> dict[str, Any]:
    """Train the stance model and score it (silent).

    Args:
        path: the FNC-1 folder with train_bodies.csv and train_stances.csv.
        test_dir: a folder with competition_test_bodies.csv and competition_test_stances.csv;
            when given, train on all training pairs and score that test set instead.
        seed: the seed of the body-id split (and of the MLP).
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
        train, split = rows, "competition_test"
    else:
        train, test = split_by_body(rows, holdout=holdout, seed=seed)
        test_bodies, split = bodies, f"heldout_{int(holdout * 100)}pct_bodies_seed{seed}"
    model = StanceModel.fit([r[0] for r in train], [bodies[r[1]] for r in train], [r[2] for r in train],
                            epochs=epochs, seed=seed)
    if model_out is not None:
        model.save(model_out)
    pred = model.predict([r[0] for r in test], [test_bodies[r[1]] for r in test])
    result = score([r[2] for r in test], pred)
    result.update(split=split, n_train=len(train), seconds=round(time.perf_counter() - start, 1))
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
    lines.append(f"stance: score={result['score']:.4f} "
                 f"disagree_f1={result['per_class']['disagree']['f1']:.3f} macro_f1={result['macro_f1']:.3f}")
    return "\n".join(lines)
