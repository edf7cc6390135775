"""The rows of a few articles in a big table, read without scanning the table's other columns.

DuckDB evaluates `article_id = ANY(list)` after reading every column the query needs, for every row
group: on a store of 20,000 articles, reading the entities of 100 new articles cost as much as
reading all of them. A range of row ids is pruned before any column is read. New articles' rows are
written together at the end of each table, so the range of their row ids is short; the id filter
keeps the result exact whatever the range covers (rows scattered over the table still come out
right, only slower). Row ids are read in the same transaction as the query that uses them.
"""

from __future__ import annotations

import duckdb


def rows_of(con: duckdb.DuckDBPyConnection, table: str, column: str, ids: list[str], alias: str = ""
            ) -> tuple[str, list]:
    """(SQL condition, its parameters) that selects the rows of `table` whose `column` is one of `ids`;
    `alias` prefixes the columns in the condition ("e." for `events e`)."""
    if not ids:
        return "FALSE", []
    lo, hi = con.execute(f"SELECT min(rowid), max(rowid) FROM {table} WHERE {column} = ANY(?::VARCHAR[])",
                         [ids]).fetchone()
    if lo is None:
        return "FALSE", []
    return f"{alias}rowid BETWEEN ? AND ? AND {alias}{column} = ANY(?::VARCHAR[])", [lo, hi, ids]
