"""The incremental record equals a rebuild, whatever the runs: made-up analysed articles, no model.

The articles are generated here (a seeded generator, no shared text): people named in full,
by surname with a title, in transliterated variants, namesakes sharing a surname, quotes
whose speaker is only a surname, denials of what other articles report, and counts that
disagree, so linking, claims and conflicts all have work across more than one unit.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest

from onrecord.model import Attribution, Entity, Meta, Record, Speaker
from onrecord.record.incremental import UNIT
from onrecord.service import record as service
from onrecord.store import Store
from onrecord.store import record_tables

PEOPLE = [("Dmitry Volkhonskiy", "Dmitri Volkhonsky", "minister"), ("David Okafor", None, "police chief"),
          ("Maria Okafor", None, "council member"), ("Yusuf al-Rashidi", "Yusuf Rashidi", "general"),
          ("Hanna Lindqvist", None, "mayor"), ("Tomas Varga", "Tamas Varga", "senator"),
          ("Ines Moreau", None, "spokeswoman"), ("Kemal Yilmaz", None, "judge")]
THINGS = ["the harbour contract", "the bridge plan", "the water deal", "the tariff talks"]

# Every record table, in an order that makes rows comparable (ingestion times differ by store).
TABLES = {"people": "person_id", "person_keys": "person_id", "person_links": "article_key, entity_id",
          "person_surnames": "surname, person_id", "claims": "article_key, claim_id", "claim_state": "seq, ord",
          "claim_people": "claim_id, person_id, role", "claim_blocks": "seq, ord, block",
          "conflicts": "rank", "conflict_people": "conflict_key, person_id",
          "conflict_claims": "unit, pos, by_unit, ord, role", "conflict_repeats": "block, unit, pos",
          "record_articles": "seq"}


def article(i: int) -> Record:
    """A short story: two or three people, how they are named varies, one quotes, one denies."""
    r = random.Random(i)
    cast = r.sample(PEOPLE, 3)
    thing = r.choice(THINGS)
    parts: list[str] = []
    ents: dict[str, Entity] = {}
    attributions = []

    def add(text: str) -> tuple[int, int]:
        start = sum(len(p) for p in parts)
        parts.append(text)
        return start, start + len(text)

    def mention(name: str, titles: list[str]) -> tuple[int, int]:
        span = add(name)
        ent = ents.setdefault(name, Entity(f"E{len(ents) + 1}", name, "PERSON", [], titles=titles))
        ent.mentions.append(span)
        return span

    for k, (full, variant, title) in enumerate(cast):
        surname = full.split()[-1]
        style = r.random()
        name = variant if variant and style < 0.3 else (f"{title.title()} {surname}" if style < 0.45 else full)
        titles = [title] if style < 0.7 else []
        denies = (i + k) % 5 == 0
        src = mention(name, titles)
        cue = add(" denied" if denies else " said")
        add(" that ")
        number = 12 + (i % 3) * 7
        content = add(f"the city had never paid for {thing}" if denies else
                      f"the city paid {number} million dollars for {thing} last year")
        add(". ")
        entity = ents[name]
        speaker = Speaker(entity.id, name, "person", True, 0.9)
        if k == 2 and style > 0.8:  # a quote whose speaker the attribution stage left a bare surname
            speaker = Speaker(None, surname, "person", True, 0.6)
        attributions.append(Attribution(f"A{k + 1}", (src,), (cue,), (content,), speaker, "indirect"))
    add("Officials gave few other details. ")
    return Record(id=f"made-up-{i:04d}", text="".join(parts),
                  meta=Meta(url=f"https://made-up.example/{i}", title=f"Story {i}",
                            published=f"2024-0{1 + i % 9}-1{i % 10}", outlet="made-up.example", language="en"),
                  entities=list(ents.values()), attributions=attributions)


N = 2 * UNIT + 23   # three units, the last one partial
ARTICLES = [article(i) for i in range(N)]


def tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY {order}" if t == "record_articles"
                               else f"SELECT * FROM {t} ORDER BY {order}").fetchall()
                for t, order in TABLES.items()}
    finally:
        con.close()


def grow(db: Path, sizes: list[int]) -> list[service.RecordUpdate]:
    """Write the articles in runs of these sizes (cycled), growing the record after each."""
    done, k, out = 0, 0, []
    with Store(db) as store:
        while done < N:
            size = sizes[k % len(sizes)]
            store.write(ARTICLES[done:done + size])
            out.append(service.refresh_record(store, use_stance=False))
            done, k = done + size, k + 1
    return out


def _rebuilt(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        store.write(ARTICLES)
        done = service.rebuild_record(store, use_stance=False)
    assert done.rebuilt and done.claims and done.conflicts > 3, "a corpus with claims and conflicts"
    out = tables(db)
    with duckdb.connect(str(db), read_only=True) as con:
        units = {u for (u,) in con.execute("SELECT DISTINCT unit FROM conflicts").fetchall()}
        assert len(units) >= 2, "conflicts found in more than one unit"
    return out


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    return _rebuilt(tmp_path_factory.mktemp("rebuilt") / "rebuilt.duckdb")


@pytest.mark.parametrize("sizes", [[N], [1, 1, 2, 40], [5, 17, 64, 3]], ids=["one run", "small runs", "mixed"])
def test_record_grown_in_runs_equals_the_rebuild(tmp_path: Path, rebuilt: dict, sizes: list[int]) -> None:
    updates = grow(tmp_path / "grown.duckdb", sizes)
    assert not any(u.rebuilt for u in updates), "the record grew, it was never rebuilt"
    grown = tables(tmp_path / "grown.duckdb")
    for table in TABLES:
        assert grown[table] == rebuilt[table], table


def test_the_store_and_memory_pick_the_same_neighbourhood_when_it_is_cut(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With small caps, every cut binds (the closest, the recent per key, the latest per person):
    the store's SQL and the rebuild's Python still choose the same claims."""
    from onrecord.record import incremental

    monkeypatch.setattr(incremental, "CLOSEST", 2)
    monkeypatch.setattr(incremental, "RECENT", 4)
    monkeypatch.setattr(incremental, "LATEST", 3)
    reference = _rebuilt(tmp_path / "rebuilt.duckdb")
    grow(tmp_path / "grown.duckdb", [7, 50, 1])
    assert tables(tmp_path / "grown.duckdb") == reference


