"""The corpus path in one process: documents from files into the DuckDB store, in committed batches
(the batch writer itself is scale/sinks.py, shared with the parallel paths)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsevents import store
from newsevents.clean.corpus_furniture import with_site_furniture
from newsevents.model import ArticleResult
from newsevents.pipeline import Pipeline
from newsevents.read import read_paths
from newsevents.scale.sinks import ProcessReport, store_batch, write_batches

__all__ = ["ProcessReport", "process_paths", "store_results", "write_batches"]


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
                  resolve: bool = True, min_confidence: float | None = None,
                  full_corpus_step: bool = False, site_furniture: bool = True) -> ProcessReport:
    """Read, extract and store every document under `paths` in this process (events below
    `min_confidence` are not stored; None stores them all, and queries filter). The corpus step
    then updates the corpus tables for the new articles (`full_corpus_step`: recomputes them all).
    `site_furniture`: first learn each source's repeated lines over the whole input and drop them
    from plain-text pages (clean/corpus_furniture.py: the article id, a hash of the cleaned text,
    then depends on the run's other pages of the site, never on batching)."""
    con = store.connect(db)
    known = set() if force else store.stored_ids(con)
    con.close()
    if site_furniture:
        options = with_site_furniture(options, paths, input_format)
    pipeline = Pipeline(batch_size=batch_size, published=published, options=options or {},
                        min_confidence=min_confidence)
    documents = read_paths(paths, input_format)
    results = pipeline.run(documents, skip=known.__contains__ if known else None)
    report = store_results(results, db, batch_size=batch_size, progress=progress, on_error=on_error)
    if resolve:
        from newsevents.scale import resolve_corpus  # story clusters, merged events, corpus actors

        resolve_corpus(db, when_stale=True, full=full_corpus_step)
    return report
