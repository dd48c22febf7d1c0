"""Corpora for the scale tests, written as real files in tmp_path (JSONL, WARC, Parquet).

The articles are generated from templates (no shared text is copied): short wire-style
stories with quotes, reported speech and events, varied by a seeded random generator.
"""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import duckdb
import pytest

PEOPLE = ["John Smith", "Maria Lopez", "Ahmed Karimi", "Li Wei", "Anna Petrova", "David Okafor",
          "Sarah Cohen", "Kenji Tanaka", "Fatima Diallo", "Peter Novak"]
TITLES = ["Senator", "Foreign Minister", "President", "spokeswoman", "General", "Prime Minister"]
COUNTRIES = ["Russia", "China", "Iran", "France", "Brazil", "Nigeria", "Japan", "Turkey", "Mexico", "Egypt"]
ORGS = ["the United Nations", "NATO", "the European Union", "the State Department", "Reuters", "the Kremlin"]
ACTIONS = ["would impose new sanctions on", "had agreed to resume talks with", "accused", "condemned",
           "signed a trade agreement with", "promised military aid to", "met officials from",
           "threatened to cut diplomatic ties with"]
TOPICS = ["the border dispute", "oil exports", "the ceasefire", "the election", "the nuclear programme",
          "refugee flows", "the investigation"]


def story(i: int) -> dict:
    r = random.Random(i)
    a, b = r.sample(PEOPLE, 2)
    c1, c2 = r.sample(COUNTRIES, 2)
    org, topic = r.choice(ORGS), r.choice(TOPICS)
    sentences = [
        f"{r.choice(TITLES)} {a} said on Tuesday that {c1} {r.choice(ACTIONS)} {c2} over {topic}.",
        f'"We will not accept this," {a.split()[-1]} told reporters in the capital.',
        f"According to {org}, the talks on {topic} stalled last week.",
        f"{b}, a {r.choice(TITLES).lower()} from {c2}, denied the claims and said {c2} "
        f"{r.choice(ACTIONS)} {c1}.",
        f"Protesters gathered outside the embassy of {c1} in {c2} on Wednesday, police said.",
    ]
    r.shuffle(sentences)
    text = f"Story {i}. " + " ".join(sentences[: 3 + i % 3])
    day = 1 + i % 5
    return {"id": f"story-{i}", "url": f"https://news.example/{i}", "title": f"Story {i}",
            "published": f"2024-03-0{day}", "outlet": "news.example", "text": text}


def write_jsonl(path: Path, n: int, *, start: int = 0, bad_lines: bool = False) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps(story(i)) + "\n")
            if bad_lines and i == start + 1:
                fh.write("{not json\n")                      # an unreadable line: an errors row
                fh.write(json.dumps({"id": "empty", "text": ""}) + "\n")
    return path


def write_warc(path: Path, n: int, *, start: int = 1000) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "onrecord tests"}))
        for i in range(start, start + n):
            s = story(i)
            paras = "".join(f"<p>{sent}</p>" for sent in s["text"].split(". "))
            html = (f'<html><head><title>{s["title"]}</title>'
                    f'<meta property="article:published_time" content="{s["published"]}"></head>'
                    f'<body><article><h1>{s["title"]}</h1>{paras}</article></body></html>').encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(s["url"], "response", payload=io.BytesIO(html),
                                                http_headers=headers))
    return path


def store_snapshot(db: Path) -> dict:
    """What a run stored, per article: its record, and its attribution/event/entity/error counts."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _snapshot(con, {t: t for t in ("articles", "attributions", "events", "entities", "errors")})
    finally:
        con.close()


def parquet_snapshot(folder: Path) -> dict:
    con = duckdb.connect()
    try:
        views = {}
        for t in ("articles", "attributions", "events", "entities", "errors"):
            if list((folder / t).glob("*/*.parquet")):
                views[t] = f"read_parquet('{folder / t}/*/*.parquet', hive_partitioning=true)"
        return _snapshot(con, views)
    finally:
        con.close()


def _snapshot(con, src: dict) -> dict:  # noqa: ANN001
    out: dict = {}
    if "articles" in src:
        rows = con.execute(f"SELECT key, record FROM {src['articles']}").fetchall()
        keys = [k for k, _ in rows]
        assert len(keys) == len(set(keys)), "an article is stored twice"
        out["records"] = {k: json.loads(r) for k, r in rows}
    for table, idcol in (("attributions", "attribution_id"), ("events", "event_id"), ("entities", "entity_id")):
        if table not in src:
            out[table] = {}
            continue
        dup = con.execute(f"SELECT count(*) - count(DISTINCT (article_key, {idcol})) FROM {src[table]}").fetchone()[0]
        assert dup == 0, f"{dup} duplicated rows in {table}"
        out[table] = dict(con.execute(f"SELECT article_key, count(*) FROM {src[table]} GROUP BY 1").fetchall())
    out["errors"] = sorted(con.execute(f"SELECT article_key, stage, kind FROM {src['errors']}").fetchall()) \
        if "errors" in src else []
    return out


@pytest.fixture
def jsonl_corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "stories.jsonl", 12, bad_lines=True)


@pytest.fixture
def warc_corpus(tmp_path: Path) -> Path:
    return write_warc(tmp_path / "crawl.warc.gz", 6)
