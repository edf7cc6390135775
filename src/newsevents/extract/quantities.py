"""Numeric claims: how many of what."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import Quantity


def extract_quantities(ctx: ArticleContext) -> list[Quantity]:
    return []
