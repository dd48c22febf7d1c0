"""Publication dates: one parser for every input (JSONL, HTML meta, the web form and API).

The store holds ISO dates of the precision the input gave: `2025-03-14` (day), `2025-03`
(month) or `2025` (year), so a year-only date is never drawn or filtered as 1 January. A date
that cannot be read, or only relative to an unknown day ("yesterday"), is dropped with a
warning on the article that keeps the original string; it never fails the article.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..model import Article, ErrorRecord

Precision = Literal["day", "month", "year"]
WARNING_STAGE = "meta"     # not "ingest": a bad date is a warning, the article still reads
WARNING_KIND = "bad_date"
EARLIEST_YEAR = 1800

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class PublishedDate:
    iso: str | None                 # YYYY-MM-DD, YYYY-MM or YYYY; None when unreadable
    precision: Precision | None
    original: str | None            # exactly what the input said
    problem: str | None = None      # why `iso` is None although `original` is not

    @property
    def ok(self) -> bool:
        return self.problem is None


def precision_of(iso: str | None) -> Precision | None:
    """The precision of a stored ISO date: by its length."""
    if not iso:
        return None
    return {4: "year", 7: "month"}.get(len(iso[:10]), "day")


def _plausible(year: int, check: bool = True) -> bool:
    return not check or EARLIEST_YEAR <= year <= dt.date.today().year + 1


@lru_cache(maxsize=1)
def _parser():  # noqa: ANN202 - dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    # Absolute dates only: "yesterday" or "3 days ago" would be read against today, a guess.
    return DateDataParser(languages=["en"], settings={
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"], "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": False, "REQUIRE_PARTS": []})


def parse_date(value: object, *, check_range: bool = True) -> PublishedDate:
    """Read any publication date an input gives: ISO (with or without a time), "March 14, 2025",
    "14 Mar 2025", "March 2025", "2025", a Unix timestamp.

    Returns the ISO date with its precision, or a `problem` saying why there is none. With
    `check_range` (publication dates), a year before 1800 or after next year is a problem;
    filter bounds pass False.
    """
    if value is None:
        return PublishedDate(None, None, None)
    original = str(value)
    text = original.strip()
    if not text:
        return PublishedDate(None, None, original)
    if len(text) > 100:
        return PublishedDate(None, None, original[:100], "too long to be a date")
    m = _ISO.match(text)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                iso, prec = dt.date(int(y), int(mo), int(d)).isoformat(), "day"
            elif mo:
                dt.date(int(y), int(mo), 1)
                iso, prec = f"{y}-{mo}", "month"
            else:
                iso, prec = y, "year"
        except ValueError:
            return PublishedDate(None, None, original, "not a calendar date")
        if not _plausible(int(y), check_range):
            return PublishedDate(None, None, original, f"year {y} is out of range")
        return PublishedDate(iso, prec, original)  # type: ignore[arg-type]
    try:
        data = _parser().get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd strings
        data = None
    when = getattr(data, "date_obj", None)
    if when is None:
        return PublishedDate(None, None, original, "not a date onrecord can read (relative dates are not read)")
    if not _plausible(when.year, check_range):
        return PublishedDate(None, None, original, f"year {when.year} is out of range")
    period = getattr(data, "period", "day") or "day"
    if period == "year":
        return PublishedDate(f"{when.year:04d}", "year", original)
    if period == "month":
        return PublishedDate(f"{when.year:04d}-{when.month:02d}", "month", original)
    return PublishedDate(when.date().isoformat(), "day", original)


def normalise_published(article: Article) -> Article:
    """The article with `meta.published` as an ISO date; an unreadable date is dropped and a
    warning (stage "meta", kind "bad_date") names the original string."""
    raw = article.meta.published
    if raw is None:
        return article
    parsed = parse_date(raw)
    article.meta.published = parsed.iso
    if parsed.problem:
        shown = (parsed.original or "")[:100]
        article.errors.append(ErrorRecord(stage=WARNING_STAGE, kind=WARNING_KIND,
                                          message=f"published date {shown!r} ignored: {parsed.problem}"))
    return article


__all__ = ["PublishedDate", "parse_date", "precision_of", "normalise_published"]
