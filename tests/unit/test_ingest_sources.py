"""What a source names and how its bytes decode: URL schemes in any case, file:// URLs, UTF-16
without a BOM, UTF-8 with bad bytes said so, deep HTML kept (issue 16)."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.ingest import read
from onrecord.ingest.html import article_from_html
from onrecord.ingest.text import decode, read_text_file

STORY = "The harbour authority said on Monday that the new ferry route would open in May."


def test_uppercase_scheme_is_a_url_not_a_path() -> None:
    (article,) = read(["HTTP://127.0.0.1/x"])   # refused as a URL (loopback), never looked up as a file
    assert article.errors[0].kind == "blocked_address"
    assert "--allow-private" in article.errors[0].message


def test_file_url_is_read_as_its_file(tmp_path: Path) -> None:
    path = tmp_path / "a b.txt"
    path.write_text(STORY)
    (article,) = read([path.as_uri()])
    assert not article.errors and article.text == STORY and article.id == "a b"


def test_file_url_of_another_host_is_an_error_row() -> None:
    (article,) = read(["file://example.com/etc/passwd"])
    assert article.errors and not article.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(codec: str) -> None:
    assert decode(STORY.encode(codec), what="x") == STORY


def test_utf8_with_a_bad_byte_stays_utf8_and_says_so() -> None:
    data = "Le ministre a déclaré à Genève que les négociations avaient échoué.".encode() + b" \xff end."
    article = read_text_file(data, id="x")
    assert "déclaré à Genève" in article.text           # not garbled as cp1252 ("dÃ©clarÃ©")
    (note,) = article.errors
    assert note.kind == "decode" and "not valid UTF-8" in note.message


def test_legacy_encoding_is_still_read_without_an_error() -> None:
    article = read_text_file("The café owner said the rent was too high.".encode("latin-1"), id="x")
    assert "café" in article.text and not article.errors


def test_html_nested_deeper_than_255_levels_keeps_its_article() -> None:
    story = "".join(f"<p>{STORY} Paragraph {i} of the story.</p>" for i in range(3))
    page = ("<html><head><title>Ferry</title></head><body>" + "<div>" * 400 + f"<article>{story}</article>"
            + "</div>" * 400 + "</body></html>")
    article = article_from_html(page, id="deep")
    assert "Paragraph 2" in article.text
