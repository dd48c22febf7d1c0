"""The record (people, claims, conflicts) does not depend on --batch or on how the input was split,
and the record grown by ingests equals `onrecord rebuild` (the definition: onrecord.record.incremental)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from onrecord.service import record as service
from onrecord.service.jobs import ingest

from .conftest import write_jsonl

pytestmark = pytest.mark.slow

N = 36
TABLES = {"people": "person_id", "person_links": "article_key, entity_id", "claims": "claim_id",
          "conflicts": "key"}
VOA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall() for t, order in TABLES.items()}
    finally:
        con.close()


def _rebuilt(db: Path, copy: Path, *, use_stance: bool = True) -> dict[str, list[tuple]]:
    from onrecord.store import Store

    shutil.copy(db, copy)
    with Store(copy) as store:
        assert service.rebuild_record(store, use_stance=use_stance).rebuilt
    return _tables(copy)


def test_record_is_the_same_for_any_batch_size_and_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = write_jsonl(tmp_path / "all.jsonl", N)
    first, second = write_jsonl(tmp_path / "a.jsonl", N // 2), write_jsonl(tmp_path / "b.jsonl", N - N // 2,
                                                                          start=N // 2)

    def no_rebuild(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("an ingest grows the record, it never rebuilds it")

    results = {}
    with monkeypatch.context() as m:
        m.setattr(service, "rebuild_record", no_rebuild)
        for name, runs, batch in (("batch 10", [[whole]], 10), ("batch 64", [[whole]], 64),
                                  ("two runs", [[first], [second]], 7)):
            db = tmp_path / f"{name}.duckdb"
            for paths in runs:
                ingest([str(p) for p in paths], db=str(db), workers=1, batch=batch)
            results[name] = _tables(db)
    reference = results["batch 10"]
    assert reference["people"] and reference["claims"] and reference["conflicts"], "a corpus with conflicts"
    assert results["batch 64"] == reference
    assert results["two runs"] == reference
    assert _rebuilt(tmp_path / "two runs.duckdb", tmp_path / "rebuilt.duckdb") == reference


def test_a_run_that_adds_nothing_rebuilds_a_stale_record(tmp_path: Path) -> None:
    from onrecord.store import Store
    from onrecord.store.record_tables import is_stale

    corpus = write_jsonl(tmp_path / "a.jsonl", 4)
    db = tmp_path / "x.duckdb"
    ingest([str(corpus)], db=str(db), workers=1, build_record=False)   # as if killed before the rebuild
    with Store(db) as store:
        assert is_stale(store)
    summary = ingest([str(corpus)], db=str(db), workers=1, resume=True)
    assert summary.analysed == 0 and summary.skipped == 4
    with Store(db) as store:
        assert not is_stale(store) and store.count("claims")


@pytest.mark.skipif(not VOA.is_file(), reason="needs ../shared/data/voa")
def test_voa_record_grown_in_runs_equals_the_rebuild(tmp_path: Path) -> None:
    """The 89 VOA stories, analysed once, stored in runs of 30, 1 and the rest: the record grown
    after each run equals the one `onrecord rebuild` computes."""
    from onrecord.ingest import read
    from onrecord.run.local import run
    from onrecord.store import Store

    records = list(run(read([str(VOA)]), workers=1))
    assert len(records) == 89
    db = tmp_path / "voa.duckdb"
    with Store(db) as store:
        for part in (records[:30], records[30:31], records[31:]):
            store.write(part)
            assert not service.refresh_record(store, use_stance=False).rebuilt
    grown = _tables(db)
    assert grown["people"] and grown["claims"] and grown["conflicts"]
    assert _rebuilt(db, tmp_path / "rebuilt.duckdb", use_stance=False) == grown


def test_a_kill_during_the_record_step_is_finished_by_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed while building the record (the articles stored, the unit's transaction rolled
    back), `ingest --resume` stores nothing more and finishes the record: a clean run's tables."""
    from onrecord.store import Store, record_tables

    corpus = write_jsonl(tmp_path / "a.jsonl", 6)
    db = tmp_path / "killed.duckdb"

    def killed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(record_tables, "replace_unit", killed)
        with pytest.raises(KeyboardInterrupt):
            ingest([str(corpus)], db=str(db), workers=1)
    with Store(db) as store:
        assert store.count("articles") == 6 and record_tables.is_stale(store) and not store.count("claims")
    summary = ingest([str(corpus)], db=str(db), workers=1, resume=True)
    assert summary.analysed == 0 and summary.skipped == 6
    clean = tmp_path / "clean.duckdb"
    ingest([str(corpus)], db=str(clean), workers=1)
    assert _tables(db) == _tables(clean)
