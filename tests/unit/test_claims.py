"""Claims: chains of sources, polarity, evidence spans, people the claim is about."""
from __future__ import annotations


import pytest

from onrecord.model import Event, Record
from onrecord.record import build_claims, link_entities
from onrecord.record.claims import claims_of, polarity_of
from conftest import story_gold as _gold





@pytest.fixture(scope="module")
def seed_claims(seed_text):
    record = Record.from_dict(_gold().seed_record_dict(seed_text))
    return {c.attribution: c for c in build_claims([record], link_entities([record]))}


def test_claims_chain_runs_outlet_to_original_speaker(seed_claims) -> None:
    assert seed_claims["A3"].chain == ("Press TV", "The Washington Post", "current and former US officials",
                                       "Sergey Kislyak")


def test_claims_claimant_is_resolved_speaker(seed_claims) -> None:
    assert seed_claims["A3"].claimant == "Sergey Kislyak"
    assert seed_claims["A3"].claimant_id is not None


def test_claims_denial_span_includes_cue(seed_claims, seed_text) -> None:
    claim = seed_claims["A7"]
    assert claim.polarity == "denied"
    (s, e), = claim.spans
    assert seed_text[s:e] == "Sessions has repeatedly denied discussing election-related issues with Russian officials"


def test_claims_report_span_is_content(seed_claims, seed_text) -> None:
    (s, e), = seed_claims["A3"].spans
    assert seed_text[s:e] == "he discussed campaign-related matters with Sessions"


def test_claims_about_includes_speaker_of_first_person_quote(seed_claims) -> None:
    assert "Jeff Sessions" in seed_claims["A8"].about_names
    assert seed_claims["A8"].polarity == "negated"


def test_claims_about_both_people_in_report(seed_claims) -> None:
    assert set(seed_claims["A3"].about_names) == {"Jeff Sessions", "Sergey Kislyak"}


@pytest.mark.parametrize("cue,content,expected", [
    ("denied", "discussing the campaign", "denied"),
    ("said", "I never had meetings", "negated"),
    ("said", "the talks may have covered sanctions", "hedged"),
    ("told", "he discussed campaign-related matters", "asserted"),
])
def test_claims_polarity(cue: str, content: str, expected: str) -> None:
    assert polarity_of(cue, content, []) == expected


def test_claims_deny_event_makes_denial() -> None:
    event = Event(id="V1", type="DENY", trigger=((0, 6),), sentence=(0, 10))
    assert polarity_of("said", "it happened", [event]) == "denied"


def test_claims_unattributed_event_is_outlet_claim() -> None:
    text = "Police arrested 12 protesters on Friday."
    record = Record.from_dict({
        "id": "x", "text": text, "meta": {"outlet": "Harlow Post", "published": "2024-05-10"},
        "entities": [],
        "events": [{"id": "V1", "type": "COERCE", "trigger": [[7, 15]], "sentence": [0, len(text)],
                    "negated": False, "attributed_to": None}]})
    (claim,) = claims_of(record, link_entities([record]))
    assert claim.claimant == "Harlow Post" and claim.event == "V1" and claim.chain == ("Harlow Post",)


def test_claims_attributed_event_joins_its_attribution(seed_text) -> None:
    d = _gold().seed_record_dict(seed_text)
    a3 = next(a for a in d["attributions"] if a["id"] == "A3")
    d["events"] = [{"id": "V1", "type": "CONSULT", "trigger": [[a3["content"][0][0] + 3, a3["content"][0][0] + 12]],
                    "sentence": a3["content"][0], "negated": False, "attributed_to": "A3"}]
    record = Record.from_dict(d)
    claims = claims_of(record, link_entities([record]))
    assert [c.event for c in claims if c.attribution == "A3"] == ["V1"]
    assert not any(c.attribution is None for c in claims)


