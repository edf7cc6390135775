"""Full-text search over articles, quotes and event sentences (DuckDB's FTS extension, BM25).

Why an in-memory index: the server opens the store read-only (so it can never damage it, and
several servers can share one file), but `PRAGMA create_fts_index` writes tables. So the
server copies the searchable columns into its own in-memory database at start and indexes
them there. The copy cannot go stale: while the server holds its read-only handle, DuckDB's
file lock keeps any writer out. The extension is loaded from the `duckdb-extension-fts`
package (INSTALL would download it). When it cannot be loaded, search falls back to LIKE.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import duckdb

from newsevents.query import Condition

log = logging.getLogger(__name__)

# table -> (key expression over the stored table, searchable columns)
SEARCHED: dict[str, tuple[str, list[str]]] = {
    "articles": ("id", ["title", "text"]),
    "quotes": ("article_id || '/' || seq", ["text", "speaker"]),
    "events": ("article_id || '/' || seq", ["sentence"]),
}
MAX_WORDS = 12  # of a LIKE fallback query: keeps the SQL small whatever the input


def fts_extension_path() -> Path | None:
    """The FTS extension file shipped inside the `duckdb_extension_fts` package, if installed."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    candidates = sorted(root.glob(f"v{duckdb.__version__}/fts.duckdb_extension")) or sorted(
        root.glob("*/fts.duckdb_extension"))
    return candidates[0] if candidates else None


def load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    path = fts_extension_path()
    if path is None:
        log.warning("duckdb-extension-fts is not installed: search falls back to LIKE")
        return False
    try:
        con.execute(f"LOAD '{_sql_string(str(path))}'")
    except duckdb.Error as exc:
        log.warning("cannot load the FTS extension (%s): search falls back to LIKE", str(exc).splitlines()[0])
        return False
    return True


def build_search_index(con: duckdb.DuckDBPyConnection, source: str = "store") -> bool:
    """Index the searchable columns of database `source` into `con`'s own (in-memory) catalog.

    Returns whether full-text search is available; if not, `search_condition` uses LIKE.
    """
    if not load_fts(con):
        return False
    try:
        for table, (key, columns) in SEARCHED.items():
            name = f"search_{table}"
            cols = ", ".join(columns)
            con.execute(f"CREATE OR REPLACE TABLE main.{name} AS SELECT {key} AS key, {cols} "
                        f"FROM {source}.main.{table}")
            quoted = ", ".join(f"'{c}'" for c in columns)
            con.execute(f"PRAGMA create_fts_index('main.{name}', 'key', {quoted}, overwrite=1)")
    except duckdb.Error as exc:
        log.warning("cannot build the search index (%s): search falls back to LIKE", str(exc).splitlines()[0])
        return False
    return True


def search_condition(table: str, query: str, fts: bool) -> Condition:
    """A condition restricting `table` (articles, quotes, events) to rows matching all words of `query`."""
    key, columns = SEARCHED[table]
    words = re.findall(r"\w+", query.lower())[:MAX_WORDS]
    if not words:  # nothing searchable (only punctuation): nothing matches, rather than everything
        return "FALSE", []
    if fts:
        return f"{key} IN ({_matching_keys(f'fts_main_search_{table}')})", [" ".join(words)]
    haystack = " || ' ' || ".join(f"lower(coalesce({c}, ''))" for c in columns)
    return "(" + " AND ".join(f"({haystack}) LIKE ?" for _ in words) + ")", [f"%{w}%" for w in words]


def _matching_keys(index: str) -> str:
    """Keys of the documents holding every (stemmed, non-stopword) word of the query, from the index tables.

    `match_bm25` computes a score for every row of the table and is slower than LIKE on 10,000
    rows; the index's own term table answers "which documents hold all these words" directly.
    (Its tokenizer and the Porter stemmer are the ones the index was built with.)
    """
    return f"""WITH words AS (
                 SELECT DISTINCT stem(word, 'porter') AS term FROM (SELECT unnest({index}.tokenize(?)) AS word)
                 WHERE word <> '' AND word NOT IN (SELECT sw FROM {index}.stopwords))
               SELECT docs.name FROM {index}.terms AS terms
               JOIN {index}.dict AS dict ON dict.termid = terms.termid
               JOIN words ON words.term = dict.term
               JOIN {index}.docs AS docs ON docs.docid = terms.docid
               GROUP BY docs.name HAVING count(DISTINCT dict.term) = (SELECT count(*) FROM words)"""


def _sql_string(value: str) -> str:
    return value.replace("'", "''")
