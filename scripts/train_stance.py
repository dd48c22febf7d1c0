"""Rebuild the shipped stance model (src/onrecord/data/stance/stance-fnc1.npz) from FNC-1.

    python scripts/train_stance.py [--fnc1 ../shared/data/stance/fnc1]

Trains on the whole FNC-1 training set; prints first the figures of the same recipe on the
held-out topic fold (`onrecord eval stance`: no headline or body on both sides).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from onrecord.eval.stance import evaluate, load_fnc1, report
from onrecord.stance import MODEL_FILE
from onrecord.stance.model import StanceModel

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc1", type=Path, default=ROOT.parent / "shared" / "data" / "stance" / "fnc1")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "onrecord" / "data" / "stance" / MODEL_FILE)
    parser.add_argument("--skip-eval", action="store_true", help="only train and save the full model")
    args = parser.parse_args()
    if not args.skip_eval:
        print(report(evaluate(args.fnc1)))
    bodies, rows = load_fnc1(args.fnc1 / "train_bodies.csv", args.fnc1 / "train_stances.csv")
    model = StanceModel.fit([r[0] for r in rows], [bodies[r[1]] for r in rows], [r[2] for r in rows], seed=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"saved {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
