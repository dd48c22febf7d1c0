"""Plain text: boilerplate lines listed in `ignored`, text never changed, bytes decoded or refused."""
from __future__ import annotations

import pytest

from onrecord.errors import InputError
from onrecord.ingest.text import article_from_text, decode, find_boilerplate, is_boilerplate

SEED_BOILERPLATE = [
    "News \xa0 / \xa0 Politics \xa0 / \xa0 Foreign Policy",
    "US Attorney General Jeff Sessions holds a news conference in the Justice Department in "
    "Washington, DC, on July 20, 2017. (AFP photo)",
    "Read More:",
    "US President Donald Trump (L) and Russian Ambassador Sergey Kislyak (file photo)",
    "Press TV’s website can also be accessed at the following alternate addresses:",
    "www.presstv.co.uk",
    "SHARE THIS ARTICLE",
    "Press TV News Roku",
]


def test_text_seed_ignores_exactly_the_boilerplate(seed_text):
    found = [seed_text[s:e] for s, e in find_boilerplate(seed_text)]
    assert found == SEED_BOILERPLATE


def test_text_seed_keeps_every_story_sentence(seed_text):
    spans = find_boilerplate(seed_text)
    kept = "".join(c for i, c in enumerate(seed_text) if not any(s <= i < e for s, e in spans))
    for sentence in ("Sessions discussed Trump’s campaign with Russian ambassador: Report",
                     "Embattled US Attorney General Jeff Sessions met the Russian ambassador",
                     "“I never had meetings with Russian operatives or Russian intermediaries",
                     "Trump has repeatedly rejected such reports"):
        assert sentence in kept


def test_text_is_never_changed(seed_text):
    article = article_from_text(seed_text, id="seed")
    assert article.text == seed_text
    assert article.ignored == find_boilerplate(seed_text)


def test_text_keeps_crlf_offsets():
    text = "SHARE THIS ARTICLE\r\nThe minister said the talks failed.\r\n"
    (s, e), = find_boilerplate(text)
    assert text[s:e] == "SHARE THIS ARTICLE"


@pytest.mark.parametrize("line", [
    "Home > World > Europe", "Read more", "Follow us on Twitter", "Download our free app for iOS and Android",
    "https://example.com/news/123", "Protesters march in Paris on Saturday. (Reuters)",
    "Photo: The minister at the summit", "Subscribe to our newsletter",
])
def test_text_boilerplate_kinds(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "The minister said the talks in Geneva had failed.",
    "“We will not back down,” she said.",
    "Trump / Clinton debate draws record audience as both candidates trade barbs over taxes.",
    "The photo was taken in March, officials said.",
])
def test_text_story_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_decode_legacy_encoding():
    data = "Le ministre a déclaré que les négociations avaient échoué à Genève.".encode("cp1252")
    assert "déclaré" in decode(data, what="x")


def test_decode_utf16_bom():
    assert decode("The talks failed.".encode("utf-16"), what="x") == "The talks failed."


@pytest.mark.parametrize("data,kind", [(b"", "empty"), (b"  \n ", "empty"),
                                       (bytes(range(256)) * 20, "binary"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary")])
def test_decode_refuses(data, kind):
    with pytest.raises(InputError) as info:
        decode(data, what="x")
    assert info.value.kind == kind


@pytest.mark.parametrize("line", [
    "Related: Minister quits over the Tarn dam deal", "RELATED: Five things to know about the levee vote",
    "By Jane Roe and John Doe, Associated Press", "By MARTA KOVAC", "Reporting by Jane Roe; Editing by John Doe",
    "(Additional reporting by Jane Roe in Portvale.)", "FILE - In this March 3 photo, the envoy speaks in Portvale.",
    "The envoy arrives in Portvale. (Photo: Jane Roe/AP)", "The envoy at the summit. Jane Roe/Getty Images",
])
def test_text_bylines_captions_and_link_lists_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "By the end of the day the talks in Portvale had failed.",
    "By Monday, the envoy said, the river had risen two metres.",
    "Related talks will resume in May, the envoy said.",
])
def test_text_sentences_that_open_like_boilerplate_are_kept(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line,dateline", [
    ("PORTVALE (Reuters) - The court ruled on Tuesday that the dam was legal.", "PORTVALE (Reuters) -"),
    ("MILLBROOK, Va. (CN) - A federal judge ruled on Monday that the case could go on.", "MILLBROOK, Va. (CN) -"),
    ("WASHINGTON — The Senate voted on Tuesday to block the flood bill.", "WASHINGTON —"),
    ("Portvale (AFP) – Ardania said on Friday that it would answer.", "Portvale (AFP) –"),
    ("NEW YORK, Nov. 19 (UPI) — The mayor said the bridge would reopen.", "NEW YORK, Nov. 19 (UPI) —"),
])
def test_text_dateline_is_ignored_and_the_sentence_kept(line, dateline):
    text = "Dam ruling stands\n" + line + "\n"
    spans = find_boilerplate(text)
    assert [text[s:e] for s, e in spans] == [dateline]
    assert text[spans[0][1]:].strip().startswith(line[len(dateline):].strip()[:12])


@pytest.mark.parametrize("line", [
    "NATO said on Friday that it would answer the request.",
    "The Senate - a body of one hundred - voted on the bill.",
])
def test_text_sentence_openings_are_no_dateline(line):
    assert find_boilerplate(line) == []
