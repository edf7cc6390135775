"""Worker side: one Pipeline per process, loaded once, run over chunks of documents.

The same function runs in a local process pool and on Dask workers. A chunk is exactly the
documents the single-process path would put in one `Pipeline.run` batch, so spaCy sees the same
batches and the records come out identical.
"""

from __future__ import annotations

import gc
import json
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from newsevents.model import ArticleResult, Document, DocumentError
from newsevents.nlp import MODEL_NAME


@dataclass(frozen=True)
class PipelineConfig:
    """Everything a worker needs to build the same Pipeline as the parent (hashable: a cache key)."""

    batch_size: int = 32
    published: str | None = None
    options_json: str = "{}"
    model: str = MODEL_NAME
    min_confidence: float | None = None

    @classmethod
    def make(cls, batch_size: int, published: str | None, options: dict[str, Any] | None,
             min_confidence: float | None = None) -> PipelineConfig:
        return cls(batch_size=batch_size, published=published,
                   options_json=json.dumps(options or {}, sort_keys=True, default=str), min_confidence=min_confidence)


_pipelines: dict[PipelineConfig, Any] = {}
_lock = threading.Lock()  # spaCy is not thread-safe: a Dask worker with several threads runs one chunk at a time
_known_ids: frozenset[str] = frozenset()


def pipeline_for(config: PipelineConfig):
    from newsevents.pipeline import Pipeline

    if config not in _pipelines:
        _pipelines[config] = Pipeline(model=config.model, batch_size=config.batch_size,
                                      published=config.published, options=json.loads(config.options_json),
                                      min_confidence=config.min_confidence)
    return _pipelines[config]


def init_pool_worker(config: PipelineConfig, known_ids: frozenset[str]) -> None:
    """Initializer of a local pool process: load the model now; Ctrl-C is the parent's business."""
    global _known_ids
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _known_ids = known_ids
    pipeline_for(config)
    # The model, the gazetteer and the tables live as long as the process: out of the collector's sight,
    # the full collections stop walking them (0.49 s of collector time per hundred articles, 0.04 s after).
    gc.freeze()


def run_chunk(documents: list[Document | DocumentError], config: PipelineConfig,
              known_ids: frozenset[str] | None = None) -> list[ArticleResult]:
    """Results for one chunk, in input order; skipped articles come back without their text."""
    known = _known_ids if known_ids is None else known_ids
    with _lock:
        pipeline = pipeline_for(config)
        results = list(pipeline.run(documents, skip=known.__contains__ if known else None))
    for result in results:
        if result.skipped:
            result.article = None  # the parent only counts them: do not ship the text back
    return results


def chunked(documents: Iterable[Document | DocumentError], size: int) -> Iterator[list[Document | DocumentError]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk
