"""Events: who did what to whom, where and when, in PLOVER with CAMEO codes."""
from __future__ import annotations

from ..model import Attribution, Entity, Event


def find_events(doc, entities: list[Entity], attributions: list[Attribution], *,  # noqa: ANN001
                published: str | None = None) -> list[Event]:
    """Every event in a parsed article. (Stub until the events stage lands.)"""
    return []
