"""Linking: one person across articles, namesakes apart, stable ids."""
from __future__ import annotations


import pytest

from onrecord.model import Record
from onrecord.record.linking import Linking, link_entities, normalise, person_id
from conftest import story_gold as _gold





def _record(article: str, *entities: tuple[str, str, list[str]]) -> Record:
    text = " ".join(name for name, _, _ in entities) + "."
    ents, at = [], 0
    for n, (name, etype, titles) in enumerate(entities, 1):
        ents.append({"id": f"E{n}", "name": name, "type": etype, "mentions": [[at, at + len(name)]], "titles": titles})
        at += len(name) + 1
    return Record.from_dict({"id": article, "text": text, "entities": ents})


@pytest.mark.parametrize("name,key", [
    ("Attorney General Jeff Sessions", "jeff sessions"),
    ("Sen. Jeff Sessions", "jeff sessions"),
    ("Jeff Sessions's", "jeff sessions"),
    ("George W. Bush", "george bush"),
    ("Sergey Kislyak", "sergey kislyak"),
])
def test_normalise_person_names(name: str, key: str) -> None:
    assert normalise(name) == key


def test_link_titles_and_name_forms_to_one_person() -> None:
    records = [_record("a1", ("Attorney General Jeff Sessions", "PERSON", [])),
               _record("a2", ("Sen. Jeff Sessions", "PERSON", ["Sen."])),
               _record("a3", ("Jeff Sessions", "PERSON", ["Attorney General"]))]
    linking = link_entities(records)
    people = [p for p in linking.people.values() if p.type == "PERSON"]
    assert len(people) == 1
    assert people[0].name == "Jeff Sessions"
    assert len(people[0].articles) == 3
    assert {"sen", "attorney general"} <= people[0].titles


def test_link_id_is_stable_hash_of_name() -> None:
    linking = link_entities([_record("a1", ("Sen. Jeff Sessions", "PERSON", []))])
    assert linking.person_of("a1", "E1").id == person_id("PERSON", "jeff sessions")


def test_link_namesakes_stay_apart() -> None:
    linking = link_entities(_gold().story_records())
    maria = linking.person_of("01-ledger-price-denies", "E3")
    david = linking.person_of("03-post-protest-arrests", "E1")
    assert maria.name == "Maria Okafor" and david.name == "David Okafor"
    assert maria.id != david.id
    assert linking.person_of("03-post-protest-arrests", "E3").id == maria.id


def test_link_bare_surname_follows_title() -> None:
    linking = link_entities(_gold().story_records())
    chief = linking.person_of("04-courier-repeats", "E5")  # "Chief Okafor"
    assert chief.name == "David Okafor"


def test_link_bare_surname_alone_is_not_merged() -> None:
    records = [_record("a1", ("Maria Okafor", "PERSON", [])), _record("a2", ("Okafor", "PERSON", []))]
    linking = link_entities(records)
    assert linking.person_of("a2", "E1").id != linking.person_of("a1", "E1").id


def test_link_incremental_matches_batch() -> None:
    records = _gold().story_records()
    batch = link_entities(records)
    incremental = Linking()
    for record in records:
        incremental.add(record)
    assert {k: v for k, v in incremental.links.items() if not k[1].startswith("E5")} == \
        {k: v for k, v in batch.links.items() if not k[1].startswith("E5")}
    assert set(incremental.people) <= set(batch.people) | set(incremental.people)


def test_link_find_by_surname_lists_both_namesakes() -> None:
    linking = link_entities(_gold().story_records())
    assert {p.name for p in linking.find("Okafor")} == {"Maria Okafor", "David Okafor"}
