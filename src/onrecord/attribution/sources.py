"""Speaker resolution and typing (placeholder until resolution lands)."""
from __future__ import annotations

from ..model import Entity, Span, Speaker


def resolve_speakers(doc, sources, entities: list[Entity]) -> list[Speaker]:  # noqa: ANN001
    out = []
    for spans, head in sources:
        if not spans:
            out.append(Speaker(entity=None, name=None, type="unknown"))
        else:
            out.append(Speaker(entity=None, name=" ".join(doc.text[s:e] for s, e in spans), type="unknown"))
    return out
