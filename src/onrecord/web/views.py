"""What the article page adds to the read model: the text cut into highlighted pieces.

Every list and count comes from `onrecord.service.queries`, the same functions as the CLI;
this module only shapes one article's contract line for its page (JSON routes return the
query results as they are).
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Record, span_text
from ..service import queries
from ..service.queries import EXPORT_LIMIT, MAX_PER_PAGE, Paging  # noqa: F401 - re-exported for the routes

N_COLOURS = 8            # speaker colours in the highlighted text (css .sp-0 ... .sp-7)


def speakers_of(record: Record, person_ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """attribution id -> {name, type, resolved, confidence, person}: the speaker as the
    attribution stage gave it. An unresolved speaker shows its own words and links nowhere."""
    out: dict[str, dict[str, Any]] = {}
    for a in record.attributions:
        ent = record.entity(a.speaker.entity)
        words = span_text(record.text, a.source) or None
        resolved = bool(a.speaker.resolved) and (ent is not None or bool(a.speaker.name))
        name = (ent.name if ent else a.speaker.name) if resolved else (words or a.speaker.name)
        out[a.id] = {"name": name, "type": a.speaker.type, "resolved": resolved,
                     "confidence": a.speaker.confidence,
                     "person": person_ids.get(a.speaker.entity or "") if resolved else None}
    return out


def _parse_marks(mark: str | None, n: int) -> list[tuple[int, int]]:
    """`?mark=120-133,410-418` -> spans to outline on an article page (ignoring bad pairs)."""
    spans = []
    for part in (mark or "").split(",")[:20]:
        a, _, b = part.partition("-")
        if a.isdigit() and b.isdigit() and 0 <= int(a) < int(b) <= n:
            spans.append((int(a), int(b)))
    return spans


def segments(record: Record, speakers: dict[str, dict[str, Any]],
             marks: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """The article text cut where any highlight starts or ends, each piece with its highlight.

    A piece inside several attributions (a source inside someone else's quote) shows the
    innermost; source and cue win over content. The template escapes every piece.
    """
    text = record.text
    colours: dict[str, int] = {}
    spans: list[tuple[int, int, str, str]] = []  # start, end, role, id
    for a in record.attributions:
        who = speakers[a.id]["name"] or "?"
        colours.setdefault(who, len(colours) % N_COLOURS)
        for role in ("source", "cue", "content"):
            spans += [(s, e, role, a.id) for s, e in getattr(a, role) if 0 <= s < e <= len(text)]
    for v in record.events:
        spans += [(s, e, "trigger", v.id) for s, e in v.trigger if 0 <= s < e <= len(text)]
    spans += [(s, e, "ignored", "") for s, e in record.ignored if 0 <= s < e <= len(text)]
    spans += [(s, e, "mark", "") for s, e in marks]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    by_start = sorted(spans)
    by_attr = {a.id: a for a in record.attributions}
    events = {v.id: v for v in record.events}
    out: list[dict[str, Any]] = []
    seen_anchor: set[str] = set()
    active: list[tuple[int, int, str, str]] = []
    i = 0
    for start, end in zip(cuts, cuts[1:]):
        while i < len(by_start) and by_start[i][0] <= start:
            active.append(by_start[i])
            i += 1
        active = [s for s in active if s[1] > start]
        seg: dict[str, Any] = {"text": text[start:end], "start": start, "end": end, "classes": [], "anchors": []}
        roles = [s for s in active if s[2] in ("source", "cue", "content")]
        if roles:
            rank = {"source": 0, "cue": 0, "content": 1}
            s, e, role, aid = min(roles, key=lambda r: (rank[r[2]], r[1] - r[0]))
            sp = speakers[aid]
            a = by_attr[aid]
            seg["classes"] += ["hl", f"hl-{role}", f"sp-{colours[sp['name'] or '?']}"]
            who = sp["name"] or "unknown source"
            state = "" if sp["resolved"] else ", unresolved"
            seg.update(attr=aid, role=role, speaker=sp["name"], speaker_type=sp["type"], person=sp["person"],
                       title=f"{who} ({sp['type']}{state}), {role} of {aid}, {a.kind}")
        for _s, _e, _role, vid in (t for t in active if t[2] == "trigger"):
            seg["classes"].append("trigger")
            seg["event"] = vid
            seg.setdefault("title", f"{events[vid].type} event {vid}")
        if any(t[2] == "ignored" for t in active):
            seg["classes"].append("ignored")
        if any(t[2] == "mark" for t in active):
            seg["classes"].append("marked")
            if "mark" not in seen_anchor:
                seg["anchors"].append("mark")
                seen_anchor.add("mark")
        for _s, _e, _role, xid in active:
            if xid and xid not in seen_anchor:
                seg["anchors"].append(xid)
                seen_anchor.add(xid)
        out.append(seg)
    return out


def article_page(raw: dict[str, Any], *, person_ids: dict[str, str], conflicts: list[dict[str, Any]],
                 mark: str | None = None) -> dict[str, Any]:
    """One article's page: its contract line plus highlights, who said what, events, people."""
    rec = Record.from_dict(raw)
    speakers = speakers_of(rec, person_ids)
    text = rec.text

    def cut(spans) -> str:  # noqa: ANN001
        return span_text(text, spans)

    said = [{"id": a.id, **{k: speakers[a.id][k] for k in ("name", "type", "resolved", "confidence", "person")},
             "source": cut(a.source), "cue": cut(a.cue), "content": cut(a.content), "kind": a.kind,
             "content_spans": [list(s) for s in a.content]} for a in rec.attributions]
    events = [{"id": v.id, "type": v.type, "cameo": v.cameo, "mode": v.mode, "trigger": cut(v.trigger),
               "actor": ", ".join(p.text for p in v.actor), "recipient": ", ".join(p.text for p in v.recipient),
               "date": v.date, "location": v.location.name if v.location else None, "negated": v.negated,
               "attributed_to": v.attributed_to, "sentence": list(v.sentence)} for v in rec.events]
    people = [{"name": e.name, "id": person_ids.get(e.id), "mentions": len(e.mentions)}
              for e in rec.entities if e.type == "PERSON"]
    others = [{"name": e.name, "type": e.type, "mentions": len(e.mentions)} for e in rec.entities
              if e.type != "PERSON"]
    warnings = [e for e in raw.get("errors") or [] if e.get("stage") == "meta"]
    return {"record": raw, "id": rec.id, "meta": raw.get("meta") or {}, "errors": raw.get("errors") or [],
            "warnings": warnings, "segments": segments(rec, speakers, _parse_marks(mark, len(text))),
            "said": said, "events": events, "people": people, "entities": others, "conflicts": conflicts}


def stored_article(store: queries.Store, article_id: str, *, mark: str | None = None) -> dict[str, Any] | None:
    found = queries.article(store, article_id)
    if found is None:
        return None
    return article_page(found["record"], person_ids=found["person_ids"], conflicts=found["conflicts"], mark=mark)


def flat(value: Any) -> Any:
    """A cell for CSV: lists and dicts as JSON."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value
