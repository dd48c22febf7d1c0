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
                             "--port", str(port)], stderr=subprocess.PIPE, text=True,
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
