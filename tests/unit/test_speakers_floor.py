"""Speaker-name floors on the hand-annotated PolNeAR dev sample (../shared/data/polnear/speakers_dev.jsonl).

Scored by `onrecord.eval.speakers`, the scorer behind `onrecord eval speakers`. The first half
of the articles (sorted ids) was used to tune; both halves must hold the resolved floor.
"""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def speaker_scores(shared):
    from onrecord.eval.speakers import evaluate

    gold = shared / "data" / "polnear" / "speakers_dev.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent")
    return evaluate(gold)


def test_speakers_floor_resolved_names_are_right(speaker_scores):
    for half in ("tune", "report", "all"):
        r = speaker_scores[half]
        assert r["resolved"] >= 30, (half, r)   # enough resolved speakers to mean something
        assert r["name_resolved"] >= 0.90, (half, r)


def test_speakers_floor_names_over_all_gold(speaker_scores):
    r = speaker_scores["all"]
    assert r["gold"] == 243
    assert r["name_all"] >= 0.60, r          # the floor; measured 0.605, bounded by coverage (0.654)
    assert r["name_paired"] >= 0.88, r       # measured 0.924


def test_speakers_floor_names_over_all_gold_on_each_half(speaker_scores):
    # Measured 0.600 (tune) and 0.609 (report); the set kept aside is checked at 0.55.
    for half in ("tune", "report"):
        assert speaker_scores[half]["name_all"] >= 0.56, (half, speaker_scores[half])


def test_speakers_gold_file_of_other_articles_is_read_whole(shared, tmp_path):
    # A gold file drawn outside the every-7th sample (a fresh set) covers its own articles.
    from onrecord.eval.speakers import article_ids, load

    split = shared / "data" / "polnear" / "dev"
    if not split.exists():
        pytest.skip(f"{split} is absent")
    sample = set(article_ids(split))
    stems = sorted({p.stem.rsplit("_", 1)[0] for p in (split / "attributions").glob("*.ann")} - sample)[:2]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(f'{{"article": "{s}", "att_id": "E1", "name": "x", "type": "person"}}\n'
                            for s in stems), encoding="utf-8")
    assert [a.id for a in load(gold, split)] == stems


def test_speakers_null_gold_name_is_the_author_and_an_unresolved_i_matches_it():
    from onrecord.eval.speakers import GoldSpeaker, GoldSpeakerArticle, score_article
    from onrecord.model import Attribution, Record, Speaker

    text = "I said the plan was sound."
    gold = GoldSpeakerArticle("a", text, [])
    from onrecord.attribution.brat import GoldAttribution
    gold.attributions.append(GoldAttribution("E1", source=[(0, 1)], cue=[(2, 6)], content=[(7, 25)]))
    gold.speakers["E1"] = GoldSpeaker("E1", None, "person", "I")

    def pred(name: str, resolved: bool) -> Record:
        att = Attribution(id="A1", source=((0, 1),), cue=((2, 6),), content=((7, 25),),
                          speaker=Speaker(entity=None, name=name, type="person", resolved=resolved, confidence=0.3),
                          kind="indirect")
        return Record(id="a", text=text, attributions=[att])

    assert score_article(gold, pred("I", False)).name == 1
    assert score_article(gold, pred("Ann Roe", True)).name == 0


def test_speakers_floor_on_the_fresh_set(shared):
    # 139 attributions in 6 other dev articles, annotated after the tuning (tests/fixtures/speakers).
    from pathlib import Path

    from onrecord.eval.speakers import evaluate

    split = shared / "data" / "polnear" / "dev"
    if not split.exists():
        pytest.skip(f"{split} is absent")
    gold = Path(__file__).resolve().parents[1] / "fixtures" / "speakers" / "speakers_dev_more.jsonl"
    r = evaluate(gold, split_dir=split)["all"]
    assert r["gold"] == 139
    assert r["name_all"] >= 0.45, r          # measured 0.482 (0.424 at the start of the round)
    assert r["name_resolved"] >= 0.88, r     # measured 0.926
