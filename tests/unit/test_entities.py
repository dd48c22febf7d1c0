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
