"""A held-out style sanity set for the events stage: sentences written for this test, not taken
from any gold data, one per common CAMEO verb class, in varied wording (verbs, verb-noun
phrases, nominalisations, passives). Each case gives the expected PLOVER type and, where the
sentence says it, the actor's and recipient's country. Scored as a whole: a single miss should
not fail the suite, a drop in coverage should.
"""
from __future__ import annotations

import pytest

from onrecord.events import find_events

pytestmark = pytest.mark.slow

# (sentence, type, actor country or None, recipient country or None)
CASES: list[tuple[str, str, str | None, str | None]] = [
    # consult
    ("Chinese Foreign Minister Wang Yi held talks with his Indian counterpart in Beijing on Tuesday.",
     "CONSULT", "CHN", "IND"),
    ("The German chancellor telephoned the French president to discuss the crisis.", "CONSULT", "DEU", "FRA"),
    ("Egypt hosted Israeli and Palestinian negotiators in Cairo.", "CONSULT", "EGY", "ISR"),
    ("Kenya's president met opposition leaders in Nairobi on Monday.", "CONSULT", "KEN", None),
    ("Iranian President Hassan Rouhani paid a visit to Iraq.", "CONSULT", "IRN", "IRQ"),
    ("Japanese Prime Minister Fumio Kishida visited Australia last week.", "CONSULT", "JPN", "AUS"),
    # diplomatic cooperation (support)
    ("Brazil and Argentina signed a trade agreement on Friday.", "SUPPORT", "BRA", "ARG"),
    ("The European Union praised Ghana for holding peaceful elections.", "SUPPORT", "IGO", "GHA"),
    ("Turkey recognized the new government in Libya.", "SUPPORT", "TUR", "LBY"),
    ("Canada apologized to India over the diplomatic row.", "SUPPORT", "CAN", "IND"),
    # intent to cooperate
    ("Norway pledged $50 million in humanitarian aid to Yemen.", "AGREE", "NOR", "YEM"),
    ("Germany agreed to supply tanks to Ukraine.", "AGREE", "DEU", "UKR"),
    ("Pakistan offered to mediate between Iran and Saudi Arabia.", "AGREE", "PAK", "IRN"),
    # material cooperation and aid
    ("India sent medical supplies to Sri Lanka after the floods.", "AID", "IND", "LKA"),
    ("The World Bank lent Kenya $200 million.", "AID", "IGO", "KEN"),
    ("Sweden granted asylum to dozens of Afghan refugees.", "AID", "SWE", "AFG"),
    ("France and Germany shared intelligence on the terrorist network.", "COOPERATE", "FRA", "DEU"),
    ("Colombia extradited a drug trafficker to the United States.", "COOPERATE", "COL", "USA"),
    ("Russia and China held joint naval exercises in the Pacific.", "COOPERATE", "RUS", "CHN"),
    # yield
    ("Ethiopia released hundreds of political prisoners on Thursday.", "RETREAT", "ETH", None),
    ("Israel withdrew its troops from southern Lebanon.", "RETREAT", "ISR", "LBN"),
    ("The Sudanese army declared a ceasefire in Darfur.", "RETREAT", "SDN", "SDN"),
    ("Pakistan's prime minister resigned on Sunday.", "RETREAT", "PAK", None),
    ("The Nigerian government lifted the curfew in Kano.", "CONCEDE", "NGA", "NGA"),
    ("Serbia eased restrictions on goods from Kosovo.", "CONCEDE", "SRB", None),
    # investigate
    ("The United Nations launched an investigation into the massacre in Myanmar.", "ACCUSE", "IGO", "MMR"),
    ("Police in Mexico are investigating the killing of a journalist.", "ACCUSE", "MEX", None),
    # appeal and demand
    ("The opposition urged the president of Zimbabwe to step down.", "REQUEST", None, "ZWE"),
    ("Washington called on Moscow to release the detained journalist.", "REQUEST", "USA", "RUS"),
    ("South Korea asked Japan for an apology.", "REQUEST", "KOR", "JPN"),
    ("Iran demanded that Britain free its seized oil tanker.", "REQUEST", "IRN", "GBR"),
    # disapprove
    ("Venezuela accused Colombia of harboring rebels.", "ACCUSE", "VEN", "COL"),
    ("Amnesty International condemned the execution of protesters in Iran.", "ACCUSE", "IGO", "IRN"),
    ("The Chinese foreign ministry criticized the United States over arms sales to Taiwan.",
     "ACCUSE", "CHN", "USA"),
    ("Greek prosecutors charged the former minister with corruption.", "ACCUSE", "GRC", None),
    ("Japan lodged a protest with China over the incursion.", "ACCUSE", "JPN", "CHN"),
    # reject
    ("Hamas rejected the Egyptian ceasefire proposal.", "REJECT", "PSE", "EGY"),
    ("The Kenyan government refused to meet the striking doctors.", "REJECT", "KEN", None),
    ("Moscow dismissed the American proposal as propaganda.", "REJECT", "RUS", "USA"),
    # threaten
    ("North Korea threatened to strike American bases in Guam.", "THREATEN", "PRK", "USA"),
    ("India warned Pakistan of serious consequences.", "THREATEN", "IND", "PAK"),
    # protest
    ("Thousands of students protested in Santiago against education reforms.", "PROTEST", None, None),
    ("Workers at the Ford plant in Detroit went on strike.", "PROTEST", None, None),
    ("French farmers blocked highways across France to protest fuel prices.", "PROTEST", "FRA", None),
    ("Demonstrators marched on the parliament in Kiev.", "PROTEST", "UKR", "UKR"),
    # force posture
    ("Russia massed troops on the border with Ukraine.", "MOBILIZE", "RUS", "UKR"),
    ("The Philippine navy deployed warships to the disputed islands.", "MOBILIZE", "PHL", None),
    # reduce relations
    ("The United States imposed sanctions on Iranian oil companies.", "SANCTION", "USA", "IRN"),
    ("Australia expelled two Russian diplomats.", "SANCTION", "AUS", "RUS"),
    ("Morocco recalled its ambassador from Algeria.", "SANCTION", "MAR", "DZA"),
    ("The European Union suspended aid to Niger after the coup.", "SANCTION", "IGO", "NER"),
    # coerce
    ("Turkish police arrested 20 journalists in Istanbul.", "COERCE", "TUR", "TUR"),
    ("Authorities in Belarus detained the opposition leader.", "COERCE", "BLR", "BLR"),
    ("Israeli forces demolished Palestinian homes in the West Bank.", "COERCE", "ISR", "PSE"),
    ("The United States deported hundreds of Guatemalan migrants.", "COERCE", "USA", "GTM"),
    ("Gunmen kidnapped three aid workers in northern Nigeria.", "COERCE", None, "NGA"),
    ("The arrest of the opposition leader by Ugandan police sparked protests.", "COERCE", "UGA", None),
    # assault, fight, mass violence
    ("Saudi-led warplanes bombed a market in Yemen, killing 30 civilians.", "ASSAULT", "SAU", "YEM"),
    ("Syrian government forces shelled rebel positions near Aleppo.", "ASSAULT", "SYR", "SYR"),
    ("Taliban fighters attacked a police checkpoint in Kandahar.", "ASSAULT", "AFG", "AFG"),
    ("A suicide bomber killed 12 soldiers in Mogadishu.", "ASSAULT", None, "SOM"),
    ("Indian and Chinese troops clashed along their disputed border.", "ASSAULT", "IND", None),
    ("Boko Haram militants massacred villagers in Borno state.", "ASSAULT", "NGA", "NGA"),
    ("A village in eastern Congo was attacked by rebels on Sunday.", "ASSAULT", None, "COD"),
    ("Russian forces launched a missile attack on Kharkiv.", "ASSAULT", "RUS", "UKR"),
]

