"""Conflicts: the right pairs, in the contract's shape, strongest first, never all pairs."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from onrecord.conflicts import candidate_pairs, find_conflicts
from onrecord.model import Record
from onrecord.record import build_record
from onrecord.record.claims import Claim

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "story" / "gold.py"


def _gold():
    spec = importlib.util.spec_from_file_location("story_gold", GOLD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def story():
    return build_record(_gold().story_records())


@pytest.fixture(scope="module")
def seed_conflicts(seed_text):
    return build_record([Record.from_dict(_gold().seed_record_dict(seed_text))]).conflicts


def _kinds(conflicts) -> set[tuple[str, str, str]]:
    return {(c.kind, c.a.claimant, c.b.claimant) for c in conflicts}


def test_conflicts_story_exactly_expected(story) -> None:
    assert _kinds(story.conflicts) == _gold().EXPECTED


def test_conflicts_story_without_stance_model_same(story) -> None:
    plain = build_record(_gold().story_records(), use_stance=False)
    assert _kinds(plain.conflicts) == _gold().EXPECTED


def test_conflicts_repeat_is_folded_into_also(story) -> None:
    denial = next(c for c in story.conflicts if c.kind == "denial_vs_report")
    assert "04-courier-repeats" in {x.article for x in denial.also}


def test_conflicts_self_contradiction_earlier_first(story) -> None:
    c = next(c for c in story.conflicts if c.kind == "self_contradiction")
    assert (c.a.article, c.b.article) == ("01-ledger-price-denies", "05-metro-price-changes")
    assert c.a.negative and not c.b.negative


def test_conflicts_namesakes_never_one_claimant(story) -> None:
    c = next(c for c in story.conflicts if c.kind == "account_vs_account")
    assert set(c.about) == {"David Okafor", "Samuel Reyes"}
    assert "Maria Okafor" not in {n for x in story.conflicts for n in x.about}


def test_conflicts_strongest_first_and_numbered(story) -> None:
    scores = [c.score for c in story.conflicts]
    assert scores == sorted(scores, reverse=True)
    assert [c.id for c in story.conflicts] == [f"C{i}" for i in range(1, len(scores) + 1)]


def test_conflicts_seed_sessions_kislyak_first(seed_conflicts, seed_text) -> None:
    first = seed_conflicts[0]
    assert first.kind == "denial_vs_report"
    assert {first.a.claimant, first.b.claimant} == {"Jeff Sessions", "Sergey Kislyak"}
    (bs, be), = first.b.spans
    assert seed_text[bs:be] == "he discussed campaign-related matters with Sessions"
    (as_, ae), = first.a.spans
    assert "denied discussing" in seed_text[as_:ae] or "never had meetings" in seed_text[as_:ae]


def test_conflicts_contract_shape(seed_conflicts) -> None:
    d = seed_conflicts[0].to_dict()
    assert {"id", "kind", "score", "about", "a", "b"} <= set(d)
    for side in ("a", "b"):
        assert {"article", "span", "text", "claimant", "attribution", "event"} <= set(d[side])
        assert all(isinstance(s, list) and len(s) == 2 for s in d[side]["span"])
    assert d["about"][:2] == ["Jeff Sessions", "Sergey Kislyak"]
    assert 0.0 < d["score"] <= 1.0


def _claim(i: int, person: str, negative: bool) -> Claim:
    return Claim(id=f"a{i}#A1", article=f"a{i}", date=None, text=f"met officials about topic{i % 50} deal",
                 spans=((0, 10),), claimant=f"speaker{i}", claimant_id=f"S{i}", claimant_type="person",
                 chain=(f"outlet{i}",), about=(person,), about_names=(person,),
                 polarity="negated" if negative else "asserted", content=f"met officials about topic{i % 50} deal")


def test_conflicts_candidates_are_blocked_not_all_pairs() -> None:
    claims = [_claim(i, f"P{i % 100}", i % 2 == 0) for i in range(2000)]
    pairs = candidate_pairs(claims)
    assert 0 < len(pairs) < len(claims) * (len(claims) - 1) / 2 / 50


def test_conflicts_no_conflict_between_agreeing_claims() -> None:
    claims = [_claim(1, "P1", False), _claim(51, "P1", False)]
    assert find_conflicts(claims, use_stance=False) == []


def test_conflicts_empty_input() -> None:
    assert find_conflicts([], use_stance=False) == []
