"""Speaker names and types against hand-annotated PolNeAR sources (`speakers_dev.jsonl`).

Gold and predicted attributions are paired by the lenient attribution match of
`eval.polnear` (one-to-one on content overlap, then content Jaccard >= 0.5, overlapping cue
and source); on pairs the predicted `speaker.name` and `speaker.type` are compared with the
gold. Names compare with case, punctuation, a leading "the" and person titles ignored; a
surname alone for a full gold name is wrong. The rules are in `speakers_dev.md` beside the data.

Usage: `evaluate("../shared/data/polnear/speakers_dev.jsonl")` then `print(report(result))`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..attribution.brat import GoldAttribution, read_ann
from ..model import Article, Attribution, Record
from ..text.words import PERSON_TITLES
from .polnear import _greedy, _overlap, norm
from .metrics import jaccard

Half = Literal["all", "tune", "report"]

_PUNCT = re.compile(r"[^\w\s]")
_TITLE_WORDS = frozenset(w for t in PERSON_TITLES for w in t.split())


@dataclass(slots=True)
class GoldSpeaker:
    """One annotated attribution's source: its spans, the full name and the type."""
    att_id: str
    name: str | None
    type: str
    source_text: str


@dataclass(slots=True)
class GoldSpeakerArticle:
    id: str
    text: str
    attributions: list[GoldAttribution]
    speakers: dict[str, GoldSpeaker] = field(default_factory=dict)  # att_id -> gold speaker


def name_key(name: str | None) -> str:
    """A name as compared: case, accents, punctuation, a leading "the" and leading titles ignored."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = _PUNCT.sub(" ", text.replace("'s ", "s "))
    words = text.split()
    while len(words) > 1 and (words[0] == "the" or words[0] in _TITLE_WORDS):
        words = words[1:]
    return " ".join(words)


_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


def article_ids(split_dir: str | Path) -> list[str]:
    """The sampled articles of `speakers_dev.md`: every 7th of the split's sorted ids."""
    stems = {p.stem.rsplit("_", 1)[0] for p in (Path(split_dir) / "attributions").glob("*.ann")}
    return sorted(stems)[::7]


def halves(ids: list[str]) -> dict[str, list[str]]:
    """The sorted ids cut in two: the first half tunes, the second is only reported."""
    ids = sorted(ids)
    cut = (len(ids) + 1) // 2
    return {"tune": ids[:cut], "report": ids[cut:]}


def _gold_ids(split_dir: Path, articles) -> list[str]:  # noqa: ANN001 - ids or a mapping of them
    """The articles a gold file covers: the `speakers_dev.md` sample when it is drawn from it
    (an article of the sample may have no sourced attribution), else the file's own articles."""
    sample = article_ids(split_dir)
    return sample if sample and set(articles) <= set(sample) else sorted(articles)


