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


def _linked(linking: Linking, article: str, entity: str) -> str:
    person = linking.person_of(article, entity)
    assert person is not None, (article, entity)
    return person.id


def test_link_transliterations_merge_with_shared_context() -> None:
    records = [_record("a1", ("Dmitri Volkhonsky", "PERSON", ["Foreign Minister"]), ("Ardania", "GPE", [])),
               _record("a2", ("Dmitry Volkhonskiy", "PERSON", []), ("Ardania", "GPE", [])),
               _record("a3", ("Yusuf al-Rashidi", "PERSON", ["governor"])),
               _record("a4", ("Youssef Rashidi", "PERSON", ["Governor"]))]
    linking = link_entities(records)
    assert _linked(linking, "a1", "E1") == _linked(linking, "a2", "E1")
    assert _linked(linking, "a3", "E1") == _linked(linking, "a4", "E1")
    assert len([p for p in linking.people.values() if p.type == "PERSON"]) == 2


def test_link_similar_names_without_context_stay_apart() -> None:
    records = [_record("a1", ("Dmitri Volkhonsky", "PERSON", []), ("Ardania", "GPE", [])),
               _record("a2", ("Dmitry Volkhonskiy", "PERSON", []), ("Lake Ebrin", "LOC", []))]
    linking = link_entities(records)
    assert _linked(linking, "a1", "E1") != _linked(linking, "a2", "E1")


def test_link_married_couple_apart_and_title_picks_the_wife() -> None:
    records = [_record("a1", ("Margaret Halloran", "PERSON", ["Senator"]), ("Thomas Halloran", "PERSON", []),
                       ("Millbrook", "GPE", [])),
               _record("a2", ("Halloran", "PERSON", ["Mrs."]), ("Millbrook", "GPE", []))]
    linking = link_entities(records)
    margaret, thomas = _linked(linking, "a1", "E1"), _linked(linking, "a1", "E2")
    assert margaret != thomas
    assert _linked(linking, "a2", "E1") == margaret


def test_link_same_article_surname_and_title_forms_join_the_full_name() -> None:
    records = [_record("a1", ("Hillary Clinton", "PERSON", []), ("Clinton", "PERSON", ["Mrs"])),
               _record("a2", ("Donald Trump", "PERSON", []), ("Trump", "PERSON", []))]
    linking = link_entities(records)
    assert _linked(linking, "a1", "E1") == _linked(linking, "a1", "E2")
    assert _linked(linking, "a2", "E1") == _linked(linking, "a2", "E2")


def test_link_bare_surname_in_an_unrelated_story_is_its_own_person() -> None:
    records = [_record("a1", ("Priya Nandakumar", "PERSON", ["Dr."]), ("Eastbrook Hospital", "ORG", [])),
               _record("a2", ("Ravi Nandakumar", "PERSON", []), ("Harbor Kings", "ORG", [])),
               _record("a3", ("Nandakumar", "PERSON", []), ("Oakridge", "GPE", []))]
    linking = link_entities(records)
    ids = {_linked(linking, a, "E1") for a in ("a1", "a2", "a3")}
    assert len(ids) == 3


def test_link_garbage_person_names_are_no_people() -> None:
    records = [_record("a1", ("Trump Had Second", "PERSON", []), ("X", "PERSON", []), ("Putin's 's", "PERSON", []),
                       ("Halima Oduya", "PERSON", []))]
    linking = link_entities(records)
    assert sorted(p.name for p in linking.people.values() if p.type == "PERSON") == ["Halima Oduya", "Putin"]
    assert linking.person_of("a1", "E1") is None


class _Held:
    """A LinkingSource over a finished Linking: what a store gives back, as copies."""

    def __init__(self, linking: Linking) -> None:
        self.linking = linking

    def _copy(self, pid: str):  # noqa: ANN202
        import copy

        return copy.deepcopy(self.linking.people[pid]), self.linking.link_key(pid)

    def fetch(self, keys, surnames, blocks):  # noqa: ANN001, ANN201
        from onrecord.record.linking import name_block, surnames_of

        held = self.linking
        pids = {pid for pid, p in held.people.items() if (p.type, held.link_key(pid)) in keys}
        by_surname = {s: {pid for pid, p in held.people.items() if s in surnames_of(p)} for s in surnames}
        pids |= {pid for ids in by_surname.values() for pid in ids}
        by_block = {b: [] for b in blocks}
        for pid, p in held.people.items():
            found = name_block(p, held.link_key(pid))
            if found and found[0] in blocks:
                by_block[found[0]].append((found[1], pid))
        return [self._copy(pid) for pid in sorted(pids)], by_surname, by_block

    def person(self, pid):  # noqa: ANN001, ANN201
        return self._copy(pid) if pid in self.linking.people else None


def test_link_against_a_source_equals_linking_in_memory() -> None:
    """Articles linked against stored people (read as needed) get the ids, and leave the people,
    that one Linking holding every article gives them, one article at a time."""
    records = _gold().story_records()
    half = len(records) // 2
    whole = Linking()
    for r in records:
        whole.add_all([r])
    first = Linking()
    for r in records[:half]:
        first.add_all([r])
    later = Linking(source=_Held(first))
    for r in records[half:]:
        later.add_all([r])
    assert later.people.keys() - first.people.keys(), "the later articles name new people too"
    for r in records[half:]:
        for e in r.entities:
            assert later.links.get((r.id, e.id)) == whole.links.get((r.id, e.id)), (r.id, e.name)
    for pid in later.touched:
        a, b = later.people[pid], whole.people[pid]
        assert (a.name, a.aliases, a.titles, a.articles, a.mentions, a.neighbours) == \
               (b.name, b.aliases, b.titles, b.articles, b.mentions, b.neighbours), pid
