"""HTML extraction floor on shared/data/html-bench, scored by onrecord.eval.html_bench.

Measured 2025 (trafilatura 2.3.1): ours F1 0.9726, trafilatura defaults 0.9574.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.eval.html_bench import evaluate, page_scores

FLOOR_F1 = 0.96
SLACK = 0.005


@pytest.fixture(scope="module")
def bench(shared: Path) -> dict:
    return evaluate(shared / "data" / "html-bench")


@pytest.mark.slow
@pytest.mark.shared
def test_html_bench_covers_every_page(bench: dict) -> None:
    assert bench["pages"] == 181


@pytest.mark.slow
@pytest.mark.shared
def test_html_bench_f1_meets_floor(bench: dict) -> None:
    assert bench["ours"]["f1"] >= FLOOR_F1 - SLACK


@pytest.mark.slow
@pytest.mark.shared
def test_html_bench_f1_not_below_trafilatura_defaults(bench: dict) -> None:
    assert bench["ours"]["f1"] >= bench["baseline"]["f1"] - SLACK


def test_page_scores_counts_repeated_tokens_once_per_match() -> None:
    # bag overlap: "the" twice predicted, once true -> one match
    p, r = page_scores("The the cat", "the cat sat")
    assert (p, r) == (2 / 3, 2 / 3)


def test_page_scores_empty_extraction_scores_zero() -> None:
    assert page_scores("", "some true text") == (0.0, 0.0)
