"""The attribution transformer's plumbing (attribution/transformer.py, wordpiece.py): tokenizer,
windows, decoding, the sha256 check and the fallback to the linear models."""
from __future__ import annotations

import json
import os

import pytest

from onrecord.attribution import transformer
from onrecord.attribution.wordpiece import WordPiece, basic_split

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "say", "##s", "un", "##want", "##ed", ",", "cafe", "\""]


def test_basic_split_lowercases_strips_accents_and_splits_punctuation():
    assert basic_split("Café") == ["cafe"]
    assert basic_split("U.S.") == ["u", ".", "s", "."]
    assert basic_split("“Hi”") == ["“", "hi", "”"]


def test_wordpiece_greedy_longest_match():
    wp = WordPiece(VOCAB)
    assert wp.encode("unwanted") == (7, 8, 9)
    assert wp.encode("Says") == (5, 6)
    assert wp.encode("xyz") == (wp.unk,)        # no piece fits: the word is [UNK]
    assert wp.encode("\u200b") == (wp.unk,)     # a word with no pieces still takes a position


def test_encode_cuts_at_the_window_and_reports_it():
    wp = WordPiece(VOCAB)
    ids, starts = transformer.encode(wp, ["the", "unwanted", "says"], max_pieces=7)
    assert ids[0] == wp.cls and ids[-1] == wp.sep
    assert starts == [1, 2]                        # "says" does not fit: cut, not split
    assert len(ids) <= 7


def test_gate_needs_a_candidate_a_quote_mark_or_a_colon():
    assert transformer.worth_tagging(["Rain", "fell", "."], True)
    assert transformer.worth_tagging(["Clinton", ":", "no"], False)
    assert transformer.worth_tagging(["“", "No", "”"], False)
    assert not transformer.worth_tagging(["Rain", "fell", "."], False)


def test_runs_are_maximal_and_in_token_indices():
    assert transformer._runs([3, 4, 6, 7], [True, True, False, True]) == [(3, 4), (7, 7)]
    assert transformer._runs([1, 2], [False, False]) == []


def _ship(tmp_path, monkeypatch, files: dict[str, bytes], recorded: dict[str, str] | None = None):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    meta = {"name": "t", "onnx": "m.onnx", "vocab": "v.txt",
            "files": recorded or {n: transformer.sha256(tmp_path / n) for n in files}}
    (tmp_path / "transformer.json").write_text(json.dumps(meta))
    monkeypatch.setattr(transformer, "DATA", tmp_path)
    monkeypatch.setattr(transformer, "META_PATH", tmp_path / "transformer.json")
    transformer.load.cache_clear()


def test_absent_files_fall_back_to_the_linear_models(tmp_path, monkeypatch):
    monkeypatch.setattr(transformer, "META_PATH", tmp_path / "missing.json")
    transformer.load.cache_clear()
    try:
        assert transformer.load() is None
        assert transformer.model_name() == "linear"
    finally:
        transformer.load.cache_clear()


def test_a_file_that_does_not_match_its_sha256_is_an_error(tmp_path, monkeypatch):
    _ship(tmp_path, monkeypatch, {"m.onnx": b"x", "v.txt": b"[UNK]\n"}, {"m.onnx": "0" * 64, "v.txt": "0" * 64})
    try:
        with pytest.raises(transformer.TaggerFileError):
            transformer.load()
        assert "corrupt" in transformer.model_name()
    finally:
        transformer.load.cache_clear()


def test_env_asks_for_the_linear_models(monkeypatch):
    monkeypatch.setenv("ONRECORD_ATTRIBUTION", "linear")
    transformer.load.cache_clear()
    try:
        assert transformer.load() is None
    finally:
        transformer.load.cache_clear()


class _Fake:
    """A stand-in for the ONNX model: the meta's decode settings only."""

    def __init__(self, decode: dict) -> None:
        self.meta = {"name": "fake", "decode": decode}


def _tagged(doc, cue_i: int, source: set[str], content_from: str):  # noqa: ANN001
    import numpy as np

    words = [t.i for t in doc if not t.is_space]
    probs = np.zeros((len(words), 3))
    inside = False
    for j, i in enumerate(words):
        inside = inside or doc[i].text == content_from
        k = 1 if doc[i].text in source else (2 if inside and not doc[i].is_punct else 0)
        probs[j, k] = 1.0
    out = transformer.Tagged()
    out.pairs[cue_i] = probs
    for i in words:
        out.window_of[i] = words
    return out


@pytest.mark.slow
def test_spans_from_the_transformer_replace_the_rules_inside_the_sentence(nlp, monkeypatch):
    text = "Sessions said that the meetings were not about the campaign."
    doc = nlp(text)
    cue = next(t for t in doc if t.text == "said")
    monkeypatch.setattr(transformer, "load", lambda: _Fake({"content": 0.5, "source": 0.5}))
    source, content, head = transformer.spans_for(cue, _tagged(doc, cue.i, {"Sessions"}, "that"),
                                                  [(14, 59)], [(0, 8)], doc[0], text)
    assert [text[s:e] for s, e in content] == ["that the meetings were not about the campaign"]
    assert [text[s:e] for s, e in source] == ["Sessions"] and head.text == "Sessions"


