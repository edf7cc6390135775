"""Toponyms recognised and resolved to coordinates."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import Place


def extract_places(ctx: ArticleContext) -> list[Place]:
    return []
