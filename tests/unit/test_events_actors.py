"""Actor coding from text alone: countries, demonyms, capitals, organisations, sectors."""
from __future__ import annotations

import pytest

from onrecord.events.actors import code_text


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("US Attorney General Jeff Sessions", "USA", "GOV"),
    ("the Russian ambassador", "RUS", "GOV"),
    ("the US intelligence community", "USA", "GOV"),
    ("Moscow", "RUS", "GOV"),                      # a capital speaks for its government
    ("Sydney", "AUS", "CVL"),                      # another city is its people
    ("Russia's ambassador to Poland", "RUS", "GOV"),
    ("NATO-member Norway", "NOR", None),
    ("refugees fleeing the civil war in Liberia", "LBR", "REF"),
    ("Pakistani Army", "PAK", "MIL"),
    ("Shanghai police", "CHN", "COP"),
    ("the European Union", "IGO", None),
    ("a former CIA official", "USA", "ELI"),
    ("Nigerians", "NGA", "CVL"),
])
def test_actors_code_text(text: str, country: str | None, sector: str | None) -> None:
    code = code_text(text)
    assert (code.country, code.sector) == (country, sector)


def test_actors_operatives_have_country() -> None:
    assert code_text("Russian operatives").country == "RUS"


def test_actors_nothing_to_code() -> None:
    code = code_text("puppies")
    assert code.country is None and code.sector is None


def test_actors_place_name_needs_a_country_cue() -> None:
    # A person with no cue and no gazetteer entry stays uncoded rather than guessed.
    assert code_text("Joseph Monka").country is None


@pytest.mark.parametrize(("text", "sector"), [
    ("five suspects", "CRM"), ("the looters", "CRM"), ("rhino poachers", "CRM"), ("the mourners", "CVL"),
])
def test_actors_common_targets_have_a_sector(text: str, sector: str) -> None:
    # Whom arrests and attacks are done to: a target with a sector takes the story's country.
    assert code_text(text).sector == sector


def test_actors_armed_men_are_unidentified_forces() -> None:
    assert code_text("masked men").sector == "UAF" and code_text("a group of armed men").sector == "UAF"


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("the Allied Democratic Forces", "UGA", "REB"), ("ISWAP fighters", "NGA", "REB"), ("JNIM", "MLI", "REB"),
    ("the SPLM-IO", "SSD", "REB"), ("the Wagner Group", "RUS", "MIL"),
])
def test_actors_armed_groups_since_phoenix(text: str, country: str, sector: str) -> None:
    code = code_text(text)
    assert (code.country, code.sector) == (country, sector)