@pytest.mark.slow
def test_veto_drops_a_cue_with_no_content_and_keeps_the_linear_spans_otherwise(nlp, monkeypatch):
    text = "Sessions said that the meetings were not about the campaign."
    doc = nlp(text)
    cue = next(t for t in doc if t.text == "said")
    monkeypatch.setattr(transformer, "load", lambda: _Fake({"content_from": "linear", "veto": 0.5}))
    keep = transformer.spans_for(cue, _tagged(doc, cue.i, {"Sessions"}, "that"), [(14, 59)], [(0, 8)], doc[0], text)
    assert keep is None                              # None: the caller keeps the linear models' spans
    none = _tagged(doc, cue.i, {"Sessions"}, "nothing-matches")
    assert transformer.spans_for(cue, none, [(14, 59)], [(0, 8)], doc[0], text)[1] == []
    assert transformer.spans_for(doc[0], none, [], [], None, text) is None   # an untagged word


class _Recorder(_Fake):
    """A stand-in that records the windows it is asked to tag and tags nothing."""

    def __init__(self, decode: dict) -> None:
        super().__init__(decode)
        self.windows: list = []

    def tag(self, windows):  # noqa: ANN001, ANN201
        import numpy as np

        self.windows.extend(windows)
        return [(np.zeros((len(w), 3)), np.zeros((len(c), len(w), 3)), len(w)) for w, c in windows]


@pytest.mark.slow
@pytest.mark.parametrize(("cue", "gate", "windows"), [(2.0, "quotes", 1), (0.5, "quotes", 2), (0.5, "cues", 1)])
def test_only_sentences_with_a_linear_cue_run_unless_the_decode_takes_cues_of_its_own(
        nlp, monkeypatch, cue: float, gate: str, windows: int) -> None:  # noqa: ANN001
    from onrecord.attribution.quotes import QuoteIndex, find_quotes

    text = "The mayor said the bridge would reopen in May. The plan had one aim: a safer crossing."
    doc = nlp(text)
    fake = _Recorder({"content_from": "linear", "veto": 0.5, "cue": cue, "gate": gate})
    monkeypatch.setattr(transformer, "load", lambda: fake)
    said = next(t for t in doc if t.text == "said")
    tagged = transformer.tag_doc(doc, QuoteIndex(find_quotes(text)), [said])
    assert len(fake.windows) == windows                  # the colon's sentence runs only for own cues
    assert said.i in tagged.pairs


@pytest.mark.slow
def test_blend_mixes_the_transformer_content_into_the_linear_tagger(nlp) -> None:  # noqa: ANN001
    from onrecord.attribution.content import content_spans, source_head, source_spans
    from onrecord.attribution.quotes import QuoteIndex, find_quotes
    from onrecord.attribution.tagger import refine

    text = "The mayor said the bridge would reopen in May after repairs."
    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    cue = next(t for t in doc if t.text == "said")
    source = source_spans(source_head(cue), text)
    rule = content_spans(cue, source, text, quotes)
    alone = refine(cue, rule, source, text, quotes)
    assert [text[s:e] for s, e in alone] == ["the bridge would reopen in May after repairs"]
    short = {t.i: (1.0 if 3 <= t.i <= 6 else 0.0) for t in doc}   # "the bridge would reopen"
    mixed = refine(cue, rule, source, text, quotes, blend=(short, 1.0))
    assert [text[s:e] for s, e in mixed] == ["the bridge would reopen"]
    assert refine(cue, rule, source, text, quotes, blend=(short, 0.0)) == alone


def test_only_linear_switches_the_model_off_for_the_block_and_back(monkeypatch) -> None:
    monkeypatch.delenv("ONRECORD_ATTRIBUTION", raising=False)
    with transformer.only_linear():
        assert transformer.load() is None and transformer.model_name() == "linear"
    assert "ONRECORD_ATTRIBUTION" not in os.environ
    monkeypatch.setenv("ONRECORD_ATTRIBUTION", "linear")
    with transformer.only_linear(False):
        assert transformer.model_name() == "linear"
    assert os.environ["ONRECORD_ATTRIBUTION"] == "linear"


@pytest.mark.slow
def test_a_cue_whose_quotation_leaves_its_sentence_runs_no_window(nlp, monkeypatch) -> None:  # noqa: ANN001
    from onrecord.attribution import find_attributions
    from onrecord.entities import find_entities

    text = '"The bridge will reopen in May. It is safe to cross," the mayor said on Monday.'
    doc = nlp(text)
    fake = _Recorder({"content_from": "blend", "veto": 0.5, "weight": 0.5, "cue": 2.0})
    monkeypatch.setattr(transformer, "load", lambda: fake)
    monkeypatch.setattr("onrecord.attribution.load_transformer", lambda: fake)
    atts = find_attributions(doc, find_entities(doc))
    assert [text[s:e] for a in atts for s, e in a.content] == ['"The bridge will reopen in May. It is safe to cross,"']
    assert fake.windows == []                            # the quotation spans two sentences
