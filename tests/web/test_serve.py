"""`onrecord serve` as a reporter runs it: a real process on a loopback port, the URL printed."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_the_url_and_answers(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "onrecord", "serve", "--db", str(tmp_path / "s.duckdb"),
                             "--port", str(port), "--create"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stderr.readline()
        assert re.search(rf"http://127\.0\.0\.1:{port}/", line), line
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "the server did not come up"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["articles"] == 0
        assert "server" not in r.headers
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _serve(db, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port), *extra],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_serve_on_a_busy_port_says_so_and_creates_nothing(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = _serve(tmp_path / "new.duckdb", port, "--create")
        _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "serving" not in err and "in use" in err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "new.duckdb").exists()


def test_serve_never_creates_a_store_unasked(tmp_path):
    proc = _serve(tmp_path / "typo.duckdb", _free_port())
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "no store at" in err and "--create" in err
    assert not (tmp_path / "typo.duckdb").exists()


def test_cli_beside_serve_says_who_holds_the_store(tmp_path):
    """While `serve` holds the store, the CLI prints one line naming it and exits non-zero."""
    from onrecord.store import Store

    db = tmp_path / "held.duckdb"
    Store(db).close()
    port = _free_port()
    proc = _serve(db, port)
    try:
        assert "serving" in proc.stderr.readline()
        seen = 0
        for args in (["people"], ["conflicts"], ["ingest", str(tmp_path / "none.txt")]):
            (tmp_path / "none.txt").write_text("The mayor said the bridge would open next year.", encoding="utf-8")
            out = subprocess.run([sys.executable, "-m", "onrecord", *args, "--db", str(db)], capture_output=True,
                                 text=True, timeout=120)
            assert out.returncode != 0, args
            lines = out.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
            assert f"is in use by `onrecord serve` (pid {proc.pid})" in lines[0]
            assert "--read-only" in lines[0]
            seen += 1
        assert seen == 3
    finally:
        _stop(proc)


def test_cli_reads_beside_a_read_only_serve(tmp_path):
    """`serve --read-only` shares the store: read commands work beside it, writes say who holds it."""
    from onrecord.store import Store

    db = tmp_path / "shared.duckdb"
    Store(db).close()
    proc = _serve(db, _free_port(), "--read-only")
    try:
        assert "serving" in proc.stderr.readline()
        read = subprocess.run([sys.executable, "-m", "onrecord", "people", "--db", str(db)], capture_output=True,
                              text=True, timeout=120)
        assert read.returncode == 0, read.stderr
        (tmp_path / "a.txt").write_text("The mayor said the bridge would open next year.", encoding="utf-8")
        write = subprocess.run([sys.executable, "-m", "onrecord", "ingest", str(tmp_path / "a.txt"), "--db", str(db)],
                               capture_output=True, text=True, timeout=120)
        assert write.returncode != 0 and "Traceback" not in write.stderr
        assert f"in use by `onrecord serve --read-only` (pid {proc.pid})" in write.stderr
    finally:
        _stop(proc)
