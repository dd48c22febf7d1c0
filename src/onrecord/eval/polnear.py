"""PolNeAR: attribution source / cue / content scored on whole articles through the full pipeline.

Usage: `evaluate("/work/shared/data/polnear", split="dev")` then `print(report(result))`.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..attribution.brat import GoldAttribution, read_ann
from ..attribution.quotes import QuoteIndex, find_quotes
from ..model import Article, Attribution, Record, Span
from .metrics import PRF, char_set, jaccard

ROLES = ("source", "cue", "content")
# Published reference: BERT tagger, sentence level, PolNeAR test split, exact F1.
REFERENCE = {"source": 0.832, "cue": 0.753, "content": 0.729}
_STRIP = " \t\r\n\"'“”‘’«»„,.;:"
_PRONOUNS = frozenset("he she i we they it who which that you his her their".split())
_ANON = re.compile(r"\b(?:officials?|sources?|aides?|people|persons?|advisers?|diplomats?|insiders?|"
                   r"someone|spokes(?:man|woman|person))\b", re.I)
_NAMED_MARK = re.compile(r"[A-Z][a-z]+\s+[A-Z]")
_MEDIA = re.compile(r"\b(?:Times|Post|Journal|CNN|Fox|NBC|ABC|CBS|MSNBC|Reuters|Associated Press|AP|BBC|"
                    r"Politico|Breitbart|newspaper|magazine|network|Bloomberg|Guardian|Tribune|"
                    r"Herald|Axios|NPR|Daily)\b")
_DOCUMENT = re.compile(r"\b(?:report|poll|survey|study|letter|memo|statement|filing|document|analysis|"
                       r"data|e-?mails?|records?|audit|indictment|complaint|lawsuit|ad|book)s?\b", re.I)


# --- loading --------------------------------------------------------------------------------

@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    attributions: list[GoldAttribution]


def load_split(polnear_dir: str | Path, split: str = "dev", *, limit: int | None = None) -> list[GoldArticle]:
    """Articles of one split with the lexicographically first annotator's attributions."""
    root = Path(polnear_dir) / split
    first: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out: list[GoldArticle] = []
    for stem in sorted(first)[:limit]:
        text = (root / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        out.append(GoldArticle(stem, text, read_ann(first[stem])))
    return out


# --- normalisation and matching --------------------------------------------------------------

def norm(text: str, spans) -> frozenset[Span]:  # noqa: ANN001
    """Spans trimmed of whitespace, quotation marks and edge punctuation, as a set."""
    out = set()
    for s, e in spans:
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        if e > s:
            out.add((s, e))
    return frozenset(out)


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    """One-to-one matching, best score first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for score, p, g in sorted(pairs, reverse=True):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            out.append((p, g, score))
    return out


def _role_scores(pred: list[frozenset], gold: list[frozenset]) -> tuple[PRF, PRF]:
    pred = [p for p in pred if p]
    gold = [g for g in gold if g]
    remaining = list(gold)
    exact = PRF()
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            exact.tp += 1
    exact.fp, exact.fn = len(pred) - exact.tp, len(gold) - exact.tp
    pairs = [(j, i, k) for i, p in enumerate(pred) for k, g in enumerate(gold) if (j := jaccard(p, g)) >= 0.5]
    tp = len(_greedy(pairs))
    return exact, PRF(tp, len(pred) - tp, len(gold) - tp)


def _overlap(a, b) -> bool:  # noqa: ANN001
    return bool(char_set(a) & char_set(b))


def gold_kind(text: str, content, quotes: QuoteIndex) -> str:  # noqa: ANN001
    inside = outside = 0
    for s, e in content:
        for i in range(s, e):
            if text[i].isalnum():
                if quotes.inside(i):
                    inside += 1
                else:
                    outside += 1
    if inside and outside > 3:
        return "mixed"
    return "direct" if inside else "indirect"


# --- speaker judgements ----------------------------------------------------------------------

def expected_type(source_text: str) -> str | None:
    """The speaker type a reader gives a gold source from its words alone, or None when unsure."""
    words = source_text.split()
    if not words:
        return None
    low = source_text.lower().strip()
    if low in ("he", "she", "i"):
        return "person"
    if low in _PRONOUNS:
        return None
    if _MEDIA.search(source_text) and not _ANON.search(source_text):
        return "media"
    if _ANON.search(source_text) and not _NAMED_MARK.search(source_text) and not _MEDIA.search(source_text):
        return "anonymous"
    if _DOCUMENT.search(words[-1]) and not _NAMED_MARK.search(source_text):
        return "document"
    return None


def expected_name(article_text: str, source_text: str) -> str | None:
    """For a gold source that names a person ("Sessions", "Mr. Trump", "Jeff Sessions"), the
    fullest 'First Last' form the article gives; None when the source names nobody."""
    names = re.findall(r"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\b", source_text)
    names = [n for n in names if n not in _TITLES]
    if not names or len(source_text.split()) > 4:
        return None
    last = names[-1]
    full = re.findall(rf"\b((?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z]\.|[A-Z][a-z]+))*\s+{re.escape(last)})\b",
                      article_text)
    full = [f for f in full if not any(w in _TITLES for w in f.split()[:-1])]
    return max(full, key=len) if full else last


_TITLES = frozenset("Mr Mrs Ms Dr Sen Rep Gov President Senator Secretary The A An Former General "
                    "Attorney Speaker Judge Chairman Democrat Republican Democratic Republicans "
                    "Democrats Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Many Some".split())


# --- the evaluation --------------------------------------------------------------------------

def _score_article(gold: GoldArticle, record: Record, acc: dict[str, Any]) -> None:
    text = gold.text
    preds: list[Attribution] = record.attributions
    for role in ROLES:
        e, p = _role_scores([norm(text, getattr(a, role)) for a in preds],
                            [norm(text, getattr(g, role)) for g in gold.attributions])
        acc["exact"][role].add(e)
        acc["partial"][role].add(p)
    pairs = [(j, i, k) for i, a in enumerate(preds) for k, g in enumerate(gold.attributions)
             if (j := jaccard(norm(text, a.content), norm(text, g.content))) > 0]
    matched = _greedy(pairs)
    quotes = QuoteIndex(find_quotes(text))
    lenient_gold: set[int] = set()
    strict = lenient = 0
    for i, k, j in matched:
        a, g = preds[i], gold.attributions[k]
        if all(norm(text, getattr(a, r)) == norm(text, getattr(g, r)) for r in ROLES):
            strict += 1
        src_ok = (not a.source and not g.source) or _overlap(a.source, g.source)
        if j >= 0.5 and _overlap(a.cue, g.cue) and src_ok:
            lenient += 1
            lenient_gold.add(k)
            _judge_speaker(text, a, g, acc)
    acc["strict"].add(PRF(strict, len(preds) - strict, len(gold.attributions) - strict))
    acc["lenient"].add(PRF(lenient, len(preds) - lenient, len(gold.attributions) - lenient))
    for k, g in enumerate(gold.attributions):
        group = gold_kind(text, g.content, quotes)
        keys = [group] + (["no_source"] if not g.source else [])
        for key in keys:
            acc["by_kind"].setdefault(key, [0, 0])
            acc["by_kind"][key][1] += 1
            acc["by_kind"][key][0] += k in lenient_gold


def _judge_speaker(text: str, pred: Attribution, gold: GoldAttribution, acc: dict[str, Any]) -> None:
    source_text = " ".join(text[s:e] for s, e in gold.source)
    want_type = expected_type(source_text)
    if want_type is not None:
        acc["type"][1] += 1
        acc["type"][0] += pred.speaker.type == want_type
    want_name = expected_name(text, source_text) if expected_type(source_text) is None else None
    if want_name is not None:
        acc["name"][1] += 1
        acc["name"][0] += (pred.speaker.name or "").lower() == want_name.lower()


def evaluate(path: str | Path, *, split: str = "dev", limit: int | None = None,
             compare: bool = True) -> dict[str, Any]:
    """Run the full pipeline over a PolNeAR split and score its attributions.

    With `compare` and a shipped transformer, the articles are parsed once and the stages run
    twice, so the result also holds the linear models' figures on the same parse
    (`side_by_side`: model name -> lenient, strict and exact/partial F1)."""
    from ..attribution import transformer
    from ..pipeline import analyse_doc
    from ..text import nlp

    golds = load_split(path, split, limit=limit)
    articles = [Article(id=g.id, text=g.text) for g in golds]
    started = time.perf_counter()
    docs = list(nlp.parse([nlp.mask(a.text, a.ignored) for a in articles]))
    parsed = time.perf_counter() - started
    runs = [transformer.model_name()]
    if compare and runs[0] != "linear" and transformer.load() is not None:
        runs.append("linear")
    scored: dict[str, dict[str, Any]] = {}
    for name in runs:
        with transformer.only_linear(name == "linear" and len(runs) > 1):
            t = time.perf_counter()
            records = [analyse_doc(a, d) for a, d in zip(articles, docs)]
            scored[name] = _score(golds, records, parsed + time.perf_counter() - t)
            scored[name]["split"] = split
    result = scored[runs[0]]
    if len(runs) > 1:
        result["side_by_side"] = {name: {k: r[k] for k in ("lenient", "strict", "exact", "partial", "seconds")}
                                  for name, r in scored.items()}
    return result


def _score(golds: list, records: list[Record], seconds: float) -> dict[str, Any]:
    from ..attribution.transformer import model_name

    acc: dict[str, Any] = {"exact": {r: PRF() for r in ROLES}, "partial": {r: PRF() for r in ROLES},
                           "strict": PRF(), "lenient": PRF(), "by_kind": {}, "type": [0, 0], "name": [0, 0]}
    errors = 0
    for gold, record in zip(golds, records):
        errors += bool(record.errors)
        _score_article(gold, record, acc)
    words = sum(len(g.text.split()) for g in golds)
    return {
        "articles": len(golds), "gold": sum(len(g.attributions) for g in golds),
        "predicted": sum(len(r.attributions) for r in records), "records_with_errors": errors,
        "exact": {r: acc["exact"][r].as_dict() for r in ROLES},
        "partial": {r: acc["partial"][r].as_dict() for r in ROLES},
        "strict": acc["strict"].as_dict(), "lenient": acc["lenient"].as_dict(),
        "lenient_recall_by_kind": {k: {"recall": round(v[0] / v[1], 4) if v[1] else 0.0, "gold": v[1]}
                                   for k, v in sorted(acc["by_kind"].items())},
        "speaker_type_accuracy": {"accuracy": round(acc["type"][0] / acc["type"][1], 4) if acc["type"][1] else None,
                                  "judged": acc["type"][1]},
        "speaker_name_accuracy": {"accuracy": round(acc["name"][0] / acc["name"][1], 4) if acc["name"][1] else None,
                                  "judged": acc["name"][1]},
        "attribution_model": model_name(),
        "words": words, "seconds": round(seconds, 2),
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "reference_exact_f1": dict(REFERENCE),
    }


def report(result: dict[str, Any]) -> str:
    """The evaluation as a readable table."""
    lines = [f"PolNeAR {result['split']}: {result['articles']} articles, {result['gold']} gold / "
             f"{result['predicted']} predicted attributions ({result['records_with_errors']} records with errors)",
             f"attribution model: {result.get('attribution_model', 'linear')}",
             "",
             f"{'role':<10}{'exact P':>9}{'exact R':>9}{'exact F1':>10}{'part P':>9}{'part R':>9}{'part F1':>9}"
             f"{'ref exact F1':>14}"]
    for role in ROLES:
        e, p = result["exact"][role], result["partial"][role]
        lines.append(f"{role:<10}{e['p']:>9.3f}{e['r']:>9.3f}{e['f1']:>10.3f}{p['p']:>9.3f}{p['r']:>9.3f}"
                     f"{p['f1']:>9.3f}{result['reference_exact_f1'][role]:>14.3f}")
    lines.append("")
    lines.append(f"{'attribution':<12}{'P':>8}{'R':>8}{'F1':>8}")
    for key in ("strict", "lenient"):
        s = result[key]
        lines.append(f"{key:<12}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
    lines.append("")
    lines.append("lenient recall by gold kind: " + ", ".join(
        f"{k} {v['recall']:.3f} (n={v['gold']})" for k, v in result["lenient_recall_by_kind"].items()))
    t, n = result["speaker_type_accuracy"], result["speaker_name_accuracy"]
    lines.append(f"speaker type accuracy: {t['accuracy']} on {t['judged']} judged; "
                 f"full-name accuracy: {n['accuracy']} on {n['judged']} judged")
    lines.append(f"speed: {result['words_per_second']} words/s ({result['words']} words in {result['seconds']} s, "
                 f"whole pipeline, parse included)")
    lines.append("reference: BERT (sentence level, test split) exact F1 source 0.832 / cue 0.753 / content 0.729")
    if result.get("side_by_side"):
        lines += ["", "both models on the same parse (the first is the one that runs by default):",
                  f"{'model':<36}{'lenient F1':>11}{'strict F1':>10}  exact F1 source / cue / content  content partial"]
        for name, r in result["side_by_side"].items():
            e = r["exact"]
            lines.append(f"{name:<36}{r['lenient']['f1']:>11.3f}{r['strict']['f1']:>10.3f}  "
                         f"{e['source']['f1']:.3f} / {e['cue']['f1']:.3f} / {e['content']['f1']:.3f}"
                         f"{r['partial']['content']['f1']:>17.3f}")
    return "\n".join(lines)
