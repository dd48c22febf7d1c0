"""End to end: raw text through every stage to conflicts.

These need the attribution and events stages; until they land the articles have no
attributions and the tests skip (they never pass by accident on empty records).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.model import Article, Meta
from onrecord.pipeline import analyse_batch
from onrecord.record import build_record
from conftest import story_gold as _gold

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "story"




def _need_attributions(records) -> None:
    # The stages run with on_error="raise": no attributions here is a failure, never a skip.
    assert any(r.attributions for r in records), "no attributions to build claims from"


def _analyse_folder(folder: Path) -> list:
    """A fixture folder of made-up articles (meta.json gives each one's outlet and date), analysed."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    articles = [Article(id=p.stem, text=p.read_text(encoding="utf-8"),
                        meta=Meta(outlet=meta[p.stem]["outlet"], published=meta[p.stem]["published"]))
                for p in sorted(folder.glob("*.txt"))]
    records = list(analyse_batch(articles, on_error="raise"))
    _need_attributions(records)
    return records


@pytest.mark.slow
def test_e2e_seed_sessions_kislyak_conflict_first(seed_record) -> None:
    _need_attributions([seed_record])
    conflicts = build_record([seed_record]).conflicts
    assert conflicts, "no conflict found in the seed"
    first = conflicts[0]
    assert {first.a.claimant, first.b.claimant} == {"Jeff Sessions", "Sergey Kislyak"}
    text = seed_record.text
    a = " ".join(text[s:e] for s, e in first.a.spans)
    b = " ".join(text[s:e] for s, e in first.b.spans)
    assert "denied discussing" in a or "never had meetings" in a
    assert "discussed campaign-related matters" in b


@pytest.fixture(scope="module")
def story_records():
    return _analyse_folder(STORY)


@pytest.mark.slow
@pytest.mark.parametrize("use_stance", [True, False])
def test_e2e_story_conflicts_exactly_expected(story_records, use_stance: bool) -> None:
    story = build_record(story_records, use_stance=use_stance)
    assert {(c.kind, c.a.claimant, c.b.claimant) for c in story.conflicts} == _gold().EXPECTED
    scores = [c.score for c in story.conflicts]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.slow
def test_e2e_story_self_contradiction_earlier_statement_first(story_records) -> None:
    story = build_record(story_records)
    c = next(c for c in story.conflicts if c.kind == "self_contradiction")
    assert c.a.article == "01-ledger-price-denies" and c.b.article == "05-metro-price-changes"
    assert c.a.negative and not c.b.negative


@pytest.mark.slow
def test_e2e_story_namesakes_apart(story_records) -> None:
    story = build_record(story_records)
    okafors = {p.name: p for p in story.linking.find("Okafor")}
    assert {"Maria Okafor", "David Okafor"} <= set(okafors)
    david, maria = okafors["David Okafor"].id, okafors["Maria Okafor"].id
    # "Chief Okafor" (no full name in that article) is the police chief, by title.
    courier = [c for c in story.claims if c.article == "04-courier-repeats" and "Okafor" in c.claimant]
    assert courier and all(c.claimant_id == david for c in courier)
    # The council member is in no conflict; the chief's numbers clash with the organiser's.
    assert not story.conflicts_of(maria)
    (numbers,) = [c for c in story.conflicts if c.kind == "account_vs_account"]
    assert {"David Okafor", "Samuel Reyes"} <= set(numbers.about)


@pytest.mark.slow
def test_e2e_story_outlet_narration_is_no_claimant(story_records) -> None:
    story = build_record(story_records)
    outlets = {"Harlow Ledger", "Channel 5 News", "Harlow Post", "Valley Courier", "Metro Wire"}
    assert not {c.a.claimant for c in story.conflicts} & outlets
    assert not {c.b.claimant for c in story.conflicts} & outlets


@pytest.mark.slow
def test_e2e_seed_headline_is_not_a_statement(seed_record) -> None:
    _need_attributions([seed_record])
    claims = build_record([seed_record], use_stance=False).claims
    headline_end = seed_record.text.index("US Attorney General Jeff Sessions holds")
    # "Sessions discussed Trump's campaign ...: Report" is the outlet's headline, not Sessions speaking.
    assert not [c for c in claims if c.claimant == "Jeff Sessions" and c.spans[0][0] < headline_end]


CROSS = Path(__file__).resolve().parents[1] / "fixtures" / "cross_story"


@pytest.fixture(scope="module")
def cross_records():
    records = _analyse_folder(CROSS)
    assert len(records) >= 5 and len({r.meta.published for r in records}) >= 5
    return records


