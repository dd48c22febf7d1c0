"""Stance: the shipped model, the FNC-1 scorer, and stance search."""
from __future__ import annotations


import numpy as np
import pytest

from onrecord.errors import ModelMissingError
from onrecord.eval.stance import fnc_score, report, score, split_by_body, split_by_topic, topics
from onrecord.stance import LABELS, load_model, model_path, stance_proba
from onrecord.stance.features import NEGATION, FEATURE_NAMES
from onrecord.stance.model import StanceModel
from onrecord.record.search import search_claim
from conftest import story_gold as _gold





def test_stance_model_ships_small() -> None:
    assert model_path().exists()
    assert model_path().stat().st_size < 5_000_000


def test_stance_model_reads_debunk_as_disagree() -> None:
    # Three sentences, not two: the features are rates per sentence, and a two-sentence text
    # sits far outside the news bodies the model was trained on.
    proba = load_model().predict_proba(["Mayor met developer in March"],
                                       ["The mayor denied he met the developer in March. A spokesman called the "
                                        "report fake news and a hoax; no meeting took place."])
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
    assert report(result).splitlines()[-1] == "stance: score=1.0000 disagree_f1=1.000 macro_f1=0.750 split=x"


def _topic_rows() -> list[tuple[str, str, str]]:
    """20 made-up topics, each 3 headlines x 4 bodies, related within a topic; plus unrelated
    pairs across topics, which must not join them."""
    rows = []
    for t in range(20):
        for h in range(3):
            for b in range(4):
                label = "disagree" if (t % 4 == 0 and b == 0) else ("agree" if b % 2 else "discuss")
                rows.append((f"topic {t} headline {h}", str(t * 10 + b), label))
        rows.append((f"topic {t} headline 0", str(((t + 7) % 20) * 10 + 1), "unrelated"))
    return rows


def test_stance_topics_join_related_pairs_only() -> None:
    topic = topics(_topic_rows())
    assert len(set(topic.values())) == 20
    assert topic["h:topic 3 headline 2"] == topic["b:31"] != topic["b:101"]


def test_stance_topic_split_shares_no_headline_body_or_topic() -> None:
    rows = _topic_rows()
    seen: list[set[str]] = []
    for fold in range(5):
        train, held = split_by_topic(rows, fold=fold, folds=5, seed=1)
        assert {r[0] for r in train}.isdisjoint({r[0] for r in held})
        assert {r[1] for r in train}.isdisjoint({r[1] for r in held})
        # the disagree topics (0, 4, 8, 12, 16) are spread one to a fold
        assert sum(r[2] == "disagree" for r in held) == 3
        seen.append({r[0] for r in held})
    assert set().union(*seen) == {r[0] for r in rows}  # every headline held out exactly once
    assert sum(len(s) for s in seen) == len({r[0] for r in rows})


def test_stance_features_have_no_word_columns() -> None:
    # One column per word learnt which training stories were fakes; families only now.
    assert not any(name.startswith(("refute_h_", "refute_b_", "refute_win_")) and name[-4:] not in ("_any", "lain")
                   for name in FEATURE_NAMES)
    assert "didn't" in NEGATION  # still importable here for older callers


def test_stance_model_refuses_features_it_was_not_trained_on(tmp_path) -> None:
    path = tmp_path / "m.npz"
    load_model().save(path)
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["features"] = arrays["features"][:-1]
    np.savez(path, **arrays)
    with pytest.raises(ModelMissingError):
        StanceModel.load(path)


def test_stance_negated_restatement_is_not_agreement() -> None:
    claim = "Council approves new harbour tunnel"
    agree_text = ("The city council approved the new harbour tunnel on Tuesday, officials confirmed. "
                  "Work on the tunnel starts next spring.")
    deny_text = ("Reports that the council approved a new harbour tunnel are false. The council did not "
                 "approve the tunnel, a spokeswoman said, calling the story a hoax.")
    proba = stance_proba([claim, claim], [agree_text, deny_text])
    d = LABELS.index("disagree")
    assert proba[1, d] > 2 * proba[0, d]
    assert LABELS[int(proba[0].argmax())] in ("agree", "discuss")


def test_stance_search_finds_denial_as_dispute() -> None:
    hits = search_claim("Mayor Daniel Price met developer Lena Brandt before the vote", _gold().story_records())
    disputes = {h.text for h in hits if h.verdict == "disputes"}
    assert "I never met Ms. Brandt before the vote" in disputes
    assert all(h.claimant != "Helen Ward" for h in hits)  # unrelated statements are left out


def test_stance_headline_pairs_follow_the_labels() -> None:
    from onrecord.stance.model import headline_pairs
    claims = ["Ship sank near the cape", "Vessel went down off the cape", "Sinking near the cape was a hoax",
              "Storm closes airport"]
    texts = ["article one"] * 4
    labels = ["agree", "agree", "disagree", "unrelated"]
    pairs = {(a, b): label for a, b, label in headline_pairs(claims, texts, labels)}
    assert pairs[(claims[0], claims[1])] == "agree"
    assert pairs[(claims[2], claims[0])] == pairs[(claims[0], claims[2])] == "disagree"
    assert pairs[(claims[3], claims[2])] == "unrelated"
    assert pairs[(claims[3], claims[0])] == "unrelated" and (claims[0], claims[0]) not in pairs


def test_stance_short_denial_of_a_plain_claim_is_disagreement() -> None:
    claim = "The minister signed the harbour deal in May"
    proba = stance_proba([claim, claim], ["The minister never signed the harbour deal.",
                                          "The minister signed the harbour deal in May, aides said."])
    assert LABELS[int(proba[0].argmax())] == "disagree"
    assert LABELS[int(proba[1].argmax())] == "agree"
