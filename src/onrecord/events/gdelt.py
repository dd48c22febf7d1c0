"""GDELT 2.0 event rows from a Record, so existing GDELT workflows can read our events.

One row per event with a CAMEO code, in GDELT 2.0's 61 event-table columns (tab-separated in
GDELT's own files). Fields we do not produce (geo coordinates, FIPS codes, feature ids) are
empty; NumMentions/NumSources/NumArticles are 1 because a row comes from one article.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from ..model import Event, Participant, Record
from .coding import base, goldstein, quad_class, root

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)


def _event_id(record_id: str, event_id: str) -> str:
    # Stable across runs: a 15-digit number from the article and event ids.
    digest = hashlib.sha1(f"{record_id}\0{event_id}".encode()).hexdigest()
    return str(int(digest[:12], 16))


def _day(date: str | None) -> str:
    """GDELT's YYYYMMDD; a month or year the text gives is padded with 01."""
    if not date:
        return ""
    parts = date.split("-") + ["01", "01"]
    return f"{parts[0]}{parts[1]:0>2}{parts[2]:0>2}"[:8]


def _actor(p: Participant | None) -> list[str]:
    if p is None:
        return [""] * 10
    country = p.country if p.country and p.country != "IGO" else ""
    code = (p.country or "") + (p.sector or "")
    return [code, p.text.upper(), country, "IGO" if p.country == "IGO" else "", "", "", "",
            p.sector or "", "", ""]


def _row(record: Record, ev: Event) -> list[str]:
    day = _day(ev.date) or _day(record.meta.published)
    year = day[:4]
    fraction = ""
    if len(day) == 8:
        d = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
        fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    cameo = ev.cameo or ""
    loc = ev.location
    geo = ["", "", "", "", "", "", "", ""] * 2
    action = ["1" if loc else "", loc.name if loc else "", loc.country or "" if loc else "", "", "", "", "", ""]
    added = (record.meta.published or "").replace("-", "")[:8]
    return [
        _event_id(record.id, ev.id), day, day[:6], year, fraction,
        *_actor(ev.actor[0] if ev.actor else None),
        *_actor(ev.recipient[0] if ev.recipient else None),
        "1" if ev.sentence and ev.sentence[0] < 600 else "0",  # GDELT: event in the lead paragraph
        cameo, base(cameo), root(cameo), str(quad_class(cameo)), f"{goldstein(cameo):.1f}",
        "1", "1", "1", "",
        *geo, *action,
        added, record.meta.url or record.id,
    ]


def gdelt_rows(record: Record) -> list[list[str]]:
    """One GDELT 2.0 event row per event with a CAMEO code (negated events are left out)."""
    return [_row(record, ev) for ev in record.events if ev.cameo and not ev.negated]
