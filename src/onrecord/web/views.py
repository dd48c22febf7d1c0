"""Each page's data, computed once: the JSON route returns it, the HTML route renders it, CSV downloads it.

Every list is one parameterised SQL query over the store's tables with LIMIT/OFFSET (never all
records in memory); only an article's own page loads its contract line.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

from ..model import Record
from .db import SLUG_SQL, WebStore

MAX_PER_PAGE = 500
EXPORT_LIMIT = 100_000   # rows in one CSV/JSON download
N_COLOURS = 8            # speaker colours in the highlighted text (css .sp-0 ... .sp-7)

SPEAKER_TYPES_BY_LABEL = {"PERSON": "person", "ORG": "organization"}


@dataclass(frozen=True, slots=True)
class Paging:
    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @classmethod
    def of(cls, page: int | None, per_page: int | None, *, default: int = 50, limit: int = MAX_PER_PAGE) -> "Paging":
        return cls(max(1, page or 1), min(max(1, per_page or default), limit))


def _table(rows: list[dict[str, Any]], columns: list[str], total: int, paging: Paging, **extra: Any) -> dict[str, Any]:
    return {"total": total, "page": paging.page, "per_page": paging.per_page,
            "pages": max(1, -(-total // paging.per_page)), "columns": columns, "rows": rows, **extra}


def _pop_total(rows: list[dict[str, Any]]) -> int:
    """The `count(*) OVER ()` column of a paged query, taken off every row."""
    total = int(rows[0]["_total"]) if rows else 0
    for r in rows:
        r.pop("_total", None)
    return total


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def slug(name: str | None) -> str:
    """Python mirror of SLUG_SQL, for ids of new pasted articles only (people ids come from SQL)."""
    import re

    return re.sub(r"[\W_]+", "-", (name or "").lower()).strip("-")


# --- speakers: the contract's speaker, else the entity the source span names ----------------------

# One row per attribution with `speaker`: the linked entity's name, else the PERSON/ORG entity
# with a mention that ends where the (first) source span ends and lies inside it, else
# speaker.name. The middle case covers records whose speaker stage left `entity` empty
# ("Sessions" -> "Jeff Sessions", "Russian Ambassador Sergey Kislyak" -> "Sergey Kislyak");
# matching on the end offset keeps it an equi-join, fast on a large store.
STATEMENTS_SQL = """
WITH scope AS (
  SELECT *, CAST(source->>'$[0][0]' AS INTEGER) AS src_start, CAST(source->>'$[0][1]' AS INTEGER) AS src_end
  FROM attributions {scope}
),
by_mention AS (
  SELECT a.article_key, a.attribution_id,
         arg_min(e.name, (CASE WHEN e.type = 'PERSON' THEN 0 ELSE 1 END) * 100000000 + m.start) AS name,
         arg_min(e.type, (CASE WHEN e.type = 'PERSON' THEN 0 ELSE 1 END) * 100000000 + m.start) AS label
  FROM scope a
  JOIN mentions m ON m.article_key = a.article_key AND m."end" = a.src_end AND m.start >= a.src_start
  JOIN entities e ON e.article_key = m.article_key AND e.entity_id = m.entity_id AND e.type IN ('PERSON', 'ORG')
  WHERE a.speaker_entity IS NULL AND coalesce(a.speaker_type, '') NOT IN ('anonymous', 'document', 'media')
  GROUP BY ALL
),
statements AS (
  SELECT a.*, coalesce(se.name, bm.name, a.speaker_name, a.source_text) AS speaker,
         CASE WHEN coalesce(a.speaker_type, 'unknown') <> 'unknown' THEN a.speaker_type
              WHEN coalesce(se.type, bm.label) = 'PERSON' THEN 'person'
              WHEN coalesce(se.type, bm.label) = 'ORG' THEN 'organization'
              ELSE 'unknown' END AS speaker_kind
  FROM scope a
  LEFT JOIN entities se ON se.article_key = a.article_key AND se.entity_id = a.speaker_entity
  LEFT JOIN by_mention bm ON bm.article_key = a.article_key AND bm.attribution_id = a.attribution_id
)
"""


def _statements(scope: str = "") -> str:
    return STATEMENTS_SQL.format(scope=scope)


def resolve_speakers(record: Record) -> dict[str, dict[str, Any]]:
    """attribution id -> {name, type, entity} in the same way as STATEMENTS_SQL, for one record."""
    out: dict[str, dict[str, Any]] = {}
    for a in record.attributions:
        ent = record.entity(a.speaker.entity)
        if ent is None and a.source and a.speaker.type not in ("anonymous", "document", "media"):
            s0, e0 = a.source[0]
            hits = [(0 if e.type == "PERSON" else 1, m[0], e) for e in record.entities
                    if e.type in SPEAKER_TYPES_BY_LABEL for m in e.mentions if m[1] == e0 and m[0] >= s0]
            ent = min(hits, key=lambda h: (h[0], h[1]))[2] if hits else None
        name = ent.name if ent else (a.speaker.name or " … ".join(record.text[s:e] for s, e in a.source) or None)
        kind = a.speaker.type
        if kind == "unknown" and ent is not None:
            kind = SPEAKER_TYPES_BY_LABEL.get(ent.type, "unknown")
        out[a.id] = {"name": name, "type": kind, "entity": ent.id if ent else a.speaker.entity}
    return out


def person_ids(db: WebStore, names: list[str]) -> dict[str, str]:
    """name -> person id, computed by the same SQL as every people query."""
    names = sorted({n for n in names if n})
    if not names:
        return {}
    rows = db.query(f"SELECT n, {SLUG_SQL.format('n')} AS id FROM unnest(?::VARCHAR[]) t(n)", [names])
    return {r["n"]: r["id"] for r in rows if r["id"]}


# --- home -------------------------------------------------------------------------------------

def stats(db: WebStore) -> dict[str, int]:
    row = db.query("""SELECT (SELECT count(*) FROM articles) AS articles,
        (SELECT count(DISTINCT name) FROM entities WHERE type = 'PERSON') AS people,
        (SELECT count(*) FROM attributions) AS attributions, (SELECT count(*) FROM events) AS events,
        (SELECT count(DISTINCT outlet) FROM articles) AS outlets, (SELECT count(*) FROM errors) AS errors""")[0]
    return {k: int(v or 0) for k, v in row.items()}


# --- articles ---------------------------------------------------------------------------------

ARTICLE_COLUMNS = ["id", "title", "outlet", "published", "url", "n_words", "n_entities", "n_attributions",
                   "n_events", "n_errors"]


def articles(db: WebStore, *, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
             date_to: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """Stored articles, newest first; q searches title and text (case-insensitive substring)."""
    clauses: list[str] = []
    params: list[Any] = []
    if q:
        in_title = "strpos(lower(coalesce(title, '')), lower(?)) > 0"
        in_text = "strpos(lower(json_extract_string(record, '$.text')), lower(?)) > 0"
        if q.isprintable() and '"' not in q and "\\" not in q:
            # q reads the same inside the raw JSON: scan that first, parse only the rows it passes
            clauses.append(f"({in_title} OR (record ILIKE ('%' || ? || '%') AND {in_text}))")
            params += [q, q, q]
        else:
            clauses.append(f"({in_title} OR {in_text})")
            params += [q, q]
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    if date_from:
        clauses.append("published >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("substr(published, 1, 10) <= ?")
        params.append(date_to)
    where = _where(clauses)
    rows = db.query(f"SELECT {', '.join(ARTICLE_COLUMNS)}, count(*) OVER () AS _total FROM articles {where} "
                    "ORDER BY published DESC NULLS LAST, ingested_at DESC, key LIMIT ? OFFSET ?",
                    [*params, paging.per_page, paging.offset])
    total = _pop_total(rows) if rows else db.scalar(f"SELECT count(*) FROM articles {where}", params)
    outlets = [r["outlet"] for r in db.query(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 200")]
    return _table(rows, ARTICLE_COLUMNS, int(total or 0), paging,
                  filters={"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to}, outlets=outlets)


def _parse_marks(mark: str | None, n: int) -> list[tuple[int, int]]:
    """`?mark=120-133,410-418` -> spans to outline on an article page (ignoring bad pairs)."""
    spans = []
    for part in (mark or "").split(",")[:20]:
        a, _, b = part.partition("-")
        if a.isdigit() and b.isdigit() and 0 <= int(a) < int(b) <= n:
            spans.append((int(a), int(b)))
    return spans


def segments(record: Record, speakers: dict[str, dict[str, Any]], person_id: dict[str, str],
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
            seg.update(attr=aid, role=role, speaker=sp["name"], speaker_type=sp["type"],
                       person=person_id.get(sp["name"] or "") if sp["type"] == "person" else None,
                       title=f"{sp['name'] or 'unknown source'} ({sp['type']}), {role} of {aid}, {a.kind}")
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


def article(db: WebStore, article_id: str, *, mark: str | None = None,
            record: Record | None = None) -> dict[str, Any] | None:
    """One article: its contract line plus what its page shows (highlights, who said what, events)."""
    raw = record.to_dict() if record is not None else db.raw_record(article_id)
    if raw is None:
        return None
    rec = record or Record.from_dict(raw)
    speakers = resolve_speakers(rec)
    pid = person_ids(db, [s["name"] for s in speakers.values() if s["name"]]
                     + [e.name for e in rec.entities if e.type == "PERSON"])
    text = rec.text

    def cut(spans) -> str:  # noqa: ANN001
        return " … ".join(text[s:e] for s, e in spans)

    said = [{"id": a.id, "speaker": speakers[a.id]["name"], "speaker_type": speakers[a.id]["type"],
             "person": pid.get(speakers[a.id]["name"] or "") if speakers[a.id]["type"] == "person" else None,
             "source": cut(a.source), "cue": cut(a.cue), "content": cut(a.content), "kind": a.kind,
             "content_spans": [list(s) for s in a.content]} for a in rec.attributions]
    events = [{"id": v.id, "type": v.type, "cameo": v.cameo, "mode": v.mode, "trigger": cut(v.trigger),
               "actor": ", ".join(p.text for p in v.actor), "recipient": ", ".join(p.text for p in v.recipient),
               "date": v.date, "location": v.location.name if v.location else None, "negated": v.negated,
               "attributed_to": v.attributed_to, "sentence": list(v.sentence)} for v in rec.events]
    people = [{"name": e.name, "id": pid.get(e.name), "mentions": len(e.mentions)}
              for e in rec.entities if e.type == "PERSON"]
    others = [{"name": e.name, "type": e.type, "mentions": len(e.mentions)} for e in rec.entities
              if e.type != "PERSON"]
    return {"record": raw, "id": rec.id, "meta": raw.get("meta") or {}, "errors": raw.get("errors") or [],
            "segments": segments(rec, speakers, pid, _parse_marks(mark, len(text))), "said": said,
            "events": events, "people": people, "entities": others,
            "conflicts": [c for c in conflicts(db)["rows"] if rec.id in (c["a"]["article"], c["b"]["article"])]}


# --- people -----------------------------------------------------------------------------------

PEOPLE_COLUMNS = ["id", "name", "n_articles", "n_mentions", "n_statements"]


def people(db: WebStore, *, q: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """People named in the store (PERSON entities), most-covered first, with how often each is quoted.

    The ranking reads the entities table alone; statements are then counted for the page's
    people only, so the page costs the same on ten articles or ten thousand.
    """
    params: list[Any] = []
    filt = ""
    if q:
        filt = "AND strpos(lower(name), lower(?)) > 0"
        params.append(q)
    rows = db.query(f"""
      WITH grouped AS (
        SELECT {SLUG_SQL.format('name')} AS id, arg_max(name, length(name)) AS name,
               count(DISTINCT article_key) AS n_articles, sum(n_mentions) AS n_mentions
        FROM entities WHERE type = 'PERSON' {filt} GROUP BY 1
      )
      SELECT id, name, n_articles, n_mentions, count(*) OVER () AS _total FROM grouped WHERE id <> ''
      ORDER BY n_articles DESC, n_mentions DESC, name LIMIT ? OFFSET ?""", [*params, paging.per_page, paging.offset])
    total = rows[0]["_total"] if rows else 0
    if not rows and paging.page > 1:
        total = db.scalar(f"SELECT count(DISTINCT {SLUG_SQL.format('name')}) FROM entities "
                          f"WHERE type = 'PERSON' {filt}", params)
    counts = _statement_counts(db, [r["id"] for r in rows])
    for r in rows:
        r.pop("_total", None)
        r["n_mentions"] = int(r["n_mentions"] or 0)
        r["n_statements"] = counts.get(r["id"], 0)
    return _table(rows, PEOPLE_COLUMNS, int(total or 0), paging, filters={"q": q})


def _statement_counts(db: WebStore, ids: list[str]) -> dict[str, int]:
    """person id -> attributions resolved to them, over the articles naming them."""
    if not ids:
        return {}
    scope = (f"WHERE article_key IN (SELECT article_key FROM entities WHERE type = 'PERSON' "
             f"AND {SLUG_SQL.format('name')} IN (SELECT unnest(?::VARCHAR[]))) "
             f"OR {SLUG_SQL.format('speaker_name')} IN (SELECT unnest(?::VARCHAR[]))")
    rows = db.query(_statements(scope) + f"""
        SELECT {SLUG_SQL.format('speaker')} AS id, count(*) AS n FROM statements
        WHERE {SLUG_SQL.format('speaker')} IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1""", [ids, ids, ids])
    return {r["id"]: int(r["n"]) for r in rows}


STATEMENT_COLUMNS = ["article_id", "attribution_id", "published", "outlet", "speaker", "kind", "cue_text",
                     "content_text", "content"]
EVENT_COLUMNS = ["article_id", "event_id", "type", "cameo", "actor_name", "trigger_text", "recipient_name",
                 "date", "published", "location", "negated", "attributed_to", "outlet", "sentence"]


def person(db: WebStore, person_id: str, *, paging: Paging = Paging(per_page=100)) -> dict[str, Any] | None:
    """One person: names, statements and events over time, articles naming them."""
    slug_name = SLUG_SQL.format("name")
    names = [r["name"] for r in db.query(
        f"SELECT name, count(*) AS n FROM entities WHERE type = 'PERSON' AND {slug_name} = ? "
        "GROUP BY name ORDER BY n DESC", [person_id])]
    keys_sql = f"SELECT DISTINCT article_key FROM entities WHERE type = 'PERSON' AND {slug_name} = ?"
    # Statements can only come from articles naming the person, or quoting them by that name.
    scope = (f"WHERE article_key IN ({keys_sql} UNION SELECT article_key FROM attributions "
             f"WHERE {SLUG_SQL.format('speaker_name')} = ?)")
    # One pass over the statements: the page of rows, their total and the per-month counts.
    statements = db.query(
        _statements(scope).replace("statements AS (", "statements AS MATERIALIZED (") + f"""
        , mine AS MATERIALIZED (SELECT * FROM statements WHERE {SLUG_SQL.format('speaker')} = ?),
        months AS (SELECT substr(published, 1, 7) AS month, count(*) AS n FROM mine
                   WHERE published IS NOT NULL GROUP BY 1)
        SELECT s.article_id, s.attribution_id, s.published, s.outlet, s.speaker, s.kind,
            s.cue_text, s.content_text, s.content, count(*) OVER () AS _total,
            (SELECT list({{'month': month, 'n': n}}) FROM months) AS _months
        FROM mine s JOIN articles ar ON ar.key = s.article_key
        ORDER BY s.published NULLS LAST, ar.ingested_at, s.article_id, s.attribution_id LIMIT ? OFFSET ?""",
        [person_id, person_id, person_id, paging.per_page, paging.offset])
    said_by_month = [{"month": m["month"], "type": "said", "n": m["n"]}
                     for m in (statements[0]["_months"] or [] if statements else [])]
    for s in statements:
        s.pop("_months")
    if not names:
        names = sorted({s["speaker"] for s in statements})
    if not names:
        return None
    n_statements = statements[0]["_total"] if statements else 0
    for s in statements:
        s.pop("_total")
        s["content"] = json.loads(s["content"]) if s["content"] else []
    ents = keys_sql.replace("DISTINCT article_key", "article_key, entity_id")
    mine = f"""SELECT DISTINCT v.article_id, v.event_id, v.type, v.cameo, v.actor_name, v.trigger_text,
               v.recipient_name, v.date, v.published, v.location, v.negated, v.attributed_to, v.outlet, v.sentence,
               CASE WHEN list_contains(json_extract_string(v.actor, '$[*].entity'), ents.entity_id)
                    THEN 'actor' ELSE 'recipient' END AS role
        FROM ({_EVENTS_BASE}) v JOIN ({ents}) ents ON ents.article_key = v.article_key
        WHERE list_contains(json_extract_string(v.actor, '$[*].entity'), ents.entity_id)
           OR list_contains(json_extract_string(v.recipient, '$[*].entity'), ents.entity_id)"""
    events = db.query(f"SELECT *, count(*) OVER () AS _total FROM ({mine}) "
                      "ORDER BY coalesce(date, published) NULLS LAST, article_id, event_id LIMIT ? OFFSET ?",
                      [person_id, paging.per_page, paging.offset])
    n_events = events[0]["_total"] if events else 0
    for v in events:
        v.pop("_total")
        v["sentence"] = json.loads(v["sentence"]) if v["sentence"] else None
    by_month = said_by_month + db.query(f"""SELECT substr(coalesce(date, published), 1, 7) AS month, type, count(*) AS n
        FROM ({mine}) WHERE coalesce(date, published) IS NOT NULL GROUP BY ALL""", [person_id])
    articles_ = db.query(f"""
        SELECT ar.id, ar.title, ar.outlet, ar.published, sum(e.n_mentions) AS mentions
        FROM entities e JOIN articles ar ON ar.key = e.article_key
        WHERE e.type = 'PERSON' AND {SLUG_SQL.format('e.name')} = ?
        GROUP BY ALL ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT 100""", [person_id])
    return {"id": person_id, "name": max(names, key=len), "names": names,
            "statements": _table(statements, STATEMENT_COLUMNS, int(n_statements), paging),
            "events": _table(events, EVENT_COLUMNS + ["role"], int(n_events), paging),
            "by_month": sorted(by_month, key=lambda r: (r["month"], r["type"])), "articles": articles_}


# --- outlets ----------------------------------------------------------------------------------

OUTLET_COLUMNS = ["outlet", "n_articles", "n_attributions", "n_anonymous", "share_anonymous", "top_sources"]


_outlet_cache: dict[tuple[str, tuple[int, str]], list[dict[str, Any]]] = {}


def outlets(db: WebStore, *, paging: Paging = Paging()) -> dict[str, Any]:
    """Per outlet: articles, attributions, the share from anonymous sources and whom it quotes most.

    Whom an outlet quotes most needs every attribution resolved, so the table (one row per
    outlet) is computed once per store version and kept.
    """
    key = (db.path, db.version())
    if key not in _outlet_cache:
        _outlet_cache.clear()
        _outlet_cache[key] = _outlet_rows(db)
    rows = _outlet_cache[key]
    return _table(rows[paging.offset: paging.offset + paging.per_page], OUTLET_COLUMNS, len(rows), paging)


def _outlet_rows(db: WebStore) -> list[dict[str, Any]]:
    rows = db.query(_statements() + """
    , arts AS (SELECT coalesce(outlet, '') AS outlet, count(*) AS n_articles FROM articles GROUP BY 1),
    att AS (SELECT coalesce(outlet, '') AS outlet, count(*) AS n_attributions,
                   count(*) FILTER (WHERE speaker_type = 'anonymous') AS n_anonymous FROM attributions GROUP BY 1),
    quoted AS (
      SELECT outlet, speaker, n, row_number() OVER (PARTITION BY outlet ORDER BY n DESC, speaker) AS rank FROM (
        SELECT coalesce(outlet, '') AS outlet, speaker, count(*) AS n FROM statements
        WHERE speaker IS NOT NULL AND speaker_kind <> 'anonymous' GROUP BY ALL)
    ),
    top AS (SELECT outlet, list(speaker || ' (' || n || ')' ORDER BY rank) AS top_sources
            FROM quoted WHERE rank <= 3 GROUP BY outlet)
    SELECT arts.outlet, n_articles, coalesce(n_attributions, 0) AS n_attributions,
           coalesce(n_anonymous, 0) AS n_anonymous,
           round(coalesce(n_anonymous, 0) / greatest(coalesce(n_attributions, 0), 1), 3) AS share_anonymous,
           coalesce(top.top_sources, []) AS top_sources
    FROM arts LEFT JOIN att USING (outlet) LEFT JOIN top USING (outlet)
    ORDER BY n_articles DESC, arts.outlet""")
    for r in rows:
        r["outlet"] = r["outlet"] or None
        r["share_anonymous"] = float(r["share_anonymous"] or 0)
        r["top_sources"] = list(r["top_sources"] or [])
    return rows


# --- events -----------------------------------------------------------------------------------

_EVENTS_BASE = """SELECT v.*, ar.published, ar.outlet FROM events v JOIN articles ar ON ar.key = v.article_key"""


def events(db: WebStore, *, type: str | None = None, actor: str | None = None, date_from: str | None = None,
           date_to: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """Events, filtered by type, actor or recipient (substring) and date (the event's, else publication)."""
    clauses: list[str] = []
    params: list[Any] = []
    if type:
        clauses.append("type = ?")
        params.append(type.upper())
    if actor:
        clauses.append("(strpos(lower(coalesce(actor_name, '')), lower(?)) > 0 OR "
                       "strpos(lower(coalesce(recipient_name, '')), lower(?)) > 0)")
        params += [actor, actor]
    if date_from:
        clauses.append("coalesce(date, published) >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("substr(coalesce(date, published), 1, 10) <= ?")
        params.append(date_to)
    where = _where(clauses)
    base = f"SELECT * FROM ({_EVENTS_BASE}) {where}"
    total = db.scalar(f"SELECT count(*) FROM ({base})", params)
    rows = db.query(f"SELECT {', '.join(EVENT_COLUMNS)} FROM ({base}) "
                    "ORDER BY coalesce(date, published) DESC NULLS LAST, article_id, event_id LIMIT ? OFFSET ?",
                    [*params, paging.per_page, paging.offset])
    for v in rows:
        v["sentence"] = json.loads(v["sentence"]) if v["sentence"] else None
    by_month = db.query(f"""SELECT substr(coalesce(date, published), 1, 7) AS month, type, count(*) AS n
        FROM ({base}) WHERE coalesce(date, published) IS NOT NULL GROUP BY ALL ORDER BY month, type""", params)
    types = [r["type"] for r in db.query("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC")]
    return _table(rows, EVENT_COLUMNS, int(total or 0), paging, by_month=by_month, types=types,
                  filters={"type": type, "actor": actor, "date_from": date_from, "date_to": date_to})


# --- conflicts --------------------------------------------------------------------------------

SYNC_CONFLICTS_MAX = 500  # articles; on bigger stores conflicts are found in the background

_conflicts_state: dict[str, Any] = {"key": None, "rows": [], "running": None}
_conflict_lock = threading.Lock()


def _find_conflicts(db: WebStore) -> list[dict[str, Any]]:
    """The record module's conflicts over the whole store, in the contract's shape ([] until it exists)."""
    try:
        from ..record import build_record
    except ImportError:
        return []
    story = build_record(db.iter_records())
    return [c if isinstance(c, dict) else c.to_dict() for c in story.conflicts]


def _refresh_conflicts(db: WebStore, key: tuple[str, tuple[int, str]]) -> None:
    try:
        rows = _find_conflicts(db)
    except Exception:  # a failing conflicts stage costs the conflicts, not the page
        import logging

        logging.getLogger("onrecord.web").exception("finding conflicts failed")
        rows = []
    with _conflict_lock:
        _conflicts_state.update(key=key, rows=rows, running=None)


def _current_conflicts(db: WebStore) -> tuple[list[dict[str, Any]], bool]:
    """(conflicts, up to date). They need every article, so they are found once per store version:
    at once on a small store, in a background thread on a large one (pages show the last result)."""
    key = (db.path, db.version())
    with _conflict_lock:
        if _conflicts_state["key"] == key:
            return _conflicts_state["rows"], True
        stale = _conflicts_state["rows"] if _conflicts_state["key"] and _conflicts_state["key"][0] == db.path else []
        running = _conflicts_state["running"]
        if key[1][0] > SYNC_CONFLICTS_MAX and running != key:
            _conflicts_state["running"] = key
            threading.Thread(target=_refresh_conflicts, args=(db, key), daemon=True,
                             name="onrecord-conflicts").start()
            return stale, False
        if running == key:
            return stale, False
    _refresh_conflicts(db, key)
    return _conflicts_state["rows"], True


def conflicts(db: WebStore, *, kind: str | None = None, about: str | None = None,
              paging: Paging = Paging(per_page=MAX_PER_PAGE)) -> dict[str, Any]:
    """Conflicts, strongest first (`pending` while a large store's are still being found)."""
    found, fresh = _current_conflicts(db)
    if kind:
        found = [c for c in found if c.get("kind") == kind]
    if about:
        found = [c for c in found if any(about.lower() in (x or "").lower() for x in c.get("about", []))]
    rows = found[paging.offset: paging.offset + paging.per_page]
    return _table(rows, ["id", "kind", "score", "about", "a", "b"], len(found), paging,
                  filters={"kind": kind, "about": about}, pending=not fresh)


# --- downloads --------------------------------------------------------------------------------

def flat(value: Any) -> Any:
    """A cell for CSV: lists and dicts as JSON."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value
