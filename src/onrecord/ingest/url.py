"""URLs: fetch one page safely, then read it as HTML or plain text.

Safety rules, each a FetchError kind:
- only http and https (`scheme`); at most `url_max_redirects` hops, followed by hand
  (`too_many_redirects`), each hop vetted again;
- every address the host resolves to must be public: loopback, private, link-local,
  multicast, reserved, unspecified and other non-global addresses are refused
  (BlockedAddressError, kind `blocked_address`) unless `allow_private`;
- `url_timeout_s` bounds each network wait and the whole download (`timeout`);
- bodies over `url_max_bytes` are cut off while streaming (`too_large`);
- only text/html, application/xhtml+xml and text/plain are read (`content_type`).

DNS rebinding: the host is resolved once, its addresses vetted, and the connection is
made to a vetted address (the URL's host swapped for the IP; `Host` header and TLS SNI
keep the real name, so virtual hosts and certificate checks still work). A second,
different DNS answer at connect time therefore never reaches the socket.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from email.message import Message

import httpx

from ..errors import BlockedAddressError, FetchError, InputError
from ..model import Article, Meta
from ..settings import DEFAULT, Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "onrecord/0.1 (news attribution reader)"


def is_blocked(ip: IPAddress) -> bool:
    """True for any address that is not publicly routable, IPv4-mapped IPv6 included."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1 on a dual-stack socket
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", "dns") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        # drop an IPv6 zone ("fe80::1%eth0"): ip_address refuses it, and it is link-local anyway
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"{host} resolves to no address", "dns")
    return addresses


def vet(url: httpx.URL, *, allow_private: bool) -> list[IPAddress]:
    """The addresses to connect to for `url`, after its scheme and every address are checked."""
    if url.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url.scheme or 'none'}: {url}", "scheme")
    if not url.host:
        raise FetchError(f"URL has no host: {url}", "malformed")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = resolve(url.host, port)
    if not allow_private:
        blocked = [str(ip) for ip in addresses if is_blocked(ip)]
        if blocked:
            raise BlockedAddressError(
                f"{url.host} resolves to a non-public address ({', '.join(blocked)}); "
                "use --allow-private (allow_private=True) to fetch it")
    return addresses


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """(mime type, charset) from a Content-Type header."""
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    # not msg.get_content_type(): it turns a missing or malformed type into text/plain
    mime = header.split(";", 1)[0].strip().lower()
    return (mime if "/" in mime else ""), (charset if isinstance(charset, str) else None)


def _send(client: httpx.Client, url: httpx.URL, addresses: list[IPAddress]) -> httpx.Response:
    """GET `url`, connecting to a vetted address rather than resolving the host again."""
    host_header = url.netloc.decode("ascii")
    last: Exception | None = None
    for ip in addresses:
        pinned = url.copy_with(host=str(ip))
        request = client.build_request("GET", pinned, headers={"Host": host_header},
                                       extensions={"sni_hostname": url.host})
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:  # try the host's next address
            last = exc
    raise FetchError(f"cannot connect to {url.host}: {last}", "fetch")


def _send_by(client: httpx.Client, url: httpx.URL, addresses: list[IPAddress], deadline: float) -> httpx.Response:
    """`_send`, given up at `deadline`: a server dripping its headers a byte at a time never
    trips httpx's read timeout (it bounds each wait, not the whole), so the send runs in a
    thread that is abandoned (its response closed when it comes) once the deadline passes."""
    from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

    pool = ThreadPoolExecutor(1, thread_name_prefix="onrecord-fetch")
    future = pool.submit(_send, client, url, addresses)
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        future.add_done_callback(lambda f: f.exception() is None and f.result().close())
        raise FetchError(f"no response within the time limit: {url}", "timeout") from None
    finally:
        pool.shutdown(wait=False)


def _read_capped(response: httpx.Response, *, limit: int, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise FetchError(f"response declares {int(length):,} bytes, over the {limit:,}-byte limit",
                         "too_large")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"body is over the {limit:,}-byte limit", "too_large")
        if time.monotonic() > deadline:  # a server dripping bytes never trips the read timeout
            raise FetchError("download took longer than the time limit", "timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def download(url: str, *, settings: Settings = DEFAULT,
             allow_private: bool | None = None) -> tuple[str, str, str | None, bytes]:
    """(final URL, mime type, charset, body) of a successful GET, following safe redirects."""
    allow = settings.allow_private if allow_private is None else allow_private
    deadline = time.monotonic() + settings.url_timeout_s
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}", "malformed") from exc
    timeout = httpx.Timeout(settings.url_timeout_s)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                          headers={"User-Agent": USER_AGENT}) as client:
            for _hop in range(settings.url_max_redirects + 1):
                addresses = vet(current, allow_private=allow)
                response = _send_by(client, current, addresses, deadline)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        current = current.join(location)
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"HTTP {response.status_code} from {current}", "http_status")
                    mime, charset = parse_content_type(response.headers.get("content-type"))
                    if mime not in ACCEPTED_TYPES:
                        raise FetchError(f"content type {mime or 'missing'} is not HTML or text: {current}",
                                         "content_type")
                    body = _read_capped(response, limit=settings.url_max_bytes, deadline=deadline)
                    return str(current), mime, charset, body
                finally:
                    response.close()
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.url_timeout_s}s: {current}", "timeout") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} fetching {current}: {exc}", "fetch") from exc
    raise FetchError(f"more than {settings.url_max_redirects} redirects from {url}", "too_many_redirects")


def fetch_url(url: str, *, settings: Settings = DEFAULT, allow_private: bool | None = None) -> Article:
    """Fetch `url` and read it as an Article whose id is `url` (contract) and meta.url the final URL.

    Raises FetchError (kinds above), BlockedAddressError, or InputError from the readers.
    """
    final, mime, charset, body = download(url, settings=settings, allow_private=allow_private)
    if not body.strip():
        raise InputError(f"empty response from {final}", "empty")
    if mime == "text/plain":
        from .html import decode_html
        from .text import article_from_text

        # decode_html, not text.decode: it takes the header's charset as a hint
        return article_from_text(decode_html(body, hint=charset), id=url, meta=Meta(url=final))
    from .html import article_from_html

    return article_from_html(body, id=url, url=final, encoding=charset, settings=settings)


__all__ = ["fetch_url", "download", "vet", "resolve", "is_blocked"]
