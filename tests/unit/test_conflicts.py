"""Conflicts: the right pairs, in the contract's shape, strongest first, never all pairs."""
from __future__ import annotations


import pytest

from onrecord.record.conflicts import candidate_pairs, find_conflicts
from onrecord.model import Record
from onrecord.record import build_record
from onrecord.record.claims import Claim
from conftest import story_gold as _gold





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


@pytest.mark.parametrize("text,denied,expected", [
    ("I never met Ms. Brandt before the vote", False, {"04": True}),
    ("discussing election-related issues with Russian officials", True, {"04": True}),
    ("he discussed campaign-related matters with Sessions, contrary to public assertions", False, {"04": False}),
    # Negated after the act: the meetings happened, their subject is denied.
    ("the meetings were not about the Trump campaign", False, {"04": None}),
    # The negation sits in another clause.
    ("They arrested people who were doing nothing but singing", False, {"17": False}),
    ("the council should publish every document related to the deal", False, {}),
    # A negation three words or more before does not reach it.
    ("nobody has much to gain if there is no progress made through another summit", False, {"04": False}),
    # "March" the month is no protest march.
    ("she met Price privately twice in March to discuss the bid", False, {"04": False}),
])
def test_conflicts_proposition_clause_polarity(text: str, denied: bool, expected: dict) -> None:
    from onrecord.record.conflicts.propositions import proposition

    assert proposition(text, denied=denied).predicates == expected


def test_conflicts_proposition_counts() -> None:
    from onrecord.record.conflicts.propositions import proposition

    assert proposition("12 people were arrested in 2024").numbers == {"people": 12.0}


def _said(i: int, claimant: str | None, text: str, about: tuple[str, ...], *, article: str = "x",
          polarity: str = "asserted", outlet: bool = False, published: str = "2024-05-01") -> Claim:
    return Claim(id=f"{article}#{'V' if outlet else 'A'}{i}", article=article, date=published, text=text,
                 spans=((0, len(text)),), claimant=claimant or "Some Outlet", claimant_id=claimant,
                 claimant_type="media" if outlet else "person", chain=("Some Outlet",) if outlet else ("O", "x"),
                 about=about, about_names=about, polarity=polarity, attribution=None if outlet else f"A{i}",
                 content=text, published=published)


def test_conflicts_need_the_same_proposition() -> None:
    met = _said(1, "P1", "she met the mayor privately twice in March", ("P2", "P1"))
    attend = _said(2, "P2", "he did not attend the protest on the harbour", ("P2",), polarity="negated")
    never = _said(3, "P2", "I never met her privately in March", ("P2", "P1"), polarity="negated", article="y")
    kinds = {(c.kind, c.a.claimant, c.b.claimant) for c in find_conflicts([met, attend, never], use_stance=False)}
    assert kinds == {("denial_vs_report", "P2", "P1")}


def test_conflicts_outlet_narration_only_as_bare_assertion() -> None:
    never = _said(1, "P1", "I never met the developer privately in March", ("P1",), polarity="negated")
    bare = _said(2, None, "The mayor met the developer privately in March at the harbour.", ("P1",),
                 outlet=True, article="y")
    reported = _said(3, None, "The developer said the mayor met her privately in March.", ("P1",),
                     outlet=True, article="z")
    conflicts = find_conflicts([never, bare, reported], use_stance=False)
    assert [(c.a.id, c.b.id) for c in conflicts] == [(never.id, bare.id)]


def test_conflicts_unresolved_speaker_is_no_self_contradiction() -> None:
    a = _said(1, None, "police met the protesters before the march", ("P1",))
    b = _said(2, None, "police never met the protesters before the march", ("P1",), polarity="negated", article="y")
    assert find_conflicts([a, b], use_stance=False) == []


def test_conflicts_self_contradiction_ordered_by_when_said() -> None:
    later = _said(1, "P1", "I met her in March to talk about the marina", ("P1", "P2"), article="b",
                  published="2024-05-10")
    later.date = "2024-03"  # what it is about is earlier than when it was said
    earlier = _said(2, "P1", "I never met her before the vote", ("P1", "P2"), article="a",
                    polarity="negated", published="2024-05-06")
    (c,) = find_conflicts([later, earlier], use_stance=False)
    assert c.kind == "self_contradiction" and (c.a.id, c.b.id) == (earlier.id, later.id)


def test_conflicts_large_blocks_keep_the_same_pairs() -> None:
    from onrecord.record.conflicts import candidates

    claims = [_claim(i, "P1", i % 3 == 0) for i in range(400)]
    small = candidates(claims, max_block=1000, top_k=1000)
    sparse = candidates(claims, max_block=50, top_k=1000)
    assert set(zip(small[0].tolist(), small[1].tolist())) == set(zip(sparse[0].tolist(), sparse[1].tolist()))
    capped = candidates(claims, max_block=50, top_k=5)
    assert 0 < len(capped[0]) <= 400 * 5 * 2


def test_conflicts_for_records_strongest_first(seed_text) -> None:
    from onrecord.record import conflicts_for_records

    conflicts = conflicts_for_records([Record.from_dict(_gold().seed_record_dict(seed_text))], use_stance=False)
    assert {conflicts[0].a.claimant, conflicts[0].b.claimant} == {"Jeff Sessions", "Sergey Kislyak"}
