"""The real server in headless Chromium: paste the seed, see the quote highlighted, follow the speaker."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SESSIONS_QUOTE = "I never had meetings with Russian operatives"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI (make browser installs it)")
    pytest.skip(f"{CHROMIUM} is absent: `make browser` (apt-get install chromium) to run the browser tests")


HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>'
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_records, hostile_record):
    """`onrecord serve`'s app under uvicorn on a free loopback port, in a thread, over the examples
    (record built as `onrecord ingest` builds it) plus a record whose every string is markup."""
    _need_chromium()
    import uvicorn

    from onrecord.service.record import refresh_record
    from onrecord.store import Store
    from onrecord.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    with Store(path) as store:
        store.write([*example_records, hostile_record])
        refresh_record(store)
    app = create_app(path)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _person(server: str, name: str) -> str:
    import httpx

    rows = httpx.get(f"{server}/api/people", params={"q": name}).json()["rows"]
    return next(r["person_id"] for r in rows if r["name"] == name)


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(params=["desktop"])
def page(request, browser, server):
    """A fresh page (1366×900, or 390×844 where a test asks for "phone") that records dialogs and
    every request it makes."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], is_mobile=request.param == "phone",
                                  has_touch=request.param == "phone")
    p = context.new_page()
    p.set_default_timeout(60_000)
    p.dialogs, p.requests = [], []  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    p.on("request", lambda r: p.requests.append(r.url))  # type: ignore[attr-defined]
    yield p
    context.close()


def _submit(page, server: str, text: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    page.fill("#text", text)
    with page.expect_navigation(url=lambda u: "/articles/" in u):
        page.click("#analyse")


# Every piece of each attribution's content, joined: an event trigger inside a quote splits it.
_CONTENTS_JS = """() => {
  const out = {};
  for (const el of document.querySelectorAll('#article-text span[data-role="content"]')) {
    const id = el.dataset.attr;
    out[id] = out[id] || {text: '', speaker: el.dataset.speaker, type: el.dataset.speakerType, title: el.title};
    out[id].text += el.textContent;
  }
  return out;
}"""


def test_browser_seed_quote_is_highlighted_and_attributed(page, server, seed_text):
    ARTIFACTS.mkdir(exist_ok=True)
    _submit(page, server, seed_text)
    contents = page.evaluate(_CONTENTS_JS)
    quote = [(aid, c) for aid, c in contents.items() if SESSIONS_QUOTE in c["text"]]
    assert quote, "the Sessions quote is highlighted as content"
    aid, c = quote[0]
    assert c["speaker"] == "Jeff Sessions" and c["type"] == "person"
    assert c["title"].startswith("Jeff Sessions (person")
    piece = page.locator(f'#article-text span[data-attr="{aid}"][data-role="content"]').first
    piece.scroll_into_view_if_needed()
    piece.hover()  # app.js lights up every piece of the attribution
    assert "active" in (page.locator(f'#article-text span[data-attr="{aid}"][data-role="source"]').first
                        .get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "article-seed.png"), full_page=True)

    page.locator(f'#said li[data-attr="{aid}"] a.speaker').click()
    page.wait_for_url(f"**/people/{_person(server, 'Jeff Sessions')}")
    assert page.locator("#person-name").inner_text() == "Jeff Sessions"
    assert SESSIONS_QUOTE in page.locator("#statements").inner_text()
    assert page.locator("#conflicts .card.conflict").count() >= 1, "the person page shows their conflicts"
    page.screenshot(path=str(ARTIFACTS / "person-jeff-sessions.png"), full_page=True)
    assert all(u.startswith(server) for u in page.requests), "no request leaves the server (no CDN)"
    assert not page.dialogs


def test_browser_markup_in_an_article_never_runs(page, server):
    text = ('<script>alert("script ran")</script>\n\n'
            'The mayor said on Monday that the bridge <img src=x onerror="alert(\'img ran\')"> would open '
            "next year, according to the city council. Critics said the plan was far too expensive.")
    _submit(page, server, text)
    shown = page.locator("#article-text").inner_text()
    assert '<script>alert("script ran")</script>' in shown
    assert "<img src=x onerror=" in shown
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-hostile.png"), full_page=True)


