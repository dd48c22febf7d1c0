"""find_events on single sentences through the real model."""
from __future__ import annotations

import pytest

from onrecord.events import find_events

pytestmark = pytest.mark.slow


def _events(nlp, text: str, published: str | None = "2017-07-21"):  # noqa: ANN001, ANN202
    return [e for e in find_events(nlp(text), [], [], published=published) if e.type != "STATEMENT"]


def _one(nlp, text: str, published: str | None = "2017-07-21"):  # noqa: ANN001, ANN202
    events = _events(nlp, text, published)
    assert len(events) == 1, [(e.type, e.trigger) for e in events]
    return events[0]


def test_events_consult_actor_and_recipient(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "US Attorney General Jeff Sessions met the Russian ambassador in 2016.")
    assert ev.type == "CONSULT" and ev.cameo.startswith("04")
    assert (ev.actor[0].country, ev.actor[0].sector) == ("USA", "GOV")
    assert (ev.recipient[0].country, ev.recipient[0].sector) == ("RUS", "GOV")
    assert ev.date == "2016"


def test_events_deny_a_claim(nlp) -> None:  # noqa: ANN001
    events = _events(nlp, "Sessions has repeatedly denied discussing election-related issues with Russian officials.")
    deny = [e for e in events if not e.negated]
    assert len(deny) == 1 and deny[0].type == "DENY" and deny[0].cameo == "016"
    # What is denied stays as a negated event, and names the DENY's target.
    denied = [e for e in events if e.negated]
    assert [e.type for e in denied] == ["CONSULT"]
    assert deny[0].actor[0].text == "Sessions"
    assert [p.text for p in deny[0].recipient] == [p.text for p in denied[0].recipient]


def test_events_deny_a_thing_is_reject(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "The county office has denied a land permit for the new mosque.")
    assert ev.type == "REJECT"


def test_events_reject_reports(nlp) -> None:  # noqa: ANN001
    assert _one(nlp, "Trump has repeatedly rejected such reports.").type == "REJECT"


def test_events_negated_meeting(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "Sessions did not meet the Russian ambassador.")
    assert ev.type == "CONSULT" and ev.negated


def test_events_framed_event_counted_once(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "Finland agreed to provide economic aid to Tanzania.")
    assert ev.type == "AGREE"


def test_events_two_triggers_one_meeting(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "Sessions met the Russian ambassador and discussed the campaign.")
    assert ev.type == "CONSULT" and len(ev.trigger) == 2


def test_events_intended_force_is_threaten(nlp) -> None:  # noqa: ANN001
    assert _one(nlp, "Radical French farmers said they would blockade Paris.").type == "THREATEN"


def test_events_passive_agent_is_actor(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "A refugee camp was attacked by Burundian militiamen.")
    assert ev.type == "ASSAULT" and ev.actor[0].country == "BDI"


def test_events_must_is_request(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "The Obama administration insisted that China must lift its curbs on American farm goods.")
    assert ev.type == "REQUEST" and ev.actor[0].country == "USA" and ev.recipient[0].country == "CHN"


def test_events_report_date_is_not_event_date(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "Israel arrested 100 Palestinians, officials said Thursday.")
    assert ev.type == "COERCE" and ev.date is None


def test_events_dateline_is_not_location(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "WASHINGTON - Iran threatened Iraq with a new offensive.")
    assert ev.location is None


def test_events_location_from_the_text(nlp) -> None:  # noqa: ANN001
    ev = _one(nlp, "Sessions met Kislyak at the Mayflower Hotel in Washington.")
    assert ev.location is not None and ev.location.country == "USA"


def test_events_empty_doc(nlp) -> None:  # noqa: ANN001
    assert find_events(nlp(""), [], [], published=None) == []
