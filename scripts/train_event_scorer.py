"""Rebuild the shipped candidate-event scorer (src/onrecord/data/events/event_scorer.json).

    python scripts/train_event_scorer.py [--gold ../shared/data/events/plover_gsr_dev.jsonl]

Every PLOVER dev sentence is coded with the lexicon of its cross-validation fold (ours less the
entries only that fold supports, as `onrecord eval events-cv` does), so the candidates the model
learns from look like those of a sentence nobody read; each candidate is labelled by whether it
matches a gold event of its sentence by type. Prints first the nested cross-validated figures of
the same recipe (each fold scored by a model trained on the other folds).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.eval import events_cv, plover
from onrecord.events.confidence import MODEL_FILE, fit
from onrecord.text import nlp

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path,
                        default=ROOT.parent / "shared" / "data" / "events" / "plover_gsr_dev.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "onrecord" / "data" / "events" / MODEL_FILE)
    parser.add_argument("--skip-eval", action="store_true", help="only train and save the full model")
    args = parser.parse_args()
    if not args.skip_eval:
        print(events_cv.report(events_cv.cross_validate(args.gold, scorer="learned")))
    items = plover.load(args.gold)
    docs = list(nlp.parse([i["text"] for i in items]))
    _, lexicons, _ = events_cv.fold_lexicons(items, docs)
    rows = events_cv.training_rows(items, docs, lexicons)
    model = fit([r for _, r, _ in rows], [y for _, _, y in rows])
    model.meta["source"] = "PLOVER dev sentences, each coded with its cross-validation fold's lexicon"
    model.meta["positives"] = sum(y for _, _, y in rows)
    args.out.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"saved {args.out} ({len(rows)} candidates, {len(model.weights)} weights)")


if __name__ == "__main__":
    main()
