"""The Ray engine on a local Ray (one session for the module): WARC + JSONL in, store and Parquet out."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import parquet_snapshot, store_snapshot

pytestmark = [pytest.mark.ray, pytest.mark.slow]


@pytest.fixture(scope="module")
def ray_session():
    pytest.importorskip("ray", reason="the ray extra is not installed")
    from onrecord.run.ray import RaySession

    with RaySession(num_cpus=2) as session:
        yield session


@pytest.fixture(scope="module")
def local_result(tmp_path_factory: pytest.TempPathFactory):
    """The same corpus through the local engine, to compare with."""
    from .conftest import write_jsonl, write_warc

    folder = tmp_path_factory.mktemp("corpus")
    corpus = [str(write_jsonl(folder / "stories.jsonl", 12, bad_lines=True)), str(write_warc(folder / "c.warc.gz", 6))]
    from onrecord.service.jobs import ingest

    ingest(corpus, db=str(folder / "local.duckdb"), workers=1)
    return corpus, store_snapshot(folder / "local.duckdb")


def test_ray_ingests_warc_and_jsonl_like_the_local_engine(ray_session, local_result, tmp_path: Path) -> None:
    from onrecord.service.jobs import ingest

    corpus, expected = local_result
    summary = ingest(corpus, db=str(tmp_path / "ray.duckdb"), parquet=str(tmp_path / "out"), engine="ray",
                     workers=2, batch=5)
    assert summary.analysed == 20 and summary.readable == 18
    got = store_snapshot(tmp_path / "ray.duckdb")
    assert len(got["records"]) == 18
    warc_pages = {f"https://news.example/{i}" for i in range(1000, 1006)}
    assert warc_pages <= got["records"].keys()
    assert got == expected
    assert parquet_snapshot(tmp_path / "out") == expected


def test_ray_cli_resume_skips_what_is_stored(ray_session, local_result, tmp_path: Path) -> None:
    from onrecord.cli import cli

    corpus, expected = local_result
    db = tmp_path / "cli.duckdb"
    args = ["ingest", *corpus, "--engine", "ray", "--workers", "2", "--db", str(db), "--parquet", str(tmp_path / "p")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    assert "18 already stored" in again.output
    assert store_snapshot(db) == expected == parquet_snapshot(tmp_path / "p")


def test_ray_run_keeps_order_and_loads_one_model_per_actor(ray_session) -> None:
    from onrecord.model import Article
    from onrecord.run.ray import ActorPool, run

    articles = [Article(id=str(i), text=f"Official {i} said the talks with Iran would resume on Monday.")
                for i in range(30)]
    pool = ActorPool(2)
    try:
        ids = [r.id for r in run(articles, pool=pool, chunk_size=2, max_in_flight=3)]
        assert ids == [str(i) for i in range(30)]
        assert all(mb < 1024 for mb in pool.peak_rss_mb())
    finally:
        pool.close()


def test_ray_a_killed_actor_loses_no_article(ray_session) -> None:
    import os
    import signal

    import ray

    from onrecord.model import Article
    from onrecord.run.ray import ActorPool, run

    articles = [Article(id=str(i), text=f"Minister {i} said the talks with Iran would resume on Monday.")
                for i in range(16)]
    pool = ActorPool(2)
    try:
        pids = ray.get([a.ready.remote() for a in pool.actors])
        got = []
        for record in run(articles, pool=pool, chunk_size=2):
            got.append(record)
            if len(got) == 1:
                os.kill(pids[0], signal.SIGKILL)      # an actor lost mid-run; Ray restarts it
        assert [r.id for r in got] == [str(i) for i in range(16)]
        assert not any(r.errors for r in got)
    finally:
        pool.close()
