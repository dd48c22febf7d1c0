"""The whole-story scorer (onrecord.eval.stories) and its hand-coded gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.eval import stories

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "events_stories" / "gold.jsonl"


def _gold_event(type_: str, mentions: list[list[int]], actor: str | None, recipient: str | None) -> dict:
    return {"type": type_, "mentions": mentions, "actor": [{"country": actor, "sector": None}],
            "recipient": [{"country": recipient, "sector": None}] if recipient else [], "date": None}


def _pred(type_: str, trigger: list[list[int]], actor: str | None, recipient: str | None) -> dict:
    return {"type": type_, "trigger": trigger, "actor": [{"country": actor, "sector": None}],
            "recipient": [{"country": recipient, "sector": None}] if recipient else [], "date": None}


def test_events_stories_match_rules() -> None:
    gold = _gold_event("CONSULT", [[10, 14], [200, 205]], "FRA", "DEU")
    assert stories._type_ok(_pred("CONSULT", [[201, 204]], None, None), gold)  # any mention counts
    assert not stories._type_ok(_pred("AGREE", [[10, 14]], "FRA", "DEU"), gold)
    assert not stories._type_ok(_pred("CONSULT", [[50, 54]], "FRA", "DEU"), gold)
    assert stories._actors_ok(_pred("CONSULT", [[10, 14]], "DEU", "FRA"), gold)  # symmetric swap
    assert not stories._actors_ok(_pred("CONSULT", [[10, 14]], "ITA", "DEU"), gold)


def test_events_stories_gold_is_offsets_and_codes() -> None:
    lines = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) >= 3
    for story in lines:
        assert set(story) == {"article", "published", "events"}
        assert story["events"]
        for ev in story["events"]:
            assert ev["mentions"] and all(len(m) == 2 and m[0] < m[1] for m in ev["mentions"])
            assert not any(isinstance(v, str) and len(v) > 20 for v in ev.values())  # no copied text


def test_events_stories_only_dev_ids(shared) -> None:  # noqa: ANN001
    dev = {json.loads(x)["article"] for x in (shared / "data" / "conflicts" / "voa_dev.jsonl").read_text().splitlines()
           if x.strip()}
    ids = [json.loads(x)["article"] for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert ids and set(ids) <= dev


@pytest.mark.slow
def test_events_stories_scores(shared) -> None:  # noqa: ANN001
    result = stories.evaluate(GOLD, stories=shared / "data" / "voa" / "voa_stories.jsonl")
    assert result["stories"] >= 3 and result["gold_events"] >= 10
    # The ceiling is 0.10: on the 8 stories coded so far we measure 0.045 since story linking
    # compares parties by code (0.156 before), so the test holds the ceiling itself.
    assert 0.0 <= result["duplicates"] <= 0.10
    assert result["type"]["f1"] >= 0.30
    # Type and both actors: the 0.35 (measured 0.415 on these, 0.214 at the start of round 2).
    assert result["type_actors"]["f1"] >= 0.35


@pytest.mark.slow
def test_events_stories_scores_on_the_sixth_pass_sets(shared) -> None:  # noqa: ANN001
    """Both sets were coded blind in the sixth pass; `gold_blind` was then read to tune (0.142 ->
    0.382 type+actors), `gold_blind2` was not (0.259 -> 0.278): its floor only guards a fall."""
    voa = shared / "data" / "voa" / "voa_stories.jsonl"
    read = stories.evaluate(GOLD.parent / "gold_blind.jsonl", stories=voa)
    assert read["type_actors"]["f1"] >= 0.33 and read["duplicates"] <= 0.12
    unread = stories.evaluate(GOLD.parent / "gold_blind2.jsonl", stories=voa)
    assert unread["type_actors"]["f1"] >= 0.24 and unread["duplicates"] <= 0.10


# Story linking (events.link_mentions) on made-up stories: events built by hand, no parser.
def _p(text: str, story: str, country: str | None = None, sector: str | None = None,
       entity: str | None = None):  # noqa: ANN202
    from onrecord.model import Participant

    at = story.index(text)
    return Participant(span=(at, at + len(text)), text=text, entity=entity, country=country, sector=sector)


def _ev(story: str, type_: str, trigger: str, sentence: str, actor: list, recipient: list,  # noqa: ANN202
        date: str | None = None):
    from onrecord.model import Event

    s = story.index(sentence)
    t = story.index(trigger, s)
    return Event(id="", type=type_, trigger=((t, t + len(trigger)),), sentence=(s, s + len(sentence)),
                 actor=actor, recipient=recipient, date=date)


def test_events_stories_retelling_in_other_words_is_linked() -> None:
    from onrecord.events import link_mentions

    story = ("Somali troops killed 12 fighters near Baidoa. The governor praised the operation. "
             "Government soldiers killed the fighters after a long chase, a local elder said.")
    first = _ev(story, "ASSAULT", "killed", "Somali troops killed 12 fighters near Baidoa.",
                [_p("Somali troops", story, "SOM", "MIL")], [_p("12 fighters", story, None, "REB")])
    later = _ev(story, "ASSAULT", "killed", "Government soldiers killed the fighters after a long chase",
                [_p("Government soldiers", story, "SOM", "MIL")], [_p("the fighters", story, None, "REB")])
    out = link_mentions([first, later], story)
    assert len(out) == 1 and len(out[0].trigger) == 2


def test_events_stories_uncoded_name_is_no_evidence() -> None:
    from onrecord.events import link_mentions

    story = "Police arrested 30 traders in Kano on Monday. Coordinated raids arrested the traders at dawn."
    first = _ev(story, "COERCE", "arrested", "Police arrested 30 traders in Kano on Monday.",
                [_p("Police", story, "NGA", "COP")], [_p("30 traders", story, "NGA", "BUS", "E2")])
    later = _ev(story, "COERCE", "arrested", "Coordinated raids arrested the traders at dawn.",
                [_p("Coordinated", story, entity="E7")], [_p("the traders", story, "NGA", "BUS", "E2")])
    assert len(link_mentions([first, later], story)) == 1


def test_events_stories_far_retelling_needs_a_shared_party() -> None:
    from onrecord.events import link_mentions

    filler = "The weather was mild and markets were busy. " * 25
    story = "The council rejected the plan. " + filler + "Later he rejected the offer."
    first = _ev(story, "REJECT", "rejected", "The council rejected the plan.",
                [_p("The council", story, "KEN", "GOV")], [])
    later = _ev(story, "REJECT", "rejected", "Later he rejected the offer.", [_p("he", story)], [])
    assert len(link_mentions([first, later], story)) == 2


def test_events_stories_bare_mention_after_another_year_is_new() -> None:
    from onrecord.events import link_mentions

    story = ("Militants attacked an army base in January. Farmers recalled a trip one afternoon in 2017. "
             "Their bus was attacked on the road.")
    first = _ev(story, "ASSAULT", "attacked", "Militants attacked an army base in January.",
                [_p("Militants", story, None, "REB")], [_p("an army base", story, "KEN", "MIL")], "2024-01")
    later = _ev(story, "ASSAULT", "attacked", "Their bus was attacked on the road.", [], [])
    assert len(link_mentions([first, later], story)) == 2


def test_events_stories_same_date_links_despite_another_target() -> None:
    from onrecord.events import link_mentions

    story = ("Rebels attacked a joint Kenya-US airfield in January. Villagers were afraid. "
             "In January the rebels launched an assault in Lamu County.")
    first = _ev(story, "ASSAULT", "attacked", "Rebels attacked a joint Kenya-US airfield in January.",
                [], [_p("a joint Kenya-US airfield", story, "USA", "MIL", "E1")], "2024-01")
    later = _ev(story, "ASSAULT", "assault", "In January the rebels launched an assault in Lamu County.",
                [_p("the rebels", story, None, "REB")], [_p("Lamu County", story, "KEN", None, "E4")], "2024-01")
    out = link_mentions([first, later], story)
    assert len(out) == 1 and out[0].actor and out[0].actor[0].sector == "REB"


def test_events_stories_undated_lead_is_the_day_news() -> None:
    from onrecord.events import link_mentions

    story = "The UN envoy is calling for a truce in Sudan. Pedersen issued the appeal on Friday in Geneva."
    first = _ev(story, "REQUEST", "calling", "The UN envoy is calling for a truce in Sudan.",
                [_p("The UN envoy", story, "IGO", None, "E1")], [])
    later = _ev(story, "REQUEST", "issued", "Pedersen issued the appeal on Friday in Geneva.",
                [_p("Pedersen", story, entity="E4")], [], "2025-03-14")
    assert len(link_mentions([first, later], story, published="2025-03-14T10:00:00Z")) == 1
    other = _ev(story, "REQUEST", "issued", "Pedersen issued the appeal on Friday in Geneva.",
                [_p("Pedersen", story, entity="E4")], [], "2025-03-07")
    assert len(link_mentions([first, other], story, published="2025-03-14")) == 2


def test_events_stories_retelling_joins_the_event_it_shares_most_with() -> None:
    from onrecord.events import link_mentions

    story = ("The army struck rebel camps at dawn. Police shot a man in the market. "
             "Soldiers pounded the rebel camps with artillery.")
    camps = _ev(story, "ASSAULT", "struck", "The army struck rebel camps at dawn.",
                [_p("The army", story, "MLI", "MIL", "E1")], [_p("rebel camps", story, "MLI", "REB", "E3")])
    market = _ev(story, "ASSAULT", "shot", "Police shot a man in the market.", [_p("Police", story, "MLI", "COP")], [])
    later = _ev(story, "ASSAULT", "pounded", "Soldiers pounded the rebel camps with artillery.",
                [_p("Soldiers", story, "MLI", "MIL")], [_p("the rebel camps", story, "MLI", "REB", "E3")])
    out = link_mentions([camps, market, later], story)
    assert len(out) == 2 and len(out[0].trigger) == 2 and len(out[1].trigger) == 1


def test_events_stories_later_telling_says_whose_forces() -> None:
    from onrecord.events import link_mentions

    story = "The attackers killed four guards. Nigerian police killed the guards, officials said."
    first = _ev(story, "ASSAULT", "killed", "The attackers killed four guards.",
                [_p("The attackers", story, None, "UAF")], [_p("four guards", story, None, "CVL", "E2")])
    later = _ev(story, "ASSAULT", "killed", "Nigerian police killed the guards, officials said.",
                [_p("Nigerian police", story, "NGA", "COP")], [_p("the guards", story, None, "CVL", "E2")])
    out = link_mentions([first, later], story)
    assert len(out) == 1 and out[0].actor[0].country == "NGA"


def test_events_stories_other_place_is_another_happening() -> None:
    from onrecord.events import link_mentions
    from onrecord.model import Location

    story = "Army jets bombed a rebel camp near Gao. Army jets also bombed a rebel camp near Kidal."
    first = _ev(story, "ASSAULT", "bombed", "Army jets bombed a rebel camp near Gao.",
                [_p("Army jets", story, "MLI", "MIL", "E1")], [_p("a rebel camp", story, "MLI", "REB")])
    later = _ev(story, "ASSAULT", "bombed", "Army jets also bombed a rebel camp near Kidal.",
                [_p("Army jets", story, "MLI", "MIL", "E1")], [_p("a rebel camp", story, "MLI", "REB")])
    first.location = Location(span=None, name="Gao", country="MLI")
    later.location = Location(span=None, name="Kidal", country="MLI")
    assert len(link_mentions([first, later], story)) == 2


def test_events_stories_far_kinds_alone_do_not_link() -> None:
    from onrecord.events import link_mentions

    filler = "Markets reopened and schools were busy. " * 20
    story = "Troops killed 12 fighters. " + filler + "Troops killed a commander."
    first = _ev(story, "ASSAULT", "killed", "Troops killed 12 fighters.",
                [_p("Troops", story, "SOM", "MIL")], [_p("12 fighters", story, "SOM", "REB")])
    later = _ev(story, "ASSAULT", "killed", "Troops killed a commander.",
                [_p("Troops", story, "SOM", "MIL")], [_p("a commander", story)])
    assert len(link_mentions([first, later], story)) == 2


def test_events_stories_also_is_a_second_act() -> None:
    from onrecord.events import link_mentions

    story = "The court ordered the ministry to pay the teachers. It also ordered the ministry to reopen the school."
    first = _ev(story, "REQUEST", "ordered", "The court ordered the ministry to pay the teachers.",
                [_p("The court", story, "GHA", "JUD", "E1")], [_p("the ministry", story, "GHA", "GOV", "E2")])
    later = _ev(story, "REQUEST", "ordered", "It also ordered the ministry to reopen the school.",
                [_p("It", story)], [_p("the ministry", story, "GHA", "GOV", "E2")])
    assert len(link_mentions([first, later], story)) == 2


def test_events_stories_same_year_alone_does_not_link_far() -> None:
    from onrecord.events import link_mentions

    filler = "Markets reopened and schools were busy. " * 20
    story = "In 2019 rebels attacked a convoy. " + filler + "In 2019 rebels attacked a village."
    first = _ev(story, "ASSAULT", "attacked", "In 2019 rebels attacked a convoy.",
                [_p("rebels", story, "NER", "REB")], [], "2019")
    later = _ev(story, "ASSAULT", "attacked", "In 2019 rebels attacked a village.",
                [_p("rebels", story, "NER", "REB")], [], "2019")
    assert len(link_mentions([first, later], story)) == 2
    first.date = later.date = "2019-06"  # one month named in both: one happening told twice
    assert len(link_mentions([first, later], story)) == 1
