"""What a person is, told beside the name, and the body "his"/"her" names (issue 13, seventh
pass). Made-up sentences."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

_STORY = ("On Tuesday, Omar Baruni, the head of the Norlandian opposition delegation, rejected the offer. "
          "Baruni said his group would boycott the next round.")


def _first(coded, text: str, kind: str):  # noqa: ANN001, ANN202
    return next(e for e in coded(text) if e.type == kind)


def test_events_an_apposition_says_what_the_person_is(coded) -> None:  # noqa: ANN001
    actor = _first(coded, _STORY.replace("Norlandian", "Syrian"), "REJECT").actor[0]
    assert (actor.country, actor.sector) == ("SYR", "OPP")


def test_events_his_group_is_the_named_person_s_body(coded) -> None:  # noqa: ANN001
    actor = _first(coded, _STORY.replace("Norlandian", "Syrian"), "THREATEN").actor[0]
    assert actor.text == "his group" and (actor.country, actor.sector) == ("SYR", "OPP")


def test_events_her_government_is_the_speaker_s_country(coded) -> None:  # noqa: ANN001
    ev = _first(coded, "The Norwegian prime minister said her government would send aid to Sudan.", "AGREE")
    assert (ev.actor[0].country, ev.actor[0].sector) == ("NOR", "GOV")


def test_events_a_name_beside_a_description_takes_its_code(coded) -> None:  # noqa: ANN001
    text = ("Officials said a Taliban commander, Mullah Karim Dost, was detained on Friday. "
            "Dost's fighters had attacked a border post last month.")
    actor = _first(coded, text, "ASSAULT").actor[0]
    assert (actor.country, actor.sector) == ("AFG", "REB")


def test_events_them_is_never_the_city_named_last(coded) -> None:  # noqa: ANN001
    text = "The envoy met Taliban negotiators in Doha. He urged them to reduce the violence."
    ev = _first(coded, text, "REQUEST")
    assert [p.country for p in ev.recipient] == ["AFG"]
