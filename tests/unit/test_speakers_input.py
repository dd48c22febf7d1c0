"""Bad input for speakers and people: no crash, no garbage person, anything unsure unresolved.

Every name here is made up.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _analyse(text: str):  # noqa: ANN202
    from onrecord.pipeline import analyse

    record = analyse(text, id="bad-input")
    assert not record.errors, record.errors
    return record


def _people(record) -> list[str]:  # noqa: ANN001
    return [e.name for e in record.entities if e.type == "PERSON"]


def test_speakers_input_odd_characters(nlp):
    from onrecord.entities import plausible_person_name

    record = _analyse("Ω∆ said that the plan would fail. Jöhn Møller said the bridge was unsafe. "
                      "@@## said ### was fine.")
    assert _people(record) and all(plausible_person_name(n) for n in _people(record))
    for a in record.attributions:
        if a.speaker.resolved:
            assert a.speaker.name == "Jöhn Møller"


def test_speakers_input_one_letter_name_is_nobody():
    record = _analyse("X said the plan was dead. Q. said nothing at all about the vote.")
    assert not any(len(n.strip(".")) < 2 for n in _people(record))
    assert not any(a.speaker.resolved for a in record.attributions)


def test_speakers_input_all_caps_headline_is_no_person():
    record = _analyse("VOLKHONSKY HAD SECOND THOUGHTS, AIDES SAY\n"
                      "The minister said on Monday that he would sign the dam treaty after all.")
    assert not any(n.isupper() or "Had" in n for n in _people(record))
    assert not any(a.speaker.resolved and (a.speaker.name or "").isupper() for a in record.attributions)


def test_speakers_input_title_case_headline_word_is_no_person():
    record = _analyse("Absurd, Says Envoy Of Dam Plan\n"
                      "The envoy said on Monday that the dam plan was absurd and would never be built.")
    assert "Absurd" not in _people(record)


def test_speakers_input_long_list_of_names():
    firsts = "Anna Boris Carla Dmitri Elena Farid Greta Hugo Irina Jonas Kemal Lena Marek Nadia Oskar " \
             "Petra Rafael Sofia Tomas Vera".split()
    lasts = "Kovalenko Brandt Oduya Moreau Lindqvist Haddad Novak Petrov Silva Tanaka Okafor Varga Jensen " \
            "Costa Ibrahim".split()
    names = [f"{f} {last}" for f in firsts for last in lasts][:300]
    assert len(names) == 300
    record = _analyse("\n".join(f"{n} said the vote in Portvale was fair." for n in names))
    assert len(record.attributions) >= 280
    wrong = [a.speaker.name for a, n in zip(record.attributions, names) if a.speaker.resolved and a.speaker.name != n]
    assert wrong == []
    assert sum(a.speaker.resolved for a in record.attributions) >= 270


def test_speakers_input_dateline_and_byline_never_speak():
    text = ("Dam talks collapse\nBy Marta Kovac and Jonas Brandt, Portvale Herald\n"
            "PORTVALE (Reuters) - The envoy said on Tuesday that the talks had failed.\n"
            "Related: Envoy says talks could resume\n")
    record = _analyse(text)
    assert record.ignored
    for a in record.attributions:
        for s, e in a.source:
            assert not any(i <= s < j for i, j in record.ignored), text[s:e]
    assert not any(a.speaker.name in ("Marta Kovac", "Jonas Brandt") for a in record.attributions)
