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


def person_id(client, name: str) -> str:
    """The record's id of the person named NAME (looked up, never derived from the name)."""
    rows = client.get("/api/people", params={"q": name}).json()["rows"]
    hits = [r["person_id"] for r in rows if r["name"] == name]
    assert hits, f"{name} is in the record"
    return hits[0]


def test_api_article_unknown_is_404_json(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert r.json()["error"]["kind"] == "not_found" and "no-such-article" in r.json()["error"]["message"]


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
    assert r.json()["error"]["kind"] == "empty"


def test_api_store_then_read_back(make_client, seed_text):
    c = make_client()
    r = c.post("/api/articles", json={"text": seed_text, "id": "stored-seed", "outlet": "Press TV",
                                      "published": "2017-07-21"})
    assert r.status_code == 201
    assert r.json()["meta"]["outlet"] == "Press TV"
    assert c.get("/api/articles/stored-seed").json() == r.json()
    assert c.get("/api/articles").json()["total"] == 1


def test_api_people_are_the_records_people(client):
    from onrecord.service.queries import load_people

    data = client.get("/api/people").json()
    with client.app.state.db.reader() as store:
        expected = load_people(store)  # what `onrecord people` lists
    assert [r["person_id"] for r in data["rows"]] == [p["person_id"] for p in expected]
    assert data["total"] == client.get("/api/stats").json()["people"] == len(expected)
    sessions = next(r for r in data["rows"] if r["name"] == "Jeff Sessions")
    assert sessions["person_id"].startswith("P") and sessions["n_claims"] >= 1
    assert client.get("/api/people", params={"q": "kisl"}).json()["rows"][0]["name"] == "Sergey Kislyak"


def test_api_person_has_statements_events_and_conflicts(client):
    p = client.get(f"/api/people/{person_id(client, 'Jeff Sessions')}").json()
    assert p["name"] == "Jeff Sessions"
    said = [s["text"] for s in p["statements"]["rows"]]
    assert any(SESSIONS_QUOTE in s for s in said)
    assert all(s["article_id"] == SEED_ID for s in p["statements"]["rows"])
    assert p["events"]["total"] == len(p["events"]["rows"])
    assert p["conflicts"] and all("Jeff Sessions" in c["about"] for c in p["conflicts"])


def test_api_person_unknown_is_404(client):
    r = client.get("/api/people/nobody-at-all")
    assert r.status_code == 404 and r.json()["error"]["kind"] == "not_found"


def test_api_outlets(client):
    rows = {r["outlet"]: r for r in client.get("/api/outlets").json()["rows"]}
    press = rows["Press TV"]
    assert press["n_articles"] == 1 and press["n_attributions"] >= 1
    assert 0 <= press["share_anonymous"] <= 1
    assert any(s.startswith("Jeff Sessions") for s in press["top_sources"])
    assert all(set(r) >= {"outlet", "n_articles"} for r in rows.values())


def test_api_events_filter_by_type(client):
    everything = client.get("/api/events").json()
    assert everything["total"] >= 1
    kind = everything["rows"][0]["type"]
    only = client.get("/api/events", params={"type": kind}).json()
    assert only["total"] >= 1 and {r["type"] for r in only["rows"]} == {kind}
    assert client.get("/api/events", params={"type": "NO_SUCH_TYPE"}).json()["total"] == 0


def test_api_conflicts_shape(client):
    data = client.get("/api/conflicts").json()
    assert set(data) >= {"total", "rows"} and data["per_page"] == 50
    assert data["rows"], "the example store has conflicts"
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


def test_api_person_download_statements_csv(client):
    r = client.get(f"/api/people/{person_id(client, 'Jeff Sessions')}", params={"download": "csv", "table": "statements"})
    assert r.status_code == 200
    assert r.text.splitlines()[0].startswith("published,article_id,title")
    assert SESSIONS_QUOTE in r.text


def test_api_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/extract", "/api/people",
              "/api/people/{person_id}", "/api/conflicts", "/api/events", "/api/outlets"):
        assert p in paths
    assert "post" in paths["/api/articles"]


