"""PolNeAR brat reading and writing."""
from __future__ import annotations

from onrecord.attribution.brat import parse_ann, to_brat
from onrecord.model import Attribution, Record, Speaker

ANN = (
    "T1\tSource 0 3\tShe\n"
    "E1\tAttribution:T4 Content:T3 Content2:T5 Cue:T2 Source:T1\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 10 20;21 25\tthe plan\nis dead\n"
    "T4\tAttribution 4 8\tsaid\n"
    "T5\tContent 30 35\tmore!\n"
    "T6\tDiscard 40 42\tzz\n"
)


def test_parse_ann_links_roles_defined_after_the_event_line():
    (att,) = parse_ann(ANN)
    assert (att.source, att.cue, att.content) == ([(0, 3)], [(4, 8)], [(10, 20), (21, 25), (30, 35)])


def test_to_brat_round_trips_through_the_reader():
    text = '"The plan," she said, "is dead." Officials said so.'
    atts = [Attribution("A1", ((12, 15),), ((16, 20),), ((1, 9), (23, 31)), Speaker(None, None), "direct"),
            Attribution("A2", (), ((43, 47),), ((48, 50),), Speaker(None, None), "indirect")]
    record = Record(id="x", text=text, attributions=atts)
    back = parse_ann(to_brat(record))
    assert [(b.source, b.cue, b.content) for b in back] == [
        ([(12, 15)], [(16, 20)], [(1, 9), (23, 31)]), ([], [(43, 47)], [(48, 50)])]
