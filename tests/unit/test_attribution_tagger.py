"""The learned content tagger (attribution/tagger.py) on short texts (needs the spaCy model)."""
from __future__ import annotations

import pytest

from onrecord.attribution import find_attributions, tagger
from onrecord.entities import find_entities

pytestmark = pytest.mark.slow


def _contents(nlp, text: str) -> list[list[str]]:  # noqa: ANN001
    doc = nlp(text)
    return [[text[s:e] for s, e in a.content] for a in find_attributions(doc, find_entities(doc))]


def test_shipped_model_is_plain_json_and_small():
    model = tagger.load_model()
    assert model is not None and 0 < model["threshold"] < 1
    assert tagger.MODEL_PATH.stat().st_size < 5_000_000


def test_learned_span_widens_content_the_rules_cut_short(nlp):
    # The rules take only the prepositional object; PolNeAR's content starts at the object.
    text = "Trump accused Clinton of lying about her emails to the FBI."
    assert _contents(nlp, text) == [["Clinton of lying about her emails to the FBI"]]


def test_learned_span_keeps_a_complete_clause(nlp):
    text = "Sessions said that the meetings were not about the campaign."
    assert _contents(nlp, text) == [["that the meetings were not about the campaign"]]


def test_refine_only_ever_widens_the_rules(nlp):
    from onrecord.attribution.quotes import QuoteIndex, find_quotes

    doc = nlp("“We will win this election,” Clinton said on Monday. “And we will govern.”")
    cue = next(t for t in doc if t.lower_ == "said")
    quotes = QuoteIndex(find_quotes(doc.text))
    within = [(1, 26)]
    out = tagger.refine(cue, within, [], doc.text, quotes)
    assert all(any(s <= rs and re <= e for s, e in out) for rs, re in within)
    beyond = [(1, 26), (55, 74)]  # content past the cue's sentence: the rules stand
    assert tagger.refine(cue, beyond, [], doc.text, quotes) == beyond