def test_api_docs_page_needs_no_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/swagger5/swagger-ui-bundle.js" in page.text and "<script>" not in page.text
    assert "cdn." not in page.text and "unpkg" not in page.text
    bundle = client.get("/static/swagger5/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and '"5.' in bundle.text  # Swagger UI 5 reads OpenAPI 3.1
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")


def test_api_openapi_documents_errors_and_responses(client):
    spec = client.get("/openapi.json").json()
    assert "ErrorEnvelope" in spec["components"]["schemas"]
    ops = [(p, m, op) for p, ms in spec["paths"].items() for m, op in ms.items()]
    assert ops
    for path, method, op in ops:
        assert "422" in op["responses"], (path, method)
        assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorEnvelope")
    assert "404" in spec["paths"]["/api/people/{person_id}"]["get"]["responses"]
    assert "409" in spec["paths"]["/api/articles"]["post"]["responses"]


@pytest.mark.parametrize(("path", "params", "kind"), [
    ("/api/articles", {"page": "abc"}, "invalid"),
    ("/api/articles", {"date_from": "abc"}, "invalid_date"),
    ("/api/events", {"date_to": "yesterday"}, "invalid_date"),
    ("/api/conflicts", {"kind": "nonsense"}, "invalid"),
    ("/api/search", {}, "invalid"),
    ("/api/nowhere", {}, "not_found"),
])
def test_api_errors_are_one_envelope(client, path, params, kind):
    r = client.get(path, params=params)
    assert 400 <= r.status_code < 500
    assert r.json() == {"error": {"kind": kind, "message": r.json()["error"]["message"]}}


def test_api_events_match_the_cli(make_client, seeded_store, tmp_path):
    """`onrecord events --since/--until` and /api/events are one query: the same rows."""
    import json as json_
    import shutil

    from click.testing import CliRunner

    from onrecord.cli import cli

    db = tmp_path / "events.duckdb"
    shutil.copy(seeded_store, db)  # the module's app holds the original open
    outputs = {}

    ranges = [("2016-01-01", "2016-12-31"), ("2017-07-01", "2017-07-31"), ("2000-01-01", "2030-12-31")]
    for since, until in ranges:
        out = CliRunner().invoke(cli, ["events", "--db", str(db), "--since", since, "--until", until,
                                       "--format", "jsonl"])
        assert out.exit_code == 0, out.output
        outputs[since] = [json_.loads(line) for line in out.output.splitlines()]
    client = make_client(path=db, read_only=True)
    seen = 0
    for since, until in ranges:
        cli_rows = outputs[since]
        api = client.get("/api/events", params={"date_from": since, "date_to": until, "per_page": 500}).json()
        assert sorted((r["article_id"], r["event_id"]) for r in cli_rows) == \
            sorted((r["article_id"], r["event_id"]) for r in api["rows"])
        seen += len(cli_rows)
    assert seen, "some range holds events"


def test_api_search_finds_statements_claims_and_articles(client):
    data = client.get("/api/search", params={"q": "never had meetings"}).json()
    kinds = {r["kind"] for r in data["rows"]}
    assert {"statement", "claim", "article"} <= kinds
    assert data["counts"]["article"] >= 1 and data["total"] == sum(data["counts"].values())
    hit = next(r for r in data["rows"] if r["kind"] == "statement")
    assert hit["article_id"] == SEED_ID and "never had meetings" in hit["snippet"].lower()
    assert client.get("/api/search", params={"q": "zzzznotaword"}).json()["total"] == 0


def test_api_a_large_write_records_in_the_background(make_client, seed_text):
    import time

    c = make_client()
    db = c.app.state.db
    db.SYNC_UPDATE_MAX = 0  # as for a write too large to record within the request
    assert c.post("/api/articles", json={"text": seed_text, "id": "bg"}).status_code == 201
    deadline = time.monotonic() + 300
    while db.rebuilding:
        assert time.monotonic() < deadline, "the rebuild finishes"
        time.sleep(0.2)
    assert c.get("/api/stats").json()["record"] is None
    assert c.get("/api/conflicts").json()["total"] >= 1


def test_api_store_same_text_keeps_its_id(make_client, seed_text):
    c = make_client()
    first = c.post("/api/articles", json={"text": seed_text})
    assert first.status_code == 201
    again = c.post("/api/articles", json={"text": seed_text, "title": "A new title"})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    clash = c.post("/api/articles", json={"text": seed_text, "id": "another-name"})
    assert clash.status_code == 409 and first.json()["id"] in clash.json()["error"]["message"]
    assert c.get("/api/articles").json()["total"] == 1


@pytest.mark.parametrize(("given", "stored", "warned"), [
    ("March 14, 2025", "2025-03-14", False), ("2025", "2025", False), ("yesterday", None, True)])
def test_api_published_is_read_by_the_date_parser(make_client, seed_text, given, stored, warned):
    c = make_client()
    r = c.post("/api/articles", json={"text": seed_text, "id": "dated", "published": given})
    assert r.status_code == 201
    assert r.json()["meta"]["published"] == stored
    assert any(e["kind"] == "bad_date" and given in e["message"] for e in r.json()["errors"]) is warned
    pid = c.get("/api/people", params={"q": "Sessions"}).json()["rows"][0]["person_id"]
    assert c.get(f"/people/{pid}", headers={"accept": "text/html"}).status_code == 200


def test_api_lone_surrogate_is_not_a_500(make_client):
    c = make_client()
    body = ('{"text": "The mayor said on Monday that the bridge would open next year, according to the '
            'city council. \\ud800 The council said it would vote against the plan."}')
    r = c.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200 and "\ufffd" in r.json()["text"]
