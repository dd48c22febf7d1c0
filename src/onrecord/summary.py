"""A readable summary of analysed articles, for people (the demo and `onrecord show`)."""
from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .model import Record, span_text


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _spans(text: str, spans) -> str:  # noqa: ANN001
    return span_text(text, spans)


def _q(text: str, n: int) -> str:
    """Clipped text in quotation marks, unless it already is."""
    text = _clip(text, n)
    return text if text[:1] in "\"“‘'" and text[-1:] in "\"”’'…" else f"“{text}”"


def summarise_record(record: Record, *, width: int = 100) -> str:
    t = record.text
    lines = [f"━━ {record.id}" + (f" · {record.meta.outlet}" if record.meta.outlet else "")
             + (f" · {record.meta.published}" if record.meta.published else "")]
    if record.meta.title:
        lines.append(f"   {record.meta.title}")
    if record.errors:
        lines += [f"   ! {e.stage}/{e.kind}: {e.message}" for e in record.errors]
    if not t:
        return "\n".join(lines)
    lines.append(f"   {len(t.split())} words, {len(record.ignored)} boilerplate lines ignored")
    for s, e in record.ignored:
        lines.append(f"     ignored: {_clip(t[s:e], width - 15)}")
    people = [e for e in record.entities if e.type == "PERSON"]
    orgs = [e for e in record.entities if e.type in {"ORG", "GPE", "NORP"}]
    if people:
        lines.append("   People: " + ", ".join(f"{e.name} ({len(e.mentions)})" for e in people))
    if orgs:
        lines.append("   Organisations and places: " + ", ".join(f"{e.name} ({len(e.mentions)})" for e in orgs[:12]))
    if record.attributions:
        lines.append("   Who said what:")
        for a in record.attributions:
            # An unresolved speaker is shown by its own words, never as a name it was not given.
            resolved = a.speaker.resolved and a.speaker.name
            who = a.speaker.name if resolved else (_spans(t, a.source) or a.speaker.name or "(no source)")
            state = "" if resolved else ", unresolved"
            head = f"     {a.id} {who} [{a.speaker.type}{state}, {a.kind}] {_spans(t, a.cue)}: "
            body = textwrap.shorten(_spans(t, a.content), width=max(40, width * 2), placeholder=" …")
            lines.append(textwrap.fill(head + body, width=width, subsequent_indent=" " * 9))
    if record.events:
        lines.append("   Events:")
        for v in record.events:
            actor = ", ".join(f"{p.text} ({p.country or '?'}/{p.sector or '?'})" for p in v.actor) or "?"
            recip = ", ".join(f"{p.text} ({p.country or '?'}/{p.sector or '?'})" for p in v.recipient)
            extra = [x for x in (v.mode, "/".join(v.context) or None,
                                 v.location.name if v.location else None, v.date,
                                 "negated" if v.negated else None,
                                 f"reported in {v.attributed_to}" if v.attributed_to else None) if x]
            lines.append(textwrap.fill(
                f"     {v.id} {v.type} {v.cameo or ''} {actor} → {_spans(t, v.trigger)}"
                + (f" → {recip}" if recip else "") + (f" [{'; '.join(extra)}]" if extra else ""),
                width=width, subsequent_indent=" " * 9))
    return "\n".join(lines)


def summarise(records: Iterable[Record], *, width: int = 100, conflicts: list | None = None) -> str:
    """Every record's summary, then the given conflicts (contract lines or Conflict objects:
    the stored ones for `onrecord show`; this module finds none itself)."""
    records = list(records)
    parts = [summarise_record(r, width=width) for r in records]
    if conflicts:
        parts.append("━━ Conflicts")
        for c in conflicts[:20]:
            d = c if isinstance(c, dict) else c.to_dict()
            parts.append(textwrap.fill(
                f"   {d['id']} {d['kind']} ({d['score']:.2f}): {d['a']['claimant']}: {_q(d['a']['text'], 110)}"
                f"  ⟷  {d['b']['claimant']}: {_q(d['b']['text'], 110)}", width=width, subsequent_indent=" " * 6))
    return "\n\n".join(parts)

