"""DuckDB tables that mirror the extract-output contract.

Every analysed article is one row of `articles` (its whole contract line kept in `record`,
so export round-trips exactly) plus rows in the child tables, keyed by `article_key`: the
URL when there is one, else a hash of the text, so a re-ingest replaces, never duplicates.
"""
from __future__ import annotations

SCHEMA_VERSION = 1

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
        speaker_entity VARCHAR, speaker_name VARCHAR, speaker_type VARCHAR, kind VARCHAR""",
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


def ddl() -> list[str]:
    stmts = [f"CREATE TABLE IF NOT EXISTS {name} ({cols})" for name, cols in TABLES.items()]
    stmts.append("CREATE TABLE IF NOT EXISTS meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
    stmts.extend(INDEXES)
    return stmts
