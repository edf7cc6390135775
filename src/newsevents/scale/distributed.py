"""A Dask distributed cluster: chunks go to the workers (each keeps a loaded Pipeline), results
come back to this process, which alone writes them.

Start workers with one thread each (`dask worker tcp://HOST:PORT --nthreads 1 --nworkers N`):
spaCy runs one chunk at a time per worker process anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsevents.model import ArticleResult
from newsevents.scale.local import in_order
from newsevents.scale.workers import PipelineConfig, run_chunk


def run_dask(chunks: Iterable[list], config: PipelineConfig, scheduler: str,
             known_ids: frozenset[str]) -> Iterator[list[ArticleResult]]:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("--scheduler needs the 'distributed' package (pip install 'dask[distributed]')") from None
    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OSError(f"cannot reach the Dask scheduler at {scheduler}: {str(exc).splitlines()[0]}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # The stored ids go to every worker once, not with every chunk.
        known = client.scatter(known_ids, broadcast=True, hash=False) if known_ids else None
        yield from in_order(lambda chunk: client.submit(run_chunk, chunk, config, known, pure=False),
                            chunks, window=2 * workers + 1)
    finally:
        client.close()
