"""The reader table: one way from bytes to Articles, whether they come from a file or stdin."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from onrecord.ingest import READERS, kind_of, read, read_stream, sniff

STORY = "The harbour authority said on Monday that the new ferry route would open in May."


def _parquet_bytes() -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [STORY, STORY + " It said fares would not rise."]}), buf)
    return buf.getvalue()


SAMPLES = {
    "text": STORY.encode(),
    "html": f"<html><head><title>Ferry</title></head><body><article><p>{STORY}</p></article></body></html>".encode(),
    "jsonl": (json.dumps({"id": "j1", "text": STORY}) + "\n").encode(),
    "parquet": _parquet_bytes(),
}


def test_ingest_table_names_every_kind_by_its_ending() -> None:
    assert set(READERS) == {"text", "html", "jsonl", "warc", "parquet"}
    for kind, (endings, _) in READERS.items():
        assert endings, kind
        for ending in endings:
            assert kind_of(Path("x" + ending)) == kind


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_ingest_table_sniffs_what_the_name_does_not_say(kind: str) -> None:
    assert sniff(SAMPLES[kind][:4096]) == kind


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_ingest_file_and_stream_give_the_same_articles(kind: str, tmp_path: Path) -> None:
    ending = READERS[kind][0][0]
    path = tmp_path / f"sample{ending}"
    path.write_bytes(SAMPLES[kind])
    from_file = [a.text for a in read([str(path)])]
    # a pipe: not seekable, no name, kind unknown until sniffed
    pipe = io.BufferedReader(_Pipe(SAMPLES[kind]))
    from_stream = [a.text for a in read_stream(pipe, name="sample")]
    assert from_file and from_file == from_stream
    assert all(STORY in t for t in from_file)


def test_ingest_parquet_on_stdin_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(_Pipe(SAMPLES["parquet"])))
    monkeypatch.setattr(sys, "stdin", stdin)
    articles = list(read(["-"]))
    assert [a.id for a in articles] == ["p1", "p2"]
    assert not any(a.errors for a in articles)


class _Pipe(io.RawIOBase):
    """Bytes that can only be read forward, like a pipe."""

    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, b) -> int:  # noqa: ANN001
        n = min(len(b), len(self._data) - self._pos, 1000)  # short reads, as pipes give
        b[:n] = self._data[self._pos:self._pos + n]
        self._pos += n
        return n
