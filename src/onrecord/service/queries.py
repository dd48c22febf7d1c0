"""The one read model: every question the CLI and the web ask of a store, answered once.

Read-only: nothing here builds or writes the record (`onrecord.service.record` does, after an
ingest); a store whose record is stale answers from the tables it has, and `record_status`
says so in one line. A person is the store's linking id (`people.person_id`) everywhere.

`store` is anything with `query(sql, params) -> list[dict]` and a DuckDB connection or cursor
in `con`: a `Store`, or the web's per-request reader over a cursor.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..store import Store

MAX_PER_PAGE = 500
EXPORT_LIMIT = 100_000    # rows in one CSV/JSON download
PERSON_KINDS = ("PERSON",)
LINKED_KINDS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
CONFLICT_KINDS = ("denial_vs_report", "account_vs_account", "self_contradiction")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --- paging and sorting ------------------------------------------------------------------------

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


def table(rows: list[dict[str, Any]], columns: list[str], total: int, paging: Paging, **extra: Any) -> dict[str, Any]:
    """A page of a table: rows plus what a pager needs."""
    return {"total": total, "page": paging.page, "per_page": paging.per_page,
            "pages": max(1, -(-total // paging.per_page)), "columns": columns, "rows": rows, **extra}


def order_by(sort: str | None, allowed: dict[str, str], default: str) -> tuple[str, str]:
    """(ORDER BY clause, the sort key used): `sort` is a column name, `-name` for descending;
    anything not in `allowed` (name -> SQL expression) falls back to `default`."""
    key = sort or default
    desc = key.startswith("-")
    name = key.lstrip("-")
    if name not in allowed:
        return order_by(default, allowed, default) if key != default else (allowed[name], key)
    return f"{allowed[name]} {'DESC' if desc else 'ASC'} NULLS LAST", key


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _decode(row: dict[str, Any], cols: Iterable[str]) -> dict[str, Any]:
    for col in cols:
        if isinstance(row.get(col), str):
            row[col] = json.loads(row[col])
    return row


def _pop_total(rows: list[dict[str, Any]]) -> int:
    total = int(rows[0]["_total"]) if rows else 0
    for r in rows:
        r.pop("_total", None)
    return total


# --- the record's state ------------------------------------------------------------------------

def record_status(store: Store, db: str | None = None) -> str | None:
    """One line when the record (people, claims, conflicts, search) is missing or older than the
    stored articles; None when it is current. Reads only: rebuilding is `onrecord rebuild`."""
    from ..store.record_tables import FINGERPRINT, fingerprint

    try:  # the fingerprint check of record_tables.is_stale, without its catalogue query (every page asks)
        built = store.query("SELECT value FROM meta WHERE name = ?", [FINGERPRINT])
        store.query("SELECT 1 FROM conflicts LIMIT 0")
        if built and built[0]["value"] == fingerprint(store):
            return None
    except Exception:  # noqa: BLE001 - a store written before the record tables existed
        built = []
    where = f" --db {db}" if db else ""
    n = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
    if not n:
        return None  # an empty store has nothing to build
    if not built:
        return f"the record (people, claims, conflicts) has not been built for this store: run `onrecord rebuild{where}`"
    return (f"the record (people, claims, conflicts) is older than the stored articles: "
            f"run `onrecord rebuild{where}` to bring it up to date")


def stats(store: Store) -> dict[str, int]:
    """What the store holds; `people` counts exactly the rows `people()` lists."""
    row = store.query("""SELECT (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FROM people WHERE type = 'PERSON') AS people,
        (SELECT count(*) FROM attributions) AS attributions, (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM conflicts) AS conflicts,
        (SELECT count(DISTINCT outlet) FROM articles) AS outlets, (SELECT count(*) FROM errors) AS errors""")[0]
    return {k: int(v or 0) for k, v in row.items()}


# --- articles ----------------------------------------------------------------------------------

ARTICLE_COLUMNS = ["id", "title", "outlet", "published", "url", "n_words", "n_entities", "n_attributions",
                   "n_events", "n_errors"]
ARTICLE_SORTS = {"published": "a.published", "title": "lower(coalesce(a.title, a.id))", "outlet": "a.outlet",
                 "n_words": "a.n_words", "n_attributions": "a.n_attributions", "n_events": "a.n_events",
                 "n_errors": "a.n_errors"}


def articles(store: Store, *, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
             date_to: str | None = None, sort: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """Stored articles, newest first; `q` is a full-text search (every word must occur)."""
    clauses: list[str] = []
    params: list[Any] = []
    if q:
        terms = terms_of(q)
        clauses.append(f"""a.key IN (SELECT d.article_key FROM ({_hits_sql(False)}) h JOIN search_docs d
                                     USING (doc_id) WHERE d.kind = 'article')""")
        params += [terms, terms]
    if outlet:
        clauses.append("a.outlet = ?")
        params.append(outlet)
    clauses += _date_range("a.published", date_from, date_to, params)
    order, key = order_by(sort, ARTICLE_SORTS, "-published")
    cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
    rows = store.query(f"SELECT {cols}, count(*) OVER () AS _total FROM articles a {_where(clauses)} "
                       f"ORDER BY {order}, a.ingested_at DESC, a.key LIMIT ? OFFSET ?",
                       [*params, paging.per_page, paging.offset])
    total = _pop_total(rows) if rows else store.query(
        f"SELECT count(*) AS n FROM articles a {_where(clauses)}", params)[0]["n"]
    outlets = [r["outlet"] for r in store.query(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 200")]
    return table(rows, ARTICLE_COLUMNS, int(total or 0), paging, sort=key, outlets=outlets,
                 filters={"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to})


def _date_range(col: str, date_from: str | None, date_to: str | None, params: list[Any]) -> list[str]:
    """A date (ISO, of day, month or year precision) overlapping [date_from, date_to]: a date
    "2016" counts from 2016-01-01 to 2016-12-31, so it falls in any range touching that year."""
    clauses = []
    if date_from:
        # the period's last day: "2016" -> "2016-12-31", "2016-03" -> "2016-03-31"
        clauses.append(f"({col} || substr('-12-31', length({col}) - 3)) >= ?")
        params.append(date_from)
    if date_to:
        clauses.append(f"substr({col}, 1, 10) <= ?")
        params.append(date_to)
    return clauses


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article: its contract line, the person id of each linked entity, its conflicts."""
    rows = store.query("SELECT key, record FROM articles WHERE id = ? UNION ALL "
                       "SELECT key, record FROM articles WHERE key = ? LIMIT 1", [article_id, article_id])
    if not rows:
        return None
    raw = json.loads(rows[0]["record"])
    links = {r["entity_id"]: r["person_id"] for r in store.query(
        "SELECT entity_id, person_id FROM person_links WHERE article_key = ?", [rows[0]["key"]])}
    found = [json.loads(r["record"]) for r in store.query(
        "SELECT record FROM conflicts WHERE article_a = ? OR article_b = ? ORDER BY rank", [raw["id"], raw["id"]])]
    names = titles(store, (c[side]["article"] for c in found for side in ("a", "b")))
    for c in found:
        for side in ("a", "b"):
            c[side].setdefault("title", names.get(c[side]["article"]))
    return {"record": raw, "person_ids": links, "conflicts": found}


