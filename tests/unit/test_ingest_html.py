"""ingest/html.py: text and meta from pages, odd encodings, broken and non-HTML input."""
from __future__ import annotations

import gzip
import os

import pytest

from onrecord.errors import InputError
from onrecord.ingest.html import article_from_html, decode_html, extract_text
from onrecord.settings import Settings

STORY = "".join(
    f"<p>Paragraph {i}: Café owners in Zürich said on Monday that the new rules would hurt trade, "
    f"while the mayor insisted they were needed to protect residents.</p>" for i in range(6))


def page(body: str = STORY, *, head: str = "", charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>Zürich cafés protest new rules</title>{head}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Zürich cafés protest new rules</h1>{body}</article>"
            f"<footer>© 2020 The Daily Example</footer></body></html>")


HEAD = ('<meta property="og:site_name" content="The Daily Example">'
        '<meta property="article:published_time" content="2020-05-04T09:30:00Z">'
        '<link rel="canonical" href="https://daily.example/zurich-cafes">')


def test_article_from_html_extracts_story_text() -> None:
    article = article_from_html(page(), id="zurich")
    assert article.id == "zurich"
    assert "the mayor insisted they were needed" in article.text
    assert "Home" not in article.text and "©" not in article.text
    assert article.ignored == [] and article.errors == []


def test_article_from_html_fills_meta() -> None:
    meta = article_from_html(page(head=HEAD), id="zurich").meta
    assert meta.title == "Zürich cafés protest new rules"
    assert meta.published == "2020-05-04"
    assert meta.outlet == "The Daily Example"
    assert meta.url == "https://daily.example/zurich-cafes"


def test_article_from_html_given_url_wins_over_canonical() -> None:
    meta = article_from_html(page(head=HEAD), id="x", url="https://mirror.example/a").meta
    assert meta.url == "https://mirror.example/a"


def test_article_from_html_leaves_out_reader_comments() -> None:
    comments = ('<div id="comments" class="comments"><h3>Comments</h3><ul>'
                '<li class="comment"><p>Reader42: this is an outrage and nobody should stand for it!</p></li>'
                "</ul></div>")
    html = page(STORY + "</article>" + comments + "<article>")
    assert "Reader42" not in article_from_html(html, id="c").text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "iso-8859-1"])
def test_article_from_html_decodes_declared_charset(encoding: str) -> None:
    data = page(charset=encoding).encode(encoding)
    assert "Café owners in Zürich" in article_from_html(data, id="x").text


def test_article_from_html_utf8_wins_over_wrong_declaration() -> None:
    data = page(charset="iso-8859-1").encode("utf-8")
    assert "Café owners in Zürich" in article_from_html(data, id="x").text


def test_article_from_html_detects_undeclared_legacy_encoding() -> None:
    data = page().encode("cp1252")
    assert "Café owners in Zürich" in article_from_html(data, id="x").text


def test_article_from_html_uses_http_charset_hint() -> None:
    data = page().encode("cp1252")
    assert "Café owners in Zürich" in article_from_html(data, id="x", encoding="windows-1252").text


def test_article_from_html_reads_utf16_with_bom() -> None:
    data = page().encode("utf-16")
    assert "Café owners in Zürich" in article_from_html(data, id="x").text


def test_article_from_html_reads_gzipped_bytes() -> None:
    assert "Café owners" in article_from_html(gzip.compress(page().encode()), id="x").text


def test_article_from_html_survives_truncated_markup() -> None:
    html = page()
    cut = html[: html.index("Paragraph 5") + 40]  # mid-paragraph, nothing closed
    article = article_from_html(cut, id="cut")
    assert "Paragraph 4" in article.text


def test_article_from_html_survives_unbalanced_tags() -> None:
    html = page(STORY.replace("</p>", "</div></span>", 3) + "<td><tr></table>")
    assert "Paragraph 5" in article_from_html(html, id="x").text


def test_article_from_html_wraps_fragment() -> None:
    assert "Paragraph 2" in article_from_html(STORY, id="frag").text


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", ""])
def test_article_from_html_refuses_empty(data: bytes | str) -> None:
    with pytest.raises(InputError) as err:
        article_from_html(data, id="x")
    assert err.value.kind == "empty"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00",
                                  b"<html>\x00\x01\x02\x03</html>"])
def test_article_from_html_refuses_binary(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        article_from_html(data, id="x")
    assert err.value.kind == "binary"


def test_article_from_html_refuses_random_bytes() -> None:
    with pytest.raises(InputError) as err:
        article_from_html(os.urandom(4096), id="x")
    assert err.value.kind in {"binary", "decode"}


def test_article_from_html_refuses_control_characters_in_text() -> None:
    with pytest.raises(InputError) as err:
        article_from_html("<html>" + "\x01\x02\x03\x04" * 200 + "</html>", id="x")
    assert err.value.kind == "binary"


def test_article_from_html_refuses_text_without_markup() -> None:
    with pytest.raises(InputError) as err:
        article_from_html("Just a sentence with no markup at all, which is not a web page.", id="x")
    assert err.value.kind == "malformed"


def test_article_from_html_refuses_page_without_article() -> None:
    html = "<html><head><title>Menu</title></head><body><div></div><script>var x = 1;</script></body></html>"
    with pytest.raises(InputError) as err:
        article_from_html(html, id="x")
    assert err.value.kind == "no_text"


def test_article_from_html_refuses_oversized_page() -> None:
    with pytest.raises(InputError) as err:
        article_from_html(page().encode(), id="x", settings=Settings(max_file_bytes=100))
    assert err.value.kind == "too_large"


def test_extract_text_matches_article_text() -> None:
    assert extract_text(page().encode()) == article_from_html(page().encode(), id="x").text


def test_extract_text_is_empty_for_junk() -> None:
    assert extract_text(b"\x00\x01binary") == ""


def test_decode_html_prefers_bom() -> None:
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"


def test_under_extracted_flags_short_share_of_long_page() -> None:
    from onrecord.ingest.html import _under_extracted

    long_page = page(STORY * 5)
    assert _under_extracted("Paragraph 0: a few words.", long_page)
    assert not _under_extracted(article_from_html(long_page, id="x").text, long_page)
