"""The full-text index over articles, statements and claims: an inverted index kept in the store.

DuckDB's `fts` extension is not bundled in the wheel (it would be downloaded at run time), so
the index is two plain tables, grown with the record (`onrecord.service.record`: the documents
of newly recorded articles are appended, numbered after the last; a rebuild renumbers all):

    search_docs      doc_id, kind ('article' | 'statement' | 'claim'), article_key, article_id,
                     ref (attribution or claim id), speaker, person_id, published, span, text, n_terms
    search_postings  term, doc_id, tf   (sorted by term, so a term's postings are one range)

Indexing and querying split text into terms with the same SQL (`TERMS_SQL`), so they agree.
"""
from __future__ import annotations

from .db import Store

# Lower-cased, accents folded, split on anything that is not a letter or a digit.
TERMS_SQL = r"regexp_split_to_array(lower(strip_accents({0})), '[^\pL\pN]+')"

_DOCS = """
CREATE OR REPLACE TEMP TABLE _docs AS
SELECT {first} + row_number() OVER (ORDER BY kind, article_key, ref) AS doc_id, * FROM (
  SELECT 'article' AS kind, a.key AS article_key, a.id AS article_id, NULL AS ref, NULL AS speaker,
         NULL AS person_id, a.published, NULL AS span,
         coalesce(a.title, '') || chr(10) || json_extract_string(a.record, '$.text') AS text
  FROM articles a {where_a}
  UNION ALL
  SELECT 'statement', t.article_key, t.article_id, t.attribution_id, t.speaker_name, pl.person_id, t.published,
         t.content, coalesce(t.source_text, '') || ' ' || coalesce(t.cue_text, '') || ' ' || coalesce(t.content_text, '')
  FROM attributions t
  LEFT JOIN person_links pl ON pl.article_key = t.article_key AND pl.entity_id = t.speaker_entity {where_t}
  UNION ALL
  SELECT 'claim', c.article_key, c.article_id, c.claim_id, c.claimant, c.claimant_id, c.published,
         c.span, c.text
  FROM claims c {where_c}
)
"""


def build_search_index(store: Store, keys: list[str] | None = None) -> int:
    """Replace the index with one built from the store's articles, attributions and claims (the
    record tables must be written first); with KEYS, add the documents of those articles only.
    Returns how many documents it holds."""
    con = store.con
    if keys is None:
        con.execute(_DOCS.format(first=0, where_a="", where_t="", where_c=""))
    else:
        if not keys:
            return con.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        first = con.execute("SELECT coalesce(max(doc_id), 0) FROM search_docs").fetchone()[0]
        con.execute("CREATE OR REPLACE TEMP TABLE _new_keys AS SELECT unnest(?::VARCHAR[]) AS key", [list(keys)])
        con.execute(_DOCS.format(first=int(first), where_a="WHERE a.key IN (SELECT key FROM _new_keys)",
                                 where_t="WHERE t.article_key IN (SELECT key FROM _new_keys)",
                                 where_c="WHERE c.article_key IN (SELECT key FROM _new_keys)"))
    con.execute("BEGIN TRANSACTION")
    try:
        if keys is None:
            con.execute("DELETE FROM search_postings")
            con.execute("DELETE FROM search_docs")
        con.execute(f"""
            INSERT INTO search_postings
            SELECT term, doc_id, count(*) AS tf FROM (
              SELECT doc_id, unnest({TERMS_SQL.format('text')}) AS term FROM _docs)
            WHERE term <> '' GROUP BY term, doc_id ORDER BY term, doc_id""")
        con.execute(f"""
            INSERT INTO search_docs
            SELECT doc_id, kind, article_key, article_id, ref, speaker, person_id, published, span,
                   text, len({TERMS_SQL.format('text')}) AS n_terms FROM _docs""")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute("DROP TABLE IF EXISTS _docs")
        con.execute("DROP TABLE IF EXISTS _new_keys")
    return con.execute("SELECT count(*) FROM search_docs").fetchone()[0]
