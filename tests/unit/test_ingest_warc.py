"""ingest/warc.py on small WARC files written with warcio in tmp_path."""
from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.errors import InputError
from onrecord.ingest.warc import read_warc

BODY = "".join(
    f"<p>Paragraph {i}: the minister said the talks would resume next month despite the objections "
    f"raised by the opposition parties in parliament.</p>" for i in range(8))


def page(title: str, date: str = "2019-03-14") -> bytes:
    return (f'<html><head><title>{title}</title><meta property="article:published_time" content="{date}">'
            f"</head><body><article><h1>{title}</h1>{BODY}</article></body></html>").encode()


def _response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def write_warc(path: Path, *, gzip: bool) -> Path:
    """warcinfo, then per story a request and an HTML response; a PNG, a 404 and a metadata record."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "onrecord tests"}))
        for i in range(3):
            uri = f"https://news.example/story-{i}"
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(
                b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")))
            _response(w, uri, page(f"Story {i}"))
            if i == 0:
                _response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", ctype="image/png")
                _response(w, "https://news.example/gone", page("Gone"), status="404 Not Found")
                w.write_record(w.create_warc_record(uri, "metadata", payload=io.BytesIO(b"via: test\r\n"),
                                                    warc_content_type="application/warc-fields"))
    return path


@pytest.fixture(params=[True, False], ids=["gz", "plain"])
def warc_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz = request.param
    return write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gzip=gz)


def test_read_warc_yields_one_article_per_html_response(warc_file: Path) -> None:
    articles = list(read_warc(warc_file))
    assert [a.id for a in articles] == [f"https://news.example/story-{i}" for i in range(3)]
    assert all(not a.errors for a in articles)
    assert "despite the objections" in articles[0].text


def test_read_warc_sets_url_title_and_page_date(warc_file: Path) -> None:
    article = next(iter(read_warc(warc_file)))
    assert article.meta.url == "https://news.example/story-0"
    assert article.meta.title == "Story 0"
    assert article.meta.published == "2019-03-14"  # the page's date, never WARC-Date


def test_read_warc_logs_skipped_records(warc_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="onrecord.ingest"):
        list(read_warc(warc_file))
    text = caplog.text
    assert "logo.png" in text and "image/png" in text
    assert "news.example/gone" in text and "404" in text
    assert "3 request records" in text and "1 metadata record" in text and "1 warcinfo record" in text


def test_read_warc_keeps_page_date_out_when_page_has_none(tmp_path: Path) -> None:
    path = tmp_path / "nodate.warc.gz"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _response(w, "https://news.example/undated",
                  f"<html><head><title>Undated</title></head><body><article>{BODY}</article></body></html>".encode())
    (article,) = read_warc(path)
    assert article.meta.published is None


def test_read_warc_bad_page_becomes_error_article(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _response(w, "https://news.example/empty", b"   ")
        _response(w, "https://news.example/ok", page("Fine"))
    bad, good = read_warc(path)
    assert bad.id == "https://news.example/empty" and bad.text == ""
    assert [e.kind for e in bad.errors] == ["empty"]
    assert good.id == "https://news.example/ok" and not good.errors


@pytest.mark.parametrize("gzip", [True, False], ids=["gz", "plain"])
@pytest.mark.parametrize("where", [0.55, 0.8, 0.97])
def test_read_warc_truncated_yields_prefix_then_error(tmp_path: Path, gzip: bool, where: float) -> None:
    full = write_warc(tmp_path / ("full.warc.gz" if gzip else "full.warc"), gzip=gzip)
    expected = [a.id for a in read_warc(full)]
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(data[: int(len(data) * where)])
    articles = list(read_warc(cut))
    *before, last = articles
    assert [a.id for a in before] == expected[: len(before)]
    assert len(before) < len(expected) or where > 0.9
    assert all(not a.errors for a in before)
    assert last.id == f"{cut}#truncated"
    assert [e.kind for e in last.errors] == ["truncated"]


def test_read_warc_cut_inside_page_drops_partial_page(tmp_path: Path) -> None:
    path = tmp_path / "one.warc"
    with path.open("wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://news.example/a", page("A"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # inside the HTML body
    (only,) = read_warc(path)
    assert only.id.endswith("#truncated")


def test_read_warc_refuses_non_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"just some notes, not a web archive\n")
    with pytest.raises(InputError) as err:
        list(read_warc(path))
    assert err.value.kind == "malformed"


def test_read_warc_empty_file_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    assert list(read_warc(path)) == []


def test_read_warc_refuses_gzipped_html(tmp_path: Path) -> None:
    import gzip as gzip_mod

    path = tmp_path / "page.gz"
    path.write_bytes(gzip_mod.compress(page("Not a WARC")))
    with pytest.raises(InputError) as err:
        list(read_warc(path))
    assert err.value.kind == "malformed"


def test_warc_deferred_pages_extract_to_the_same_articles(tmp_path):
    """With defer_html the reader hands over raw pages; extracting them gives the same Articles."""
    from onrecord.ingest.warc import read_warc
    from onrecord.ingest.pages import HtmlPage, materialise

    path = write_warc(tmp_path / "crawl.warc.gz", gzip=True)
    eager = list(read_warc(path))
    lazy = list(read_warc(path, defer_html=True))
    assert any(isinstance(p, HtmlPage) for p in lazy)
    assert [(a.id, a.text) for a in materialise(lazy)] == [(a.id, a.text) for a in eager]
