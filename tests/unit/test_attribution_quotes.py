"""Quotation regions."""
from __future__ import annotations

from onrecord.attribution.quotes import find_quotes


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.spans] for q in find_quotes(text)]


def test_split_quote_gives_two_quotes():
    assert _texts('"The plan," she said, "is dead."') == [['"The plan,"'], ['"is dead."']]


def test_quote_open_at_paragraph_end_continues_into_next_paragraph():
    text = "“First part.\n\n“Second part,” he said."
    assert _texts(text) == [["“First part.", "“Second part,”"]]


def test_unbalanced_quote_ends_with_its_paragraph():
    text = "He said “never closed\n\nNext paragraph."
    assert _texts(text) == [["“never closed"]]


def test_curly_and_straight_quotes_both_count():
    assert len(find_quotes('“curly” and "straight"')) == 2


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "''The plan,'' she said, ''is dead.''\n\n''It never ran.\n\n''Not once,'' he said."
    assert _texts(text) == [["''The plan,''"], ["''is dead.''"], ["''It never ran.", "''Not once,''"]]
    assert _texts("The players' coach said it.") == []
