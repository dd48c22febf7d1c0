"""The attribution transformer's plumbing (attribution/transformer.py, wordpiece.py): tokenizer,
windows, decoding, the sha256 check and the fallback to the linear models."""
from __future__ import annotations

import json

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
    pytest.importorskip("onnxruntime")
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
