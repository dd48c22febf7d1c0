"""Charts: dates of any precision are placed in their period; labels escaped; no page 500s on a date."""
from __future__ import annotations

import re

from onrecord.web import charts


def _xs(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle [^>]*cx="([\d.]+)"', svg)]


def test_charts_timeline_places_year_and_month_dates_in_their_period():
    svg = str(charts.timeline([("2024-01-01", "said", "a"), ("2025", "said", "b"), ("2026-12-31", "said", "c"),
                               ("2025-07", "said", "d")], label="t"))
    xs = _xs(svg)
    assert len(xs) == 4
    first, year, month, last = xs  # drawn in date order
    assert first < year < month < last  # a year or month sits inside its period, never at year 1


def test_charts_timeline_skips_what_is_not_a_date():
    svg = str(charts.timeline([("yesterday", "said", "a"), ("2024-05-01", "said", "b")], label="t"))
    assert len(_xs(svg)) == 1
    assert str(charts.timeline([("March 14, 2025", "said", "a")], label="t")) == ""


def test_charts_escape_every_label():
    svg = str(charts.stacked_bars([{"m": "<b>2024</b>", "t": "<script>", "n": 2}], x="m", series="t", value="n",
                                  label="<i>l</i>"))
    assert "<script>" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg


def test_charts_series_get_distinct_colours():
    rows = [{"m": "2024-01", "t": f"T{i}", "n": 1} for i in range(15)]
    classes = re.findall(r'<rect class="(c\d+)" x="\d', str(charts.stacked_bars(rows, x="m", series="t", value="n",
                                                                                  label="l")))
    assert len(set(classes)) == 15
