"""Score the events stage on PLOVER gold sentences (../shared/data/events/plover_gsr_dev.jsonl).

Each gold sentence is parsed alone and run through entities + find_events. Predicted and gold
events are matched one-to-one within a sentence (maximum bipartite matching) at three levels:
  L1 type; L2 type + an actor country in common; L3 type + actor country and sector + recipient
  country and sector (any actor overlapping counts; CONSULT, AGREE, COOPERATE may swap actor and
  recipient; an empty gold recipient is ignored; an empty or '***' gold sector matches anything).
STATEMENT predictions are left out by default: PLOVER gold never annotates them.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..entities import find_entities
from ..events import find_events
from ..text import nlp
from .metrics import PRF

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Gold uses some CAMEO actor codes; international bodies of every kind count as IGO.
_COUNTRY_ALIASES = {"JAP": "JPN", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO", "NGO": "IGO", "IMG": "IGO"}

Actor = tuple[str | None, str | None]  # (country, sector)


def norm_country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return _COUNTRY_ALIASES.get(code, code) or None


def norm_sector(code: str | None) -> str | None:
    code = (code or "").strip().upper()[:3]
    return None if code in ("", "***") else code


def load(path: str | Path) -> list[dict[str, Any]]:
    """Gold sentences; records with the same text are merged (the gold gives one event a line)."""
    by_text: dict[str, dict[str, Any]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"].strip()
        item = by_text.setdefault(text, {"id": rec["id"], "text": text, "date": rec.get("date"), "events": []})
        for ev in rec["events"]:
            item["events"].append({
                "type": ev["event"],
                "actor": [(norm_country(a.get("code")), norm_sector(a.get("sector"))) for a in ev.get("actor", [])],
                "recipient": [(norm_country(a.get("code")), norm_sector(a.get("sector")))
                              for a in ev.get("recipient", [])],
            })
    return list(by_text.values())


def _same(pred: Actor, gold: Actor, *, sector: bool) -> bool:
    if norm_country(pred[0]) != gold[0]:
        return False
    return not sector or gold[1] is None or norm_sector(pred[1]) == gold[1]


def _side(pred: list[Actor], gold: list[Actor], *, sector: bool) -> bool:
    if not gold:
        return True
    return any(_same(p, g, sector=sector) for p in pred for g in gold)


def level_match(level: int, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred["type"] != gold["type"]:
        return False
    if level == 1:
        return True
    if level == 2:
        return _side(pred["actor"], gold["actor"], sector=False) or (
            pred["type"] in SYMMETRIC and _side(pred["recipient"], gold["actor"], sector=False))
    straight = _side(pred["actor"], gold["actor"], sector=True) and _side(pred["recipient"], gold["recipient"], sector=True)
    swapped = pred["type"] in SYMMETRIC and _side(pred["recipient"], gold["actor"], sector=True) and _side(
        pred["actor"], gold["recipient"], sector=True)
    return straight or swapped


def match(preds: list[dict[str, Any]], golds: list[dict[str, Any]],
          ok: Callable[[dict[str, Any], dict[str, Any]], bool]) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> pred index (augmenting paths)."""
    owner: dict[int, int] = {}  # pred -> gold

    def augment(g: int, seen: set[int]) -> bool:
        for p, pred in enumerate(preds):
            if p in seen or not ok(pred, golds[g]):
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def predict(items: list[dict[str, Any]], docs: list[Any] | None = None,
            lexicons: list[Any] | None = None, judges: list[Any] | None = None) -> list[list[dict[str, Any]]]:
    """Predicted events per gold sentence; docs, parses to reuse; lexicons and judges (candidate
    scorers), one per sentence."""
    out = []
    docs = docs if docs is not None else list(nlp.parse([i["text"] for i in items]))
    for n, (item, doc) in enumerate(zip(items, docs)):
        events = find_events(doc, find_entities(doc), [], published=item.get("date"),
                             lexicon=lexicons[n] if lexicons else None, judge=judges[n] if judges else None)
        out.append([{"type": e.type, "cameo": e.cameo, "trigger": [item["text"][s:t] for s, t in e.trigger],
                     "starts": [s for s, _ in e.trigger],
                     "actor": [(a.country, a.sector) for a in e.actor],
                     "recipient": [(r.country, r.sector) for r in e.recipient]} for e in events])
    return out


