"""The attribution stage on short texts (needs the spaCy model)."""
from __future__ import annotations

import pytest

from onrecord.attribution import find_attributions
from onrecord.entities import find_entities

pytestmark = pytest.mark.slow


def _run(nlp, text: str):  # noqa: ANN001, ANN202
    doc = nlp(text)
    return find_attributions(doc, find_entities(doc))


def _roles(text: str, att) -> tuple[list[str], list[str], list[str]]:  # noqa: ANN001
    return tuple([text[s:e] for s, e in getattr(att, r)] for r in ("source", "cue", "content"))  # type: ignore[return-value]


def test_indirect_speech(nlp):
    text = "Sessions said that the meetings were not about the campaign."
    (att,) = _run(nlp, text)
    assert _roles(text, att) == (["Sessions"], ["said"], ["that the meetings were not about the campaign"])
    assert att.kind == "indirect"


def test_according_to(nlp):
    text = "The economy grew by 3 percent last year, according to the Commerce Department."
    (att,) = _run(nlp, text)
    assert _roles(text, att) == (["the Commerce Department"], ["according to"],
                                 ["The economy grew by 3 percent last year"])


def test_cue_after_quoted_content(nlp):
    text = "“We will win this election,” Clinton said on Monday."
    (att,) = _run(nlp, text)
    source, cue, content = _roles(text, att)
    assert (source, cue, att.kind) == (["Clinton"], ["said"], "direct")
    assert "We will win this election" in content[0]


def test_quote_split_around_its_cue_has_two_content_spans(nlp):
    text = '"The plan," she said, "is dead."'
    (att,) = _run(nlp, text)
    assert len(att.content) == 2
    assert [text[s:e].strip('",') for s, e in att.content] == ["The plan", "is dead."]


def test_pronoun_source_resolves_to_the_person_named_before(nlp):
    text = "Senator John Smith spoke in Ohio on Tuesday. He said that taxes would fall."
    atts = _run(nlp, text)
    assert atts[-1].speaker.name == "John Smith"
    assert atts[-1].speaker.type == "person"


def test_passive_cue_without_source(nlp):
    text = "It was reported that the talks had collapsed."
    atts = _run(nlp, text)
    assert atts and atts[0].source == ()


def test_anonymous_source_is_typed_anonymous(nlp):
    text = "The deal is off, one senior official said."
    (att,) = _run(nlp, text)
    assert att.speaker.type == "anonymous"


def test_unbalanced_quotes_do_not_crash(nlp):
    text = '"He lied, she said. “And then\n\nNothing more" was heard.'
    assert isinstance(_run(nlp, text), list)


def test_ids_follow_text_order(nlp):
    text = "Smith said the deal was off. Jones said it was not."
    atts = _run(nlp, text)
    assert [a.id for a in atts] == ["A1", "A2"] and atts[0].cue[0] < atts[1].cue[0]
