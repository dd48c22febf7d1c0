"""Every record round-trips and has exactly the contract's shape."""
from __future__ import annotations

import json

import pytest

from onrecord.model import Record

# The contract's keys (../shared/contract/extract-output.md) and, separately, the ones onrecord
# adds (docs/contract.md, "Fields onrecord adds"): a key in neither is a test failure.
CONTRACT_KEYS = {"id", "text", "meta", "ignored", "entities", "attributions", "events", "errors"}
META_KEYS = {"url", "title", "published", "outlet", "language"}
ENTITY_KEYS = {"id", "name", "type", "mentions"}
ENTITY_ADDED = {"titles"}          # only when the article gives the entity a title
ATTRIBUTION_KEYS = {"id", "source", "cue", "content", "speaker", "kind"}
SPEAKER_KEYS = {"entity", "name", "type", "resolved", "confidence"}
EVENT_KEYS = {"id", "type", "mode", "context", "cameo", "trigger", "actor", "recipient", "location", "date",
              "negated", "attributed_to", "sentence"}
PARTICIPANT_KEYS = {"span", "entity", "text", "country", "sector"}
LOCATION_KEYS = {"span", "name", "country"}
ERROR_KEYS = {"stage", "kind", "message"}


def _check_spans(spans, text):
    for s, e in spans:
        assert 0 <= s <= e <= len(text)


@pytest.mark.slow
def test_contract_seed_record_shape(seed_record):
    d = json.loads(json.dumps(seed_record.to_dict()))
    assert set(d) == CONTRACT_KEYS
    assert set(d["meta"]) == META_KEYS
    text = d["text"]
    _check_spans(d["ignored"], text)
    assert d["entities"] and d["attributions"] and d["events"], "the seed has all three"
    for e in d["entities"]:
        assert ENTITY_KEYS <= set(e) <= ENTITY_KEYS | ENTITY_ADDED
        _check_spans(e["mentions"], text)
    for a in d["attributions"]:
        assert set(a) == ATTRIBUTION_KEYS
        assert set(a["speaker"]) == SPEAKER_KEYS
        assert a["kind"] in {"direct", "indirect", "mixed"}
        assert a["speaker"]["type"] in {"person", "anonymous", "organization", "media", "document", "other", "unknown"}
        assert isinstance(a["speaker"]["resolved"], bool) and 0 <= a["speaker"]["confidence"] <= 1
        for role in ("source", "cue", "content"):
            _check_spans(a[role], text)
    for v in d["events"]:
        assert set(v) == EVENT_KEYS
        for p in v["actor"] + v["recipient"]:
            assert set(p) == PARTICIPANT_KEYS
        assert v["location"] is None or set(v["location"]) == LOCATION_KEYS
        _check_spans(v["trigger"], text)


def test_contract_error_line_shape():
    from onrecord.errors import InputError, error_article

    d = json.loads(json.dumps(Record.failed(error_article("x", InputError("bad", "binary")),
                                            error_article("x", InputError("bad", "binary")).errors[0]).to_dict()))
    assert set(d) == CONTRACT_KEYS and set(d["meta"]) == META_KEYS
    assert d["errors"] and all(set(e) == ERROR_KEYS for e in d["errors"])


@pytest.mark.slow
def test_contract_round_trip(seed_record):
    d = seed_record.to_dict()
    assert Record.from_dict(json.loads(json.dumps(d))).to_dict() == d
