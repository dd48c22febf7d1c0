"""Names the actor coder must know, and the side of a deployment (issue 13, sixth pass). Made-up
phrases and sentences."""
from __future__ import annotations

import pytest

from onrecord.events import find_events
from onrecord.events.actors import code_text


@pytest.mark.parametrize(("text", "country"), [
    ("the C.A.R.", "CAF"),
    ("C.A.R. troops", "CAF"),
    ("CAR", "CAF"),
    ("the P.R.C.", "CHN"),
    ("the Group of Seven", "IGO"),
    ("Senior envoys from the Group of Seven industrial nations", "IGO"),
    ("G-7 ministers", "IGO"),
])
def test_actor_names_and_initials(text: str, country: str) -> None:
    assert code_text(text).country == country


def test_actor_lower_case_car_is_no_country() -> None:
    assert code_text("car").country is None


def test_actor_a_group_of_people_is_still_cut() -> None:
    assert code_text("a group of Moroccan diplomats") == code_text("Moroccan diplomats")


@pytest.mark.slow
def test_events_forces_deployed_are_the_actor(nlp) -> None:  # noqa: ANN001
    from onrecord.entities import find_entities

    doc = nlp("Several hundred Norland troops were deployed to the border villages on Thursday.")
    ev = [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type == "MOBILIZE"]
    assert ev and [p.text for p in ev[0].actor] and "troops" in ev[0].actor[0].text


@pytest.mark.slow
def test_events_we_in_a_long_quote_is_the_speakers_side(nlp) -> None:  # noqa: ANN001
    from onrecord.model import Article
    from onrecord.pipeline import analyse_doc

    text = ('"We will not give up. The people of Kenya deserve better. Our patience has limits. Last week I met '
            'the Somali envoy in Mogadishu," Kenyan Foreign Minister Anna Wekesa told reporters on Monday.')
    record = analyse_doc(Article(id="t", text=text), nlp(text), on_error="raise")
    firsts = [p for e in record.events for p in e.actor if p.text.lower() == "we"]
    assert firsts and all(p.country == "KEN" for p in firsts)


@pytest.mark.slow
def test_events_a_place_inside_the_actor_is_not_the_target(nlp) -> None:  # noqa: ANN001
    from onrecord.entities import find_entities

    doc = nlp("The government in Karsk rejected the proposal on Monday.")
    ev = [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type == "REJECT"]
    assert ev and not any(p.text == "Karsk" for p in ev[0].recipient)
