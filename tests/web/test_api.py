"""The JSON API on a real store of the examples: contract lines, lists, filters, downloads."""
from __future__ import annotations

import csv
import io
import json

import pytest

from onrecord.model import Record

SEED_ID = "presstv-sessions-kislyak"
SESSIONS_QUOTE = "I never had meetings with Russian operatives"

pytestmark = pytest.mark.slow  # the store is seeded through the spaCy pipeline


def test_api_articles_lists_the_examples(client):
    data = client.get("/api/articles").json()
    assert data["total"] == 3
    assert {r["id"] for r in data["rows"]} == {SEED_ID, "harbor-bridge-contract", "harbor-bridge-followup"}
    assert "record" not in data["rows"][0] and "text" not in data["rows"][0]


def test_api_article_is_the_contract_line(client, example_records):
    expected = next(r for r in example_records if r.id == SEED_ID).to_dict()
    got = client.get(f"/api/articles/{SEED_ID}").json()
    assert got == json.loads(json.dumps(expected))
    assert Record.from_dict(got).to_dict() == got


def test_api_article_unknown_is_404_json(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert "no-such-article" in r.json()["detail"]


@pytest.mark.parametrize(("params", "ids"), [
    ({"q": "kislyak"}, {SEED_ID}),
    ({"q": "KISLYAK"}, {SEED_ID}),
    ({"q": "Harbor Gazette"}, {"harbor-bridge-contract"}),
    ({"outlet": "Press TV"}, {SEED_ID}),
    ({"date_from": "2017-07-01", "date_to": "2017-07-31"}, {SEED_ID}),
    ({"q": "no such words anywhere"}, set()),
])
def test_api_articles_filters(client, params, ids):
    assert {r["id"] for r in client.get("/api/articles", params=params).json()["rows"]} == ids


def test_api_articles_paginates(client):
    first = client.get("/api/articles", params={"per_page": 2}).json()
    second = client.get("/api/articles", params={"per_page": 2, "page": 2}).json()
    assert (first["total"], first["pages"], len(first["rows"]), len(second["rows"])) == (3, 2, 2, 1)
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}


def test_api_extract_returns_the_line_without_storing(client, seed_text):
    before = client.get("/api/stats").json()["articles"]
    r = client.post("/api/extract", json={"text": seed_text, "id": "pasted-seed"})
    assert r.status_code == 200
    line = r.json()
    assert line["id"] == "pasted-seed" and line["text"] == seed_text
    assert set(line) >= {"id", "text", "meta", "ignored", "entities", "attributions", "events", "errors"}
    quote = [a for a in line["attributions"]
             if any(SESSIONS_QUOTE in seed_text[s:e] for s, e in a["content"])]
    assert quote, "the Sessions quote is attributed"
    assert client.get("/api/stats").json()["articles"] == before


def test_api_extract_html(client):
    html = ("<html><head><title>Bridge</title></head><body><article><h1>Bridge vote</h1>"
            "<p>The mayor said on Monday that the bridge would open next year, according to the city.</p>"
            "<p>Council members said they would vote against the plan because it costs too much money.</p>"
            "</article></body></html>")
    r = client.post("/api/extract", json={"html": html, "id": "bridge-html"})
    assert r.status_code == 200, r.text
    assert "the bridge would open" in r.json()["text"]


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "https://example.org/"}, {"title": "only a title"}])
def test_api_extract_needs_exactly_one_input(client, body):
    assert client.post("/api/extract", json=body).status_code == 422


def test_api_extract_unreadable_text_is_422_with_errors(client):
    r = client.post("/api/extract", json={"text": "   "})
    assert r.status_code == 422
    assert r.json()["errors"][0]["kind"] == "empty"


def test_api_store_then_read_back(make_client, seed_text):
    c = make_client()
    r = c.post("/api/articles", json={"text": seed_text, "id": "stored-seed", "outlet": "Press TV",
                                      "published": "2017-07-21"})
    assert r.status_code == 201
    assert r.json()["meta"]["outlet"] == "Press TV"
    assert c.get("/api/articles/stored-seed").json() == r.json()
    assert c.get("/api/articles").json()["total"] == 1


def test_api_people_lists_named_people(client):
    rows = client.get("/api/people").json()["rows"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["jeff-sessions"]["name"] == "Jeff Sessions"
    assert by_id["jeff-sessions"]["n_statements"] >= 1
    assert client.get("/api/people", params={"q": "kisl"}).json()["rows"][0]["id"] == "sergey-kislyak"


def test_api_person_has_statements_and_events(client):
    p = client.get("/api/people/jeff-sessions").json()
    assert p["name"] == "Jeff Sessions"
    said = [s["content_text"] for s in p["statements"]["rows"]]
    assert any(SESSIONS_QUOTE in s for s in said)
    assert all(s["article_id"] == SEED_ID for s in p["statements"]["rows"])
    assert p["events"]["total"] == len(p["events"]["rows"])


def test_api_person_unknown_is_404(client):
    assert client.get("/api/people/nobody-at-all").status_code == 404


def test_api_outlets(client):
    rows = {r["outlet"]: r for r in client.get("/api/outlets").json()["rows"]}
    press = rows["Press TV"]
    assert press["n_articles"] == 1 and press["n_attributions"] >= 1
    assert 0 <= press["share_anonymous"] <= 1
    assert any(s.startswith("Jeff Sessions") for s in press["top_sources"])


def test_api_events_filter_by_type(client):
    everything = client.get("/api/events").json()
    assert everything["total"] >= 1
    kind = everything["rows"][0]["type"]
    only = client.get("/api/events", params={"type": kind}).json()
    assert only["total"] >= 1 and {r["type"] for r in only["rows"]} == {kind}
    assert client.get("/api/events", params={"type": "NO_SUCH_TYPE"}).json()["total"] == 0


def test_api_conflicts_shape(client):
    data = client.get("/api/conflicts").json()
    assert set(data) >= {"total", "rows"}
    for c in data["rows"]:
        assert {"id", "kind", "score", "about", "a", "b"} <= set(c)
        for side in (c["a"], c["b"]):
            assert {"article", "span", "text", "claimant"} <= set(side)


def test_api_download_csv_is_the_whole_table(client):
    r = client.get("/api/articles", params={"download": "csv", "per_page": 1})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 3 and "title" in rows[0]


def test_api_download_json(client):
    r = client.get("/api/events", params={"download": "json"})
    assert "attachment" in r.headers["content-disposition"]
    assert len(r.json()) == client.get("/api/events").json()["total"]


def test_api_person_download_events_csv(client):
    r = client.get("/api/people/jeff-sessions", params={"download": "csv", "table": "statements"})
    assert r.status_code == 200
    assert r.text.splitlines()[0].startswith("article_id,attribution_id")


def test_api_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/extract", "/api/people",
              "/api/people/{person_id}", "/api/conflicts", "/api/events", "/api/outlets"):
        assert p in paths
    assert "post" in paths["/api/articles"]


def test_api_docs_page_needs_no_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in page.text
    assert "cdn." not in page.text and "unpkg" not in page.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]
