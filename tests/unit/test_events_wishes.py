"""Wishes, abilities, forecasts and readings are no happenings (issue 13, sixth pass). Each
mechanism was seen on real stories nobody had tuned on; the sentences are written for these tests."""
from __future__ import annotations

import pytest

from onrecord.events import find_events


def _events(nlp, text: str):  # noqa: ANN001, ANN202
    from onrecord.entities import find_entities

    doc = nlp(text)
    return [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type != "STATEMENT"]


def _types(nlp, text: str) -> list[str]:  # noqa: ANN001
    return [e.type for e in _events(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The minister hopes the truce between Norland and Vesperia could take hold within days.",
    "I look forward to discussing how we can keep supporting Vesperia, the minister said.",
    "The envoy said he hopes to resolve the dispute over the border crossings.",
])
def test_events_a_wish_is_no_event(nlp, text: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == []


@pytest.mark.slow
def test_events_an_intent_verb_alone_is_no_agreement(nlp) -> None:  # noqa: ANN001
    # PETRARCH codes a bare "aim" or "decide" 030; with nothing to intend, nothing was agreed.
    assert _types(nlp, "Norland aims to understand the mood in Vesperia.") == []


@pytest.mark.slow
def test_events_a_decision_to_act_is_the_act(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland decided to expel two Vesperian diplomats on Monday.") == ["SANCTION"]


@pytest.mark.slow
def test_events_an_ability_is_no_event(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland and Vesperia can make large contributions to regional security.") == []


@pytest.mark.slow
def test_events_a_forecast_noun_is_no_event(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "An analyst in Karsk says sanctions may be imminent.") == []


@pytest.mark.slow
def test_events_sanctions_that_may_come_are_a_threat(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "The European Union may impose trade sanctions on Vesperia.") == ["THREATEN"]


@pytest.mark.slow
def test_events_suggesting_a_reading_is_no_request(nlp) -> None:  # noqa: ANN001
    assert "REQUEST" not in _types(nlp, "Analysts suggest Norland is looking for a way out of its isolation.")


@pytest.mark.slow
def test_events_suggesting_a_step_is_a_request(nlp) -> None:  # noqa: ANN001
    assert "REQUEST" in _types(nlp, "The Norland minister suggested that Vesperia withdraw its troops.")


@pytest.mark.slow
def test_events_a_thing_that_must_is_asked_nothing(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Strong defences and patient diplomacy must work together, the Norland president wrote.") == []


@pytest.mark.slow
def test_events_a_party_that_must_is_asked(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "The Norland president said Vesperia must withdraw its troops.") == ["REQUEST"]


@pytest.mark.slow
def test_events_no_longer_recognising_is_a_refusal(nlp) -> None:  # noqa: ANN001
    types = _types(nlp, "The regional leaders said they will no longer recognize Tomas Varga as president.")
    assert "AGREE" not in types and "SUPPORT" not in types


@pytest.mark.slow
def test_events_an_abstract_gift_is_no_aid(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland's new trade deal with Karsk gave fresh impetus to the talks.") == []
