"""brat standoff for attributions: read PolNeAR `.ann` files and write records back out.

The label set is PolNeAR's: `Source`, `Cue`, `Content` text-bound spans, an `Attribution`
(or `Attribution-no-source`) trigger on the cue, and an `E` line linking them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Record, Span

# A record starts a line with its kind and number; span texts may hold newlines.
_RECORD = re.compile(r"^([TERAMN#]\d+)\t", re.MULTILINE)
_ROLES = ("Source", "Cue", "Content")


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: each role as a list of spans (empty when absent)."""
    id: str
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


def _parse_spans(field_: str) -> list[Span]:
    out: list[Span] = []
    for part in field_.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one `.ann` text, in the order of their `E` lines."""
    starts = [m.start() for m in _RECORD.finditer(text)] + [len(text)]
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for a, b in zip(starts, starts[1:]):
        rid, body = text[a:b].split("\t", 1)
        if rid.startswith("T"):
            head = body.split("\t", 1)[0]
            label, _, where = head.partition(" ")
            try:
                spans[rid] = (label, _parse_spans(where))
            except ValueError:
                continue  # a malformed span costs that span only
        elif rid.startswith("E"):
            args = [tuple(arg.split(":", 1)) for arg in body.split() if ":" in arg]
            events.append((rid, args))  # type: ignore[arg-type]
    out: list[GoldAttribution] = []
    for rid, args in events:
        gold = GoldAttribution(id=rid)
        for role, ref in args:
            base = role.rstrip("0123456789")
            if base in _ROLES and ref in spans:
                getattr(gold, base.lower()).extend(spans[ref][1])
        for role in _ROLES:
            getattr(gold, role.lower()).sort()
        out.append(gold)
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    return parse_ann(path.read_text(encoding="utf-8"))


def _span_field(spans: tuple[Span, ...] | list[Span]) -> str:
    return ";".join(f"{s} {e}" for s, e in spans)


def _span_text(text: str, spans: tuple[Span, ...] | list[Span]) -> str:
    # brat keeps the covered text on one line; pieces are joined by a space.
    return " ".join(text[s:e] for s, e in spans).replace("\n", " ")


def to_brat(record: Record) -> str:
    """The record's attributions as a brat `.ann` text (PolNeAR labels) for `record.text`."""
    lines: list[str] = []
    n_t = 0

    def add(label: str, spans: tuple[Span, ...]) -> str:
        nonlocal n_t
        n_t += 1
        lines.append(f"T{n_t}\t{label} {_span_field(spans)}\t{_span_text(record.text, spans)}")
        return f"T{n_t}"

    for n_e, att in enumerate(record.attributions, start=1):
        if not att.cue:
            continue  # brat needs a trigger span
        args: list[str] = []
        if att.source:
            args.append(f"Source:{add('Source', att.source)}")
        args.append(f"Cue:{add('Cue', att.cue)}")
        if att.content:
            args.append(f"Content:{add('Content', att.content)}")
        trigger = add("Attribution" if att.source else "Attribution-no-source", att.cue)
        lines.append(f"E{n_e}\t{trigger.join(('Attribution:', ''))} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")
