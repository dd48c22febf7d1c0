"""DuckDB tables that mirror the extract-output contract.

Every analysed article is one row of `articles` (its whole contract line kept in `record`,
so export round-trips exactly) plus rows in the child tables, keyed by `article_key`: the
URL when there is one, else a hash of the text, so a re-ingest replaces, never duplicates.
"""
from __future__ import annotations

SCHEMA_VERSION = 3

TABLES = {
    "articles": """
        key VARCHAR PRIMARY KEY, id VARCHAR NOT NULL, url VARCHAR, title VARCHAR,
        published VARCHAR, outlet VARCHAR, language VARCHAR, text_hash VARCHAR NOT NULL,
        n_words INTEGER, n_entities INTEGER, n_attributions INTEGER, n_events INTEGER,
        n_errors INTEGER, record JSON NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp""",
    "entities": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL, type VARCHAR, titles JSON, n_mentions INTEGER""",
    "mentions": """
        article_key VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR""",
    "attributions": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, attribution_id VARCHAR NOT NULL,
        outlet VARCHAR, published VARCHAR, source JSON, cue JSON, content JSON,
        source_text VARCHAR, cue_text VARCHAR, content_text VARCHAR,
        speaker_entity VARCHAR, speaker_name VARCHAR, speaker_type VARCHAR, kind VARCHAR,
        speaker_resolved BOOLEAN, speaker_confidence DOUBLE""",
    "events": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
        type VARCHAR, cameo VARCHAR, mode VARCHAR, context JSON, trigger JSON, trigger_text VARCHAR,
        actor JSON, recipient JSON, actor_name VARCHAR, actor_country VARCHAR, actor_sector VARCHAR,
        recipient_name VARCHAR, recipient_country VARCHAR, recipient_sector VARCHAR,
        location VARCHAR, location_country VARCHAR, date VARCHAR, negated BOOLEAN,
        attributed_to VARCHAR, sentence JSON, sentence_text VARCHAR""",
    "errors": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, stage VARCHAR, kind VARCHAR,
        message VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp""",
}

INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_articles_id ON articles(id)",
    "CREATE INDEX IF NOT EXISTS idx_attr_speaker ON attributions(speaker_name)",
    "CREATE INDEX IF NOT EXISTS idx_attr_key ON attributions(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_events_key ON events(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_entities_key ON entities(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_entities_name ON entities(name)",
]

CHILD_TABLES = ("entities", "mentions", "attributions", "events", "errors")

