"""The corpus path: documents from files into the DuckDB store, in committed batches."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents import store
from newsevents.model import ArticleResult
from newsevents.pipeline import Pipeline
from newsevents.read import read_paths

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
    from newsevents.resolve.clusters import add_signatures

    written = store.write_results(con, batch)[0]
    add_signatures(con)
    return written


def store_results(results: Iterable[ArticleResult], db: str, batch_size: int = 64, progress: bool = False,
                  on_error: Callable[[str, str], None] | None = None) -> ProcessReport:
    """Write results to the DuckDB store `db` in committed batches."""
    con = store.connect(db)
    try:
        return write_batches(results, lambda batch: store_batch(con, batch), batch_size,
                             progress=progress, on_error=on_error)
    finally:
        con.close()


def process_paths(paths: list[str], db: str = store.DEFAULT_DB, *, input_format: str = "auto",
                  published: str | None = None, force: bool = False, batch_size: int = 32,
                  progress: bool = False, options: dict | None = None,
                  on_error: Callable[[str, str], None] | None = None,
                  resolve: bool = True) -> ProcessReport:
    """Read, extract and store every document under `paths` in this process."""
    con = store.connect(db)
    known = set() if force else store.stored_ids(con)
    con.close()
    pipeline = Pipeline(batch_size=batch_size, published=published, options=options or {})
    documents = read_paths(paths, input_format)
    results = pipeline.run(documents, skip=known.__contains__ if known else None)
    report = store_results(results, db, batch_size=batch_size, progress=progress, on_error=on_error)
    if resolve:
        from newsevents.scale import resolve_corpus  # story clusters, merged events, corpus actors

        resolve_corpus(db, when_stale=True)
    return report
