"""Actor coding: country (ISO alpha-3) and sector for a mention, from the tables in data/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.model import Actor, Entity

if TYPE_CHECKING:
    from spacy.tokens import Span

    from newsevents.extract.context import ArticleContext


def code_entities(entities: list[Entity], ctx: ArticleContext) -> None:
    """Fill country, sector and title of the actor-like entities in place."""


def code_span(span: Span, ctx: ArticleContext) -> Actor:
    """Code any noun phrase as an actor ("Russian forces", "the Kremlin", "he")."""
    return Actor(text=span.text, start=span.start_char, end=span.end_char)
