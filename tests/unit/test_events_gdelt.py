"""GDELT 2.0 export rows."""
from __future__ import annotations

from onrecord.events.gdelt import GDELT_COLUMNS, gdelt_rows
from onrecord.model import Event, Location, Meta, Participant, Record


def _record() -> Record:
    ev = Event(id="V1", type="CONSULT", cameo="042", trigger=((10, 13),), sentence=(0, 80),
               actor=[Participant((0, 9), "Jeff Sessions", "E1", "USA", "GOV")],
               recipient=[Participant((20, 30), "the Russian ambassador", "E2", "RUS", "GOV")],
               location=Location((40, 55), "Mayflower Hotel", "USA"), date="2016-04-27")
    neg = Event(id="V2", type="CONSULT", cameo="040", trigger=((60, 63),), sentence=(0, 80), negated=True)
    return Record(id="seed", text="", meta=Meta(published="2017-07-21", url="http://x"), events=[ev, neg])


def test_gdelt_columns_are_gdelt2_event_table() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GlobalEventID" and GDELT_COLUMNS[-1] == "SOURCEURL"


def test_gdelt_row_fields() -> None:
    rows = gdelt_rows(_record())
    assert len(rows) == 1  # the negated event is not exported
    row = dict(zip(GDELT_COLUMNS, rows[0]))
    assert row["Day"] == "20160427"
    assert row["Actor1Code"] == "USAGOV" and row["Actor2CountryCode"] == "RUS"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("042", "042", "04")
    assert row["QuadClass"] == "1" and float(row["GoldsteinScale"]) > 0
    assert row["ActionGeo_FullName"] == "Mayflower Hotel" and row["SOURCEURL"] == "http://x"


def test_gdelt_event_id_is_stable() -> None:
    assert gdelt_rows(_record())[0][0] == gdelt_rows(_record())[0][0]