def test_claims_story_repeat_keeps_chain_through_broadcaster() -> None:
    records = _gold().story_records()
    claims = build_claims(records, link_entities(records))
    repeat = next(c for c in claims if c.id == "04-courier-repeats#A1")
    assert repeat.claimant == "Lena Brandt" and repeat.chain[0] == "Valley Courier"


@pytest.mark.parametrize("cue,content,expected", [
    ("said", "the meetings were not about the Trump campaign", True),
    ("has repeatedly denied", "discussing election-related issues", True),
    ("according to", "Sessions met the Russian ambassador", True),
    ("discussed", "Trump's campaign with Russian ambassador", False),   # the seed's headline
    ("to disclose", "his contacts with Kislyak", False),
    ("delivered", "his first major foreign policy address", False),
    ("described", "the mayor", False),                                 # no proposition
])
def test_claims_statement_guard(cue: str, content: str, expected: bool) -> None:
    from onrecord.record.claims import is_statement

    assert is_statement(cue, content) is expected


def _okafor_record(article_id: str, text: str, entities: list[dict], source: str, content: str,
                   resolved: bool = True) -> Record:
    c = text.index(content)
    s = text.rindex(source, 0, c)
    cue = text.index("said", s)
    return Record.from_dict({
        "id": article_id, "text": text, "meta": {"outlet": "Harlow Post", "published": "2024-05-10"},
        "entities": entities,
        "attributions": [{"id": "A1", "source": [[s, s + len(source)]], "cue": [[cue, cue + 4]],
                          "content": [[c, c + len(content)]],
                          "speaker": {"entity": None, "name": source, "type": "person", "resolved": resolved,
                                      "confidence": 0.9 if resolved else 0.4}, "kind": "indirect"}]})


def test_claims_unlinked_surname_speaker_resolved_by_title() -> None:
    first = "Police Chief David Okafor spoke. Council member Maria Okafor spoke."
    known = Record.from_dict({"id": "a", "text": first, "meta": {}, "entities": [
        {"id": "E1", "name": "David Okafor", "type": "PERSON", "mentions": [[13, 25]], "titles": ["Police Chief"]},
        {"id": "E2", "name": "Maria Okafor", "type": "PERSON", "mentions": [[48, 60]], "titles": ["Council member"]}]})
    text = "Chief Okafor said officers would be present at the hearing."
    later = _okafor_record("b", text, [], "Chief Okafor", "officers would be present at the hearing")
    linking = link_entities([known, later])
    (claim,) = claims_of(later, linking)
    assert claim.claimant == "David Okafor"


def test_claims_unlinked_surname_speaker_is_the_last_named() -> None:
    text = ("Police Chief David Okafor said 12 people were arrested. Okafor said officers showed restraint. "
            "Maria Okafor said she supported the protest.")
    entities = [{"id": "E1", "name": "David Okafor", "type": "PERSON", "mentions": [[13, 25]], "titles": ["Chief"]},
                {"id": "E2", "name": "Maria Okafor", "type": "PERSON", "mentions": [[97, 109]], "titles": []}]
    record = _okafor_record("c", text, entities, "Okafor", "officers showed restraint")
    (claim,) = claims_of(record, link_entities([record]))
    assert claim.claimant == "David Okafor"


def test_claims_unsure_surname_speaker_is_not_given_the_nearest_full_name() -> None:
    """The attribution stage was unsure which Okafor spoke: the claim stays with the surface name."""
    text = ("Police Chief David Okafor said 12 people were arrested. Okafor said officers showed restraint. "
            "Maria Okafor said she supported the protest.")
    entities = [{"id": "E1", "name": "David Okafor", "type": "PERSON", "mentions": [[13, 25]], "titles": []},
                {"id": "E2", "name": "Maria Okafor", "type": "PERSON", "mentions": [[97, 109]], "titles": []}]
    record = _okafor_record("c", text, entities, "Okafor", "officers showed restraint", resolved=False)
    (claim,) = claims_of(record, link_entities([record]))
    assert claim.claimant == "Okafor" and claim.claimant_id is None
