"""A run killed mid-way (SIGKILL) and resumed ends with exactly a clean run's records."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import parquet_snapshot, store_snapshot, write_jsonl, write_warc

pytestmark = pytest.mark.slow

N_JSONL, N_WARC = 160, 20


def _ingest(*args: str) -> list[str]:
    return [sys.executable, "-m", "onrecord", "ingest", *args, "--quiet"]


def _committed(parquet: Path) -> int:
    return len(list((parquet / "articles").rglob("*.parquet"))) if (parquet / "articles").is_dir() else 0


def test_killed_run_resumes_to_the_clean_result(tmp_path: Path) -> None:
    corpus = [str(write_jsonl(tmp_path / "a.jsonl", N_JSONL, bad_lines=True)),
              str(write_warc(tmp_path / "b.warc.gz", N_WARC))]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    opts = ["--workers", "1", "--batch", "4", "--part-size", "4"]

    # The interrupted run: killed once the store and the Parquet folder hold a few batches.
    db, out = tmp_path / "resumed.duckdb", tmp_path / "resumed"
    proc = subprocess.Popen(_ingest(*corpus, "--db", str(db), "--parquet", str(out), *opts), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _committed(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read().decode()[-2000:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    partial = store_snapshot(db)
    assert 0 < len(partial["records"]) < N_JSONL + N_WARC, "kill the run mid-way"

    # Resume, then a clean run of the same inputs.
    subprocess.run(_ingest(*corpus, "--db", str(db), "--parquet", str(out), *opts, "--resume"), env=env,
                   check=True, timeout=300)
    clean_db, clean_out = tmp_path / "clean.duckdb", tmp_path / "clean"
    subprocess.run(_ingest(*corpus, "--db", str(clean_db), "--parquet", str(clean_out), "--workers", "2"),
                   env=env, check=True, timeout=300)

    resumed, clean = store_snapshot(db), store_snapshot(clean_db)
    assert len(clean["records"]) == N_JSONL + N_WARC
    assert resumed["records"].keys() == clean["records"].keys()        # no article lost
    assert resumed == clean                                            # same records, counts, errors
    assert parquet_snapshot(out) == parquet_snapshot(clean_out) == clean
    assert not list((out / "_tmp").iterdir()) and not list((out / "_journal").iterdir())
