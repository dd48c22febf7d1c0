"""Shared fixtures: one model per test run, a tmp database path, ../shared and the seed."""
from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "presstv-sessions-kislyak.txt"
EXAMPLES = ROOT / "examples"


def _need_shared(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI"):
            # CI always has ../shared: a missing copy there is a failure, not a skip.
            pytest.fail(f"{path} is missing on CI")
        pytest.skip(f"{path} is absent (../shared is only in the project's own checkout)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip (fail on CI) when it is absent."""
    return _need_shared(SHARED)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article; the bundled copy in examples/ when ../shared is absent."""
    path = SEED if SEED.exists() else EXAMPLES / "presstv-sessions-kislyak.txt"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from onrecord.text import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def coded(nlp):
    """text -> the events find_events codes in it (statements left out), dated 2024-03-08."""
    from onrecord.entities import find_entities
    from onrecord.events import find_events

    def code(text: str) -> list:
        doc = nlp(text)
        return [e for e in find_events(doc, find_entities(doc), [], published="2024-03-08") if e.type != "STATEMENT"]

    return code


@pytest.fixture(scope="session")
def seed_record(seed_text):
    """The seed article analysed once per test run."""
    from onrecord.pipeline import analyse

    return analyse(seed_text, id="presstv-sessions-kislyak", published="2017-07-21", on_error="raise")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@functools.cache
def story_gold():
    """tests/fixtures/story/gold.py, loaded once: hand annotations of the story and the seed."""
    spec = importlib.util.spec_from_file_location("story_gold", ROOT / "tests" / "fixtures" / "story" / "gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
