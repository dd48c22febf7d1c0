"""Unbounded inputs are read as streams: compressed files, pipes, capped JSONL lines (issue 16)."""
from __future__ import annotations

import gzip
import io
import json
import select
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from onrecord.ingest import read, read_stream
from onrecord.settings import Settings

STORY = "The harbour authority said on Monday that the new ferry route would open in May."


def _jsonl(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"s{i}", "text": f"{STORY} Story {i}."}).encode() + b"\n" for i in range(n))


def _zstd(data: bytes) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as out:
        out.write(data)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("name,pack", [("a.jsonl.gz", gzip.compress), ("a.jsonl", gzip.compress),
                                       ("a.jsonl.zst", _zstd), ("a.gz", gzip.compress), ("a.ndjson", lambda b: b)])
def test_compressed_jsonl_is_read_as_jsonl(tmp_path: Path, name: str, pack) -> None:
    (tmp_path / name).write_bytes(pack(_jsonl(3)))
    articles = list(read([str(tmp_path / name)]))
    assert [a.id for a in articles] == ["s0", "s1", "s2"]
    assert not any(a.errors for a in articles)


@pytest.mark.parametrize("name,pack", [("note.txt.gz", gzip.compress), ("note.txt.zst", _zstd),
                                       ("note.md.gz", gzip.compress)])
def test_compressed_text_is_read_as_text(tmp_path: Path, name: str, pack) -> None:
    (tmp_path / name).write_bytes(pack(STORY.encode()))
    (a,) = read([str(tmp_path / name)])
    assert not a.errors and a.id == "note" and a.text == STORY


def test_compressed_text_bomb_is_refused_at_the_size_cap(tmp_path: Path) -> None:
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 600_000))
    (a,) = read([str(tmp_path / "bomb.txt.gz")], settings=Settings(max_file_bytes=100_000))
    assert a.errors[0].kind == "too_large"


def test_gzip_on_a_pipe_is_sniffed_after_decompression() -> None:
    pipe = io.BufferedReader(io.BytesIO(gzip.compress(_jsonl(2))))
    assert [a.id for a in read_stream(pipe, name="stdin")] == ["s0", "s1"]


def test_jsonl_line_over_the_cap_is_an_error_row_and_the_file_goes_on(tmp_path: Path) -> None:
    long = json.dumps({"id": "huge", "text": STORY * 200}).encode() + b"\n"
    (tmp_path / "a.jsonl").write_bytes(_jsonl(1) + long + _jsonl(2)[-len(_jsonl(2)) // 2:])
    articles = list(read([str(tmp_path / "a.jsonl")], settings=Settings(max_line_bytes=5000)))
    assert [a.id for a in articles] == ["s0", "a:2", "s1"]
    assert articles[1].errors[0].kind == "too_large" and not articles[1].text
    assert "max_line_bytes" in articles[1].errors[0].message


def test_two_failing_files_of_the_same_name_are_two_error_rows(tmp_path: Path) -> None:
    from onrecord.store import article_key

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bad.txt").write_bytes(b"")
    articles = list(read([str(tmp_path)]))
    assert [a.id for a in articles] == ["bad", "bad"] and all(a.errors for a in articles)
    assert len({article_key(a) for a in articles}) == 2


_STDIN_SCRIPT = """
import resource, sys
from onrecord.ingest import read
n = 0
for article in read(["-"]):
    n += 1
    if n == 1:
        # the first article comes before the writer has finished: stdin is not read whole first
        print("first", sys.stdin.buffer.closed, flush=True)
print("count", n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, flush=True)
"""


def _line(proc: subprocess.Popen, within_s: float = 60) -> list[bytes]:
    """The child's next output line, failing (not hanging) when none comes."""
    ready, _, _ = select.select([proc.stdout], [], [], within_s)
    assert ready, "no answer while stdin is open: the reader waits for EOF"
    return proc.stdout.readline().split()


def test_stdin_jsonl_is_streamed() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _STDIN_SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        proc.stdin.write(_jsonl(5))
        proc.stdin.flush()
        # the reader answers while stdin is still open: it did not wait for EOF
        assert _line(proc)[0] == b"first"
        proc.stdin.write(_jsonl(5))
        proc.stdin.close()
        count = _line(proc)
        assert count[:2] == [b"count", b"10"]
    finally:
        proc.kill()
        proc.wait()


def _big_warc(path: Path, pages: int) -> bytes:
    """A gzipped WARC far bigger than any read-ahead buffer (warcio reads 16 KiB blocks)."""
    import random

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    r = random.Random(0)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            noise = " ".join(f"{r.random():.12f}" for _ in range(300))   # does not compress away
            html = f"<html><body><article><p>{STORY}</p><p>Figures: {noise}.</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                          payload=io.BytesIO(html.encode()), http_headers=headers))
    return path.read_bytes()


def test_stdin_warc_is_streamed(tmp_path: Path) -> None:
    data = _big_warc(tmp_path / "x.warc.gz", 60)
    assert len(data) > 100_000
    proc = subprocess.Popen([sys.executable, "-c", _STDIN_SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        proc.stdin.write(data)
        proc.stdin.flush()
        assert _line(proc)[0] == b"first"   # before EOF
        proc.stdin.close()
        assert _line(proc)[0] == b"count"
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
    from_file = [a.id for a in read([str(tmp_path / "x.warc.gz")])]
    from_pipe = [a.id for a in read_stream(io.BufferedReader(io.BytesIO(data)), name="stdin")]
    assert from_file == from_pipe and from_file
