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
    # exactly the contract's keys plus those docs/contract.md lists under "Fields onrecord adds"
    assert set(d) == {"id", "kind", "score", "about", "a", "b"} | {"key", "why", "signals", "also"}
    for side in ("a", "b"):
        assert set(d[side]) == ({"article", "span", "text", "claimant", "attribution", "event"}
                                | {"claim", "chain", "polarity", "date"})
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
    ("nobody stands to win much if there is no progress made at a second summit", False, {"04": False}),
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


# --- denials: what a denial is and what it points at (made-up sentences) ---------------------

@pytest.mark.parametrize("sentence,how,pointer", [
    ("The minister denied the charges against him.", "points", "charges"),
    ("The ministry rejected Velmora's allegation that its ships entered the strait.", "points", "allegation"),
    ("The firm dismissed the reports as baseless.", "rebuts", "reports"),
    ("Officials called the claims politically motivated.", "rebuts", "claims"),
    ("That is not true.", "rebuts", "That"),
    ("The mayor pleaded not guilty on Monday.", "pleads", "charges"),
    ("The council denied that it had sold the land.", "restates", None),
    ("The governor denied meeting the developer.", "restates", None),
    ("There was no meeting between the two men.", "restates", None),
    ('The spokesman said the claims were "fabricated".', "rebuts", None),
    ("He denied any involvement in the attack.", "points", "involvement"),
])
def test_conflicts_denial_read(sentence: str, how: str, pointer: str | None) -> None:
    from onrecord.record.conflicts import read_denial

    d = read_denial(sentence, (0, len(sentence)))
    assert d is not None and d.how == how
    if pointer is not None:
        assert d.pointer == pointer
    assert d.why


@pytest.mark.parametrize("sentence", [
    "The president denied the request for sanctions relief.",
    "The assembly rejected the new constitution.",
    "The minister dismissed concerns about the tariffs.",
    "The panel rejected the attorneys' objections to their selection.",
    "The weather was false spring, a warm week in February.",
    "The team won the match on Sunday.",
    "Police said there was no sign of forced entry.",
    "Officials denied entry to the journalists.",
    "The minister rejected calls to resign.",
])
def test_conflicts_policy_rejections_are_no_denials(sentence: str) -> None:
    from onrecord.record.conflicts import read_denial

    assert read_denial(sentence, (0, len(sentence))) is None


