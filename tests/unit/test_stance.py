"""Stance: the shipped model, the FNC-1 scorer, and stance search."""
from __future__ import annotations


from onrecord.eval.stance import fnc_score, report, score, split_by_body
from onrecord.stance import LABELS, load_model, model_path
from onrecord.record.search import search_claim
from conftest import story_gold as _gold





def test_stance_model_ships_small() -> None:
    assert model_path().exists()
    assert model_path().stat().st_size < 5_000_000


def test_stance_model_reads_debunk_as_disagree() -> None:
    proba = load_model().predict_proba(["Mayor met developer in March"],
                                       ["The mayor denied he met the developer. It is a hoax, fake news."])
    assert LABELS[int(proba.argmax())] == "disagree"


def test_stance_model_reads_other_topic_as_unrelated() -> None:
    proba = load_model().predict_proba(["Apple to launch streaming service"],
                                       ["Floods forced hundreds of families in Gaza from their homes on Sunday."])
    assert LABELS[int(proba.argmax())] == "unrelated"


def test_stance_fnc_score_perfect_and_partial() -> None:
    gold = ["agree", "unrelated", "discuss"]
    assert fnc_score(gold, gold) == 1.0
    # agree read as discuss earns 0.25 of its 1.0; the rest right: (0.25 + 0.25 + 1.0) / 2.25
    assert abs(fnc_score(gold, ["discuss", "unrelated", "discuss"]) - 1.5 / 2.25) < 1e-9


def test_stance_split_keeps_bodies_apart() -> None:
    rows = [(f"h{i}", str(i % 50), "agree") for i in range(500)]
    train, held = split_by_body(rows, seed=1)
    assert {r[1] for r in train}.isdisjoint({r[1] for r in held})
    assert len({r[1] for r in held}) == 10


def test_stance_report_last_line() -> None:
    result = score(["agree", "disagree", "unrelated"], ["agree", "disagree", "unrelated"])
    result.update(split="x", n_train=3, seconds=0.0)
    assert report(result).splitlines()[-1] == "stance: score=1.0000 disagree_f1=1.000 macro_f1=0.750"


def test_stance_search_finds_denial_as_dispute() -> None:
    hits = search_claim("Mayor Daniel Price met developer Lena Brandt before the vote", _gold().story_records())
    disputes = {h.text for h in hits if h.verdict == "disputes"}
    assert "I never met Ms. Brandt before the vote" in disputes
    assert all(h.claimant != "Helen Ward" for h in hits)  # unrelated statements are left out
