"""Readers: kinds sniffed, folders recursed, bad input turned into error Articles, never a crash."""
from __future__ import annotations

import gzip
import json

from onrecord.ingest import article_id, read, sniff
from onrecord.ingest.jsonl import read_jsonl


def _ids(articles):
    return [a.id for a in articles]


def test_read_folder_recursive_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("The minister said the talks failed.")
    (tmp_path / "b" / "c.txt").write_text("The senator said the bill would pass.")
    (tmp_path / ".hidden.txt").write_text("secret")
    assert _ids(read([str(tmp_path)])) == ["a", "c"]


def test_read_jsonl_fields(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": "He said so.", "url": "https://n.test/1", "title": "T",
                                "date": "2020-05-01", "outlet": "VOA", "extra": 1}) + "\n")
    (a,) = read([str(path)])
    assert (a.id, a.text, a.meta.url, a.meta.title, a.meta.published, a.meta.outlet) == (
        "x1", "He said so.", "https://n.test/1", "T", "2020-05-01", "VOA")


def test_read_jsonl_bad_lines_go_on(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "ok1", "text": "Fine."}\nnot json\n{"id": "notext"}\n[1, 2]\n{"id": "ok2", "text": "Also fine."}\n')
    articles = list(read([str(path)]))
    assert _ids(articles) == ["ok1", "dump:2", "notext", "dump:4", "ok2"]
    assert [a.errors[0].kind for a in articles if a.errors] == ["malformed", "no_text", "malformed"]
    assert "not valid JSON" in articles[1].errors[0].message


def test_read_jsonl_stream_skips_blank_lines():
    import io

    articles = list(read_jsonl(io.BytesIO(b'\n{"text": "A."}\n\n'), name="s"))
    assert _ids(articles) == ["s:2"]


def test_read_missing_file_is_an_error_article(tmp_path):
    (a,) = read([str(tmp_path / "nope.txt")])
    assert a.errors[0].kind == "not_found" and not a.text


def test_read_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (a,) = read([str(path)])
    assert a.errors[0].kind == "binary"


def test_read_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (a,) = read([str(path)])
    assert a.errors[0].kind == "empty"


def test_read_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The mayor said no.")))
    (a,) = read(["-"])
    assert (a.id, a.text) == ("stdin", "The mayor said no.")


def test_sniff_kinds():
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(gzip.compress(b"x")) == "warc"
    assert sniff(b'{"text": "x"}') == "jsonl"
    assert sniff(b"Plain words.") == "text"


def test_article_id_drops_extensions(tmp_path):
    assert article_id(tmp_path / "crawl.warc.gz") == "crawl"
    assert article_id(tmp_path / "seed.txt") == "seed"


def test_read_gzipped_html_is_html(tmp_path):
    page = ("<html><head><title>Talks fail</title></head><body><article><p>The minister said on Tuesday that "
            "the talks in Geneva had failed after three days of negotiations with the rebels.</p><p>Officials said "
            "a new round was not planned, and diplomats said the mediators would leave the city.</p></article>"
            "</body></html>")
    (tmp_path / "talks.html.gz").write_bytes(gzip.compress(page.encode()))
    (a,) = read([str(tmp_path / "talks.html.gz")])
    assert not a.errors and a.id == "talks" and "Geneva" in a.text
