"""The CLI end to end, in-process: extract, ingest, export, queries, bad input, exit codes."""
from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from onrecord.cli import cli

pytestmark = pytest.mark.slow


def _run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def by_id_kind(lines: list[dict], id_: str) -> str:
    (line,) = [line for line in lines if line["id"] == id_]
    return line["errors"][0]["kind"]


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_cli_extract_seed_one_contract_line(seed_text, tmp_path):
    path = tmp_path / "presstv-sessions-kislyak.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = _run("extract", "--quiet", str(path))
    assert result.exit_code == 0
    (line,) = _lines(result.stdout)
    assert line["id"] == "presstv-sessions-kislyak"
    assert line["text"] == seed_text
    assert len(line["ignored"]) == 8
    names = [e["name"] for e in line["entities"]]
    for name in ("Jeff Sessions", "Sergey Kislyak", "Donald Trump", "The Washington Post", "The New York Times"):
        assert names.count(name) == 1


def test_cli_extract_bad_inputs_run_goes_on(tmp_path):
    (tmp_path / "a-good.txt").write_text("The minister said on Tuesday that the talks in Geneva had failed.")
    (tmp_path / "b-binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "c-empty.txt").write_bytes(b"")
    (tmp_path / "d-german.txt").write_text("Der Minister sagte am Dienstag, die Verhandlungen in Genf seien gescheitert.")
    (tmp_path / "e-latin1.txt").write_bytes("The café owner said the rent was too high.".encode("latin-1"))
    (tmp_path / "f-broken.html").write_text("<html><body><p>The mayor said the bridge <b>would <i>close")
    (tmp_path / "g-junk.jsonl").write_text('{"text": "The senator said no."}\n{oops\n{"title": "no text"}\n')
    (tmp_path / "h-truncated.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:30])
    (tmp_path / "i-huge.txt").write_bytes(b"The minister said the talks failed. " * 1_450_000)  # ~50 MB
    result = _run("extract", "--quiet", str(tmp_path))
    assert result.exit_code == 0
    lines = _lines(result.stdout)
    assert by_id_kind(lines, "i-huge") == "too_large"
    by_id = {line["id"]: line for line in lines}
    assert not by_id["a-good"]["errors"]
    assert by_id["b-binary"]["errors"][0]["kind"] == "binary"
    assert by_id["c-empty"]["errors"][0]["kind"] == "empty"
    assert by_id["d-german"]["errors"][0]["kind"] == "not_english"
    assert not by_id["e-latin1"]["errors"] and "café" in by_id["e-latin1"]["text"]
    assert sum(1 for line in lines if line["id"].startswith("g-junk")) == 3
    assert all(line["errors"] for line in lines if line["id"].startswith("h-truncated"))
    for line in lines:
        for err in line["errors"]:
            assert err["message"] and err["kind"] and err["stage"]


def test_cli_extract_nothing_readable_exits_nonzero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _run("extract", "--quiet", str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert _lines(result.stdout)[0]["errors"][0]["kind"] == "empty"


def test_cli_extract_stdin():
    result = _run("extract", "--quiet", "-", input="The governor said on Monday that the road would reopen.")
    (line,) = _lines(result.stdout)
    assert line["id"] == "stdin" and not line["errors"]


def test_cli_ingest_voa_twice_same_counts(shared, db_path):
    voa = shared / "data" / "voa" / "voa_stories.jsonl"
    assert _run("ingest", "--quiet", str(voa), "--db", str(db_path)).exit_code == 0
    from onrecord.store import Store

    def counts():
        with Store(db_path, read_only=True) as store:
            return {t: store.count(t) for t in ("articles", "entities", "mentions", "attributions", "events", "errors")}

    first = counts()
    assert first["articles"] == 89
    assert _run("ingest", "--quiet", str(voa), "--db", str(db_path)).exit_code == 0
    assert counts() == first
    with Store(db_path, read_only=True) as store:
        rows = store.query("SELECT count(*) AS n FROM articles WHERE url IS NOT NULL AND title IS NOT NULL "
                           "AND published IS NOT NULL")
    assert rows[0]["n"] == 89


def test_cli_ingest_export_and_queries(seed_text, tmp_path, db_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_text, encoding="utf-8")
    assert _run("ingest", "--quiet", str(tmp_path / "in"), "--db", str(db_path)).exit_code == 0
    exported = _run("export", "--db", str(db_path), "--format", "jsonl")
    (line,) = _lines(exported.stdout)
    assert line["id"] == "seed" and line["text"] == seed_text
    quotes = _run("quotes", "--db", str(db_path), "--speaker", "Jeff Sessions", "--format", "jsonl")
    assert quotes.exit_code == 0
    sources = _run("sources", "--db", str(db_path), "--by", "outlet", "--format", "jsonl")
    assert sources.exit_code == 0
    shown = _run("show", "--db", str(db_path))
    assert "Jeff Sessions" in shown.stdout


def test_cli_every_command_has_help():
    for name, command in cli.commands.items():
        result = _run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help and len(command.help.split()) > 5, name


def test_cli_events_filters_and_gdelt_export(seed_text, tmp_path, db_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_text, encoding="utf-8")
    assert _run("ingest", "--quiet", str(tmp_path / "in"), "--db", str(db_path)).exit_code == 0
    rows = _lines(_run("events", "--db", str(db_path), "--actor", "RUS", "--type", "CONSULT",
                       "--since", "2016-01-01", "--format", "jsonl").stdout)
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    assert all("RUS" in (r["actor_country"], r["recipient_country"]) for r in rows)
    assert any(r["date"] == "2016" for r in rows)  # a year-precision date counts for all of 2016
    assert not _lines(_run("events", "--db", str(db_path), "--type", "CONSULT", "--since", "2017-01-01",
                           "--format", "jsonl").stdout)
    gdelt = tmp_path / "events.tsv"
    assert _run("export", "--db", str(db_path), "--format", "gdelt", "--output", str(gdelt)).exit_code == 0
    header, *lines = gdelt.read_text().splitlines()
    assert "EventCode" in header.split("\t") and "QuadClass" in header.split("\t")
    assert any("\t040\t" in line for line in lines)


def test_cli_extract_brat(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "brat"
    assert _run("extract", "--quiet", "--format", "brat", "--output", str(out), str(path)).exit_code == 0
    ann = (out / "seed.ann").read_text()
    assert (out / "seed.txt").read_text() == seed_text
    assert "\tCue " in ann and "\tContent " in ann and "\tSource " in ann and "\nE1\t" in "\n" + ann


# --- user errors: one line and exit 1, the traceback only with --debug (issue 16) ---------------

def _bad_store(tmp_path, kind: str) -> str:
    import duckdb

    if kind == "missing folder":
        return str(tmp_path / "no" / "such" / "folder" / "x.duckdb")
    path = tmp_path / "x.duckdb"
    if kind == "not duckdb":
        path.write_text("just some text, not a database\n" * 100)
    else:  # truncated: a real store cut in half
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE t AS SELECT range AS x FROM range(200000)")
        con.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return str(path)


@pytest.mark.parametrize("kind,words", [("missing folder", "no folder"), ("not duckdb", "not a DuckDB store"),
                                        ("truncated", "damaged")])
def test_cli_bad_store_is_one_line(tmp_path, kind, words):
    text = tmp_path / "a.txt"
    text.write_text("The governor said on Monday that the road would reopen.")
    db = _bad_store(tmp_path, kind)
    for args in (["ingest", "--quiet", str(text), "--db", db], ["export", "--db", db]):
        if kind == "missing folder" and args[0] == "export":
            continue   # export's own check: no store at that path
        result = _run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("Error:") and words in line


def test_cli_debug_shows_the_traceback(tmp_path):
    from onrecord.store.db import StoreError

    db = _bad_store(tmp_path, "not duckdb")
    with pytest.raises(StoreError):
        _run("--debug", "export", "--db", db)


def test_cli_missing_output_folder_is_one_line(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("The governor said on Monday that the road would reopen.")
    result = _run("extract", "--quiet", str(text), "-o", str(tmp_path / "no" / "out.jsonl"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "No such file or directory" in line and "out.jsonl" in line


def test_cli_locked_store_names_the_holder(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "x.duckdb"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, duckdb; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
                               "sys.stdin.read()", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        text = tmp_path / "a.txt"
        text.write_text("The governor said on Monday that the road would reopen.")
        result = _run("ingest", "--quiet", str(text), "--db", str(db))
        assert result.exit_code == 1 and "Traceback" not in result.output
        (line,) = result.stderr.strip().splitlines()
        assert f"pid {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()


def test_cli_ray_address_nobody_answers_fails_fast_without_the_store(tmp_path):
    pytest.importorskip("ray")
    import time

    text = tmp_path / "a.txt"
    text.write_text("The governor said on Monday that the road would reopen.")
    db = tmp_path / "x.duckdb"
    start = time.monotonic()
    result = _run("ingest", "--quiet", str(text), "--db", str(db), "--engine", "ray", "--address", "127.0.0.1:1")
    assert time.monotonic() - start < 30
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no Ray cluster answers at 127.0.0.1:1" in result.stderr
    assert not db.exists()   # refused before the store was opened (so no lock was held)
