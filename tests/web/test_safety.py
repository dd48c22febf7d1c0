"""Untrusted text stays text; tokens, read-only, size limits, URL guard and host checks hold."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

HTML = {"accept": "text/html"}
RAW_MARKUP = ("<script>alert", "<img src=x onerror", "<b>Evil</b>", "<i>Outlet</i>")


def assert_escaped(html: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, f"{raw!r} reached the page unescaped"


@pytest.mark.parametrize("path", ["/", "/articles", "/articles/hostile", "/people", "{person}",
                                  "/outlets", "/events", "/conflicts", "/articles?q=%3Cscript%3E",
                                  "/search?q=Mallory", "/search?q=%3Cscript%3E", "/conflicts?person=%3Cb%3E"])
def test_safety_markup_in_the_record_is_escaped(make_client, hostile_record, path):
    c = make_client([hostile_record])
    if path == "{person}":
        rows = c.get("/api/people").json()["rows"]
        assert rows, "the hostile speaker is a person in the record"
        path = f"/people/{rows[0]['person_id']}"
    r = c.get(path, headers=HTML)
    assert r.status_code == 200
    assert_escaped(r.text)


def test_safety_javascript_urls_are_not_links(make_client, hostile_record):
    from dataclasses import replace

    record = replace(hostile_record, meta=replace(hostile_record.meta, url="javascript:alert(1)"))
    html = make_client([record]).get("/articles/hostile", headers=HTML).text
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html


def test_safety_article_shows_the_literal_markup(make_client, hostile_record):
    html = make_client([hostile_record]).get("/articles/hostile", headers=HTML).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'data-speaker="Mallory Evil"' in html and "Mallory &lt;b&gt;Evil&lt;/b&gt;" in html


def test_safety_csp_forbids_inline_script(make_client):
    r = make_client().get("/", headers=HTML)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text.replace('<script src="/static/app.js" defer></script>', "")


def test_safety_csv_cells_cannot_run_as_formulas(make_client, hostile_record):
    from dataclasses import replace

    record = replace(hostile_record, meta=replace(hostile_record.meta, title="=HYPERLINK(\"http://x\")"))
    text = make_client([record]).get("/api/articles", params={"download": "csv"}).text
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("q", ["'; DROP TABLE articles; --", "%", "_", "\\", '"', "\x00"])
def test_safety_queries_are_parameterised(make_client, hostile_record, q):
    c = make_client([hostile_record])
    assert c.get("/api/articles", params={"q": q}).status_code == 200
    assert c.get("/api/events", params={"actor": q, "type": q}).status_code == 200
    assert c.get("/api/people", params={"q": q}).status_code == 200
    assert c.get("/api/search", params={"q": q}).status_code == 200
    assert c.get("/api/conflicts", params={"person": q}).status_code == 200
    assert c.get("/api/articles").json()["total"] == 1


# --- token ------------------------------------------------------------------------------------

TOKEN = "s3cret-token-123"


def test_safety_token_required_everywhere(make_client):
    c = make_client(token=TOKEN)
    for path in ("/", "/api/articles", "/static/style.css", "/openapi.json"):
        r = c.get(path)
        assert r.status_code == 401, path
    assert c.get("/api/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_safety_token_by_header(make_client):
    c = make_client(token=TOKEN)
    assert c.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_safety_token_by_query_then_cookie(make_client):
    c = make_client(token=TOKEN)
    r = c.get(f"/?token={TOKEN}", headers=HTML)
    assert r.status_code == 200
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    assert c.get("/articles", headers=HTML).status_code == 200  # the cookie carries it now
    assert TOKEN not in r.text


def test_safety_token_allows_any_host(make_client):
    c = make_client(token=TOKEN, base_url="http://newsroom.example:8000")
    assert c.get("/api/stats", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


# --- hosts and origins --------------------------------------------------------------------------

def test_safety_unknown_host_refused_without_token(make_client):
    """A page on another site resolving its name to 127.0.0.1 (DNS rebinding) gets nothing."""
    assert make_client(base_url="http://evil.example").get("/api/articles").status_code == 421
    assert make_client(base_url="http://localhost:8000").get("/api/articles").status_code == 200


def test_safety_cross_site_post_refused(make_client):
    c = make_client()
    r = c.post("/api/extract", json={"text": "x"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = c.post("/analyse", data={"text": "x"}, headers={"Origin": "null"})
    assert r.status_code == 403
    r = c.post("/api/extract", json={"text": "x"}, headers={"Origin": "http://127.0.0.1:9999"})
    assert r.status_code == 403 and r.json()["error"]["kind"] == "cross_site"  # same host, other port
    assert c.post("/api/extract", json={"text": "   "}, headers={"Origin": "http://127.0.0.1"}).status_code == 422


# --- read-only ----------------------------------------------------------------------------------

def test_safety_read_only_refuses_writes(make_client, hostile_record, tmp_path):
    from onrecord.store import Store

    path = tmp_path / "ro.duckdb"
    with Store(path) as store:
        store.write([hostile_record])
    c = make_client(path=path, read_only=True)
    assert c.post("/api/articles", json={"text": "The mayor said the bridge is safe."}).status_code == 403
    assert c.post("/analyse", data={"text": "The mayor said the bridge is safe.", "save": "1"},
                  headers=HTML).status_code == 403
    assert c.get("/api/articles").json()["total"] == 1
    home = c.get("/", headers=HTML).text
    assert "read-only" in home and 'name="save" value="0"' in home


# --- sizes --------------------------------------------------------------------------------------

def test_safety_body_over_the_limit_is_413(make_client):
    c = make_client(max_upload_bytes=1000)
    r = c.post("/api/extract", json={"text": "word " * 500})
    assert r.status_code == 413 and r.json()["error"]["kind"] == "too_large"
    r = c.post("/analyse", data={"save": "1"}, files={"file": ("big.txt", b"word " * 500)})
    assert r.status_code == 413


def test_safety_streamed_body_over_the_limit_is_413(make_client):
    c = make_client(max_upload_bytes=1000)

    def chunks():
        for _ in range(10):
            yield b'{"text": "' + b"x" * 200 + b'"}'

    r = c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


# --- URL guard ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1:9/article", "http://localhost:9/", "http://10.0.0.1/",
                                 "http://[::1]:9/", "file:///etc/passwd"])
def test_safety_url_to_private_address_refused(make_client, url):
    r = make_client().post("/api/extract", json={"url": url})
    assert r.status_code == 422
    assert r.json()["error"]["kind"] in {"blocked_address", "scheme"}


@pytest.mark.slow
def test_safety_allow_private_fetches_loopback(make_client, seed_text):
    import http.server
    import threading

    body = seed_text.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # noqa: ANN002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/seed.txt"
        assert make_client().post("/api/extract", json={"url": url}).status_code == 422
        r = make_client(allow_private=True).post("/api/extract", json={"url": url})
        assert r.status_code == 200 and r.json()["id"] == url
    finally:
        server.shutdown()


@pytest.mark.slow
def test_safety_script_submitted_through_the_api_stays_text(make_client):
    c = make_client()
    text = ('<script>alert("x")</script>\n\nThe mayor said on Monday that the bridge "<img src=x onerror=alert(2)>" '
            "would open next year, according to the city council. Critics said the plan was too expensive.")
    r = c.post("/api/articles", json={"text": text, "id": "xss", "title": "<script>alert(1)</script>"})
    assert r.status_code == 201 and r.json()["text"] == text
    html = c.get("/articles/xss", headers=HTML).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


# --- the serve command --------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("example.org", False)])
def test_safety_is_loopback(host, loopback):
    from onrecord.web.app import is_loopback

    assert is_loopback(host) is loopback


def test_safety_serve_refuses_public_bind_without_token(tmp_path):
    from onrecord.cli import cli

    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--token" in r.output
    assert not (tmp_path / "x.duckdb").exists()


def test_safety_too_long_text_is_not_echoed_back(make_client):
    from onrecord.settings import DEFAULT

    c = make_client()
    text = "The mayor said the bridge is safe. " * (DEFAULT.max_text_chars // 30)
    r = c.post("/api/extract", json={"text": text})
    assert r.status_code == 422 and r.json()["error"]["kind"] == "too_large"
    assert len(r.content) < 2000  # the envelope, not the input


def test_safety_serve_read_only_needs_a_store(tmp_path):
    from onrecord.cli import cli

    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--read-only"])
    assert r.exit_code == 2 and "no store" in r.output