# Floors for the set as a whole (the figures it gave when written: see docs/events.md).
TYPE_FLOOR = 0.85
ACTOR_FLOOR = 0.80
RECIPIENT_FLOOR = 0.70


def score(nlp) -> dict[str, object]:  # noqa: ANN001
    """Type accuracy (an event of the expected type), then actor and recipient country accuracy
    over the cases that give one (any event of the right type with that country)."""
    typed = actor = recip = n_actor = n_recip = 0
    misses: list[str] = []
    for text, etype, a_country, r_country in CASES:
        events = [e for e in find_events(nlp(text), [], [], published="2020-06-15") if e.type == etype]
        if not events:
            misses.append(f"type {etype}: {text} -> " + ",".join(
                e.type for e in find_events(nlp(text), [], [], published="2020-06-15")))
        typed += bool(events)
        if a_country:
            n_actor += 1
            ok = any(a_country in {p.country for p in e.actor + (e.recipient if etype in ("CONSULT", "COOPERATE",
                                                                                          "AGREE") else [])}
                     for e in events)
            actor += ok
            if events and not ok:
                misses.append(f"actor {a_country}: {text}")
        if r_country:
            n_recip += 1
            ok = any(r_country in {p.country for p in e.recipient + (e.actor if etype in ("CONSULT", "COOPERATE",
                                                                                          "AGREE") else [])}
                     for e in events)
            recip += ok
            if events and not ok:
                misses.append(f"recipient {r_country}: {text}")
    return {"type": typed / len(CASES), "actor": actor / n_actor, "recipient": recip / n_recip,
            "cases": len(CASES), "misses": misses}


def test_events_generalise_set_size() -> None:
    assert len(CASES) >= 60
    assert len({t for _, t, _, _ in CASES}) >= 15  # nearly every PLOVER type


def test_events_generalise_scores(nlp) -> None:  # noqa: ANN001
    result = score(nlp)
    detail = "\n".join(result["misses"])  # type: ignore[arg-type]
    assert result["type"] >= TYPE_FLOOR, detail
    assert result["actor"] >= ACTOR_FLOOR, detail
    assert result["recipient"] >= RECIPIENT_FLOOR, detail


