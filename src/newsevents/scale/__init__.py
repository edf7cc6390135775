"""Corpus scale: the same records as `process.process_paths`, from a process pool, a Dask
cluster, or into Parquet partitions; then the corpus-wide resolution (story clusters, merged
events, cross-article actors).

The parent reads documents lazily and cuts them into chunks of a few documents; at most a few
chunks per worker are in flight, results come back in input order and are written by this
process alone, one transaction per `batch_size` documents.
Articles already stored (same id = same normalized text) are skipped unless `force`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from newsevents import store
from newsevents.clean.corpus_furniture import with_site_furniture
from newsevents.model import ArticleResult
from newsevents.read import read_paths
from newsevents.scale.sinks import ParquetSink, ProcessReport, StoreSink, write_batches
from newsevents.scale.workers import PipelineConfig, chunked

__all__ = ["process_parallel", "resolve_corpus", "ProcessReport"]

# Documents per chunk of work (and per spaCy batch on the worker). Small, so that the last chunks
# keep every worker busy to the end: with chunks of 32, one worker sat idle for seconds while the
# other finished. spaCy parses a document the same in a batch of any size, so the records stay
# those of the single-process path (tests/test_scale.py checks both).
CHUNK_SIZE = 8


def process_parallel(paths: list[str], db: str = store.DEFAULT_DB, *, workers: int = 1,
                     scheduler: str | None = None, out_dir: str | None = None, progress: bool = False,
                     input_format: str = "auto", published: str | None = None, force: bool = False,
                     batch_size: int = 32, options: dict | None = None,
                     on_error: Callable[[str, str], None] | None = None, resolve: bool = True,
                     min_confidence: float | None = None, full_corpus_step: bool = False,
                     site_furniture: bool = True) -> ProcessReport:
    """Process `paths` with `workers` local processes, or on the Dask cluster at `scheduler`;
    write to the store `db`, or to Parquet partitions under `out_dir`. `site_furniture`: as in
    `process.process_paths`, learned here in the parent over the whole input, so every worker
    cleans with the same lines whatever its chunks."""
    if workers < 1:
        raise ValueError(f"--workers must be at least 1 (got {workers})")
    if batch_size < 1:
        raise ValueError(f"--batch-size must be at least 1 (got {batch_size})")
    sink = ParquetSink(out_dir, force=force) if out_dir else StoreSink(db)
    try:
        known = frozenset() if force else frozenset(sink.known_ids())
        chunk_size = min(batch_size, CHUNK_SIZE)
        if site_furniture:
            options = with_site_furniture(options, paths, input_format)
        config = PipelineConfig.make(chunk_size, published, options, min_confidence)
        chunks = chunked(read_paths(paths, input_format), chunk_size)
        if scheduler:
            from newsevents.scale.distributed import run_dask

            results = run_dask(chunks, config, scheduler, known)
        elif workers > 1:
            from newsevents.scale.local import run_pool

            results = run_pool(chunks, config, workers, known)
        else:
            from newsevents.scale.local import run_in_process

            results = run_in_process(chunks, config, known)
        try:
            report = write_batches(_flat(results), sink.write, batch_size, progress=progress, on_error=on_error)
        finally:
            results.close()  # stops the workers at once when writing was interrupted
    finally:
        sink.close()
    if resolve and not out_dir:
        resolve_corpus(db, when_stale=True, full=full_corpus_step)
    return report


def _flat(chunks: Iterable[list[ArticleResult]]) -> Iterator[ArticleResult]:
    for chunk in chunks:
        yield from chunk


def resolve_corpus(db: str = store.DEFAULT_DB, when_stale: bool = False, full: bool = False) -> dict[str, int]:
    """Story clusters, merged corpus events and cross-article actors for the whole store.

    Incremental (resolve/corpus_step.py): only the articles written or removed since the last step
    are signed, matched against the stored LSH buckets and resolved with the clusters, name groups
    and merged events they touch; the result equals a full recomputation, which `full` forces. With
    `when_stale`, nothing is done when no article changed since the last completed step.
    """
    from newsevents.resolve.corpus_step import corpus_step

    con = store.connect(db)
    try:
        state = str(con.execute("SELECT count(*), max(processed_at) FROM articles").fetchone())
        done = con.execute("SELECT value FROM meta WHERE key = 'corpus_resolved'").fetchone()
        if when_stale and not full and done is not None and done[0] == state:
            return {}
        counts = corpus_step(con, full=full)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_resolved', ?)", [state])
    finally:
        con.close()
    return counts
