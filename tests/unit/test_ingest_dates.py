"""ingest/dates.py: one parser for every publication date; ISO of day, month or year precision."""
from __future__ import annotations

import io
import json

import pytest

from onrecord.ingest.dates import normalise_published, parse_date, precision_of
from onrecord.model import Article, Meta


@pytest.mark.parametrize(("given", "iso", "precision"), [
    ("2017-07-21", "2017-07-21", "day"),
    ("2017-07-21T10:30:00Z", "2017-07-21", "day"),
    ("2017-07-21 10:30:00+02:00", "2017-07-21", "day"),
    ("March 14, 2025", "2025-03-14", "day"),
    ("14 Mar 2025", "2025-03-14", "day"),
    ("Tue, 21 Jul 2017 10:00:00 GMT", "2017-07-21", "day"),
    ("March 2025", "2025-03", "month"),
    ("2025-03", "2025-03", "month"),
    ("2025", "2025", "year"),
])
def test_dates_read_absolute_dates_at_their_precision(given, iso, precision):
    parsed = parse_date(given)
    assert (parsed.iso, parsed.precision, parsed.original, parsed.problem) == (iso, precision, given, None)
    assert precision_of(parsed.iso) == precision


@pytest.mark.parametrize("given", ["yesterday", "3 days ago", "abc", "2016-13-01", "0001-01-01", "built in 1999",
                                   "x" * 500])
def test_dates_refuse_what_is_not_an_absolute_date(given):
    parsed = parse_date(given)
    assert parsed.iso is None and parsed.problem


def test_dates_filter_bounds_take_any_year():
    assert parse_date("2999-12-31").iso is None
    assert parse_date("2999-12-31", check_range=False).iso == "2999-12-31"


def test_dates_bad_date_is_a_warning_on_the_article_never_a_failure():
    article = normalise_published(Article(id="a", text="Some text.", meta=Meta(published="yesterday")))
    assert article.meta.published is None and article.text == "Some text."
    [warning] = article.errors
    assert (warning.stage, warning.kind) == ("meta", "bad_date") and "'yesterday'" in warning.message


def test_dates_jsonl_lines_are_normalised():
    from onrecord.ingest.jsonl import read_jsonl

    lines = [{"id": "a", "text": "The mayor said the bridge would open.", "published": "March 14, 2025"},
             {"id": "b", "text": "The mayor said the bridge would open.", "date": "2025"},
             {"id": "c", "text": "The mayor said the bridge would open.", "published": "yesterday"}]
    stream = io.BytesIO("\n".join(json.dumps(x) for x in lines).encode())
    got = {a.id: a for a in read_jsonl(stream, name="t.jsonl")}
    assert [got[k].meta.published for k in "abc"] == ["2025-03-14", "2025", None]
    assert got["c"].text and [e.kind for e in got["c"].errors] == ["bad_date"]


def test_dates_html_takes_no_year_from_the_body():
    from onrecord.ingest.html import article_from_html

    body = ("<p>The old bridge, built in 1999, was closed on Monday by the city council after engineers said "
            "it was unsafe for traffic and would need months of repairs.</p><p>Officials said repairs would "
            "take a year and cost a great deal of money, according to the mayor of the city.</p>")
    plain = article_from_html(f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>",
                              id="x")
    assert plain.meta.published is None
    dated = article_from_html('<html><head><title>Bridge</title><meta property="article:published_time" '
                              f'content="2024-05-02T08:00:00Z"></head><body><article>{body}</article></body></html>',
                              id="y")
    assert dated.meta.published == "2024-05-02"
