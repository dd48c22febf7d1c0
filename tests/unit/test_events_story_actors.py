"""Actor and recipient mechanisms seen on whole news stories, on made-up sentences (invented
names and wording). Each case failed before its rule."""
from __future__ import annotations

import pytest

from onrecord.entities import find_entities
from onrecord.events import find_events
from onrecord.events.actors import code_text

pytestmark = pytest.mark.slow


def _events(nlp, text: str):  # noqa: ANN001, ANN202
    doc = nlp(text)
    return find_events(doc, find_entities(doc), [], published="2020-01-01")


def _by_trigger(nlp, text: str, word: str):  # noqa: ANN001, ANN202
    hits = [e for e in _events(nlp, text) if any(text[a:b] == word for a, b in e.trigger)]
    assert len(hits) == 1, [(e.type, [text[a:b] for a, b in e.trigger]) for e in _events(nlp, text)]
    return hits[0]


def _countries(parts) -> set[str | None]:  # noqa: ANN001
    return {p.country for p in parts}


def test_dotted_abbreviation_without_its_last_period_is_still_the_country() -> None:
    # A sentence-final period swallows the abbreviation's own: "... in the U.S." -> "U.S".
    assert code_text("the U.S").country == "USA"
    assert code_text("The C.A.R").country == "CAF"


def test_the_n_nations_are_the_countries_named_together_before(nlp) -> None:  # noqa: ANN001
    text = ("Last month, Chad, Sudan and Libya left the Vesperian trade bloc after a long dispute. "
            "The three nations accused the bloc of serving foreign interests.")
    ev = _by_trigger(nlp, text, "accused")
    assert _countries(ev.actor) == {"TCD", "SDN", "LBY"}


def test_seizures_reported_by_the_forces_are_done_by_them(nlp) -> None:  # noqa: ANN001
    text = "The Kenyan army says dozens of rifles were seized and several militants were captured near Karsk."
    ev = _by_trigger(nlp, text, "seized")
    assert _countries(ev.actor) == {"KEN"}


@pytest.mark.parametrize("text", [
    "Thousands of herders were uprooted on Sunday by fighting between militants and Malian forces near Karsk.",
    # the main clause's subject does not do the gerund that names its own two sides
    "Thousands of herders fled on Sunday after fighting between militants and Malian forces near Karsk.",
])
def test_fighting_between_two_sides_has_the_first_acting(nlp, text: str) -> None:  # noqa: ANN001
    ev = _by_trigger(nlp, text, "fighting")
    assert [p.text for p in ev.actor] == ["militants"]
    assert [p.text for p in ev.recipient] == ["Malian forces"]


def test_the_n_nations_when_the_tagger_missed_the_country_names(nlp) -> None:  # noqa: ANN001
    # a small tagger may call a list of country names persons
    text = ("In late May, Mali, Niger and Burkina Faso walked out of the Karsk customs union. "
            "The three nations accused the union of serving foreign interests.")
    ev = _by_trigger(nlp, text, "accused")
    assert _countries(ev.actor) == {"BFA", "MLI", "NER"}


def test_a_country_and_an_abbreviated_one_before_a_plural_role(nlp) -> None:  # noqa: ANN001
    text = "On Tuesday, Gabon and C.A.R. delegates held talks in Libreville about the border."
    ev = _by_trigger(nlp, text, "held")
    assert _countries(ev.actor) | _countries(ev.recipient) == {"GAB", "CAF"}


@pytest.mark.parametrize("text", [
    "Vesperia accused the regional bloc of ignoring its complaints.",
    "The Norland government accused the world body of bias.",
])
def test_a_regional_or_world_body_is_an_international_organisation(nlp, text: str) -> None:  # noqa: ANN001
    ev = _by_trigger(nlp, text, "accused")
    assert _countries(ev.recipient) == {"IGO"}


def test_a_threat_to_do_one_of_two_things_to_a_shared_object(nlp) -> None:  # noqa: ANN001
    text = "Egypt has repeatedly threatened to ban or restrict Sudanese flights at the Karsk airport."
    ev = _by_trigger(nlp, text, "threatened")
    assert _countries(ev.recipient) == {"SDN"}


