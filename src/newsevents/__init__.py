"""newsevents: turn raw news into event data (events, quotes, quantities, dates, places)."""

from newsevents.model import (
    Actor,
    Article,
    ArticleResult,
    DateMention,
    Document,
    DocumentError,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
)
from newsevents.pipeline import Pipeline, extract

__all__ = [
    "Actor", "Article", "ArticleResult", "DateMention", "Document", "DocumentError", "Entity",
    "Event", "Place", "Quantity", "Quote", "Pipeline", "extract",
]
__version__ = "0.1.0"
