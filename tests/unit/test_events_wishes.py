"""Wishes, abilities, forecasts and readings are no happenings (issue 13, sixth pass). Each
mechanism was seen on real stories nobody had tuned on; the sentences are written for these tests."""
from __future__ import annotations

import pytest

from onrecord.events import find_events


def _events(nlp, text: str):  # noqa: ANN001, ANN202
    from onrecord.entities import find_entities

    doc = nlp(text)
    return [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type != "STATEMENT"]


def _trigger_words(text: str, event) -> list[str]:  # noqa: ANN001
    return [text[s:t] for s, t in event.trigger]


def _types(nlp, text: str) -> list[str]:  # noqa: ANN001
    return [e.type for e in _events(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The minister hopes the truce between Norland and Vesperia could take hold within days.",
    "I look forward to discussing ways of backing Vesperia with them, the minister said.",
    "The envoy said he hopes to resolve the dispute over the border crossings.",
])
def test_events_a_wish_is_no_event(nlp, text: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == []


@pytest.mark.slow
def test_events_an_intent_verb_alone_is_no_agreement(nlp) -> None:  # noqa: ANN001
    # PETRARCH codes a bare "aim" or "decide" 030; with nothing to intend, nothing was agreed.
    assert _types(nlp, "Norland aims to understand what Vesperia wants.") == []


@pytest.mark.slow
def test_events_a_decision_to_act_is_the_act(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland decided to expel two Vesperian diplomats on Monday.") == ["SANCTION"]


@pytest.mark.slow
def test_events_an_ability_is_no_event(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland and Vesperia can make significant contributions to security from Karsk to Velka.") == []


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
    assert _types(nlp, "Norland's outreach to Karsk could also provide impetus to its talks with Vesperia.") == []


@pytest.mark.slow
def test_events_in_case_is_a_condition(nlp) -> None:  # noqa: ANN001
    types = _types(nlp, "We discussed further costs for Vesperia in case such a truce is not agreed.")
    assert "REJECT" not in types


@pytest.mark.slow
def test_events_preparing_to_vote_is_no_agreement(nlp) -> None:  # noqa: ANN001
    text = "The Norland senate prepares to vote on new measures against Vesperia."
    assert "prepares" not in [t for e in _events(nlp, text) for t in _trigger_words(text, e)]


@pytest.mark.slow
def test_events_looking_to_someone_to_act_is_a_hope(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Karsk is looking to the Norland president to veto the bill.") == []


@pytest.mark.slow
def test_events_sanctions_that_enjoy_support_are_no_event(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Sanctions against Vesperia enjoy wide support in the Norland parliament.") == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The general came to power in a coup.",
    "When it comes to Vesperia, the ball is in its court.",
])
def test_events_going_nowhere_is_no_visit(nlp, text: str) -> None:  # noqa: ANN001
    assert "CONSULT" not in _types(nlp, text)


@pytest.mark.slow
def test_events_coming_to_a_capital_is_a_visit(nlp) -> None:  # noqa: ANN001
    assert "CONSULT" in _types(nlp, "The Norland foreign minister came to Karsk for talks with the president.")


@pytest.mark.slow
def test_events_capturing_people_is_coercion(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland troops captured twelve rebels near the border on Friday.") == ["COERCE"]


@pytest.mark.slow
def test_events_capturing_a_town_is_force(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland troops captured the town of Velka on Friday.") == ["ASSAULT"]


@pytest.mark.slow
def test_events_recognising_a_situation_is_no_support(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "We still recognize a hard and tangled situation, the Norland minister said.") == []


@pytest.mark.slow
def test_events_recognising_a_state_is_support(nlp) -> None:  # noqa: ANN001
    assert "SUPPORT" in _types(nlp, "Norland recognized Vesperia on Monday.")


@pytest.mark.slow
def test_events_would_welcome_is_no_act(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Analysts say Karsk would especially welcome the closure of the base.") == []


@pytest.mark.slow
def test_events_investing_with_no_partner_is_no_cooperation(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland is investing heavily in other bases.") == []


@pytest.mark.slow
def test_events_neutralising_fighters_is_force(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland troops neutralized several rebels near Velka.") == ["ASSAULT"]


@pytest.mark.slow
def test_events_a_series_of_strikes_names_the_strikes(nlp) -> None:  # noqa: ANN001
    text = "Norland jets conducted a series of airstrikes on rebel camps in Vesperia."
    ev = _events(nlp, text)
    assert ev and any(text[s:t] == "airstrikes" for e in ev for s, t in e.trigger)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Markets fell sharply following the Norland president's imposition of sanctions on Vesperia.", "SANCTION"),
    ("Evidence from the scene led to the arrest of five Vesperian officers in Karsk.", "COERCE"),
    ("Aid groups left the region after a Norland offensive against the rebels.", "ASSAULT"),
])
def test_events_an_act_told_as_done_with_its_party_is_an_event(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert kind in _types(nlp, text)


@pytest.mark.slow
def test_events_an_act_noun_with_no_party_after_a_preposition_is_no_event(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Prices rose after the sanctions.") == []


@pytest.mark.slow
def test_events_an_act_told_in_passing_beside_the_news_is_no_second_event(nlp) -> None:  # noqa: ANN001
    text = "Karsk granted asylum to five Vesperian officers hiding there since last month's Norland invasion."
    assert _types(nlp, text) == ["AID"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("The first Norland peacekeeping troops have arrived in Velka, the minister said.", "AID"),
    ("Two Norland warships arrived in the port of Karsk on Monday.", "MOBILIZE"),
])
def test_events_armed_forces_arriving_is_no_visit(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == [kind]


@pytest.mark.slow
def test_events_a_minister_arriving_is_a_visit(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "The Norland foreign minister arrived in Karsk on Monday.") == ["CONSULT"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The ministers left Karsk without signing an agreement with Vesperia.",
    "Norland troops withdrew from Velka without attacking the rebels.",
])
def test_events_an_act_not_done_is_no_event(nlp, text: str) -> None:  # noqa: ANN001
    assert not {"AGREE", "SUPPORT", "ASSAULT"} & set(_types(nlp, text))


@pytest.mark.slow
def test_events_a_city_before_an_act_noun_is_its_place_not_its_actor(nlp) -> None:  # noqa: ANN001
    ev = [e for e in _events(nlp, "The Kabul bombing killed nine people on Friday.") if e.type == "ASSAULT"]
    assert ev and not any(p.text == "Kabul" for p in ev[0].actor)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "absent"), [
    ("Norland kept new tariffs on Vesperia to pressure it to block the flow of drugs into Norland.", "PROTEST"),
    ("The Norland trade minister rebuffed fears that the tariffs would cause a recession.", "REJECT"),
    ("Norland launched a drug war on the cartels last year, its president said.", "MOBILIZE"),
    ("I am not ready to be sent back to Vesperia, said a woman in the Karsk camp.", "AGREE"),
    ("No evidence linking the camps with the rebels has been publicly released.", "RETREAT"),
    ("The number of refugees in the Karsk camp declined to 230,000 last year.", "REJECT"),
    ("He has undermined the constitution, threatening the territorial integrity of Norland.", "THREATEN"),
    ("Anna Holt contributed reporting from Karsk.", "AID"),
])
def test_events_senses_that_are_no_act(nlp, text: str, absent: str) -> None:  # noqa: ANN001
    assert absent not in _types(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Norland released three Vesperian prisoners on Monday.", "RETREAT"),
    ("Vesperia declined to attend the hearing in Karsk.", "REJECT"),
    ("Norland threatened Vesperia with sanctions on Monday.", "THREATEN"),
    ("Norland wants to close the Vesperian embassy in Karsk.", "THREATEN"),
])
def test_events_senses_that_stay_acts(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert kind in _types(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "absent"), [
    ("The Norland government talks about the possibility of restoring trade with Vesperia.", "CONSULT"),
    ("You heard the Vesperian president yesterday, the Norland minister told reporters.", "CONSULT"),
    ("The Norland president would seek political benefit from another summit.", "REQUEST"),
])
def test_events_talk_hear_seek_without_a_party(nlp, text: str, absent: str) -> None:  # noqa: ANN001
    assert absent not in _types(nlp, text)


@pytest.mark.slow
def test_events_talking_with_a_party_is_a_meeting(nlp) -> None:  # noqa: ANN001
    assert "CONSULT" in _types(nlp, "The Norland president talked with the Vesperian envoy in Karsk on Monday.")


@pytest.mark.slow
def test_events_agreeing_with_a_proposal_is_support(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "All G7 ministers agree with the Norland proposal of a truce.") == ["SUPPORT"]


@pytest.mark.slow
def test_events_agreeing_with_a_party_to_act_is_agreement(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland agreed with Vesperia to open the border.") == ["AGREE"]


@pytest.mark.slow
def test_events_leading_a_delegation_is_a_visit(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Anna Holt led a delegation of aid workers to Karsk on Monday.") == ["CONSULT"]


@pytest.mark.slow
def test_events_a_warning_of_danger_after_a_date_is_no_threat(nlp) -> None:  # noqa: ANN001
    assert _types(nlp, "Norland army chiefs warned in July of a possible rebel comeback in the region.") == []


@pytest.mark.slow
@pytest.mark.parametrize(("text", "absent"), [
    ("The new charter grants vast powers to the interim president of Norland.", "AID"),
    ("The Norland accord has some promising provisions for minorities.", "AID"),
    ("The Karsk blogger amassed twelve million followers on a Norland platform.", "MOBILIZE"),
    ("Karsk must now demonstrate the added worth of the union.", "PROTEST"),
    ("The senator is considering challenging the Norland president in next year's election.", "ACCUSE"),
    ("The Norland ministers discussed imposing sanctions on Vesperia.", "SANCTION"),
    ("Vesperia could decide to expel the Norland ambassador.", "AGREE"),
    ("Vesperia could decide to expel the Norland ambassador.", "SANCTION"),
    ("Norland defended the freedom to establish and provide services across the bloc.", "AID"),
    ("Some fear travel may never recover after the coronavirus has been suppressed.", "ASSAULT"),
])
def test_events_more_senses_that_are_no_act(nlp, text: str, absent: str) -> None:  # noqa: ANN001
    assert absent not in _types(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Norland amassed tanks and artillery near the Vesperian border.", "MOBILIZE"),
    ("Thousands of students demonstrated against the Norland government in Karsk.", "PROTEST"),
])
def test_events_more_senses_that_stay_acts(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert kind in _types(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Norland and Vesperia began five days of war games off the Karsk coast.", "COOPERATE"),
    ("Norland held military drills near the Vesperian border on Monday.", "MOBILIZE"),
    ("Norland and Vesperia held joint exercises near Karsk.", "COOPERATE"),
])
def test_events_drills_alone_show_force_and_together_cooperate(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == [kind]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("The council tightened sanctions in an effort to make Vesperia give up its weapons program.", "SANCTION"),
    ("The Karsk council ramped up sanctions on Vesperia in 2016.", "SANCTION"),
    ("Vesperia conferred its highest civilian honor on the Norland leader.", "SUPPORT"),
])
def test_events_tightening_and_honouring(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == [kind]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Norland general said he is expecting Vesperia to launch a long-range missile soon.",
    "Karsk seeks to counter Norland's growing footprint in the region.",
    "\"From Karsk's standpoint, it helps if there is some Vesperian presence there,\" said Tomas Varga.",
])
def test_events_forecasts_aims_and_idioms_are_no_event(nlp, text: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Doctors in Karsk warn that heart disease could reach many more villages within ten years.",
    "Following the same patients for years is providing much more information, the Karsk doctor said.",
    "Cyclone Ilsa slammed into parts of Norland this week, leaving widespread damage.",
    "Karsk was struck by Cyclone Ilsa in December.",
    "Collapsing buildings injured 15 people in the Norland capital.",
    "Norland clinics match their peers in Vesperia yet charge less.",
    "More than two million Vesperian tourists visited Norland from January through July.",
])
def test_events_weather_prices_and_tourists_are_no_events(nlp, text: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Karsk prosecutors charged two Norland officers with torture.", "ACCUSE"),
    ("Thousands of Norland dock workers struck on Monday over pay.", "PROTEST"),
    ("The Norland foreign minister visited Vesperia on Monday.", "CONSULT"),
])
def test_events_charges_strikes_and_visits_stay(nlp, text: str, kind: str) -> None:  # noqa: ANN001
    assert kind in _types(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Thousands of cattle are slaughtered for food in Norland each month.",
    "One hundred bushfires continue to burn across eastern Norland.",
    "Health warnings have been issued across eastern Norland.",
    "The Karsk province is threatened by heavy use of river water.",
    "Cheap rice contributed to the growth of street kitchens in Karsk.",
])
def test_events_animals_fires_and_hazards_are_no_events(nlp, text: str) -> None:  # noqa: ANN001
    assert _types(nlp, text) == []