def test_an_acronym_the_tagger_took_for_a_verb_stays_in_the_actor(nlp) -> None:  # noqa: ANN001
    text = ("\"The launch of this unit underscores our resolve to guard the lives of our people.\" "
            "ECOWAS security chiefs later discussed piracy along the coast.")
    ev = _by_trigger(nlp, text, "discussed")
    assert _countries(ev.actor) == {"IGO"}


def test_a_second_preposition_joined_to_the_first_names_the_target(nlp) -> None:  # noqa: ANN001
    text = "The U.N. envoy for Yemen is calling for a truce and for the safety of aid workers."
    ev = _by_trigger(nlp, text, "calling")
    assert [p.text for p in ev.recipient] == ["aid workers"]


@pytest.mark.parametrize("text", [
    "The rebels' most wanted commander is dead, killed during a raid that officials in Karsk called a joint effort.",
    "The militant leader died last week, shot during a night raid on his hideout near Karsk.",
])
def test_a_participle_set_off_by_a_comma_was_done_to_the_clause_subject(nlp, text: str) -> None:  # noqa: ANN001
    word = "killed" if "killed" in text else "shot"
    ev = _by_trigger(nlp, text, word)
    assert not ev.actor
    assert len(ev.recipient) == 1 and ("commander" in ev.recipient[0].text or "leader" in ev.recipient[0].text)


def test_an_act_told_as_a_subject_reaches_what_its_outcome_clause_did(nlp) -> None:  # noqa: ANN001
    text = "A ground offensive launched by Kenyan forces last month has met with quick success, pushing the rebels out of two towns."
    ev = _by_trigger(nlp, text, "offensive")
    assert [p.text for p in ev.recipient] == ["the rebels"]


def test_a_hyphenated_name_the_parser_split_stays_whole(nlp) -> None:  # noqa: ANN001
    text = "Kenyan troops pushed al-Shabab out of the town of Karsk."
    ev = _by_trigger(nlp, text, "pushed")
    assert [(p.text, p.country) for p in ev.recipient] == [("al-Shabab", "SOM")]


def test_two_untagged_demonyms_before_one_role_are_two_parties(nlp) -> None:  # noqa: ANN001
    text = "The Polish president held talks in Karsk with his Czech and Slovak counterparts."
    ev = _by_trigger(nlp, text, "held")
    assert _countries(ev.recipient) == {"CZE", "SVK"}


@pytest.mark.parametrize("text", [
    "Analyst Omar Bekov warns that mild measures could be read by President Aliyev as weakness. "
    "\"Encouraged by this, he may provoke Russia further by buying more drones,\" Bekov said.",
    "Analyst Omar Bekov warns that mild measures could be read by President Aliyev as weakness. "
    "\"He may provoke Russia further by buying more drones,\" said analyst Omar Bekov of Karsk Partners.",
])
def test_he_in_a_quote_is_not_its_speaker_named_again(nlp, text: str) -> None:  # noqa: ANN001
    ev = _by_trigger(nlp, text, "provoke")
    assert [p.text for p in ev.actor] == ["President Aliyev"]


def test_a_verb_hung_on_the_reported_clause_is_the_reporters_when_its_subject_is_a_thing(nlp) -> None:  # noqa: ANN001
    text = ("Kenyan Defense Minister Omar Duale said the initiative seeks to curb smuggling across the "
            "region and urged Tanzanian officials to seize the chance.")
    ev = _by_trigger(nlp, text, "urged")
    assert [p.text for p in ev.actor] == ["Kenyan Defense Minister Omar Duale"]


def test_a_town_inside_a_persons_name_after_the_role_is_not_the_country() -> None:
    assert code_text("Kenyan Defense Minister Aden Duale").country == "KEN"
    assert code_text("Nairobi Governor Johnson Sakaja").country == "KEN"


def test_a_place_taken_from_a_side_has_that_side_as_target(nlp) -> None:  # noqa: ANN001
    text = "The Sudanese army recaptured the town of Karsk from the rebels on Sunday."
    ev = _by_trigger(nlp, text, "recaptured")
    assert [p.text for p in ev.recipient] == ["the rebels"]


