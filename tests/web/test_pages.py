"""HTML pages on the same store as the API tests: highlights, lists, person pages, charts."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

SEED_ID = "presstv-sessions-kislyak"
SESSIONS_QUOTE = "I never had meetings with Russian operatives"
HTML = {"accept": "text/html"}

pytestmark = pytest.mark.slow  # the store is seeded through the spaCy pipeline


class Spans(HTMLParser):
    """Collects highlighted spans: (attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[dict[str, str | None], str]] = []
        self._stack: list[dict[str, str | None] | None] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag == "span":
            d = dict(attrs)
            self._stack.append(d if "data-attr" in d else None)
            if "data-attr" in d:
                self.found.append((d, ""))

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "span" and self._stack:
            self._stack.pop()

    def handle_data(self, data):  # noqa: ANN001
        if self._stack and self._stack[-1] is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)


def highlights(html: str) -> list[tuple[dict[str, str | None], str]]:
    """Highlighted pieces, consecutive pieces of one attribution's role joined (a trigger splits a quote)."""
    p = Spans()
    p.feed(html)
    joined: list[tuple[dict[str, str | None], str]] = []
    for attrs, text in p.found:
        last = joined[-1][0] if joined else None
        if last and (last["data-attr"], last["data-role"]) == (attrs["data-attr"], attrs["data-role"]):
            joined[-1] = (joined[-1][0], joined[-1][1] + text)
        else:
            joined.append((attrs, text))
    return joined


def person_id(client, name: str) -> str:
    rows = client.get("/api/people", params={"q": name}).json()["rows"]
    hits = [r["person_id"] for r in rows if r["name"] == name]
    assert hits, f"{name} is in the record"
    return hits[0]


def test_home_has_the_three_inputs(client):
    html = client.get("/", headers=HTML).text
    assert 'action="/analyse"' in html and 'enctype="multipart/form-data"' in html
    for name in ('name="text"', 'name="file"', 'name="url"'):
        assert name in html
    assert "3 articles" in html


def test_article_page_highlights_the_sessions_quote(client):
    html = client.get(f"/articles/{SEED_ID}", headers=HTML).text
    quote = [(a, t) for a, t in highlights(html) if SESSIONS_QUOTE in t]
    assert quote, "the quote is a highlighted span"
    attrs, _ = quote[0]
    assert attrs["data-role"] == "content"
    assert attrs["data-speaker"] == "Jeff Sessions"
    assert attrs["data-speaker-type"] == "person"
    assert attrs["title"].startswith("Jeff Sessions (person")
    # its source and cue are highlighted in the same speaker colour
    same = [a for a, _ in highlights(html) if a["data-attr"] == attrs["data-attr"]]
    assert {a["data-role"] for a in same} >= {"source", "cue", "content"}
    colour = [c for c in attrs["class"].split() if c.startswith("sp-")]
    assert all(colour[0] in a["class"].split() for a in same)


def test_article_page_text_is_the_whole_text(client, example_records):
    seed = next(r for r in example_records if r.id == SEED_ID)
    html = client.get(f"/articles/{SEED_ID}", headers=HTML).text
    body = html.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    plain = re.sub(r"<[^>]+>", "", body)
    import html as html_mod

    assert html_mod.unescape(plain) == seed.text


def test_article_page_lists_who_said_what_linking_to_spans_and_people(client):
    html = client.get(f"/articles/{SEED_ID}", headers=HTML).text
    said = html.split('id="said"', 1)[1].split("</section>", 1)[0]
    assert f'href="/people/{person_id(client, "Jeff Sessions")}"' in said
    for aid in re.findall(r'href="#(A\d+)"', said):
        assert f'id="{aid}"' in html, f"{aid} links to its span"


def test_article_page_events_link_to_their_triggers(client):
    html = client.get(f"/articles/{SEED_ID}", headers=HTML).text
    events = html.split('id="events"', 1)[1].split("</section>", 1)[0]
    ids = re.findall(r'href="#(V\d+)"', events)
    assert ids
    assert all(f'id="{v}"' in html for v in ids)


def test_article_page_marks_a_requested_span(client, example_records):
    seed = next(r for r in example_records if r.id == SEED_ID)
    start = seed.text.index(SESSIONS_QUOTE)
    html = client.get(f"/articles/{SEED_ID}?mark={start}-{start + 10}", headers=HTML).text
    assert 'id="mark"' in html and "marked" in html


def test_article_page_404(client):
    r = client.get("/articles/not-here", headers=HTML)
    assert r.status_code == 404 and "not-here" in r.text and "<html" in r.text


def test_articles_page_searches(client):
    html = client.get("/articles?q=Kislyak", headers=HTML).text
    assert f"/articles/{SEED_ID}" in html and "harbor-bridge" not in html
    assert "/api/articles?q=Kislyak&amp;download=csv" in html


def test_people_page_lists_people_only_by_record_id(client):
    html = client.get("/people", headers=HTML).text
    assert f'href="/people/{person_id(client, "Jeff Sessions")}"' in html
    linked = re.findall(r'href="/people/([^"?]+)"', html)
    assert linked and all(i.startswith("P") for i in linked)  # persons, never organisations (O...)


def test_people_page_sorts_by_a_column(client):
    by_name = client.get("/people?sort=name", headers=HTML).text
    names = re.findall(r'href="/people/P[^"]+">([^<]+)</a>', by_name)
    assert len(names) >= 2 and names == sorted(names, key=str.lower)
    assert 'aria-sort="ascending"' in by_name and "sort=-name" in by_name


