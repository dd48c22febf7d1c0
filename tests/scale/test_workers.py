"""The local engine: N workers give the same records as one; Parquet in and out; Ray missing."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from onrecord.service.jobs import ingest
from onrecord.ingest.parquet import read_parquet
from onrecord.store.parquet import ParquetSink, publication_date

from .conftest import parquet_snapshot, story, store_snapshot, write_jsonl

pytestmark = pytest.mark.slow


def test_two_workers_give_the_same_records_as_one(tmp_path: Path, jsonl_corpus: Path) -> None:
    one = ingest([str(jsonl_corpus)], db=str(tmp_path / "one.duckdb"), parquet=str(tmp_path / "one"), workers=1,
                 batch=5)
    two = ingest([str(jsonl_corpus)], db=str(tmp_path / "two.duckdb"), parquet=str(tmp_path / "two"), workers=2,
                 batch=5)
    assert one.analysed == two.analysed == 14          # 12 stories, a malformed line, an empty one
    assert one.readable == 12
    a, b = store_snapshot(tmp_path / "one.duckdb"), store_snapshot(tmp_path / "two.duckdb")
    assert a == b
    assert len(a["records"]) == 12
    assert sum(a["attributions"].values()) > 0 and sum(a["events"].values()) > 0
    assert {kind for _, _, kind in a["errors"]} >= {"malformed", "no_text"}
    # the Parquet tables hold the same as the store
    assert parquet_snapshot(tmp_path / "one") == a == parquet_snapshot(tmp_path / "two")


def test_runner_keeps_input_order_with_workers(tmp_path: Path) -> None:
    from onrecord.ingest import read
    from onrecord.run.local import run

    corpus = write_jsonl(tmp_path / "c.jsonl", 20)
    ids = [r.id for r in run(read([str(corpus)]), workers=2, chunk_size=3, max_in_flight=2)]
    assert ids == [f"story-{i}" for i in range(20)]


def test_parquet_output_is_partitioned_by_publication_date(tmp_path: Path, jsonl_corpus: Path) -> None:
    out = tmp_path / "out"
    ingest([str(jsonl_corpus)], db=None, parquet=str(out), workers=1)
    assert not (tmp_path / "onrecord.duckdb").exists()
    dates = sorted(p.name for p in (out / "articles").iterdir())
    assert dates == [f"published_date=2024-03-0{d}" for d in range(1, 6)]
    assert (out / "errors" / "published_date=unknown").is_dir()    # failed reads have no date
    assert not list((out / "_tmp").iterdir()) and not list((out / "_journal").iterdir())
    con = duckdb.connect()
    rows = con.execute(f"SELECT published_date, count(*) FROM read_parquet('{out}/articles/*/*.parquet', "
                       "hive_partitioning=true) GROUP BY 1 ORDER BY 1").fetchall()
    assert sum(n for _, n in rows) == 12
    import pyarrow.dataset as ds

    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert "published_date" in events.column_names and events.num_rows > 0


def test_publication_date() -> None:
    assert publication_date("2017-07-21") == "2017-07-21"
    assert publication_date("2017-07-21T10:00:00Z") == "2017-07-21"
    assert publication_date("Fri, 21 Jul 2017 10:00:00 GMT") == "2017-07-21"
    assert publication_date(None) == publication_date("soon") == "unknown"


def test_sink_rolls_a_committed_flush_forward_and_drops_an_uncommitted_one(tmp_path: Path) -> None:
    from onrecord.model import Meta, Record

    out = tmp_path / "out"
    sink = ParquetSink(out, flush_articles=100)
    sink.write([Record(id="a", text="Smith said so.", meta=Meta(url="https://x.test/a", published="2020-01-02"))])
    sink.flush()
    final = next((out / "articles").rglob("*.parquet"))
    # As if killed after the journal landed but before the files moved into place:
    tmp = out / "_tmp" / "articles-moved.tmp"
    final.rename(tmp)
    (out / "_journal" / "x.json").write_text(json.dumps([[str(tmp.relative_to(out)), str(final.relative_to(out))]]))
    # ... and a flush that never reached its journal:
    (out / "_tmp" / "orphan.tmp").write_bytes(b"half a file")
    again = ParquetSink(out)
    assert final.exists() and not list((out / "_tmp").iterdir()) and not list((out / "_journal").iterdir())
    assert again.keys() == {"https://x.test/a"}


def test_read_parquet_input(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [story(i) for i in range(3)]
    rows[1]["text"] = None
    table = pa.table({"id": [r["id"] for r in rows], "url": [r["url"] for r in rows],
                      "published": [r["published"] for r in rows], "text": [r["text"] for r in rows]})
    pq.write_table(table, tmp_path / "in.parquet")
    articles = list(read_parquet(tmp_path / "in.parquet"))
    assert [a.id for a in articles] == ["story-0", "story-1", "story-2"]
    assert articles[0].meta.published == "2024-03-01" and articles[0].text.startswith("Story 0.")
    assert articles[1].errors and articles[1].errors[0].kind == "no_text"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "bad.parquet")
    (bad,) = read_parquet(tmp_path / "bad.parquet")
    assert bad.errors[0].kind == "no_text"
    (tmp_path / "junk.parquet").write_bytes(b"not parquet")
    (junk,) = read_parquet(tmp_path / "junk.parquet")
    assert junk.errors[0].kind == "malformed"


def test_missing_ray_says_to_install_the_extra(tmp_path: Path, jsonl_corpus: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.cli import cli
    from onrecord.run.ray import RayMissingError, require_ray

    monkeypatch.setitem(sys.modules, "ray", None)   # what `import ray` does when it is not installed
    with pytest.raises(RayMissingError, match=r"onrecord\[ray\]"):
        require_ray()
    result = CliRunner().invoke(cli, ["ingest", str(jsonl_corpus), "--engine", "ray", "--db",
                                      str(tmp_path / "x.duckdb")])
    assert result.exit_code != 0
    assert "pip install 'onrecord[ray]'" in result.output


def test_a_killed_worker_loses_no_article(tmp_path: Path) -> None:
    import os
    import signal

    from onrecord.ingest import read
    from onrecord.run.local import LocalPool, run

    corpus = write_jsonl(tmp_path / "c.jsonl", 24)
    with LocalPool(2) as pool:
        got = []
        for record in run(read([str(corpus)]), pool=pool, chunk_size=2):
            got.append(record)
            if len(got) == 1:
                os.kill(pool.pids()[0], signal.SIGKILL)   # a worker lost mid-run
        assert pool.generation >= 2                        # the pool was rebuilt
    assert [r.id for r in got] == [f"story-{i}" for i in range(24)]
    clean = list(run(read([str(corpus)]), workers=1))
    assert [r.to_dict() for r in got] == [r.to_dict() for r in clean]


def test_deferred_html_pages_are_extracted_in_the_workers() -> None:
    from onrecord.ingest.html import article_from_html
    from onrecord.model import Meta
    from onrecord.run.local import run
    from onrecord.ingest.pages import HtmlPage

    pages = []
    for i in range(6):
        s = story(i)
        body = (f"<html><head><title>{s['title']}</title></head><body><article><h1>{s['title']}</h1>"
                + "".join(f"<p>{p}.</p>" for p in s["text"].split(". ")) + "</article></body></html>").encode()
        pages.append(HtmlPage(id=s["url"], body=body, meta=Meta(url=s["url"]), encoding="utf-8"))
    pages.append(HtmlPage(id="https://news.example/blank", body=b"", meta=Meta(url="https://news.example/blank")))
    deferred = [r.to_dict() for r in run(pages, workers=2, chunk_size=2)]
    direct = [r.to_dict() for r in run(
        [article_from_html(p.body, id=p.id, url=p.meta.url, encoding="utf-8") for p in pages[:-1]], workers=1)]
    assert deferred[:-1] == direct
    assert deferred[-1]["errors"][0]["stage"] == "ingest"


def test_sink_never_writes_a_key_already_in_the_folder(tmp_path: Path) -> None:
    from onrecord.model import Meta, Record

    out = tmp_path / "out"
    a = Record(id="a", text="Smith said so.", meta=Meta(url="https://x.test/a", published="2020-01-02"))
    b = Record(id="b", text="Jones said no.", meta=Meta(url="https://x.test/b", published="2020-01-03"))
    with ParquetSink(out) as sink:
        sink.write([a])
    with ParquetSink(out) as sink:   # the same run repeated without --resume, plus one new article
        sink.write([a, b])
    con = duckdb.connect()
    keys = [k for (k,) in con.execute(f"SELECT key FROM read_parquet('{out}/articles/*/*.parquet') ORDER BY key")
            .fetchall()]
    assert keys == ["https://x.test/a", "https://x.test/b"]
