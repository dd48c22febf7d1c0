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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`onrecord serve`'s app under uvicorn on a free loopback port, in a thread."""
    _need_chromium()
    import uvicorn

    from onrecord.web.app import create_app

    app = create_app(tmp_path_factory.mktemp("browser") / "browser.duckdb")
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


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records dialogs and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    assert c["title"].startswith("Jeff Sessions (person)")
    piece = page.locator(f'#article-text span[data-attr="{aid}"][data-role="content"]').first
    piece.scroll_into_view_if_needed()
    piece.hover()  # app.js lights up every piece of the attribution
    assert "active" in (page.locator(f'#article-text span[data-attr="{aid}"][data-role="source"]').first
                        .get_attribute("class") or "")
    page.screenshot(path=str(ARTIFACTS / "article-seed.png"), full_page=True)

    page.locator(f'#said li[data-attr="{aid}"] a.speaker').click()
    page.wait_for_url("**/people/jeff-sessions")
    assert page.locator("#person-name").inner_text() == "Jeff Sessions"
    assert SESSIONS_QUOTE in page.locator("#statements").inner_text()
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
    for path in ("/people", "/outlets", "/events", "/conflicts", "/api"):
        page.goto(server + path)
        assert page.locator("h1").count() == 1
    assert all(u.startswith(server) for u in page.requests)
    assert not page.dialogs