def test_the_linking_met_stored_people(rebuilt: dict) -> None:
    """Variants, titled surnames and namesakes are linked as one store-wide Linking links them."""
    names = {row[1] for row in rebuilt["people"]}
    assert "Dmitry Volkhonskiy" in names or "Dmitri Volkhonsky" in names
    assert {"David Okafor", "Maria Okafor"} <= names          # namesakes stay apart
    by_name = {row[1]: row for row in rebuilt["people"]}
    assert by_name["David Okafor"][6] > 10                    # n_articles: linked across articles


def test_a_record_step_killed_midway_is_finished_by_the_next(tmp_path: Path, rebuilt: dict,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "killed.duckdb"
    calls = {"n": 0}
    real = record_tables.replace_unit

    def dies_on_the_second_unit(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    with Store(db) as store:
        store.write(ARTICLES)
        monkeypatch.setattr(record_tables, "replace_unit", dies_on_the_second_unit)
        with pytest.raises(KeyboardInterrupt):
            service.refresh_record(store, use_stance=False)
        monkeypatch.setattr(record_tables, "replace_unit", real)
        assert record_tables.is_stale(store)
        assert store.count("record_articles") == UNIT             # the first unit was committed
        finished = service.refresh_record(store, use_stance=False)
        assert not finished.rebuilt and finished.added == N - UNIT
        assert not record_tables.is_stale(store)
    assert tables(db) == rebuilt


def test_an_unchanged_article_written_again_changes_nothing(tmp_path: Path, rebuilt: dict) -> None:
    db = tmp_path / "again.duckdb"
    with Store(db) as store:
        store.write(ARTICLES)
        service.refresh_record(store, use_stance=False)
        store.write(ARTICLES[10:20])                               # as a resumed run writes again
        assert not record_tables.is_stale(store)
        again = service.refresh_record(store, use_stance=False)
        assert again.added == 0 and not again.rebuilt
    assert tables(db) == rebuilt


def test_a_changed_article_rebuilds_the_record(tmp_path: Path) -> None:
    db = tmp_path / "changed.duckdb"
    changed = article(5)
    changed.attributions = changed.attributions[:1]
    with Store(db) as store:
        store.write(ARTICLES[:40])
        service.refresh_record(store, use_stance=False)
        store.write([changed])
        update = service.refresh_record(store, use_stance=False)
        assert update.rebuilt
    grown = tables(db)
    other = tmp_path / "other.duckdb"
    with Store(other) as store:
        store.write(ARTICLES[:5] + ARTICLES[6:40] + [changed])     # the changed article is now the latest
        service.rebuild_record(store, use_stance=False)
    assert grown == tables(other)


def test_the_record_step_reports_progress_per_unit(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from onrecord.run.local import Progress

    seen: list[tuple[int, int]] = []
    with Store(tmp_path / "progress.duckdb") as store:
        store.write(ARTICLES)
        service.refresh_record(store, use_stance=False, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(UNIT, N), (2 * UNIT, N), (N, N)]
    # Piped (as under pytest), progress is a log line now and then; quiet, nothing.
    with Progress(enabled=None, label="ingesting", log_every=1e-9) as progress:
        progress.update(UNIT, N, label="recording")
    with Progress(enabled=False, log_every=1e-9) as progress:
        progress.update(N, N, label="recording")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"onrecord: recording: {UNIT} of {N} articles, ")


def syndicated(i: int) -> Record:
    """Copy I of one wire story: a report and a denial of it, word for word, under another id."""
    parts: list[str] = []
    ents: list[Entity] = []
    attributions = []

    def add(text: str) -> tuple[int, int]:
        start = sum(len(p) for p in parts)
        parts.append(text)
        return start, start + len(text)

    for k, (name, cue, content) in enumerate([
            ("Olga Brandtner", " said", "the port authority sold the ferry terminal to a private fund in March"),
            ("Ravi Menonsen", " denied", "the port authority sold the ferry terminal to a private fund")]):
        src = add(name)
        ents.append(Entity(f"E{k + 1}", name, "PERSON", [src], titles=[]))
        cue_span = add(cue)
        add(" that ")
        body = add(content)
        add(". ")
        speaker = Speaker(ents[-1].id, name, "person", True, 0.9)
        attributions.append(Attribution(f"A{k + 1}", (src,), (cue_span,), (body,), speaker, "indirect"))
    add("The fund did not comment. ")
    return Record(id=f"wire-copy-{i:04d}", text="".join(parts),
                  meta=Meta(url=f"https://outlet-{i}.example/wire", title="Port sale", published="2024-05-02",
                            outlet=f"outlet-{i}.example", language="en"),
                  entities=ents, attributions=attributions)


COPIES = 150


def test_syndicated_copies_across_units_and_runs_are_one_conflict(tmp_path: Path) -> None:
    """150 copies of one story (a report and its denial), spread over several units and three
    runs among other stories: one conflict, every other copy's claims in its `also` once; and
    the same tables as a rebuild."""
    mixed: list[Record] = []
    for i in range(COPIES):
        mixed.append(syndicated(i))
        if i % 3 == 0:
            mixed.append(ARTICLES[i // 3])
    assert len(mixed) > 3 * UNIT
    grown, rebuilt = tmp_path / "grown.duckdb", tmp_path / "rebuilt.duckdb"
    with Store(grown) as store:
        for lo, hi in ((0, 50), (50, 131), (131, len(mixed))):
            store.write(mixed[lo:hi])
            assert not service.refresh_record(store, use_stance=False).rebuilt
    with Store(rebuilt) as store:
        store.write(mixed)
        service.rebuild_record(store, use_stance=False)
    assert tables(grown) == tables(rebuilt)
    with duckdb.connect(str(grown), read_only=True) as con:
        records = [json.loads(r) for (r,) in con.execute("SELECT record FROM conflicts").fetchall()]
    wire = [d for d in records if any(x["article"].startswith("wire-copy-")
                                      for x in (d["a"], d["b"], *d["also"]))]
    assert len(wire) == 1, [(d["a"]["text"], d["b"]["text"]) for d in wire]
    d = wire[0]
    assert d["kind"] == "denial_vs_report"
    also = [(x["article"], json.dumps(x["span"])) for x in d["also"]]
    assert len(also) == len(set(also)), "each copy's claims once"
    sides = {(d["a"]["article"], json.dumps(d["a"]["span"])), (d["b"]["article"], json.dumps(d["b"]["span"]))}
    assert not sides & set(also)
    assert {a for a, _ in also} | {a for a, _ in sides} == {f"wire-copy-{i:04d}" for i in range(COPIES)}
    assert len(also) == 2 * COPIES - 2
