"""Date expressions normalized against the publication date."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import DateMention


def extract_dates(ctx: ArticleContext) -> list[DateMention]:
    return []
