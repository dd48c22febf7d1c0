"""Compressed inputs (gzip, zstd), decompressed as a stream, recognised by their bytes, not their name.

A `.jsonl.gz` of a month of news is read line by line: nothing is decompressed ahead of the
reader, so memory stays flat and a gzip bomb costs no more than the caps it runs into
(`max_line_bytes` per JSONL line, `max_file_bytes` per text file). zstd uses pyarrow's codec,
already a dependency.
"""
from __future__ import annotations

import gzip
import io
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
SUFFIXES = (".gz", ".gzip", ".zst", ".zstd")


def compression_of(head: bytes) -> str | None:
    """"gzip", "zstd" or None, from a stream's first bytes."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def inner_name(name: str) -> str:
    """ "x.jsonl.gz" -> "x.jsonl": the name the decompressed stream would have."""
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


class _Raw(io.RawIOBase):
    """A pyarrow stream as a raw Python stream, so io.BufferedReader gives it peek and readline."""

    def __init__(self, stream) -> None:  # noqa: ANN001 - pyarrow.NativeFile
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def decompressed(fh: BinaryIO, kind: str) -> io.BufferedReader:
    """A buffered stream (with peek and readline) of the decompressed bytes of `fh`."""
    if kind == "gzip":
        return io.BufferedReader(gzip.GzipFile(fileobj=fh, mode="rb"))  # type: ignore[arg-type]
    if kind == "zstd":
        import pyarrow as pa

        return io.BufferedReader(_Raw(pa.CompressedInputStream(pa.PythonFile(fh, mode="r"), "zstd")))
    raise ValueError(f"unknown compression {kind!r}")


__all__ = ["compression_of", "decompressed", "inner_name", "SUFFIXES"]
