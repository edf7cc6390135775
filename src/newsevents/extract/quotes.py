"""Quotes with their speakers."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import Quote


def extract_quotes(ctx: ArticleContext) -> list[Quote]:
    return []
