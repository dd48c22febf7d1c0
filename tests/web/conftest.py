"""Web fixtures: the examples analysed once per run, a real DuckDB file per module, a TestClient on it."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED_ID = "presstv-sessions-kislyak"
SESSIONS_QUOTE = "I never had meetings with Russian operatives"
LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="session")
def example_records():
    """examples/ through the real readers and pipeline, once per test run."""
    from onrecord.ingest import read
    from onrecord.pipeline import analyse_batch

    records = list(analyse_batch(read([str(EXAMPLES)]), on_error="raise"))
    for r in records:  # dates and outlets, so the charts and filters have something to show
        if r.id == SEED_ID:
            r.meta.published, r.meta.outlet = "2017-07-21", "Press TV"
        elif not r.meta.published:
            r.meta.published = "2024-03-0" + str(len(r.id) % 9 + 1)
    return records


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory, example_records) -> Path:
    """A real DuckDB file holding the examples (one per test module)."""
    from onrecord.store import Store

    from onrecord.service.record import refresh_record

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.write(example_records)
        refresh_record(store)  # as `onrecord ingest` does: the web only reads the record
    return path


@pytest.fixture(scope="module")
def client(seeded_store):
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app

    with TestClient(create_app(seeded_store), base_url=LOCAL) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_record():
    """A hand-built record whose strings are markup (no model needed)."""
    from onrecord.model import Attribution, Entity, Meta, Record, Speaker

    text = ('<script>alert("x")</script> Officials said "<img src=x onerror=alert(2)>" on Monday, '
            "according to Mallory <b>Evil</b>.")
    quote_s = text.index('"<img')
    quote_e = text.index(' on Monday')
    src_s = text.index("Mallory")
    return Record(
        id="hostile", text=text,
        meta=Meta(title="<script>alert('title')</script>", outlet="<i>Outlet</i>", published="2024-01-02"),
        # The name itself is plain (linking rightly refuses a "name" with markup), so the person
        # page exists; their mention and their words carry the markup.
        entities=[Entity("E1", "Mallory Evil", "PERSON", [(src_s, len(text) - 1)])],
        attributions=[Attribution("A1", source=((src_s, len(text) - 1),),
                                  cue=((text.index("said"), text.index("said") + 4),),
                                  content=((quote_s, quote_e),),
                                  speaker=Speaker("E1", "Mallory Evil", "person", True, 0.9), kind="direct")])


@pytest.fixture
def make_client(tmp_path):
    """A factory: a TestClient on a fresh store (optionally holding `records`) with create_app's options."""
    from fastapi.testclient import TestClient

    from onrecord.store import Store
    from onrecord.web.app import create_app

    clients = []

    def make(records=(), *, base_url: str = LOCAL, path: Path | None = None, **options):
        from onrecord.service.record import refresh_record

        db = path or tmp_path / f"store{len(clients)}.duckdb"
        if records:
            with Store(db) as store:
                store.write(list(records))
                refresh_record(store, use_stance=False)
        options.setdefault("create", not options.get("read_only"))
        c = TestClient(create_app(db, **options), base_url=base_url)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)