def test_foreign_nationals_are_civilians_of_their_country() -> None:
    assert (code_text("two British nationals").country, code_text("two British nationals").sector) == ("GBR", "CVL")
    assert code_text("the national police").sector == "COP"


def test_a_weapon_fired_is_not_the_target(nlp) -> None:  # noqa: ANN001
    text = "South Korea's military said North Korea fired a ballistic missile into the sea."
    ev = _by_trigger(nlp, text, "fired")
    assert not any("missile" in p.text for p in ev.recipient)


def test_the_double_y_spelling_of_the_ukrainian_presidents_name() -> None:
    assert (code_text("Zelenskyy").country, code_text("Zelenskyy").sector) == ("UKR", "GOV")


def test_a_role_of_two_countries_is_two_parties(nlp) -> None:  # noqa: ANN001
    text = "The water ministers of Egypt and Sudan met in Karsk to discuss the dam."
    ev = _by_trigger(nlp, text, "met")
    assert _countries(ev.actor) | _countries(ev.recipient) == {"EGY", "SDN"}
    assert all("ministers" in p.text for p in ev.actor + ev.recipient)


@pytest.mark.parametrize("text", [
    "Ethiopian Prime Minister Abiy Ahmed met Eritrean President Isaias Afwerki in Karsk on Monday. "
    "The two leaders agreed to reopen the border.",
    "Indian and Chinese troops clashed in a remote valley near Karsk. Both sides agreed to pull back.",
])
def test_the_two_sides_are_the_two_countries_of_the_sentence_before(nlp, text: str) -> None:  # noqa: ANN001
    ev = _by_trigger(nlp, text, "agreed")
    assert len(_countries(ev.actor) | _countries(ev.recipient)) == 2
    assert None not in _countries(ev.actor) | _countries(ev.recipient)


def test_regional_demonyms_name_their_country() -> None:
    assert code_text("Tigrayan leaders").country == "ETH"
    assert code_text("Uyghur activists").country == "CHN"
    assert code_text("Puntland forces").country == "SOM"


def test_a_nationality_before_an_act_noun_is_its_actor_and_a_misparsed_participle_its_target(nlp) -> None:  # noqa: ANN001
    text = "Israeli airstrikes killed at least 20 people in Gaza, health officials in Karsk said."
    ev = _by_trigger(nlp, text, "airstrikes")
    assert _countries(ev.actor) == {"ISR"}
    assert ev.recipient and "people" in ev.recipient[0].text
    # but an "anti-" nationality is not the actor
    for other in _events(nlp, "The anti-Russian protests spread to Karsk on Sunday."):
        assert "RUS" not in _countries(other.actor)


def test_an_attack_on_a_base_or_station_targets_the_force_holding_it(nlp) -> None:  # noqa: ANN001
    text = "Militants attacked a military base in southern Somalia on Friday."
    ev = _by_trigger(nlp, text, "attacked")
    assert [(p.country, p.sector) for p in ev.recipient] == [("SOM", "MIL")]


@pytest.mark.parametrize(("text", "word"), [
    ("The Sahel juntas said they would leave ECOWAS. They accused the bloc of being run from abroad.", "accused"),
    ("NATO leaders met in Vilnius on Tuesday. Russia warned the alliance against expanding east.", "warned"),
])
def test_the_bloc_or_the_alliance_is_the_international_body_named_before(nlp, text: str, word: str) -> None:  # noqa: ANN001
    ev = _by_trigger(nlp, text, word)
    assert [(p.text.split()[-1], p.country) for p in ev.recipient] in ([("bloc", "IGO")], [("alliance", "IGO")])


def test_a_second_verb_that_names_only_a_thing_shares_the_first_verbs_party(nlp) -> None:  # noqa: ANN001
    text = "The Somali president thanked Turkey for its support and asked for more military training."
    ev = _by_trigger(nlp, text, "asked")
    assert [(p.text, p.country) for p in ev.recipient] == [("Turkey", "TUR")]
