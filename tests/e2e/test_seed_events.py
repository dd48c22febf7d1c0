"""The seed article's events, through the whole pipeline (published 2017-07-21)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _text(record, span) -> str:  # noqa: ANN001
    return record.text[span[0]:span[1]]


def _triggers(record, ev) -> list[str]:  # noqa: ANN001
    return [_text(record, t) for t in ev.trigger]


def _codes(parts) -> set[tuple[str | None, str | None]]:  # noqa: ANN001
    return {(p.country, p.sector) for p in parts}


def test_seed_events_sessions_kislyak_consult(seed_record) -> None:  # noqa: ANN001
    consults = [e for e in seed_record.events if e.type == "CONSULT" and not e.negated]
    pairs = [e for e in consults if ("USA", "GOV") in _codes(e.actor) | _codes(e.recipient)
             and ("RUS", "GOV") in _codes(e.actor) | _codes(e.recipient)]
    assert len(pairs) >= 3


def test_seed_events_meeting_during_2016(seed_record) -> None:  # noqa: ANN001
    met = next(e for e in seed_record.events if "met" in _triggers(seed_record, e))
    assert met.type == "CONSULT" and met.date == "2016"


def test_seed_events_encounters_at_the_mayflower(seed_record) -> None:  # noqa: ANN001
    located = [e for e in seed_record.events if e.type == "CONSULT" and e.location]
    assert any(e.location.name == "Mayflower Hotel" and e.location.country == "USA" for e in located)


def test_seed_events_sessions_denies(seed_record) -> None:  # noqa: ANN001
    deny = [e for e in seed_record.events if e.type == "DENY"]
    assert len(deny) == 1
    assert "Sessions" in deny[0].actor[0].text and _codes(deny[0].actor) == {("USA", "GOV")}


def test_seed_events_never_had_meetings_is_negated(seed_record) -> None:  # noqa: ANN001
    neg = [e for e in seed_record.events if e.negated]
    assert any(e.type == "CONSULT" and "RUS" in {r.country for r in e.recipient} for e in neg)


def test_seed_events_intelligence_accuses_russia(seed_record) -> None:  # noqa: ANN001
    ev = next(e for e in seed_record.events if "accused" in _triggers(seed_record, e))
    assert ev.type == "ACCUSE"
    assert _codes(ev.actor) == {("USA", "GOV")} and {r.country for r in ev.recipient} == {"RUS"}
    assert {"cyber", "election"} <= set(ev.context)


def test_seed_events_special_counsel_investigates(seed_record) -> None:  # noqa: ANN001
    ev = next(e for e in seed_record.events if "investigating" in _triggers(seed_record, e))
    assert (ev.type, ev.mode) == ("ACCUSE", "investigate")
    assert "special counsel" in ev.actor[0].text


def test_seed_events_recusal(seed_record) -> None:  # noqa: ANN001
    recusals = [e for e in seed_record.events if "recuse" in _triggers(seed_record, e)]
    assert recusals and recusals[0].type == "RETREAT"
    assert recusals[0].actor and recusals[0].actor[0].country == "USA"


def test_seed_events_no_publication_date_default(seed_record) -> None:  # noqa: ANN001
    assert all(e.date != "2017-07-21" for e in seed_record.events)


def test_seed_events_attributed_meeting(seed_record) -> None:  # noqa: ANN001
    # Kislyak's account of discussing the campaign is his attribution's content.
    ev = next(e for e in seed_record.events
              if e.type == "CONSULT" and e.actor and "Kislyak" in e.actor[0].text)
    assert ev.attributed_to is not None


def test_seed_events_ids_and_types_follow_contract(seed_record) -> None:  # noqa: ANN001
    from onrecord.model import EVENT_TYPES

    assert [e.id for e in seed_record.events] == [f"V{i}" for i in range(1, len(seed_record.events) + 1)]
    assert all(e.type in EVENT_TYPES for e in seed_record.events)


def test_seed_events_no_reflexive_participants(seed_record) -> None:  # noqa: ANN001
    parts = [p for e in seed_record.events for p in [*e.actor, *e.recipient]]
    assert all(p.text.lower() not in ("himself", "herself", "itself", "themselves") for p in parts)


def test_seed_events_one_recusal(seed_record) -> None:  # noqa: ANN001
    # The hypothetical "if he had known Sessions was going to recuse himself" is not a second one.
    recusals = [e for e in seed_record.events if "recuse" in _triggers(seed_record, e)]
    assert len(recusals) == 1 and recusals[0].recipient == []


def test_seed_events_special_counsel_and_committees_are_american(seed_record) -> None:  # noqa: ANN001
    ev = next(e for e in seed_record.events if "investigating" in _triggers(seed_record, e))
    assert {a.country for a in ev.actor} == {"USA"} and len(ev.actor) == 2
    assert {r.country for r in ev.recipient} == {"RUS"}


def test_seed_events_former_senator_is_sessions(seed_record) -> None:  # noqa: ANN001
    sessions = next(e for e in seed_record.entities if e.name == "Jeff Sessions")
    ev = next(e for e in seed_record.events if e.actor and e.actor[0].text == "The former US senator")
    assert ev.actor[0].entity == sessions.id and _codes(ev.actor) == {("USA", "GOV")}


def test_seed_events_recipient_spans_are_noun_phrases(seed_record) -> None:  # noqa: ANN001
    texts = [r.text for e in seed_record.events for r in e.recipient]
    assert "Russian intermediaries" in texts
    assert not any(" about " in t for t in texts)


def test_seed_events_participants_carry_entities(seed_record) -> None:  # noqa: ANN001
    # Every participant whose span overlaps an entity mention carries an entity id.
    mentions = [m for ent in seed_record.entities for m in ent.mentions]
    for ev in seed_record.events:
        for p in [*ev.actor, *ev.recipient]:
            if any(s < p.span[1] and p.span[0] < t for s, t in mentions):
                assert p.entity is not None, p.text
    trump = next(e for e in seed_record.entities if e.name == "Donald Trump")
    rejected = next(e for e in seed_record.events if e.type == "REJECT")
    assert rejected.actor[0].entity == trump.id