@pytest.mark.slow
def test_e2e_cross_article_denial_once_with_reports_as_also(cross_records) -> None:
    story = build_record(cross_records, use_stance=False)
    kinds = sorted((c.kind, frozenset((c.a.claimant, c.b.claimant))) for c in story.conflicts)
    assert kinds == sorted([("denial_vs_report", frozenset(("Aldo Ferrant", "Nadia Kessel"))),
                            ("account_vs_account", frozenset(("Marek Olsen", "the port police")))])
    denial = next(c for c in story.conflicts if c.kind == "denial_vs_report")
    assert denial.a.claimant == "Aldo Ferrant" and denial.a.negative
    # The denial is in one article, the report in others; every other mention is `also`.
    articles = {denial.a.article, denial.b.article} | {x.article for x in denial.also}
    assert {"01-times-whistleblower", "02-herald-minister-denies", "04-wire-syndicated"} <= articles
    assert len({x.id for x in denial.also}) == len(denial.also)
    assert denial.why and all(isinstance(w, str) for w in denial.why)


@pytest.mark.slow
def test_e2e_cross_article_compatible_counts_apart(cross_records) -> None:
    story = build_record(cross_records, use_stance=False)
    texts = [c.a.text + " " + c.b.text for c in story.conflicts]
    assert not [t for t in texts if "at least" in t]


@pytest.mark.slow
def test_e2e_eval_conflicts_equals_reference_scorer(shared, tmp_path) -> None:
    import importlib.util

    from onrecord.eval.conflicts import evaluate, report

    tool = shared / "tools" / "score_conflicts.py"
    gold_path = shared / "data" / "conflicts" / "voa_dev.jsonl"
    stories = shared / "data" / "voa" / "voa_stories.jsonl"
    if not tool.exists() or not gold_path.exists():
        pytest.skip("the reference scorer or the conflicts benchmark is absent")
    spec = importlib.util.spec_from_file_location("score_conflicts", tool)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    lines = gold_path.read_text(encoding="utf-8").splitlines()
    with_conflicts = [x for x in lines if '"conflicts": []' not in x][:4]
    without = [x for x in lines if '"conflicts": []' in x][:4]
    small = tmp_path / "gold.jsonl"
    small.write_text("\n".join(with_conflicts + without) + "\n", encoding="utf-8")
    result = evaluate(small, stories, use_stance=False)
    want = ref.score(ref.load_gold(str(small)), *ref.load_pred(result["predictions"]))
    for key in ("tp", "fp", "fn", "precision", "recall", "f1"):
        assert result[key] == pytest.approx(want[key]), key
    assert result["false_alarms_per_free_story"] == pytest.approx(want["false_alarms_per_conflict_free_story"])
    assert report(result).splitlines()[-1].startswith("conflicts: P=")


# Made-up one-paragraph stories: (text, words in the denial, words in what it denies).
DENIALS = [
    ('The Harbour Gazette reported on Monday that Prime Minister Arlo Venn met rebel leaders in Geneva. '
     'Kremlin spokesman Ivan Petrov called the report "absurd".', "absurd", "Arlo Venn met"),
    ('"There was no meeting," a government spokesman said on Tuesday. The Daily Post reported that the two '
     'leaders met secretly in Geneva last week.', "no meeting", "met secretly"),
    ('Witnesses said a drone struck the market on Friday, killing 12 people. Both governments denied carrying '
     'out the strike.', "denied carrying", "drone struck"),
    ('Trade between the two countries grew last year. "In Corvania, there is the common view that the port '
     'authority always sides with the shipping firms. That is not true," Professor Rina Halvek said.',
     "not true", "port authority"),
    ("Kordavia's foreign ministry rejected Velmora's allegation that it harbored militants along the border.",
     "rejected", "harbored militants"),
    ("Witnesses said Velmoran jets bombed the village of Orsk on Friday, killing nine people. The Velmoran "
     "military denied responsibility for the strike.", "denied responsibility", "jets bombed"),
    ("It was the third shooting in the city this month, and many people in the area are angry. Police said the "
     "man they shot on Sunday was a militant. His brother, Amir Sadek, said he was not a militant but a student "
     "at the university.", "not a militant", "was a militant"),
    ("Prosecutors accuse opposition leader Mira Tal of laundering money through a charity. Tal dismissed the "
     "accusations as politically motivated.", "politically motivated", "laundering money"),
    ("Witnesses said soldiers fired on protesters in the main square on Saturday. Army spokesman Colonel Ivo "
     "Baran said troops did not fire on protesters.", "did not fire", "fired on protesters"),
    ("The health ministry said 212 people had died in the floods across the country since the start of the "
     "month. The opposition disputed the figures, saying the true number of deaths was far higher than the "
     "government had admitted.", "disputed the figures", "212 people"),
    ("A report in the Daily Courier said the minister of finance had hidden money in a bank account abroad for "
     "years. The minister said the claims were \"categorically false\" and that he would sue the newspaper.",
     "categorically false", "hidden money"),
    # "these accusations" points back, past scare quotes, at an accusation against the denier's
    # side (Turkish troops), not at a later one against other countries.
    ("On Monday the Iranian and Iraqi interior ministries accused Turkish troops of guarding “smuggling "
     "corridors” and blocking a plan to reopen the crossing. The Turkish army rejected these accusations as "
     "patently false. The crossing has been closed for a year. Iran and Iraq have been accused of holding up "
     "aid convoys to the valley.", "rejected these accusations", "accused Turkish troops"),
    # "X's allegations" are X's, not the claim just before.
    ("The Norland and Vesk defence ministries said foreign troops had trained the militia in the hills. Tom "
     "Reyes, an analyst at a research group, said the militia was secular and fought the insurgents. Ana Lind, "
     "a researcher, said the Norland Defense Ministry's allegations are false.", "allegations are false",
     "trained the militia"),
]

