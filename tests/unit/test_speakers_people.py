"""People across made-up articles (tests/fixtures/people): exactly the right merges, end to end.

The articles hold transliteration variants of one minister's name, titles, a married couple
sharing a surname, and namesakes in unrelated stories; every name and place is invented.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "people"

# (article, name as the entity stage gives it) -> the person it must be; one label per person.
EXPECTED = {
    ("01-dam-talks", "Dmitri Volkhonsky"): "minister",
    ("02-dam-followup", "Dmitry Volkhonskiy"): "minister",
    ("03-dam-analysis", "Volkhonsky"): "minister",
    ("01-dam-talks", "Halima Oduya"): "envoy",
    ("02-dam-followup", "Halima Oduya"): "envoy",
    ("03-dam-analysis", "Halima Oduya"): "envoy",
    ("04-halloran-fundraiser", "Margaret Halloran"): "senator",
    ("05-halloran-vote", "Margaret Halloran"): "senator",
    ("06-halloran-dinner", "Halloran"): "senator",
    ("04-halloran-fundraiser", "Thomas Halloran"): "husband",
    ("07-hospital", "Priya Nandakumar"): "surgeon",
    ("08-cricket", "Ravi Nandakumar"): "coach",
    ("09-chess", "Nandakumar"): "chess player",
    ("10-border-a", "Yusuf al-Rashidi"): "governor",
    ("11-border-b", "Youssef Rashidi"): "governor",
}


@pytest.fixture(scope="module")
def people_records():
    from onrecord.ingest.text import article_from_text
    from onrecord.pipeline import analyse_batch

    paths = sorted(FIXTURES.glob("*.txt"))
    assert len(paths) == 11
    return list(analyse_batch(article_from_text(p.read_text(encoding="utf-8"), id=p.stem) for p in paths))


def test_speakers_people_fixture_links_exactly_the_right_people(people_records):
    from onrecord.record.linking import link_entities

    linking = link_entities(people_records)
    found: dict[tuple[str, str], str] = {}
    for record in people_records:
        for entity in record.entities:
            if (record.id, entity.name) in EXPECTED:
                found[(record.id, entity.name)] = linking.person_of(record.id, entity.id).id
    assert set(found) == set(EXPECTED), set(EXPECTED) - set(found)
    # Same label <=> same person id: no missed merge and no wrong one.
    for a in EXPECTED:
        for b in EXPECTED:
            assert (found[a] == found[b]) == (EXPECTED[a] == EXPECTED[b]), (a, b)


def test_speakers_people_fixture_speakers_are_resolved_people(people_records):
    by_id = {r.id: r for r in people_records}
    names = {a.speaker.name for a in by_id["04-halloran-fundraiser"].attributions if a.speaker.resolved}
    assert names == {"Margaret Halloran", "Thomas Halloran"}
    speakers = [a.speaker for a in by_id["06-halloran-dinner"].attributions]
    assert speakers and not any(s.resolved and s.name == "Thomas Halloran" for s in speakers)
