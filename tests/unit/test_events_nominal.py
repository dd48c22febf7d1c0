"""Triggers the tables do not list word for word (issue 13): nominalisations read through their
verb, generic act nouns through their modifier, a light verb's intent, a mis-lemmatised verb, a
frame proposed by PETRARCH, and the learned candidate scorer. Sentences written for these tests."""
from __future__ import annotations

import pytest

from onrecord.events import find_events
from onrecord.events.coding import plover
from onrecord.events.confidence import EventScorer, Recorder, RuleScorer, fit
from onrecord.events.triggers import OURS, _verb_forms, build_lexicon, lexicon


def _events(nlp, text: str, **kw):  # noqa: ANN001, ANN003, ANN202
    from onrecord.entities import find_entities

    doc = nlp(text)
    return [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08", **kw)
            if e.type != "STATEMENT"]


def test_events_verb_forms_of_nouns() -> None:
    assert "deploy" in _verb_forms("deployment")
    assert "demonstrate" in _verb_forms("demonstration")
    assert "withdraw" in _verb_forms("withdrawal")
    assert "invade" in _verb_forms("invasion")
    assert "threaten" in _verb_forms("threat")


def test_events_destroying_property_is_coerce() -> None:
    # 1712 shares its parent's mode (seize), so it takes its parent's type.
    assert plover("1712").type == plover("171").type == "COERCE"


@pytest.mark.slow
def test_events_noun_read_through_its_verb(nlp) -> None:  # noqa: ANN001
    """No table lists "evacuation"; the verb "evacuate" is coded, so "ordered the evacuation" is."""
    assert "evacuation" not in lexicon().nouns
    events = _events(nlp, "The army ordered the evacuation of the border villages on Monday.")
    assert [e.type for e in events] == ["RETREAT"]


@pytest.mark.slow
def test_events_generic_act_noun_takes_its_modifier(nlp) -> None:  # noqa: ANN001
    """"a mediation effort": the effort is the mediation, even with no "launch mediation" pattern."""
    lex = build_lexicon(leave_out=frozenset({(OURS, "launch mediation")}))
    events = _events(nlp, "Norway launched a mediation effort between Ethiopia and Eritrea on Friday.", lexicon=lex)
    assert [e.type for e in events] == ["CONSULT"]
    assert {p.country for p in events[0].actor} == {"NOR"}


@pytest.mark.slow
def test_events_light_verb_intent_retypes_its_noun(nlp) -> None:  # noqa: ANN001
    """"will stage a demonstration" is a threat to protest, not a protest."""
    assert [e.type for e in _events(nlp, "The unions will stage a demonstration in Lagos next week.")] == ["THREATEN"]


@pytest.mark.slow
def test_events_misread_lemma_still_triggers(nlp) -> None:  # noqa: ANN001
    """The tagger lemmatises "staged" as "stag"; the form less its ending finds the verb."""
    assert [e.type for e in _events(nlp, "The unions staged a demonstration in Lagos.")] == ["PROTEST"]


@pytest.mark.slow
def test_events_petrarch_frame_holds_its_content(nlp) -> None:  # noqa: ANN001
    """A PETRARCH-only accusation ("blasted ... for attacking") frames the attack: one ACCUSE."""
    assert not any(e.source == OURS for e in lexicon().verbs["blast"])
    events = _events(nlp, "The minister blasted the rebels for attacking a convoy.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_events_scorer_learns_and_round_trips() -> None:
    rows = [["type=ASSAULT", "actor=True"]] * 6 + [["type=ASSAULT", "actor=False"]] * 6
    labels = [1] * 6 + [0] * 6
    model = fit(rows, labels, c=10.0)
    assert model.keep(["type=ASSAULT", "actor=True"])
    assert not model.keep(["type=ASSAULT", "actor=False"])
    again = EventScorer.from_dict(model.to_dict())
    assert abs(again.probability(rows[0]) - model.probability(rows[0])) < 1e-3


def test_events_rule_scorer_drops_only_flagged() -> None:
    assert RuleScorer().keep(["type=ASSAULT"], [])
    assert not RuleScorer().keep(["type=ASSAULT"], ["pet_no_actor"])


@pytest.mark.slow
def test_events_recorder_sees_every_candidate(nlp) -> None:  # noqa: ANN001
    rec = Recorder()
    events = _events(nlp, "Rebels attacked a police post in the north on Tuesday.", judge=rec)
    assert events and rec.rows
    assert any("type=ASSAULT" in feats for _, feats in rec.rows)
    assert {at for at, _ in rec.rows} <= {s for e in events for s, _ in e.trigger}


@pytest.mark.slow
def test_events_time_preposition_is_no_pattern_word(nlp) -> None:  # noqa: ANN001
    """"fired its chief executive on Monday" is no "fire on"; "fired on protesters" is."""
    assert not _events(nlp, "The company fired its chief executive on Monday.")
    assert [e.type for e in _events(nlp, "Troops fired on protesters on Monday.")] == ["ASSAULT"]


@pytest.mark.slow
def test_events_product_is_no_act(nlp) -> None:  # noqa: ANN001
    assert not _events(nlp, "Apple launched a new phone in Cupertino.")


@pytest.mark.slow
def test_events_force_between_uncoded_names_is_not_coded(nlp) -> None:  # noqa: ANN001
    assert not _events(nlp, "Liverpool crushed Everton 4-0 on Sunday.")
    assert not _events(nlp, "The Lakers beat the Celtics in Boston.")
    assert [e.type for e in _events(nlp, "Gunmen killed two farmers in Peshawar.")] == ["ASSAULT"]
