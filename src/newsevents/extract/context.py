"""What every extractor receives: the parsed article and what earlier extractors found.

The pipeline runs the extractors in a fixed order (entities, dates, places, quantities,
quotes, events) and fills this context as it goes, so a later extractor can use the
records of an earlier one (events use actors, dates and places) without reaching into
its internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newsevents.model import Article, DateMention, Entity, Event, Place, Quantity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


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

    @cached_property
    def text(self) -> str:
        """The parsed text (spaCy's `Doc.text` joins every token anew on each access: once here)."""
        return self.doc.text

    def sentence_index(self, char: int) -> int:
        """Index of the sentence containing character offset `char`."""
        starts = self.options.get("_sentence_starts")
        if starts is None:  # computed once per article (setdefault would rebuild the list on every call)
            starts = self.options["_sentence_starts"] = [s.start_char for s in self.doc.sents]
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return max(lo, 0)
