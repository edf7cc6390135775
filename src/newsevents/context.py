"""What every extractor receives: the parsed article and what earlier extractors found.

The pipeline runs the extractors in a fixed order (entities, dates, places, quantities,
quotes, events) and fills this context as it goes, so a later extractor can use the
records of an earlier one (events use actors, dates and places) without reaching into
its internals.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newsevents.model import Article, DateMention, Entity, Event, Place, Quantity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass
class ArticleContext:
    article: Article
    doc: Doc
    published: date | None = None  # the base for relative dates; None when unknown
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # e.g. a loaded actor dictionary
    memo: dict[str, Any] = field(default_factory=dict)  # what the resolvers keep between calls for this article

    # spaCy builds these anew on every access (a new Token object per `doc[i]`, a new tuple of spans
    # per `doc.ents`, the whole text joined again per `doc.text`); the extractors ask thousands of times.
    @cached_property
    def text(self) -> str:
        """The parsed text: the article's own when it was parsed from it (spaCy keeps text verbatim)."""
        last = self.doc[-1] if len(self.doc) else None
        parsed_length = last.idx + len(last.text_with_ws) if last is not None else 0
        return self.article.text if len(self.article.text) == parsed_length else self.doc.text

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.doc)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return self.doc.ents

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sents]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence containing character offset `char`."""
        return max(bisect_right(self.sentence_starts, char) - 1, 0)
