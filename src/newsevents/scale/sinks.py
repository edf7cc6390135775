"""Where results go, one batch at a time: the DuckDB store, or a folder of Parquet partitions.

Both are resumable: a batch is committed whole or not at all, and `known_ids()` tells the next
run which articles to skip.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsevents import store
from newsevents.model import ArticleResult

if TYPE_CHECKING:
    import duckdb


@dataclass
class ProcessReport:
    written: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


def write_batches(results: Iterable[ArticleResult], write: Callable[[list[ArticleResult]], int],
                  batch_size: int = 64, progress: bool = False,
                  on_error: Callable[[str, str], None] | None = None) -> ProcessReport:
    """Hand results to `write` in batches (one transaction each), so a crash loses at most a batch.

    `write` stores a batch and returns how many articles it wrote: the DuckDB store here, or a
    sink of `newsevents.scale` (Parquet partitions).
    """
    report = ProcessReport()
    if progress:
        from tqdm import tqdm

        results = tqdm(results, unit="doc", file=sys.stderr, dynamic_ncols=True)
    batch: list[ArticleResult] = []
    for result in results:
        if result.skipped:
            report.skipped += 1
            continue
        if result.error is not None:
            report.errors.append((result.id, result.error))
            if on_error:
                on_error(result.id, result.error)
        batch.append(result)
        if len(batch) >= batch_size:
            report.written += write(batch)
            batch = []
    if batch:
        report.written += write(batch)
    return report


def store_batch(con: duckdb.DuckDBPyConnection, batch: list[ArticleResult]) -> int:
    """Commit one batch to the store, then sign its articles for story clustering: hashing as the
    run goes leaves the corpus step at the end (one process, after the workers) only the clustering."""
    import duckdb

    from newsevents.resolve.clusters import add_signatures

    written = store.write_results(con, batch)[0]
    try:
        add_signatures(con)
    except duckdb.Error as exc:  # a full or failing disk: the batch is stored, its signatures wait
        reason = str(exc).splitlines()[0]
        raise store.StoreError(f"could not sign a batch of {len(batch)} documents for clustering ({reason}); "
                               "the batch and everything stored before it are kept") from None
    return written


class StoreSink:
    """The DuckDB store: one transaction per batch, replacing the batch's articles."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.con = store.connect(db)

    def known_ids(self) -> set[str]:
        return store.stored_ids(self.con)

    def write(self, batch: list[ArticleResult]) -> int:
        return store_batch(self.con, batch)

    def close(self) -> None:
        self.con.close()


_PART = re.compile(r"^part-(\d+)\.parquet$")


class ParquetSink:
    """`DIR/<table>/part-NNNNNN.parquet`, one file per batch per table, the store's flat schema.

    Rows are staged in an in-memory DuckDB with the store's schema (so the columns are exactly
    the store's), then copied out. The articles file is written last and marks the batch as
    committed: on start, files of batches without one (a run killed mid-batch) are removed.
    Read them with `SELECT * FROM read_parquet('DIR/events/*.parquet')`.
    """

    def __init__(self, out_dir: str, force: bool = False) -> None:
        self.out = Path(out_dir)
        if force and (self.out / "articles").is_dir() and any((self.out / "articles").glob("part-*.parquet")):
            raise ValueError(f"--force with --out needs a new or empty folder ({out_dir} already holds "
                             "articles; Parquet partitions cannot replace rows)")
        for table in store.TABLES:
            (self.out / table).mkdir(parents=True, exist_ok=True)
        committed = self._parts("articles")
        for table in store.TABLES:
            for path in (self.out / table).iterdir():
                number = self._number(path)
                if path.name.endswith(".tmp") or (number is not None and number not in committed):
                    path.unlink()
        self.next_part = max(committed, default=-1) + 1
        self.stage = store.connect(":memory:")

    def _number(self, path: Path) -> int | None:
        match = _PART.match(path.name)
        return int(match.group(1)) if match else None

    def _parts(self, table: str) -> set[int]:
        return {n for p in (self.out / table).iterdir() if (n := self._number(p)) is not None}

    def known_ids(self) -> set[str]:
        if not self._parts("articles"):
            return set()
        pattern = store._sql_path(self.out / "articles" / "*.parquet")
        return {row[0] for row in self.stage.execute(f"SELECT id FROM read_parquet('{pattern}')").fetchall()}

    def write(self, batch: list[ArticleResult]) -> int:
        written = store.write_results(self.stage, batch)[0]
        name = f"part-{self.next_part:06d}.parquet"
        for table in [t for t in store.TABLES if t != "articles"] + ["articles"]:
            final = self.out / table / name
            temporary = final.with_name(name + ".tmp")
            self.stage.execute(f"COPY {table} TO '{store._sql_path(temporary)}' (FORMAT parquet)")
            os.replace(temporary, final)
            self.stage.execute(f"DELETE FROM {table}")
        self.next_part += 1
        return written

    def close(self) -> None:
        self.stage.close()
