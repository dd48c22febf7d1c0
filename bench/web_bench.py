"""Every web page and API call on a 10,000-article store: p95 per call, warm (target < 300 ms).

    python bench/web_bench.py [--articles 10000] [--db PATH] [--fresh] [--runs 20]

The store is synthetic (made-up names and sentences, generated here from a fixed seed, no
model): each article names people, quotes some of them (who said what, with real offsets),
reports events between them, and some quotes deny what another article reports, so the
record (people, claims, conflicts, search index) is built as `onrecord ingest` builds it.
It is generated once and kept at --db (a temporary folder by default); --fresh rebuilds it.

Calls go through the app in-process (Starlette's TestClient, one request at a time), so the
figures are the server's time without the network. Each call is made once to warm up, then
--runs times; the table gives the median and p95 in milliseconds.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 300
FIRST = ["Amina", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
         "Marco", "Nadia", "Omar", "Petra", "Quentin", "Rosa", "Samir", "Tomas", "Ulla", "Viktor", "Wen", "Yusuf"]
LAST = ["Abbott", "Brandt", "Castell", "Dorsey", "Eklund", "Ferraro", "Galvez", "Holm", "Ivers", "Jovanic",
        "Kessler", "Lindqvist", "Moreau", "Novak", "Okonjo", "Pereira", "Quist", "Rahman", "Sato", "Toivonen",
        "Ueda", "Varga", "Whitlock", "Xu", "Yilmaz", "Zeller", "Arden", "Bishop", "Crane", "Dunmore"]
ORGS = ["the transport ministry", "the city council", "the port authority", "the health agency",
        "the central bank", "the electoral commission", "the energy regulator", "the army"]
THINGS = ["the bridge contract", "the harbour plan", "the vaccine order", "the budget", "the ceasefire",
          "the tariff deal", "the new runway", "the water project", "the election audit", "the mining licence"]
VERBS = [("met", "CONSULT", "040"), ("criticised", "DISAPPROVE", "111"), ("praised", "APPROVE", "051"),
         ("accused", "ACCUSE", "112"), ("thanked", "APPROVE", "051"), ("visited", "CONSULT", "042")]
FILLER = ("Officials gave few details on Monday. The plan has been debated for months and critics say the "
          "costs keep rising. Residents told reporters they wanted answers before the vote. ")
OUTLETS = ["Harbor Gazette", "Evening Ledger", "Northern Wire", "Capital Courier", "Daily Beacon", "Metro Post"]


def make_records(n: int, *, seed: int = 7) -> list:
    """N synthetic analysed articles (Records) with entities, attributions and events at true offsets."""
    from onrecord.model import Attribution, Entity, Event, Meta, Participant, Record, Speaker

    rng = random.Random(seed)
    people = [f"{f} {l}" for f in FIRST for l in LAST]  # 720 people, a few hundred articles each at most
    rng.shuffle(people)
    records = []
    for i in range(n):
        cast = rng.sample(people[: 40 + i % 680], 3)
        thing = rng.choice(THINGS)
        org = rng.choice(ORGS)
        parts: list[str] = [f"{thing.capitalize()} divides {org}\n\n"]
        ents: dict[str, Entity] = {}
        attributions, events = [], []

        def add(text: str) -> tuple[int, int]:
            start = sum(len(p) for p in parts)
            parts.append(text)
            return start, start + len(text)

        def mention(name: str) -> tuple[int, int]:
            span = add(name)
            ent = ents.setdefault(name, Entity(f"E{len(ents) + 1}", name, "PERSON", []))
            ent.mentions.append(span)
            return span

        for k, name in enumerate(cast):
            a_id, v_id = f"A{k + 1}", f"V{k + 1}"
            denies = (i + k) % 9 == 0
            sent_start = sum(len(p) for p in parts)
            src = mention(name)
            cue = add(" said" if not denies else " denied")
            add(" that ")
            content_text = (f"{org} had never approved {thing}" if denies
                            else f"{org} approved {thing} after a long debate")
            content = add(content_text)
            add(". ")
            attributions.append(Attribution(a_id, (src,), (cue,), (content,),
                                            Speaker(ents[name].id, name, "person", True, 0.9),
                                            "indirect"))
            other = cast[(k + 1) % len(cast)]
            verb, kind, cameo = rng.choice(VERBS)
            actor = mention(name)
            add(" ")
            trigger = add(verb)
            add(" ")
            recipient = mention(other)
            add(f" in {rng.choice(['Lisbon', 'Oslo', 'Accra', 'Lima', 'Hanoi'])}. ")
            sent_end = sum(len(p) for p in parts)
            events.append(Event(v_id, kind, (trigger,), (sent_start, sent_end),
                                actor=[Participant(actor, name, ents[name].id, "USA", "GOV")],
                                recipient=[Participant(recipient, other, ents[other].id, "FRA", "GOV")],
                                cameo=cameo, date=f"{2015 + i % 10}-{1 + i % 12:02d}"))
            add(FILLER)
        text = "".join(parts)
        year, month, day = 2015 + i % 10, 1 + i % 12, 1 + i % 28
        records.append(Record(id=f"synthetic-{i:05d}", text=text,
                              meta=Meta(title=f"{thing.capitalize()}: {cast[0]} and {org} ({i})",
                                        published=f"{year}-{month:02d}-{day:02d}", outlet=OUTLETS[i % len(OUTLETS)],
                                        language="en"),
                              entities=list(ents.values()), attributions=attributions, events=events))
    return records


def build_store(path: Path, n: int) -> None:
    from onrecord.service.record import refresh_record
    from onrecord.store import Store

    t0 = time.perf_counter()
    records = make_records(n)
    with Store(path) as store:
        for k in range(0, len(records), 500):
            store.write(records[k:k + 500])
        t1 = time.perf_counter()
        done = refresh_record(store, use_stance=False)  # the model-free conflict finder: a timing store
        print(f"store: {n:,} articles written in {t1 - t0:.1f} s; record built in {time.perf_counter() - t1:.1f} s "
              f"({done.people:,} people, {done.claims:,} claims, {done.conflicts:,} conflicts)",
              file=sys.stderr)


def calls(client) -> list[tuple[str, str]]:  # noqa: ANN001 - a TestClient
    """(name, path) of every page and API call, with ids taken from the store itself."""
    people = client.get("/api/people", params={"per_page": 1}).json()["rows"]
    busy = people[0]["person_id"]
    article = client.get("/api/articles", params={"per_page": 1}).json()["rows"][0]["id"]
    conflicts = client.get("/api/conflicts", params={"per_page": 1}).json()["rows"]
    pages = [("home", "/"), ("articles", "/articles"), ("articles: search", "/articles?q=bridge+contract"),
             ("articles: sorted", "/articles?sort=-n_words&page=20"), ("article", f"/articles/{article}"),
             ("people", "/people"), ("people: sorted", "/people?sort=name&page=5"),
             ("person (most covered)", f"/people/{busy}"), ("conflicts", "/conflicts"),
             ("conflicts: filtered", f"/conflicts?person={busy}&min_score=0.3&sort=-date"),
             ("events", "/events"), ("events: filtered", "/events?type=CONSULT&date_from=2016-01-01&date_to=2016-12-31"),
             ("outlets", "/outlets"), ("search", "/search?q=novak+harbour"),
             ("search: two of the commonest words", "/search?q=never+approved"), ("api reference", "/api"),
             ("docs", "/docs")]
    api = [("GET /api/stats", "/api/stats"), ("GET /api/articles", "/api/articles"),
           ("GET /api/articles?q=", "/api/articles?q=harbour+plan"), ("GET /api/articles/{id}", f"/api/articles/{article}"),
           ("GET /api/people", "/api/people"), ("GET /api/people?q=", "/api/people?q=nov"),
           ("GET /api/people/{id}", f"/api/people/{busy}"), ("GET /api/events", "/api/events"),
           ("GET /api/events?actor=", "/api/events?actor=USA&type=ACCUSE"), ("GET /api/conflicts", "/api/conflicts"),
           ("GET /api/conflicts?person=", f"/api/conflicts?person={busy}"), ("GET /api/outlets", "/api/outlets"),
           ("GET /api/search", "/api/search?q=ferraro+ceasefire"),
           ("GET /api/search: commonest words", "/api/search?q=approved+budget"), ("GET /openapi.json", "/openapi.json")]
    if not conflicts:
        print("warning: the store has no conflicts", file=sys.stderr)
    return [(f"page {name}", path) for name, path in pages] + api


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-bench-web.duckdb")
    ap.add_argument("--fresh", action="store_true", help="Generate the store again.")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args(argv)
    from fastapi.testclient import TestClient

    from onrecord.store import Store
    from onrecord.web.app import create_app

    if args.db.exists():
        with Store(args.db, read_only=True) as store:
            have = store.count("articles")
        if args.fresh or have != args.articles:
            args.db.unlink()
    if not args.db.exists():
        build_store(args.db, args.articles)
    client = TestClient(create_app(args.db, read_only=True), base_url="http://127.0.0.1")
    html = {"accept": "text/html"}
    rows = []
    for name, path in calls(client):
        headers = html if name.startswith("page") else {}
        r = client.get(path, headers=headers)  # warm
        assert r.status_code == 200, (path, r.status_code, r.text[:200])
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            client.get(path, headers=headers)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append((name, path, statistics.median(times), p95))
    width = max(len(r[0]) for r in rows)
    print(f"{args.articles:,} articles, {args.runs} warm runs per call, target p95 < {TARGET_MS} ms")
    print(f"{'call':<{width}}  {'median ms':>9}  {'p95 ms':>7}")
    for name, _path, median, p95 in rows:
        flag = "" if p95 < TARGET_MS else "  over target"
        print(f"{name:<{width}}  {median:>9.1f}  {p95:>7.1f}{flag}")
    over = [r for r in rows if r[3] >= TARGET_MS]
    print(f"{len(rows) - len(over)} of {len(rows)} calls under {TARGET_MS} ms at p95")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
