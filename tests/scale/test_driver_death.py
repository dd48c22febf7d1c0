"""A driver that dies (kill -9, or the SIGTERM a scheduler sends) takes its workers with it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import store_snapshot, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")]


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and _alive(pid)} - found
        found |= frontier
    return found


def _start(tmp_path: Path) -> tuple[subprocess.Popen, set[int], Path]:
    corpus = write_jsonl(tmp_path / "big.jsonl", 600)
    db = tmp_path / "x.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "onrecord", "ingest", str(corpus), "--db", str(db),
                             "--workers", "2", "--batch", "4", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    children: set[int] = set()
    # The forkserver, its two workers (grandchildren) and the resource tracker.
    while len(children) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        children = _descendants(proc.pid)
    time.sleep(3)   # the workers are loading the model or analysing
    children = _descendants(proc.pid)
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
    assert len(children) >= 3, children
    return proc, children, db


def _all_gone(pids: set[int], within_s: float = 20.0) -> set[int]:
    deadline = time.monotonic() + within_s
    left = {p for p in pids if _alive(p)}
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = {p for p in left if _alive(p)}
    return left


def test_killed_driver_takes_its_workers_with_it(tmp_path: Path) -> None:
    proc, children, _ = _start(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert _all_gone(children) == set()
    finally:
        for pid in children:   # never leave a worker behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.stderr.close()


def test_sigterm_stops_the_workers_and_leaves_a_usable_store(tmp_path: Path) -> None:
    proc, children, db = _start(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr.read().decode()
        assert _all_gone(children) == set()
        store_snapshot(db)   # opens: the store was closed cleanly
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.stderr.close()