# The cross-article record: derived from the articles, grown article by article
# (`onrecord.service.record`; `store/record_tables.py` writes and reads it).
RECORD_TABLES = {
    "people": """
        person_id VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR, key VARCHAR, aliases JSON,
        titles JSON, n_articles INTEGER, n_mentions INTEGER, n_claims INTEGER, n_conflicts INTEGER,
        article_ids JSON""",
    "person_links": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL""",
    "claims": """
        claim_id VARCHAR NOT NULL, article_key VARCHAR, article_id VARCHAR NOT NULL, attribution_id VARCHAR,
        event_id VARCHAR, claimant VARCHAR, claimant_id VARCHAR, claimant_type VARCHAR, chain JSON,
        about JSON, about_ids JSON, polarity VARCHAR, date VARCHAR, published VARCHAR, text VARCHAR,
        span JSON, event_types JSON""",
    "claim_people": "claim_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, role VARCHAR NOT NULL",
    "conflicts": """
        conflict_id VARCHAR NOT NULL, key VARCHAR NOT NULL, rank INTEGER NOT NULL, kind VARCHAR NOT NULL,
        score DOUBLE, about JSON, about_ids JSON, article_a VARCHAR, article_b VARCHAR, claim_a VARCHAR,
        claim_b VARCHAR, claimant_a VARCHAR, claimant_b VARCHAR, record JSON NOT NULL, unit BIGINT,
        pos INTEGER""",
    "conflict_people": "conflict_key VARCHAR NOT NULL, person_id VARCHAR NOT NULL",
    # Each conflict's claims (its sides, role 'a'/'b', and its `also`, in the order of the unit
    # that added them: by_unit, ord) and the keys its repeats in later units find it by.
    "conflict_claims": """
        unit BIGINT NOT NULL, pos INTEGER NOT NULL, claim_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
        who VARCHAR, text VARCHAR, by_unit BIGINT NOT NULL, ord INTEGER NOT NULL, side JSON""",
    "conflict_repeats": "block VARCHAR NOT NULL, unit BIGINT NOT NULL, pos INTEGER NOT NULL",
    # What the incremental record keeps to grow without reading the whole store (record_tables.py):
    # each recorded article's place in the order, each claim whole and its blocking keys, where
    # each person is filed. Tables of their own: the read model's tables keep their columns.
    "person_keys": "person_id VARCHAR NOT NULL, link_key VARCHAR NOT NULL, block VARCHAR, fold VARCHAR",
    "claim_state": "seq BIGINT NOT NULL, ord INTEGER NOT NULL, article_key VARCHAR, state JSON NOT NULL",
    "record_articles": "article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq BIGINT NOT NULL, "
                       "ingested_at TIMESTAMP",
    "claim_blocks": "block VARCHAR NOT NULL, seq BIGINT NOT NULL, ord INTEGER NOT NULL, points BOOLEAN",
    "person_surnames": "surname VARCHAR NOT NULL, person_id VARCHAR NOT NULL",
    # The full-text index (store/search_index.py builds it with the record).
    "search_docs": """
        doc_id BIGINT NOT NULL, kind VARCHAR NOT NULL, article_key VARCHAR, article_id VARCHAR, ref VARCHAR,
        speaker VARCHAR, person_id VARCHAR, published VARCHAR, span JSON, text VARCHAR, n_terms INTEGER""",
    "search_postings": "term VARCHAR NOT NULL, doc_id BIGINT NOT NULL, tf INTEGER NOT NULL",
}
RECORD_INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_people_id ON people(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_people_name ON people(name)",
    "CREATE INDEX IF NOT EXISTS idx_links_person ON person_links(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_links_article ON person_links(article_key, entity_id)",
    "CREATE INDEX IF NOT EXISTS idx_claims_claimant ON claims(claimant_id)",
    "CREATE INDEX IF NOT EXISTS idx_claims_article ON claims(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_claim_people ON claim_people(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_conflict_people ON conflict_people(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_search_docs ON search_docs(doc_id)",
    "CREATE INDEX IF NOT EXISTS idx_claim_blocks ON claim_blocks(block)",
    "CREATE INDEX IF NOT EXISTS idx_conflict_repeats ON conflict_repeats(block)",
    "CREATE INDEX IF NOT EXISTS idx_record_articles ON record_articles(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_person_surnames ON person_surnames(surname)",
    "CREATE INDEX IF NOT EXISTS idx_person_keys ON person_keys(link_key)",
]


def column_defs(table: str) -> list[tuple[str, str, bool]]:
    """(name, DuckDB type, not null) of every column of any table: the one reader of the DDL above."""
    out = []
    for col in (TABLES.get(table) or RECORD_TABLES[table]).split(","):
        parts = col.strip().split()
        if parts:
            out.append((parts[0].strip('"'), parts[1].upper(), "NOT NULL" in col.upper()))
    return out


def columns(table: str) -> list[str]:
    """The column names of a table, in order."""
    return [name for name, _, _ in column_defs(table)]


# Columns added after a table first shipped: a store written by an older version gains them when
# it is next opened for writing (CREATE TABLE IF NOT EXISTS leaves an existing table as it is).
ADDED_COLUMNS = {
    2: [("attributions", "speaker_resolved", "BOOLEAN"), ("attributions", "speaker_confidence", "DOUBLE")],
    3: [("conflicts", "unit", "BIGINT"), ("conflicts", "pos", "INTEGER")],
}


DROPPED_INDEXES = ["idx_conflicts_rank"]


def ddl() -> list[str]:
    """Every CREATE statement, articles and record tables alike (idempotent)."""
    stmts = [f"CREATE TABLE IF NOT EXISTS {name} ({cols})" for name, cols in {**TABLES, **RECORD_TABLES}.items()]
    stmts.append("CREATE TABLE IF NOT EXISTS meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
    stmts.extend(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {kind}"
                 for added in ADDED_COLUMNS.values() for table, col, kind in added)
    stmts.extend(INDEXES)
    stmts.extend(RECORD_INDEXES)
    # Ranks are renumbered as conflicts are added; an index on them made that O(n) inserts
    # (DuckDB orders by scanning anyway).
    stmts.extend(f"DROP INDEX IF EXISTS {name}" for name in DROPPED_INDEXES)
    return stmts
