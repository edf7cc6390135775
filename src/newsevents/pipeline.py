"""Wiring the stages: read -> clean -> annotate (spaCy) -> extract -> resolve.

`Pipeline.run` is the corpus path (batches through `nlp.pipe`); `Pipeline.extract` is the
one-article path. Both go through `_extract_all`, so they give the same records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.clean import prepare_article
from newsevents.clean.furniture import source_key
from newsevents.context import ArticleContext
from newsevents.extract.dates import extract_dates
from newsevents.extract.entities import extract_entities
from newsevents.extract.events import extract_events
from newsevents.extract.places import extract_places
from newsevents.extract.quantities import extract_quantities
from newsevents.extract.quotes import extract_quotes
from newsevents.model import Article, ArticleResult, Document, DocumentError
from newsevents.nlp import MAX_CHARS, MODEL_NAME, load_model

log = logging.getLogger(__name__)

# The extractors in the order they run: each may read what the earlier ones put in the context.
STAGES: list[tuple[str, Callable[[ArticleContext], list]]] = [
    ("entities", extract_entities),
    ("dates", extract_dates),
    ("places", extract_places),
    ("quantities", extract_quantities),
    ("quotes", extract_quotes),
    ("events", extract_events),
]


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Pipeline:
    """The loaded model and options, reused over many documents."""

    model: str = MODEL_NAME
    batch_size: int = 32
    published: str | None = None  # default publication date for documents without one
    options: dict[str, Any] = field(default_factory=dict)
    stages: list[tuple[str, Callable[[ArticleContext], list]]] = field(default_factory=lambda: list(STAGES))
    min_confidence: float | None = None  # events below it are left out of the results (None: keep all)

    def __post_init__(self) -> None:
        self.nlp = load_model(self.model)
        # {source key: furniture lines} learned over a run's whole input (clean/corpus_furniture.py),
        # made frozensets once here rather than per article.
        self.site_furniture = {key: frozenset(lines)
                               for key, lines in (self.options.get("site_furniture") or {}).items()}

    def prepare(self, document: Document) -> Article:
        """Clean one document into an Article (raises ValueError with a one-line reason)."""
        if document.published is None and self.published:
            document.published = self.published
        furniture = self.site_furniture.get(source_key(document.source, document.url)) \
            if self.site_furniture else None
        article = prepare_article(document, furniture or frozenset())
        if len(article.text) > MAX_CHARS:
            raise ValueError(f"article text is {len(article.text):,} characters, over the {MAX_CHARS:,} limit "
                             "(NEWSEVENTS_MAX_CHARS)")
        return article

    def run(self, documents: Iterable[Document | DocumentError],
            skip: Callable[[str], bool] | None = None) -> Iterator[ArticleResult]:
        """Results in input order, one per document; bad documents come out with `error` set.

        `skip(article_id)` true marks an article as `skipped` (already stored) without parsing it.
        """
        iterator = iter(documents)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._run_batch(batch, skip)

    def _run_batch(self, batch: list[Document | DocumentError],
                   skip: Callable[[str], bool] | None = None) -> Iterator[ArticleResult]:
        prepared: list[ArticleResult] = []
        for document in batch:
            if isinstance(document, DocumentError):
                prepared.append(ArticleResult(id=document.id, error=document.error))
                continue
            try:
                prepared.append(ArticleResult(id=document.id, article=self.prepare(document)))
            except ValueError as exc:
                prepared.append(ArticleResult(id=document.id, error=str(exc)))
        for result in prepared:
            if result.error is None and skip is not None and skip(result.article.id):
                result.skipped = True
        english = [r for r in prepared if r.error is None and not r.skipped and r.article.language == "en"]
        docs = self.nlp.pipe((r.article.text for r in english), batch_size=self.batch_size)
        for result, doc in zip(english, docs):
            try:
                self._extract_all(result, doc)
            except Exception as exc:  # one document's bug must not stop the corpus
                log.debug("extraction failed for %s", result.id, exc_info=True)
                result.error = f"extraction failed: {type(exc).__name__}: {exc}"
        yield from prepared

    def _extract_all(self, result: ArticleResult, doc) -> None:
        ctx = ArticleContext(
            article=result.article, doc=doc, published=parse_published(result.article.published),
            options=dict(self.options),
        )
        for name, extractor in self.stages:
            records = extractor(ctx)
            setattr(ctx, name, records)
            setattr(result, name, records)
        if self.min_confidence:
            result.events = [e for e in result.events if (e.confidence or 0.0) >= self.min_confidence]

    def extract(self, source: str | Path | Document, *, raw: bool = False,
                published: str | None = None) -> ArticleResult:
        """One article from a string of text, a file path, or a Document."""
        if isinstance(source, Document):
            document = source
        elif isinstance(source, Path) or (isinstance(source, str) and _names_a_file(source)):
            from newsevents.read import read_paths

            document = next(iter(read_paths([str(source)])))
            if isinstance(document, DocumentError):
                return ArticleResult(id=document.id, error=document.error)
        else:
            document = Document(id="text", text=str(source))
        document.raw = document.raw or raw
        if published:
            document.published = published
        return next(self.run([document]))


def _names_a_file(text: str) -> bool:
    """Whether a string given to extract() is a file's path rather than the article's text. A
    one-line text longer than the system's longest file name raises OSError on the test: it is text."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # "File name too long", or a NUL character in the text
        return False


def extract(source: str | Path | Document, *, raw: bool = False, published: str | None = None,
            min_confidence: float | None = None, **options: Any) -> ArticleResult:
    """Extract everything from one article (text, file path or Document), with a shared model.
    Events below `min_confidence` (default: the event model's threshold; 0 keeps all) are left out."""
    if min_confidence is None:
        from newsevents.extract.event_decision import default_threshold

        min_confidence = default_threshold()
    return Pipeline(options=options, min_confidence=min_confidence).extract(source, raw=raw, published=published)
