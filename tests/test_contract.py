"""Every record round-trips and has exactly the contract's shape."""
from __future__ import annotations

import json

import pytest

from onrecord.model import Record

CONTRACT_KEYS = {"id", "text", "meta", "ignored", "entities", "attributions", "events", "errors"}
META_KEYS = {"url", "title", "published", "outlet", "language"}


def _check_spans(spans, text):
    for s, e in spans:
        assert 0 <= s <= e <= len(text)


@pytest.mark.slow
def test_contract_seed_record_shape(seed_record):
    d = json.loads(json.dumps(seed_record.to_dict()))
    assert set(d) >= CONTRACT_KEYS
    assert set(d["meta"]) >= META_KEYS
    text = d["text"]
    _check_spans(d["ignored"], text)
    for e in d["entities"]:
        assert {"id", "name", "type", "mentions"} <= set(e)
        _check_spans(e["mentions"], text)
    for a in d["attributions"]:
        assert {"id", "source", "cue", "content", "speaker", "kind"} <= set(a)
        assert a["kind"] in {"direct", "indirect", "mixed"}
        assert a["speaker"]["type"] in {"person", "anonymous", "organization", "media", "document", "other", "unknown"}
        for role in ("source", "cue", "content"):
            _check_spans(a[role], text)
    for v in d["events"]:
        assert {"id", "type", "mode", "context", "cameo", "trigger", "actor", "recipient", "location", "date",
                "negated", "attributed_to", "sentence"} <= set(v)
        _check_spans(v["trigger"], text)


@pytest.mark.slow
def test_contract_round_trip(seed_record):
    d = seed_record.to_dict()
    assert Record.from_dict(json.loads(json.dumps(d))).to_dict() == d
