"""PolNeAR dev floors for the attribution stage (the full pipeline on whole articles)."""
from __future__ import annotations

import pytest

from onrecord.eval.polnear import evaluate

pytestmark = pytest.mark.slow
MARGIN = 0.02


@pytest.fixture(scope="module")
def dev_result(shared):
    return evaluate(shared / "data" / "polnear", split="dev")


def test_attribution_lenient_f1_floor(dev_result):
    assert dev_result["lenient"]["f1"] >= 0.62 - MARGIN   # measured 0.638


def test_content_partial_f1_floor(dev_result):
    assert dev_result["partial"]["content"]["f1"] >= 0.65 - MARGIN


def test_every_dev_article_is_scored(dev_result):
    assert dev_result["articles"] == 84 and dev_result["records_with_errors"] == 0
