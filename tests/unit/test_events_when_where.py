"""Dates resolved against publication; never the publication date by default."""
from __future__ import annotations

import pytest

from onrecord.events.when_where import resolve_date

PUB = "2017-07-21"  # a Friday


@pytest.mark.parametrize(("expr", "want"), [
    ("Friday", "2017-07-21"), ("Monday", "2017-07-17"), ("in March", "2017-03"),
    ("in November", "2016-11"), ("last year", "2016"), ("yesterday", "2017-07-20"),
    ("July 20, 2017", "2017-07-20"), ("the 2016 presidential race", "2016"), ("November 8", "2016-11-08"),
])
def test_when_resolve_date(expr: str, want: str) -> None:
    assert resolve_date(expr, PUB) == want


def test_when_relative_date_needs_publication() -> None:
    assert resolve_date("Friday", None) is None


def test_when_no_date_expression_is_none() -> None:
    assert resolve_date("recently", PUB) is None


@pytest.mark.slow
def test_when_since_dates_an_ongoing_activity_only(nlp) -> None:  # noqa: ANN001
    from spacy.tokens import Doc  # noqa: F401

    from onrecord.events.when_where import event_date

    doc = nlp("Since 2014, dozens of villagers have been killed in raids on markets.")
    killed = next(t for t in doc if t.text == "killed")
    assert event_date(next(doc.sents), killed, PUB, other_triggers=set()) is None
    doc = nlp("The rebels have been attacking and fighting the army since 2011.")
    fighting = next(t for t in doc if t.text == "fighting")
    assert event_date(next(doc.sents), fighting, PUB, other_triggers=set()) == "2011"
