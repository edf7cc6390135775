"""Processes on one machine: a pool of spawned workers, each with its own model, fed bounded chunks."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from newsevents.model import ArticleResult
from newsevents.scale.workers import PipelineConfig, init_pool_worker, run_chunk


def in_order(submit: Callable[[Any], Future], chunks: Iterable[Any], window: int) -> Iterator[list[ArticleResult]]:
    """Submit chunks with at most `window` in flight; yield their results in submission order.

    The bound keeps memory flat however long the input; the order makes the store identical to a
    single-process run (when one input holds the same article twice, the later copy wins in both).
    """
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_in_process(chunks: Iterable[list], config: PipelineConfig,
                   known_ids: frozenset[str]) -> Iterator[list[ArticleResult]]:
    for chunk in chunks:
        yield run_chunk(chunk, config, known_ids)


def run_pool(chunks: Iterable[list], config: PipelineConfig, workers: int,
             known_ids: frozenset[str]) -> Iterator[list[ArticleResult]]:
    # spawn, not fork: the parent may hold a DuckDB connection and threads that must not be copied.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_pool_worker,
                               initargs=(config, known_ids))
    finished = False
    try:
        yield from in_order(lambda chunk: pool.submit(run_chunk, chunk, config), chunks, window=2 * workers + 1)
        finished = True
    finally:
        if not finished:  # interrupted: do not wait for chunks nobody will write
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=finished, cancel_futures=not finished)
