"""The DuckDB store: one table per record type, keyed by article id.

Nested records (an event's source Actor, its Place) are flattened into prefixed columns
(`source_country`, `place_lat`) so that every table is flat and loads as-is into pandas, R or
a spreadsheet. Re-processing an article replaces all its rows in one transaction.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsevents.model import (
    Actor,
    Article,
    ArticleResult,
    DateMention,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
)

SCHEMA_VERSION = 1
DEFAULT_DB = "newsevents.duckdb"

# table name -> record type of its rows (besides `article_id` and `seq`, its order in the article)
RECORD_TABLES: dict[str, type] = {
    "entities": Entity,
    "quotes": Quote,
    "quantities": Quantity,
    "dates": DateMention,
    "places": Place,
    "events": Event,
}
SQL_TYPES = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
NESTED = (Actor, Place)


class StoreError(Exception):
    """A database problem explained in one line (locked, read-only, wrong schema version)."""


def _base_type(hint: Any) -> Any:
    """`str | None` -> str; `Actor | None` -> Actor."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def columns_of(record_type: type, prefix: str = "") -> list[tuple[str, str]]:
    """(column, SQL type) pairs of a record type, nested records flattened with a prefix."""
    return list(_columns(record_type, prefix))


@functools.cache  # flatten() asks for the columns of every None nested record: keep it cheap
def _columns(record_type: type, prefix: str) -> tuple[tuple[str, str], ...]:
    hints = typing.get_type_hints(record_type)
    cols: list[tuple[str, str]] = []
    for f in dataclasses.fields(record_type):
        base = _base_type(hints[f.name])
        if base in NESTED:
            cols += columns_of(base, prefix + f.name + "_")
        elif base in SQL_TYPES:
            cols.append((prefix + f.name, SQL_TYPES[base]))
    return tuple(cols)


def flatten(record: Any, prefix: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, nested in _fields(type(record)):
        value = getattr(record, name)
        if nested is None:
            row[prefix + name] = value
        elif value is None:  # every column of the missing record, empty
            row.update(dict.fromkeys(c for c, _ in _columns(nested, prefix + name + "_")))
        else:
            row.update(flatten(value, prefix + name + "_"))
    return row


@functools.cache  # the writer flattens every record: look at the type hints once per type
def _fields(record_type: type) -> tuple[tuple[str, type | None], ...]:
    """(field name, its nested record type or None) for each field of a record type."""
    hints = typing.get_type_hints(record_type)
    return tuple((f.name, base if (base := _base_type(hints[f.name])) in NESTED else None)
                 for f in dataclasses.fields(record_type))


def record_columns(record_type: type) -> list[tuple[str, str]]:
    """The columns of a record table: its article, its order in the article, then its fields."""
    return [("article_id", "VARCHAR"), ("seq", "INTEGER")] + columns_of(record_type)


ARTICLE_COLUMNS = [("id", "VARCHAR PRIMARY KEY"), ("doc_id", "VARCHAR")] + [
    c for c in columns_of(Article) if c[0] != "id"
] + [("processed_at", "TIMESTAMP")]


# Corpus-level tables, rebuilt from the rows above by `newsevents.scale.resolve_corpus` (resolve/clusters.py,
# resolve/corpus_actors.py): MinHash signatures (kept so re-clustering reads no text), story clusters,
# events merged across articles, and actors with one id across the corpus.
CORPUS_SQL = [
    "CREATE TABLE IF NOT EXISTS article_minhash (article_id VARCHAR, shingles INTEGER, signature BLOB)",
    "CREATE TABLE IF NOT EXISTS article_lsh (article_id VARCHAR, band INTEGER, bucket UBIGINT)",
    "CREATE TABLE IF NOT EXISTS clusters (cluster_id VARCHAR, canonical_id VARCHAR, size INTEGER, "
    "first_published VARCHAR, article_ids VARCHAR[])",
    "CREATE TABLE IF NOT EXISTS corpus_events (event_key VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR, "
    "negated BOOLEAN, source VARCHAR, source_country VARCHAR, source_actor_id VARCHAR, target VARCHAR, "
    "target_country VARCHAR, target_actor_id VARCHAR, date VARCHAR, place VARCHAR, place_country VARCHAR, "
    "place_lat DOUBLE, place_lon DOUBLE, mentions BIGINT, articles BIGINT, clusters BIGINT, sources BIGINT, "
    "article_ids VARCHAR[], first_article_id VARCHAR, sentence VARCHAR)",
    "CREATE TABLE IF NOT EXISTS actors (actor_id VARCHAR, name VARCHAR, label VARCHAR, country VARCHAR, "
    "sector VARCHAR, names VARCHAR[], mentions BIGINT, articles BIGINT)",
    # State of the incremental corpus step (newsevents.resolve.corpus_step): what the tables above were
    # computed from, so that the next step only looks at the articles written since.
    "CREATE TABLE IF NOT EXISTS corpus_articles (article_id VARCHAR, processed_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS lsh_crowded (band INTEGER, bucket UBIGINT)",
    "CREATE TABLE IF NOT EXISTS actor_names (label VARCHAR, name VARCHAR, country VARCHAR, key VARCHAR, "
    "surname VARCHAR, initials VARCHAR, mentions BIGINT, articles BIGINT, sector VARCHAR, actor_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS article_actor_names (article_id VARCHAR, label VARCHAR, name VARCHAR, "
    "country VARCHAR, sector VARCHAR, mentions BIGINT)",
    "CREATE TABLE IF NOT EXISTS event_keys (article_id VARCHAR, event_key VARCHAR)",
]


# Live sources (newsevents.live): each watched feed or sitemap, each article link found in one, and the
# robots.txt of each host, so that `watch --once` from cron carries on where the previous run stopped.
# No PRIMARY KEY (an ART index; see the note on kill -9 below): rows are replaced by DELETE + INSERT.
LIVE_SQL = [
    "CREATE TABLE IF NOT EXISTS live_sources (url VARCHAR, parent VARCHAR, kind VARCHAR, title VARCHAR, "
    "etag VARCHAR, last_modified VARCHAR, digest VARCHAR, last_checked TIMESTAMP, last_success TIMESTAMP, "
    "last_error VARCHAR, last_error_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS live_pages (url VARCHAR, source_url VARCHAR, guid VARCHAR, article_id VARCHAR, "
    "status VARCHAR, error VARCHAR, attempts INTEGER, signal VARCHAR, etag VARCHAR, last_modified VARCHAR, "
    "first_seen TIMESTAMP, fetched_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS live_robots (host VARCHAR, body VARCHAR, fetched_at TIMESTAMP)",
]


def schema_sql() -> list[str]:
    statements = [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE TABLE IF NOT EXISTS articles (" + ", ".join(f'"{c}" {t}' for c, t in ARTICLE_COLUMNS) + ")",
        "CREATE TABLE IF NOT EXISTS errors (doc_id VARCHAR, error VARCHAR, failed_at TIMESTAMP)",
    ]
    for table, record_type in RECORD_TABLES.items():
        cols = record_columns(record_type)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} (" + ", ".join(f'"{c}" {t}' for c, t in cols) + ")")
        # No ART index on article_id: after a kill -9, DuckDB 1.5.5 replays the log into an index that then
        # misses rows (`WHERE article_id = ?` finds nothing, re-processing cannot delete); zonemaps suffice.
        statements.append(f"DROP INDEX IF EXISTS {table}_article")
    return statements + CORPUS_SQL + LIVE_SQL


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store; check the schema version recorded in it."""
    path = str(path)
    if read_only and not Path(path).exists():
        raise StoreError(f"no database at {path} (run `newsevents process` first)")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc).splitlines()[0]
        if "lock" in message.lower():
            raise StoreError(f"{path} is in use by another process (DuckDB allows one writer): {message}") from None
        raise StoreError(f"cannot open {path}: {message}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {str(exc).splitlines()[0]}") from None
    try:
        if read_only:
            _check_version(con, path)
        else:
            for statement in schema_sql():
                con.execute(statement)
            _check_version(con, path, create=True)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path}: {str(exc).splitlines()[0]}") from None
    return con


def _check_version(con: duckdb.DuckDBPyConnection, path: str, create: bool = False) -> None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        raise StoreError(f"{path} is not a newsevents database (no meta table)") from None
    if row is None and create:
        # a literal, not a parameter: DuckDB imports pandas (0.7 s) on the first bound parameter, and a
        # new store is opened before the workers start
        con.execute(f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION:d}')")
    elif row is None or int(row[0]) != SCHEMA_VERSION:
        found = row[0] if row else "none"
        raise StoreError(f"{path} has schema version {found}; this newsevents needs {SCHEMA_VERSION}")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # the transaction may already be aborted (disk full, I/O error)
            pass
        raise
    con.execute("COMMIT")


def _arrow_schema(columns: list[tuple[str, str]]):
    import pyarrow as pa

    types_ = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(),
              "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us"), "BLOB": pa.binary(),
              "UBIGINT": pa.uint64()}
    return pa.schema([(c, types_[t.split()[0]]) for c, t in columns])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, typed_columns: list[tuple[str, str]],
                 rows: list[dict]) -> None:
    """Insert rows through Arrow with an explicit schema, so a column of Nones keeps its type."""
    if not rows:
        return
    import pyarrow as pa

    columns = [c for c, _ in typed_columns]
    arrow = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows], schema=_arrow_schema(typed_columns))
    con.register("_incoming", arrow)
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _incoming")
    finally:
        con.unregister("_incoming")


def result_rows(result: ArticleResult) -> dict[str, list[dict]]:
    """The rows a successful result adds to each table."""
    article = result.article
    assert article is not None
    rows: dict[str, list[dict]] = {
        "articles": [dict(flatten(article), doc_id=result.id, processed_at=datetime.now(UTC).replace(tzinfo=None))]
    }
    for table in RECORD_TABLES:
        rows[table] = [
            dict(flatten(record), article_id=article.id, seq=i) for i, record in enumerate(getattr(result, table))
        ]
    return rows


def write_results(con: duckdb.DuckDBPyConnection, results: Iterable[ArticleResult]) -> tuple[int, int]:
    """Store a batch in one transaction; returns (articles written, errors recorded)."""
    results = list(results)
    good = [r for r in results if r.error is None and r.article is not None]
    bad = [r for r in results if r.error is not None]
    # The last copy wins when one batch holds the same article twice.
    by_id = {r.article.id: r for r in good}
    tables: dict[str, list[dict]] = {"articles": [], **{t: [] for t in RECORD_TABLES}}
    for result in by_id.values():
        for table, rows in result_rows(result).items():
            tables[table] += rows
    ids = list(by_id)
    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        _write(con, ids, tables, bad, now)
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        raise StoreError(f"could not store a batch of {len(results)} documents ({reason}); "
                         "it was rolled back and everything stored before it is kept") from None
    return len(by_id), len(bad)


def _write(con: duckdb.DuckDBPyConnection, ids: list[str], tables: dict[str, list[dict]],
           bad: list[ArticleResult], now: datetime) -> None:
    with transaction(con):
        if ids:
            _delete_articles(con, ids)
        insert_rows(con, "articles", ARTICLE_COLUMNS, tables["articles"])
        for table, record_type in RECORD_TABLES.items():
            insert_rows(con, table, record_columns(record_type), tables[table])
        for r in bad:
            con.execute("INSERT INTO errors VALUES (?, ?, ?)", [r.id, r.error, now])


def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Remove articles and all their rows (inside the caller's transaction), before they are written anew."""
    # Only those stored: on a new store none is, and each DELETE scans its whole table. An article's rows
    # are written and removed in the transaction that writes or removes the article itself.
    ids = [row[0] for row in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()]
    if not ids:
        return
    for table in (*RECORD_TABLES, "article_minhash", "article_lsh"):  # a new text needs a new signature
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])


def delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Remove articles and all their rows, inside the caller's transaction (a watched page whose
    text changed: its old article goes)."""
    _delete_articles(con, ids)


def stored_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ["articles", *RECORD_TABLES, "errors"]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


TABLES = ("articles", *RECORD_TABLES, "errors")
# Corpus-level tables a user exports too (the MinHash tables are internal), with their sort keys.
CORPUS_EXPORTS = {"clusters": "cluster_id", "corpus_events": "event_key", "actors": "actor_id"}


def export(con: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str, min_confidence: float | None = None
           ) -> list[Path]:
    """Write every table to OUT_DIR as Parquet, CSV or JSONL (events at least `min_confidence`
    confident); returns the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}[fmt]
    suffix = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}[fmt]
    written = []
    orders = {"articles": "id", "errors": "doc_id, failed_at", **CORPUS_EXPORTS}
    for table in (*TABLES, *CORPUS_EXPORTS):
        path = out / f"{table}.{suffix}"
        order = orders.get(table, "article_id, seq")
        where = f" WHERE coalesce(confidence, 0) >= {float(min_confidence)!r}" \
            if table == "events" and min_confidence else ""
        con.execute(f"COPY (SELECT * FROM {table}{where} ORDER BY {order}) TO '{_sql_path(path)}' ({options})")
        written.append(path)
    return written


def load_parts(con: duckdb.DuckDBPyConnection, folder: str | Path) -> int:
    """Load the Parquet partitions of `process --out FOLDER` into the store; returns the articles loaded.

    A partition counts once its articles file exists (the sink writes it last). Each partition is
    loaded in one transaction that first removes the stored rows of its articles, so loading again,
    or after an interruption, leaves every article once.
    """
    root = Path(folder)
    if not (root / "articles").is_dir():
        raise ValueError(f"{folder} holds no Parquet partitions (no articles/ folder: write them with "
                         "`newsevents process --out`)")
    loaded = 0
    for part in sorted((root / "articles").glob("part-*.parquet")):
        files = {table: root / table / part.name for table in TABLES}
        missing = [t for t, f in files.items() if not f.is_file()]
        if missing:
            raise ValueError(f"{part.name} has no {missing[0]} file in {folder}; the folder is incomplete")
        try:
            with transaction(con):
                ids = [row[0] for row in con.execute(
                    f"SELECT id FROM read_parquet('{_sql_path(files['articles'])}')").fetchall()]
                _delete_articles(con, ids)
                con.execute(f"DELETE FROM errors USING read_parquet('{_sql_path(files['errors'])}') AS part "
                            "WHERE errors.doc_id = part.doc_id AND errors.failed_at = part.failed_at")
                for table, path in files.items():
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{_sql_path(path)}')")
                # loaded rows come without corpus ids (clusters, actors): the corpus step must run again
                con.execute("DELETE FROM meta WHERE key = 'corpus_resolved'")
        except duckdb.Error as exc:
            raise StoreError(f"could not load {part.name} from {folder} ({str(exc).splitlines()[0]}); "
                             "it was rolled back and the partitions loaded before it are kept") from None
        loaded += len(ids)
    return loaded


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
