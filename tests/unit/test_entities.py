"""Entities: NER plus consolidation of names within one article."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _by_name(record):
    return {e.name: e for e in record.entities}


def test_entities_seed_people_are_one_each(seed_record):
    names = [e.name for e in seed_record.entities]
    for name in ("Jeff Sessions", "Sergey Kislyak", "Donald Trump", "The Washington Post", "The New York Times"):
        assert names.count(name) == 1, name
    assert not any(n in names for n in ("Sessions", "Session", "Kislyak", "Trump"))


def test_entities_seed_sessions_mentions(seed_record):
    sessions = _by_name(seed_record)["Jeff Sessions"]
    texts = {seed_record.text[s:e] for s, e in sessions.mentions}
    assert {"Jeff Sessions", "Sessions", "Session", "the attorney general"} <= texts
    assert any("Attorney General" in t for t in sessions.titles)
    assert "Attorney General" not in sessions.name


def test_entities_skip_ignored_lines(seed_record):
    # The caption line "(AFP photo)" is boilerplate: no mention may point into it.
    for e in seed_record.entities:
        for s, end in e.mentions:
            assert not any(a <= s < b for a, b in seed_record.ignored), (e.name, s)


def test_entities_namesakes_stay_apart(nlp):
    from onrecord.entities import find_entities

    doc = nlp("Sen. Elizabeth Warren met Warren Buffett in Omaha. Buffett said the meeting went well.")
    names = {e.name for e in find_entities(doc)}
    assert {"Elizabeth Warren", "Warren Buffett"} <= names


def test_entities_possessive_is_not_part_of_the_name(nlp):
    from onrecord.entities import find_entities

    doc = nlp("President Donald Trump’s criticism grew. Trump’s aides said nothing.")
    (trump,) = [e for e in find_entities(doc) if e.type == "PERSON"]
    assert trump.name == "Donald Trump"
    assert len(trump.mentions) == 2


def _people(nlp, text: str) -> dict[str, list[str]]:
    from onrecord.entities import find_entities

    return {e.name: [text[s:t] for s, t in e.mentions] for e in find_entities(nlp(text)) if e.type == "PERSON"}


def test_entities_title_without_a_dot_joins_the_full_name(nlp):
    text = "Hillary Clinton spoke in Leeds on Monday. Mrs Clinton said the plan would work."
    people = _people(nlp, text)
    assert "Clinton" in people["Hillary Clinton"] and set(people) == {"Hillary Clinton"}


def test_entities_family_members_are_told_apart_by_title(nlp):
    text = ("Margaret Halloran and her husband, Thomas Halloran, hosted a dinner in Millbrook. "
            "Mrs. Halloran said the money would go to flood relief. Mr. Halloran said he was proud.")
    people = _people(nlp, text)
    assert people["Margaret Halloran"].count("Halloran") == 1
    assert people["Thomas Halloran"].count("Halloran") == 1


def test_entities_surname_of_a_family_without_a_clue_is_not_guessed(nlp):
    text = ("Margaret Halloran and Thomas Halloran hosted a dinner in Millbrook.\n"
            "Years later, Halloran said the dinner had raised little money.")
    people = _people(nlp, text)
    assert "Halloran" not in people.get("Margaret Halloran", []) + people.get("Thomas Halloran", [])


@pytest.mark.parametrize("name,ok", [
    ("Dmitri Volkhonsky", True), ("Bashar al-Assad", True), ("Émile Zola", True), ("O'Neill", True),
    ("Putin's 's", False), ("Trump Had Second", False), ("TRUMP", False), ("X", False), ("Ω∆", False),
    ("Warren Hammers Wells Fargo CEO", False),
])
def test_entities_plausible_person_names(name, ok):
    from onrecord.entities import plausible_person_name

    assert plausible_person_name(name) is ok


def test_name_after_a_noun_for_a_person_is_a_person(nlp):
    from onrecord.entities import find_entities

    doc = nlp("The show featured host Marlow Fenwick, who asked about taxes.")
    assert [(e.name, e.type) for e in find_entities(doc)] == [("Marlow Fenwick", "PERSON")]


def test_an_organisation_tagged_once_is_a_mention_wherever_its_name_is_written():
    from onrecord.entities import _Cluster, _scan_org_names

    text = "Grey Finch Digest asked why. Later Grey Finch Digest said so, and Ann Grey Finch Digest-Lee agreed."
    org = _Cluster("Grey Finch Digest", "ORG", [(35, 52)])
    person = _Cluster("Ann Grey Finch Digest-Lee", "PERSON", [(71, 96)])
    _scan_org_names(text, {"grey finch digest": org}, [person])
    assert sorted(org.mentions) == [(0, 17), (35, 52)]   # never inside another name


def test_a_sentence_opening_gerund_is_no_part_of_the_name(nlp):
    from onrecord.entities import find_entities

    text = ("Chief executive Corin Vale spoke at the summit on Tuesday. Vale said sales rose. "
            "Hosting Vale at the summit was a coup, organisers said. Vale said he was glad to come.")
    people = [e for e in find_entities(nlp(text)) if e.type == "PERSON"]
    assert [p.name for p in people] == ["Corin Vale"]
    assert len(people[0].mentions) == 4


def test_kin_noun_in_an_apposition_gives_the_gender():
    from onrecord.entities import title_gender

    assert title_gender("her son, filmmaker ") == "m"
    assert title_gender("his daughter, lawyer ") == "f"
    assert title_gender("the lawyer, filmmaker ") is None


def test_a_one_word_organisation_written_after_a_first_name_is_a_person():
    from onrecord.entities import _Cluster, _people_read_as_orgs

    text = "Jeff Marlow, head of an ad agency, said so. Marlow added more. Marlow Motors sold cars."
    org = _Cluster("Marlow", "ORG", [(44, 50)], labels={"ORG": 1})
    others = {"marlow": org}
    persons: list = []
    _people_read_as_orgs(text, others, persons)
    assert not others and [p.name for p in persons] == ["Jeff Marlow"]
    assert sorted(persons[0].mentions) == [(0, 11), (44, 50)]


def test_an_organisation_stays_when_the_full_name_is_already_a_person():
    from onrecord.entities import _Cluster, _people_read_as_orgs

    text = "Henry Ford built cars. Ford sold them."
    others = {"ford": _Cluster("Ford", "ORG", [(23, 27)], labels={"ORG": 1})}
    persons = [_Cluster("Henry Ford", "PERSON", [(0, 10)])]
    _people_read_as_orgs(text, others, persons)
    assert "ford" in others and len(persons) == 1
