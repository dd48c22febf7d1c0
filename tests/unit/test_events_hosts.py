"""A host's guest is the one met (issue 13, seventh pass): "welcomed X to Y" names X, not the
place; a pattern's own noun ("received the ambassador", "a delegation from X") is the guest.
Made-up sentences."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _hosted(coded, text: str):  # noqa: ANN001, ANN202
    return next(e for e in coded(text) if e.type == "CONSULT")


@pytest.mark.parametrize(("text", "guest"), [
    ("The president of Norland welcomed the Vesperian prime minister to the capital on Monday.",
     "the Vesperian prime minister"),
    ("The queen welcomed the visiting foreign minister to her castle.", "the visiting foreign minister"),
    ("The king received the new Norland ambassador at the palace.", "the new Norland ambassador"),
    ("The president received a delegation from Hamas on Sunday.", "Hamas"),
])
def test_events_a_host_meets_the_guest(coded, text: str, guest: str) -> None:  # noqa: ANN001
    ev = _hosted(coded, text)
    assert [p.text for p in ev.recipient] == [guest]


def test_events_talks_held_somewhere_name_no_guest(coded) -> None:  # noqa: ANN001
    ev = _hosted(coded, "The two sides held talks in the capital on Friday.")
    assert not ev.recipient
