"""Rebuild src/onrecord/data/attribution/cue_model.json from PolNeAR train.

    .venv/bin/python scripts/train_attribution.py [--polnear ../shared/data/polnear] [--cache /tmp/x.spacy]

Parses the train split with the project's spaCy model, labels every cue candidate token by
whether it lies in a gold cue span, fits an L2 logistic regression, and writes the non-zero
weights as JSON (feature -> weight) so that run-time scoring needs only the standard library.
Dev is never read here.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "onrecord" / "data" / "attribution" / "cue_model.json"


def parse_split(polnear: Path, split: str, cache: Path | None):  # noqa: ANN201
    from spacy.tokens import DocBin

    from onrecord import nlp
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
    from onrecord.attribution.cues import features, is_candidate, sentence_quoted
    from onrecord.attribution.quotes import QuoteIndex, find_quotes

    X, y = [], []
    for gold, doc in zip(golds, docs):
        cue_chars: set[int] = set()
        for att in gold.attributions:
            for s, e in att.cue:
                cue_chars.update(range(s, e))
        quotes = QuoteIndex(find_quotes(doc.text))
        for sent in doc.sents:
            quoted = sentence_quoted(sent, quotes)
            for tok in sent:
                if is_candidate(tok):
                    X.append(features(tok, quotes, quoted))
                    y.append(int(tok.idx in cue_chars))
    return X, y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin cache of the parsed train split")
    parser.add_argument("--C", type=float, default=0.2)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--min-weight", type=float, default=0.01, help="drop smaller weights (model size)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    golds, docs = parse_split(args.polnear, "train", args.cache)
    X, y = examples(golds, docs)
    vec = DictVectorizer()
    matrix = vec.fit_transform([{f: 1 for f in feats} for feats in X]).tocsr()
    # liblinear takes 32-bit sparse indices only.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    clf = LogisticRegression(C=args.C, max_iter=2000, solver="liblinear")
    clf.fit(matrix, y)
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