def titles(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """article id -> title (articles without one are left out)."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["id"]: r["title"] for r in store.query(
        "SELECT id, title FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) AND title IS NOT NULL", [ids])}


# --- people ------------------------------------------------------------------------------------

PEOPLE_COLUMNS = ["person_id", "name", "n_articles", "n_mentions", "n_claims", "n_conflicts"]
PEOPLE_SORTS = {"name": "lower(name)", "n_articles": "n_articles", "n_mentions": "n_mentions",
                "n_claims": "n_claims", "n_conflicts": "n_conflicts"}


def load_people(store: Store, *, kinds: Iterable[str] = PERSON_KINDS) -> list[dict[str, Any]]:
    """People (or other linked types) with their counts, most covered first."""
    kinds = list(kinds)
    marks = ", ".join("?" for _ in kinds)
    rows = store.query(f"""SELECT * FROM people WHERE type IN ({marks})
                           ORDER BY n_articles DESC, n_claims DESC, n_mentions DESC, name""", kinds)
    return [_decode(r, ("aliases", "titles", "article_ids")) for r in rows]


def people(store: Store, *, q: str | None = None, sort: str | None = None,
           paging: Paging = Paging()) -> dict[str, Any]:
    """A page of people (type PERSON only), most covered first; `q` matches any name form."""
    clauses, params = ["type = 'PERSON'"], []
    if q:
        clauses.append("(strpos(lower(name), lower(?)) > 0 OR strpos(lower(CAST(aliases AS VARCHAR)), lower(?)) > 0)")
        params += [q, q]
    order, key = order_by(sort, PEOPLE_SORTS, "-n_articles")
    rows = store.query(f"""SELECT person_id, name, aliases, n_articles, n_mentions, n_claims, n_conflicts,
                                  count(*) OVER () AS _total FROM people {_where(clauses)}
                           ORDER BY {order}, n_claims DESC, n_mentions DESC, name LIMIT ? OFFSET ?""",
                       [*params, paging.per_page, paging.offset])
    total = _pop_total(rows) if rows else store.query(
        f"SELECT count(*) AS n FROM people {_where(clauses)}", params)[0]["n"]
    for r in rows:
        _decode(r, ("aliases",))
    return table(rows, PEOPLE_COLUMNS, int(total or 0), paging, sort=key, filters={"q": q})


def find_people(store: Store, name: str) -> list[dict[str, Any]]:
    """People whose name, an alias, or (for a one-word query) surname matches NAME, best first."""
    from ..record.linking import normalise

    key = normalise(name)
    if not key:
        return []
    rows = load_people(store, kinds=LINKED_KINDS)
    exact = [r for r in rows if r["key"] == key or name.lower() == r["name"].lower()]
    if exact:
        return exact
    alias = [r for r in rows if key in {normalise(a, entity_type=r["type"]) for a in r["aliases"]}]
    if alias:
        return alias
    if " " not in key:
        return [r for r in rows if r["key"].split()[-1:] == [key]]
    return []


def person_row(store: Store, person_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM people WHERE person_id = ?", [person_id])
    return _decode(rows[0], ("aliases", "titles", "article_ids")) if rows else None


STATEMENT_COLUMNS = ["published", "article_id", "title", "outlet", "polarity", "text", "chain", "claim_id",
                     "attribution_id", "span"]
EVENT_COLUMNS = ["date", "published", "article_id", "title", "event_id", "type", "cameo", "role", "actor_name",
                 "trigger_text", "recipient_name", "location", "negated", "attributed_to", "outlet", "sentence"]


PERSON_CONFLICTS_SHOWN = 20   # conflict cards on a person's page; the conflicts page lists them all


def person(store: Store, person_id: str, *, paging: Paging = Paging(per_page=100)) -> dict[str, Any] | None:
    """One person: every name form, their statements and events over time, their strongest
    conflicts (and how many there are), the articles naming them. Statements are the claims the
    record credits to them, never another's. Each part is a narrow query first, then the
    page's rows in full: the page costs the same on ten articles or ten thousand."""
    p = person_row(store, person_id)
    if p is None:
        return None
    statements = store.query("""
        SELECT published, article_id, article_key, polarity, text, chain, claim_id, attribution_id, span,
               count(*) OVER () AS _total
        FROM claims WHERE claimant_id = ?
        ORDER BY published NULLS LAST, article_id, claim_id LIMIT ? OFFSET ?""",
                             [person_id, paging.per_page, paging.offset])
    n_statements = _pop_total(statements)
    every_event = _person_events(store, person_id)  # every one, in full: one pass over the events
    events = every_event[paging.offset: paging.offset + paging.per_page]
    months: dict[tuple[str, str], int] = {}
    for v in every_event:  # the chart counts every event, the table shows a page
        when = v["date"] or v["published"]
        if when:
            months[(when[:7], v["type"])] = months.get((when[:7], v["type"]), 0) + 1
    by_month = store.query("""
        SELECT substr(published, 1, 7) AS month, 'said' AS type, count(*) AS n FROM claims
        WHERE claimant_id = ? AND published IS NOT NULL GROUP BY ALL""", [person_id])
    by_month += [{"month": m, "type": t, "n": n} for (m, t), n in months.items()]
    links = store.query("""SELECT pl.article_key, sum(e.n_mentions) AS mentions FROM person_links pl
                           JOIN entities e ON e.article_key = pl.article_key AND e.entity_id = pl.entity_id
                           WHERE pl.person_id = ? GROUP BY pl.article_key""", [person_id])
    meta = _article_meta(store, [r["article_key"] for r in links] + [s["article_key"] for s in statements])
    arts = sorted(({**meta[r["article_key"]], "mentions": int(r["mentions"] or 0)} for r in links
                   if r["article_key"] in meta), key=lambda a: (a["published"] or "", a["id"]), reverse=True)[:200]
    for s_ in statements:
        _decode(s_, ("chain", "span"))
        found = meta.get(s_.pop("article_key"), {})
        s_["title"], s_["outlet"] = found.get("title"), found.get("outlet")
    top = conflicts(store, person=person_id, paging=Paging(1, PERSON_CONFLICTS_SHOWN))
    return {"id": person_id, "person": p, "name": p["name"], "names": p["aliases"] or [p["name"]],
            "statements": table(statements, STATEMENT_COLUMNS, n_statements, paging),
            "events": table(events, EVENT_COLUMNS, len(every_event), paging),
            "conflicts": top["rows"], "n_conflicts": top["total"],
            "by_month": sorted(by_month, key=lambda r: (r["month"], r["type"])), "articles": arts}


def _article_meta(store: Store, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """article key -> {id, title, outlet, published}."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    return {r.pop("key"): r for r in store.query(
        "SELECT key, id, title, outlet, published FROM articles WHERE key IN (SELECT unnest(?::VARCHAR[]))", [keys])}


# The events one of the person's linked entities is actor or recipient of, with their role and
# the columns a page or `onrecord person` shows (one pass over the events).
_PERSON_EVENTS = """
WITH mine AS (SELECT article_key, list(entity_id) AS ents FROM person_links WHERE person_id = ? GROUP BY article_key),
ev AS (SELECT v.article_key, v.article_id, v.event_id, v.type, v.cameo, v.date, v.actor_name, v.trigger_text,
              v.recipient_name, v.location, v.negated, v.attributed_to, v.sentence, v.actor, v.recipient{extra},
              m.ents, json_extract_string(v.actor, '$[*].entity') AS actor_ids,
              json_extract_string(v.recipient, '$[*].entity') AS recipient_ids
       FROM mine m JOIN events v ON v.article_key = m.article_key)
SELECT v.* EXCLUDE (ents, actor_ids, recipient_ids), ar.published, ar.title, ar.outlet,
       CASE WHEN list_has_any(v.actor_ids, v.ents) THEN 'actor' ELSE 'recipient' END AS role
FROM ev v JOIN (SELECT key, published, title, outlet FROM articles) ar ON ar.key = v.article_key
WHERE list_has_any(v.actor_ids, v.ents) OR list_has_any(v.recipient_ids, v.ents)
"""


def _person_events(store: Store, person_id: str, *, sentences: bool = False) -> list[dict[str, Any]]:
    """Every event of the person, oldest first; with `sentences`, each one's sentence text too
    (the widest column: the CLI prints it, a page links to it)."""
    sql = _PERSON_EVENTS.format(extra=", v.sentence_text" if sentences else "")
    rows = store.query(f"SELECT * FROM ({sql}) "
                       "ORDER BY coalesce(date, published) NULLS LAST, article_id, event_id", [person_id])
    for r in rows:
        _decode(r, ("sentence", "actor", "recipient"))
    return rows


def name_forms(store: Store, person_id: str) -> list[str]:
    """Every way the articles write this person's name (full name, surname, title + name), most used first."""
    rows = store.query("""SELECT m.text AS form, count(*) AS n FROM mentions m
                          JOIN person_links l ON l.article_key = m.article_key AND l.entity_id = m.entity_id
                          WHERE l.person_id = ? GROUP BY m.text ORDER BY n DESC, m.text""", [person_id])
    return [" ".join(r["form"].split()) for r in rows if r["form"] and r["form"].strip()]


def load_events(store: Store, person_id: str) -> list[dict[str, Any]]:
    """Every event the person took part in (as actor or recipient), oldest first, with their role."""
    return _person_events(store, person_id, sentences=True)


def load_claims(store: Store, *, person_id: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
    """Stored claims (all, or those a person made (role 'claimant') or is named in), oldest first."""
    if person_id is None:
        rows = store.query("SELECT * FROM claims ORDER BY published NULLS LAST, article_id, claim_id")
    else:
        extra = " AND cp.role = ?" if role else ""
        rows = store.query(f"""SELECT DISTINCT c.* FROM claims c JOIN claim_people cp ON cp.claim_id = c.claim_id
                               WHERE cp.person_id = ?{extra}
                               ORDER BY c.published NULLS LAST, c.article_id, c.claim_id""",
                           [person_id, role] if role else [person_id])
    return [_decode(r, ("chain", "about", "about_ids", "span", "event_types")) for r in rows]


def stored_claims(store: Store, *, ids: Iterable[str] | None = None) -> list:
    """The stored claims (all, or those with `ids`) as Claim objects, for stance search."""
    from ..record.claims import Claim

    if ids is None:
        rows = load_claims(store)
    else:
        rows = [_decode(r, ("chain", "about", "about_ids", "span", "event_types")) for r in store.query(
            "SELECT * FROM claims WHERE claim_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(ids))])]
    return [Claim(id=r["claim_id"], article=r["article_id"], date=r["date"], text=r["text"],
                  spans=tuple(tuple(s) for s in r["span"]), claimant=r["claimant"],
                  claimant_id=r["claimant_id"], claimant_type=r["claimant_type"], chain=tuple(r["chain"]),
                  about=tuple(r["about_ids"]), about_names=tuple(r["about"]), polarity=r["polarity"],
                  attribution=r["attribution_id"], event=r["event_id"], event_types=tuple(r["event_types"]),
                  content=r["text"], published=r["published"]) for r in rows]


# --- conflicts ---------------------------------------------------------------------------------

CONFLICT_SORTS = {"rank": "c.rank", "score": "c.score", "kind": "c.kind",
                  "date": "coalesce(aa.published, ab.published)"}


def _person_ids(store: Store, person: str) -> list[str]:
    if store.query("SELECT 1 FROM people WHERE person_id = ? LIMIT 1", [person]):
        return [person]
    return [p["person_id"] for p in find_people(store, person)]


def load_conflicts(store: Store, person: str | None = None) -> list[dict[str, Any]]:
    """Stored conflicts as contract lines, strongest first; with PERSON (a name or a person id),
    only those about that person. Ids (C1, ...) are the store-wide ranks."""
    return conflicts(store, person=person, paging=Paging(1, EXPORT_LIMIT))["rows"]


def conflicts(store: Store, *, person: str | None = None, kind: str | None = None,
              min_score: float | None = None, date_from: str | None = None, date_to: str | None = None,
              sort: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """Conflicts as contract lines (with `why` where the record gives it), strongest first, each
    side with its article's title and publication date; filtered by person (id or name), kind,
    score and date (either side's publication date in the range)."""
    clauses: list[str] = []
    params: list[Any] = []
    if person:
        ids = _person_ids(store, person)
        clauses.append("c.key IN (SELECT conflict_key FROM conflict_people WHERE person_id IN "
                       "(SELECT unnest(?::VARCHAR[])))")
        params.append(ids)
    if kind:
        clauses.append("c.kind = ?")
        params.append(kind)
    if min_score is not None:
        clauses.append("c.score >= ?")
        params.append(min_score)
    if date_from or date_to:
        in_range = _date_range("published", date_from, date_to, params)
        clauses.append(f"(c.article_a IN (SELECT id FROM articles WHERE {' AND '.join(in_range)}) OR "
                       f"c.article_b IN (SELECT id FROM articles WHERE {' AND '.join(in_range)}))")
        params += params[-len(in_range):]
    order, key = order_by(sort, CONFLICT_SORTS, "rank")
    dated = "date" in key  # only a sort by date needs the articles joined
    join = ("LEFT JOIN (SELECT id, published FROM articles) aa ON aa.id = c.article_a "
            "LEFT JOIN (SELECT id, published FROM articles) ab ON ab.id = c.article_b") if dated else ""
    rows = store.query(f"""
        SELECT c.record, count(*) OVER () AS _total FROM conflicts c {join}
        {_where(clauses)} ORDER BY {order}, c.rank LIMIT ? OFFSET ?""", [*params, paging.per_page, paging.offset])
    total = _pop_total(rows)
    out = [json.loads(r["record"]) for r in rows]
    ids = {c[side]["article"] for c in out for side in ("a", "b")}
    meta = {r["id"]: r for r in store.query(
        "SELECT id, title, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(ids)])} \
        if ids else {}
    for d in out:
        for side in ("a", "b"):
            found = meta.get(d[side]["article"], {})
            d[side].setdefault("title", found.get("title"))
            d[side].setdefault("published", found.get("published"))
    return table(out, ["id", "kind", "score", "about", "a", "b", "why"], total, paging, sort=key,
                 kinds=list(CONFLICT_KINDS),
                 filters={"person": person, "kind": kind, "min_score": min_score, "date_from": date_from,
                          "date_to": date_to})


# --- events ------------------------------------------------------------------------------------

EVENTS_COLUMNS = ["date", "published", "article_id", "title", "event_id", "type", "cameo", "actor_name",
                  "actor_country", "actor_sector", "trigger_text", "recipient_name", "recipient_country",
                  "recipient_sector", "location", "negated", "attributed_to", "outlet", "sentence"]
EVENT_SORTS = {"date": "coalesce(v.date, ar.published)", "type": "v.type", "actor_name": "v.actor_name",
               "recipient_name": "v.recipient_name", "location": "v.location", "outlet": "ar.outlet",
               "title": "lower(coalesce(ar.title, v.article_id))"}


def events(store: Store, *, type: str | None = None, actor: str | None = None, date_from: str | None = None,
           date_to: str | None = None, sort: str | None = None, paging: Paging = Paging(),
           chart: bool = True) -> dict[str, Any]:
    """Events, filtered by type, actor and date; newest first.

    `actor` matches the actor or the recipient: a country code (RUS) exactly, else a name fragment.
    The date is the event's own, else its article's publication date; one of month or year
    precision counts over its whole period (see `_date_range`).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if type:
        clauses.append("v.type = ?")
        params.append(type.upper())
    if actor:
        clauses.append("(v.actor_country = ? OR v.recipient_country = ? OR "
                       "strpos(lower(coalesce(v.actor_name, '')), lower(?)) > 0 OR "
                       "strpos(lower(coalesce(v.recipient_name, '')), lower(?)) > 0)")
        params += [actor.upper(), actor.upper(), actor, actor]
    clauses += _date_range("coalesce(v.date, substr(ar.published, 1, 10))", date_from, date_to, params)
    base = (f"FROM events v JOIN articles ar ON ar.key = v.article_key {_where(clauses)}")
    order, key = order_by(sort, EVENT_SORTS, "-date")
    cols = ", ".join(f"ar.{c}" if c in ("published", "title", "outlet") else f"v.{c}" for c in EVENTS_COLUMNS)
    rows = store.query(f"SELECT {cols} {base} ORDER BY {order}, v.article_id, v.event_id LIMIT ? OFFSET ?",
                       [*params, paging.per_page, paging.offset])
    for v in rows:
        _decode(v, ("sentence",))
    # One pass gives the total, the chart and the types: counts per month and type.
    counts = store.query(f"""SELECT substr(coalesce(v.date, ar.published), 1, 7) AS month, v.type, count(*) AS n
                             {base} GROUP BY ALL ORDER BY month, type""", params)
    total = sum(int(c["n"]) for c in counts)
    extra: dict[str, Any] = {}
    if chart:
        extra["by_month"] = [c for c in counts if c["month"]]
        if clauses:
            extra["types"] = [r["type"] for r in store.query(
                "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC")]
        else:
            per_type: dict[str, int] = {}
            for c in counts:
                per_type[c["type"]] = per_type.get(c["type"], 0) + int(c["n"])
            extra["types"] = sorted(per_type, key=lambda t: (-per_type[t], t))
    return table(rows, EVENTS_COLUMNS, int(total or 0), paging, sort=key, **extra,
                 filters={"type": type, "actor": actor, "date_from": date_from, "date_to": date_to})


# --- outlets, quotes, sources ------------------------------------------------------------------

OUTLET_COLUMNS = ["outlet", "n_articles", "n_attributions", "n_anonymous", "share_anonymous", "top_sources"]


def outlets(store: Store, *, paging: Paging = Paging()) -> dict[str, Any]:
    """Per outlet: articles, attributions, the share from anonymous sources, the people it quotes
    most (by the record's linking)."""
    rows = store.query("""
    WITH arts AS (SELECT coalesce(outlet, '') AS outlet, count(*) AS n_articles FROM articles GROUP BY 1),
    att AS (SELECT coalesce(outlet, '') AS outlet, count(*) AS n_attributions,
                   count(*) FILTER (WHERE speaker_type = 'anonymous') AS n_anonymous FROM attributions GROUP BY 1),
    quoted AS (
      SELECT outlet, claimant, n, row_number() OVER (PARTITION BY outlet ORDER BY n DESC, claimant) AS rank FROM (
        SELECT coalesce(ar.outlet, '') AS outlet, c.claimant, count(*) AS n
        FROM claims c JOIN people p ON p.person_id = c.claimant_id AND p.type = 'PERSON'
        JOIN articles ar ON ar.key = c.article_key GROUP BY ALL)),
    top AS (SELECT outlet, list(claimant || ' (' || n || ')' ORDER BY rank) AS top_sources
            FROM quoted WHERE rank <= 3 GROUP BY outlet)
    SELECT arts.outlet, n_articles, coalesce(n_attributions, 0) AS n_attributions,
           coalesce(n_anonymous, 0) AS n_anonymous,
           round(coalesce(n_anonymous, 0) / greatest(coalesce(n_attributions, 0), 1), 3) AS share_anonymous,
           coalesce(top.top_sources, []) AS top_sources, count(*) OVER () AS _total
    FROM arts LEFT JOIN att USING (outlet) LEFT JOIN top USING (outlet)
    ORDER BY n_articles DESC, arts.outlet LIMIT ? OFFSET ?""", [paging.per_page, paging.offset])
    total = _pop_total(rows)
    for r in rows:
        r["outlet"] = r["outlet"] or None
        r["share_anonymous"] = float(r["share_anonymous"] or 0)
        r["top_sources"] = list(r["top_sources"] or [])
    return table(rows, OUTLET_COLUMNS, total, paging)


def quotes(store: Store, speaker: str) -> list[dict[str, Any]]:
    """Attributions whose speaker is named SPEAKER (whole name or last words), oldest first."""
    return store.query(
        """SELECT published, article_id, outlet, speaker_name, speaker_type, kind, cue_text, content_text
           FROM attributions WHERE speaker_name ILIKE ? OR speaker_name ILIKE ?
           ORDER BY published NULLS LAST, article_id, attribution_id""", [speaker, f"% {speaker}"])


def sources(store: Store, by: str) -> tuple[list[dict[str, Any]], list[str]]:
    """(rows, columns): the share of anonymous sources per outlet, attributions per speaker type,
    or the 50 most quoted speakers."""
    if by == "outlet":
        return store.query(
            """SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS attributions,
                      count(*) FILTER (WHERE speaker_type = 'anonymous') AS anonymous,
                      round(count(*) FILTER (WHERE speaker_type = 'anonymous') / count(*), 3) AS anonymous_share,
                      count(DISTINCT article_key) AS articles
               FROM attributions GROUP BY 1 ORDER BY anonymous_share DESC, attributions DESC"""), \
            ["outlet", "articles", "attributions", "anonymous", "anonymous_share"]
    if by == "speaker-type":
        return store.query("""SELECT speaker_type, count(*) AS attributions FROM attributions
                              GROUP BY 1 ORDER BY 2 DESC"""), ["speaker_type", "attributions"]
    return store.query("""SELECT speaker_name, speaker_type, count(*) AS attributions,
                                 count(DISTINCT article_key) AS articles
                          FROM attributions WHERE speaker_name IS NOT NULL
                          GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50"""), \
        ["speaker_name", "speaker_type", "attributions", "articles"]


# --- full-text search --------------------------------------------------------------------------

SEARCH_KINDS = ("statement", "claim", "article")
_SPLIT = re.compile(r"[\W_]+")


def terms_of(q: str) -> list[str]:
    """The index terms of a query, split as `store.search_index.TERMS_SQL` splits documents
    (lower case, accents folded, on anything that is not a letter or digit), in Python: no query."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", q[:500].lower()) if not unicodedata.combining(c))
    return sorted({t for t in _SPLIT.split(folded) if t})[:20]


def _hits_sql(any_term: bool) -> str:
    """Documents holding every term (or any) with a tf-idf weight; parameters: terms[, terms]."""
    having = "" if any_term else "HAVING count(*) = len(?::VARCHAR[])"
    return f"""
        WITH df AS (SELECT term, count(*) AS df FROM search_postings
                    WHERE term IN (SELECT unnest(?::VARCHAR[])) GROUP BY term),
        n AS (SELECT count(*) AS n FROM search_docs)
        SELECT p.doc_id, sum(p.tf * ln(1 + (SELECT n FROM n) / df.df)) AS weight, count(*) AS n_terms
        FROM search_postings p JOIN df USING (term) GROUP BY p.doc_id {having}"""


def _matching_docs(store: Store, q: str, *, kinds: Iterable[str], limit: int | None, offset: int = 0,
                   any_term: bool = False) -> list[dict[str, Any]]:
    """Documents of `kinds` holding every term of Q (or any, with `any_term`), best first:
    tf-idf over the inverted index, longer documents damped. Each row also carries the number
    of hits of its kind (`_kind_total`) and of all kinds asked for (`_total`)."""
    terms = terms_of(q)
    if not terms:
        return []
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return store.query(f"""
        WITH hits AS ({_hits_sql(any_term)})
        SELECT d.doc_id, d.kind, d.article_key, d.article_id, d.ref, d.speaker, d.person_id, d.published, d.span,
               h.weight / sqrt(greatest(d.n_terms, 1)) AS score, h.n_terms, count(*) OVER () AS _total,
               count(*) OVER (PARTITION BY d.kind) AS _kind_total
        FROM hits h JOIN search_docs d USING (doc_id)
        WHERE d.kind IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY h.n_terms DESC, score DESC, d.doc_id{page}""",
        [terms, *([] if any_term else [terms]), list(kinds), *((limit, offset) if limit is not None else ())])


def search(store: Store, q: str, *, kind: str | None = None, paging: Paging = Paging()) -> dict[str, Any]:
    """Full-text search over statements, claims and articles (every word must occur), best first;
    each hit with a snippet around the first matching word and a link target (article, span)."""
    kinds = (kind,) if kind in SEARCH_KINDS else SEARCH_KINDS
    terms = terms_of(q or "")
    rows = _matching_docs(store, q, kinds=kinds, limit=paging.per_page, offset=paging.offset) if terms else []
    total = int(rows[0]["_total"]) if rows else 0
    counts = {k: 0 for k in SEARCH_KINDS}
    if terms and kind not in SEARCH_KINDS:
        # Per-kind counts come with the rows on the first page; a later page asks for them.
        for r in store.query(f"""WITH hits AS ({_hits_sql(False)})
                                 SELECT d.kind, count(*) AS n FROM hits h JOIN search_docs d USING (doc_id)
                                 GROUP BY d.kind""", [terms, terms]) if paging.page > 1 or not rows else []:
            counts[r["kind"]] = int(r["n"])
        for r in rows:
            counts[r["kind"]] = int(r["_kind_total"])
    elif kind in SEARCH_KINDS:
        counts[kind] = total
    texts = {r["doc_id"]: r["text"] for r in store.query(
        "SELECT doc_id, text FROM search_docs WHERE doc_id IN (SELECT unnest(?::BIGINT[]))",
        [[r["doc_id"] for r in rows]])} if rows else {}
    names = titles(store, (r["article_id"] for r in rows))
    for r in rows:
        for col in ("_total", "_kind_total", "n_terms"):
            r.pop(col, None)
        _decode(r, ("span",))
        r["title"] = names.get(r["article_id"])
        r["snippet"] = snippet(texts.get(r["doc_id"], ""), terms)
        r["score"] = round(float(r["score"]), 4)
    return table(rows, ["kind", "article_id", "title", "speaker", "person_id", "published", "snippet", "span",
                        "ref", "score"], total, paging, counts=counts, filters={"q": q, "kind": kind})


def snippet(text: str, terms: list[str], width: int = 240) -> str:
    """About `width` characters of TEXT around the first of TERMS it contains (word-aligned)."""
    text = " ".join(text.split())
    low = text.lower()
    at = min((m.start() for t in terms if (m := re.search(r"\b" + re.escape(t), low))), default=0)
    start = max(0, at - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def claim_search(store: Store, claim: str, *, limit: int = 20, candidates: int = 300) -> dict[str, Any]:
    """Who supports, disputes or discusses CLAIM: the statements and articles sharing its words
    (from the index, at most `candidates`) read by the stance model, best first."""
    from ..record.search import search_claim, verdicts

    docs = _matching_docs(store, claim, kinds=("claim", "article"), limit=candidates, any_term=True)
    claim_ids = [d["ref"] for d in docs if d["kind"] == "claim"]
    claims = stored_claims(store, ids=claim_ids) if claim_ids else []
    with_claims = {c.article for c in claims} | {r["article_id"] for r in store.query(
        "SELECT DISTINCT article_id FROM claims WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [[d["article_id"] for d in docs if d["kind"] == "article"]])}
    article_ids = [d["article_id"] for d in docs if d["kind"] == "article" and d["article_id"] not in with_claims]
    texts = [(r["id"], r["text"]) for r in store.query(
        "SELECT id, json_extract_string(record, '$.text') AS text FROM articles "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [article_ids])] if article_ids else []
    hits = search_claim(claim, claims, articles=texts, limit=limit) if (claims or texts) else []
    rows = [h.to_dict() for h in hits]
    names = titles(store, (r["article"] for r in rows))
    for r in rows:
        r["title"] = names.get(r["article"])
    return {"claim": claim, "rows": rows, "counts": verdicts(hits), "hits": hits}


def is_iso_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD: what date filters accept."""
    return bool(_ISO.match(value or ""))
