"""Read queries over the store, shared by the CLI and the HTTP API. SQL is always parameterized."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

MAX_LIMIT = 10_000


@dataclass
class Filters:
    article: str | None = None  # article id
    type: str | None = None  # event type
    mode: str | None = None
    country: str | None = None  # event source or target country, quote speaker country, place country
    actor: str | None = None  # substring of an actor / speaker name
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    text: str | None = None  # substring of the text / sentence
    sector: str | None = None  # event source or target sector, quote speaker sector
    place: str | None = None  # substring of an event's place name, or its place country (alpha-3)
    min_confidence: float | None = None  # events: only those at least this confident (None: all)
    extra: dict[str, Any] = field(default_factory=dict)


def _conditions(table: str, f: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    id_col = "id" if table == "articles" else "article_id"
    if f.article:
        add(f"{id_col} = ?", f.article)
    if table == "events":
        if f.type:
            add("type = ?", f.type.upper())
        if f.mode:
            add("mode = ?", f.mode)
        if f.country:
            add("(source_country = ? OR target_country = ?)", f.country.upper(), f.country.upper())
        if f.actor:
            pattern = f"%{f.actor.lower()}%"
            add("(lower(coalesce(source_canonical, source_text)) LIKE ? OR "
                "lower(coalesce(target_canonical, target_text)) LIKE ?)", pattern, pattern)
        if f.sector:
            add("(source_sector = ? OR target_sector = ?)", f.sector.upper(), f.sector.upper())
        if f.place:
            add("(lower(coalesce(place_name, place_text)) LIKE ? OR place_country = ?)",
                f"%{f.place.lower()}%", f.place.upper())
        if f.since:
            add("date >= ?", f.since)
        if f.until:
            add("date <= ?", f.until)
        if f.text:
            add("lower(sentence) LIKE ?", f"%{f.text.lower()}%")
        if f.min_confidence:
            add("coalesce(confidence, 0) >= ?", float(f.min_confidence))
    elif table == "quotes":
        if f.actor:
            add("lower(speaker) LIKE ?", f"%{f.actor.lower()}%")
        if f.country:
            add("speaker_actor_country = ?", f.country.upper())
        if f.sector:
            add("speaker_actor_sector = ?", f.sector.upper())
        if f.text:
            add("lower(text) LIKE ?", f"%{f.text.lower()}%")
    elif table == "places":
        if f.country:
            add("country = ?", f.country.upper())
        if f.text:
            add("lower(coalesce(name, text)) LIKE ?", f"%{f.text.lower()}%")
    elif table == "articles":
        if f.since:
            add("published >= ?", f.since)
        if f.until:
            add("published <= ?", f.until)
        if f.text:
            add("(lower(title) LIKE ? OR lower(text) LIKE ?)", f"%{f.text.lower()}%", f"%{f.text.lower()}%")
    elif f.text:
        add("lower(text) LIKE ?", f"%{f.text.lower()}%")
    return where, params


ORDER = {"articles": "published DESC NULLS LAST, id", "errors": "failed_at, doc_id"}
QUERY_TABLES = ("articles", "entities", "quotes", "quantities", "dates", "places", "events", "errors")


# An extra condition with its parameters, e.g. the API's full-text match: ("id IN (...)", [query]).
Condition = tuple[str, list[Any]]


def where_clause(table: str, filters: Filters | None = None, condition: Condition | None = None
                 ) -> tuple[str, list[Any]]:
    """` WHERE ...` (or "") and its parameters for one table's filters."""
    if table not in QUERY_TABLES:
        raise ValueError(f"unknown table {table!r}")
    where, params = _conditions(table, filters or Filters())
    if condition is not None:
        where.append(condition[0])
        params.extend(condition[1])
    return (" WHERE " + " AND ".join(where) if where else ""), params


def count(con: duckdb.DuckDBPyConnection, table: str, filters: Filters | None = None,
          condition: Condition | None = None) -> int:
    """How many rows `select` would give without limit and offset."""
    where, params = where_clause(table, filters, condition)
    return con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0]


def select(con: duckdb.DuckDBPyConnection, table: str, filters: Filters | None = None,
           limit: int = 100, offset: int = 0, columns: list[str] | None = None,
           condition: Condition | None = None, order: str | None = None) -> list[dict[str, Any]]:
    """Rows of one table as dicts, filtered, in a stable order (`order`: an ORDER BY of ours, never user input)."""
    limit = max(0, min(int(limit), MAX_LIMIT))
    where, params = where_clause(table, filters, condition)
    cols = ", ".join(columns) if columns else "*"
    sql = f"SELECT {cols} FROM {table}{where}"
    sql += f" ORDER BY {order or ORDER.get(table, 'article_id, seq')} LIMIT ? OFFSET ?"
    cursor = con.execute(sql, [*params, limit, max(0, int(offset))])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
