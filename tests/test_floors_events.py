"""Evaluation floors for the events stage on pinned dev data (fail below floor - 0.02)."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]

MARGIN = 0.02
FLOORS = {"L1": 0.70, "L2": 0.55, "L3": 0.40}
# 5-fold cross-validated (eval events-cv): no sentence coded with lexicon entries only its fold
# supports. Measured 0.718 / 0.641 / 0.438 before issue 13's second pass, 0.752 / 0.677 / 0.472
# after it (folds 3-4, never read while tuning: 0.699 / 0.634 / 0.504); after round 2 0.773 / 0.707 / 0.514
# (folds 3-4: 0.698 / 0.636 / 0.496); the held-out
# floors are 0.75 / 0.60 / 0.45.
CV_FLOORS = {"L1": 0.75, "L2": 0.66, "L3": 0.46}
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

def test_floors_events_learned_scorer_runs(shared) -> None:  # noqa: ANN001
    """The learned candidate scorer (not shipped: see docs/events.md) still trains and scores in
    nested cross-validation; measured 0.761 L1 over all folds, 0.712 on folds 3-4."""
    from onrecord.eval.events_cv import cross_validate

    result = cross_validate(shared / "data" / "events" / "plover_gsr_dev.jsonl", k=5, scorer="learned", folds=(3, 4))
    assert result["scorer"] == "learned" and result["sentences"] >= 60
    assert result["L1"]["f1"] >= 0.68
