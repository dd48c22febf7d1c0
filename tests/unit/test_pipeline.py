"""The pipeline refuses what no stage can use, keeps input order, and never raises."""
from __future__ import annotations

import pytest

from onrecord.model import Article, ErrorRecord
from onrecord.pipeline import analyse_batch, check_article
from onrecord.settings import Settings


@pytest.mark.parametrize("text,kind", [
    ("", "empty"), ("   \n", "empty"),
    ("Der Minister sagte am Dienstag, die Verhandlungen in Genf seien gescheitert und würden nicht fortgesetzt.",
     "not_english"),
    ("Министр заявил во вторник, что переговоры в Женеве провалились.", "not_english"),
])
def test_check_article_refuses(text, kind):
    assert check_article(Article(id="x", text=text)).kind == kind


def test_check_article_too_large():
    big = "The minister said the talks failed. " * 100
    assert check_article(Article(id="x", text=big), Settings(max_text_chars=1000)).kind == "too_large"


def test_check_article_accepts_english():
    assert check_article(Article(id="x", text="The minister said on Tuesday that the talks had failed.")) is None


@pytest.mark.slow
def test_analyse_batch_keeps_order_and_goes_on():
    articles = [
        Article(id="a", text="The minister said on Tuesday that the talks in Geneva had failed."),
        Article(id="bad", text="", errors=[ErrorRecord("ingest", "binary", "bad looks binary")]),
        Article(id="de", text="Der Minister sagte, die Verhandlungen seien gescheitert und es gebe keine Lösung."),
        Article(id="b", text="Officials said the senator would resign."),
    ]
    records = list(analyse_batch(articles))
    assert [r.id for r in records] == ["a", "bad", "de", "b"]
    assert [bool(r.errors) for r in records] == [False, True, True, False]
    assert records[0].entities or records[0].text


@pytest.mark.slow
def test_analyse_batch_huge_text_is_refused_not_parsed():
    huge = "The minister said the talks failed. " * 1_500_000  # ~54 MB
    (record,) = analyse_batch([Article(id="huge", text=huge)])
    assert record.errors[0].kind == "too_large"


def test_outside_cuts_ignored_regions():
    from onrecord.pipeline import outside

    text = "Story one.\nCAPTION (AFP photo)\nStory two."
    ignored = [(11, 30)]
    assert outside([(0, len(text))], ignored, text) == ((0, 10), (31, 41))
    assert outside([(12, 20)], ignored, text) == ()


@pytest.mark.slow
def test_seed_attributions_never_cover_boilerplate(seed_record):
    for a in seed_record.attributions:
        for s, e in (*a.source, *a.cue, *a.content):
            assert not any(i_s < e and s < i_e for i_s, i_e in seed_record.ignored), (a.id, seed_record.text[s:e])
