"""Evaluation floors for the events stage on pinned dev data (fail below floor - 0.02)."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]

MARGIN = 0.02
FLOORS = {"L1": 0.70, "L2": 0.55, "L3": 0.40}
ACTOR_COUNTRY_FLOOR = 0.80


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
