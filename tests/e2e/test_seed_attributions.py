"""The founding article: who said what about Sessions and Kislyak."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _find(record, cue: str, content_has: str = ""):  # noqa: ANN001, ANN202
    text = record.text
    for att in record.attributions:
        cue_text = " ".join(text[s:e] for s, e in att.cue)
        content = " ".join(text[s:e] for s, e in att.content)
        # PolNeAR cue spans carry auxiliaries, adverbs and dates ("has repeatedly denied",
        # "reported Friday"): match the cue word among them.
        if cue in cue_text.split() and content_has in content:
            return att
    raise AssertionError(f"no attribution with cue {cue!r} and content containing {content_has!r}")


def test_kislyak_told_his_superiors(seed_record):
    att = _find(seed_record, "told", "discussed campaign-related matters with Sessions")
    assert (att.speaker.name, att.speaker.type) == ("Sergey Kislyak", "person")


def test_the_washington_post_reported(seed_record):
    att = _find(seed_record, "reported")
    assert (att.speaker.name, att.speaker.type) == ("The Washington Post", "media")


def test_one_us_official_said_the_statements_were_misleading(seed_record):
    att = _find(seed_record, "said", "misleading")
    assert att.speaker.type == "anonymous"
    assert "one US official" in att.speaker.name


def test_one_us_official_told_the_newspaper(seed_record):
    att = _find(seed_record, "told", "intercepted")
    assert att.speaker.type == "anonymous"


def test_sessions_direct_quote(seed_record):
    att = _find(seed_record, "said", "I never had meetings with Russian operatives")
    assert (att.speaker.name, att.speaker.type, att.kind) == ("Jeff Sessions", "person", "direct")


def test_sessions_denied_indirectly(seed_record):
    att = _find(seed_record, "denied", "discussing election-related issues")
    assert (att.speaker.name, att.kind) == ("Jeff Sessions", "indirect")


def test_trump_would_have_picked_somebody_else(seed_record):
    att = _find(seed_record, "said", "he would have picked somebody else")
    assert (att.speaker.name, att.speaker.type) == ("Donald Trump", "person")


def test_intelligence_community_accused_russia(seed_record):
    att = _find(seed_record, "accused")
    assert att.speaker.type == "organization"


def test_trump_rejected_such_reports(seed_record):
    att = _find(seed_record, "rejected", "such reports")
    assert att.speaker.name == "Donald Trump"


def test_all_of_sessions_statements_share_one_entity(seed_record):
    text = seed_record.text
    ids = {a.speaker.entity for a in seed_record.attributions
           if a.source and text[a.source[0][0]:a.source[0][1]] in ("Sessions", "Session")}
    assert len(ids) == 1 and None not in ids
    assert seed_record.entity(ids.pop()).name == "Jeff Sessions"
