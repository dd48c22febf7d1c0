"""Attributions: who said what (source, cue, content), with the speaker resolved and typed."""
from __future__ import annotations

from ..model import Attribution, Entity


def find_attributions(doc, entities: list[Entity]) -> list[Attribution]:  # noqa: ANN001
    """Every attribution in a parsed article. (Stub until the attribution stage lands.)"""
    return []
