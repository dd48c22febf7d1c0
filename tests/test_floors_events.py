"""Evaluation floors for the events stage on pinned dev data (fail below floor - 0.02)."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]

MARGIN = 0.02
FLOORS = {"L1": 0.70, "L2": 0.55, "L3": 0.40}
# 5-fold cross-validated (eval events-cv): no sentence coded with lexicon entries only its fold
# supports, the candidate scorer trained on the other folds. Measured 0.718 / 0.641 / 0.438 before
# issue 13's second pass, 0.761 / 0.690 / 0.477 after it (folds 3-4, never read: 0.712 / 0.644 /
# 0.508); the held-out floors are 0.75 / 0.60 / 0.45.
CV_FLOORS = {"L1": 0.75, "L2": 0.67, "L3": 0.46}
ACTOR_COUNTRY_FLOOR = 0.90
# The Phoenix dictionaries alone (pycountry + PETRARCH-2's actor tables) on the dev cases, none of
# which they were written from: measured 0.617 country.
PHOENIX_COUNTRY_FLOOR = 0.60


@pytest.fixture(scope="module")
def plover_result(shared):  # noqa: ANN001, ANN201
    from onrecord.eval.plover import evaluate

    return evaluate(shared / "data" / "events" / "plover_gsr_dev.jsonl")


@pytest.mark.parametrize("level", sorted(FLOORS))
def test_floors_events_plover(plover_result, level: str) -> None:  # noqa: ANN001
    assert plover_result["sentences"] >= 170  # the pinned data, not a truncated copy
    assert plover_result[level]["f1"] >= FLOORS[level] - MARGIN


def test_floors_events_actor_country(shared) -> None:  # noqa: ANN001
    from onrecord.eval.actors import evaluate

    result = evaluate(shared / "data" / "events" / "actor_cases_dev.jsonl")
    assert result["country_cases"] >= 150
    assert result["country_accuracy"] >= ACTOR_COUNTRY_FLOOR - MARGIN


@pytest.fixture(scope="module")
def cv_result(shared):  # noqa: ANN001, ANN201
    from onrecord.eval.events_cv import cross_validate

    return cross_validate(shared / "data" / "events" / "plover_gsr_dev.jsonl", k=5)


@pytest.mark.parametrize("level", sorted(CV_FLOORS))
def test_floors_events_cross_validated(cv_result, level: str) -> None:  # noqa: ANN001
    assert cv_result["sentences"] >= 170
    assert cv_result["left_out"] > 50  # entries of ours really were left out
    assert cv_result[level]["f1"] >= CV_FLOORS[level] - MARGIN


def test_floors_events_phoenix_alone(shared) -> None:  # noqa: ANN001
    from onrecord.eval.actors import evaluate

    result = evaluate(shared / "data" / "events" / "actor_cases_dev.jsonl", sources="phoenix")
    assert result["country_cases"] >= 150
    assert result["country_accuracy"] >= PHOENIX_COUNTRY_FLOOR - MARGIN


def test_floors_events_tables_rebuild(shared, tmp_path) -> None:  # noqa: ANN001
    """The shipped derived tables are what scripts/build_event_tables.py makes from ../shared."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_event_tables", root / "scripts" / "build_event_tables.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    p2 = shared / "data" / "events" / "petrarch2"
    verbs = build.convert_petrarch(p2 / "CAMEO.2.0.txt")
    shipped = (root / "src" / "onrecord" / "data" / "events" / "petrarch_verbs.tsv").read_text(encoding="utf-8")
    rows = [line for line in shipped.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 5000
    assert rows == [f"{p}\t{c}" for p, c in verbs]


def test_floors_events_scorer_rebuild(shared) -> None:  # noqa: ANN001
    """The shipped candidate scorer is what scripts/train_event_scorer.py makes from the dev gold."""
    from onrecord.eval import events_cv, plover
    from onrecord.events.confidence import EventScorer, fit, shipped
    from onrecord.text import nlp

    model = shipped()
    assert isinstance(model, EventScorer)
    items = plover.load(shared / "data" / "events" / "plover_gsr_dev.jsonl")
    docs = list(nlp.parse([i["text"] for i in items]))
    _, lexicons, _ = events_cv.fold_lexicons(items, docs)
    rows = events_cv.training_rows(items, docs, lexicons)
    again = fit([r for _, r, _ in rows], [y for _, _, y in rows])
    assert len(rows) == model.meta["rows"]
    for _, feats, _ in rows:
        assert abs(again.probability(feats) - model.probability(feats)) < 0.01