# Made-up stories with disagreement, refusal or policy but no dispute of an account.
NO_CONFLICT = [
    "The ministry refused to comment on the report. Officials said there was no evidence of fraud in the vote.",
    "The president rejected the proposal to raise taxes. The court denied bail to the suspect. The minister "
    "dismissed concerns about the tariffs.",
    "It was not clear who fired the shots, police said. The mayor said the city would not raise fares this year.",
    "The union said wages have not kept up with prices. The company said it paid workers well above the "
    "industry average.",
    "The embassy denied visas to the team on Friday. The team's manager said the players were disappointed but "
    "would try again next year.",
    "A link will be added to this story if the report is officially confirmed or denied by the palace. The "
    "palace has not said anything about the wedding so far.",
    # The police deny accusations, but the only accusation told is against other countries.
    "The ambassador accused Britain and the United States of meddling in the region's affairs. Thousands "
    "marched through the old town on Sunday. The mayor said the city is committed to calm talks with the "
    "marchers, while the city's police deny accusations of brutality.",
    # Its own words ("the latest incident") are no report.
    "A bus caught fire on the bridge at dawn, killing four people. The provincial government has ruled out "
    "rebel involvement in the latest incident.",
    # A possessor no one in the story is: no conflict with the unrelated claim before it.
    "The Norland and Vesk defence ministries said foreign troops had trained the militia in the hills. Tom "
    "Reyes, an analyst at a research group, said the militia was secular and fought the insurgents. Ana Lind, "
    "a researcher, said the Kalvar Foreign Ministry's allegations are false.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_CONFLICT)
def test_e2e_no_dispute_no_conflict(text: str) -> None:
    from onrecord.pipeline import analyse

    assert build_record([analyse(text, id="story")], use_stance=False).conflicts == []


@pytest.mark.slow
@pytest.mark.parametrize("text,denial,denied", DENIALS)
def test_e2e_denial_finds_what_it_denies(text: str, denial: str, denied: str) -> None:
    from onrecord.pipeline import analyse

    conflicts = build_record([analyse(text, id="story")], use_stance=False).conflicts
    assert len(conflicts) == 1
    (c,) = conflicts
    assert c.kind == "denial_vs_report"
    assert denial in c.a.text and denied in text[c.b.spans[0][0]:c.b.spans[-1][1]]


CLUSTER = Path(__file__).resolve().parents[1] / "fixtures" / "conflicts_cluster"


@pytest.fixture(scope="module")
def cluster_records():
    return _analyse_folder(CLUSTER)


@pytest.mark.slow
def test_e2e_cluster_each_dispute_once_allies_as_also(cluster_records) -> None:
    # A made-up cluster: a meeting reported by officials, denied by the government in one
    # article and called "absurd" by an ally in another; a bombing told by witnesses, denied by
    # both accused governments; a separate attack elsewhere with its own death toll.
    story = build_record(cluster_records, use_stance=False)
    assert [c.kind for c in story.conflicts] == ["denial_vs_report", "denial_vs_report"]
    sides = [{c.a.article, *(x.article for x in c.also)} | {c.b.article} for c in story.conflicts]
    meeting = next(c for c, s in zip(story.conflicts, sides) if "01-gazette-meeting" in s)
    strike = next(c for c, s in zip(story.conflicts, sides) if "04-gazette-orsk-strike" in s)
    meeting_articles = {meeting.a.article, meeting.b.article} | {x.article for x in meeting.also}
    assert {"01-gazette-meeting", "02-courier-government-denies", "03-wire-kordavia-absurd"} <= meeting_articles
    assert meeting.b.article == "01-gazette-meeting" and not meeting.a.article.startswith("01")
    assert strike.a.article == "05-courier-both-deny" and strike.b.article == "04-gazette-orsk-strike"
    # Two death tolls of two different attacks are no conflict.
    assert not [c for c in story.conflicts if "06-wire-lissa-attack" in {c.a.article, c.b.article}]