def load(gold_path: str | Path, split_dir: str | Path | None = None, *,
         half: Half = "all") -> list[GoldSpeakerArticle]:
    """Gold speakers with their articles' text and attributions (the first `.ann` per article)."""
    gold_path = Path(gold_path)
    split_dir = Path(split_dir) if split_dir else gold_path.parent / "dev"
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["article"]].append(row)
    ids = _gold_ids(split_dir, rows)
    if half != "all":
        ids = halves(ids)[half]
    out: list[GoldSpeakerArticle] = []
    for stem in ids:
        if stem not in rows:
            continue  # a sampled article with no sourced attribution
        ann = sorted((split_dir / "attributions").glob(f"{stem}_*.ann"))[0]
        text = (split_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        art = GoldSpeakerArticle(stem, text, read_ann(ann))
        for row in rows[stem]:
            art.speakers[row["att_id"]] = GoldSpeaker(row["att_id"], row.get("name"), row.get("type", "unknown"),
                                                      row.get("source_text", ""))
        out.append(art)
    return out


def pair(text: str, preds: list[Attribution], golds: list[GoldAttribution]) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs: the lenient attribution match of `eval.polnear`."""
    pairs = [(j, i, k) for i, a in enumerate(preds) for k, g in enumerate(golds)
             if (j := jaccard(norm(text, a.content), norm(text, g.content))) > 0]
    out = []
    for i, k, j in _greedy(pairs):
        a, g = preds[i], golds[k]
        src_ok = (not a.source and not g.source) or _overlap(a.source, g.source)
        if j >= 0.5 and _overlap(a.cue, g.cue) and src_ok:
            out.append((i, k))
    return out


@dataclass(slots=True)
class Tally:
    gold: int = 0
    paired: int = 0
    name: int = 0
    type: int = 0
    resolved: int = 0
    resolved_name: int = 0
    resolved_gold_named: int = 0   # gold speakers a resolved prediction named rightly, for reading

    def add(self, other: "Tally") -> None:
        for f in ("gold", "paired", "name", "type", "resolved", "resolved_name", "resolved_gold_named"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    def as_dict(self) -> dict[str, Any]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"gold": self.gold, "paired": self.paired, "coverage": r(self.paired, self.gold),
                "name_all": r(self.name, self.gold), "name_paired": r(self.name, self.paired),
                "type_all": r(self.type, self.gold), "type_paired": r(self.type, self.paired),
                "resolved": self.resolved, "name_resolved": r(self.resolved_name, self.resolved),
                "resolved_share": r(self.resolved, self.gold)}


def score_article(art: GoldSpeakerArticle, record: Record, *, mistakes: list | None = None) -> Tally:
    """Name and type tallies for one article; `mistakes` collects wrong pairs for reading."""
    golds = [g for g in art.attributions if g.id in art.speakers]
    t = Tally(gold=len(golds))
    for i, k in pair(art.text, record.attributions, golds):
        pred, gold = record.attributions[i].speaker, art.speakers[golds[k].id]
        t.paired += 1
        # A null gold name is the article's author (speakers_dev.md rule 7): right when the
        # prediction leaves the first person unresolved, as the contract asks.
        name_ok = name_key(pred.name) == name_key(gold.name) if gold.name else (
            not pred.resolved and name_key(pred.name or "i") in _FIRST_PERSON)
        t.name += name_ok
        t.type += pred.type == gold.type
        if pred.resolved:
            t.resolved += 1
            t.resolved_name += name_ok
        if mistakes is not None and not (name_ok and pred.type == gold.type):
            mistakes.append({"article": art.id, "att_id": gold.att_id, "source": gold.source_text,
                             "gold": [gold.name, gold.type],
                             "pred": [pred.name, pred.type, pred.resolved, pred.confidence]})
    return t


def evaluate(gold_path: str | Path, *, split_dir: str | Path | None = None, half: Half = "all",
             mistakes: bool = False) -> dict[str, Any]:
    """Run the pipeline over the sampled articles and score speakers, per half and overall."""
    from ..pipeline import analyse_batch

    articles = load(gold_path, split_dir)
    parts = halves(_gold_ids(Path(split_dir) if split_dir else Path(gold_path).parent / "dev",
                             [a.id for a in articles]))
    if half != "all":
        articles = [a for a in articles if a.id in parts[half]]
    records = list(analyse_batch([Article(id=a.id, text=a.text) for a in articles]))
    total = Tally()
    by_half = {"tune": Tally(), "report": Tally()}
    wrong: list[dict[str, Any]] = []
    for art, record in zip(articles, records):
        t = score_article(art, record, mistakes=wrong if mistakes else None)
        total.add(t)
        by_half["tune" if art.id in parts["tune"] else "report"].add(t)
    out: dict[str, Any] = {"articles": len(articles), "all": total.as_dict(),
                           "tune": by_half["tune"].as_dict(), "report": by_half["report"].as_dict()}
    if mistakes:
        out["mistakes"] = wrong
    return out


def report(result: dict[str, Any]) -> str:
    """The figures as a table: one row per half and one for all."""
    head = (f"{'set':<8}{'gold':>6}{'paired':>8}{'cover':>7}{'name/all':>10}{'name/pair':>11}"
            f"{'type/all':>10}{'type/pair':>11}{'resolved':>10}{'name/res':>10}")
    lines = [f"PolNeAR speakers: {result['articles']} articles (tune = first half of sorted ids)", "", head]
    for key in ("tune", "report", "all"):
        r = result[key]
        if not r["gold"]:
            continue

        def f(v: float | None) -> str:
            return "-" if v is None else f"{v:.3f}"
        lines.append(f"{key:<8}{r['gold']:>6}{r['paired']:>8}{f(r['coverage']):>7}{f(r['name_all']):>10}"
                     f"{f(r['name_paired']):>11}{f(r['type_all']):>10}{f(r['type_paired']):>11}"
                     f"{r['resolved']:>10}{f(r['name_resolved']):>10}")
    for m in result.get("mistakes", []):
        lines.append(f"  {m['article'][:30]} {m['att_id']:<5} {m['source'][:30]!r:<34} gold={m['gold']} pred={m['pred']}")
    return "\n".join(lines)
