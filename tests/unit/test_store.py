"""The DuckDB store: upserts by URL or text hash, round-trips records, exports."""
from __future__ import annotations

import json

from onrecord.model import Attribution, Entity, ErrorRecord, Meta, Record, Speaker
from onrecord.store import Store, article_key
from onrecord.store.export import export


def _record(id_: str = "a1", text: str = "Smith said the talks failed.", url: str | None = None) -> Record:
    return Record(
        id=id_, text=text, meta=Meta(url=url, outlet="Gazette", published="2020-01-02"),
        entities=[Entity("E1", "John Smith", "PERSON", [(0, 5)])],
        attributions=[Attribution("A1", ((0, 5),), ((6, 10),), ((11, 27),), Speaker("E1", "John Smith", "person"),
                                  "indirect")])


def test_store_write_twice_no_duplicates(db_path):
    with Store(db_path) as store:
        store.write([_record()])
        store.write([_record()])
        assert store.count("articles") == 1
        assert store.count("attributions") == 1
        assert store.count("mentions") == 1


def test_store_same_url_updates_in_place(db_path):
    with Store(db_path) as store:
        store.write([_record(url="https://x.test/a", text="Smith said the talks failed.")])
        store.write([_record(url="https://x.test/a", text="Smith said the talks failed again.")])
        assert store.count("articles") == 1
        assert next(store.records()).text.endswith("again.")


def test_store_key_is_url_else_text_hash():
    assert article_key(_record(url="https://x.test/a")) == "https://x.test/a"
    assert article_key(_record()).startswith("sha256:")
    assert article_key(_record(id_="b")) == article_key(_record(id_="c"))


def test_store_round_trips_records(db_path):
    rec = _record()
    with Store(db_path) as store:
        store.write([rec])
        assert next(store.records()).to_dict() == rec.to_dict()


def test_store_keeps_failed_articles_as_errors(db_path):
    bad = Record(id="broken", text="", errors=[ErrorRecord("ingest", "binary", "broken looks binary")])
    with Store(db_path) as store:
        store.write([bad, _record()])
        store.write([bad])
        assert store.count("articles") == 1
        assert store.query("SELECT article_id, kind FROM errors") == [{"article_id": "broken", "kind": "binary"}]


def test_store_survives_reopen(db_path):
    with Store(db_path) as store:
        store.write([_record()])
    with Store(db_path, read_only=True) as store:
        assert store.count("articles") == 1


def test_export_jsonl_is_contract_lines(db_path, tmp_path):
    out = tmp_path / "out.jsonl"
    with Store(db_path) as store:
        store.write([_record(), _record(id_="b", text="Jones said no.")])
        assert export(store, fmt="jsonl", output=str(out)) == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a1", "b"]
    assert set(lines[0]) >= {"id", "text", "meta", "ignored", "entities", "attributions", "events", "errors"}


def test_export_parquet_and_csv_tables(db_path, tmp_path):
    import duckdb

    with Store(db_path) as store:
        store.write([_record()])
        export(store, fmt="parquet", output=str(tmp_path / "pq"))
        export(store, fmt="csv", table="attributions", output=str(tmp_path / "attr.csv"))
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path}/pq/attributions.parquet'").fetchall() == [(1,)]
    assert "John Smith" in (tmp_path / "attr.csv").read_text()


def test_store_keeps_speaker_resolved_and_confidence_and_upgrades_old_stores(tmp_path) -> None:
    """A store written before the speaker columns existed gains them when opened for writing."""
    import duckdb

    from onrecord.model import Attribution, Meta, Record, Speaker
    from onrecord.store import Store

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""CREATE TABLE attributions (article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
        attribution_id VARCHAR NOT NULL, outlet VARCHAR, published VARCHAR, source JSON, cue JSON, content JSON,
        source_text VARCHAR, cue_text VARCHAR, content_text VARCHAR, speaker_entity VARCHAR, speaker_name VARCHAR,
        speaker_type VARCHAR, kind VARCHAR)""")
    con.close()
    text = "A spokesman said the port would reopen."
    record = Record(id="port", text=text, meta=Meta(), attributions=[Attribution(
        id="A1", source=((0, 11),), cue=((12, 16),), content=((17, 39),),
        speaker=Speaker(entity=None, name="A spokesman", type="anonymous", resolved=False, confidence=0.8),
        kind="indirect")])
    with Store(path) as store:
        store.write([record])
        rows = store.query("SELECT speaker_name, speaker_resolved, speaker_confidence FROM attributions")
    assert rows == [{"speaker_name": "A spokesman", "speaker_resolved": False, "speaker_confidence": 0.8}]


def test_store_unchanged_rewrite_keeps_its_ingestion_time(db_path):
    """A resumed run writes an article again: unchanged, it keeps its time (and its place in
    the record); changed, it is the latest."""
    from dataclasses import replace

    first, second = (Record.from_dict({"id": f"a{i}", "text": f"Text number {i}.", "meta": {"url": f"https://x.example/{i}"}})
                     for i in (1, 2))
    with Store(db_path) as store:
        store.write([first, second])
        before = dict(store.con.execute("SELECT key, ingested_at FROM articles").fetchall())
        store.write([first])
        assert dict(store.con.execute("SELECT key, ingested_at FROM articles").fetchall()) == before
        store.write([replace(first, text="Text number 1, changed.")])
        after = dict(store.con.execute("SELECT key, ingested_at FROM articles").fetchall())
        assert after["https://x.example/1"] > before["https://x.example/2"]
