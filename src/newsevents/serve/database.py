"""The server's read-only view of the store: opened lazily, shared by threads through cursors.

The store file is attached READ_ONLY to an in-memory DuckDB database, which also holds the
full-text index (see search.py) and a view per store table, so `query.select` runs unchanged.
A missing or locked file is not fatal: requests get a 503 with the reason, and the next
request after RETRY_SECONDS tries to open it again.

`shared=True` is for `serve --watch`, where this process owns the store: it is opened for writing
once, and the ingest thread's connections (`store.connect` of the same path) share its DuckDB
instance, so every request reads the last committed state while a round writes (MVCC: readers
never wait for the writer). Search then uses LIKE: an index copied at start would go stale.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsevents import store
from newsevents.serve.search import build_search_index

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
QUIET = "SET enable_progress_bar = false"  # per connection; DuckDB would draw bars on the server's stdout


class StoreUnavailable(Exception):
    """The database cannot be read right now; the message says why in one line."""


class Database:
    def __init__(self, path: str | Path, shared: bool = False) -> None:
        self.path = str(path)
        self.shared = shared
        self.fts = False
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._error: str | None = None
        self._failed_at = 0.0

    def open(self) -> None:
        """Open now (at start-up) so that a problem is logged at once; never raises."""
        try:
            with self.cursor():
                pass
        except StoreUnavailable as exc:
            log.warning("%s", exc)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (DuckDB connections are not shared across threads)."""
        with self._lock:
            if self._con is None:
                if self._error and time.monotonic() - self._failed_at < RETRY_SECONDS:
                    raise StoreUnavailable(self._error)
                try:
                    self._con = self._connect()
                    self._error = None
                except StoreUnavailable as exc:
                    self._error, self._failed_at = str(exc), time.monotonic()
                    raise
            cur = self._con.cursor()
        cur.execute(QUIET)
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.shared:
            try:
                return store.connect(self.path)  # creates the store if needed: the watcher fills it
            except store.StoreError as exc:
                raise StoreUnavailable(str(exc)) from None
        path = Path(self.path)
        if not path.is_file():
            raise StoreUnavailable(f"no database at {self.path} (run `newsevents process` first)")
        # One thread per query: concurrency comes from concurrent requests; no progress bars on stdout.
        con = duckdb.connect(":memory:", config={"threads": 1})
        con.execute(QUIET)
        try:
            con.execute(f"ATTACH '{self.path.replace(chr(39), chr(39) * 2)}' AS store (READ_ONLY)")
        except duckdb.Error as exc:
            con.close()
            message = str(exc).splitlines()[0]
            if "lock" in message.lower():
                raise StoreUnavailable(f"{self.path} is in use by a writer (e.g. `newsevents process`); "
                                       "try again when it has finished") from None
            raise StoreUnavailable(f"cannot open {self.path}: {message}") from None
        try:
            self._check_schema(con)
            for table in store.TABLES:
                con.execute(f"CREATE VIEW main.{table} AS SELECT * FROM store.main.{table}")
        except (duckdb.Error, StoreUnavailable) as exc:
            con.close()
            if isinstance(exc, StoreUnavailable):
                raise
            raise StoreUnavailable(f"{self.path}: {str(exc).splitlines()[0]}") from None
        started = time.perf_counter()
        self.fts = build_search_index(con)
        log.info("opened %s read-only (full-text index: %s, %.1f s)", self.path,
                 "yes" if self.fts else "no, LIKE fallback", time.perf_counter() - started)
        return con

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            row = con.execute("SELECT value FROM store.main.meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            raise StoreUnavailable(f"{self.path} is not a newsevents database (no meta table)") from None
        if row is None or str(row[0]) != str(store.SCHEMA_VERSION):
            found = row[0] if row else "none"
            raise StoreUnavailable(f"{self.path} has schema version {found}; "
                                   f"this newsevents needs {store.SCHEMA_VERSION}")
