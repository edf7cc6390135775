"""PLOVER/CAMEO events with coded source and target actors."""

from __future__ import annotations

from newsevents.extract.context import ArticleContext
from newsevents.model import Event


def extract_events(ctx: ArticleContext) -> list[Event]:
    return []
