"""What `watch` remembers between rounds and runs, kept in the store's live_* tables (store.LIVE_SQL):
the conditional-GET state of each source, each article link found (its article, its status), and
each host's robots.txt. Only the round's own thread touches the connection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from newsevents import store


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class PageState:
    url: str
    source_url: str | None
    guid: str | None
    article_id: str | None
    status: str  # stored | failed | blocked
    error: str | None
    attempts: int
    signal: str | None
    etag: str | None
    last_modified: str | None
    first_seen: datetime | None
    fetched_at: datetime | None


PAGE_COLUMNS = ("url", "source_url", "guid", "article_id", "status", "error", "attempts", "signal", "etag",
                "last_modified", "first_seen", "fetched_at")


SOURCE_COLUMNS = [("url", "VARCHAR"), ("parent", "VARCHAR"), ("kind", "VARCHAR"), ("title", "VARCHAR"),
                  ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("digest", "VARCHAR"),
                  ("last_checked", "TIMESTAMP"), ("last_success", "TIMESTAMP"), ("last_error", "VARCHAR"),
                  ("last_error_at", "TIMESTAMP")]


def source_validators(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str | None, str | None]]:
    """url -> (ETag, Last-Modified, digest of the body) of every source read before."""
    return {url: (etag, modified, digest) for url, etag, modified, digest in
            con.execute("SELECT url, etag, last_modified, digest FROM live_sources").fetchall()}


def child_sitemaps(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """sitemap index -> the sitemaps it listed when last read."""
    children: dict[str, list[str]] = {}
    for parent, url in con.execute("SELECT parent, url FROM live_sources WHERE parent IS NOT NULL "
                                   "ORDER BY url").fetchall():
        children.setdefault(parent, []).append(url)
    return children


@dataclass
class SourceState:
    url: str
    parent: str | None
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None
    error: str | None = None  # None: read fine this round
    unchanged: bool = False  # 304, or the same bytes as last time: the validators stay


def save_sources(con: duckdb.DuckDBPyConnection, states: list[SourceState]) -> None:
    """Record this round's outcome per source in one transaction; a failure keeps the last success
    and the validators."""
    if not states:
        return
    stamp = now()
    names = [c for c, _ in SOURCE_COLUMNS]
    urls = [s.url for s in states]
    with store.transaction(con):
        old = {row[0]: dict(zip(names, row)) for row in con.execute(
            f"SELECT {', '.join(names)} FROM live_sources WHERE url IN (SELECT unnest(?))", [urls]).fetchall()}
        rows = []
        for s in states:
            row = old.get(s.url) or dict.fromkeys(names)
            row.update(url=s.url, parent=s.parent, last_checked=stamp)
            if s.error is not None:
                row.update(last_error=s.error, last_error_at=stamp)
            else:
                row.update(kind=s.kind or row["kind"], title=s.title or row["title"], last_success=stamp)
                if not s.unchanged:
                    row.update(etag=s.etag, last_modified=s.last_modified, digest=s.digest)
            rows.append(row)
        con.execute("DELETE FROM live_sources WHERE url IN (SELECT unnest(?))", [urls])
        store.insert_rows(con, "live_sources", SOURCE_COLUMNS, rows)


def known_pages(con: duckdb.DuckDBPyConnection, urls: list[str], guids: list[str]) -> tuple[
        dict[str, PageState], dict[str, PageState]]:
    """The stored state of these links: by URL, and by feed GUID."""
    if not urls and not guids:
        return {}, {}
    rows = con.execute(f"SELECT {', '.join(PAGE_COLUMNS)} FROM live_pages WHERE url IN (SELECT unnest(?)) "
                       "OR guid IN (SELECT unnest(?))", [urls, guids]).fetchall()
    pages = [PageState(*row) for row in rows]
    return {p.url: p for p in pages}, {p.guid: p for p in pages if p.guid}


def retry_pages(con: duckdb.DuckDBPyConnection, max_attempts: int) -> list[PageState]:
    """Links that failed (or robots.txt refused) in an earlier round, still worth another try."""
    rows = con.execute(f"SELECT {', '.join(PAGE_COLUMNS)} FROM live_pages WHERE status IN ('failed', 'blocked') "
                       "AND attempts < ? ORDER BY first_seen", [max_attempts]).fetchall()
    return [PageState(*row) for row in rows]


def save_pages(con: duckdb.DuckDBPyConnection, pages: list[PageState], replaced: list[str]) -> int:
    """Record pages in one transaction, and remove the articles `replaced` (old texts of edited
    pages) that no other link still points to. Returns how many articles were removed."""
    if not pages and not replaced:
        return 0
    with store.transaction(con):
        urls = [p.url for p in pages]
        con.execute("DELETE FROM live_pages WHERE url IN (SELECT unnest(?))", [urls])
        for p in pages:
            con.execute(f"INSERT INTO live_pages ({', '.join(PAGE_COLUMNS)}) VALUES ({', '.join('?' * 12)})",
                        [getattr(p, c) for c in PAGE_COLUMNS])
        gone = [row[0] for row in con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?)) "
            "AND id NOT IN (SELECT article_id FROM live_pages WHERE article_id IS NOT NULL)",
            [replaced]).fetchall()] if replaced else []
        if gone:
            store.delete_articles(con, gone)
    return len(gone)


def load_robots(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, float]]:
    """host -> (robots.txt text, age in seconds)."""
    stamp = now()
    return {host: (body or "", (stamp - fetched).total_seconds())
            for host, body, fetched in con.execute("SELECT host, body, fetched_at FROM live_robots").fetchall()}


def save_robots(con: duckdb.DuckDBPyConnection, fetched: dict[str, str]) -> None:
    if not fetched:
        return
    stamp = now()
    with store.transaction(con):
        for host, body in fetched.items():
            con.execute("DELETE FROM live_robots WHERE host = ?", [host])
            con.execute("INSERT INTO live_robots VALUES (?, ?, ?)", [host, body, stamp])


def source_summary(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Each watched source (not the sitemaps an index points to): last success, last error, articles."""
    try:
        rows = con.execute("""
            SELECT s.url, s.kind, s.title, s.last_success, s.last_error, s.last_error_at,
                   (SELECT count(DISTINCT p.article_id) FROM live_pages p JOIN articles a ON a.id = p.article_id
                    WHERE p.source_url = s.url
                       OR p.source_url IN (SELECT c.url FROM live_sources c WHERE c.parent = s.url)) AS articles
            FROM live_sources s WHERE s.parent IS NULL ORDER BY s.url""").fetchall()
    except duckdb.CatalogException:  # a store written before live sources existed
        return []
    names = ("url", "kind", "title", "last_success", "last_error", "last_error_at", "articles")
    return [dict(zip(names, row)) for row in rows]
