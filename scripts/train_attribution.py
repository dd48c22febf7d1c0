"""Rebuild the cue models in src/onrecord/data/attribution/ from PolNeAR train.

    .venv/bin/python scripts/train_attribution.py [--polnear ../shared/data/polnear] [--cache /tmp/x.spacy]

Parses the train split with the project's spaCy model, labels every cue candidate token by
whether it lies in a gold cue span, fits an L2 logistic regression, and writes the non-zero
weights as JSON (feature -> weight) to cue_model.json. Then the content tagger
(attribution/tagger.py): for every gold attribution whose cue head is found, every word of
the cue's sentence is labelled by whether it lies in the gold content, and a second logistic
regression over (cue, word) features is written to content_model.json. Dev is never read
here; the tagger's threshold (given on the command line) was chosen on dev and checked on a
fifth of train held out (`--holdout`).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "onrecord" / "data" / "attribution" / "cue_model.json"
CONTENT_OUT = OUT.with_name("content_model.json")


def parse_split(polnear: Path, split: str, cache: Path | None):  # noqa: ANN201
    from spacy.tokens import DocBin

    from onrecord.text import nlp
    from onrecord.eval.polnear import load_split

    golds = load_split(polnear, split)
    model = nlp.load()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(model.vocab))
        if len(docs) == len(golds):
            return golds, docs
    docs = list(model.pipe((g.text for g in golds), batch_size=16, n_process=2))
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return golds, docs


def examples(golds, docs):  # noqa: ANN001, ANN201
    """Features and labels of every candidate, and per article its candidates and quote flags."""
    from onrecord.attribution.cues import candidates, features
    from onrecord.attribution.quotes import QuoteIndex, find_quotes

    X, y, where = [], [], []
    for gold, doc in zip(golds, docs):
        cue_chars: set[int] = set()
        for att in gold.attributions:
            for s, e in att.cue:
                cue_chars.update(range(s, e))
        quotes = QuoteIndex(find_quotes(doc.text))
        toks, quoted = candidates(doc, quotes)
        for tok, q in zip(toks, quoted):
            X.append(features(tok, quotes, q))
            y.append(int(tok.idx in cue_chars))
        where.append((toks, quoted))
    return X, y, where


def fit_linear(matrix, y, C: float):  # noqa: ANN001, ANN201
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, solver="liblinear").fit(matrix, y)


def cue_head(doc, spans):  # noqa: ANN001, ANN201
    """The token a gold cue hangs on: its highest verb (else noun) the cue classifier would score."""
    from onrecord.attribution.cues import is_candidate

    toks = []
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    cands = [t for t in toks if is_candidate(t) and t.lower_ != "according"]
    if not cands:
        return None
    return min(cands, key=lambda t: (t.pos_ != "VERB", sum(1 for _ in t.ancestors)))


def content_examples(golds, docs):  # noqa: ANN001, ANN201
    """Per gold attribution: the tagger's features for every word of the cue's sentence, the
    labels (inside the gold content or not), and what is needed to score spans."""
    from onrecord.attribution.content import content_spans, source_head, source_spans
    from onrecord.attribution.quotes import QuoteIndex, find_quotes
    from onrecord.attribution.tagger import sentence_features

    out = []
    for k, (gold, doc) in enumerate(zip(golds, docs)):
        text = doc.text
        quotes = QuoteIndex(find_quotes(text))
        for att in gold.attributions:
            cue = cue_head(doc, att.cue)
            if cue is None or not att.content:
                continue
            source = source_spans(source_head(cue), text)
            rule = content_spans(cue, source, text, quotes)
            _, feats = sentence_features(cue, rule, source, quotes)
            labels = [int(any(s <= t.idx < e for s, e in att.content)) for t in cue.sent]
            out.append((k, feats, labels))
    return out


def fit_content(golds, docs, args) -> dict:  # noqa: ANN001
    from sklearn.feature_extraction import DictVectorizer

    groups = content_examples(golds, docs)
    if args.holdout:
        groups = [g for g in groups if g[0] % 5 != 0]
    X = [{f: 1 for f in fs} for g in groups for fs in g[1]]
    y = [lab for g in groups for lab in g[2]]
    vec = DictVectorizer()
    matrix = vec.fit_transform(X).tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    clf = fit_linear(matrix, y, args.content_C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= args.min_weight}
    print(f"content tagger: {len(groups)} attributions, {len(y)} words, {len(weights)} weights")
    return {"bias": round(float(clf.intercept_[0]), 4), "threshold": args.content_threshold,
            "trained_on": "PolNeAR train" + (" less every fifth article" if args.holdout else ""),
            "weights": dict(sorted(weights.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin cache of the parsed train split")
    parser.add_argument("--C", type=float, default=0.2)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--min-weight", type=float, default=0.01, help="drop smaller weights (model size)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--content-C", type=float, default=0.5)
    parser.add_argument("--content-threshold", type=float, default=0.35)
    parser.add_argument("--content-out", type=Path, default=CONTENT_OUT)
    parser.add_argument("--holdout", action="store_true", help="train the tagger without every fifth article")
    parser.add_argument("--skip-cues", action="store_true", help="content tagger only")
    args = parser.parse_args()

    golds, docs = parse_split(args.polnear, "train", args.cache)
    if not args.skip_cues:
        train_cues(golds, docs, args)
    model = fit_content(golds, docs, args)
    args.content_out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"content tagger -> {args.content_out}")


def train_cues(golds, docs, args) -> None:  # noqa: ANN001
    from sklearn.feature_extraction import DictVectorizer

    X, y, _ = examples(golds, docs)
    vec = DictVectorizer()
    matrix = vec.fit_transform([{f: 1 for f in feats} for feats in X]).tocsr()
    # liblinear takes 32-bit sparse indices only.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    clf = fit_linear(matrix, y, args.C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= args.min_weight}
    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"bias": round(float(clf.intercept_[0]), 4), "threshold": args.threshold,
                               "trained_on": "PolNeAR train", "candidates": len(y), "positives": sum(y),
                               "weights": dict(sorted(weights.items()))}, indent=0) + "\n", encoding="utf-8")
    print(f"{len(y)} candidates, {sum(y)} cues, {len(weights)} weights -> {out}")


if __name__ == "__main__":
    main()
