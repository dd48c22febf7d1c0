"""Whose act and whether it happened (issue 13): a pronoun agrees in number with what it names, an
infinitive the sentence calls untrue is denied. Sentences written for these tests."""
from __future__ import annotations

import pytest

from onrecord.events import find_events


def _events(nlp, text: str):  # noqa: ANN001, ANN202
    from onrecord.entities import find_entities

    doc = nlp(text)
    return [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type != "STATEMENT"]


@pytest.mark.slow
def test_events_they_is_not_a_singular_speaker(nlp) -> None:  # noqa: ANN001
    ev = _events(nlp, "The spokesman said they would attack the base.")
    assert ev and all(p.text != "The spokesman" for p in ev[0].actor)


@pytest.mark.slow
def test_events_they_is_a_plural_speaker(nlp) -> None:  # noqa: ANN001
    ev = _events(nlp, "The rebels said they would attack the base.")
    assert ev and ev[0].actor[0].text == "The rebels"


@pytest.mark.slow
def test_events_infinitive_called_untrue_is_negated(nlp) -> None:  # noqa: ANN001
    ev = _events(nlp, "To say that the army shelled the town is false, the minister said.")
    assert ev and all(e.negated for e in ev)


@pytest.mark.slow
def test_events_infinitive_of_purpose_is_not_negated(nlp) -> None:  # noqa: ANN001
    ev = _events(nlp, "To win the vote, the party attacked its rivals.")
    assert ev and not any(e.negated for e in ev)


@pytest.mark.slow
def test_events_weapon_is_not_the_actor(nlp) -> None:  # noqa: ANN001
    ev = [e for e in _events(nlp, "A car bomb killed five soldiers in Mogadishu.") if e.type == "ASSAULT"]
    assert ev and not ev[0].actor
    assert ev[0].recipient and ev[0].recipient[0].country == "SOM"


@pytest.mark.slow
def test_events_target_takes_the_place_country_without_actor(nlp) -> None:  # noqa: ANN001
    ev = [e for e in _events(nlp, "A bomb exploded in a market in Baghdad, killing 20 people.") if e.type == "ASSAULT"]
    assert ev and not ev[0].actor
    assert ev[0].recipient[0].country == "IRQ"


@pytest.mark.slow
def test_events_possessive_of_another_is_a_target(nlp) -> None:  # noqa: ANN001
    """"her daughter" is not the school's own, as "its troops" are Russia's."""
    ev = _events(nlp, "The school refused to enroll her daughter.")
    assert ev and ev[0].type == "REJECT" and ev[0].recipient[0].text == "her daughter"
    ev = _events(nlp, "Russia withdrew its troops from Syria.")
    assert ev and all(p.text != "its troops" for p in ev[0].recipient)


@pytest.mark.slow
def test_events_order_to_do_is_a_request(nlp) -> None:  # noqa: ANN001
    ev = _events(nlp, "The judge directed the police to release the activists.")
    assert ev and ev[0].type == "REQUEST" and ev[0].recipient[0].sector == "COP"


@pytest.mark.slow
def test_events_passive_met_is_a_reception(nlp) -> None:  # noqa: ANN001
    assert not _events(nlp, "What began as a plea for reform was met with brutality.")


@pytest.mark.slow
def test_events_who_died_is_acted_on(nlp) -> None:  # noqa: ANN001
    for text in ("The convoy hit a roadside bomb near Kandahar.", "The car hit a mine and was then attacked.",
                 "A Kenyan prisoner died in police custody in Nairobi."):
        for e in _events(nlp, text):
            assert not any(p.text.lower().startswith(("the convoy", "the car", "a kenyan prisoner"))
                           for p in e.actor), text


@pytest.mark.slow
def test_events_later_dated_telling_is_another_happening(nlp) -> None:  # noqa: ANN001
    text = ("Gunmen attacked a police post in Garissa.\n\n"
            "The deadliest attack in the region, in 2015, killed 148 students.")
    ev = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert len(ev) == 2 and ev[0].date != "2015"


@pytest.mark.slow
def test_events_its_takes_the_possessor_country(nlp) -> None:  # noqa: ANN001
    ev = [e for e in _events(nlp, "Israel denied reports that its jets struck a hospital in Gaza.") if e.type == "ASSAULT"]
    assert ev and ev[0].negated and ev[0].actor[0].country == "ISR"
