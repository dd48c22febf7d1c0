"""The record (people, claims, conflicts) does not depend on --batch or on how the input was split."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from onrecord.service.jobs import ingest

from .conftest import write_jsonl

pytestmark = pytest.mark.slow

N = 36
TABLES = {"people": "person_id", "person_links": "article_key, entity_id", "claims": "claim_id",
          "conflicts": "key"}


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall() for t, order in TABLES.items()}
    finally:
        con.close()


def test_record_is_the_same_for_any_batch_size_and_split(tmp_path: Path) -> None:
    whole = write_jsonl(tmp_path / "all.jsonl", N)
    first, second = write_jsonl(tmp_path / "a.jsonl", N // 2), write_jsonl(tmp_path / "b.jsonl", N - N // 2,
                                                                          start=N // 2)
    results = {}
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
