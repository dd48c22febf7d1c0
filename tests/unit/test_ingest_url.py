"""ingest/url.py against a real HTTP server on 127.0.0.1; nothing else is ever contacted."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from onrecord.errors import BlockedAddressError, FetchError
from onrecord.ingest import url as url_mod
from onrecord.ingest.url import fetch_url, is_blocked, vet
from onrecord.settings import Settings

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the senator said on Tuesday that the committee would meet again next week "
    f"to consider the proposal, which critics have described as deeply flawed.</p>" for i in range(6))
PAGE = (f"<!DOCTYPE html><html><head><title>Committee to meet again</title></head>"
        f"<body><article><h1>Committee to meet again</h1>{PARAGRAPHS}</article></body></html>").encode()
SLEEP_S = 2.0


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        if path == "/page":
            self._send(200, PAGE)
        elif path == "/text":
            self._send(200, b"Plain words from the wire.\nSecond line.\n", "text/plain; charset=utf-8")
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/page"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/to-metadata":
            self._send(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/big":
            self._send(200, PAGE + b"<!--" + b"x" * 50_000 + b"-->")
        elif path == "/big-undeclared":
            # no Content-Length: the cap must trip while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"y" * 4096)
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/slow":
            time.sleep(SLEEP_S)
            self._send(200, PAGE)
        elif path == "/host":
            host = self.headers.get("Host", "")
            self._send(200, PAGE.replace(b"Paragraph 0:", f"Host {host}:".encode()))
        else:
            self._send(404, b"<html><body>not found</body></html>")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # the client hangs up on purpose in the size-cap and timeout tests
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


OPEN = Settings(allow_private=True, url_timeout_s=5.0)


def test_fetch_url_refuses_loopback_by_default(server: str) -> None:
    with pytest.raises(BlockedAddressError) as err:
        fetch_url(f"{server}/page")
    assert err.value.kind == "blocked_address"


def test_fetch_url_reads_html_when_private_allowed(server: str) -> None:
    article = fetch_url(f"{server}/page", settings=OPEN)
    assert article.id == f"{server}/page"
    assert article.meta.url == f"{server}/page"
    assert article.meta.title == "Committee to meet again"
    assert "critics have described as deeply flawed" in article.text


def test_fetch_url_allow_private_keyword_overrides_settings(server: str) -> None:
    article = fetch_url(f"{server}/page", allow_private=True)
    assert "Paragraph 0" in article.text


def test_fetch_url_reads_plain_text(server: str) -> None:
    article = fetch_url(f"{server}/text", settings=OPEN)
    assert article.text == "Plain words from the wire.\nSecond line.\n"
    assert article.meta.url == f"{server}/text"


def test_fetch_url_follows_redirect_keeping_requested_id(server: str) -> None:
    article = fetch_url(f"{server}/redirect", settings=OPEN)
    assert article.id == f"{server}/redirect"
    assert article.meta.url == f"{server}/page"


def test_fetch_url_stops_after_max_redirects(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/loop", settings=Settings(allow_private=True, url_max_redirects=3))
    assert err.value.kind == "too_many_redirects"


def test_fetch_url_vets_every_redirect_hop(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the test server's own address counts as public here, so the redirect's target
    # (the cloud metadata address) must be refused before any connection is made.
    monkeypatch.setattr(url_mod, "is_blocked", lambda ip: str(ip) != "127.0.0.1")
    with pytest.raises(BlockedAddressError) as err:
        fetch_url(f"{server}/to-metadata")
    assert "169.254.169.254" in str(err.value)


def test_fetch_url_caps_declared_size(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/big", settings=Settings(allow_private=True, url_max_bytes=10_000))
    assert err.value.kind == "too_large"


def test_fetch_url_caps_streamed_size(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/big-undeclared", settings=Settings(allow_private=True, url_max_bytes=10_000))
    assert err.value.kind == "too_large"


def test_fetch_url_refuses_wrong_content_type(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/pdf", settings=OPEN)
    assert err.value.kind == "content_type"


def test_fetch_url_times_out(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/slow", settings=Settings(allow_private=True, url_timeout_s=0.3))
    assert err.value.kind == "timeout"
    assert time.monotonic() - start < SLEEP_S


def test_fetch_url_reports_404(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{server}/nowhere", settings=OPEN)
    assert err.value.kind == "http_status"
    assert "404" in str(err.value)


@pytest.mark.parametrize("address", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_fetch_url_refuses_other_schemes(address: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(address, settings=OPEN)
    assert err.value.kind == "scheme"


def test_fetch_url_connects_to_vetted_address_with_real_host(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # news.test resolves once, to the vetted address; the request still names news.test.
    port = server.rsplit(":", 1)[1]
    calls: list[str] = []

    def fake_getaddrinfo(host: str, *args: object, **kwargs: object) -> list[tuple]:
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", int(port)))]

    monkeypatch.setattr(url_mod.socket, "getaddrinfo", fake_getaddrinfo)
    article = fetch_url(f"http://news.test:{port}/host", settings=OPEN)
    assert f"Host news.test:{port}:" in article.text
    assert calls.count("news.test") == 1


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1",
    "0.0.0.0", "100.64.0.1", "240.0.0.1", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1",
])
def test_is_blocked_refuses_non_public(address: str) -> None:
    assert is_blocked(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_is_blocked_allows_public(address: str) -> None:
    assert not is_blocked(ipaddress.ip_address(address))


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/",
                                 "https://169.254.169.254/latest/", "http://224.0.0.1/"])
def test_vet_refuses_private_literals(url: str) -> None:
    import httpx

    with pytest.raises(BlockedAddressError):
        vet(httpx.URL(url), allow_private=False)


def test_vet_checks_every_resolved_address(monkeypatch: pytest.MonkeyPatch) -> None:
    # One public and one private answer: the private one alone is enough to refuse.
    import httpx

    def fake_getaddrinfo(host: str, *args: object, **kwargs: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))]

    monkeypatch.setattr(url_mod.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(BlockedAddressError) as err:
        vet(httpx.URL("http://mixed.test/"), allow_private=False)
    assert "10.0.0.7" in str(err.value)


def test_fetch_url_holds_slow_headers_to_the_time_limit() -> None:
    """A server that sends its headers a byte a second never trips a per-read timeout."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 100:
                if stop.wait(0.5):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    start = time.monotonic()
    try:
        with pytest.raises(FetchError) as err:
            fetch_url(f"http://127.0.0.1:{listener.getsockname()[1]}/",
                      settings=Settings(allow_private=True, url_timeout_s=2.0))
        assert err.value.kind == "timeout"
        assert time.monotonic() - start < 5
    finally:
        stop.set()
        listener.close()
        thread.join(5)


def test_blocked_address_message_names_the_flag(server: str) -> None:
    with pytest.raises(BlockedAddressError) as err:
        fetch_url(f"{server}/page")
    assert "--allow-private" in str(err.value)