def evaluate(path: str | Path, *, limit: int | None = None, statements: bool = False) -> dict[str, Any]:
    """Micro P/R/F1 at L1-L3, macro-F1 over types, confusion matrix, extra events, speed.

    Options: limit, score only the first N sentences; statements, count STATEMENT predictions
    (PLOVER gold has none, so by default they are neither right nor wrong).
    """
    items = load(path)[:limit] if limit else load(path)
    t0 = time.perf_counter()
    predictions = predict(items)
    elapsed = time.perf_counter() - t0
    return score(items, predictions, elapsed=elapsed, statements=statements)


def score(items: list[dict[str, Any]], predictions: list[list[dict[str, Any]]], *, elapsed: float = 0.0,
          statements: bool = False) -> dict[str, Any]:
    """The figures of `evaluate` for predictions already made (cross-validation reuses it)."""
    levels = {n: PRF() for n in (1, 2, 3)}
    per_type: dict[str, PRF] = defaultdict(PRF)
    confusion: Counter[tuple[str, str]] = Counter()
    extra = 0
    errors: list[dict[str, Any]] = []
    for item, preds in zip(items, predictions):
        if not statements:
            preds = [p for p in preds if p["type"] != "STATEMENT"]
        golds = item["events"]
        for n, prf in levels.items():
            m = match(preds, golds, lambda p, g, n=n: level_match(n, p, g))
            prf.add(PRF(tp=len(m), fp=len(preds) - len(m), fn=len(golds) - len(m)))
            if n == 1:
                used = set(m.values())
                extra += len(preds) - len(m)
                leftovers = [p for i, p in enumerate(preds) if i not in used]
                for g, gold in enumerate(golds):
                    if g in m:
                        confusion[(gold["type"], gold["type"])] += 1
                        per_type[gold["type"]].tp += 1
                    else:
                        guess = leftovers.pop(0)["type"] if leftovers else "-"
                        confusion[(gold["type"], guess)] += 1
                        per_type[gold["type"]].fn += 1
                        if guess != "-":
                            per_type[guess].fp += 1
                        errors.append({"id": item["id"], "gold": gold["type"], "pred": guess, "text": item["text"]})
                for p in leftovers:
                    confusion[("-", p["type"])] += 1
                    per_type[p["type"]].fp += 1
    gold_types = sorted({g["type"] for i in items for g in i["events"]})
    macro = sum(per_type[t].f1 for t in gold_types) / len(gold_types) if gold_types else 0.0
    return {
        "sentences": len(items),
        "gold_events": sum(len(i["events"]) for i in items),
        "predicted_events": sum(len([p for p in ps if statements or p["type"] != "STATEMENT"]) for ps in predictions),
        "L1": levels[1].as_dict(), "L2": levels[2].as_dict(), "L3": levels[3].as_dict(),
        "macro_f1": round(macro, 4),
        "per_type": {t: per_type[t].as_dict() for t in sorted(per_type)},
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "extra_per_sentence": round(extra / len(items), 3) if items else 0.0,
        "sentences_per_second": round(len(items) / elapsed, 1) if elapsed else 0.0,
        "errors": errors,
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"PLOVER events: {result['sentences']} sentences, {result['gold_events']} gold, "
             f"{result['predicted_events']} predicted"]
    for level, name in (("L1", "type"), ("L2", "type+actor country"), ("L3", "type+actor+recipient country/sector")):
        r = result[level]
        lines.append(f"  {level} {name:<38} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}")
    lines.append(f"  macro-F1 over types {result['macro_f1']:.3f}; extra events/sentence "
                 f"{result['extra_per_sentence']:.2f}; {result['sentences_per_second']:.1f} sentences/s")
    lines.append("  per type (L1):")
    for t, r in result["per_type"].items():
        lines.append(f"    {t:<10} P {r['p']:.2f} R {r['r']:.2f} F1 {r['f1']:.2f}  (tp {r['tp']:.0f}, fp {r['fp']:.0f}, fn {r['fn']:.0f})")
    lines.append("  confusion (gold->predicted, '-' none), errors only:")
    for k, n in result["confusion"].items():
        g, p = k.split("->")
        if g != p:
            lines.append(f"    {k}: {n}")
    return "\n".join(lines)