def test_conflicts_denial_target_complement_antecedent_mention() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = "The envoy denied the allegation that he met the rebels in April."
    d = read_denial(text, (0, len(text)))
    t = resolve_in_text(text, d, (0, len(text)), [])
    assert t.how == "complement" and text[t.span[0]:t.span[1]] == "he met the rebels in April"

    text = "Osei is on trial on bribery charges which Accra has dismissed as baseless."
    d = read_denial(text, (text.index("Accra"), len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert t.how == "antecedent" and "bribery charges" in text[t.span[0]:t.span[1]]

    text = ("Mensah faces three charges relating to the theft of public funds. "
            "On Friday Mensah denied the charges.")
    start = text.index("On Friday")
    d = read_denial(text, (start, len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert t.how == "mention" and "theft of public funds" in text[t.span[0]:t.span[1]]


def test_conflicts_denial_with_nothing_to_point_at_is_no_conflict() -> None:
    text = "The spokesman denied the reports."
    c = Claim(id="d#A1", article="d", date=None, text=text, spans=((0, len(text)),), claimant="Spokesman",
              claimant_id="P1", claimant_type="person", chain=("Outlet", "Spokesman"), about=("P1",),
              about_names=("Spokesman",), polarity="denied", attribution="A1", content="the reports")
    assert find_conflicts([c], texts={"d": text}, use_stance=False) == []


def test_conflicts_pronoun_only_claims_no_crash() -> None:
    a = _said(1, "P1", "He said it.", ("P1",))
    b = _said(2, "P2", "That is not true.", (), polarity="negated")
    c = _said(3, "P3", "they", ())
    conflicts = find_conflicts([a, b, c], texts={"x": "He said it. That is not true. they"}, use_stance=False)
    assert all(x.a.id != x.b.id for x in conflicts)


def test_conflicts_record_without_attributions(seed_text) -> None:
    d = _gold().seed_record_dict(seed_text)
    d["attributions"], d["events"] = [], []
    plain = dict(d, id="plain", text="The harbour reopened on Monday. Ferries ran on time again.", entities=[])
    assert build_record([Record.from_dict(plain)], use_stance=False).conflicts == []
    # A denial the outlet narrates still points at the report it denies, without any attribution.
    for c in build_record([Record.from_dict(d)], use_stance=False).conflicts:
        assert c.kind == "denial_vs_report" and c.a.spans != c.b.spans


def test_conflicts_syndicated_copies_each_conflict_once() -> None:
    # 3,000 copies of one report, one denial: one conflict, the copies in `also`.
    copies = [_said(i, "P1", "the firm paid the minister 200,000 euros before the tender", ("P1", "P2"),
                    article=f"copy{i}") for i in range(3000)]
    denial = _said(0, "P2", "the minister denied that the firm paid him before the tender", ("P2", "P1"),
                   article="herald", polarity="denied")
    denial.extras["cue"] = [[13, 19]]
    conflicts = find_conflicts([*copies, denial], use_stance=False)
    assert len(conflicts) == 1
    (c,) = conflicts
    assert c.kind == "denial_vs_report" and c.a.id == denial.id
    assert len({x.article for x in c.also} | {c.b.article}) >= 20  # top_k keeps the comparisons bounded


@pytest.mark.parametrize("first,second,clash", [
    ("at least 5 ships were stuck outside the harbour", "at least 6 ships were stuck outside the harbour", False),
    ("12 people were arrested at the harbour protest", "40 people were arrested at the harbour protest", True),
    ("about 100 people were arrested at the harbour protest", "104 people were arrested at the harbour protest",
     False),
])
def test_conflicts_counts_compatible_apart(first: str, second: str, clash: bool) -> None:
    a = _said(1, "P1", first, ("P3",))
    b = _said(2, "P2", second, ("P3",))
    kinds = [c.kind for c in find_conflicts([a, b], use_stance=False)]
    assert kinds == (["account_vs_account"] if clash else [])


def test_conflicts_blocking_keys_public() -> None:
    from onrecord.record.conflicts import blocking_keys

    c = _said(1, "P1", "12 people were arrested after the mayor met the developer", ("P2", "P3"))
    keys = blocking_keys(c)
    assert ("#", "x", "people") in keys and ("pp", "P2", "P3") in keys and ("a", "x") in keys and ("person", "P2") in keys
    assert any(k[0] == "p" and k[1] == "P2" for k in keys)
    assert all(isinstance(k, tuple) and all(isinstance(x, str) for x in k) for k in keys)


def test_conflicts_say_why(seed_conflicts) -> None:
    d = seed_conflicts[0].to_dict()
    assert d["why"] and all(isinstance(w, str) and w for w in d["why"])
    assert "Jeff Sessions" in d["why"][0]


# --- the benchmark scorer equals the reference scorer -----------------------------------------

def _reference(shared):
    import importlib.util

    path = shared / "tools" / "score_conflicts.py"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    spec = importlib.util.spec_from_file_location("score_conflicts", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_conflicts_eval_scorer_equals_reference(shared) -> None:
    import json
    import random

    from onrecord.eval import conflicts as ev

    ref = _reference(shared)
    gold_path = shared / "data" / "conflicts" / "voa_dev.jsonl"
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(3)
    preds: list[dict] = []
    for row in rows:  # gold sides, some shifted off target, swapped, repeated, or false alarms
        for c in row["conflicts"]:
            a, b = dict(c["a"], article=row["article"]), dict(c["b"], article=row["article"])
            a.pop("alt", None), b.pop("alt", None)
            roll = rng.random()
            if roll < 0.2:
                b = dict(b, span=[[10 ** 6, 10 ** 6 + 4]])
            elif roll < 0.4:
                a, b = b, a
            preds.append({"kind": c["kind"], "a": a, "b": b})
            if roll > 0.85:
                preds.append({"kind": "account_vs_account", "a": a, "b": b})
        if not row["conflicts"] and rng.random() < 0.3:
            preds.append({"kind": "denial_vs_report", "a": {"article": row["article"], "span": [[0, 5]]},
                          "b": {"article": row["article"], "span": [[10, 20]]}})
    assert preds
    want = ref.score(ref.load_gold(str(gold_path)), *ref.load_pred(preds))
    got = ev.score(ev.load_gold(gold_path), ev.group_predictions(preds))
    for key in ("tp", "fp", "fn", "precision", "recall", "f1"):
        assert got[key] == pytest.approx(want[key]), key
    assert got["false_alarms_per_free_story"] == pytest.approx(want["false_alarms_per_conflict_free_story"])
    for kind, v in want["by_gold_kind"].items():
        assert got["recall_by_kind"][kind]["recall"] == pytest.approx(v["recall"])


def test_conflicts_eval_report_last_line() -> None:
    from onrecord.eval.conflicts import report, score

    gold = {"s1": [{"kind": "denial_vs_report", "a": [(0, 5)], "b": [(10, 15)]}], "s2": []}
    preds = {"s1": [{"kind": "denial_vs_report", "a": [(1, 3)], "b": [(11, 12)]}],
             "s2": [{"kind": "denial_vs_report", "a": [(0, 1)], "b": [(2, 3)]}]}
    result = dict(score(gold, preds), half="all")
    last = report(result).splitlines()[-1]
    assert last == "conflicts: P=0.500 R=1.000 F1=0.667 false_alarms=1.00"
    assert "recall denial_vs_report: 1.000" in report(result)


def test_conflicts_opposite_poles_account_vs_account() -> None:
    a = _said(1, "P1", "the blast at the fuel depot was an accident", ())
    b = _said(2, "P2", "the blast at the fuel depot was deliberate", ())
    c = _said(3, "P3", "the storm at the fuel depot was deliberate news", (), article="other")
    (conflict,) = find_conflicts([a, b, c], use_stance=False)
    assert conflict.kind == "account_vs_account" and {conflict.a.id, conflict.b.id} == {a.id, b.id}
    assert "accident" in conflict.why[0] and "deliberate" in conflict.why[0]


def test_conflicts_denial_in_a_sentence_no_claim_covers() -> None:
    text = "Varga had claimed that the photos were taken by his uncle. Historians later exposed Varga as a fraud."
    claim = _said(1, "P1", "that the photos were taken by his uncle", ("P1",))
    claim.spans = ((text.index("that the"), text.index("uncle") + 5),)
    (c,) = find_conflicts([claim], texts={"x": text}, use_stance=False)
    assert c.kind == "denial_vs_report" and c.a.claimant == "Historians" and c.b.id == claim.id


def test_conflicts_claim_search_uses_the_judge() -> None:
    from onrecord.record.search import _disputes, _query_reading

    never = _said(1, "P1", "the army never fired on the crowd at the harbour", (), polarity="negated")
    other = _said(2, "P2", "the mayor opened the new library", ())
    asked = _query_reading("the army fired on the crowd at the harbour")
    assert _disputes(asked, never) and not _disputes(asked, other)


# --- mechanisms: demonstratives, narrated verdicts, abbreviations, possessives (made-up text) ---

def test_conflicts_demonstrative_points_at_the_clause_before_it() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ('The ministry praised the reform. "The charter says the courts answer to no minister, '
            'but that is plainly false," said Ilse Marn.')
    start = text.index('"The charter')
    d = read_denial(text, (start, len(text)))
    praised = (0, text.index(" praised") + 20)
    t = resolve_in_text(text, d, d.span, [("x#A1", praised, True)])
    assert t.how == "what came just before"
    assert text[t.span[0]:t.span[1]] == "the courts answer to no minister"


def test_conflicts_demonstrative_inside_a_quote_points_at_the_quote_before_it() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ('The port reopened on Monday, officials said. "In Corvania, there is the common view that the '
            'harbor board answers to nobody. That is not true," said Rina Halvek.')
    start = text.index("That is")
    d = read_denial(text, (start, len(text)))
    officials = (0, text.index(" officials"))
    t = resolve_in_text(text, d, d.span, [("x#A1", officials, True)])
    assert text[t.span[0]:t.span[1]] == "the harbor board answers to nobody"


def test_conflicts_demonstrative_opening_a_quote_answers_someone_else() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = 'The mayor said the bridge was safe. "That is not true," the engineer said.'
    start = text.index('"That')
    d = read_denial(text, (start, len(text)))
    mayor = (text.index("the bridge"), text.index(" safe") + 5)
    t = resolve_in_text(text, d, d.span, [("x#A1", mayor, True)])
    assert t.how == "nearby claim" and t.claim == "x#A1"


def test_conflicts_narrated_verdict_on_the_speakers_words() -> None:
    from onrecord.record.conflicts.denials import read_denial

    text = "He also spread false claims, saying that the U.S. Navy sank the ferry. Next, he left."
    cue = (text.index("spread"), text.index("spread") + 6)
    d = read_denial(text, (cue[0], text.index(" Navy")), cue=cue, content=(cue[1] + 1, text.index(" Navy")))
    assert d is not None and d.narrated and d.pointer == "claims"
    assert text[d.complement[0]:d.complement[1]] == "the U.S. Navy sank the ferry"
    # The same words inside what she said are her own verdict.
    text = "She said the false claims came from the rival camp."
    d = read_denial(text, (0, len(text)), cue=(4, 8), content=(9, len(text)))
    assert d is not None and not d.narrated


def test_conflicts_narrated_verdict_conflict_sides() -> None:
    text = "Kovac became famous online. He also repeated debunked rumors, claiming that the U.N. poisoned the wells."
    cue = text.index("repeated")
    claim = _said(1, "P1", text[text.index("debunked"):text.index(" poisoned")], ("P1",))
    claim.spans = ((text.index("debunked"), text.index(" poisoned")),)
    claim.extras["cue"] = [[cue, cue + 8]]
    (c,) = find_conflicts([claim], texts={"x": text}, use_stance=False)
    assert c.kind == "denial_vs_report" and c.a.claimant_type == "media" and c.b.claimant == "P1"
    assert text[c.b.spans[0][0]:c.b.spans[0][1]] == "the U.N. poisoned the wells"


def test_conflicts_sentences_do_not_end_at_initials() -> None:
    from onrecord.record.conflicts.denials import sentence_bounds

    text = "Mr. Venn met the U.S. envoy on Monday. He left."
    s, e = sentence_bounds(text, 20, 20)
    assert text[s:e].strip() == "Mr. Venn met the U.S. envoy on Monday."


def test_conflicts_possessives_and_model_numbers() -> None:
    from onrecord.record.conflicts.meaning import meaning_words
    from onrecord.record.conflicts.propositions import numbers

    assert "asean" in meaning_words("a danger to ASEAN's sea lanes")
    assert numbers("the K-900 radar poses no threat") == {}
    assert list(numbers("12 people were held").values()) == [12.0]
    a = _said(1, "P1", "the radar poses a threat to ASEAN's sea lanes", ("P3",))
    b = _said(2, "P2", "the K-900 radar poses no threat to ASEAN sea lanes", ("P3",), polarity="negated")
    (c,) = find_conflicts([a, b], use_stance=False)
    assert c.kind == "denial_vs_report" and c.a.id == b.id


def test_conflicts_denied_label_against_the_label_given() -> None:
    police = _said(1, "P1", "the man they shot on Sunday was a militant", ("P3",))
    brother = _said(2, "P2", "he was not a militant but a student at the college", ("P3",), polarity="negated")
    (c,) = find_conflicts([police, brother], use_stance=False)
    assert c.kind == "denial_vs_report" and c.a.id == brother.id and c.b.id == police.id
    # An opinion about a thing is no identity: "the plan is not a threat" denies no label.
    plan = _said(3, "P1", "the new plan is a threat to farmers", ())
    not_plan = _said(4, "P2", "the new plan is not a threat to farmers", (), polarity="negated")
    assert all("label" not in " ".join(x.why) for x in find_conflicts([plan, not_plan], use_stance=False))


def test_conflicts_one_speaker_reports_the_label_and_denies_it() -> None:
    called = _said(1, "P1", "one guard at the border post recognized her but another called her a smuggler", ("P1",))
    denied = _said(2, "P1", "she told the guard at the border post that she was not a smuggler", ("P1",),
                   polarity="negated")
    (c,) = find_conflicts([called, denied], use_stance=False)
    assert c.a.id == denied.id and c.b.id == called.id
    # Her own two statements with no one else's word in them stay one account.
    plain = _said(3, "P1", "she was a teacher in the town for years", ("P1",))
    also = _said(4, "P1", "she was not a teacher in the capital", ("P1",), polarity="negated")
    assert find_conflicts([plain, also], use_stance=False) == []


def test_conflicts_denied_responsibility_points_at_the_account_of_the_event() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("Witnesses said jets bombed the market in Orsk, killing nine people. "
            "The army denied responsibility for the strike.")
    start = text.index("The army")
    d = read_denial(text, (start, len(text)))
    account = (text.index("jets"), text.index(" people") + 7)
    t = resolve_in_text(text, d, d.span, [("x#A1", account, True)])
    assert t.how == "account of it" and t.claim == "x#A1"
    # With no account of the event, nothing: a bare name of an event inside the denial's own
    # words ("the strike") is no report of anything.
    assert resolve_in_text(text, d, d.span, []) is None


def test_conflicts_said_no_meeting_took_place_restates() -> None:
    from onrecord.record.conflicts import read_denial

    text = "A spokesman said no meeting took place."
    assert read_denial(text, (0, len(text))).how == "restates"
    met = _said(1, "P1", "the prime minister met the rebel commander in Geneva", ("P3", "P4"))
    no = _said(2, "P2", "no meeting took place", ("P3", "P4"), polarity="negated")
    no.extras["cue"] = [[0, 0]]
    (c,) = find_conflicts([met, no], texts={"x": "no meeting took place"}, use_stance=False)
    assert c.a.id == no.id and c.b.id == met.id


def test_conflicts_accused_of_is_the_accusation_mentioned() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("Prosecutors accuse opposition leader Mira Tal of laundering money through a charity. "
            "Tal dismissed the accusations as politically motivated.")
    start = text.index("Tal dismissed")
    d = read_denial(text, (start, len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert t.how == "mention" and text[t.span[0]:t.span[1]].endswith("laundering money through a charity")


def test_conflicts_negation_against_an_account_with_time_and_place() -> None:
    fired = _said(1, "P1", "soldiers fired on protesters in the main square on Saturday", ())
    never = _said(2, "P2", "troops did not fire on protesters", (), polarity="negated")
    (c,) = find_conflicts([fired, never], use_stance=False)
    assert c.a.id == never.id
    # A negation of a passing detail is no denial of the account.
    detail = _said(3, "P2", "the square was not closed to traffic", (), polarity="negated")
    assert find_conflicts([fired, detail], use_stance=False) == []


@pytest.mark.parametrize("sentence", [
    "An update will follow if the claim is formally confirmed or denied.",
    "The ministry neither confirmed nor denied the report.",
    "It is unclear whether the company will reject the allegations.",
    "Denial.",
    "If he pleads not guilty, the trial will start in May.",
])
def test_conflicts_possible_denials_are_no_denials(sentence: str) -> None:
    from onrecord.record.conflicts import read_denial

    assert read_denial(sentence, (0, len(sentence))) is None


def test_conflicts_asked_whether_then_denied_is_a_denial() -> None:
    from onrecord.record.conflicts import read_denial

    text = "Asked whether he met the envoy, the minister denied it."
    assert read_denial(text, (0, len(text))) is not None


def test_conflicts_mention_must_say_what_it_reports() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    # "reportedly" and "reporters" are no reports; "a report that ..." is, without its verdict.
    text = ("Reporters gathered outside. A report that the drummer had drowned proved to be false. "
            "The band reportedly cancelled a show. His agent denied the report.")
    start = text.index("His agent")
    d = read_denial(text, (start, len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert t.how == "mention" and text[t.span[0]:t.span[1]] == "A report that the drummer had drowned"
    text = "Reports of the singer’s death are not accurate, his agent wrote. The band denied the reports."
    d = read_denial(text, (text.index("The band"), len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert text[t.span[0]:t.span[1]] == "Reports of the singer’s death"


def test_conflicts_complement_keeps_scare_quotes() -> None:
    from onrecord.record.conflicts.denials import _complement

    text = 'shared a false story stating that the “Rat Squad” singer was found dead. Then'
    s, e = _complement(text, text.index(" stating"), len(text))
    assert text[s:e] == "the “Rat Squad” singer was found dead"


def test_conflicts_denied_it_points_at_the_question() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = "Asked whether he met the envoy in Rome, the minister denied it."
    d = read_denial(text, (0, len(text)))
    t = resolve_in_text(text, d, d.span, [])
    assert t.how == "question" and text[t.span[0]:t.span[1]] == "he met the envoy in Rome"


@pytest.mark.parametrize("sentence", [
    "His mind is made up, a friend said.",
    "The story comes from a site called Daily Buzz that publishes outright fiction.",
])
def test_conflicts_idioms_and_names_are_no_rebuttals(sentence: str) -> None:
    from onrecord.record.conflicts import read_denial

    assert read_denial(sentence, (0, len(sentence))) is None


def test_conflicts_suggestion_that_x_is_false_denies_x() -> None:
    from onrecord.record.conflicts import read_denial

    text = "The suggestion that smugglers, who work for the cartel, crossed the river is categorically false."
    d = read_denial(text, (0, len(text)))
    assert d is not None and text[d.span[0]:d.span[1]] == "is categorically false"
    assert text[d.complement[0]:d.complement[1]] == "smugglers, who work for the cartel, crossed the river"
    for ok in ("The photo is fake.", "That is simply untrue.", "Everything he said about me is false."):
        assert read_denial(ok, (0, len(ok))) is not None, ok


def test_conflicts_a_denial_points_at_an_account_not_a_name_or_another_denial() -> None:
    text = ("The mayor of Tarsk said the new bridge had been closed for repairs. A famous author said "
            "the head of the council. Officials said this could be a hoax story. The council called the "
            "report false.")
    mayor = _said(1, "P1", "the new bridge had been closed for repairs", ())
    mayor.spans = ((text.index("the new"), text.index(" A famous")),)
    name = _said(2, "P2", "the head of the council", ())
    name.spans = ((text.index("the head"), text.index(". Officials")),)
    hoax = _said(3, "P3", "this could be a hoax story", (), polarity="hedged")
    hoax.spans = ((text.index("this could"), text.index(". The council")),)
    council = _said(4, "P4", "The council called the report false", ())
    council.spans = ((text.index("The council"), len(text) - 1),)
    found = find_conflicts([mayor, name, hoax, council], texts={"x": text}, use_stance=False)
    # Never a bare name or another denial. The mayor's account, three sentences back and sharing
    # nothing with "the report", is too far to be taken on position alone (precision first).
    assert not any(c.b.id in (name.id, hoax.id) for c in found)
    assert all(c.a.id.startswith("x#A4") and c.b.id == mayor.id for c in found)


def test_conflicts_rebuttal_noun_must_point_and_debunk_is_a_verb() -> None:
    from onrecord.record.conflicts import read_denial

    generic = "He was charged with making false statements to investigators."
    assert read_denial(generic, (0, len(generic))) is None
    for ok in ("The false reports spread quickly online.", "She repeated false claims that the vote was rigged."):
        assert read_denial(ok, (0, len(ok))) is not None, ok
    verb = "His publicist later debunked the report."
    d = read_denial(verb, (0, len(verb)))
    assert d is not None and d.how == "points" and d.pointer == "report"


@pytest.mark.parametrize("sentence", [
    "Mexico must rebut the claims made during the campaign.",
    "The party plans to deny the reports at a news conference.",
    "She blasted the plan, calling it absurd.",
    "That is ridiculous, the senator said.",
    "The ministry was accused of making his own brand of fiction.",
])
def test_conflicts_duties_plans_and_opinions_are_no_denials(sentence: str) -> None:
    from onrecord.record.conflicts import read_denial

    assert read_denial(sentence, (0, len(sentence))) is None


def test_conflicts_weak_verdicts_of_a_report_still_rebut() -> None:
    from onrecord.record.conflicts import read_denial

    for ok in ("The Kremlin called the reports absurd.", "The claims are nonsense, he said."):
        assert read_denial(ok, (0, len(ok))) is not None, ok


def test_conflicts_denied_deed_needs_a_related_account() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ('"He is a great leader," said the aide. Officials said the firm bribed the port inspectors. '
            'Another aide praised the speech. The firm denied any wrongdoing at the port.')
    d = read_denial(text, (text.index("The firm denied"), len(text)))
    aide = (text.index("Another"), text.index(" the speech") + 11)
    bribe = (text.index("the firm bribed"), text.index(" inspectors") + 11)
    t = resolve_in_text(text, d, d.span, [("x#A2", bribe, True), ("x#A3", aide, True)])
    assert t.claim == "x#A2"


def test_conflicts_without_is_no_negation() -> None:
    a = _said(1, "P1", "the mayor let the council go a year without a press conference", (), polarity="negated")
    b = _said(2, "P2", "the mayor's last press conference was held in March", ())
    assert find_conflicts([a, b], use_stance=False) == []


def test_conflicts_negated_restatement_of_an_account() -> None:
    arrested = _said(1, "P1", "police arrested the opposition leader Ade Bello in Lagos on Monday", ())
    not_arrested = _said(2, "P2", "Bello had not been arrested but had come in for questioning", (), polarity="negated")
    (c,) = find_conflicts([arrested, not_arrested], use_stance=False)
    assert c.kind == "denial_vs_report" and c.a.id == not_arrested.id and "negated" in c.why[1]
    # Someone else's act negated, a plan, or a bare noun phrase is no restatement.
    other = _said(3, "P2", "Okoro had not been arrested in Lagos on Monday", (), polarity="negated")
    plan = _said(4, "P1", "police plan to arrest the opposition leader Ade Bello in Lagos", ())
    noun = _said(5, "P1", "the arrest of the opposition leader Ade Bello in Lagos", ())
    assert find_conflicts([arrested, other], use_stance=False) == []
    assert find_conflicts([plan, not_arrested], use_stance=False) == []
    assert find_conflicts([noun, not_arrested], use_stance=False) == []


def test_conflicts_one_denial_against_several_reports_is_one_dispute() -> None:
    denial = _said(0, "P0", "the mayor denied that he met the developer at the harbour", ("P0", "P9"), polarity="denied")
    denial.extras["cue"] = [[10, 16]]
    first = _said(1, "P1", "the mayor met the developer at the harbour twice", ("P0", "P9"))
    second = _said(2, "P2", "the mayor held private talks with the developer at the harbour office", ("P0", "P9"))
    (c,) = find_conflicts([denial, first, second], use_stance=False)
    assert c.a.id == denial.id and {c.b.id, *(x.id for x in c.also)} == {first.id, second.id}


@pytest.mark.parametrize("sentence,how,pointer", [
    ("Iran rejected the U.S. claims.", "points", "claims"),
    ("He denied he had ever met her.", "restates", None),
    ("The company called the lawsuit frivolous.", "rebuts", "lawsuit"),
    ("The firm said the complaint was without merit.", "rebuts", None),
])
def test_conflicts_more_denial_forms(sentence: str, how: str, pointer: str | None) -> None:
    from onrecord.record.conflicts import read_denial

    d = read_denial(sentence, (0, len(sentence)))
    assert d is not None and d.how == how
    assert pointer is None or d.pointer == pointer


def test_conflicts_plural_possessor_brings_the_accusation() -> None:
    from onrecord.record.conflicts import read_denial

    text = "She dismissed Bernie Sanders’ accusations that the campaign broke the law."
    d = read_denial(text, (0, len(text)))
    assert d.possessor == "Bernie Sanders" and text[d.complement[0]:d.complement[1]] == "the campaign broke the law"


def test_conflicts_possessor_points_at_its_own_claim() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("Velmora said rebels crossed from Kordavia into the valley. Aid workers said the valley road was "
            "closed. Kordavia rejected Velmora's allegations on Tuesday.")
    d = read_denial(text, (text.index("Kordavia rejected"), len(text)))
    velmora = (text.index("rebels"), text.index(" into the valley") + 16)
    aid = (text.index("the valley road"), text.index(" closed") + 7)
    nearby = [("x#A1", velmora, True), ("x#A2", aid, True)]
    t = resolve_in_text(text, d, d.span, nearby, owners={"x#A1": "Velmora", "x#A2": "Aid workers"})
    assert t.how == "owner's claim" and t.claim == "x#A1"


def test_conflicts_denial_never_points_at_its_own_words() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("A bus caught fire on the bridge at dawn, police said. "
            "The provincial government has ruled out rebel involvement in the latest incident.")
    start = text.index("The provincial")
    d = read_denial(text, (start, len(text)))
    t = resolve_in_text(text, d, (start, len(text)), [])
    assert t is None or not (t.span[0] < len(text) and start < t.span[1])


def test_conflicts_demonstrative_pointer_looks_back_past_scare_quotes() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    # The accusation before it has scare quotes in it; a later sentence tells of another one.
    text = ("On Monday the Iranian and Iraqi interior ministries accused Turkish troops of guarding "
            "“smuggling corridors” and blocking a plan to reopen the crossing. "
            "The Turkish army rejected these accusations as patently false. "
            "The crossing has been closed for a year. Iran and Iraq have been accused of holding up "
            "aid convoys to the valley.")
    start = text.index("The Turkish army")
    d = read_denial(text, (start, text.index(" The crossing")))
    t = resolve_in_text(text, d, d.span, [], names=("The Turkish army",))
    assert t is not None and t.how == "mention"
    found = text[t.span[0]:t.span[1]]
    assert "Iraqi interior ministries accused Turkish troops" in found and found.endswith("reopen the crossing")
    assert t.span[1] < start


def test_conflicts_accusation_of_the_other_side_is_not_what_is_denied() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("Greek officials accused Turkish troops of firing on fishing boats near the island. "
            "Turkey in turn accused the Greek coast guard of pushing migrant boats back to sea. "
            "The Turkish army rejected the accusations as baseless.")
    start = text.index("The Turkish army")
    d = read_denial(text, (start, len(text)))
    t = resolve_in_text(text, d, d.span, [], names=("The Turkish army",))
    assert t is not None and text[t.span[0]:t.span[1]].startswith("Greek officials accused Turkish troops")


def test_conflicts_police_do_not_deny_an_accusation_against_other_countries() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("The ambassador accused Britain and the United States of meddling in the region's affairs. "
            "Thousands marched through the old town on Sunday. "
            "The mayor said the city is committed to calm talks with the marchers, while the city’s police "
            "deny accusations of brutality.")
    start = text.index("the city’s police")
    d = read_denial(text, (start, text.index("accusations") + len("accusations")))
    mayor = (text.index("the city is"), text.index(", while"))
    t = resolve_in_text(text, d, d.span, [("x#A1", mayor, True)], names=("the city’s police",))
    assert t is None


def test_conflicts_possessor_resolves_to_its_owner_or_nothing() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    text = ("The Norland and Vesk defence ministries said foreign troops had trained the militia in the hills. "
            "Tom Reyes, an analyst at a research group, said the militia was secular and fought the insurgents. "
            "Ana Lind, a researcher, said the Norland Defense Ministry’s allegations are false.")
    start = text.index("Ana Lind")
    d = read_denial(text, (start, len(text)))
    assert d is not None and d.possessor == "Norland Defense Ministry"
    ministries = (0, text.index(" Tom Reyes"))
    reyes = (text.index("the militia was"), text.index(" Ana Lind"))
    owners = {"x#A1": "the Norland and Vesk defence ministries", "x#A2": "Tom Reyes"}
    nearby = [("x#A1", ministries, True), ("x#A2", reyes, True)]
    t = resolve_in_text(text, d, d.span, nearby, names=("Ana Lind",), owners=owners)
    assert t is not None and t.claim == "x#A1"
    # A possessor no claim belongs to: nothing, never the unrelated claim just before.
    t = resolve_in_text(text, d, d.span, nearby[1:], names=("Ana Lind",), owners={"x#A2": "Tom Reyes"})
    assert t is None


def test_conflicts_pointing_noun_needs_a_claim_about_it() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    # The last thing anyone said, a few sentences back, is about something else: "the claims"
    # must not land on it.
    text = ("The chief executive said the group would look for new sources of revenue next year. "
            "Its shares rose two percent. Company leaders denied the sensational merger claims on Monday.")
    d = read_denial(text, (text.index("Company leaders"), len(text)))
    revenue = (text.index("the group would"), text.index(" next year") + 10)
    t = resolve_in_text(text, d, d.span, [("x#A1", revenue, True)], names=("Company leaders",))
    assert t is None or t.claim != "x#A1"
    # A claim about the merger is what it denies.
    text2 = ("The chief executive said the merger had been agreed in secret. "
             "Its shares rose two percent. Company leaders denied the sensational merger claims on Monday.")
    d2 = read_denial(text2, (text2.index("Company leaders"), len(text2)))
    merger = (text2.index("the merger had"), text2.index(" in secret") + 10)
    t2 = resolve_in_text(text2, d2, d2.span, [("x#A1", merger, True)], names=("Company leaders",))
    assert t2 is not None and t2.claim == "x#A1"


@pytest.mark.parametrize("where", ["in a statement posted on its website", "in an interview", "in court"])
def test_conflicts_where_it_was_denied_is_no_complement(where: str) -> None:
    from onrecord.record.conflicts import read_denial

    text = f"The company denied the allegations {where}."
    d = read_denial(text, (0, len(text)))
    assert d is not None and d.complement is None
    # "charges in the death of ..." still says what the charges are about.
    text2 = "He denied the charges in the death of the guard."
    d2 = read_denial(text2, (0, len(text2)))
    assert d2 is not None and text2[d2.complement[0]:d2.complement[1]].startswith("the death")


def test_conflicts_cross_article_match_is_not_the_names_alone() -> None:
    # A denial with nothing to point at in its own story meets another story's claim only on
    # what both say, not on the name that brought them together.
    text = "Mara Quill denied both allegations."
    denial = Claim(id="x#A1", article="x", date=None, text=text, spans=((0, len(text)),), claimant="Mara Quill",
                   claimant_id="P1", claimant_type="person", chain=("O", "x"), about=("P1",),
                   about_names=("Mara Quill",), polarity="asserted", attribution="A1", content=text)
    other = _said(1, "P2", "the inquiry into Mara Quill was closed", ("P1",), article="y")
    other.about_names = ("Mara Quill",)
    assert find_conflicts([denial, other], texts={"x": text}, use_stance=False) == []


def test_conflicts_pointing_noun_takes_the_previous_paragraph_sentence() -> None:
    from onrecord.record.conflicts.denials import read_denial, resolve_in_text

    # The sentence just before is in the paragraph above: still the salient report.
    text = ("Auditors have accused the port board of hiding losses for three years.\n\n"
            "The chairman has repeatedly rejected such reports.")
    d = read_denial(text, (text.index("The chairman"), len(text)))
    accused = (text.index("the port board"), text.index(" for three years") + 16)
    t = resolve_in_text(text, d, d.span, [("x#A1", accused, True)], names=("The chairman",))
    assert t is not None and t.claim == "x#A1"


@pytest.mark.slow
def test_conflicts_a_fraud_exposure_answers_the_first_claim_of_the_sentence_before() -> None:
    from onrecord.pipeline import analyse

    text = ("Marek Lind, a collector from Gdansk, became famous last year. He claimed the letters were "
            "written by his uncle and said he wanted to give them to the national museum. In May, "
            "however, archivists exposed Lind as a fraud.")
    record = build_record([analyse(text, id="lind", published="2025-06-01", on_error="raise")])
    denials = [c for c in record.conflicts if c.kind == "denial_vs_report" and "fraud" in c.a.text]
    assert denials and denials[0].b.text.startswith("the letters were written by his uncle")