def test_browser_lists_and_downloads_work_offline(page, server):
    page.goto(server + "/articles")
    assert page.locator("table.data tbody tr").count() >= 1
    with page.expect_download() as info:
        page.click("text=CSV")
    assert info.value.suggested_filename == "articles.csv"
    for path in ("/people", "/outlets", "/events", "/conflicts", "/api", "/search?q=bridge"):
        page.goto(server + path)
        assert page.locator("h1").count() == 1
    assert all(u.startswith(server) for u in page.requests)
    assert not page.dialogs


# Every page a fact-checker opens; {sessions} is filled with the record's id of Jeff Sessions.
PAGES = ["/", "/search?q=never+had+meetings", "/claim?text=Sessions+discussed+the+campaign+with+Kislyak",
         "/articles", "/articles/presstv-sessions-kislyak", "/articles/harbor-bridge-contract", "/people",
         "/people/{sessions}", "/conflicts", "/events", "/outlets", "/api", "/docs", "/articles/hostile"]

# The page's width, and the element reaching furthest right outside any scrolling box (what overflows).
_WIDTH_JS = """() => {
  const vw = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= vw + 1 || (worst && r.right <= worst.right)) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible' && p.getBoundingClientRect().right <= vw + 1) { clipped = true; break; }
    }
    if (!clipped) worst = {right: Math.round(r.right), tag: el.tagName, id: el.id, cls: String(el.className)};
  }
  return {scroll: document.documentElement.scrollWidth, client: vw, worst};
}"""


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_browser_no_page_is_wider_than_the_viewport(page, server):
    """At 1366×900 and at 390×844 every page fits its width: nothing scrolls sideways."""
    sessions = _person(server, "Jeff Sessions")
    checked = []
    for path in PAGES:
        response = page.goto(server + path.format(sessions=sessions))
        assert response is not None and response.status == 200, path
        if path == "/docs":
            page.wait_for_selector(".opblock", timeout=30_000)
        m = page.evaluate(_WIDTH_JS)
        assert m["scroll"] <= m["client"] + 1, \
            f"{path} is {m['scroll']}px wide in a {m['client']}px viewport: {m['worst']}"
        checked.append(path)
    assert len(checked) == len(PAGES)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/conflicts")
    page.screenshot(path=str(ARTIFACTS / f"conflicts-{page.viewport_size['width']}.png"), full_page=True)


def test_browser_docs_renders_the_operations(page, server):
    """/docs is Swagger UI 5 from this server: it reads the OpenAPI 3.1 description and lists operations."""
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    ops = [" ".join(t.split()) for t in page.locator(".opblock-summary-path").all_inner_texts()]
    assert {"/api/articles", "/api/search", "/api/conflicts"} <= set(ops), ops
    assert page.locator(".errors-wrapper").count() == 0
    assert all(u.startswith(server) for u in page.requests), "no CDN"


def test_browser_hostile_strings_never_execute(page, server):
    """Markup in stored fields and in every parameter stays text: no dialog, no script ran."""
    from urllib.parse import quote

    q = quote(HOSTILE)
    paths = ["/articles/hostile", "/people", f"/search?q={q}", "/search?q=Mallory", f"/conflicts?person={q}",
             f"/claim?text={q}", f"/articles?q={q}&outlet={q}", f"/events?actor={q}",
             f"/articles/{quote(HOSTILE, safe='')}", f"/people/{quote(HOSTILE, safe='')}",
             f"/people/{_person(server, 'Mallory Evil')}"]
    for path in paths:
        page.goto(server + path)
        page.wait_for_timeout(100)
        assert page.evaluate("() => window.__pwned === undefined"), f"script ran on {path}"
    assert page.dialogs == []
    page.goto(server + "/articles/hostile")
    assert page.locator("#article-text b, #article-text img, #article-text script").count() == 0
    assert "<script>" in page.locator("#article-text").inner_text()


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_browser_person_page_has_conflicts_on_a_phone(page, server):
    page.goto(server + f"/people/{_person(server, 'Jeff Sessions')}")
    section = page.locator("section#conflicts")
    assert section.count() == 1, "the person page has a conflicts section"
    cards = section.locator(".card.conflict")
    assert cards.count() >= 1
    box = cards.first.bounding_box()
    assert box and 250 < box["width"] <= 390  # one readable column, not a word per line
    dot = page.locator("svg.chart circle").first
    dot.scroll_into_view_if_needed()
    dot.tap()
    assert page.locator("#tip").is_visible(), "a tap shows what a chart mark is (no hover on phones)"
