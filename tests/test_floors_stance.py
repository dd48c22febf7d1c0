"""FNC-1 stance floors on the held-out 20% of training bodies (fixed seed), scored by onrecord.eval."""
from __future__ import annotations

import pytest

from onrecord.eval.stance import evaluate


@pytest.fixture(scope="module")
def result(shared):
    return evaluate(shared / "data" / "stance" / "fnc1", seed=1)


@pytest.mark.slow
@pytest.mark.shared
def test_floor_stance_weighted_score(result) -> None:
    assert result["score"] >= 0.78


@pytest.mark.slow
@pytest.mark.shared
def test_floor_stance_disagree_f1(result) -> None:
    assert result["per_class"]["disagree"]["f1"] >= 0.25