def test_events_blank_line_splits_headline(nlp) -> None:  # noqa: ANN001
    text = ("Sessions met Russian envoy Kislyak twice in 2016\n\n"
            "Attorney General Jeff Sessions met the Russian ambassador at a hotel in Washington, officials said.")
    events = [e for e in find_events(nlp(text), [], [], published="2017-03-02") if e.type == "CONSULT"]
    assert len(events) == 2
    assert events[0].sentence[1] <= text.index("\n\n") < events[1].sentence[0]
    assert all(e.actor and e.actor[0].country == "USA" for e in events)
    assert all(e.recipient and e.recipient[0].country == "RUS" for e in events)


# "SOURCE VERB TARGET", as PETRARCH-2 codes a sentence: the main verb's pattern, the subject as
# source, the object as target. Verbs our own table lacks or covers only in part, so the code must
# come from PETRARCH-2's dictionary (its coded verbs, its patterns where ours match nothing, its
# object classes). Written for this test; one or more per CAMEO root 02-20. (sentence, CAMEO root,
# whether the sentence names a target)
SVT_CASES: list[tuple[str, str, bool]] = [
    ("Pakistan suggested new talks with India on Monday.", "02", True),
    ("Kenya decided to reopen its border with Somalia.", "03", True),
    ("Syria reached a compromise with Lebanon over the border.", "03", True),
    ("The Egyptian foreign minister summoned the Israeli ambassador on Sunday.", "04", True),
    ("French officials notified the German government of the decision.", "04", True),
    ("The two governments renewed their dialogue in Geneva.", "04", False),
    ("Brazil encouraged Argentina to join the trade pact.", "05", True),
    ("The Turkish president acclaimed Azerbaijan's leader during the visit.", "05", True),
    ("Russia armed the Syrian army throughout the war.", "06", True),
    ("The United States assisted Colombia in its fight against drug cartels.", "06", True),
    ("China helped Pakistan after the floods.", "07", True),
    ("Norway contributed five million dollars to Sudan.", "07", True),
    ("A Kenyan court acquitted the opposition leader on Tuesday.", "08", True),
    ("Both sides observed the armistice on Sunday.", "08", False),
    ("Egyptian police interrogated the Sudanese diplomat for hours.", "09", True),
    ("The Chinese foreign ministry chided Japan on Wednesday.", "11", True),
    ("Iran mocked the United States over its failed raid.", "11", True),
    ("Venezuela's president derided Colombia's government.", "11", True),
    ("Hungary delayed Ukraine's bid to join the alliance.", "12", True),
    ("The Syrian army cautioned Turkey against crossing the border.", "13", True),
    ("North Korea endangered Japanese fishermen with its missile tests.", "13", True),
    ("Serbian nationalists harassed Albanian traders in the town.", "14", True),
    ("Rioters looted Chinese shops in the Indonesian capital.", "14", True),
    ("Russia mustered troops near Ukraine's border.", "15", False),
    ("Georgian agents sabotaged the Russian pipeline.", "16", True),
    ("The Iraqi government undermined the Kurdish authorities.", "16", True),
    ("Egyptian police confined the Muslim Brotherhood leader to his home.", "17", True),
    ("The Thai army banished the former prime minister.", "17", True),
    ("Saudi Arabia barred Qatari airlines from its airspace.", "17", True),
    ("Rebels took over the northern town on Sunday.", "19", True),
    ("Rebels held three captives in the jungle.", "18", False),
    ("Israeli soldiers injured Palestinian protesters near Hebron.", "18", True),
    ("Iraqi guards mistreated Kuwaiti prisoners.", "18", True),
    ("Militants set ablaze a police station in the north.", "18", True),
    ("Russia breached the ceasefire with Georgia.", "19", True),
    ("Russian troops besieged the Ukrainian city for weeks.", "19", True),
    ("Syrian rebels battled government forces near Aleppo.", "19", True),
    ("Ethiopian troops decimated Eritrean units.", "19", True),
    ("Serb militias butchered Bosnian civilians in the village.", "20", True),
]
SVT_FLOOR = 0.90


def test_events_svt_set_covers_the_roots() -> None:
    assert len(SVT_CASES) >= 30
    assert {r for _, r, _ in SVT_CASES} >= {f"{n:02d}" for n in range(2, 21) if n != 10}


def test_events_svt_floor(nlp) -> None:  # noqa: ANN001
    """The verb's CAMEO root (CAMEO 192, occupying territory, is root 19), with the subject as
    actor and, where the sentence names one, a target."""
    from onrecord.entities import find_entities

    missed = []
    for text, root, has_target in SVT_CASES:
        doc = nlp(text)
        events = find_events(doc, find_entities(doc), [], published="2024-03-08")
        if not any(e.cameo[:2] == root and e.actor and (e.recipient or not has_target) for e in events):
            missed.append((text, [(e.cameo, [a.text for a in e.actor], [r.text for r in e.recipient]) for e in events]))
    assert 1 - len(missed) / len(SVT_CASES) >= SVT_FLOOR, missed
