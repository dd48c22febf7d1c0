"""Score events on whole stories: every event once, with its own date, across all its mentions.

Gold (tests/fixtures/events_stories/gold.jsonl, guide in its README.md) holds, per VOA story of
../shared/data/conflicts/voa_dev.jsonl, each event's type, its mentions as [start, end) offsets
into the story text, the actor and recipient as (country, sector), and its own date: offsets and
codes only, never copied text. The story text comes from ../shared/data/voa/voa_stories.jsonl.

A predicted event (STATEMENT and negated ones left out: the gold codes what happened) matches a
gold event when the types agree and one of its trigger spans overlaps one of the gold mentions;
"type+actors" also needs an actor country and a recipient country in common where the gold names
one (CONSULT, AGREE, COOPERATE may swap sides). Matching is one-to-one (maximum matching).
Duplicates: predicted events that would match a gold event already matched, over all predictions.

    onrecord eval stories tests/fixtures/events_stories/gold.jsonl
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..entities import find_entities
from ..events import find_events
from ..text import nlp
from .metrics import PRF
from .plover import SYMMETRIC, match, norm_country

_STORIES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def load(path: str | Path, stories: str | Path = _STORIES) -> list[dict[str, Any]]:
    """Gold stories with their text joined in from the VOA corpus."""
    texts = {}
    for line in Path(stories).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            texts[str(rec["id"])] = rec["text"]
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            rec["text"] = texts[rec["article"]]
            out.append(rec)
    return out


def _overlap(a: list[list[int]] | tuple, b: list[list[int]]) -> bool:
    return any(s < f and x < t for s, t in a for x, f in b)


def _countries(parts: list[dict[str, Any]]) -> set[str]:
    return {c for c in (norm_country(p.get("country")) for p in parts) if c}


def _side(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> bool:
    want = _countries(gold)
    return not want or bool(_countries(pred) & want)


def _type_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return p["type"] == g["type"] and _overlap(p["trigger"], g["mentions"])


def _actors_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
    if not _type_ok(p, g):
        return False
    straight = _side(p["actor"], g["actor"]) and _side(p["recipient"], g["recipient"])
    swapped = p["type"] in SYMMETRIC and _side(p["recipient"], g["actor"]) and _side(p["actor"], g["recipient"])
    return straight or swapped


def predict(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    out = []
    for item, doc in zip(items, nlp.parse([i["text"] for i in items])):
        events = find_events(doc, find_entities(doc), [], published=item.get("published"))
        out.append([{"type": e.type, "trigger": [list(t) for t in e.trigger], "date": e.date,
                     "actor": [{"country": a.country, "sector": a.sector} for a in e.actor],
                     "recipient": [{"country": r.country, "sector": r.sector} for r in e.recipient]}
                    for e in events if e.type != "STATEMENT" and not e.negated])
    return out


def evaluate(path: str | Path, *, stories: str | Path = _STORIES) -> dict[str, Any]:
    """Type F1, type+actors F1, duplicate share and date accuracy over the gold stories."""
    items = load(path, stories)
    preds = predict(items)
    levels = {"type": PRF(), "type_actors": PRF()}
    duplicates = dated = dated_ok = 0
    for item, ps in zip(items, preds):
        golds = item["events"]
        for name, ok in (("type", _type_ok), ("type_actors", _actors_ok)):
            m = match(ps, golds, ok)
            levels[name].add(PRF(tp=len(m), fp=len(ps) - len(m), fn=len(golds) - len(m)))
            if name == "type":
                used = set(m.values())
                duplicates += sum(1 for i, p in enumerate(ps) if i not in used
                                  and any(_type_ok(p, golds[g]) for g in m))
                for g, i in m.items():
                    if golds[g].get("date"):
                        dated += 1
                        dated_ok += ps[i]["date"] == golds[g]["date"]
    n_pred = sum(len(p) for p in preds)
    return {
        "stories": len(items),
        "gold_events": sum(len(i["events"]) for i in items),
        "predicted_events": n_pred,
        "type": levels["type"].as_dict(),
        "type_actors": levels["type_actors"].as_dict(),
        "duplicates": round(duplicates / n_pred, 3) if n_pred else 0.0,
        "date_exact": round(dated_ok / dated, 3) if dated else None,
    }


def report(result: dict[str, Any]) -> str:
    t, ta = result["type"], result["type_actors"]
    return "\n".join([
        f"Whole stories: {result['stories']} stories, {result['gold_events']} gold events, "
        f"{result['predicted_events']} predicted",
        f"  type          P {t['p']:.3f}  R {t['r']:.3f}  F1 {t['f1']:.3f}",
        f"  type+actors   P {ta['p']:.3f}  R {ta['r']:.3f}  F1 {ta['f1']:.3f}",
        f"  duplicates {result['duplicates']:.3f}; date exact {result['date_exact']}",
    ])
