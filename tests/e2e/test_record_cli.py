"""`onrecord people | person | conflicts | claim` on a real DuckDB file: the seed and the Harlow story
ingested with `onrecord ingest`, then every record command run in-process."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import cli

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "story"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory, seed_text) -> Path:
    root = tmp_path_factory.mktemp("record_cli")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "seed.jsonl").write_text(json.dumps({"id": "presstv-sessions-kislyak", "text": seed_text,
                                                   "published": "2017-07-21"}) + "\n", encoding="utf-8")
    meta = json.loads((STORY / "meta.json").read_text(encoding="utf-8"))
    with (inputs / "story.jsonl").open("w", encoding="utf-8") as f:
        for path in sorted(STORY.glob("*.txt")):
            f.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8"), **meta[path.stem]}) + "\n")
    db = root / "record.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _need_attributions(db: Path) -> None:
    from onrecord.store import Store

    with Store(db, read_only=True) as store:
        assert store.count("attributions"), "the ingest found statements to build a record from"


@pytest.mark.slow
def test_record_cli_conflicts_jsonl_seed_first(store_file: Path, seed_text: str) -> None:
    _need_attributions(store_file)
    lines = _run("conflicts", "--db", str(store_file), "--format", "jsonl").splitlines()
    first = json.loads(lines[0])
    assert first["id"] == "C1" and first["kind"] == "denial_vs_report"
    assert {"id", "kind", "score", "about", "a", "b"} <= set(first)
    assert {first["a"]["claimant"], first["b"]["claimant"]} == {"Jeff Sessions", "Sergey Kislyak"}
    assert first["about"][:2] == ["Jeff Sessions", "Sergey Kislyak"]
    for side in ("a", "b"):
        assert first[side]["article"] == "presstv-sessions-kislyak"
        assert {"article", "span", "text", "claimant", "attribution", "event"} <= set(first[side])
    a = " ".join(seed_text[s:e] for s, e in first["a"]["span"])
    b = " ".join(seed_text[s:e] for s, e in first["b"]["span"])
    assert "denied discussing" in a or "never had meetings" in a
    assert "he discussed campaign-related matters with Sessions" in b
    assert first["a"]["text"] in a and first["b"]["text"].split(" … ")[0] in b
    scores = [json.loads(line)["score"] for line in lines]
    assert scores == sorted(scores, reverse=True)
    kinds = {(d["kind"], d["a"]["claimant"], d["b"]["claimant"]) for d in map(json.loads, lines)}
    assert ("self_contradiction", "Daniel Price", "Daniel Price") in kinds
    assert ("account_vs_account", "David Okafor", "Samuel Reyes") in kinds


@pytest.mark.slow
def test_record_cli_conflicts_for_person(store_file: Path) -> None:
    _need_attributions(store_file)
    lines = _run("conflicts", "--db", str(store_file), "--person", "Daniel Price", "--format", "jsonl").splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows and all("Daniel Price" in d["about"] for d in rows)
    assert not _run("conflicts", "--db", str(store_file), "--person", "Maria Okafor", "--format", "jsonl").strip()
    text = _run("conflicts", "--db", str(store_file))
    assert text.startswith("C1 denial_vs_report") and "Sergey Kislyak" in text


@pytest.mark.slow
def test_record_cli_people_lists_namesakes_apart(store_file: Path) -> None:
    _need_attributions(store_file)
    out = _run("people", "--db", str(store_file))
    assert "Jeff Sessions" in out and "Daniel Price" in out
    assert "Maria Okafor" in out and "David Okafor" in out
    rows = [json.loads(line) for line in _run("people", "--db", str(store_file), "--format", "jsonl").splitlines()]
    price = next(r for r in rows if r["name"] == "Daniel Price")
    assert price["n_articles"] == 5 and price["n_claims"] >= 3 and price["n_conflicts"] >= 2


@pytest.mark.slow
def test_record_cli_person_statements_events_conflicts(store_file: Path) -> None:
    _need_attributions(store_file)
    out = _run("person", "Jeff Sessions", "--db", str(store_file))
    assert out.startswith("Jeff Sessions")
    assert "Statements (" in out and "Events (" in out and "Conflicts (" in out
    assert "denied discussing election-related issues" in " ".join(out.split())
    d = json.loads(_run("person", "Sessions", "--db", str(store_file), "--format", "jsonl"))
    assert d["person"]["name"] == "Jeff Sessions"
    assert d["statements"] and all(s["claimant_id"] == d["person"]["person_id"] for s in d["statements"])
    assert d["events"] and d["conflicts"][0]["id"] == "C1"
    price = json.loads(_run("person", "Daniel Price", "--db", str(store_file), "--format", "jsonl"))
    dates = [s["published"] for s in price["statements"]]
    assert len(set(dates)) >= 2 and dates == sorted(dates)
    assert {c["kind"] for c in price["conflicts"]} == {"denial_vs_report", "self_contradiction"}


@pytest.mark.slow
def test_record_cli_claim_finds_support_and_dispute(store_file: Path, seed_text: str) -> None:
    _need_attributions(store_file)
    out = _run("claim", "Sessions discussed the campaign with Kislyak", "--db", str(store_file), "--format", "jsonl")
    hits = [json.loads(line) for line in out.splitlines()]
    disputes = [h for h in hits if h["verdict"] == "disputes" and h["claimant"] == "Jeff Sessions"]
    assert disputes, hits
    for h in hits:
        if h["article"] == "presstv-sessions-kislyak":
            assert " … ".join(seed_text[s:e].strip() for s, e in h["span"]) == h["text"] or h["claim"] is None
    assert "dispute" in _run("claim", "Sessions discussed the campaign with Kislyak", "--db", str(store_file))


@pytest.mark.slow
def test_record_cli_reads_never_rebuild_the_record(store_file: Path, tmp_path: Path) -> None:
    """A read command answers from the stored record, says in one line when it is stale, and
    never writes; `onrecord rebuild` brings it up to date."""
    from onrecord.store import Store
    from onrecord.store.record_tables import fingerprint, is_stale

    db = tmp_path / "copy.duckdb"
    shutil.copy(store_file, db)
    with Store(db, read_only=True) as store:
        assert not is_stale(store)  # `onrecord ingest` built it
    with Store(db) as store:  # an article gone behind the record's back makes it stale
        store.con.execute("DELETE FROM articles WHERE id = '04-courier-repeats'")
        assert is_stale(store)
        stamp = store.query("SELECT value FROM meta WHERE name = 'record_fingerprint'")[0]["value"]
        n = store.query("SELECT count(*) AS n FROM conflicts")[0]["n"]
    assert n
    for command in (["conflicts"], ["people"], ["person", "Daniel Price"], ["show"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db)])
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.stderr.splitlines() if "onrecord rebuild" in line]
        assert len(warnings) == 1 and "older than the stored articles" in warnings[0], command
    with Store(db, read_only=True) as store:  # nothing was written by the reads
        assert is_stale(store)
        assert store.query("SELECT value FROM meta WHERE name = 'record_fingerprint'")[0]["value"] == stamp
        assert store.query("SELECT count(*) AS n FROM conflicts")[0]["n"] == n
    _run("rebuild", "--db", str(db))
    with Store(db, read_only=True) as store:
        assert not is_stale(store)
        assert store.query("SELECT value FROM meta WHERE name = 'record_fingerprint'")[0]["value"] == fingerprint(store)
        assert store.query("SELECT count(*) AS n FROM conflicts")[0]["n"] <= n
    fresh = CliRunner().invoke(cli, ["conflicts", "--db", str(db)])
    assert fresh.exit_code == 0 and "onrecord rebuild" not in fresh.stderr


def test_record_cli_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["conflicts", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "onrecord ingest" in result.output