def test_person_page_shows_statements_timeline_and_conflicts(client):
    html = client.get(f"/people/{person_id(client, 'Jeff Sessions')}", headers=HTML).text
    assert '<h1 id="person-name">Jeff Sessions</h1>' in html
    assert SESSIONS_QUOTE in html
    assert "<svg" in html
    assert f"/articles/{SEED_ID}?mark=" in html
    conflicts = html.split('<section id="conflicts">', 1)[1].split("</section>", 1)[0]
    assert conflicts.count('class="card conflict"') >= 1 and "Why flagged" in conflicts
    assert "Sergey Kislyak" in conflicts


def test_outlets_page_charts_anonymous_share(client):
    html = client.get("/outlets", headers=HTML).text
    assert "Press TV" in html and "<svg" in html


def test_events_page_filters_and_charts(client):
    html = client.get("/events", headers=HTML).text
    assert "<svg" in html and "<select name=\"type\">" in html
    kind = re.search(r"<option>([A-Z]+)</option>", html).group(1)
    filtered = client.get(f"/events?type={kind}", headers=HTML).text
    assert f"<option selected>{kind}</option>" in filtered


def test_conflicts_page_shows_cards_with_both_sides(client):
    html = client.get("/conflicts", headers=HTML).text
    cards = html.split('class="card conflict"')[1:]
    assert cards
    for card in cards:
        assert card.count('class="side"') == 2 and "Why flagged" in card
    assert f"/articles/{SEED_ID}?mark=" in html


def test_conflicts_page_filters(client):
    every = client.get("/api/conflicts").json()["total"]
    kinds = client.get("/conflicts?kind=self_contradiction", headers=HTML).text
    assert kinds.count('class="card conflict"') == client.get(
        "/api/conflicts", params={"kind": "self_contradiction"}).json()["total"] <= every
    strong = client.get("/api/conflicts", params={"min_score": 0.99}).json()
    assert all(c["score"] >= 0.99 for c in strong["rows"])
    who = client.get("/api/conflicts", params={"person": "Jeff Sessions"}).json()
    assert who["rows"] and all("Jeff Sessions" in c["about"] for c in who["rows"])
    bad = client.get("/conflicts?date_from=abc&page=abc", headers=HTML)
    assert bad.status_code == 200 and "not a date" in bad.text


def test_search_page_finds_statements(client):
    html = client.get("/search?q=never+had+meetings", headers=HTML).text
    assert 'class="hit hit-statement"' in html and f"/articles/{SEED_ID}?mark=" in html
    assert 'id="search-counts"' in html


def test_pages_answer_bad_parameters_with_pages(client):
    for path in ("/articles?page=abc", "/events?date_from=abc", "/people?page=-3", "/search?q=%00"):
        r = client.get(path, headers=HTML)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path


def test_api_reference_page_lists_routes(client):
    html = client.get("/api", headers=HTML).text
    assert "/api/extract" in html and "/api/articles/{article_id}" in html
    assert "needs network" not in html and "/api/search" in html


def test_form_paste_stores_and_redirects(make_client, seed_text):
    c = make_client()
    r = c.post("/analyse", data={"text": seed_text, "save": "1", "outlet": "Press TV"}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"], headers=HTML)
    assert page.status_code == 200 and SESSIONS_QUOTE in page.text
    assert c.get("/api/articles").json()["rows"][0]["outlet"] == "Press TV"
    # the write rebuilt the record: the person and the conflicts are there at once, nothing stale
    assert c.get("/api/stats").json()["record"] is None
    assert c.get("/api/people", params={"q": "Sessions"}).json()["total"] >= 1
    assert c.get("/api/conflicts").json()["total"] >= 1


def test_form_without_save_shows_but_does_not_store(make_client, seed_text):
    c = make_client()
    r = c.post("/analyse", data={"text": seed_text, "save": "0"})
    assert r.status_code == 200 and "not stored" in r.text and 'data-speaker="Jeff Sessions"' in r.text
    assert c.get("/api/articles").json()["total"] == 0
    # its own conflicts are found (the seed's denial against the ambassador's account)
    assert re.search(r"Conflicts \(([1-9]\d*)\)", r.text), "the unstored article's conflicts are shown"


def test_form_upload_reads_the_file_like_the_cli(make_client, seed_text):
    c = make_client()
    r = c.post("/analyse", data={"save": "1"}, files={"file": ("presstv-sessions-kislyak.txt", seed_text.encode())},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{SEED_ID}"


def test_form_empty_is_explained(make_client):
    r = make_client().post("/analyse", data={"text": "", "save": "1"})
    assert r.status_code == 422 and "Paste a text" in r.text


def test_stale_record_is_said_on_every_page_and_rebuilt_on_request(make_client, hostile_record, tmp_path):
    """Pages never rebuild the record themselves: they say it is stale; the button rebuilds it."""
    from onrecord.store import Store

    path = tmp_path / "stale.duckdb"
    with Store(path) as store:
        store.write([hostile_record])  # articles written, no record built
    c = make_client(path=path)
    for page in ("/", "/people", "/conflicts"):
        html = c.get(page, headers=HTML).text
        assert "has not been built" in html and 'action="/record/rebuild"' in html, page
    assert c.get("/api/stats").json()["record"] and c.get("/api/people").json()["total"] == 0
    r = c.post("/record/rebuild", headers={**HTML, "referer": "http://127.0.0.1/people"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "http://127.0.0.1/people"
    assert c.get("/api/stats").json()["record"] is None
    assert c.get("/api/people").json()["total"] == 1
    assert "has not been built" not in c.get("/people", headers=HTML).text
