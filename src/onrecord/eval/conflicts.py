"""Score conflicts on a hand-annotated story benchmark (../shared/data/conflicts/voa_dev.jsonl).

Each story is analysed by the pipeline and its record built alone (the benchmark asks what one
story holds; a conflict between two stories is never scored). Scoring follows the reference
scorer `../shared/tools/score_conflicts.py`: per story, a predicted conflict matches a gold one
when its side a overlaps one gold side (primary span or any `alt`) and its side b the other,
in either order; matching is one-to-one, maximum cardinality, ties broken by the largest total
character overlap. Conflicts are micro-averaged; false alarms are the predictions in stories
whose gold has no conflict, per such story.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..model import Article, Meta
from ..pipeline import analyse_batch
from ..record import build_record

Ranges = list[tuple[int, int]]
_BIG = 10 ** 9  # a match always outweighs any overlap total: cardinality first, as in the reference


def _ranges(span: Any) -> Ranges:
    if not span:
        return []
    if isinstance(span[0], int):
        span = [span]
    out: Ranges = []
    for r in span:
        try:
            s, e = int(r[0]), int(r[1])
        except (TypeError, ValueError, IndexError):
            continue
        if e > s:
            out.append((s, e))
    return out


def _side(side: Any, with_alt: bool) -> Ranges:
    if not isinstance(side, dict):
        return []
    out = _ranges(side.get("span"))
    if with_alt:
        for alt in side.get("alt") or []:
            if isinstance(alt, dict):
                out.extend(_ranges(alt.get("span")))
    return out


def _read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_gold(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Story id -> gold conflicts, each {"kind", "a": ranges, "b": ranges} with alts folded in."""
    return {str(row["article"]): [{"kind": c.get("kind"), "a": _side(c.get("a"), True), "b": _side(c.get("b"), True)}
                                  for c in row.get("conflicts") or []] for row in _read_jsonl(path)}


def group_predictions(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Contract-shaped conflict lines -> story id -> predictions; lines whose sides lie in two
    different articles are left out (the benchmark scores single stories)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        a, b = row.get("a"), row.get("b")
        if not isinstance(a, dict) or not isinstance(b, dict):
            continue
        aa, ab = a.get("article", row.get("article")), b.get("article", row.get("article"))
        if aa is None or str(aa) != str(ab):
            continue
        out[str(aa)].append({"kind": row.get("kind"), "a": _side(a, False), "b": _side(b, False)})
    return out


def _overlap(left: Ranges, right: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in left for s2, e2 in right)


def _weight(pred: dict[str, Any], gold: dict[str, Any]) -> int:
    best = 0
    for ga, gb in ((gold["a"], gold["b"]), (gold["b"], gold["a"])):
        oa, ob = _overlap(pred["a"], ga), _overlap(pred["b"], gb)
        if oa > 0 and ob > 0:
            best = max(best, oa + ob)
    return best


def match_story(golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs of the one-to-one matching."""
    if not golds or not preds:
        return []
    raw = np.array([[_weight(p, g) for g in golds] for p in preds], dtype=np.float64)
    weight = np.where(raw > 0, _BIG + raw, 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if raw[i, j] > 0]


def score(gold: dict[str, list[dict[str, Any]]], preds: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Precision, recall, F1, recall per gold kind and false alarms per conflict-free story."""
    tp = fp = fn = 0
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "matched": 0})
    free = [a for a, g in gold.items() if not g]
    false_alarms = 0
    per_story: dict[str, dict[str, int]] = {}
    for aid, golds in gold.items():
        ps = preds.get(aid, [])
        matches = match_story(golds, ps)
        tp, fp, fn = tp + len(matches), fp + len(ps) - len(matches), fn + len(golds) - len(matches)
        for g in golds:
            kinds[g["kind"]]["gold"] += 1
        for _, gi in matches:
            kinds[golds[gi]["kind"]]["matched"] += 1
        if not golds:
            false_alarms += len(ps)
        per_story[aid] = {"gold": len(golds), "pred": len(ps), "tp": len(matches)}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"stories": len(gold), "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "recall_by_kind": {k: {**v, "recall": v["matched"] / v["gold"]} for k, v in sorted(kinds.items())},
            "conflict_free_stories": len(free), "false_alarms": false_alarms,
            "false_alarms_per_free_story": false_alarms / len(free) if free else 0.0, "per_story": per_story}


def predict(stories: Iterable[dict[str, Any]], *, use_stance: bool = True) -> list[dict[str, Any]]:
    """Contract-shaped conflict lines for story rows (id, text, and optional url, title,
    published, outlet), each story analysed and its record built alone."""
    articles = [Article(id=str(s["id"]), text=s["text"],
                        meta=Meta(url=s.get("url"), title=s.get("title"),
                                  published=(s.get("published") or s.get("date") or "")[:10] or None,
                                  outlet=s.get("outlet")))
                for s in stories]
    lines: list[dict[str, Any]] = []
    for record in analyse_batch(articles):
        lines.extend(c.to_dict() for c in build_record([record], use_stance=use_stance).conflicts)
    return lines


def halves(ids: Iterable[str]) -> dict[str, set[str]]:
    """The tuning split: half A holds the even story ids, half B the odd ones (ids that are
    not numbers go by the parity of their length)."""
    out: dict[str, set[str]] = {"A": set(), "B": set()}
    for i in ids:
        n = int(i) if i.isdigit() else len(i)
        out["A" if n % 2 == 0 else "B"].add(i)
    return out


def evaluate(gold_path: str | Path, stories_path: str | Path, *, half: str = "all",
             use_stance: bool = True) -> dict[str, Any]:
    """Analyse the gold's stories from STORIES_PATH, find conflicts per story and score them.

    Args:
        gold_path: one JSON line per story, {"article": id, "conflicts": [...]}.
        stories_path: one JSON line per story with `id` and `text`; others are skipped.
        half: "all", or "A" / "B" (see `halves`) to score one half of the stories.
    Returns:
        the `score` figures, plus `predictions` (the conflict lines) and `half`.
    """
    gold = load_gold(gold_path)
    if half != "all":
        keep = halves(gold)[half]
        gold = {k: v for k, v in gold.items() if k in keep}
    stories = [s for s in _read_jsonl(stories_path) if str(s.get("id")) in gold]
    lines = predict(stories, use_stance=use_stance)
    result = score(gold, group_predictions(lines))
    result["half"] = half
    result["predictions"] = lines
    return result


def report(result: dict[str, Any]) -> str:
    out = [f"stories: {result['stories']} ({result['conflict_free_stories']} conflict-free), half {result['half']}",
           f"TP {result['tp']}  FP {result['fp']}  FN {result['fn']}"]
    for kind, v in result["recall_by_kind"].items():
        out.append(f"recall {kind}: {v['recall']:.3f} ({v['matched']}/{v['gold']})")
    out.append(f"false alarms per conflict-free story: {result['false_alarms_per_free_story']:.2f} "
               f"({result['false_alarms']} in {result['conflict_free_stories']} stories)")
    out.append(f"conflicts: P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f} "
               f"false_alarms={result['false_alarms_per_free_story']:.2f}")
    return "\n".join(out)
