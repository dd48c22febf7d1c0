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


# --- long texts: analysed in pieces, never a crashed batch (issue 16) ---------------------------

def test_split_text_covers_the_text_and_cuts_at_paragraphs():
    from onrecord.pipeline import split_text

    text = ("The minister said the talks failed. " * 20 + "\n\n") * 30
    pieces = split_text(text, 2000)
    assert len(pieces) > 1
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (s, e), (s2, _) in zip(pieces, pieces[1:]):
        assert e == s2 and e - s <= 2000
        assert text[:e].endswith("\n\n")   # a paragraph break, not mid-sentence


def test_split_text_falls_back_to_sentences_then_a_hard_cut():
    from onrecord.pipeline import split_text

    text = "The minister said the talks failed. " * 200
    pieces = split_text(text, 1000)
    assert all(text[s:e].endswith(". ") for s, e in pieces[:-1]) and len(pieces) > 1
    assert split_text("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_merge_pieces_moves_spans_and_renumbers_ids():
    from onrecord.model import Attribution, Entity, Event, Participant, Record, Speaker
    from onrecord.pipeline import merge_pieces

    def part(name: str) -> Record:
        return Record(id="x", text="", entities=[Entity("E1", name, "PERSON", [(0, 5)])],
                      attributions=[Attribution("A1", ((0, 5),), ((6, 10),), ((11, 20),),
                                                Speaker("E1", name, "person"), "indirect")],
                      events=[Event("V1", "STATEMENT", ((6, 10),), (0, 20),
                                    actor=[Participant((0, 5), name, "E1")], attributed_to="A1")])

    article = Article(id="x", text="a" * 200)
    merged = merge_pieces(article, [(0, part("Smith")), (100, part("Jones")), (150, part("Smith"))])
    assert [(e.id, e.name, e.mentions) for e in merged.entities] == [
        ("E1", "Smith", [(0, 5), (150, 155)]), ("E2", "Jones", [(100, 105)])]
    assert [a.id for a in merged.attributions] == ["A1", "A2", "A3"]
    assert merged.attributions[1].content == ((111, 120),) and merged.attributions[1].speaker.entity == "E2"
    assert merged.attributions[2].speaker.entity == "E1"
    third = merged.events[2]
    assert (third.id, third.trigger, third.sentence, third.attributed_to) == ("V3", ((156, 160),), (150, 170), "A3")
    assert third.actor[0].span == (150, 155) and third.actor[0].entity == "E1"


STORY = ("Officials said on Tuesday that the talks in Geneva had failed. "
         "\"We will not sign,\" said Foreign Minister Sergei Lavrov.\n\n")


@pytest.fixture
def small_max_length(nlp):
    """The model refuses texts over 3,000 characters (spaCy's E088), as it does over 1,000,000."""
    before = nlp.max_length
    nlp.max_length = 3000
    yield
    nlp.max_length = before


@pytest.mark.slow
def test_text_over_the_parsers_limit_is_analysed_in_pieces(small_max_length):
    long = STORY * 60   # ~7,000 characters
    settings = Settings(chunk_chars=2000)
    records = list(analyse_batch([Article(id="a", text=STORY), Article(id="long", text=long),
                                  Article(id="b", text=STORY)], settings=settings, on_error="raise"))
    assert [r.id for r in records] == ["a", "long", "b"]
    record = records[1]
    assert not record.errors and record.text == long
    per_story = len(records[0].attributions)
    assert per_story and len(record.attributions) == 60 * per_story
    for a in record.attributions:
        assert long[a.cue[0][0]:a.cue[0][1]] == "said"
    lavrov = [e for e in record.entities if e.name.endswith("Lavrov")]
    assert len(lavrov) == 1 and len(lavrov[0].mentions) == 60   # one entity across the pieces
    assert [a.id for a in record.attributions] == [f"A{i}" for i in range(1, 60 * per_story + 1)]


@pytest.mark.slow
def test_text_the_parser_refuses_is_an_error_row_not_a_crashed_batch(small_max_length):
    long = STORY * 60
    settings = Settings(chunk_chars=10_000)   # above the parser's limit: the parser refuses the text
    records = list(analyse_batch([Article(id="a", text=STORY), Article(id="long", text=long),
                                  Article(id="b", text=STORY)], settings=settings))
    assert [r.id for r in records] == ["a", "long", "b"]
    assert not records[0].errors and not records[2].errors and records[2].attributions
    assert [e.stage for e in records[1].errors] == ["nlp"] and "E088" in records[1].errors[0].message
